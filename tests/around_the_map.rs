//! The pages around the map: a persona's story before the lists, a
//! touchpoint's uses grouped by journey, "On this page" only when it helps
//! and under the title, task lists, scroll boxes the keyboard can reach, and
//! nested folders kept apart in the navigation.

mod common;

use common::{Project, Site};
use std::fs;

fn project() -> Project {
    Project::with_files(&[
        ("book.toml", "[book]\ntitle = \"Energy\"\n"),
        (
            "content/personas/ana.md",
            "---\nname: Ana\ndemographics:\n  annual_usage: 2,900 kWh\n  household: two\ngoals: [Pay less]\n---\nAna moved in last summer.\n",
        ),
        ("content/touchpoints/web.md", "---\nkind: touchpoint\nname: Website\n---\n"),
        (
            "content/journeys/buying.md",
            "---\ntitle: Buying\npersona: ana\nstate: current\nstages:\n  - name: Look\n    touchpoints: [web]\n  - name: Pay\n    touchpoints: [web]\n---\n",
        ),
        (
            "content/journeys/buying-future.md",
            "---\ntitle: Buying tomorrow\npersona: ana\nstate: future\nstages:\n  - name: Look\n    touchpoints: [web]\n---\n",
        ),
        ("content/guides/one-heading.md", "# Only a title\n\nText.\n"),
        (
            "content/guides/titled.md",
            "# Titled\n\nIntro.\n\n## First\n\n## Second\n\n- [x] booked\n- [ ] paid\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\ncode\n```\n",
        ),
        ("content/guides/archive/old.md", "# Old guide\n"),
        ("content/research/archive/old.md", "# Old research\n"),
        ("content/research/_methods/survey.md", "# Survey\n"),
    ])
}

fn built() -> (Project, Site) {
    let project = project();
    project.build_ok();
    let site = Site::load(&project.out());
    (project, site)
}

#[test]
fn a_persona_tells_her_story_before_the_lists_with_keys_as_words() {
    let (_project, site) = built();
    let page = "personas/ana.html";
    let html = site.page(page).html();
    let story = html.find("Ana moved in last summer").expect("the back story");
    let goals = html.find("Pay less").expect("the goals");
    assert!(story < goals, "the story comes first");
    assert_eq!(site.texts(page, "table.demographics th"), ["Annual usage", "Household"]);
}

#[test]
fn a_touchpoint_groups_its_uses_by_journey_with_the_state() {
    let (_project, site) = built();
    let page = "touchpoints/web.html";
    let groups = site.texts(page, "table.usages tr.usage-journey th");
    assert_eq!(groups, ["Buying current state", "Buying tomorrow future state"]);
    // The journey is said once per group, not on every row.
    let rows = site.texts(
        page,
        "table.usages tbody.usage-group tr:not(.usage-journey) td:first-child",
    );
    assert_eq!(rows, ["Look", "Pay", "Look"]);
}

#[test]
fn on_this_page_needs_two_headings_and_follows_the_title() {
    let (_project, site) = built();
    assert!(site.select("guides/one-heading.html", "nav.toc").is_empty());
    let page = "guides/titled.html";
    assert_eq!(site.texts(page, "nav.toc li"), ["First", "Second"]);
    let html = site.page(page).html();
    let title = html.find("<h1").expect("the title");
    let toc = html.find("class=\"toc\"").expect("the contents");
    assert!(title < toc, "the contents come after the page's own title");
    assert_eq!(site.select(page, "article h1").len(), 1);
}

#[test]
fn task_boxes_are_named_and_scroll_boxes_take_the_focus() {
    let (_project, site) = built();
    let page = "guides/titled.html";
    let boxes: Vec<(Option<&str>, bool)> = site
        .select(page, "article li input[type=checkbox]")
        .into_iter()
        .map(|input| {
            (
                input.value().attr("aria-label"),
                input.value().attr("checked").is_some(),
            )
        })
        .collect();
    assert_eq!(boxes, [(Some("done"), true), (Some("not done"), false)]);
    assert_eq!(site.one(page, "article table").value().attr("tabindex"), Some("0"));
    assert_eq!(site.one(page, "article pre").value().attr("tabindex"), Some("0"));
}

#[test]
fn nested_folders_stay_apart_in_the_navigation() {
    let (project, _site) = built();
    let script = fs::read_to_string(project.out().join("nav.js")).expect("nav.js");
    let line = script.lines().next().expect("the tree");
    let json = line
        .strip_prefix("window.journeybookNav = ")
        .and_then(|l| l.strip_suffix(';'))
        .expect("a tree");
    let tree: serde_json::Value = serde_json::from_str(json).expect("JSON");
    let folders_of = |url: &str| -> Vec<(String, String)> {
        let section = tree["sections"]
            .as_array()
            .and_then(|s| s.iter().find(|s| s["url"] == url))
            .unwrap_or_else(|| panic!("no section {url}"));
        section["folders"]
            .as_array()
            .map(|f| {
                f.iter()
                    .map(|f| {
                        (
                            f["title"].as_str().unwrap_or("").to_owned(),
                            f["url"].as_str().unwrap_or("").to_owned(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    assert_eq!(
        folders_of("guides/index.html"),
        [("Archive".into(), "guides/archive/index.html".into())]
    );
    assert_eq!(
        folders_of("research/index.html"),
        [
            ("Methods".to_owned(), "research/_methods/index.html".to_owned()),
            ("Archive".to_owned(), "research/archive/index.html".to_owned())
        ]
    );
    let top: Vec<&str> = tree["sections"]
        .as_array()
        .map(|s| s.iter().filter_map(|s| s["url"].as_str()).collect())
        .unwrap_or_default();
    assert!(
        !top.contains(&"research/archive/index.html"),
        "folders are not flattened to the top: {top:?}"
    );
}
