//! Watching a project for changes: content/, book.toml, templates/ and
//! themes/, in batches, leaving out what a rebuild must not react to.

use crate::content::is_ignored_name;
use notify::event::{EventKind, MetadataKind, ModifyKind};
use notify::RecursiveMode;
use notify_debouncer_full::{new_debouncer_opt, DebounceEventResult, Debouncer, FileIdMap, RecommendedCache};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

/// How long a path must stay quiet before its change is reported: long
/// enough to see an editor's save (temp file, rename) as one change.
const QUIET: Duration = Duration::from_millis(50);
/// How often the debouncer looks for paths that went quiet.
const TICK: Duration = Duration::from_millis(10);
/// Batches closer than this belong to one burst (a branch checked out):
/// a few ticks, so the burst makes one rebuild.
const BURST_GAP: Duration = Duration::from_millis(30);
/// How often the polling watcher looks, for file systems without events.
const POLL_EVERY: Duration = Duration::from_millis(500);

/// Keeps the watch alive; dropping it stops watching.
pub(crate) enum Watch {
    Events(Debouncer<notify::RecommendedWatcher, RecommendedCache>),
    Polling(Debouncer<notify::PollWatcher, FileIdMap>),
}

impl Watch {
    /// Starts watching `templates/` and `themes/` when they appear after the
    /// watch began.
    pub(crate) fn follow_new_folders(&mut self, scope: &Scope, watched: &mut Vec<PathBuf>) {
        for folder in ["templates", "themes"] {
            let path = scope.root.join(folder);
            if path.is_dir() && !watched.contains(&path) {
                let added = match self {
                    Watch::Events(d) => d.watch(&path, RecursiveMode::Recursive),
                    Watch::Polling(d) => d.watch(&path, RecursiveMode::Recursive),
                };
                if added.is_ok() {
                    watched.push(path);
                }
            }
        }
    }
}

/// What a watch looks at and what it leaves out.
#[derive(Clone)]
pub(crate) struct Scope {
    pub root: PathBuf,
    pub content: PathBuf,
    /// Never reported: the site is written there.
    pub output: Option<PathBuf>,
}

impl Scope {
    /// Whether a change at `path` can change the site.
    pub(crate) fn matters(&self, path: &Path) -> bool {
        if self.output.as_ref().is_some_and(|out| path.starts_with(out)) {
            return false;
        }
        let Ok(inside) = path.strip_prefix(&self.root) else {
            return false;
        };
        if inside
            .components()
            .any(|c| is_ignored_name(&c.as_os_str().to_string_lossy()))
        {
            return false;
        }
        path.starts_with(&self.content)
            || inside == Path::new(crate::config::CONFIG_FILE)
            || inside.starts_with("templates")
            || inside.starts_with("themes")
    }
}

fn relevant(kind: &EventKind) -> bool {
    // Reads are reported as Access events; rebuilding reads every source, so
    // reacting to them would rebuild forever. Metadata (times, permissions)
    // does not change the site.
    // The polling watcher reports an edit as a new write time, though.
    match kind {
        EventKind::Modify(ModifyKind::Metadata(what)) => *what == MetadataKind::WriteTime,
        EventKind::Access(_) | EventKind::Other => false,
        _ => true,
    }
}

