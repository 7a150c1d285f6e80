//! A journey map as templates get it: review schedule, lanes, stages and
//! steps with every lane's content, and the current ↔ future comparison.

use super::{Link, PageInfo, PersonaChip, TouchpointChip};
use crate::config::EmotionScale;
use crate::content::model::{JourneyState, Level, Status};
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// A journey's review schedule and whether the map is stale.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Review {
    /// YYYY-MM-DD; the theme writes dates in the book's language (`date_long`).
    pub reviewed: Option<String>,
    /// The review interval in days: the journey's `review_every`, else book.toml's `review-every`.
    pub every_days: Option<u32>,
    /// When the next review is due, YYYY-MM-DD.
    pub due: Option<String>,
    /// Whether the review is past due on the build's date.
    pub stale: bool,
    /// How many days the review is past due; 0 when it is not stale.
    pub days_overdue: i64,
    /// Days from the build's date to `due` (negative once past), when there is a due date.
    pub days_left: Option<i64>,
}

/// A lane (row) of a journey map, as the map draws it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct LaneInfo {
    /// The lane's key, which also names its label in the theme's words
    /// (`t.lanes`) when the lane is built in.
    pub key: String,
    /// Extension: a custom lane's `label` from book.toml; none for the
    /// built-in lanes, which the theme's words name.
    pub label: Option<String>,
    /// Extension: whether the lane is one of book.toml's `custom-lanes`,
    /// whose items are in each stage's `custom_lanes` under `key`.
    pub custom: bool,
    /// The service-blueprint line drawn above this lane, if it starts a new
    /// layer: `interaction`, `visibility` or `internal_interaction` (the
    /// theme's words name them, `t.blueprint`).
    pub line_before: Option<&'static str>,
}

/// A journey map page: its personas, stages and lanes, review schedule and comparison.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Journey {
    /// What every page has; its fields appear on the journey itself in templates.
    #[serde(flatten)]
    pub info: PageInfo,
    /// The personas of `personas:` (or `persona:`), in the order written.
    pub personas: Vec<PersonaChip>,
    /// The `state:` key: `current` or `future`.
    pub state: Option<JourneyState>,
    /// The counterpart map named by `compare:`.
    pub compare: Option<Link>,
    /// Journeys whose `compare` names this one.
    pub compared_by: Vec<Link>,
    /// Extension: the journey named by `parent:`.
    pub parent: Option<Link>,
    /// Extension: the journeys above this one on the landscape, the top one
    /// first (`parent:`, else the journey whose stage's `detail:` names it).
    pub ancestors: Vec<Link>,
    /// Extension: the journeys whose `parent:` names this one, in reading order.
    pub sub_journeys: Vec<Link>,
    /// The `scenario:` key: the situation the map describes.
    pub scenario: Option<String>,
    /// The `expectations:` key: what the customer expects of the journey.
    pub expectations: Vec<String>,
    /// The `owner:` key: who keeps the map up to date.
    pub owner: Option<String>,
    /// When the map was reviewed, when it is due and whether it is stale.
    pub review: Review,
    /// The `emotion_scale:` key, else book.toml's `emotion-scale`.
    pub emotion_scale: EmotionScale,
    /// The lanes some stage fills, in the configured order.
    pub lanes: Vec<LaneInfo>,
    /// The stages of `stages:`, in order: the columns of the map.
    pub stages: Vec<Stage>,
    /// Stages of other journeys that this journey maps in depth.
    pub detail_of: Vec<StageRef>,
    /// The first stage marked `moment_of_truth`, else the first such step as "Stage: Step".
    pub moment_of_truth: Option<String>,
    /// Stage by stage against the `compare` journey.
    pub comparison: Option<Comparison>,
    /// How many pain points the journey has, its steps' included.
    pub pain_point_count: usize,
    /// How many of them an opportunity's `addresses:` names.
    pub pain_points_addressed: usize,
}

