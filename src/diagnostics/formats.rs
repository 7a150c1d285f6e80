//! The forms a diagnostic is printed in (`--message-format`): rustc's style
//! for people, one JSON object a line for tools, and GitHub Actions
//! workflow commands so problems show inline in pull requests.

use super::{Diagnostic, Severity};
use serde::Serialize;
use std::io::Write;

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum MessageFormat {
    /// rustc's style, on stderr, coloured on a terminal.
    #[default]
    Human,
    /// One JSON object per diagnostic per line, on stdout.
    Json,
    /// GitHub Actions workflow commands (`::error file=…::…`), on stdout.
    Github,
}

/// One diagnostic as `--message-format json` prints it. The field names are
/// a promise to tools: add fields, never rename them.
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    level: &'static str,
    message: &'a str,
    file: Option<String>,
    /// 1-based; none for a problem with the whole file or none at all.
    line: Option<usize>,
    column: Option<usize>,
    /// The last column underlined (inclusive), on `line`.
    end_column: Option<usize>,
    help: Option<&'a str>,
    notes: Vec<&'a str>,
    /// For the closing line of a file with too many problems: how many it stands for.
    #[serde(skip_serializing_if = "Option::is_none")]
    omitted: Option<usize>,
}

fn level(d: &Diagnostic) -> &'static str {
    match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// The place of a diagnostic: file, line (none when 0), column, end column.
fn place(d: &Diagnostic) -> (Option<String>, Option<usize>, Option<usize>, Option<usize>) {
    let Some(loc) = &d.location else {
        return (None, None, None, None);
    };
    let file = Some(loc.file.display().to_string().replace('\\', "/"));
    let line = (loc.line > 0).then_some(loc.line);
    let column = line.and(loc.column);
    let end = column.map(|c| c + loc.width.max(1) - 1);
    (file, line, column, end)
}

/// The diagnostic as one line of JSON.
pub fn json_line(d: &Diagnostic) -> String {
    let (file, line, column, end_column) = place(d);
    let record = JsonDiagnostic {
        level: level(d),
        message: &d.message,
        file,
        line,
        column,
        end_column,
        help: d.help.as_deref(),
        notes: d.note.as_deref().into_iter().collect(),
        omitted: (d.omitted > 0).then_some(d.omitted),
    };
    // Plain strings and numbers: serialising cannot fail.
    serde_json::to_string(&record).unwrap_or_default()
}

/// Escapes a workflow command's message as the Actions runner reads it.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a workflow command's property value: the message's escapes and
/// the `:` and `,` that end a property.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// The diagnostic as a GitHub Actions workflow command, e.g.
/// `::error file=content/a.md,line=7,col=31,endColumn=39,title=…::…`.
pub fn github_line(d: &Diagnostic) -> String {
    let (file, line, column, end_column) = place(d);
    let mut properties = Vec::new();
    if let Some(file) = file {
        properties.push(format!("file={}", escape_property(&file)));
    }
    if let Some(line) = line {
        properties.push(format!("line={line}"));
    }
    if let Some(column) = column {
        properties.push(format!("col={column}"));
    }
    if let Some(end) = end_column {
        properties.push(format!("endColumn={end}"));
    }
    properties.push(format!(
        "title={}",
        escape_property(&format!("journeybook {}", level(d)))
    ));
    let mut body = d.message.clone();
    if let Some(note) = &d.note {
        body.push_str(&format!("\nnote: {note}"));
    }
    if let Some(help) = &d.help {
        body.push_str(&format!("\nhelp: {help}"));
    }
    format!("::{} {}::{}", level(d), properties.join(","), escape_data(&body))
}

/// Prints diagnostics in `format`: people's on stderr (coloured when
/// `color`), tools' on stdout, one a line, so summaries on stderr never mix in.
pub fn print(diagnostics: &[&Diagnostic], format: MessageFormat, color: bool) {
    match format {
        MessageFormat::Human => {
            for d in diagnostics {
                eprintln!("{}", human(d, color));
            }
        }
        MessageFormat::Json | MessageFormat::Github => {
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            for d in diagnostics {
                let line = match format {
                    MessageFormat::Json => json_line(d),
                    _ => github_line(d),
                };
                // A closed pipe (`| head`) is no reason to fail the build.
                let _ = writeln!(out, "{line}");
            }
        }
    }
}

/// rustc's style, with the label coloured on a terminal.
fn human(d: &Diagnostic, color: bool) -> String {
    let text = d.to_string();
    if !color {
        return text;
    }
    let (label, code) = match d.severity {
        Severity::Error => ("error", "1;31"),
        Severity::Warning => ("warning", "1;33"),
    };
    text.replacen(label, &format!("\x1b[{code}m{label}\x1b[0m"), 1)
}

#[cfg(test)]
mod tests {
    use super::super::SourceText;
    use super::*;
    use std::path::Path;

    #[test]
    fn github_commands_escape_what_the_runner_reads() {
        let text = "---\ntouchpoints: [a]\n";
        let src = SourceText::new(Path::new("content/x,y:z.md"), text);
        let d = Diagnostic::error("100% wrong\r\nhere")
            .at(src.location(2, Some(15), 1))
            .with_help("fix it, now");
        let line = github_line(&d);
        assert_eq!(
            line,
            "::error file=content/x%2Cy%3Az.md,line=2,col=15,endColumn=15,title=journeybook error::100%25 wrong%0D%0Ahere%0Ahelp: fix it, now"
        );
    }
}
