//! The typed front matter of each kind, exactly as writers may write it,
//! short forms included. Checks that need other pages happen in `site`.

use crate::config::EmotionScale;
use crate::date::Date;
use serde::de::{self, value::MapAccessDeserializer, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::marker::PhantomData;

/// A piece of text; numbers and booleans are accepted and kept as written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Text(pub String);

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Values that may be written as one string instead of a map.
pub trait FromText: Sized {
    fn from_text(text: String) -> Self;
}

impl FromText for Text {
    fn from_text(text: String) -> Self {
        Text(text)
    }
}

struct ScalarOrMap<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de> + FromText> Visitor<'de> for ScalarOrMap<T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("text or a map")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        Ok(T::from_text(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<T, E> {
        Ok(T::from_text(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        Ok(T::from_text(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        Ok(T::from_text(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
        Ok(T::from_text(v.to_string()))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<T, E> {
        Ok(T::from_text(v.to_string()))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::deserialize(MapAccessDeserializer::new(map))
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("text")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(v.to_owned()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
        }
        d.deserialize_any(TextVisitor)
    }
}

/// A list that may also be written as its single item (`tags: b2b`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct List<T>(pub Vec<T>);

impl<T> Default for List<T> {
    fn default() -> Self {
        List(Vec::new())
    }
}

impl<T> std::ops::Deref for List<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.0
    }
}

/// One entry of a [`List`]: text or a map, like the single-item form.
struct Entry<T>(T);

impl<'de, T: Deserialize<'de> + FromText> Deserialize<'de> for Entry<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ScalarOrMap(PhantomData)).map(Entry)
    }
}

impl<'de, T: Deserialize<'de> + FromText> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ListVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de> + FromText> Visitor<'de> for ListVisitor<T> {
            type Value = List<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list, or a single item")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<List<T>, A::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                while let Some(Entry(item)) = seq.next_element::<Entry<T>>()? {
                    items.push(item);
                }
                // Lists are kept until the site is built: no spare capacity.
                items.shrink_to_fit();
                Ok(List(items))
            }
            fn visit_unit<E: de::Error>(self) -> Result<List<T>, E> {
                Ok(List(Vec::new()))
            }
            fn visit_none<E: de::Error>(self) -> Result<List<T>, E> {
                Ok(List(Vec::new()))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<List<T>, E> {
                ScalarOrMap(PhantomData).visit_str(v).map(|t| List(vec![t]))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<List<T>, E> {
                ScalarOrMap(PhantomData).visit_i64(v).map(|t| List(vec![t]))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<List<T>, E> {
                ScalarOrMap(PhantomData).visit_u64(v).map(|t| List(vec![t]))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<List<T>, E> {
                ScalarOrMap(PhantomData).visit_f64(v).map(|t| List(vec![t]))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<List<T>, E> {
                ScalarOrMap(PhantomData).visit_bool(v).map(|t| List(vec![t]))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<List<T>, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map)).map(|t| List(vec![t]))
            }
        }
        d.deserialize_any(ListVisitor(PhantomData))
    }
}

/// A free-form map kept in the order it was written (persona demographics).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct OrderedMap(pub Vec<(Text, Text)>);

impl<'de> Deserialize<'de> for OrderedMap {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct MapVisitor;
        impl<'de> Visitor<'de> for MapVisitor {
            type Value = OrderedMap;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map of names to values, e.g. `age: 29`")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<OrderedMap, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry::<Text, Text>()? {
                    entries.push(entry);
                }
                Ok(OrderedMap(entries))
            }
            fn visit_unit<E: de::Error>(self) -> Result<OrderedMap, E> {
                Ok(OrderedMap::default())
            }
        }
        d.deserialize_map(MapVisitor)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Low,
    Medium,
    High,
}

