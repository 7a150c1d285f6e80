//! The manifest kept with the site: for every file of the last build, the
//! hash of its contents and of the inputs it was made from, and its size and
//! modification time, so the next build can carry an unchanged file over
//! instead of making it again (README, "Rebuilds").

use crate::diagnostics::Diagnostic;
use rayon::prelude::*;
use std::collections::HashMap;
use std::fmt::Write;
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

/// The files of the previous build, by path relative to the output folder,
/// and what it recorded of itself.
#[derive(Debug, Default)]
pub(super) struct Manifest {
    /// Each file's entry.
    pub(super) entries: HashMap<String, Entry>,
    /// The build's inputs, pages and warnings.
    pub(super) record: Record,
}

/// What a build records of itself, so that a build of the very same inputs
/// over its site can stop at once and say what it said.
#[derive(Debug, Default, Clone)]
pub struct Record {
    /// The hash of every input: the build's key, the date, the options, and
    /// every file of the content folder. 0 when not known.
    pub inputs: u128,
    /// How many HTML pages the site has.
    pub pages: usize,
    /// The warnings the build reported.
    pub warnings: Vec<Diagnostic>,
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
        let mut record = Record::default();
        let mut entries = HashMap::new();
        for line in lines {
            if let Some(hex) = line.strip_prefix("inputs ") {
                record.inputs = u128::from_str_radix(hex, 16).unwrap_or(0);
            } else if let Some(count) = line.strip_prefix("pages ") {
                record.pages = count.parse().unwrap_or(0);
            } else if let Some(json) = line.strip_prefix("warning ") {
                match serde_json::from_str(json) {
                    Ok(warning) => record.warnings.push(warning),
                    // A warning that cannot be read back: never replay a partial list.
                    Err(_) => record.inputs = 0,
                }
            } else if let Some((path, entry)) = parse_line(line) {
                entries.insert(path, entry);
            }
        }
        Manifest { entries, record }
    }

    /// The manifest's text for `entries`, sorted by path.
    pub(super) fn text(key: u128, record: &Record, entries: &mut [(String, Entry)]) -> String {
        // Stable: of a path made twice (carried over, then made again), the last entry counts.
        entries.par_sort_by(|a, b| a.0.cmp(&b.0));
        let mut out = format!(
            "{HEADER}\nkey {key:032x}\ninputs {:032x}\npages {}\n",
            record.inputs, record.pages
        );
        for warning in &record.warnings {
            if let Ok(json) = serde_json::to_string(warning) {
                out.push_str(&format!("warning {json}\n"));
            }
        }
        for (i, (path, e)) in entries.iter().enumerate() {
            // A path the line format cannot hold is simply never carried over.
            let superseded = entries.get(i + 1).is_some_and(|next| next.0 == *path);
            if path.contains('\n') || superseded {
                continue;
            }
            // Written in place: a String's `write!` cannot fail.
            let _ = writeln!(
                out,
                "{:032x} {:032x} {} {} {path}",
                e.contents, e.inputs, e.stamp.size, e.stamp.modified
            );
        }
        out
    }
}

/// The record of the site in `dest` when it was built with `key` from
/// `inputs` and every file is still as that build left it, with nothing
/// added: the site is then what a build would make, to the byte.
pub fn unchanged_site(dest: &Path, key: u128, inputs: u128) -> Option<Record> {
    unchanged(dest, &Manifest::read(dest, key), inputs)
}

/// [`unchanged_site`], given the site's manifest already read.
pub(super) fn unchanged(dest: &Path, manifest: &Manifest, inputs: u128) -> Option<Record> {
    if inputs == 0 || manifest.record.inputs != inputs {
        return None;
    }
    let intact = manifest.entries.iter().all(|(path, entry)| {
        fs::symlink_metadata(dest.join(path)).is_ok_and(|m| m.is_file() && Stamp::of(&m) == entry.stamp)
    });
    // The manifest and the marker are the only files it does not list.
    let files = walkdir::WalkDir::new(dest)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .count();
    let marked = dest.join(super::MARKER).is_file();
    (intact && marked && files == manifest.entries.len() + 2).then(|| manifest.record.clone())
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
        let record = Record {
            inputs: 9,
            pages: 2,
            warnings: vec![Diagnostic::warning("map `a` is stale").with_help("review it")],
        };
        fs::write(tmp.path().join(MANIFEST), Manifest::text(42, &record, &mut entries)).expect("write");

        let read = Manifest::read(tmp.path(), 42);
        assert_eq!(read.entries.len(), 2);
        assert_eq!(read.entries["guides/a page.html"], entry);
        assert_eq!((read.record.inputs, read.record.pages), (9, 2));
        assert_eq!(read.record.warnings, record.warnings);
        assert!(Manifest::read(tmp.path(), 43).entries.is_empty());
    }

    #[test]
    fn of_a_path_made_twice_the_last_entry_counts() {
        let tmp = tempfile::tempdir().expect("temporary folder");
        let first = Entry {
            contents: 1,
            inputs: 1,
            stamp: Stamp::default(),
        };
        let second = Entry { contents: 2, ..first };
        let mut entries = vec![
            ("search/a.js".to_owned(), first),
            ("index.html".to_owned(), first),
            ("search/a.js".to_owned(), second),
        ];
        let text = Manifest::text(1, &Record::default(), &mut entries);
        fs::write(tmp.path().join(MANIFEST), text).expect("write");
        let read = Manifest::read(tmp.path(), 1);
        assert_eq!(read.entries.len(), 2);
        assert_eq!(read.entries["search/a.js"], second);
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
