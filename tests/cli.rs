//! The journeybook command line: subcommands, exit codes and what they print.

mod common;

use common::{journeybook, snapshot, stderr_of, stdout_of, Project, Site};
use std::fs;

/// The last line of stderr that starts with `prefix`.
fn line_starting<'a>(stderr: &'a str, prefix: &str) -> &'a str {
    stderr
        .lines()
        .rev()
        .find(|l| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("no line starting with `{prefix}`:\n{stderr}"))
}

#[test]
fn build_prints_the_one_line_summary() {
    let project = Project::from_fixture("rich");
    let out = project.out();
    let output = journeybook()
        .arg("build")
        .arg(&project.root)
        .arg("-d")
        .arg(&out)
        .output()
        .expect("run journeybook");
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let pages = Site::load(&out).pages.len();
    let out = out.canonicalize().expect("built");
    let summary = line_starting(&stderr, "Built ");
    let expected = format!("Built {pages} pages into {} with 1 warning in ", out.display());
    assert!(summary.starts_with(&expected), "{summary}\nexpected: {expected}");
    let seconds = summary[expected.len()..]
        .strip_suffix(" s")
        .expect("ends with the time in seconds");
    assert!(seconds.parse::<f64>().is_ok(), "{summary}");
    assert!(
        stderr.starts_with("warning: journey map `servicing-stale` is stale"),
        "{stderr}"
    );
    assert!(stdout_of(&output).is_empty(), "diagnostics go to stderr");
}

#[test]
fn build_defaults_to_the_current_folder_and_book_toml_output() {
    let project = Project::from_fixture("rich");
    journeybook().arg("build").current_dir(&project.root).assert().success();
    assert!(project.path("public/journeys/buying-a-bike-current.html").is_file());
}

#[test]
fn build_with_drafts_includes_them() {
    let project = Project::from_fixture("rich");
    journeybook()
        .args(["build", "--drafts", "-d"])
        .arg(project.out())
        .arg(&project.root)
        .assert()
        .success();
    assert!(project.out().join("guides/roadmap.html").is_file());
}

#[test]
fn check_writes_nothing() {
    let project = Project::from_fixture("rich");
    let before = snapshot(project.tmp.path());
    let output = journeybook()
        .arg("check")
        .arg(&project.root)
        .output()
        .expect("run journeybook");
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let summary = line_starting(&stderr, "Checked ");
    assert!(summary.contains(": 0 errors, 1 warning in "), "{summary}");
    assert_eq!(snapshot(project.tmp.path()), before, "check wrote something");
    assert!(!project.path("public").exists());
}

#[test]
fn check_through_the_library_writes_nothing() {
    let project = Project::from_fixture("rich");
    let before = snapshot(project.tmp.path());
    let outcome = journeybook::check(&project.root, &common::options(Some(&project.out()), false));
    common::assert_no_errors(&outcome);
    assert_eq!(outcome.output_dir, None);
    assert!(outcome.pages > 20, "check renders every page: {}", outcome.pages);
    assert_eq!(snapshot(project.tmp.path()), before);
}

#[test]
fn check_fails_on_content_errors() {
    let project = Project::from_fixture("broken/unknown-persona");
    let output = journeybook()
        .arg("check")
        .arg(&project.root)
        .output()
        .expect("run journeybook");
    assert_eq!(output.status.code(), Some(1));
    let stderr = stderr_of(&output);
    assert!(stderr.starts_with("error: unknown persona `alx`"), "{stderr}");
    assert!(line_starting(&stderr, "Checked ").contains("1 error"), "{stderr}");
}

#[test]
fn init_creates_a_project_that_builds_without_warnings() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let dir = tmp.path().join("new-playbook");
    let output = journeybook().arg("init").arg(&dir).output().expect("run");
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    assert!(dir.join("book.toml").is_file());
    assert!(dir.join("content").is_dir());

    let out = tmp.path().join("out");
    let outcome = common::build(&dir, Some(&out));
    assert!(
        outcome.diagnostics.is_empty(),
        "a new project has no errors or warnings:\n{}",
        common::describe(&outcome.diagnostics)
    );
    common::assert_links_resolve(&out);
    let site = Site::load(&out);
    assert!(!site.select("journeys/index.html", "main a[href]").is_empty());

    let output = journeybook()
        .arg("build")
        .arg(&dir)
        .arg("-d")
        .arg(tmp.path().join("out2"))
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(0));
    assert!(line_starting(&stderr_of(&output), "Built ").contains(" with 0 warnings in "));
}

