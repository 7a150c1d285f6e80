//! The staging folder a build writes into, and its swap into place.

use super::{interrupt, swap, Sink, MARKER};
use crate::content::Asset;
use crate::diagnostics::Diagnostic;
use rayon::prelude::*;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

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
pub struct Staging {
    dir: PathBuf,
    dest: PathBuf,
    place: Place,
    finished: bool,
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
    /// [`super::check_destination`] and cleared by [`super::clean_leftovers`]).
    pub fn create(dest: &Path) -> Result<Staging, Diagnostic> {
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
        })
    }

    /// Copies the attachments, marks the folder as journeybook's and puts it
    /// in place of the previous site.
    pub fn finish(mut self, assets: &[Asset]) -> Result<(), Diagnostic> {
        let copied = interrupt::unless_stopping(|| {
            assets.par_iter().try_for_each(|a| {
                let target = self.dir.join(&a.content_path);
                if let Some(parent) = target.parent() {
                    fs::create_dir_all(parent)?;
                }
                fs::copy(&a.source, target).map(|_| ())
            })?;
            fs::write(
                self.dir.join(MARKER),
                "This folder is built by journeybook and replaced by each build.\n",
            )
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

    /// The staged path of `path`, with its folder created.
    fn prepare(&self, path: &str) -> io::Result<PathBuf> {
        let target = self.dir.join(path);
        if let Some(parent) = target.parent() {
            if !parent.is_dir() {
                fs::create_dir_all(parent)?;
            }
        }
        Ok(target)
    }
}

impl Sink for Staging {
    fn put(&self, path: &str, contents: &[u8]) -> io::Result<()> {
        interrupt::unless_stopping(|| fs::write(self.prepare(path)?, contents))
    }

    fn put_with(&self, path: &str, write: &mut dyn FnMut(&mut dyn io::Write) -> io::Result<()>) -> io::Result<()> {
        // Only creating the file waits on a stop: what is written after it
        // goes to a file already removed.
        let file = interrupt::unless_stopping(|| fs::File::create(self.prepare(path)?))?;
        // Most pages fit in one buffer: one write per file.
        let mut file = io::BufWriter::with_capacity(64 * 1024, file);
        write(&mut file)?;
        io::Write::flush(&mut file)
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
