//! Writing the site safely: into a staging folder beside the output, swapped
//! in only once everything is written, so a failed build leaves the previous
//! site as it was. Nothing outside the output folder is ever deleted.

mod clean;
mod interrupt;
mod leftovers;
mod manifest;
mod staging;
mod swap;

pub use clean::{remove_site, Cleaned};
pub use interrupt::abandon;
pub use manifest::{unchanged_site, Record, Stamp, MANIFEST};
pub use staging::Staging;

/// Removes what killed builds of `dest` left beside and inside it, and
/// puts back a previous site one of them had moved aside. Builds still
/// running keep theirs.
pub fn clean_leftovers(dest: &Path) {
    leftovers::clean(dest, std::process::id());
}

use crate::diagnostics::Diagnostic;
use crate::paths;
use rayon::prelude::*;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

/// Marks a folder as journeybook's output, which it may replace.
pub const MARKER: &str = ".journeybook-site";

/// Where rendered files go, as they are rendered: a staging folder when
/// building, memory when previewing, nowhere when checking. Paths are
/// relative to the output folder.
pub trait Sink: Sync {
    /// Writes one file at `path`, relative to the output folder.
    fn put(&self, path: &str, contents: &[u8]) -> io::Result<()>;

    /// Opens a file made from `inputs` (a hash, as for [`Sink::reuse`]; 0
    /// when not known) to be written piece by piece, without holding it in
    /// memory; it counts as written once finished.
    fn open(&self, path: &str, inputs: u128) -> io::Result<Box<dyn Written + '_>>;

    /// Writes a large file through `write`, as [`Sink::open`] does.
    fn put_with(
        &self,
        path: &str,
        inputs: u128,
        write: &mut dyn FnMut(&mut dyn io::Write) -> io::Result<()>,
    ) -> io::Result<()> {
        let mut file = self.open(path, inputs)?;
        write(&mut file)?;
        file.finish()
    }

    /// Whether the sink keeps, for the next build, a manifest of what each
    /// file was made from, so that hashing a page's inputs is worth it.
    fn remembers(&self) -> bool {
        false
    }

    /// Carries the previous build's file at `path` over unchanged when it
    /// was made from the same `inputs` (a hash); returns whether it did.
    /// A file that cannot be carried over is simply made again.
    fn reuse(&self, _path: &str, _inputs: u128) -> bool {
        false
    }

    /// Carries over every file of the previous build under `folder` when
    /// all were made from `inputs`; returns their paths, or none when any
    /// could not be carried over (the caller then makes them all again).
    fn reuse_folder(&self, _folder: &str, _inputs: u128) -> Option<Vec<String>> {
        None
    }

    /// Where the previous build's file at `path` can be read, when it is
    /// still as that build left it: what a build keeps for the next.
    fn recall(&self, _path: &str) -> Option<PathBuf> {
        None
    }

    /// Carries the previous build's file at `path` over as it is, whatever
    /// it was made from, when it is still as that build left it: a kept
    /// store's base, whose records stay true. Returns whether it did.
    fn keep_as_was(&self, _path: &str) -> bool {
        false
    }

    /// Writes one file made from `inputs` (a hash, as for [`Sink::reuse`]).
    fn put_made(&self, path: &str, _inputs: u128, contents: &[u8]) -> io::Result<()> {
        self.put(path, contents)
    }
}

/// A file being written into a [`Sink`].
pub trait Written: io::Write + Send {
    /// Completes the file: until then it is not part of the site.
    fn finish(self: Box<Self>) -> io::Result<()>;
}

impl Written for io::Sink {
    fn finish(self: Box<Self>) -> io::Result<()> {
        Ok(())
    }
}

/// Discards everything: `check` renders every page but writes nothing.
pub struct Discard;

impl Sink for Discard {
    fn put(&self, _: &str, _: &[u8]) -> io::Result<()> {
        Ok(())
    }

    fn open(&self, _: &str, _: u128) -> io::Result<Box<dyn Written + '_>> {
        Ok(Box::new(io::sink()))
    }
}

/// Keeps rendered files in memory: the preview server serves from it.
#[derive(Default)]
pub struct Memory {
    /// Each file's contents by its path, relative to the output folder.
    pub files: std::sync::Mutex<std::collections::HashMap<String, std::sync::Arc<[u8]>>>,
}

