//! ```mermaid blocks that hold a journey diagram, drawn at build time as an
//! inline SVG (see `crate::mermaid::svg`); other Mermaid diagrams stay code
//! blocks. A broken diagram is an error at its line in the Markdown file.
//!
//! The drawings go into the page as placeholders and are put back after the
//! raw-HTML sanitiser has run: the SVG is the theme's, not the writer's, and
//! the sanitiser would strip it.

use super::PageSource;
use crate::diagnostics::Diagnostic;
use crate::mermaid;

/// Marks a drawing's place in the HTML: private-use characters, which
/// neither Markdown nor the sanitiser touch.
const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// Where a block's text starts in the page: its byte offset in the file, and
/// whether it was included from another file (then problems are placed at
/// the `{{#include}}` directive, `len` bytes long).
pub(super) struct BlockStart {
    /// Byte offset in the page's file of the block's first character, or of the directive.
    pub offset: usize,
    /// Length of the directive when the block was included; 0 otherwise.
    pub included_len: usize,
}

/// A ```mermaid block: `None` when it is not a journey diagram (it stays a
/// code block); else the placeholder to put in the page, with the SVG kept
/// in `drawn`, or the problem.
pub(super) fn journey_block(
    page: &PageSource<'_>,
    lang: &str,
    text: &str,
    start: Option<BlockStart>,
    drawn: &mut Vec<String>,
) -> Option<Result<String, Diagnostic>> {
    if !lang.eq_ignore_ascii_case("mermaid") || !mermaid::is_journey(text) {
        return None;
    }
    Some(match mermaid::parse(text) {
        Ok(diagram) => {
            drawn.push(mermaid::svg::render(&diagram, drawn.len() + 1));
            Ok(format!("{OPEN}{}{CLOSE}\n", drawn.len() - 1))
        }
        Err(problem) => Err(locate(page, text, start, problem)),
    })
}

/// The HTML with each placeholder replaced by its drawing.
pub(super) fn put_back(html: String, drawn: &[String]) -> String {
    if drawn.is_empty() {
        return html;
    }
    let mut out = String::with_capacity(html.len() + drawn.iter().map(String::len).sum::<usize>());
    let mut rest = html.as_str();
    while let Some(open) = rest.find(OPEN) {
        out.push_str(&rest[..open]);
        let after = &rest[open + OPEN.len_utf8()..];
        let drawing = after
            .find(CLOSE)
            .and_then(|close| Some((after[..close].parse::<usize>().ok()?, close)))
            .and_then(|(n, close)| Some((drawn.get(n)?, close)));
        match drawing {
            Some((svg, close)) => {
                out.push_str(svg);
                rest = &after[close + CLOSE.len_utf8()..];
            }
            // A private-use character the writer typed: kept as it is.
            None => {
                out.push(OPEN);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The problem at its place in the Markdown file: the block's first line
/// in the file plus the line inside the block, and the column in the file's
/// line (past any indentation or `>` the block sits in).
fn locate(page: &PageSource<'_>, text: &str, start: Option<BlockStart>, problem: mermaid::Problem) -> Diagnostic {
    let source = &page.source;
    let d = Diagnostic::error(format!("{} (in this Mermaid journey diagram)", problem.message)).with_help(problem.help);
    let Some(start) = start else {
        return d.at_file(source.file);
    };
    if start.included_len > 0 {
        return d
            .at(source.location_at_offset(start.offset, start.included_len))
            .with_note("the diagram is in the text this directive includes");
    }
    let before = &text[..problem.offset.min(text.len())];
    let line_in_block = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let block_line = text[line_start..].lines().next().unwrap_or_default();
    let first_line = source.line_of(start.offset) + 1;
    let file_line = first_line + line_in_block;
    let written = source.line(file_line).unwrap_or_default();
    // The file's line is the block's line behind its indentation or quote marks.
    let prefix = match written.ends_with(block_line) {
        true => written.len() - block_line.len(),
        false => 0,
    };
    let column_bytes = (prefix + problem.offset.saturating_sub(line_start)).min(written.len());
    let column = written.get(..column_bytes).map_or(1, |s| s.chars().count() + 1);
    let end = (problem.offset + problem.len).min(text.len());
    let width = text.get(problem.offset..end).map_or(1, |s| s.chars().count().max(1));
    d.at(source.location(file_line, Some(column), width))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_replaced_and_stray_marks_kept() {
        let drawn = vec!["<svg>a</svg>".to_owned(), "<svg>b</svg>".to_owned()];
        let html = format!("<p>x</p>{OPEN}1{CLOSE}<p>{OPEN}y</p>{OPEN}0{CLOSE}");
        assert_eq!(
            put_back(html, &drawn),
            format!("<p>x</p><svg>b</svg><p>{OPEN}y</p><svg>a</svg>")
        );
        assert_eq!(put_back(format!("{OPEN}9{CLOSE}"), &drawn), format!("{OPEN}9{CLOSE}"));
    }
}
