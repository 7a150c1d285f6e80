//! A journey's stages and steps as writers write them: lanes, pain points,
//! opportunities and KPIs, with the short forms each accepts.

use super::{FromText, List, Text};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How much a pain point hurts or an opportunity matters: `low`, `medium` or `high`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// `low`: minor; listed after the other levels.
    Low,
    /// `medium`: between the two.
    Medium,
    /// `high`: the most severe or most urgent; listed first.
    High,
}

impl Level {
    /// The level as written in front matter: `low`, `medium` or `high`.
    pub fn name(self) -> &'static str {
        match self {
            Level::Low => "low",
            Level::Medium => "medium",
            Level::High => "high",
        }
    }
}

/// A pain point of a stage or step: text, or `{text, severity, touchpoint}`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct PainPoint {
    /// `text`: what hurts, in the writer's words.
    pub text: Text,
    /// `severity`: `low`, `medium` or `high`.
    pub severity: Option<Level>,
    /// Extension: the touchpoint where it hurts, for roll-ups.
    pub touchpoint: Option<String>,
    /// `id`: a name for it, unique within the journey, that opportunities' `addresses` use.
    pub id: Option<String>,
    /// Extension: `evidence`, what it rests on (text or `{text, source, date, link}`).
    pub evidence: List<super::Evidence>,
    /// Extension: `confidence`, `assumed`, `observed` or `measured`.
    pub confidence: Option<super::Confidence>,
}

impl FromText for PainPoint {
    fn from_text(text: String) -> Self {
        PainPoint {
            text: Text(text),
            ..PainPoint::default()
        }
    }
}

/// An opportunity of a stage or step: text, or `{text, priority, owner}`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Opportunity {
    /// `text`: what could be done, in the writer's words.
    pub text: Text,
    /// `priority`: `low`, `medium` or `high`.
    pub priority: Option<Level>,
    /// `owner`: who would take it on.
    pub owner: Option<Text>,
    /// `id`: a name for it, unique within the journey.
    pub id: Option<String>,
    /// `addresses`: the pain points it would close: `pain-id` in this
    /// journey, or `journey-id#pain-id` in another (checked).
    pub addresses: List<Text>,
    /// `status`: where the work stands.
    pub status: Option<Status>,
    /// Extension: `evidence`, what it rests on (text or `{text, source, date, link}`).
    pub evidence: List<super::Evidence>,
    /// Extension: `confidence`, `assumed`, `observed` or `measured`.
    pub confidence: Option<super::Confidence>,
}

/// Where an opportunity's work stands: `idea`, `planned`, `in-progress`, `done` or `dropped`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// `idea`: proposed, not yet taken on.
    Idea,
    /// `planned`: taken on, not yet started.
    Planned,
    /// `in-progress`: being worked on.
    InProgress,
    /// `done`: delivered.
    Done,
    /// `dropped`: decided against.
    Dropped,
}

impl Status {
    /// Every status, in the order the board shows them.
    pub const ALL: [Status; 5] = [
        Status::Idea,
        Status::Planned,
        Status::InProgress,
        Status::Done,
        Status::Dropped,
    ];

    /// The status as written in front matter, and as the theme's words name it (`t.status`, with `_`).
    pub fn name(self) -> &'static str {
        match self {
            Status::Idea => "idea",
            Status::Planned => "planned",
            Status::InProgress => "in-progress",
            Status::Done => "done",
            Status::Dropped => "dropped",
        }
    }

    /// Whether work on it is under way or delivered: the pain point it
    /// addresses counts as being worked on.
    pub fn is_active(self) -> bool {
        matches!(self, Status::Planned | Status::InProgress | Status::Done)
    }
}

impl FromText for Opportunity {
    fn from_text(text: String) -> Self {
        Opportunity {
            text: Text(text),
            ..Opportunity::default()
        }
    }
}

/// Extension: a KPI's `better:` key, which way is good.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Better {
    /// `higher` (the default): a value at or above the target meets it.
    Higher,
    /// `lower`: a value at or under the target meets it.
    Lower,
}

