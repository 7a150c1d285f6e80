//! The review schedule: when a map was last reviewed, when the next review
//! is due, and whether it is stale (past due as of the build's date).

use super::model::{Journey, Review};
use super::references::Resolver;
use crate::content::model::JourneyFront;
use crate::content::{Kind, Place};
use crate::diagnostics::Diagnostic;

impl Resolver<'_> {
    /// A journey's own `review_every`, else book.toml's.
    pub(super) fn review(&self, front: &JourneyFront) -> Review {
        let every = front.review_every.or(self.config.journeys.review_every);
        let due = match (front.reviewed, every) {
            (Some(r), Some(e)) => Some(r.add_days(i64::from(e))),
            _ => None,
        };
        let overdue = due.map_or(0, |d| d.days_until(self.today));
        Review {
            reviewed: front.reviewed.map(|d| d.to_string()),
            every_days: every,
            due: due.map(|d| d.to_string()),
            stale: overdue > 0,
            days_overdue: overdue.max(0),
            days_left: due.map(|_| -overdue),
        }
    }

    /// Warns about a stale map, at its `reviewed:` date.
    pub(super) fn stale_warning(&self, journey: &Journey) {
        let Some(&index) = self.by_id.get(&(Kind::Journey, journey.info.id.as_str())) else {
            return;
        };
        let review = &journey.review;
        self.report(
            Diagnostic::warning(format!(
                "journey map `{}` is stale: last reviewed {}, review was due {} ({} days ago)",
                journey.info.id,
                review.reviewed.as_deref().unwrap_or("never"),
                review.due.as_deref().unwrap_or("-"),
                review.days_overdue
            ))
            .at(self.docs[index].locator().find(None, "reviewed", Place::All))
            .with_help("review the map with its owner, then set `reviewed:` to the date of the review"),
        );
    }

    /// Warns about a `reviewed:` date after the build's date: a typo in the
    /// year, most often, that would keep the map from ever going stale.
    pub(super) fn future_review_warning(&self, journey: &Journey) {
        let Some(reviewed) = journey.review.reviewed.as_deref().and_then(crate::date::Date::parse) else {
            return;
        };
        let days_ahead = self.today.days_until(reviewed);
        if days_ahead <= 0 {
            return;
        }
        let Some(&index) = self.by_id.get(&(Kind::Journey, journey.info.id.as_str())) else {
            return;
        };
        self.report(
            Diagnostic::warning(format!(
                "journey map `{}` was reviewed in the future: `reviewed: {reviewed}` is {days_ahead} days after today ({})",
                journey.info.id, self.today
            ))
            .at(self.docs[index].locator().find(Some(&reviewed.to_string()), "reviewed", Place::All))
            .with_help("set `reviewed:` to the date the map was last reviewed (YYYY-MM-DD)"),
        );
    }
}
