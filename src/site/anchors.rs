//! Anchors: every link to `page.md#anchor` must name a heading or a stage of
//! that page. Checked once every page's Markdown is rendered.

use crate::content::Document;
use crate::diagnostics::{did_you_mean, Diagnostic};
use crate::markdown::{AnchorLink, LinkTargets, Rendered};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

/// What the Markdown of each page offers other pages: enough to re-render
/// one page's Markdown and check the links into and out of it, without
/// redoing the site.
#[derive(Debug, Clone, Default)]
pub struct LinkIndex {
    /// Content path of each page to its output URL.
    pub page_urls: HashMap<String, String>,
    /// Content paths of the attachments.
    pub assets: HashSet<String>,
    /// Content path of each page to the ids its anchors may name.
    pub anchors: HashMap<String, HashSet<String>>,
    /// Content path of each page to its links that name an anchor.
    pub anchor_links: HashMap<String, Vec<AnchorLink>>,
}

/// A link naming an anchor its page does not have.
pub struct BrokenAnchor<'a> {
    /// The content path of the page the link is in.
    pub from: &'a str,
    pub link: &'a AnchorLink,
    pub known: &'a HashSet<String>,
}

impl LinkIndex {
    /// An index of these pages and attachments, before any page's anchors are known.
    pub fn new(page_urls: HashMap<String, String>, assets: HashSet<String>) -> LinkIndex {
        LinkIndex {
            page_urls,
            assets,
            ..LinkIndex::default()
        }
    }

    /// What a page's links are checked against.
    pub fn targets(&self) -> LinkTargets<'_> {
        LinkTargets::new(&self.page_urls, &self.assets)
    }

    /// Records (or replaces) what one rendered page offers and links to.
    pub fn insert(&mut self, doc: &Document, rendered: &Rendered) {
        let (path, ids, links) = offered(doc, rendered);
        self.anchors.insert(path.clone(), ids);
        self.anchor_links.insert(path, links);
    }

    /// Records what every page offers and links to, gathered on every core.
    pub fn insert_all(&mut self, docs: &[&Document], bodies: &[Rendered]) {
        let offers: Vec<_> = docs
            .par_iter()
            .zip(bodies)
            .with_max_len(crate::PAGES_PER_TASK)
            .map(|(doc, rendered)| offered(doc, rendered))
            .collect();
        self.anchors.reserve(offers.len());
        self.anchor_links.reserve(offers.len());
        for (path, ids, links) in offers {
            self.anchors.insert(path.clone(), ids);
            self.anchor_links.insert(path, links);
        }
    }

    /// Every link whose page exists but lacks the anchor.
    pub fn broken(&self) -> impl Iterator<Item = BrokenAnchor<'_>> {
        self.anchor_links.iter().flat_map(move |(from, links)| {
            links.iter().filter_map(move |link| {
                let known = self.anchors.get(&link.target)?;
                (!known.contains(&link.anchor)).then_some(BrokenAnchor { from, link, known })
            })
        })
    }
}

/// A page's content path, the ids its anchors may name and its links that name an anchor.
fn offered(doc: &Document, rendered: &Rendered) -> (String, HashSet<String>, Vec<AnchorLink>) {
    let ids = rendered
        .headings
        .iter()
        .map(|h| h.id.clone())
        .chain(rendered.html_ids.iter().cloned())
        .chain(super::pages::stage_anchors(doc))
        .collect();
    (doc.source.content_path.clone(), ids, rendered.anchor_links.clone())
}

/// The message for a broken anchor, at the link in `doc` (the page it is in).
pub(super) fn broken_anchor(doc: &Document, broken: &BrokenAnchor<'_>) -> Diagnostic {
    let link = broken.link;
    let source = doc.source_text();
    let span = doc
        .source
        .text
        .get(link.offset..(link.offset + link.len).min(doc.source.text.len()))
        .unwrap_or_default();
    let hash = format!("#{}", link.anchor);
    let at = span.find(&hash).map_or(link.offset, |i| link.offset + i + 1);
    let mut candidates: Vec<&str> = broken.known.iter().map(String::as_str).collect();
    candidates.sort_unstable();
    let help = did_you_mean(&link.anchor, candidates.iter().copied()).unwrap_or_else(|| {
        if candidates.is_empty() {
            format!("`{}` has no headings to link to", link.target)
        } else {
            format!("anchors in `{}`: {}", link.target, candidates.join(", "))
        }
    });
    Diagnostic::error(format!(
        "broken link: `{}` has no anchor `#{}`",
        link.target, link.anchor
    ))
    .at(source.location_at_offset(at, link.anchor.chars().count()))
    .with_help(help)
}