impl Level {
    pub fn name(self) -> &'static str {
        match self {
            Level::Low => "low",
            Level::Medium => "medium",
            Level::High => "high",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct PainPoint {
    pub text: Text,
    pub severity: Option<Level>,
    /// Extension: the touchpoint where it hurts, for roll-ups.
    pub touchpoint: Option<String>,
}

impl FromText for PainPoint {
    fn from_text(text: String) -> Self {
        PainPoint {
            text: Text(text),
            ..PainPoint::default()
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Opportunity {
    pub text: Text,
    pub priority: Option<Level>,
    pub owner: Option<Text>,
}

impl FromText for Opportunity {
    fn from_text(text: String) -> Self {
        Opportunity {
            text: Text(text),
            ..Opportunity::default()
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Better {
    Higher,
    Lower,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Kpi {
    pub name: Text,
    pub value: Option<Text>,
    pub target: Option<Text>,
    pub unit: Option<Text>,
    /// Extension: whether a higher or a lower value is better (default higher).
    pub better: Option<Better>,
}

impl FromText for Kpi {
    fn from_text(text: String) -> Self {
        Kpi {
            name: Text(text),
            ..Kpi::default()
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum JourneyState {
    Current,
    Future,
}

/// A stage of a journey, or a step inside a stage: the same lanes at a finer grain.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Stage {
    pub name: Text,
    pub id: Option<String>,
    pub goal: Option<Text>,
    pub actions: List<Text>,
    pub touchpoints: List<Text>,
    pub thoughts: List<Text>,
    pub emotion: Option<f64>,
    pub feeling: Option<Text>,
    pub pain_points: List<PainPoint>,
    pub opportunities: List<Opportunity>,
    pub moment_of_truth: bool,
    pub frontstage: List<Text>,
    pub backstage: List<Text>,
    pub support: List<Text>,
    pub owners: List<Text>,
    pub kpis: List<Kpi>,
    pub detail: Option<String>,
    pub steps: List<Stage>,
}

impl FromText for Stage {
    fn from_text(text: String) -> Self {
        Stage {
            name: Text(text),
            ..Stage::default()
        }
    }
}

/// Declares a kind's front matter with the fields every kind accepts.
macro_rules! front_matter {
    ($(#[$attr:meta])* $name:ident { $($(#[$field_attr:meta])* $field:ident: $ty:ty,)* }) => {
        $(#[$attr])*
        #[derive(Debug, Clone, Default, Deserialize)]
        #[serde(default, deny_unknown_fields)]
        pub struct $name {
            pub kind: Option<String>,
            pub id: Option<String>,
            pub title: Option<Text>,
            pub description: Option<Text>,
            pub weight: Option<i64>,
            pub tags: List<Text>,
            pub template: Option<String>,
            pub draft: bool,
            $($(#[$field_attr])* pub $field: $ty,)*
        }

        impl $name {
            pub fn meta(&self) -> Meta {
                Meta {
                    title: self.title.clone(),
                    description: self.description.clone(),
                    weight: self.weight,
                    tags: self.tags.0.clone(),
                    template: self.template.clone(),
                    draft: self.draft,
                }
            }
        }
    };
}

/// The fields every kind shares, once read.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Meta {
    pub title: Option<Text>,
    pub description: Option<Text>,
    pub weight: Option<i64>,
    pub tags: Vec<Text>,
    pub template: Option<String>,
    pub draft: bool,
}

front_matter!(PageFront {});

front_matter!(PersonaFront {
    name: Option<Text>,
    #[serde(alias = "occupation")]
    role: Option<Text>,
    quote: Option<Text>,
    avatar: Option<String>,
    segment: Option<Text>,
    demographics: OrderedMap,
    goals: List<Text>,
    needs: List<Text>,
    pain_points: List<Text>,
    motivations: List<Text>,
    #[serde(alias = "behaviours")]
    behaviors: List<Text>,
    channels: List<Text>,
    sources: List<Text>,
});

front_matter!(TouchpointFront {
    name: Option<Text>,
    channel: Option<Text>,
    #[serde(rename = "type")]
    touchpoint_type: Option<Text>,
    owner: Option<Text>,
    systems: List<Text>,
});

front_matter!(JourneyFront {
    #[serde(alias = "persona")]
    personas: List<Text>,
    state: Option<JourneyState>,
    compare: Option<String>,
    scenario: Option<Text>,
    expectations: List<Text>,
    owner: Option<Text>,
    reviewed: Option<Date>,
    review_every: Option<u32>,
    emotion_scale: Option<EmotionScale>,
    stages: List<Stage>,
});

/// What is particular to each kind.
#[derive(Debug, Clone)]
pub enum KindData {
    Page,
    Persona(Box<PersonaFront>),
    Journey(Box<JourneyFront>),
    Touchpoint(Box<TouchpointFront>),
}
