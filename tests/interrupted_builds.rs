//! Builds that are stopped or killed lose nothing and leave nothing: Ctrl-C
//! and SIGTERM remove the build's own staging folder, and the next build
//! removes what killed builds left, puts back a previous site a build died
//! swapping out, and leaves a running build's folders alone.
#![cfg(unix)]

mod common;

use common::{snapshot, Project};
use rustix::process::{kill_process, Pid, Signal};
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// A journeybook process held once its staging folder exists
/// (`JOURNEYBOOK_TEST_HOLD_STAGING`), until it is signalled.
struct Held {
    child: Child,
}

impl Held {
    fn start(args: &[&std::ffi::OsStr]) -> Held {
        let child = Command::new(env!("CARGO_BIN_EXE_journeybook"))
            .args(args)
            .env("JOURNEYBOOK_TODAY", common::TODAY)
            .env("NO_COLOR", "1")
            .env("JOURNEYBOOK_TEST_HOLD_STAGING", "1")
            .stdin(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start journeybook");
        // Dropped, `Held` ends the process whatever happens.
        let mut held = Held { child };
        let mut lines = BufReader::new(held.child.stderr.take().expect("stderr")).lines();
        let mut seen = Vec::new();
        for line in lines.by_ref().map_while(Result::ok) {
            if line == "journeybook: staging folder created" {
                // Keep reading, so what the process says as it stops has somewhere to go.
                std::thread::spawn(move || lines.for_each(drop));
                return held;
            }
            seen.push(line);
        }
        panic!("the build never created its staging folder:\n{}", seen.join("\n"));
    }

    fn signal(mut self, signal: Signal) -> std::process::ExitStatus {
        let pid = Pid::from_raw(self.child.id() as i32).expect("a process id");
        kill_process(pid, signal).expect("send the signal");
        self.child.wait().expect("the process ends")
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn build_args<'a>(project: &'a Project, out: &'a Path) -> Vec<&'a std::ffi::OsStr> {
    vec![
        "build".as_ref(),
        project.root.as_os_str(),
        "-d".as_ref(),
        out.as_os_str(),
    ]
}

/// The id of a process that has ended.
fn dead_pid() -> u32 {
    let mut child = Command::new("true").spawn().expect("run `true`");
    let pid = child.id();
    child.wait().expect("wait for `true`");
    pid
}

fn write(dir: &Path, name: &str, text: &str) {
    fs::create_dir_all(dir).expect("create folder");
    fs::write(dir.join(name), text).expect("write");
}

#[test]
fn ctrl_c_on_build_removes_its_staging_folder() {
    let project = Project::from_fixture("rich");
    project.build_ok();
    let before = snapshot(&project.out());
    let out = project.out();

    let held = Held::start(&build_args(&project, &out));
    assert_eq!(
        common::entries(project.tmp.path()).len(),
        3,
        "out, project and the staging folder"
    );
    let status = held.signal(Signal::INT);

    assert_eq!(status.code(), Some(130), "{status}");
    assert_eq!(common::entries(project.tmp.path()), ["out", "project"]);
    assert_eq!(snapshot(&out), before, "the previous site is unchanged");
}

#[test]
fn sigterm_on_watch_removes_its_staging_folder() {
    let project = Project::from_fixture("rich");
    let out = project.out();
    let held = Held::start(&[
        "watch".as_ref(),
        project.root.as_os_str(),
        "-d".as_ref(),
        out.as_os_str(),
    ]);
    let status = held.signal(Signal::TERM);
    assert!(status.success(), "{status}");
    assert_eq!(common::entries(project.tmp.path()), ["project"]);
}

#[test]
fn the_next_build_removes_what_a_killed_build_left() {
    let project = Project::from_fixture("rich");
    project.build_ok();
    let out = project.out();
    let held = Held::start(&build_args(&project, &out));
    let status = held.signal(Signal::KILL);
    assert_eq!(status.code(), None, "killed");
    let left = common::entries(project.tmp.path());
    assert!(
        left.iter().any(|name| name.starts_with(".out.journeybook-staging-")),
        "{left:?}"
    );

    project.build_ok();
    assert_eq!(common::entries(project.tmp.path()), ["out", "project"]);
}

#[test]
fn leftovers_of_dead_builds_go_and_a_running_builds_stay() {
    let project = Project::from_fixture("rich");
    project.build_ok();
    let tmp = project.tmp.path();
    let dead = dead_pid();
    // A process that runs until its input closes stands for a build under way.
    let mut running = Command::new("cat").stdin(Stdio::piped()).spawn().expect("run `cat`");
    let live = running.id();
    for name in [
        format!(".out.journeybook-staging-{dead}"),
        format!(".out.journeybook-old-{dead}"),
        format!(".out.journeybook-staging-{live}"),
    ] {
        write(&tmp.join(&name).join("guides"), "a.html", "<p>half a site</p>");
    }
    write(
        &project.out().join(format!(".journeybook-staging-{dead}")),
        "index.html",
        "half",
    );
    // Names that only look alike are not journeybook's.
    write(&tmp.join(".out.journeybook-staging-notes"), "plan.txt", "mine");
    write(
        &tmp.join(format!(".other.journeybook-staging-{dead}")),
        "plan.txt",
        "mine",
    );

    project.build_ok();

    let mut expected = vec![
        format!(".other.journeybook-staging-{dead}"),
        format!(".out.journeybook-staging-{live}"),
        ".out.journeybook-staging-notes".to_owned(),
        "out".to_owned(),
        "project".to_owned(),
    ];
    expected.sort();
    assert_eq!(common::entries(tmp), expected);
    assert!(!project.out().join(format!(".journeybook-staging-{dead}")).exists());
    drop(running.stdin.take());
    running.wait().expect("`cat` ends");
}

#[test]
fn a_site_a_killed_build_moved_aside_is_put_back() {
    // A build killed between the two renames of a swap leaves no output
    // folder, only the previous site under its `-old-PID` name.
    let project = Project::from_fixture("rich");
    project.build_ok();
    let before = snapshot(&project.out());
    let aside = project.tmp.path().join(format!(".out.journeybook-old-{}", dead_pid()));
    fs::rename(project.out(), &aside).expect("move the site aside");

    // Even a build that fails finds the site back in its place.
    let journey = "content/journeys/buying-a-bike-future.md";
    let text = fs::read_to_string(project.path(journey)).expect("journey");
    project.write(journey, &text.replace("touchpoints: web-shop", "touchpoints: web-shpo"));
    assert!(project.build().has_errors());

    assert_eq!(snapshot(&project.out()), before);
    assert_eq!(common::entries(project.tmp.path()), ["out", "project"]);
}
