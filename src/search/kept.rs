//! Each page's counted documents, kept with the site (see [`crate::kept`])
//! so that the next build counts only the pages that changed. A page's
//! record is found by the hash of the values its page was rendered from:
//! the same values make the same documents. Terms are kept as numbers into
//! the file's dictionary: a clean build numbers them in the order it meets
//! them, a rebuild keeps the numbers the records have (see `count`).

use super::documents::DocKind;
use crate::content::model::{JourneyState, Level};
use serde::{Deserialize, Serialize};

/// Where the file is in the output folder.
pub(crate) const PATH: &str = ".journeybook-cache/search-counts";

/// The format's name and version: a file of another version is not read.
pub(crate) const HEADER: &[u8; 16] = b"journeybook sc 3";

/// The dictionary's key: page keys are content hashes, never this.
pub(super) const DICTIONARY: u128 = u128::MAX;

/// One document as kept: what its result shows and its distinct terms, by
/// number in the dictionary, with their weighted counts. Its journey is
/// the page's own, so it is not kept.
#[derive(Serialize, Deserialize)]
pub(super) struct KeptDoc<'a> {
    pub kind: DocKind,
    pub level: Option<Level>,
    pub state: Option<JourneyState>,
    pub display: &'a str,
    pub length: u32,
    pub terms: Vec<(u32, u32)>,
}

/// Every term the records number, in the order of their numbers, and how
/// many of them some document uses.
#[derive(Serialize, Deserialize)]
pub(super) struct KeptDictionary<'a> {
    #[serde(borrow)]
    pub words: Vec<&'a str>,
    pub used: u32,
}

/// A page's documents, or the dictionary, as one record.
pub(super) fn encode<T: Serialize + ?Sized>(value: &T) -> Option<Vec<u8>> {
    postcard::to_stdvec(value).ok()
}

/// A page's documents, or the dictionary, from its record; none when it cannot be read.
pub(super) fn decode<'a, T: Deserialize<'a>>(record: &'a [u8]) -> Option<T> {
    postcard::from_bytes(record).ok()
}
