//! `journeybook new journey|persona|touchpoint|page NAME`: one ready page in
//! the folder its kind is read from, that builds with no errors. A journey
//! gets the stages of book.toml, today's `reviewed` date and the review
//! interval, so it starts fresh rather than stale.

use crate::config::Config;
use crate::content::Kind;
use crate::date::Date;
use crate::diagnostics::Diagnostic;
use crate::ids;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The review interval of a new journey when book.toml sets none: the one
/// `journeybook init` writes, so every new map is reviewed on some schedule.
pub const DEFAULT_REVIEW_EVERY: u32 = 90;

/// The kinds `new` writes, as the command line names them.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum NewKind {
    /// A journey map, under `journeys/`.
    Journey,
    /// A persona, under `personas/`.
    Persona,
    /// A touchpoint, under `touchpoints/`.
    Touchpoint,
    /// A plain page, anywhere else in content/.
    Page,
}

impl From<NewKind> for Kind {
    fn from(kind: NewKind) -> Kind {
        match kind {
            NewKind::Journey => Kind::Journey,
            NewKind::Persona => Kind::Persona,
            NewKind::Touchpoint => Kind::Touchpoint,
            NewKind::Page => Kind::Page,
        }
    }
}

/// Why `new` wrote nothing.
#[derive(Debug)]
pub enum Refusal {
    /// How it was called is wrong (a name that is not an id): exit code 2.
    Usage(Diagnostic),
    /// The project is in the way (the page exists, book.toml is broken,
    /// the disk refused): exit code 1.
    Failed(Diagnostic),
}

/// What to write.
pub struct NewPage<'a> {
    /// The project folder, holding book.toml.
    pub root: &'a Path,
    /// What to write.
    pub kind: Kind,
    /// The id and file name, e.g. `live-chat`; for a plain page, a path
    /// under content/ such as `guides/onboarding`.
    pub name: &'a str,
    /// The title (or a persona's or touchpoint's name); from the name when unset.
    pub title: Option<&'a str>,
    /// The `reviewed` date of a new journey.
    pub today: Date,
}

/// Writes the page and returns its path. Never replaces a file.
pub fn new_page(page: &NewPage<'_>) -> Result<PathBuf, Refusal> {
    let name = page.name.trim_end_matches(".md");
    check_name(page.kind, name)?;
    let config = Config::load(page.root).map_err(Refusal::Failed)?;
    let mut path = page.root.join(&config.build.content_dir);
    if let Some(folder) = page.kind.folder() {
        path.push(folder);
    }
    path.push(format!("{name}.md"));
    let title = page.title.map_or_else(|| title_from(name), str::to_owned);
    let text = match page.kind {
        Kind::Journey => journey(&title, &config, page.today),
        Kind::Persona => persona(&title),
        Kind::Touchpoint => touchpoint(&title),
        Kind::Page => plain_page(&title),
    };
    write_new(&path, &text)?;
    Ok(path)
}

/// Ids are what links and references use, so the file name must be one.
fn check_name(kind: Kind, name: &str) -> Result<(), Refusal> {
    let segments: Vec<&str> = name.split('/').collect();
    let nested = segments.len() > 1;
    let all_ids = segments.iter().all(|s| ids::is_valid_id(s));
    if all_ids && !(nested && kind != Kind::Page) {
        return Ok(());
    }
    let suggestion = segments
        .iter()
        .map(|s| ids::slug(s))
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>();
    let suggestion = if kind == Kind::Page {
        suggestion.join("/")
    } else {
        suggestion.join("-")
    };
    let mut d = Diagnostic::error(format!("`{name}` cannot name a {}: it is not an id", kind.name()));
    d = if suggestion.is_empty() {
        d.with_help("name it with lower-case letters, digits and hyphens, e.g. `live-chat`")
    } else {
        d.with_help(format!(
            "name it `{suggestion}` (lower-case letters, digits and hyphens); give the title with --title"
        ))
    };
    if nested && kind != Kind::Page {
        d.note = Some(format!(
            "a {} is written in the `{}` folder, so its name has no `/`",
            kind.name(),
            kind.folder().unwrap_or_default()
        ));
    }
    Err(Refusal::Usage(d))
}

