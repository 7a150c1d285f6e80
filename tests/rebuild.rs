//! Rebuilding over an existing site: after every edit in a series, the
//! output is byte for byte what a clean build into a new folder writes, while
//! pages whose inputs did not change are carried over unrendered, as the
//! same files (hard links), not written again.

mod common;

use common::Project;
use journeybook::Outcome;
use std::path::Path;

use common::site_files;
use journeybook::output::MANIFEST;

struct Rebuilds {
    project: Project,
    clean_builds: usize,
}

impl Rebuilds {
    fn new() -> Rebuilds {
        Rebuilds::of(Project::from_fixture("rich"))
    }

    fn of(project: Project) -> Rebuilds {
        Rebuilds {
            project,
            clean_builds: 0,
        }
    }

    /// Builds over the same output folder, then checks it against a clean build.
    fn rebuild(&mut self, step: &str) -> Outcome {
        let outcome = common::build_ok(&self.project.root, Some(&self.project.out()));
        self.clean_builds += 1;
        let clean = self.project.tmp.path().join(format!("clean-{}", self.clean_builds));
        let fresh = common::build_ok(&self.project.root, Some(&clean));
        assert_eq!(
            fresh.unchanged, 0,
            "{step}: a build into a new folder renders everything"
        );
        let rebuilt = site_files(&self.project.out());
        let expected = site_files(&clean);
        let only_clean: Vec<&String> = expected.keys().filter(|p| !rebuilt.contains_key(*p)).collect();
        let only_rebuilt: Vec<&String> = rebuilt.keys().filter(|p| !expected.contains_key(*p)).collect();
        assert!(
            only_clean.is_empty() && only_rebuilt.is_empty(),
            "{step}: only in the clean build {only_clean:?}, only in the rebuild {only_rebuilt:?}"
        );
        for (path, bytes) in &expected {
            assert!(rebuilt[path] == *bytes, "{step}: `{path}` differs from a clean build");
        }
        outcome
    }

    fn edit(&self, relative: &str, from: &str, to: &str) {
        let path = self.project.path(relative);
        let text = std::fs::read_to_string(&path).expect("read the file");
        assert!(text.contains(from), "`{from}` is in {relative}");
        std::fs::write(&path, text.replacen(from, to, 1)).expect("write the file");
    }

    fn out(&self, relative: &str) -> std::path::PathBuf {
        self.project.out().join(relative)
    }
}

/// The hash of what a file of the site was made from, as the manifest
/// (`<bytes' hash> <inputs' hash> <size> <time> <path>` a line) records it.
fn made_from(site: &Rebuilds, path: &str) -> String {
    let manifest = std::fs::read_to_string(site.out(MANIFEST)).expect("manifest");
    manifest
        .lines()
        .find_map(|line| {
            let fields: Vec<&str> = line.splitn(5, ' ').collect();
            (fields.len() == 5 && fields[4] == path).then(|| fields[1].to_owned())
        })
        .unwrap_or_else(|| panic!("`{path}` is in the manifest"))
}

#[cfg(unix)]
fn inode(path: &Path) -> u64 {
    std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(path).expect("output file"))
}

