//! The resolved site: plain, serialisable data. It is what templates see,
//! what `journeybook.json` holds and what tests inspect. Every `url` is
//! relative to the site root; templates prefix it with the page's `root`.

use crate::config::EmotionScale;
use crate::content::model::{JourneyState, Level};
use crate::content::Kind;
use crate::markdown::Heading;
use serde::Serialize;
use std::sync::Arc;

/// The whole resolved site: what `journeybook.json` holds; each page's template gets its
/// part of it.
#[derive(Debug, Clone, Serialize)]
pub struct Site {
    /// book.toml's `[book]` table: title, description, authors and language.
    pub book: BookInfo,
    /// The stage names of book.toml, then any other stage names in use.
    pub stage_order: Vec<String>,
    /// The home page, from `content/index.md` when it exists.
    pub home: Option<Page>,
    /// The plain pages (not the home page), folder by folder in reading order.
    pub pages: Vec<Page>,
    /// Every persona, in reading order: by weight, then name.
    pub personas: Vec<Persona>,
    /// Every journey map, in reading order: by weight, then title.
    pub journeys: Vec<Journey>,
    /// Every touchpoint, in reading order: by weight, then name.
    pub touchpoints: Vec<Touchpoint>,
    /// The roll-ups across all journeys, for the Insights pages.
    pub insights: Insights,
    /// The date the build ran, YYYY-MM-DD.
    pub built_on: String,
}

/// The book's own details, from book.toml's `[book]` table.
#[derive(Debug, Clone, Serialize)]
pub struct BookInfo {
    /// The book's title, shown in the top bar and every page title (default "Customer journeys").
    pub title: String,
    /// One line about the book, for the home page and each page's `<meta>` description.
    pub description: Option<String>,
    /// The authors, as book.toml lists them.
    pub authors: Vec<String>,
    /// The content's language, e.g. `en` or `de-CH`: every page's `lang`, and the theme's words.
    pub language: String,
}

/// A link to another page of the site. Cheap to clone: every page has one,
/// shared by all the places that link to it.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(transparent)]
pub struct Link(Arc<LinkTarget>);

/// What a [`Link`] points at; templates read these three fields through the link.
#[derive(Debug, Serialize, PartialEq)]
pub struct LinkTarget {
    /// The page's id, e.g. `live-chat` (a plain page's is its content path without `.md`).
    pub id: String,
    /// The page's title, or a persona's or touchpoint's name: the text of links to it.
    pub title: String,
    /// The page's output path, relative to the site root, e.g. `touchpoints/live-chat.html`.
    pub url: String,
}

impl Link {
    /// A link to the page with this id, title and URL (relative to the site root).
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
    /// The page's id: its `id:` key, else the file stem (a plain page's content path without `.md`).
    pub id: String,
    /// `persona`, `journey`, `touchpoint` or `page`.
    pub kind: Kind,
    /// The title: a persona's or touchpoint's name, else `title:`, else (plain pages) the
    /// first heading, else the file name.
    pub title: String,
    /// The `description:` key: one line for index pages and search results.
    pub description: Option<String>,
    /// The page's output path, relative to the site root, e.g. `journeys/buying.html`.
    pub url: String,
    /// The Markdown file, relative to the content folder.
    pub source: String,
    /// The `tags:` key, as written.
    pub tags: Vec<String>,
    /// The `weight:` key: lower comes first in its section; pages without one come last.
    pub weight: Option<i64>,
    /// The `template:` key: the theme's template that renders the page instead of its kind's own.
    pub template: Option<String>,
    /// The `draft:` key; drafts are in the site only when built with `--drafts`.
    pub draft: bool,
    /// Whether search finds the page (front matter `search: false` says no).
    pub search: bool,
    /// The rendered Markdown. Templates get it as `body_html`; the JSON export
    /// leaves it out, as the pages hold it.
    #[serde(skip)]
    pub body_html: String,
    /// The page's headings in order (level, plain text, anchor id), for a table of contents.
    pub toc: Vec<Heading>,
    /// The page's one shared link.
    #[serde(skip)]
    pub link: Link,
}

impl PageInfo {
    /// The page's shared link, cloned (cheap: the target is shared).
    pub fn link(&self) -> Link {
        self.link.clone()
    }
}

/// A plain page of Markdown (guides, and the home page).
#[derive(Debug, Clone, Serialize)]
pub struct Page {
    /// What every page has; its fields appear on the page itself in templates.
    #[serde(flatten)]
    pub info: PageInfo,
    /// The body opens with its own top-level heading, so the theme need not print the title.
    pub body_has_title: bool,
    /// The folder of content/ the page sits in, e.g. `guides/onboarding` ("" at the top level).
    pub section: String,
}

