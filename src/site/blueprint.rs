//! The lanes a map shows and the service blueprint's lines between them:
//! the line of interaction above frontstage, of visibility above backstage,
//! of internal interaction above support processes.

use super::model::{LaneInfo, Stage};
use crate::config::{Lane, MapLane};

/// The lanes of book.toml's order that some stage fills, each with the
/// blueprint line drawn above it. Custom lanes draw no line of their own
/// and do not count as a layer.
pub(super) fn lanes_shown(order: &[MapLane<'_>], stages: &[Stage]) -> Vec<LaneInfo> {
    let shown: Vec<MapLane<'_>> = order
        .iter()
        .copied()
        .filter(|lane| stages.iter().any(|s| lane_filled(s, lane)))
        .collect();
    let mut built_in_above = Vec::new();
    let mut lanes = Vec::with_capacity(shown.len());
    for lane in &shown {
        lanes.push(match lane {
            MapLane::Builtin(lane) => {
                let line_before = blueprint_line(&built_in_above, *lane);
                built_in_above.push(*lane);
                LaneInfo {
                    key: lane.key().to_owned(),
                    label: None,
                    custom: false,
                    line_before,
                }
            }
            MapLane::Custom(custom) => LaneInfo {
                key: custom.key.clone(),
                label: Some(custom.label.clone()),
                custom: true,
                line_before: None,
            },
        });
    }
    lanes
}

/// The blueprint line between the lanes `above` and `lane`, by its key in
/// the theme's words: drawn where the customer's lanes give way to
/// frontstage, frontstage to backstage, and backstage to support.
fn blueprint_line(above: &[Lane], lane: Lane) -> Option<&'static str> {
    let layer = |l: Lane| match l {
        Lane::Frontstage => 1,
        Lane::Backstage => 2,
        Lane::Support => 3,
        Lane::Owners | Lane::Kpis => 4,
        _ => 0,
    };
    let here = layer(lane);
    let crossed = above.iter().any(|l| layer(*l) < here);
    match lane {
        Lane::Frontstage if crossed => Some("interaction"),
        Lane::Backstage if crossed => Some("visibility"),
        Lane::Support if crossed => Some("internal_interaction"),
        _ => None,
    }
}

/// Whether the stage or one of its steps fills `lane`.
fn lane_filled(stage: &Stage, lane: &MapLane<'_>) -> bool {
    let own = match lane {
        MapLane::Builtin(lane) => own_lane_filled(stage, *lane),
        MapLane::Custom(custom) => stage.custom_lanes.contains_key(&custom.key),
    };
    own || stage.steps.iter().any(|s| lane_filled(s, lane))
}

/// Whether the stage (or step) itself, not counting its steps, fills `lane`.
pub(super) fn own_lane_filled(stage: &Stage, lane: Lane) -> bool {
    match lane {
        Lane::Actions => !stage.actions.is_empty(),
        Lane::Touchpoints => !stage.touchpoints.is_empty(),
        Lane::Thoughts => !stage.thoughts.is_empty(),
        Lane::Emotion => stage.emotion.is_some() || stage.feeling.is_some() || !stage.emotions.is_empty(),
        Lane::PainPoints => !stage.pain_points.is_empty(),
        Lane::Opportunities => !stage.opportunities.is_empty(),
        Lane::Frontstage => !stage.frontstage.is_empty(),
        Lane::Backstage => !stage.backstage.is_empty(),
        Lane::Support => !stage.support.is_empty(),
        Lane::Owners => !stage.owners.is_empty(),
        Lane::Kpis => !stage.kpis.is_empty(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_drawn_only_where_a_layer_starts_below_another() {
        let customer = [Lane::Actions, Lane::Emotion];
        assert_eq!(blueprint_line(&customer, Lane::Frontstage), Some("interaction"));
        assert_eq!(blueprint_line(&[Lane::Frontstage], Lane::Backstage), Some("visibility"));
        assert_eq!(blueprint_line(&customer, Lane::Support), Some("internal_interaction"));
        // A map that starts with backstage has nothing above it to separate.
        assert_eq!(blueprint_line(&[], Lane::Backstage), None);
        assert_eq!(blueprint_line(&[Lane::Support], Lane::Backstage), None);
    }
}
