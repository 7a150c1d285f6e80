//! Reading each source file into a typed [`Document`], with every problem
//! that can be seen inside the one file reported as a diagnostic.

use super::frontmatter::{split, Format, Split, SplitError};
use super::kept_front::{FrontMemo, Record};
use super::limits;
use super::model::{JourneyFront, KindData, Stage};
use super::read_front::{read_front, Front};
use super::{Document, Kind, Place, SourceFile};
use crate::config::{Config, EmotionScale};
use crate::diagnostics::{did_you_mean, Diagnostic, FileProblems, SourceText};
use crate::ids::{self, is_valid_id};
use rayon::prelude::*;
use std::collections::HashSet;

/// A page left out of the build because it is a draft: references to it get
/// their own advice.
#[derive(Debug, Clone)]
pub struct LeftOutDraft {
    /// Its kind and id, as references name it.
    pub kind: Kind,
    /// Its id.
    pub id: String,
    /// The file, relative to the project root.
    pub path: std::path::PathBuf,
}

/// The pages read, the problems met, and the drafts left out.
pub type Parsed = (Vec<Document>, Vec<Diagnostic>, Vec<LeftOutDraft>);

/// Parses every source in parallel. Drafts are dropped unless `drafts` is
/// set. With a `memo`, front matter the previous build read from the same
/// text is taken from it, and this build's is kept for the next.
pub fn parse_all(sources: Vec<SourceFile>, config: &Config, drafts: bool, memo: Option<&FrontMemo<'_>>) -> Parsed {
    let taken = TakenIds::of(&sources);
    let reading = Reading {
        config,
        taken: &taken,
        memo,
    };
    let results: Vec<(Option<Document>, Vec<Diagnostic>, Option<Record>)> = sources
        .into_par_iter()
        .with_max_len(crate::PAGES_PER_TASK)
        .map(|s| parse_with(s, &reading))
        .collect();
    let mut documents = Vec::with_capacity(results.len());
    let mut diagnostics = Vec::new();
    let mut left_out = Vec::new();
    let mut records = Vec::new();
    for (doc, diags, record) in results {
        records.extend(record);
        diagnostics.extend(diags);
        match doc {
            Some(doc) if drafts || !doc.meta.draft => documents.push(doc),
            Some(doc) => left_out.push(LeftOutDraft {
                kind: doc.kind,
                id: doc.id,
                path: doc.source.path,
            }),
            None => {}
        }
    }
    if let Some(memo) = memo {
        memo.keep(records);
    }
    (documents, diagnostics, left_out)
}

/// What reading a file needs besides the file.
struct Reading<'a, 'm> {
    config: &'a Config,
    taken: &'a TakenIds,
    memo: Option<&'a FrontMemo<'m>>,
}

/// The ids pages have or will have, by kind, so a suggested id is never one
/// that is taken: each file's name, and each `id:` written at the top level.
#[derive(Default)]
struct TakenIds(HashSet<(Kind, String)>);

impl TakenIds {
    fn of(sources: &[SourceFile]) -> TakenIds {
        let taken = sources
            .par_iter()
            .flat_map_iter(|source| {
                let kind = Kind::default_for(&source.content_path);
                let stem =
                    (kind != Kind::Page).then(|| (kind, crate::paths::file_stem(&source.content_path).to_owned()));
                let id = stem.as_ref().and_then(|_| {
                    let front = split(&source.text).map_or("", |parts| parts.front_matter);
                    let (_, id) = top_level_line(front, "id")?;
                    Some((kind, id.trim().trim_matches(['"', '\'']).to_owned()))
                });
                stem.into_iter().chain(id)
            })
            .collect();
        TakenIds(taken)
    }

    /// `wanted`, or `wanted-2`, `wanted-3`… when another page has it (a
    /// page's own file name is its own to take).
    fn free(&self, kind: Kind, wanted: String, own_stem: &str) -> String {
        let is_free = |id: &str| id == own_stem || !self.0.contains(&(kind, id.to_owned()));
        if is_free(&wanted) {
            return wanted;
        }
        (2..)
            .map(|n| format!("{wanted}-{n}"))
            .find(|candidate| is_free(candidate))
            .unwrap_or(wanted)
    }
}

/// Reads one file. A document comes back whenever the front matter could be
/// typed, even with diagnostics, so later stages can still check the rest.
pub fn parse_document(source: SourceFile, config: &Config) -> (Option<Document>, Vec<Diagnostic>) {
    let reading = Reading {
        config,
        taken: &TakenIds::default(),
        memo: None,
    };
    let (doc, diagnostics, _) = parse_with(source, &reading);
    (doc, diagnostics)
}

