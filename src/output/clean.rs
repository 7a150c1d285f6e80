//! `journeybook clean`: removes an output folder, and only one journeybook
//! wrote. The same guards as a build keep the project, its content and its
//! theme safe; the marker every build leaves proves the folder is a site.

use super::{check_not_input, clean_leftovers, remove_tree, Purpose, MARKER};
use crate::diagnostics::Diagnostic;
use std::fs;
use std::path::{Path, PathBuf};

/// What `clean` did.
#[derive(Debug, PartialEq, Eq)]
pub enum Cleaned {
    /// The site at this path is gone.
    Removed(PathBuf),
    /// There was no output folder to remove.
    Nothing,
}

/// Removes the output folder `dest` of the project at `root`, with what
/// killed builds left beside it. Refuses, removing nothing, a folder a
/// build would refuse to replace, a link, and anything without the marker.
pub fn remove_site(root: &Path, content_dir: &Path, dest: &Path) -> Result<Cleaned, Diagnostic> {
    check_not_input(root, content_dir, dest, Purpose::Clean)?;
    let Ok(meta) = fs::symlink_metadata(dest) else {
        clean_leftovers(dest);
        // A killed build may have put a previous site back.
        return match fs::symlink_metadata(dest) {
            Ok(_) => remove_site(root, content_dir, dest),
            Err(_) => Ok(Cleaned::Nothing),
        };
    };
    if meta.file_type().is_symlink() {
        // The folder it points to may be anyone's: remove the link yourself.
        return Err(Diagnostic::error(format!(
            "refusing to clean `{}`: it is a link to another folder, not an output folder",
            dest.display()
        ))
        .with_help("remove the link yourself, or pass the folder it points to with --dest-dir"));
    }
    let marked = fs::symlink_metadata(dest.join(MARKER)).is_ok_and(|m| m.is_file());
    if !meta.is_dir() || !marked {
        return Err(Diagnostic::error(format!(
            "refusing to clean `{}`: journeybook did not build it (it has no `{MARKER}` file)",
            dest.display()
        ))
        .with_help("remove it yourself if you mean to, or name the output folder with --dest-dir"));
    }
    clean_leftovers(dest);
    remove_tree(dest).map_err(|e| {
        Diagnostic::error(format!("cannot remove `{}`: {e}", dest.display()))
            .with_help("check the folder's permissions, then run `journeybook clean` again")
    })?;
    Ok(Cleaned::Removed(dest.to_path_buf()))
}
