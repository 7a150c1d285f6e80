//! `{{#include file}}`, mdBook's way of pulling a file into a page:
//! `{{#include file:10:20}}` takes lines 10 to 20, `file:10:` from line
//! 10, `file::20` up to line 20, `file:7` line 7 alone, and `file:name`
//! the lines between `ANCHOR: name` and `ANCHOR_END: name`. Paths are
//! relative to the file that includes, and must stay in the content
//! folder. `\{{#include …}}` is written as it is.
//!
//! The page is expanded before it is parsed; every position in the
//! expanded text maps back to the page, and anything that comes from an
//! included file is placed at its directive, so messages still point at
//! what the writer wrote.

use super::PageSource;
use crate::diagnostics::Diagnostic;
use crate::paths;
use std::ops::Range;
use std::path::Path;

/// How deep includes may nest; deeper is taken for a loop that is not
/// one file including itself.
const MOST_NESTED: usize = 8;

/// A page's body with its includes filled in.
pub(super) struct Expanded {
    /// The text the Markdown parser reads.
    pub text: String,
    /// Which parts of `text` come from where, in order.
    pieces: Vec<Piece>,
}

/// A run of the expanded text: the page's own (`directive` none) or an
/// included file's, placed at the directive that brought it.
struct Piece {
    expanded_start: usize,
    body_start: usize,
    directive: Option<usize>,
}

impl Expanded {
    /// Where a range of the expanded text is in the body: its start, and
    /// its length (the directive's, for included text).
    pub(super) fn place(&self, range: Range<usize>) -> (usize, usize) {
        let i = self
            .pieces
            .partition_point(|p| p.expanded_start <= range.start)
            .saturating_sub(1);
        match self.pieces.get(i) {
            Some(Piece {
                directive: Some(len),
                body_start,
                ..
            }) => (*body_start, *len),
            Some(piece) => (piece.body_start + range.start - piece.expanded_start, range.len()),
            None => (range.start, range.len()),
        }
    }
}

/// One `{{#include …}}` found in a text.
struct Directive<'t> {
    /// The directive's bytes, braces included.
    span: Range<usize>,
    /// What follows `#include`, trimmed: `file:10:20`.
    argument: &'t str,
    /// Written `\{{#include`: shown as it is, without the backslash.
    escaped: bool,
}

fn directives(text: &str) -> impl Iterator<Item = Directive<'_>> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || loop {
        let at = from + text.get(from..)?.find("{{")?;
        from = at + 2;
        let rest = &text[at + 2..];
        let Some(inner) = rest.trim_start().strip_prefix("#include") else {
            continue;
        };
        if !inner.starts_with(char::is_whitespace) {
            continue;
        }
        let Some(close) = inner.find("}}") else {
            continue;
        };
        let end = text.len() - inner.len() + close + 2;
        from = end;
        let escaped = at > 0 && text.as_bytes()[at - 1] == b'\\';
        let start = if escaped { at - 1 } else { at };
        return Some(Directive {
            span: start..end,
            argument: inner[..close].trim(),
            escaped,
        });
    })
}

/// The body with its includes filled in; none when it has none (nearly
/// every page), so it is parsed as it is. Problems go to `out`.
pub(super) fn expand(page: &PageSource<'_>, out: &mut Vec<Diagnostic>) -> Option<Expanded> {
    memchr::memmem::find(page.body.as_bytes(), b"#include")?;
    let body_offset = page.source.text.len() - page.body.len();
    let mut text = String::with_capacity(page.body.len());
    let mut pieces = Vec::new();
    let mut copied = 0;
    for directive in directives(page.body) {
        let own = |text: &String| Piece {
            expanded_start: text.len(),
            body_start: copied,
            directive: None,
        };
        pieces.push(own(&text));
        text.push_str(&page.body[copied..directive.span.start]);
        let written = &page.body[directive.span.clone()];
        pieces.push(Piece {
            expanded_start: text.len(),
            body_start: directive.span.start,
            directive: Some(directive.span.len()),
        });
        if directive.escaped {
            text.push_str(&written[1..]);
        } else {
            let mut chain = vec![page.content_path.to_owned()];
            match included(page, directive.argument, &mut chain) {
                Ok(included) => text.push_str(&included),
                Err(problem) => {
                    let at = page
                        .source
                        .location_at_offset(body_offset + directive.span.start, written.chars().count());
                    out.push(problem.at(at));
                }
            }
        }
        copied = directive.span.end;
    }
    pieces.push(Piece {
        expanded_start: text.len(),
        body_start: copied,
        directive: None,
    });
    text.push_str(&page.body[copied..]);
    Some(Expanded { text, pieces })
}

/// The text one directive stands for, includes in it filled in; `chain`
/// holds the files that led here, the page first.
fn included(page: &PageSource<'_>, argument: &str, chain: &mut Vec<String>) -> Result<String, Diagnostic> {
    let Some(content_root) = page.extensions.content_root.as_deref() else {
        return Err(
            Diagnostic::error("`{{#include}}` cannot be used here").with_help("build the page as part of a project")
        );
    };
    let (path, selector) = match argument.split_once(':') {
        Some((path, selector)) => (path.trim(), Some(selector.trim())),
        None => (argument, None),
    };
    if path.is_empty() {
        return Err(Diagnostic::error("`{{#include}}` names no file")
            .with_help("name the file relative to this page, e.g. `{{#include snippets/intro.md}}`"));
    }
    let from = chain.last().map_or(page.content_path, String::as_str);
    let Some(resolved) = paths::join(from, &paths::decode_or_keep(path)) else {
        return Err(
            Diagnostic::error(format!("included file `{path}` is outside the content folder"))
                .with_help("include a file inside the content folder, by its path relative to this page"),
        );
    };
    if chain.contains(&resolved) || chain.len() > MOST_NESTED {
        return Err(Diagnostic::error(format!(
            "`{{{{#include {path}}}}}` never ends: {} includes itself",
            chain.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(" → ")
        ))
        .with_help("remove the include that leads back to a file already included"));
    }
    let whole = read_confined(content_root, &resolved, path)?;
    let mut text = match selector {
        None => whole.strip_suffix('\n').unwrap_or(&whole).to_owned(),
        Some(selector) => select(&whole, selector, path)?,
    };
    if text.contains("#include") {
        chain.push(resolved);
        let mut nested = String::with_capacity(text.len());
        let mut copied = 0;
        for directive in directives(&text) {
            nested.push_str(&text[copied..directive.span.start]);
            match directive.escaped {
                true => nested.push_str(&text[directive.span.start + 1..directive.span.end]),
                false => nested.push_str(&included(page, directive.argument, chain)?),
            }
            copied = directive.span.end;
        }
        nested.push_str(&text[copied..]);
        chain.pop();
        text = nested;
    }
    Ok(text)
}

