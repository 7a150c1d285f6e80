//! `journeybook watch`: a safe rebuild of the output folder after each change,
//! the previous site kept when a change breaks the build, and a clean stop on
//! Ctrl-C.

mod common;

use common::Project;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

/// Waits for a line of the watcher's output that starts with `prefix`.
fn wait_for(lines: &Receiver<String>, prefix: &str) -> String {
    let mut seen = Vec::new();
    loop {
        match lines.recv_timeout(Duration::from_secs(20)) {
            Ok(line) if line.starts_with(prefix) => return line,
            Ok(line) => seen.push(line),
            Err(e) => panic!(
                "no line starting with `{prefix}` ({e}); output so far:\n{}",
                seen.join("\n")
            ),
        }
    }
}

/// Stops the watcher if the test fails before it does.
struct Running(std::process::Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `journeybook watch` on `project` into `out`; its output comes line by line.
fn start_watch(project: &Project, out: &std::path::Path) -> (Running, Receiver<String>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_journeybook"))
        .arg("watch")
        .arg(&project.root)
        .arg("--dest-dir")
        .arg(out)
        .env("JOURNEYBOOK_TODAY", common::TODAY)
        .env("NO_COLOR", "1")
        .stderr(Stdio::piped())
        .spawn()
        .expect("start journeybook watch");
    let stderr = child.stderr.take().expect("stderr");
    let (tx, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    (Running(child), lines)
}

#[test]
fn rebuilds_after_changes_and_stops_cleanly() {
    let project = Project::from_fixture("rich");
    let out = project.out();
    let (mut child, lines) = start_watch(&project, &out);
    wait_for(&lines, "Built ");
    let page = out.join("guides/glossary.html");
    assert!(std::fs::read_to_string(&page).expect("built").contains("Words we use"));

    let source = project.path("content/guides/glossary.md");
    let text = std::fs::read_to_string(&source).expect("read");
    std::fs::write(&source, text.replace("Words we use", "Words we watch")).expect("edit");
    wait_for(&lines, "Built ");
    assert!(std::fs::read_to_string(&page)
        .expect("rebuilt")
        .contains("Words we watch"));

    let before = common::snapshot(&out);
    std::fs::write(&source, text.replace("[Buy](", "[Buy](missing.md) [Old](")).expect("break");
    wait_for(&lines, "Build failed");
    assert_eq!(
        common::snapshot(&out),
        before,
        "a failed build leaves the site as it was"
    );

    let status = Command::new("kill")
        .args(["-INT", &child.0.id().to_string()])
        .status()
        .expect("send Ctrl-C");
    assert!(status.success());
    let exit = child.0.wait().expect("the watcher stops");
    assert!(exit.success(), "Ctrl-C ends watch cleanly: {exit}");
    wait_for(&lines, "Stopped.");
    let leftovers: Vec<String> = std::fs::read_dir(project.tmp.path())
        .expect("list")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|name| name.contains("journeybook-staging") || name.contains("journeybook-old"))
        .collect();
    assert!(leftovers.is_empty(), "nothing left beside the output: {leftovers:?}");
}

#[test]
fn content_deleted_and_made_anew_is_watched_again() {
    let project = Project::from_fixture("rich");
    let out = project.out();
    let (_child, lines) = start_watch(&project, &out);
    wait_for(&lines, "Built ");
    let content = project.path("content");
    std::fs::remove_dir_all(&content).expect("delete content/");
    wait_for(&lines, "Build failed");
    common::copy_dir(&common::fixture_path("rich/content"), &content);
    wait_for(&lines, "Built ");
    // An edit inside the new folder is seen as one in the old folder was.
    project.write("content/fresh.md", "---\ntitle: Fresh\n---\nSeen anew.\n");
    let page = out.join("fresh.html");
    loop {
        wait_for(&lines, "Built ");
        if std::fs::read_to_string(&page).is_ok_and(|t| t.contains("Seen anew.")) {
            break;
        }
    }
}
