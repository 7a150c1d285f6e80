//! Emotion per persona: `emotion: {ana: 1, ben: -2}` on a stage draws one
//! curve per persona (told apart by line style and marker shape as well as
//! colour, with a legend), the persona page's sparkline follows that
//! persona's line, and persona ids and scores are checked.

mod common;

use common::{only_error, position, Project, Site};

const JOURNEY: &str = "---
title: Buying
personas: [ana, ben]
stages:
  - name: Look
    emotion: 1
  - name: Pay
    moment_of_truth: true
    emotion: {ana: 2, ben: -2}
    feeling: {ana: pleased, ben: cheated}
  - name: Use
    emotion: {ana: 0, ben: 1}
---
";

fn project(journey: &str) -> Project {
    Project::with_files(&[
        ("book.toml", "[book]\ntitle = \"Shop\"\n\n[build]\nexport-json = true\n"),
        ("content/personas/ana.md", "---\nname: Ana\n---\n"),
        ("content/personas/ben.md", "---\nname: Ben\n---\n"),
        ("content/journeys/buying.md", journey),
    ])
}

const PAGE: &str = "journeys/buying.html";

#[test]
fn each_persona_gets_a_curve_of_its_own_with_a_legend() {
    let project = project(JOURNEY);
    project.build_ok();
    let site = Site::load(&project.out());
    assert_eq!(site.texts(PAGE, ".persona-legend li"), ["Ana", "Ben"]);
    let lines = site.select(PAGE, "svg.curve polyline.persona-line");
    let classes: Vec<&str> = lines.iter().filter_map(|l| l.value().attr("class")).collect();
    assert_eq!(classes, ["persona-line persona-0", "persona-line persona-1"]);
    // A mark per persona per stage, at the stage's column centre; a stage
    // scored for everyone counts for both.
    let marks: Vec<(String, String)> = site
        .select(PAGE, "svg.curve svg.persona-mark")
        .into_iter()
        .map(|m| (m.value().attr("x").unwrap_or("").to_owned(), common::text_of(m)))
        .collect();
    assert_eq!(marks.len(), 6, "{marks:?}");
    assert_eq!(marks[0].0, "16.67%");
    assert!(marks[1].1.starts_with("Ana – Pay: 2 (pleased)"), "{marks:?}");
    assert!(marks[4].1.starts_with("Ben – Pay: -2 (cheated)"), "{marks:?}");
    // Marker shapes differ: a circle for the first persona, a square for the second.
    assert_eq!(
        site.select(PAGE, "svg.curve svg.persona-mark.persona-0 circle").len(),
        3
    );
    assert_eq!(site.select(PAGE, "svg.curve svg.persona-mark.persona-1 rect").len(), 3);
    // The moment of truth keeps its ring, on the first persona's line.
    assert_eq!(site.select(PAGE, "svg.curve circle.mot-ring").len(), 1);
    let cells = site.texts(PAGE, ".journey-map .persona-scores");
    assert!(
        cells[0].contains("Ana ▲+2 pleased") && cells[0].contains("Ben ▼-2 cheated"),
        "{cells:?}"
    );
}

#[test]
fn the_model_keeps_the_mean_and_each_persona_score() {
    let project = project(JOURNEY);
    project.build_ok();
    let site = Site::load(&project.out());
    let json = site.json();
    let pay = &json["journeys"][0]["stages"][1];
    assert_eq!(pay["emotion"], 0.0, "the mean, for roll-ups");
    assert_eq!(pay["emotions"][1]["persona"], "ben");
    assert_eq!(pay["emotions"][1]["score"], -2.0);
}

#[test]
fn a_persona_page_sparkline_follows_that_persona() {
    let project = project(JOURNEY);
    project.build_ok();
    let site = Site::load(&project.out());
    let line = |page: &str| {
        site.one(page, "svg.sparkline polyline")
            .value()
            .attr("points")
            .unwrap_or("")
            .to_owned()
    };
    assert_ne!(line("personas/ana.html"), line("personas/ben.html"));
}

#[test]
fn a_persona_not_on_the_journey_is_located_with_a_suggestion() {
    let project = project(&JOURNEY.replace("{ana: 0, ben: 1}", "{ana: 0, bne: 1}"));
    let outcome = project.build();
    let d = only_error(&outcome);
    let (file, line, column) = position(d);
    assert_eq!(
        (file.as_str(), line, column),
        ("content/journeys/buying.md", 12, Some(23))
    );
    assert_eq!(d.message, "`bne` in `emotion:` is not one of the journey's personas");
    assert!(
        d.help
            .as_deref()
            .is_some_and(|h| h.starts_with("did you mean") && h.contains("`ben`")),
        "{d}"
    );
}

#[test]
fn each_persona_score_stays_inside_the_scale() {
    let project = project(&JOURNEY.replace("{ana: 2, ben: -2}", "{ana: 2, ben: -5}"));
    let outcome = project.build();
    let d = only_error(&outcome);
    assert_eq!(
        d.message,
        "emotion -5 (for `ben`) is outside the journey's scale (-2 to 2)"
    );
    assert_eq!(position(d).1, 9);
}
