//! The JSON Schemas for front matter and book.toml: the sample playbook and
//! the rich fixture pass them, broken fixtures fail them, and every key the
//! parser accepts is in them.

mod common;

use common::{journeybook, stderr_of, Project};
use journeybook::config::{
    BookConfig, BuildConfig, Config, CustomLane, EmotionScale, JourneysConfig, Lane, MarkdownConfig, SearchConfig,
    ServeConfig,
};
use journeybook::content::model::{
    Better, Confidence, Evidence, JourneyFront, JourneyState, Kpi, Level, Opportunity, PageFront, PainPoint,
    PersonaFront, Stage, Status, TouchpointFront,
};
use journeybook::content::Kind;
use journeybook::sanitize::RawHtml;
use serde::de::{self, DeserializeOwned, Deserializer, Visitor};
use serde_json::Value;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

fn schema(file: &str) -> Value {
    journeybook::schema::documents()
        .into_iter()
        .find(|(name, _)| *name == file)
        .map(|(_, schema)| schema)
        .unwrap_or_else(|| panic!("no schema {file}"))
}

fn validator(file: &str) -> jsonschema::Validator {
    validator_of(file, &schema(file))
}

fn validator_of(file: &str, schema: &Value) -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .build(schema)
        .unwrap_or_else(|e| panic!("{file} is not a valid schema: {e}"))
}

/// The validator of a schema as `journeybook schema` writes it in `root`,
/// with the project's custom lanes.
fn project_validator(root: &Path, file: &str) -> jsonschema::Validator {
    let config = Config::load(root).unwrap_or_default();
    let documents = journeybook::schema::documents_for(&config);
    let (_, schema) = documents
        .iter()
        .find(|(name, _)| *name == file)
        .unwrap_or_else(|| panic!("no schema {file}"));
    validator_of(file, schema)
}

/// The front matter of a Markdown file, as JSON.
fn front_matter(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let Some(rest) = text.strip_prefix("---\n") else {
        return Value::Object(Default::default());
    };
    let yaml = rest.split("\n---").next().unwrap_or_default();
    let value: serde_yaml::Value = serde_yaml::from_str(yaml).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::to_value(value).expect("YAML front matter as JSON")
}

/// The schema file for a content file, from `kind:` or its folder, as the build decides.
fn schema_for(content: &Path, file: &Path, front: &Value) -> &'static str {
    let relative = file.strip_prefix(content).expect("inside content");
    let relative = relative.to_string_lossy().replace('\\', "/");
    let kind = front
        .get("kind")
        .and_then(Value::as_str)
        .and_then(Kind::from_name)
        .unwrap_or_else(|| Kind::default_for(&relative));
    match kind {
        Kind::Page => "page.schema.json",
        Kind::Persona => "persona.schema.json",
        Kind::Journey => "journey.schema.json",
        Kind::Touchpoint => "touchpoint.schema.json",
    }
}

fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(markdown_files(&path));
        } else if path.extension().is_some_and(|e| e == "md") {
            found.push(path);
        }
    }
    found.sort();
    found
}

/// Every problem the schemas find in a project: its book.toml and each page's front matter.
fn schema_problems(root: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let book = root.join("book.toml");
    let mut content = root.join("content");
    if let Ok(text) = fs::read_to_string(&book) {
        let table: toml::Table = toml::from_str(&text).expect("book.toml is TOML");
        let config = serde_json::to_value(table).expect("book.toml as JSON");
        for e in project_validator(root, "book.schema.json").iter_errors(&config) {
            problems.push(format!("book.toml: {e} at {}", e.instance_path()));
        }
        if let Some(dir) = config.pointer("/build/content-dir").and_then(Value::as_str) {
            content = root.join(dir);
        }
    }
    for file in markdown_files(&content) {
        let front = front_matter(&file);
        let schema = schema_for(&content, &file, &front);
        for e in project_validator(root, schema).iter_errors(&front) {
            problems.push(format!("{} ({schema}): {e} at {}", file.display(), e.instance_path()));
        }
    }
    problems
}

