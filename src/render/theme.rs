//! Finding a theme's templates and static files. Lookup order, first wins:
//! the project's `templates/`, then `themes/<theme>/`, then the built-in
//! default theme compiled into the binary.

use super::i18n::{self, Words};
use crate::config::Config;
use crate::diagnostics::{did_you_mean, Diagnostic};
use rust_embed::RustEmbed;
use std::collections::BTreeMap;
use std::path::Path;
use tera::Tera;
use walkdir::WalkDir;

#[derive(RustEmbed)]
#[folder = "themes/default/"]
struct DefaultTheme;

/// A theme, loaded: its templates, static files and words, project overrides applied.
pub struct Theme {
    /// Every template, with journeybook's filters and the book's words installed.
    pub tera: Tera,
    /// Static files by their path in the output.
    pub statics: BTreeMap<String, Vec<u8>>,
    /// The interface's words in the book's language.
    pub words: Words,
    /// Problems that do not stop the build, such as a language without a table.
    pub warnings: Vec<Diagnostic>,
    /// The hash of every template, static file and word: a rebuild carries
    /// a page over only when the theme is the one it was made with.
    pub fingerprint: u128,
    /// Whether a template may print the site's or the navigation's counts
    /// on any page: one of the project's or a theme's own that names `nav`,
    /// `counts` or the whole `site`. The built-in templates print them only
    /// on a few pages ([`super::context::prints_counts`]), so the other
    /// pages' hashes leave them out (see [`super::nav::NavInputs`]).
    pub prints_counts: bool,
    /// Whether a template of the project's or a theme's own names
    /// `insights`, and so may show any part of the roll-ups on any insights
    /// page: each is then given (and its hash holds) every part. The
    /// built-in ones show each page its own ([`super::insights::Parts`]).
    pub names_roll_ups: bool,
}

/// Where the built-in theme's templates come from, as messages name it.
const BUILT_IN: &str = "built-in default theme";

/// Whether the Tera code of `text` (inside `{{ }}` and `{% %}`) may print
/// a count of the site's or of the navigation: it names `nav`, holds `counts`,
/// the whole `site` (not one field of it), or every variable through
/// `__tera_context`.
fn may_print_counts(text: &str) -> bool {
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let close = match after.as_bytes().first() {
            Some(b'{') => "}}",
            Some(b'%') => "%}",
            _ => {
                rest = after;
                continue;
            }
        };
        let end = after.find(close).unwrap_or(after.len());
        let code = &after[1..end];
        let whole_site = names(code, "site").any(|rest| !rest.starts_with('.'));
        if code.contains("__tera_context")
            || names(code, "nav").next().is_some()
            || code.contains("counts")
            || whole_site
        {
            return true;
        }
        rest = &after[end..];
    }
    false
}

/// What follows each place `word` is in `code` as a name of its own, not
/// a field (`t.nav`) nor part of a longer name.
fn names<'a>(code: &'a str, word: &'a str) -> impl Iterator<Item = &'a str> {
    let is_name = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    code.match_indices(word).filter_map(move |(at, _)| {
        let before = code[..at].bytes().next_back();
        let rest = &code[at + word.len()..];
        let after = rest.bytes().next();
        let own = !before.is_some_and(|c| is_name(c) || c == b'.') && !after.is_some_and(is_name);
        own.then(|| rest.trim_start())
    })
}

/// Files under `dir`, by their path relative to it with `/` separators.
fn files_under(dir: &Path) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
    let mut files = Vec::new();
    if !dir.is_dir() {
        return Ok(files);
    }
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| Diagnostic::error(format!("cannot read `{}`: {e}", dir.display())))?;
        if !entry.file_type().is_file() || crate::content::is_ignored_name(&entry.file_name().to_string_lossy()) {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(dir) else {
            continue;
        };
        let name = crate::paths::slash_path(rel);
        let bytes = std::fs::read(entry.path())
            .map_err(|e| Diagnostic::error(format!("cannot read `{}`: {e}", entry.path().display())))?;
        files.push((name, bytes));
    }
    Ok(files)
}

