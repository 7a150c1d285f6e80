//! Records a build keeps with its site so that the next build can skip
//! work whose inputs have not changed (README, "Rebuilds"): files of
//! records, each found by its key, the hash of what it was made from.
//!
//! A file is a 16-byte header naming its format, then for each record its
//! key (16 bytes), its length (4 bytes) and its bytes. The previous
//! build's file is read a record at a time, as the build asks for them.

use crate::output::{Sink, Written};
use rustc_hash::FxHashMap;
use std::fs::File;
use std::io::{self, BufReader, Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::sync::Mutex;

/// The folder of the output folder the files are in; nothing in it is
/// part of the site, and deleting it only makes the next build slower.
pub const FOLDER: &str = ".journeybook-cache";

/// A record's key and length, before its bytes.
const HEAD: usize = 20;

/// The previous build's records.
#[derive(Default)]
pub struct Previous {
    file: Option<Mutex<File>>,
    /// Each key to where its record starts and how long it is.
    at: FxHashMap<u128, (u64, u32)>,
}

impl Previous {
    /// The records of the file at `path` in the format `header` names;
    /// none when there is no such file or it cannot be read whole.
    pub fn open(path: Option<&Path>, header: &[u8; 16]) -> Previous {
        path.and_then(|path| Previous::read_index(path, header).ok())
            .unwrap_or_default()
    }

    fn read_index(path: &Path, header: &[u8; 16]) -> io::Result<Previous> {
        let file = File::open(path)?;
        let size = file.metadata()?.len();
        let mut reader = BufReader::with_capacity(64 * 1024, file);
        let mut found = [0u8; 16];
        reader.read_exact(&mut found)?;
        if &found != header {
            return Err(io::Error::other("another format"));
        }
        let mut at = FxHashMap::default();
        let mut offset = header.len() as u64;
        while offset < size {
            let mut head = [0u8; HEAD];
            reader.read_exact(&mut head)?;
            let (key, length) = head.split_at(16);
            let key = u128::from_le_bytes(key.try_into().map_err(io::Error::other)?);
            let length = u32::from_le_bytes(length.try_into().map_err(io::Error::other)?);
            offset += HEAD as u64;
            if offset + u64::from(length) > size {
                return Err(io::Error::other("cut short"));
            }
            at.insert(key, (offset, length));
            reader.seek_relative(i64::from(length))?;
            offset += u64::from(length);
        }
        Ok(Previous {
            file: Some(Mutex::new(reader.into_inner())),
            at,
        })
    }

    /// Whether there is a record of `key`.
    pub fn has(&self, key: u128) -> bool {
        key != 0 && self.at.contains_key(&key)
    }

    /// The record of `key`, as the previous build wrote it.
    pub fn record(&self, key: u128) -> Option<Vec<u8>> {
        let &(offset, length) = self.at.get(&key).filter(|_| key != 0)?;
        let mut file = self
            .file
            .as_ref()?
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let mut record = vec![0; length as usize];
        file.seek(SeekFrom::Start(offset)).ok()?;
        file.read_exact(&mut record).ok()?;
        Some(record)
    }
}

/// Writes a file of records, one after the other.
pub struct Keeper<W> {
    out: W,
    /// The first write error: the file is then incomplete, and the build
    /// says so rather than keep half a file.
    error: Option<io::Error>,
}

impl<W: Write> Keeper<W> {
    /// Starts a file in the format `header` names.
    pub fn new(out: W, header: &[u8; 16]) -> Keeper<W> {
        let mut keeper = Keeper { out, error: None };
        keeper.write(header);
        keeper
    }

    fn write(&mut self, bytes: &[u8]) {
        if self.error.is_none() {
            if let Err(e) = self.out.write_all(bytes) {
                self.error = Some(e);
            }
        }
    }

    /// Adds the record of `key`; a record too long for the format is left out.
    pub fn keep(&mut self, key: u128, record: &[u8]) {
        let Ok(length) = u32::try_from(record.len()) else {
            return;
        };
        self.write(&key.to_le_bytes());
        self.write(&length.to_le_bytes());
        self.write(record);
    }

    /// The writer, once every record is written.
    pub fn finish(self) -> io::Result<W> {
        self.error.map_or(Ok(self.out), Err)
    }
}

/// A kept file across one build: the previous build's records, read as
/// asked for, and this build's file, written from any thread.
pub struct Store<'a> {
    /// The previous build's records.
    pub previous: Previous,
    out: Mutex<io::Result<Keeper<Box<dyn Written + 'a>>>>,
}

impl<'a> Store<'a> {
    /// Reads the previous build's file at `path` in `sink` and starts this
    /// build's file there, in the format `header` names.
    pub fn open(sink: &'a dyn Sink, path: &str, header: &[u8; 16]) -> Store<'a> {
        Store {
            previous: Previous::open(sink.recall(path).as_deref(), header),
            out: Mutex::new(sink.open(path, 0).map(|file| Keeper::new(file, header))),
        }
    }

    /// Adds the records, each a key and its bytes, in the order given.
    pub fn keep(&self, records: impl IntoIterator<Item = (u128, Vec<u8>)>) {
        let mut out = self.out.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Ok(keeper) = out.as_mut() {
            for (key, bytes) in records {
                keeper.keep(key, &bytes);
            }
        }
    }

    /// Completes this build's file; how writing it went.
    pub fn finish(self) -> io::Result<()> {
        let out = self.out.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner());
        out?.finish()?.finish()
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

    #[test]
    fn a_file_of_another_format_or_cut_short_gives_nothing() {
        let tmp = tempfile::tempdir().expect("temporary folder");
        let path = tmp.path().join("records");
        let mut bytes = Vec::new();
        let mut keeper = Keeper::new(&mut bytes, HEADER);
        keeper.keep(7, b"seven");
        keeper.finish().expect("written");
        std::fs::write(&path, &bytes).expect("write");
        assert!(!Previous::open(Some(&path), b"journeybook othr").has(7));
        std::fs::write(&path, &bytes[..bytes.len() - 1]).expect("write");
        assert!(!Previous::open(Some(&path), HEADER).has(7));
        assert!(!Previous::open(None, HEADER).has(7));
    }
}