fn parse_with(source: SourceFile, reading: &Reading<'_, '_>) -> (Option<Document>, Vec<Diagnostic>, Option<Record>) {
    let Reading { config, taken, memo } = *reading;
    let text = SourceText::new(&source.path, &source.text);
    let (parts, split_problem) = match split(&source.text) {
        Ok(parts) => (parts, None),
        Err(problem) => (Split::nothing(&source.text), Some(split_diagnostic(&problem, &text))),
    };
    // The parts are slices of the source text (never literals): keep their positions, not copies.
    let offset = |part: &str| part.as_ptr() as usize - source.text.as_ptr() as usize;
    let fm_start = offset(parts.front_matter);
    let front_matter_range = fm_start..fm_start + parts.front_matter.len();
    let front_matter = parts.front_matter;
    let front_matter_line = parts.front_matter_line;
    let format = parts.format;
    let body_start = offset(parts.body);
    let body_line = parts.body_line;

    if let Err(too_much) = limits::check(front_matter) {
        return (None, vec![limits::diagnostic(&text, fm_start, too_much)], None);
    }
    let kind = match kind_of(&source, front_matter, front_matter_line) {
        Ok(kind) => kind,
        Err(d) => return (None, vec![d], None),
    };
    // Stages accept the book's custom lanes as keys while this file is read.
    let custom_lanes = config.journeys.custom_keys();
    let kept = memo.map(|memo| {
        let format_name = match format {
            Format::Yaml => "yaml",
            Format::Toml => "toml",
        };
        (memo, FrontMemo::key(kind, format_name, front_matter, &custom_lanes))
    });
    let mut record = None;
    let (typed, mut diagnostics) = match split_problem {
        Some(problem) => (None, vec![problem]),
        None => crate::content::model::with_custom_lanes(&custom_lanes, || {
            let front = Front {
                text: &text,
                yaml: (front_matter, format),
                first_line: front_matter_line,
                kept,
            };
            read_front(kind, &front, &mut record)
        }),
    };
    // After an unclosed `---`, the identity is in the lines that follow it.
    let identity_source = match front_matter.is_empty() {
        true => source.text.split_once('\n').map_or("", |(_, rest)| rest),
        false => front_matter,
    };
    // A front matter that cannot be read at all still names its page, so
    // links to it resolve and its own mistake is the one reported.
    let unreadable = typed.is_none();
    let (meta, explicit_id, data) = match typed {
        Some(parts) => parts,
        None => match read_front(
            kind,
            &Front {
                text: &text,
                yaml: (&identity_lines(identity_source), Format::Yaml),
                first_line: front_matter_line,
                kept: None,
            },
            &mut None,
        )
        .0
        {
            Some(parts) => parts,
            None => (Default::default(), None, KindData::Page),
        },
    };

    let stem = crate::paths::file_stem(&source.content_path).to_owned();
    let id = match (&explicit_id, kind) {
        (Some(id), _) => id.clone(),
        (None, Kind::Page) => crate::paths::without_md(&source.content_path).to_owned(),
        (None, _) => stem.clone(),
    };
    let doc = Document {
        source,
        kind,
        id,
        meta,
        data,
        body_start,
        body_line,
        front_matter: front_matter_range,
        front_matter_line,
        unreadable,
        line_index: Default::default(),
    };
    let mut problems = FileProblems::default();
    if doc.source.text.trim().is_empty() {
        problems.warning(|| {
            Diagnostic::warning("this page is empty")
                .at_file(&doc.source.path)
                .with_help("write its content, or delete the file")
        });
    }
    if !unreadable {
        check_id(&doc, explicit_id.is_some(), &stem, taken, &mut problems);
        if let KindData::Journey(journey) = &doc.data {
            check_journey(&doc, journey, config, &mut problems);
        }
    }
    diagnostics.extend(problems.finish(&doc.source.path));
    (Some(doc), diagnostics, record)
}

fn split_diagnostic(problem: &SplitError, text: &SourceText<'_>) -> Diagnostic {
    match problem {
        SplitError::Unclosed(format) => {
            let fence = match format {
                Format::Yaml => "---",
                Format::Toml => "+++",
            };
            Diagnostic::error(format!("unclosed front matter: no `{fence}` line ends it"))
                .at(text.location(1, Some(1), 3))
                .with_help(format!(
                    "add a line `{fence}` after the last front matter line, before the Markdown"
                ))
        }
    }
}

