//! The insights overview's board: what a leadership team opens first. It
//! reads the current maps only (and maps without a `state`), because a
//! future map's pain points and KPI gaps are the plan, not the present.

use super::model::*;
use crate::content::model::{JourneyState, Level};

/// How many items each list on the board shows; the roll-ups hold the rest.
const SHOWN: usize = 8;
/// A review due within this many days is on the board.
const DUE_WITHIN_DAYS: i64 = 30;

fn is_current(journey: &Journey) -> bool {
    journey.state != Some(JourneyState::Future)
}

/// A stage and its steps, each with the step's name when it is one.
fn spots(stage: &Stage) -> impl Iterator<Item = (Option<&str>, &Stage)> {
    std::iter::once((None, stage)).chain(stage.steps.iter().map(|s| (Some(s.name.as_str()), s)))
}

pub(super) fn board(journeys: &[Journey], pain_points: &[PainPointRow], opportunities: &[OpportunityRow]) -> Board {
    let current: Vec<&Journey> = journeys.iter().filter(|j| is_current(j)).collect();
    // A set: every pain point and opportunity asks, so a scan of the maps
    // each time made the board quadratic in the playbook's size.
    let current_urls: std::collections::HashSet<&str> = current.iter().map(|j| j.info.url.as_str()).collect();
    let is_current_url = |url: &str| current_urls.contains(url);
    let high: Vec<&PainPointRow> = pain_points
        .iter()
        .filter(|p| p.severity == Some(Level::High) && is_current_url(&p.journey.url))
        .collect();
    let missed = kpis_not_met(&current);
    Board {
        high_pain_point_count: high.len(),
        high_pain_points: high.into_iter().take(SHOWN).cloned().collect(),
        low_moments: low_moments(&current),
        kpis_not_met_count: missed.len(),
        kpis_not_met: missed.into_iter().take(SHOWN).collect(),
        owners: owners(opportunities, &is_current_url),
        reviews_due: reviews_due(journeys),
    }
}

/// The lowest scores below each map's midpoint, compared as a share of
/// each map's own scale so maps on different scales rank together.
fn low_moments(current: &[&Journey]) -> Vec<Moment> {
    let mut moments: Vec<(f64, Moment)> = Vec::new();
    for journey in current {
        let scale = journey.emotion_scale;
        let midpoint = (scale.min + scale.max) / 2.0;
        for stage in &journey.stages {
            for (step, spot) in spots(stage) {
                // A map that scores each persona counts each persona's low.
                let scores: Vec<(Option<&str>, f64, Option<String>)> = match spot.emotions.is_empty() {
                    true => spot
                        .emotion
                        .map(|e| (None, e, spot.feeling.clone()))
                        .into_iter()
                        .collect(),
                    false => spot
                        .emotions
                        .iter()
                        .filter_map(|e| Some((Some(e.name.as_str()), e.score?, e.feeling.clone())))
                        .collect(),
                };
                for (persona, emotion, feeling) in scores.into_iter().filter(|s| s.1 < midpoint) {
                    let share = (emotion - scale.min) / (scale.max - scale.min);
                    moments.push((
                        share,
                        Moment {
                            journey: journey.info.link(),
                            stage: stage.name.clone(),
                            step: step.map(str::to_owned),
                            stage_url: format!("{}#{}", journey.info.url, spot.anchor),
                            emotion,
                            scale,
                            feeling,
                            persona: persona.map(str::to_owned),
                        },
                    ));
                }
            }
        }
    }
    moments.sort_by(|a, b| a.0.total_cmp(&b.0));
    moments.into_iter().take(SHOWN).map(|(_, m)| m).collect()
}

fn kpis_not_met(current: &[&Journey]) -> Vec<KpiRow> {
    let mut rows = Vec::new();
    for journey in current {
        for stage in &journey.stages {
            for (_, spot) in spots(stage) {
                for kpi in spot.kpis.iter().filter(|k| k.met == Some(false)) {
                    rows.push(KpiRow {
                        journey: journey.info.link(),
                        stage: stage.name.clone(),
                        stage_url: format!("{}#{}", journey.info.url, spot.anchor),
                        kpi: kpi.clone(),
                    });
                }
            }
        }
    }
    rows
}

/// Each owner's opportunities on the current maps, counted by priority.
/// The backlog is sorted by priority, so an owner's first row is their top one.
fn owners(opportunities: &[OpportunityRow], is_current_url: &dyn Fn(&str) -> bool) -> Vec<OwnerRow> {
    let mut rows: Vec<OwnerRow> = Vec::new();
    for o in opportunities.iter().filter(|o| is_current_url(&o.journey.url)) {
        let row = match rows.iter().position(|r| r.owner == o.owner) {
            Some(i) => &mut rows[i],
            None => {
                rows.push(OwnerRow {
                    owner: o.owner.clone(),
                    high: 0,
                    medium: 0,
                    low: 0,
                    unrated: 0,
                    total: 0,
                    top: o.clone(),
                });
                let last = rows.len() - 1;
                &mut rows[last]
            }
        };
        match o.priority {
            Some(Level::High) => row.high += 1,
            Some(Level::Medium) => row.medium += 1,
            Some(Level::Low) => row.low += 1,
            None => row.unrated += 1,
        }
        row.total += 1;
    }
    // Owned work before the unowned, then by the weight of what each holds.
    rows.sort_by_key(|r| (r.owner.is_none(), std::cmp::Reverse((r.high, r.medium, r.total))));
    rows
}

/// Every map (current or future) whose review is overdue or due soon.
fn reviews_due(journeys: &[Journey]) -> Vec<DueRow> {
    let mut rows: Vec<DueRow> = journeys
        .iter()
        .filter_map(|j| {
            let days_left = j.review.days_left.filter(|d| *d <= DUE_WITHIN_DAYS)?;
            Some(DueRow {
                journey: j.info.link(),
                owner: j.owner.clone(),
                due: j.review.due.clone()?,
                days_left,
            })
        })
        .collect();
    rows.sort_by_key(|r| r.days_left);
    rows
}
