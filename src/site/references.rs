//! References between pages: looking an id up, and the "unknown id" message
//! with its did-you-mean when there is no such page.

use super::model::{Link, TouchpointChip};
use super::pages::text;
use crate::config::Config;
use crate::content::model::KindData;
use crate::content::{Document, Kind, LeftOutDraft, Place};
use crate::date::Date;
use crate::diagnostics::{did_you_mean, Collector, Diagnostic};
use std::collections::{HashMap, HashSet};

/// What building one document's model may look at: the other documents by
/// id, their shared links, the attachments, and where problems go.
pub(super) struct Resolver<'a> {
    pub config: &'a Config,
    pub today: Date,
    pub docs: &'a [&'a Document],
    pub urls: &'a [String],
    pub assets: &'a HashSet<String>,
    /// One shared link per document.
    pub links: Vec<Link>,
    pub by_id: HashMap<(Kind, &'a str), usize>,
    pub problems: &'a Collector,
    /// The drafts left out of the build, by kind and id.
    pub drafts: HashMap<(Kind, &'a str), &'a LeftOutDraft>,
}

impl<'a> Resolver<'a> {
    pub(super) fn new(
        config: &'a Config,
        today: Date,
        docs: &'a [&'a Document],
        urls: &'a [String],
        assets: &'a HashSet<String>,
        links: Vec<Link>,
        problems: &'a Collector,
    ) -> Resolver<'a> {
        let by_id = docs
            .iter()
            .enumerate()
            .filter(|(_, d)| d.kind != Kind::Page)
            .map(|(i, d)| ((d.kind, d.id.as_str()), i))
            .collect();
        Resolver {
            config,
            today,
            docs,
            urls,
            assets,
            links,
            by_id,
            problems,
            drafts: HashMap::new(),
        }
    }

    /// Knows the drafts left out, so a reference to one says so.
    pub(super) fn with_drafts(mut self, drafts: &'a [LeftOutDraft]) -> Resolver<'a> {
        self.drafts = drafts.iter().map(|d| ((d.kind, d.id.as_str()), d)).collect();
        self
    }

    pub(super) fn report(&self, diagnostic: Diagnostic) {
        self.problems.report(diagnostic);
    }

    pub(super) fn link(&self, index: usize) -> Link {
        self.links[index].clone()
    }

    /// Looks up a reference, reporting an unknown id at its place in `doc`.
    pub(super) fn lookup(&self, kind: Kind, id: &str, doc: &Document, key: &str, place: Place) -> Option<usize> {
        if let Some(&index) = self.by_id.get(&(kind, id)) {
            return Some(index);
        }
        if let Some(draft) = self.drafts.get(&(kind, id)) {
            self.report(
                Diagnostic::error(format!("the {} `{id}` is a draft, left out of this build", kind.name()))
                    .at(doc.locator().find(Some(id), key, place))
                    .with_note(format!("`{}` has `draft: true`", draft.path.display()))
                    .with_help("build with `--drafts` to include drafts, set `draft: false` when it is ready, or remove this reference"),
            );
            return None;
        }
        // Past the file's limit the problem is only counted: listing the
        // known ids and locating this one cost a pass each.
        self.problems.report_in(&doc.source.path, || {
            let mut known: Vec<&str> = self
                .by_id
                .keys()
                .filter(|(k, _)| *k == kind)
                .map(|(_, id)| *id)
                .collect();
            known.sort_unstable();
            let folder = kind.folder().unwrap_or("");
            let help = did_you_mean(id, known.iter().copied()).unwrap_or_else(|| match known.len() {
                0 => format!(
                    "no {} exists yet: create `{folder}/{id}.md` in the content folder",
                    kind.name()
                ),
                1..=8 => format!("known {} ids: {}", kind.name(), known.join(", ")),
                n => format!(
                    "{n} {}s exist; none is close to `{id}` (ids are file names in `{folder}/`)",
                    kind.name()
                ),
            });
            Diagnostic::error(format!("unknown {} `{id}`", kind.name()))
                .at(doc.locator().find(Some(id), key, place))
                .with_help(help)
        });
        None
    }

    /// A touchpoint as a stage or persona names it.
    pub(super) fn chip(&self, index: usize) -> TouchpointChip {
        let channel = match &self.docs[index].data {
            KindData::Touchpoint(t) => text(&t.channel),
            _ => None,
        };
        TouchpointChip {
            link: self.link(index),
            channel,
        }
    }
}