/// A stage of another journey, as the deep dive of that stage links back to it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct StageRef {
    /// The journey the stage is in.
    pub journey: Link,
    /// The stage's name.
    pub stage: String,
    /// Relative to the site root, to the stage on the journey's page.
    pub stage_url: String,
}

/// One persona's emotion at a stage or step.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct PersonaScore {
    /// The persona's id.
    pub persona: String,
    /// The persona's name.
    pub name: String,
    /// The score, when given for this persona (or for everyone).
    pub score: Option<f64>,
    /// The word, when given for this persona (or for everyone).
    pub feeling: Option<String>,
}

/// A pain point of a stage or step.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct PainPointView {
    /// What hurts, in the writer's words.
    pub text: String,
    /// `severity:`: `low`, `medium` or `high`, if given.
    pub severity: Option<Level>,
    /// Extension: the touchpoint where it hurts, from `touchpoint:`.
    pub touchpoint: Option<Link>,
    /// `id:`, when written.
    pub id: Option<String>,
    /// The opportunities whose `addresses:` name it, from every journey.
    pub addressed_by: Vec<Addressing>,
    /// Extension: `evidence:`, what it rests on.
    pub evidence: Vec<super::EvidenceView>,
    /// Extension: `confidence:`, `assumed`, `observed` or `measured`.
    pub confidence: Option<crate::content::model::Confidence>,
}

/// An opportunity that addresses a pain point, as the pain point lists it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Addressing {
    /// The opportunity, in the writer's words.
    pub text: String,
    /// Its `status:`, if given.
    pub status: Option<Status>,
    /// The journey it is in.
    pub journey: Link,
    /// Its stage's name.
    pub stage: String,
    /// Relative to the site root, to its stage on the journey's page.
    pub stage_url: String,
}

/// A pain point an opportunity addresses, as the opportunity lists it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct AddressedPain {
    /// What hurts, in the writer's words.
    pub text: String,
    /// Its `severity:`, if given.
    pub severity: Option<Level>,
    /// The journey it is in.
    pub journey: Link,
    /// Its stage's name.
    pub stage: String,
    /// Relative to the site root, to its stage on the journey's page.
    pub stage_url: String,
}

/// An opportunity of a stage or step.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct OpportunityView {
    /// The opportunity, in the writer's words.
    pub text: String,
    /// `priority:`: `low`, `medium` or `high`, if given.
    pub priority: Option<Level>,
    /// `owner:`: who would take it on.
    pub owner: Option<String>,
    /// `id:`, when written.
    pub id: Option<String>,
    /// `status:`, if given.
    pub status: Option<Status>,
    /// The pain points its `addresses:` names.
    pub addresses: Vec<AddressedPain>,
    /// `addresses:` as checked references (journey id, pain point id), until
    /// the pain points are linked.
    #[serde(skip)]
    #[schemars(skip)]
    pub address_keys: Vec<(String, String)>,
    /// Extension: `evidence:`, what it rests on.
    pub evidence: Vec<super::EvidenceView>,
    /// Extension: `confidence:`, `assumed`, `observed` or `measured`.
    pub confidence: Option<crate::content::model::Confidence>,
}

/// A KPI of a stage or step, with its value against its target.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct KpiView {
    /// What is measured, e.g. Conversion rate.
    pub name: String,
    /// The measured value, as written (e.g. `1,200` or `85%`).
    pub value: Option<String>,
    /// The target value, as written.
    pub target: Option<String>,
    /// The unit, as written (e.g. `%` or `days`).
    pub unit: Option<String>,
    /// Extension: `better: lower`, so a value at or under the target meets it.
    pub lower_is_better: bool,
    /// Whether the value meets the target, when both are numbers.
    pub met: Option<bool>,
    /// Extension: `definition:`, what exactly is measured.
    pub definition: Option<String>,
    /// Extension: `source:`, where the figure comes from.
    pub source: Option<String>,
    /// Extension: `as_of:`, when the value was measured, YYYY-MM-DD.
    pub as_of: Option<String>,
    /// Extension: days from `as_of` to the build's date (negative for a date after it).
    pub age_days: Option<i64>,
    /// Extension: `evidence:`, what it rests on.
    pub evidence: Vec<super::EvidenceView>,
    /// Extension: `confidence:`, `assumed`, `observed` or `measured`.
    pub confidence: Option<crate::content::model::Confidence>,
}

