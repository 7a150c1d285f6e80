//! Each page's rendered Markdown, kept with the site (see [`crate::kept`])
//! so that the next build renders again only the pages whose text changed,
//! or all of them when the pages and files links can point at did. A page
//! whose Markdown had a problem, or includes another file, is always
//! rendered again: its message must be told, its included file may change.

use super::pages::{render_markdown, MarkdownContext};
use super::Body;
use crate::content::Document;
use crate::fingerprint::Fingerprint;
use crate::kept::{Previous, Store};
use crate::markdown::{AnchorLink, Heading, LinkTargets, Rendered};
use crate::output::Sink;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::io;
use std::sync::Arc;

/// Where the file is in the output folder.
pub const PATH: &str = ".journeybook-cache/markdown";

/// The format's name and version: a file of another version is not read.
const HEADER: &[u8; 16] = b"journeybook md 1";

/// A rendered page as kept, in the order [`Kept`] reads it back.
#[derive(Serialize)]
struct KeptRef<'a> {
    html: &'a str,
    headings: &'a [Heading],
    anchor_links: &'a [AnchorLink],
    html_ids: &'a [String],
}

#[derive(Deserialize)]
struct Kept<'r> {
    #[serde(borrow)]
    html: &'r str,
    headings: Vec<Heading>,
    anchor_links: Vec<AnchorLink>,
    html_ids: Vec<String>,
}

/// The HTML of the page kept under `key` in `records`, read again.
pub(super) fn kept_html(records: &Previous, key: u128) -> io::Result<String> {
    let gone = || io::Error::other("the copy the previous build kept of a page is gone or damaged; build again");
    let record = records.record(key).ok_or_else(gone)?;
    let kept = postcard::from_bytes::<Kept<'_>>(&record).map_err(|_| gone())?;
    Ok(kept.html.to_owned())
}

/// A page's record to keep: its key and bytes.
type Record = (u128, Vec<u8>);

/// Pages rendered at a time: their records are then written and freed, so
/// a clean build never holds the whole site's records.
const PAGES_PER_BATCH: usize = 256;

/// The previous build's rendered pages, and this build's file of them,
/// written as pages are rendered.
pub struct Memo<'a> {
    store: Store<'a>,
}

impl<'a> Memo<'a> {
    /// Reads the previous build's records through `sink` and starts this
    /// build's file in it.
    pub fn open(sink: &'a dyn Sink) -> Memo<'a> {
        Memo {
            store: Store::open(sink, PATH, HEADER),
        }
    }

    /// The hash of every page and file links can point at: a page's HTML
    /// depends on which exist and where they are.
    fn targets_key(targets: &LinkTargets<'_>) -> u128 {
        let mut pages: Vec<(&String, &String)> = targets.pages.iter().collect();
        pages.sort_unstable();
        let mut assets: Vec<&String> = targets.assets.iter().collect();
        assets.sort_unstable();
        let mut key = Fingerprint::new();
        for (path, url) in pages {
            key.text(path).text(url);
        }
        key.number(0);
        for path in assets {
            key.text(path);
        }
        key.finish().unwrap_or_default()
    }

    /// Renders the Markdown of every page of `docs` (at `urls`), reading
    /// back those the previous build rendered from the same text and targets.
    pub(super) fn render_all(
        &self,
        docs: &[&Document],
        urls: &[String],
        context: &MarkdownContext<'_>,
    ) -> Vec<(Rendered, Body)> {
        let targets = Memo::targets_key(&context.targets);
        let mut bodies = Vec::with_capacity(docs.len());
        let mut to_keep = Vec::new();
        for (docs, urls) in docs.chunks(PAGES_PER_BATCH).zip(urls.chunks(PAGES_PER_BATCH)) {
            // The previous batch's records are written while this one renders.
            let (made, ()) = rayon::join(
                || -> Vec<((Rendered, Body), Option<Record>)> {
                    docs.par_iter()
                        .with_max_len(crate::PAGES_PER_TASK)
                        .zip(urls)
                        .map(|(doc, url)| self.render(targets, doc, url, context))
                        .collect()
                },
                || self.store.keep(std::mem::take(&mut to_keep)),
            );
            for (rendered, record) in made {
                to_keep.extend(record);
                bodies.push(rendered);
            }
        }
        self.store.keep(to_keep);
        bodies
    }

    /// Renders the Markdown of `doc`, or reads it back from the previous
    /// build's record of the same page, text and targets (its HTML left
    /// there until the page is rendered); returns it with its record, when
    /// it is to be kept.
    fn render(
        &self,
        targets: u128,
        doc: &Document,
        url: &str,
        context: &MarkdownContext<'_>,
    ) -> ((Rendered, Body), Option<Record>) {
        let key = match targets != 0 && !doc.body().contains("{{#include") {
            true => Fingerprint::new()
                .number(targets)
                .text(url)
                .text(&doc.source.content_path)
                .text(doc.source_text().text)
                .finish()
                .unwrap_or_default(),
            false => 0,
        };
        if let Some(record) = self.store.previous.record(key) {
            if let Ok(kept) = postcard::from_bytes::<Kept<'_>>(&record) {
                let body = Body::kept(kept.html, Arc::clone(&self.store.previous), key);
                let rendered = Rendered {
                    html: String::new(),
                    headings: kept.headings,
                    anchor_links: kept.anchor_links,
                    diagnostics: Vec::new(),
                    html_ids: kept.html_ids,
                };
                return ((rendered, body), Some((key, record)));
            }
        }
        let rendered = render_markdown(doc, url, context);
        let record = (key != 0 && rendered.diagnostics.is_empty())
            .then(|| {
                let kept = KeptRef {
                    html: &rendered.html,
                    headings: &rendered.headings,
                    anchor_links: &rendered.anchor_links,
                    html_ids: &rendered.html_ids,
                };
                postcard::to_stdvec(&kept).ok()
            })
            .flatten()
            .map(|bytes| (key, bytes));
        (super::pages::made(rendered), record)
    }

    /// Completes this build's file.
    pub fn finish(self) -> io::Result<()> {
        self.store.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kept::Keeper;

    #[test]
    fn a_kept_body_is_read_back_when_asked_for_and_a_lost_one_is_an_error() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("markdown");
        let html = "<p>Kept, with <code class=\"hl-keyword\">code</code></p>";
        let kept = KeptRef {
            html,
            headings: &[],
            anchor_links: &[],
            html_ids: &[],
        };
        let record = postcard::to_stdvec(&kept).expect("encoded");
        let file = std::fs::File::create(&path).expect("store file");
        let mut keeper = Keeper::new(file, HEADER);
        keeper.keep(7, &record);
        keeper.finish().expect("store written");
        let records = Arc::new(Previous::open(Some(&path), HEADER));

        let body = Body::kept(html, Arc::clone(&records), 7);
        assert_eq!(body.html().expect("read back"), html);
        assert!(body.has_code());
        assert_eq!(body.digest(), Body::made(html.to_owned()).digest());

        let lost = Body::kept(html, records, 8);
        let message = lost.html().expect_err("no such record").to_string();
        assert!(message.contains("build again"), "{message}");
    }
}
