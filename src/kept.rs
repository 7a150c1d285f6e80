//! Records a build keeps with its site so that the next build can skip
//! work whose inputs have not changed (README, "Rebuilds"): files of
//! records, each found by its key, the hash of what it was made from.
//!
//! A file is a 16-byte header naming its format, the records' bytes one
//! after the other, then their index: for each record its key (16 bytes),
//! where it starts (8) and its length (4); then the number of records (8)
//! and a 16-byte footer. The next build reads the index alone, from the
//! end, and each record only when it asks for it.

use crate::output::{Sink, Written};
use rustc_hash::FxHashMap;
use std::fs::File;
use std::io::{self, Write};
use std::path::Path;
use std::sync::Mutex;

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

/// The previous build's records.
#[derive(Default)]
pub struct Previous {
    file: Option<RecordFile>,
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
        let file = RecordFile::new(File::open(path)?);
        let size = file.size()?;
        let cut = || io::Error::other("cut short");
        let tail_at = size.checked_sub((header.len() + TAIL) as u64).ok_or_else(cut)? + header.len() as u64;
        let mut found = [0u8; 16];
        file.read_at(0, &mut found)?;
        let mut tail = [0u8; TAIL];
        file.read_at(tail_at, &mut tail)?;
        let (count, footer) = tail.split_at(8);
        if &found != header || footer != FOOTER {
            return Err(io::Error::other("another format"));
        }
        let count = u64::from_le_bytes(count.try_into().map_err(io::Error::other)?);
        let index_at = count
            .checked_mul(ENTRY as u64)
            .and_then(|length| tail_at.checked_sub(length))
            .filter(|&at| at >= header.len() as u64)
            .ok_or_else(cut)?;
        let mut index = vec![0u8; (tail_at - index_at) as usize];
        file.read_at(index_at, &mut index)?;
        let mut at = FxHashMap::with_capacity_and_hasher(count as usize, Default::default());
        for entry in index.chunks_exact(ENTRY) {
            let (key, place) = entry.split_at(16);
            let (start, length) = place.split_at(8);
            let key = u128::from_le_bytes(key.try_into().map_err(io::Error::other)?);
            let start = u64::from_le_bytes(start.try_into().map_err(io::Error::other)?);
            let length = u32::from_le_bytes(length.try_into().map_err(io::Error::other)?);
            let inside =
                start >= header.len() as u64 && start.checked_add(u64::from(length)).is_some_and(|end| end <= index_at);
            if !inside {
                return Err(cut());
            }
            at.insert(key, (start, length));
        }
        Ok(Previous { file: Some(file), at })
    }

    /// Whether there is a record of `key`.
    pub fn has(&self, key: u128) -> bool {
        key != 0 && self.at.contains_key(&key)
    }

    /// The record of `key`, as the previous build wrote it.
    pub fn record(&self, key: u128) -> Option<Vec<u8>> {
        let &(offset, length) = self.at.get(&key).filter(|_| key != 0)?;
        let mut record = vec![0; length as usize];
        self.file.as_ref()?.read_at(offset, &mut record).ok()?;
        Some(record)
    }
}

/// The previous build's file, read at any offset from any thread.
#[cfg(unix)]
struct RecordFile(File);

#[cfg(unix)]
impl RecordFile {
    fn new(file: File) -> RecordFile {
        RecordFile(file)
    }

    // A positioned read moves no shared cursor: the threads that read
    // records back need no lock, and each record costs one system call.
    fn read_at(&self, offset: u64, into: &mut [u8]) -> io::Result<()> {
        std::os::unix::fs::FileExt::read_exact_at(&self.0, into, offset)
    }

    fn size(&self) -> io::Result<u64> {
        Ok(self.0.metadata()?.len())
    }
}

#[cfg(not(unix))]
struct RecordFile(Mutex<File>);

#[cfg(not(unix))]
impl RecordFile {
    fn new(file: File) -> RecordFile {
        RecordFile(Mutex::new(file))
    }

    fn read_at(&self, offset: u64, into: &mut [u8]) -> io::Result<()> {
        use std::io::{Read, Seek, SeekFrom};
        let mut file = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        file.seek(SeekFrom::Start(offset))?;
        file.read_exact(into)
    }

    fn size(&self) -> io::Result<u64> {
        let file = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        Ok(file.metadata()?.len())
    }
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
        assert!(Previous::open(Some(&path), HEADER).file.is_some());
    }
}
