//! Opportunities that close pain points: `id` on pain points and
//! opportunities, `addresses:` (in the journey or `journey#id` in another)
//! checked with located errors, `status:`, and what the map, the roll-ups
//! and the journey show of it.

mod common;

use common::{only_error, position, Project, Site};

const BUYING: &str = "---
title: Buying
persona: ana
stages:
  - name: Look
    pain_points:
      - {text: Prices are hidden, severity: high, id: hidden-prices}
      - {text: Slow pages, severity: low}
    opportunities:
      - {text: Show prices, priority: high, status: in-progress, addresses: [hidden-prices]}
      - {text: Faster pages, status: idea}
  - name: Pay
    steps:
      - name: Card
        pain_points:
          - {text: Card refused, id: card-refused}
---
";

const SUPPORT: &str = "---
title: Support
persona: ana
stages:
  - name: Call
    opportunities:
      - text: Call back refused payments
        status: planned
        addresses: [buying#card-refused, buying#hidden-prices]
---
";

fn project(buying: &str, support: &str) -> Project {
    Project::with_files(&[
        ("book.toml", "[book]\ntitle = \"Shop\"\n"),
        ("content/personas/ana.md", "---\nname: Ana\n---\n"),
        ("content/journeys/buying.md", buying),
        ("content/journeys/support.md", support),
    ])
}

fn built() -> (Project, Site) {
    let project = project(BUYING, SUPPORT);
    project.build_ok();
    let site = Site::load(&project.out());
    (project, site)
}

#[test]
fn pain_points_list_the_opportunities_addressing_them_from_any_journey() {
    let (_project, site) = built();
    let page = "journeys/buying.html";
    let addressed = site.texts(page, ".journey-map .addressed");
    assert_eq!(addressed.len(), 2, "{addressed:?}");
    assert!(
        addressed[0].contains("Show prices") && addressed[0].contains("in progress"),
        "{addressed:?}"
    );
    assert!(addressed[0].contains("Call back refused payments") && addressed[0].contains("planned"));
    assert!(
        addressed[1].contains("Call back refused payments"),
        "a step's pain point: {addressed:?}"
    );
    let facts = site.texts(page, ".fact-addressed dd");
    assert_eq!(
        facts,
        ["2 of 3"],
        "two of the journey's three pain points are addressed"
    );
    let support = site.texts("journeys/support.html", ".journey-map .addresses");
    assert!(
        support[0].contains("Prices are hidden") && support[0].contains("Card refused"),
        "{support:?}"
    );
    assert!(site.links_to("journeys/support.html", "journeys/buying.html#stage-look"));
}

#[test]
fn the_pain_point_roll_up_says_which_are_unaddressed() {
    let (_project, site) = built();
    let page = "insights/pain-points.html";
    let rows: Vec<String> = site.texts(page, "tbody tr");
    let slow = rows.iter().find(|r| r.contains("Slow pages")).expect("Slow pages");
    assert!(slow.contains("unaddressed"), "{slow}");
    let hidden = rows
        .iter()
        .find(|r| r.contains("Prices are hidden"))
        .expect("Prices are hidden");
    assert!(hidden.contains("addressed") && !hidden.contains("unaddressed") && hidden.contains("Show prices"));
    // The filter bar reads its choices from the column headed data-filter.
    let heads = site.select(page, "thead th[data-filter]");
    assert!(heads.iter().any(|h| common::text_of(*h) == "Addressed"));
}

#[test]
fn the_opportunity_roll_up_is_a_board_by_status() {
    let (_project, site) = built();
    let page = "insights/opportunities.html";
    let groups = site.texts(page, "section.group h2 .badge");
    assert_eq!(groups, ["idea", "planned", "in progress"]);
    assert_eq!(
        site.texts(page, ".status-summary li"),
        ["idea 1", "planned 1", "in progress 1"]
    );
}

#[test]
fn without_statuses_the_backlog_stays_by_priority() {
    let project = project(
        &BUYING
            .replace(", status: in-progress", "")
            .replace(", status: idea", ""),
        &SUPPORT.replace("        status: planned\n", ""),
    );
    project.build_ok();
    let site = Site::load(&project.out());
    assert_eq!(
        site.texts("insights/opportunities.html", "section.group h2 .badge"),
        ["high priority", "No priority given"]
    );
}

#[test]
fn an_unknown_pain_point_is_located_with_a_suggestion() {
    let project = project(BUYING, &SUPPORT.replace("buying#card-refused", "buying#card-refsued"));
    let outcome = project.build();
    let d = only_error(&outcome);
    let (file, line, column) = position(d);
    assert_eq!(
        (file.as_str(), line, column),
        ("content/journeys/support.md", 9, Some(21))
    );
    assert_eq!(d.message, "unknown pain point `card-refsued` in `addresses:`");
    assert_eq!(d.help.as_deref(), Some("did you mean `card-refused`?"));
}

#[test]
fn an_unknown_journey_in_addresses_is_reported_once() {
    let project = project(BUYING, &SUPPORT.replace("buying#card-refused", "biying#card-refused"));
    let outcome = project.build();
    let d = only_error(&outcome);
    assert_eq!(d.message, "unknown journey `biying`");
    assert_eq!(d.help.as_deref(), Some("did you mean `buying`?"));
}

#[test]
fn a_repeated_pain_point_id_is_an_error_at_the_second() {
    let project = project(
        &BUYING.replace("id: card-refused", "id: hidden-prices"),
        &SUPPORT
            .replace(", buying#card-refused", "")
            .replace("buying#card-refused, ", ""),
    );
    let outcome = project.build();
    let d = only_error(&outcome);
    let (file, line, _) = position(d);
    assert_eq!((file.as_str(), line), ("content/journeys/buying.md", 16));
    assert_eq!(d.message, "two pain points of this journey have the id `hidden-prices`");
}

#[test]
fn an_unknown_status_names_the_choices() {
    let project = project(&BUYING.replace("status: idea", "status: someday"), SUPPORT);
    let outcome = project.build();
    let d = only_error(&outcome);
    let text = d.to_string();
    assert!(text.contains("someday") && text.contains("in-progress"), "{text}");
    assert_eq!(position(d).1, 11);
}
