//! Each page's counted documents, kept with the site (see [`crate::kept`])
//! so that the next build counts only the pages that changed. A page's
//! record is found by the hash of the values its page was rendered from:
//! the same values make the same documents.

use super::documents::DocKind;
use crate::content::model::{JourneyState, Level};
use serde::{Deserialize, Serialize};

/// Where the file is in the output folder.
pub(crate) const PATH: &str = ".journeybook-cache/search-counts";

/// The format's name and version: a file of another version is not read.
pub(crate) const HEADER: &[u8; 16] = b"journeybook sc 1";

/// One document as kept: what its result shows and its distinct terms with
/// their weighted counts. Its journey is the page's own, so it is not kept.
#[derive(Serialize, Deserialize)]
pub(super) struct KeptDoc<'a> {
    pub kind: DocKind,
    pub level: Option<Level>,
    pub state: Option<JourneyState>,
    pub display: &'a str,
    pub length: u32,
    #[serde(borrow)]
    pub terms: Vec<(&'a str, u32)>,
}

/// A page's documents as one record.
pub(super) fn encode(docs: &[KeptDoc<'_>]) -> Option<Vec<u8>> {
    postcard::to_stdvec(docs).ok()
}

/// A page's documents from its record; none when it cannot be read.
pub(super) fn decode(record: &[u8]) -> Option<Vec<KeptDoc<'_>>> {
    postcard::from_bytes(record).ok()
}
