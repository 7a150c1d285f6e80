//! JSON Schemas for what writers write: each kind's front matter and
//! book.toml. They are generated from the very types the build reads
//! (`content::model`, `config`), with their doc comments as descriptions,
//! so they cannot drift from the parser; the few spellings serde accepts
//! that schemars does not see (aliases) are added here, and a test fails
//! when one is missing.

mod types;

use crate::config::Config;
use crate::content::model::{JourneyFront, PageFront, PersonaFront, TouchpointFront};
use crate::content::Kind;
use crate::diagnostics::Diagnostic;
use schemars::generate::SchemaSettings;
use schemars::JsonSchema;
use serde_json::{json, Value};
use std::fs;
use std::path::{Path, PathBuf};

/// Other spellings the reader accepts: (definition, alias, the key or value it stands for).
/// The definition is the schema's title (its Rust type's name).
pub const ALIASES: [(&str, &str, &str); 4] = [
    ("PersonaFront", "occupation", "role"),
    ("PersonaFront", "behaviours", "behaviors"),
    ("JourneyFront", "persona", "personas"),
    ("RawHtml", "sanitize", "sanitise"),
];

/// The schema files `journeybook schema` writes, by file name.
pub const FILES: [&str; 5] = [
    "page.schema.json",
    "persona.schema.json",
    "journey.schema.json",
    "touchpoint.schema.json",
    "book.schema.json",
];

/// The schema of `journeybook.json` (the site model `export-json = true`
/// writes), by file name.
pub const EXPORT_FILE: &str = "journeybook-export.schema.json";

/// The version of `journeybook.json`'s format: raised when a field is
/// removed, renamed or changes type; a new field keeps it.
pub const EXPORT_VERSION: u32 = 1;

/// The schema of `journeybook.json`, from the site model's own types.
pub fn export() -> Value {
    let generator = SchemaSettings::draft07().for_serialize().into_generator();
    let mut schema = generator.into_root_schema_for::<crate::site::model::Site>().to_value();
    schema["$id"] = json!(format!("urn:journeybook:schema:export:{EXPORT_VERSION}"));
    schema["title"] = json!(format!("journeybook.json, version {EXPORT_VERSION}"));
    schema["description"] = json!(format!(
        "The site model a journeybook build writes as journeybook.json (`export-json = true` under [build]). Version {EXPORT_VERSION}: the version is raised when a field is removed, renamed or changes type; new fields may appear within a version."
    ));
    schema
}

/// Every schema, with its file name, in the order of [`FILES`].
pub fn documents() -> Vec<(&'static str, Value)> {
    documents_for(&Config::default())
}

/// Every schema for a project whose book.toml is `config`: its custom
/// lanes are keys of stages and steps, and lanes `lanes` may list.
pub fn documents_for(config: &Config) -> Vec<(&'static str, Value)> {
    let mut journey = front_matter::<JourneyFront>("a journey map");
    let mut book = book();
    add_custom_lanes(&mut journey, &mut book, &config.journeys.custom_lanes);
    vec![
        (FILES[0], front_matter::<PageFront>("a plain page")),
        (FILES[1], front_matter::<PersonaFront>("a persona")),
        (FILES[2], journey),
        (FILES[3], front_matter::<TouchpointFront>("a touchpoint")),
        (FILES[4], book),
    ]
}

fn front_matter<T: JsonSchema>(what: &str) -> Value {
    let mut schema = reading::<T>();
    schema["description"] = json!(format!(
        "The YAML front matter of {what} in a journeybook playbook (between the `---` lines at the top of its Markdown file)."
    ));
    schema
}

fn book() -> Value {
    let mut schema = reading::<Config>();
    schema["description"] = json!("book.toml, the settings of a journeybook playbook. Every key is optional.");
    schema
}

/// The schema of what the reader of `T` accepts, aliases included.
fn reading<T: JsonSchema>() -> Value {
    let generator = SchemaSettings::draft07().for_deserialize().into_generator();
    let mut schema = generator.into_root_schema_for::<T>().to_value();
    for (definition, alias, canonical) in ALIASES {
        for target in definitions_named(&mut schema, definition) {
            add_alias(target, alias, canonical);
        }
    }
    // `kind:` is read as text, then refused unless it names a kind.
    if let Some(kind) = schema.pointer_mut("/properties/kind") {
        let mut names: Vec<Value> = Kind::NAMES.iter().map(|n| json!(n)).collect();
        names.push(Value::Null);
        kind["enum"] = Value::Array(names);
    }
    drop_empty_defaults(&mut schema);
    schema
}