/// Reads `content/<resolved>`, refusing a file that a link leads out of the content folder.
fn read_confined(content_root: &Path, resolved: &str, written: &str) -> Result<String, Diagnostic> {
    let file = content_root.join(resolved);
    let missing = || {
        Diagnostic::error(format!(
            "included file `{written}` does not exist (resolved to content/{resolved})"
        ))
        .with_help("fix the path: it is relative to the page that includes it")
    };
    let real = std::fs::canonicalize(&file).map_err(|_| missing())?;
    let root = std::fs::canonicalize(content_root).map_err(|_| missing())?;
    if !real.starts_with(&root) {
        return Err(Diagnostic::error(format!(
            "included file `{written}` is a link to a file outside the content folder"
        ))
        .with_help("only files inside the content folder can be included: copy the file in"));
    }
    if !real.is_file() {
        return Err(missing());
    }
    let bytes =
        std::fs::read(&real).map_err(|e| Diagnostic::error(format!("cannot read included file `{written}`: {e}")))?;
    String::from_utf8(bytes).map_err(|_| {
        Diagnostic::error(format!("included file `{written}` is not valid UTF-8"))
            .with_help("save the file with UTF-8 encoding")
    })
}

/// The lines a selector names: `10:20`, `10:`, `:20`, `7`, or an anchor's name.
fn select(whole: &str, selector: &str, written: &str) -> Result<String, Diagnostic> {
    let lines: Vec<&str> = whole.lines().collect();
    let number = |s: &str| -> Result<Option<usize>, ()> {
        match s.trim() {
            "" => Ok(None),
            n => n.parse::<usize>().map(Some).map_err(|_| ()),
        }
    };
    let range = match selector.split_once(':') {
        Some((a, b)) => match (number(a), number(b)) {
            (Ok(a), Ok(b)) => Some((a.unwrap_or(1), b.unwrap_or(lines.len()))),
            _ => None,
        },
        None => match number(selector) {
            Ok(Some(n)) => Some((n, n)),
            _ => None,
        },
    };
    if let Some((first, last)) = range {
        if first == 0 || first > lines.len() || last < first {
            return Err(Diagnostic::error(format!(
                "lines {selector} are not in `{written}`, which has {} lines",
                lines.len()
            ))
            .with_help("lines count from 1: write `file:FIRST:LAST`, `file:FIRST:` or `file::LAST`"));
        }
        return Ok(lines[first - 1..last.min(lines.len())].join("\n"));
    }
    let is_marker = |line: &str, marker: &str| {
        line.split_once(marker)
            .is_some_and(|(_, name)| name.trim().trim_end_matches("-->").trim_end_matches("*/").trim() == selector)
    };
    let start = lines.iter().position(|l| is_marker(l, "ANCHOR:"));
    let end = lines.iter().position(|l| is_marker(l, "ANCHOR_END:"));
    match (start, end) {
        (Some(start), Some(end)) if start < end => Ok(lines[start + 1..end]
            .iter()
            .filter(|l| !l.contains("ANCHOR:") && !l.contains("ANCHOR_END:"))
            .copied()
            .collect::<Vec<_>>()
            .join("\n")),
        _ => Err(Diagnostic::error(format!("`{written}` has no anchor `{selector}`"))
            .with_help(format!(
                "mark the lines with `ANCHOR: {selector}` and `ANCHOR_END: {selector}` in the file, or give line numbers: `{written}:FIRST:LAST`"
            ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_directives_and_escapes() {
        let text = "a {{#include x.md}} b \\{{#include y.md:2:3}} {{#title no}} {{ #include  z.md }}";
        let found: Vec<(&str, bool)> = directives(text).map(|d| (d.argument, d.escaped)).collect();
        assert_eq!(found, [("x.md", false), ("y.md:2:3", true), ("z.md", false)]);
    }

    #[test]
    fn selects_lines_and_anchors() {
        let file = "one\ntwo\n// ANCHOR: mid\nthree\nfour\n// ANCHOR_END: mid\nfive\n";
        assert_eq!(
            select(file, "2:4", "f").ok().as_deref(),
            Some("two\n// ANCHOR: mid\nthree")
        );
        assert_eq!(
            select(file, "6:", "f").ok().as_deref(),
            Some("// ANCHOR_END: mid\nfive")
        );
        assert_eq!(select(file, ":1", "f").ok().as_deref(), Some("one"));
        assert_eq!(select(file, "2", "f").ok().as_deref(), Some("two"));
        assert_eq!(select(file, "mid", "f").ok().as_deref(), Some("three\nfour"));
        assert!(select(file, "nope", "f").is_err());
        assert!(select(file, "9:10", "f").is_err());
    }
}
