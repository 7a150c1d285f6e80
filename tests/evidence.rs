//! Evidence and confidence (issue 14.2): `evidence:` and `confidence:` on
//! stages, steps, pain points, opportunities and KPIs; the assumed marks on
//! the map and the phone cards, the "Assumptions to test" roll-up, persona
//! sources linked both ways, checked links and dates, journeybook.json.

mod common;

use common::{only_error, position, Project, Site};

const PAGE: &str = "insights/assumptions.html";
const MAP: &str = "journeys/buying.html";

const PERSONA: &str = "---
name: Maya
sources:
  - Web analytics 2026
  - 12 interviews, June 2026
---
";

const BUYING: &str = "---
title: Buying
personas: [maya]
stages:
  - name: Look
    confidence: assumed
    evidence: Gut feeling of the sales team
    pain_points:
      - text: Prices are hard to find
        confidence: observed
        evidence:
          - text: Seven of twelve could not find the price
            source: 12 INTERVIEWS, June 2026
            date: 2026-06-30
            link: personas/maya.md#sources
          - {text: Heat map, link: \"https://example.com/heat\"}
    opportunities:
      - {text: Show prices on the home page, confidence: assumed}
    kpis:
      - {name: Conversion, value: 2, confidence: measured, evidence: {text: Funnel, source: web analytics 2026}}
  - name: Pay
    steps:
      - {name: Card, confidence: assumed}
---
";

fn project(journey: &str) -> Project {
    Project::with_files(&[
        ("book.toml", "[build]\nexport-json = true\n"),
        ("content/personas/maya.md", PERSONA),
        ("content/journeys/buying.md", journey),
    ])
}

fn site() -> (Project, Site) {
    let project = project(BUYING);
    project.build_ok();
    let site = Site::load(&project.out());
    (project, site)
}

#[test]
fn assumed_items_are_marked_in_words_on_the_map_and_the_cards() {
    let (_project, site) = site();
    // The stage's column heading, the opportunity's cell and the step in the goal row.
    assert_eq!(
        site.texts(MAP, "table thead th .confidence-mark.assumed"),
        ["? assumed"]
    );
    assert_eq!(
        site.texts(MAP, "table tr.lane-row-opportunities .confidence-mark.assumed"),
        ["? assumed"]
    );
    assert_eq!(
        site.texts(MAP, "table .step-list .confidence-mark.assumed"),
        ["? assumed"]
    );
    // Observed and measured items get no mark, only their evidence's summary says it.
    assert!(site
        .select(MAP, "table tr.lane-row-pain_points .confidence-mark")
        .is_empty());
    assert_eq!(
        site.texts(MAP, "table tr.lane-row-pain_points details.evidence summary"),
        ["2 sources · Observed"]
    );
    assert_eq!(
        site.texts(MAP, "table tr.lane-row-kpis details.evidence summary"),
        ["1 source · Measured"]
    );
    // The phone cards carry the same marks.
    assert_eq!(site.texts(MAP, "#card-stage-look h3 .confidence-mark"), ["? assumed"]);
    assert_eq!(site.select(MAP, ".stage-cards .confidence-mark.assumed").len(), 3);
}

#[test]
fn evidence_lists_text_source_date_and_checked_links() {
    let (_project, site) = site();
    let items = site.texts(MAP, "table tr.lane-row-pain_points details.evidence li");
    assert_eq!(
        items,
        [
            "Seven of twelve could not find the price12 INTERVIEWS, June 2026 · 30 Jun 2026",
            "Heat map"
        ]
    );
    // A content path becomes the page's URL, an address stays as written.
    assert!(site.links_to(MAP, "personas/maya.html#sources"));
    let heat = site.one(
        MAP,
        "table tr.lane-row-pain_points details.evidence li a[href^='https']",
    );
    assert_eq!(heat.value().attr("href"), Some("https://example.com/heat"));
    // A source that is one of the persona's (in any case) links to it there.
    assert!(site.links_to(MAP, "personas/maya.html#source-2"));
    assert!(site.links_to(MAP, "personas/maya.html#source-1"));
    // The stage's own evidence, a plain string, sits in the goal row.
    assert_eq!(
        site.texts(MAP, "table tr.stage-intro .stage-evidence li"),
        ["Gut feeling of the sales team"]
    );
}

#[test]
fn persona_sources_list_the_items_citing_them() {
    let (_project, site) = site();
    let persona = "personas/maya.html";
    assert_eq!(
        site.texts(persona, "#sources li[id^='source-'] > .cited-by li"),
        ["Buying: Look — Conversion", "Buying: Look — Prices are hard to find"]
    );
    assert_eq!(site.select(persona, "#source-1, #source-2").len(), 2);
    assert!(site.links_to(persona, "journeys/buying.html#stage-look"));
}

#[test]
fn the_roll_up_lists_every_assumed_item_with_where_it_is() {
    let (project, site) = site();
    assert_eq!(site.texts(PAGE, "section[data-group] h2 > a"), ["Buying"]);
    let kinds = site.texts(PAGE, "tbody tr td:first-child");
    assert_eq!(kinds, ["Stage", "Opportunity", "Step"]);
    let step = common::text_of(site.row(PAGE, "Card"));
    assert!(step.contains("Pay › Card"), "{step}");
    assert!(site.links_to(PAGE, "journeys/buying.html#stage-look"));
    assert!(site.links_to(PAGE, "journeys/buying.html#stage-pay"));
    assert_eq!(
        site.texts(PAGE, "section[data-group] th[data-filter]"),
        ["Kind", "Journey", "Stage"]
    );
    let nav = std::fs::read_to_string(project.out().join("nav.js")).expect("nav.js");
    assert!(nav.contains("\"insights/assumptions.html\""), "{nav}");
}

#[test]
fn journeybook_json_carries_evidence_and_confidence() {
    let (_project, site) = site();
    let json = site.json();
    let stage = &json["journeys"][0]["stages"][0];
    assert_eq!(stage["confidence"], "assumed");
    assert_eq!(stage["evidence"][0]["text"], "Gut feeling of the sales team");
    let evidence = &stage["pain_points"][0]["evidence"][0];
    assert_eq!(evidence["date"], "2026-06-30");
    assert_eq!(evidence["link"], "personas/maya.html#sources");
    assert_eq!(evidence["cites"]["url"], "personas/maya.html#source-2");
    assert_eq!(stage["kpis"][0]["confidence"], "measured");
    assert_eq!(
        json["insights"]["assumptions"][0]["rows"].as_array().map(Vec::len),
        Some(3)
    );
    assert_eq!(
        json["personas"][0]["cited_sources"][1]["cited_by"][0]["kind"],
        "pain_point"
    );
}

#[test]
fn an_unknown_link_is_a_located_error_with_did_you_mean() {
    let journey = BUYING.replace("personas/maya.md#sources", "personas/maja.md#sources");
    let outcome = project(&journey).build();
    let error = only_error(&outcome);
    assert!(error.message.contains("`personas/maja.md#sources`"), "{error}");
    assert_eq!(error.help.as_deref(), Some("did you mean `personas/maya.md`?"));
    assert_eq!(position(error), ("content/journeys/buying.md".into(), 15, Some(19)));
}

#[test]
fn an_impossible_date_and_an_unknown_confidence_are_located_errors() {
    let journey = BUYING.replace("date: 2026-06-30", "date: 2026-06-31");
    let outcome = project(&journey).build();
    let error = only_error(&outcome);
    assert!(error.message.contains("2026-06-31"), "{error}");
    assert_eq!(
        error.help.as_deref(),
        Some("dates are written YYYY-MM-DD and must exist in the calendar")
    );
    assert_eq!(position(error), ("content/journeys/buying.md".into(), 14, Some(19)));

    let journey = BUYING.replace("confidence: observed", "confidence: observd");
    let outcome = project(&journey).build();
    let error = only_error(&outcome);
    assert!(error.message.contains("observd"), "{error}");
    assert_eq!(error.help.as_deref(), Some("did you mean `observed`?"));
    assert_eq!(position(error).1, 10);
}

#[test]
fn a_book_whose_custom_lane_is_named_evidence_keeps_its_lane() {
    let project = Project::with_files(&[
        (
            "book.toml",
            "[journeys]\ncustom-lanes = [{ key = \"evidence\", label = \"Physical evidence\" }]\n",
        ),
        (
            "content/journeys/a.md",
            "---\ntitle: A\nstages:\n  - name: One\n    evidence: [Receipt]\n---\n",
        ),
    ]);
    project.build_ok();
    let site = Site::load(&project.out());
    assert_eq!(
        site.texts("journeys/a.html", "table tr.lane-row-evidence td li"),
        ["Receipt"]
    );
    assert!(site.select("journeys/a.html", "details.evidence").is_empty());
}