/// Adds the book's custom lanes: a key of every stage and step (a list of
/// text, like `actions`) and a value `lanes` may list.
fn add_custom_lanes(journey: &mut Value, book: &mut Value, lanes: &[crate::config::CustomLane]) {
    if lanes.is_empty() {
        return;
    }
    if let Some(stage) = journey.pointer_mut("/definitions/Stage/properties") {
        let list = stage.get("actions").cloned().unwrap_or_else(|| json!({}));
        for lane in lanes {
            let mut property = list.clone();
            property["description"] = json!(format!("A custom lane of book.toml: {}.", lane.label));
            stage[lane.key.as_str()] = property;
        }
    }
    if let Some(choices) = book
        .pointer_mut("/definitions/Lane/oneOf")
        .and_then(Value::as_array_mut)
    {
        for lane in lanes {
            choices.push(json!({
                "type": "string",
                "const": lane.key,
                "description": format!("A custom lane of book.toml: {}.", lane.label)
            }));
        }
    }
}

/// Removes `"default": null`, `[]` and `{}`: they say nothing, and an
/// editor offering `[]` for a map (demographics) would offer a mistake.
fn drop_empty_defaults(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            let empty = map.get("default").is_some_and(|d| {
                d.is_null() || d.as_array().is_some_and(Vec::is_empty) || d.as_object().is_some_and(|o| o.is_empty())
            });
            if empty {
                map.remove("default");
            }
            map.values_mut().for_each(drop_empty_defaults);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_empty_defaults),
        _ => {}
    }
}

/// The root when it is `name`, and its definitions of that name.
fn definitions_named<'a>(schema: &'a mut Value, name: &str) -> Vec<&'a mut Value> {
    let root_is = schema.get("title").and_then(Value::as_str) == Some(name);
    let mut found = Vec::new();
    if root_is {
        found.push(schema);
        return found;
    }
    if let Some(defined) = schema.get_mut("definitions").and_then(|d| d.get_mut(name)) {
        found.push(defined);
    }
    found
}

/// Adds `alias` beside `canonical`: as a property (never both at once, as
/// the reader refuses), or as a value of an enumeration.
fn add_alias(target: &mut Value, alias: &str, canonical: &str) {
    if let Some(properties) = target.get_mut("properties").and_then(Value::as_object_mut) {
        if let Some(mut same) = properties.get(canonical).cloned() {
            same["description"] = json!(format!("Another spelling of `{canonical}`."));
            properties.insert(alias.to_owned(), same);
            let not_both = json!({ "not": { "required": [alias, canonical] } });
            match target.get_mut("allOf").and_then(Value::as_array_mut) {
                Some(all) => all.push(not_both),
                None => target["allOf"] = json!([not_both]),
            }
        }
        return;
    }
    if let Some(choices) = target.get_mut("oneOf").and_then(Value::as_array_mut) {
        if choices
            .iter()
            .any(|c| c.get("const").and_then(Value::as_str) == Some(canonical))
        {
            choices.push(json!({
                "type": "string",
                "const": alias,
                "description": format!("Another spelling of `{canonical}`.")
            }));
        }
    } else if let Some(values) = target.get_mut("enum").and_then(Value::as_array_mut) {
        if values.iter().any(|v| v.as_str() == Some(canonical)) {
            values.push(json!(alias));
        }
    }
}

/// Writes every schema into `dir` (created if need be), replacing older
/// copies: they are generated, never edited. Returns the files written.
pub fn write_all(dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    write_all_for(dir, &Config::default())
}

/// [`write_all`] for a project whose book.toml is `config` (its custom lanes).
pub fn write_all_for(dir: &Path, config: &Config) -> Result<Vec<PathBuf>, Diagnostic> {
    fs::create_dir_all(dir)
        .map_err(|e| Diagnostic::error(format!("cannot create the folder `{}`: {e}", dir.display())))?;
    let mut written = Vec::new();
    for (name, schema) in documents_for(config).into_iter().chain([(EXPORT_FILE, export())]) {
        let path = dir.join(name);
        // A schema is plain JSON values: serialising it cannot fail.
        let text = serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n";
        fs::write(&path, text).map_err(|e| Diagnostic::error(format!("cannot write `{}`: {e}", path.display())))?;
        written.push(path);
    }
    Ok(written)
}
