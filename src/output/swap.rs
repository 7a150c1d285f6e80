//! Putting a staged site in place of the previous one.
//!
//! Where the system can, the two folders trade places in one step
//! (Linux's `renameat2` with `RENAME_EXCHANGE`), so there is no moment
//! without a site. Elsewhere the previous site is renamed aside and the new
//! one renamed in; a build killed between the two renames leaves the
//! previous site aside, and the next build puts it back
//! ([`super::leftovers`]). An output folder that cannot be renamed (a mount
//! point) has its contents replaced entry by entry instead.

use std::collections::HashSet;
use std::ffi::OsString;
use std::fs;
use std::io;
use std::path::Path;

/// The renames a swap is made of; tests replace them to reach the fallbacks.
#[derive(Clone, Copy)]
pub(super) struct Ops {
    /// Trades the places of two existing paths in one step.
    pub(super) exchange: fn(&Path, &Path) -> io::Result<()>,
    /// Renames a path, as `std::fs::rename`.
    pub(super) rename: fn(&Path, &Path) -> io::Result<()>,
}

impl Ops {
    /// The file system's own operations.
    pub(super) const SYSTEM: Ops = Ops {
        exchange,
        rename: |from, to| fs::rename(from, to),
    };
}

/// Trades the places of `a` and `b` in one step.
#[cfg(any(target_os = "linux", target_os = "android"))]
pub(super) fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

/// Trades the places of `a` and `b` in one step: not offered here.
#[cfg(not(any(target_os = "linux", target_os = "android")))]
pub(super) fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

/// What a failed rename of the output folder tells about it.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Refusal {
    /// The system or file system has no atomic exchange: rename twice.
    NoExchange,
    /// The output folder cannot be renamed at all (a mount point): replace
    /// its contents instead.
    Immovable,
    /// Anything else: report it.
    Other,
}

pub(super) fn refusal(e: &io::Error) -> Refusal {
    match e.kind() {
        // EINVAL: the file system does not know the flag; ENOSYS, EOPNOTSUPP: the kernel does not.
        io::ErrorKind::InvalidInput | io::ErrorKind::Unsupported => Refusal::NoExchange,
        // EBUSY for a mount point; EXDEV when the staging folder is on another file system.
        io::ErrorKind::ResourceBusy | io::ErrorKind::CrossesDevices => Refusal::Immovable,
        _ => Refusal::Other,
    }
}

/// The name of the folder a two-rename swap moves the previous site to.
pub(super) fn old_name(dest_name: &str, pid: u32) -> String {
    format!(".{dest_name}.journeybook-old-{pid}")
}

/// The name of a staging folder made inside the output folder.
pub(super) fn inner_staging_name(pid: u32) -> String {
    format!(".journeybook-staging-{pid}")
}

/// Puts the staged site at `staging` (beside `dest`) in place of `dest`.
/// Afterwards `staging` is gone and so is the previous site.
pub(super) fn swap_in(staging: &Path, dest: &Path, pid: u32, ops: Ops) -> io::Result<()> {
    if !dest.exists() {
        return (ops.rename)(staging, dest);
    }
    let refused = match (ops.exchange)(staging, dest) {
        // `staging` now holds the previous site.
        Ok(()) => return super::remove_tree(staging),
        Err(e) => e,
    };
    match refusal(&refused) {
        Refusal::NoExchange => {}
        Refusal::Immovable => return move_into(staging, dest, pid),
        Refusal::Other => return Err(refused),
    }
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let old = dest.with_file_name(old_name(&name, pid));
    if old.exists() {
        super::remove_tree(&old)?;
    }
    if let Err(e) = (ops.rename)(dest, &old) {
        return match refusal(&e) {
            Refusal::Immovable => move_into(staging, dest, pid),
            _ => Err(e),
        };
    }
    if let Err(e) = (ops.rename)(staging, dest) {
        // Put the previous site back before reporting.
        let _ = (ops.rename)(&old, dest);
        return Err(e);
    }
    super::remove_tree(&old)
}

