//! Reading front matter into its typed form with every mistake of the file
//! reported at once: each value that does not fit is reported, taken out,
//! and the rest read again, so one build shows them all and the page keeps
//! its place in the site.

use super::locate::{Locator, Place};
use super::wording::{plain_serde_message, plain_yaml_message, yaml_help, Syntax};
use super::yaml::from_front_matter;
use crate::diagnostics::{Diagnostic, Location, SourceText};
use serde::de::DeserializeOwned;
use serde_path_to_error::Segment;
use serde_yaml::Value;

/// Most problems reported for one file's front matter.
pub(super) const MOST_PER_FILE: usize = 50;

/// The reading stopped at `MOST_PER_FILE` mistakes: the last one says so.
pub(super) fn note_the_cut(diagnostics: &mut Vec<Diagnostic>) {
    if let Some(last) = diagnostics.pop() {
        diagnostics.push(last.with_note(format!(
            "only the first {MOST_PER_FILE} problems of this front matter are shown: fix these and build again"
        )));
    }
}

/// The typed front matter, or none when its YAML cannot be read at all,
/// with a diagnostic for each mistake.
pub(super) fn typed<T: DeserializeOwned + Default>(
    text: &SourceText<'_>,
    yaml: &str,
    first_line: usize,
) -> (Option<T>, Vec<Diagnostic>) {
    let first = match from_front_matter::<T>(yaml) {
        Ok(value) => return (Some(value), Vec::new()),
        Err(e) => e,
    };
    let (path, bare) = split_path(&first.message);
    if let Some((location, help)) = duplicate_key(text, yaml, first_line, bare) {
        let mut what = plain_yaml_message(bare);
        if let Some(path) = path {
            what.push_str(&format!(" (at `{path}`)"));
        }
        return (None, vec![Diagnostic::error(what).at(location).with_help(help)]);
    }
    // The YAML itself is broken: there is nothing more to read.
    let Ok(mut value) = serde_yaml::from_str::<Value>(yaml) else {
        return (None, vec![syntax_error(text, yaml, first_line, &first)]);
    };
    // The front matter's bytes in the file; none for text made up from it.
    let start = (yaml.as_ptr() as usize)
        .checked_sub(text.text.as_ptr() as usize)
        .filter(|start| start + yaml.len() <= text.text.len());
    let range = start.map_or(0..0, |start| start..start + yaml.len());
    let locator = Locator::new(text.clone(), range, first_line);
    let mut removed: Vec<(Vec<Segment>, usize)> = Vec::new();
    let mut diagnostics = Vec::new();
    while diagnostics.len() < MOST_PER_FILE {
        let error = match serde_path_to_error::deserialize::<_, T>(value.clone()) {
            Ok(typed) => return (Some(typed), diagnostics),
            Err(error) => error,
        };
        let path: Vec<Segment> = error.path().iter().cloned().collect();
        let shown = original_path(&path, &removed);
        let message = error.inner().to_string();
        let (what, help) = plain_serde_message(&field_name(&shown), &message, Syntax::Yaml);
        let mut d = Diagnostic::error(what).with_help_opt(help);
        let place = path_text(&shown);
        if !place.is_empty() && place.contains(['.', '[']) {
            d.message.push_str(&format!(" (at `{place}`)"));
        }
        // A value that does not fit is best shown itself; otherwise the first
        // mistake is where the YAML reader stopped, which is exact.
        let by_value = message
            .starts_with("invalid")
            .then(|| quoted_value(&message))
            .flatten()
            .and_then(|value| locator.value_in(&value, &field_name(&shown), place_of(&shown)));
        let at = match (by_value, diagnostics.is_empty(), first.line) {
            (Some(at), _, _) => at,
            (None, true, Some(line)) if message_matches(&first.message, &message) => {
                let file_line = first_line + line - 1;
                text.location(file_line, first.column, word_width(text, file_line, first.column))
            }
            _ => locate(&locator, &shown),
        };
        d = d.at(at);
        diagnostics.push(d);
        if !remove(&mut value, &path, &mut removed) {
            return (None, diagnostics);
        }
    }
    note_the_cut(&mut diagnostics);
    (None, diagnostics)
}

