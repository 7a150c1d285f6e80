//! The current ↔ future comparison: rows follow the future map, `replaces:`
//! pairs renamed and merged stages and is checked like any reference, and
//! each row tells KPI deltas, pain points resolved and remaining, and the
//! opportunities of both maps.

mod common;

use common::{only_error, position, Project, Site};

const FUTURE: &str = "journeys/buying-future.html";

const CURRENT_MAP: &str = "---
title: Buying (today)
state: current
persona: ana
compare: buying-future
stages:
  - name: Look
    emotion: 0
    touchpoints: [web]
    pain_points: [Prices are hidden]
    kpis:
      - {name: Conversion, value: 2, target: 3, unit: \"%\"}
  - name: Verify
    emotion: -2
    pain_points: [Asked for a meter serial., Two weeks of silence]
  - name: Activate
    emotion: -1
  - name: Leaflet
    emotion: 1
  - name: Retention
    emotion: -1
    kpis:
      - {name: Churn, value: 7, target: 5, unit: \"%\", better: lower}
---
";

const FUTURE_MAP: &str = "---
title: Buying (tomorrow)
state: future
persona: ana
compare: buying-current
stages:
  - name: Look
    emotion: 1
    touchpoints: [web, app]
    pain_points: [prices are hidden]
    opportunities:
      - {text: Show the price on the first screen, priority: high}
    kpis:
      - {name: Conversion, target: 1.5, unit: \"%\"}
  - name: Sign up
    id: sign-up
    replaces: [verify, activate]
    emotion: 1
  - name: Smart meter
    emotion: 1
  - name: First bill
    replaces: [retention]
    emotion: 2
    kpis:
      - {name: Churn, target: 8, unit: \"%\", better: lower}
---
";

fn project(future: &str) -> Project {
    Project::with_files(&[
        ("book.toml", "[book]\ntitle = \"Energy\"\n"),
        ("content/personas/ana.md", "---\nname: Ana\n---\n"),
        (
            "content/touchpoints/web.md",
            "---\nkind: touchpoint\nname: Website\n---\n",
        ),
        ("content/touchpoints/app.md", "---\nkind: touchpoint\nname: App\n---\n"),
        ("content/journeys/buying-current.md", CURRENT_MAP),
        ("content/journeys/buying-future.md", future),
    ])
}

/// The comparison row of the stage called `name`, as text.
fn row(site: &Site, name: &str) -> String {
    site.texts(FUTURE, ".comparison-table tbody tr")
        .into_iter()
        .find(|text| text.starts_with(name))
        .unwrap_or_else(|| panic!("no comparison row for {name}"))
}

fn row_heads(site: &Site) -> Vec<String> {
    site.texts(FUTURE, ".comparison-table tbody th[scope=row] > a")
}

#[test]
fn rows_follow_the_future_map_with_dropped_stages_in_place() {
    let project = project(FUTURE_MAP);
    project.build_ok();
    let site = Site::load(&project.out());
    // Leaflet is dropped: it follows Activate's row (now Sign up), and the
    // new Smart meter stage keeps its place instead of going last.
    assert_eq!(
        row_heads(&site),
        ["Look", "Sign up", "Leaflet", "Smart meter", "First bill"]
    );
    let text = row(&site, "Sign up");
    assert!(text.contains("replaces Verify, Activate"), "{text}");
    // The mean of the merged stages, -2 and -1, moves to 1.
    assert!(text.contains("-1.5 → 1"), "{text}");
    assert!(row(&site, "Leaflet").contains("(stage dropped)"));
    assert!(row(&site, "Smart meter").contains("(new stage)"));
    assert!(row(&site, "First bill").contains("replaces Retention"));
    // The future curve has a point on every future stage.
    assert_eq!(site.select(FUTURE, "section.comparison svg circle.point").len(), 4);
}

#[test]
fn kpis_pain_points_and_opportunities_are_compared() {
    let project = project(FUTURE_MAP);
    project.build_ok();
    let site = Site::load(&project.out());
    let look = row(&site, "Look");
    // Today's value from the current map against the future target.
    let kpis = site.texts(FUTURE, ".comparison-table .kpi-changes li");
    assert!(
        kpis[0].starts_with("Conversion") && kpis[0].contains("2 → 1.5 %") && kpis[0].contains("met"),
        "{kpis:?}"
    );
    let first_bill = row(&site, "First bill");
    assert!(
        first_bill.contains("7 → ≤ 8 %") && first_bill.contains("✓ met"),
        "{first_bill}"
    );
    // Same text, other case: the pain point remains, in the future wording.
    assert!(look.contains("remaining prices are hidden"));
    let resolved = site.texts(FUTURE, ".comparison-table li.resolved s");
    assert_eq!(resolved, ["Asked for a meter serial.", "Two weeks of silence"]);
    assert!(look.contains("new Show the price on the first screen"));
    let summary = site.texts(FUTURE, ".comparison-summary li");
    assert!(
        summary.contains(&"2 / 2 KPIs already meet the future target".to_owned()),
        "{summary:?}"
    );
    assert!(summary.contains(&"2 pain points resolved".to_owned()), "{summary:?}");
    assert!(summary.contains(&"1 pain points remaining".to_owned()), "{summary:?}");
}

#[test]
fn an_unknown_replaced_stage_is_located_with_a_suggestion() {
    let project = project(&FUTURE_MAP.replace("replaces: [retention]", "replaces: [retension]"));
    let outcome = project.build();
    let d = only_error(&outcome);
    let (file, line, column) = position(d);
    assert_eq!(
        (file.as_str(), line, column),
        ("content/journeys/buying-future.md", 22, Some(16))
    );
    assert_eq!(d.message, "unknown stage `retension` in `replaces:`");
    assert_eq!(d.help.as_deref(), Some("did you mean `retention`?"));
}

#[test]
fn replaces_needs_a_compared_map() {
    let project = project(&FUTURE_MAP.replace("compare: buying-current\n", ""));
    let outcome = project.build();
    let errors: Vec<_> = outcome.errors().collect();
    assert!(
        errors
            .iter()
            .any(|d| d.message.contains("this journey has no `compare:`")),
        "{errors:?}"
    );
}
