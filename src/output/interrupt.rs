//! Stopping on Ctrl-C or SIGTERM without leaving a staging folder behind:
//! the signal handler calls [`abandon`], which waits for writes under way,
//! refuses every later one and removes this process's staging folders.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, RwLock};

/// True once the process is stopping. Writes into staging folders hold it
/// for reading, so [`abandon`] taking it for writing waits for them.
static STOPPING: RwLock<bool> = RwLock::new(false);

/// The staging folders this process is filling.
static ACTIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Runs `write` unless the process is stopping, keeping [`abandon`] waiting until it is done.
pub(super) fn unless_stopping<T>(write: impl FnOnce() -> io::Result<T>) -> io::Result<T> {
    let stopping = STOPPING.read().unwrap_or_else(|poisoned| poisoned.into_inner());
    if *stopping {
        return Err(io::Error::new(io::ErrorKind::Interrupted, "the build was stopped"));
    }
    write()
}

pub(super) fn register(dir: &Path) {
    ACTIVE
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .push(dir.to_path_buf());
}

pub(super) fn unregister(dir: &Path) {
    ACTIVE
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .retain(|d| d != dir);
}

/// Stops every build of this process and removes its staging folders, for a
/// signal handler to call before the process exits. A swap under way is
/// finished first, so the output folder holds either site, whole.
pub fn abandon() {
    *STOPPING.write().unwrap_or_else(|poisoned| poisoned.into_inner()) = true;
    let dirs = std::mem::take(&mut *ACTIVE.lock().unwrap_or_else(|poisoned| poisoned.into_inner()));
    // One by one, not on the thread pool: its threads may be busy with the
    // build being stopped.
    for dir in dirs {
        let _ = std::fs::remove_dir_all(&dir);
    }
}
