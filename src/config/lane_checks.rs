//! The checks of `[journeys] lanes` and `custom-lanes` that the types alone
//! cannot make: each lane known and listed once, each custom key usable in
//! front matter and not taken by a key journeybook reads.

use super::journeys::JourneysConfig;
use crate::content::model::{LATER_STAGE_KEYS, STAGE_KEYS};
use crate::diagnostics::{did_you_mean, Diagnostic, Location, SourceText};

/// Every problem of the book's lanes, each at its place in book.toml.
pub(super) fn check(journeys: &JourneysConfig, source: &SourceText<'_>) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let custom_at = key_offset(source.text, "custom-lanes");
    let mut custom_seen: Vec<&str> = Vec::new();
    for lane in &journeys.custom_lanes {
        let at = value_location(source, custom_at, &lane.key);
        if !is_lane_key(&lane.key) {
            problems.push(
                Diagnostic::error(format!("custom lane key `{}` cannot be a front matter key", lane.key))
                    .at(at.clone())
                    .with_help(format!(
                        "use lowercase letters, digits, `_` and `-`, starting with a letter: try `{}`",
                        suggested_key(&lane.key)
                    )),
            );
        } else if STAGE_KEYS.contains(&lane.key.as_str()) && !LATER_STAGE_KEYS.contains(&lane.key.as_str()) {
            problems.push(
                Diagnostic::error(format!(
                    "custom lane `{}` has the name of a key journeybook reads",
                    lane.key
                ))
                .at(at.clone())
                .with_help(format!(
                    "choose another key, e.g. `{}_notes`; the built-in lanes need no declaring",
                    lane.key
                )),
            );
        } else if custom_seen.contains(&lane.key.as_str()) {
            problems.push(
                Diagnostic::error(format!("custom lane `{}` is declared twice", lane.key))
                    .at(value_location(
                        source,
                        source_after(source.text, custom_at, &lane.key),
                        &lane.key,
                    ))
                    .with_help("declare each custom lane once"),
            );
        }
        custom_seen.push(&lane.key);
        if lane.label.trim().is_empty() {
            problems.push(
                Diagnostic::error(format!("custom lane `{}` has no label", lane.key))
                    .at(at)
                    .with_help("give it the row heading the map shows, e.g. `label = \"Physical evidence\"`"),
            );
        }
    }
    let Some(order) = &journeys.lanes else {
        return problems;
    };
    let lanes_at = key_offset(source.text, "lanes");
    let known: Vec<String> = super::Lane::ALL
        .iter()
        .map(|l| l.key().to_owned())
        .chain(journeys.custom_keys())
        .collect();
    let mut seen: Vec<&str> = Vec::new();
    let mut search_from = lanes_at;
    for key in order {
        let at = value_location(source, search_from, key);
        search_from = source_after(source.text, search_from, key);
        if journeys.lane_named(key).is_none() {
            let help = did_you_mean(key, known.iter().map(String::as_str)).unwrap_or_else(|| {
                format!(
                    "the lanes are {}; declare a lane of your own under `custom-lanes`",
                    known.join(", ")
                )
            });
            problems.push(
                Diagnostic::error(format!("unknown lane `{key}`"))
                    .at(at)
                    .with_help(help),
            );
        } else if seen.contains(&key.as_str()) {
            problems.push(
                Diagnostic::error(format!("lane `{key}` is listed twice"))
                    .at(at)
                    .with_help("list each lane once, in the order it should be drawn"),
            );
        }
        seen.push(key);
    }
    problems
}

/// Whether a key can be written in front matter as a lane: lowercase
/// letters, digits, `_` and `-`, starting with a letter.
fn is_lane_key(key: &str) -> bool {
    let mut chars = key.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

/// The closest usable key: lowercased, other characters as `_`.
fn suggested_key(key: &str) -> String {
    let mut out: String = key
        .trim()
        .chars()
        .map(|c| match c.to_ascii_lowercase() {
            c if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' => c,
            _ => '_',
        })
        .collect();
    out = out.trim_matches('_').to_owned();
    if !out.starts_with(|c: char| c.is_ascii_lowercase()) {
        out.insert_str(0, "lane_");
    }
    out
}

/// The offset of the line that sets `key` (`key = …`), else 0.
fn key_offset(text: &str, key: &str) -> usize {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let bare = line.trim_start();
        if bare
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with('='))
        {
            return offset + (line.len() - bare.len());
        }
        offset += line.len();
    }
    0
}

/// Where the quoted `value` is, at `from` or after it; `from` itself when it cannot be found.
fn value_location(source: &SourceText<'_>, from: usize, value: &str) -> Location {
    let rest = source.text.get(from..).unwrap_or_default();
    let found = [format!("\"{value}\""), format!("'{value}'")]
        .iter()
        .filter_map(|quoted| rest.find(quoted.as_str()))
        .min();
    match found {
        Some(at) => source.location_at_offset(from + at + 1, value.len().max(1)),
        None => source.location_at_offset(from, 1),
    }
}

/// The offset just after the quoted `value` found at or after `from`, so a
/// value written twice is found the second time.
fn source_after(text: &str, from: usize, value: &str) -> usize {
    let rest = text.get(from..).unwrap_or_default();
    [format!("\"{value}\""), format!("'{value}'")]
        .iter()
        .filter_map(|quoted| rest.find(quoted.as_str()).map(|at| from + at + quoted.len()))
        .min()
        .unwrap_or(from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lane_keys_are_front_matter_keys() {
        assert!(is_lane_key("evidence_photos"));
        assert!(is_lane_key("evidence-2"));
        assert!(!is_lane_key("Evidence"));
        assert!(!is_lane_key("2nd"));
        assert!(!is_lane_key("physical evidence"));
        assert_eq!(suggested_key("Physical evidence"), "physical_evidence");
        assert_eq!(suggested_key("2nd"), "lane_2nd");
    }
}
