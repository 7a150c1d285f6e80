//! `journeybook build`: the whole pipeline, into a staging folder swapped in
//! for the output folder once everything is written.

use super::plural;
use crate::diagnostics::Diagnostic;
use crate::pipeline::{self, BuildOptions, Outcome};
use std::path::Path;

/// Builds the site. On any error the previous site stays as it was.
pub fn build(root: &Path, options: &BuildOptions) -> Outcome {
    pipeline::run(root, options, true)
}

/// The line a build ends with, for people.
pub fn build_summary(outcome: &Outcome, secs: f64) -> String {
    let warnings = outcome.warnings().map(Diagnostic::problems).sum();
    match (&outcome.output_dir, outcome.errors().map(Diagnostic::problems).sum()) {
        (Some(out), 0) => format!(
            "Built {}{} into {} with {} in {secs:.2} s",
            plural(outcome.pages, "page"),
            match outcome.unchanged {
                0 => String::new(),
                n => format!(" ({n} unchanged)"),
            },
            out.display(),
            plural(warnings, "warning")
        ),
        (_, errors) => format!(
            "Build failed: {}, {} ({secs:.2} s). The previous site, if any, is unchanged.",
            plural(errors.max(1), "error"),
            plural(warnings, "warning")
        ),
    }
}

/// The line after each rebuild of the preview.
pub fn rebuild_summary(update: &crate::session::Update) -> String {
    let errors = update
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(Diagnostic::problems)
        .sum();
    if errors > 0 && update.no_site_yet {
        format!(
            "Build failed: {}; every page shows the problems until the first good build.",
            plural(errors, "error")
        )
    } else if errors > 0 {
        format!(
            "Rebuild failed: {}; still serving the last good site.",
            plural(errors, "error")
        )
    } else {
        format!(
            "Rebuilt: {} changed, {}.",
            plural(update.changed.len(), "file"),
            plural(update.diagnostics.iter().map(Diagnostic::problems).sum(), "warning")
        )
    }
}
