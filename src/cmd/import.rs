//! `journeybook import mermaid FILE`: a Mermaid `journey` diagram becomes a
//! journey page. Sections become stages, tasks become steps whose emotion is
//! the task's score on Mermaid's own 1–5 scale (so the page declares
//! `emotion_scale: {min: 1, max: 5}`), and the actors become the journey's
//! personas, with a stub page for each one the project does not have yet.

use super::new::{persona, quoted, write_new, Refusal};
use crate::config::Config;
use crate::content::Kind;
use crate::diagnostics::{Diagnostic, SourceText};
use crate::ids;
use crate::mermaid::{self, break_lines, Diagram};
use std::collections::HashSet;
use std::path::Path;

/// The formats `import` reads, as the command line names them.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ImportFormat {
    /// A Mermaid `journey` diagram (a `.mmd` file, or the text of a ```mermaid block).
    Mermaid,
}

/// What to import, and where.
pub struct Import<'a> {
    /// The project folder, holding book.toml.
    pub root: &'a Path,
    /// The diagram's file, as named on the command line.
    pub file: &'a Path,
    /// Where to write the journey; by default the journeys folder, named from the title.
    pub out: Option<&'a Path>,
    /// Whether to write a stub page for each actor with no persona page yet.
    pub write_personas: bool,
}

/// A persona the journey names: its id and the actor's name as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// The persona id: the actor's name as a slug.
    pub id: String,
    /// The name as the diagram writes it.
    pub name: String,
}

/// Imports the diagram; returns the lines that say what was written.
pub fn import(request: &Import<'_>) -> Result<Vec<String>, Diagnostic> {
    let text = read(request.file)?;
    let diagram = mermaid::parse(&text).map_err(|p| {
        let source = SourceText::new(request.file, &text);
        Diagnostic::error(p.message)
            .at(source.location_at_offset(p.offset, p.len))
            .with_help(p.help)
    })?;
    let config = Config::load(request.root)?;
    let content = request.root.join(&config.build.content_dir);
    let title = title_of(&diagram, request.file);
    let path = match request.out {
        Some(out) => out.to_path_buf(),
        None => content
            .join(Kind::Journey.folder().unwrap_or("journeys"))
            .join(format!("{}.md", ids::slug_or(&title, || "imported-journey".into()))),
    };
    check_file_name(&path)?;
    if path.exists() {
        return Err(
            Diagnostic::error(format!("refusing to overwrite `{}`: it already exists", path.display()))
                .with_help("write the journey elsewhere with `-o OUT.md`, or remove the existing page first"),
        );
    }
    let actors = actors(&diagram);
    let source_name = request.file.file_name().map_or_else(
        || request.file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    write(&path, &journey_page(&diagram, &title, &actors, &source_name))?;
    let mut lines = vec![format!("  created {}", path.display())];
    let personas = content.join(Kind::Persona.folder().unwrap_or("personas"));
    for actor in &actors {
        let page = personas.join(format!("{}.md", actor.id));
        if page.exists() {
            lines.push(format!("  kept    {} (persona `{}` exists)", page.display(), actor.id));
        } else if request.write_personas {
            write(&page, &persona(&actor.name))?;
            lines.push(format!("  created {}", page.display()));
        } else {
            lines.push(format!(
                "  note: persona `{}` has no page yet: write {} before building",
                actor.id,
                page.display()
            ));
        }
    }
    Ok(lines)
}

fn read(file: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(file).map_err(|e| {
        Diagnostic::error(format!("cannot read `{}`: {e}", file.display()))
            .with_help("name a file that holds a Mermaid journey diagram")
    })?;
    String::from_utf8(bytes).map_err(|_| {
        Diagnostic::error(format!("`{}` is not UTF-8 text", file.display()))
            .at_file(file)
            .with_help("save the diagram with UTF-8 encoding")
    })
}

fn write(path: &Path, text: &str) -> Result<(), Diagnostic> {
    write_new(path, text).map_err(|refusal| match refusal {
        Refusal::Usage(d) | Refusal::Failed(d) => d,
    })
}

/// The journey's id is its file name, so the name must be an id.
fn check_file_name(path: &Path) -> Result<(), Diagnostic> {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if ids::is_valid_id(&stem) && path.extension().is_some_and(|e| e == "md") {
        return Ok(());
    }
    let suggestion = ids::slug_or(&stem, || "imported-journey".into());
    Err(Diagnostic::error(format!(
        "`{}` cannot hold a journey: its name is not an id",
        path.display()
    ))
    .with_help(format!(
        "name the file `{suggestion}.md` (lower-case letters, digits and hyphens): the name is the journey's id"
    )))
}

/// The diagram's title, else its accessible title, else the file's name.
fn title_of(diagram: &Diagram, file: &Path) -> String {
    [diagram.title.trim(), diagram.acc_title.trim()]
        .into_iter()
        .find(|t| !t.is_empty())
        .map(str::to_owned)
        .unwrap_or_else(|| {
            let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned());
            stem.unwrap_or_else(|| "Imported journey".into())
                .replace(['-', '_'], " ")
        })
}