/// The `kind:` key of the front matter, or the folder's default.
fn kind_of(source: &SourceFile, front_matter: &str, first_line: usize) -> Result<Kind, Diagnostic> {
    let declared = top_level_line(front_matter, "kind").map(|(i, value)| {
        let value = value.split(" #").next().unwrap_or(value).trim();
        (i, value.trim_matches(['"', '\'']).to_owned())
    });
    let Some((index, name)) = declared else {
        return Ok(Kind::default_for(&source.content_path));
    };
    Kind::from_name(&name).ok_or_else(|| {
        let text = SourceText::new(&source.path, &source.text);
        let col = source
            .text
            .lines()
            .nth(first_line - 1 + index)
            .and_then(|l| l.find(name.as_str()));
        Diagnostic::error(format!("unknown kind `{name}`"))
            .at(text.location(first_line + index, col.map(|c| c + 1), name.len()))
            .with_help(
                did_you_mean(&name, Kind::NAMES)
                    .unwrap_or_else(|| "a page's kind is one of `persona`, `journey`, `touchpoint` or `page`".into()),
            )
    })
}

/// The first top-level `key` line of a front matter: its index and value.
/// Only lines that start with the key are looked at: a journey's front
/// matter runs to thousands of lines, and every file's is read for this.
fn top_level_line<'l>(front: &'l str, key: &str) -> Option<(usize, &'l str)> {
    let after_newline = format!("\n{key}");
    let starts = std::iter::once(0)
        .chain(memchr::memmem::find_iter(front.as_bytes(), after_newline.as_bytes()).map(|at| at + 1));
    starts
        .filter(|&start| front[start..].starts_with(key))
        .find_map(|start| {
            let line = front[start..].split('\n').next().unwrap_or("");
            let value = key_value(line.strip_suffix('\r').unwrap_or(line), key)?;
            Some((memchr::memchr_iter(b'\n', &front.as_bytes()[..start]).count(), value))
        })
}

/// The value of a top-level `key: value` (YAML) or `key = value` (TOML) line.
fn key_value<'l>(line: &'l str, key: &str) -> Option<&'l str> {
    let rest = line.strip_prefix(key)?;
    rest.strip_prefix(':').or_else(|| rest.trim_start().strip_prefix('='))
}