#[test]
fn the_sample_playbook_and_the_rich_fixture_pass_the_schemas() {
    for root in [PathBuf::from(env!("CARGO_MANIFEST_DIR")), common::fixture_path("rich")] {
        let problems = schema_problems(&root);
        assert!(problems.is_empty(), "{}:\n{}", root.display(), problems.join("\n"));
        assert!(
            markdown_files(&root.join("content")).len() > 5,
            "{} has pages",
            root.display()
        );
    }
}

#[test]
fn a_new_project_and_new_pages_pass_the_schemas() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    journeybook().arg("init").arg(tmp.path()).assert().success();
    for (kind, name) in [
        ("journey", "returns"),
        ("persona", "alex"),
        ("touchpoint", "shop"),
        ("page", "about"),
    ] {
        journeybook()
            .args(["new", kind, name, "--dir"])
            .arg(tmp.path())
            .assert()
            .success();
    }
    let problems = schema_problems(tmp.path());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn broken_fixtures_fail_the_schemas_where_the_mistake_is() {
    for (fixture, at) in [
        ("unknown-key", "content/journeys/buying.md"),
        ("wrong-type", "content/journeys/buying.md"),
        ("invalid-date", "content/journeys/buying.md"),
        ("unknown-kind", "content/maps/buying.md"),
        ("multiple-errors", "content/personas/alex.md"),
        ("unknown-config-key", "book.toml"),
    ] {
        let root = common::fixture_path(&format!("broken/{fixture}"));
        let problems = schema_problems(&root);
        let at = root.join(at);
        let at = if at.ends_with("book.toml") {
            "book.toml:".to_owned()
        } else {
            at.display().to_string()
        };
        assert!(
            problems.iter().any(|p| p.starts_with(&at)),
            "{fixture}: no problem in {at}: {problems:?}"
        );
    }
}

#[test]
fn short_forms_and_other_spellings_pass_and_both_spellings_at_once_fail() {
    let journey = validator("journey.schema.json");
    let short: Value = serde_json::json!({
        "persona": "alex",
        "tags": "b2b",
        "stages": ["Awareness", {"name": "Purchase", "pain_points": ["Slow", {"text": "Hidden costs", "severity": "high"}],
                   "kpis": "Conversion", "thoughts": [42, true], "steps": ["Reads reviews"]}]
    });
    let errors: Vec<String> = journey.iter_errors(&short).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert!(!journey.is_valid(&serde_json::json!({"persona": "a", "personas": ["b"]})));
    assert!(!journey
        .is_valid(&serde_json::json!({"stages": [{"name": "A", "pain_points": [{"text": "x", "severity": "huge"}]}]})));
    let persona = validator("persona.schema.json");
    assert!(persona.is_valid(&serde_json::json!({"occupation": "Nurse", "behaviours": "Walks"})));
    let book = validator("book.schema.json");
    assert!(book
        .is_valid(&serde_json::json!({"markdown": {"raw-html": "sanitize"}, "journeys": {"lanes": ["pain_points"]}})));
    assert!(!book.is_valid(&serde_json::json!({"journeys": {"lanes": ["pains"]}})));
    assert!(!book.is_valid(&serde_json::json!({"serve": {"port": 70000}})));
}

/// A deserializer that only records the keys (or values) a type's reader
/// asks for: serde lists every spelling it accepts, aliases included.
struct Keys<'a>(&'a mut Vec<&'static str>);

impl<'de> Deserializer<'de> for Keys<'_> {
    type Error = de::value::Error;
    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("not a struct or an enumeration"))
    }
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Self::Error> {
        self.0.extend(fields);
        Err(de::Error::custom("keys recorded"))
    }
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        variants: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Self::Error> {
        self.0.extend(variants);
        Err(de::Error::custom("values recorded"))
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map identifier ignored_any
    }
}

fn keys<T: DeserializeOwned>() -> BTreeSet<&'static str> {
    let mut found = Vec::new();
    let _ = T::deserialize(Keys(&mut found));
    assert!(!found.is_empty(), "{} asked for no keys", std::any::type_name::<T>());
    found.into_iter().collect()
}

