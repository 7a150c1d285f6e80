//! The staging folder a build writes into, and its swap into place.

use super::manifest::{Entry, Manifest, Record, Stamp, MANIFEST};
use super::{interrupt, swap, Sink, Written, MARKER};
use crate::content::Asset;
use crate::diagnostics::Diagnostic;
use crate::fingerprint::{self, Fingerprint};
use rayon::prelude::*;
use rustc_hash::FxHashSet;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Where the staging folder is, which decides how it is put in place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// Beside the output folder, swapped with it whole.
    Beside,
    /// Inside the output folder, because it is a mount point that cannot be
    /// renamed: its contents are replaced entry by entry.
    Inside,
}

/// A staging folder for the output folder, filled while rendering and put
/// in place by [`Staging::finish`]. Dropped unfinished, it is removed and
/// the previous site stays as it was.
///
/// A file unchanged since the previous build is hard-linked from the
/// previous site (copied where links are refused) rather than written:
/// ext4 creates files slowly among inodes it has just freed, and a page
/// whose inputs are unchanged need not even be rendered.
pub struct Staging {
    dir: PathBuf,
    dest: PathBuf,
    place: Place,
    finished: bool,
    /// What the build is made with (journeybook, theme, settings): the
    /// previous manifest counts only when it was made with the same.
    key: u128,
    previous: Manifest,
    /// What this build has put in the folder, for its own manifest.
    made: Mutex<Vec<(String, Entry)>>,
    /// Pages carried over unrendered.
    unchanged: AtomicUsize,
    /// The folders made in the staging folder so far: each file's folder is
    /// made once, not looked up again for every file put in it.
    folders: Mutex<FxHashSet<String>>,
}

fn write_error(what: String, e: io::Error) -> Diagnostic {
    Diagnostic::error(format!("{what}: {e}"))
        .with_help("check the permissions and free space of the output folder's parent")
}

