//! The emotion curve of a map that scores each persona: a series per persona.

use super::{column_centre, point, series, Series};
use crate::site::Journey;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub(crate) struct PersonaSeries {
    pub name: String,
    /// Which line style and marker: solid circle, dashed square, dotted
    /// triangle, dash-dot diamond, long-dash cross.
    pub style: usize,
    pub series: Series,
}

/// One series per persona of a journey whose stages score each persona.
pub(super) fn persona_series(journey: &Journey) -> Vec<PersonaSeries> {
    let scale = journey.emotion_scale;
    let n = journey.stages.len();
    let Some(first) = journey.stages.iter().find(|s| !s.emotions.is_empty()) else {
        return Vec::new();
    };
    first
        .emotions
        .iter()
        .enumerate()
        .map(|(k, persona)| {
            let points = journey
                .stages
                .iter()
                .enumerate()
                .filter_map(|(i, stage)| {
                    // A stage scored for everyone counts for each persona.
                    let own = stage.emotions.iter().find(|e| e.persona == persona.persona);
                    let value = own.map_or(stage.emotion, |o| o.score)?;
                    let mut p = point(column_centre(i, n), value, scale, stage, stage.name.clone());
                    if let Some(feeling) = own.and_then(|o| o.feeling.clone()) {
                        p.label = feeling;
                    }
                    Some((i, p))
                })
                .collect();
            PersonaSeries {
                name: persona.name.clone(),
                style: k % 5,
                series: series(points),
            }
        })
        .collect()
}
