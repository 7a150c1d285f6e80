//! The interface in the book's language: the built-in French and German
//! tables, regional languages falling back to their language, a project's
//! own table replacing single keys, unknown languages shown in English, and
//! the shipped tables and scripts keeping to the English table's keys.

mod common;

use common::{text_of, Project, Site};
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

const JOURNEY: &str = "journeys/opening-an-account.html";

/// A small project in `language`: one journey with every blueprint layer,
/// reviewed on 30 September so the month's name shows.
fn project(language: &str, extra: &[(&str, &str)]) -> Project {
    let book = format!("[book]\ntitle = \"Bank\"\nlanguage = \"{language}\"\n\n[journeys]\nstages = [\"Apply\"]\n");
    let mut files: Vec<(&str, &str)> = vec![
        ("book.toml", &book),
        (
            "content/journeys/opening-an-account.md",
            "---\ntitle: Opening an account\npersona: ana\nreviewed: 2026-09-30\nstages:\n  - name: Apply\n    emotion: 1\n    touchpoints: web\n    pain_points:\n      - text: Too many fields\n        severity: high\n    frontstage: Form\n    backstage: Credit check\n    support: Scoring service\n---\n",
        ),
        ("content/personas/ana.md", "---\nname: Ana\n---\n"),
        ("content/touchpoints/web.md", "---\nkind: touchpoint\nname: Web form\n---\n"),
    ];
    files.extend_from_slice(extra);
    Project::with_files(&files)
}

/// The label of each lane of the journey map, blueprint lines left out and
/// the emotion lane's scale cut off.
fn lane_labels(site: &Site) -> Vec<String> {
    let scales = site.texts(JOURNEY, "th.lane-label .scale");
    site.texts(JOURNEY, "tr[class^='lane-row-'] > th.lane-label")
        .into_iter()
        .map(
            |label| match scales.iter().find(|scale| label.ends_with(scale.as_str())) {
                Some(scale) => label[..label.len() - scale.len()].trim_end().to_owned(),
                None => label,
            },
        )
        .collect()
}

fn blueprint_lines(site: &Site) -> Vec<String> {
    site.texts(JOURNEY, "tr.blueprint-line > th")
}

/// The `[script]` words nav.js hands to the theme's scripts.
fn script_words(out: &Path) -> BTreeMap<String, String> {
    let script = fs::read_to_string(out.join("nav.js")).expect("nav.js is written");
    let line = script
        .lines()
        .find_map(|l| l.strip_prefix("window.journeybookWords = "))
        .expect("nav.js sets window.journeybookWords");
    serde_json::from_str(line.trim_end_matches(';')).expect("the words are a JSON object of texts")
}

fn language_warnings(outcome: &journeybook::Outcome) -> Vec<String> {
    outcome
        .warnings()
        .filter(|d| d.message.contains("translation"))
        .map(ToString::to_string)
        .collect()
}

#[test]
fn a_french_book_gets_the_french_interface() {
    let project = project("fr", &[]);
    let outcome = project.build_ok();
    let site = Site::load(&project.out());

    assert_eq!(site.one(JOURNEY, "html").value().attr("lang"), Some("fr"));
    assert_eq!(
        lane_labels(&site),
        [
            "Points de contact",
            "Émotion",
            "Irritants",
            "Front-office",
            "Back-office",
            "Processus de support"
        ]
    );
    assert_eq!(
        blueprint_lines(&site),
        [
            "Ligne d'interaction",
            "Ligne de visibilité",
            "Ligne d'interaction interne"
        ]
    );
    assert_eq!(text_of(site.one(JOURNEY, ".review")), "Revue le 30 sept. 2026");
    assert!(text_of(site.one(JOURNEY, "p.eyebrow")).starts_with("Carte de parcours"));
    assert_eq!(
        text_of(site.one(JOURNEY, "tr.lane-row-curve > th")),
        "Émotion de -2 à +2",
        "the emotion lane's label, then its scale"
    );
    assert_eq!(
        site.texts(JOURNEY, "tr.lane-row-pain_points .badge"),
        ["gravité élevée"]
    );

    // Pages journeybook makes itself: their headings, window titles and sidebar entries.
    for (url, title) in [
        ("journeys/index.html", "Parcours"),
        ("touchpoints/index.html", "Points de contact"),
        ("insights/pain-points.html", "Irritants"),
        ("insights/stale-maps.html", "Cartes à revoir"),
        ("404.html", "Page introuvable"),
    ] {
        assert_eq!(text_of(site.one(url, "h1")), title, "{url}");
        assert_eq!(text_of(site.one(url, "title")), format!("{title} · Bank"), "{url}");
    }
    let sidebar = site.texts("index.html", "nav.sidebar > ul > li > a");
    assert_eq!(
        sidebar,
        ["Accueil", "Parcours", "Personas", "Points de contact", "Enseignements"]
    );
    assert_eq!(
        text_of(site.one("journeys/index.html", "p.lead")),
        "1 carte de parcours."
    );
    assert!(
        text_of(site.one("404.html", "article p")).starts_with("Il n'y a aucune page à cette adresse."),
        "{}",
        text_of(site.one("404.html", "article p"))
    );

    let words = script_words(&project.out());
    assert_eq!(words.get("search").map(String::as_str), Some("Rechercher"));
    assert_eq!(words.get("dark_mode").map(String::as_str), Some("Mode sombre"));
    assert_eq!(words.get("all").map(String::as_str), Some("Tous"));
    assert!(
        language_warnings(&outcome).is_empty(),
        "{:?}",
        language_warnings(&outcome)
    );
}

