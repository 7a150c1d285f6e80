//! The roll-ups across all journeys, as the Insights pages show them.

use super::{KpiView, Link};
use crate::config::EmotionScale;
use crate::content::model::Level;
use serde::Serialize;

/// The roll-ups across all journeys, for the Insights pages.
#[derive(Debug, Clone, Default, Serialize, schemars::JsonSchema)]
pub struct Insights {
    /// Every pain point, most severe first (unrated last), in journey and stage order within
    /// each level.
    pub pain_points: Vec<PainPointRow>,
    /// Every opportunity, by priority (unrated last), then owner.
    pub opportunities: Vec<OpportunityRow>,
    /// The touchpoint × stage matrix of the current maps (and maps without a
    /// `state`); a deep dive counts at the stage it details.
    pub matrix: Matrix,
    /// The same matrix over the `state: future` maps.
    pub future_matrix: Matrix,
    /// What a board looks at first, drawn from the current maps.
    pub board: Board,
    /// The maps past their review date, in journey order.
    pub stale: Vec<StaleRow>,
    /// Extension: every KPI of every map, one group per journey with KPIs, in journey order.
    pub kpis: Vec<KpiGroup>,
    /// Extension: the journeys' hierarchy with each one's health.
    pub landscape: Vec<LandscapeRow>,
    /// Extension: every item marked `confidence: assumed`, one group per journey with any.
    pub assumptions: Vec<super::AssumptionGroup>,
}

/// A journey on the landscape: where it sits in the hierarchy and how it is doing.
/// Rows come in the hierarchy's order: a journey, then the journeys beneath it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct LandscapeRow {
    /// The journey.
    pub journey: Link,
    /// 0 for a top-level journey, 1 for one beneath it, and so on.
    pub depth: usize,
    /// The journey it sits beneath.
    pub above: Option<Link>,
    /// `sub_journey` (its `parent:` names `above`) or `deep_dive` (a stage of
    /// `above` names it in `detail:`); none at the top level.
    pub relation: Option<&'static str>,
    /// For a deep dive: the stage of `above` it maps in depth.
    pub stage: Option<String>,
    /// The journey's `state:`.
    pub state: Option<crate::content::model::JourneyState>,
    /// The journey's personas.
    pub personas: Vec<Link>,
    /// The mean of its stages' and steps' emotion scores.
    pub emotion_average: Option<f64>,
    /// Its lowest emotion score.
    pub emotion_lowest: Option<f64>,
    /// Its emotion scale, which the scores are on.
    pub emotion_scale: crate::config::EmotionScale,
    /// How many high-severity pain points its stages and steps list.
    pub high_pain_points: usize,
    /// How many of its KPIs fall short of their target.
    pub kpis_not_met: usize,
    /// `stale` (past its review date), `due` (due within 30 days), `fresh`
    /// (reviewed, not due soon) or `unscheduled` (no review date or interval).
    pub review_status: &'static str,
    /// When its next review is due, YYYY-MM-DD.
    pub review_due: Option<String>,
}

/// The KPIs of one journey on the KPI roll-up.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct KpiGroup {
    /// The journey.
    pub journey: Link,
    /// The journey's `state:`.
    pub state: Option<crate::content::model::JourneyState>,
    /// Its KPIs, in stage order (a stage's own before its steps').
    pub rows: Vec<KpiRollupRow>,
    /// How many of them meet their target.
    pub met: usize,
    /// How many of them fall short of their target.
    pub not_met: usize,
}

/// A KPI on the KPI roll-up, with where it is measured.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct KpiRollupRow {
    /// The KPI as the map shows it: value, target, met, definition, source and age.
    pub kpi: super::KpiView,
    /// The name of the stage it is in.
    pub stage: String,
    /// Relative to the site root, to the stage on the journey's page.
    pub stage_url: String,
    /// The step's name, when it belongs to a step of the stage.
    pub step: Option<String>,
}

/// A pain point on the pain-points roll-up, with where it is.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct PainPointRow {
    /// What hurts, in the writer's words.
    pub text: String,
    /// `low`, `medium` or `high`; none when unrated.
    pub severity: Option<Level>,
    /// The journey it is in.
    pub journey: Link,
    /// The name of the stage it is in.
    pub stage: String,
    /// Relative to the site root, to the stage on the journey's page.
    pub stage_url: String,
    /// The step's name, when it belongs to a step of the stage.
    pub step: Option<String>,
    /// Its own `touchpoint:`, else every touchpoint of its stage or step.
    pub touchpoints: Vec<Link>,
    /// The opportunities whose `addresses:` name it.
    pub addressed_by: Vec<super::Addressing>,
}