fn template_text(origin: &str, name: &str, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    String::from_utf8(bytes).map_err(|_| {
        Diagnostic::error(format!("template `{origin}{name}` is not valid UTF-8"))
            .with_help("save it with UTF-8 encoding")
    })
}

impl Theme {
    /// Loads the built-in theme, then `themes/<theme>/` and the project's `templates/` over it.
    pub fn load(root: &Path, config: &Config) -> Result<Theme, Diagnostic> {
        let mut templates: BTreeMap<String, (String, String)> = BTreeMap::new();
        let mut statics: BTreeMap<String, Vec<u8>> = BTreeMap::new();
        for path in DefaultTheme::iter() {
            let Some(file) = DefaultTheme::get(&path) else {
                continue;
            };
            let data = file.data.into_owned();
            if let Some(name) = path.strip_prefix("templates/") {
                let text = template_text("built-in theme: ", name, data)?;
                templates.insert(name.to_owned(), (BUILT_IN.into(), text));
            } else if let Some(name) = path.strip_prefix("static/") {
                statics.insert(name.to_owned(), data);
            }
        }

        let theme_name = &config.build.theme;
        let theme_dir = root.join("themes").join(theme_name);
        if theme_dir.is_dir() {
            let origin = format!("themes/{theme_name}/templates/");
            for (name, bytes) in files_under(&theme_dir.join("templates"))? {
                let text = template_text(&origin, &name, bytes)?;
                templates.insert(name, (origin.clone(), text));
            }
            statics.extend(files_under(&theme_dir.join("static"))?);
        } else if theme_name != "default" {
            let themes_dir = root.join("themes");
            let available: Vec<String> = std::fs::read_dir(&themes_dir)
                .map(|rd| {
                    rd.filter_map(Result::ok)
                        .filter(|e| e.path().is_dir())
                        .map(|e| e.file_name().to_string_lossy().into_owned())
                        .collect()
                })
                .unwrap_or_default();
            let help = did_you_mean(theme_name, available.iter().map(String::as_str).chain(["default"]))
                .unwrap_or_else(|| "create `themes/<name>/templates/`, or use `theme = \"default\"`".into());
            return Err(Diagnostic::error(format!("theme `{theme_name}` not found in themes/"))
                .at_file(Path::new(crate::config::CONFIG_FILE))
                .with_help(help));
        }
        let overrides = root.join("templates");
        if overrides.is_dir() {
            for (name, bytes) in files_under(&overrides)? {
                let text = template_text("templates/", &name, bytes)?;
                templates.insert(name, ("templates/".into(), text));
            }
        }

        let built_in = |file: &str| DefaultTheme::get(&format!("i18n/{file}")).map(|f| f.data.into_owned());
        let sources = i18n::Sources {
            built_in: &built_in,
            folders: vec![theme_dir.join("i18n"), root.join("i18n")],
        };
        let (words, language_warning) = Words::load(&config.book.language, &sources)?;

        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".htm", ".xml", ".svg"]);
        super::filters::register(&mut tera);
        words.install(&mut tera);
        tera.add_raw_templates(templates.iter().map(|(name, (_, text))| (name.as_str(), text.as_str())))
            .map_err(|e| {
                Diagnostic::error("a template has an error")
                    .with_note(template_message(&e))
                    .with_help("fix the template named in the note (overrides live in `templates/` and `themes/<theme>/templates/`)")
            })?;
        let mut fingerprint = crate::fingerprint::Fingerprint::new();
        for (name, (_, text)) in &templates {
            fingerprint.text(name).text(text);
        }
        for (name, bytes) in &statics {
            fingerprint.text(name).bytes(bytes);
        }
        fingerprint.value("words", &words.table());
        let prints_counts = templates
            .values()
            .any(|(origin, text)| origin != BUILT_IN && may_print_counts(text));
        let names_roll_ups = templates
            .values()
            .any(|(origin, text)| origin != BUILT_IN && text.contains("insights"));
        Ok(Theme {
            tera,
            statics,
            words,
            warnings: language_warning.into_iter().collect(),
            fingerprint: fingerprint.finish().unwrap_or_default(),
            prints_counts,
            names_roll_ups,
        })
    }

    /// Whether the theme has the template `name`, e.g. `wide.html`.
    pub fn has_template(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// Every template's name, sorted, for messages about a missing one.
    pub fn template_names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.tera.get_template_names().collect();
        names.sort_unstable();
        names
    }
}

