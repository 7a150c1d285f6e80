//! What builds that were killed left behind: their staging folders beside
//! (or inside) the output folder, and a previous site renamed aside by a
//! build that died between the two renames of a swap. Each folder's name
//! ends with the id of the process that made it; only those of processes
//! no longer running are touched, so a build running at the same time keeps
//! its own.

use super::swap::inner_staging_name;
use std::fs;
use std::path::{Path, PathBuf};

/// A folder a build leaves beside the output folder while it runs.
#[derive(Debug, PartialEq, Eq)]
enum Kind {
    Staging,
    Old,
}

/// The kind and process id of `name` when it is one of the folders builds
/// of the output folder `dest_name` make beside it.
fn parse(name: &str, dest_name: &str) -> Option<(Kind, u32)> {
    let rest = name.strip_prefix('.')?.strip_prefix(dest_name)?;
    let (kind, pid) = if let Some(pid) = rest.strip_prefix(".journeybook-staging-") {
        (Kind::Staging, pid)
    } else {
        (Kind::Old, rest.strip_prefix(".journeybook-old-")?)
    };
    let valid = !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit());
    Some((kind, pid.parse().ok().filter(|_| valid)?))
}

/// Whether the process `pid` is running (or might be: when unsure, yes).
pub(super) fn alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Some(pid) = i32::try_from(pid).ok().and_then(rustix::process::Pid::from_raw) else {
            return true;
        };
        // Signal 0 checks without sending; EPERM means it runs as someone else.
        !matches!(rustix::process::test_kill_process(pid), Err(rustix::io::Errno::SRCH))
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// A real folder, not a link to one: only those are removed.
fn is_folder(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.is_dir())
}

/// Removes what dead builds left beside and inside `dest`, after putting
/// back a previous site a dead build had renamed aside when `dest` is
/// missing. Best effort: what cannot be removed now is tried again by the
/// next build. `own` is this process's id, whose folders are its own to reuse.
pub(super) fn clean(dest: &Path, own: u32) {
    let (Some(parent), Some(dest_name)) = (dest.parent(), dest.file_name()) else {
        return;
    };
    let dest_name = dest_name.to_string_lossy();
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let mut dead: Vec<(Kind, u32, PathBuf)> = entries
        .filter_map(|e| {
            let e = e.ok()?;
            let (kind, pid) = parse(&e.file_name().to_string_lossy(), &dest_name)?;
            (pid == own || !alive(pid)).then(|| (kind, pid, e.path()))
        })
        .filter(|(_, _, path)| is_folder(path))
        .collect();
    if fs::symlink_metadata(dest).is_err() {
        // The newest previous site wins, should there be several.
        let newest = dead
            .iter()
            .enumerate()
            .filter(|(_, (kind, _, path))| *kind == Kind::Old && path.join(super::MARKER).is_file())
            .max_by_key(|(_, (_, _, path))| fs::metadata(path).and_then(|m| m.modified()).ok())
            .map(|(i, _)| i);
        if let Some(i) = newest {
            let (_, _, old) = dead.swap_remove(i);
            let _ = fs::rename(old, dest);
        }
    }
    for (_, _, path) in dead {
        let _ = super::remove_tree(&path);
    }
    clean_inside(dest, own);
}

/// Staging folders of dead builds inside an output folder that could not be renamed.
fn clean_inside(dest: &Path, own: u32) {
    let Ok(entries) = fs::read_dir(dest) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_string_lossy()
            .strip_prefix(".journeybook-staging-")
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        let path = entry.path();
        if (pid == own || !alive(pid)) && name.to_string_lossy() == inner_staging_name(pid) && is_folder(&path) {
            let _ = super::remove_tree(&path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::swap::old_name;
    use super::*;

    #[test]
    fn names_of_leftovers() {
        assert_eq!(parse(".site.journeybook-staging-42", "site"), Some((Kind::Staging, 42)));
        assert_eq!(parse(&old_name("site", 7), "site"), Some((Kind::Old, 7)));
        assert_eq!(parse(".site.journeybook-staging-", "site"), None);
        assert_eq!(parse(".site.journeybook-staging-+4", "site"), None);
        assert_eq!(parse(".other.journeybook-staging-42", "site"), None);
        assert_eq!(parse("site", "site"), None);
    }

    #[cfg(unix)]
    #[test]
    fn this_process_is_alive_and_a_finished_one_is_not() {
        assert!(alive(std::process::id()));
        let mut child = std::process::Command::new("true").spawn().expect("run `true`");
        let pid = child.id();
        child.wait().expect("wait for `true`");
        assert!(!alive(pid));
    }
}