/// The keys (properties) or values (enumerations) a schema allows.
fn allowed(schema: &Value) -> BTreeSet<String> {
    let mut names: BTreeSet<String> = schema
        .get("properties")
        .and_then(Value::as_object)
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default();
    for choice in schema.get("oneOf").and_then(Value::as_array).into_iter().flatten() {
        names.extend(choice.get("const").and_then(Value::as_str).map(str::to_owned));
        for value in choice.get("enum").and_then(Value::as_array).into_iter().flatten() {
            names.extend(value.as_str().map(str::to_owned));
        }
    }
    for value in schema.get("enum").and_then(Value::as_array).into_iter().flatten() {
        names.extend(value.as_str().map(str::to_owned));
    }
    names
}

#[test]
fn every_key_and_value_the_parser_accepts_is_in_the_schemas() {
    // (schema file, definition or "" for the root, what the parser accepts there)
    let checks: Vec<(&str, &str, BTreeSet<&str>)> = vec![
        ("page.schema.json", "", keys::<PageFront>()),
        ("persona.schema.json", "", keys::<PersonaFront>()),
        ("touchpoint.schema.json", "", keys::<TouchpointFront>()),
        ("journey.schema.json", "", keys::<JourneyFront>()),
        ("journey.schema.json", "Stage", keys::<Stage>()),
        ("journey.schema.json", "PainPoint", keys::<PainPoint>()),
        ("journey.schema.json", "Opportunity", keys::<Opportunity>()),
        ("journey.schema.json", "Kpi", keys::<Kpi>()),
        ("journey.schema.json", "Level", keys::<Level>()),
        ("journey.schema.json", "Evidence", keys::<Evidence>()),
        ("journey.schema.json", "Confidence", keys::<Confidence>()),
        ("journey.schema.json", "Better", keys::<Better>()),
        ("journey.schema.json", "Status", keys::<Status>()),
        ("journey.schema.json", "JourneyState", keys::<JourneyState>()),
        ("journey.schema.json", "EmotionScale", keys::<EmotionScale>()),
        // Per-persona values: a value, or a map whose keys are persona ids, not fixed names.
        ("journey.schema.json", "ByPersona_double", BTreeSet::new()),
        ("journey.schema.json", "ByPersona_Text", BTreeSet::new()),
        ("book.schema.json", "", keys::<Config>()),
        ("book.schema.json", "BookConfig", keys::<BookConfig>()),
        ("book.schema.json", "BuildConfig", keys::<BuildConfig>()),
        ("book.schema.json", "JourneysConfig", keys::<JourneysConfig>()),
        ("book.schema.json", "ServeConfig", keys::<ServeConfig>()),
        ("book.schema.json", "SearchConfig", keys::<SearchConfig>()),
        ("book.schema.json", "MarkdownConfig", keys::<MarkdownConfig>()),
        ("book.schema.json", "EmotionScale", keys::<EmotionScale>()),
        ("book.schema.json", "Lane", keys::<Lane>()),
        ("book.schema.json", "CustomLane", keys::<CustomLane>()),
        ("book.schema.json", "RawHtml", keys::<RawHtml>()),
    ];
    for (file, definition, accepted) in &checks {
        let document = schema(file);
        let target = if definition.is_empty() {
            &document
        } else {
            document
                .pointer(&format!("/definitions/{definition}"))
                .unwrap_or_else(|| panic!("{file} has no definition {definition}"))
        };
        let allowed = allowed(target);
        let missing: Vec<&&str> = accepted.iter().filter(|k| !allowed.contains(**k)).collect();
        assert!(
            missing.is_empty(),
            "{file} {definition}: the parser accepts {missing:?}, the schema does not"
        );
        let extra: Vec<&String> = allowed.iter().filter(|k| !accepted.contains(k.as_str())).collect();
        assert!(
            extra.is_empty(),
            "{file} {definition}: the schema allows {extra:?}, the parser does not"
        );
    }
    // A new table or nested type must join the checks above.
    for file in journeybook::schema::FILES {
        let document = schema(file);
        for definition in document
            .get("definitions")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .map(|(k, _)| k)
        {
            assert!(
                checks.iter().any(|(f, d, _)| f == &file && d == definition),
                "{file}: definition {definition} is not checked against the parser"
            );
        }
    }
}

