//! The words of the interface, in the language of `book.language`.
//!
//! A theme keeps one table per language in `i18n/<language>.toml`. The
//! built-in theme ships English, French and German. For `fr-CA` the tables
//! are read in this order, each key of a later one replacing the same key of
//! an earlier one: English, `fr`, `fr-CA`, first from the built-in theme, then
//! from `themes/<theme>/i18n/`, then from the project's own `i18n/`. A word
//! no table of the language has is therefore shown in English.

use crate::date::Date;
use crate::diagnostics::Diagnostic;
use std::path::Path;
use std::sync::Arc;
use tera::{Kwargs, State, Tera, Value};
use toml::Table;

/// The language every other one falls back to.
const BASE: &str = "en";

/// The merged table of one language.
#[derive(Debug, Clone)]
pub struct Words {
    table: Arc<Table>,
}

/// Where the tables of a language may be.
pub struct Sources<'a> {
    /// The built-in theme's table for a language, if it has one.
    pub built_in: &'a dyn Fn(&str) -> Option<Vec<u8>>,
    /// Folders of further tables, later ones winning: the theme's, the project's.
    pub folders: Vec<std::path::PathBuf>,
}

/// `fr-CA` → `["en", "fr", "fr-CA"]`; `en` → `["en"]`.
fn chain(language: &str) -> Vec<String> {
    let mut chain = vec![BASE.to_owned()];
    let mut prefix = String::new();
    for part in language.split(['-', '_']).filter(|p| !p.is_empty()) {
        if !prefix.is_empty() {
            prefix.push('-');
        }
        prefix.push_str(part);
        if !chain.iter().any(|c| c.eq_ignore_ascii_case(&prefix)) {
            chain.push(prefix.clone());
        }
    }
    chain
}

/// Adds the keys of `from` to `into`, table by table.
fn merge(into: &mut Table, from: Table) {
    for (key, value) in from {
        match (into.get_mut(&key), value) {
            (Some(toml::Value::Table(mine)), toml::Value::Table(theirs)) => merge(mine, theirs),
            (_, value) => {
                into.insert(key, value);
            }
        }
    }
}

fn parse(bytes: &[u8], shown: &str) -> Result<Table, Diagnostic> {
    let text = std::str::from_utf8(bytes).map_err(|_| {
        Diagnostic::error(format!("translation table `{shown}` is not valid UTF-8"))
            .with_help("save it with UTF-8 encoding")
    })?;
    text.parse::<Table>().map_err(|e| {
        Diagnostic::error(format!("translation table `{shown}` cannot be read"))
            .with_note(e.message().to_owned())
            .with_help("each line is `key = \"text\"`, under a `[section]` heading (see docs/themes.md)")
    })
}

impl Words {
    /// The table for `language`, and a warning when no table names it.
    pub fn load(language: &str, sources: &Sources<'_>) -> Result<(Words, Option<Diagnostic>), Diagnostic> {
        let mut table = Table::new();
        // `en-GB` is English: only a language with no table at all is warned about.
        let primary = language.split(['-', '_']).next().unwrap_or_default();
        let mut found_own = primary.eq_ignore_ascii_case(BASE);
        for (i, name) in chain(language).iter().enumerate() {
            let file = format!("{name}.toml");
            if let Some(bytes) = (sources.built_in)(&file) {
                merge(&mut table, parse(&bytes, &format!("built-in theme: i18n/{file}"))?);
                found_own |= i > 0;
            }
            for folder in &sources.folders {
                let path = folder.join(&file);
                if let Ok(bytes) = std::fs::read(&path) {
                    merge(&mut table, parse(&bytes, &path.display().to_string())?);
                    found_own |= i > 0;
                }
            }
        }
        let warning = (!found_own).then(|| {
            Diagnostic::warning(format!(
                "no translation for language `{language}`: the interface is shown in English"
            ))
            .at_file(Path::new(crate::config::CONFIG_FILE))
            .with_help(format!(
                "add `i18n/{language}.toml` to the project (docs/themes.md lists its keys), or set `language` to en, fr or de"
            ))
        });
        Ok((Words { table: Arc::new(table) }, warning))
    }

    /// The whole merged table, which the theme's fingerprint covers.
    pub fn table(&self) -> &Table {
        &self.table
    }

