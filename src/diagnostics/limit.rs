//! At most [`SHOWN_PER_FILE`] problems per file, then one line counting the
//! rest. A file with 15,000 mistakes (a generated list of unknown ids) would
//! otherwise print hundreds of megabytes; and since locating a problem may
//! read the front matter again, stages that find many in one file make the
//! first ones in full and only count the others.

use super::{Diagnostic, Severity};
use std::path::Path;

/// How many problems of one file are shown.
pub const SHOWN_PER_FILE: usize = 50;

/// Counts the problems one stage finds in one file.
#[derive(Debug, Default, Clone)]
pub struct Budget {
    made: usize,
    counted: usize,
    counted_error: bool,
}

impl Budget {
    /// Whether the next problem is to be made in full; past the limit it is
    /// only counted.
    pub fn admit(&mut self, severity: Severity) -> bool {
        if self.made < SHOWN_PER_FILE {
            self.made += 1;
            return true;
        }
        self.counted += 1;
        self.counted_error |= severity == Severity::Error;
        false
    }

    /// The line standing for the problems only counted, if any.
    pub fn closing(&self, file: &Path) -> Option<Diagnostic> {
        (self.counted > 0).then(|| more_in_file(file, self.counted, self.counted_error))
    }
}

/// The problems one stage finds in one file, made in full up to the limit.
#[derive(Debug, Default)]
pub struct FileProblems {
    list: Vec<Diagnostic>,
    budget: Budget,
}

impl FileProblems {
    /// Adds the error `make` builds; past the limit, only counts it.
    pub fn error(&mut self, make: impl FnOnce() -> Diagnostic) {
        if self.budget.admit(Severity::Error) {
            self.list.push(make());
        }
    }

    /// Adds the warning `make` builds; past the limit, only counts it.
    pub fn warning(&mut self, make: impl FnOnce() -> Diagnostic) {
        if self.budget.admit(Severity::Warning) {
            self.list.push(make());
        }
    }

    /// The problems, with a closing line for those only counted.
    pub fn finish(mut self, file: &Path) -> Vec<Diagnostic> {
        self.list.extend(self.budget.closing(file));
        self.list
    }
}

/// "… and 14,950 more problems in this file": an error when any of them is.
pub fn more_in_file(file: &Path, count: usize, any_error: bool) -> Diagnostic {
    let what = if count == 1 { "problem" } else { "problems" };
    let d = Diagnostic::error(format!("… and {} more {what} in this file", thousands(count)))
        .at_file(file)
        .with_help("fix the problems above and run the build again to see the rest");
    Diagnostic {
        severity: if any_error { Severity::Error } else { Severity::Warning },
        omitted: count,
        ..d
    }
}

/// `14950` as `14,950`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Keeps the first [`SHOWN_PER_FILE`] problems of each file of `sorted`
/// (in reading order) and ends the file's problems with one line counting
/// the rest, those of the closing lines stages made included.
pub fn limit_per_file(sorted: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut out = Vec::with_capacity(sorted.len().min(4096));
    let mut file: Option<std::path::PathBuf> = None;
    let (mut shown, mut hidden, mut hidden_error) = (0, 0, false);
    let close = |out: &mut Vec<Diagnostic>, file: &Option<std::path::PathBuf>, hidden: usize, error: bool| {
        if let (Some(file), true) = (file, hidden > 0) {
            out.push(more_in_file(file, hidden, error));
        }
    };
    for d in sorted {
        let this = d.location.as_ref().map(|l| &l.file);
        if this != file.as_ref() {
            close(&mut out, &file, hidden, hidden_error);
            file = this.cloned();
            (shown, hidden, hidden_error) = (0, 0, false);
        }
        if file.is_none() {
            out.push(d);
        } else if d.omitted > 0 {
            hidden += d.omitted;
            hidden_error |= d.is_error();
        } else if shown < SHOWN_PER_FILE {
            shown += 1;
            out.push(d);
        } else {
            hidden += 1;
            hidden_error |= d.is_error();
        }
    }
    close(&mut out, &file, hidden, hidden_error);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(file: &str, line: usize) -> Diagnostic {
        let mut d = Diagnostic::error(format!("problem on line {line}")).at_file(Path::new(file));
        if let Some(loc) = d.location.as_mut() {
            loc.line = line;
        }
        d
    }

    #[test]
    fn numbers_have_thousands_separators() {
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(14_950), "14,950");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }

    #[test]
    fn each_file_shows_its_first_problems_then_counts_the_rest() {
        let mut all: Vec<Diagnostic> = (1..=60).map(|l| at("a.md", l)).collect();
        all.push(more_in_file(Path::new("a.md"), 100, true));
        all.extend((1..=3).map(|l| at("b.md", l)));
        super::super::sort(&mut all);
        let lines: Vec<(String, usize)> = all.iter().map(|d| (d.message.clone(), d.problems())).collect();
        assert_eq!(all.len(), SHOWN_PER_FILE + 1 + 3);
        assert_eq!(lines[0].0, "problem on line 1");
        assert_eq!(lines[SHOWN_PER_FILE].0, "… and 110 more problems in this file");
        assert_eq!(lines[SHOWN_PER_FILE].1, 110);
        assert_eq!(lines[SHOWN_PER_FILE + 1].0, "problem on line 1");
        assert_eq!(all.iter().map(Diagnostic::problems).sum::<usize>(), 163);
    }

    #[test]
    fn stages_count_past_the_limit_without_making() {
        let mut problems = FileProblems::default();
        let mut made = 0;
        for _ in 0..1000 {
            problems.error(|| {
                made += 1;
                Diagnostic::error("x")
            });
        }
        let list = problems.finish(Path::new("a.md"));
        assert_eq!(made, SHOWN_PER_FILE);
        assert_eq!(list.len(), SHOWN_PER_FILE + 1);
        assert_eq!(list[SHOWN_PER_FILE].omitted, 1000 - SHOWN_PER_FILE);
    }
}
