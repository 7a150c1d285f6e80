//! Code highlighting with syntect, as CSS classes so one stylesheet per
//! colour scheme styles every page.
//!
//! syntect's own syntaxes come first; languages it lacks (TOML, TypeScript,
//! Dockerfile, …) come from the larger set of the `two-face` crate, loaded
//! only when a block asks for one of them, so builds without such blocks pay
//! nothing for it. Console sessions (`console`) are cut into prompts,
//! commands (highlighted as shell) and output, in `console`.

mod console;

use std::sync::OnceLock;
use syntect::highlighting::ThemeSet;
use syntect::html::{css_for_theme_with_class_style, ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::{SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };
const LIGHT_THEME: &str = "InspiredGitHub";
const DARK_THEME: &str = "base16-ocean.dark";

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// The syntaxes syntect lacks, from `two-face` (bat's set): about 1 MB to
/// decode, so loaded on first need.
fn extra_syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(two_face::syntax::extra_newlines)
}

/// The syntax for `lang` and the set it belongs to: syntect's own first,
/// then the extra set.
fn find(lang: &str) -> Option<(&'static SyntaxReference, &'static SyntaxSet)> {
    if lang.is_empty() {
        return None;
    }
    [syntaxes as fn() -> &'static SyntaxSet, extra_syntaxes]
        .into_iter()
        .find_map(|set| {
            let set = set();
            set.find_syntax_by_token(lang).map(|syntax| (syntax, set))
        })
}

/// The HTML inside `<code>` for a block in language `lang`: highlighted when
/// the language is known, escaped plain text otherwise.
pub fn highlight(code: &str, lang: &str) -> String {
    if console::is_session(lang) {
        return console::highlight(code);
    }
    match find(lang) {
        Some((syntax, set)) => highlight_with(code, syntax, set),
        None => escape(code),
    }
}

fn highlight_with(code: &str, syntax: &SyntaxReference, set: &SyntaxSet) -> String {
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        if generator.parse_html_for_line_which_includes_newline(line).is_err() {
            return escape(code);
        }
    }
    generator.finalize()
}

/// Whether `lang` gets highlighted.
pub fn knows(lang: &str) -> bool {
    console::is_session(lang) || find(lang).is_some()
}

/// The light and dark stylesheets for the highlighting classes.
pub fn stylesheets() -> (String, String) {
    let themes = ThemeSet::load_defaults();
    let css = |name: &str| {
        themes
            .themes
            .get(name)
            .and_then(|t| css_for_theme_with_class_style(t, CLASS_STYLE).ok())
            .unwrap_or_default()
    };
    (
        readable(&css(LIGHT_THEME), CODE_BACKGROUND_LIGHT),
        readable(&css(DARK_THEME), CODE_BACKGROUND_DARK),
    )
}

/// The default theme's code-block backgrounds (`--bg-soft`), light and dark.
const CODE_BACKGROUND_LIGHT: [u8; 3] = [0xf4, 0xf6, 0xf9];
const CODE_BACKGROUND_DARK: [u8; 3] = [0x1a, 0x1f, 0x27];

/// Rewrites the text colours of a syntect stylesheet so each keeps a 4.5:1
/// contrast (WCAG AA) with the background it is drawn on: the stock themes'
/// comments and tags fall short. The block background is left to the theme's
/// CSS, so code blocks match the page in light and dark.
fn readable(css: &str, page_background: [u8; 3]) -> String {
    let mut out = String::with_capacity(css.len());
    for rule in css.split_inclusive('}') {
        let selector = rule.split('{').next().unwrap_or_default();
        let is_code_block = selector.trim_end().ends_with(".hl-code");
        let background = declared(rule, "background-color")
            .filter(|_| !is_code_block)
            .unwrap_or(page_background);
        for line in rule.split_inclusive('\n') {
            let declaration = line.trim_start();
            if is_code_block && declaration.starts_with("background-color:") {
                continue;
            }
            match declaration
                .strip_prefix("color:")
                .and_then(|v| hex(v.trim().trim_end_matches(';')))
            {
                Some(colour) => {
                    let [r, g, b] = with_contrast(colour, background, 4.5);
                    out.push_str(&format!(" color: #{r:02x}{g:02x}{b:02x};\n"));
                }
                None => out.push_str(line),
            }
        }
    }
    out
}

