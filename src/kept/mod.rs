//! Records a build keeps with its site so that the next build can skip
//! work whose inputs have not changed (README, "Rebuilds"): files of
//! records, each found by its key, the hash of what it was made from.
//!
//! A file is a 16-byte header naming its format, the records' bytes one
//! after the other, then their index: for each record its key (16 bytes),
//! where it starts (8) and its length (4); then the number of records (8)
//! and a 16-byte footer. The next build reads the index alone, from the
//! end, and each record only when it asks for it.
//!
//! A store is two such files: its base, and the changes since the base was
//! written (`<name>.changes`, whose records win). A rebuild carries the base
//! over as it is (a hard link, like an unchanged page) and writes only the
//! records the base lacks: at 10,000 pages the base is some 100 MB that a
//! one-page edit would otherwise write again, and delete the old copy of.
//! Once the changes and the records no longer read outweigh a quarter of
//! the base, the build writes a new base instead.

mod read;

use crate::output::{Sink, Written};
pub use read::Previous;
use std::io::{self, Write};
use std::sync::{Arc, Mutex};

/// The folder of the output folder the files are in; nothing in it is
/// part of the site, and deleting it only makes the next build slower.
pub const FOLDER: &str = ".journeybook-cache";

/// An index entry: a record's key, start and length.
const ENTRY: usize = 28;

/// What ends a complete file, after its index and the number of records.
/// A file cut short, or written before the index moved to the end, does
/// not end with it and is not read.
const FOOTER: &[u8; 16] = b"journeybook idx1";

/// The number of records and the footer.
const TAIL: usize = 8 + FOOTER.len();

/// The key of the record, among the changes, of how many bytes of the base
/// the build that wrote them read: other keys are content hashes, never this.
const BASE_IN_USE: u128 = u128::MAX - 1;

/// Where a store's changes are kept beside its base at `path`.
pub fn changes_path(path: &str) -> String {
    format!("{path}.changes")
}

/// Writes a file of records, one after the other, and their index.
pub struct Keeper<W> {
    out: W,
    /// Where the next record starts.
    written: u64,
    /// Each record's key, start and length, written at the end.
    index: Vec<u8>,
    /// The first write error: the file is then incomplete, and the build
    /// says so rather than keep half a file.
    error: Option<io::Error>,
}

impl<W: Write> Keeper<W> {
    /// Starts a file in the format `header` names.
    pub fn new(out: W, header: &[u8; 16]) -> Keeper<W> {
        let mut keeper = Keeper {
            out,
            written: 0,
            index: Vec::new(),
            error: None,
        };
        keeper.write(header);
        keeper
    }

    fn write(&mut self, bytes: &[u8]) {
        if self.error.is_none() {
            match self.out.write_all(bytes) {
                Ok(()) => self.written += bytes.len() as u64,
                Err(e) => self.error = Some(e),
            }
        }
    }

    /// Adds the record of `key`; a record too long for the format is left out.
    pub fn keep(&mut self, key: u128, record: &[u8]) {
        let Ok(length) = u32::try_from(record.len()) else {
            return;
        };
        self.index.extend_from_slice(&key.to_le_bytes());
        self.index.extend_from_slice(&self.written.to_le_bytes());
        self.index.extend_from_slice(&length.to_le_bytes());
        self.write(record);
    }

    /// The writer, once every record and the index are written.
    pub fn finish(mut self) -> io::Result<W> {
        let index = std::mem::take(&mut self.index);
        let count = (index.len() / ENTRY) as u64;
        self.write(&index);
        self.write(&count.to_le_bytes());
        self.write(FOOTER);
        self.error.map_or(Ok(self.out), Err)
    }
}

/// A kept store across one build: the previous build's records, read as
/// asked for, and this build's, written from any thread.
pub struct Store<'a> {
    /// The previous build's records, shared with what reads them after the
    /// store is finished (a page's kept body, read when it is rendered).
    pub previous: Arc<Previous>,
    sink: &'a dyn Sink,
    path: String,
    header: &'static [u8; 16],
    /// The hash of what the whole store is made from, for the output's
    /// manifest (0 for none).
    inputs: u128,
    out: Mutex<Output<'a>>,
}

