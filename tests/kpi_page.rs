//! KPIs with meaning: `definition`, `source` and `as_of` on a KPI, shown on
//! the map's KPI lane, in journeybook.json and on the KPI roll-up
//! (insights/kpis.html), which lists every KPI by journey with its age
//! against the build's date.

mod common;

use common::{only_error, position, Project, Site, TODAY};

const PAGE: &str = "insights/kpis.html";

const BUYING: &str = "---
title: Buying
weight: 1
state: current
stages:
  - name: Look
    kpis:
      - name: Conversion
        value: 2
        target: 3
        unit: \"%\"
        definition: Orders as a share of visits
        source: Web analytics
        as_of: 2026-11-12
      - {name: Bounce, value: 30, target: 40, unit: \"%\", better: lower, source: Web analytics, as_of: 2026-11-21}
  - name: Pay
    steps:
      - name: Card
        kpis: Card failures
---
";

const RETURNS: &str = "---
title: Returns
weight: 2
state: future
stages:
  - name: Send back
    kpis:
      - {name: Refund time, value: 9, target: 5, unit: days, better: lower, as_of: 2026-12-01}
---
";

fn project(extra: &[(&str, &str)]) -> Project {
    let mut files = vec![
        ("book.toml", "[build]\nexport-json = true\n"),
        ("content/journeys/buying.md", BUYING),
        ("content/journeys/returns.md", RETURNS),
        (
            "content/journeys/empty.md",
            "---\ntitle: No measures\nstages: [Only]\n---\n",
        ),
    ];
    files.extend_from_slice(extra);
    Project::with_files(&files)
}

fn site() -> (Project, Site) {
    let project = project(&[]);
    project.build_ok();
    let site = Site::load(&project.out());
    (project, site)
}

#[test]
fn the_roll_up_lists_every_kpi_by_journey_with_its_age() {
    assert_eq!(TODAY, "2026-11-22", "the ages below are counted to this date");
    let (_project, site) = site();
    // One group per journey with KPIs, in journey order; the map without KPIs has none.
    assert_eq!(site.texts(PAGE, "section[data-group] h2 > a"), ["Buying", "Returns"]);
    let conversion = common::text_of(site.row(PAGE, "Conversion"));
    for part in [
        "Orders as a share of visits",
        "Buying",
        "Look",
        "2 %",
        "3 %",
        "✗ not met",
        "Web analytics",
        "10 days",
        "as of 12 Nov 2026",
    ] {
        assert!(conversion.contains(part), "`{part}` in: {conversion}");
    }
    let bounce = common::text_of(site.row(PAGE, "Bounce"));
    assert!(bounce.contains("≤ 40 %") && bounce.contains("✓ met"), "{bounce}");
    assert!(bounce.contains("1 day") && !bounce.contains("1 days"), "{bounce}");
    // The short form: a KPI that is only its name, in a step.
    let card = common::text_of(site.row(PAGE, "Card failures"));
    assert!(card.contains("Pay › Card"), "{card}");
    assert!(!card.contains("met"), "no target, no verdict: {card}");
    // A measurement dated after the build's date says so instead of an age.
    let refund = common::text_of(site.row(PAGE, "Refund time"));
    assert!(
        refund.contains("dated after today") && refund.contains("future"),
        "{refund}"
    );
    let lead = common::text_of(site.one(PAGE, "p.lead"));
    assert_eq!(
        lead,
        "4 KPIs across every journey map, by journey: 1 meet their target, 2 fall short."
    );
    assert_eq!(
        site.texts(PAGE, "section[data-group] p.muted"),
        ["1 met, 1 not met", "0 met, 1 not met"]
    );
}

#[test]
fn the_roll_up_is_filterable_and_linked_from_the_insights() {
    let (project, site) = site();
    let filters = site.texts(PAGE, "section[data-group]:first-of-type th[data-filter]");
    assert_eq!(filters, ["Journey", "State", "Met", "Source"]);
    assert_eq!(site.select(PAGE, "[data-filters] section[data-group]").len(), 2);
    // Every row links to its stage on the map.
    assert!(site.links_to(PAGE, "journeys/buying.html#stage-look"));
    // The insights section of the sidebar lists it, as it does the other roll-ups.
    let nav = std::fs::read_to_string(project.out().join("nav.js")).expect("nav.js");
    assert!(nav.contains("\"insights/kpis.html\""), "{nav}");
    assert!(nav.contains("[\"KPIs\""), "{nav}");
}

#[test]
fn the_map_shows_source_date_and_definition_on_the_kpi_lane() {
    let (_project, site) = site();
    let map = "journeys/buying.html";
    let lane = site.texts(map, "table tr.lane-row-kpis .kpi-source");
    assert_eq!(
        lane,
        [
            "Source: Web analytics · as of 12 Nov 2026",
            "Source: Web analytics · as of 21 Nov 2026"
        ]
    );
    let info = site.one(map, "table tr.lane-row-kpis .kpi-info");
    assert_eq!(info.value().attr("title"), Some("Orders as a share of visits"));
    assert_eq!(
        site.texts(map, "table tr.lane-row-kpis .visually-hidden"),
        ["(Orders as a share of visits)"]
    );
    let json = site.json();
    let kpi = &json["journeys"][0]["stages"][0]["kpis"][0];
    assert_eq!(kpi["definition"], "Orders as a share of visits");
    assert_eq!(kpi["source"], "Web analytics");
    assert_eq!(kpi["as_of"], "2026-11-12");
    assert_eq!(kpi["age_days"], 10);
    assert_eq!(json["insights"]["kpis"][0]["rows"][0]["kpi"]["name"], "Conversion");
}

#[test]
fn an_impossible_as_of_date_is_a_located_error() {
    let journey =
        "---\ntitle: Buying\nstages:\n  - name: Look\n    kpis:\n      - {name: Conversion, as_of: 2026-02-30}\n---\n";
    let project = Project::with_files(&[("content/journeys/buying.md", journey)]);
    let outcome = project.build();
    let error = only_error(&outcome);
    assert!(error.message.contains("2026-02-30"), "{error}");
    assert_eq!(
        error.help.as_deref(),
        Some("dates are written YYYY-MM-DD and must exist in the calendar")
    );
    assert_eq!(position(error), ("content/journeys/buying.md".into(), 6, Some(35)));
}

#[test]
fn a_playbook_without_kpis_gets_an_empty_roll_up() {
    let project = Project::with_files(&[("content/journeys/a.md", "---\ntitle: A\nstages: [One]\n---\n")]);
    project.build_ok();
    let site = Site::load(&project.out());
    assert_eq!(
        common::text_of(site.one(PAGE, "article > p:not(.eyebrow):not(.lead)")),
        "No journey map has KPIs yet."
    );
}
