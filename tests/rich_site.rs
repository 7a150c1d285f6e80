//! The rich fixture (tests/fixtures/rich): a valid project that uses every
//! kind, field, short form and Markdown feature. It must build with only the
//! one stale-map warning, and the pages must show what the spec promises.

mod common;

use common::{text_of, Project, Site};
use journeybook::Outcome;

const CURRENT: &str = "journeys/buying-a-bike-current.html";
const FUTURE: &str = "journeys/buying-a-bike-future.html";
const DEEP_DIVE: &str = "journeys/choosing-deep-dive.html";
const STALE: &str = "journeys/servicing-stale.html";
const GUIDE: &str = "guides/workshop-guide.html";

struct Built {
    project: Project,
    outcome: Outcome,
    site: Site,
}

fn build_rich() -> Built {
    let project = Project::from_fixture("rich");
    let outcome = project.build_ok();
    let site = Site::load(&project.out());
    Built { project, outcome, site }
}

/// The table of the journey map: the one whose header holds the stage anchors.
fn map_table<'a>(site: &'a Site, url: &str) -> scraper::ElementRef<'a> {
    let tables: Vec<_> = site
        .select(url, "table")
        .into_iter()
        .filter(|t| t.select(&common::sel("thead [id^='stage-']")).next().is_some())
        .collect();
    assert_eq!(tables.len(), 1, "expected one journey map table in {url}");
    tables[0]
}

/// The roll-up groups of an insights page: each group's level (from its
/// `group-<level>` class) and the text of its rows, in page order.
fn grouped(site: &Site, url: &str) -> Vec<(String, Vec<String>)> {
    site.select(url, "section.group")
        .into_iter()
        .map(|group| {
            let level = group
                .value()
                .classes()
                .find_map(|c| c.strip_prefix("group-"))
                .unwrap_or_default()
                .to_owned();
            let rows = group.select(&common::sel("tbody tr")).map(text_of).collect();
            (level, rows)
        })
        .collect()
}

/// The cells of the map row whose label (the row header) is `label`.
fn lane_cells(site: &Site, url: &str, label: &str) -> Vec<String> {
    let table = map_table(site, url);
    let row = table
        .select(&common::sel("tbody tr"))
        .find(|r| {
            // The emotion lane's label spans the curve's row and its own.
            let key = format!("lane-row-{}", label.to_lowercase().replace(' ', "_"));
            r.value().classes().any(|c| c == key)
                || r.select(&common::sel("th"))
                    .next()
                    .is_some_and(|th| text_of(th).eq_ignore_ascii_case(label))
        })
        .unwrap_or_else(|| panic!("no `{label}` lane in {url}"));
    row.select(&common::sel("td")).map(text_of).collect()
}

#[test]
fn builds_with_only_the_stale_map_warning() {
    let built = build_rich();
    let diagnostics = &built.outcome.diagnostics;
    assert_eq!(
        diagnostics.len(),
        1,
        "expected exactly one diagnostic:\n{}",
        common::describe(diagnostics)
    );
    let warning = &diagnostics[0];
    assert!(!warning.is_error());
    assert!(
        warning.message.contains("`servicing-stale`") && warning.message.contains("stale"),
        "{warning}"
    );
    assert!(warning.message.contains("2025-01-15"), "{warning}");
    let (file, line, _) = common::position(warning);
    assert_eq!(file, "content/journeys/servicing-stale.md");
    assert_eq!(line, 5, "points at the `reviewed:` line");
}

#[test]
fn reports_the_output_folder_and_page_count() {
    let built = build_rich();
    let out = built.project.out().canonicalize().expect("output exists");
    assert_eq!(built.outcome.output_dir.as_deref(), Some(out.as_path()));
    assert_eq!(built.outcome.pages, built.site.pages.len());
}

#[test]
fn writes_every_page_asset_and_support_file() {
    let built = build_rich();
    let out = built.project.out();
    let expected = [
        "index.html",
        "404.html",
        "journeys/index.html",
        CURRENT,
        FUTURE,
        DEEP_DIVE,
        STALE,
        "personas/index.html",
        "personas/ana.html",
        "personas/ben.html",
        "personas/ana.svg",
        "touchpoints/index.html",
        "touchpoints/web-shop.html",
        "touchpoints/live-chat.html",
        "touchpoints/showroom.html",
        "touchpoints/review-sites.html",
        "touchpoints/workshop.html",
        "touchpoints/newsletter.html",
        "insights/index.html",
        "insights/pain-points.html",
        "insights/opportunities.html",
        "insights/touchpoint-matrix.html",
        "insights/stale-maps.html",
        "guides/index.html",
        GUIDE,
        "guides/glossary.html",
        "guides/methods/interviews.html",
        "guides/checklist.csv",
        "guides/room plan.txt",
        "journeybook.json",
        "journeybook.css",
        "syntax-light.css",
        "syntax-dark.css",
        ".journeybook-site",
    ];
    let missing: Vec<&str> = expected.iter().copied().filter(|f| !out.join(f).is_file()).collect();
    assert!(missing.is_empty(), "missing from the output: {missing:?}");
    let csv = std::fs::read(out.join("guides/checklist.csv")).expect("csv copied");
    let original = std::fs::read(built.project.path("content/guides/checklist.csv")).expect("csv");
    assert_eq!(csv, original, "attachments are copied as they are");
}

