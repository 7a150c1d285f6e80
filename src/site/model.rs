//! The resolved site: plain, serialisable data. It is what templates see,
//! what `journeybook.json` holds and what tests inspect. Every `url` is
//! relative to the site root; templates prefix it with the page's `root`.

use crate::config::EmotionScale;
use crate::content::model::{JourneyState, Level};
use crate::content::Kind;
use crate::markdown::Heading;
use serde::Serialize;
use std::sync::Arc;

#[derive(Debug, Clone, Serialize)]
pub struct Site {
    pub book: BookInfo,
    /// The stage names of book.toml, then any other stage names in use.
    pub stage_order: Vec<String>,
    pub home: Option<Page>,
    pub pages: Vec<Page>,
    pub personas: Vec<Persona>,
    pub journeys: Vec<Journey>,
    pub touchpoints: Vec<Touchpoint>,
    pub insights: Insights,
    /// The date the build ran, YYYY-MM-DD.
    pub built_on: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct BookInfo {
    pub title: String,
    pub description: Option<String>,
    pub authors: Vec<String>,
    pub language: String,
}

/// A link to another page of the site. Cheap to clone: every page has one,
/// shared by all the places that link to it.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(transparent)]
pub struct Link(Arc<LinkTarget>);

#[derive(Debug, Serialize, PartialEq)]
pub struct LinkTarget {
    pub id: String,
    pub title: String,
    pub url: String,
}

impl Link {
    pub fn new(id: impl Into<String>, title: impl Into<String>, url: impl Into<String>) -> Link {
        Link(Arc::new(LinkTarget {
            id: id.into(),
            title: title.into(),
            url: url.into(),
        }))
    }
}

impl std::ops::Deref for Link {
    type Target = LinkTarget;
    fn deref(&self) -> &LinkTarget {
        &self.0
    }
}

/// What every page of content has.
#[derive(Debug, Clone, Serialize)]
pub struct PageInfo {
    pub id: String,
    pub kind: Kind,
    pub title: String,
    pub description: Option<String>,
    pub url: String,
    /// The Markdown file, relative to the content folder.
    pub source: String,
    pub tags: Vec<String>,
    pub weight: Option<i64>,
    pub template: Option<String>,
    pub draft: bool,
    /// The rendered Markdown. Templates get it as `body_html`; the JSON export
    /// leaves it out, as the pages hold it.
    #[serde(skip)]
    pub body_html: String,
    pub toc: Vec<Heading>,
    /// The page's one shared link.
    #[serde(skip)]
    pub link: Link,
}

impl PageInfo {
    pub fn link(&self) -> Link {
        self.link.clone()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Page {
    #[serde(flatten)]
    pub info: PageInfo,
    /// The body opens with its own top-level heading, so the theme need not print the title.
    pub body_has_title: bool,
    /// The folder of content/ the page sits in, e.g. `guides/onboarding` ("" at the top level).
    pub section: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct KeyValue {
    pub key: String,
    pub value: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Persona {
    #[serde(flatten)]
    pub info: PageInfo,
    pub name: String,
    pub role: Option<String>,
    pub quote: Option<String>,
    /// Relative to the site root.
    pub avatar: Option<String>,
    pub segment: Option<String>,
    pub demographics: Vec<KeyValue>,
    pub goals: Vec<String>,
    pub needs: Vec<String>,
    pub pain_points: Vec<String>,
    pub motivations: Vec<String>,
    pub behaviors: Vec<String>,
    pub channels: Vec<TouchpointChip>,
    pub sources: Vec<String>,
    /// Every journey the persona is in.
    pub journeys: Vec<JourneySummary>,
}

#[derive(Debug, Clone, Serialize)]
pub struct JourneySummary {
    #[serde(flatten)]
    pub link: Link,
    pub state: Option<JourneyState>,
    pub stale: bool,
    /// The stage emotions in order, for sparklines.
    pub emotions: Vec<Option<f64>>,
    pub emotion_scale: EmotionScale,
}

/// A persona as a journey names it: enough to show a face and a role.
#[derive(Debug, Clone, Serialize)]
pub struct PersonaChip {
    #[serde(flatten)]
    pub link: Link,
    pub avatar: Option<String>,
    pub role: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TouchpointChip {
    #[serde(flatten)]
    pub link: Link,
    pub channel: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Touchpoint {
    #[serde(flatten)]
    pub info: PageInfo,
    pub name: String,
    pub channel: Option<String>,
    #[serde(rename = "type")]
    pub touchpoint_type: Option<String>,
    pub owner: Option<String>,
    pub systems: Vec<String>,
    /// Every journey stage (or step) that uses it.
    pub used_in: Vec<Usage>,
    /// Personas that list it among their channels.
    pub personas: Vec<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Usage {
    pub journey: Link,
    pub stage: String,
    /// Relative to the site root, to the stage on the journey's page.
    pub stage_url: String,
    pub step: Option<String>,
    pub emotion: Option<f64>,
    pub feeling: Option<String>,
    pub pain_points: Arc<[PainPointView]>,
    pub opportunities: Arc<[OpportunityView]>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Review {
    /// YYYY-MM-DD; the theme writes dates in the book's language (`date_long`).
    pub reviewed: Option<String>,
    pub every_days: Option<u32>,
    /// When the next review is due, YYYY-MM-DD.
    pub due: Option<String>,
    pub stale: bool,
    pub days_overdue: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct LaneInfo {
    /// The lane's key, which also names its label in the theme's words (`t.lanes`).
    pub key: &'static str,
    /// The service-blueprint line drawn above this lane, if it starts a new
    /// layer: `interaction`, `visibility` or `internal_interaction` (the
    /// theme's words name them, `t.blueprint`).
    pub line_before: Option<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Journey {
    #[serde(flatten)]
    pub info: PageInfo,
    pub personas: Vec<PersonaChip>,
    pub state: Option<JourneyState>,
    pub compare: Option<Link>,
    /// Journeys whose `compare` names this one.
    pub compared_by: Vec<Link>,
    pub scenario: Option<String>,
    pub expectations: Vec<String>,
    pub owner: Option<String>,
    pub review: Review,
    pub emotion_scale: EmotionScale,
    /// The lanes some stage fills, in the configured order.
    pub lanes: Vec<LaneInfo>,
    pub stages: Vec<Stage>,
    /// Stages of other journeys that this journey maps in depth.
    pub detail_of: Vec<StageRef>,
    pub moment_of_truth: Option<String>,
    /// Stage by stage against the `compare` journey.
    pub comparison: Option<Comparison>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StageRef {
    pub journey: Link,
    pub stage: String,
    pub stage_url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PainPointView {
    pub text: String,
    pub severity: Option<Level>,
    pub touchpoint: Option<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OpportunityView {
    pub text: String,
    pub priority: Option<Level>,
    pub owner: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct KpiView {
    pub name: String,
    pub value: Option<String>,
    pub target: Option<String>,
    pub unit: Option<String>,
    pub lower_is_better: bool,
    /// Whether the value meets the target, when both are numbers.
    pub met: Option<bool>,
}

/// A stage of a journey, or a step inside one.
#[derive(Debug, Clone, Serialize)]
pub struct Stage {
    pub id: String,
    /// The element id on the journey page.
    pub anchor: String,
    pub name: String,
    pub goal: Option<String>,
    pub actions: Vec<String>,
    pub touchpoints: Vec<TouchpointChip>,
    pub thoughts: Vec<String>,
    pub emotion: Option<f64>,
    pub feeling: Option<String>,
    pub pain_points: Arc<[PainPointView]>,
    pub opportunities: Arc<[OpportunityView]>,
    pub moment_of_truth: bool,
    pub frontstage: Vec<String>,
    pub backstage: Vec<String>,
    pub support: Vec<String>,
    pub owners: Vec<String>,
    pub kpis: Vec<KpiView>,
    pub detail: Option<Link>,
    pub steps: Vec<Stage>,
    /// The lanes this stage or step fills itself (not counting its steps).
    pub filled_lanes: Vec<&'static str>,
}

/// A current map against its future counterpart, stage by stage. `before`
/// is the current-state map (or, without states, the page's own map).
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub before: Link,
    pub after: Link,
    /// The `after` map's scale: the `before` map's scores are moved onto it.
    pub scale: EmotionScale,
    pub rows: Vec<ComparisonRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ComparisonRow {
    pub stage: String,
    /// Both on the `after` map's emotion scale.
    pub before_emotion: Option<f64>,
    pub after_emotion: Option<f64>,
    /// After minus before, when both are known: positive is better.
    pub emotion_change: Option<f64>,
    pub added_touchpoints: Vec<Link>,
    pub removed_touchpoints: Vec<Link>,
    pub kept_touchpoints: Vec<Link>,
    pub in_before: bool,
    pub in_after: bool,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Insights {
    pub pain_points: Vec<PainPointRow>,
    pub opportunities: Vec<OpportunityRow>,
    pub matrix: Matrix,
    pub stale: Vec<StaleRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PainPointRow {
    pub text: String,
    pub severity: Option<Level>,
    pub journey: Link,
    pub stage: String,
    pub stage_url: String,
    pub step: Option<String>,
    pub touchpoints: Vec<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OpportunityRow {
    pub text: String,
    pub priority: Option<Level>,
    pub owner: Option<String>,
    pub journey: Link,
    pub stage: String,
    pub stage_url: String,
    pub step: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Matrix {
    pub stages: Vec<String>,
    pub rows: Vec<MatrixRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MatrixRow {
    pub touchpoint: Link,
    /// For each stage name, how many journeys use the touchpoint there.
    pub counts: Vec<usize>,
    pub total: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct StaleRow {
    pub journey: Link,
    pub owner: Option<String>,
    pub reviewed: Option<String>,
    pub due: Option<String>,
    pub days_overdue: i64,
}
