//! Writers' mistakes: a page that cannot be read keeps its place, so N
//! mistakes give N errors; every mistake of a file is reported in one
//! build; messages speak the writer's words and name the fix.

mod common;

use common::{position, Project};
use journeybook::diagnostics::Diagnostic;

fn errors_of(project: &Project) -> Vec<Diagnostic> {
    let outcome = project.build();
    assert!(outcome.has_errors(), "the build must fail");
    assert!(!project.out().exists(), "a failed build writes nothing");
    outcome.errors().cloned().collect()
}

/// The one error of a persona whose front matter is `front`.
fn persona_error(front: &str) -> Diagnostic {
    let page = format!("---\n{front}---\nBody\n");
    let project = Project::with_files(&[("content/personas/alex.md", &page)]);
    let errors = errors_of(&project);
    assert_eq!(errors.len(), 1, "{}", common::describe(&errors));
    errors[0].clone()
}

#[test]
fn mistakes_do_not_cascade_into_false_errors() {
    let project = Project::from_fixture("broken/cascade");
    let errors = errors_of(&project);
    let found: Vec<(String, usize, String)> = errors
        .iter()
        .map(|d| {
            let (file, line, _) = position(d);
            (file, line, d.message.clone())
        })
        .collect();
    let expected = [
        ("content/personas/lea.md", 3, "unknown key `qoute`"),
        ("content/personas/lea.md", 4, "`weight` wants a whole number"),
        ("content/personas/sam.md", 4, "a tab is used for indentation"),
        ("content/touchpoints/chat.md", 3, "unknown key `chanel`"),
    ];
    assert_eq!(found.len(), expected.len(), "{}", common::describe(&errors));
    for ((file, line, message), (want_file, want_line, want)) in found.iter().zip(expected) {
        assert_eq!((file.as_str(), *line), (want_file, want_line), "{message}");
        assert!(message.contains(want), "{message} lacks {want}");
    }
    // The journey's links to the broken persona and touchpoint resolve.
    assert!(
        errors
            .iter()
            .all(|d| !d.message.contains("does not exist") && !d.message.contains("unknown persona")),
        "{}",
        common::describe(&errors)
    );
}

#[test]
fn every_mistake_of_a_file_is_reported_at_once() {
    let page = "---\nname: Alex\nrol: Buyer\nqoute: Hi\nweight: heavy\nstages: 3\n---\n";
    let project = Project::with_files(&[("content/personas/alex.md", page)]);
    let errors = errors_of(&project);
    let lines: Vec<usize> = errors.iter().map(|d| position(d).1).collect();
    assert_eq!(lines, [3, 4, 5, 6], "{}", common::describe(&errors));
    assert_eq!(errors[0].help.as_deref(), Some("did you mean `role`?"));
    assert_eq!(errors[1].help.as_deref(), Some("did you mean `quote`?"));
}

#[test]
fn every_mistake_of_book_toml_is_reported_at_once() {
    let project = Project::with_files(&[
        (
            "book.toml",
            "[book]\ntitel = \"x\"\n[build]\noutput-dri = \"out\"\n[serve]\nport = \"high\"\n",
        ),
        ("content/index.md", "# Home\n"),
    ]);
    let errors = errors_of(&project);
    let found: Vec<(usize, &str)> = errors.iter().map(|d| (position(d).1, d.message.as_str())).collect();
    assert_eq!(found.len(), 3, "{}", common::describe(&errors));
    assert_eq!(found[0], (2, "in book.toml: unknown key `titel`"));
    assert_eq!(found[1], (4, "in book.toml: unknown key `output-dri`"));
    assert_eq!(found[2].0, 6);
    assert!(found[2].1.contains("`port` wants a whole number"), "{}", found[2].1);
    assert_eq!(
        errors[2].help.as_deref(),
        Some("write a whole number without quotes, e.g. `port = 3`")
    );
}

#[test]
fn mistakes_in_stages_are_all_reported_with_their_place() {
    let page = "---\ntitle: Buying\nstages:\n  - name: Look\n    emotoin: 2\n  - name: Buy\n    emotion: high\n    kpis:\n      - name: Time\n        value: [1]\n---\n";
    let project = Project::with_files(&[("content/journeys/buying.md", page)]);
    let errors = errors_of(&project);
    let found: Vec<(usize, &str)> = errors.iter().map(|d| (position(d).1, d.message.as_str())).collect();
    assert_eq!(found.len(), 3, "{}", common::describe(&errors));
    assert_eq!(found[0].0, 5);
    assert!(found[0].1.starts_with("unknown key `emotoin`"), "{}", found[0].1);
    assert_eq!(found[1].0, 7);
    assert!(found[1].1.contains("`emotion` wants a number"), "{}", found[1].1);
    assert_eq!(found[2].0, 10);
    assert!(found[2].1.contains("(at `stages[1].kpis[0].value`)"), "{}", found[2].1);
}