/// `first-purchase` → "First purchase".
fn title_from(name: &str) -> String {
    crate::ids::words_of(name.rsplit('/').next().unwrap_or(name))
}

/// A YAML double-quoted scalar: JSON's string escapes are YAML's too, so
/// any title (quotes, colons, `#`) reads back as written.
pub(crate) fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

fn journey(title: &str, config: &Config, today: Date) -> String {
    let every = config.journeys.review_every.unwrap_or(DEFAULT_REVIEW_EVERY);
    let mut stages = String::new();
    for stage in &config.journeys.stages {
        stages.push_str(&format!(
            "  - name: {}\n    # goal: what the customer wants at this stage\n    # touchpoints: [touchpoint ids]\n",
            quoted(stage)
        ));
    }
    if stages.is_empty() {
        stages.push_str("  - name: First stage\n");
    }
    // Optional keys are comments: an empty value would show as an empty box.
    format!(
        "---\ntitle: {}\npersonas: []\nstate: current\n# owner: who keeps this map true\nreviewed: {today}\nreview_every: {every}\n# scenario: what the customer sets out to do\nstages:\n{stages}---\n## Findings\n\nWhat the map shows, and what to do about it.\n",
        quoted(title)
    )
}

pub(crate) fn persona(name: &str) -> String {
    format!(
        "---\nname: {}\n# role: what they do\n# quote: their motto, in their words\ngoals: []\nneeds: []\npain_points: []\n# channels: [touchpoint ids]\n---\nTheir story, in a few lines.\n",
        quoted(name)
    )
}

fn touchpoint(name: &str) -> String {
    format!(
        "---\nname: {}\nchannel: digital\ntype: direct\n# owner: the team that runs it\n---\nWhat this touchpoint is, and who runs it.\n",
        quoted(name)
    )
}

fn plain_page(title: &str) -> String {
    format!("---\ntitle: {}\n---\n", quoted(title))
}

/// Creates the file, failing if it exists: `create_new` decides, so a file
/// made between a check and the write is never replaced.
pub(crate) fn write_new(path: &Path, text: &str) -> Result<(), Refusal> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| {
            Refusal::Failed(Diagnostic::error(format!(
                "cannot create the folder `{}`: {e}",
                parent.display()
            )))
        })?;
    }
    let mut file = match fs::OpenOptions::new().write(true).create_new(true).open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(Refusal::Failed(
                Diagnostic::error(format!("refusing to overwrite `{}`: it already exists", path.display()))
                    .with_help("pick another name, or edit the existing page"),
            ));
        }
        Err(e) => {
            return Err(Refusal::Failed(Diagnostic::error(format!(
                "cannot write `{}`: {e}",
                path.display()
            ))))
        }
    };
    file.write_all(text.as_bytes())
        .map_err(|e| Refusal::Failed(Diagnostic::error(format!("cannot write `{}`: {e}", path.display()))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_come_from_the_name() {
        assert_eq!(title_from("first-purchase"), "First purchase");
        assert_eq!(title_from("guides/how-we-map"), "How we map");
    }

    #[test]
    fn names_must_be_ids() {
        assert!(check_name(Kind::Journey, "first-purchase").is_ok());
        assert!(check_name(Kind::Page, "guides/how-we-map").is_ok());
        let Err(Refusal::Usage(d)) = check_name(Kind::Touchpoint, "Live Chat") else {
            panic!("accepted `Live Chat`");
        };
        assert_eq!(
            d.help.as_deref(),
            Some("name it `live-chat` (lower-case letters, digits and hyphens); give the title with --title")
        );
        assert!(matches!(check_name(Kind::Persona, "a/b"), Err(Refusal::Usage(_))));
        assert!(matches!(check_name(Kind::Page, "../x"), Err(Refusal::Usage(_))));
    }
}