#[test]
fn every_rebuild_in_a_series_of_edits_equals_a_clean_build() {
    let mut site = Rebuilds::new();
    let first = site.rebuild("first build");
    assert_eq!(first.unchanged, 0);

    let again = site.rebuild("nothing changed");
    assert_eq!(again.unchanged, again.pages, "every page is carried over");
    assert!(first.warnings().count() > 0, "the fixture has a warning to repeat");
    assert_eq!(
        again.diagnostics, first.diagnostics,
        "an unchanged build says what it said"
    );

    // A file dropped into the site by hand goes, as with any build.
    std::fs::write(site.out("guides/stray.html"), "not ours").expect("add a file");
    site.rebuild("file added to the site by hand");

    // A guide's body: that page changes, an unrelated one is the same file.
    #[cfg(unix)]
    let touchpoint_before = inode(&site.out("touchpoints/showroom.html"));
    site.edit(
        "content/guides/glossary.md",
        "Words we use in the maps.",
        "Words we use in our maps.",
    );
    let edited = site.rebuild("one guide edited");
    assert!(
        edited.unchanged > 0 && edited.unchanged < edited.pages,
        "{} of {}",
        edited.unchanged,
        edited.pages
    );
    let glossary = std::fs::read_to_string(site.out("guides/glossary.html")).expect("glossary");
    assert!(glossary.contains("Words we use in our maps."));
    #[cfg(unix)]
    assert_eq!(inode(&site.out("touchpoints/showroom.html")), touchpoint_before);

    // A touchpoint renamed: the maps that use it show the new name; the
    // opportunity backlog, which names no touchpoint, is not rendered again.
    let backlog_before = made_from(&site, "insights/opportunities.html");
    site.edit(
        "content/touchpoints/newsletter.md",
        "name: Newsletter",
        "name: Rider letter",
    );
    site.rebuild("touchpoint renamed");
    let map = std::fs::read_to_string(site.out("journeys/servicing-stale.html")).expect("map");
    assert!(map.contains("Rider letter"));
    assert_eq!(made_from(&site, "insights/opportunities.html"), backlog_before);

    // A stage's pain point reworded: the pages of the touchpoints it uses,
    // which list the stage with its pain points, show the new words.
    site.edit(
        "content/journeys/servicing-stale.md",
        "The earliest service slot is in two weeks",
        "The earliest service slot is in three weeks",
    );
    site.rebuild("pain point reworded");
    let workshop = std::fs::read_to_string(site.out("touchpoints/workshop.html")).expect("touchpoint");
    assert!(
        workshop.contains("three weeks"),
        "the touchpoint page lists the new words"
    );

    // Pages added and removed, an attachment changed.
    site.project
        .write("content/guides/fitting.md", "# Fitting\n\nHow a bike is fitted.\n");
    site.rebuild("guide added");
    std::fs::remove_file(site.project.path("content/guides/fitting.md")).expect("remove the guide");
    site.rebuild("guide removed");
    assert!(!site.out("guides/fitting.html").exists());
    site.edit("content/guides/checklist.csv", ",", ";");
    site.rebuild("attachment changed");

    // book.toml and the theme: nothing is carried over.
    site.edit("book.toml", "Northwind Bikes playbook", "Northwind playbook");
    let retitled = site.rebuild("book retitled");
    assert_eq!(retitled.unchanged, 0);
    site.project
        .write("templates/404.html", "<p>Lost? {{ site.title }}</p>\n");
    let themed = site.rebuild("template overridden");
    assert_eq!(themed.unchanged, 0);

    // A file of the site changed by hand is made again, not kept.
    std::fs::write(site.out("guides/glossary.html"), "edited by hand").expect("edit the output");
    site.rebuild("output edited by hand");
}

#[test]
fn a_failed_rebuild_leaves_the_site_and_its_manifest_as_they_were() {
    let mut site = Rebuilds::new();
    site.rebuild("first build");
    let before = common::snapshot(&site.project.out());
    site.edit(
        "content/journeys/servicing-stale.md",
        "[workshop, newsletter]",
        "[workshop, nowhere]",
    );
    let failed = common::build(&site.project.root, Some(&site.project.out()));
    assert!(failed.has_errors());
    assert_eq!(common::snapshot(&site.project.out()), before, "the site is untouched");
    site.edit(
        "content/journeys/servicing-stale.md",
        "[workshop, nowhere]",
        "[workshop, newsletter]",
    );
    let recovered = site.rebuild("fixed again");
    assert_eq!(recovered.unchanged, recovered.pages);
}

#[test]
fn a_strict_build_over_a_site_with_warnings_fails_even_when_nothing_changed() {
    let mut site = Rebuilds::new();
    site.rebuild("first build");
    let before = common::snapshot(&site.project.out());
    let options = journeybook::BuildOptions {
        strict: true,
        ..common::options(Some(&site.project.out()), false)
    };
    let strict = journeybook::build(&site.project.root, &options);
    assert!(strict.has_errors(), "the warning fails a strict build");
    assert_eq!(common::snapshot(&site.project.out()), before, "the site is untouched");
}