/// Words of the program's insides that a writer should never read.
const JARGON: [&str; 12] = [
    "f64",
    "f32",
    "i64",
    "u32",
    "u64",
    "usize",
    "unknown variant",
    "invalid type",
    "expected struct",
    "a sequence",
    "serde",
    "unknown field",
];

#[test]
fn messages_speak_plain_words() {
    let cases = [
        "emotion_scale: {min: low, max: 2}\n",
        "weight: heavy\n",
        "tags: {a: 1}\n",
        "draft: maybe\n",
        "title: [a, b]\n",
        "weight: 1.5\n",
    ];
    for front in cases {
        let d = persona_error(&format!("name: Alex\n{front}"));
        let text = d.to_string();
        for word in JARGON {
            assert!(!text.contains(word), "`{word}` in:\n{text}");
        }
        assert!(d.help.is_some(), "no help for `{front}`:\n{text}");
    }
    let journey = "---\ntitle: A\nstate: past\n---\n";
    let project = Project::with_files(&[("content/journeys/a.md", journey)]);
    let errors = errors_of(&project);
    let text = common::describe(&errors);
    assert!(text.contains("`state` cannot be `past`"), "{text}");
    assert!(text.contains("write one of current or future"), "{text}");
    for word in JARGON {
        assert!(!text.contains(word), "`{word}` in:\n{text}");
    }
}

#[test]
fn yaml_slips_get_the_fix_at_the_line_that_is_wrong() {
    let d = persona_error("name: Alex\nquote: Pricing: too hard\n");
    assert_eq!(position(&d), ("content/personas/alex.md".into(), 3, Some(15)));
    assert_eq!(
        d.help.as_deref(),
        Some("put the text in quotes: `quote: \"Pricing: too hard\"`")
    );

    let d = persona_error("name: Alex\n\trole: Buyer\n");
    assert_eq!(position(&d).1, 3);
    assert!(
        d.help
            .as_deref()
            .unwrap_or_default()
            .starts_with("replace the tab with spaces"),
        "{d}"
    );

    for start in ['@', '`', '%', '*'] {
        let d = persona_error(&format!("name: Alex\nrole: {start}home\n"));
        assert_eq!(position(&d).1, 3, "{d}");
        let help = d.help.as_deref().unwrap_or_default();
        assert!(help.contains("must be in quotes"), "{start}: {d}");
    }

    // A short indent inside a stage points at that line, not at the list's start.
    let page = "---\ntitle: A\nstages:\n  - name: Look\n    goal: Compare\n   emotion: 2\n---\n";
    let project = Project::with_files(&[("content/journeys/a.md", page)]);
    let errors = errors_of(&project);
    assert_eq!(errors.len(), 1, "{}", common::describe(&errors));
    assert_eq!(position(&errors[0]).1, 6, "{}", errors[0]);
    let help = errors[0].help.as_deref().unwrap_or_default();
    assert!(help.contains("indented by 3 spaces"), "{help}");
}

fn warnings_of(project: &Project) -> Vec<Diagnostic> {
    let outcome = project.build();
    assert!(!outcome.has_errors(), "{}", common::describe(&outcome.diagnostics));
    outcome.diagnostics.into_iter().filter(|d| !d.is_error()).collect()
}

#[test]
fn a_reference_to_a_draft_says_it_is_a_draft() {
    let project = Project::with_files(&[
        ("content/personas/lea.md", "---\nname: Léa\ndraft: true\n---\n"),
        (
            "content/journeys/a.md",
            "---\ntitle: A\npersonas: [lea]\nstages: [{name: Look}]\n---\n",
        ),
    ]);
    let errors = errors_of(&project);
    assert_eq!(errors.len(), 1, "{}", common::describe(&errors));
    assert_eq!(
        errors[0].message,
        "the persona `lea` is a draft, left out of this build"
    );
    assert!(
        errors[0].help.as_deref().unwrap_or_default().contains("--drafts"),
        "{}",
        errors[0]
    );
    assert_eq!(position(&errors[0]).0, "content/journeys/a.md");
}

