//! `--message-format json|github` and `--strict`, run through the real binary.

mod common;

use common::{fixture_path, journeybook, snapshot, stderr_of, stdout_of, Project};

#[test]
fn json_prints_one_object_per_diagnostic_per_line() {
    let output = journeybook()
        .args(["check", "--message-format", "json"])
        .arg(fixture_path("broken/multiple-errors"))
        .output()
        .expect("run journeybook");
    assert_eq!(output.status.code(), Some(1), "{}", stderr_of(&output));
    let stdout = stdout_of(&output);
    let records: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect();
    assert_eq!(records.len(), 4, "{stdout}");
    let touchpoint = records
        .iter()
        .find(|r| r["message"] == "unknown touchpoint `live-chta`")
        .expect("the unknown touchpoint");
    assert_eq!(touchpoint["level"], "error");
    assert_eq!(touchpoint["file"], "content/journeys/buying.md");
    assert_eq!(touchpoint["line"], 5);
    assert_eq!(touchpoint["column"], 19);
    // `live-chta` is nine characters: columns 19 to 27.
    assert_eq!(touchpoint["end_column"], 27);
    assert_eq!(touchpoint["help"], "did you mean `live-chat`?");
    assert_eq!(touchpoint["notes"], serde_json::json!([]));
    // Diagnostics leave stderr: only the summary is there.
    assert!(!stderr_of(&output).contains("error:"), "{}", stderr_of(&output));
    assert!(stderr_of(&output).contains("Checked "));
}

#[test]
fn github_prints_workflow_commands() {
    let output = journeybook()
        .args(["build", "--message-format", "github"])
        .arg(fixture_path("broken/unknown-touchpoint"))
        .output()
        .expect("run journeybook");
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout_of(&output).trim_end(),
        "::error file=content/journeys/buying.md,line=5,col=29,endColumn=37,title=journeybook error::unknown touchpoint `live-chta`%0Ahelp: did you mean `live-chat`?"
    );
}

#[test]
fn github_marks_warnings_as_warnings() {
    let project = Project::from_fixture("rich");
    let output = journeybook()
        .args(["check", "--message-format=github"])
        .arg(&project.root)
        .output()
        .expect("run journeybook");
    assert_eq!(output.status.code(), Some(0));
    let stdout = stdout_of(&output);
    assert!(
        stdout.starts_with("::warning file=content/journeys/servicing-stale.md,line=5,col=1,"),
        "{stdout}"
    );
}

#[test]
fn an_unknown_format_is_a_usage_error() {
    let output = journeybook()
        .args(["check", "--message-format", "xml"])
        .arg(fixture_path("rich"))
        .output()
        .expect("run journeybook");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr_of(&output).contains("human, json, github"),
        "{}",
        stderr_of(&output)
    );
}

#[test]
fn strict_turns_warnings_into_a_failed_build_and_keeps_the_previous_site() {
    let project = Project::from_fixture("rich");
    let out = project.build_with_binary();
    let before = snapshot(&out);
    let output = journeybook()
        .args(["build", "--strict"])
        .arg(&project.root)
        .arg("-d")
        .arg(&out)
        .output()
        .expect("run journeybook");
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with("error: journey map `servicing-stale` is stale"),
        "{stderr}"
    );
    assert!(stderr.contains("because the build is strict"), "{stderr}");
    assert!(stderr.contains("Build failed: 1 error"), "{stderr}");
    assert_eq!(snapshot(&out), before, "a failed strict build changed the site");
}

#[test]
fn strict_in_book_toml_fails_check_too() {
    let project = Project::from_fixture("rich");
    let toml = std::fs::read_to_string(project.path("book.toml")).expect("book.toml");
    project.write(
        "book.toml",
        &toml.replace("export-json = true", "export-json = true\nstrict = true"),
    );
    let output = journeybook()
        .args(["check", "--message-format", "json"])
        .arg(&project.root)
        .output()
        .expect("run journeybook");
    assert_eq!(output.status.code(), Some(1), "{}", stderr_of(&output));
    let record: serde_json::Value =
        serde_json::from_str(stdout_of(&output).lines().next().expect("one line")).expect("JSON");
    assert_eq!(record["level"], "error");
    assert_eq!(record["notes"].as_array().map(Vec::len), Some(1));
}
