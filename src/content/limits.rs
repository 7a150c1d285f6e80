//! Front matter refused before YAML reads it. The YAML reader's time grows
//! with the square of how deeply `[` and `{` nest (100,000 `{` on one line
//! took it 13 seconds), so a page may nest them [`MAX_DEPTH`] deep and have
//! [`MAX_SIZE`] bytes of front matter: many times what a playbook needs
//! (the sample's largest front matter has 12 KB, brackets 1 deep), and little
//! enough that every page is read in well under a second.

use crate::diagnostics::{Diagnostic, SourceText};

/// The most bytes of front matter a page may have.
pub(super) const MAX_SIZE: usize = 1_000_000;

/// How deeply `[` and `{` may nest in front matter.
pub(super) const MAX_DEPTH: usize = 64;

/// Why front matter is refused.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum TooMuch {
    /// It has this many bytes.
    Size(usize),
    /// The bracket at this byte of it opens level `MAX_DEPTH + 1`.
    Depth(usize),
}

/// Checks `yaml` against the limits, in one pass.
pub(super) fn check(yaml: &str) -> Result<(), TooMuch> {
    if yaml.len() > MAX_SIZE {
        return Err(TooMuch::Size(yaml.len()));
    }
    // Nesting deeper than the limit needs more brackets than the limit:
    // most pages have fewer, and counting them is cheaper than reading.
    let brackets = yaml.bytes().filter(|&b| b == b'[' || b == b'{').count();
    if brackets <= MAX_DEPTH {
        return Ok(());
    }
    match too_deep(yaml.as_bytes()) {
        Some(at) => Err(TooMuch::Depth(at)),
        None => Ok(()),
    }
}

/// The message for refused front matter starting at byte `start` of `source`.
pub(super) fn diagnostic(source: &SourceText<'_>, start: usize, too_much: TooMuch) -> Diagnostic {
    match too_much {
        TooMuch::Size(size) => Diagnostic::error(format!(
            "the front matter is {:.1} MB; journeybook reads at most {} MB of it",
            size as f64 / 1e6,
            MAX_SIZE / 1_000_000
        ))
        .at(source.location(1, Some(1), 3))
        .with_help("move long text into the Markdown below the closing `---`, or split the page in two"),
        TooMuch::Depth(at) => Diagnostic::error(format!(
            "lists and maps in brackets nest more than {MAX_DEPTH} levels deep here"
        ))
        .at(source.location_at_offset(start + at, 1))
        .with_help("close the `[` and `{` left open, or write the list one item per line, each starting with `- `"),
    }
}

/// Where a `[` or `{` opens level `MAX_DEPTH + 1`. Brackets count only
/// where YAML reads them as brackets: not in quotes, comments, block text
/// (`|`, `>`), nor inside plain text such as `title: a [draft]`.
fn too_deep(bytes: &[u8]) -> Option<usize> {
    let mut depth = 0;
    // Whether a value may start here (a bracket or quote there opens one).
    let mut value_start = true;
    let mut line_indent = bytes.iter().take_while(|&&b| b == b' ').count();
    let mut i = 0;
    let blank = |i: usize| bytes.get(i).is_none_or(|b| b.is_ascii_whitespace());
    while i < bytes.len() {
        // Inside plain text out of brackets, only these can change anything:
        // skipping to them keeps the check far cheaper than reading the YAML.
        if depth == 0 && !value_start {
            match memchr::memchr3(b'\n', b'#', b':', &bytes[i..]) {
                Some(n) => i += n,
                None => break,
            }
        }
        match bytes[i] {
            b'\n' => {
                value_start = true;
                line_indent = bytes[i + 1..].iter().take_while(|&&b| b == b' ').count();
            }
            b' ' | b'\t' | b'\r' => {}
            b'#' if i == 0 || bytes[i - 1].is_ascii_whitespace() => {
                i = end_of_line(bytes, i);
                continue;
            }
            b'[' | b'{' if value_start || depth > 0 => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(i);
                }
                value_start = true;
            }
            b']' | b'}' if depth > 0 => {
                depth -= 1;
                value_start = false;
            }
            b',' if depth > 0 => value_start = true,
            b':' => value_start = depth > 0 || blank(i + 1),
            b'-' | b'?' if value_start && blank(i + 1) => {}
            b'\'' if value_start => {
                i = after_single_quoted(bytes, i + 1);
                value_start = false;
                continue;
            }
            b'"' if value_start => {
                i = after_double_quoted(bytes, i + 1);
                value_start = false;
                continue;
            }
            b'|' | b'>' if value_start && depth == 0 => {
                i = after_block_text(bytes, end_of_line(bytes, i), line_indent);
                continue;
            }
            _ => value_start = false,
        }
        i += 1;
    }
    None
}

