//! The writer's tools around a build, run through the real binary:
//! `new`, `completions`, `clean`, and what `init` adds for them.

mod common;

use common::{journeybook, snapshot, stderr_of, Project, Site};
use std::fs;

/// A project of the given book.toml and one home page.
fn project(book_toml: &str) -> Project {
    Project::with_files(&[
        ("book.toml", book_toml),
        ("content/index.md", "---\ntitle: Home\n---\nHello.\n"),
    ])
}

#[test]
fn new_journey_has_the_configured_stages_today_and_the_review_interval() {
    let project = project("[journeys]\nstages = [\"Discover\", \"Sign up: online\", \"Use\"]\nreview-every = 30\n");
    let output = journeybook()
        .env("JOURNEYBOOK_TODAY", "2026-01-15")
        .args([
            "new",
            "journey",
            "returns",
            "--title",
            "Returns: \"the\" #1 flow",
            "--dir",
        ])
        .arg(&project.root)
        .output()
        .expect("run journeybook");
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    assert!(stderr_of(&output).contains("created "), "{}", stderr_of(&output));
    let text = fs::read_to_string(project.path("content/journeys/returns.md")).expect("the journey");
    assert!(text.contains("\nreviewed: 2026-01-15\n"), "{text}");
    assert!(text.contains("\nreview_every: 30\n"), "{text}");

    // Built on the day it was written, it has no errors and no warnings.
    let out = project.out();
    let output = journeybook()
        .env("JOURNEYBOOK_TODAY", "2026-01-15")
        .arg("build")
        .arg(&project.root)
        .arg("-d")
        .arg(&out)
        .output()
        .expect("run journeybook");
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    assert!(
        stderr_of(&output).contains(" with 0 warnings "),
        "{}",
        stderr_of(&output)
    );
    let site = Site::load(&out);
    assert_eq!(site.texts("journeys/returns.html", "h1"), ["Returns: \"the\" #1 flow"]);
    let body = site.body_text("journeys/returns.html");
    for stage in ["Discover", "Sign up: online", "Use"] {
        assert!(body.contains(stage), "stage {stage} missing:\n{body}");
    }
}

#[test]
fn new_journey_without_a_configured_interval_is_reviewed_every_90_days() {
    let project = project("");
    journeybook()
        .args(["new", "journey", "onboarding", "--dir"])
        .arg(&project.root)
        .assert()
        .success();
    let text = fs::read_to_string(project.path("content/journeys/onboarding.md")).expect("the journey");
    assert!(text.contains("\ntitle: \"Onboarding\"\n"), "{text}");
    assert!(text.contains(&format!("\nreviewed: {}\n", common::TODAY)), "{text}");
    assert!(text.contains("\nreview_every: 90\n"), "{text}");
    // The default stages, in order.
    let names: Vec<&str> = text.lines().filter_map(|l| l.strip_prefix("  - name: ")).collect();
    assert_eq!(
        names,
        [
            "\"Awareness\"",
            "\"Consideration\"",
            "\"Purchase\"",
            "\"Retention\"",
            "\"Advocacy\""
        ]
    );
}

#[test]
fn every_kind_lands_in_its_folder_and_builds_without_problems() {
    let project = project("[build]\ncontent-dir = \"pages\"\n");
    fs::rename(project.path("content"), project.path("pages")).expect("move content");
    for (kind, name) in [
        ("persona", "alex"),
        ("touchpoint", "live-chat"),
        ("page", "guides/how-we-map"),
        ("journey", "first-purchase"),
    ] {
        journeybook()
            .args(["new", kind, name, "--dir"])
            .arg(&project.root)
            .assert()
            .success();
    }
    for path in [
        "pages/personas/alex.md",
        "pages/touchpoints/live-chat.md",
        "pages/guides/how-we-map.md",
        "pages/journeys/first-purchase.md",
    ] {
        assert!(project.path(path).is_file(), "{path} not written");
    }
    let outcome = common::build(&project.root, Some(&project.out()));
    assert!(
        outcome.diagnostics.is_empty(),
        "new pages have no problems:\n{}",
        common::describe(&outcome.diagnostics)
    );
    let site = Site::load(&project.out());
    assert_eq!(site.texts("touchpoints/live-chat.html", "h1"), ["Live chat"]);
    assert_eq!(site.texts("guides/how-we-map.html", "h1"), ["How we map"]);
}