#[test]
fn a_german_book_gets_the_german_interface() {
    let project = project("de", &[]);
    project.build_ok();
    let site = Site::load(&project.out());
    assert_eq!(text_of(site.one(JOURNEY, ".review")), "Geprüft am 30. Sept. 2026");
    assert_eq!(
        blueprint_lines(&site),
        [
            "Interaktionslinie",
            "Sichtbarkeitslinie",
            "Linie der internen Interaktion"
        ]
    );
    assert!(
        lane_labels(&site).contains(&"Schmerzpunkte".to_owned()),
        "{:?}",
        lane_labels(&site)
    );
    assert_eq!(text_of(site.one("touchpoints/index.html", "h1")), "Touchpoints");
    assert_eq!(
        script_words(&project.out()).get("search").map(String::as_str),
        Some("Suchen")
    );
}

#[test]
fn a_regional_language_falls_back_to_its_language() {
    let project = project("fr-CA", &[]);
    let outcome = project.build_ok();
    let site = Site::load(&project.out());
    assert_eq!(site.one(JOURNEY, "html").value().attr("lang"), Some("fr-CA"));
    assert_eq!(blueprint_lines(&site)[1], "Ligne de visibilité");
    assert_eq!(text_of(site.one(JOURNEY, ".review")), "Revue le 30 sept. 2026");
    assert_eq!(text_of(site.one("journeys/index.html", "h1")), "Parcours");
    assert!(
        language_warnings(&outcome).is_empty(),
        "{:?}",
        language_warnings(&outcome)
    );
}

#[test]
fn a_projects_own_table_replaces_single_keys() {
    let project = project("fr", &[("i18n/fr.toml", "[lanes]\npain_points = \"Frictions\"\n")]);
    project.build_ok();
    let site = Site::load(&project.out());
    let lanes = lane_labels(&site);
    assert!(lanes.contains(&"Frictions".to_owned()), "{lanes:?}");
    assert!(!lanes.contains(&"Irritants".to_owned()), "{lanes:?}");
    // Every other word is still French, the same word under another key too.
    assert!(lanes.contains(&"Points de contact".to_owned()), "{lanes:?}");
    assert_eq!(blueprint_lines(&site)[0], "Ligne d'interaction");
    assert_eq!(text_of(site.one("insights/pain-points.html", "h1")), "Irritants");
    assert_eq!(text_of(site.one(JOURNEY, ".review")), "Revue le 30 sept. 2026");
}

#[test]
fn a_themes_table_sits_between_the_built_in_one_and_the_projects() {
    let project = project(
        "fr",
        &[
            ("themes/brand/i18n/fr.toml", "[lanes]\npain_points = \"Frictions\"\nthoughts = \"Réflexions\"\n[pages]\njourneys = \"Nos parcours\"\n"),
            ("i18n/fr.toml", "[lanes]\npain_points = \"Points de friction\"\n"),
        ],
    );
    let book = fs::read_to_string(project.path("book.toml")).expect("book.toml");
    project.write(
        "book.toml",
        &book.replace("[journeys]", "[build]\ntheme = \"brand\"\n\n[journeys]"),
    );
    project.build_ok();
    let site = Site::load(&project.out());
    assert!(
        lane_labels(&site).contains(&"Points de friction".to_owned()),
        "{:?}",
        lane_labels(&site)
    );
    assert_eq!(text_of(site.one("journeys/index.html", "h1")), "Nos parcours");
    assert_eq!(blueprint_lines(&site)[2], "Ligne d'interaction interne");
}

