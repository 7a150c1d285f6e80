//! Roll-ups across all journeys: pain points, opportunities, the touchpoint
//! × stage matrix, the board and the stale maps.

use super::model::*;
use crate::config::Config;
use crate::content::model::JourneyState;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

/// The stage names of book.toml, then every other stage name in use, in the
/// order journeys use them. Names match case-insensitively.
pub(super) fn stage_order(config: &Config, journeys: &[Journey]) -> Vec<String> {
    let mut order: Vec<String> = config.journeys.stages.clone();
    let mut seen: HashSet<String> = order.iter().map(|s| s.to_lowercase()).collect();
    // A name spelt as one met before needs no lowercasing: most maps share their stages' names.
    let mut met: HashSet<&str> = HashSet::new();
    for journey in journeys {
        for stage in &journey.stages {
            if met.insert(&stage.name) && seen.insert(stage.name.to_lowercase()) {
                order.push(stage.name.clone());
            }
        }
    }
    order
}

fn severity_rank(level: Option<crate::content::model::Level>) -> u8 {
    level.map_or(3, |l| 2 - l as u8)
}

pub(super) fn build_insights(journeys: &[Journey], touchpoints: &[Touchpoint], stage_order: &[String]) -> Insights {
    let ((pain_points, opportunities), (matrix, future_matrix)) = rayon::join(
        || roll_up_rows(journeys),
        || matrices(journeys, touchpoints, stage_order),
    );
    // The board, KPIs and assumptions each read every journey: made side by side.
    let (board, (kpis, assumptions)) = rayon::join(
        || super::board::board(journeys, &pain_points, &opportunities),
        || {
            rayon::join(
                || super::kpis::kpi_groups(journeys),
                || super::assumptions::assumption_groups(journeys),
            )
        },
    );
    let stale = journeys
        .iter()
        .filter(|j| j.review.stale)
        .map(|j| StaleRow {
            journey: j.info.link(),
            owner: j.owner.clone(),
            reviewed: j.review.reviewed.clone(),
            due: j.review.due.clone(),
            days_overdue: j.review.days_overdue,
        })
        .collect();
    Insights {
        pain_points,
        opportunities,
        matrix,
        future_matrix,
        board,
        stale,
        kpis,
        landscape: Vec::new(),
        assumptions,
    }
}

/// Every pain point, most severe first, and every opportunity, by priority
/// then owner; journey and stage order within each.
fn roll_up_rows(journeys: &[Journey]) -> (Vec<PainPointRow>, Vec<OpportunityRow>) {
    let per_journey: Vec<(Vec<PainPointRow>, Vec<OpportunityRow>)> = journeys.par_iter().map(rows_of).collect();
    let mut pain_points = Vec::with_capacity(per_journey.iter().map(|(p, _)| p.len()).sum());
    let mut opportunities = Vec::with_capacity(per_journey.iter().map(|(_, o)| o.len()).sum());
    for (p, o) in per_journey {
        pain_points.extend(p);
        opportunities.extend(o);
    }
    // Stable sorts keep journey and stage order inside each group.
    pain_points.par_sort_by_key(|p| severity_rank(p.severity));
    opportunities.par_sort_by(|a, b| {
        (severity_rank(a.priority), a.owner.is_none(), &a.owner).cmp(&(
            severity_rank(b.priority),
            b.owner.is_none(),
            &b.owner,
        ))
    });
    (pain_points, opportunities)
}

fn rows_of(journey: &Journey) -> (Vec<PainPointRow>, Vec<OpportunityRow>) {
    let mut pain_points = Vec::new();
    let mut opportunities = Vec::new();
    let link = journey.info.link();
    for stage in &journey.stages {
        let stage_url = format!("{}#{}", link.url, stage.anchor);
        let rows = std::iter::once((None, stage)).chain(stage.steps.iter().map(|s| (Some(s.name.clone()), s)));
        for (step, s) in rows {
            for p in s.pain_points.iter() {
                let touchpoints = match &p.touchpoint {
                    Some(t) => vec![t.clone()],
                    None => s.touchpoints.iter().map(|c| c.link.clone()).collect(),
                };
                pain_points.push(PainPointRow {
                    text: p.text.clone(),
                    severity: p.severity,
                    journey: link.clone(),
                    stage: stage.name.clone(),
                    stage_url: stage_url.clone(),
                    step: step.clone(),
                    touchpoints,
                    addressed_by: p.addressed_by.clone(),
                });
            }
            for o in s.opportunities.iter() {
                opportunities.push(OpportunityRow {
                    text: o.text.clone(),
                    priority: o.priority,
                    status: o.status,
                    addresses: o.addresses.clone(),
                    owner: o.owner.clone(),
                    journey: link.clone(),
                    stage: stage.name.clone(),
                    stage_url: stage_url.clone(),
                    step: step.clone(),
                });
            }
        }
    }
    (pain_points, opportunities)
}

/// How many journeys use each touchpoint at each stage name in use: the
/// current maps and the future ones apart, each on the stages it uses. A deep dive
/// (a journey some stage's `detail:` names) counts at that parent stage, so
/// its finer stages do not become columns of their own.
fn matrices(journeys: &[Journey], touchpoints: &[Touchpoint], stage_order: &[String]) -> (Matrix, Matrix) {
    let column_of: HashMap<String, usize> = stage_order
        .iter()
        .enumerate()
        .map(|(i, s)| (s.to_lowercase(), i))
        .collect();
    let touchpoint_at: HashMap<&str, usize> = touchpoints
        .iter()
        .enumerate()
        .map(|(i, t)| (t.info.id.as_str(), i))
        .collect();
    // (touchpoint, stage column, journey) by index: at scale, pairs of ids
    // cloned per use would weigh megabytes at the build's busiest moment.
    let mut uses: [HashSet<(usize, usize, usize)>; 2] = Default::default();
    for (j, journey) in journeys.iter().enumerate() {
        let future = usize::from(journey.state == Some(JourneyState::Future));
        let parent_column = journey
            .detail_of
            .first()
            .and_then(|parent| column_of.get(&parent.stage.to_lowercase()));
        for stage in &journey.stages {
            let Some(&col) = parent_column.or_else(|| column_of.get(&stage.name.to_lowercase())) else {
                continue;
            };
            let chips = stage
                .touchpoints
                .iter()
                .chain(stage.steps.iter().flat_map(|s| &s.touchpoints));
            for chip in chips {
                if let Some(&t) = touchpoint_at.get(chip.link.id.as_str()) {
                    uses[future].insert((t, col, j));
                }
            }
        }
    }
    let [current, future] = uses.map(|uses| {
        let used: HashSet<usize> = uses.iter().map(|(_, col, _)| *col).collect();
        let used_columns: Vec<usize> = (0..stage_order.len()).filter(|c| used.contains(c)).collect();
        let mut counts: HashMap<(usize, usize), usize> = HashMap::new();
        for (tp, col, _) in &uses {
            *counts.entry((*tp, *col)).or_default() += 1;
        }
        let rows = touchpoints
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let row: Vec<usize> = used_columns
                    .iter()
                    .map(|c| counts.get(&(i, *c)).copied().unwrap_or(0))
                    .collect();
                MatrixRow {
                    touchpoint: t.info.link(),
                    total: row.iter().sum(),
                    counts: row,
                }
            })
            .collect();
        Matrix {
            stages: used_columns.iter().map(|&c| stage_order[c].clone()).collect(),
            rows,
        }
    });
    (current, future)
}
