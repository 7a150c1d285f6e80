//! `journeybook init`: a small project that builds with no warnings.

use crate::date::Date;
use crate::diagnostics::Diagnostic;
use std::fs;
use std::path::{Path, PathBuf};

fn files(today: Date) -> Vec<(&'static str, String)> {
    vec![
        (
            "book.toml",
            r#"[book]
title = "Customer journeys"
description = "Personas, journey maps and the touchpoints they share."
authors = ["CX team"]
language = "en"

[build]
content-dir = "content"
output-dir = "site"
theme = "default"

[journeys]
stages = ["Awareness", "Consideration", "Purchase", "Retention", "Advocacy"]
emotion-scale = { min = -2, max = 2 }

[serve]
port = 3000
"#
            .into(),
        ),
        (
            "content/index.md",
            r#"---
title: Customer journeys
description: Where we map what our customers do, think and feel.
---
Welcome to the playbook. Start with [Sam's first purchase](journeys/first-purchase.md),
meet [Sam](personas/sam.md), or browse the touchpoints the journeys share, such as
[live chat](touchpoints/live-chat.md).

Every page is a Markdown file under `content/`: edit one, then run `journeybook build`.
"#
            .into(),
        ),
        (
            "content/personas/sam.md",
            r#"---
name: Sam Okafor
role: Busy parent
quote: "I need it to just work, first time."
segment: Families
demographics:
  age: 38
  location: Leeds
  household: Two children
goals: [Buy quickly without surprises]
needs: [Clear delivery dates, Easy returns]
pain_points: [Hidden costs at checkout]
motivations: [Saving time]
behaviors: [Shops on the phone in the evening]
channels: [search-ads, live-chat]
sources: [2026 customer survey]
---
Sam shops late in the evening, one eye on the children's bedtime.
"#
            .into(),
        ),
        (
            "content/journeys/first-purchase.md",
            format!(
                r#"---
title: First purchase (current state)
personas: [sam]
state: current
owner: CX team
reviewed: {today}
review_every: 90
scenario: Sam needs a new school bag before Monday.
stages:
  - name: Awareness
    goal: Find a shop that has it in stock
    actions: [Searches "school bag next day delivery"]
    touchpoints: [search-ads]
    thoughts: [Will it arrive in time?]
    emotion: 0
    feeling: hopeful
  - name: Consideration
    goal: Compare prices and delivery
    actions: [Reads reviews, Checks delivery dates]
    touchpoints: [website]
    emotion: -1
    feeling: unsure
    pain_points:
      - text: Delivery date only shown at checkout
        severity: high
    opportunities:
      - text: Show the delivery date on the product page
        priority: high
        owner: Web team
  - name: Purchase
    goal: Pay without surprises
    actions: [Pays by card]
    touchpoints: [website]
    emotion: 1
    feeling: relieved
    moment_of_truth: true
    kpis:
      - {{name: Checkout conversion, value: 2.1, target: 3, unit: "%"}}
  - name: Retention
    goal: Get the bag on time
    touchpoints: [live-chat]
    actions: [Asks where the parcel is]
    emotion: 0
    feeling: anxious
  - name: Advocacy
    goal: Tell other parents
    actions: [Recommends the shop in the school group chat]
    emotion: 2
    feeling: pleased
---
## Findings

Sam decides at the **Purchase** stage: a surprise there undoes everything before it.
See the [live chat](../touchpoints/live-chat.md) touchpoint for the support side.
"#
            ),
        ),
        (
            "content/touchpoints/search-ads.md",
            "---\nname: Search ads\nchannel: digital\ntype: direct\nowner: Marketing\n---\nPaid search results.\n".into(),
        ),
        (
            "content/touchpoints/website.md",
            "---\nname: Website\nchannel: digital\ntype: direct\nowner: Web team\nsystems: [Shop platform]\n---\nThe shop itself.\n".into(),
        ),
        (
            "content/touchpoints/live-chat.md",
            "---\nname: Live chat\nchannel: human\ntype: direct\nowner: Support team\n---\nChat with the support team, 8am to 8pm.\n".into(),
        ),
    ]
}

/// The output folder `init`'s book.toml names, as `.gitignore` ignores it:
/// the site is built from the content, so it is not kept in git.
const IGNORED_OUTPUT: &str = "/site/";

/// Writes a new project into `dir`. Refuses, writing nothing, when any of
/// its files already exists. Returns the files written, each with
/// "created", or "updated" for a `.gitignore` that was there.
pub fn init(dir: &Path, today: Date) -> Result<Vec<(PathBuf, &'static str)>, Diagnostic> {
    let files = files(today);
    let existing: Vec<String> = files
        .iter()
        .filter(|(path, _)| dir.join(path).exists())
        .map(|(path, _)| (*path).to_owned())
        .collect();
    if !existing.is_empty() {
        return Err(Diagnostic::error(format!(
            "refusing to overwrite existing files in `{}`: {}",
            dir.display(),
            existing.join(", ")
        ))
        .with_help("run `journeybook init` in a new or empty folder"));
    }
    let mut written = Vec::new();
    for (path, text) in files {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| Diagnostic::error(format!("cannot create `{}`: {e}", parent.display())))?;
        }
        fs::write(&target, text).map_err(|e| Diagnostic::error(format!("cannot write `{}`: {e}", target.display())))?;
        written.push((target, "created"));
    }
    if let Some(done) = ignore_output(dir)? {
        written.push(done);
    }
    written.extend(super::editor::write(dir, "content")?);
    Ok(written)
}

/// Adds the output folder to `.gitignore`: a new file, or a line at the end
/// of the repository's own (init may run in a folder already in git). None
/// when it is ignored already.
fn ignore_output(dir: &Path) -> Result<Option<(PathBuf, &'static str)>, Diagnostic> {
    let path = dir.join(".gitignore");
    let cannot = |e: std::io::Error| Diagnostic::error(format!("cannot write `{}`: {e}", path.display()));
    let wanted = format!("# the site journeybook builds from content/\n{IGNORED_OUTPUT}\n");
    match fs::read_to_string(&path) {
        Ok(text) => {
            let ignored = text
                .lines()
                .any(|l| ["site", "site/", "/site", "/site/"].contains(&l.trim()));
            if ignored {
                return Ok(None);
            }
            let gap = if text.is_empty() || text.ends_with('\n') {
                ""
            } else {
                "\n"
            };
            fs::write(&path, format!("{text}{gap}{wanted}")).map_err(cannot)?;
            Ok(Some((path, "updated")))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            fs::write(&path, wanted).map_err(cannot)?;
            Ok(Some((path, "created")))
        }
        Err(e) => Err(cannot(e)),
    }
}