#[test]
fn a_damaged_manifest_only_costs_a_full_render() {
    let mut site = Rebuilds::new();
    site.rebuild("first build");
    std::fs::write(site.out(MANIFEST), "not a manifest\n").expect("damage the manifest");
    let rebuilt = site.rebuild("manifest damaged");
    assert_eq!(rebuilt.unchanged, 0);
    let after = site.rebuild("manifest rewritten");
    assert_eq!(after.unchanged, after.pages);
}

#[test]
fn kept_markdown_is_made_again_when_what_it_reads_changes() {
    let mut site = Rebuilds::new();
    site.project.write("content/guides/parts.txt", "Spokes and chains.\n");
    site.project
        .write("content/guides/parts.md", "# Parts\n\n{{#include parts.txt}}\n");
    site.project.write(
        "content/guides/links.md",
        "# Links\n\nSee [terms](glossary.md#terms) and [the letter](../touchpoints/newsletter.md).\n",
    );
    site.project.write(
        "content/guides/words.md",
        "# Words\n\nSee [the words](/guides/glossary.md).\n",
    );
    let warned = |o: &Outcome| o.warnings().any(|d| d.message.contains("starts with `/`"));
    let parts = |site: &Rebuilds| std::fs::read_to_string(site.out("guides/parts.html")).expect("parts page");
    let first = site.rebuild("first build");
    assert!(warned(&first), "{}", common::describe(&first.diagnostics));

    // Another page edited: this page's warning is told again.
    site.edit(
        "content/guides/glossary.md",
        "Words we use in the maps.",
        "Words we use in our maps.",
    );
    let edited = site.rebuild("another page edited");
    assert!(warned(&edited), "{}", common::describe(&edited.diagnostics));

    // The file it includes changed: the page shows the new text.
    site.edit("content/guides/parts.txt", "Spokes", "Spokes, tyres");
    site.rebuild("included file edited");
    assert!(parts(&site).contains("Spokes, tyres and chains."));

    // The page it links to moves (a new id): the link follows it.
    site.edit(
        "content/touchpoints/newsletter.md",
        "name: Newsletter",
        "id: rider-letter\nname: Newsletter",
    );
    let journey = "content/journeys/servicing-stale.md";
    site.edit(journey, "[workshop, newsletter]", "[workshop, rider-letter]");
    site.edit(journey, "touchpoints: newsletter", "touchpoints: rider-letter");
    site.rebuild("linked page moved");
    let links = std::fs::read_to_string(site.out("guides/links.html")).expect("links page");
    assert!(links.contains("../touchpoints/rider-letter.html"));

    // The heading it links to is gone: the unchanged page's link is still checked.
    site.edit("content/guides/glossary.md", "## Terms", "## Words");
    let broken = common::build(&site.project.root, Some(&site.project.out()));
    let in_parts = |d: &&journeybook::diagnostics::Diagnostic| common::position(d).0 == "content/guides/links.md";
    assert!(
        broken.errors().filter(in_parts).any(|d| d.message.contains("terms")),
        "{}",
        common::describe(&broken.diagnostics)
    );
}

#[test]
fn kept_front_matter_is_read_again_when_its_text_changes() {
    let mut site = Rebuilds::new();
    let journey = "content/journeys/buying-a-bike-current.md";
    site.rebuild("first build");
    assert!(
        site.out(".journeybook-cache/front-matter").is_file(),
        "the front matter is kept for the next build"
    );

    // A mistake in a front matter read before is reported at its line.
    site.edit(journey, "    goal: Find bikes", "    gaol: Find bikes");
    let broken = common::build(&site.project.root, Some(&site.project.out()));
    let at_the_typo = |d: &&journeybook::diagnostics::Diagnostic| {
        d.location.is_some() && common::position(d).0 == journey && common::position(d).1 == 16
    };
    assert!(
        broken.errors().filter(at_the_typo).any(|d| d.message.contains("gaol")),
        "{}",
        common::describe(&broken.diagnostics)
    );

    // Mended, and then changed: each build shows the text as it is now.
    site.edit(journey, "    gaol: Find bikes", "    goal: Find bikes");
    site.rebuild("mistake mended");
    site.edit(journey, "Find bikes that fit the budget", "Find a bike within budget");
    site.rebuild("goal reworded");
    let map = std::fs::read_to_string(site.out("journeys/buying-a-bike-current.html")).expect("map");
    assert!(map.contains("Find a bike within budget"));
    assert!(!map.contains("Find bikes that fit the budget"));
}

