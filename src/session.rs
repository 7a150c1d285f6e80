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
use crate::diagnostics::{Diagnostic, SourceText};
use crate::markdown::{self, LinkTargets, PageSource};
use crate::render::{self, Memory, Theme};
use crate::site::{self, urls};
use crate::{BuildOptions, Resolved, Stopwatch};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

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
}

impl Update {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

pub struct Session {
    root: PathBuf,
    options: BuildOptions,
    export_json: bool,
    state: Option<Resolved>,
    /// The last site built without errors; kept while the project is broken.
    files: Files,
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

    pub fn config(&self) -> Option<&Config> {
        self.state.as_ref().map(|s| &s.config)
    }

    /// Builds everything again.
    pub fn rebuild(&mut self) -> Update {
        let mut clock = Stopwatch::start();
        let prepared = Config::load(&self.root).and_then(|config| Ok((Theme::load(&self.root, &config)?, config)));
        let (theme, config) = match prepared {
            Ok(prepared) => prepared,
            Err(d) => {
                return Update {
                    diagnostics: vec![d],
                    ..Update::default()
                }
            }
        };
        let export_json = self.export_json && config.build.export_json;
        let mut resolved = crate::load_and_resolve(&self.root, config, theme, &self.options, &mut clock);
        let memory = Memory::default();
        let has_errors = resolved.diagnostics.iter().any(Diagnostic::is_error);
        if !has_errors {
            crate::render_into(&mut resolved, &memory, export_json);
        }
        let mut diagnostics = resolved.diagnostics.clone();
        crate::sort(&mut diagnostics);
        let mut update = Update {
            diagnostics,
            ..Update::default()
        };
        if !update.has_errors() {
            let files = memory
                .files
                .into_inner()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            update.changed = files
                .iter()
                .filter(|(path, bytes)| self.files.get(*path) != Some(bytes))
                .map(|(path, _)| path.clone())
                .collect();
            update.removed = self.files.keys().filter(|p| !files.contains_key(*p)).cloned().collect();
            self.files = files;
        }
        self.state = Some(resolved);
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
    /// reach further than those pages.
    fn try_pages_only(&mut self, changed: &[PathBuf]) -> Option<Update> {
        let state = self.state.as_mut()?;
        if changed.is_empty() || state.diagnostics.iter().any(Diagnostic::is_error) {
            return None;
        }
        let content_root = self.root.join(&state.config.build.content_dir);
        let mut edits = Vec::new();
        for path in changed {
            let content_path = path
                .strip_prefix(&content_root)
                .ok()?
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            let index = state
                .documents
                .iter()
                .position(|d| d.source.content_path == content_path)?;
            let old = &state.documents[index];
            if old.kind != Kind::Page {
                return None;
            }
            let text = String::from_utf8(std::fs::read(path).ok()?).ok()?;
            let source = SourceFile {
                path: old.source.path.clone(),
                content_path,
                text,
            };
            let (doc, diagnostics) = content::parse_document(source, &state.config);
            let doc = doc.filter(|_| diagnostics.is_empty())?;
            let same_front_matter = doc.front_matter() == old.front_matter()
                && doc.front_matter_line == old.front_matter_line
                && doc.kind == old.kind;
            if !same_front_matter {
                return None;
            }
            edits.push((index, doc));
        }

        let mut rendered = Vec::new();
        for (index, doc) in &edits {
            let url = state.index.page_urls.get(&doc.source.content_path)?.clone();
            let root = urls::root_of(&url);
            let targets = LinkTargets {
                pages: &state.index.page_urls,
                assets: &state.index.assets,
            };
            let page = PageSource {
                source: SourceText {
                    file: &doc.source.path,
                    text: &doc.source.text,
                },
                body: doc.body(),
                content_path: &doc.source.content_path,
                root: &root,
                reserved_ids: &[],
            };
            let r = markdown::render(&page, &targets);
            if !r.diagnostics.is_empty() {
                return None;
            }
            // A title taken from the first heading shows in navigation everywhere.
            let old_page = state
                .site
                .pages
                .iter()
                .find(|p| p.info.source == doc.source.content_path)?;
            if doc.meta.title.is_none() {
                let stem = doc
                    .source
                    .content_path
                    .rsplit('/')
                    .next()
                    .unwrap_or_default()
                    .trim_end_matches(".md");
                let title = r.headings.first().map_or(stem, |h| h.text.as_str());
                if title != old_page.info.title {
                    return None;
                }
            }
            rendered.push((*index, url, r));
        }

        // Links into the edited pages must still find their anchors, and
        // theirs must find the anchors of the pages they name.
        let mut anchors = state.index.anchors.clone();
        for (index, _, r) in &rendered {
            let path = &edits.iter().find(|(i, _)| i == index)?.1.source.content_path;
            anchors.insert(path.clone(), r.headings.iter().map(|h| h.id.clone()).collect());
        }
        let edited: HashSet<&str> = edits.iter().map(|(_, d)| d.source.content_path.as_str()).collect();
        let old_links = state
            .index
            .anchor_links
            .iter()
            .filter(|(from, _)| !edited.contains(from.as_str()))
            .flat_map(|(_, links)| links.iter());
        let new_links = rendered.iter().flat_map(|(_, _, r)| r.anchor_links.iter());
        for link in old_links.chain(new_links) {
            if anchors.get(&link.target).is_some_and(|ids| !ids.contains(&link.anchor)) {
                return None;
            }
        }

        // Safe: apply the edits and render those pages alone.
        let mut urls_to_render = HashSet::new();
        for ((index, doc), (_, url, r)) in edits.into_iter().zip(rendered) {
            let path = doc.source.content_path.clone();
            state.index.anchor_links.insert(path.clone(), r.anchor_links);
            let page = state.site.pages.iter_mut().find(|p| p.info.source == path)?;
            page.body_has_title = site::body_has_title(doc.body(), &r.headings);
            page.info.body_html = r.html;
            page.info.toc = r.headings;
            state.documents[index] = doc;
            urls_to_render.insert(url);
        }
        state.index.anchors = anchors;
        let export_json = self.export_json && state.config.build.export_json;
        let memory = Memory::default();
        let options = render::RenderOptions {
            content_dir: &state.config.build.content_dir,
            export_json: false,
            only: Some(&urls_to_render),
        };
        let (_, problems) = render::render_site(&state.site, &state.theme, &options, &memory);
        if !problems.is_empty() {
            return None;
        }
        if export_json {
            let json = serde_json::to_vec(&state.site).ok()?;
            render::Sink::put(&memory, render::EXPORT, &json).ok()?;
        }
        let mut update = Update {
            diagnostics: state.diagnostics.clone(),
            incremental: true,
            ..Update::default()
        };
        crate::sort(&mut update.diagnostics);
        for (path, bytes) in memory
            .files
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
        {
            if self.files.get(&path) != Some(&bytes) {
                update.changed.push(path.clone());
                self.files.insert(path, bytes);
            }
        }
        Some(update)
    }
}