/// Whether `dest` is on another file system than its parent: a mount
/// point, which cannot be renamed. (A bind mount of the same file system
/// is found out by the swap, which then falls back the same way.)
fn is_mount_point(dest: &Path, parent: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (fs::symlink_metadata(dest), fs::metadata(parent)) {
            (Ok(d), Ok(p)) => d.is_dir() && d.dev() != p.dev(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (dest, parent);
        false
    }
}

impl Staging {
    /// Creates the staging folder for `dest` (absolute, checked by
    /// [`super::check_destination`] and cleared by [`super::clean_leftovers`]),
    /// for a build made with `key` (see [`Staging`]).
    pub fn create(dest: &Path, key: u128) -> Result<Staging, Diagnostic> {
        let (Some(parent), Some(name)) = (dest.parent(), dest.file_name()) else {
            return Err(Diagnostic::error(format!(
                "`{}` is not a usable output folder",
                dest.display()
            )));
        };
        let pid = std::process::id();
        fs::create_dir_all(parent).map_err(|e| write_error(format!("cannot create `{}`", parent.display()), e))?;
        let (place, dir) = if is_mount_point(dest, parent) {
            (Place::Inside, dest.join(swap::inner_staging_name(pid)))
        } else {
            let beside = format!(".{}.journeybook-staging-{pid}", name.to_string_lossy());
            (Place::Beside, parent.join(beside))
        };
        interrupt::unless_stopping(|| {
            if dir.exists() {
                super::remove_tree(&dir)?;
            }
            fs::create_dir(&dir)?;
            interrupt::register(&dir);
            Ok(())
        })
        .map_err(|e| write_error(format!("cannot create `{}`", dir.display()), e))?;
        Ok(Staging {
            dir,
            dest: dest.to_path_buf(),
            place,
            finished: false,
            key,
            previous: Manifest::read(dest, key),
            made: Mutex::new(Vec::new()),
            unchanged: AtomicUsize::new(0),
            folders: Mutex::new(FxHashSet::default()),
        })
    }

    /// Copies the attachments, marks the folder as journeybook's, writes
    /// its manifest with `record` and puts it in place of the previous site.
    pub fn finish(mut self, assets: &[Asset], record: &Record) -> Result<(), Diagnostic> {
        let copied = interrupt::unless_stopping(|| {
            assets.par_iter().try_for_each(|a| self.copy_asset(a))?;
            fs::write(
                self.dir.join(MARKER),
                "This folder is built by journeybook and replaced by each build.\n",
            )?;
            let mut made = std::mem::take(&mut *self.made.lock().unwrap_or_else(|p| p.into_inner()));
            fs::write(self.dir.join(MANIFEST), Manifest::text(self.key, record, &mut made))
        });
        copied.map_err(|e| write_error(format!("cannot write the site into `{}`", self.dir.display()), e))?;
        let pid = std::process::id();
        interrupt::unless_stopping(|| match self.place {
            Place::Beside => swap::swap_in(&self.dir, &self.dest, pid, swap::Ops::SYSTEM),
            Place::Inside => swap::replace_contents(&self.dir, &self.dest),
        })
        .map_err(|e| write_error(format!("cannot move the new site into `{}`", self.dest.display()), e))?;
        interrupt::unregister(&self.dir);
        self.finished = true;
        Ok(())
    }

    /// The record of the site being replaced when it is exactly what a
    /// build of `inputs` would make (see [`super::unchanged_site`]), from
    /// the manifest read when the folder was made.
    pub fn unchanged_site(&self, inputs: u128) -> Option<Record> {
        super::manifest::unchanged(&self.dest, &self.previous, inputs)
    }

    /// How many pages were carried over from the previous build unrendered.
    pub fn unchanged(&self) -> usize {
        self.unchanged.load(Ordering::Relaxed)
    }

    /// Copies an attachment, or carries the previous copy over when the
    /// source's size and modification time are unchanged.
    fn copy_asset(&self, asset: &Asset) -> io::Result<()> {
        let path = asset.content_path.as_str();
        let source = Stamp::of(&fs::metadata(&asset.source)?);
        let inputs = Fingerprint::new()
            .text(&asset.source.to_string_lossy())
            .number(u128::from(source.size))
            .number(source.modified)
            .finish()
            .unwrap_or_default();
        if self.reuse(path, inputs) {
            return Ok(());
        }
        let target = self.prepare(path)?;
        unlink_if_there(&target)?;
        fs::copy(&asset.source, &target)?;
        let stamp = Stamp::of(&fs::metadata(&target)?);
        self.record(
            path,
            Entry {
                contents: 0,
                inputs,
                stamp,
            },
        );
        Ok(())
    }

    fn record(&self, path: &str, entry: Entry) {
        self.made
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push((path.to_owned(), entry));
    }

    /// Links (or copies) the previous build's file at `path` into the
    /// staging folder, provided it is still as that build left it.
    fn carry_over(&self, path: &str, previous: &Entry) -> bool {
        let old = self.dest.join(path);
        let intact = fs::symlink_metadata(&old).is_ok_and(|m| m.is_file() && Stamp::of(&m) == previous.stamp);
        if !intact {
            return false;
        }
        let carried = interrupt::unless_stopping(|| {
            let target = self.prepare(path)?;
            match fs::hard_link(&old, &target) {
                Ok(()) => Ok(previous.stamp),
                // A file system without hard links (a FAT share): a copy.
                Err(_) => {
                    unlink_if_there(&target)?;
                    fs::copy(&old, &target)?;
                    Ok(Stamp::of(&fs::metadata(&target)?))
                }
            }
        });
        match carried {
            Ok(stamp) => {
                self.record(path, Entry { stamp, ..*previous });
                true
            }
            Err(_) => false,
        }
    }

    /// The staged path of `path`, with its folder created.
    fn prepare(&self, path: &str) -> io::Result<PathBuf> {
        let target = self.dir.join(path);
        let Some((folder, _)) = path.rsplit_once('/') else {
            return Ok(target);
        };
        let folders = || self.folders.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if !folders().contains(folder) {
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent)?;
            }
            folders().insert(folder.to_owned());
        }
        Ok(target)
    }
}

