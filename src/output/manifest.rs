//! The manifest kept with the site: for every file of the last build, the
//! hash of its contents and of the inputs it was made from, and its size and
//! modification time, so the next build can carry an unchanged file over
//! instead of making it again (README, "Rebuilds").

use std::collections::HashMap;
use std::fs;
use std::path::Path;
use std::time::UNIX_EPOCH;

/// The manifest's file name in the output folder.
pub const MANIFEST: &str = ".journeybook-manifest";

const HEADER: &str = "journeybook manifest 1";

/// What the manifest records of one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Entry {
    /// The hash of the file's bytes.
    pub(super) contents: u128,
    /// The hash of what the file was made from; 0 when not known.
    pub(super) inputs: u128,
    /// The file's size and modification time when written, so a file
    /// changed since by hand is never carried over.
    pub(super) stamp: Stamp,
}

/// A file's size and modification time (nanoseconds since 1970).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stamp {
    /// Bytes.
    pub size: u64,
    /// Nanoseconds since 1970; 0 where the system does not tell.
    pub modified: u128,
}

impl Stamp {
    /// The stamp of a file as the system reports it.
    pub fn of(metadata: &fs::Metadata) -> Stamp {
        let modified = metadata
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        Stamp {
            size: metadata.len(),
            modified,
        }
    }
}

/// The files of the previous build, by path relative to the output folder.
#[derive(Debug, Default)]
pub(super) struct Manifest {
    /// Each file's entry.
    pub(super) entries: HashMap<String, Entry>,
}

impl Manifest {
    /// Reads the manifest of the site in `dir`, if it was made with the
    /// same build key (the same journeybook, theme and settings); otherwise
    /// nothing can be carried over and the manifest is empty.
    pub(super) fn read(dir: &Path, key: u128) -> Manifest {
        let Ok(text) = fs::read_to_string(dir.join(MANIFEST)) else {
            return Manifest::default();
        };
        let mut lines = text.lines();
        if lines.next() != Some(HEADER) || lines.next() != Some(format!("key {key:032x}").as_str()) {
            return Manifest::default();
        }
        let entries = lines.filter_map(parse_line).collect();
        Manifest { entries }
    }

    /// The manifest's text for `entries`, sorted by path.
    pub(super) fn text(key: u128, entries: &mut [(String, Entry)]) -> String {
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut out = format!("{HEADER}\nkey {key:032x}\n");
        for (path, e) in entries.iter() {
            // A path the line format cannot hold is simply never carried over.
            if path.contains('\n') {
                continue;
            }
            out.push_str(&format!(
                "{:032x} {:032x} {} {} {path}\n",
                e.contents, e.inputs, e.stamp.size, e.stamp.modified
            ));
        }
        out
    }
}

fn parse_line(line: &str) -> Option<(String, Entry)> {
    let mut parts = line.splitn(5, ' ');
    let contents = u128::from_str_radix(parts.next()?, 16).ok()?;
    let inputs = u128::from_str_radix(parts.next()?, 16).ok()?;
    let size = parts.next()?.parse().ok()?;
    let modified = parts.next()?.parse().ok()?;
    let path = parts.next()?.to_owned();
    let entry = Entry {
        contents,
        inputs,
        stamp: Stamp { size, modified },
    };
    Some((path, entry))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manifest_reads_back_only_under_its_own_key() {
        let tmp = tempfile::tempdir().expect("temporary folder");
        let entry = Entry {
            contents: 0xabc,
            inputs: 7,
            stamp: Stamp {
                size: 12,
                modified: 1_700_000_000_123_456_789,
            },
        };
        let mut entries = vec![
            ("guides/a page.html".to_owned(), entry),
            ("index.html".to_owned(), Entry { inputs: 0, ..entry }),
        ];
        fs::write(tmp.path().join(MANIFEST), Manifest::text(42, &mut entries)).expect("write");

        let read = Manifest::read(tmp.path(), 42);
        assert_eq!(read.entries.len(), 2);
        assert_eq!(read.entries["guides/a page.html"], entry);
        assert!(Manifest::read(tmp.path(), 43).entries.is_empty());
    }

    #[test]
    fn a_damaged_manifest_carries_nothing_over() {
        let tmp = tempfile::tempdir().expect("temporary folder");
        fs::write(tmp.path().join(MANIFEST), "journeybook manifest 1\nkey zz\n").expect("write");
        assert!(Manifest::read(tmp.path(), 0).entries.is_empty());
        fs::write(
            tmp.path().join(MANIFEST),
            format!("{HEADER}\nkey {:032x}\nnot a line\n", 5u128),
        )
        .expect("write");
        assert!(Manifest::read(tmp.path(), 5).entries.is_empty());
    }
}