#[test]
fn an_unknown_language_builds_in_english() {
    let project = project("xx", &[]);
    project.build_ok();
    let site = Site::load(&project.out());
    assert_eq!(site.one(JOURNEY, "html").value().attr("lang"), Some("xx"));
    assert_eq!(
        lane_labels(&site),
        [
            "Touchpoints",
            "Emotion",
            "Pain points",
            "Frontstage",
            "Backstage",
            "Support processes"
        ]
    );
    assert_eq!(text_of(site.one(JOURNEY, ".review")), "Reviewed 30 Sep 2026");
    assert_eq!(
        script_words(&project.out()).get("search").map(String::as_str),
        Some("Search")
    );
}

#[test]
fn an_unknown_language_is_a_warning_at_book_toml() {
    let project = project("xx", &[]);
    let outcome = project.build_ok();
    let warnings: Vec<_> = outcome.warnings().filter(|d| d.message.contains("`xx`")).collect();
    assert_eq!(warnings.len(), 1, "{}", common::describe(&outcome.diagnostics));
    assert_eq!(common::position(warnings[0]).0, "book.toml");
}

/// Every key of a table, dotted, with its value.
fn flatten(table: &toml::Table, prefix: &str, out: &mut BTreeMap<String, toml::Value>) {
    for (key, value) in table {
        match value {
            toml::Value::Table(inner) => flatten(inner, &format!("{prefix}{key}."), out),
            other => {
                out.insert(format!("{prefix}{key}"), other.clone());
            }
        }
    }
}

fn shipped_table(language: &str) -> BTreeMap<String, toml::Value> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("themes/default/i18n/{language}.toml"));
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let table: toml::Table = text.parse().unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut flat = BTreeMap::new();
    flatten(&table, "", &mut flat);
    flat
}

/// The `{name}` blanks of a text, sorted.
fn blanks(text: &str) -> Vec<&str> {
    let mut found: Vec<&str> = text
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect();
    found.sort_unstable();
    found
}

#[test]
fn the_shipped_tables_have_every_english_key_and_its_blanks() {
    let english = shipped_table("en");
    assert!(english.len() > 150, "the English table has every word of the theme");
    for language in ["fr", "de"] {
        let table = shipped_table(language);
        let missing: Vec<&String> = english.keys().filter(|k| !table.contains_key(*k)).collect();
        let extra: Vec<&String> = table.keys().filter(|k| !english.contains_key(*k)).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{language}: missing {missing:?}, unknown {extra:?}"
        );
        for (key, value) in &english {
            match (value, &table[key]) {
                (toml::Value::String(en), toml::Value::String(other)) => {
                    assert_eq!(blanks(other), blanks(en), "{language}: blanks of `{key}`");
                    assert_ne!(other.trim(), "", "{language}: `{key}` is empty");
                }
                (toml::Value::Array(en), toml::Value::Array(other)) => {
                    assert_eq!(other.len(), en.len(), "{language}: length of `{key}`");
                }
                (_, other) => panic!("{language}: `{key}` is {other:?}, not the kind of value English has"),
            }
        }
    }
}

#[test]
fn the_scripts_fall_back_to_the_english_table() {
    // The theme's scripts write `word("key", "English", …)`: each key must be
    // in the `[script]` table, and its fallback must be the table's English.
    let english = shipped_table("en");
    let mut used = Vec::new();
    for name in [
        "journeybook.js",
        "journeybook-search.js",
        "journeybook-search-query.js",
        "journeybook-search-page.js",
    ] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("themes/default/static")
            .join(name);
        let script = fs::read_to_string(path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut calls = 0;
        for call in script.split("word(\"").skip(1) {
            // key, `, `, the English, the rest of the script
            let parts: Vec<&str> = call.splitn(4, '"').collect();
            let key = parts[0];
            let fallback = parts.get(2).copied().unwrap_or_default();
            let word = english.get(&format!("script.{key}")).and_then(toml::Value::as_str);
            assert_eq!(
                Some(fallback),
                word,
                "the fallback of `{key}` in {name}, then the table's"
            );
            used.push(key.to_owned());
            calls += 1;
        }
        assert!(calls >= 10, "{name}: {calls} words");
    }
    for key in english.keys().filter_map(|k| k.strip_prefix("script.")) {
        assert!(used.iter().any(|u| u == key), "`script.{key}` is used by no script");
    }
}
