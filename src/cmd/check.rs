//! `journeybook check`: every check of a build, with nothing written.

use super::plural;
use crate::diagnostics::Diagnostic;
use crate::pipeline::{self, BuildOptions, Outcome};
use std::path::Path;

/// Runs every check of a build and writes nothing.
pub fn check(root: &Path, options: &BuildOptions) -> Outcome {
    pipeline::run(root, options, false)
}

/// The line a check ends with.
pub fn check_summary(outcome: &Outcome, secs: f64) -> String {
    format!(
        "Checked {}: {}, {} in {secs:.2} s",
        plural(outcome.pages, "page"),
        plural(outcome.errors().map(Diagnostic::problems).sum(), "error"),
        plural(outcome.warnings().map(Diagnostic::problems).sum(), "warning")
    )
}
