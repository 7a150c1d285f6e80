//! book.toml's `[journeys]` table: the default stages, the lanes of the map
//! and the emotion scale.

use serde::{Deserialize, Serialize};

/// `emotion-scale` (book.toml) or `emotion_scale` (a journey): the range emotion scores lie in.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EmotionScale {
    /// The lowest score, the worst feeling (default -2).
    pub min: f64,
    /// The highest score, the best feeling (default 2).
    pub max: f64,
}

impl Default for EmotionScale {
    fn default() -> Self {
        EmotionScale { min: -2.0, max: 2.0 }
    }
}

impl EmotionScale {
    /// Whether `value` lies inside the scale, ends included.
    pub fn contains(&self, value: f64) -> bool {
        value >= self.min && value <= self.max
    }

    /// Whether both ends are finite numbers and `min` is below `max`.
    pub fn is_valid(&self) -> bool {
        self.min.is_finite() && self.max.is_finite() && self.min < self.max
    }
}

/// The rows of a journey map, in the order they are drawn by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Lane {
    /// `actions`: what the customer does.
    Actions,
    /// `touchpoints`: where the customer meets the organisation.
    Touchpoints,
    /// `thoughts`: what the customer thinks.
    Thoughts,
    /// `emotion`: the score and feeling, drawn as the emotion curve.
    Emotion,
    /// `pain_points`: what hurts.
    PainPoints,
    /// `opportunities`: what could be done better.
    Opportunities,
    /// `frontstage`: what the customer sees the organisation do.
    Frontstage,
    /// `backstage`: what the organisation does out of the customer's sight.
    Backstage,
    /// `support`: the support processes behind the stage.
    Support,
    /// `owners`: who is responsible for the stage.
    Owners,
    /// `kpis`: the measures of the stage, against their targets.
    Kpis,
}

impl Lane {
    /// Every lane, in the default order.
    pub const ALL: [Lane; 11] = [
        Lane::Actions,
        Lane::Touchpoints,
        Lane::Thoughts,
        Lane::Emotion,
        Lane::PainPoints,
        Lane::Opportunities,
        Lane::Frontstage,
        Lane::Backstage,
        Lane::Support,
        Lane::Owners,
        Lane::Kpis,
    ];

    /// The lane's name in book.toml and front matter, e.g. `pain_points`.
    pub fn key(self) -> &'static str {
        match self {
            Lane::Actions => "actions",
            Lane::Touchpoints => "touchpoints",
            Lane::Thoughts => "thoughts",
            Lane::Emotion => "emotion",
            Lane::PainPoints => "pain_points",
            Lane::Opportunities => "opportunities",
            Lane::Frontstage => "frontstage",
            Lane::Backstage => "backstage",
            Lane::Support => "support",
            Lane::Owners => "owners",
            Lane::Kpis => "kpis",
        }
    }
}

/// The `[journeys]` table of book.toml.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct JourneysConfig {
    /// `stages`: the playbook's canonical stage order, which the touchpoint × stage matrix follows.
    pub stages: Vec<String>,
    /// `emotion-scale`: the scale of journeys without their own `emotion_scale` (default -2 to 2).
    pub emotion_scale: EmotionScale,
    /// `lanes`: which lanes journey maps draw, in this order (default all).
    pub lanes: Vec<Lane>,
    /// Extension: the review interval in days for journeys without `review_every`.
    pub review_every: Option<u32>,
}

impl Default for JourneysConfig {
    fn default() -> Self {
        JourneysConfig {
            stages: ["Awareness", "Consideration", "Purchase", "Retention", "Advocacy"]
                .map(String::from)
                .to_vec(),
            emotion_scale: EmotionScale::default(),
            lanes: Lane::ALL.to_vec(),
            review_every: None,
        }
    }
}
