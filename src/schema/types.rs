//! Schemas of the front matter's own value types, whose readers accept more
//! than their Rust types say: text written as a number, a list written as
//! its single item, an entry written as its text. Each states what the
//! reader in `content::model` accepts (reading) or what the export holds
//! (writing), so editors flag what the build would refuse.

use crate::content::model::{FromText, List, OrderedMap, Text};
use crate::date::Date;
use schemars::generate::Contract;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use std::borrow::Cow;

fn reading(generator: &SchemaGenerator) -> bool {
    matches!(generator.contract(), Contract::Deserialize)
}

/// Text the reader takes: numbers and booleans are kept as written.
fn scalar() -> Schema {
    json_schema!({ "type": ["string", "number", "boolean"] })
}

impl JsonSchema for Text {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        "Text".into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        if reading(generator) {
            scalar()
        } else {
            json_schema!({ "type": "string" })
        }
    }
}

impl<T: JsonSchema + FromText> JsonSchema for List<T> {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        format!("List_of_{}", T::schema_name()).into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let item = generator.subschema_for::<T>();
        if !reading(generator) {
            return json_schema!({ "type": "array", "items": item });
        }
        // A map-valued entry (a pain point, a stage) may also be its text.
        let entry = if item.get("$ref").is_some() {
            json_schema!({ "anyOf": [scalar(), item] })
        } else {
            item
        };
        json_schema!({
            "anyOf": [
                { "type": "array", "items": entry },
                entry,
                { "type": "null" }
            ]
        })
    }
}

impl JsonSchema for OrderedMap {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        "OrderedMap".into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        if reading(generator) {
            json_schema!({
                "anyOf": [
                    { "type": "object", "additionalProperties": scalar() },
                    { "type": "null" }
                ]
            })
        } else {
            // Written as [name, value] pairs, to keep the order.
            json_schema!({
                "type": "array",
                "items": { "type": "array", "items": { "type": "string" }, "minItems": 2, "maxItems": 2 }
            })
        }
    }
}

impl JsonSchema for Date {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        // `Date::parse`'s form; an impossible day (02-30) passes here and fails the build.
        json_schema!({
            "type": "string",
            "format": "date",
            "pattern": "^\\s*[0-9]{4}-[0-9]{2}-[0-9]{2}\\s*$"
        })
    }
}
