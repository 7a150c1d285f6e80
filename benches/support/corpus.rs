//! A deterministic generator of large playbooks, shared by the
//! `gen-playbook` example and the `scale` benchmark.
//!
//! Proportions follow a large organisation: most pages are journeys and
//! guides; a few dozen personas and a few hundred shared touchpoints.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// A small deterministic generator (SplitMix64): the same seed gives the same playbook.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const WORDS: &[&str] = &[
    "customer",
    "journey",
    "service",
    "account",
    "billing",
    "renewal",
    "onboarding",
    "support",
    "team",
    "process",
    "feedback",
    "survey",
    "channel",
    "experience",
    "contract",
    "quote",
    "delivery",
    "install",
    "visit",
    "call",
    "email",
    "app",
    "portal",
    "agent",
    "review",
    "policy",
    "metric",
    "target",
    "queue",
    "handoff",
    "promise",
    "update",
    "request",
    "payment",
    "refund",
    "order",
    "schedule",
    "partner",
    "region",
    "store",
    "product",
    "clear",
    "slow",
    "quick",
    "manual",
    "digital",
    "first",
    "weekly",
    "simple",
    "shared",
    "known",
    "missing",
    "checks",
    "reduces",
    "improves",
    "explains",
    "routes",
    "answers",
    "tracks",
    "measures",
    "confirms",
    "fixes",
];
const STAGES: &[&str] = &[
    "Awareness",
    "Consideration",
    "Purchase",
    "Onboarding",
    "Adoption",
    "Retention",
    "Renewal",
    "Advocacy",
];
const FEELINGS: &[&str] = &[
    "curious", "hopeful", "unsure", "annoyed", "relieved", "anxious", "pleased", "confused",
];
const CHANNELS: &[&str] = &["digital", "physical", "human"];
const LEVELS: &[&str] = &["low", "medium", "high"];
const TEAMS: &[&str] = &[
    "Marketing",
    "Sales",
    "Support",
    "Billing",
    "Product",
    "Field Operations",
    "CX",
];
const LANGS: &[&str] = &["yaml", "json", "bash", "sql", "python"];

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(rng.pick(WORDS));
    }
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => s,
    }
}

struct Plan {
    personas: usize,
    touchpoints: usize,
    journeys: usize,
    sections: usize,
    guides: usize,
    /// The dense shape: three touchpoints a stage, one to three personas a
    /// journey, and a narrative of 300 to 600 words (a third with code).
    dense: bool,
}

fn plan(pages: usize) -> Plan {
    let personas = (pages / 100).clamp(3, 60);
    let touchpoints = (pages / 30).clamp(15, 400);
    let rest = pages.saturating_sub(personas + touchpoints);
    let journeys = rest * 2 / 5;
    Plan {
        personas,
        touchpoints,
        journeys,
        sections: 20.min(rest - journeys).max(1),
        guides: rest - journeys,
        dense: false,
    }
}

/// The dense playbook: 20 personas, 200 touchpoints (each used by about 300
/// stages at 10,000 pages), 30% of the rest journeys, the others guides.
fn dense_plan(pages: usize) -> Plan {
    let personas = 20.min(pages / 10).max(1);
    let touchpoints = 200.min(pages / 5).max(3);
    let rest = pages.saturating_sub(personas + touchpoints);
    let journeys = rest * 3 / 10;
    Plan {
        personas,
        touchpoints,
        journeys,
        sections: 20.min(rest - journeys).max(1),
        guides: rest - journeys,
        dense: true,
    }
}

fn write(path: PathBuf, text: &str) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::write(path, text)
}

fn persona(rng: &mut Rng, i: usize, touchpoints: usize) -> String {
    format!(
        "---\nname: Persona {i}\nrole: {}\nquote: \"{}.\"\nsegment: Segment {}\ndemographics:\n  age: {}\n  region: Region {}\ngoals: [{}]\nneeds: [{}]\npain_points: [{}]\nchannels: [touchpoint-{}, touchpoint-{}]\nsources: [2026 survey]\n---\n{}.\n",
        rng.pick(TEAMS),
        sentence(rng, 8),
        rng.below(5),
        rng.range(22, 70),
        rng.below(9),
        sentence(rng, 5),
        sentence(rng, 4),
        sentence(rng, 5),
        rng.below(touchpoints),
        rng.below(touchpoints),
        sentence(rng, 30),
    )
}