/// Tera's message for a template error on one line: the diagnostics
/// printer escapes line breaks, which would leave Tera's source excerpt
/// unreadable. "Unknown filter `x` (home.html:1:8: `{{ a | x }}`)".
pub(super) fn template_message(error: &tera::Error) -> String {
    let text = error.to_string();
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && *l != "|")
        .collect();
    let Some(first) = lines.first() else {
        return text;
    };
    let message = first.strip_prefix("error: ").unwrap_or(first);
    // Tera's excerpt: "--> file:line:col", then "N | source", then "| ^^^".
    let place = lines.iter().find_map(|l| l.strip_prefix("--> "));
    let code = lines.iter().find_map(|l| code_of(l));
    let rest = lines[1..]
        .iter()
        .filter(|l| !l.starts_with("--> ") && !l.starts_with('|') && code_of(l).is_none());
    let mut out = message.to_owned();
    match (place, code) {
        (Some(place), Some(code)) => out.push_str(&format!(" ({place}: `{code}`)")),
        (Some(place), None) => out.push_str(&format!(" ({place})")),
        _ => {}
    }
    for line in rest {
        out.push(' ');
        out.push_str(line);
    }
    out
}

/// The source text of one of Tera's excerpt lines, "12 | {{ a | x }}".
fn code_of(line: &str) -> Option<&str> {
    let (number, rest) = line.split_once(" | ")?;
    number.chars().all(|c| c.is_ascii_digit()).then_some(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_may_print_counts_when_its_code_names_them() {
        assert!(may_print_counts("{% for s in nav.sections %}{{ s.title }}{% endfor %}"));
        assert!(may_print_counts("{{ site.counts.pages }}"));
        assert!(may_print_counts("{{ site[\"counts\"] }}"));
        assert!(may_print_counts("{% set s = site %}"));
        assert!(may_print_counts("{{- __tera_context -}}"));
        assert!(!may_print_counts(
            "<nav class=\"sidebar nav-x\">{{ t.nav.skip }} {{ site.title }}</nav>"
        ));
        assert!(!may_print_counts(
            "{{ navigation }} {% if my_nav %}{% endif %} {# nav site #}"
        ));
    }

    #[test]
    fn the_built_in_templates_print_counts_only_on_the_pages_whose_hash_holds_them() {
        // Other pages' hashes leave the counts out: printing one there would
        // leave those pages stale when a page is added elsewhere.
        let printing: Vec<&str> = crate::site::urls::Generated::ALL
            .iter()
            .filter(|page| super::super::context::prints_counts(**page))
            .map(|page| page.template())
            .collect();
        let holding_roll_ups: Vec<&str> = crate::site::urls::Generated::ALL
            .iter()
            .filter(|page| super::super::context::holds_roll_ups(**page))
            .map(|page| page.template())
            .collect();
        for path in DefaultTheme::iter() {
            let Some(name) = path.strip_prefix("templates/") else {
                continue;
            };
            if printing.contains(&name) {
                continue;
            }
            let mut text =
                String::from_utf8(DefaultTheme::get(&path).expect("embedded").data.into_owned()).expect("UTF-8");
            if holding_roll_ups.contains(&name) {
                for count in super::super::context::ROLL_UP_COUNTS {
                    text = text.replace(count, "");
                }
            }
            for printed in [
                "site.counts",
                "section.count",
                "section.hidden_before }}",
                "section.hidden_after }}",
                "n=section.hidden",
            ] {
                assert!(!text.contains(printed), "{path} prints {printed}");
            }
        }
    }
}
