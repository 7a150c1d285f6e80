//! The insights overview as a board (the worst of the current maps, the
//! opportunities by owner, reviews coming due) and the touchpoint matrix
//! split into current and future maps, with deep dives folded under the
//! stage they detail.

mod common;

use common::{Project, Site};

const OVERVIEW: &str = "insights/index.html";
const MATRIX: &str = "insights/touchpoint-matrix.html";

fn project() -> Project {
    Project::with_files(&[
        (
            "book.toml",
            "[book]\ntitle = \"Energy\"\n\n[journeys]\nstages = [\"Look\", \"Join\"]\n",
        ),
        ("content/personas/ana.md", "---\nname: Ana\n---\n"),
        (
            "content/touchpoints/web.md",
            "---\nkind: touchpoint\nname: Website\n---\n",
        ),
        ("content/touchpoints/app.md", "---\nkind: touchpoint\nname: App\n---\n"),
        (
            "content/touchpoints/call.md",
            "---\nkind: touchpoint\nname: Call centre\n---\n",
        ),
        (
            // Reviewed 2026-06-01 every 180 days: due 2026-11-28, six days after the tests' today.
            "content/journeys/buying.md",
            "---
title: Buying
persona: ana
state: current
owner: Sales
reviewed: 2026-06-01
review_every: 180
stages:
  - name: Look
    emotion: -1
    feeling: unsure
    touchpoints: [web]
    pain_points:
      - {text: Prices are hidden, severity: high}
      - {text: Slow pages, severity: low}
    opportunities:
      - {text: Show prices, priority: high, owner: Digital}
      - {text: Faster pages, priority: low, owner: Digital}
      - {text: Price leaflet, priority: medium, owner: Marketing}
    kpis:
      - {name: Conversion, value: 2, target: 3, unit: \"%\"}
  - name: Join
    emotion: -2
    feeling: lost
    detail: joining-deep-dive
    touchpoints: [app]
    kpis:
      - {name: Days to join, value: 4, target: 5, better: lower}
---
",
        ),
        (
            "content/journeys/joining-deep-dive.md",
            "---
title: Joining in depth
persona: ana
stages:
  - name: Fill the form
    touchpoints: [call]
    emotion: 1
  - name: Wait
    touchpoints: [app]
    emotion: 0
---
",
        ),
        (
            "content/journeys/buying-future.md",
            "---
title: Buying tomorrow
persona: ana
state: future
stages:
  - name: Look
    emotion: -2
    touchpoints: [app]
    pain_points:
      - {text: Future worry, severity: high}
    kpis:
      - {name: Conversion, value: 2, target: 4}
---
",
        ),
    ])
}

fn built() -> (Project, Site) {
    let project = project();
    project.build_ok();
    let site = Site::load(&project.out());
    (project, site)
}

#[test]
fn the_board_lists_the_worst_of_the_current_maps_with_links() {
    let (_project, site) = built();
    let pains = site.texts(OVERVIEW, "#jb-board-pains + .board-list li");
    assert_eq!(pains.len(), 1, "{pains:?}");
    assert!(pains[0].contains("Prices are hidden") && pains[0].contains("Buying › Look"));
    // The link lands on the stage's column of the map.
    let panel = site.one(OVERVIEW, "section[aria-labelledby=jb-board-pains]");
    let link = site.links_in(OVERVIEW, panel)[0].clone();
    let (page, anchor) = link.split_once('#').expect("a link to a spot on the map");
    assert_eq!(page, "journeys/buying.html");
    assert_eq!(site.texts(page, &format!("[id='{anchor}']")).len(), 1, "{link}");

    let moments = site.texts(OVERVIEW, "#jb-board-moments + .board-list li");
    assert!(
        moments[0].starts_with("-2 lost") && moments[0].contains("Buying › Join"),
        "{moments:?}"
    );
    assert!(moments[1].starts_with("-1 unsure"), "{moments:?}");
    assert_eq!(
        moments.len(),
        2,
        "only scores below the middle of the scale: {moments:?}"
    );

    let kpis = site.texts(OVERVIEW, "#jb-board-kpis + .board-list li");
    assert_eq!(kpis.len(), 1, "the met KPI and the future map's are left out: {kpis:?}");
    assert!(kpis[0].starts_with("Conversion: 2 → 3 %"), "{kpis:?}");

    let reviews = site.texts(OVERVIEW, "#jb-board-reviews + .board-list li");
    assert_eq!(reviews.len(), 1, "{reviews:?}");
    assert!(
        reviews[0].contains("Buying") && reviews[0].contains("in 6 days"),
        "{reviews:?}"
    );
}

#[test]
fn opportunities_are_counted_by_owner_and_priority() {
    let (_project, site) = built();
    let rows: Vec<Vec<String>> = site
        .select(OVERVIEW, "table.owners tbody tr")
        .into_iter()
        .map(|row| row.select(&common::sel("th, td")).map(common::text_of).collect())
        .collect();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[0][..5], ["Digital", "1", "", "1", "2"], "{rows:?}");
    assert!(
        rows[0][5].starts_with("Show prices"),
        "the top one is the high-priority one: {rows:?}"
    );
    assert_eq!(rows[1][..5], ["Marketing", "", "1", "", "1"], "{rows:?}");
}

#[test]
fn the_matrix_shows_current_and_future_maps_apart_with_deep_dives_folded() {
    let (_project, site) = built();
    let views = site.select(MATRIX, ".matrix-view");
    assert_eq!(views.len(), 2);
    assert_eq!(views[0].value().attr("data-view"), Some("current"));
    // The deep dive's stages are not columns: its touchpoints count at Join.
    let current_heads = site.texts(MATRIX, ".matrix-view[data-view=current] thead th");
    assert_eq!(current_heads, ["Touchpoint", "Look", "Join", "Total"]);
    let app = site.texts(MATRIX, ".matrix-view[data-view=current] tbody tr");
    assert!(app.contains(&"App 2 2".to_owned()), "{app:?}");
    assert!(app.contains(&"Call centre 1 1".to_owned()), "{app:?}");
    let future = site.texts(MATRIX, ".matrix-view[data-view=future] tbody tr");
    assert!(future.contains(&"App 1 1".to_owned()), "{future:?}");
    assert!(site
        .one(MATRIX, "[data-matrix-switch]")
        .value()
        .attr("hidden")
        .is_some());
}
