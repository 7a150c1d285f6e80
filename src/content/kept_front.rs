//! Each file's typed front matter, kept with the site (see [`crate::kept`])
//! so that the next build reads YAML only for the files whose front matter
//! changed. A record is found by the hash of the front matter's text, its
//! format and kind; only front matter read without a problem is kept (a
//! problem must be told again), and only when it reads back the same.
//!
//! Records are JSON: the front matter's own readers accept several shapes
//! for one value (a lane as one text or a list), which needs a format that
//! says what each value is.

use crate::fingerprint::Fingerprint;
use crate::kept::Store;
use crate::output::Sink;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::io;

/// Where the file is in the output folder.
pub const PATH: &str = ".journeybook-cache/front-matter";

/// The format's name and version: a file of another version is not read.
const HEADER: &[u8; 16] = b"journeybook fm 1";

/// A file's record to keep: its key and bytes.
pub(super) type Record = (u128, Vec<u8>);

/// The previous build's front matter, and this build's file of it.
pub struct FrontMemo<'a> {
    store: Store<'a>,
}

impl<'a> FrontMemo<'a> {
    /// Reads the previous build's records through `sink` and starts this
    /// build's file in it.
    pub fn open(sink: &'a dyn Sink) -> FrontMemo<'a> {
        FrontMemo {
            store: Store::open(sink, PATH, HEADER),
        }
    }

    /// The key of a front matter: what its typed form is read from.
    pub(super) fn key(kind: super::Kind, format: &str, front: &str, custom_lanes: &[String]) -> u128 {
        let mut key = Fingerprint::new();
        key.text(kind.name()).text(format).text(front);
        for lane in custom_lanes {
            key.text(lane);
        }
        key.finish().unwrap_or_default()
    }

    /// The typed front matter kept under `key`, if any, with its record.
    pub(super) fn read<T: DeserializeOwned>(&self, key: u128) -> Option<(T, Vec<u8>)> {
        let record = self.store.previous.record(key)?;
        // Checked as UTF-8 once, whole: read from bytes, each text would be checked again.
        let typed = serde_json::from_str(std::str::from_utf8(&record).ok()?).ok()?;
        Some((typed, record))
    }

    /// Adds the records, in the order given.
    pub(super) fn keep(&self, records: impl IntoIterator<Item = Record>) {
        self.store.keep(records);
    }

    /// Completes the file; how writing it went.
    pub fn finish(self) -> io::Result<()> {
        self.store.finish()
    }
}

/// The record of `value`, when it reads back as itself: a value some
/// reader would read differently from JSON (a shape only YAML has) is not kept.
pub(super) fn record_of<T: Serialize + DeserializeOwned + PartialEq>(value: &T) -> Option<Vec<u8>> {
    let bytes = serde_json::to_vec(value).ok()?;
    let back: T = serde_json::from_str(std::str::from_utf8(&bytes).ok()?).ok()?;
    (back == *value).then_some(bytes)
}