fn touchpoint(rng: &mut Rng, i: usize) -> String {
    format!(
        "---\nname: Touchpoint {i}\nchannel: {}\ntype: direct\nowner: {}\nsystems: [System {}]\ndescription: {}.\n---\n## Hours\n\n{}.\n",
        rng.pick(CHANNELS),
        rng.pick(TEAMS),
        rng.below(30),
        sentence(rng, 8),
        sentence(rng, 40),
    )
}

fn journey(rng: &mut Rng, i: usize, plan: &Plan) -> String {
    let mut s = String::new();
    let personas: Vec<String> = (0..if plan.dense { rng.range(1, 3) } else { 1 })
        .map(|_| format!("persona-{}", rng.below(plan.personas)))
        .collect();
    let _ = write!(
        s,
        "---\ntitle: Journey {i}\npersonas: [{}]\nstate: current\nowner: {}\nreviewed: 2026-10-01\nreview_every: 365\ntags: [generated]\nscenario: {}.\nstages:\n",
        personas.join(", "),
        rng.pick(TEAMS),
        sentence(rng, 12)
    );
    let stages = rng.range(5, 8);
    let first = rng.below(STAGES.len() - stages + 1);
    let moment = rng.below(stages);
    for (n, name) in STAGES[first..first + stages].iter().enumerate() {
        let extra = match plan.dense {
            true => format!(", touchpoint-{}", rng.below(plan.touchpoints)),
            false => String::new(),
        };
        let _ = write!(
            s,
            "  - name: {name}\n    goal: {}\n    actions: [{}, {}]\n    touchpoints: [touchpoint-{}, touchpoint-{}{extra}]\n    thoughts: [\"{}?\"]\n    emotion: {}\n    feeling: {}\n    pain_points:\n      - text: {}\n        severity: {}\n    opportunities:\n      - text: {}\n        priority: {}\n        owner: {}\n    owners: [{}]\n    kpis:\n      - {{name: {}, value: {}, target: {}, unit: \"%\"}}\n",
            sentence(rng, 6),
            sentence(rng, 4),
            sentence(rng, 5),
            rng.below(plan.touchpoints),
            rng.below(plan.touchpoints),
            sentence(rng, 6),
            rng.range(0, 4) as i64 - 2,
            rng.pick(FEELINGS),
            sentence(rng, 7),
            rng.pick(LEVELS),
            sentence(rng, 7),
            rng.pick(LEVELS),
            rng.pick(TEAMS),
            rng.pick(TEAMS),
            sentence(rng, 3),
            rng.range(10, 90),
            rng.range(10, 90),
        );
        if n == moment {
            s.push_str("    moment_of_truth: true\n");
        }
    }
    if plan.dense {
        s.push_str("---\n");
        narrative(rng, i, &mut s);
        return s;
    }
    let _ = write!(
        s,
        "---\n## Findings\n\n{}.\n\n## Decisions\n\n{}.\n",
        sentence(rng, 60),
        sentence(rng, 40)
    );
    s
}

/// A journey's narrative of 300 to 600 words under headings; a third of
/// them with a code block.
fn narrative(rng: &mut Rng, i: usize, s: &mut String) {
    let words = rng.range(300, 600);
    let mut written = 0;
    let mut part = 0;
    while written < words {
        part += 1;
        let n = rng.range(40, 80);
        let _ = write!(s, "## Finding {part}\n\n{}.\n\n", sentence(rng, n));
        written += n + 2;
    }
    if i % 3 == 0 {
        let lang = rng.pick(LANGS);
        let _ = write!(s, "```{lang}\nkey: value\nitems: [1, 2, 3]\n```\n");
    }
}

