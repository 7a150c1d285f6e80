//! Mermaid `journey` diagrams: read with Mermaid's own rules (`parse`),
//! drawn as an inline SVG in the theme's style (`svg`). `journeybook import
//! mermaid` turns one into a journey page; a ```mermaid block holding one
//! is drawn where it stands.

pub mod parse;
pub mod svg;

pub use parse::{parse, Diagram, Problem, Section, Task};

/// Whether `text` is a journey diagram: its first word, past blank lines,
/// `%%` comments and `---` front matter, is `journey` (in any case). Other
/// Mermaid diagrams (flowcharts, sequences) stay code blocks.
pub fn is_journey(text: &str) -> bool {
    let mut lines = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with("%%"));
    let mut first = lines.next().unwrap_or_default();
    if first == "---" {
        first = lines
            .by_ref()
            .find(|line| *line == "---")
            .and_then(|_| lines.next())
            .unwrap_or_default();
    }
    let word: String = first.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
    word.eq_ignore_ascii_case("journey")
}

/// A name cut at Mermaid's line breaks (`<br>`, `<br/>`, `<br />`, any
/// case), as Mermaid shows section and task names.
pub fn break_lines(text: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut rest = text;
    while let Some((before, after)) = split_at_break(rest) {
        lines.push(before);
        rest = after;
    }
    lines.push(rest);
    lines
}

fn split_at_break(text: &str) -> Option<(&str, &str)> {
    let lower = text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(found) = lower[from..].find("<br") {
        let start = from + found;
        let tail = &lower[start + 3..];
        let spaces = tail.len() - tail.trim_start().len();
        let tail = &tail[spaces..];
        let slash = usize::from(tail.starts_with('/'));
        if tail[slash..].starts_with('>') {
            let end = start + 3 + spaces + slash + 1;
            return Some((&text[..start], &text[end..]));
        }
        from = start + 3;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn journeys_are_told_from_other_diagrams() {
        assert!(is_journey("journey\n  title x"));
        assert!(is_journey("\n%% a comment\n  JOURNEY\n"));
        assert!(is_journey("---\ntitle: Day\n---\njourney\n"));
        assert!(!is_journey("---\ntitle: Day\n---\nflowchart LR\n"));
        assert!(!is_journey("flowchart LR\n  A --> B"));
        assert!(!is_journey("journeys\n"));
        assert!(!is_journey(""));
    }

    #[test]
    fn line_breaks_split_names() {
        assert_eq!(
            break_lines("Line1<br>Line2<br/>Line3<BR />Line4<br\t/>Line5"),
            ["Line1", "Line2", "Line3", "Line4", "Line5"]
        );
        assert_eq!(break_lines("a </br /> b"), ["a </br /> b"]);
        assert_eq!(break_lines("<bro>"), ["<bro>"]);
    }
}
