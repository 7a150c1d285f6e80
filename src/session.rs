//! A build kept in memory between changes, for the preview server: the
//! pipeline's values stay, and a change re-renders only what it touches.
//!
//! Editing the Markdown of a plain page (the common case while writing)
//! re-renders that page alone, after checking that nothing else can see the
//! change: same front matter and title, no new problem, every link into and
//! out of the page still resolving. Any other change runs the whole pipeline
//! again. Either way the files are those a full build writes.

use crate::config::Config;
use crate::content::{self, Kind, SourceFile};
use crate::diagnostics::{self, Diagnostic};
use crate::output::{Memory, Sink};
use crate::paths;
use crate::pipeline::{self, BuildOptions, Resolved, Stopwatch};
use crate::render;
use crate::site::pages::{self, MarkdownContext};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The search index's files: path in the site and contents.
type SearchFiles = Vec<(String, Vec<u8>)>;

/// The rendered site: output path → contents.
pub type Files = HashMap<String, Arc<[u8]>>;

/// What one update did.
#[derive(Debug, Default)]
pub struct Update {
    /// All problems of the project as it now is.
    pub diagnostics: Vec<Diagnostic>,
    /// Output paths whose contents changed or appeared.
    pub changed: Vec<String>,
    /// Output paths that are gone.
    pub removed: Vec<String>,
    /// True when only the touched pages were rendered again.
    pub incremental: bool,
    /// True when the search index is being rebuilt in the background; see
    /// [`Session::finish_search`].
    pub search_pending: bool,
    /// True when no build has succeeded yet: there is no last good site to show.
    pub no_site_yet: bool,
}

impl Update {
    /// Whether the project, as it now is, has an error (the last good site is kept).
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// A preview's build, kept in memory between changes to the project.
pub struct Session {
    root: PathBuf,
    options: BuildOptions,
    export_json: bool,
    state: Option<Resolved>,
    /// The last site built without errors; kept while the project is broken.
    files: Files,
    /// The search index being rebuilt after a quick update: at 10,000 pages
    /// it takes about a second, which the reload does not wait for.
    pending_search: Option<std::thread::JoinHandle<SearchFiles>>,
}

impl Session {
    /// `export_json` decides whether the site model is rendered too (the
    /// preview server has no use for it).
    pub fn new(root: &Path, options: BuildOptions, export_json: bool) -> Session {
        Session {
            root: root.to_path_buf(),
            options,
            export_json,
            state: None,
            files: Files::new(),
            pending_search: None,
        }
    }

    /// The last site built without errors.
    pub fn files(&self) -> &Files {
        &self.files
    }