/// A playbook of `count` guides, each a few paragraphs of its own.
fn guides(count: usize) -> Vec<(String, String)> {
    (0..count)
        .map(|i| {
            (
                format!("content/guides/g{i:02}.md"),
                format!("---\ntitle: Guide {i}\n---\n# Guide {i}\n\nWhat the team does at step {i}.\n\nAnd why it matters.\n"),
            )
        })
        .collect()
}

#[cfg(unix)]
#[test]
fn a_rebuild_carries_the_kept_records_over_and_writes_only_those_that_changed() {
    let files = guides(20);
    let project = Project::with_owned_files(&files);
    project.build_ok();
    let base = project.out().join(journeybook::site::memo::PATH);
    let changes = project
        .out()
        .join(journeybook::kept::changes_path(journeybook::site::memo::PATH));
    let first_base = inode(&base);
    assert!(!changes.exists(), "a first build writes the whole store");

    // One guide edited: the base is the same file, the changes hold its page.
    project.write(
        "content/guides/g03.md",
        "---\ntitle: Guide 3\n---\n# Guide 3\n\nEdited.\n",
    );
    project.build_ok();
    assert_eq!(inode(&base), first_base, "the base is carried over");
    let base_size = std::fs::metadata(&base).expect("base").len();
    let changes_size = std::fs::metadata(&changes).expect("changes written").len();
    assert!(
        changes_size * 4 < base_size,
        "{changes_size} bytes of changes over {base_size}"
    );

    // Most guides edited: the changes then outweigh a quarter of the base,
    // and the build after writes the whole store again.
    for (path, text) in files.iter().take(12) {
        project.write(path, &text.replace("And why", "And how"));
    }
    project.build_ok();
    assert_eq!(inode(&base), first_base, "still carried over");
    project.write(
        "content/guides/g19.md",
        "---\ntitle: Guide 19\n---\n# Guide 19\n\nEdited.\n",
    );
    project.build_ok();
    assert_ne!(inode(&base), first_base, "a new base");
    assert!(!changes.exists(), "with no changes beside it");
    // And every page still reads its kept Markdown right.
    let page = std::fs::read_to_string(project.out().join("guides/g05.html")).expect("a guide");
    assert!(page.contains("And how it matters."));
}

/// A guide added: the built-in theme prints no counts in the sidebar, so
/// the guides far from the new one in reading order are the same files.
#[cfg(unix)]
#[test]
fn a_page_added_rewrites_only_the_pages_whose_links_change() {
    let mut site = Rebuilds::of(Project::with_owned_files(&guides(30)));
    site.rebuild("first build");
    let far = site.out("guides/g25.html");
    let far_before = inode(&far);
    // The roll-ups print their own counts, which a guide does not change:
    // they are not even rendered again (what a page was made from stays).
    let roll_ups = [
        "insights/index.html",
        "insights/pain-points.html",
        "insights/opportunities.html",
    ];
    let roll_ups_before: Vec<String> = roll_ups.iter().map(|page| made_from(&site, page)).collect();
    site.project.write(
        "content/guides/g00a.md",
        "---\ntitle: Guide 0a\n---\n# Guide 0a\n\nNew.\n",
    );
    let added = site.rebuild("guide added");
    assert_eq!(inode(&far), far_before, "a guide far from the new one is carried over");
    for (page, before) in roll_ups.iter().zip(roll_ups_before) {
        assert_eq!(made_from(&site, page), before, "{page} is carried over unrendered");
    }
    assert!(
        // Those near it in the sidebar's window, the home page, the index, three insights pages.
        added.pages - added.unchanged < added.pages / 2,
        "{} of {} pages made again",
        added.pages - added.unchanged,
        added.pages
    );
}

