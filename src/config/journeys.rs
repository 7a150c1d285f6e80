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

    /// The lane a key names, e.g. `pain_points`; none for any other key.
    pub fn from_key(key: &str) -> Option<Lane> {
        Lane::ALL.into_iter().find(|lane| lane.key() == key)
    }
}

/// Extension: a lane a playbook adds to its maps, from `[journeys] custom-lanes`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CustomLane {
    /// `key`: what stages and steps write, e.g. `evidence_photos` (lowercase letters, digits, `_` and `-`).
    pub key: String,
    /// `label`: the row's heading on the map, e.g. Physical evidence.
    pub label: String,
}

/// A lane of the map in book.toml's order: one of journeybook's or one of the book's own.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum MapLane<'c> {
    /// A lane journeybook knows.
    Builtin(Lane),
    /// A lane of `custom-lanes`.
    Custom(&'c CustomLane),
}

impl MapLane<'_> {
    /// The lane's key in front matter.
    pub fn key(&self) -> &str {
        match self {
            MapLane::Builtin(lane) => lane.key(),
            MapLane::Custom(lane) => &lane.key,
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
    /// `lanes`: which lanes journey maps draw, in this order (default all,
    /// custom lanes last). Custom lanes' keys are lanes too.
    #[schemars(with = "Vec<Lane>")]
    pub lanes: Option<Vec<String>>,
    /// Extension: the review interval in days for journeys without `review_every`.
    pub review_every: Option<u32>,
    /// Extension: lanes of the book's own, each `{key, label}`; stages and
    /// steps fill them with lists of text under their key.
    pub custom_lanes: Vec<CustomLane>,
}

impl JourneysConfig {
    /// The lanes maps draw, in order: `lanes` when given (keys that name
    /// no lane are left out, the check of book.toml reports them), else
    /// every built-in lane and then the custom ones.
    pub fn lane_order(&self) -> Vec<MapLane<'_>> {
        match &self.lanes {
            Some(keys) => keys.iter().filter_map(|key| self.lane_named(key)).collect(),
            None => Lane::ALL
                .into_iter()
                .map(MapLane::Builtin)
                .chain(self.custom_lanes.iter().map(MapLane::Custom))
                .collect(),
        }
    }

    /// The lane a key names, built in or custom.
    pub fn lane_named(&self, key: &str) -> Option<MapLane<'_>> {
        Lane::from_key(key).map(MapLane::Builtin).or_else(|| {
            self.custom_lanes
                .iter()
                .find(|lane| lane.key == key)
                .map(MapLane::Custom)
        })
    }

    /// The custom lanes' keys, which stages and steps accept.
    pub fn custom_keys(&self) -> Vec<String> {
        self.custom_lanes.iter().map(|lane| lane.key.clone()).collect()
    }
}

impl Default for JourneysConfig {
    fn default() -> Self {
        JourneysConfig {
            stages: ["Awareness", "Consideration", "Purchase", "Retention", "Advocacy"]
                .map(String::from)
                .to_vec(),
            emotion_scale: EmotionScale::default(),
            lanes: None,
            review_every: None,
            custom_lanes: Vec::new(),
        }
    }
}
