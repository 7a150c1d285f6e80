//! Extension (issue 14): evidence and confidence as templates get them, the
//! "Assumptions to test" roll-up, and a persona's sources with the items
//! citing them.

use super::Link;
use crate::content::model::{Confidence, JourneyState};
use serde::Serialize;

/// One piece of evidence behind an item of a map.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct EvidenceView {
    /// What was found, in the writer's words.
    pub text: String,
    /// `source:`: where it comes from.
    pub source: Option<String>,
    /// `date:`: when it was found, YYYY-MM-DD.
    pub date: Option<String>,
    /// `link:`: an `http(s)` address as written, or the checked page's URL
    /// relative to the site root (with its `#fragment`).
    pub link: Option<String>,
    /// Whether `link` is outside the site (templates do not prefix it with `root`).
    pub external: bool,
    /// When `source:` is one of the journey's personas' `sources:`
    /// (case-insensitively): that source on the persona's page.
    pub cites: Option<CitedSource>,
}

/// A persona source an evidence item cites.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct CitedSource {
    /// The persona whose `sources:` has it.
    pub persona: Link,
    /// The source as the persona writes it.
    pub text: String,
    /// Relative to the site root: the source on the persona's page (`#source-<n>`).
    pub url: String,
}

/// One entry of a persona's `sources:`, with the map items citing it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct PersonaSource {
    /// The source as written.
    pub text: String,
    /// Its element id on the persona's page: `source-<n>`, counted from 1.
    pub anchor: String,
    /// The items of maps whose evidence names this source, in journey order.
    pub cited_by: Vec<ItemRef>,
}

/// What kind of item of a map something is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// A stage (a column of the map).
    Stage,
    /// A step inside a stage.
    Step,
    /// A pain point.
    PainPoint,
    /// An opportunity.
    Opportunity,
    /// A KPI.
    Kpi,
}

/// An item of a map, with where it is.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ItemRef {
    /// The journey it is on.
    pub journey: Link,
    /// What kind of item it is.
    pub kind: ItemKind,
    /// Its text: a stage's or step's name, a pain point's or opportunity's text, a KPI's name.
    pub text: String,
    /// The stage it is in.
    pub stage: String,
    /// The step it is in, when it is in (or is) a step.
    pub step: Option<String>,
    /// Relative to the site root: its stage's column on the journey's page.
    pub url: String,
    /// Its `confidence:`, if written.
    pub confidence: Option<Confidence>,
    /// How many pieces of evidence it has.
    pub evidence: usize,
}

/// The "Assumptions to test" of one journey: its items marked `confidence: assumed`.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct AssumptionGroup {
    /// The journey.
    pub journey: Link,
    /// Its `state:`.
    pub state: Option<JourneyState>,
    /// The assumed items, in map order: each stage, then its items, then its steps.
    pub rows: Vec<ItemRef>,
}
