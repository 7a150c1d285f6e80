//! The pipeline, one way, each stage a function of the previous one's value,
//! with diagnostics collected rather than printed:
//!
//! ```text
//! load (content::discover) → parse (content::parse_all) → resolve (site::resolve)
//!     → render (render::render_site) → write (output::Staging, swapped in whole)
//! ```
//!
//! `build` and `check` run it whole; the preview's session keeps its values
//! between changes.

use crate::config::Config;
use crate::content;
use crate::date::Date;
use crate::diagnostics::{self, Diagnostic};
use crate::output::{self, Sink};
use crate::render::{self, Theme};
use crate::site::{self, Site};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How to run a build.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Overrides `output-dir` of book.toml; relative to the current folder.
    pub dest_dir: Option<PathBuf>,
    /// Include pages marked `draft: true`.
    pub drafts: bool,
    /// The date stale maps are judged against; today when unset.
    pub today: Option<Date>,
    /// Warnings fail the build (`--strict`); `[build] strict` in book.toml does too.
    pub strict: bool,
}

/// One stage's time and the memory resident after it (KiB, where the system tells).
pub type Lap = (&'static str, Duration, Option<u64>);

/// What a build or check produced.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Every problem found, sorted by file, line and column.
    pub diagnostics: Vec<Diagnostic>,
    /// The resolved site model; none when book.toml or the theme could not be read.
    pub site: Option<Site>,
    /// Number of HTML pages rendered.
    pub pages: usize,
    /// Of those, how many were unchanged since the previous build and
    /// carried over from it without rendering.
    pub unchanged: usize,
    /// Where the site was written (builds that succeeded only).
    pub output_dir: Option<PathBuf>,
    /// How long each stage of the pipeline took, in order.
    pub timings: Vec<Lap>,
}

impl Outcome {
    /// Whether any problem is an error, so the build failed.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The problems that fail the build.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }

    /// The problems that do not fail the build.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| !d.is_error())
    }

    fn failed(diagnostics: Vec<Diagnostic>) -> Outcome {
        Outcome {
            diagnostics,
            ..Outcome::default()
        }
    }
}

/// The date to judge review schedules against: `JOURNEYBOOK_TODAY`
/// (YYYY-MM-DD, for reproducible builds) or the system clock.
pub fn today_from_env() -> Date {
    std::env::var("JOURNEYBOOK_TODAY")
        .ok()
        .and_then(|v| Date::parse(&v))
        .unwrap_or_else(Date::today)
}

/// The output folder a build of `root` writes to.
pub fn destination(root: &Path, config: &Config, options: &BuildOptions) -> PathBuf {
    match &options.dest_dir {
        Some(dest) => dest.clone(),
        None => root.join(&config.build.output_dir),
    }
}

/// Records how long each pipeline stage takes.
pub(crate) struct Stopwatch {
    last: Instant,
    laps: Vec<Lap>,
}

/// The memory resident now, in KiB (Linux only).
fn resident_kib() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4)
}

impl Stopwatch {
    pub(crate) fn start() -> Stopwatch {
        Stopwatch {
            last: Instant::now(),
            laps: Vec::new(),
        }
    }

    pub(crate) fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.laps.push((stage, now - self.last, resident_kib()));
        self.last = now;
    }
}

/// The pipeline up to rendering: everything `build`, `check` and the
/// preview share.
pub(crate) struct Resolved {
    pub config: Config,
    pub theme: Theme,
    pub documents: Vec<content::Document>,
    pub assets: Vec<content::Asset>,
    /// Shared, so the preview can rebuild the search index off the save-to-reload path.
    pub site: Arc<Site>,
    pub index: site::LinkIndex,
    pub diagnostics: Vec<Diagnostic>,
}

/// book.toml and the theme, the two things every run reads first.
pub(crate) fn prepare(root: &Path) -> Result<(Config, Theme), Vec<Diagnostic>> {
    let config = Config::load_all(root)?;
    let theme = Theme::load(root, &config).map_err(|d| vec![d])?;
    Ok((config, theme))
}

