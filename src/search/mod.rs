//! Offline search: the site's documents, split into terms, written at build
//! time as an index of classic scripts under `search/`, which the page loads
//! only when the reader opens search. The format is in docs/search-index.md.

mod count;
mod documents;
mod encode;
mod html;
mod index;
mod kept;
mod terms;

use crate::config::SearchConfig;
use crate::output::Sink;
use crate::site::{PageInfo, Site};

/// Whether a content path matches an `exclude` pattern of book.toml: a
/// folder (`guides/internal`) excludes everything in it; `*` stands for any
/// characters but `/`, `**` for any characters.
fn matches(pattern: &str, path: &str) -> bool {
    let pattern = pattern.trim_matches('/');
    if !pattern.contains('*') {
        return path == pattern
            || path.strip_suffix(".md") == Some(pattern)
            || path.strip_prefix(pattern).is_some_and(|rest| rest.starts_with('/'));
    }
    glob(pattern.as_bytes(), path.as_bytes())
}

fn glob(pattern: &[u8], text: &[u8]) -> bool {
    match pattern {
        [] => text.is_empty(),
        [b'*', b'*', rest @ ..] => (0..=text.len()).any(|i| glob(rest, &text[i..])),
        [b'*', rest @ ..] => (0..=text.len())
            .take_while(|&i| i == 0 || text[i - 1] != b'/')
            .any(|i| glob(rest, &text[i..])),
        [c, rest @ ..] => text.first() == Some(c) && glob(rest, &text[1..]),
    }
}

/// The folder of the site the index's files are in.
pub const FOLDER: &str = index::FOLDER;

/// Where the index's files go: called with each file's path in the site and
/// contents, from any thread, in no set order.
pub type Put<'a> = &'a (dyn Fn(&str, &[u8]) + Sync);

/// Writes the index's files through `put`; nothing when search is off.
/// Fails only when a page's body, kept by the previous build, can no longer be read.
pub fn write(site: &Site, config: &SearchConfig, put: Put<'_>) -> std::io::Result<()> {
    match config.enable {
        true => index::build(site, &units(site, config), None, put),
        false => Ok(()),
    }
}

/// What a build that keeps a record for the next tells the index.
pub struct Remember<'a> {
    /// Where the site goes, with the previous build's files.
    pub sink: &'a dyn Sink,
    /// The hash of the values each page (by its address) is rendered from.
    pub page_inputs: &'a dyn Fn(&str) -> u128,
    /// The hash of everything the index is made from.
    pub inputs: u128,
}

/// Writes the index as [`write`] does, and keeps each page's counted
/// documents with the site under the page's inputs: the next build reads
/// back the pages whose inputs are unchanged rather than count them again,
/// with the same result. Returns how writing that record went.
pub fn write_remembering(
    site: &Site,
    config: &SearchConfig,
    remember: &Remember<'_>,
    put: Put<'_>,
) -> std::io::Result<()> {
    if !config.enable {
        return Ok(());
    }
    let units = units(site, config);
    let keys = units.iter().map(|unit| (remember.page_inputs)(unit.url())).collect();
    let store = crate::kept::Store::open_for(remember.sink, kept::PATH, kept::HEADER, remember.inputs);
    let mut memo = count::Memo { keys, store: &store };
    index::build(site, &units, Some(&mut memo), put)?;
    store.finish()
}

/// Carries the previous build's counted documents over, for an index made
/// from the same inputs; returns the paths carried.
pub fn keep_counts(sink: &dyn crate::output::Sink) -> Vec<String> {
    [kept::PATH.to_owned(), crate::kept::changes_path(kept::PATH)]
        .into_iter()
        .filter(|path| sink.keep_as_was(path))
        .collect()
}

/// The pages of the site the index covers.
fn units<'a>(site: &'a Site, config: &SearchConfig) -> Vec<documents::Unit<'a>> {
    let searchable = |info: &PageInfo| info.search && !config.exclude.iter().any(|p| matches(p, &info.source));
    documents::units(site, &searchable)
}

/// Where each page's counted documents are kept with the site.
pub const KEPT: &str = kept::PATH;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exclude_patterns_name_files_folders_and_globs() {
        assert!(matches("guides/internal", "guides/internal/a.md"));
        assert!(matches("guides/internal/", "guides/internal/deep/a.md"));
        assert!(!matches("guides/internal", "guides/internal-notes.md"));
        assert!(matches("guides/a.md", "guides/a.md"));
        assert!(matches("guides/a", "guides/a.md"));
        assert!(matches("journeys/*-draft.md", "journeys/buying-draft.md"));
        assert!(!matches("journeys/*.md", "journeys/deep/x.md"));
        assert!(matches("**/secret.md", "a/b/secret.md"));
    }
}