/// A KPI of a stage or step: text, or `{name, value, target, unit, better, definition, source, as_of}`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Kpi {
    /// `name`: what is measured, e.g. Conversion rate.
    pub name: Text,
    /// `value`: the measured value, as written (`1,200`, `85%`).
    pub value: Option<Text>,
    /// `target`: the value aimed for, as written.
    pub target: Option<Text>,
    /// `unit`: the unit of value and target, e.g. `%`.
    pub unit: Option<Text>,
    /// Extension: whether a higher or a lower value is better (default higher).
    pub better: Option<Better>,
    /// Extension: what exactly is measured and how, in a sentence.
    pub definition: Option<Text>,
    /// Extension: where the figure comes from (a report, a system, a survey).
    pub source: Option<Text>,
    /// Extension: the date the value was measured, `YYYY-MM-DD`.
    pub as_of: Option<crate::date::Date>,
    /// Extension: `evidence`, what it rests on (text or `{text, source, date, link}`).
    pub evidence: List<super::Evidence>,
    /// Extension: `confidence`, `assumed`, `observed` or `measured`.
    pub confidence: Option<super::Confidence>,
}

impl FromText for Kpi {
    fn from_text(text: String) -> Self {
        Kpi {
            name: Text(text),
            ..Kpi::default()
        }
    }
}

/// A journey's `state:` key: whether the map shows today or a planned future.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum JourneyState {
    /// `current`: the journey as it is today.
    Current,
    /// `future`: the journey as it should become.
    Future,
}

/// A stage of a journey, or a step inside a stage: the same lanes at a finer grain.
/// Its reader is written out (`stage_reader`) so that the book's custom lanes
/// are keys too; the serde attributes here still shape its schema.
#[derive(Debug, Clone, Default, PartialEq, Serialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Stage {
    /// `name`: the stage's name, the column heading (required).
    pub name: Text,
    /// `id`: unique within the journey; defaults to the slug of the name.
    pub id: Option<String>,
    /// `goal`: what the customer wants from this stage.
    pub goal: Option<Text>,
    /// `actions`: what the customer does.
    pub actions: List<Text>,
    /// `touchpoints`: ids of the touchpoints used (checked).
    pub touchpoints: List<Text>,
    /// `thoughts`: what the customer thinks.
    pub thoughts: List<Text>,
    /// `emotion`: a score inside the journey's emotion scale, or one per
    /// persona id (`{maya: 1, raj: -2}`).
    pub emotion: Option<super::ByPersona<f64>>,
    /// `feeling`: a word for the emotion, or one per persona id.
    pub feeling: Option<super::ByPersona<Text>>,
    /// `pain_points`: what hurts here.
    pub pain_points: List<PainPoint>,
    /// `opportunities`: what could be done better here.
    pub opportunities: List<Opportunity>,
    /// `moment_of_truth`: marks the moment that matters most.
    pub moment_of_truth: bool,
    /// `frontstage`: what the customer sees the organisation do.
    pub frontstage: List<Text>,
    /// `backstage`: what the organisation does out of the customer's sight.
    pub backstage: List<Text>,
    /// `support`: the support processes behind the stage.
    pub support: List<Text>,
    /// `owners`: who is responsible for the stage.
    pub owners: List<Text>,
    /// `kpis`: the stage's measures.
    pub kpis: List<Kpi>,
    /// `detail`: the id of a journey that maps this stage in depth (checked).
    pub detail: Option<String>,
    /// `replaces`: ids of the stages of the `compare:` map that this stage
    /// takes the place of (checked), for a renamed, merged or split stage.
    pub replaces: List<Text>,
    /// `steps`: finer steps, with the same keys except `steps`.
    pub steps: List<Stage>,
    /// Extension: the book's custom lanes (`[journeys] custom-lanes`) this
    /// stage fills, by key, each a list of text.
    #[serde(skip)]
    pub custom_lanes: BTreeMap<String, List<Text>>,
    /// Extension: `evidence`, what it rests on (text or `{text, source, date, link}`).
    pub evidence: List<super::Evidence>,
    /// Extension: `confidence`, `assumed`, `observed` or `measured`.
    pub confidence: Option<super::Confidence>,
}

impl FromText for Stage {
    fn from_text(text: String) -> Self {
        Stage {
            name: Text(text),
            ..Stage::default()
        }
    }
}