/// Loads, parses and resolves the project at `root`.
pub(crate) fn load_and_resolve(
    root: &Path,
    config: Config,
    theme: Theme,
    options: &BuildOptions,
    clock: &mut Stopwatch,
) -> Resolved {
    let loaded = content::discover(root, &config.build.content_dir);
    clock.lap("load");
    resolve_loaded(root, loaded, (config, theme), options, None, clock)
}

/// What the previous build kept to be read back, and this build keeps:
/// each file's typed front matter and each page's rendered Markdown.
struct Kept<'a> {
    front: content::FrontMemo<'a>,
    markdown: site::Memo<'a>,
}

/// Parses and resolves what [`content::discover`] read.
fn resolve_loaded(
    root: &Path,
    (sources, mut diagnostics): (content::Sources, Vec<Diagnostic>),
    (config, theme): (Config, Theme),
    options: &BuildOptions,
    memo: Option<&Kept<'_>>,
    clock: &mut Stopwatch,
) -> Resolved {
    let today = options.today.unwrap_or_else(today_from_env);
    diagnostics.extend(theme.warnings.iter().cloned());
    let (mut documents, parse_diagnostics, drafts) =
        content::parse_all(sources.markdown, &config, options.drafts, memo.map(|m| &m.front));
    diagnostics.extend(parse_diagnostics);
    clock.lap("parse");
    let anchor_label = theme.words.get("markdown.heading_anchor");
    let extensions =
        crate::markdown::Extensions::for_project(&config, |k| theme.words.get(k), root.join(&config.build.content_dir));
    let settings = site::Settings {
        config: &config,
        today,
        anchor_label: &anchor_label,
        extensions: &extensions,
        drafts: &drafts,
        memo: memo.map(|m| &m.markdown),
    };
    let (site, index, resolve_diagnostics) = site::resolve(&settings, &mut documents, &sources.assets);
    diagnostics.extend(resolve_diagnostics);
    clock.lap("resolve");
    Resolved {
        config,
        theme,
        documents,
        assets: sources.assets,
        site: Arc::new(site),
        index,
        diagnostics,
    }
}

/// Renders every page into `sink`; returns the paths written and adds any
/// problem to `resolved.diagnostics`.
pub(crate) fn render_into(resolved: &mut Resolved, sink: &dyn Sink, export_json: bool) -> Vec<String> {
    let render_options = render::RenderOptions {
        content_dir: &resolved.config.build.content_dir,
        export_json,
        only: None,
        search: &resolved.config.search,
        export: crate::export::ExportOptions::of(&resolved.config),
    };
    let (written, render_diagnostics) = render::render_site(&resolved.site, &resolved.theme, &render_options, sink);
    resolved.diagnostics.extend(render_diagnostics);
    let collisions = asset_collisions(&written, &resolved.assets, &resolved.config.build.content_dir);
    resolved.diagnostics.extend(collisions);
    written
}

