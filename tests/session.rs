//! The preview server's in-memory builds: after every edit in a series, the
//! files are exactly those a full build writes, and a plain page's edit
//! re-renders that page alone.

mod common;

use common::Project;
use journeybook::session::Session;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn session(project: &Project) -> Session {
    Session::new(&project.root, common::options(None, false), true)
}

/// The pages and support files of a full build (attachments and the marker
/// are copied from disk, not rendered; what it keeps for the next build is
/// not the site's).
fn full_build(project: &Project) -> BTreeMap<String, Vec<u8>> {
    let out = project.tmp.path().join("full");
    common::build_ok(&project.root, Some(&out));
    let copied: Vec<String> = outcome_assets(project);
    common::snapshot(&out)
        .into_iter()
        .filter(|(path, _)| {
            path != ".journeybook-site"
                && path != ".journeybook-manifest"
                && !path.starts_with(journeybook::kept::FOLDER)
                && !copied.contains(path)
        })
        .collect()
}

fn outcome_assets(project: &Project) -> Vec<String> {
    common::snapshot(&project.path("content"))
        .into_keys()
        .filter(|path| !path.ends_with(".md"))
        .collect()
}

fn files_of(session: &Session) -> BTreeMap<String, Vec<u8>> {
    session
        .files()
        .iter()
        .map(|(path, bytes)| (path.clone(), bytes.to_vec()))
        .collect()
}

fn assert_same_as_full_build(project: &Project, session: &Session, step: &str) {
    let full = full_build(project);
    let mine = files_of(session);
    let only_full: Vec<&String> = full.keys().filter(|p| !mine.contains_key(*p)).collect();
    let only_mine: Vec<&String> = mine.keys().filter(|p| !full.contains_key(*p)).collect();
    assert!(
        only_full.is_empty() && only_mine.is_empty(),
        "{step}: only in the full build {only_full:?}, only in the session {only_mine:?}"
    );
    for (path, bytes) in &full {
        assert!(mine[path] == *bytes, "{step}: `{path}` differs from the full build");
    }
}

fn edit(project: &Project, relative: &str, from: &str, to: &str) -> PathBuf {
    let path = project.path(relative);
    let text = std::fs::read_to_string(&path).expect("read the page");
    assert!(text.contains(from), "`{from}` is in {relative}");
    std::fs::write(&path, text.replacen(from, to, 1)).expect("write the page");
    path
}

/// `to` as a path relative to the current folder: `../../tmp/.tmpXYZ`.
fn relative_to_current_folder(to: &Path) -> PathBuf {
    let here = std::fs::canonicalize(".").expect("the current folder");
    let to = std::fs::canonicalize(to).expect("the project folder");
    let common = here
        .components()
        .zip(to.components())
        .take_while(|(a, b)| a == b)
        .count();
    let mut relative = PathBuf::new();
    for _ in here.components().skip(common) {
        relative.push("..");
    }
    relative.extend(to.components().skip(common));
    relative
}

#[test]
fn a_series_of_edits_gives_the_files_of_a_full_build() {
    let project = Project::from_fixture("rich");
    series_of_edits(
        &project,
        Session::new(&project.root, common::options(None, false), true),
    );
}

/// The default `journeybook serve` names the project `.`: the watcher's
/// absolute paths must still find their pages, and the quick path still run.
#[test]
fn a_relative_project_path_takes_the_quick_path_too() {
    let project = Project::from_fixture("rich");
    let relative = relative_to_current_folder(&project.root);
    assert!(relative.is_relative());
    series_of_edits(&project, Session::new(&relative, common::options(None, false), true));
}