/// Every actor once, in the order they first take part; actors whose
/// names give the same id are one persona (the first spelling names it).
pub fn actors(diagram: &Diagram) -> Vec<Actor> {
    let mut seen = HashSet::new();
    let mut actors = Vec::new();
    for (_, task) in diagram.tasks() {
        for name in task.people.iter().filter(|p| !p.is_empty()) {
            let id = ids::slug_or(name, || format!("actor-{}", actors.len() + 1));
            if seen.insert(id.clone()) {
                actors.push(Actor { id, name: name.clone() });
            }
        }
    }
    actors
}

/// A name as one line: Mermaid's `<br>` breaks become spaces.
fn one_line(name: &str) -> String {
    break_lines(name)
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Hands out ids unique among those given so far: the slug of the name,
/// then `-2`, `-3`, … for a name met again. Returns the id and whether it
/// differs from the one journeybook would derive (and so must be written).
struct UniqueIds(HashSet<String>);

impl UniqueIds {
    fn next(&mut self, name: &str, position: usize) -> (String, bool) {
        let base = ids::stage_id(None, name, position);
        let mut id = base.clone();
        let mut n = 2;
        while !self.0.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        let written = id != base;
        (id, written)
    }
}

/// The journey page's text: front matter in the content format, then a line on where it came from.
pub fn journey_page(diagram: &Diagram, title: &str, actors: &[Actor], source_name: &str) -> String {
    let mut out = format!("---\ntitle: {}\n", quoted(title));
    if let Some(description) = description(diagram, title) {
        out.push_str(&format!("description: {}\n", quoted(&description)));
    }
    let ids: Vec<&str> = actors.iter().map(|a| a.id.as_str()).collect();
    out.push_str(&format!("personas: [{}]\n", ids.join(", ")));
    // Mermaid scores run from 1 (worst) to 5 (best): the page says so, so the
    // scores keep their meaning whatever book.toml's scale is.
    out.push_str("emotion_scale: {min: 1, max: 5}\nstages:\n");
    if diagram.sections.is_empty() {
        out.push_str("  []\n");
    }
    let mut stage_ids = UniqueIds(HashSet::new());
    for (i, section) in diagram.sections.iter().enumerate() {
        let name = match section.name.as_deref().map(one_line) {
            Some(name) if !name.is_empty() => name,
            // Tasks written before the first `section`.
            Some(_) | None => format!("Section {}", i + 1),
        };
        out.push_str(&format!("  - name: {}\n", quoted(&name)));
        let (id, written) = stage_ids.next(&name, i + 1);
        if written {
            out.push_str(&format!("    id: {id}\n"));
        }
        if section.tasks.is_empty() {
            continue;
        }
        out.push_str("    steps:\n");
        let mut step_ids = UniqueIds(HashSet::new());
        for (j, task) in section.tasks.iter().enumerate() {
            let name = Some(one_line(&task.name))
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| format!("Task {}", j + 1));
            out.push_str(&format!("      - name: {}\n", quoted(&name)));
            let (id, written) = step_ids.next(&name, j + 1);
            if written {
                out.push_str(&format!("        id: {id}\n"));
            }
            out.push_str(&format!("        emotion: {}\n", task.score));
            let people = task.actors();
            if !people.is_empty() {
                // Steps have no key for who takes part: kept for the writer as a comment.
                out.push_str(&format!("        # actors: {}\n", people.join(", ")));
            }
        }
    }
    out.push_str(&format!(
        "---\nImported from the Mermaid journey diagram `{source_name}`. Each step's emotion is the task's score, from 1 (worst) to 5 (best).\n"
    ));
    if !diagram.acc_descr.is_empty() {
        out.push('\n');
        out.push_str(&diagram.acc_descr);
        out.push('\n');
    }
    out
}

/// One line for index pages: the accessible description, else an
/// accessible title that says more than the title.
fn description(diagram: &Diagram, title: &str) -> Option<String> {
    let descr = diagram.acc_descr.lines().map(str::trim).collect::<Vec<_>>().join(" ");
    if !descr.is_empty() {
        return Some(descr);
    }
    let acc_title = diagram.acc_title.trim();
    (!acc_title.is_empty() && acc_title != title).then(|| acc_title.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_names_get_numbered_ids() {
        let mut ids = UniqueIds(HashSet::new());
        assert_eq!(ids.next("Sit down", 1), ("sit-down".into(), false));
        assert_eq!(ids.next("Sit down!", 2), ("sit-down-2".into(), true));
        assert_eq!(ids.next("???", 3), ("3".into(), false));
    }

    #[test]
    fn actors_are_slugged_once_each_in_order() {
        let d = mermaid::parse("journey\nsection A\nTea: 5: Me, Big Cat\nNap: 3: me, Dog, \nWalk: 2:").expect("parses");
        let all = actors(&d);
        let got: Vec<(&str, &str)> = all.iter().map(|a| (a.id.as_str(), a.name.as_str())).collect();
        assert_eq!(got, [("me", "Me"), ("big-cat", "Big Cat"), ("dog", "Dog")]);
    }
}
