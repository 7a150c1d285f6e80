//! Back-links: what each page learns from the pages that name it. A
//! persona lists its journeys, a touchpoint every stage and step that uses it
//! and the personas that use it, a journey the maps compared with it and the
//! stages it is the deep dive of.

use super::model::*;
use crate::fingerprint::Fingerprint;
use rayon::prelude::*;
use std::collections::HashMap;

/// Fills the back-links: persona → journeys, touchpoint → usages and
/// personas, journey ↔ compared journey, stage ↔ deep dive.
pub(super) fn link_back(personas: &mut [Persona], journeys: &mut [Journey], touchpoints: &mut [Touchpoint]) {
    let persona_at: HashMap<String, usize> = personas
        .iter()
        .enumerate()
        .map(|(i, p)| (p.info.id.clone(), i))
        .collect();
    let touchpoint_at: HashMap<String, usize> = touchpoints
        .iter()
        .enumerate()
        .map(|(i, t)| (t.info.id.clone(), i))
        .collect();
    let journey_at: HashMap<String, usize> = journeys
        .iter()
        .enumerate()
        .map(|(i, j)| (j.info.id.clone(), i))
        .collect();

    for persona in personas.iter() {
        for channel in &persona.channels {
            if let Some(&t) = touchpoint_at.get(&channel.link.id) {
                touchpoints[t].personas.push(persona.info.link());
            }
        }
    }
    for journey in journeys.iter_mut() {
        for chip in &mut journey.personas {
            if let Some(&i) = persona_at.get(&chip.link.id) {
                chip.avatar.clone_from(&personas[i].avatar);
                chip.role.clone_from(&personas[i].role);
            }
        }
    }
    // What each journey gives the pages it names, made on every core, then
    // filed in the journeys' order.
    let given: Vec<Given> = journeys
        .par_iter()
        .with_max_len(crate::PAGES_PER_TASK)
        .map(|journey| given_by(journey, &persona_at, &touchpoint_at))
        .collect();
    // Each touchpoint's list made its final size at once: a touchpoint used
    // thousands of times would otherwise hold up to twice what it needs.
    let mut uses = vec![0; touchpoints.len()];
    for &(t, _) in given.iter().flat_map(|g| &g.usages) {
        uses[t] += 1;
    }
    for (touchpoint, &count) in touchpoints.iter_mut().zip(&uses) {
        touchpoint.used_in.reserve_exact(count);
    }
    let mut compared_by = Vec::new();
    let mut detail_of = Vec::new();
    for given in given {
        for (p, summary) in given.summaries {
            personas[p].journeys.push(summary);
        }
        for (t, usage) in given.usages {
            touchpoints[t].used_in.push(usage);
        }
        compared_by.extend(given.compared);
        detail_of.extend(given.details);
    }
    for (target, link) in compared_by {
        if let Some(&j) = journey_at.get(&target) {
            if journeys[j].compare.as_ref().map(|c| &c.id) != Some(&link.id) {
                journeys[j].compared_by.push(link);
            }
        }
    }
    for (target, stage_ref) in detail_of {
        if let Some(&j) = journey_at.get(&target) {
            journeys[j].detail_of.push(stage_ref);
        }
    }
}

/// What one journey gives the pages it names: its summary to each of its
/// personas, a usage to each touchpoint of its stages and steps, and the
/// journey it compares itself with and the stages it is the deep dive of.
#[derive(Default)]
struct Given {
    summaries: Vec<(usize, JourneySummary)>,
    usages: Vec<(usize, Usage)>,
    compared: Option<(String, Link)>,
    details: Vec<(String, StageRef)>,
}

fn given_by(journey: &Journey, persona_at: &HashMap<String, usize>, touchpoint_at: &HashMap<String, usize>) -> Given {
    let mut given = Given::default();
    let link = journey.info.link();
    for p in &journey.personas {
        if let Some(&i) = persona_at.get(&p.link.id) {
            let summary = JourneySummary {
                link: link.clone(),
                state: journey.state,
                stale: journey.review.stale,
                // This persona's own line when the map scores each persona.
                emotions: journey
                    .stages
                    .iter()
                    .map(|s| match s.emotions.iter().find(|e| e.persona == p.link.id) {
                        Some(own) => own.score,
                        None => s.emotion,
                    })
                    .collect(),
                emotion_scale: journey.emotion_scale,
            };
            given.summaries.push((i, summary));
        }
    }
    if let Some(other) = &journey.compare {
        given.compared = Some((other.id.clone(), link.clone()));
    }
    for stage in &journey.stages {
        let stage_url = format!("{}#{}", link.url, stage.anchor);
        if let Some(detail) = &stage.detail {
            given.details.push((
                detail.id.clone(),
                StageRef {
                    journey: link.clone(),
                    stage: stage.name.clone(),
                    stage_url: stage_url.clone(),
                },
            ));
        }
        for (step, s) in std::iter::once((None, stage)).chain(stage.steps.iter().map(|s| (Some(s.name.clone()), s))) {
            // One usage for all the stage's (or step's) touchpoints, hashed once.
            let mut usage = None;
            for chip in &s.touchpoints {
                if let Some(&t) = touchpoint_at.get(&chip.link.id) {
                    let usage = usage.get_or_insert_with(|| {
                        let mut usage = Usage {
                            journey: link.clone(),
                            state: journey.state,
                            stage: stage.name.clone(),
                            stage_url: stage_url.clone(),
                            step: step.clone(),
                            emotion: s.emotion,
                            feeling: s.feeling.clone(),
                            pain_points: s.pain_points.clone(),
                            opportunities: s.opportunities.clone(),
                            digest: 0,
                        };
                        usage.digest = Fingerprint::new().value("usage", &usage).finish().unwrap_or(0);
                        usage
                    });
                    given.usages.push((t, usage.clone()));
                }
            }
        }
    }
    given
}
