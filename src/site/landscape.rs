//! The journey landscape: the hierarchy that `parent:` (sub-journeys) and
//! stages' `detail:` (deep dives) make of the journeys, each journey's
//! place in it (its ancestors, for breadcrumbs) and its health at a glance.

use super::model::*;
use super::references::Resolver;
use crate::content::model::Level;
use crate::content::{Kind, Place};
use crate::date::Date;
use crate::diagnostics::Diagnostic;
use std::collections::HashMap;

/// A review due within this many days is shown as due rather than fresh.
const DUE_SOON_DAYS: i64 = 30;

impl Resolver<'_> {
    /// Reports each cycle of `parent:` once, at the `parent:` of its first
    /// journey in reading order of the files, and cuts it there, so that
    /// every journey has a way up to the top.
    pub(super) fn cut_parent_cycles(&self, journeys: &mut [Journey]) {
        let at: HashMap<String, usize> = journeys
            .iter()
            .enumerate()
            .map(|(i, j)| (j.info.id.clone(), i))
            .collect();
        let up = |journeys: &[Journey], i: usize| -> Option<usize> {
            journeys[i].parent.as_ref().and_then(|p| at.get(&p.id)).copied()
        };
        let mut reaches_top = vec![false; journeys.len()];
        for start in 0..journeys.len() {
            let mut path: Vec<usize> = Vec::new();
            let mut current = Some(start);
            while let Some(i) = current {
                if reaches_top[i] {
                    break;
                }
                if let Some(pos) = path.iter().position(|&p| p == i) {
                    let first = path[pos..].iter().copied().min().unwrap_or(i);
                    self.report_cycle(journeys, first, &up);
                    journeys[first].parent = None;
                    break;
                }
                path.push(i);
                current = up(journeys, i);
            }
            for i in path {
                reaches_top[i] = true;
            }
        }
    }

    fn report_cycle(&self, journeys: &[Journey], first: usize, up: &dyn Fn(&[Journey], usize) -> Option<usize>) {
        let id = journeys[first].info.id.as_str();
        let Some(&doc) = self.by_id.get(&(Kind::Journey, id)) else {
            return;
        };
        let mut names = vec![id.to_owned()];
        let mut current = up(journeys, first);
        while let Some(i) = current.filter(|&i| i != first) {
            names.push(journeys[i].info.id.clone());
            current = up(journeys, i);
        }
        names.push(id.to_owned());
        let (message, help) = if names.len() == 2 {
            (
                format!("journey `{id}` names itself as its `parent`"),
                "set `parent:` to the id of the journey this one is part of, or remove it".to_owned(),
            )
        } else {
            (
                format!(
                    "the `parent:` of journey `{id}` leads back to it: {}",
                    names.join(" → ")
                ),
                "a journey cannot sit beneath itself: remove `parent:` from one of these journeys".to_owned(),
            )
        };
        let parent_id = journeys[first].parent.as_ref().map(|p| p.id.clone());
        self.report(
            Diagnostic::error(message)
                .at(self.docs[doc]
                    .locator()
                    .find(parent_id.as_deref(), "parent", Place::All))
                .with_help(help),
        );
    }
}

/// Where a journey sits: the journey above it, how, and through which stage.
#[derive(Clone)]
struct Above {
    index: usize,
    relation: &'static str,
    stage: Option<String>,
}

