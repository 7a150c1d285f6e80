//! book.toml: every key optional, unknown keys refused with a suggestion.

use crate::content::Syntax;
use crate::diagnostics::{Diagnostic, SourceText};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

mod journeys;
pub use journeys::{CustomLane, EmotionScale, JourneysConfig, Lane, MapLane};
mod lane_checks;

/// The configuration file's name, at the project root.
pub const CONFIG_FILE: &str = "book.toml";

/// A project's book.toml, with every default filled in.
#[derive(Debug, Clone, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// The `[book]` table: what the book is called and who wrote it.
    pub book: BookConfig,
    /// The `[build]` table: where content is read from and the site written to.
    pub build: BuildConfig,
    /// The `[journeys]` table: stage order, emotion scale, lanes and review interval.
    pub journeys: JourneysConfig,
    /// The `[serve]` table: the preview server's settings.
    pub serve: ServeConfig,
    /// The `[search]` table: whether the site has search, and what it leaves out.
    pub search: SearchConfig,
    /// The `[markdown]` table: what becomes of raw HTML.
    pub markdown: MarkdownConfig,
}

/// The `[markdown]` table of book.toml.
#[derive(Debug, Clone, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct MarkdownConfig {
    /// `raw-html`: `sanitise` (the default) keeps safe HTML only; `allow` keeps it as written.
    pub raw_html: crate::sanitize::RawHtml,
    /// `smart-punctuation`: "quotes" become curly, `--` and `---` dashes, `...` an ellipsis (default false).
    pub smart_punctuation: bool,
}

/// The `[search]` table of book.toml.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct SearchConfig {
    /// `enable`: write the search index and show the search field (default true).
    pub enable: bool,
    /// `exclude`: content paths left out of search: files, folders, or
    /// patterns with `*` (within a folder) and `**` (across folders).
    pub exclude: Vec<String>,
}

impl Default for SearchConfig {
    fn default() -> Self {
        SearchConfig {
            enable: true,
            exclude: Vec::new(),
        }
    }
}

/// The `[book]` table of book.toml.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct BookConfig {
    /// `title`: the book's title (default "Customer journeys").
    pub title: String,
    /// `description`: one line about the book, for the home page and `<meta>`.
    pub description: Option<String>,
    /// `authors`: who wrote the book.
    pub authors: Vec<String>,
    /// `language`: the content's language, e.g. `en` (the default); picks the theme's words.
    pub language: String,
    /// `site-url`: where the site is published, e.g. `https://cx.example.com/playbook/`:
    /// gives `sitemap.xml`, canonical links and absolute URLs in the exports.
    #[serde(rename = "site-url")]
    pub site_url: Option<String>,
}

impl Default for BookConfig {
    fn default() -> Self {
        BookConfig {
            title: "Customer journeys".into(),
            description: None,
            authors: Vec::new(),
            language: "en".into(),
            site_url: None,
        }
    }
}

/// The `[build]` table of book.toml.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct BuildConfig {
    /// `content-dir`: the folder of Markdown pages, relative to the project (default `content`).
    pub content_dir: PathBuf,
    /// `output-dir`: where the site is written, relative to the project (default `site`).
    pub output_dir: PathBuf,
    /// `theme`: a folder under themes/, or `default` for the built-in theme.
    pub theme: String,
    /// Extension: also write the site model as `journeybook.json`, for other
    /// tools. Off unless asked for: at scale it is a third of the output.
    pub export_json: bool,
    /// `export-csv`: also write the roll-ups as CSV files under `exports/`,
    /// for spreadsheets (see `crate::export`).
    pub export_csv: bool,
    /// `strict`: warnings fail `build`, `check` and `watch`, as `--strict` does (default false).
    pub strict: bool,
}

impl Default for BuildConfig {
    fn default() -> Self {
        BuildConfig {
            content_dir: "content".into(),
            output_dir: "site".into(),
            theme: "default".into(),
            export_json: false,
            export_csv: false,
            strict: false,
        }
    }
}

/// The `[serve]` table of book.toml.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ServeConfig {
    /// `port`: the preview server's port unless `--port` is given (default 3000).
    pub port: u16,
}

impl Default for ServeConfig {
    fn default() -> Self {
        ServeConfig { port: 3000 }
    }
}

impl Config {
    /// Reads `book.toml` in `root`; a missing file means all defaults. The
    /// first problem only: see [`Config::load_all`].
    pub fn load(root: &Path) -> Result<Config, Diagnostic> {
        Config::load_all(root).map_err(|mut all| all.remove(0))
    }

