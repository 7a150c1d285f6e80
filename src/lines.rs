//! Where a byte offset falls in a file: the line starts are found once, in
//! one pass, and every position is then a binary search. Messages about a
//! file with thousands of problems would otherwise count newlines from the
//! start of the file for each one.

use std::ops::Range;

/// The byte offset where each line of a text starts.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    /// Indexes the lines of `text`.
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex {
            starts,
            len: text.len(),
        }
    }

    /// The 0-based line an offset is on (offsets past the end are on the last line).
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset.min(self.len)) - 1
    }

    /// The bytes of the 0-based line `line`, without its line break; none
    /// past the last line (like [`str::lines`], a final newline ends the
    /// text rather than starting an empty line).
    pub fn range(&self, text: &str, line: usize) -> Option<Range<usize>> {
        let start = *self.starts.get(line)?;
        if start >= self.len {
            return None;
        }
        let end = self.starts.get(line + 1).map_or(self.len, |next| next - 1);
        let end = if text.as_bytes().get(end.wrapping_sub(1)) == Some(&b'\r') && end > start {
            end - 1
        } else {
            end
        };
        Some(start..end)
    }
}

/// The most characters shown on either side of a caret: a line of 100,000
/// characters (a long flow list) is shown as a window around the problem,
/// so that thousands of messages about it do not each copy it whole.
pub const WINDOW: usize = 60;

/// A part of a source line cut around a caret, with `…` where it was cut.
#[derive(Debug, PartialEq, Eq)]
pub struct Window {
    /// The text to show.
    pub text: String,
    /// The 1-based character column of the caret in `text`.
    pub caret: usize,
    /// How many characters the caret underlines, within `text`.
    pub width: usize,
}

/// Cuts `line` to at most `2 × WINDOW` characters: up to [`WINDOW`] before
/// the byte `at`, the rest from it, underlining `width` characters from `at`.
pub fn window(line: &str, at: usize, width: usize) -> Window {
    let mut at = at.min(line.len());
    while !line.is_char_boundary(at) {
        at -= 1;
    }
    let (before, after) = line.split_at(at);
    let start = before.char_indices().rev().nth(WINDOW - 1).map_or(0, |(i, _)| i);
    let shown_before = before[start..].chars().count();
    let end = after
        .char_indices()
        .nth(2 * WINDOW - shown_before)
        .map_or(line.len(), |(i, _)| at + i);
    let mut text = String::with_capacity(end - start + 6);
    if start > 0 {
        text.push('…');
    }
    let caret = text.chars().count() + shown_before + 1;
    text.push_str(&line[start..end]);
    let shown_after = line[at..end].chars().count();
    if end < line.len() {
        text.push('…');
    }
    Window {
        text,
        caret,
        width: width.clamp(1, shown_after.max(1)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_lines_like_str_lines() {
        for text in ["", "a", "a\n", "a\nbc\n\nd", "a\r\nb\r\n", "\n\n"] {
            let index = LineIndex::new(text);
            let expected: Vec<&str> = text.lines().collect();
            let found: Vec<&str> = (0..expected.len() + 2)
                .map_while(|n| index.range(text, n).map(|r| &text[r]))
                .collect();
            assert_eq!(found, expected, "{text:?}");
        }
    }

    #[test]
    fn places_offsets_on_their_line() {
        let index = LineIndex::new("ab\ncd\n\nef");
        let lines: Vec<usize> = [0, 2, 3, 5, 6, 7, 8, 100].iter().map(|&o| index.line_of(o)).collect();
        assert_eq!(lines, [0, 0, 1, 1, 2, 3, 3, 3]);
    }

    #[test]
    fn short_lines_are_shown_whole() {
        let w = window("touchpoints: [a, live-chta]", 17, 9);
        assert_eq!(
            w,
            Window {
                text: "touchpoints: [a, live-chta]".into(),
                caret: 18,
                width: 9
            }
        );
    }

    #[test]
    fn long_lines_are_cut_around_the_caret() {
        let line = format!("{}needle{}", "é".repeat(500), "x".repeat(500));
        let at = line.find("needle").unwrap_or_default();
        let w = window(&line, at, 6);
        assert_eq!(w.text.chars().count(), 2 * WINDOW + 2);
        assert_eq!(window(&line, 0, 1).text.chars().count(), 2 * WINDOW + 1);
        assert!(w.text.starts_with('…') && w.text.ends_with('…'));
        assert_eq!(w.caret, WINDOW + 2);
        let shown: String = w.text.chars().skip(w.caret - 1).take(w.width).collect();
        assert_eq!(shown, "needle");
        // A caret wider than the window underlines what is shown.
        assert_eq!(window(&line, at, 10_000).width, WINDOW);
    }
}