/// The landscape's rows, in the hierarchy's order; fills each journey's
/// `ancestors`. `journeys` are in reading order (weight, then title) and
/// their `parent:` cycles already cut.
pub(super) fn landscape(journeys: &mut [Journey], today: Date) -> Vec<LandscapeRow> {
    let at: HashMap<&str, usize> = journeys
        .iter()
        .enumerate()
        .map(|(i, j)| (j.info.id.as_str(), i))
        .collect();
    let mut above: Vec<Option<Above>> = journeys
        .iter()
        .map(|j| {
            let index = *at.get(j.parent.as_ref()?.id.as_str())?;
            Some(Above {
                index,
                relation: "sub_journey",
                stage: None,
            })
        })
        .collect();
    // A journey without `parent:` sits beneath the first journey whose stage
    // maps it in depth, unless that would put it beneath itself.
    for i in 0..journeys.len() {
        if above[i].is_some() {
            continue;
        }
        for stage_ref in &journeys[i].detail_of {
            let Some(&host) = at.get(stage_ref.journey.id.as_str()) else {
                continue;
            };
            if !leads_to(&above, host, i) {
                above[i] = Some(Above {
                    index: host,
                    relation: "deep_dive",
                    stage: Some(stage_ref.stage.clone()),
                });
                break;
            }
        }
    }
    let mut beneath: Vec<Vec<usize>> = vec![Vec::new(); journeys.len()];
    let mut roots = Vec::new();
    for (i, a) in above.iter().enumerate() {
        match a {
            Some(a) => beneath[a.index].push(i),
            None => roots.push(i),
        }
    }
    let mut rows = Vec::with_capacity(journeys.len());
    let mut stack: Vec<(usize, usize)> = roots.iter().rev().map(|&i| (i, 0)).collect();
    while let Some((i, depth)) = stack.pop() {
        rows.push(row(
            &journeys[i],
            depth,
            above[i].as_ref().map(|a| (a, &journeys[a.index])),
            today,
        ));
        stack.extend(beneath[i].iter().rev().map(|&child| (child, depth + 1)));
    }
    for i in 0..journeys.len() {
        let mut chain = Vec::new();
        let mut current = above[i].as_ref().map(|a| a.index);
        while let Some(up) = current {
            chain.push(journeys[up].info.link());
            current = above[up].as_ref().map(|a| a.index);
        }
        chain.reverse();
        journeys[i].ancestors = chain;
        let sub_journeys: Vec<Link> = beneath[i]
            .iter()
            .filter(|&&child| above[child].as_ref().is_some_and(|a| a.relation == "sub_journey"))
            .map(|&child| journeys[child].info.link())
            .collect();
        journeys[i].sub_journeys = sub_journeys;
    }
    rows
}

/// Whether going up from `from` reaches `target`.
fn leads_to(above: &[Option<Above>], from: usize, target: usize) -> bool {
    let mut current = Some(from);
    let mut steps = 0;
    while let Some(i) = current {
        if i == target {
            return true;
        }
        steps += 1;
        if steps > above.len() {
            return true;
        }
        current = above[i].as_ref().map(|a| a.index);
    }
    false
}

fn row(journey: &Journey, depth: usize, above: Option<(&Above, &Journey)>, today: Date) -> LandscapeRow {
    let all: Vec<&Stage> = journey
        .stages
        .iter()
        .flat_map(|s| std::iter::once(s).chain(s.steps.iter()))
        .collect();
    let scores: Vec<f64> = all.iter().filter_map(|s| s.emotion).collect();
    let emotion_average = (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64);
    let emotion_lowest = scores.iter().copied().reduce(f64::min);
    LandscapeRow {
        journey: journey.info.link(),
        depth,
        above: above.map(|(_, j)| j.info.link()),
        relation: above.map(|(a, _)| a.relation),
        stage: above.and_then(|(a, _)| a.stage.clone()),
        state: journey.state,
        personas: journey.personas.iter().map(|p| p.link.clone()).collect(),
        emotion_average: emotion_average.map(|a| (a * 10.0).round() / 10.0),
        emotion_lowest,
        emotion_scale: journey.emotion_scale,
        high_pain_points: all
            .iter()
            .flat_map(|s| s.pain_points.iter())
            .filter(|p| p.severity == Some(Level::High))
            .count(),
        kpis_not_met: all
            .iter()
            .flat_map(|s| s.kpis.iter())
            .filter(|k| k.met == Some(false))
            .count(),
        review_status: review_status(&journey.review, today),
        review_due: journey.review.due.clone(),
    }
}

/// `stale`, `due` (within [`DUE_SOON_DAYS`]), `fresh` or `unscheduled`.
fn review_status(review: &Review, today: Date) -> &'static str {
    if review.stale {
        return "stale";
    }
    match review.due.as_deref().and_then(Date::parse) {
        Some(due) if today.days_until(due) <= DUE_SOON_DAYS => "due",
        Some(_) => "fresh",
        None if review.reviewed.is_some() => "fresh",
        None => "unscheduled",
    }
}