/// Starts watching; batches of changed paths arrive on the receiver.
pub(crate) fn watch(scope: Scope, poll: bool) -> notify::Result<(Watch, Receiver<Vec<PathBuf>>)> {
    let (tx, rx) = mpsc::channel();
    let filter = scope.clone();
    let handler = move |result: DebounceEventResult| {
        let Ok(events) = result else { return };
        let mut paths: Vec<PathBuf> = events
            .iter()
            .filter(|e| relevant(&e.kind))
            .flat_map(|e| e.paths.iter())
            .filter(|p| filter.matters(p))
            .cloned()
            .collect();
        paths.sort();
        paths.dedup();
        if !paths.is_empty() {
            let _ = tx.send(paths);
        }
    };
    let mut targets = vec![(scope.content.clone(), RecursiveMode::Recursive)];
    // The project folder itself, not recursively: book.toml is replaced, not
    // edited in place, by many editors, so its folder is what can be watched.
    targets.push((scope.root.clone(), RecursiveMode::NonRecursive));
    for folder in ["templates", "themes"] {
        let path = scope.root.join(folder);
        if path.is_dir() {
            targets.push((path, RecursiveMode::Recursive));
        }
    }
    let watch = if poll {
        // File times are compared to the second: contents are compared too,
        // or a second save within the same second would go unseen.
        let config = notify::Config::default()
            .with_poll_interval(POLL_EVERY)
            .with_compare_contents(true);
        let mut debouncer =
            new_debouncer_opt::<_, notify::PollWatcher, _>(QUIET, Some(TICK), handler, FileIdMap::new(), config)?;
        for (path, mode) in targets {
            debouncer.watch(&path, mode)?;
        }
        Watch::Polling(debouncer)
    } else {
        let config = notify::Config::default();
        let mut debouncer = new_debouncer_opt::<_, notify::RecommendedWatcher, _>(
            QUIET,
            Some(TICK),
            handler,
            RecommendedCache::new(),
            config,
        )?;
        for (path, mode) in targets {
            debouncer.watch(&path, mode)?;
        }
        Watch::Events(debouncer)
    };
    Ok((watch, rx))
}

/// The next batch, with every batch that follows within a short pause, so
/// that a burst (a branch checked out) makes one rebuild.
pub(crate) fn next_batch(changes: &Receiver<Vec<PathBuf>>) -> Option<Vec<PathBuf>> {
    let mut paths = changes.recv().ok()?;
    while let Ok(more) = changes.recv_timeout(BURST_GAP) {
        paths.extend(more);
    }
    paths.sort();
    paths.dedup();
    Some(paths)
}

/// Like [`next_batch`], but waits at most `wait` for the first change:
/// `Err(Timeout)` when none came, `Err(Disconnected)` when the watch ended.
pub(crate) fn next_batch_within(
    changes: &Receiver<Vec<PathBuf>>,
    wait: Duration,
) -> Result<Vec<PathBuf>, std::sync::mpsc::RecvTimeoutError> {
    let mut paths = changes.recv_timeout(wait)?;
    while let Ok(more) = changes.recv_timeout(BURST_GAP) {
        paths.extend(more);
    }
    paths.sort();
    paths.dedup();
    Ok(paths)
}

/// Like [`next_batch`], but gives up (None) once `stop` is set.
pub(crate) fn next_batch_until(changes: &Receiver<Vec<PathBuf>>, stop: &AtomicBool) -> Option<Vec<PathBuf>> {
    loop {
        if stop.load(Ordering::SeqCst) {
            return None;
        }
        match changes.recv_timeout(Duration::from_millis(100)) {
            Ok(mut paths) => {
                while let Ok(more) = changes.recv_timeout(BURST_GAP) {
                    paths.extend(more);
                }
                paths.sort();
                paths.dedup();
                return Some(paths);
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sources_matter() {
        let scope = Scope {
            root: PathBuf::from("/p"),
            content: PathBuf::from("/p/content"),
            output: Some(PathBuf::from("/p/site")),
        };
        for yes in [
            "/p/content/a.md",
            "/p/book.toml",
            "/p/templates/page.html",
            "/p/themes/x/static/a.css",
        ] {
            assert!(scope.matters(Path::new(yes)), "{yes}");
        }
        for no in [
            "/p/site/index.html",
            "/p/content/.a.md.swp",
            "/p/content/a.md~",
            "/p/content/4913",
            "/p/target/x",
            "/p/README.md",
            "/elsewhere/a.md",
        ] {
            assert!(!scope.matters(Path::new(no)), "{no}");
        }
    }
}
