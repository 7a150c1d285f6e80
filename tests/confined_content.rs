//! Nothing outside the content folder is published: a link in content/
//! that leads out of it is an error naming the link, never followed, and
//! the preview (`serve`) refuses it as `build` does.
#![cfg(unix)]

mod common;

use common::Project;
use journeybook::session::Session;
use std::fs;
use std::os::unix::fs::symlink;

/// The rich fixture with a secret file and folder beside the project.
fn project_with_outside() -> Project {
    let project = Project::from_fixture("rich");
    let outside = project.tmp.path().join("outside");
    fs::create_dir_all(outside.join("folder")).expect("outside folder");
    fs::write(outside.join("secret.txt"), "password").expect("secret");
    fs::write(outside.join("folder/notes.md"), "# Private\n").expect("private page");
    project
}

/// Builds and expects one error about the link at `link`, nothing written.
fn assert_link_refused(project: &Project, link: &str) {
    let outcome = project.build();
    let error = common::only_error(&outcome);
    // A link has no lines: the error names the file.
    assert_eq!(common::position(error).0, link, "{error}");
    assert!(error.message.contains("outside the content folder"), "{error}");
    assert!(
        error.help.as_deref().unwrap_or_default().contains("copy the file in"),
        "{error}"
    );
    assert!(!project.out().exists(), "nothing written");

    let mut session = Session::new(&project.root, common::options(None, false), false);
    let update = session.rebuild();
    let messages: Vec<String> = update.diagnostics.iter().map(|d| d.message.clone()).collect();
    assert!(
        messages.iter().any(|m| m == &error.message),
        "the preview reports it too: {messages:?}"
    );
}

#[test]
fn a_file_link_out_of_the_project_is_refused() {
    let project = project_with_outside();
    symlink("../../outside/secret.txt", project.path("content/secret.txt")).expect("link");
    assert_link_refused(&project, "content/secret.txt");
}

#[test]
fn a_folder_link_out_of_the_project_is_refused() {
    let project = project_with_outside();
    symlink(
        project.tmp.path().join("outside/folder"),
        project.path("content/guides/shared"),
    )
    .expect("link");
    assert_link_refused(&project, "content/guides/shared");
}

#[test]
fn a_link_to_proc_self_is_not_walked() {
    let project = Project::from_fixture("rich");
    symlink("/proc/self", project.path("content/x")).expect("link");
    let outcome = journeybook::check(&project.root, &common::options(None, false));
    let error = common::only_error(&outcome);
    assert!(error.message.contains("outside the content folder"), "{error}");
}

#[test]
fn a_link_to_a_project_file_outside_content_is_refused() {
    let project = Project::from_fixture("rich");
    symlink("../book.toml", project.path("content/book.txt")).expect("link");
    assert_link_refused(&project, "content/book.txt");
}

#[test]
fn links_inside_the_content_folder_are_followed() {
    let project = Project::from_fixture("rich");
    project.write("content/files/plan.csv", "a,b\n");
    symlink("files/plan.csv", project.path("content/plan.csv")).expect("file link");
    symlink("files", project.path("content/also")).expect("folder link");
    project.build_ok();
    assert_eq!(
        fs::read_to_string(project.out().join("plan.csv")).expect("copied"),
        "a,b\n"
    );
    assert!(project.out().join("also/plan.csv").is_file());
}

#[test]
fn a_content_folder_that_is_a_link_out_of_the_project_is_refused() {
    let project = project_with_outside();
    let content = project.path("content");
    fs::rename(&content, project.tmp.path().join("outside/content")).expect("move content out");
    symlink("../outside/content", &content).expect("link");
    let outcome = project.build();
    let error = common::only_error(&outcome);
    assert!(error.message.contains("is outside the project"), "{error}");
    assert_eq!(common::position(error).0, "book.toml");
    assert!(!project.out().exists());
}
