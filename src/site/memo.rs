//! Each page's rendered Markdown, kept with the site (see [`crate::kept`])
//! so that the next build renders again only the pages whose text changed,
//! or all of them when the pages and files links can point at did. A page
//! whose Markdown had a problem, or includes another file, is always
//! rendered again: its message must be told, its included file may change.

use super::pages::{render_markdown, MarkdownContext};
use crate::content::Document;
use crate::fingerprint::Fingerprint;
use crate::kept::{Keeper, Previous};
use crate::markdown::{AnchorLink, Heading, LinkTargets, Rendered};
use serde::{Deserialize, Serialize};
use std::io;
use std::path::Path;
use std::sync::Mutex;

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
struct Kept {
    html: String,
    headings: Vec<Heading>,
    anchor_links: Vec<AnchorLink>,
    html_ids: Vec<String>,
}

/// What becomes of one page's record in this build's file.
pub(super) enum Record {
    /// The previous build's, read again from its file when writing.
    Carried(u128),
    /// Made by this build.
    Made(u128, Vec<u8>),
}

/// The previous build's rendered pages and this build's.
#[derive(Default)]
pub struct Memo {
    previous: Previous,
    records: Mutex<Vec<Record>>,
}

impl Memo {
    /// The records the previous build left at `path`, if any.
    pub fn open(path: Option<&Path>) -> Memo {
        Memo {
            previous: Previous::open(path, HEADER),
            records: Mutex::default(),
        }
    }

    /// The hash of every page and file links can point at: a page's HTML
    /// depends on which exist and where they are.
    pub(super) fn targets_key(targets: &LinkTargets<'_>) -> u128 {
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

    /// Renders the Markdown of `doc`, or reads it back from the previous
    /// build's record of the same page, text and targets.
    pub(super) fn render(
        &self,
        targets: u128,
        doc: &Document,
        url: &str,
        context: &MarkdownContext<'_>,
    ) -> (Rendered, Option<Record>) {
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
        if let Some(kept) = self
            .previous
            .record(key)
            .and_then(|r| postcard::from_bytes::<Kept>(&r).ok())
        {
            let rendered = Rendered {
                html: kept.html,
                headings: kept.headings,
                anchor_links: kept.anchor_links,
                diagnostics: Vec::new(),
                html_ids: kept.html_ids,
            };
            return (rendered, Some(Record::Carried(key)));
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
            .map(|bytes| Record::Made(key, bytes));
        (rendered, record)
    }

    /// This build's records, in page order.
    pub(super) fn keep(&self, records: Vec<Record>) {
        *self.records.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = records;
    }

    /// Writes this build's file to `out`.
    pub fn write(&self, out: &mut dyn io::Write) -> io::Result<()> {
        let mut keeper = Keeper::new(out, HEADER);
        let records = self.records.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        for record in records.iter() {
            match record {
                Record::Made(key, bytes) => keeper.keep(*key, bytes),
                // One that cannot be read again is only left out: that page is rendered next time.
                Record::Carried(key) => {
                    if let Some(bytes) = self.previous.record(*key) {
                        keeper.keep(*key, &bytes);
                    }
                }
            }
        }
        keeper.finish()
    }
}