#[test]
fn every_link_and_anchor_resolves() {
    let built = build_rich();
    common::assert_links_resolve(&built.project.out());
}

#[test]
fn markdown_links_lead_to_pages_headings_stages_and_files() {
    let built = build_rich();
    let links = built.site.links(GUIDE);
    for target in [
        "journeys/buying-a-bike-current.html",
        "journeys/buying-a-bike-current.html#stage-choose",
        "touchpoints/live-chat.html#hours",
        "guides/workshop-guide.html#agenda",
        "guides/workshop-guide.html#notes-1",
        "guides/glossary.html#terms",
        "guides/checklist.csv",
        "guides/room plan.txt",
    ] {
        assert!(
            links.iter().any(|l| l == target),
            "{GUIDE} has no link to {target}; links: {links:?}"
        );
    }
    assert!(
        built
            .site
            .hrefs(GUIDE)
            .iter()
            .any(|h| h == "https://example.com/journeys"),
        "external links are kept as written"
    );
    let nested = built.site.links("guides/methods/interviews.html");
    assert!(nested.contains(&"personas/ana.html".to_owned()), "{nested:?}");
    assert!(nested.contains(&"guides/workshop-guide.html#agenda".to_owned()));
    let image = built.site.one("guides/methods/interviews.html", "main img");
    let src = image.value().attr("src").expect("src");
    assert_eq!(
        common::resolve_link("guides/methods/interviews.html", src).as_deref(),
        Some("personas/ana.svg")
    );
    assert!(built
        .site
        .links_to(CURRENT, "journeys/buying-a-bike-future.html#stage-buy"));
    assert!(built.site.links_to(CURRENT, &format!("{CURRENT}#stage-buy")));
}

#[test]
fn heading_ids_are_slugs_made_unique() {
    let built = build_rich();
    let ids: Vec<String> = built
        .site
        .select(GUIDE, "main h2[id]")
        .into_iter()
        .map(|h| h.value().attr("id").unwrap_or_default().to_owned())
        .collect();
    assert_eq!(ids, ["agenda", "notes", "notes-1"]);
    assert_eq!(built.site.select(CURRENT, "h2#findings").len(), 1);
}

#[test]
fn touchpoint_pages_list_every_journey_stage_that_uses_them() {
    let built = build_rich();
    let site = &built.site;
    let expected = [
        (
            "touchpoints/showroom.html",
            vec![
                "journeys/buying-a-bike-current.html#stage-choose",
                "journeys/buying-a-bike-current.html#stage-buy",
                "journeys/buying-a-bike-future.html#stage-buy",
                "journeys/choosing-deep-dive.html#stage-test-ride",
            ],
        ),
        (
            "touchpoints/live-chat.html",
            vec![
                "journeys/buying-a-bike-current.html#stage-choose",
                "journeys/buying-a-bike-future.html#stage-buy",
            ],
        ),
        (
            "touchpoints/workshop.html",
            vec![
                "journeys/buying-a-bike-current.html#stage-ride",
                "journeys/servicing-stale.html#stage-ride",
            ],
        ),
        (
            "touchpoints/newsletter.html",
            vec![
                "journeys/servicing-stale.html#stage-ride",
                "journeys/servicing-stale.html#stage-share",
            ],
        ),
    ];
    for (page, stages) in expected {
        let used: Vec<String> = site.links(page).into_iter().filter(|l| l.contains("#stage-")).collect();
        for stage in &stages {
            assert!(used.iter().any(|u| u == stage), "{page} lacks {stage}: {used:?}");
        }
        for u in &used {
            assert!(stages.contains(&u.as_str()), "{page} links to unrelated {u}");
        }
    }
}

#[test]
fn touchpoint_usage_shows_emotion_and_pain_points_of_the_stage() {
    let built = build_rich();
    let site = &built.site;
    let page = "touchpoints/showroom.html";
    let choose = site
        .select(page, "tr")
        .into_iter()
        .find(|row| {
            site.links_in(page, *row)
                .contains(&"journeys/buying-a-bike-current.html#stage-choose".to_owned())
        })
        .expect("a row for the Choose stage");
    let text = text_of(choose);
    assert!(text.contains("-1") && text.contains("confused"), "{text}");
    assert!(text.contains("Frame size advice is contradictory"), "{text}");
    let step = site.row(page, "Collects the bike");
    let text = text_of(step);
    assert!(text.contains("10"), "the step's own emotion: {text}");
    assert!(text.contains("Collection desk hidden at the back"), "{text}");
    assert!(site.links_to(page, "personas/ben.html"), "Ben prefers the showroom");
}