fn declared(rule: &str, property: &str) -> Option<[u8; 3]> {
    rule.lines()
        .find_map(|l| l.trim().strip_prefix(property)?.trim_start().strip_prefix(':'))
        .and_then(|v| hex(v.trim().trim_end_matches(';')))
}

fn hex(value: &str) -> Option<[u8; 3]> {
    let digits = value.strip_prefix('#')?;
    if digits.len() != 6 {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&digits[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

fn luminance([r, g, b]: [u8; 3]) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Moves `colour` towards black (on a light background) or white (on a dark
/// one) until it reaches `ratio`, keeping its hue as far as it can.
fn with_contrast(colour: [u8; 3], background: [u8; 3], ratio: f64) -> [u8; 3] {
    let target = if luminance(background) > 0.18 { 0.0 } else { 255.0 };
    let mut step = 0.0;
    loop {
        let mixed = colour.map(|c| (f64::from(c) + (target - f64::from(c)) * step).round() as u8);
        if step >= 1.0 || contrast(mixed, background) >= ratio {
            return mixed;
        }
        step += 0.02;
    }
}

/// Escapes text for HTML: `&`, `<`, `>`, `"` and `'`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_highlight_colour_meets_aa_contrast() {
        let (light, dark) = stylesheets();
        for (css, background) in [(light, CODE_BACKGROUND_LIGHT), (dark, CODE_BACKGROUND_DARK)] {
            let mut checked = 0;
            for rule in css.split_inclusive('}') {
                let on = declared(rule, "background-color").unwrap_or(background);
                if let Some(colour) = declared(rule, "color") {
                    assert!(contrast(colour, on) >= 4.5, "{rule}");
                    checked += 1;
                }
            }
            assert!(checked > 20, "{checked} colours checked");
            let code_block = css
                .split_inclusive('}')
                .find(|r| r.contains(".hl-code {"))
                .unwrap_or_default();
            assert!(declared(code_block, "color").is_some(), "{code_block}");
            assert!(declared(code_block, "background-color").is_none(), "{code_block}");
        }
    }

    #[test]
    fn contrast_matches_the_wcag_formula() {
        assert!((contrast([0, 0, 0], [255, 255, 255]) - 21.0).abs() < 1e-9);
        assert!((contrast([0x76, 0x76, 0x76], [255, 255, 255]) - 4.54).abs() < 0.01);
    }

    #[test]
    fn known_languages_get_classes() {
        let html = highlight("fn main() {}\n", "rust");
        assert!(html.contains("class=\"hl-"), "{html}");
    }

    #[test]
    fn languages_syntect_lacks_come_from_the_extra_set() {
        for lang in ["toml", "ts", "typescript", "dockerfile", "Dockerfile", "tsx"] {
            assert!(
                syntaxes().find_syntax_by_token(lang).is_none(),
                "{lang} is in syntect's own set now"
            );
            assert!(knows(lang), "{lang}");
        }
        let html = highlight("[book]\ntitle = \"x\"\n", "toml");
        assert!(html.contains("class=\"hl-"), "{html}");
    }

    #[test]
    fn unknown_languages_are_plain_escaped_text() {
        assert_eq!(highlight("a < b\n", "no-such-lang"), "a &lt; b\n");
        assert!(!knows("no-such-lang"));
    }

    #[test]
    fn both_stylesheets_have_rules() {
        let (light, dark) = stylesheets();
        assert!(light.contains(".hl-"));
        assert!(dark.contains(".hl-"));
        assert_ne!(light, dark);
    }
}
