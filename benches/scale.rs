//! The scale benchmark: clean builds of generated 1,000- and 10,000-page
//! playbooks, run through the release binary as a user would.
//!
//! ```sh
//! cargo bench --bench scale                # the playbook at 1,000 and 10,000 pages, plain docs at 10,000
//! cargo bench --bench scale -- 2000        # the playbook at other sizes
//! cargo bench --bench scale -- docs 2000   # plain documentation pages only
//! ```
//!
//! Reports the wall time of a clean build (median of five), pages per
//! second, peak memory, the bytes written (in all and per page), and the
//! time to rebuild after one file changed.

#[path = "support/corpus.rs"]
mod corpus;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const RUNS: usize = 5;

struct Run {
    wall: Duration,
    peak_kb: u64,
    stderr: String,
}

fn build(project: &Path, out: &Path) -> Run {
    let started = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_journeybook"))
        .arg("build")
        .arg(project)
        .arg("--dest-dir")
        .arg(out)
        .env("JOURNEYBOOK_TIMINGS", "1")
        .env("JOURNEYBOOK_TODAY", "2026-11-22")
        .output()
        .expect("run journeybook");
    let wall = started.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "build failed:\n{stderr}");
    let peak_kb = stderr
        .lines()
        .find_map(|l| l.trim().strip_prefix("peak memory"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0);
    Run { wall, peak_kb, stderr }
}

/// Total bytes and number of HTML pages under `dir`.
fn measure(dir: &Path) -> (u64, u64) {
    let mut bytes = 0;
    let mut pages = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in fs::read_dir(&folder).expect("read output").flatten() {
            let path = entry.path();
            let meta = entry.metadata().expect("metadata");
            if meta.is_dir() {
                stack.push(path);
            } else {
                bytes += meta.len();
                pages += u64::from(path.extension().is_some_and(|e| e == "html"));
            }
        }
    }
    (bytes, pages)
}

/// How long ext4 treats a freed inode as recently deleted: the kernel's
/// `dirty_expire_centisecs`, plus a second.
fn recently_deleted_window() -> Duration {
    let centisecs = fs::read_to_string("/proc/sys/vm/dirty_expire_centisecs")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(3000);
    Duration::from_millis(centisecs * 10 + 1000)
}

/// Flushes pending writes to disk, so one run's writes do not slow the next.
fn settle() {
    let _ = Command::new("sync").status();
}

fn remove(dir: &Path) {
    if dir.exists() {
        fs::remove_dir_all(dir).expect("remove old output");
    }
}