/// A page added: every other page's Markdown is read back, not rendered
/// again, unless one of its links now leads to the new page.
#[cfg(unix)]
#[test]
fn a_page_added_renders_again_only_the_markdown_whose_links_it_changes() {
    let mut files = guides(20);
    files.push((
        "content/manuals/README.md".into(),
        "# Manuals\n\nThe shop's manuals.\n".into(),
    ));
    files.push((
        "content/guides/links.md".into(),
        "# Links\n\nSee [the manuals](../manuals/README.md).\n".into(),
    ));
    let mut site = Rebuilds::of(Project::with_owned_files(&files));
    site.rebuild("first build");
    let links = |site: &Rebuilds| std::fs::read_to_string(site.out("guides/links.html")).expect("links page");
    assert!(
        links(&site).contains("href=\"../manuals/index.html\""),
        "{}",
        links(&site)
    );
    let memo = |site: &Rebuilds| {
        let size = |path: &str| std::fs::metadata(site.out(path)).map_or(0, |m| m.len());
        let changes = journeybook::kept::changes_path(journeybook::site::memo::PATH);
        (size(journeybook::site::memo::PATH), size(&changes))
    };

    site.project.write(
        "content/guides/g00a.md",
        "---\ntitle: Guide 0a\n---\n# Guide 0a\n\nNew.\n",
    );
    site.rebuild("guide added");
    let (base, changes) = memo(&site);
    // The new page's record alone: 22 pages' records would be about the base's size.
    assert!(
        changes > 0 && changes * 8 < base,
        "{changes} bytes of changes over a base of {base}"
    );

    // The folder gets an index of its own: the README becomes a page of
    // its own, and the link to it, unchanged, now leads there.
    site.project
        .write("content/manuals/index.md", "# All manuals\n\nBy model.\n");
    site.rebuild("folder index added");
    assert!(
        links(&site).contains("href=\"../manuals/README.html\""),
        "{}",
        links(&site)
    );
}

/// Each insights page is given only the parts of the roll-ups it shows.
/// A template of the project's own that names `insights` gets them all on
/// every insights page: the built-in ones, copied in as they are, then
/// print the very same pages, so none shows a part it is not given.
#[test]
fn each_insights_page_is_given_the_parts_of_the_roll_ups_it_shows() {
    let plain = Project::from_fixture("rich");
    plain.build_ok();
    let given_all = Project::from_fixture("rich");
    let built_in = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
    let stale = std::fs::read_to_string(built_in.join("insights-stale.html")).expect("built-in template");
    given_all.write("templates/insights-stale.html", &stale);
    given_all.build_ok();
    for page in [
        "insights/index.html",
        "insights/pain-points.html",
        "insights/opportunities.html",
        "insights/touchpoint-matrix.html",
        "insights/stale-maps.html",
    ] {
        let read = |project: &Project| std::fs::read(project.out().join(page)).expect("insights page");
        assert!(read(&plain) == read(&given_all), "{page} differs when given every part");
    }
}

/// A template of the project's own that names `nav` may print its counts:
/// then every page follows them, as a clean build makes it.
#[test]
fn a_template_printing_the_counts_is_rendered_again_when_they_change() {
    let mut files = guides(30);
    files.push((
        "templates/page.html".into(),
        "{% extends \"base.html\" %}{% block content %}{{ body_html | safe }}\
         <p class=\"counts\">{% for s in nav.sections %}{{ s.count }} {{ s.hidden_after }};{% endfor %}</p>{% endblock content %}\n"
            .into(),
    ));
    let mut site = Rebuilds::of(Project::with_owned_files(&files));
    site.rebuild("first build");
    let before = std::fs::read_to_string(site.out("guides/g25.html")).expect("guide");
    site.project.write(
        "content/guides/g00a.md",
        "---\ntitle: Guide 0a\n---\n# Guide 0a\n\nNew.\n",
    );
    // The rebuild is checked against a clean build: g25 shows the new count.
    site.rebuild("guide added");
    let after = std::fs::read_to_string(site.out("guides/g25.html")).expect("guide");
    assert_ne!(before, after, "the printed count changed");
}
