//! Content written for mdBook, Zola, Hugo or GitHub builds with few
//! changes: TOML front matter, raw-HTML ids as anchors, GitHub alerts,
//! definition lists, smart punctuation, README.md as a folder's index and
//! `{{#include}}`. Built from tests/fixtures/compat and small projects.

mod common;

use common::{position, text_of, Project, Site};

fn built() -> (Project, Site) {
    let project = Project::from_fixture("compat");
    let outcome = project.build_ok();
    let warnings: Vec<_> = outcome.warnings().map(|d| d.message.clone()).collect();
    assert_eq!(
        warnings,
        ["`legacy/README.md` is not the folder's index page: `legacy/index.md` is"],
        "{}",
        common::describe(&outcome.diagnostics)
    );
    let site = Site::load(&project.out());
    (project, site)
}

fn errors_of(files: &[(&str, &str)]) -> Vec<journeybook::diagnostics::Diagnostic> {
    let project = Project::with_files(files);
    let outcome = project.build();
    assert!(outcome.has_errors(), "the build must fail");
    outcome.errors().cloned().collect()
}

#[test]
fn toml_front_matter_is_read_for_pages_personas_and_journeys() {
    let (_project, site) = built();
    assert_eq!(text_of(site.one("index.html", "title")), "Welcome · Compat playbook");
    assert_eq!(text_of(site.one("personas/ana.html", "h1")), "Ana Ruiz");
    let journey = site.body_text("journeys/onboarding.html");
    for expected in [
        "Onboarding",
        "Sign up",
        "First ride",
        "The form is long",
        "Ana Ruiz",
        "CX team",
    ] {
        assert!(
            journey.contains(expected),
            "`{expected}` missing from the journey: {journey}"
        );
    }
}

#[test]
fn toml_mistakes_are_located_like_yaml_ones() {
    let errors = errors_of(&[(
        "content/personas/ana.md",
        "+++\nname = \"Ana\"\ncolour = \"red\"\n+++\n",
    )]);
    assert_eq!(errors.len(), 1, "{}", common::describe(&errors));
    assert!(errors[0].message.contains("colour"), "{}", errors[0]);
    assert_eq!(position(&errors[0]), ("content/personas/ana.md".into(), 3, Some(1)));

    let errors = errors_of(&[("content/index.md", "+++\ntitle = \"Home\"\n")]);
    assert!(errors[0].message.contains("`+++`"), "{}", errors[0]);
    assert_eq!(position(&errors[0]).1, 1);
}

#[test]
fn alerts_have_a_visible_title_and_definition_lists_render() {
    let (_project, site) = built();
    let titles = site.texts("index.html", ".alert .alert-title");
    assert_eq!(titles, ["Note", "Tip", "Important", "Warning", "Caution"]);
    let classes: Vec<_> = site
        .select("index.html", ".doc .alert")
        .iter()
        .filter_map(|a| a.value().attr("class").map(str::to_owned))
        .collect();
    assert_eq!(classes[4], "alert alert-caution");
    assert_eq!(
        site.texts("index.html", ".alert-caution p:not(.alert-title)"),
        ["Caution means it cannot be undone."]
    );
    assert_eq!(site.texts("index.html", "dl dt"), ["Touchpoint", "Pain point"]);
    assert_eq!(site.select("index.html", "dl dd").len(), 3);
}

#[test]
fn alert_titles_are_in_the_books_language() {
    let project = Project::with_files(&[
        ("book.toml", "[book]\ntitle = \"T\"\nlanguage = \"de\"\n"),
        ("content/index.md", "# Start\n\n> [!WARNING]\n> Vorsicht, Stufe.\n"),
    ]);
    project.build_ok();
    let site = Site::load(&project.out());
    assert_eq!(site.texts("index.html", ".alert-title"), ["Warnung"]);
}

