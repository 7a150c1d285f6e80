//! Current ↔ future comparison: a journey with `compare:` is paired with its
//! counterpart, stage by stage, to show what changes in emotion and in the
//! touchpoints used.

use super::model::{Comparison, ComparisonRow, Journey, Link, Stage};
use crate::content::model::JourneyState;
use std::collections::{HashMap, HashSet};

/// Fills `comparison` on every journey whose `compare:` names another.
pub(super) fn compare_all(journeys: &mut [Journey]) {
    let journey_at: HashMap<&str, usize> = journeys
        .iter()
        .enumerate()
        .map(|(i, j)| (j.info.id.as_str(), i))
        .collect();
    let comparisons: Vec<(usize, Comparison)> = journeys
        .iter()
        .enumerate()
        .filter_map(|(i, j)| {
            let other = &journeys[*journey_at.get(j.compare.as_ref()?.id.as_str())?];
            let this_is_after = j.state == Some(JourneyState::Future) || other.state == Some(JourneyState::Current);
            let this_is_before = j.state == Some(JourneyState::Current);
            let (before, after) = if this_is_after && !this_is_before {
                (other, j)
            } else {
                (j, other)
            };
            Some((i, compare_stages(before, after)))
        })
        .collect();
    for (i, comparison) in comparisons {
        journeys[i].comparison = Some(comparison);
    }
}

/// Pairs the stages of two maps by id, in the `before` map's order, then
/// the stages only the `after` map has.
fn compare_stages(before: &Journey, after: &Journey) -> Comparison {
    let links = |s: &Stage| -> Vec<Link> { s.touchpoints.iter().map(|c| c.link.clone()).collect() };
    // Emotions of the before map, moved onto the after map's scale.
    let (from, to) = (before.emotion_scale, after.emotion_scale);
    let rescale = |v: f64| to.min + (v - from.min) / (from.max - from.min) * (to.max - to.min);
    let mut rows = Vec::new();
    let mut matched = HashSet::new();
    for stage in &before.stages {
        let counterpart = after.stages.iter().find(|o| o.id == stage.id);
        if let Some(o) = counterpart {
            matched.insert(o.id.clone());
        }
        let old = links(stage);
        let new = counterpart.map(links).unwrap_or_default();
        let before_emotion = stage.emotion.map(rescale);
        let after_emotion = counterpart.and_then(|o| o.emotion);
        rows.push(ComparisonRow {
            stage: stage.name.clone(),
            before_emotion,
            after_emotion,
            emotion_change: before_emotion.zip(after_emotion).map(|(b, a)| a - b),
            added_touchpoints: new.iter().filter(|t| !old.contains(t)).cloned().collect(),
            removed_touchpoints: old.iter().filter(|t| !new.contains(t)).cloned().collect(),
            kept_touchpoints: old.iter().filter(|t| new.contains(t)).cloned().collect(),
            in_before: true,
            in_after: counterpart.is_some(),
        });
    }
    for o in after.stages.iter().filter(|o| !matched.contains(&o.id)) {
        rows.push(ComparisonRow {
            stage: o.name.clone(),
            before_emotion: None,
            after_emotion: o.emotion,
            emotion_change: None,
            added_touchpoints: links(o),
            removed_touchpoints: Vec::new(),
            kept_touchpoints: Vec::new(),
            in_before: false,
            in_after: true,
        });
    }
    Comparison {
        before: before.info.link(),
        after: after.info.link(),
        scale: to,
        rows,
    }
}
