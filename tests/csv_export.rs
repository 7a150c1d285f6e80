//! `[build] export-csv` and `[book] site-url`: the roll-ups as CSV files in
//! the site, linked from the insights pages only when on; sitemap.xml and
//! canonical links only with a site-url, which must be a web address.

mod common;

use common::{position, Project, Site};
use std::fs;

const FILES: [&str; 5] = [
    "exports/pain-points.csv",
    "exports/opportunities.csv",
    "exports/kpis.csv",
    "exports/touchpoint-usages.csv",
    "exports/touchpoint-matrix.csv",
];

/// The rich fixture with `extra` lines added to its `[build]` and `[book]` tables.
fn rich(build: &str, book: &str) -> Project {
    let project = Project::from_fixture("rich");
    let toml = fs::read_to_string(project.path("book.toml")).expect("book.toml");
    let toml = toml
        .replace("[build]\n", &format!("[build]\n{build}\n"))
        .replace("[book]\n", &format!("[book]\n{book}\n"));
    project.write("book.toml", &toml);
    project
}

/// Every record of a CSV file, header first, read with an RFC 4180 reader.
fn records(project: &Project, file: &str) -> Vec<Vec<String>> {
    let bytes = fs::read(project.out().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    let text = String::from_utf8(bytes).unwrap_or_else(|_| panic!("{file} is not UTF-8"));
    assert!(text.ends_with("\r\n"), "{file}: RFC 4180 lines end in CRLF");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| r.expect("a valid CSV record").iter().map(str::to_owned).collect())
        .collect()
}

fn column(rows: &[Vec<String>], name: &str) -> usize {
    rows[0]
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column `{name}` in {:?}", rows[0]))
}

#[test]
fn csv_files_carry_the_place_of_every_item() {
    let project = rich("export-csv = true", "");
    project.build_ok();
    for file in FILES {
        let rows = records(&project, file);
        assert!(rows.len() > 1, "{file} has rows");
        let width = rows[0].len();
        assert!(
            rows.iter().all(|r| r.len() == width),
            "{file}: every row has every column"
        );
    }
    let pains = records(&project, FILES[0]);
    assert_eq!(
        pains[0],
        [
            "journey",
            "journey_id",
            "stage",
            "step",
            "personas",
            "pain_point",
            "severity",
            "touchpoints",
            "id",
            "addressed_by",
            "url"
        ]
    );
    let row = pains
        .iter()
        .find(|r| r[column(&pains, "pain_point")] == "Frame size advice is contradictory")
        .expect("the Choose stage's pain point");
    assert_eq!(row[column(&pains, "journey")], "Buying a bike (current state)");
    assert_eq!(row[column(&pains, "stage")], "Choose");
    assert_eq!(row[column(&pains, "personas")], "Ana Ruiz; Ben Okoro");
    assert_eq!(row[column(&pains, "severity")], "high");
    assert_eq!(row[column(&pains, "touchpoints")], "live-chat");
    // No site-url: the url is relative to the site root, and leads to the stage.
    let url = &row[column(&pains, "url")];
    assert_eq!(url, "journeys/buying-a-bike-current.html#stage-choose");
    let (page, anchor) = url.split_once('#').expect("an anchor");
    let site = Site::load(&project.out());
    assert_eq!(
        site.select(page, &format!("[id=\"{anchor}\"]")).len(),
        1,
        "{url} exists"
    );

    let kpis = records(&project, FILES[2]);
    let kpi = kpis
        .iter()
        .find(|r| r[column(&kpis, "kpi")] == "Conversion rate")
        .expect("a KPI");
    assert_eq!(
        [
            &kpi[column(&kpis, "value")],
            &kpi[column(&kpis, "target")],
            &kpi[column(&kpis, "unit")]
        ],
        ["2.1", "3", "%"]
    );
    let matrix = records(&project, FILES[4]);
    assert_eq!(&matrix[0][..4], ["touchpoint", "touchpoint_id", "state", "Discover"]);
    // Current and future maps are counted apart, a row each.
    let chat: Vec<(&str, &str)> = matrix
        .iter()
        .filter(|r| r[1] == "live-chat")
        .map(|r| (r[2].as_str(), r[column(&matrix, "total")].as_str()))
        .collect();
    assert_eq!(chat, [("current", "1"), ("future", "1")]);
}

#[test]
fn insights_pages_link_to_the_csv_files_only_when_export_is_on() {
    let project = rich("export-csv = true", "");
    project.build_ok();
    let site = Site::load(&project.out());
    for (page, file) in [
        ("insights/pain-points.html", "../exports/pain-points.csv"),
        ("insights/opportunities.html", "../exports/opportunities.csv"),
        ("insights/touchpoint-matrix.html", "../exports/touchpoint-matrix.csv"),
    ] {
        assert!(site.hrefs(page).contains(&file.to_owned()), "{page} links to {file}");
        assert!(site.body_text(page).contains("Download CSV"), "{page}");
    }
    let overview = site.hrefs("insights/index.html");
    for file in FILES {
        assert!(overview.contains(&format!("../{file}")), "the overview links to {file}");
    }
    assert_eq!(common::link_problems(&project.out()), Vec::<String>::new());

    let off = rich("", "");
    off.build_ok();
    assert!(!off.out().join("exports").exists());
    assert!(!off.out().join("sitemap.xml").exists());
    let site = Site::load(&off.out());
    assert!(!site
        .hrefs("insights/pain-points.html")
        .iter()
        .any(|h| h.contains("exports/")));
    assert!(!site.body_text("insights/index.html").contains("Download CSV"));
    assert!(site.select("index.html", "link[rel=canonical]").is_empty());
}