/// One entry of a free-form map, such as a persona's demographics.
#[derive(Debug, Clone, Serialize)]
pub struct KeyValue {
    /// The name written before the colon, e.g. `age`.
    pub key: String,
    /// The value as written, e.g. `29`.
    pub value: String,
}

/// A persona page: the profile from its front matter and the journeys it is in.
#[derive(Debug, Clone, Serialize)]
pub struct Persona {
    /// What every page has; its fields appear on the persona itself in templates.
    #[serde(flatten)]
    pub info: PageInfo,
    /// The `name:` key (else the title or file name), e.g. Alex Rivera.
    pub name: String,
    /// The `role:` (or `occupation:`) key.
    pub role: Option<String>,
    /// The `quote:` key: a motto, in the persona's words.
    pub quote: Option<String>,
    /// Relative to the site root.
    pub avatar: Option<String>,
    /// The `segment:` key: the customer segment the persona stands for.
    pub segment: Option<String>,
    /// The `demographics:` map, in the order written.
    pub demographics: Vec<KeyValue>,
    /// The `goals:` key: what the persona wants to achieve.
    pub goals: Vec<String>,
    /// The `needs:` key: what the persona needs to get there.
    pub needs: Vec<String>,
    /// The `pain_points:` key: what troubles the persona in general (not a stage's pain points).
    pub pain_points: Vec<String>,
    /// The `motivations:` key: what drives the persona.
    pub motivations: Vec<String>,
    /// The `behaviors:` (or `behaviours:`) key: what the persona habitually does.
    pub behaviors: Vec<String>,
    /// The touchpoints of `channels:`, in the order written.
    pub channels: Vec<TouchpointChip>,
    /// The `sources:` key: the evidence behind the persona.
    pub sources: Vec<String>,
    /// Every journey the persona is in.
    pub journeys: Vec<JourneySummary>,
}

/// A journey as a persona page lists it, with what its sparkline needs.
#[derive(Debug, Clone, Serialize)]
pub struct JourneySummary {
    /// The journey's id, title and URL, flattened into the summary.
    #[serde(flatten)]
    pub link: Link,
    /// The journey's `state:`: `current` or `future`.
    pub state: Option<JourneyState>,
    /// Whether the map is past its review date.
    pub stale: bool,
    /// The stage emotions in order, for sparklines.
    pub emotions: Vec<Option<f64>>,
    /// The journey's emotion scale, which the sparkline is drawn against.
    pub emotion_scale: EmotionScale,
}

/// A persona as a journey names it: enough to show a face and a role.
#[derive(Debug, Clone, Serialize)]
pub struct PersonaChip {
    /// The persona's id, name and URL, flattened into the chip.
    #[serde(flatten)]
    pub link: Link,
    /// The persona's avatar, as [`Persona::avatar`].
    pub avatar: Option<String>,
    /// The persona's role.
    pub role: Option<String>,
}

/// A touchpoint as a stage or persona names it: a link and its channel.
#[derive(Debug, Clone, Serialize)]
pub struct TouchpointChip {
    /// The touchpoint's id, name and URL, flattened into the chip.
    #[serde(flatten)]
    pub link: Link,
    /// The touchpoint's `channel:`: `digital`, `physical`, `human` or other text.
    pub channel: Option<String>,
}

/// A touchpoint page: its details and every stage and step that uses it.
#[derive(Debug, Clone, Serialize)]
pub struct Touchpoint {
    /// What every page has; its fields appear on the touchpoint itself in templates.
    #[serde(flatten)]
    pub info: PageInfo,
    /// The `name:` key (else the title or file name).
    pub name: String,
    /// The `channel:` key: `digital`, `physical`, `human` or other text.
    pub channel: Option<String>,
    /// The `type:` key (`type` in templates): `direct`, `indirect` or `third-party`.
    #[serde(rename = "type")]
    pub touchpoint_type: Option<String>,
    /// The `owner:` key: who is responsible for the touchpoint.
    pub owner: Option<String>,
    /// The `systems:` key: the systems behind the touchpoint.
    pub systems: Vec<String>,
    /// Every journey stage (or step) that uses it.
    pub used_in: Vec<Usage>,
    /// Personas that list it among their channels.
    pub personas: Vec<Link>,
}

/// One journey stage or step that uses a touchpoint, as the touchpoint page lists it.
#[derive(Debug, Clone, Serialize)]
pub struct Usage {
    /// The journey the stage is in.
    pub journey: Link,
    /// The stage's name.
    pub stage: String,
    /// Relative to the site root, to the stage on the journey's page.
    pub stage_url: String,
    /// The step's name, when a step (not the stage itself) uses the touchpoint.
    pub step: Option<String>,
    /// The emotion score of that stage or step.
    pub emotion: Option<f64>,
    /// The `feeling:` word of that stage or step.
    pub feeling: Option<String>,
    /// The pain points of that stage or step.
    pub pain_points: Arc<[PainPointView]>,
    /// The opportunities of that stage or step.
    pub opportunities: Arc<[OpportunityView]>,
}