/// A stage of a journey, or a step inside one.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Stage {
    /// The stage's `id:`, else the slug of its name; a step's is `<stage id>-<step id>`.
    pub id: String,
    /// The element id on the journey page.
    pub anchor: String,
    /// The `name:` key: the column heading on the map.
    pub name: String,
    /// The `goal:` key: what the customer wants from this stage.
    pub goal: Option<String>,
    /// The `actions:` lane: what the customer does.
    pub actions: Vec<String>,
    /// The `touchpoints:` lane, with each touchpoint's channel.
    pub touchpoints: Vec<TouchpointChip>,
    /// The `thoughts:` lane: what the customer thinks.
    pub thoughts: Vec<String>,
    /// The `emotion:` score, inside the journey's emotion scale; with a
    /// score per persona, their mean (what roll-ups and comparisons use).
    pub emotion: Option<f64>,
    /// The `feeling:` key: a word for the emotion (the one for everyone).
    pub feeling: Option<String>,
    /// Extension: the scores and words per persona, in the journey's persona
    /// order, when `emotion:` or `feeling:` is a map; empty otherwise.
    pub emotions: Vec<PersonaScore>,
    /// The `pain_points:` lane: what hurts here, with severity and touchpoint.
    pub pain_points: Arc<[PainPointView]>,
    /// The `opportunities:` lane: what could be done better here, with priority and owner.
    pub opportunities: Arc<[OpportunityView]>,
    /// The `moment_of_truth:` key: this is the moment that matters most.
    pub moment_of_truth: bool,
    /// The `frontstage:` lane: what the customer sees the organisation do.
    pub frontstage: Vec<String>,
    /// The `backstage:` lane: what the organisation does out of the customer's sight.
    pub backstage: Vec<String>,
    /// The `support:` lane: the support processes behind the stage.
    pub support: Vec<String>,
    /// The `owners:` lane: who is responsible for the stage.
    pub owners: Vec<String>,
    /// The `kpis:` lane: the stage's measures, each with whether it meets its target.
    pub kpis: Vec<KpiView>,
    /// The journey named by `detail:`, which maps this stage in depth.
    pub detail: Option<Link>,
    /// The `replaces:` key: ids of the stages of the `compare` map this stage
    /// takes the place of (each one checked).
    pub replaces: Vec<String>,
    /// The `steps:` inside this stage (always empty for a step).
    pub steps: Vec<Stage>,
    /// Extension: the custom lanes this stage or step fills, by key.
    pub custom_lanes: BTreeMap<String, Vec<String>>,
    /// The lanes this stage or step fills itself (not counting its steps).
    pub filled_lanes: Vec<String>,
    /// Extension: `evidence:`, what it rests on.
    pub evidence: Vec<super::EvidenceView>,
    /// Extension: `confidence:`, `assumed`, `observed` or `measured`.
    pub confidence: Option<crate::content::model::Confidence>,
}

/// A current map against its future counterpart, stage by stage. `before`
/// is the current-state map (or, without states, the page's own map).
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Comparison {
    /// The map compared from: the current-state one (without states, the page's own).
    pub before: Link,
    /// The map compared to: the future-state one (without states, the `compare` map).
    pub after: Link,
    /// The `after` map's scale: the `before` map's scores are moved onto it.
    pub scale: EmotionScale,
    /// One row per stage of the `after` map, in its order; a `before` stage
    /// that nothing replaces comes right after the row of the stage before it.
    pub rows: Vec<ComparisonRow>,
    /// The rows' KPIs, pain points and stages, counted for a headline.
    pub summary: ComparisonSummary,
}

