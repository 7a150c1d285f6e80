//! Finding and reading the files of content/.

use super::{Asset, SourceFile};
use crate::diagnostics::{Diagnostic, SourceText};
use crate::paths;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// What content/ holds: Markdown sources and other files to copy.
#[derive(Debug, Default)]
pub struct Sources {
    /// The Markdown pages, read.
    pub markdown: Vec<SourceFile>,
    /// Every other file, to copy as it is.
    pub assets: Vec<Asset>,
}

/// Hidden files, editor backups and swap files are never content.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913"
}

/// How many files are read at once.
const READERS: usize = 16;

/// Walks `root/content_dir`, reading every Markdown file. Unreadable and
/// non-UTF-8 files become diagnostics; the rest is returned sorted by path.
pub fn discover(root: &Path, content_dir: &Path) -> (Sources, Vec<Diagnostic>) {
    let content_root = root.join(content_dir);
    let mut diagnostics = Vec::new();
    if !content_root.is_dir() {
        diagnostics.push(
            Diagnostic::error(format!("content folder `{}` not found", content_dir.display()))
                .with_help("create it, or set `content-dir` under [build] in book.toml"),
        );
        return (Sources::default(), diagnostics);
    }
    let Some(confined_to) = confinement(root, content_dir, &content_root, &mut diagnostics) else {
        return (Sources::default(), diagnostics);
    };
    let mut markdown_paths = Vec::new();
    let mut assets = Vec::new();
    let mut escaping = Vec::new();
    // Links are followed, but one that leads out of the content folder is
    // neither walked nor published: it is reported instead.
    let walker = WalkDir::new(&content_root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() == 0 || is_ignored_name(&e.file_name().to_string_lossy()) {
                return e.depth() == 0;
            }
            if !e.path_is_symlink() {
                return true;
            }
            match std::fs::canonicalize(e.path()) {
                Ok(target) if !target.starts_with(&confined_to) => {
                    escaping.push((e.path().to_path_buf(), target));
                    false
                }
                // A link to nothing is reported by the walk itself.
                _ => true,
            }
        });
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let at = e.path().map(|p| paths::shown(root, p)).unwrap_or_default();
                diagnostics.push(Diagnostic::error(format!("cannot read `{}`: {e}", at.display())));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(inner) = entry.path().strip_prefix(&content_root) else {
            continue;
        };
        let content_path = paths::slash_path(inner);
        if entry.path().extension().is_some_and(|ext| ext == "md") {
            markdown_paths.push((entry.path().to_path_buf(), content_path));
        } else {
            assets.push(Asset {
                source: entry.path().to_path_buf(),
                content_path,
            });
        }
    }
    readme_as_index(root, &mut markdown_paths, &mut diagnostics);
    diagnostics.extend(escaping.into_iter().map(|(link, target)| {
        Diagnostic::error(format!(
            "`{}` is a link to `{}`, outside the content folder",
            paths::shown(root, &link).display(),
            target.display()
        ))
        .at_file(&paths::shown(root, &link))
        .with_help("only files inside the content folder are published: copy the file in, or remove the link")
    }));
    let read_all = || -> Vec<Result<SourceFile, Diagnostic>> {
        markdown_paths
            .into_par_iter()
            .with_max_len(crate::PAGES_PER_TASK)
            .map(|(path, content_path)| read_source(root, &path, content_path))
            .collect()
    };
    // Files not in the page cache (the first build after a pause) make
    // reading wait on the disk, not the CPU: more reads in flight than cores
    // keep the disk busy. At 10,000 pages this halves a cold read (about
    // 0.5 s to 0.25 s) for some 15 MB more peak memory.
    let read = match rayon::ThreadPoolBuilder::new().num_threads(READERS).build() {
        Ok(pool) => pool.install(read_all),
        Err(_) => read_all(),
    };
    let mut markdown = Vec::with_capacity(read.len());
    for result in read {
        match result {
            Ok(source) => markdown.push(source),
            Err(d) => diagnostics.push(d),
        }
    }
    (Sources { markdown, assets }, diagnostics)
}

/// The content folder as the file system knows it, links resolved, which
/// every file published must be inside; None (with an error) when the
/// content folder itself lies outside the project.
fn confinement(
    root: &Path,
    content_dir: &Path,
    content_root: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<PathBuf> {
    let resolved = paths::canonical(content_root).and_then(|c| Ok((c, paths::canonical(root)?)));
    match resolved {
        Ok((content, project)) if content.starts_with(&project) => Some(content),
        Ok((content, _)) => {
            diagnostics.push(
                Diagnostic::error(format!(
                    "content folder `{}` is outside the project (it is `{}`)",
                    content_dir.display(),
                    content.display()
                ))
                .at_file(Path::new(crate::config::CONFIG_FILE))
                .with_help("move the content into the project folder, and set `content-dir` under [build] in book.toml to its path there"),
            );
            None
        }
        Err(e) => {
            diagnostics.push(Diagnostic::error(format!(
                "cannot open the content folder `{}`: {e}",
                content_dir.display()
            )));
            None
        }
    }
}

fn read_source(root: &Path, path: &Path, content_path: String) -> Result<SourceFile, Diagnostic> {
    let shown = paths::shown(root, path);
    let bytes = std::fs::read(path).map_err(|e| Diagnostic::error(format!("cannot read file: {e}")).at_file(&shown))?;
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..3);
            }
            Ok(SourceFile {
                path: shown,
                content_path,
                text,
            })
        }
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let prefix = String::from_utf8_lossy(&bytes[..valid]).into_owned();
            let whole = String::from_utf8_lossy(&bytes).into_owned();
            let source = SourceText::new(&shown, &whole);
            let mut location = source.location_at_offset(prefix.len(), 1);
            location.source_line = None;
            Err(Diagnostic::error("file is not valid UTF-8")
                .at(location)
                .with_help("save the file with UTF-8 encoding (most editors offer it under \"Save with encoding\")"))
        }
    }
}

/// A folder's `README.md` is its index page, as mdBook and GitHub show it,
/// unless the folder has an `index.md`: that one wins, with a warning, and
/// the README stays a page of its own (`README.html`).
fn readme_as_index(root: &Path, markdown: &mut [(PathBuf, String)], diagnostics: &mut Vec<Diagnostic>) {
    let paths: std::collections::HashSet<String> = markdown.iter().map(|(_, p)| p.clone()).collect();
    for (path, content_path) in markdown.iter_mut() {
        let Some(folder) = readme_folder(content_path) else {
            continue;
        };
        let index = format!("{folder}index.md");
        // Under personas/, journeys/ and touchpoints/ a file is a persona, journey or touchpoint.
        if super::Kind::default_for(&index) != super::Kind::Page {
            continue;
        }
        if paths.contains(&index) {
            diagnostics.push(
                Diagnostic::warning(format!("`{content_path}` is not the folder's index page: `{index}` is"))
                    .at_file(&paths::shown(root, path))
                    .with_help(format!(
                        "the README becomes a page of its own; merge it into `{index}`, or delete `{index}` to make the README the index"
                    )),
            );
            continue;
        }
        *content_path = index;
    }
}

/// The folder (`""` or `guides/`) of a `README.md`; none for other files.
pub(crate) fn readme_folder(content_path: &str) -> Option<&str> {
    let name = paths::file_name(content_path);
    (name == "README.md").then(|| &content_path[..content_path.len() - name.len()])
}
