//! Reading each source file into a typed [`Document`], with every problem
//! that can be seen inside the one file reported as a diagnostic.

use super::frontmatter::{split, Unclosed};
use super::limits;
use super::model::{JourneyFront, KindData, PageFront, PersonaFront, Stage, TouchpointFront};
use super::yaml::from_front_matter;
use super::{Document, Kind, Place, SourceFile};
use crate::config::{Config, EmotionScale};
use crate::diagnostics::{did_you_mean, help_for_serde_message, Diagnostic, FileProblems, SourceText};
use crate::ids::{self, is_valid_id};
use rayon::prelude::*;
use serde::de::DeserializeOwned;
use std::collections::HashSet;

/// Parses every source in parallel. Drafts are dropped unless `drafts` is set.
pub fn parse_all(sources: Vec<SourceFile>, config: &Config, drafts: bool) -> (Vec<Document>, Vec<Diagnostic>) {
    let results: Vec<(Option<Document>, Vec<Diagnostic>)> =
        sources.into_par_iter().map(|s| parse_document(s, config)).collect();
    let mut documents = Vec::with_capacity(results.len());
    let mut diagnostics = Vec::new();
    for (doc, diags) in results {
        diagnostics.extend(diags);
        if let Some(doc) = doc.filter(|d| drafts || !d.meta.draft) {
            documents.push(doc);
        }
    }
    (documents, diagnostics)
}

/// Reads one file. A document comes back whenever the front matter could be
/// typed, even with diagnostics, so later stages can still check the rest.
pub fn parse_document(source: SourceFile, config: &Config) -> (Option<Document>, Vec<Diagnostic>) {
    let text = SourceText::new(&source.path, &source.text);
    let parts = match split(&source.text) {
        Ok(parts) => parts,
        Err(Unclosed) => {
            let d = Diagnostic::error("unclosed front matter: no `---` line ends it")
                .at(text.location(1, Some(1), 3))
                .with_help("add a line `---` after the last front matter line, before the Markdown");
            return (None, vec![d]);
        }
    };
    // The parts are slices of the source text (never literals): keep their positions, not copies.
    let offset = |part: &str| part.as_ptr() as usize - source.text.as_ptr() as usize;
    let fm_start = offset(parts.front_matter);
    let front_matter_range = fm_start..fm_start + parts.front_matter.len();
    let front_matter = parts.front_matter;
    let front_matter_line = parts.front_matter_line;
    let body_start = offset(parts.body);
    let body_line = parts.body_line;

    if let Err(too_much) = limits::check(front_matter) {
        return (None, vec![limits::diagnostic(&text, fm_start, too_much)]);
    }
    let kind = match kind_of(&source, front_matter, front_matter_line) {
        Ok(kind) => kind,
        Err(d) => return (None, vec![d]),
    };
    let typed = match kind {
        Kind::Page => {
            typed::<PageFront>(&text, front_matter, front_matter_line).map(|f| (f.meta(), f.id.clone(), KindData::Page))
        }
        Kind::Persona => typed::<PersonaFront>(&text, front_matter, front_matter_line)
            .map(|f| (f.meta(), f.id.clone(), KindData::Persona(Box::new(f)))),
        Kind::Journey => typed::<JourneyFront>(&text, front_matter, front_matter_line)
            .map(|f| (f.meta(), f.id.clone(), KindData::Journey(Box::new(f)))),
        Kind::Touchpoint => typed::<TouchpointFront>(&text, front_matter, front_matter_line)
            .map(|f| (f.meta(), f.id.clone(), KindData::Touchpoint(Box::new(f)))),
    };
    let (meta, explicit_id, data) = match typed {
        Ok(parts) => parts,
        Err(d) => return (None, vec![d]),
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
        line_index: Default::default(),
    };
    let mut problems = FileProblems::default();
    check_id(&doc, explicit_id.is_some(), &stem, &mut problems);
    if let KindData::Journey(journey) = &doc.data {
        check_journey(&doc, journey, config, &mut problems);
    }
    let diagnostics = problems.finish(&doc.source.path);
    (Some(doc), diagnostics)
}

