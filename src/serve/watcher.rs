//! Watching a project for changes: content/, book.toml, templates/ and
//! themes/, in batches, leaving out what a rebuild must not react to.

use crate::content::is_ignored_name;
use notify::event::{EventKind, MetadataKind, ModifyKind};
use notify::RecursiveMode;
use notify_debouncer_full::{new_debouncer_opt, DebounceEventResult, Debouncer, FileIdMap, RecommendedCache};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex, RwLock};
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

/// The debouncer, with file-system events or polling.
enum Backend {
    Events(Debouncer<notify::RecommendedWatcher, RecommendedCache>),
    Polling(Debouncer<notify::PollWatcher, FileIdMap>),
}

impl Backend {
    fn add(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match self {
            Backend::Events(d) => d.watch(path, mode),
            Backend::Polling(d) => d.watch(path, mode),
        }
    }

    fn remove(&mut self, path: &Path) {
        // A folder that was deleted has lost its watch already.
        let _ = match self {
            Backend::Events(d) => d.unwatch(path),
            Backend::Polling(d) => d.unwatch(path),
        };
    }
}

/// Keeps the watch alive; dropping it stops watching. It follows the
/// project's folders: see [`Watch::follow`].
pub(crate) struct Watch {
    backend: Backend,
    /// What the event handler reports; changed when the project moves.
    filter: Arc<RwLock<Scope>>,
    /// Watched folders the handler saw created, deleted or renamed.
    replaced: Arc<Mutex<Vec<PathBuf>>>,
    scope: Scope,
    watched: Vec<(PathBuf, RecursiveMode)>,
}

impl Watch {
    /// Watches the folders of `scope` again where they changed: when the
    /// project folder was moved (`scope` differs from the last), when
    /// content/, templates/ or themes/ appeared, or when one of them was
    /// deleted, made anew or renamed (its old watch sees nothing of the new
    /// one). True when a watch changed: what happened in a folder before
    /// it was watched again is seen by rebuilding everything.
    pub(crate) fn follow(&mut self, scope: Scope) -> bool {
        let moved = scope.root != self.scope.root || scope.content != self.scope.content;
        if moved {
            *self.filter.write().unwrap_or_else(|p| p.into_inner()) = scope.clone();
            self.scope = scope;
        }
        let replaced = std::mem::take(&mut *self.replaced.lock().unwrap_or_else(|p| p.into_inner()));
        let wanted = targets(&self.scope);
        let mut changed = false;
        for (path, mode) in std::mem::take(&mut self.watched) {
            if moved || replaced.contains(&path) || !wanted.contains(&(path.clone(), mode)) {
                self.backend.remove(&path);
                changed = true;
            } else {
                self.watched.push((path, mode));
            }
        }
        for (path, mode) in wanted {
            if !self.watched.contains(&(path.clone(), mode)) && self.backend.add(&path, mode).is_ok() {
                self.watched.push((path, mode));
                changed = true;
            }
        }
        changed
    }
}

/// The folders watched: content/ and, when they exist, templates/ and
/// themes/, all with what is in them, and the project folder itself, not
/// recursively: book.toml is replaced, not edited in place, by many
/// editors, and content/ may be deleted and made anew, so their folder is
/// what can be watched.
fn targets(scope: &Scope) -> Vec<(PathBuf, RecursiveMode)> {
    if scope.content == scope.root {
        return vec![(scope.root.clone(), RecursiveMode::Recursive)];
    }
    let mut targets = vec![(scope.root.clone(), RecursiveMode::NonRecursive)];
    let folders = [
        scope.content.clone(),
        scope.root.join("templates"),
        scope.root.join("themes"),
    ];
    for path in folders {
        if path.is_dir() && !targets.iter().any(|(p, _)| *p == path) {
            targets.push((path, RecursiveMode::Recursive));
        }
    }
    targets
}

/// What a watch looks at and what it leaves out.
#[derive(Clone, PartialEq, Eq, Debug)]
pub(crate) struct Scope {
    pub root: PathBuf,
    pub content: PathBuf,
    /// Never reported: the site is written there.
    pub output: Option<PathBuf>,
}

impl Scope {
    /// The scope of the project at `root` whose content folder is
    /// `content_dir`, by their real paths now.
    pub(crate) fn of(root: &Path, content_dir: &Path) -> Scope {
        let root = crate::paths::canonical(root).unwrap_or_else(|_| root.to_path_buf());
        let content = root.join(content_dir);
        Scope {
            content: crate::paths::canonical(&content).unwrap_or(content),
            root,
            output: None,
        }
    }

    /// Whether `path` is content/, templates/ or themes/ itself.
    fn is_watched_folder(&self, path: &Path) -> bool {
        path == self.content || path == self.root.join("templates") || path == self.root.join("themes")
    }

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
    // reacting to them would rebuild forever. A change of permissions or
    // owner can make a file readable again (or not), so it is read anew;
    // access times and extended attributes change nothing.
    // The polling watcher reports an edit as a new write time.
    match kind {
        EventKind::Modify(ModifyKind::Metadata(what)) => !matches!(
            what,
            MetadataKind::AccessTime | MetadataKind::Extended | MetadataKind::Other
        ),
        EventKind::Access(_) | EventKind::Other => false,
        _ => true,
    }
}

/// Starts watching; batches of changed paths arrive on the receiver.
pub(crate) fn watch(scope: Scope, poll: bool) -> notify::Result<(Watch, Receiver<Vec<PathBuf>>)> {
    let (tx, rx) = mpsc::channel();
    let filter = Arc::new(RwLock::new(scope.clone()));
    let replaced = Arc::new(Mutex::new(Vec::new()));
    let handler_filter = Arc::clone(&filter);
    let handler_replaced = Arc::clone(&replaced);
    let handler = move |result: DebounceEventResult| {
        let Ok(events) = result else { return };
        let filter = handler_filter.read().unwrap_or_else(|p| p.into_inner());
        // Noted before the batch is sent, so that it is seen with it. Only
        // these kinds: a file made in content/ changes its times and link
        // count too, which must not make it be watched anew.
        let folders: Vec<&PathBuf> = events
            .iter()
            .filter(|e| {
                matches!(
                    e.kind,
                    EventKind::Create(_) | EventKind::Remove(_) | EventKind::Modify(ModifyKind::Name(_))
                )
            })
            .flat_map(|e| e.paths.iter())
            .filter(|p| filter.is_watched_folder(p))
            .collect();
        if !folders.is_empty() {
            let mut replaced = handler_replaced.lock().unwrap_or_else(|p| p.into_inner());
            replaced.extend(folders.into_iter().cloned());
        }
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
    let mut backend = if poll {
        // File times are compared to the second: contents are compared too,
        // or a second save within the same second would go unseen.
        let config = notify::Config::default()
            .with_poll_interval(POLL_EVERY)
            .with_compare_contents(true);
        Backend::Polling(new_debouncer_opt::<_, notify::PollWatcher, _>(
            QUIET,
            Some(TICK),
            handler,
            FileIdMap::new(),
            config,
        )?)
    } else {
        Backend::Events(new_debouncer_opt::<_, notify::RecommendedWatcher, _>(
            QUIET,
            Some(TICK),
            handler,
            RecommendedCache::new(),
            notify::Config::default(),
        )?)
    };
    let watched = targets(&scope);
    for (path, mode) in &watched {
        backend.add(path, *mode)?;
    }
    let watch = Watch {
        backend,
        filter,
        replaced,
        scope,
        watched,
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
