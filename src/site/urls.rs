//! Where each page lands in the output. Every URL is relative to the site
//! root and ends in `.html`, so the site works from any sub-path and file://.

use crate::content::{Document, Kind};

/// A page journeybook makes itself rather than from a file of content/.
/// Routing reserves its URL, navigation links to it, rendering picks its
/// template and titles it in the book's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Generated {
    /// `index.html`: the home page, with `content/index.md` when it exists.
    Home,
    /// `journeys/index.html`: the index of journey maps.
    Journeys,
    /// `personas/index.html`: the index of personas.
    Personas,
    /// `touchpoints/index.html`: the index of touchpoints.
    Touchpoints,
    /// `insights/index.html`: the insights overview.
    Insights,
    /// `insights/pain-points.html`: every pain point, grouped by severity.
    PainPoints,
    /// `insights/opportunities.html`: the opportunity backlog, grouped by priority.
    Opportunities,
    /// `insights/touchpoint-matrix.html`: the touchpoint × stage heat map.
    Matrix,
    /// `insights/stale-maps.html`: the maps past their review date.
    Stale,
    /// Extension: `insights/kpis.html`: every KPI of every map, by journey.
    Kpis,
    /// Extension: `insights/landscape.html`: the journeys' hierarchy, with each one's health.
    Landscape,
    /// Extension: `insights/assumptions.html`: every item marked `confidence: assumed`.
    Assumptions,
    /// `404.html`: the page shown for a missing address.
    NotFound,
    /// `search.html`: the results of `search.html?q=…`, for a shared link.
    Search,
}

impl Generated {
    /// Every generated page.
    pub const ALL: [Generated; 14] = [
        Generated::Home,
        Generated::Journeys,
        Generated::Personas,
        Generated::Touchpoints,
        Generated::Insights,
        Generated::PainPoints,
        Generated::Opportunities,
        Generated::Matrix,
        Generated::Stale,
        Generated::Kpis,
        Generated::Landscape,
        Generated::Assumptions,
        Generated::NotFound,
        Generated::Search,
    ];

    /// The roll-ups under Insights, in the order navigation lists them.
    pub const INSIGHTS: [Generated; 7] = [
        Generated::PainPoints,
        Generated::Opportunities,
        Generated::Kpis,
        Generated::Matrix,
        Generated::Stale,
        Generated::Landscape,
        Generated::Assumptions,
    ];

    /// Where it is written, relative to the site root.
    pub fn url(self) -> &'static str {
        match self {
            Generated::Home => "index.html",
            Generated::Journeys => "journeys/index.html",
            Generated::Personas => "personas/index.html",
            Generated::Touchpoints => "touchpoints/index.html",
            Generated::Insights => "insights/index.html",
            Generated::PainPoints => "insights/pain-points.html",
            Generated::Opportunities => "insights/opportunities.html",
            Generated::Matrix => "insights/touchpoint-matrix.html",
            Generated::Stale => "insights/stale-maps.html",
            Generated::Kpis => "insights/kpis.html",
            Generated::Landscape => "insights/landscape.html",
            Generated::Assumptions => "insights/assumptions.html",
            Generated::NotFound => "404.html",
            Generated::Search => "search.html",
        }
    }

    /// The key of its title among the theme's words: `pages.<key>`.
    pub fn key(self) -> &'static str {
        match self {
            Generated::Home => "home",
            Generated::Journeys => "journeys",
            Generated::Personas => "personas",
            Generated::Touchpoints => "touchpoints",
            Generated::Insights => "insights",
            Generated::PainPoints => "pain_points",
            Generated::Opportunities => "opportunities",
            Generated::Matrix => "matrix",
            Generated::Stale => "stale",
            Generated::Kpis => "kpis",
            Generated::Landscape => "landscape",
            Generated::Assumptions => "assumptions",
            Generated::NotFound => "not_found",
            Generated::Search => "search",
        }
    }

    /// The template that renders it.
    pub fn template(self) -> &'static str {
        match self {
            Generated::Home => "home.html",
            Generated::Journeys => "journeys.html",
            Generated::Personas => "personas.html",
            Generated::Touchpoints => "touchpoints.html",
            Generated::Insights => "insights-overview.html",
            Generated::PainPoints => "insights-pain-points.html",
            Generated::Opportunities => "insights-opportunities.html",
            Generated::Matrix => "insights-matrix.html",
            Generated::Stale => "insights-stale.html",
            Generated::Kpis => "insights-kpis.html",
            Generated::Landscape => "insights-landscape.html",
            Generated::Assumptions => "insights-assumptions.html",
            Generated::NotFound => "404.html",
            Generated::Search => "search.html",
        }
    }

    /// The index page listing every page of a kind.
    pub fn index_of(kind: Kind) -> Option<Generated> {
        match kind {
            Kind::Persona => Some(Generated::Personas),
            Kind::Journey => Some(Generated::Journeys),
            Kind::Touchpoint => Some(Generated::Touchpoints),
            Kind::Page => None,
        }
    }
}

/// Where a content page is written: `<kind folder>/<id>.html`, or a plain page's content
/// path with `.html`.
pub fn page_url(doc: &Document) -> String {
    match doc.kind.folder() {
        Some(folder) => format!("{folder}/{}.html", doc.id),
        None => format!("{}.html", crate::paths::without_md(&doc.source.content_path)),
    }
}

/// From a page at `url` back to the site root: `""`, `"../"`, `"../../"`.
pub fn root_of(url: &str) -> String {
    "../".repeat(url.matches('/').count())
}

/// The element id of a stage (or step) on its journey's page: `stage-<id>`.
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