/// A new file at `path`. A file already there (carried over earlier in
/// this build, so possibly a link to the previous site's) is unlinked
/// first, never written through.
fn new_file(path: &Path) -> io::Result<fs::File> {
    let create = || fs::OpenOptions::new().write(true).create_new(true).open(path);
    match create() {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            fs::remove_file(path)?;
            create()
        }
        other => other,
    }
}

fn unlink_if_there(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

impl Sink for Staging {
    fn put(&self, path: &str, contents: &[u8]) -> io::Result<()> {
        self.put_made(path, 0, contents)
    }

    fn open(&self, path: &str, inputs: u128) -> io::Result<Box<dyn Written + '_>> {
        // Only creating the file waits on a stop: what is written after it
        // goes to a file already removed.
        let file = interrupt::unless_stopping(|| new_file(&self.prepare(path)?))?;
        Ok(Box::new(StagedFile {
            staging: self,
            path: path.to_owned(),
            inputs,
            out: fingerprint::Hashing::new(io::BufWriter::with_capacity(64 * 1024, file)),
        }))
    }

    fn recall(&self, path: &str) -> Option<PathBuf> {
        let previous = self.previous.entries.get(path)?;
        let old = self.dest.join(path);
        let intact = fs::symlink_metadata(&old).is_ok_and(|m| m.is_file() && Stamp::of(&m) == previous.stamp);
        intact.then_some(old)
    }

    fn remembers(&self) -> bool {
        true
    }

    fn keep_as_was(&self, path: &str) -> bool {
        self.previous
            .entries
            .get(path)
            .is_some_and(|previous| self.carry_over(path, previous))
    }

    fn reuse(&self, path: &str, inputs: u128) -> bool {
        match self.previous.entries.get(path) {
            Some(previous) if inputs != 0 && previous.inputs == inputs && self.carry_over(path, previous) => {
                if path.ends_with(".html") {
                    self.unchanged.fetch_add(1, Ordering::Relaxed);
                }
                true
            }
            _ => false,
        }
    }

    fn reuse_folder(&self, folder: &str, inputs: u128) -> Option<Vec<String>> {
        let prefix = format!("{folder}/");
        let files: Vec<(&String, &Entry)> = self
            .previous
            .entries
            .iter()
            .filter(|(path, _)| path.starts_with(&prefix))
            .collect();
        if inputs == 0 || files.is_empty() || files.iter().any(|(_, e)| e.inputs != inputs) {
            return None;
        }
        let mut carried = Vec::with_capacity(files.len());
        for (path, entry) in files {
            if !self.carry_over(path, entry) {
                return None;
            }
            carried.push(path.clone());
        }
        Some(carried)
    }

    fn put_made(&self, path: &str, inputs: u128, contents: &[u8]) -> io::Result<()> {
        let hash = fingerprint::of_bytes(contents);
        if let Some(previous) = self.previous.entries.get(path) {
            // Made again but the same: no new file.
            if previous.contents == hash && self.carry_over(path, &Entry { inputs, ..*previous }) {
                return Ok(());
            }
        }
        let stamp = interrupt::unless_stopping(|| {
            let mut file = new_file(&self.prepare(path)?)?;
            file.write_all(contents)?;
            Ok(Stamp::of(&file.metadata()?))
        })?;
        self.record(
            path,
            Entry {
                contents: hash,
                inputs,
                stamp,
            },
        );
        Ok(())
    }
}

/// A file being written into the staging folder, hashed on the way.
struct StagedFile<'a> {
    staging: &'a Staging,
    path: String,
    inputs: u128,
    out: fingerprint::Hashing<io::BufWriter<fs::File>>,
}

impl Write for StagedFile<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.out.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

impl Written for StagedFile<'_> {
    fn finish(mut self: Box<Self>) -> io::Result<()> {
        self.out.flush()?;
        let StagedFile {
            staging,
            path,
            inputs,
            out,
        } = *self;
        let (buffered, contents) = out.finish();
        let file = buffered.into_inner().map_err(io::IntoInnerError::into_error)?;
        let stamp = Stamp::of(&file.metadata()?);
        staging.record(
            &path,
            Entry {
                contents,
                inputs,
                stamp,
            },
        );
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            let _ = super::remove_tree(&self.dir);
            interrupt::unregister(&self.dir);
        }
    }
}
