//! Writing the site safely: into a staging folder beside the output, swapped
//! in only once everything is written, so a failed build leaves the previous
//! site as it was. Nothing outside the output folder is ever deleted.

use crate::content::Asset;
use crate::diagnostics::Diagnostic;
use crate::render::OutputFile;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

/// Marks a folder as journeybook's output, which it may replace.
pub const MARKER: &str = ".journeybook-site";

fn absolute(path: &Path) -> io::Result<PathBuf> {
    if path.exists() {
        return fs::canonicalize(path);
    }
    // Resolve the nearest existing ancestor, then add the rest back.
    let mut rest = Vec::new();
    let mut current = path.to_path_buf();
    loop {
        if current.exists() {
            let mut base = fs::canonicalize(&current)?;
            for part in rest.iter().rev() {
                base.push(part);
            }
            return Ok(base);
        }
        match (current.file_name(), current.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_owned());
                current = if parent.as_os_str().is_empty() {
                    PathBuf::from(".")
                } else {
                    parent.to_path_buf()
                };
            }
            _ => return std::path::absolute(path),
        }
    }
}

/// Checks that `dest` may be replaced by a build of the project at `root`.
/// Returns its absolute path.
pub fn check_destination(root: &Path, content_dir: &Path, dest: &Path) -> Result<PathBuf, Diagnostic> {
    let io_error = |e: io::Error| Diagnostic::error(format!("cannot use output folder `{}`: {e}", dest.display()));
    if dest.components().any(|c| matches!(c, Component::ParentDir)) && dest.file_name().is_none() {
        return Err(Diagnostic::error(format!(
            "`{}` is not a usable output folder",
            dest.display()
        )));
    }
    let dest_abs = absolute(dest).map_err(io_error)?;
    let root_abs = absolute(root).map_err(io_error)?;
    let content_abs = absolute(&root.join(content_dir)).map_err(io_error)?;
    let refuse = |what: &str| {
        Err(Diagnostic::error(format!(
            "refusing to build into `{}`: it is {what}, and building replaces the whole output folder",
            dest.display()
        ))
        .with_help("choose a separate folder, e.g. `site` (set `output-dir` in book.toml or pass --dest-dir)"))
    };
    if dest_abs.parent().is_none() {
        return refuse("the root of the file system");
    }
    if dest_abs == root_abs {
        return refuse("the project folder");
    }
    if root_abs.starts_with(&dest_abs) {
        return refuse("a folder that contains the project");
    }
    if dest_abs == content_abs || content_abs.starts_with(&dest_abs) {
        return refuse("the content folder or contains it");
    }
    if dest_abs.starts_with(&content_abs) {
        return refuse("inside the content folder, where the site would be read back as content");
    }
    if dest_abs.is_file() {
        return refuse("a file");
    }
    if dest_abs.is_dir() && !dest_abs.join(MARKER).exists() {
        let empty = fs::read_dir(&dest_abs).map_err(io_error)?.next().is_none();
        if !empty {
            return Err(Diagnostic::error(format!(
                "refusing to replace `{}`: it is not empty and was not built by journeybook",
                dest.display()
            ))
            .with_help("choose a new or empty folder, or move that folder's files away yourself"));
        }
    }
    Ok(dest_abs)
}

/// Writes `files` and copies `assets` into `dest` (absolute, checked by
/// [`check_destination`]), replacing the previous site only on success.
pub fn write_site(dest: &Path, files: &[OutputFile], assets: &[Asset]) -> Result<(), Diagnostic> {
    let (Some(parent), Some(name)) = (dest.parent(), dest.file_name()) else {
        return Err(Diagnostic::error(format!(
            "`{}` is not a usable output folder",
            dest.display()
        )));
    };
    let name = name.to_string_lossy();
    let pid = std::process::id();
    let staging = parent.join(format!(".{name}.journeybook-staging-{pid}"));
    let fail = |what: String, e: io::Error| {
        Diagnostic::error(format!("{what}: {e}"))
            .with_help("check the permissions and free space of the output folder's parent")
    };
    fs::create_dir_all(parent).map_err(|e| fail(format!("cannot create `{}`", parent.display()), e))?;
    if staging.exists() {
        fs::remove_dir_all(&staging).map_err(|e| fail(format!("cannot clear `{}`", staging.display()), e))?;
    }
    let written = fill(&staging, files, assets);
    if let Err(e) = written {
        let _ = fs::remove_dir_all(&staging);
        return Err(fail(format!("cannot write the site into `{}`", staging.display()), e));
    }
    swap_in(&staging, dest, &name, pid).map_err(|e| {
        let _ = fs::remove_dir_all(&staging);
        fail(format!("cannot move the new site into `{}`", dest.display()), e)
    })
}

fn fill(staging: &Path, files: &[OutputFile], assets: &[Asset]) -> io::Result<()> {
    fs::create_dir_all(staging)?;
    let folders: BTreeSet<PathBuf> = files
        .iter()
        .map(|f| f.path.as_str())
        .chain(assets.iter().map(|a| a.content_path.as_str()))
        .filter_map(|p| Path::new(p).parent().map(Path::to_path_buf))
        .filter(|p| !p.as_os_str().is_empty())
        .collect();
    for folder in &folders {
        fs::create_dir_all(staging.join(folder))?;
    }
    files
        .par_iter()
        .try_for_each(|f| fs::write(staging.join(&f.path), &f.contents))?;
    assets
        .par_iter()
        .try_for_each(|a| fs::copy(&a.source, staging.join(&a.content_path)).map(|_| ()))?;
    fs::write(
        staging.join(MARKER),
        "This folder is built by journeybook and replaced by each build.\n",
    )
}

fn swap_in(staging: &Path, dest: &Path, name: &str, pid: u32) -> io::Result<()> {
    if !dest.exists() {
        return fs::rename(staging, dest);
    }
    let old = dest.with_file_name(format!(".{name}.journeybook-old-{pid}"));
    if old.exists() {
        fs::remove_dir_all(&old)?;
    }
    fs::rename(dest, &old)?;
    if let Err(e) = fs::rename(staging, dest) {
        // Put the previous site back before reporting.
        let _ = fs::rename(&old, dest);
        return Err(e);
    }
    fs::remove_dir_all(&old)
}
