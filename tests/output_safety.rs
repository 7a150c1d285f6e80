//! Writing the site never destroys anything: a failed build leaves the
//! previous site as it was, and folders that are not journeybook's output
//! are refused before anything is touched.

mod common;

use common::{snapshot, Project};
use std::fs;
use std::path::Path;

fn break_a_journey(project: &Project) {
    let path = "content/journeys/buying-a-bike-future.md";
    let text = fs::read_to_string(project.path(path)).expect("journey");
    project.write(path, &text.replace("touchpoints: web-shop", "touchpoints: web-shpo"));
}

#[test]
fn failed_build_leaves_the_previous_site_byte_for_byte() {
    let project = Project::from_fixture("rich");
    project.build_ok();
    let before = snapshot(&project.out());
    let beside = common::entries(project.tmp.path());

    break_a_journey(&project);
    let outcome = project.build();
    let error = common::only_error(&outcome);
    assert!(error.message.contains("web-shpo"), "{error}");

    assert_eq!(snapshot(&project.out()), before, "the previous site is unchanged");
    assert_eq!(
        common::entries(project.tmp.path()),
        beside,
        "no staging folder left behind"
    );
}

#[test]
fn failed_cli_build_leaves_the_previous_site() {
    let project = Project::from_fixture("rich");
    project.build_ok();
    let before = snapshot(&project.out());
    break_a_journey(&project);
    let output = common::journeybook()
        .arg("build")
        .arg(&project.root)
        .arg("-d")
        .arg(project.out())
        .output()
        .expect("run journeybook");
    assert_eq!(output.status.code(), Some(1));
    assert!(common::stderr_of(&output).contains("unknown touchpoint `web-shpo`"));
    assert_eq!(snapshot(&project.out()), before);
}

#[test]
fn rebuild_replaces_the_previous_site() {
    let project = Project::from_fixture("rich");
    let out = project.out();
    let outcome = journeybook::build(&project.root, &common::options(Some(&out), true));
    common::assert_no_errors(&outcome);
    assert!(out.join("guides/roadmap.html").is_file());
    project.build_ok();
    assert!(
        !out.join("guides/roadmap.html").exists(),
        "pages that are gone are removed"
    );
    assert!(out.join(".journeybook-site").is_file());
    assert_eq!(common::entries(project.tmp.path()), ["out", "project"]);
}

#[test]
fn an_empty_existing_folder_is_used() {
    let project = Project::from_fixture("rich");
    fs::create_dir(project.out()).expect("create empty folder");
    project.build_ok();
    assert!(project.out().join("index.html").is_file());
}

/// Builds into `dest`, expects a refusal mentioning `reason`, and checks that
/// nothing under `watched` changed.
fn assert_refused(project: &Project, dest: &Path, reason: &str, watched: &Path) {
    let before = snapshot(watched);
    let outcome = common::build(&project.root, Some(dest));
    let error = common::only_error(&outcome);
    assert!(error.message.contains("refusing"), "{error}");
    assert!(error.message.contains(reason), "expected `{reason}`:\n{error}");
    assert!(error.help.is_some(), "{error}");
    assert_eq!(outcome.output_dir, None);
    assert_eq!(snapshot(watched), before, "nothing under {} changed", watched.display());
}

#[test]
fn refuses_the_project_folder() {
    let project = Project::from_fixture("rich");
    assert_refused(&project, &project.root, "project folder", &project.root);
}

#[test]
fn refuses_the_content_folder() {
    let project = Project::from_fixture("rich");
    let content = project.path("content");
    assert_refused(&project, &content, "content folder", &project.root);
}

#[test]
fn refuses_a_folder_inside_the_content_folder() {
    let project = Project::from_fixture("rich");
    let inside = project.path("content/site");
    assert_refused(&project, &inside, "inside the content folder", &project.root);
    assert!(!inside.exists());
}

#[test]
fn refuses_the_folder_that_holds_the_project() {
    let project = Project::from_fixture("rich");
    let parent = project.tmp.path().to_path_buf();
    fs::write(parent.join("notes.txt"), "keep me").expect("write");
    assert_refused(&project, &parent, "contains the project", &parent);
}

#[test]
fn refuses_a_non_empty_folder_it_did_not_build() {
    let project = Project::from_fixture("rich");
    let other = project.tmp.path().join("documents");
    fs::create_dir_all(other.join("2026")).expect("create");
    fs::write(other.join("thesis.docx"), "years of work").expect("write");
    fs::write(other.join("2026/plan.txt"), "plans").expect("write");
    assert_refused(&project, &other, "not empty", &other);
}

#[test]
fn refuses_a_file() {
    let project = Project::from_fixture("rich");
    let file = project.tmp.path().join("site.html");
    fs::write(&file, "<p>mine</p>").expect("write");
    assert_refused(&project, &file, "a file", project.tmp.path());
}

#[test]
fn refuses_a_dangerous_output_dir_from_book_toml() {
    let project = Project::from_fixture("rich");
    let config = fs::read_to_string(project.path("book.toml")).expect("book.toml");
    project.write(
        "book.toml",
        &config.replace("output-dir = \"public\"", "output-dir = \".\""),
    );
    let before = snapshot(&project.root);
    let outcome = common::build(&project.root, None);
    let error = common::only_error(&outcome);
    assert!(error.message.contains("project folder"), "{error}");
    assert_eq!(snapshot(&project.root), before);
}

#[test]
fn cli_refuses_the_project_folder() {
    let project = Project::from_fixture("rich");
    let before = snapshot(&project.root);
    let output = common::journeybook()
        .arg("build")
        .arg(&project.root)
        .arg("--dest-dir")
        .arg(&project.root)
        .output()
        .expect("run journeybook");
    assert_eq!(output.status.code(), Some(1));
    let stderr = common::stderr_of(&output);
    assert!(stderr.starts_with("error: refusing to build into"), "{stderr}");
    assert!(stderr.contains("= help: "), "{stderr}");
    assert_eq!(snapshot(&project.root), before);
}

#[test]
fn attachment_cannot_replace_a_generated_file() {
    // A Markdown page whose output path is taken by a generated page is an
    // error, but an attachment is not checked against the generated pages and
    // support files: content/index.html is copied over the generated home page
    // and content/journeybook.json over the site model, with no diagnostic.
    let project = Project::from_fixture("rich");
    project.write("content/index.html", "<p>an exported slide</p>\n");
    let outcome = project.build();
    let reported = outcome.diagnostics.iter().any(|d| d.to_string().contains("index.html"));
    assert!(
        reported,
        "expected a diagnostic about content/index.html; the home page became:\n{}",
        fs::read_to_string(project.out().join("index.html")).unwrap_or_default()
    );
}

#[test]
fn refuses_the_folders_builds_read_templates_from() {
    let project = Project::from_fixture("rich");
    project.write("templates/page.html", "{{ body_html }}");
    for dest in ["templates", "themes", "themes/mine", "i18n"] {
        let dest = project.path(dest);
        assert_refused(&project, &dest, "folder or inside it", &project.root);
    }
}
