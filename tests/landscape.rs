//! The journey landscape: `parent:` is checked like a reference and its
//! cycles are errors naming them; insights/landscape.html lists top-level
//! journeys by weight then title with their sub-journeys and deep dives
//! beneath, each with its health; a journey's breadcrumbs follow the
//! hierarchy.

mod common;

use common::{only_error, position, text_of, Project, Site};

const PAGE: &str = "insights/landscape.html";

/// A journey file: its title, weight, extra front matter and stages.
fn journey(title: &str, weight: Option<i64>, extra: &str, stages: &str) -> String {
    let weight = weight.map(|w| format!("weight: {w}\n")).unwrap_or_default();
    format!("---\ntitle: {title}\n{weight}{extra}stages:\n{stages}---\n")
}

fn playbook() -> Project {
    let onboard = journey(
        "Onboarding",
        Some(1),
        "state: current\npersonas: [ana, bo]\nreviewed: 2026-11-01\nreview_every: 90\n",
        "  - name: Sign up\n    emotion: 1\n    detail: sign-up-detail\n    pain_points:\n      - {text: Slow, severity: high}\n      - {text: Dear, severity: low}\n    kpis:\n      - {name: Conversion, value: 2, target: 3}\n      - {name: Time, value: 4, target: 5, better: lower}\n  - name: Use\n    emotion: -2\n    steps:\n      - name: First bill\n        emotion: 0\n        pain_points:\n          - {text: Estimated, severity: high}\n",
    );
    let billing = journey(
        "Billing",
        Some(1),
        "parent: onboard\nreviewed: 2026-06-01\nreview_every: 90\n",
        "  - name: Bill\n    emotion: -1\n",
    );
    let detail = journey(
        "Sign-up in detail",
        Some(5),
        "reviewed: 2026-09-01\nreview_every: 90\n",
        "  - name: Form\n    emotion: 0\n",
    );
    let dispute = journey("Dispute", None, "parent: billing\n", "  - name: Complain\n");
    let leaving = journey("Leaving", Some(3), "state: future\n", "  - name: Go\n");
    let awareness = journey("Awareness", Some(3), "reviewed: 2026-11-20\n", "  - name: See\n");
    Project::with_files(&[
        ("book.toml", "[build]\nexport-json = true\n"),
        ("content/personas/ana.md", "---\nname: Ana\n---\n"),
        ("content/personas/bo.md", "---\nname: Bo\n---\n"),
        ("content/journeys/onboard.md", &onboard),
        ("content/journeys/billing.md", &billing),
        ("content/journeys/sign-up-detail.md", &detail),
        ("content/journeys/dispute.md", &dispute),
        ("content/journeys/leaving.md", &leaving),
        ("content/journeys/awareness.md", &awareness),
    ])
}

/// The landscape row of the journey titled `title`.
fn row_of<'a>(site: &'a Site, title: &str) -> scraper::ElementRef<'a> {
    site.select(PAGE, "table.landscape-table tbody tr")
        .into_iter()
        .find(|r| r.select(&common::sel("th > a")).next().map(text_of).as_deref() == Some(title))
        .unwrap_or_else(|| panic!("no row {title}"))
}

fn site() -> (Project, Site) {
    let project = playbook();
    project.build_ok();
    let site = Site::load(&project.out());
    (project, site)
}

#[test]
fn top_level_journeys_come_by_weight_then_title_with_their_children_beneath() {
    let (_project, site) = site();
    let rows = site.select(PAGE, "table.landscape-table tbody tr");
    let shape: Vec<(String, String)> = rows
        .iter()
        .map(|r| {
            let title = r.select(&common::sel("th > a")).next().map(text_of).unwrap_or_default();
            (r.value().attr("data-depth").unwrap_or_default().to_owned(), title)
        })
        .collect();
    let expected = [
        ("0", "Onboarding"),
        // Beneath Onboarding: its sub-journey (parent:) and its deep dive (detail:), by weight.
        ("1", "Billing"),
        ("2", "Dispute"),
        ("1", "Sign-up in detail"),
        // Same weight: by title.
        ("0", "Awareness"),
        ("0", "Leaving"),
    ];
    let expected: Vec<(String, String)> = expected.iter().map(|(d, t)| (d.to_string(), t.to_string())).collect();
    assert_eq!(shape, expected);
    let billing = text_of(row_of(&site, "Billing"));
    assert!(billing.contains("part of Onboarding"), "{billing}");
    let detail = text_of(row_of(&site, "Sign-up in detail"));
    assert!(detail.contains("deep dive of Sign up in Onboarding"), "{detail}");
}