#[test]
fn a_duplicate_id_is_reported_at_the_file_that_repeats_it() {
    // `a-chat.md` comes first, but `live-chat` is `live-chat.md`'s own name.
    let project = Project::with_files(&[
        (
            "content/touchpoints/a-chat.md",
            "---\nname: A chat\nid: live-chat\n---\n",
        ),
        ("content/touchpoints/live-chat.md", "---\nname: Live chat\n---\n"),
    ]);
    let errors = errors_of(&project);
    assert_eq!(errors.len(), 1, "{}", common::describe(&errors));
    assert_eq!(position(&errors[0]).0, "content/touchpoints/a-chat.md", "{}", errors[0]);
    assert!(
        errors[0].note.iter().any(|n| n.contains("live-chat.md")),
        "{}",
        errors[0]
    );
}

#[test]
fn a_link_to_the_html_suggests_the_markdown_file() {
    let project = Project::with_files(&[
        ("content/guides/a.md", "# A\n\nSee [B](b.html).\n"),
        ("content/guides/b.md", "# B\n"),
    ]);
    let errors = errors_of(&project);
    assert_eq!(errors.len(), 1, "{}", common::describe(&errors));
    assert!(
        errors[0].help.as_deref().unwrap_or_default().contains("`b.md`"),
        "{}",
        errors[0]
    );
}

#[test]
fn a_link_from_the_site_root_is_a_warning_and_written_relative() {
    let project = Project::with_files(&[
        (
            "content/journeys/a.md",
            "---\ntitle: A\nstages: [{name: Look}]\n---\nUses [chat](/touchpoints/chat.md).\n",
        ),
        ("content/touchpoints/chat.md", "---\nname: Chat\n---\n"),
    ]);
    let warnings = warnings_of(&project);
    let root_links: Vec<&Diagnostic> = warnings
        .iter()
        .filter(|d| d.message.contains("starts with `/`"))
        .collect();
    assert_eq!(root_links.len(), 1, "{}", common::describe(&warnings));
    assert_eq!(
        root_links[0].help.as_deref(),
        Some("write it relative to this page: `../touchpoints/chat.md`")
    );
    let page = std::fs::read_to_string(project.out().join("journeys/a.html")).expect("the page is written");
    assert!(
        page.contains("href=\"../touchpoints/chat.html\""),
        "the link works under a sub-path"
    );
}

#[test]
fn empty_pages_mapless_journeys_and_future_reviews_are_warnings() {
    let project = Project::with_files(&[
        ("content/notes.md", "\n\n"),
        ("content/journeys/a.md", "---\ntitle: A\n---\nNo stages yet.\n"),
        (
            "content/journeys/b.md",
            "---\ntitle: B\nreviewed: 2099-01-01\nstages: [{name: Look}]\n---\n",
        ),
    ]);
    let warnings = warnings_of(&project);
    let text = common::describe(&warnings);
    let at = |file: &str, part: &str| {
        warnings
            .iter()
            .any(|d| position(d).0 == file && d.message.contains(part))
    };
    assert!(at("content/notes.md", "this page is empty"), "{text}");
    assert!(at("content/journeys/a.md", "has no stages"), "{text}");
    assert!(at("content/journeys/b.md", "reviewed in the future"), "{text}");
}

#[test]
fn broken_toml_front_matter_is_named() {
    // TOML front matter is read (tests/compat.rs); a broken one is a TOML error at its line.
    let project = Project::with_files(&[
        ("content/guides/a.md", "+++\ntitle = A\n+++\nBody\n"),
        ("content/index.md", "# Home\n\nSee [A](guides/a.md).\n"),
    ]);
    let errors = errors_of(&project);
    assert_eq!(
        errors.len(),
        1,
        "the link to the page still resolves: {}",
        common::describe(&errors)
    );
    assert!(errors[0].message.contains("TOML"), "{}", errors[0]);
    assert_eq!(position(&errors[0]), ("content/guides/a.md".into(), 2, Some(9)));
}

#[test]
fn a_suggested_id_is_never_one_that_is_taken() {
    let project = Project::with_files(&[
        ("content/personas/Léa.md", "---\nname: Léa from the file\n---\n"),
        ("content/personas/lea.md", "---\nname: Another Léa\n---\n"),
        ("content/personas/lea-2.md", "---\nname: A third\n---\n"),
    ]);
    let errors = errors_of(&project);
    assert_eq!(errors.len(), 1, "{}", common::describe(&errors));
    let help = errors[0].help.as_deref().unwrap_or_default();
    assert!(help.contains("`lea-3.md`") && help.contains("`id: lea-3`"), "{help}");
}
