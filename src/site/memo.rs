//! Each page's rendered Markdown, kept with the site (see [`crate::kept`])
//! so that the next build renders again only the pages whose text changed,
//! or whose links would now lead elsewhere: a record notes every page and
//! file its links looked up, with the answer, and is read back only while
//! every answer is the same (a page added elsewhere renders nothing again).
//! A page whose Markdown had a problem, or includes another file, is always
//! rendered again: its message must be told, its included file may change.

use super::pages::{render_markdown, MarkdownContext};
use super::Body;
use crate::content::Document;
use crate::fingerprint::Fingerprint;
use crate::kept::{Previous, Store};
use crate::markdown::{AnchorLink, Heading, Lookup, Rendered};
use crate::output::Sink;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::io;
use std::sync::{Arc, Mutex};

/// Where the file is in the output folder.
pub const PATH: &str = ".journeybook-cache/markdown";

/// The format's name and version: a file of another version is not read.
const HEADER: &[u8; 16] = b"journeybook md 3";

/// What a rendered page's record holds before its HTML: a rebuild reads
/// this part alone, and the HTML only for the pages it renders again.
/// A record is the length of this part (4 bytes, little-endian), this
/// part, then the HTML as it is.
#[derive(Serialize)]
struct HeadRef<'a> {
    headings: &'a [Heading],
    anchor_links: &'a [AnchorLink],
    html_ids: &'a [String],
    lookups: &'a [Lookup],
    digest: u128,
    has_code: bool,
}

#[derive(Deserialize)]
struct Head {
    headings: Vec<Heading>,
    anchor_links: Vec<AnchorLink>,
    html_ids: Vec<String>,
    lookups: Vec<Lookup>,
    digest: u128,
    has_code: bool,
}

/// Bytes read at first from a record: most pages' heads fit.
const FIRST_READ: u32 = 4096;

/// The record of a page rendered now.
fn record_of(rendered: &Rendered, body: &Body, lookups: &[Lookup]) -> Option<Vec<u8>> {
    let html = body.html().ok()?;
    let head = postcard::to_stdvec(&HeadRef {
        headings: &rendered.headings,
        anchor_links: &rendered.anchor_links,
        html_ids: &rendered.html_ids,
        lookups,
        digest: body.digest(),
        has_code: body.has_code(),
    })
    .ok()?;
    let mut record = Vec::with_capacity(4 + head.len() + html.len());
    record.extend_from_slice(&u32::try_from(head.len()).ok()?.to_le_bytes());
    record.extend_from_slice(&head);
    record.extend_from_slice(html.as_bytes());
    Some(record)
}

/// The head of the record kept under `key`, and where its HTML starts.
fn read_head(records: &Previous, key: u128) -> Option<(Head, u32)> {
    let mut part = records.record_part(key, 0, FIRST_READ)?;
    let length = u32::from_le_bytes(part.get(..4)?.try_into().ok()?);
    let html_at = length.checked_add(4)?;
    if part.len() < html_at as usize {
        part = records.record_part(key, 0, html_at)?;
    }
    let head = postcard::from_bytes(part.get(4..html_at as usize)?).ok()?;
    Some((head, html_at))
}

/// The HTML of the page kept under `key` in `records`, from `html_at` on, read again.
pub(super) fn kept_html(records: &Previous, key: u128, html_at: u32) -> io::Result<String> {
    let gone = || io::Error::other("the copy the previous build kept of a page is gone or damaged; build again");
    let html = records.record_part(key, html_at, u32::MAX).ok_or_else(gone)?;
    String::from_utf8(html).map_err(|_| gone())
}

/// A page's record to keep: its key and bytes.
type Record = (u128, Vec<u8>);

