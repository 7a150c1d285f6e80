//! Reading back the previous build's files of records: each file's index
//! first, from its end, then each record (or part of one) when asked for.

use super::{BASE_IN_USE, ENTRY, FOOTER, TAIL};
use rustc_hash::FxHashMap;
use std::fs::File;
use std::io;
use std::path::Path;
#[cfg(not(unix))]
use std::sync::Mutex;

/// The previous build's records.
#[derive(Default)]
pub struct Previous {
    /// The base, then the changes, when there are such files.
    pub(super) files: Vec<RecordFile>,
    /// Each key to the file its record is in, where it starts and how long it is.
    at: FxHashMap<u128, (usize, u64, u32)>,
    /// The base's size in bytes, 0 without one.
    base_size: u64,
}

/// A file's index: each record's key, start and length.
type Index = Vec<(u128, u64, u32)>;

impl Previous {
    /// The records of the file at `path` in the format `header` names;
    /// none when there is no such file or it cannot be read whole.
    pub fn open(path: Option<&Path>, header: &[u8; 16]) -> Previous {
        Previous::open_layers(path, None, header)
    }

    /// The records of a base and of its changes, which win; a file that
    /// cannot be read whole gives none.
    pub fn open_layers(base: Option<&Path>, changes: Option<&Path>, header: &[u8; 16]) -> Previous {
        let mut previous = Previous::default();
        for (layer, path) in [base, changes].into_iter().enumerate() {
            let Some((file, index)) = path.and_then(|path| read_index(path, header).ok()) else {
                // Changes without their base would be read as the whole store.
                if layer == 0 {
                    return previous;
                }
                continue;
            };
            if layer == 0 {
                previous.base_size = file.size().unwrap_or(0);
            }
            let at = previous.files.len();
            previous.files.push(file);
            previous.at.reserve(index.len());
            for (key, start, length) in index {
                previous.at.insert(key, (at, start, length));
            }
        }
        previous
    }

    /// Whether there is a record of `key`.
    pub fn has(&self, key: u128) -> bool {
        key != 0 && self.at.contains_key(&key)
    }

    /// The length of the record of `key` when the base holds the one read.
    pub(super) fn in_base(&self, key: u128) -> Option<u32> {
        match self.at.get(&key) {
            Some(&(0, _, length)) if key != 0 => Some(length),
            _ => None,
        }
    }

    /// The record of `key`, as the previous build wrote it.
    pub fn record(&self, key: u128) -> Option<Vec<u8>> {
        let &(file, offset, length) = self.at.get(&key).filter(|_| key != 0)?;
        let mut record = vec![0; length as usize];
        self.files.get(file)?.read_at(offset, &mut record).ok()?;
        Some(record)
    }

    /// Part of the record of `key`: `length` bytes from `start`, fewer
    /// where the record ends first.
    pub fn record_part(&self, key: u128, start: u32, length: u32) -> Option<Vec<u8>> {
        let &(file, offset, whole) = self.at.get(&key).filter(|_| key != 0)?;
        let start = start.min(whole);
        let mut part = vec![0; length.min(whole - start) as usize];
        self.files
            .get(file)?
            .read_at(offset + u64::from(start), &mut part)
            .ok()?;
        Some(part)
    }

    /// Whether a build should write its records as changes over this base:
    /// there is a base, and what of it is no longer read plus the changes
    /// come to at most a quarter of it.
    pub(super) fn worth_layering(&self) -> bool {
        if self.base_size == 0 {
            return false;
        }
        // Without changes the base was just written: every record of it is read.
        let (in_use, changes) = match self.files.get(1) {
            Some(changes) => {
                let in_use = self
                    .record(BASE_IN_USE)
                    .and_then(|bytes| Some(u64::from_le_bytes(bytes.try_into().ok()?)));
                (in_use.unwrap_or(0), changes.size().unwrap_or(u64::MAX / 2))
            }
            None => (self.base_size, 0),
        };
        self.base_size.saturating_sub(in_use).saturating_add(changes) <= self.base_size / 4
    }
}

/// The index of the file at `path`, checked against `header` and the footer.
fn read_index(path: &Path, header: &[u8; 16]) -> io::Result<(RecordFile, Index)> {
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
    let mut bytes = vec![0u8; (tail_at - index_at) as usize];
    file.read_at(index_at, &mut bytes)?;
    let mut index = Vec::with_capacity(count as usize);
    for entry in bytes.chunks_exact(ENTRY) {
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
        index.push((key, start, length));
    }
    Ok((file, index))
}

/// The previous build's file, read at any offset from any thread.
#[cfg(unix)]
pub(super) struct RecordFile(File);

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
pub(super) struct RecordFile(Mutex<File>);

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