/// What a build has written of a store.
struct Output<'a> {
    /// Whether the records go as changes over the previous base.
    layered: bool,
    /// The file, once the first record is written.
    keeper: Option<io::Result<Keeper<Box<dyn Written + 'a>>>>,
    /// The bytes of the base's records this build read and so did not write.
    base_in_use: u64,
}

impl<'a> Output<'a> {
    /// Writes a record, the file opened with the first: the base at `path`,
    /// or its changes.
    fn write(&mut self, sink: &'a dyn Sink, (path, header, inputs): (&str, &[u8; 16], u128), key: u128, bytes: &[u8]) {
        if self.keeper.is_none() {
            let target = match self.layered {
                true => changes_path(path),
                false => path.to_owned(),
            };
            self.keeper = Some(sink.open(&target, inputs).map(|file| Keeper::new(file, header)));
        }
        if let Some(Ok(keeper)) = self.keeper.as_mut() {
            keeper.keep(key, bytes);
        }
    }
}

impl<'a> Store<'a> {
    /// Reads the previous build's store at `path` in `sink`, for this build's,
    /// in the format `header` names.
    pub fn open(sink: &'a dyn Sink, path: &str, header: &'static [u8; 16]) -> Store<'a> {
        Store::open_for(sink, path, header, 0)
    }

    /// [`Store::open`], for a store made from `inputs` as a whole.
    pub fn open_for(sink: &'a dyn Sink, path: &str, header: &'static [u8; 16], inputs: u128) -> Store<'a> {
        let changes = changes_path(path);
        let previous = Previous::open_layers(sink.recall(path).as_deref(), sink.recall(&changes).as_deref(), header);
        let layered = previous.worth_layering();
        Store {
            previous: Arc::new(previous),
            sink,
            path: path.to_owned(),
            header,
            inputs,
            out: Mutex::new(Output {
                layered,
                keeper: None,
                base_in_use: 0,
            }),
        }
    }

    /// Writes a new base rather than changes: for a build whose records
    /// differ from the previous build's under the same keys. To be called
    /// before any record is kept.
    pub fn rewrite_all(&self) {
        self.output().layered = false;
    }

    fn output(&self) -> std::sync::MutexGuard<'_, Output<'a>> {
        self.out.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Adds the records, each a key and its bytes, in the order given. A
    /// record the base holds is the same (its key is the hash of what it is
    /// made from) and is not written again.
    pub fn keep(&self, records: impl IntoIterator<Item = (u128, Vec<u8>)>) {
        let mut out = self.output();
        for (key, bytes) in records {
            if out.layered {
                if let Some(length) = self.previous.in_base(key) {
                    out.base_in_use += u64::from(length);
                    continue;
                }
            }
            self.write(&mut out, key, &bytes);
        }
    }

    /// Keeps the previous build's records of `keys` as they were: carried
    /// with the base when this build writes changes over it, else read
    /// back and written again.
    pub fn keep_as_read(&self, keys: impl IntoIterator<Item = u128>) {
        let mut out = self.output();
        for key in keys {
            if out.layered {
                if let Some(length) = self.previous.in_base(key) {
                    out.base_in_use += u64::from(length);
                    continue;
                }
            }
            if let Some(bytes) = self.previous.record(key) {
                self.write(&mut out, key, &bytes);
            }
        }
    }

    /// Adds a record whose bytes may differ from the previous build's under
    /// the same key.
    pub fn keep_new(&self, key: u128, bytes: &[u8]) {
        let mut out = self.output();
        self.write(&mut out, key, bytes);
    }

    /// [`Store::keep_new`] for each record, in the order given.
    pub fn keep_new_all(&self, records: impl IntoIterator<Item = (u128, Vec<u8>)>) {
        let mut out = self.output();
        for (key, bytes) in records {
            self.write(&mut out, key, &bytes);
        }
    }

    fn write(&self, out: &mut Output<'a>, key: u128, bytes: &[u8]) {
        out.write(self.sink, (&self.path, self.header, self.inputs), key, bytes);
    }

    /// Completes this build's store; how writing it went. A base that can
    /// no longer be carried over only costs the next build the work its
    /// records saved.
    pub fn finish(self) -> io::Result<()> {
        let mut out = self.out.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner());
        if out.layered {
            let in_use = out.base_in_use.to_le_bytes();
            out.write(self.sink, (&self.path, self.header, self.inputs), BASE_IN_USE, &in_use);
            self.sink.keep_as_was(&self.path);
        }
        match out.keeper {
            Some(keeper) => keeper?.finish()?.finish(),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &[u8; 16] = b"journeybook test";

    #[test]
    fn every_kept_file_is_in_the_folder() {
        for path in [
            crate::site::memo::PATH,
            crate::search::KEPT,
            crate::content::kept_front::PATH,
        ] {
            assert!(path.starts_with(&format!("{FOLDER}/")), "{path}");
        }
    }

    #[test]
    fn records_read_back_by_key() {
        let tmp = tempfile::tempdir().expect("temporary folder");
        let path = tmp.path().join("records");
        let mut bytes = Vec::new();
        let mut keeper = Keeper::new(&mut bytes, HEADER);
        keeper.keep(7, b"seven");
        keeper.keep(9, b"");
        keeper.keep(3, b"three");
        keeper.finish().expect("written");
        std::fs::write(&path, &bytes).expect("write");

        let previous = Previous::open(Some(&path), HEADER);
        assert_eq!(previous.record(3).as_deref(), Some(&b"three"[..]));
        assert_eq!(previous.record(7).as_deref(), Some(&b"seven"[..]));
        assert_eq!(previous.record(9).as_deref(), Some(&b""[..]));
        assert!(previous.record(8).is_none() && !previous.has(8) && previous.has(7));
    }

    /// A file holding the record "seven" under key 7, in a new folder.
    fn one_record_file() -> (tempfile::TempDir, std::path::PathBuf, Vec<u8>) {
        let tmp = tempfile::tempdir().expect("temporary folder");
        let path = tmp.path().join("records");
        let mut bytes = Vec::new();
        let mut keeper = Keeper::new(&mut bytes, HEADER);
        keeper.keep(7, b"seven");
        keeper.finish().expect("written");
        std::fs::write(&path, &bytes).expect("write");
        (tmp, path, bytes)
    }

    #[test]
    fn a_file_of_another_format_or_cut_short_gives_nothing() {
        let (_tmp, path, bytes) = one_record_file();
        assert!(!Previous::open(Some(&path), b"journeybook othr").has(7));
        std::fs::write(&path, &bytes[..bytes.len() - 1]).expect("write");
        assert!(!Previous::open(Some(&path), HEADER).has(7));
        assert!(!Previous::open(None, HEADER).has(7));
    }

    #[test]
    fn an_index_pointing_past_the_records_gives_nothing() {
        let (_tmp, path, mut bytes) = one_record_file();
        assert_eq!(
            Previous::open(Some(&path), HEADER).record(7).as_deref(),
            Some(&b"seven"[..])
        );
        // The one entry's length, made longer than the records are.
        let length_at = bytes.len() - TAIL - 4;
        bytes[length_at..length_at + 4].copy_from_slice(&600u32.to_le_bytes());
        std::fs::write(&path, &bytes).expect("write");
        assert!(!Previous::open(Some(&path), HEADER).has(7));
        // A file with no records reads as none, not as a broken file.
        let mut empty = Vec::new();
        Keeper::new(&mut empty, HEADER).finish().expect("written");
        std::fs::write(&path, &empty).expect("write");
        assert_eq!(empty.len(), 16 + TAIL);
        assert_eq!(Previous::open(Some(&path), HEADER).files.len(), 1);
    }
}