/// The `kind:` key of the front matter, or the folder's default.
fn kind_of(source: &SourceFile, front_matter: &str, first_line: usize) -> Result<Kind, Diagnostic> {
    let declared = front_matter.lines().enumerate().find_map(|(i, line)| {
        let value = line.strip_prefix("kind:")?;
        let value = value.split(" #").next().unwrap_or(value).trim();
        Some((i, value.trim_matches(['"', '\'']).to_owned()))
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

fn typed<T: DeserializeOwned + Default>(text: &SourceText<'_>, yaml: &str, first_line: usize) -> Result<T, Diagnostic> {
    from_front_matter::<T>(yaml).map_err(|e| {
        // serde_yaml prefixes nested errors with their path: `stages[1].kpis[0]: unknown field ...`.
        let (path, message) = match e.message.split_once(": ") {
            Some((path, rest)) if !path.contains(' ') && !path.is_empty() => (Some(path), rest.to_owned()),
            _ => (None, e.message.clone()),
        };
        let duplicate = duplicate_key(text, yaml, first_line, &message);
        let help = help_for_serde_message(&message)
            .or_else(|| duplicate.as_ref().map(|(_, help)| help.clone()))
            .or_else(|| type_help(&message));
        let mut what = if message.starts_with("unknown field") || message.starts_with("invalid") {
            match (&help, message.split_once(", expected one of")) {
                (Some(_), Some((short, _))) => short.to_owned(),
                _ => message.clone(),
            }
        } else {
            format!("invalid front matter: {message}")
        };
        if let Some(path) = path {
            what.push_str(&format!(" (at `{path}`)"));
        }
        let d = Diagnostic::error(what).with_help_opt(help);
        // Errors raised while converting a value (dates) point at the enclosing
        // map; the quoted value itself is a better place.
        let quoted = message
            .split('`')
            .nth(1)
            .filter(|_| message.starts_with("invalid date"));
        let by_value = quoted.and_then(|value| {
            let index = yaml.lines().position(|l| l.contains(value))?;
            let line = first_line + index;
            let col = yaml.lines().nth(index)?.find(value)?;
            Some(text.location(line, Some(col + 1), value.chars().count()))
        });
        let by_value = by_value.or(duplicate.map(|(location, _)| location));
        match (by_value, e.line) {
            (Some(location), _) => d.at(location),
            (None, Some(line)) => {
                let file_line = first_line + line - 1;
                let width = word_width(text, file_line, e.column);
                d.at(text.location(file_line, e.column, width))
            }
            (None, None) => d.at(text.location(first_line.saturating_sub(1).max(1), None, 1)),
        }
    })
}

/// Keys that name the same field.
const ALIASES: [(&str, &str); 3] = [
    ("personas", "persona"),
    ("role", "occupation"),
    ("behaviors", "behaviours"),
];

/// For "duplicate field `x`": where the second of the two keys is, and help.
fn duplicate_key(
    text: &SourceText<'_>,
    yaml: &str,
    first_line: usize,
    message: &str,
) -> Option<(crate::diagnostics::Location, String)> {
    let field = message.strip_prefix("duplicate field `")?.split('`').next()?;
    let alias = ALIASES
        .iter()
        .find_map(|(a, b)| (*a == field || *b == field).then_some(if *a == field { *b } else { *a }));
    let keys: Vec<&str> = std::iter::once(field).chain(alias).collect();
    let (index, line) = yaml
        .lines()
        .enumerate()
        .filter(|(_, line)| {
            let bare = line.trim_start();
            keys.iter()
                .any(|k| bare.strip_prefix(k).is_some_and(|rest| rest.starts_with(':')))
        })
        .nth(1)?;
    let column = line.len() - line.trim_start().len() + 1;
    let key_len = line.trim_start().split(':').next().map_or(1, str::len);
    let help = match alias {
        Some(alias) => format!("`{field}` and `{alias}` are the same key: keep one of them"),
        None => format!("`{field}` is written twice: keep one"),
    };
    Some((text.location(first_line + index, Some(column), key_len), help))
}

/// How wide the word at a position is, so the caret underlines all of it.
fn word_width(text: &SourceText<'_>, line: usize, column: Option<usize>) -> usize {
    let Some(col) = column else { return 1 };
    text.text
        .lines()
        .nth(line - 1)
        .map(|l| {
            l.chars()
                .skip(col - 1)
                .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '-'))
                .count()
        })
        .unwrap_or(1)
        .max(1)
}

fn type_help(message: &str) -> Option<String> {
    if message.starts_with("invalid date") {
        Some("dates are written YYYY-MM-DD and must exist in the calendar".into())
    } else if message.starts_with("invalid type") && message.contains("expected a list") {
        Some("write a list, e.g. `[first, second]`, or a single value".into())
    } else if message.contains("expected f64") || message.contains("expected i64") || message.contains("expected u32") {
        Some("write a number without quotes".into())
    } else if message.contains("expected a boolean") {
        Some("write `true` or `false`".into())
    } else if message.contains("did not find expected") || message.contains("mapping values are not allowed") {
        Some("check the indentation, and quote text that contains `: ` or starts with a special character".into())
    } else {
        None
    }
}

fn check_id(doc: &Document, explicit: bool, stem: &str, out: &mut FileProblems) {
    if doc.kind == Kind::Page && !explicit {
        return;
    }
    if is_valid_id(&doc.id) {
        return;
    }
    out.error(|| {
        let loc = doc.locator();
        let suggestion = ids::slug_or(&doc.id, || "my-id".into());
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
    let mut stage_ids = HashSet::new();
    for (i, stage) in journey.stages.iter().enumerate() {
        let id = check_stage(doc, stage, Place::Stage(i), &scale, out);
        if !id.is_empty() && !stage_ids.insert(id.clone()) {
            out.error(|| {
                let loc = doc.locator();
                Diagnostic::error(format!("two stages have the id `{id}`"))
                    .at(loc.find(None, "name", Place::Stage(i)))
                    .with_help("give each stage a distinct name, or set a distinct `id:` on one of them")
            });
        }
        for (j, step) in stage.steps.iter().enumerate() {
            check_stage(doc, step, Place::Step(i, j), &scale, out);
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
fn check_stage(doc: &Document, stage: &Stage, place: Place, scale: &EmotionScale, out: &mut FileProblems) -> String {
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
    if let Some(value) = stage.emotion {
        if !scale.contains(value) {
            out.error(|| {
                let loc = doc.locator();
                Diagnostic::error(format!(
                    "emotion {value} is outside the journey's scale ({} to {})",
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