fn guide(rng: &mut Rng, i: usize, section: usize, plan: &Plan) -> String {
    let mut s = format!(
        "---\ntitle: Guide {i}\ndescription: {}.\nweight: {}\n---\n",
        sentence(rng, 8),
        i
    );
    let words = rng.range(300, 600);
    let mut written = 0;
    let mut heading = 0;
    while written < words {
        heading += 1;
        let _ = write!(s, "## Part {heading}\n\n");
        let n = rng.range(30, 70);
        let _ = write!(s, "{}.\n\n", sentence(rng, n));
        written += n + 2;
        if heading == 2 {
            let _ = write!(s, "- {}\n- {}\n", sentence(rng, 5), sentence(rng, 6));
            if plan.touchpoints > 0 {
                let t = rng.below(plan.touchpoints);
                let _ = writeln!(s, "- See [touchpoint {t}](../../touchpoints/touchpoint-{t}.md#hours)");
            } else {
                let _ = writeln!(s, "- See [the first guide](../section-00/guide-0.md#part-1)");
            }
            s.push('\n');
            written += 15;
        }
        if heading == 3 {
            s.push_str("| Step | Owner | Target |\n| --- | --- | --- |\n");
            for r in 0..4 {
                let _ = writeln!(s, "| {} | {} | {}% |", r + 1, rng.pick(TEAMS), rng.range(50, 99));
            }
            s.push('\n');
            written += 12;
        }
    }
    if i % 3 == 0 {
        let lang = rng.pick(LANGS);
        let _ = write!(
            s,
            "```{lang}\nkey: value\nitems: [1, 2, 3]\nname: \"{}\"\n```\n\n",
            sentence(rng, 3)
        );
    }
    let previous = if i > section { i - plan.sections } else { i };
    if plan.journeys > 0 {
        let _ = writeln!(
            s,
            "Related: [journey {j}](../../journeys/journey-{j}.md) and [the previous guide](guide-{previous}.md#part-1).",
            j = rng.below(plan.journeys),
        );
    } else {
        let _ = writeln!(s, "Related: [the previous page](guide-{previous}.md#part-1).");
    }
    s
}

/// What a generated corpus holds.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Kind {
    /// A playbook: personas, touchpoints, journeys and guides.
    Playbook,
    /// Plain documentation only: pages of 300 to 600 words in 20 sections, a
    /// third with a code block. This is the corpus other generators are
    /// usually compared on, so journeybook can be measured on it too.
    Docs,
    /// A playbook where touchpoints are shared widely: 30% journeys of 5 to
    /// 8 stages with three touchpoints each drawn from 200 (about 300 uses
    /// each at 10,000 pages), one to three of 20 personas, a pain point and
    /// an opportunity a stage, a 300–600-word narrative; the rest guides.
    Dense,
}

impl Kind {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Kind::Playbook => "playbook",
            Kind::Docs => "docs",
            Kind::Dense => "dense",
        }
    }
}

/// Writes a corpus of about `pages` pages into `out`.
pub(crate) fn generate(kind: Kind, pages: usize, out: &Path) -> std::io::Result<()> {
    let plan = match kind {
        Kind::Playbook => plan(pages),
        Kind::Docs => Plan {
            personas: 0,
            touchpoints: 0,
            journeys: 0,
            sections: 20,
            guides: pages,
            dense: false,
        },
        Kind::Dense => dense_plan(pages),
    };
    let mut rng = Rng(0x5EED_2026);
    let content = out.join("content");
    write(
        out.join("book.toml"),
        "[book]\ntitle = \"Generated playbook\"\n\n[journeys]\nstages = [\"Awareness\", \"Consideration\", \"Purchase\", \"Onboarding\", \"Adoption\", \"Retention\", \"Renewal\", \"Advocacy\"]\n",
    )?;
    write(
        content.join("index.md"),
        "---\ntitle: Generated playbook\n---\nA generated playbook for benchmarks.\n",
    )?;
    for i in 0..plan.personas {
        write(
            content.join(format!("personas/persona-{i}.md")),
            &persona(&mut rng, i, plan.touchpoints),
        )?;
    }
    for i in 0..plan.touchpoints {
        write(
            content.join(format!("touchpoints/touchpoint-{i}.md")),
            &touchpoint(&mut rng, i),
        )?;
    }
    for i in 0..plan.journeys {
        write(
            content.join(format!("journeys/journey-{i}.md")),
            &journey(&mut rng, i, &plan),
        )?;
    }
    // Guides are spread over the sections round-robin: guide i lives in section i % sections.
    for i in 0..plan.guides {
        let section = i % plan.sections;
        let text = guide(&mut rng, i, section, &plan);
        write(content.join(format!("guides/section-{section:02}/guide-{i}.md")), &text)?;
    }
    Ok(())
}