/// The fallback for an output folder that cannot be renamed: the staged
/// site is copied into a staging folder inside it (the same file system as
/// its entries) and then replaces its contents entry by entry.
fn move_into(staging: &Path, dest: &Path, pid: u32) -> io::Result<()> {
    let inner = dest.join(inner_staging_name(pid));
    if inner.exists() {
        super::remove_tree(&inner)?;
    }
    // Entries cannot be renamed across file systems: copy, then remove the original.
    copy_tree(staging, &inner)?;
    super::remove_tree(staging)?;
    replace_contents(&inner, dest)
}

fn copy_tree(from: &Path, to: &Path) -> io::Result<()> {
    fs::create_dir(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

/// Replaces the contents of `dest` with those of `inner`, a staging folder
/// inside it: each entry of `inner` trades places with the one of the same
/// name (or is renamed in), then entries the new site no longer has are
/// removed, and last `inner`, which then holds the previous entries.
/// Readers may see old and new entries side by side while this runs; other
/// builds' staging folders inside `dest` are left alone.
pub(super) fn replace_contents(inner: &Path, dest: &Path) -> io::Result<()> {
    let mut new_names: HashSet<OsString> = HashSet::new();
    for entry in fs::read_dir(inner)? {
        let name = entry?.file_name();
        let from = inner.join(&name);
        let to = dest.join(&name);
        if fs::symlink_metadata(&to).is_ok() {
            if exchange(&from, &to).is_err() {
                // No exchange here: the previous entry goes first.
                remove_entry(&to)?;
                fs::rename(&from, &to)?;
            }
        } else {
            fs::rename(&from, &to)?;
        }
        new_names.insert(name);
    }
    for entry in fs::read_dir(dest)? {
        let entry = entry?;
        let name = entry.file_name();
        let staging = name.to_string_lossy().starts_with(".journeybook-staging-");
        if !new_names.contains(&name) && !staging {
            remove_entry(&entry.path())?;
        }
    }
    super::remove_tree(inner)
}

/// Removes a file, a link (never what it points to) or a folder of ours.
fn remove_entry(path: &Path) -> io::Result<()> {
    if fs::symlink_metadata(path)?.is_dir() {
        super::remove_tree(path)
    } else {
        fs::remove_file(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;
    use std::path::PathBuf;

    fn tree(dir: &Path) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        for entry in walkdir::WalkDir::new(dir).min_depth(1) {
            let entry = entry.expect("entry");
            if entry.file_type().is_file() {
                let rel = crate::paths::slash_path(entry.path().strip_prefix(dir).expect("inside"));
                out.insert(rel, fs::read_to_string(entry.path()).expect("read"));
            }
        }
        out
    }

    fn write(dir: &Path, files: &[(&str, &str)]) {
        for (path, text) in files {
            let path = dir.join(path);
            fs::create_dir_all(path.parent().expect("parent")).expect("folders");
            fs::write(path, text).expect("write");
        }
    }

    /// An old site in `<tmp>/site` and a new one staged beside it.
    fn sites() -> (tempfile::TempDir, PathBuf, PathBuf) {
        let tmp = tempfile::tempdir().expect("temporary folder");
        let dest = tmp.path().join("site");
        let staging = tmp.path().join(".site.journeybook-staging-1");
        write(
            &dest,
            &[
                ("index.html", "old"),
                ("gone.html", "old"),
                ("guides/a.html", "old"),
                ("guides/b.html", "old"),
            ],
        );
        write(
            &staging,
            &[("index.html", "new"), ("guides/a.html", "new"), ("new/c.html", "new")],
        );
        (tmp, dest, staging)
    }

    fn new_site() -> BTreeMap<String, String> {
        [("guides/a.html", "new"), ("index.html", "new"), ("new/c.html", "new")]
            .into_iter()
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
            .collect()
    }

    fn busy(_: &Path, _: &Path) -> io::Result<()> {
        Err(io::Error::from_raw_os_error(16)) // EBUSY
    }

    fn cross_device(_: &Path, _: &Path) -> io::Result<()> {
        Err(io::Error::from_raw_os_error(18)) // EXDEV
    }

    fn no_flag(_: &Path, _: &Path) -> io::Result<()> {
        Err(io::Error::from_raw_os_error(22)) // EINVAL
    }

    fn never_move_the_site_away(from: &Path, to: &Path) -> io::Result<()> {
        assert!(
            !from.ends_with("site"),
            "the site was renamed away, to {}",
            to.display()
        );
        fs::rename(from, to)
    }

    #[test]
    fn refusals_decide_the_fallback() {
        assert_eq!(refusal(&io::Error::from_raw_os_error(16)), Refusal::Immovable);
        assert_eq!(refusal(&io::Error::from_raw_os_error(18)), Refusal::Immovable);
        assert_eq!(refusal(&io::Error::from_raw_os_error(22)), Refusal::NoExchange);
        assert_eq!(refusal(&io::Error::from_raw_os_error(38)), Refusal::NoExchange); // ENOSYS
        assert_eq!(refusal(&io::Error::from_raw_os_error(13)), Refusal::Other); // EACCES
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_swap_is_one_exchange_on_linux() {
        let (tmp, dest, staging) = sites();
        let ops = Ops {
            rename: never_move_the_site_away,
            ..Ops::SYSTEM
        };
        swap_in(&staging, &dest, 1, ops).expect("swap");
        assert_eq!(tree(&dest), new_site());
        assert_eq!(
            fs::read_dir(tmp.path()).expect("read").count(),
            1,
            "nothing beside the site"
        );
    }

    #[test]
    fn without_exchange_the_swap_renames_twice() {
        let (tmp, dest, staging) = sites();
        let ops = Ops {
            exchange: no_flag,
            ..Ops::SYSTEM
        };
        swap_in(&staging, &dest, 1, ops).expect("swap");
        assert_eq!(tree(&dest), new_site());
        assert_eq!(
            fs::read_dir(tmp.path()).expect("read").count(),
            1,
            "nothing beside the site"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_busy_output_folder_has_its_contents_replaced() {
        type Op = fn(&Path, &Path) -> io::Result<()>;
        let cases: [(Op, Op); 3] = [(busy, busy), (cross_device, cross_device), (no_flag, busy)];
        for (exchange, rename) in cases {
            let (tmp, dest, staging) = sites();
            let inode = fs::metadata(&dest)
                .map(|m| std::os::unix::fs::MetadataExt::ino(&m))
                .ok();
            swap_in(&staging, &dest, 1, Ops { exchange, rename }).expect("swap");
            assert_eq!(tree(&dest), new_site());
            assert_eq!(
                fs::read_dir(tmp.path()).expect("read").count(),
                1,
                "nothing beside the site"
            );
            let after = fs::metadata(&dest)
                .map(|m| std::os::unix::fs::MetadataExt::ino(&m))
                .ok();
            assert_eq!(inode, after, "the output folder itself stays");
        }
    }

    #[test]
    fn replacing_contents_leaves_other_builds_and_links_alone() {
        let tmp = tempfile::tempdir().expect("temporary folder");
        let outside = tmp.path().join("outside");
        write(&outside, &[("keep.txt", "mine")]);
        let dest = tmp.path().join("site");
        write(
            &dest,
            &[
                ("index.html", "old"),
                (".journeybook-staging-2/index.html", "other build"),
            ],
        );
        #[cfg(unix)]
        std::os::unix::fs::symlink(&outside, dest.join("linked")).expect("link");
        let inner = dest.join(inner_staging_name(1));
        write(&inner, &[("index.html", "new")]);

        replace_contents(&inner, &dest).expect("replace");

        let mut expected = BTreeMap::new();
        expected.insert(".journeybook-staging-2/index.html".to_owned(), "other build".to_owned());
        expected.insert("index.html".to_owned(), "new".to_owned());
        assert_eq!(tree(&dest), expected);
        assert_eq!(fs::read_to_string(outside.join("keep.txt")).expect("kept"), "mine");
    }
}