/// The reader prefixes a nested mistake with its path:
/// `stages[1].kpis[0]: unknown field …`.
fn split_path(message: &str) -> (Option<&str>, &str) {
    match message.split_once(": ") {
        Some((path, rest)) if !path.contains(' ') && !path.is_empty() => (Some(path), rest),
        _ => (None, message),
    }
}

/// Whether the reader's first error and the typed one are the same mistake.
fn message_matches(reader: &str, typed: &str) -> bool {
    split_path(reader).1 == typed
}

/// The YAML could not be read: one error, at the line that is wrong, with
/// the fix for the usual slips.
fn syntax_error(text: &SourceText<'_>, yaml: &str, first_line: usize, e: &super::yaml::YamlError) -> Diagnostic {
    let (line, column, help) = yaml_help(yaml, &e.message, e.line, e.column);
    let what = format!("the front matter is not valid YAML: {}", plain_yaml_message(&e.message));
    let d = Diagnostic::error(what).with_help_opt(help);
    match line {
        Some(line) => {
            let file_line = first_line + line - 1;
            d.at(text.location(file_line, column, word_width(text, file_line, column)))
        }
        None => d.at(text.location(first_line.saturating_sub(1).max(1), None, 1)),
    }
}

/// The key a mistake is about: the last named one on its path.
pub(super) fn field_name(path: &[Segment]) -> String {
    path.iter()
        .rev()
        .find_map(|s| match s {
            Segment::Map { key } => Some(key.clone()),
            _ => None,
        })
        .unwrap_or_default()
}

/// `stages[1].kpis[0].unit`, as writers count (from 0, like the tools they know).
pub(super) fn path_text(path: &[Segment]) -> String {
    let mut out = String::new();
    for segment in path {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Segment::Enum { variant } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(variant);
            }
            Segment::Unknown => {}
        }
    }
    out
}

/// The value a message quotes: `invalid date `2026-02-30``, `string "ten"`.
fn quoted_value(message: &str) -> Option<String> {
    let tick = message.split('`').nth(1);
    let quote = message.split('"').nth(1);
    tick.or(quote).filter(|v| !v.is_empty()).map(str::to_owned)
}

/// The stage or step a path is in.
fn place_of(path: &[Segment]) -> Place {
    let mut place = Place::All;
    for pair in path.windows(2) {
        if let [Segment::Map { key }, Segment::Seq { index }] = pair {
            place = match (key.as_str(), place) {
                ("stages", Place::All) => Place::Stage(*index),
                ("steps", Place::Stage(i)) => Place::Step(i, *index),
                _ => place,
            };
        }
    }
    place
}

/// Where a path is in the front matter: its stage or step, then its key.
fn locate(locator: &Locator<'_>, path: &[Segment]) -> Location {
    let mut place = Place::All;
    let mut iter = path.iter().peekable();
    let mut key = None;
    while let Some(segment) = iter.next() {
        match segment {
            Segment::Map { key: k } => {
                let index = match iter.peek() {
                    Some(Segment::Seq { index }) => Some(*index),
                    _ => None,
                };
                match (k.as_str(), index, place) {
                    ("stages", Some(i), Place::All) => {
                        iter.next();
                        place = Place::Stage(i);
                        key = Some("stages".to_owned());
                    }
                    ("steps", Some(j), Place::Stage(i)) => {
                        iter.next();
                        place = Place::Step(i, j);
                        key = Some("steps".to_owned());
                    }
                    _ => key = Some(k.clone()),
                }
            }
            Segment::Seq { .. } | Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    match (path.last(), key) {
        // A whole stage or step that is wrong: its first line.
        (Some(Segment::Seq { .. }), Some(k)) if k == "stages" || k == "steps" => locator.start_of(locator.range(place)),
        (_, Some(k)) => locator.find(None, &k, place),
        (_, None) => locator.top(),
    }
}

/// The path as the writer wrote it: indices counted before removed items.
pub(super) fn original_path(path: &[Segment], removed: &[(Vec<Segment>, usize)]) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::with_capacity(path.len());
    for segment in path {
        match segment {
            Segment::Seq { index } => {
                // Removed items of this list, in the order they went.
                let mut original = *index;
                let mut gone: Vec<usize> = removed
                    .iter()
                    .filter(|(list, _)| same_path(list, &out))
                    .map(|(_, i)| *i)
                    .collect();
                gone.sort_unstable();
                for i in gone {
                    if i <= original {
                        original += 1;
                    }
                }
                out.push(Segment::Seq { index: original });
            }
            other => out.push(other.clone()),
        }
    }
    out
}

fn same_path(a: &[Segment], b: &[Segment]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| path_text(std::slice::from_ref(x)) == path_text(std::slice::from_ref(y)))
}