#[test]
fn each_journey_shows_its_health() {
    let (_project, site) = site();
    let cells = |title: &str| -> Vec<String> { row_of(&site, title).select(&common::sel("td")).map(text_of).collect() };
    // State, personas, mean / lowest emotion (steps count), high pain points, KPIs not met, review.
    assert_eq!(
        cells("Onboarding"),
        ["current", "Ana Bo", "-0.3 / -2", "2", "1", "fresh"]
    );
    // Reviewed 2026-06-01 every 90 days: due 2026-08-30, stale on 2026-11-22.
    assert_eq!(cells("Billing")[5], "stale");
    // Due 2026-11-30, within 30 days.
    assert_eq!(cells("Sign-up in detail")[5], "review due soon");
    assert_eq!(cells("Awareness")[5], "fresh");
    assert_eq!(cells("Dispute"), ["", "", "", "0", "0", "no review date"]);
    assert_eq!(cells("Leaving")[0], "future");
    let json = site.json();
    let first = &json["insights"]["landscape"][0];
    assert_eq!(first["journey"]["id"], "onboard");
    assert_eq!(first["high_pain_points"], 2);
    assert_eq!(first["kpis_not_met"], 1);
    assert_eq!(first["emotion_lowest"], -2.0);
    assert_eq!(json["insights"]["landscape"][2]["relation"], "sub_journey");
}

#[test]
fn breadcrumbs_follow_the_hierarchy_and_the_index_links_the_landscape() {
    let (_project, site) = site();
    let crumbs = site.texts("journeys/dispute.html", "nav.breadcrumbs li");
    assert_eq!(crumbs[1..], ["Journeys", "Onboarding", "Billing", "Dispute"]);
    let crumbs = site.texts("journeys/sign-up-detail.html", "nav.breadcrumbs li");
    assert_eq!(crumbs[1..], ["Journeys", "Onboarding", "Sign-up in detail"]);
    let crumbs = site.texts("journeys/onboard.html", "nav.breadcrumbs li");
    assert_eq!(crumbs[1..], ["Journeys", "Onboarding"]);
    assert!(site.links_to("journeys/index.html", PAGE));
    // The map's facts name its parent and its sub-journeys.
    let facts: Vec<String> = site
        .select("journeys/billing.html", "dl.facts > div")
        .into_iter()
        .map(|fact| {
            fact.select(&common::sel("dt, dd"))
                .map(text_of)
                .collect::<Vec<_>>()
                .join(": ")
        })
        .collect();
    assert!(facts.contains(&"Part of: Onboarding".to_owned()), "{facts:?}");
    assert!(facts.contains(&"Sub-journeys: Dispute".to_owned()), "{facts:?}");
}

#[test]
fn an_unknown_parent_is_an_error_with_the_closest_ids() {
    let project = Project::with_files(&[
        (
            "content/journeys/billing.md",
            &journey("Billing", None, "parent: onbaord\n", "  - name: Bill\n"),
        ),
        (
            "content/journeys/onboard.md",
            &journey("Onboarding", None, "", "  - name: Go\n"),
        ),
    ]);
    let outcome = project.build();
    let error = only_error(&outcome);
    assert!(error.message.contains("onbaord"), "{error}");
    assert_eq!(error.help.as_deref(), Some("did you mean `onboard`?"));
    assert_eq!(position(error), ("content/journeys/billing.md".into(), 3, Some(9)));
}

#[test]
fn a_journey_naming_itself_is_a_cycle() {
    let project = Project::with_files(&[(
        "content/journeys/billing.md",
        &journey("Billing", None, "parent: billing\n", "  - name: Bill\n"),
    )]);
    let outcome = project.build();
    let error = only_error(&outcome);
    assert_eq!(error.message, "journey `billing` names itself as its `parent`");
    assert!(
        error.help.as_deref().unwrap_or_default().contains("set `parent:`"),
        "{error}"
    );
    assert_eq!(position(error), ("content/journeys/billing.md".into(), 3, Some(9)));
}

#[test]
fn a_cycle_of_parents_is_one_error_naming_it() {
    let project = Project::with_files(&[
        (
            "content/journeys/a.md",
            &journey("A", None, "parent: b\n", "  - name: One\n"),
        ),
        (
            "content/journeys/b.md",
            &journey("B", None, "parent: c\n", "  - name: One\n"),
        ),
        (
            "content/journeys/c.md",
            &journey("C", None, "parent: a\n", "  - name: One\n"),
        ),
        (
            "content/journeys/d.md",
            &journey("D", None, "parent: c\n", "  - name: One\n"),
        ),
    ]);
    let outcome = project.build();
    let error = only_error(&outcome);
    assert_eq!(
        error.message,
        "the `parent:` of journey `a` leads back to it: a → b → c → a"
    );
    assert!(
        error.help.as_deref().unwrap_or_default().contains("remove `parent:`"),
        "{error}"
    );
    assert_eq!(position(error), ("content/journeys/a.md".into(), 3, Some(9)));
}

#[test]
fn deep_dives_that_name_each_other_each_appear_once() {
    let project = Project::with_files(&[
        (
            "content/journeys/a.md",
            &journey("A", Some(1), "", "  - name: One\n    detail: b\n"),
        ),
        (
            "content/journeys/b.md",
            &journey("B", Some(2), "", "  - name: Two\n    detail: a\n"),
        ),
    ]);
    project.build_ok();
    let site = Site::load(&project.out());
    // Each is the other's deep dive: the first in reading order (A) goes
    // beneath B, and B then stays at the top rather than beneath itself.
    let titles = site.texts(PAGE, "table.landscape-table tbody th > a");
    assert_eq!(titles, ["B", "A"]);
    let depths: Vec<&str> = site
        .select(PAGE, "table.landscape-table tbody tr")
        .iter()
        .filter_map(|r| r.value().attr("data-depth"))
        .collect();
    assert_eq!(depths, ["0", "1"]);
}