    /// Reads `book.toml` in `root`, with every problem of the file when it
    /// has any (never an empty list).
    pub fn load_all(root: &Path) -> Result<Config, Vec<Diagnostic>> {
        let path = root.join(CONFIG_FILE);
        let text = match std::fs::read(&path) {
            Ok(bytes) => String::from_utf8(bytes).map_err(|_| {
                vec![Diagnostic::error("book.toml is not valid UTF-8")
                    .at_file(Path::new(CONFIG_FILE))
                    .with_help("save the file with UTF-8 encoding")]
            })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => {
                return Err(vec![
                    Diagnostic::error(format!("cannot read book.toml: {e}")).at_file(Path::new(CONFIG_FILE))
                ])
            }
        };
        Config::parse_all(&text)
    }

    /// Reads book.toml's text, refusing unknown keys and invalid values with
    /// a located error; the first problem only.
    pub fn parse(text: &str) -> Result<Config, Diagnostic> {
        Config::parse_all(text).map_err(|mut all| all.remove(0))
    }

    /// Reads book.toml's text with every unknown key and invalid value
    /// reported: each is taken out in turn and the rest read again.
    pub fn parse_all(text: &str) -> Result<Config, Vec<Diagnostic>> {
        let source = SourceText::new(Path::new(CONFIG_FILE), text);
        let first = match toml::from_str::<Config>(text) {
            Ok(config) => return config.validate(&source).map(|()| config),
            Err(e) => e,
        };
        let reader_place = match first.span() {
            Some(span) => source.location_at_offset(span.start, span.len().max(1)),
            None => source.location_at_offset(0, 1),
        };
        let report = |message: &str, key: &str, at| {
            let (what, help) = crate::content::plain_serde_message(key, message, Syntax::Toml);
            Diagnostic::error(format!("in book.toml: {what}"))
                .with_help_opt(help)
                .at(at)
        };
        // Not even TOML: nothing more can be read.
        let Ok(mut value) = toml::from_str::<toml::Table>(text).map(toml::Value::Table) else {
            let message = first.message().trim().to_owned();
            return Err(vec![report(&message, "", reader_place)]);
        };
        let mut diagnostics = Vec::new();
        for round in 0..50 {
            let error = match serde_path_to_error::deserialize::<_, Config>(value.clone()) {
                Ok(_) => break,
                Err(error) => error,
            };
            let path: Vec<String> = error
                .path()
                .iter()
                .map(|segment| match segment {
                    serde_path_to_error::Segment::Seq { index } => index.to_string(),
                    other => other.to_string(),
                })
                .collect();
            let message = error.inner().message().trim().to_owned();
            let key = path
                .iter()
                .rev()
                .find(|k| k.parse::<usize>().is_err())
                .cloned()
                .unwrap_or_default();
            // The first mistake is where the reader stopped: its place is exact.
            let at = match round {
                0 => reader_place.clone(),
                _ => locate_key(&source, &path),
            };
            diagnostics.push(report(&message, &key, at));
            if !remove_key(&mut value, &path) {
                break;
            }
        }
        if diagnostics.is_empty() {
            diagnostics.push(report(first.message().trim(), "", reader_place));
        }
        crate::diagnostics::sort(&mut diagnostics);
        Err(diagnostics)
    }

    fn validate(&self, source: &SourceText<'_>) -> Result<(), Vec<Diagnostic>> {
        let locate = |key: &str| {
            let offset = source.text.find(key).unwrap_or(0);
            source.location_at_offset(offset, key.len())
        };
        let mut problems = Vec::new();
        if !self.journeys.emotion_scale.is_valid() {
            problems.push(
                Diagnostic::error("`emotion-scale` needs `min` lower than `max`")
                    .at(locate("emotion-scale"))
                    .with_help("for example: emotion-scale = { min = -2, max = 2 }"),
            );
        }
        if self.build.theme.is_empty() || self.build.theme.contains(['/', '\\']) {
            problems.push(
                Diagnostic::error(format!("invalid theme name `{}`", self.build.theme))
                    .at(locate("theme"))
                    .with_help("name a folder under themes/, or `default` for the built-in theme"),
            );
        }
        let content_dir = crate::paths::slash_path(&self.build.content_dir);
        if self.build.content_dir.has_root() || crate::paths::normalise(&content_dir).is_none_or(|p| p.is_empty()) {
            problems.push(
                Diagnostic::error(format!(
                    "`content-dir` `{}` is not a folder inside the project",
                    self.build.content_dir.display()
                ))
                .at(locate("content-dir"))
                .with_help("give the content folder's path relative to the project, e.g. `content-dir = \"content\"`"),
            );
        }
        if let Some(problem) = crate::export::site_url::check(self.book.site_url.as_deref(), &locate) {
            problems.push(problem);
        }
        problems.extend(lane_checks::check(&self.journeys, source));
        match problems.is_empty() {
            true => Ok(()),
            false => Err(problems),
        }
    }
}

