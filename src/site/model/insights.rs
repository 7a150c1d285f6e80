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
