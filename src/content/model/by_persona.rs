//! A stage's `emotion` and `feeling`, for the whole journey or per persona:
//! `emotion: 1`, or `emotion: {maya: 1, raj: -2}` on a map made for several
//! personas (ids checked against the journey's `personas`).

use serde::de::{self, IntoDeserializer, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

/// One value for the stage, or one per persona id.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[serde(untagged)]
#[schemars(rename = "ByPersona_{T}")]
pub enum ByPersona<T> {
    /// One value, for everyone on the journey.
    One(T),
    /// A value per persona id, in the order written (sorted by id).
    Each(BTreeMap<String, T>),
}

impl<T> ByPersona<T> {
    /// The values, each with its persona id (none for the one value).
    pub fn values(&self) -> Vec<(Option<&str>, &T)> {
        match self {
            ByPersona::One(value) => vec![(None, value)],
            ByPersona::Each(map) => map.iter().map(|(id, v)| (Some(id.as_str()), v)).collect(),
        }
    }

    /// The value for everyone, when there is one.
    pub fn one(&self) -> Option<&T> {
        match self {
            ByPersona::One(value) => Some(value),
            ByPersona::Each(_) => None,
        }
    }

    /// The value for the persona `id`: its own, else the one for everyone.
    pub fn of(&self, id: &str) -> Option<&T> {
        match self {
            ByPersona::One(value) => Some(value),
            ByPersona::Each(map) => map.get(id),
        }
    }
}

impl ByPersona<f64> {
    /// The mean score: what roll-ups and comparisons use for the stage.
    pub fn mean(&self) -> Option<f64> {
        let values = self.values();
        (!values.is_empty()).then(|| values.iter().map(|(_, v)| **v).sum::<f64>() / values.len() as f64)
    }
}

struct ByPersonaVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for ByPersonaVisitor<T> {
    type Value = ByPersona<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value, or a map from persona id to value (`{maya: 1, raj: -2}`)")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        T::deserialize(v.into_deserializer()).map(ByPersona::One)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        T::deserialize(v.into_deserializer()).map(ByPersona::One)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        T::deserialize(v.into_deserializer()).map(ByPersona::One)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        T::deserialize(v.into_deserializer()).map(ByPersona::One)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        T::deserialize(v.into_deserializer()).map(ByPersona::One)
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        T::deserialize(v.into_deserializer()).map(ByPersona::One)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut each = BTreeMap::new();
        while let Some(id) = map.next_key::<String>()? {
            let value = map.next_value::<T>()?;
            if each.insert(id.clone(), value).is_some() {
                return Err(de::Error::custom(format!("persona `{id}` is given twice")));
            }
        }
        Ok(ByPersona::Each(each))
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for ByPersona<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ByPersonaVisitor(PhantomData))
    }
}