impl Memory {
    /// The files written, by path.
    pub fn into_files(self) -> std::collections::HashMap<String, std::sync::Arc<[u8]>> {
        self.files.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Sink for Memory {
    fn put(&self, path: &str, contents: &[u8]) -> io::Result<()> {
        self.files
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .insert(path.to_owned(), contents.into());
        Ok(())
    }

    fn open(&self, path: &str, _: u128) -> io::Result<Box<dyn Written + '_>> {
        Ok(Box::new(InMemory {
            memory: self,
            path: path.to_owned(),
            bytes: Vec::new(),
        }))
    }
}

/// A file being written into [`Memory`].
struct InMemory<'a> {
    memory: &'a Memory,
    path: String,
    bytes: Vec<u8>,
}

impl io::Write for InMemory<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.bytes.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Written for InMemory<'_> {
    fn finish(self: Box<Self>) -> io::Result<()> {
        self.memory.put(&self.path, &self.bytes)
    }
}

/// The project's folders, besides the content folder, that builds read.
const INPUT_FOLDERS: [&str; 3] = ["templates", "themes", "i18n"];

/// What is about to happen to the whole output folder, for the refusals.
#[derive(Clone, Copy)]
enum Purpose {
    Build,
    Clean,
}

/// Checks that `dest` may be replaced by a build of the project at `root`.
/// Returns its absolute path.
pub fn check_destination(root: &Path, content_dir: &Path, dest: &Path) -> Result<PathBuf, Diagnostic> {
    let dest_abs = check_not_input(root, content_dir, dest, Purpose::Build)?;
    let io_error = |e: io::Error| Diagnostic::error(format!("cannot use output folder `{}`: {e}", dest.display()));
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

/// Refuses an output folder that is, holds or sits in what builds read
/// (the project, its content and theme folders), or the root of the file
/// system: building replaces it and cleaning removes it. Returns its absolute path.
fn check_not_input(root: &Path, content_dir: &Path, dest: &Path, purpose: Purpose) -> Result<PathBuf, Diagnostic> {
    let io_error = |e: io::Error| Diagnostic::error(format!("cannot use output folder `{}`: {e}", dest.display()));
    if dest.components().any(|c| matches!(c, Component::ParentDir)) && dest.file_name().is_none() {
        return Err(Diagnostic::error(format!(
            "`{}` is not a usable output folder",
            dest.display()
        )));
    }
    let dest_abs = paths::canonical(dest).map_err(io_error)?;
    let root_abs = paths::canonical(root).map_err(io_error)?;
    let content_abs = paths::canonical(&root.join(content_dir)).map_err(io_error)?;
    let refuse = |what: &str| {
        let message = match purpose {
            Purpose::Build => format!(
                "refusing to build into `{}`: it is {what}, and building replaces the whole output folder",
                dest.display()
            ),
            Purpose::Clean => format!(
                "refusing to clean `{}`: it is {what}, and cleaning removes the whole output folder",
                dest.display()
            ),
        };
        Err(Diagnostic::error(message)
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
    // The theme's folders are read at every build: a site built into one would be read back as templates.
    for input in INPUT_FOLDERS {
        let folder = root_abs.join(input);
        if dest_abs.starts_with(&folder) {
            return refuse(&format!(
                "the project's `{input}` folder or inside it, which builds read"
            ));
        }
    }
    if dest_abs.is_file() {
        return refuse("a file");
    }
    Ok(dest_abs)
}

/// Removes a folder of our own making, its entries in parallel: unlinking
/// ten thousand pages one after the other is mostly waiting on the disk.
/// Symbolic links are removed, never followed.
fn remove_tree(dir: &Path) -> io::Result<()> {
    let entries: Vec<fs::DirEntry> = fs::read_dir(dir)?.collect::<io::Result<_>>()?;
    entries.par_iter().try_for_each(|entry| {
        if entry.file_type()?.is_dir() {
            remove_tree(&entry.path())
        } else {
            fs::remove_file(entry.path())
        }
    })?;
    fs::remove_dir(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn removing_an_old_site_never_follows_its_links() {
        let tmp = tempfile::tempdir().expect("temporary folder");
        let outside = tmp.path().join("outside");
        fs::create_dir(&outside).expect("outside folder");
        fs::write(outside.join("keep.txt"), "mine").expect("outside file");
        let old = tmp.path().join("old");
        fs::create_dir_all(old.join("guides/deep")).expect("site folders");
        for page in ["index.html", "guides/a.html", "guides/deep/b.html"] {
            fs::write(old.join(page), "<p>page</p>").expect("page");
        }
        std::os::unix::fs::symlink(&outside, old.join("guides/linked")).expect("folder link");
        std::os::unix::fs::symlink(outside.join("keep.txt"), old.join("file-link")).expect("file link");

        remove_tree(&old).expect("remove the old site");

        assert!(!old.exists());
        assert_eq!(
            fs::read_to_string(outside.join("keep.txt")).expect("still there"),
            "mine"
        );
    }
}