/// Takes the value at `path` out so the rest can be read; false when it
/// cannot be (the mistake is the whole front matter).
pub(super) fn remove(value: &mut Value, path: &[Segment], removed: &mut Vec<(Vec<Segment>, usize)>) -> bool {
    let Some((last, parents)) = path.split_last() else {
        return false;
    };
    let mut at = &mut *value;
    for segment in parents {
        let next = match (segment, at) {
            (Segment::Map { key }, Value::Mapping(map)) => map.get_mut(key.as_str()),
            (Segment::Seq { index }, Value::Sequence(list)) => list.get_mut(*index),
            (Segment::Enum { .. } | Segment::Unknown, _) => return false,
            _ => None,
        };
        match next {
            Some(next) => at = next,
            None => return false,
        }
    }
    match (last, at) {
        (Segment::Map { key }, Value::Mapping(map)) => map.remove(key.as_str()).is_some(),
        (Segment::Seq { index }, Value::Sequence(list)) if *index < list.len() => {
            list.remove(*index);
            let list_path = original_path(parents, removed);
            let original = original_path(path, removed)
                .last()
                .and_then(|s| match s {
                    Segment::Seq { index } => Some(*index),
                    _ => None,
                })
                .unwrap_or(*index);
            removed.push((list_path, original));
            true
        }
        _ => false,
    }
}

/// How wide the word at a position is, so the caret underlines all of it.
pub(super) fn word_width(text: &SourceText<'_>, line: usize, column: Option<usize>) -> usize {
    let Some(col) = column else { return 1 };
    text.text
        .lines()
        .nth(line - 1)
        .map(|l| {
            l.chars()
                .skip(col - 1)
                .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '-'))
                .count()
        })
        .unwrap_or(1)
        .max(1)
}

/// Keys that name the same field.
const ALIASES: [(&str, &str); 3] = [
    ("personas", "persona"),
    ("role", "occupation"),
    ("behaviors", "behaviours"),
];

/// For "duplicate field `x`": where the second of the two keys is, and help.
fn duplicate_key(text: &SourceText<'_>, yaml: &str, first_line: usize, message: &str) -> Option<(Location, String)> {
    let field = message.strip_prefix("duplicate field `")?.split('`').next()?;
    let alias = ALIASES
        .iter()
        .find_map(|(a, b)| (*a == field || *b == field).then_some(if *a == field { *b } else { *a }));
    let keys: Vec<&str> = std::iter::once(field).chain(alias).collect();
    let (index, line) = yaml
        .lines()
        .enumerate()
        .filter(|(_, line)| {
            let bare = line.trim_start();
            keys.iter()
                .any(|k| bare.strip_prefix(k).is_some_and(|rest| rest.starts_with(':')))
        })
        .nth(1)?;
    let column = line.len() - line.trim_start().len() + 1;
    let key_len = line.trim_start().split(':').next().map_or(1, str::len);
    let help = match alias {
        Some(alias) => format!("`{field}` and `{alias}` are the same key: keep one of them"),
        None => format!("`{field}` is written twice: keep one"),
    };
    Some((text.location(first_line + index, Some(column), key_len), help))
}