#[test]
fn new_refuses_to_overwrite() {
    let project = project("");
    project.write("content/touchpoints/live-chat.md", "---\nname: Mine\n---\nMy words.\n");
    let before = snapshot(&project.root);
    let output = journeybook()
        .args(["new", "touchpoint", "live-chat", "--dir"])
        .arg(&project.root)
        .output()
        .expect("run journeybook");
    assert_eq!(output.status.code(), Some(1));
    let stderr = stderr_of(&output);
    assert!(stderr.starts_with("error: refusing to overwrite "), "{stderr}");
    assert!(stderr.contains("live-chat.md"), "{stderr}");
    assert_eq!(snapshot(&project.root), before, "nothing changed");
}

#[test]
fn new_refuses_a_name_that_is_not_an_id() {
    let project = project("");
    let before = snapshot(&project.root);
    let output = journeybook()
        .args(["new", "persona", "Alex Rivera", "--dir"])
        .arg(&project.root)
        .output()
        .expect("run journeybook");
    assert_eq!(output.status.code(), Some(2));
    let stderr = stderr_of(&output);
    assert!(stderr.contains("name it `alex-rivera`"), "{stderr}");
    assert_eq!(snapshot(&project.root), before, "nothing written");
}

#[test]
fn new_reports_a_broken_book_toml() {
    let project = project("[build]\ncontent-dri = \"x\"\n");
    let output = journeybook()
        .args(["new", "page", "about", "--dir"])
        .arg(&project.root)
        .output()
        .expect("run journeybook");
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr_of(&output).contains("book.toml:2:"), "{}", stderr_of(&output));
    assert!(!project.path("content/about.md").exists());
}

#[test]
fn clean_removes_the_site_of_book_toml_and_nothing_else() {
    let project = project("[build]\noutput-dir = \"public\"\n");
    journeybook().arg("build").arg(&project.root).assert().success();
    assert!(project.path("public/index.html").is_file());
    let output = journeybook()
        .arg("clean")
        .arg(&project.root)
        .output()
        .expect("run journeybook");
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    assert!(stderr_of(&output).starts_with("Removed "), "{}", stderr_of(&output));
    assert!(!project.path("public").exists());
    assert_eq!(common::entries(&project.root), ["book.toml", "content"]);
    assert!(project.path("content/index.md").is_file());

    // Again: nothing there, which is no error.
    let output = journeybook()
        .arg("clean")
        .arg(&project.root)
        .output()
        .expect("run journeybook");
    assert_eq!(output.status.code(), Some(0));
    assert!(
        stderr_of(&output).starts_with("Nothing to clean"),
        "{}",
        stderr_of(&output)
    );
}

#[test]
fn clean_takes_the_dest_dir_as_build_does() {
    let project = project("");
    let out = project.build_with_binary();
    journeybook()
        .arg("clean")
        .arg(&project.root)
        .arg("-d")
        .arg(&out)
        .assert()
        .success();
    assert!(!out.exists());
    assert!(project.path("content/index.md").is_file());
}

#[test]
fn clean_refuses_a_folder_journeybook_did_not_build() {
    let project = project("");
    project.write("site/notes.txt", "mine");
    let before = snapshot(&project.root);
    let output = journeybook()
        .arg("clean")
        .arg(&project.root)
        .output()
        .expect("run journeybook");
    assert_eq!(output.status.code(), Some(1));
    let stderr = stderr_of(&output);
    assert!(stderr.contains("journeybook did not build it"), "{stderr}");
    assert_eq!(snapshot(&project.root), before, "nothing removed");
}

#[test]
fn clean_refuses_the_project_and_its_content_even_when_marked() {
    let project = project("");
    // A marker where no build would write one must not make a folder removable.
    project.write(".journeybook-site", "");
    project.write("content/.journeybook-site", "");
    let before = snapshot(&project.root);
    for (dest, why) in [
        (project.root.clone(), "the project folder"),
        (project.path("content"), "the content folder"),
        (project.tmp.path().to_path_buf(), "a folder that contains the project"),
    ] {
        let output = journeybook()
            .arg("clean")
            .arg(&project.root)
            .arg("-d")
            .arg(&dest)
            .output()
            .expect("run journeybook");
        assert_eq!(output.status.code(), Some(1), "{}", dest.display());
        let stderr = stderr_of(&output);
        assert!(stderr.starts_with("error: refusing to clean "), "{stderr}");
        assert!(stderr.contains(why), "{stderr}");
    }
    assert_eq!(snapshot(&project.root), before, "nothing removed");
}