/// A journey's review schedule and whether the map is stale.
#[derive(Debug, Clone, Serialize)]
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
}

/// A lane (row) of a journey map, as the map draws it.
#[derive(Debug, Clone, Serialize)]
pub struct LaneInfo {
    /// The lane's key, which also names its label in the theme's words (`t.lanes`).
    pub key: &'static str,
    /// The service-blueprint line drawn above this lane, if it starts a new
    /// layer: `interaction`, `visibility` or `internal_interaction` (the
    /// theme's words name them, `t.blueprint`).
    pub line_before: Option<&'static str>,
}

/// A journey map page: its personas, stages and lanes, review schedule and comparison.
#[derive(Debug, Clone, Serialize)]
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
}

/// A stage of another journey, as the deep dive of that stage links back to it.
#[derive(Debug, Clone, Serialize)]
pub struct StageRef {
    /// The journey the stage is in.
    pub journey: Link,
    /// The stage's name.
    pub stage: String,
    /// Relative to the site root, to the stage on the journey's page.
    pub stage_url: String,
}

/// A pain point of a stage or step.
#[derive(Debug, Clone, Serialize)]
pub struct PainPointView {
    /// What hurts, in the writer's words.
    pub text: String,
    /// `severity:`: `low`, `medium` or `high`, if given.
    pub severity: Option<Level>,
    /// Extension: the touchpoint where it hurts, from `touchpoint:`.
    pub touchpoint: Option<Link>,
}

/// An opportunity of a stage or step.
#[derive(Debug, Clone, Serialize)]
pub struct OpportunityView {
    /// The opportunity, in the writer's words.
    pub text: String,
    /// `priority:`: `low`, `medium` or `high`, if given.
    pub priority: Option<Level>,
    /// `owner:`: who would take it on.
    pub owner: Option<String>,
}

/// A KPI of a stage or step, with its value against its target.
#[derive(Debug, Clone, Serialize)]
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
}

/// A stage of a journey, or a step inside one.
#[derive(Debug, Clone, Serialize)]
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
    /// The `emotion:` score, inside the journey's emotion scale.
    pub emotion: Option<f64>,
    /// The `feeling:` key: a word for the emotion.
    pub feeling: Option<String>,
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
    /// The `steps:` inside this stage (always empty for a step).
    pub steps: Vec<Stage>,
    /// The lanes this stage or step fills itself (not counting its steps).
    pub filled_lanes: Vec<&'static str>,
}

/// A current map against its future counterpart, stage by stage. `before`
/// is the current-state map (or, without states, the page's own map).
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    /// The map compared from: the current-state one (without states, the page's own).
    pub before: Link,
    /// The map compared to: the future-state one (without states, the `compare` map).
    pub after: Link,
    /// The `after` map's scale: the `before` map's scores are moved onto it.
    pub scale: EmotionScale,
    /// One row per stage of the `before` map, in order, then the stages only `after` has.
    pub rows: Vec<ComparisonRow>,
}

/// One stage of a comparison; stages are paired by id.
#[derive(Debug, Clone, Serialize)]
pub struct ComparisonRow {
    /// The stage's name (from the `before` map when both have it).
    pub stage: String,
    /// Both on the `after` map's emotion scale.
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
    /// Whether the `before` map has this stage.
    pub in_before: bool,
    /// Whether the `after` map has this stage.
    pub in_after: bool,
}

/// The roll-ups across all journeys, for the Insights pages.
#[derive(Debug, Clone, Default, Serialize)]
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
#[derive(Debug, Clone, Serialize)]
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
#[derive(Debug, Clone, Serialize)]
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
#[derive(Debug, Clone, Default, Serialize)]
pub struct Matrix {
    /// The columns: the stage names (in the playbook's stage order) where some touchpoint is used.
    pub stages: Vec<String>,
    /// One row per touchpoint, in touchpoint order.
    pub rows: Vec<MatrixRow>,
}

/// One touchpoint's row of the matrix.
#[derive(Debug, Clone, Serialize)]
pub struct MatrixRow {
    /// The touchpoint.
    pub touchpoint: Link,
    /// For each stage name, how many journeys use the touchpoint there.
    pub counts: Vec<usize>,
    /// The sum of `counts`.
    pub total: usize,
}

/// A map past its review date, as the stale-maps roll-up lists it.
#[derive(Debug, Clone, Serialize)]
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
