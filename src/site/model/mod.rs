//! The resolved site: plain, serialisable data. It is what templates see,
//! what `journeybook.json` holds and what tests inspect. Every `url` is
//! relative to the site root; templates prefix it with the page's `root`.

use crate::config::EmotionScale;
use crate::content::model::JourneyState;
use crate::content::Kind;
use crate::markdown::Heading;
use serde::Serialize;
use std::sync::Arc;

mod evidence;
mod insights;
mod journey;

pub use evidence::*;
pub use insights::*;
pub use journey::*;

/// The whole resolved site: what `journeybook.json` holds; each page's template gets its
/// part of it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, Serialize, PartialEq, schemars::JsonSchema)]
#[serde(transparent)]
pub struct Link(Arc<LinkTarget>);

/// What a [`Link`] points at; templates read these three fields through the link.
#[derive(Debug, Serialize, PartialEq, schemars::JsonSchema)]
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
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
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
    pub body: super::Body,
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
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct KeyValue {
    /// The name written before the colon, e.g. `age`.
    pub key: String,
    /// The value as written, e.g. `29`.
    pub value: String,
}

/// A persona page: the profile from its front matter and the journeys it is in.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
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
    /// Extension: `sources:` again, each with its anchor and the map items citing it.
    pub cited_sources: Vec<PersonaSource>,
}

/// A journey as a persona page lists it, with what its sparkline needs.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct TouchpointChip {
    /// The touchpoint's id, name and URL, flattened into the chip.
    #[serde(flatten)]
    pub link: Link,
    /// The touchpoint's `channel:`: `digital`, `physical`, `human` or other text.
    pub channel: Option<String>,
}

/// A touchpoint page: its details and every stage and step that uses it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
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
    #[serde(serialize_with = "usages")]
    pub used_in: Vec<Usage>,
    /// Personas that list it among their channels.
    pub personas: Vec<Link>,
}

/// One journey stage or step that uses a touchpoint, as the touchpoint page lists it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Usage {
    /// The journey the stage is in.
    pub journey: Link,
    /// That journey's `state:`, when written.
    pub state: Option<JourneyState>,
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
    /// The hash of all the above, made once for the touchpoints of one stage
    /// or step (0 when not made): what a page's inputs hash in its place.
    #[serde(skip)]
    pub digest: u128,
}

/// A touchpoint's usages: to a fingerprint (the one compact serialiser
/// here) each usage's digest, as each of a stage's touchpoints would hash
/// the same stage again; to templates and exports the usages themselves.
fn usages<S: serde::Serializer>(list: &[Usage], serializer: S) -> Result<S::Ok, S::Error> {
    if serializer.is_human_readable() || list.iter().any(|usage| usage.digest == 0) {
        return serializer.collect_seq(list);
    }
    serializer.collect_seq(list.iter().map(|usage| usage.digest))
}