/// What a comparison adds up to, for its headline figures.
#[derive(Debug, Clone, Default, Serialize, schemars::JsonSchema)]
pub struct ComparisonSummary {
    /// KPIs whose current value already meets the future target.
    pub kpis_met: usize,
    /// KPIs whose current value falls short of the future target.
    pub kpis_not_met: usize,
    /// Pain points of the `before` map that the `after` map no longer has.
    pub pain_points_resolved: usize,
    /// Pain points on both maps.
    pub pain_points_remaining: usize,
    /// Pain points only the `after` map has.
    pub pain_points_new: usize,
    /// Stages of the `after` map that replace `before` stages of other names (renamed or merged).
    pub stages_renamed: usize,
    /// Stages only the `after` map has.
    pub stages_new: usize,
    /// Stages of the `before` map that no `after` stage matches or replaces.
    pub stages_dropped: usize,
}

/// A stage of one of the two maps, as a comparison row links to it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct StageLink {
    /// The stage's name.
    pub name: String,
    /// Relative to the site root, to the stage on its journey's page.
    pub url: String,
}

/// One stage of a comparison: an `after` stage with the `before` stages it
/// has the same id as or `replaces:`, or a `before` stage that was dropped.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ComparisonRow {
    /// The stage's name (from the `after` map when it has the stage).
    pub stage: String,
    /// The `before` stages this row stands for, in their order.
    pub before_stages: Vec<StageLink>,
    /// The stage on the `after` map.
    pub after_stage: Option<StageLink>,
    /// Names of the `before` stages this row replaces, when they differ from
    /// `stage` (a renamed or merged stage); empty otherwise.
    pub replaces: Vec<String>,
    /// On the `after` map's scale; the mean of the `before` stages' scores when several.
    pub before_emotion: Option<f64>,
    /// The `after` map's score for the stage.
    pub after_emotion: Option<f64>,
    /// After minus before, when both are known: positive is better.
    pub emotion_change: Option<f64>,
    /// Touchpoints the `after` map's stage uses and the `before` one does not.
    pub added_touchpoints: Vec<Link>,
    /// Touchpoints the `before` map's stage uses and the `after` one does not.
    pub removed_touchpoints: Vec<Link>,
    /// Touchpoints the stage uses on both maps.
    pub kept_touchpoints: Vec<Link>,
    /// Each KPI of the stage: today's value against the future target.
    pub kpis: Vec<KpiChange>,
    /// Pain points of the `before` stages that the `after` stage does not have (matched by text).
    pub resolved_pain_points: Vec<PainPointView>,
    /// Pain points both maps have at this stage.
    pub remaining_pain_points: Vec<PainPointView>,
    /// Pain points only the `after` stage has.
    pub new_pain_points: Vec<PainPointView>,
    /// The opportunities the `before` stages list: what the change addresses.
    pub opportunities_before: Vec<OpportunityView>,
    /// The opportunities the `after` stage lists, not already in `opportunities_before`.
    pub opportunities_after: Vec<OpportunityView>,
    /// Whether the `before` map has this stage.
    pub in_before: bool,
    /// Whether the `after` map has this stage.
    pub in_after: bool,
}

/// A KPI of a comparison row: its value on the current map against the
/// target the future map sets.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct KpiChange {
    /// What is measured.
    pub name: String,
    /// The unit, as written.
    pub unit: Option<String>,
    /// Today's value: the `before` map's, else the value the `after` map writes.
    pub current: Option<String>,
    /// The target: the `after` map's, else the `before` map's.
    pub target: Option<String>,
    /// `better: lower` on the KPI.
    pub lower_is_better: bool,
    /// Whether today's value meets the target, when both are numbers.
    pub met: Option<bool>,
    /// Whether the `before` map measures it at this stage.
    pub in_before: bool,
    /// Whether the `after` map measures it at this stage.
    pub in_after: bool,
}
