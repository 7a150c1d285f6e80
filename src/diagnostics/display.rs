//! A diagnostic as the writer reads it, in rustc's style: the message, the
//! place, the source line with a caret under the exact characters, the note
//! and the help. Text from content is shown safe for a terminal.

use super::Diagnostic;
use super::Severity;
use std::fmt;

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{label}: {}", escape_controls(&self.message))?;
        let gutter = self.location.as_ref().map_or(1, |l| l.line.max(1).to_string().len());
        let pad = " ".repeat(gutter);
        if let Some(loc) = &self.location {
            let file = loc.file.display();
            match (loc.line, loc.column) {
                (0, _) => writeln!(f, "{pad}--> {file}")?,
                (line, None) => writeln!(f, "{pad}--> {file}:{line}")?,
                (line, Some(col)) => writeln!(f, "{pad}--> {file}:{line}:{col}")?,
            }
            if let Some(src) = &loc.source_line {
                let (shown, indent, carets) = caret_line(src, Some(loc.source_column), loc.width);
                writeln!(f, "{pad} |")?;
                writeln!(f, "{} | {}", loc.line, shown.trim_end())?;
                if loc.column.is_some() {
                    writeln!(f, "{pad} | {}{}", " ".repeat(indent), "^".repeat(carets))?;
                } else {
                    writeln!(f, "{pad} |")?;
                }
            }
        }
        if let Some(note) = &self.note {
            writeln!(f, "{pad} = note: {}", escape_controls(note))?;
        }
        if let Some(help) = &self.help {
            writeln!(f, "{pad} = help: {}", escape_controls(help))?;
        }
        Ok(())
    }
}

/// Whether a character would act on the terminal instead of showing: C0
/// and C1 controls (an escape sequence in content could recolour or clear
/// the writer's terminal) and the bidirectional overrides.
fn is_control(c: char) -> bool {
    (c.is_control() && c != '\t') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// One character as shown: tabs as four spaces, controls as `\u{1b}`.
fn shown_char(c: char, out: &mut String) {
    match c {
        '\t' => out.push_str("    "),
        c if is_control(c) => out.push_str(&c.escape_unicode().to_string()),
        c => out.push(c),
    }
}

/// Text from content, safe to print: controls escaped.
fn escape_controls(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_control) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            c if is_control(c) => out.push_str(&c.escape_unicode().to_string()),
            c => out.push(c),
        }
    }
    out.into()
}

/// The source line as shown, with the caret's indent and length in display
/// columns: wide characters (CJK, emoji) take two, marks none.
fn caret_line(source: &str, column: Option<usize>, width: usize) -> (String, usize, usize) {
    use unicode_width::UnicodeWidthStr;
    let mut shown = String::with_capacity(source.len());
    let mut indent = 0;
    let mut carets = 0;
    let start = column.unwrap_or(1).saturating_sub(1);
    for (i, c) in source.chars().enumerate() {
        let before = shown.len();
        shown_char(c, &mut shown);
        let columns = shown[before..].width();
        if i < start {
            indent += columns;
        } else if i < start + width.max(1) {
            carets += columns;
        }
    }
    (shown, indent, carets.max(1))
}

#[cfg(test)]
mod tests {
    use super::super::SourceText;
    use super::*;
    use std::path::Path;

    #[test]
    fn carets_line_up_under_wide_characters() {
        let text = "---\ntitle: 問い合わせ [x](nope.md)\n";
        let src = SourceText::new(Path::new("content/a.md"), text);
        let d = Diagnostic::error("broken link").at(src.location(2, Some(18), 7));
        let shown = d.to_string();
        // `title: ` is 7 columns, the five CJK characters 10, then ` [x](` 5.
        assert!(shown.contains(&format!("  | {}^^^^^^^\n", " ".repeat(22))), "{shown}");
    }

    #[test]
    fn control_characters_from_content_are_escaped() {
        let text = "---\ntouchpoints: [a\u{1b}[31mred]\n";
        let src = SourceText::new(Path::new("content/a.md"), text);
        let d = Diagnostic::error("unknown touchpoint `a\u{1b}[31mred`").at(src.location(2, Some(15), 9));
        let shown = d.to_string();
        assert!(!shown.contains('\u{1b}'), "{shown:?}");
        assert!(shown.contains("a\\u{1b}[31mred"), "{shown}");
    }

    #[test]
    fn renders_in_rustc_style() {
        let text = "---\ntouchpoints: [live-chta]\n";
        let src = SourceText::new(Path::new("content/journeys/a.md"), text);
        let d = Diagnostic::error("unknown touchpoint `live-chta`")
            .at(src.location(2, Some(15), 9))
            .with_help("did you mean `live-chat`?");
        let shown = d.to_string();
        assert!(shown.starts_with("error: unknown touchpoint `live-chta`\n --> content/journeys/a.md:2:15\n"));
        assert!(shown.contains("2 | touchpoints: [live-chta]\n  |               ^^^^^^^^^\n"));
        assert!(shown.ends_with("= help: did you mean `live-chat`?\n"));
    }
}
