//! A fuzz harness on stable Rust: front matter and Markdown made of pieces
//! that have broken the build before (brackets, quotes, anchors, repeated
//! headings, unknown ids), each piece sometimes repeated thousands of times,
//! since size is what turned mistakes into hangs. Every project must be
//! checked without a panic, within the time limit, and with messages of
//! bounded size.
//!
//! `cargo test` runs a few dozen cases (a few seconds); a longer run, e.g.
//! in CI on a schedule: `PROPTEST_CASES=5000 cargo test --test fuzz`.

mod common;

use journeybook::diagnostics::SHOWN_PER_FILE;
use journeybook::lines::WINDOW;
use journeybook::BuildOptions;
use proptest::prelude::*;
use std::collections::HashMap;
use std::sync::mpsc;
use std::time::Duration;

const FRONT_MATTER: &[&str] = &[
    "title: Buying\n",
    "kind: journey\n",
    "stages:\n",
    "  - name: Search\n",
    "    touchpoints: [",
    "web-shop",
    "live-chta",
    ", ",
    "]",
    "[",
    "{",
    "}",
    "{a: ",
    "\n",
    "  ",
    "- ",
    ": ",
    "\"",
    "'",
    "\\",
    " # note",
    "|\n",
    ">\n",
    "&a ",
    "*a",
    "!!str ",
    "    emotion: 9\n",
    "    steps:\n",
    "      - name: Reads\n",
    "      - x\n",
    "id: Not An Id\n",
    "persona: ghost\n",
    "reviewed: 2020-13-45\n",
    "review_every: quarterly\n",
    "\t",
    "é",
    "問い",
    "\r\n",
    "...\n",
    "---\n",
    "? ",
    "%",
    "@",
    "`",
];

const MARKDOWN: &[&str] = &[
    "# Intro\n\n",
    "## Intro\n\n",
    "## Intro 2\n\n",
    "## jb-main\n\n",
    "### Step {#stage-search}\n\n",
    "[part](#nope)",
    "[page](missing.md)",
    "[chat](../touchpoints/web-shop.md#nope)",
    "[self](#intro-1)",
    "![logo](logo.png)",
    "```rust\nfn x() {}\n",
    "```\n",
    "<div>",
    "</div>",
    "| a | b |\n|---|---|\n| 1 | 2 |\n",
    "[^1]",
    "[^1]: note\n",
    "\n",
    " ",
    "*",
    "_",
    "`",
    "> ",
    "- ",
    "1. ",
    "https://example.org",
    "é",
    "問い",
    "\t",
    "[",
    "](",
    ")",
    "\r\n",
    "---\n",
];

/// Text made of `pieces`, each used once or repeated up to 3,000 times.
fn text(pieces: &'static [&'static str]) -> impl Strategy<Value = String> {
    let piece = (0..pieces.len(), prop_oneof![4 => Just(1_usize), 1 => 1..3_000_usize]);
    prop::collection::vec(piece, 0..40)
        .prop_map(move |parts| parts.into_iter().map(|(i, n)| pieces[i].repeat(n)).collect())
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(24)
}

/// Checks the project, or tells why it could not be checked in time.
fn check_in_time(project: common::Project) -> Result<journeybook::Outcome, String> {
    let (done, finished) = mpsc::channel();
    std::thread::spawn(move || {
        let options = BuildOptions {
            today: Some(common::today()),
            ..BuildOptions::default()
        };
        let _ = done.send(journeybook::check(&project.root, &options));
    });
    finished.recv_timeout(Duration::from_secs(60)).map_err(|e| match e {
        mpsc::RecvTimeoutError::Timeout => "the check did not finish within a minute".to_owned(),
        mpsc::RecvTimeoutError::Disconnected => "the check panicked".to_owned(),
    })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn every_project_is_checked_in_time(
        front_matter in text(FRONT_MATTER),
        markdown in text(MARKDOWN),
        folder in prop::sample::select(vec!["journeys", "personas", "touchpoints", "guides"]),
    ) {
        let page = format!("---\n{front_matter}\n---\n{markdown}");
        let project = common::Project::with_files(&[
            (&format!("content/{folder}/fuzzed.md"), &page),
            ("content/index.md", &markdown),
            ("content/touchpoints/web-shop.md", "---\nname: Web shop\nchannel: digital\n---\n## Hours\n"),
        ]);
        let outcome = check_in_time(project).map_err(TestCaseError::fail)?;
        let mut per_file: HashMap<String, usize> = HashMap::new();
        for d in &outcome.diagnostics {
            let shown = d.to_string();
            if let Some(loc) = &d.location {
                *per_file.entry(loc.file.display().to_string()).or_default() += 1;
                let line = loc.source_line.as_deref().unwrap_or_default();
                prop_assert!(line.chars().count() <= 2 * WINDOW + 2, "long source line:\n{}", shown);
            }
        }
        for (file, count) in per_file {
            prop_assert!(count <= SHOWN_PER_FILE + 1, "{} problems shown for {}", count, file);
        }
    }
}
