//! One small project per kind of mistake (tests/fixtures/broken/<case>):
//! the build fails, writes nothing, and the one error names the file, the
//! line and column, what is wrong and how to fix it.

mod common;

use common::{position, Project};
use journeybook::diagnostics::Diagnostic;

/// Builds `broken/<case>` through the library and returns its only error.
fn only_error_of(case: &str) -> Diagnostic {
    let project = Project::from_fixture(&format!("broken/{case}"));
    let outcome = project.build();
    assert!(outcome.has_errors(), "{case} must fail");
    assert_eq!(outcome.output_dir, None);
    assert!(!project.out().exists(), "{case}: a failed build writes nothing");
    common::only_error(&outcome).clone()
}

fn assert_at(d: &Diagnostic, file: &str, line: usize, column: usize) {
    assert_eq!(
        position(d),
        (file.to_owned(), line, Some(column)),
        "wrong place for:\n{d}"
    );
}

fn assert_message(d: &Diagnostic, parts: &[&str]) {
    for part in parts {
        assert!(d.message.contains(part), "message lacks `{part}`:\n{d}");
    }
}

fn assert_help(d: &Diagnostic, expected: &str) {
    let help = d.help.as_deref().unwrap_or_default();
    assert!(help.contains(expected), "help lacks `{expected}`:\n{d}");
}

#[test]
fn yaml_syntax_error() {
    let d = only_error_of("yaml-syntax");
    assert_at(&d, "content/journeys/buying.md", 2, 14);
    assert_message(&d, &["not valid YAML", "a `: ` inside a value"]);
    assert_help(&d, "put the text in quotes: `title: \"Buying: the sequel\"`");
}

#[test]
fn unknown_key_in_a_stage_suggests_the_right_one() {
    let d = only_error_of("unknown-key");
    assert_at(&d, "content/journeys/buying.md", 6, 5);
    assert_message(&d, &["unknown key `pain_point`", "stages[0]"]);
    assert_eq!(d.help.as_deref(), Some("did you mean `pain_points`?"));
}

#[test]
fn wrong_type_names_the_key_and_the_value() {
    let d = only_error_of("wrong-type");
    assert_at(&d, "content/journeys/buying.md", 4, 15);
    assert_message(&d, &["\"quarterly\"", "review_every"]);
    assert_help(&d, "number");
}

#[test]
fn impossible_date() {
    let d = only_error_of("invalid-date");
    assert_at(&d, "content/journeys/buying.md", 4, 11);
    assert_message(&d, &["invalid date `2026-02-30`"]);
    let advice = format!("{} {}", d.message, d.help.as_deref().unwrap_or_default());
    assert!(advice.contains("YYYY-MM-DD"), "says what a date looks like:\n{d}");
}

#[test]
fn emotion_outside_the_scale() {
    let d = only_error_of("emotion-out-of-scale");
    assert_at(&d, "content/journeys/buying.md", 8, 14);
    assert_message(&d, &["emotion 5", "-2 to 2"]);
    assert_help(&d, "emotion_scale");
}

#[test]
fn invalid_id_suggests_a_valid_one() {
    let d = only_error_of("invalid-id");
    assert_at(&d, "content/touchpoints/live-chat.md", 3, 5);
    assert_message(&d, &["invalid touchpoint id `Live_Chat`"]);
    assert_help(&d, "`id: live-chat`");
}

#[test]
fn duplicate_id_names_both_files() {
    let d = only_error_of("duplicate-id");
    assert_at(&d, "content/touchpoints/web-chat.md", 3, 5);
    assert_message(&d, &["duplicate touchpoint id `live-chat`"]);
    let note = d.note.as_deref().unwrap_or_default();
    assert!(note.contains("content/touchpoints/live-chat.md"), "{d}");
    assert_help(&d, "unique");
}

#[test]
fn unclosed_front_matter() {
    let d = only_error_of("unclosed-front-matter");
    assert_at(&d, "content/guides/setup.md", 1, 1);
    assert_message(&d, &["unclosed front matter"]);
    assert_help(&d, "`---`");
}

#[test]
fn file_that_is_not_utf8() {
    let d = only_error_of("non-utf8");
    // `title: Caf` is 10 characters; the Latin-1 `é` byte is the 11th.
    assert_at(&d, "content/guides/notes.md", 2, 11);
    assert_message(&d, &["not valid UTF-8"]);
    assert_help(&d, "UTF-8");
}

#[test]
fn unknown_kind_suggests_the_right_one() {
    let d = only_error_of("unknown-kind");
    assert_at(&d, "content/maps/buying.md", 2, 7);
    assert_message(&d, &["unknown kind `jorney`"]);
    assert_eq!(d.help.as_deref(), Some("did you mean `journey`?"));
}

