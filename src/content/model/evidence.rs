//! Extension (issue 14): what a stage, step, pain point, opportunity or KPI
//! rests on. `evidence:` lists where a claim comes from; `confidence:` says
//! how sure the team is, so that guesses can be told from measurements.

use super::{FromText, Text};
use crate::date::Date;
use serde::{Deserialize, Serialize};

/// How sure the team is of an item: `assumed`, `observed` or `measured`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// `assumed`: a belief nobody has checked yet; listed under "Assumptions to test".
    Assumed,
    /// `observed`: seen in research (interviews, sessions, support tickets).
    Observed,
    /// `measured`: backed by figures (analytics, a survey, a report).
    Measured,
}

impl Confidence {
    /// The confidence as written in front matter.
    pub fn name(self) -> &'static str {
        match self {
            Confidence::Assumed => "assumed",
            Confidence::Observed => "observed",
            Confidence::Measured => "measured",
        }
    }
}

/// One piece of evidence: text, or `{text, source, date, link}`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Evidence {
    /// `text`: what was found, in the writer's words.
    pub text: Text,
    /// `source`: where it comes from; one of a persona's `sources:` links to it.
    pub source: Option<Text>,
    /// `date`: when it was found, `YYYY-MM-DD`.
    pub date: Option<Date>,
    /// `link`: an `http(s)://` address, or the content path of a page of the book
    /// (e.g. `personas/maya.md#sources`), checked.
    pub link: Option<String>,
}

impl FromText for Evidence {
    fn from_text(text: String) -> Self {
        Evidence {
            text: Text(text),
            ..Evidence::default()
        }
    }
}
