//! The roll-ups across all journeys, as the Insights pages show them.

use super::Link;
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
    /// The touchpoint × stage matrix.
    pub matrix: Matrix,
    /// The maps past their review date, in journey order.
    pub stale: Vec<StaleRow>,
    /// Extension: every KPI of every map, one group per journey with KPIs, in journey order.
    pub kpis: Vec<KpiGroup>,
    /// Extension: the journeys' hierarchy with each one's health.
    pub landscape: Vec<LandscapeRow>,
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
}

/// An opportunity on the opportunity backlog, with where it is.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct OpportunityRow {
    /// The opportunity, in the writer's words.
    pub text: String,
    /// `low`, `medium` or `high`; none when unrated.
    pub priority: Option<Level>,
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