/// The top-level `id:`, `title:` and `name:` lines of a front matter that
/// cannot be read, with blank lines for the rest so line numbers hold.
fn identity_lines(yaml: &str) -> String {
    let mut out = String::with_capacity(yaml.len().min(4096));
    for line in yaml.lines() {
        let keep = ["id:", "title:", "name:"].iter().any(|k| line.starts_with(k));
        if keep {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

fn check_id(doc: &Document, explicit: bool, stem: &str, taken: &TakenIds, out: &mut FileProblems) {
    if doc.kind == Kind::Page && !explicit {
        return;
    }
    if is_valid_id(&doc.id) {
        return;
    }
    out.error(|| {
        let loc = doc.locator();
        let suggestion = taken.free(doc.kind, ids::slug_or(&doc.id, || "my-id".into()), stem);
        let d = Diagnostic::error(format!("invalid {} id `{}`", doc.kind.name(), doc.id));
        if explicit {
            d.at(loc.find(Some(&doc.id), "id", Place::All)).with_help(format!(
                "ids use lowercase letters, digits and hyphens: try `id: {suggestion}`"
            ))
        } else {
            d.at(loc.top()).with_help(format!(
                "the id comes from the file name `{stem}.md`; rename the file to `{suggestion}.md` or set `id: {suggestion}` (lowercase letters, digits and hyphens)"
            ))
        }
    });
}

fn check_journey(doc: &Document, journey: &JourneyFront, config: &Config, out: &mut FileProblems) {
    let scale = match journey.emotion_scale {
        Some(scale) if !scale.is_valid() => {
            out.error(|| {
                let loc = doc.locator();
                Diagnostic::error("`emotion_scale` needs `min` lower than `max`")
                    .at(loc.find(None, "emotion_scale", Place::All))
                    .with_help("for example: emotion_scale: {min: -2, max: 2}")
            });
            return;
        }
        Some(scale) => scale,
        None => config.journeys.emotion_scale,
    };
    if journey.stages.is_empty() {
        out.warning(|| {
            Diagnostic::warning(format!("journey `{}` has no stages, so its map is empty", doc.id))
                .at(doc.locator().top())
                .with_help("add `stages:`, a list of stages each with a `name:`, e.g. `stages: [{name: Discover}, {name: Buy}]`")
        });
    }
    let personas: Vec<&str> = journey.personas.iter().map(|p| p.0.as_str()).collect();
    let mut stage_ids = HashSet::new();
    for (i, stage) in journey.stages.iter().enumerate() {
        let id = check_stage(doc, stage, Place::Stage(i), &scale, &personas, out);
        if !id.is_empty() && !stage_ids.insert(id.clone()) {
            out.error(|| {
                let loc = doc.locator();
                Diagnostic::error(format!("two stages have the id `{id}`"))
                    .at(loc.find(None, "name", Place::Stage(i)))
                    .with_help("give each stage a distinct name, or set a distinct `id:` on one of them")
            });
        }
        for (j, step) in stage.steps.iter().enumerate() {
            check_stage(doc, step, Place::Step(i, j), &scale, &personas, out);
            if !step.steps.is_empty() {
                out.error(|| {
                    let loc = doc.locator();
                    Diagnostic::error("a step cannot have steps of its own")
                        .at(loc.find(None, "steps", Place::Step(i, j)))
                        .with_help("move the finer steps up into the stage's `steps:` list")
                });
            }
        }
    }
}

/// Checks a stage or step on its own; returns its id. The front matter is
/// searched for positions only when something is wrong.
fn check_stage(
    doc: &Document,
    stage: &Stage,
    place: Place,
    scale: &EmotionScale,
    personas: &[&str],
    out: &mut FileProblems,
) -> String {
    let (what, position) = match place {
        Place::Step(_, j) => ("step", j + 1),
        Place::Stage(i) => ("stage", i + 1),
        Place::All => ("stage", 1),
    };
    if stage.name.trim().is_empty() {
        out.error(|| {
            let loc = doc.locator();
            Diagnostic::error(format!("a {what} has no name"))
                .at(loc.start_of(loc.range(place)))
                .with_help(format!("give every {what} a `name:`"))
        });
    }
    for (persona, &value) in stage.emotion.iter().flat_map(|e| e.values()) {
        if !scale.contains(value) {
            out.error(|| {
                let loc = doc.locator();
                let whose = persona.map_or_else(String::new, |p| format!(" (for `{p}`)"));
                Diagnostic::error(format!(
                    "emotion {value}{whose} is outside the journey's scale ({} to {})",
                    scale.min, scale.max
                ))
                .at(loc.find(Some(&value.to_string()), "emotion", place))
                .with_help(format!(
                    "use a number from {} to {}, or widen `emotion_scale` for this journey",
                    scale.min, scale.max
                ))
            });
        }
    }
    let per_persona = [
        (
            "emotion",
            stage
                .emotion
                .as_ref()
                .map(|e| e.values().into_iter().filter_map(|(p, _)| p).collect::<Vec<_>>()),
        ),
        (
            "feeling",
            stage
                .feeling
                .as_ref()
                .map(|f| f.values().into_iter().filter_map(|(p, _)| p).collect::<Vec<_>>()),
        ),
    ];
    for (key, ids) in per_persona {
        for id in ids.unwrap_or_default() {
            if personas.contains(&id) {
                continue;
            }
            out.error(|| {
                let loc = doc.locator();
                let help = crate::diagnostics::did_you_mean(id, personas.iter().copied()).unwrap_or_else(|| {
                    match personas.is_empty() {
                        true => "list the journey's personas in `personas:` first, then give each its score".to_owned(),
                        false => format!("the journey's personas are: {}", personas.join(", ")),
                    }
                });
                Diagnostic::error(format!("`{id}` in `{key}:` is not one of the journey's personas"))
                    .at(loc
                        .value_in(id, key, place)
                        .unwrap_or_else(|| loc.find(None, key, place)))
                    .with_help(help)
            });
        }
    }
    match &stage.id {
        Some(id) if !is_valid_id(id) => {
            out.error(|| {
                let loc = doc.locator();
                Diagnostic::error(format!("invalid {what} id `{id}`"))
                    .at(loc.find(Some(id), "id", place))
                    .with_help(format!(
                        "ids use lowercase letters, digits and hyphens: try `{}`",
                        ids::slug_or(id, || "my-id".into())
                    ))
            });
            id.clone()
        }
        Some(id) => id.clone(),
        None => ids::stage_id(None, &stage.name, position),
    }
}

#[cfg(test)]
mod tests {
    use super::top_level_line;

    #[test]
    fn top_level_keys_are_found_with_their_line() {
        let front = "kind: journey\nstages:\n  - id: inner\n    kinds: x\nidentity: no\nid: buying\r\nid: second\n";
        assert_eq!(top_level_line(front, "kind"), Some((0, " journey")));
        assert_eq!(top_level_line(front, "id"), Some((5, " buying")));
        assert_eq!(
            top_level_line("title = \"A\"\nid = \"toml\"", "id"),
            Some((1, " \"toml\""))
        );
        assert_eq!(top_level_line("stages:\n  - kind: x\n", "kind"), None);
    }
}