#[test]
fn the_schema_command_writes_the_schemas() {
    let project = Project::with_files(&[]);
    let out = project.root.join("schemas");
    let output = journeybook()
        .current_dir(&project.root)
        .arg("schema")
        .output()
        .expect("run journeybook");
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    for (name, expected) in journeybook::schema::documents() {
        let text = fs::read_to_string(out.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let written: Value = serde_json::from_str(&text).expect("JSON");
        assert_eq!(written, expected, "{name}");
    }
    let export: Value =
        serde_json::from_str(&fs::read_to_string(out.join(journeybook::schema::EXPORT_FILE)).expect("export schema"))
            .expect("JSON");
    assert_eq!(export, journeybook::schema::export());
    let elsewhere = project.root.join("editor/schemas");
    journeybook()
        .arg("schema")
        .arg("--out")
        .arg(&elsewhere)
        .assert()
        .success();
    assert!(elsewhere.join("book.schema.json").is_file());
}

#[test]
fn init_wires_editors_to_the_schemas() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let dir = tmp.path();
    journeybook().arg("init").arg(dir).assert().success();
    let settings: Value =
        serde_json::from_str(&fs::read_to_string(dir.join(".vscode/settings.json")).expect("VS Code settings"))
            .expect("settings are JSON");
    let mapping = settings["yaml.schemas"].as_object().expect("yaml.schemas");
    for (folder, file) in [
        ("journeys", "journey.schema.json"),
        ("personas", "persona.schema.json"),
        ("touchpoints", "touchpoint.schema.json"),
    ] {
        let globs = &mapping[&format!("./schemas/{file}")];
        assert_eq!(
            globs,
            &serde_json::json!([format!("content/{folder}/**/*.md")]),
            "{file}"
        );
        // The schema an editor loads for that folder is the one the build agrees with.
        let written: Value =
            serde_json::from_str(&fs::read_to_string(dir.join("schemas").join(file)).expect("schema")).expect("JSON");
        assert_eq!(written, schema(file), "{file}");
    }
    let pages = mapping["./schemas/page.schema.json"].as_array().expect("page globs");
    assert!(
        pages.contains(&serde_json::json!("!content/journeys/**/*.md")),
        "{pages:?}"
    );

    let taplo: toml::Table =
        toml::from_str(&fs::read_to_string(dir.join(".taplo.toml")).expect("taplo")).expect("TOML");
    let rule = &taplo["rule"].as_array().expect("[[rule]]")[0];
    assert_eq!(
        rule["include"].as_array().expect("include")[0].as_str(),
        Some("book.toml")
    );
    let path = rule["schema"]["path"].as_str().expect("schema path");
    let book: Value = serde_json::from_str(&fs::read_to_string(dir.join(path)).expect("book schema")).expect("JSON");
    assert_eq!(book, schema("book.schema.json"));
}

#[test]
fn init_keeps_the_writers_own_editor_settings() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    fs::create_dir(tmp.path().join(".vscode")).expect("folder");
    fs::write(tmp.path().join(".vscode/settings.json"), "{ // mine\n}\n").expect("settings");
    let output = journeybook()
        .arg("init")
        .arg(tmp.path())
        .output()
        .expect("run journeybook");
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    assert!(stderr_of(&output).contains("  kept "), "{}", stderr_of(&output));
    assert_eq!(
        fs::read_to_string(tmp.path().join(".vscode/settings.json")).expect("read"),
        "{ // mine\n}\n"
    );
    assert!(tmp.path().join(".taplo.toml").is_file());
}

#[test]
fn journeybook_json_matches_its_versioned_schema() {
    let project = Project::from_fixture("rich");
    let out = project.build_with_binary();
    let export: Value = serde_json::from_str(&fs::read_to_string(out.join("journeybook.json")).expect("export"))
        .expect("journeybook.json is JSON");
    let schema = journeybook::schema::export();
    assert_eq!(
        schema["$id"],
        format!("urn:journeybook:schema:export:{}", journeybook::schema::EXPORT_VERSION)
    );
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("a valid schema");
    let errors: Vec<String> = validator
        .iter_errors(&export)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .take(10)
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    assert!(export["journeys"].as_array().is_some_and(|j| !j.is_empty()));

    // The schema holds the export to its shape: a missing or mistyped field fails.
    let mut without = export.clone();
    without.as_object_mut().expect("an object").remove("built_on");
    assert!(!validator.is_valid(&without));
    let mut mistyped = export;
    mistyped["journeys"][0]["stages"] = serde_json::json!("Awareness");
    assert!(!validator.is_valid(&mistyped));
}
