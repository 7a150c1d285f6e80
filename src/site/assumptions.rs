//! Extension (issue 14): the "Assumptions to test" roll-up, every item a map
//! marks `confidence: assumed`, journey by journey, with where it is.

use super::evidence::items;
use super::model::{AssumptionGroup, Journey};
use crate::content::model::Confidence;

/// One group per journey with assumed items, in journey order.
pub(super) fn assumption_groups(journeys: &[Journey]) -> Vec<AssumptionGroup> {
    journeys
        .iter()
        .filter_map(|journey| {
            let assumed = |confidence, _: &_| confidence == Some(Confidence::Assumed);
            let rows: Vec<_> = items(journey, assumed).into_iter().map(|(item, _)| item).collect();
            (!rows.is_empty()).then(|| AssumptionGroup {
                journey: journey.info.link(),
                state: journey.state,
                rows,
            })
        })
        .collect()
}