/// What a page leaves for the next build.
enum Keep {
    /// Its record, made now.
    New(Record),
    /// Its record, made again under the key of the previous build's,
    /// whose links now lead elsewhere.
    Again(Record),
    /// The previous build's record, read back as it was.
    AsRead(u128),
    /// Nothing: its Markdown had a problem, or includes a file.
    Not,
}

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

    /// Renders the Markdown of every page of `docs` (at `urls`), reading
    /// back those the previous build rendered from the same text, where
    /// their links lead to the same places.
    pub(super) fn render_all(
        &self,
        docs: &[&Document],
        urls: &[String],
        context: &MarkdownContext<'_>,
    ) -> Vec<(Rendered, Body)> {
        let mut bodies = Vec::with_capacity(docs.len());
        let mut to_keep = Vec::new();
        let mut replaced = Vec::new();
        let mut read_back = Vec::new();
        for (docs, urls) in docs.chunks(PAGES_PER_BATCH).zip(urls.chunks(PAGES_PER_BATCH)) {
            // The previous batch's records are written while this one renders.
            let (made, ()) = rayon::join(
                || -> Vec<((Rendered, Body), Keep)> {
                    docs.par_iter()
                        .with_max_len(crate::PAGES_PER_TASK)
                        .zip(urls)
                        .map(|(doc, url)| self.render(doc, url, context))
                        .collect()
                },
                || {
                    self.store.keep(std::mem::take(&mut to_keep));
                    self.store.keep_new_all(std::mem::take(&mut replaced));
                    self.store.keep_as_read(std::mem::take(&mut read_back));
                },
            );
            for (rendered, keep) in made {
                match keep {
                    Keep::New(record) => to_keep.push(record),
                    Keep::Again(record) => replaced.push(record),
                    Keep::AsRead(key) => read_back.push(key),
                    Keep::Not => {}
                }
                bodies.push(rendered);
            }
        }
        self.store.keep(to_keep);
        self.store.keep_new_all(replaced);
        self.store.keep_as_read(read_back);
        bodies
    }

    /// Renders the Markdown of `doc`, or reads it back from the previous
    /// build's record of the same page and text whose links lead to the
    /// same places (its HTML left there until the page is rendered);
    /// returns it with its record, when it is to be kept.
    fn render(&self, doc: &Document, url: &str, context: &MarkdownContext<'_>) -> ((Rendered, Body), Keep) {
        let key = match doc.body().contains("{{#include") {
            false => Fingerprint::new()
                .text(url)
                .text(&doc.source.content_path)
                .text(doc.source_text().text)
                .finish()
                .unwrap_or_default(),
            true => 0,
        };
        let head = read_head(&self.store.previous, key).filter(|_| key != 0);
        let (head, stale) = match head {
            Some((head, html_at)) if head.lookups.iter().all(|l| context.targets.answers_alike(l)) => {
                (Some((head, html_at)), false)
            }
            Some(_) => (None, true),
            None => (None, false),
        };
        if let Some((head, html_at)) = head {
            let records = Arc::clone(&self.store.previous);
            let body = Body::kept(records, key, html_at, head.digest, head.has_code);
            let rendered = Rendered {
                html: String::new(),
                headings: head.headings,
                anchor_links: head.anchor_links,
                diagnostics: Vec::new(),
                html_ids: head.html_ids,
            };
            return ((rendered, body), Keep::AsRead(key));
        }
        let lookups = Mutex::new(Vec::new());
        let noting = MarkdownContext {
            targets: context.targets.noting(&lookups),
            ..*context
        };
        let (rendered, body) = super::pages::made(render_markdown(doc, url, &noting));
        let lookups = lookups.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner());
        let record = (key != 0 && rendered.diagnostics.is_empty())
            .then(|| record_of(&rendered, &body, &lookups))
            .flatten();
        let keep = match (record, stale) {
            (Some(bytes), false) => Keep::New((key, bytes)),
            (Some(bytes), true) => Keep::Again((key, bytes)),
            (None, _) => Keep::Not,
        };
        ((rendered, body), keep)
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

    /// A store of one record, `record` under `key`, in a new folder.
    fn store_of(key: u128, record: &[u8]) -> (tempfile::TempDir, Arc<Previous>) {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("markdown");
        let file = std::fs::File::create(&path).expect("store file");
        let mut keeper = Keeper::new(file, HEADER);
        keeper.keep(key, record);
        keeper.finish().expect("store written");
        let records = Arc::new(Previous::open(Some(&path), HEADER));
        (dir, records)
    }

    #[test]
    fn a_kept_body_is_read_back_when_asked_for_and_a_lost_one_is_an_error() {
        let html = "<p>Kept, with <code class=\"hl-keyword\">code</code></p>";
        let rendered = Rendered {
            html: String::new(),
            headings: Vec::new(),
            anchor_links: Vec::new(),
            diagnostics: Vec::new(),
            html_ids: vec!["old-anchor".to_owned()],
        };
        let made = Body::made(html.to_owned());
        let (_dir, records) = store_of(7, &record_of(&rendered, &made, &[]).expect("encoded"));

        let (head, html_at) = read_head(&records, 7).expect("the head read back");
        assert_eq!(head.html_ids, ["old-anchor"]);
        let body = Body::kept(Arc::clone(&records), 7, html_at, head.digest, head.has_code);
        assert_eq!(body.html().expect("read back"), html);
        assert!(body.has_code());
        assert_eq!(body.digest(), made.digest());

        let lost = Body::kept(records, 8, html_at, head.digest, head.has_code);
        let message = lost.html().expect_err("no such record").to_string();
        assert!(message.contains("build again"), "{message}");
    }

    #[test]
    fn a_head_longer_than_the_first_read_is_read_whole() {
        let ids: Vec<String> = (0..1000).map(|i| format!("anchor-{i}")).collect();
        let rendered = Rendered {
            html: String::new(),
            headings: Vec::new(),
            anchor_links: Vec::new(),
            diagnostics: Vec::new(),
            html_ids: ids.clone(),
        };
        let record = record_of(&rendered, &Body::made("<p>Long</p>".to_owned()), &[]).expect("encoded");
        assert!(record.len() > FIRST_READ as usize);
        let (_dir, records) = store_of(3, &record);
        let (head, html_at) = read_head(&records, 3).expect("the head read back");
        assert_eq!(head.html_ids, ids);
        let body = Body::kept(records, 3, html_at, head.digest, head.has_code);
        assert_eq!(body.html().expect("read back"), "<p>Long</p>");
    }
}
