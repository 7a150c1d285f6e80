//! The repository's own sample playbook (book.toml and content/ at the crate
//! root) builds cleanly, and every link in it resolves.

mod common;

use common::Site;
use std::path::Path;

fn sample_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn sample_playbook_builds_without_errors_and_every_link_resolves() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let out = tmp.path().join("site");
    let outcome = common::build_ok(sample_root(), Some(&out));
    for warning in outcome.warnings() {
        assert!(
            warning.message.contains("is stale"),
            "only stale-map warnings are expected:\n{warning}"
        );
    }
    common::assert_links_resolve(&out);

    let site = Site::load(&out);
    assert_eq!(outcome.pages, site.pages.len());
    let json = site.json();
    let journeys = json["journeys"].as_array().expect("journeys");
    assert!(!journeys.is_empty());
    for journey in journeys {
        let url = journey["url"].as_str().expect("url");
        assert!(site.pages.contains_key(url), "{url} was written");
        for stage in journey["stages"].as_array().expect("stages") {
            let anchor = stage["anchor"].as_str().expect("anchor");
            assert_eq!(
                site.select(url, &format!("[id='{anchor}']")).len(),
                1,
                "{url} has the stage anchor {anchor}"
            );
        }
    }
}

#[test]
fn check_of_the_sample_agrees_with_its_build() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let out = tmp.path().join("site");
    let checked = journeybook::check(sample_root(), &common::options(Some(&out), false));
    common::assert_no_errors(&checked);
    assert!(!out.exists(), "check writes nothing");
    let built = common::build_ok(sample_root(), Some(&out));
    assert_eq!(checked.pages, built.pages);
    assert_eq!(checked.diagnostics, built.diagnostics);
}