#[test]
fn persona_pages_list_their_journeys() {
    let built = build_rich();
    let journeys_of = |page: &str| -> Vec<String> {
        let mut found: Vec<String> = built
            .site
            .links(page)
            .into_iter()
            .filter(|l| l.starts_with("journeys/") && l != "journeys/index.html")
            .filter(|l| !l.contains('#'))
            .collect();
        found.sort();
        found.dedup();
        found
    };
    assert_eq!(
        journeys_of("personas/ana.html"),
        [CURRENT, FUTURE, STALE].map(String::from)
    );
    assert_eq!(journeys_of("personas/ben.html"), [CURRENT, DEEP_DIVE].map(String::from));
}

#[test]
fn persona_profile_shows_every_field() {
    let built = build_rich();
    let site = &built.site;
    let ana = "personas/ana.html";
    let text = site.body_text(ana);
    for expected in [
        "Ana Ruiz",
        "Commuting nurse",
        "I need a bike that just works at 6am.",
        "Urban commuters",
        "Get to work on time",
        "Reliable brakes",
        "Waiting a week for a repair",
        "Staying fit",
        "Compares bikes on her phone on night shifts",
        "2026 rider survey",
        "9 interviews",
    ] {
        assert!(text.contains(expected), "{ana} lacks `{expected}`");
    }
    let demographics: Vec<(String, String)> = site
        .select(ana, "main tr")
        .into_iter()
        .filter_map(|row| {
            let th = row.select(&common::sel("th")).next()?;
            let td = row.select(&common::sel("td")).next()?;
            Some((text_of(th), text_of(td)))
        })
        .collect();
    assert_eq!(
        demographics,
        [("Age", "34"), ("City", "Utrecht"), ("Household", "Partner, one child")]
            .map(|(k, v)| (k.to_owned(), v.to_owned())),
        "demographics in the written order, keys as words"
    );
    let avatar = site.one(ana, "main img");
    let src = avatar.value().attr("src").expect("src");
    assert_eq!(common::resolve_link(ana, src).as_deref(), Some("personas/ana.svg"));
    assert!(site.links_to(ana, "touchpoints/web-shop.html"));
    assert!(site.links_to(ana, "touchpoints/live-chat.html"));

    let ben = site.body_text("personas/ben.html");
    for expected in [
        "Weekend racer",
        "Win the club championship",
        "Reads every review before buying",
    ] {
        assert!(
            ben.contains(expected),
            "ben lacks `{expected}` (occupation/behaviours aliases, short forms)"
        );
    }
    assert!(site.links_to("personas/ben.html", "touchpoints/showroom.html"));
}

#[test]
fn current_and_future_maps_link_each_other() {
    let built = build_rich();
    assert!(built.site.links_to(CURRENT, FUTURE));
    assert!(built.site.links_to(FUTURE, CURRENT));
    let json = built.site.json();
    let journey = |id: &str| {
        json["journeys"]
            .as_array()
            .expect("journeys")
            .iter()
            .find(|j| j["id"] == id)
            .unwrap_or_else(|| panic!("journey {id} in journeybook.json"))
            .clone()
    };
    assert_eq!(
        journey("buying-a-bike-current")["compare"]["id"],
        "buying-a-bike-future"
    );
    assert_eq!(
        journey("buying-a-bike-future")["compare"]["id"],
        "buying-a-bike-current"
    );
    let rows = journey("buying-a-bike-current")["comparison"]["rows"].clone();
    let stages: Vec<&str> = rows
        .as_array()
        .expect("comparison rows")
        .iter()
        .filter_map(|r| r["stage"].as_str())
        .collect();
    assert_eq!(stages, ["Discover", "Choose", "Buy", "Ride"]);
}

#[test]
fn deep_dive_and_its_stage_link_each_other() {
    let built = build_rich();
    let site = &built.site;
    // Choose is the second stage: its cell of the goal row, after the lane label.
    let goal_cell = site.one(CURRENT, "tr.stage-intro > td:nth-child(3)");
    assert!(
        site.links_in(CURRENT, goal_cell).contains(&DEEP_DIVE.to_owned()),
        "the Choose stage links to its deep dive"
    );
    let card = site.one(CURRENT, "#card-stage-choose");
    assert!(
        site.links_in(CURRENT, card).contains(&DEEP_DIVE.to_owned()),
        "so does its card on a phone"
    );
    assert!(
        site.links_to(DEEP_DIVE, &format!("{CURRENT}#stage-choose")),
        "the deep dive links back to the stage it details"
    );
    let other = site.one(CURRENT, "#stage-buy");
    assert!(!site.links_in(CURRENT, other).contains(&DEEP_DIVE.to_owned()));
}

#[test]
fn journey_map_has_one_column_per_stage() {
    let built = build_rich();
    let table = map_table(&built.site, CURRENT);
    let stage_ids: Vec<&str> = table
        .select(&common::sel("thead [id^='stage-']"))
        .filter_map(|th| th.value().attr("id"))
        .collect();
    assert_eq!(stage_ids, ["stage-discover", "stage-choose", "stage-buy", "stage-ride"]);
    // Every row (lanes, the curve, the blueprint lines) spans the four stages.
    for row in table.select(&common::sel("tbody tr")) {
        let span: usize = row
            .select(&common::sel("td"))
            .map(|td| td.value().attr("colspan").map_or(1, |c| c.parse().unwrap_or(0)))
            .sum();
        assert_eq!(span, 4, "{}", text_of(row));
    }
    let future = map_table(&built.site, FUTURE);
    assert_eq!(future.select(&common::sel("thead [id^='stage-']")).count(), 2);
}

