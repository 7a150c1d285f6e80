//! Current ↔ future comparison: a journey with `compare:` is paired with its
//! counterpart, stage by stage, to show what changes in emotion, touchpoints,
//! KPIs, pain points and opportunities.
//!
//! Rows follow the future map, because that is the journey being proposed: a
//! renamed, merged or inserted stage sits where the future map puts it. A
//! future stage stands for the current stages it `replaces:`, else for the
//! current stage of the same id.

use super::changes::{kpi_changes, opportunities, pain_point_outcome};
use super::model::{Comparison, ComparisonRow, ComparisonSummary, Journey, Link, Stage, StageLink};
use crate::content::model::JourneyState;
use std::collections::HashMap;

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

/// For each stage of `after`, the indexes of the `before` stages it stands
/// for: those its `replaces:` names, those whose `replaces:` names it (a
/// writer may put the key on either map), else the one of the same id.
fn pairing(before: &Journey, after: &Journey) -> Vec<Vec<usize>> {
    after
        .stages
        .iter()
        .map(|a| {
            let named: Vec<usize> = before
                .stages
                .iter()
                .enumerate()
                .filter(|(_, b)| a.replaces.contains(&b.id) || b.replaces.contains(&a.id))
                .map(|(i, _)| i)
                .collect();
            if named.is_empty() {
                before.stages.iter().position(|b| b.id == a.id).into_iter().collect()
            } else {
                named
            }
        })
        .collect()
}

/// Where each row goes: the `after` stages in order, each `before` stage
/// that none stands for placed after the last row holding an earlier
/// `before` stage (first, when there is none).
fn row_order(paired: &[Vec<usize>], before_count: usize) -> Vec<(Option<usize>, Vec<usize>)> {
    let mut rows: Vec<(Option<usize>, Vec<usize>)> =
        paired.iter().enumerate().map(|(a, b)| (Some(a), b.clone())).collect();
    for dropped in (0..before_count).filter(|b| !paired.iter().any(|p| p.contains(b))) {
        let at = rows
            .iter()
            .rposition(|(_, bs)| bs.iter().any(|&b| b < dropped))
            .map_or(0, |i| i + 1);
        rows.insert(at, (None, vec![dropped]));
    }
    rows
}

fn stage_link(journey: &Journey, stage: &Stage) -> StageLink {
    StageLink {
        name: stage.name.clone(),
        url: format!("{}#{}", journey.info.url, stage.anchor),
    }
}

/// Each touchpoint once, in the order first used.
fn touchpoints_of<'a>(stages: impl Iterator<Item = &'a Stage>) -> Vec<Link> {
    let mut links: Vec<Link> = Vec::new();
    for chip in stages.flat_map(|s| &s.touchpoints) {
        if !links.contains(&chip.link) {
            links.push(chip.link.clone());
        }
    }
    links
}

fn compare_stages(before: &Journey, after: &Journey) -> Comparison {
    // Emotions of the before map, moved onto the after map's scale.
    let (from, to) = (before.emotion_scale, after.emotion_scale);
    let rescale = |v: f64| to.min + (v - from.min) / (from.max - from.min) * (to.max - to.min);
    let order = row_order(&pairing(before, after), before.stages.len());
    let mut summary = ComparisonSummary::default();
    let mut rows = Vec::with_capacity(order.len());
    for (a, bs) in order {
        let olds: Vec<&Stage> = bs.iter().map(|&b| &before.stages[b]).collect();
        let new_stage = a.map(|a| &after.stages[a]);
        let scores: Vec<f64> = olds.iter().filter_map(|s| s.emotion).map(rescale).collect();
        let before_emotion = (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64);
        let after_emotion = new_stage.and_then(|s| s.emotion);
        let old = touchpoints_of(olds.iter().copied());
        let new = touchpoints_of(new_stage.into_iter());
        let name = new_stage.map_or_else(|| olds[0].name.clone(), |s| s.name.clone());
        let replaces: Vec<String> = match new_stage {
            Some(_) => olds
                .iter()
                .filter(|s| !s.name.eq_ignore_ascii_case(&name))
                .map(|s| s.name.clone())
                .collect(),
            None => Vec::new(),
        };
        let pains = pain_point_outcome(&olds, new_stage);
        let kpis = kpi_changes(&olds, new_stage);
        let (opportunities_before, opportunities_after) = opportunities(&olds, new_stage);
        summary.kpis_met += kpis.iter().filter(|k| k.met == Some(true)).count();
        summary.kpis_not_met += kpis.iter().filter(|k| k.met == Some(false)).count();
        summary.pain_points_resolved += pains.resolved.len();
        summary.pain_points_remaining += pains.remaining.len();
        summary.pain_points_new += pains.new.len();
        summary.stages_renamed += usize::from(!replaces.is_empty());
        summary.stages_new += usize::from(olds.is_empty());
        summary.stages_dropped += usize::from(new_stage.is_none());
        rows.push(ComparisonRow {
            stage: name,
            before_stages: olds.iter().map(|s| stage_link(before, s)).collect(),
            after_stage: new_stage.map(|s| stage_link(after, s)),
            replaces,
            before_emotion,
            after_emotion,
            emotion_change: before_emotion.zip(after_emotion).map(|(b, a)| a - b),
            added_touchpoints: new.iter().filter(|t| !old.contains(t)).cloned().collect(),
            removed_touchpoints: old.iter().filter(|t| !new.contains(t)).cloned().collect(),
            kept_touchpoints: old.iter().filter(|t| new.contains(t)).cloned().collect(),
            kpis,
            resolved_pain_points: pains.resolved,
            remaining_pain_points: pains.remaining,
            new_pain_points: pains.new,
            opportunities_before,
            opportunities_after,
            in_before: !olds.is_empty(),
            in_after: new_stage.is_some(),
        });
    }
    Comparison {
        before: before.info.link(),
        after: after.info.link(),
        scale: to,
        rows,
        summary,
    }
}

#[cfg(test)]
mod tests {
    use super::row_order;

    #[test]
    fn dropped_stages_follow_the_stage_before_them() {
        // after: [A←0, B←(1,2) merged, C new]; before 3 was dropped.
        let paired = vec![vec![0], vec![1, 2], vec![]];
        let order = row_order(&paired, 4);
        let shape: Vec<(Option<usize>, Vec<usize>)> = order;
        assert_eq!(
            shape,
            vec![
                (Some(0), vec![0]),
                (Some(1), vec![1, 2]),
                (None, vec![3]),
                (Some(2), vec![]),
            ]
        );
        // A first stage dropped goes first.
        assert_eq!(row_order(&[vec![1]], 2)[0], (None, vec![0]));
    }
}