/// Runs the pipeline. The rendered files go to a staging folder when
/// `write` is set and no error was found before rendering, else nowhere.
pub(crate) fn run(root: &Path, options: &BuildOptions, write: bool) -> Outcome {
    let mut clock = Stopwatch::start();
    let prepared = prepare(root).and_then(|(config, theme)| {
        let dest = destination(root, &config, options);
        let dest = output::check_destination(root, &config.build.content_dir, &dest).map_err(|d| vec![d])?;
        Ok((config, dest, theme))
    });
    let (config, dest, theme) = match prepared {
        Ok(prepared) => prepared,
        Err(all) => return Outcome::failed(all),
    };
    if write {
        output::clean_leftovers(&dest);
    }
    clock.lap("config and theme");
    let strict = options.strict || config.build.strict;
    let key = build_key(&config, &theme);
    // The staging folder is made, and the previous site's manifest read,
    // while the content is read: the one waits on the file system, the
    // other leaves a core free.
    let (loaded, staging) = rayon::join(
        || content::discover(root, &config.build.content_dir),
        || match write {
            true => output::Staging::create(&dest, key).map(Some),
            false => Ok(None),
        },
    );
    clock.lap("load");
    // The very inputs of the site already there: nothing to make (the
    // staging folder, dropped unused, is removed).
    let inputs = build_inputs(key, &loaded, options, strict);
    if write && loaded.1.is_empty() && std::env::var_os(HOLD_STAGING).is_none() {
        let unchanged = match &staging {
            Ok(Some(staging)) => staging.unchanged_site(inputs),
            _ => output::unchanged_site(&dest, key, inputs),
        };
        if let Some(record) = unchanged {
            drop(staging);
            clock.lap("compare with the site");
            return Outcome {
                diagnostics: record.warnings,
                site: None,
                pages: record.pages,
                unchanged: record.pages,
                output_dir: Some(dest),
                timings: clock.laps,
            };
        }
    }
    // The previous site's kept records are read through the staging
    // folder, and this build's written into it.
    let memo = match &staging {
        Ok(Some(staging)) => {
            let (front, markdown) = rayon::join(|| content::FrontMemo::open(staging), || site::Memo::open(staging));
            Some(Kept { front, markdown })
        }
        _ => None,
    };
    clock.lap("staging");
    let mut resolved = resolve_loaded(root, loaded, (config, theme), options, memo.as_ref(), &mut clock);
    let kept = memo.map(|memo| {
        let front = memo.front.finish().map_err(|e| (content::kept_front::PATH, e));
        let markdown = memo.markdown.finish().map_err(|e| (site::memo::PATH, e));
        front.and(markdown)
    });
    if strict {
        fail_on_warnings(&mut resolved.diagnostics);
    }
    // Only the preview needs the documents and links after resolving:
    // freed on a thread of their own while this one goes on to render (a
    // job for the busy rendering pool would wait, holding them, until the
    // pages are done).
    let unneeded = (
        std::mem::take(&mut resolved.documents),
        std::mem::take(&mut resolved.index),
    );
    // Should no thread be made, they are freed here, with the closure.
    let _detached = std::thread::Builder::new().spawn(move || drop(unneeded));

    // Dropped, an unused staging folder is removed.
    let staging = match staging {
        Ok(staging) => staging.filter(|_| !resolved.diagnostics.iter().any(Diagnostic::is_error)),
        Err(_) if resolved.diagnostics.iter().any(Diagnostic::is_error) => None,
        Err(d) => return Outcome::failed(vec![d]),
    };
    if let (Some(_), Some(Err((path, e)))) = (&staging, kept) {
        return Outcome::failed(vec![render::written(path, Err(e))
            .err()
            .unwrap_or_else(|| Diagnostic::error(path))]);
    }
    if staging.is_some() && std::env::var_os(HOLD_STAGING).is_some() {
        hold();
    }
    let sink: &dyn Sink = match &staging {
        Some(staging) => staging,
        None => &output::Discard,
    };
    // `check` writes nothing, so it need not serialise the model either.
    let export_json = staging.is_some() && resolved.config.build.export_json;
    let written = render_into(&mut resolved, sink, export_json);
    if strict {
        fail_on_warnings(&mut resolved.diagnostics);
    }
    clock.lap("render and write");

    let mut diagnostics = resolved.diagnostics;
    diagnostics::sort(&mut diagnostics);
    let pages = written.iter().filter(|p| p.ends_with(".html")).count();
    let mut output_dir = None;
    let unchanged = staging.as_ref().map_or(0, output::Staging::unchanged);
    if let Some(staging) = staging {
        // Dropping the staging folder unfinished removes it: the previous site stays.
        if !diagnostics.iter().any(Diagnostic::is_error) {
            let record = output::Record {
                inputs,
                pages,
                warnings: diagnostics.clone(),
            };
            match staging.finish(&resolved.assets, &record) {
                Ok(()) => output_dir = Some(dest),
                Err(d) => diagnostics.push(d),
            }
            clock.lap("copy and swap");
        }
    }
    Outcome {
        diagnostics,
        site: Some(Arc::try_unwrap(resolved.site).unwrap_or_else(|shared| (*shared).clone())),
        pages,
        unchanged,
        output_dir,
        timings: clock.laps,
    }
}