/// Takes the key at `path` out of the table; false when it cannot.
fn remove_key(value: &mut toml::Value, path: &[String]) -> bool {
    let Some((last, parents)) = path.split_last() else {
        return false;
    };
    let mut at = value;
    for key in parents {
        at = match at {
            toml::Value::Table(table) => match table.get_mut(key.as_str()) {
                Some(next) => next,
                None => return false,
            },
            toml::Value::Array(items) => match key.parse::<usize>().ok().and_then(|i| items.get_mut(i)) {
                Some(next) => next,
                None => return false,
            },
            _ => return false,
        };
    }
    match at {
        toml::Value::Table(table) => table.remove(last.as_str()).is_some(),
        toml::Value::Array(items) => match last.parse::<usize>() {
            Ok(i) if i < items.len() => {
                items.remove(i);
                true
            }
            _ => false,
        },
        _ => false,
    }
}

/// Where a key of a table is written: the `[table]` header, then the key's line in it.
fn locate_key(source: &SourceText<'_>, path: &[String]) -> crate::diagnostics::Location {
    let mut offset = 0;
    let mut table = String::new();
    for (depth, key) in path.iter().enumerate() {
        let is_last = depth + 1 == path.len();
        if !is_last {
            if !table.is_empty() {
                table.push('.');
            }
            table.push_str(key);
            let header = format!("[{table}]");
            if let Some(found) = source.text[offset..].find(&header) {
                offset += found + header.len();
            }
            continue;
        }
        let mut line_start = offset;
        for line in source.text[offset..].split_inclusive('\n') {
            let bare = line.trim_start();
            if bare.starts_with('[') && line_start > offset {
                break;
            }
            if bare.starts_with(key.as_str()) && bare[key.len()..].trim_start().starts_with('=') {
                let at = line_start + (line.len() - bare.len());
                return source.location_at_offset(at, key.len());
            }
            line_start += line.len();
        }
    }
    source.location_at_offset(offset.min(source.text.len()), 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_config_gets_defaults() {
        let config = Config::parse("").expect("empty config is valid");
        assert_eq!(config.build.output_dir, PathBuf::from("site"));
        assert_eq!(config.serve.port, 3000);
        assert_eq!(config.journeys.lane_order().len(), 11);
        assert_eq!(config.journeys.emotion_scale, EmotionScale { min: -2.0, max: 2.0 });
    }

    #[test]
    fn unknown_key_suggests_the_right_one() {
        let err = Config::parse("[build]\noutput-dri = \"out\"\n").expect_err("unknown key");
        assert!(err.message.contains("unknown key `output-dri`"), "{}", err.message);
        assert_eq!(err.help.as_deref(), Some("did you mean `output-dir`?"));
        let loc = err.location.expect("located");
        assert_eq!((loc.line, loc.column), (2, Some(1)));
    }

    #[test]
    fn unknown_lane_suggests_the_right_one() {
        let err = Config::parse("[journeys]\nlanes = [\"actions\", \"painpoints\"]\n").expect_err("bad lane");
        assert_eq!(err.help.as_deref(), Some("did you mean `pain_points`?"));
    }

    #[test]
    fn a_content_dir_outside_the_project_is_refused() {
        for dir in ["../elsewhere", "/srv/content", "content/../..", "."] {
            let err = Config::parse(&format!("[build]\ncontent-dir = \"{dir}\"\n")).expect_err(dir);
            assert!(
                err.message.contains("not a folder inside the project"),
                "{}",
                err.message
            );
            let loc = err.location.expect("located");
            assert_eq!(loc.line, 2);
        }
        assert!(Config::parse("[build]\ncontent-dir = \"docs/content\"\n").is_ok());
    }

    #[test]
    fn inverted_scale_is_refused() {
        let err = Config::parse("[journeys]\nemotion-scale = { min = 3, max = 1 }\n").expect_err("bad scale");
        assert!(err.message.contains("min"));
    }
}