#[test]
fn journey_map_draws_only_the_lanes_some_stage_fills() {
    let built = build_rich();
    let lanes = |url: &str| -> Vec<String> {
        map_table(&built.site, url)
            .select(&common::sel("tbody tr[class^='lane-row-'] > th"))
            .map(|th| text_of(th).to_lowercase())
            .map(|label| label.split(' ').next().unwrap_or_default().to_owned())
            .collect()
    };
    assert_eq!(
        lanes(CURRENT),
        [
            "actions",
            "touchpoints",
            "emotion",
            "pain",
            "opportunities",
            "owners",
            "kpis"
        ]
    );
    // Only a step fills `actions` in the future map: the lane is still drawn.
    assert_eq!(
        lanes(FUTURE),
        [
            "actions",
            "touchpoints",
            "thoughts",
            "emotion",
            "pain",
            "frontstage",
            "backstage",
            "support"
        ]
    );
}

#[test]
fn emotions_and_the_moment_of_truth_are_shown() {
    let built = build_rich();
    let site = &built.site;
    assert_eq!(
        lane_cells(site, CURRENT, "Emotion"),
        ["▲+1 curious", "▼-1 confused", "▲+2 delighted", "●0 content"]
    );
    let marked = |url: &str, id: &str| text_of(site.one(url, &format!("#{id}"))).to_lowercase();
    assert!(marked(CURRENT, "stage-buy").contains("moment of truth"));
    for other in ["stage-discover", "stage-choose", "stage-ride"] {
        assert!(!marked(CURRENT, other).contains("moment of truth"), "{other}");
    }
    assert_eq!(
        site.select(CURRENT, "table svg circle.point").len(),
        4,
        "one point of the emotion curve per stage with an emotion"
    );
    // A step's moment of truth, on a map with its own 0..10 scale.
    let future = site.body_text(FUTURE);
    assert!(future.to_lowercase().contains("moment of truth"), "{future}");
    assert!(future.contains("Collects the bike"));
    let cells = lane_cells(site, FUTURE, "Emotion");
    // 7 and 9 lie above the middle (5) of that scale.
    assert!(cells[0].starts_with("▲7 informed"), "{cells:?}");
    assert!(cells[1].starts_with("▲9 confident"), "{cells:?}");
    assert!(cells[1].contains("10"), "the step's emotion: {cells:?}");
}

#[test]
fn own_emotion_scales_are_kept() {
    let built = build_rich();
    let json = built.site.json();
    let scale = |id: &str| {
        let j = json["journeys"]
            .as_array()
            .expect("journeys")
            .iter()
            .find(|j| j["id"] == id)
            .expect("journey")
            .clone();
        (j["emotion_scale"]["min"].as_f64(), j["emotion_scale"]["max"].as_f64())
    };
    assert_eq!(scale("buying-a-bike-future"), (Some(0.0), Some(10.0)));
    assert_eq!(scale("choosing-deep-dive"), (Some(1.0), Some(5.0)));
    assert_eq!(
        scale("buying-a-bike-current"),
        (Some(-2.0), Some(2.0)),
        "book.toml's scale"
    );
}

#[test]
fn kpis_show_whether_targets_are_met() {
    let built = build_rich();
    let kpis = lane_cells(&built.site, CURRENT, "KPIs");
    let buy = &kpis[2];
    let items: Vec<String> = built
        .site
        .select(CURRENT, "tbody li")
        .into_iter()
        .map(text_of)
        .filter(|t| buy.contains(t.as_str()))
        .collect();
    let item = |name: &str| {
        items
            .iter()
            .find(|t| t.contains(name))
            .unwrap_or_else(|| panic!("no KPI `{name}` in {items:?}"))
            .to_lowercase()
    };
    let checkout = item("Time to checkout");
    assert!(checkout.contains('4') && checkout.contains('5') && checkout.contains("minutes"));
    assert!(
        checkout.contains("met") && !checkout.contains("not met"),
        "lower is better: {checkout}"
    );
    let conversion = item("Conversion rate");
    assert!(
        conversion.contains("2.1") && conversion.contains("not met"),
        "{conversion}"
    );
    let returns = item("Returns within 30 days");
    assert!(returns.contains("not met"), "8% > 5% with lower better: {returns}");
    for (i, cell) in kpis.iter().enumerate().filter(|(i, _)| *i != 2) {
        assert!(cell.is_empty(), "stage {i} has no KPIs: {cell}");
    }
}

