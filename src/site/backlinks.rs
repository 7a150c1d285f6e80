//! Back-links: what each page learns from the pages that name it. A
//! persona lists its journeys, a touchpoint every stage and step that uses it
//! and the personas that use it, a journey the maps compared with it and the
//! stages it is the deep dive of.

use super::model::*;
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
    let mut compared_by = Vec::new();
    let mut detail_of = Vec::new();
    for journey in journeys.iter() {
        let link = journey.info.link();
        for p in &journey.personas {
            if let Some(&i) = persona_at.get(&p.link.id) {
                personas[i].journeys.push(JourneySummary {
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
                });
            }
        }
        if let Some(other) = &journey.compare {
            compared_by.push((other.id.clone(), link.clone()));
        }
        for stage in &journey.stages {
            let stage_url = format!("{}#{}", link.url, stage.anchor);
            if let Some(detail) = &stage.detail {
                detail_of.push((
                    detail.id.clone(),
                    StageRef {
                        journey: link.clone(),
                        stage: stage.name.clone(),
                        stage_url: stage_url.clone(),
                    },
                ));
            }
            for (step, s) in std::iter::once((None, stage)).chain(stage.steps.iter().map(|s| (Some(s.name.clone()), s)))
            {
                for chip in &s.touchpoints {
                    if let Some(&t) = touchpoint_at.get(&chip.link.id) {
                        touchpoints[t].used_in.push(Usage {
                            journey: link.clone(),
                            state: journey.state,
                            stage: stage.name.clone(),
                            stage_url: stage_url.clone(),
                            step: step.clone(),
                            emotion: s.emotion,
                            feeling: s.feeling.clone(),
                            pain_points: s.pain_points.clone(),
                            opportunities: s.opportunities.clone(),
                        });
                    }
                }
            }
        }
    }
    // Grown one use at a time, a list holds up to twice its length: a
    // touchpoint used thousands of times keeps only what it needs.
    for touchpoint in touchpoints.iter_mut() {
        touchpoint.used_in.shrink_to_fit();
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
