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