#[test]
fn pain_points_roll_up_by_severity() {
    let built = build_rich();
    let site = &built.site;
    let page = "insights/pain-points.html";
    let rated = [
        ("Frame size advice is contradictory", "high"),
        ("The earliest service slot is in two weeks", "high"),
        ("No test-ride slots on Saturdays", "high"),
        ("Reviews compare last year's models", "medium"),
        ("Collection desk hidden at the back", "low"),
    ];
    let unrated = ["Prices differ between shop and web", "Spec sheets use different units"];
    let groups = grouped(site, page);
    let levels: Vec<&str> = groups.iter().map(|(level, _)| level.as_str()).collect();
    assert_eq!(levels, ["high", "medium", "low", "unrated"], "most severe first");
    let total: usize = groups.iter().map(|(_, rows)| rows.len()).sum();
    assert_eq!(total, rated.len() + unrated.len());
    let level_of = |pain: &str| {
        let found: Vec<&str> = groups
            .iter()
            .filter(|(_, rows)| rows.iter().any(|r| r.contains(pain)))
            .map(|(level, _)| level.as_str())
            .collect();
        assert_eq!(found.len(), 1, "`{pain}` is in one group: {groups:?}");
        found[0]
    };
    for (pain, severity) in rated {
        assert_eq!(level_of(pain), severity, "{pain}");
    }
    for pain in unrated {
        assert_eq!(level_of(pain), "unrated", "{pain}");
    }
    let frame = site.row(page, "Frame size advice");
    let links = site.links_in(page, frame);
    assert!(links.contains(&format!("{CURRENT}#stage-choose")), "{links:?}");
    assert!(
        links.contains(&"touchpoints/live-chat.html".to_owned()),
        "the pain point's own touchpoint"
    );
    assert!(!links.contains(&"touchpoints/showroom.html".to_owned()), "{links:?}");
}

#[test]
fn opportunities_roll_up_by_priority_and_owner() {
    let built = build_rich();
    let site = &built.site;
    let page = "insights/opportunities.html";
    assert_eq!(site.select(page, "tbody tr").len(), 4);
    let groups = grouped(site, page);
    let in_group = |level: &str| -> Vec<String> {
        groups
            .iter()
            .find(|(l, _)| l == level)
            .map(|(_, rows)| rows.clone())
            .unwrap_or_default()
    };
    let high = in_group("high");
    assert_eq!(high.len(), 1, "{groups:?}");
    assert!(high[0].contains("Offer an online size finder") && high[0].contains("Digital team"));
    let low = in_group("low");
    assert_eq!(low.len(), 1, "{groups:?}");
    assert!(low[0].contains("Remind riders of the free first service") && low[0].contains("Service team"));
    let unrated = in_group("unrated");
    for plain in ["Publish a size chart in every box", "Normalise spec sheets"] {
        assert!(unrated.iter().any(|r| r.contains(plain)), "{plain} in {unrated:?}");
    }
    let order: Vec<String> = site.texts(page, "tbody tr");
    assert!(
        order[0].contains("Offer an online size finder"),
        "high priority first: {order:?}"
    );
}

#[test]
fn stale_maps_are_listed_and_flagged() {
    let built = build_rich();
    let site = &built.site;
    let page = "insights/stale-maps.html";
    let rows = site.select(page, "tbody tr");
    assert_eq!(rows.len(), 1, "only the stale map");
    let row = text_of(rows[0]);
    for expected in ["Annual service", "Service team", "2025-01-15", "2025-05-15", "556"] {
        assert!(row.contains(expected), "`{expected}` in {row}");
    }
    assert!(site.links_to(page, STALE));
    let json = built.site.json();
    let stale: Vec<&str> = json["journeys"]
        .as_array()
        .expect("journeys")
        .iter()
        .filter(|j| j["review"]["stale"] == true)
        .filter_map(|j| j["id"].as_str())
        .collect();
    assert_eq!(stale, ["servicing-stale"]);
    let header = text_of(site.one(STALE, "main header")).to_lowercase();
    assert!(header.contains("stale"), "{header}");
    let current = text_of(site.one(CURRENT, "main header")).to_lowercase();
    assert!(!current.contains("stale"), "{current}");
}