#[test]
fn unknown_persona() {
    let d = only_error_of("unknown-persona");
    assert_at(&d, "content/journeys/buying.md", 3, 12);
    assert_message(&d, &["unknown persona `alx`"]);
    assert_eq!(d.help.as_deref(), Some("did you mean `alex`?"));
}

#[test]
fn unknown_touchpoint_in_a_stage() {
    let d = only_error_of("unknown-touchpoint");
    assert_at(&d, "content/journeys/buying.md", 5, 29);
    assert_message(&d, &["unknown touchpoint `live-chta`"]);
    assert_eq!(d.help.as_deref(), Some("did you mean `live-chat`?"));
}

#[test]
fn unknown_channel_of_a_persona() {
    let d = only_error_of("unknown-channel");
    assert_at(&d, "content/personas/alex.md", 3, 23);
    assert_message(&d, &["unknown touchpoint `web-shopp`"]);
    assert_eq!(d.help.as_deref(), Some("did you mean `web-shop`?"));
}

#[test]
fn unknown_compare_journey() {
    let d = only_error_of("unknown-compare");
    assert_at(&d, "content/journeys/buying-current.md", 4, 10);
    assert_message(&d, &["unknown journey `buying-futur`"]);
    assert_eq!(d.help.as_deref(), Some("did you mean `buying-future`?"));
}

#[test]
fn unknown_detail_journey() {
    let d = only_error_of("unknown-detail");
    assert_at(&d, "content/journeys/buying.md", 6, 13);
    assert_message(&d, &["unknown journey `checkout-deep-dvie`"]);
    assert_eq!(d.help.as_deref(), Some("did you mean `checkout-deep-dive`?"));
}

#[test]
fn broken_markdown_link() {
    let d = only_error_of("broken-md-link");
    assert_at(&d, "content/guides/support.md", 4, 28);
    assert_message(&d, &["broken link", "../touchpoints/live-caht.md"]);
    assert_help(&d, "live-chat.md");
}

#[test]
fn broken_anchor() {
    let d = only_error_of("broken-anchor");
    assert_at(&d, "content/guides/support.md", 6, 61);
    assert_message(&d, &["broken link", "#hour"]);
    assert_eq!(d.help.as_deref(), Some("did you mean `hours`?"));
}

#[test]
fn unknown_book_toml_key() {
    let d = only_error_of("unknown-config-key");
    assert_at(&d, "book.toml", 2, 1);
    assert_message(&d, &["book.toml", "`output-dri`"]);
    assert_eq!(d.help.as_deref(), Some("did you mean `output-dir`?"));
}

#[test]
fn every_error_is_reported_not_only_the_first() {
    let project = Project::from_fixture("broken/multiple-errors");
    let outcome = project.build();
    let errors: Vec<(String, usize, Option<usize>, String)> = outcome
        .errors()
        .map(|d| {
            let (file, line, column) = position(d);
            (file, line, column, d.message.clone())
        })
        .collect();
    let expected = [
        ("content/guides/help.md", 4, 48, "#opening-hours"),
        ("content/journeys/buying.md", 5, 19, "unknown touchpoint `live-chta`"),
        ("content/maps/other.md", 2, 7, "unknown kind `persnoa`"),
        ("content/personas/alex.md", 3, 1, "unknown key `rol`"),
    ];
    assert_eq!(
        errors.len(),
        expected.len(),
        "{}",
        common::describe(&outcome.diagnostics)
    );
    for ((file, line, column, message), (want_file, want_line, want_column, want_message)) in
        errors.iter().zip(expected)
    {
        assert_eq!(
            (file.as_str(), *line, *column),
            (want_file, want_line, Some(want_column))
        );
        assert!(message.contains(want_message), "{message}");
    }
    assert!(!project.out().exists());
}

#[test]
fn check_reports_what_build_reports() {
    let broken = common::fixture_path("broken");
    for case in common::entries(&broken) {
        let root = broken.join(&case);
        let options = common::options(None, false);
        let checked = journeybook::check(&root, &options);
        let errors: Vec<String> = checked.errors().map(ToString::to_string).collect();
        assert!(!errors.is_empty(), "check passes {case}");
        let project = Project::from_fixture(&format!("broken/{case}"));
        let built: Vec<String> = project.build().errors().map(ToString::to_string).collect();
        assert_eq!(errors, built, "{case}");
    }
}

/// The lines of the CLI's report of a failed build of `broken/<case>`.
fn cli_errors(case: &str) -> String {
    let project = Project::from_fixture(&format!("broken/{case}"));
    let output = common::journeybook()
        .arg("build")
        .arg(&project.root)
        .arg("--dest-dir")
        .arg(project.out())
        .output()
        .expect("run journeybook");
    assert_eq!(output.status.code(), Some(1), "{}", common::stderr_of(&output));
    assert!(!project.out().exists(), "nothing written");
    let stderr = common::stderr_of(&output);
    assert!(stderr.contains("Build failed: 1 error"), "{stderr}");
    stderr
}