    /// Attachments by output path, to be served from their source files.
    pub fn assets(&self) -> HashMap<String, PathBuf> {
        self.state
            .as_ref()
            .map(|s| {
                s.assets
                    .iter()
                    .map(|a| (a.content_path.clone(), a.source.clone()))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// book.toml as last read without error; none until then.
    pub fn config(&self) -> Option<&Config> {
        self.state.as_ref().map(|s| &s.config)
    }

    /// Builds everything again.
    pub fn rebuild(&mut self) -> Update {
        // A full build writes its own index; an older one still on its way is stale.
        self.pending_search = None;
        let mut clock = Stopwatch::start();
        let (config, theme) = match pipeline::prepare(&self.root) {
            Ok(prepared) => prepared,
            Err(all) => {
                // Nothing kept may be trusted for a quick update any more;
                // the last good files stay served.
                self.state = None;
                return Update {
                    diagnostics: all,
                    no_site_yet: self.files.is_empty(),
                    ..Update::default()
                };
            }
        };
        let export_json = self.export_json && config.build.export_json;
        let mut resolved = pipeline::load_and_resolve(&self.root, config, theme, &self.options, &mut clock);
        let memory = Memory::default();
        let has_errors = resolved.diagnostics.iter().any(Diagnostic::is_error);
        if !has_errors {
            pipeline::render_into(&mut resolved, &memory, export_json);
        }
        let mut diagnostics = resolved.diagnostics.clone();
        diagnostics::sort(&mut diagnostics);
        let mut update = Update {
            diagnostics,
            ..Update::default()
        };
        if !update.has_errors() {
            let files = memory.into_files();
            update.changed = files
                .iter()
                .filter(|(path, bytes)| self.files.get(*path) != Some(bytes))
                .map(|(path, _)| path.clone())
                .collect();
            update.removed = self.files.keys().filter(|p| !files.contains_key(*p)).cloned().collect();
            self.files = files;
        }
        self.state = Some(resolved);
        update.no_site_yet = self.files.is_empty();
        update
    }

    /// Takes account of changed files (any path under the project): the
    /// quick way when it is safe, else a full rebuild.
    pub fn update(&mut self, changed: &[PathBuf]) -> Update {
        match self.try_pages_only(changed) {
            Some(update) => update,
            None => self.rebuild(),
        }
    }

    /// Re-renders the changed plain pages alone, or None when the change may
    /// reach further than those pages. Each page goes through the same
    /// steps as in a full build (`site::pages`), so the two cannot differ.
    fn try_pages_only(&mut self, changed: &[PathBuf]) -> Option<Update> {
        let state = self.state.as_mut()?;
        if changed.is_empty() || state.diagnostics.iter().any(Diagnostic::is_error) {
            return None;
        }
        // The watcher names files by their canonical path; the project may
        // have been given as `.` or a relative path.
        let content_root = paths::canonical(&self.root.join(&state.config.build.content_dir)).ok()?;
        let anchor_label = state.theme.words.get("markdown.heading_anchor");
        let extensions =
            crate::markdown::Extensions::for_project(&state.config, |k| state.theme.words.get(k), content_root.clone());
        // The index is updated in place: if the edit turns out to reach
        // further, the full rebuild that follows replaces it.
        let mut edits = Vec::new();
        for path in changed {
            let content_path = paths::content_path_of(&content_root, path)?;
            let position = state
                .documents
                .iter()
                .position(|d| d.source.content_path == content_path)?;
            let old = &state.documents[position];
            if old.kind != Kind::Page {
                return None;
            }
            let text = String::from_utf8(std::fs::read(path).ok()?).ok()?;
            let source = SourceFile {
                path: old.source.path.clone(),
                content_path,
                text,
            };
            let (doc, problems) = content::parse_document(source, &state.config);
            let doc = doc.filter(|_| problems.is_empty())?;
            let same_front_matter = doc.front_matter() == old.front_matter()
                && doc.front_matter_line == old.front_matter_line
                && doc.kind == old.kind;
            if !same_front_matter {
                return None;
            }
            let old_page = state
                .site
                .pages
                .iter()
                .position(|p| p.info.source == doc.source.content_path)?;
            let url = state.site.pages[old_page].info.url.clone();
            let context = MarkdownContext {
                targets: state.index.targets(),
                anchor_label: &anchor_label,
                raw_html: state.config.markdown.raw_html,
                extensions: &extensions,
            };
            let rendered = pages::render_markdown(&doc, &url, &context);
            // A title taken from the first heading shows in navigation everywhere.
            let link = state.site.pages[old_page].info.link();
            if !rendered.diagnostics.is_empty() || pages::title_of(&doc, &rendered.headings) != link.title {
                return None;
            }
            state.index.insert(&doc, &rendered);
            let titled = pages::opens_with_title(&doc, &rendered.headings);
            let page = pages::plain_page(&doc, &url, link, pages::made(rendered), titled);
            edits.push((position, old_page, doc, page));
        }
        // Links into the edited pages must still find their anchors, and
        // theirs must find the anchors of the pages they name.
        if state.index.broken().next().is_some() {
            return None;
        }

        // Safe: apply the edits and render those pages alone.
        let mut urls_to_render = HashSet::new();
        // Shared only with a search rebuild still under way, which then keeps its copy.
        let site = Arc::make_mut(&mut state.site);
        for (position, old_page, doc, page) in edits {
            urls_to_render.insert(page.info.url.clone());
            site.pages[old_page] = page;
            state.documents[position] = doc;
        }
        let export_json = self.export_json && state.config.build.export_json;
        let memory = Memory::default();
        let options = render::RenderOptions {
            content_dir: &state.config.build.content_dir,
            export_json: false,
            only: Some(&urls_to_render),
            search: &state.config.search,
            // The pages' canonical links and Download CSV links, as a full build has them;
            // the export files themselves are only written by full builds.
            export: crate::export::ExportOptions::of(&state.config),
        };
        let (_, problems) = render::render_site(&state.site, &state.theme, &options, &memory);
        if !problems.is_empty() {
            return None;
        }
        // The edited pages' documents change the search index: rebuilt from
        // the model alone, in the background.
        let site = Arc::clone(&state.site);
        let search = state.config.search.clone();
        self.pending_search = Some(std::thread::spawn(move || {
            let files = std::sync::Mutex::new(Vec::new());
            // The preview's pages are rendered in memory, none read back
            // from a previous build: writing the index cannot fail.
            let _ = crate::search::write(&site, &search, &|path, bytes| {
                let file = (path.to_owned(), bytes.to_vec());
                files.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).push(file);
            });
            files.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner())
        }));
        if export_json {
            let json = serde_json::to_vec(&state.site).ok()?;
            memory.put(render::EXPORT, &json).ok()?;
        }
        let mut update = Update {
            diagnostics: state.diagnostics.clone(),
            incremental: true,
            search_pending: true,
            ..Update::default()
        };
        diagnostics::sort(&mut update.diagnostics);
        for (path, bytes) in memory.into_files() {
            if self.files.get(&path) != Some(&bytes) {
                update.changed.push(path.clone());
                self.files.insert(path, bytes);
            }
        }
        Some(update)
    }

    /// Whether a search index is being rebuilt in the background.
    pub fn search_pending(&self) -> bool {
        self.pending_search.is_some()
    }

    /// Takes in the search index rebuilt after a quick update, once it is
    /// ready (at once when `wait`); None while it is not, or when none is
    /// pending. The files are then those a full build writes.
    pub fn finish_search(&mut self, wait: bool) -> Option<Update> {
        if !wait && !self.pending_search.as_ref()?.is_finished() {
            return None;
        }
        let files = self.pending_search.take()?.join().ok()?;
        let state = self.state.as_ref()?;
        let mut update = Update {
            diagnostics: state.diagnostics.clone(),
            incremental: true,
            ..Update::default()
        };
        diagnostics::sort(&mut update.diagnostics);
        let written: HashSet<String> = files.iter().map(|(path, _)| path.clone()).collect();
        for (path, bytes) in files {
            let bytes: Arc<[u8]> = bytes.into();
            if self.files.get(&path) != Some(&bytes) {
                update.changed.push(path.clone());
                self.files.insert(path, bytes);
            }
        }
        let stale: Vec<String> = self
            .files
            .keys()
            .filter(|path| path.starts_with("search/") && !written.contains(*path))
            .cloned()
            .collect();
        for path in stale {
            self.files.remove(&path);
            update.removed.push(path);
        }
        Some(update)
    }
}
