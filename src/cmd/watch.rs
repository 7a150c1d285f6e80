//! `journeybook watch`: a full, safe build into the output folder after
//! every batch of changes, until stopped.

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::paths;
use crate::pipeline::{self, BuildOptions, Outcome};
use crate::serve::watcher::{self, Scope};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Instant;

/// Stops a running `watch` from another thread (a Ctrl-C handler): at once
/// between builds, or once the build under way has finished, so that no
/// staging folder is left behind.
#[derive(Debug, Clone, Default)]
pub struct StopHandle(Arc<State>);

#[derive(Debug, Default)]
struct State {
    stop: AtomicBool,
    building: AtomicBool,
}

impl StopHandle {
    /// Asks the watch to stop. True when no build is under way, so the
    /// process may end now; else the watch returns after the build.
    pub fn stop(&self) -> bool {
        self.0.stop.store(true, Ordering::SeqCst);
        !self.0.building.load(Ordering::SeqCst)
    }
}

/// Builds once, then after every batch of changes, until `stop` is used.
/// `report` prints each build's outcome and the seconds it took.
pub fn watch(
    root: &Path,
    options: BuildOptions,
    poll: bool,
    stop: &StopHandle,
    report: impl Fn(&Outcome, f64),
) -> Result<(), Diagnostic> {
    let config = Config::load(root)?;
    let output = pipeline::destination(root, &config, &options);
    let canonical_root = paths::canonical(root).unwrap_or_else(|_| root.to_path_buf());
    let scope = Scope {
        content: canonical_root.join(&config.build.content_dir),
        output: Some(paths::canonical(&output).unwrap_or(output)),
        root: canonical_root,
    };
    let build = || {
        stop.0.building.store(true, Ordering::SeqCst);
        let started = Instant::now();
        let outcome = pipeline::run(root, &options, true);
        stop.0.building.store(false, Ordering::SeqCst);
        report(&outcome, started.elapsed().as_secs_f64());
    };
    // Watching starts before the first build, so no edit made during it is missed.
    let (mut watch, changes) = watcher::watch(scope.clone(), poll)
        .map_err(|e| Diagnostic::error(format!("cannot watch the project for changes: {e}")).with_help("try --poll"))?;
    build();
    while let Some(_paths) = watcher::next_batch_until(&changes, &stop.0.stop) {
        // content/ deleted and made anew, or a theme folder added: watch it again.
        watch.follow(scope.clone());
        build();
    }
    Ok(())
}