#[test]
fn smart_punctuation_only_when_asked_for() {
    let (_project, site) = built();
    let first = text_of(site.select("index.html", ".doc p")[0]);
    assert!(first.starts_with("“Quoted” text – with dashes…"), "{first}");

    let project = Project::with_files(&[("content/index.md", "# Home\n\n\"Plain\" -- quotes...\n")]);
    project.build_ok();
    let site = Site::load(&project.out());
    assert!(site.body_text("index.html").contains("\"Plain\" -- quotes..."));
}

#[test]
fn raw_html_ids_are_anchors_and_readme_is_the_folders_index() {
    let (project, site) = built();
    // guides/README.md became guides/index.html, and links to README.md go there.
    assert!(site.pages.contains_key("guides/index.html"));
    assert!(!site.pages.contains_key("guides/README.html"));
    assert!(site.links_to("index.html", "guides/index.html"));
    assert!(site
        .hrefs("index.html")
        .contains(&"guides/index.html#old-anchor".to_owned()));
    assert_eq!(site.select("guides/index.html", "a#old-anchor").len(), 1);
    // With both, index.md is the index and the README a page of its own.
    assert_eq!(text_of(site.one("legacy/index.html", "h1")), "Legacy index#");
    assert_eq!(text_of(site.one("legacy/README.html", "h1")), "Legacy readme#");
    assert_eq!(common::link_problems(&project.out()), Vec::<String>::new());
}

#[test]
fn a_link_to_a_missing_raw_html_id_is_still_broken() {
    let errors = errors_of(&[
        ("content/index.md", "# Home\n\n[gone](guide.md#old-anchor)\n"),
        ("content/guide.md", "# Guide\n\n<a id=\"new-anchor\"></a>\n"),
    ]);
    assert_eq!(errors.len(), 1, "{}", common::describe(&errors));
    assert!(errors[0].message.contains("old-anchor"), "{}", errors[0]);
    assert!(
        errors[0].help.as_deref().unwrap_or_default().contains("new-anchor"),
        "{}",
        errors[0]
    );
}

#[test]
fn include_takes_the_line_range_and_escapes_stay() {
    let (_project, site) = built();
    let text = site.body_text("index.html");
    assert!(text.contains("Step one: listen. Step two: map it."), "{text}");
    assert!(!text.contains("Step zero") && !text.contains("Step three"), "{text}");
    assert!(site.links_to("index.html", "journeys/onboarding.html"));
    assert!(
        text.contains("Written as it is: {{#include snippets/steps.txt}}"),
        "{text}"
    );
}

#[test]
fn include_problems_are_located_errors() {
    let errors = errors_of(&[
        (
            "content/index.md",
            "# Home\n\n{{#include missing.md}}\n\n{{#include ../book.toml}}\n\n{{#include a.txt}}\n\n{{#include b.txt:9:12}}\n",
        ),
        ("book.toml", "[book]\ntitle = \"T\"\n"),
        ("content/a.txt", "a then {{#include c.txt}}\n"),
        ("content/c.txt", "c then {{#include a.txt}}\n"),
        ("content/b.txt", "one line\n"),
    ]);
    let found: Vec<_> = errors.iter().map(|d| (position(d).1, d.message.clone())).collect();
    assert_eq!(found.len(), 4, "{}", common::describe(&errors));
    assert_eq!(found[0].0, 3);
    assert!(found[0].1.contains("`missing.md` does not exist"), "{}", found[0].1);
    assert_eq!(found[1].0, 5);
    assert!(found[1].1.contains("outside the content folder"), "{}", found[1].1);
    assert_eq!(found[2].0, 7);
    assert!(found[2].1.contains("never ends"), "{}", found[2].1);
    assert_eq!(found[3].0, 9);
    assert!(found[3].1.contains("lines 9:12"), "{}", found[3].1);
    for e in &errors {
        assert_eq!(position(e).0, "content/index.md");
        assert!(e.help.is_some(), "{e}");
    }
}