/// The carets under the source line underline `word`, found where it
/// appears inside `context`.
fn assert_caret_under(stderr: &str, context: &str, word: &str) {
    let lines: Vec<&str> = stderr.lines().collect();
    let source = lines
        .iter()
        .position(|l| l.contains(" | ") && l.contains(context))
        .unwrap_or_else(|| panic!("no source line with `{context}`:\n{stderr}"));
    let caret = lines[source + 1];
    let start = caret.find('^').expect("a caret line follows the source line");
    let at = lines[source].find(context).and_then(|c| Some(c + context.find(word)?));
    assert_eq!(Some(start), at, "caret misplaced:\n{stderr}");
    assert_eq!(caret.matches('^').count(), word.chars().count(), "{stderr}");
}

#[test]
fn cli_shows_an_unknown_touchpoint_in_rustc_style() {
    let stderr = cli_errors("unknown-touchpoint");
    assert!(
        stderr.starts_with("error: unknown touchpoint `live-chta`\n --> content/journeys/buying.md:5:29\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("5 |     touchpoints: [web-shop, live-chta]\n"),
        "{stderr}"
    );
    assert_caret_under(&stderr, "live-chta", "live-chta");
    assert!(stderr.contains("= help: did you mean `live-chat`?\n"), "{stderr}");
}

#[test]
fn cli_shows_a_book_toml_error() {
    let stderr = cli_errors("unknown-config-key");
    assert!(
        stderr.starts_with("error: in book.toml: unknown key `output-dri`"),
        "{stderr}"
    );
    assert!(stderr.contains(" --> book.toml:2:1\n"), "{stderr}");
    assert_caret_under(&stderr, "output-dri", "output-dri");
    assert!(stderr.contains("= help: did you mean `output-dir`?\n"), "{stderr}");
}

#[test]
fn cli_shows_a_broken_anchor() {
    let stderr = cli_errors("broken-anchor");
    assert!(stderr.starts_with("error: broken link: "), "{stderr}");
    assert!(stderr.contains(" --> content/guides/support.md:6:61\n"), "{stderr}");
    assert_caret_under(&stderr, "#hour)", "hour");
    assert!(stderr.contains("= help: did you mean `hours`?\n"), "{stderr}");
}

#[test]
fn cli_shows_a_non_utf8_file_without_garbling_it() {
    let stderr = cli_errors("non-utf8");
    assert!(
        stderr.starts_with("error: file is not valid UTF-8\n --> content/guides/notes.md:2:11\n"),
        "{stderr}"
    );
    assert!(stderr.contains("= help: "), "{stderr}");
}

#[test]
fn unclosed_flow_list_points_at_its_opening_bracket() {
    // Line 5 opens `[live-chat, web-shop` and never closes it. The YAML parser
    // reports "did not find expected ',' or ']' at line 5 column 9, while
    // parsing a flow sequence at line 4 column 18" (front-matter lines); the
    // engine keeps only the first half and points at line 6 (`- name: Purchase`).
    let d = only_error_of("yaml-unclosed-flow");
    let (file, line, _) = position(&d);
    assert_eq!(file, "content/journeys/buying.md");
    let shown = d.to_string();
    assert!(
        line == 5 || shown.contains("line 5"),
        "the error should lead to line 5, where the list opens:\n{shown}"
    );
}

#[test]
fn broken_link_suggestion_is_relative_to_the_page() {
    // content/guides/support.md links to `../touchpoints/live-caht.md`. The help
    // reads "did you mean one of `touchpoints/live-chat.md`, … (paths are
    // relative to this page's folder)", but from guides/ that path would be
    // guides/touchpoints/live-chat.md. The link to write is `../touchpoints/live-chat.md`.
    let d = only_error_of("broken-md-link");
    assert_help(&d, "`../touchpoints/live-chat.md`");
}

#[test]
fn script_link_is_refused_however_it_is_spelt() {
    // `&#x4A;ava&#x09;Script:` is `javascript:` once entities are decoded and the tab dropped.
    let d = only_error_of("script-link");
    assert_at(&d, "content/guides/support.md", 6, 17);
    assert_message(&d, &["`javascript:` link refused"]);
    assert_help(&d, "https:");
}

#[test]
fn avatar_that_climbs_out_of_the_content_folder() {
    let d = only_error_of("avatar-outside");
    assert_at(&d, "content/personas/alex.md", 3, 9);
    assert_message(&d, &["avatar `../../photos/alex.png`", "outside the content folder"]);
    assert_help(&d, "inside the content folder");
}
