//! `journeybook clean`: removes the output folder of book.toml (or `-d`),
//! never anything a build did not write (see `output::remove_site`).

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::output::{self, Cleaned};
use crate::pipeline::{self, BuildOptions};
use std::path::{Path, PathBuf};

/// Removes the output folder of the project at `root`; `dest_dir` as
/// `build -d` takes it.
pub fn clean(root: &Path, dest_dir: Option<PathBuf>) -> Result<Cleaned, Diagnostic> {
    let config = Config::load(root)?;
    let options = BuildOptions {
        dest_dir,
        ..BuildOptions::default()
    };
    let dest = pipeline::destination(root, &config, &options);
    output::remove_site(root, &config.build.content_dir, &dest)
}
