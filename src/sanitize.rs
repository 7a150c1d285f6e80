//! What a writer's Markdown may put in front of readers: no script URLs in
//! links and images, and raw HTML cut down to a safe allow-list (unless
//! book.toml allows it as written). Sanitising is ammonia's work; this
//! module says what journeybook's own markup needs to survive it.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::sync::LazyLock;

/// `[markdown] raw-html` in book.toml: what becomes of HTML written in Markdown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum RawHtml {
    /// `sanitise` (the default): kept, but cut down to safe elements and attributes.
    #[default]
    #[serde(alias = "sanitize")]
    Sanitise,
    /// `allow`: passed through as written, scripts included; for writers every reader trusts.
    Allow,
}

/// The scheme of `url` when following it would run code or show content
/// that comes from the link itself: `javascript:`, `vbscript:`, `data:`.
/// Compared as browsers do: case aside, and with tabs, line breaks and
/// control characters removed (entities are already decoded by the
/// Markdown parser).
pub fn script_scheme(url: &str) -> Option<&'static str> {
    let (written, _) = url.split_once(':')?;
    let mut scheme = String::new();
    for c in written.chars() {
        if c.is_ascii_control() || c == ' ' {
            continue;
        }
        // Long enough for every scheme refused.
        if scheme.len() > 10 {
            return None;
        }
        scheme.push(c.to_ascii_lowercase());
    }
    ["javascript", "vbscript", "data"].into_iter().find(|s| *s == scheme)
}

/// The theme's own element ids (`jb-…`), which raw HTML may not take.
const THEME_ID_PREFIX: &str = crate::markdown::THEME_ID_PREFIX;

/// What pulldown-cmark writes for a table column's alignment.
const ALIGNMENTS: [&str; 3] = ["text-align: left", "text-align: center", "text-align: right"];

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        // The page's own links keep their meaning; `rel` would change them.
        .link_rel(None)
        .add_tags(["input"])
        // What journeybook writes around the writer's text: heading ids and
        // their `#` links, highlighted code, footnotes, task lists.
        .add_generic_attributes(["class"])
        // Raw HTML's ids (and old `<a name>`s) are anchors that links name.
        .add_generic_attributes(["id"])
        .add_tag_attributes("a", ["aria-label", "id", "name"])
        .add_tag_attributes("pre", ["data-lang", "tabindex"])
        .add_tag_attributes("div", ["id"])
        .add_tag_attributes("sup", ["id"])
        .add_tag_attributes("li", ["id"])
        .add_tag_attributes("input", ["type", "checked", "disabled", "aria-label"])
        .add_tag_attributes("th", ["style"])
        .add_tag_attributes("td", ["style"]);
    for level in ["h1", "h2", "h3", "h4", "h5", "h6"] {
        builder.add_tag_attributes(level, ["id"]);
    }
    builder.attribute_filter(|element, attribute, value| match (element, attribute) {
        (_, "id") if value.starts_with(THEME_ID_PREFIX) => None,
        ("th" | "td", "style") => ALIGNMENTS.contains(&value).then_some(Cow::Borrowed(value)),
        ("input", "type") => (value == "checkbox").then_some(Cow::Borrowed(value)),
        ("pre", "tabindex") => (value == "0").then_some(Cow::Borrowed(value)),
        _ => Some(Cow::Borrowed(value)),
    });
    builder
});

/// The HTML of a page body with raw HTML in it, cut down to the allow-list.
pub fn clean(html: &str) -> String {
    CLEANER.clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_schemes_are_found_however_written() {
        for url in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "\u{1}javascript:x",
            "VBScript:msgbox",
            "data:text/html,<script>",
            "DATA:image/svg+xml,<svg>",
        ] {
            assert!(script_scheme(url).is_some(), "{url:?}");
        }
        for url in [
            "https://example.org",
            "mailto:a@b.c",
            "guides/a.md",
            "java.md",
            "#data",
            "my-data:x",
        ] {
            assert_eq!(script_scheme(url), None, "{url:?}");
        }
    }

    #[test]
    fn raw_html_is_cut_down_and_generated_markup_kept() {
        let generated = concat!(
            "<h2 id=\"why\">Why<a class=\"heading-anchor\" href=\"#why\" aria-label=\"Link\">#</a></h2>\n",
            "<pre class=\"code\" data-lang=\"rust\"><code class=\"language-rust\"><span class=\"hl-k\">let</span></code></pre>\n",
            "<table><thead><tr><th style=\"text-align: center\">A</th></tr></thead></table>\n"
        );
        assert_eq!(clean(generated), generated);
        let raw = "<p onclick=\"steal()\">Hi<script>steal()</script><a href=\"javascript:steal()\">x</a>\
                   <img src=\"data:image/svg+xml,x\"><div id=\"jb-search\" style=\"color: red\">y</div></p>";
        let cleaned = clean(raw);
        for gone in ["onclick", "script", "javascript", "data:", "jb-search", "style"] {
            assert!(!cleaned.contains(gone), "{gone} left in {cleaned}");
        }
        assert!(cleaned.contains("Hi") && cleaned.contains(">x</a>"), "{cleaned}");
    }
}
