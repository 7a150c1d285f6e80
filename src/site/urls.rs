//! Where each page lands in the output. Every URL is relative to the site
//! root and ends in `.html`, so the site works from any sub-path and file://.

use crate::content::{Document, Kind};

pub const HOME: &str = "index.html";
pub const PERSONAS: &str = "personas/index.html";
pub const JOURNEYS: &str = "journeys/index.html";
pub const TOUCHPOINTS: &str = "touchpoints/index.html";
pub const INSIGHTS: &str = "insights/index.html";
pub const PAIN_POINTS: &str = "insights/pain-points.html";
pub const OPPORTUNITIES: &str = "insights/opportunities.html";
pub const MATRIX: &str = "insights/touchpoint-matrix.html";
pub const STALE: &str = "insights/stale-maps.html";
pub const NOT_FOUND: &str = "404.html";

/// Pages journeybook writes itself; content may not take their place.
pub const GENERATED: [&str; 10] = [
    HOME,
    PERSONAS,
    JOURNEYS,
    TOUCHPOINTS,
    INSIGHTS,
    PAIN_POINTS,
    OPPORTUNITIES,
    MATRIX,
    STALE,
    NOT_FOUND,
];

pub fn page_url(doc: &Document) -> String {
    match doc.kind.folder() {
        Some(folder) => format!("{folder}/{}.html", doc.id),
        None => format!("{}.html", doc.source.content_path.trim_end_matches(".md")),
    }
}

pub fn kind_index(kind: Kind) -> Option<&'static str> {
    match kind {
        Kind::Persona => Some(PERSONAS),
        Kind::Journey => Some(JOURNEYS),
        Kind::Touchpoint => Some(TOUCHPOINTS),
        Kind::Page => None,
    }
}

/// From a page at `url` back to the site root: `""`, `"../"`, `"../../"`.
pub fn root_of(url: &str) -> String {
    "../".repeat(url.matches('/').count())
}

pub fn stage_anchor(stage_id: &str) -> String {
    format!("stage-{stage_id}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_climbs_one_level_per_folder() {
        assert_eq!(root_of("index.html"), "");
        assert_eq!(root_of("journeys/a.html"), "../");
        assert_eq!(root_of("guides/deep/a.html"), "../../");
    }
}