#[test]
fn touchpoint_matrix_counts_journeys_per_stage() {
    let built = build_rich();
    let site = &built.site;
    let page = "insights/touchpoint-matrix.html";
    let stages = site.texts(page, "thead th");
    assert_eq!(
        stages[1..6],
        ["Discover", "Choose", "Buy", "Ride", "Share"],
        "book.toml order first"
    );
    let cells = |view: &str| -> Vec<String> {
        let row = site
            .select(page, &format!(".matrix-view[data-view={view}] tbody tr"))
            .into_iter()
            .find(|r| text_of(*r).contains("Showroom"))
            .expect("a Showroom row");
        row.select(&common::sel("td")).map(text_of).collect()
    };
    // Current maps: Choose (the map, and its deep dive's Test ride folded
    // under it) and Buy; the future map's step is in the future matrix.
    let current = cells("current");
    assert_eq!(current[1], "2");
    assert_eq!(current[2], "1");
    assert_eq!(current.last().map(String::as_str), Some("3"), "total");
    assert_eq!(cells("future").last().map(String::as_str), Some("1"), "total");
    let columns = site.texts(page, ".matrix-view[data-view=current] thead th");
    assert!(
        !columns.iter().any(|c| c == "Test ride"),
        "a deep dive's stages are not columns: {columns:?}"
    );
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let built = build_rich();
    let out = built.project.out();
    assert!(!out.join("guides/roadmap.html").exists());
    for (url, html) in &built.site.pages {
        assert!(!html.html().contains("Secret roadmap"), "{url} mentions the draft");
    }
    let json = std::fs::read_to_string(out.join("journeybook.json")).expect("json");
    assert!(!json.contains("roadmap"));

    let with_drafts = built.project.tmp.path().join("with-drafts");
    let outcome = journeybook::build(&built.project.root, &common::options(Some(&with_drafts), true));
    common::assert_no_errors(&outcome);
    let site = Site::load(&with_drafts);
    assert!(site
        .body_text("guides/roadmap.html")
        .contains("we plan to sell e-bikes"));
    assert!(site.links_to("guides/index.html", "guides/roadmap.html"));
    assert_eq!(outcome.pages, built.outcome.pages + 1);
    common::assert_links_resolve(&with_drafts);
}

#[test]
fn code_blocks_are_highlighted_for_known_languages_only() {
    let built = build_rich();
    let blocks = built.site.select(GUIDE, "main pre");
    assert_eq!(blocks.len(), 3);
    for (block, lang) in blocks.iter().zip(["rust", "yaml"]) {
        let classes: Vec<&str> = block
            .select(&common::sel("span[class]"))
            .flat_map(|s| s.value().classes())
            .collect();
        assert!(
            classes.iter().any(|c| c.starts_with("hl-")),
            "{lang} is highlighted: {}",
            block.html()
        );
    }
    assert!(text_of(blocks[0]).contains("println!(\"map\");"));
    let plain = blocks[2];
    assert_eq!(plain.select(&common::sel("span")).count(), 0, "{}", plain.html());
    assert_eq!(plain.select(&common::sel("b")).count(), 0, "code is text, not HTML");
    assert_eq!(text_of(plain), "<b>not bold</b> & raw");
    let out = built.project.out();
    let css = std::fs::read_to_string(out.join("syntax-light.css")).expect("css");
    assert!(css.contains(".hl-"));
}

#[test]
fn tables_task_lists_and_footnotes_render() {
    let built = build_rich();
    let site = &built.site;
    assert_eq!(site.texts(GUIDE, "main table th"), ["Time", "Activity"]);
    assert_eq!(site.select(GUIDE, "main table tbody tr").len(), 2);
    let boxes = site.select(GUIDE, "main li input[type='checkbox']");
    assert_eq!(boxes.len(), 2);
    assert!(boxes[0].value().attr("checked").is_some());
    assert!(boxes[1].value().attr("checked").is_none());
    let footnote = site
        .select(GUIDE, "main [id]")
        .into_iter()
        .filter(|el| text_of(*el).contains("Footnotes work too."))
        .last()
        .and_then(|el| el.value().attr("id"))
        .expect("the footnote has an id");
    assert!(
        site.links_to(GUIDE, &format!("{GUIDE}#{footnote}")),
        "the footnote reference leads to the footnote"
    );
}

#[test]
fn page_without_front_matter_is_titled_by_its_first_heading() {
    let built = build_rich();
    let site = &built.site;
    let title = text_of(site.one("guides/glossary.html", "head title"));
    assert!(title.starts_with("Glossary"), "{title}");
    let h1 = site.texts("guides/glossary.html", "main h1");
    assert_eq!(h1.len(), 1, "the title is not printed twice: {h1:?}");
    assert_eq!(h1[0].trim_end_matches('#').trim(), "Glossary");
    let index = site.one("guides/index.html", "main");
    assert!(text_of(index).contains("Glossary"));
}

#[test]
fn folders_of_plain_pages_get_an_index() {
    let built = build_rich();
    let links = built.site.links("guides/index.html");
    for page in [GUIDE, "guides/glossary.html", "guides/methods/index.html"] {
        assert!(links.iter().any(|l| l == page), "guides/index.html lacks {page}");
    }
    let links = built.site.links("guides/methods/index.html");
    assert!(links.iter().any(|l| l == "guides/methods/interviews.html"));
}