/// What every output of a build depends on besides its own inputs: this
/// journeybook (its version and the program file itself), the theme and
/// book.toml. A rebuild carries files over only from a build with the same key.
fn build_key(config: &Config, theme: &Theme) -> u128 {
    let mut key = crate::fingerprint::Fingerprint::new();
    key.text(env!("CARGO_PKG_VERSION"));
    let program = std::env::current_exe().and_then(std::fs::metadata);
    match program {
        Ok(meta) => {
            let stamp = output::Stamp::of(&meta);
            key.number(u128::from(stamp.size)).number(stamp.modified);
        }
        // Not knowing which program this is, carry nothing over.
        Err(_) => {
            key.number(u128::from(std::process::id()));
        }
    }
    key.number(theme.fingerprint).value("config", config);
    key.finish().unwrap_or_default()
}

/// The hash of everything a build reads: its key, the date, the options,
/// every Markdown file's text and every other file's size and time. Equal
/// hashes make equal sites.
fn build_inputs(
    key: u128,
    (sources, _): &(content::Sources, Vec<Diagnostic>),
    options: &BuildOptions,
    strict: bool,
) -> u128 {
    let mut inputs = crate::fingerprint::Fingerprint::new();
    let today = options.today.unwrap_or_else(today_from_env);
    inputs.number(key).text(&today.to_string());
    inputs.number(u128::from(options.drafts)).number(u128::from(strict));
    // Each file hashed on any core, the hashes taken in order.
    let files: Vec<u128> = sources
        .markdown
        .par_iter()
        .with_max_len(crate::PAGES_PER_TASK)
        .map(|file| {
            let mut one = crate::fingerprint::Fingerprint::new();
            one.text(&file.content_path).text(&file.text);
            one.finish().unwrap_or_default()
        })
        .collect();
    for file in files {
        inputs.number(file);
    }
    for asset in &sources.assets {
        let stamp = std::fs::metadata(&asset.source)
            .map(|m| output::Stamp::of(&m))
            .unwrap_or_default();
        inputs.text(&asset.content_path);
        inputs.number(u128::from(stamp.size)).number(stamp.modified);
    }
    inputs.finish().unwrap_or_default()
}

/// A strict build (`--strict`, `[build] strict = true`): every warning
/// becomes an error, so the build fails before anything is swapped in and
/// the previous site stays, as with any failed build.
fn fail_on_warnings(diagnostics: &mut [Diagnostic]) {
    const WHY: &str =
        "this is an error because the build is strict (--strict, or `strict = true` under [build] in book.toml)";
    for d in diagnostics.iter_mut().filter(|d| !d.is_error()) {
        d.severity = diagnostics::Severity::Error;
        d.note = Some(match d.note.take() {
            Some(note) => format!("{note}; {WHY}"),
            None => WHY.to_owned(),
        });
    }
}

/// Set by tests only, to interrupt a build at a known point: once the
/// staging folder exists, the build says so on stderr and waits for its
/// standard input to close.
const HOLD_STAGING: &str = "JOURNEYBOOK_TEST_HOLD_STAGING";

fn hold() {
    eprintln!("journeybook: staging folder created");
    let _ = std::io::Read::read_to_end(&mut std::io::stdin(), &mut Vec::new());
}

/// Attachments of content/ that would overwrite a page or a file of the site.
fn asset_collisions(written: &[String], assets: &[content::Asset], content_dir: &Path) -> Vec<Diagnostic> {
    let written: std::collections::HashSet<&str> = written.iter().map(String::as_str).collect();
    assets
        .iter()
        .filter(|a| written.contains(a.content_path.as_str()) || a.content_path == output::MARKER)
        .map(|a| {
            Diagnostic::error(format!(
                "`{}` would replace `{}`, which journeybook writes itself",
                a.content_path, a.content_path
            ))
            .at_file(&content_dir.join(&a.content_path))
            .with_help("rename or move the file")
        })
        .collect()
}
