//! Content: finding the files of a project (load) and reading each into a
//! typed document (parse).

mod discover;
mod frontmatter;
pub mod kept_front;
mod limits;
mod locate;
pub mod model;
mod parse;
mod read_front;
mod toml_front;
mod typed;
mod wording;
mod yaml;

pub(crate) use discover::readme_folder;
pub use discover::{discover, is_ignored_name, Sources};
pub use kept_front::FrontMemo;
pub use locate::{Locator, Place};
pub use parse::{parse_all, parse_document, LeftOutDraft, Parsed};
pub(crate) use wording::{plain_serde_message, Syntax};

use serde::Serialize;
use std::path::PathBuf;

/// A Markdown file as read from disk.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Relative to the project root, for messages: `content/journeys/buy.md`.
    pub path: PathBuf,
    /// Relative to the content folder, with `/` separators: `journeys/buy.md`.
    pub content_path: String,
    /// The file's text, front matter included (the body goes once it is rendered).
    pub text: String,
}

/// A non-Markdown file of content/, copied as it is.
#[derive(Debug, Clone, Serialize)]
pub struct Asset {
    /// Where the file is on disk, to copy it from.
    pub source: PathBuf,
    /// Relative to the content folder, with `/` separators.
    pub content_path: String,
}

/// What a page of content is, from `kind:` or its folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A persona: by default, a file under `personas/`.
    Persona,
    /// A journey map: by default, a file under `journeys/`.
    Journey,
    /// A touchpoint: by default, a file under `touchpoints/`.
    Touchpoint,
    /// A plain page: any other Markdown file.
    Page,
}

impl Kind {
    /// Every kind's name as `kind:` takes it.
    pub const NAMES: [&'static str; 4] = ["persona", "journey", "touchpoint", "page"];

    /// The kind `kind:` names; none for an unknown name.
    pub fn from_name(name: &str) -> Option<Kind> {
        match name {
            "persona" => Some(Kind::Persona),
            "journey" => Some(Kind::Journey),
            "touchpoint" => Some(Kind::Touchpoint),
            "page" => Some(Kind::Page),
            _ => None,
        }
    }

    /// The kind's name as `kind:` takes it, e.g. `persona`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Persona => "persona",
            Kind::Journey => "journey",
            Kind::Touchpoint => "touchpoint",
            Kind::Page => "page",
        }
    }

    /// The folder of content/ whose files default to this kind, and where
    /// pages of this kind are written in the site.
    pub fn folder(self) -> Option<&'static str> {
        match self {
            Kind::Persona => Some("personas"),
            Kind::Journey => Some("journeys"),
            Kind::Touchpoint => Some("touchpoints"),
            Kind::Page => None,
        }
    }

    /// The kind a file gets from its folder when its front matter names none.
    pub fn default_for(content_path: &str) -> Kind {
        match content_path.split('/').next() {
            Some("personas") if content_path.contains('/') => Kind::Persona,
            Some("journeys") if content_path.contains('/') => Kind::Journey,
            Some("touchpoints") if content_path.contains('/') => Kind::Touchpoint,
            _ => Kind::Page,
        }
    }
}

/// A Markdown file read into its typed front matter and body.
#[derive(Debug, Clone)]
pub struct Document {
    /// The file as read.
    pub source: SourceFile,
    /// Its kind, from `kind:` or its folder.
    pub kind: Kind,
    /// Its id: `id:`, else the file stem (for a plain page, its content path without `.md`).
    pub id: String,
    /// The front matter every kind shares: title, description, weight, tags, template, draft.
    pub meta: model::Meta,
    /// The front matter particular to its kind; emptied once the site model is built.
    pub data: model::KindData,
    /// Where the Markdown after the front matter starts in the source text.
    pub body_start: usize,
    /// The 1-based line of the file where the body starts.
    pub body_line: usize,
    /// Where the front matter is in the source text, and the file line it starts on.
    pub front_matter: std::ops::Range<usize>,
    /// The file line of the front matter's first line (the one after `---`).
    pub front_matter_line: usize,
    /// Whether the front matter could not be read: the page keeps its kind,
    /// id and title so links to it resolve, and nothing else is checked.
    pub unreadable: bool,
    /// Where the lines of the text start, made the first time a problem is
    /// located, then shared by every later one.
    pub(crate) line_index: std::sync::OnceLock<crate::lines::LineIndex>,
}

impl Document {
    /// Whether this is `content/index.md`, the home page.
    pub fn is_home(&self) -> bool {
        self.kind == Kind::Page && self.source.content_path == "index.md"
    }

    /// The Markdown after the front matter.
    pub fn body(&self) -> &str {
        &self.source.text[self.body_start..]
    }

    /// Frees the Markdown once it is rendered; the front matter stays for
    /// error messages, and [`Document::body`] is empty from then on.
    pub fn drop_body(&mut self) {
        self.source.text.truncate(self.body_start);
        self.source.text.shrink_to_fit();
        self.line_index = std::sync::OnceLock::new();
    }

    /// Takes the parsed front matter out once the site model is built from
    /// it, to be freed; the text stays for error messages and for telling
    /// edits apart.
    pub fn take_data(&mut self) -> model::KindData {
        std::mem::replace(&mut self.data, model::KindData::Page)
    }

    /// The front matter's text, without the `---` lines.
    pub fn front_matter(&self) -> &str {
        &self.source.text[self.front_matter.clone()]
    }

    /// The text, for locating problems in it.
    pub fn source_text(&self) -> crate::diagnostics::SourceText<'_> {
        crate::diagnostics::SourceText::with_lines(&self.source.path, &self.source.text, &self.line_index)
    }

    /// A locator for values in this document's front matter, for messages.
    pub fn locator(&self) -> Locator<'_> {
        Locator::new(self.source_text(), self.front_matter.clone(), self.front_matter_line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_set_the_default_kind() {
        assert_eq!(Kind::default_for("journeys/buy.md"), Kind::Journey);
        assert_eq!(Kind::default_for("personas/sub/alex.md"), Kind::Persona);
        assert_eq!(Kind::default_for("journeys.md"), Kind::Page);
        assert_eq!(Kind::default_for("guides/workshop.md"), Kind::Page);
    }
}