    /// The text at a dotted path such as `pages.journeys`; the path itself
    /// when no table has it, so a missing word shows rather than vanishes.
    pub fn get(&self, path: &str) -> String {
        let mut value: Option<&toml::Value> = None;
        let mut table = Some(self.table.as_ref());
        for part in path.split('.') {
            value = table.and_then(|t| t.get(part));
            table = value.and_then(toml::Value::as_table);
        }
        value
            .and_then(toml::Value::as_str)
            .map_or_else(|| path.to_owned(), str::to_owned)
    }

    /// One section of the table as JSON, for scripts: `{}` when it has none.
    pub fn section_json(&self, section: &str) -> String {
        self.table
            .get(section)
            .and_then(|value| serde_json::to_string(value).ok())
            .unwrap_or_else(|| "{}".to_owned())
    }

    /// A date as people read it: `30 Sep 2026`, `30 sept. 2026`, `30. Sep. 2026`.
    pub fn date(&self, date: Date) -> String {
        let (year, month, day) = date.ymd();
        let month_name = self
            .table
            .get("date")
            .and_then(|d| d.get("months"))
            .and_then(toml::Value::as_array)
            .and_then(|months| months.get(month as usize - 1))
            .and_then(toml::Value::as_str)
            .map_or_else(|| format!("{month:02}"), str::to_owned);
        let pattern = self.get("date.format");
        fill(
            &pattern,
            &[
                ("day", &day.to_string()),
                ("month", &month_name),
                ("year", &year.to_string()),
            ],
        )
    }

    /// Gives templates the table as `t` and the filters that use it.
    pub fn install(&self, tera: &mut Tera) {
        tera.global_context().insert("t", self.table.as_ref());
        let words = self.clone();
        tera.register_filter("date_long", move |value: Value, _: Kwargs, _: &State<'_>| -> String {
            let text = value.as_str().map(str::to_owned).unwrap_or_else(|| value.to_string());
            Date::parse(&text).map_or(text, |d| words.date(d))
        });
        tera.register_filter("fill", fill_filter);
    }
}

/// Replaces each `{name}` of `pattern` by its value.
fn fill(pattern: &str, values: &[(&str, &str)]) -> String {
    let mut out = pattern.to_owned();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// `{{ t.review.due | fill(date=d, days=n) }}`: a sentence with its blanks
/// filled. One pass over the pattern: it runs for every badge and quote of
/// every map.
fn fill_filter(value: Value, kwargs: Kwargs, _: &State<'_>) -> String {
    let owned;
    let pattern = match value.as_str() {
        Some(s) => s,
        None => {
            owned = value.to_string();
            &owned
        }
    };
    let mut out = String::with_capacity(pattern.len() + 32);
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let found = after.find('}').and_then(|close| {
            let name = &after[..close];
            let (_, value) = kwargs.iter().find(|(key, _)| key.as_str() == Some(name))?;
            Some((close, value))
        });
        match found {
            Some((close, value)) => {
                match (value.as_str(), value.as_number()) {
                    (Some(s), _) => out.push_str(s),
                    (None, Some(n)) => out.push_str(&super::charts::number(n.as_float())),
                    _ => out.push_str(&value.to_string()),
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regional_languages_fall_back_to_the_language_then_english() {
        assert_eq!(chain("en"), ["en"]);
        assert_eq!(chain("fr"), ["en", "fr"]);
        assert_eq!(chain("fr-CA"), ["en", "fr", "fr-CA"]);
        assert_eq!(chain("de_AT"), ["en", "de", "de-AT"]);
    }

    #[test]
    fn later_tables_replace_single_keys() {
        let mut base: Table = "[pages]\njourneys = \"Journeys\"\npersonas = \"Personas\""
            .parse()
            .expect("toml");
        merge(&mut base, "[pages]\njourneys = \"Parcours\"".parse().expect("toml"));
        let words = Words { table: Arc::new(base) };
        assert_eq!(words.get("pages.journeys"), "Parcours");
        assert_eq!(words.get("pages.personas"), "Personas");
        assert_eq!(words.get("pages.missing"), "pages.missing");
    }

    #[test]
    fn blanks_are_filled_by_name() {
        assert_eq!(
            fill("{n} of {total} shown", &[("n", "3"), ("total", "9")]),
            "3 of 9 shown"
        );
    }
}
