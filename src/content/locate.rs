//! Finding where a value sits in the front matter, for messages about values
//! that parsed fine but are wrong (an unknown id, an emotion off the scale).
//! YAML parsers forget positions once values are typed, so this reads the
//! block-style YAML lines that writers use; where it cannot tell, it falls
//! back to the enclosing key, then to the top of the file.

use crate::diagnostics::{Location, SourceText};
use std::ops::Range;

/// A part of a journey's front matter, named by position, for locating a
/// value only once it turns out to be wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The whole front matter.
    All,
    /// The n-th stage.
    Stage(usize),
    /// The step `.1` of stage `.0`.
    Step(usize, usize),
}

/// Finds where keys and values sit in one file's front matter, for messages.
pub struct Locator<'a> {
    source: SourceText<'a>,
    /// How many lines the front matter has.
    count: usize,
    first_line: usize,
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

fn is_blank(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with('#')
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

impl<'a> Locator<'a> {
    /// A locator for the front matter at bytes `front_matter` of the text,
    /// starting on its line `first_line`. Lines are read through the text's
    /// line index, so making a locator costs nothing until it looks.
    pub fn new(source: SourceText<'a>, front_matter: Range<usize>, first_line: usize) -> Self {
        let count = match front_matter.end.checked_sub(1) {
            Some(last) if !front_matter.is_empty() => source.line_of(last) + 1 - first_line.saturating_sub(1),
            _ => 0,
        };
        Locator {
            source,
            count,
            first_line,
        }
    }

    /// The `i`-th line of the front matter.
    fn line(&self, i: usize) -> &'a str {
        self.source.line(self.first_line + i).unwrap_or_default()
    }

    /// All of the front matter.
    pub fn all(&self) -> Range<usize> {
        0..self.count
    }

    /// The lines of a place; the enclosing range where it cannot be told.
    pub fn range(&self, place: Place) -> Range<usize> {
        let stage = |i: usize| {
            self.items("stages", self.all())
                .get(i)
                .cloned()
                .unwrap_or_else(|| self.all())
        };
        match place {
            Place::All => self.all(),
            Place::Stage(i) => stage(i),
            Place::Step(i, j) => {
                let within = stage(i);
                self.items("steps", within.clone()).get(j).cloned().unwrap_or(within)
            }
        }
    }

    /// The file's first line (the opening `---`, or line 1).
    pub fn top(&self) -> Location {
        self.source.location(self.first_line.saturating_sub(1).max(1), None, 1)
    }

    /// Where a wrong value is: `value` under `key` in `place`, else `key:`
    /// itself, else the top of the file. Every message about a value that
    /// parsed but is wrong points here.
    pub fn find(&self, value: Option<&str>, key: &str, place: Place) -> Location {
        let range = self.range(place);
        value
            .and_then(|v| self.value(v, Some(key), range.clone()))
            .or_else(|| self.key(key, range))
            .unwrap_or_else(|| self.top())
    }

    /// Where `value` is written under `key` in a place, if it can be found.
    pub fn value_in(&self, value: &str, key: &str, place: Place) -> Option<Location> {
        self.value(value, Some(key), self.range(place))
    }

    /// The first written line of `range`.
    pub fn start_of(&self, range: Range<usize>) -> Location {
        match range.clone().find(|&i| !is_blank(self.line(i))) {
            Some(i) => {
                let line = self.line(i);
                let body = line.trim_start().trim_start_matches("- ");
                self.at(i, line.len() - body.len(), body.trim_end().chars().count())
            }
            None => self.top(),
        }
    }

    fn at(&self, index: usize, byte_col: usize, width: usize) -> Location {
        let line = self.line(index);
        let col = line[..byte_col.min(line.len())].chars().count() + 1;
        self.source.location(self.first_line + index, Some(col), width)
    }

    /// The line index of `key:` inside `range` (a map key, or an item's first key).
    fn key_index(&self, key: &str, range: Range<usize>) -> Option<usize> {
        range.clone().find(|&i| {
            let t = self.line(i).trim_start().trim_start_matches("- ").trim_start();
            t.strip_prefix(key).is_some_and(|rest| rest.starts_with(':'))
        })
    }

    /// Where `key:` is written inside `range`.
    pub fn key(&self, key: &str, range: Range<usize>) -> Option<Location> {
        let i = self.key_index(key, range)?;
        let byte = self.line(i).find(key).unwrap_or(0);
        Some(self.at(i, byte, key.chars().count()))
    }

    /// Where `needle` is written as a whole word inside `range`, preferring the
    /// value of `key` when given.
    pub fn value(&self, needle: &str, key: Option<&str>, range: Range<usize>) -> Option<Location> {
        if needle.is_empty() {
            return None;
        }
        let start = key
            .and_then(|k| self.key_index(k, range.clone()))
            .unwrap_or(range.start);
        let search = |lines: Range<usize>| {
            lines.into_iter().find_map(|i| {
                let line = self.line(i);
                let bytes = line.as_bytes();
                line.match_indices(needle).find_map(|(at, _)| {
                    let end = at + needle.len();
                    let before_ok = at == 0 || !is_word_byte(bytes[at - 1]);
                    let after_ok = end >= bytes.len() || !is_word_byte(bytes[end]);
                    (before_ok && after_ok).then(|| self.at(i, at, needle.chars().count()))
                })
            })
        };
        search(start..range.end).or_else(|| search(range.clone()))
    }

    /// The line ranges of the items of the list under `key:` inside `range`.
    pub fn items(&self, key: &str, range: Range<usize>) -> Vec<Range<usize>> {
        let Some(key_line) = self.key_index(key, range.clone()) else {
            return Vec::new();
        };
        let mut starts = Vec::new();
        let mut item_indent = None;
        let mut end = range.end;
        for i in key_line + 1..range.end {
            let line = self.line(i);
            if is_blank(line) {
                continue;
            }
            let ind = indent(line);
            let is_item = line.trim_start().starts_with('-');
            match item_indent {
                None if is_item => {
                    item_indent = Some(ind);
                    starts.push(i);
                }
                None => break,
                Some(want) if ind == want && is_item => starts.push(i),
                Some(want) if ind <= want => {
                    end = i;
                    break;
                }
                Some(_) => {}
            }
        }
        let mut ranges: Vec<Range<usize>> = starts.windows(2).map(|w| w[0]..w[1]).collect();
        if let Some(&last) = starts.last() {
            ranges.push(last..end);
        }
        ranges
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "---\ntitle: Buying\nstages:\n  - name: Awareness\n    touchpoints: [ads, live-chta]\n    emotion: 1\n    steps:\n      - name: Reads\n        emotion: 7\n  - name: Purchase\n    emotion: 3\ncompare: x\n---\nbody\n";

    fn locator() -> Locator<'static> {
        let end = PAGE.rfind("---\n").unwrap_or(0);
        Locator::new(SourceText::new(std::path::Path::new("a.md"), PAGE), 4..end, 2)
    }

    #[test]
    fn finds_stage_items_and_their_keys() {
        let loc = locator();
        let stages = loc.items("stages", loc.all());
        assert_eq!(stages.len(), 2);
        let emotion = loc.key("emotion", stages[1].clone()).expect("second stage emotion");
        assert_eq!((emotion.line, emotion.column), (11, Some(5)));
        let steps = loc.items("steps", stages[0].clone());
        assert_eq!(steps.len(), 1);
        let step_emotion = loc.key("emotion", steps[0].clone()).expect("step emotion");
        assert_eq!(step_emotion.line, 9);
    }

    #[test]
    fn finds_values_as_whole_words() {
        let loc = locator();
        let at = loc.value("live-chta", Some("touchpoints"), loc.all()).expect("found");
        assert_eq!((at.line, at.column, at.width), (5, Some(24), 9));
        assert!(loc.value("chta", None, loc.all()).is_none());
    }
}
