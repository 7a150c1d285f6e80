//! Errors and warnings about a project, collected by every pipeline stage and
//! shown by the CLI (or the preview server) in rustc's style.

mod display;
pub mod formats;
mod limit;

pub use formats::MessageFormat;
pub use limit::{limit_per_file, more_in_file, Budget, FileProblems, SHOWN_PER_FILE};

use crate::lines::{window, LineIndex};
use serde::{Deserialize, Serialize};
use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// How serious a problem is: errors fail the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The project cannot be built as it is.
    Error,
    /// Worth fixing, but the site is still built (e.g. a stale map).
    Warning,
}

/// Where a diagnostic points: a file relative to the project root, a 1-based
/// line and (where known) a 1-based column in characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    /// The file, relative to the project root, e.g. `content/journeys/buy.md`.
    pub file: PathBuf,
    /// The 1-based line; 0 when the problem is with the file as a whole.
    pub line: usize,
    /// The 1-based column in characters, where known.
    pub column: Option<usize>,
    /// The text of the line, shown under the location with a caret; a long
    /// line is cut around the caret, with `…` where it was cut.
    pub source_line: Option<String>,
    /// The 1-based character column of the caret in `source_line` (the
    /// column itself unless the line was cut).
    pub source_column: usize,
    /// How many characters the caret underlines (at least one).
    pub width: usize,
}

/// A problem with the project: what is wrong, where, and how to fix it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Whether it fails the build.
    pub severity: Severity,
    /// What is wrong, in one line, e.g. "unknown touchpoint `live-chta`".
    pub message: String,
    /// Where it is, when it has a place.
    pub location: Option<Box<Location>>,
    /// How to fix it, e.g. "did you mean `live-chat`?".
    pub help: Option<String>,
    /// More about the problem, shown before the help.
    pub note: Option<String>,
    /// For the line ending a file with more problems than are shown: how
    /// many it stands for; 0 for a problem of its own.
    #[serde(skip_serializing_if = "is_zero", default)]
    pub omitted: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Diagnostic {
    /// An error with this message, not yet located.
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            location: None,
            help: None,
            note: None,
            omitted: 0,
        }
    }

    /// A warning with this message, not yet located.
    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    /// Places the problem at `location`.
    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(Box::new(location));
        self
    }

    /// Places the problem at a whole file, with no line.
    pub fn at_file(mut self, file: &Path) -> Self {
        self.location = Some(Box::new(Location {
            file: file.to_path_buf(),
            line: 0,
            column: None,
            source_line: None,
            source_column: 1,
            width: 1,
        }));
        self
    }

    /// Adds how to fix it.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets how to fix it, when there is a suggestion.
    pub fn with_help_opt(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    /// Adds a note, shown before the help.
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }

    /// Whether it fails the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// How many problems it stands for: one, or those a closing line counts.
    pub fn problems(&self) -> usize {
        self.omitted.max(1)
    }
}

/// A source file's text with the means to turn positions into locations.
#[derive(Debug, Clone)]
pub struct SourceText<'a> {
    /// The file, relative to the project root, as locations name it.
    pub file: &'a Path,
    /// The whole text of the file.
    pub text: &'a str,
    lines: Lines<'a>,
    /// The last offset located, its line start and column: positions are
    /// mostly asked for in reading order, so a long line is counted once.
    last: Cell<Option<(usize, usize, usize)>>,
}

/// A text's line index, made on first use.
#[derive(Debug, Clone)]
enum Lines<'a> {
    Own(OnceLock<LineIndex>),
    /// Kept by the document, for texts located at many stages.
    Shared(&'a OnceLock<LineIndex>),
}

impl<'a> SourceText<'a> {
    /// `text`, the contents of `file`.
    pub fn new(file: &'a Path, text: &'a str) -> Self {
        SourceText {
            file,
            text,
            lines: Lines::Own(OnceLock::new()),
            last: Cell::new(None),
        }
    }

    /// `text` with a line index kept elsewhere (made here if need be), so
    /// that it is made once per file.
    pub fn with_lines(file: &'a Path, text: &'a str, lines: &'a OnceLock<LineIndex>) -> Self {
        SourceText {
            lines: Lines::Shared(lines),
            ..SourceText::new(file, text)
        }
    }

    fn index(&self) -> &LineIndex {
        let cell = match &self.lines {
            Lines::Own(cell) => cell,
            Lines::Shared(cell) => cell,
        };
        cell.get_or_init(|| LineIndex::new(self.text))
    }

