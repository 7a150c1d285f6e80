//! Inputs that once took minutes or all the memory, at the sizes a mutation
//! fuzzer found them: each must now finish, with the right messages. The
//! fixtures are made here, being large. The time limit only turns a hang
//! into a failure; it is far above what the builds take.

mod common;

use common::Project;
use journeybook::diagnostics::{Diagnostic, SHOWN_PER_FILE};
use journeybook::lines::WINDOW;
use journeybook::Outcome;
use std::sync::mpsc;
use std::time::Duration;

/// Builds the project, failing the test if that takes longer than a minute.
fn build_in_time(project: Project) -> (Outcome, Project) {
    let (done, finished) = mpsc::channel();
    std::thread::spawn(move || {
        let outcome = project.build();
        let _ = done.send((outcome, project));
    });
    match finished.recv_timeout(Duration::from_secs(60)) {
        Ok(result) => result,
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("the build did not finish within a minute"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("the build panicked"),
    }
}

const TOUCHPOINT: (&str, &str) = (
    "content/touchpoints/web-shop.md",
    "---\nname: Web shop\nchannel: digital\n---\n",
);

/// The shown problems of a file that has `total`: the first ones in full,
/// each source line cut short, then one line counting the rest.
fn assert_capped(outcome: &Outcome, total: usize) -> Vec<&Diagnostic> {
    let errors: Vec<&Diagnostic> = outcome.errors().collect();
    assert_eq!(errors.len(), SHOWN_PER_FILE + 1);
    let closing = errors[SHOWN_PER_FILE];
    assert_eq!(closing.omitted, total - SHOWN_PER_FILE);
    let rest = format!("{}", total - SHOWN_PER_FILE);
    let grouped = format!("{},{}", &rest[..rest.len() - 3], &rest[rest.len() - 3..]);
    assert_eq!(closing.message, format!("… and {grouped} more problems in this file"));
    assert_eq!(outcome.errors().map(Diagnostic::problems).sum::<usize>(), total);
    for d in &errors[..SHOWN_PER_FILE] {
        let shown = d
            .location
            .as_ref()
            .and_then(|l| l.source_line.as_deref())
            .unwrap_or_default();
        assert!(shown.chars().count() <= 2 * WINDOW + 2, "long source line in:\n{d}");
        assert!(d.to_string().len() < 1000, "long message:\n{d}");
    }
    errors
}

#[test]
fn twenty_thousand_repeated_headings() {
    let body = format!("# Intro 2\n\n{}", "## Intro\n\n".repeat(20_000));
    let project = Project::with_files(&[("content/index.md", &format!("---\ntitle: Home\n---\n{body}"))]);
    let (outcome, project) = build_in_time(project);
    common::assert_no_errors(&outcome);
    let html = std::fs::read_to_string(project.out().join("index.html")).expect("home page");
    // The heading written "Intro 2" keeps its id; the repeats skip it.
    for id in ["intro-2", "intro", "intro-1", "intro-3", "intro-20000"] {
        assert!(html.contains(&format!("id=\"{id}\"")), "no heading `{id}`");
    }
    assert!(!html.contains("id=\"intro-20001\""));
}

#[test]
fn a_front_matter_line_of_a_hundred_thousand_braces() {
    let page = format!("---\ntitle: {}\n---\nBody\n", "{".repeat(100_000));
    let (outcome, _) = build_in_time(Project::with_files(&[("content/index.md", &page)]));
    let d = common::only_error(&outcome);
    assert_eq!(common::position(d), ("content/index.md".into(), 2, Some(72)));
    assert!(d.message.contains("more than 64 levels deep"), "{d}");
    assert!(
        d.help.as_deref().unwrap_or_default().contains("close the `[` and `{`"),
        "{d}"
    );
}

#[test]
fn front_matter_over_a_megabyte() {
    let page = format!("---\ntitle: x\ndescription: \"{}\"\n---\n", "a".repeat(1_200_000));
    let (outcome, _) = build_in_time(Project::with_files(&[("content/index.md", &page)]));
    let d = common::only_error(&outcome);
    assert_eq!(common::position(d), ("content/index.md".into(), 1, Some(1)));
    assert!(
        d.message.contains("1.2 MB") && d.message.contains("at most 1 MB"),
        "{d}"
    );
}

#[test]
fn fifteen_thousand_unknown_ids_in_one_flow_list() {
    let ids: Vec<String> = (0..15_000).map(|i| format!("x{i}")).collect();
    let journey = format!(
        "---\ntitle: A\nstages:\n  - name: S\n    touchpoints: [{}]\n---\n",
        ids.join(", ")
    );
    let project = Project::with_files(&[TOUCHPOINT, ("content/journeys/a.md", &journey)]);
    let (outcome, _) = build_in_time(project);
    let errors = assert_capped(&outcome, 15_000);
    assert_eq!(errors[0].message, "unknown touchpoint `x0`");
    assert_eq!(
        common::position(errors[0]),
        ("content/journeys/a.md".into(), 5, Some(19))
    );
    // Far along the line, the caret still sits under the id.
    let d = errors[SHOWN_PER_FILE - 1];
    let loc = d.location.as_ref().expect("located");
    let shown: String = loc
        .source_line
        .as_deref()
        .unwrap_or_default()
        .chars()
        .skip(loc.source_column - 1)
        .take(loc.width)
        .collect();
    assert_eq!(shown, "x49");
}

#[test]
fn eight_thousand_unknown_ids_as_a_block_list() {
    let items: String = (0..8_000).map(|i| format!("      - x{i}\n")).collect();
    let journey = format!("---\ntitle: A\nstages:\n  - name: S\n    touchpoints:\n{items}---\n");
    let project = Project::with_files(&[TOUCHPOINT, ("content/journeys/a.md", &journey)]);
    let (outcome, _) = build_in_time(project);
    let errors = assert_capped(&outcome, 8_000);
    assert_eq!(
        common::position(errors[49]),
        ("content/journeys/a.md".into(), 55, Some(9))
    );
}

#[test]
fn twenty_thousand_broken_anchors() {
    let links: String = (0..20_000)
        .map(|i| format!("See [the part](#no-such-part-{i}) of this long paragraph.\n\n"))
        .collect();
    let page = format!("---\ntitle: Home\n---\n# Top\n\n{links}");
    let (outcome, _) = build_in_time(Project::with_files(&[("content/index.md", &page)]));
    let errors = assert_capped(&outcome, 20_000);
    assert!(
        errors[0].message.contains("no anchor `#no-such-part-0`"),
        "{}",
        errors[0]
    );
    assert_eq!(common::position(errors[0]), ("content/index.md".into(), 6, Some(17)));
}