#[test]
fn init_refuses_to_overwrite_a_project() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let dir = tmp.path().join("playbook");
    journeybook().arg("init").arg(&dir).assert().success();
    let book = dir.join("book.toml");
    let edited = fs::read_to_string(&book).expect("book.toml") + "# my edits\n";
    fs::write(&book, &edited).expect("edit");
    let before = snapshot(&dir);

    let output = journeybook().arg("init").arg(&dir).output().expect("run");
    assert_eq!(output.status.code(), Some(1));
    let stderr = stderr_of(&output);
    assert!(stderr.starts_with("error: refusing to overwrite"), "{stderr}");
    assert!(stderr.contains("book.toml"), "names the files: {stderr}");
    assert_eq!(snapshot(&dir), before, "files unchanged");
}

#[test]
fn init_writes_nothing_when_any_of_its_files_exists() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    fs::write(tmp.path().join("book.toml"), "[book]\ntitle = \"Mine\"\n").expect("write");
    let output = journeybook().arg("init").arg(tmp.path()).output().expect("run");
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(common::entries(tmp.path()), ["book.toml"], "no content/ created");
    assert_eq!(
        fs::read_to_string(tmp.path().join("book.toml")).expect("read"),
        "[book]\ntitle = \"Mine\"\n"
    );
}

#[test]
fn help_lists_the_subcommands() {
    let output = journeybook().arg("--help").output().expect("run");
    assert_eq!(output.status.code(), Some(0));
    let help = stdout_of(&output);
    for word in ["build", "check", "init"] {
        assert!(help.contains(word), "{help}");
    }
}

#[test]
fn each_subcommand_has_help() {
    for (command, options) in [
        ("build", vec!["[DIR]", "--dest-dir", "-d", "--drafts"]),
        ("check", vec!["[DIR]", "--drafts"]),
        ("init", vec!["[DIR]"]),
    ] {
        let output = journeybook().args([command, "--help"]).output().expect("run");
        assert_eq!(output.status.code(), Some(0), "{command} --help");
        let help = stdout_of(&output);
        assert!(help.contains(&format!("Usage: journeybook {command}")), "{help}");
        for option in options {
            assert!(help.contains(option), "`{command} --help` lacks {option}:\n{help}");
        }
    }
}

#[test]
fn usage_errors_exit_with_2() {
    for args in [
        vec!["build", "--bogus"],
        vec!["check", "--dest-dir", "x"],
        vec!["publish"],
        vec![],
    ] {
        let output = journeybook().args(&args).output().expect("run");
        assert_eq!(output.status.code(), Some(2), "journeybook {args:?}");
        assert!(stderr_of(&output).contains("Usage:"), "journeybook {args:?}");
    }
}

#[test]
fn unknown_flag_is_named() {
    let output = journeybook().args(["build", "--bogus"]).output().expect("run");
    assert!(stderr_of(&output).contains("'--bogus'"));
}

#[test]
fn journeybook_today_decides_what_is_stale() {
    let project = Project::from_fixture("rich");
    let output = journeybook()
        .arg("check")
        .arg(&project.root)
        .env("JOURNEYBOOK_TODAY", "2025-03-01")
        .output()
        .expect("run journeybook");
    assert_eq!(output.status.code(), Some(0));
    let stderr = stderr_of(&output);
    assert!(!stderr.contains("stale"), "{stderr}");
    assert!(line_starting(&stderr, "Checked ").contains("0 errors"), "{stderr}");
    // Before the maps' review dates, each `reviewed:` is a date to come.
    let warnings: Vec<&str> = stderr.lines().filter(|l| l.starts_with("warning:")).collect();
    assert!(!warnings.is_empty(), "{stderr}");
    assert!(
        warnings.iter().all(|w| w.contains("was reviewed in the future")),
        "{stderr}"
    );
}

#[test]
fn a_missing_project_folder_is_a_usage_error() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let missing = tmp.path().join("no-such-playbook");
    for command in ["build", "check"] {
        let output = journeybook().arg(command).arg(&missing).output().expect("run");
        assert_eq!(output.status.code(), Some(2), "{command}");
        let stderr = stderr_of(&output);
        assert!(stderr.starts_with("error: no project folder"), "{stderr}");
        assert!(stderr.contains("journeybook init"), "{stderr}");
    }
    assert!(!missing.exists(), "nothing is created");
}

#[test]
fn an_invalid_journeybook_today_is_a_usage_error() {
    let project = Project::from_fixture("rich");
    let output = journeybook()
        .arg("check")
        .arg(&project.root)
        .env("JOURNEYBOOK_TODAY", "31/03/2026")
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    let stderr = stderr_of(&output);
    assert!(stderr.contains("JOURNEYBOOK_TODAY is `31/03/2026`"), "{stderr}");
    assert!(stderr.contains("YYYY-MM-DD"), "{stderr}");
}