fn end_of_line(bytes: &[u8], from: usize) -> usize {
    memchr::memchr(b'\n', &bytes[from..]).map_or(bytes.len(), |n| from + n)
}

/// After `'…'` (a quote is doubled inside).
fn after_single_quoted(bytes: &[u8], mut i: usize) -> usize {
    while let Some(n) = memchr::memchr(b'\'', &bytes[i..]) {
        i += n + 1;
        if bytes.get(i) != Some(&b'\'') {
            return i;
        }
        i += 1;
    }
    bytes.len()
}

/// After `"…"` (a backslash escapes the next character).
fn after_double_quoted(bytes: &[u8], mut i: usize) -> usize {
    while let Some(n) = memchr::memchr2(b'"', b'\\', &bytes[i..]) {
        i += n;
        if bytes[i] == b'"' {
            return i + 1;
        }
        i += 2;
    }
    bytes.len()
}

/// The line break before the first line after `from` (a line break) that
/// is written and indented no more than `indent`: block text is the lines
/// indented more than the key that starts it.
fn after_block_text(bytes: &[u8], mut from: usize, indent: usize) -> usize {
    while from < bytes.len() {
        let start = from + 1;
        let end = end_of_line(bytes, start.min(bytes.len()));
        let line = &bytes[start.min(end)..end];
        let spaces = line.iter().take_while(|&&b| b == b' ').count();
        if spaces <= indent && line.iter().any(|b| !b.is_ascii_whitespace()) {
            return from;
        }
        from = end;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_error(yaml: &str) -> Option<usize> {
        match check(yaml) {
            Err(TooMuch::Depth(at)) => Some(at),
            _ => None,
        }
    }

    #[test]
    fn deep_brackets_are_refused_where_they_get_too_deep() {
        let yaml = format!("title: x\ntags: {}", "[".repeat(100_000));
        assert_eq!(depth_error(&yaml), Some("title: x\ntags: ".len() + MAX_DEPTH));
        let mixed = format!("a: {}", "[{b: ".repeat(40));
        assert!(depth_error(&mixed).is_some());
        let ok = format!("a: {}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert_eq!(check(&ok), Ok(()));
    }

    #[test]
    fn brackets_in_text_are_not_counted() {
        let many = "[".repeat(200);
        for yaml in [
            format!("title: see {many}"),
            format!("title: '{many}'\nx: 'it''s {many}'"),
            format!("title: \"\\\" {many}\""),
            format!("title: x # {many}"),
            format!("# {many}\ntitle: x"),
            format!("description: |\n  {many}\n  {many}\ntitle: x"),
            format!("stages:\n  - name: A\n    notes: >\n      {many}\n  - name: B"),
        ] {
            assert_eq!(check(&yaml), Ok(()), "{yaml}");
        }
        // Quotes and text end where they should: brackets after them count.
        let after = format!("a: 'x'\nb: \"y\"\nc: |\n  z\nd: {}", "[".repeat(MAX_DEPTH + 1));
        assert!(depth_error(&after).is_some());
    }

    #[test]
    fn large_front_matter_is_refused() {
        let yaml = "title: x\n".repeat(MAX_SIZE / 9 + 1);
        assert_eq!(check(&yaml), Err(TooMuch::Size(yaml.len())));
    }
}