#[cfg(unix)]
#[test]
fn clean_never_follows_a_link_to_a_site() {
    let project = project("");
    let out = project.build_with_binary();
    std::os::unix::fs::symlink(&out, project.path("site")).expect("link");
    let output = journeybook()
        .arg("clean")
        .arg(&project.root)
        .output()
        .expect("run journeybook");
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr_of(&output).contains("it is a link"), "{}", stderr_of(&output));
    assert!(out.join("index.html").is_file(), "the linked site is still there");
}

#[test]
fn completions_are_printed_for_every_shell() {
    for (shell, sign) in [
        ("bash", "complete -F _journeybook"),
        ("zsh", "#compdef journeybook"),
        ("fish", "complete -c journeybook"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let output = journeybook()
            .args(["completions", shell])
            .output()
            .expect("run journeybook");
        assert_eq!(output.status.code(), Some(0), "{shell}");
        let script = common::stdout_of(&output);
        assert!(script.contains(sign), "{shell}:\n{script}");
        for command in ["build", "clean", "new", "completions", "message-format"] {
            assert!(script.contains(command), "{shell} lacks {command}");
        }
    }
    let output = journeybook()
        .args(["completions", "tcsh"])
        .output()
        .expect("run journeybook");
    assert_eq!(output.status.code(), Some(2));
}

#[cfg(unix)]
#[test]
fn the_bash_completion_script_is_valid_bash() {
    let output = journeybook()
        .args(["completions", "bash"])
        .output()
        .expect("run journeybook");
    let tmp = tempfile::tempdir().expect("temporary folder");
    let script = tmp.path().join("journeybook.bash");
    fs::write(&script, &output.stdout).expect("write the script");
    let Ok(status) = std::process::Command::new("bash").arg("-n").arg(&script).status() else {
        return; // no bash here: the other test still checks the script is there
    };
    assert!(status.success(), "bash -n rejects the completion script");
}

#[test]
fn init_ignores_its_output_folder_in_git_and_points_to_serve() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let dir = tmp.path().join("playbook");
    let output = journeybook().arg("init").arg(&dir).output().expect("run journeybook");
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let stderr = stderr_of(&output);
    assert!(stderr.contains("  created "), "{stderr}");
    let last = stderr.lines().last().unwrap_or_default();
    assert!(last.contains("journeybook serve --open "), "{stderr}");

    let book = fs::read_to_string(dir.join("book.toml")).expect("book.toml");
    let config = journeybook::config::Config::parse(&book).expect("init's book.toml reads");
    let ignore = fs::read_to_string(dir.join(".gitignore")).expect(".gitignore");
    let line = format!("/{}/", config.build.output_dir.display());
    assert!(ignore.lines().any(|l| l == line), "{ignore}");
}

#[test]
fn init_adds_to_an_existing_gitignore_once() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    fs::write(tmp.path().join(".gitignore"), "target/").expect("a gitignore");
    let output = journeybook()
        .arg("init")
        .arg(tmp.path())
        .output()
        .expect("run journeybook");
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    assert!(stderr_of(&output).contains("  updated "), "{}", stderr_of(&output));
    let ignore = fs::read_to_string(tmp.path().join(".gitignore")).expect(".gitignore");
    assert!(ignore.starts_with("target/\n"), "{ignore}");
    assert_eq!(ignore.lines().filter(|l| *l == "/site/").count(), 1, "{ignore}");

    // A folder that already ignores the site keeps its file as it is.
    let other = tmp.path().join("other");
    fs::create_dir(&other).expect("folder");
    fs::write(other.join(".gitignore"), "site\n").expect("a gitignore");
    journeybook().arg("init").arg(&other).assert().success();
    assert_eq!(fs::read_to_string(other.join(".gitignore")).expect("read"), "site\n");
}
