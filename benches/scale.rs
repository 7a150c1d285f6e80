//! The scale benchmark: clean builds of generated 1,000- and 10,000-page
//! playbooks, run through the release binary as a user would.
//!
//! ```sh
//! cargo bench --bench scale                # the playbook at 1,000 and 10,000 pages, plain docs at 10,000
//! cargo bench --bench scale -- 2000        # the playbook at other sizes
//! cargo bench --bench scale -- docs 2000   # plain documentation pages only
//! ```
//!
//! For each playbook: five clean builds into fresh folders, then five
//! builds back to back over the site just built with nothing changed, five
//! with one guide edited each time, (where there are touchpoints) five with
//! one touchpoint renamed and five with a guide added or removed in turn,
//! with no pause anywhere. Every run's wall time is printed, with the
//! medians, peak memory and the bytes written.

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

/// Flushes pending writes to disk, so one run's writes do not slow the next.
fn settle() {
    let _ = Command::new("sync").status();
}

fn remove(dir: &Path) {
    if dir.exists() {
        fs::remove_dir_all(dir).expect("remove old output");
    }
}

/// A series of runs: every wall time in order, the median and the highest peak memory.
struct Series {
    runs: Vec<Run>,
}

impl Series {
    fn walls(&self) -> String {
        let walls: Vec<String> = self
            .runs
            .iter()
            .map(|r| format!("{:.2}", r.wall.as_secs_f64()))
            .collect();
        walls.join(" ")
    }

    fn median(&self) -> &Run {
        let mut sorted: Vec<&Run> = self.runs.iter().collect();
        sorted.sort_by_key(|r| r.wall);
        sorted[sorted.len() / 2]
    }

    fn peak_mb(&self) -> f64 {
        self.runs.iter().map(|r| r.peak_kb).max().unwrap_or(0) as f64 / 1024.0
    }

    fn report(&self, what: &str) {
        println!(
            "{what:<38} {:>6.2} s median, peak {:>4.0} MB; every run: {} s",
            self.median().wall.as_secs_f64(),
            self.peak_mb(),
            self.walls()
        );
    }
}

/// Rewrites `file`, replacing `from` by `to` once.
fn replace_in(file: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(file).expect("read the file to edit");
    assert!(text.contains(from), "`{from}` is in {}", file.display());
    fs::write(file, text.replacen(from, to, 1)).expect("edit the file");
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
    let outs: Vec<PathBuf> = (0..RUNS)
        .map(|i| work.join(format!("site-{}-{size}-{i}", kind.name())))
        .collect();
    outs.iter().for_each(|out| remove(out));
    // No pause before or between runs: a writer does not wait for the disk
    // to forget the last build, and neither does the benchmark.
    settle();
    let clean = Series {
        runs: outs.iter().map(|out| build(&project, out)).collect(),
    };
    let site = outs.last().expect("at least one run").clone();
    let (bytes, pages) = measure(&site);
    let json = fs::metadata(site.join("journeybook.json")).map_or(0, |m| m.len());
    let (search_bytes, _) = if site.join("search").is_dir() {
        measure(&site.join("search"))
    } else {
        (0, 0)
    };
    outs[..RUNS - 1].iter().for_each(|out| remove(out));

    // The loop people run: `build` again over the site just built, back to back.
    let again = Series {
        runs: (0..RUNS).map(|_| build(&project, &site)).collect(),
    };
    let guide = project.join("content/guides/section-00/guide-0.md");
    let original = fs::read_to_string(&guide).expect("read a guide");
    let edited = Series {
        runs: (0..RUNS)
            .map(|i| {
                fs::write(&guide, format!("{original}\nOne more line, take {i}.\n")).expect("edit a guide");
                build(&project, &site)
            })
            .collect(),
    };
    fs::write(&guide, &original).expect("restore the guide");
    let touchpoint = project.join("content/touchpoints/touchpoint-0.md");
    let renamed = touchpoint.exists().then(|| {
        let runs = (0..RUNS)
            .map(|i| {
                let (from, to) = match i % 2 {
                    0 => ("name: Touchpoint 0", "name: Touchpoint zero"),
                    _ => ("name: Touchpoint zero", "name: Touchpoint 0"),
                };
                replace_in(&touchpoint, from, to);
                build(&project, &site)
            })
            .collect();
        if RUNS % 2 == 1 {
            replace_in(&touchpoint, "name: Touchpoint zero", "name: Touchpoint 0");
        }
        Series { runs }
    });
    // A guide added, then removed again: the pages beside it in reading
    // order change, and the indexes; the rest are carried over.
    let added_guide = project.join("content/guides/section-00/guide-0-added.md");
    let added = Series {
        runs: (0..RUNS)
            .map(|i| {
                match i % 2 {
                    0 => fs::write(&added_guide, format!("{original}\nA new guide.\n")).expect("add a guide"),
                    _ => fs::remove_file(&added_guide).expect("remove the added guide"),
                }
                build(&project, &site)
            })
            .collect(),
    };
    let _ = fs::remove_file(&added_guide);
    build(&project, &site);

    // The same clean builds without search, for what the index costs.
    let config_path = project.join("book.toml");
    let config = fs::read_to_string(&config_path).expect("read book.toml");
    fs::write(&config_path, format!("{config}\n[search]\nenable = false\n")).expect("turn search off");
    let bare: Vec<PathBuf> = (0..3)
        .map(|i| work.join(format!("site-nosearch-{}-{size}-{i}", kind.name())))
        .collect();
    bare.iter().for_each(|out| remove(out));
    let quiet = Series {
        runs: bare.iter().map(|out| build(&project, out)).collect(),
    };
    bare.iter().for_each(|out| remove(out));
    fs::write(&config_path, &config).expect("restore book.toml");
    remove(&site);

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

    let median = clean.median();
    let secs = median.wall.as_secs_f64();
    println!("## {size}-page {} corpus ({pages} HTML pages written)", kind.name());
    clean.report("clean build into a fresh folder");
    again.report("build again, nothing changed");
    edited.report("build again, one guide edited");
    if let Some(renamed) = &renamed {
        renamed.report("build again, one touchpoint renamed");
    }
    added.report("build again, one guide added or removed");
    quiet.report("clean build, search off");
    println!("pages per second, clean build          {:>6.0}", pages as f64 / secs);
    println!("output, total                          {:>6.1} MB", bytes as f64 / 1e6);
    println!(
        "output, per page                       {:>6.1} KB",
        bytes as f64 / pages.max(1) as f64 / 1e3
    );
    println!("  of which journeybook.json            {:>6.1} MB", json as f64 / 1e6);
    println!(
        "  of which the search index            {:>6.1} MB ({:.2} KB per page)",
        search_bytes as f64 / 1e6,
        search_bytes as f64 / pages.max(1) as f64 / 1e3
    );
    println!(
        "one guide edited, serve mode           {:>6.1} ms",
        incremental.as_secs_f64() * 1000.0
    );
    for (what, series) in [
        ("clean build", &clean),
        ("nothing changed", &again),
        ("one guide edited", &edited),
    ] {
        println!("stages of the median run, {what}:");
        for line in series.median().stderr.lines().filter(|l| l.starts_with("  ")) {
            println!("  {}", line.trim());
        }
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