/// An opportunity on the opportunity backlog, with where it is.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct OpportunityRow {
    /// The opportunity, in the writer's words.
    pub text: String,
    /// `low`, `medium` or `high`; none when unrated.
    pub priority: Option<Level>,
    /// Where the work stands, if `status:` says.
    pub status: Option<crate::content::model::Status>,
    /// The pain points it addresses.
    pub addresses: Vec<super::AddressedPain>,
    /// Who would take it on.
    pub owner: Option<String>,
    /// The journey it is in.
    pub journey: Link,
    /// The name of the stage it is in.
    pub stage: String,
    /// Relative to the site root, to the stage on the journey's page.
    pub stage_url: String,
    /// The step's name, when it belongs to a step of the stage.
    pub step: Option<String>,
}

/// How many journeys use each touchpoint at each stage: the heat map's data.
#[derive(Debug, Clone, Default, Serialize, schemars::JsonSchema)]
pub struct Matrix {
    /// The columns: the stage names (in the playbook's stage order) where some touchpoint is used.
    pub stages: Vec<String>,
    /// One row per touchpoint, in touchpoint order.
    pub rows: Vec<MatrixRow>,
}

/// One touchpoint's row of the matrix.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct MatrixRow {
    /// The touchpoint.
    pub touchpoint: Link,
    /// For each stage name, how many journeys use the touchpoint there.
    pub counts: Vec<usize>,
    /// The sum of `counts`.
    pub total: usize,
}

/// A map past its review date, as the stale-maps roll-up lists it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct StaleRow {
    /// The journey.
    pub journey: Link,
    /// The journey's `owner:`, who should review it.
    pub owner: Option<String>,
    /// The last review, YYYY-MM-DD.
    pub reviewed: Option<String>,
    /// When the review was due, YYYY-MM-DD.
    pub due: Option<String>,
    /// How many days the review is past due.
    pub days_overdue: i64,
}

/// The insights overview's figures: the worst of the current maps, the
/// opportunities by owner, and the reviews coming due.
#[derive(Debug, Clone, Default, Serialize, schemars::JsonSchema)]
pub struct Board {
    /// High-severity pain points of the current maps, in journey and stage order (the first few).
    pub high_pain_points: Vec<PainPointRow>,
    /// How many high-severity pain points the current maps have in all.
    pub high_pain_point_count: usize,
    /// The lowest emotions of the current maps, lowest first, each scale
    /// taken from its own map (the first few).
    pub low_moments: Vec<Moment>,
    /// KPIs of the current maps whose value falls short of their target (the first few).
    pub kpis_not_met: Vec<KpiRow>,
    /// How many KPIs of the current maps miss their target in all.
    pub kpis_not_met_count: usize,
    /// Opportunities by owner: counts by priority, most high-priority first.
    pub owners: Vec<OwnerRow>,
    /// Maps whose review is overdue or due within 30 days, soonest first.
    pub reviews_due: Vec<DueRow>,
}

/// A stage or step where a persona feels worst.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Moment {
    /// The journey it is in.
    pub journey: Link,
    /// The stage's name.
    pub stage: String,
    /// The step's name, when the moment is a step of the stage.
    pub step: Option<String>,
    /// Relative to the site root, to the stage on the journey's page.
    pub stage_url: String,
    /// The score, on the journey's scale.
    pub emotion: f64,
    /// The journey's scale.
    pub scale: EmotionScale,
    /// The `feeling:` word, if written.
    pub feeling: Option<String>,
    /// Whose score it is, on a map that scores each persona.
    pub persona: Option<String>,
}

/// A KPI on the board, with where it is measured.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct KpiRow {
    /// The journey that measures it.
    pub journey: Link,
    /// The stage's name.
    pub stage: String,
    /// Relative to the site root, to the stage or step on the journey's page.
    pub stage_url: String,
    /// The KPI: value, target and unit.
    pub kpi: KpiView,
}

/// One owner's share of the opportunity backlog.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct OwnerRow {
    /// The `owner:` of the opportunities; none for those without one.
    pub owner: Option<String>,
    /// High-priority opportunities.
    pub high: usize,
    /// Medium-priority opportunities.
    pub medium: usize,
    /// Low-priority opportunities.
    pub low: usize,
    /// Opportunities without a priority.
    pub unrated: usize,
    /// All of them.
    pub total: usize,
    /// The owner's first opportunity of the highest priority they hold.
    pub top: OpportunityRow,
}

/// A map whose review is overdue or coming due.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct DueRow {
    /// The map.
    pub journey: Link,
    /// Its `owner:`, who should review it.
    pub owner: Option<String>,
    /// YYYY-MM-DD.
    pub due: String,
    /// Days from the build's date to `due`; negative when overdue.
    pub days_left: i64,
}
