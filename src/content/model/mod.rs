//! The typed front matter of each kind, exactly as writers may write it,
//! short forms included. Checks that need other pages happen in `site`.

use crate::config::EmotionScale;
use crate::date::Date;
use serde::de::{self, value::MapAccessDeserializer, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::marker::PhantomData;

mod by_persona;
mod evidence;
mod journey;
mod stage_reader;

pub use by_persona::ByPersona;
pub use evidence::{Confidence, Evidence};
pub use journey::*;
pub use stage_reader::{with_custom_lanes, LATER_STAGE_KEYS, STAGE_KEYS};

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
    /// The value written as one string: its main text, every other key unset.
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
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
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
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
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
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
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
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
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

/// Declares a kind's front matter with the fields every kind accepts.
macro_rules! front_matter {
    ($(#[$attr:meta])* $name:ident { $($(#[$field_attr:meta])* $field:ident: $ty:ty,)* }) => {
        $(#[$attr])*
        #[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
        #[serde(default, deny_unknown_fields)]
        pub struct $name {
            /// `kind`: `persona`, `journey`, `touchpoint` or `page`; defaults from the folder.
            pub kind: Option<String>,
            /// `id`: unique within its kind; defaults to the file stem (a plain page's: its path).
            pub id: Option<String>,
            /// `title`: the page's title (plain pages default to the first heading).
            pub title: Option<Text>,
            /// `description`: one line for index pages and search results.
            pub description: Option<Text>,
            /// `weight`: ordering inside its section, lower first.
            pub weight: Option<i64>,
            /// `tags`: free labels.
            pub tags: List<Text>,
            /// `template`: another template of the theme to render with, e.g. `wide.html`.
            pub template: Option<String>,
            /// `draft`: left out of the build unless `--drafts` is given.
            pub draft: bool,
            /// `search`: `false` leaves the page out of search.
            pub search: Option<bool>,
            $($(#[$field_attr])* pub $field: $ty,)*
        }

        impl $name {
            /// The fields every kind shares, copied out.
            pub fn meta(&self) -> Meta {
                Meta {
                    title: self.title.clone(),
                    description: self.description.clone(),
                    weight: self.weight,
                    tags: self.tags.0.clone(),
                    template: self.template.clone(),
                    draft: self.draft,
                    search: self.search.unwrap_or(true),
                }
            }
        }
    };
}

/// The fields every kind shares, once read.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Meta {
    /// `title`: the page's title, when given.
    pub title: Option<Text>,
    /// `description`: one line for index pages and search results.
    pub description: Option<Text>,
    /// `weight`: ordering inside its section, lower first.
    pub weight: Option<i64>,
    /// `tags`: free labels.
    pub tags: Vec<Text>,
    /// `template`: another template of the theme to render with.
    pub template: Option<String>,
    /// `draft`: left out of the build unless `--drafts` is given.
    pub draft: bool,
    /// `search`: whether the page is found by search (default true).
    pub search: bool,
}

front_matter!(
    /// A plain page's front matter: only the fields every kind accepts.
    PageFront {}
);

front_matter!(
    /// A persona's front matter.
    PersonaFront {
        /// `name`: the persona's name, e.g. Alex Rivera; shown where pages show a title.
        name: Option<Text>,
        /// `role` (or `occupation`): what the persona does.
        #[serde(alias = "occupation")]
        role: Option<Text>,
        /// `quote`: a motto, in the persona's words.
        quote: Option<Text>,
        /// `avatar`: an image, relative to this file (or a URL).
        avatar: Option<String>,
        /// `segment`: the customer segment the persona stands for.
        segment: Option<Text>,
        /// `demographics`: a free-form map, shown as a table in the order written.
        demographics: OrderedMap,
        /// `goals`: what the persona wants to achieve.
        goals: List<Text>,
        /// `needs`: what the persona needs to get there.
        needs: List<Text>,
        /// `pain_points`: what troubles the persona in general.
        pain_points: List<Text>,
        /// `motivations`: what drives the persona.
        motivations: List<Text>,
        /// `behaviors` (or `behaviours`): what the persona habitually does.
        #[serde(alias = "behaviours")]
        behaviors: List<Text>,
        /// `channels`: ids of the touchpoints the persona uses (checked).
        channels: List<Text>,
        /// `sources`: the evidence behind the persona.
        sources: List<Text>,
    }
);

front_matter!(
    /// A touchpoint's front matter.
    TouchpointFront {
        /// `name`: the touchpoint's name; shown where pages show a title.
        name: Option<Text>,
        /// `channel`: `digital`, `physical`, `human`, or other text.
        channel: Option<Text>,
        /// `type`: `direct`, `indirect` or `third-party`.
        #[serde(rename = "type")]
        touchpoint_type: Option<Text>,
        /// `owner`: who is responsible for the touchpoint.
        owner: Option<Text>,
        /// `systems`: the systems behind the touchpoint.
        systems: List<Text>,
    }
);

front_matter!(
    /// A journey map's front matter.
    JourneyFront {
        /// `personas` (or `persona`): ids of the personas on the journey (checked).
        #[serde(alias = "persona")]
        personas: List<Text>,
        /// `state`: `current` or `future`.
        state: Option<JourneyState>,
        /// `compare`: the id of the counterpart map, compared stage by stage.
        compare: Option<String>,
        /// Extension: the id of the journey this one is part of (checked), for the landscape and breadcrumbs.
        parent: Option<String>,
        /// `scenario`: the situation the map describes.
        scenario: Option<Text>,
        /// `expectations`: what the customer expects of the journey.
        expectations: List<Text>,
        /// `owner`: who keeps the map up to date.
        owner: Option<Text>,
        /// `reviewed`: the date of the last review, `YYYY-MM-DD`.
        reviewed: Option<Date>,
        /// `review_every`: days between reviews; past `reviewed` plus these the map is stale.
        review_every: Option<u32>,
        /// `emotion_scale`: `{min, max}`; defaults to book.toml's `emotion-scale`.
        emotion_scale: Option<EmotionScale>,
        /// `stages`: the columns of the map, in order.
        stages: List<Stage>,
    }
);

/// What is particular to each kind.
#[derive(Debug, Clone)]
pub enum KindData {
    /// A plain page: nothing besides the shared fields.
    Page,
    /// A persona's front matter.
    Persona(Box<PersonaFront>),
    /// A journey's front matter.
    Journey(Box<JourneyFront>),
    /// A touchpoint's front matter.
    Touchpoint(Box<TouchpointFront>),
}