#[test]
fn site_url_gives_absolute_urls_a_sitemap_and_canonical_links() {
    let project = rich("export-csv = true", "site-url = \"https://cx.example.com/playbook\"");
    project.build_ok();
    let rows = records(&project, FILES[3]);
    let url = &rows[1][column(&rows, "url")];
    assert!(url.starts_with("https://cx.example.com/playbook/journeys/"), "{url}");
    let touchpoint = &rows[1][column(&rows, "touchpoint_url")];
    assert!(
        touchpoint.starts_with("https://cx.example.com/playbook/touchpoints/"),
        "{touchpoint}"
    );

    let site = Site::load(&project.out());
    let canonical = site.one("journeys/buying-a-bike-current.html", "link[rel=canonical]");
    assert_eq!(
        canonical.value().attr("href"),
        Some("https://cx.example.com/playbook/journeys/buying-a-bike-current.html")
    );
    // Links inside the site stay relative.
    assert!(site
        .hrefs("index.html")
        .iter()
        .all(|h| !h.starts_with("https://cx.example.com")));

    let sitemap = fs::read_to_string(project.out().join("sitemap.xml")).expect("sitemap.xml");
    assert!(sitemap.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    let locs: Vec<&str> = sitemap
        .split("<loc>")
        .skip(1)
        .filter_map(|s| s.split_once("</loc>").map(|(l, _)| l))
        .collect();
    assert!(
        locs.contains(&"https://cx.example.com/playbook/index.html"),
        "{sitemap}"
    );
    assert!(
        locs.contains(&"https://cx.example.com/playbook/personas/ana.html"),
        "{sitemap}"
    );
    assert!(!locs
        .iter()
        .any(|l| l.ends_with("404.html") || l.ends_with("search.html")));
    assert_eq!(
        locs.len(),
        site.pages.len() - 2,
        "every page but 404 and search: {sitemap}"
    );
}

#[test]
fn a_site_url_that_is_no_web_address_is_a_located_error() {
    let project = rich("", "site-url = \"cx.example.com/playbook\"");
    let outcome = project.build();
    let errors: Vec<_> = outcome.errors().collect();
    assert_eq!(errors.len(), 1, "{}", common::describe(&outcome.diagnostics));
    assert!(errors[0].message.contains("`site-url`"), "{}", errors[0]);
    assert!(errors[0].message.contains("https://"), "{}", errors[0]);
    let (file, line, _) = position(errors[0]);
    assert_eq!(file, "book.toml");
    let toml = fs::read_to_string(project.path("book.toml")).expect("book.toml");
    assert!(
        toml.lines().nth(line - 1).is_some_and(|l| l.starts_with("site-url")),
        "line {line}"
    );
    assert!(!project.out().exists(), "a failed build writes nothing");
}

#[test]
fn cells_a_spreadsheet_would_run_are_defused() {
    let project = Project::with_files(&[
        ("book.toml", "[book]\ntitle = \"T\"\n\n[build]\nexport-csv = true\n"),
        ("content/personas/p.md", "---\nname: P\n---\n"),
        (
            "content/journeys/j.md",
            "---\ntitle: J\npersonas: [p]\nstages:\n  - name: One\n    pain_points:\n      - \"=HYPERLINK(\\\"http://evil\\\",\\\"x\\\")\"\n      - \"@SUM(A1)\"\n      - \"Quote \\\"this\\\", please\"\n    kpis:\n      - name: Change\n        value: \"-5\"\n---\n",
        ),
    ]);
    project.build_ok();
    let pains = records(&project, FILES[0]);
    let texts: Vec<&str> = pains[1..]
        .iter()
        .map(|r| r[column(&pains, "pain_point")].as_str())
        .collect();
    assert_eq!(
        texts,
        [
            "'=HYPERLINK(\"http://evil\",\"x\")",
            "'@SUM(A1)",
            "Quote \"this\", please"
        ]
    );
    let kpis = records(&project, FILES[2]);
    assert_eq!(kpis[1][column(&kpis, "value")], "-5", "a plain number stays a number");
}

/// The preview re-renders an edited page alone: it keeps its canonical link,
/// and the CSV files of the first build stay served.
#[test]
fn the_preview_keeps_canonical_links_and_csv_files_after_an_edit() {
    let project = rich("export-csv = true", "site-url = \"https://cx.example.com/\"");
    let mut session = journeybook::session::Session::new(&project.root, common::options(None, false), false);
    let first = session.rebuild();
    assert!(!first.has_errors(), "{}", common::describe(&first.diagnostics));
    let glossary = project.path("content/guides/glossary.md");
    let text = fs::read_to_string(&glossary).expect("glossary");
    fs::write(&glossary, text.replacen("Words we use", "Words we all use", 1)).expect("edit");
    let update = session.update(&[glossary]);
    assert!(update.incremental, "a body edit re-renders the page alone");
    assert!(update.changed.contains(&"guides/glossary.html".to_owned()));
    let page = String::from_utf8(session.files()["guides/glossary.html"].to_vec()).expect("UTF-8");
    assert!(
        page.contains("<link rel=\"canonical\" href=\"https://cx.example.com/guides/glossary.html\">"),
        "{page}"
    );
    assert!(session.files().contains_key("exports/pain-points.csv"));
    assert!(session.files().contains_key("sitemap.xml"));
}