fn bench(kind: corpus::Kind, size: usize, work: &Path) {
    let project = match kind {
        corpus::Kind::Playbook => work.join(format!("playbook-{size}")),
        corpus::Kind::Docs => work.join(format!("docs-{size}")),
        corpus::Kind::Dense => work.join(format!("dense-{size}")),
    };
    if !project.exists() {
        corpus::generate(kind, size, &project).expect("generate the corpus");
    }
    let mut runs = Vec::new();
    let mut last_out = PathBuf::new();
    let outs: Vec<PathBuf> = (0..RUNS)
        .map(|i| work.join(format!("site-{}-{size}-{i}", kind.name())))
        .collect();
    outs.iter().for_each(|out| remove(out));
    // ext4 will not reuse inodes freed within the kernel's dirty-expiry time
    // (30 s by default) and searches past them, which slows creating files
    // after deleting thousands, as the previous size's clean-up just did: let
    // those deletions age first, as they would on an idle machine.
    settle();
    std::thread::sleep(recently_deleted_window());
    for out in &outs {
        // A fresh folder each run (a clean build, never an overwrite), and
        // the previous run's writes flushed first, as on an idle machine.
        settle();
        runs.push(build(&project, out));
        last_out = out.clone();
    }
    // The same builds without search, for what the index costs.
    let config_path = project.join("book.toml");
    let config = fs::read_to_string(&config_path).expect("read book.toml");
    fs::write(&config_path, format!("{config}\n[search]\nenable = false\n")).expect("turn search off");
    let mut quiet: Vec<Run> = Vec::new();
    // The runs above just created files: let that age as before.
    settle();
    std::thread::sleep(recently_deleted_window());
    // Fresh folders as above, removed only once all three are built.
    let bare: Vec<PathBuf> = (0..3)
        .map(|i| work.join(format!("site-nosearch-{}-{size}-{i}", kind.name())))
        .collect();
    for out in &bare {
        remove(out);
        settle();
        quiet.push(build(&project, out));
    }
    bare.iter().for_each(|out| remove(out));
    fs::write(&config_path, &config).expect("restore book.toml");
    let quiet_walls: Vec<String> = quiet.iter().map(|r| format!("{:.2}", r.wall.as_secs_f64())).collect();
    quiet.sort_by_key(|r| r.wall);
    let quiet_median = &quiet[quiet.len() / 2];
    let walls: Vec<String> = runs.iter().map(|r| format!("{:.2}", r.wall.as_secs_f64())).collect();
    runs.sort_by_key(|r| r.wall);
    let median = &runs[RUNS / 2];
    let (bytes, pages) = measure(&last_out);
    let json = fs::metadata(last_out.join("journeybook.json")).map_or(0, |m| m.len());
    let (search_bytes, _) = if last_out.join("search").is_dir() {
        measure(&last_out.join("search"))
    } else {
        (0, 0)
    };

    // One file changed: append a line to a guide, rebuild over the previous site.
    let guide = project.join("content/guides/section-00/guide-0.md");
    let original = fs::read_to_string(&guide).expect("read a guide");
    fs::write(&guide, format!("{original}\nOne more line.\n")).expect("edit a guide");
    settle();
    let rebuild = build(&project, &last_out);
    fs::write(&guide, &original).expect("restore the guide");
    outs.iter().for_each(|out| remove(out));

    // The same edit in serve mode: a session kept in memory takes the change.
    let options = journeybook::BuildOptions {
        today: journeybook::date::Date::parse("2026-11-22"),
        ..journeybook::BuildOptions::default()
    };
    let mut session = journeybook::session::Session::new(&project, options, false);
    let first = session.rebuild();
    assert!(!first.has_errors(), "the session's first build failed");
    fs::write(&guide, format!("{original}\nAnother line.\n")).expect("edit a guide");
    let started = Instant::now();
    let update = session.update(std::slice::from_ref(&guide));
    let incremental = started.elapsed();
    fs::write(&guide, &original).expect("restore the guide");
    assert!(
        update.incremental && update.changed.iter().filter(|p| p.ends_with(".html")).count() == 1,
        "one page re-rendered"
    );

    let secs = median.wall.as_secs_f64();
    println!("## {size}-page {} corpus ({pages} HTML pages written)", kind.name());
    println!("full build, wall (median of {RUNS})   {secs:>10.2} s");
    println!("  every run, in order              {:>12} s", walls.join(" "));
    println!(
        "same, search off (median of 3)     {:>10.2} s (runs: {} s; peak {:.0} MB)",
        quiet_median.wall.as_secs_f64(),
        quiet_walls.join(" "),
        quiet_median.peak_kb as f64 / 1024.0
    );
    println!("pages per second                   {:>10.0}", pages as f64 / secs);
    println!(
        "peak memory                        {:>10.0} MB",
        median.peak_kb as f64 / 1024.0
    );
    println!("output, total                      {:>10.1} MB", bytes as f64 / 1e6);
    println!(
        "output, per page                   {:>10.1} KB",
        bytes as f64 / pages.max(1) as f64 / 1e3
    );
    println!("  of which journeybook.json        {:>10.1} MB", json as f64 / 1e6);
    println!(
        "  HTML and assets, per page        {:>10.1} KB",
        (bytes - json) as f64 / pages.max(1) as f64 / 1e3
    );
    println!(
        "  of which the search index        {:>10.1} MB ({:.2} KB per page)",
        search_bytes as f64 / 1e6,
        search_bytes as f64 / pages.max(1) as f64 / 1e3
    );
    println!(
        "one-file rebuild, build command    {:>10.2} s",
        rebuild.wall.as_secs_f64()
    );
    println!(
        "one-file rebuild, serve mode       {:>10.1} ms",
        incremental.as_secs_f64() * 1000.0
    );
    println!("stages of the median run:");
    for line in median.stderr.lines().filter(|l| l.starts_with("  ")) {
        println!("  {}", line.trim());
    }
    println!();
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let sizes: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let named = [corpus::Kind::Docs, corpus::Kind::Dense]
        .into_iter()
        .find(|k| args.iter().any(|a| a == k.name()));
    // By default: the playbook at both sizes, the dense playbook and the
    // plain docs corpus the other generators are compared on, at 10,000 pages.
    let runs: Vec<(corpus::Kind, usize)> = match (sizes.is_empty(), named) {
        (true, None) => vec![
            (corpus::Kind::Playbook, 1_000),
            (corpus::Kind::Playbook, 10_000),
            (corpus::Kind::Dense, 10_000),
            (corpus::Kind::Docs, 10_000),
        ],
        (true, Some(kind)) => vec![(kind, 10_000)],
        (false, kind) => {
            let kind = kind.unwrap_or(corpus::Kind::Playbook);
            sizes.into_iter().map(|size| (kind, size)).collect()
        }
    };
    let work = Path::new(env!("CARGO_TARGET_TMPDIR")).join("scale");
    fs::create_dir_all(&work).expect("create the work folder");
    println!(
        "journeybook scale benchmark ({} cores)\n",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    for (kind, size) in runs {
        bench(kind, size, &work);
    }
}
