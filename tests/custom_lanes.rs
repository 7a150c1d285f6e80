//! Custom lanes: book.toml's `[journeys] custom-lanes` declares lanes that
//! stages and steps fill, the map draws them where `lanes` puts them (table
//! and phone cards), the export and the schemas know them, and every
//! mistake is reported where it is written.

mod common;

use common::{only_error, position, Project, Site};
use journeybook::config::Config;

const MAP: &str = "journeys/visit.html";

const BOOK: &str = "[journeys]
lanes = [\"actions\", \"evidence\", \"emotion\"]
custom-lanes = [{ key = \"evidence\", label = \"Physical evidence\" }, { key = \"props\", label = \"Props\" }]
";

const JOURNEY: &str = "---
title: A visit
stages:
  - name: Arrive
    actions: [Ring the bell]
    evidence: [Door sign, Welcome mat]
    emotion: 1
  - name: Leave
    evidence: Receipt
    steps:
      - name: Pay
        evidence: [Card reader]
    props: [A hat]
---
";

fn project(book: &str, journey: &str) -> Project {
    Project::with_files(&[("book.toml", book), ("content/journeys/visit.md", journey)])
}

fn built(book: &str, journey: &str) -> (Project, Site) {
    let project = project(book, journey);
    project.build_ok();
    let site = Site::load(&project.out());
    (project, site)
}

#[test]
fn custom_lanes_are_rows_of_the_map_in_the_order_of_lanes() {
    let (_project, site) = built(
        &BOOK.replace("[journeys]", "[build]\nexport-json = true\n\n[journeys]"),
        JOURNEY,
    );
    let heads = site.texts(MAP, "table tbody tr[class^=lane-row-] > th.lane-label");
    assert_eq!(heads[..2], ["Actions", "Physical evidence"], "{heads:?}");
    // `props` is declared but `lanes` does not list it: it is never drawn.
    assert!(site.select(MAP, "tr.lane-row-props").is_empty());
    assert_eq!(site.select(MAP, "tr.lane-row-evidence td").len(), 2);
    let items = site.texts(MAP, "tr.lane-row-evidence td li");
    assert_eq!(items, ["Door sign", "Welcome mat", "Receipt", "Card reader"]);
    assert_eq!(site.texts(MAP, "tr.lane-row-evidence td .step .step-name"), ["Pay"]);
    // The phone's stage cards have the lane too, under its label.
    let card = site.texts(MAP, "#card-stage-leave .lane-row-evidence dt");
    assert_eq!(card, ["Physical evidence"]);
    assert_eq!(
        site.texts(MAP, "#card-stage-leave .lane-row-evidence li"),
        ["Receipt", "Card reader"]
    );
    // The site model carries the lane and each stage's items.
    let json = site.json();
    let journey = json["journeys"]
        .as_array()
        .and_then(|all| all.iter().find(|j| j["id"] == "visit"))
        .unwrap_or_else(|| panic!("journey in journeybook.json: {json}"));
    let lane = journey["lanes"]
        .as_array()
        .and_then(|lanes| lanes.iter().find(|l| l["key"] == "evidence"))
        .expect("evidence lane");
    assert_eq!(lane["label"], "Physical evidence");
    assert_eq!(lane["custom"], true);
    assert_eq!(
        journey["stages"][0]["custom_lanes"]["evidence"],
        serde_json::json!(["Door sign", "Welcome mat"])
    );
    assert_eq!(
        journey["stages"][1]["steps"][0]["custom_lanes"]["evidence"],
        serde_json::json!(["Card reader"])
    );
}

#[test]
fn without_lanes_custom_lanes_come_after_the_built_in_ones() {
    let book = "[journeys]\ncustom-lanes = [{ key = \"evidence\", label = \"Physical evidence\" }]\n";
    let journey = "---\ntitle: A visit\nstages:\n  - name: Arrive\n    evidence: [Door sign]\n    kpis: [Visits]\n    actions: [Ring]\n---\n";
    let (_project, site) = built(book, journey);
    let heads = site.texts(MAP, "table tbody tr[class^=lane-row-] > th.lane-label");
    assert_eq!(heads, ["Actions", "KPIs", "Physical evidence"]);
}

#[test]
fn an_unknown_stage_key_suggests_the_custom_lanes() {
    let journey = JOURNEY.replace("    evidence: Receipt\n", "    evidnce: Receipt\n");
    let project = project(BOOK, &journey);
    let outcome = project.build();
    let error = only_error(&outcome);
    assert!(error.message.contains("unknown key `evidnce`"), "{error}");
    assert_eq!(error.help.as_deref(), Some("did you mean `evidence`?"));
    assert_eq!(position(error), ("content/journeys/visit.md".into(), 9, Some(5)));
}

#[test]
fn a_custom_key_is_unknown_without_its_declaration() {
    let project = project("", JOURNEY);
    let outcome = project.build();
    let errors: Vec<_> = outcome.errors().collect();
    // `evidence:` is a key of every stage since issue 14 (evidence items): `props` is the custom one here.
    assert!(
        errors.iter().any(|e| e.message.contains("unknown key `props`")),
        "{}",
        common::describe(&outcome.diagnostics)
    );
    let first = errors
        .iter()
        .find(|e| e.message.contains("`props`"))
        .expect("props refused");
    assert_eq!(position(first), ("content/journeys/visit.md".into(), 13, Some(5)));
}

#[test]
fn a_custom_lane_takes_text_only() {
    let journey = JOURNEY.replace("    evidence: Receipt\n", "    evidence: {photo: yes}\n");
    let project = project(BOOK, &journey);
    let outcome = project.build();
    let error = only_error(&outcome);
    assert!(error.message.contains("`evidence`"), "{error}");
    assert_eq!(position(error).1, 9, "{error}");
}

#[test]
fn lanes_naming_no_lane_is_an_error_with_the_custom_ones_suggested() {
    let book = BOOK.replace("\"evidence\", \"emotion\"", "\"evidense\", \"emotion\"");
    let project = project(&book, JOURNEY);
    let outcome = project.build();
    let error = only_error(&outcome);
    assert_eq!(error.message, "unknown lane `evidense`");
    assert_eq!(error.help.as_deref(), Some("did you mean `evidence`?"));
    assert_eq!(position(error), ("book.toml".into(), 2, Some(22)));
}

#[test]
fn custom_lane_keys_are_checked_in_book_toml() {
    let cases = [
        (
            "{ key = \"Physical evidence\", label = \"Evidence\" }",
            "cannot be a front matter key",
            "try `physical_evidence`",
        ),
        (
            "{ key = \"actions\", label = \"Doings\" }",
            "has the name of a key journeybook reads",
            "choose another key",
        ),
        ("{ key = \"evidence\", label = \" \" }", "has no label", "label = "),
    ];
    for (lane, message, help) in cases {
        let book = format!("[journeys]\ncustom-lanes = [{lane}]\n");
        let project = project(&book, "---\ntitle: A visit\nstages: [Arrive]\n---\n");
        let outcome = project.build();
        let error = only_error(&outcome);
        assert!(error.message.contains(message), "{lane}: {error}");
        assert!(
            error.help.as_deref().unwrap_or_default().contains(help),
            "{lane}: {error}"
        );
        assert_eq!(position(error), ("book.toml".into(), 2, Some(26)), "{lane}");
    }
    let twice = "[journeys]\ncustom-lanes = [{ key = \"evidence\", label = \"A\" },\n  { key = \"evidence\", label = \"B\" }]\n";
    let outcome = project(twice, "---\ntitle: A visit\n---\n").build();
    let error = only_error(&outcome);
    assert!(error.message.contains("declared twice"), "{error}");
    assert_eq!(position(error), ("book.toml".into(), 3, Some(12)));
}

#[test]
fn the_schemas_of_a_project_with_custom_lanes_accept_them() {
    let config = Config::parse(BOOK).expect("book.toml reads");
    let schema = |config: &Config, file: &str| {
        let documents = journeybook::schema::documents_for(config);
        let (_, schema) = documents.into_iter().find(|(name, _)| *name == file).expect("schema");
        jsonschema::validator_for(&schema).expect("valid schema")
    };
    let stage =
        serde_json::json!({"stages": [{"name": "A", "evidence": ["Sign"], "steps": [{"name": "B", "props": "Hat"}]}]});
    assert!(schema(&config, "journey.schema.json").is_valid(&stage));
    assert!(!schema(&Config::default(), "journey.schema.json").is_valid(&stage));
    let book: toml::Table = toml::from_str(BOOK).expect("TOML");
    let book = serde_json::to_value(book).expect("JSON");
    assert!(schema(&config, "book.schema.json").is_valid(&book));
    assert!(!schema(&Config::default(), "book.schema.json").is_valid(&book));
}

#[test]
fn toml_front_matter_takes_custom_lanes_too() {
    let journey = "+++\ntitle = \"A visit\"\n\n[[stages]]\nname = \"Arrive\"\nevidence = [\"Door sign\"]\n\n[[stages]]\nname = \"Leave\"\nevidnce = \"Receipt\"\n+++\n";
    let project = project(BOOK, journey);
    let outcome = project.build();
    let error = only_error(&outcome);
    assert!(error.message.contains("unknown key `evidnce`"), "{error}");
    assert_eq!(error.help.as_deref(), Some("did you mean `evidence`?"));
    let (_project, site) = built(BOOK, &journey.replace("evidnce", "evidence"));
    assert_eq!(site.texts(MAP, "tr.lane-row-evidence td li"), ["Door sign", "Receipt"]);
}