#[test]
fn journeybook_json_describes_the_site() {
    let built = build_rich();
    let json = built.site.json();
    assert_eq!(json["book"]["title"], "Northwind Bikes playbook");
    assert_eq!(json["book"]["language"], "en-GB");
    assert_eq!(json["built_on"], common::TODAY);
    let ids = |key: &str| -> Vec<String> {
        let mut ids: Vec<String> = json[key]
            .as_array()
            .unwrap_or_else(|| panic!("{key} is a list"))
            .iter()
            .filter_map(|x| x["id"].as_str().map(str::to_owned))
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(
        ids("journeys"),
        [
            "buying-a-bike-current",
            "buying-a-bike-future",
            "choosing-deep-dive",
            "servicing-stale"
        ]
    );
    assert_eq!(ids("personas"), ["ana", "ben"]);
    assert_eq!(ids("touchpoints").len(), 6);
    let order: Vec<&str> = json["stage_order"]
        .as_array()
        .expect("stage order")
        .iter()
        .filter_map(|s| s.as_str())
        .collect();
    assert_eq!(order[..5], ["Discover", "Choose", "Buy", "Ride", "Share"]);
    assert!(order.contains(&"Test ride"));
}

#[test]
fn front_matter_values_are_escaped() {
    let built = build_rich();
    let site = &built.site;
    for (url, html) in &site.pages {
        assert_eq!(
            html.select(&common::sel("script:not([src])")).count(),
            0,
            "inline script element in {url}"
        );
        // Read as written: a parser writes `<` inside attributes back unescaped.
        let written = std::fs::read_to_string(site.dir.join(url)).expect("read the page");
        assert!(!written.contains("<script>alert"), "{url}");
    }
    let scenario = site.body_text(CURRENT);
    assert!(
        scenario.contains("Ana types <script>alert('xss')</script> into the search box & waits"),
        "the text is shown as written"
    );
    assert!(site
        .body_text("touchpoints/live-chat.html")
        .contains("<script>alert('chat')</script>"));
}

#[test]
fn book_settings_shape_the_site() {
    let built = build_rich();
    let lang = built.site.one("index.html", "html").value().attr("lang");
    assert_eq!(lang, Some("en-GB"));
    let title = text_of(built.site.one(CURRENT, "head title"));
    assert!(title.contains("Buying a bike (current state)") && title.contains("Northwind Bikes playbook"));
}

#[test]
fn output_dir_of_book_toml_is_the_default_destination() {
    let project = Project::from_fixture("rich");
    let outcome = common::build_ok(&project.root, None);
    let public = project.path("public").canonicalize().expect("public/ built");
    assert_eq!(outcome.output_dir.as_deref(), Some(public.as_path()));
    assert!(public.join(CURRENT).is_file());
}

#[test]
fn staleness_is_judged_against_the_given_today() {
    let project = Project::from_fixture("rich");
    let stale_warnings = |today: &str| {
        let options = journeybook::BuildOptions {
            dest_dir: Some(project.out()),
            drafts: false,
            today: journeybook::date::Date::parse(today),
            strict: false,
        };
        let outcome = journeybook::check(&project.root, &options);
        common::assert_no_errors(&outcome);
        outcome.warnings().filter(|w| w.message.contains("stale")).count()
    };
    // servicing-stale: reviewed 2025-01-15, every 120 days (book.toml): due 2025-05-15.
    assert_eq!(stale_warnings("2025-05-15"), 0, "due today is not yet stale");
    assert_eq!(stale_warnings("2025-05-16"), 1, "stale the day after");
    // buying-a-bike-current: reviewed 2026-10-01, every 90 days: due 2026-12-30.
    assert_eq!(stale_warnings("2026-12-31"), 3, "the current and future maps too");
}

#[test]
fn service_blueprint_lines_separate_the_layers() {
    let built = build_rich();
    let rows: Vec<String> = map_table(&built.site, FUTURE)
        .select(&common::sel("tbody tr"))
        .filter_map(|tr| tr.select(&common::sel("th")).next().map(text_of))
        .collect();
    let at = |label: &str| {
        rows.iter()
            .position(|r| r.starts_with(label))
            .unwrap_or_else(|| panic!("no `{label}` row in {rows:?}"))
    };
    assert_eq!(at("Line of interaction") + 1, at("Frontstage"), "{rows:?}");
    assert_eq!(at("Line of visibility") + 1, at("Backstage"), "{rows:?}");
    assert_eq!(at("Line of internal interaction") + 1, at("Support"), "{rows:?}");
    assert!(at("Pain points") < at("Line of interaction"), "{rows:?}");
    // A map with no frontstage, backstage or support lanes draws no line.
    let current: Vec<String> = built.site.texts(CURRENT, "tr.blueprint-line");
    assert!(current.is_empty(), "{current:?}");
}

#[test]
fn journey_header_shows_each_persona_with_its_face() {
    let built = build_rich();
    let site = &built.site;
    let chips = site.select(CURRENT, ".persona-chips a");
    assert_eq!(chips.len(), 2);
    let hrefs: Vec<&str> = chips.iter().filter_map(|a| a.value().attr("href")).collect();
    assert_eq!(hrefs, ["../personas/ana.html", "../personas/ben.html"]);
    let avatar = chips[0].select(&common::sel("img")).next().expect("Ana has an avatar");
    assert_eq!(avatar.value().attr("src"), Some("../personas/ana.svg"));
    assert!(chips[1].select(&common::sel("img")).next().is_none(), "Ben has none");
}

#[test]
fn emotion_curve_points_sit_at_the_centres_of_the_stage_columns() {
    let built = build_rich();
    let xs: Vec<String> = built
        .site
        .select(CURRENT, "table svg circle.point")
        .iter()
        .filter_map(|c| c.value().attr("cx").map(str::to_owned))
        .collect();
    assert_eq!(xs, ["12.5%", "37.5%", "62.5%", "87.5%"]);
    let desc = text_of(built.site.one(CURRENT, "table svg desc"));
    assert!(desc.contains("Discover: 1 (curious)"), "{desc}");
    // The stage with the moment of truth is ringed and starred.
    assert_eq!(built.site.select(CURRENT, "table svg .mot-ring").len(), 1);
}

#[test]
fn persona_page_draws_a_sparkline_per_journey() {
    let built = build_rich();
    let site = &built.site;
    let page = "personas/ana.html";
    let cards = site.select(page, ".journey-cards li");
    assert!(cards.len() >= 2, "{}", cards.len());
    for card in cards {
        let line = card
            .select(&common::sel("svg.sparkline polyline"))
            .next()
            .unwrap_or_else(|| panic!("no sparkline in {}", text_of(card)));
        let points = line.value().attr("points").unwrap_or_default();
        assert!(points.split(' ').count() >= 2, "{points}");
        let label = card
            .select(&common::sel("svg.sparkline"))
            .next()
            .and_then(|svg| svg.value().attr("aria-label"));
        assert!(label.is_some_and(|l| l.starts_with("Emotion by stage: ")), "{label:?}");
    }
}

#[test]
fn touchpoint_matrix_shades_cells_by_their_count() {
    let built = build_rich();
    let site = &built.site;
    let page = "insights/touchpoint-matrix.html";
    let cells = site.select(page, "table.matrix tbody td[class^='heat-']");
    assert!(!cells.is_empty());
    let max: usize = cells.iter().filter_map(|c| text_of(*c).parse().ok()).max().unwrap_or(0);
    for cell in cells {
        let count: usize = text_of(cell).parse().unwrap_or(0);
        let class = cell.value().attr("class").unwrap_or_default();
        let expected = if count == 0 { 0 } else { (count * 4).div_ceil(max) };
        assert_eq!(class, format!("heat-{expected}"), "count {count} of max {max}");
    }
}

#[test]
fn map_cells_carry_the_classes_the_stylesheet_styles() {
    let built = build_rich();
    let site = &built.site;
    let high = site.texts(CURRENT, "tr.lane-row-pain_points li.high");
    assert!(
        high.iter().any(|t| t.contains("Frame size advice is contradictory")),
        "{high:?}"
    );
    let emotion = site.select(CURRENT, "tr.lane-row-emotion b.down");
    assert!(!emotion.is_empty(), "a score below neutral is marked `down`");
    let css = std::fs::read_to_string(site.dir.join("journeybook.css")).expect("the stylesheet");
    for rule in [
        ".lane-row-pain_points li.high",
        ".lane-row-emotion b.down",
        ".lane-row-kpis li.missed",
    ] {
        assert!(css.contains(rule), "journeybook.css styles `{rule}`");
    }
}

#[test]
fn only_pages_with_code_link_the_highlighting_stylesheets() {
    let built = build_rich();
    let site = &built.site;
    let sheets = |url: &str| {
        site.select(url, "link[href$='syntax-light.css'], link[href$='syntax-dark.css']")
            .len()
    };
    assert!(
        !site.select(GUIDE, "pre.code code span[class^='hl-']").is_empty(),
        "the guide has highlighted code"
    );
    assert_eq!(sheets(GUIDE), 2);
    assert_eq!(sheets(CURRENT), 0, "the journey has no code");
    assert!(site.dir.join("syntax-light.css").is_file() && site.dir.join("syntax-dark.css").is_file());
}

#[test]
fn the_emotion_line_runs_through_the_curve_points() {
    let built = build_rich();
    let site = &built.site;
    let table = map_table(site, CURRENT);
    let plot = table
        .select(&common::sel("svg.curve svg"))
        .next()
        .expect("the curve's stretched layer");
    // A scale of -2 to 2 gets 40 px a point, with 14 px above and below for the markers.
    assert_eq!(plot.value().attr("viewBox"), Some("0 0 100 188"));
    assert_eq!(plot.value().attr("preserveAspectRatio"), Some("none"));
    let line = plot
        .select(&common::sel("polyline.line"))
        .next()
        .and_then(|l| l.value().attr("points"))
        .expect("the stage line");
    let vertices: Vec<(f64, f64)> = line
        .split(' ')
        .map(|pair| {
            let (x, y) = pair.split_once(',').expect("x,y");
            (x.parse().expect("x"), y.parse().expect("y"))
        })
        .collect();
    let points: Vec<(f64, f64)> = table
        .select(&common::sel("svg.curve circle.point"))
        .map(|c| {
            let attr = |name: &str| c.value().attr(name).expect("coordinate").trim_end_matches('%');
            (attr("cx").parse().expect("cx"), attr("cy").parse().expect("cy"))
        })
        .collect();
    assert_eq!(vertices, points);
    // One rule between each pair of the four stage columns.
    let rules = plot
        .select(&common::sel("path.column-line"))
        .next()
        .and_then(|p| p.value().attr("d"))
        .expect("column rules");
    assert_eq!(rules, "M25 0V188M50 0V188M75 0V188");
}
