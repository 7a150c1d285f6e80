//! The reader of a stage or step. It is written out rather than derived
//! because the keys a stage takes depend on the book: book.toml's
//! `custom-lanes` adds keys of its own, and an unknown key's did-you-mean
//! must know them. serde gives a type's reader no way to be told the book,
//! so the keys are set for the thread while one file is read
//! ([`with_custom_lanes`]).

use super::{List, Stage};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;
use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;

/// Every key a stage takes besides the custom lanes, as front matter writes them.
pub const STAGE_KEYS: &[&str] = &[
    "name",
    "id",
    "goal",
    "actions",
    "touchpoints",
    "thoughts",
    "emotion",
    "feeling",
    "pain_points",
    "opportunities",
    "moment_of_truth",
    "frontstage",
    "backstage",
    "support",
    "owners",
    "kpis",
    "detail",
    "replaces",
    "steps",
    "evidence",
    "confidence",
];

/// Stage keys added after custom lanes existed: a book that already declares
/// a custom lane of one of these names keeps its lane (the lane wins).
pub const LATER_STAGE_KEYS: &[&str] = &["evidence", "confidence"];

thread_local! {
    /// The custom lane keys of the book whose file this thread is reading.
    static CUSTOM_LANES: RefCell<Rc<[String]>> = RefCell::new(Rc::from(Vec::new()));
}

/// Runs `read` with `keys` accepted as custom lanes of every stage and step
/// it reads; the keys before are restored after, even if `read` panics.
pub fn with_custom_lanes<R>(keys: &[String], read: impl FnOnce() -> R) -> R {
    struct Restore(Option<Rc<[String]>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            if let Some(keys) = self.0.take() {
                CUSTOM_LANES.with(|c| *c.borrow_mut() = keys);
            }
        }
    }
    let before = CUSTOM_LANES.with(|c| c.replace(Rc::from(keys)));
    let _restore = Restore(Some(before));
    read()
}

/// A key of a stage, read as the key itself so that a mistake is reported
/// at it (the error's path then ends with the key, which is taken out).
enum Key {
    Field(&'static str),
    Custom(String),
}

struct KeySeed<'a>(&'a [String]);

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = Key;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Key, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for KeySeed<'_> {
    type Value = Key;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key of a stage")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Key, E> {
        // The custom lanes first: only a key of LATER_STAGE_KEYS can be both.
        if self.0.iter().any(|k| k == v) {
            return Ok(Key::Custom(v.to_owned()));
        }
        if let Some(known) = STAGE_KEYS.iter().find(|k| **k == v) {
            return Ok(Key::Field(known));
        }
        Err(E::custom(unknown_key(v, self.0)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Key, E> {
        self.visit_str(&v.to_string())
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Key, E> {
        self.visit_str(&v.to_string())
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Key, E> {
        self.visit_str(&v.to_string())
    }
}

/// serde's own wording for an unknown field, which the writer's message
/// (and its did-you-mean) is made from, with the custom lanes among the keys.
fn unknown_key(key: &str, custom: &[String]) -> String {
    let known: Vec<String> = STAGE_KEYS
        .iter()
        .map(|k| format!("`{k}`"))
        .chain(custom.iter().map(|k| format!("`{k}`")))
        .collect();
    format!("unknown field `{key}`, expected one of {}", known.join(", "))
}

struct StageVisitor(Rc<[String]>);

impl<'de> Visitor<'de> for StageVisitor {
    type Value = Stage;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("struct Stage")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Stage, A::Error> {
        let mut stage = Stage::default();
        let mut seen: Vec<&'static str> = Vec::new();
        while let Some(key) = map.next_key_seed(KeySeed(&self.0))? {
            let field = match key {
                Key::Field(field) => field,
                Key::Custom(lane) => {
                    if stage.custom_lanes.contains_key(&lane) {
                        return Err(de::Error::custom(format_args!("duplicate field `{lane}`")));
                    }
                    let items: List<super::Text> = map.next_value()?;
                    stage.custom_lanes.insert(lane, items);
                    continue;
                }
            };
            if seen.contains(&field) {
                return Err(de::Error::duplicate_field(field));
            }
            seen.push(field);
            match field {
                "name" => stage.name = map.next_value()?,
                "id" => stage.id = map.next_value()?,
                "goal" => stage.goal = map.next_value()?,
                "actions" => stage.actions = map.next_value()?,
                "touchpoints" => stage.touchpoints = map.next_value()?,
                "thoughts" => stage.thoughts = map.next_value()?,
                "emotion" => stage.emotion = map.next_value()?,
                "feeling" => stage.feeling = map.next_value()?,
                "pain_points" => stage.pain_points = map.next_value()?,
                "opportunities" => stage.opportunities = map.next_value()?,
                "moment_of_truth" => stage.moment_of_truth = map.next_value()?,
                "frontstage" => stage.frontstage = map.next_value()?,
                "backstage" => stage.backstage = map.next_value()?,
                "support" => stage.support = map.next_value()?,
                "owners" => stage.owners = map.next_value()?,
                "kpis" => stage.kpis = map.next_value()?,
                "detail" => stage.detail = map.next_value()?,
                "replaces" => stage.replaces = map.next_value()?,
                "steps" => stage.steps = map.next_value()?,
                "evidence" => stage.evidence = map.next_value()?,
                "confidence" => stage.confidence = map.next_value()?,
                // Every key of STAGE_KEYS has its arm above.
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(stage)
    }
}

impl<'de> Deserialize<'de> for Stage {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let custom = CUSTOM_LANES.with(|c| c.borrow().clone());
        d.deserialize_struct("Stage", STAGE_KEYS, StageVisitor(custom))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_lanes_are_keys_only_while_set() {
        let yaml = "name: Buy\nreceipts: [Receipt]\n";
        let keys = vec!["receipts".to_owned()];
        let stage: Stage = with_custom_lanes(&keys, || serde_yaml::from_str(yaml)).expect("custom lane read");
        assert_eq!(stage.custom_lanes["receipts"].0[0].0, "Receipt");
        let err = serde_yaml::from_str::<Stage>(yaml).expect_err("not a key without the book");
        assert!(err.to_string().contains("unknown field `receipts`"), "{err}");
    }

    #[test]
    fn a_single_string_is_a_one_item_lane_and_repeats_are_refused() {
        let keys = vec!["receipts".to_owned()];
        let stage: Stage =
            with_custom_lanes(&keys, || serde_yaml::from_str("name: A\nreceipts: Receipt\n")).expect("short form");
        assert_eq!(stage.custom_lanes["receipts"].len(), 1);
        let err = serde_yaml::from_str::<Stage>("name: A\nactions: [x]\ngoal: g\nactions: [y]\n").expect_err("twice");
        assert!(err.to_string().contains("duplicate field `actions`"), "{err}");
    }
}