    /// The text of a 1-based line, without its line break.
    pub fn line(&self, line: usize) -> Option<&'a str> {
        let range = self.index().range(self.text, line.checked_sub(1)?)?;
        Some(&self.text[range])
    }

    /// The 0-based line a byte offset is on.
    pub fn line_of(&self, offset: usize) -> usize {
        self.index().line_of(offset)
    }

    /// A location at a 1-based line and column (in characters).
    pub fn location(&self, line: usize, column: Option<usize>, width: usize) -> Location {
        let text = self.line(line);
        let at = match (text, column) {
            (Some(text), Some(col)) => text
                .char_indices()
                .nth(col.saturating_sub(1))
                .map_or(text.len(), |(i, _)| i),
            _ => 0,
        };
        self.located(line, column, text, at, width)
    }

    fn located(&self, line: usize, column: Option<usize>, text: Option<&str>, at: usize, width: usize) -> Location {
        let shown = text.map(|text| window(text, at, width));
        Location {
            file: self.file.to_path_buf(),
            line,
            column,
            source_column: shown.as_ref().map_or(1, |w| w.caret),
            width: shown.as_ref().map_or(width.max(1), |w| w.width),
            source_line: shown.map(|w| w.text),
        }
    }

    /// A location at a byte offset into the text.
    pub fn location_at_offset(&self, offset: usize, width: usize) -> Location {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let index = self.index();
        let line = index.line_of(offset);
        let range = index.range(self.text, line);
        let line_start = range.as_ref().map_or(offset, |r| r.start);
        let column = match self.last.get() {
            Some((last, start, col)) if start == line_start && last <= offset => {
                col + self.text[last..offset].chars().count()
            }
            _ => self.text[line_start..offset].chars().count() + 1,
        };
        self.last.set(Some((offset, line_start, column)));
        let text = range.map(|r| &self.text[r]);
        let at = offset - line_start;
        self.located(line + 1, Some(column), text, at, width)
    }
}

/// Puts problems in reading order: errors before warnings (what stops the
/// build comes first), then by file, line and column; problems without a
/// place keep their order, first. Each file shows its first
/// [`SHOWN_PER_FILE`] problems of each kind, then one line counting the rest.
pub fn sort(diagnostics: &mut Vec<Diagnostic>) {
    fn key(d: &Diagnostic) -> (bool, Option<(&Path, usize, usize)>) {
        let place = d
            .location
            .as_ref()
            .map(|l| (l.file.as_path(), l.line, l.column.unwrap_or(0)));
        (!d.is_error(), place)
    }
    diagnostics.sort_by(|a, b| key(a).cmp(&key(b)));
    if diagnostics.len() > SHOWN_PER_FILE || diagnostics.iter().any(|d| d.omitted > 0) {
        *diagnostics = limit_per_file(std::mem::take(diagnostics));
    }
}

/// Gathers problems from work done in parallel; they are rare, so one lock
/// serves. Problems located in a file are counted per file, so that past
/// the limit they are not made at all.
#[derive(Debug, Default)]
pub struct Collector(std::sync::Mutex<Gathered>);

#[derive(Debug, Default)]
struct Gathered {
    list: Vec<Diagnostic>,
    budgets: std::collections::HashMap<PathBuf, Budget>,
}

impl Collector {
    /// A collector that starts with the problems already found.
    pub fn new(first: Vec<Diagnostic>) -> Collector {
        Collector(std::sync::Mutex::new(Gathered {
            list: first,
            ..Gathered::default()
        }))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Gathered> {
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Adds one problem.
    pub fn report(&self, diagnostic: Diagnostic) {
        self.lock().list.push(diagnostic);
    }

    /// Adds the error `make` builds about `file`; once the file has had
    /// [`SHOWN_PER_FILE`], only counts it. `make` runs outside the lock.
    pub fn report_in(&self, file: &Path, make: impl FnOnce() -> Diagnostic) {
        let admitted = {
            let mut gathered = self.lock();
            match gathered.budgets.get_mut(file) {
                Some(budget) => budget.admit(Severity::Error),
                None => gathered
                    .budgets
                    .entry(file.to_path_buf())
                    .or_default()
                    .admit(Severity::Error),
            }
        };
        if admitted {
            let diagnostic = make();
            self.report(diagnostic);
        }
    }

    /// Adds several problems at once.
    pub fn report_all(&self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.lock().list.extend(diagnostics);
    }

    /// Every problem, in the order reported, then a line for each file
    /// counting those past the limit.
    pub fn into_inner(self) -> Vec<Diagnostic> {
        let gathered = self.0.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner());
        let mut list = gathered.list;
        list.extend(
            gathered
                .budgets
                .iter()
                .filter_map(|(file, budget)| budget.closing(file)),
        );
        list
    }
}

/// The closest candidates to a misspelt name, best first.
pub fn closest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let limit = (wrong.chars().count() / 3).max(2);
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .filter_map(|c| {
            let d = strsim::damerau_levenshtein(wrong, c);
            let prefix = c.starts_with(wrong) || wrong.starts_with(c);
            (d <= limit || (prefix && !c.is_empty())).then_some((d, c))
        })
        .collect();
    scored.sort();
    scored.dedup();
    scored.into_iter().take(3).map(|(_, c)| c).collect()
}

/// "did you mean `x`?" for the closest candidates, if any is close.
pub fn did_you_mean<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let close = closest(wrong, candidates);
    match close.as_slice() {
        [] => None,
        [one] => Some(format!("did you mean `{one}`?")),
        many => Some(format!(
            "did you mean one of {}?",
            many.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ")
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_closest_candidate() {
        let known = ["live-chat", "search-ads", "website"];
        assert_eq!(closest("live-chta", known), vec!["live-chat"]);
        assert_eq!(closest("zzzzzzzzzz", known), Vec::<&str>::new());
    }
}
