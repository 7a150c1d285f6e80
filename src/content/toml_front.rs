//! TOML front matter, between `+++` lines as Zola and Hugo write it. It is
//! read with the `toml` crate, then turned into the tree the YAML reader
//! gives, so a page takes the same keys whichever way it is written and
//! the same checks apply. Every mistake of the file is reported at once,
//! as for YAML: each value that does not fit is taken out and the rest
//! read again.

use super::typed::{field_name, note_the_cut, original_path, path_text, remove, MOST_PER_FILE};
use super::wording::{plain_serde_message, Syntax};
use crate::diagnostics::{Diagnostic, Location, SourceText};
use serde::de::DeserializeOwned;
use serde_path_to_error::Segment;
use serde_yaml::Value;

/// The typed front matter, or none when its TOML cannot be read at all,
/// with a diagnostic for each mistake.
pub(super) fn typed<T: DeserializeOwned + Default>(
    text: &SourceText<'_>,
    toml: &str,
    first_line: usize,
) -> (Option<T>, Vec<Diagnostic>) {
    if toml.trim().is_empty() {
        return (Some(T::default()), Vec::new());
    }
    // The front matter's bytes in the file; none for text made up from it.
    let start = (toml.as_ptr() as usize)
        .checked_sub(text.text.as_ptr() as usize)
        .filter(|start| start + toml.len() <= text.text.len());
    let table = match toml::from_str::<toml::Table>(toml) {
        Ok(table) => table,
        Err(e) => return (None, vec![syntax_error(text, start, first_line, &e)]),
    };
    let mut value = to_yaml(toml::Value::Table(table));
    let mut removed: Vec<(Vec<Segment>, usize)> = Vec::new();
    let mut diagnostics = Vec::new();
    while diagnostics.len() < MOST_PER_FILE {
        let error = match serde_path_to_error::deserialize::<_, T>(value.clone()) {
            Ok(typed) => return (Some(typed), diagnostics),
            Err(error) => error,
        };
        let path: Vec<Segment> = error.path().iter().cloned().collect();
        let shown = original_path(&path, &removed);
        let field = field_name(&shown);
        let (what, help) = plain_serde_message(&field, &error.inner().to_string(), Syntax::Toml);
        let mut d = Diagnostic::error(what).with_help_opt(help);
        let place = path_text(&shown);
        if place.contains(['.', '[']) {
            d.message.push_str(&format!(" (at `{place}`)"));
        }
        diagnostics.push(d.at(key_location(text, toml, first_line, &field)));
        if !remove(&mut value, &path, &mut removed) {
            return (None, diagnostics);
        }
    }
    note_the_cut(&mut diagnostics);
    (None, diagnostics)
}

/// The TOML itself is broken: one error, where the reader stopped.
fn syntax_error(text: &SourceText<'_>, start: Option<usize>, first_line: usize, e: &toml::de::Error) -> Diagnostic {
    let message = e.message().trim_end_matches('\n');
    let d = Diagnostic::error(format!("the front matter is not valid TOML: {message}")).with_help(
        "write `key = value` lines between the `+++` lines, with text in quotes: `title = \"Buying a bike\"`",
    );
    match (start, e.span()) {
        (Some(start), Some(span)) => d.at(text.location_at_offset(start + span.start, span.len().max(1))),
        _ => d.at(text.location(first_line.saturating_sub(1).max(1), None, 1)),
    }
}

/// The first line that sets `key` (`key = …`, `[key]` or `[[key]]`), else
/// the `+++` line that opens the front matter.
fn key_location(text: &SourceText<'_>, toml: &str, first_line: usize, key: &str) -> Location {
    let sets = |line: &str| {
        let bare = line.trim_start();
        let bare = bare.trim_start_matches('[');
        bare.strip_prefix(key)
            .or_else(|| bare.strip_prefix(&format!("\"{key}\"")))
            .is_some_and(|rest| rest.trim_start().starts_with(['=', ']']))
    };
    let found = (!key.is_empty()).then(|| toml.lines().position(sets)).flatten();
    match found.and_then(|i| toml.lines().nth(i).map(|line| (i, line))) {
        Some((i, line)) => {
            let column = line.len() - line.trim_start().len() + 1;
            text.location(first_line + i, Some(column), line.trim().chars().count().max(1))
        }
        None => text.location(first_line.saturating_sub(1).max(1), Some(1), 3),
    }
}

/// The same tree the YAML reader gives: dates and times become the text
/// they were written as, as YAML leaves them.
fn to_yaml(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(n) => Value::Number(n.into()),
        toml::Value::Float(f) => Value::Number(f.into()),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Sequence(items.into_iter().map(to_yaml).collect()),
        toml::Value::Table(table) => {
            Value::Mapping(table.into_iter().map(|(k, v)| (Value::String(k), to_yaml(v))).collect())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Default, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Doc {
        #[allow(dead_code)]
        title: String,
        #[allow(dead_code)]
        reviewed: Option<String>,
    }

    fn read(file: &str) -> (Option<Doc>, Vec<Diagnostic>) {
        let source = SourceText::new(std::path::Path::new("a.md"), file);
        let front = &file[4..file.rfind("+++").unwrap_or(file.len())];
        typed::<Doc>(&source, front, 2)
    }

    #[test]
    fn dates_become_text_as_in_yaml() {
        let (doc, problems) = read("+++\ntitle = \"A\"\nreviewed = 2025-01-15\n+++\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(doc.and_then(|d| d.reviewed).as_deref(), Some("2025-01-15"));
    }

    #[test]
    fn mistakes_are_located() {
        let (_, problems) = read("+++\ntitle = \"A\"\n  colour = 1\n+++\n");
        assert_eq!(problems.len(), 1);
        assert_eq!(
            problems[0].location.as_ref().map(|l| (l.line, l.column)),
            Some((3, Some(3)))
        );
        let (_, problems) = read("+++\ntitle = A\n+++\n");
        assert!(
            problems[0].message.contains("not valid TOML"),
            "{}",
            problems[0].message
        );
        assert_eq!(problems[0].location.as_ref().map(|l| l.line), Some(2));
    }
}