fn series_of_edits(project: &Project, mut session: Session) {
    let first = session.rebuild();
    assert!(!first.has_errors(), "{}", common::describe(&first.diagnostics));
    assert_same_as_full_build(project, &session, "first build");

    // 1. The Markdown of a plain page: that page alone.
    let glossary = edit(
        project,
        "content/guides/glossary.md",
        "Words we use",
        "Words we all use",
    );
    let update = session.update(&[glossary]);
    assert!(update.incremental, "a body edit re-renders the page alone");
    assert!(update.changed.contains(&"guides/glossary.html".to_owned()));
    assert!(
        update
            .changed
            .iter()
            .all(|p| p == "guides/glossary.html" || p == "journeybook.json" || p.starts_with("search/")),
        "{:?}",
        update.changed
    );
    // The search index follows in the background, then matches a full build too.
    assert!(update.search_pending);
    let search = session.finish_search(true).expect("a search index rebuilt");
    assert!(
        search.changed.iter().any(|p| p.starts_with("search/t")),
        "the new words reach the search index: {:?}",
        search.changed
    );
    assert!(
        search.changed.iter().all(|p| p.starts_with("search/")),
        "{:?}",
        search.changed
    );
    assert_same_as_full_build(project, &session, "body edit");

    // 2. A journey's front matter: everything that shows it.
    let journey = edit(
        project,
        "content/journeys/buying-a-bike-current.md",
        "title: ",
        "title: Renamed ",
    );
    let update = session.update(&[journey]);
    assert!(!update.incremental);
    assert!(update.changed.len() > 1, "the journey's title shows on many pages");
    assert_same_as_full_build(project, &session, "journey edit");

    // 3. A new page, then the same page removed.
    project.write("content/guides/new-page.md", "---\ntitle: New page\n---\nFresh.\n");
    let update = session.update(&[project.path("content/guides/new-page.md")]);
    assert!(update.changed.contains(&"guides/new-page.html".to_owned()));
    assert_same_as_full_build(project, &session, "new page");
    std::fs::remove_file(project.path("content/guides/new-page.md")).expect("remove the page");
    let update = session.update(&[project.path("content/guides/new-page.md")]);
    assert!(update.removed.contains(&"guides/new-page.html".to_owned()));
    assert_same_as_full_build(project, &session, "page removed");

    // 4. A heading another page links to: an error, the last good site kept.
    let before = files_of(&session);
    let renamed = edit(project, "content/guides/glossary.md", "## Terms", "## Words");
    let update = session.update(std::slice::from_ref(&renamed));
    assert!(update.has_errors(), "the workshop guide links to #terms");
    assert!(update.diagnostics.iter().any(|d| d.message.contains("#terms")));
    assert_eq!(files_of(&session), before, "the last good site stays");

    // 5. Fixed again: back to a full build's files.
    edit(project, "content/guides/glossary.md", "## Words", "## Terms");
    let update = session.update(&[renamed]);
    assert!(!update.has_errors());
    assert_same_as_full_build(project, &session, "fixed");
}

#[test]
fn a_body_edit_that_breaks_a_link_is_reported() {
    let project = Project::from_fixture("rich");
    let mut session = session(&project);
    assert!(!session.rebuild().has_errors());
    let glossary = edit(
        &project,
        "content/guides/glossary.md",
        "Words we use",
        "See [nowhere](nowhere.md).",
    );
    let update = session.update(&[glossary]);
    let d = update.diagnostics.iter().find(|d| d.is_error()).expect("an error");
    assert!(d.message.contains("nowhere.md"), "{d}");
    assert_eq!(common::position(d).0, "content/guides/glossary.md");
}

#[test]
fn a_title_taken_from_the_first_heading_updates_the_navigation() {
    let project = Project::from_fixture("rich");
    let mut session = session(&project);
    assert!(!session.rebuild().has_errors());
    // The glossary has no `title:`: its first heading names it everywhere.
    let glossary = edit(&project, "content/guides/glossary.md", "# Glossary", "# Word list");
    let update = session.update(&[glossary]);
    assert!(!update.incremental, "other pages show the title");
    assert_same_as_full_build(&project, &session, "title from heading");
}
