//! Rendering the site model through the theme's Tera templates into files.

mod charts;
mod compact;
mod context;
mod filters;
pub mod i18n;
mod insights;
pub mod nav;
pub mod theme;

use crate::diagnostics::{did_you_mean, Diagnostic};
use crate::highlight;
use crate::output::Sink;
use crate::site::urls::Generated;
use crate::site::{Journey, Page, Persona, Site, Touchpoint};
use i18n::Words;
use nav::{Nav, Section};
use rayon::prelude::*;
use serde::Serialize;
use std::path::Path;
pub use theme::Theme;

/// Which page a template is rendering.
enum Subject<'a> {
    Page(&'a Page),
    Persona(&'a Persona),
    Journey(&'a Journey),
    Touchpoint(&'a Touchpoint),
    Section(&'a Section),
    Generated(Generated),
}

struct Job<'a> {
    url: String,
    template: String,
    title: String,
    subject: Subject<'a>,
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: Option<&'a str>,
    authors: &'a [String],
    language: &'a str,
    built_on: &'a str,
    /// Whether the site has search, so the theme shows the field.
    search: bool,
    counts: Counts,
    /// `site-url` of book.toml, ending in `/`: pages name their canonical address.
    url: Option<&'a str>,
    /// Whether the roll-ups are also written as CSV files, which the insights pages link to.
    csv: bool,
    /// Whether a template of the theme may show any part of the roll-ups
    /// on any insights page ([`Theme::names_roll_ups`]), so each is given
    /// every part.
    #[serde(skip)]
    every_roll_up: bool,
    /// Whether a template of the theme may print the site's and the
    /// navigation's counts on any page ([`Theme::prints_counts`]), so each
    /// page's hash must hold them.
    #[serde(skip)]
    prints_counts: bool,
}

/// What of the site's values goes into a page's hash: without the counts
/// on a page whose templates print none, so that adding a guide changes
/// only the pages that show it.
struct SiteInputs<'a> {
    view: &'a SiteView<'a>,
    counts: bool,
}

impl Serialize for SiteInputs<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let v = self.view;
        if self.counts {
            return v.serialize(serializer);
        }
        let shown = (v.title, v.description, v.authors, v.language, v.built_on);
        (shown, v.search, v.url, v.csv).serialize(serializer)
    }
}

#[derive(Serialize)]
struct Counts {
    journeys: usize,
    personas: usize,
    touchpoints: usize,
    pages: usize,
    pain_points: usize,
    opportunities: usize,
    stale: usize,
}

/// The site model, for other tools.
pub const EXPORT: &str = "journeybook.json";

/// How many journeys and personas the home page lists before linking to the index.
const HOME_LIST: usize = 12;

fn jobs<'a>(site: &'a Site, nav: &'a Nav, words: &Words, search: bool) -> Vec<Job<'a>> {
    let mut jobs = Vec::new();
    for page in Generated::ALL {
        if page == Generated::Search && !search {
            continue;
        }
        let title = match (page, &site.home) {
            (Generated::Home, Some(home)) => home.info.title.clone(),
            (Generated::Home, None) => site.book.title.clone(),
            _ => words.get(&format!("pages.{}", page.key())),
        };
        jobs.push(Job {
            url: page.url().into(),
            template: page.template().into(),
            title,
            subject: Subject::Generated(page),
        });
    }
    let template = |own: &Option<String>, default: &str| own.clone().unwrap_or_else(|| default.to_owned());
    for p in &site.pages {
        jobs.push(Job {
            url: p.info.url.clone(),
            template: template(&p.info.template, "page.html"),
            title: p.info.title.clone(),
            subject: Subject::Page(p),
        });
    }
    for p in &site.personas {
        jobs.push(Job {
            url: p.info.url.clone(),
            template: template(&p.info.template, "persona.html"),
            title: p.info.title.clone(),
            subject: Subject::Persona(p),
        });
    }
    for j in &site.journeys {
        jobs.push(Job {
            url: j.info.url.clone(),
            template: template(&j.info.template, "journey.html"),
            title: j.info.title.clone(),
            subject: Subject::Journey(j),
        });
    }
    for t in &site.touchpoints {
        jobs.push(Job {
            url: t.info.url.clone(),
            template: template(&t.info.template, "touchpoint.html"),
            title: t.info.title.clone(),
            subject: Subject::Touchpoint(t),
        });
    }
    for i in nav.generated_section_pages(site) {
        let section = &nav.sections[i];
        jobs.push(Job {
            url: section.url.clone(),
            template: "section.html".into(),
            title: section.title.clone(),
            subject: Subject::Section(section),
        });
    }
    jobs
}

/// What to render besides the pages.
pub struct RenderOptions<'a> {
    /// Only serves to name files in messages.
    pub content_dir: &'a Path,
    /// Write the site model as `journeybook.json`.
    pub export_json: bool,
    /// Render only the pages at these URLs, and no other file.
    pub only: Option<&'a std::collections::HashSet<String>>,
    /// The `[search]` table: whether to write the index and its page.
    pub search: &'a crate::config::SearchConfig,
    /// The CSV files and the sitemap.
    pub export: crate::export::ExportOptions,
}

/// Renders every page into `sink`, in parallel. Returns the paths written.
pub fn render_site(
    site: &Site,
    theme: &Theme,
    options: &RenderOptions<'_>,
    sink: &dyn Sink,
) -> (Vec<String>, Vec<Diagnostic>) {
    let content_dir = options.content_dir;
    let nav = Nav::build(site, &theme.words);
    let site_view = SiteView {
        title: &site.book.title,
        description: site.book.description.as_deref(),
        authors: &site.book.authors,
        language: &site.book.language,
        built_on: &site.built_on,
        search: options.search.enable,
        counts: Counts {
            journeys: site.journeys.len(),
            personas: site.personas.len(),
            touchpoints: site.touchpoints.len(),
            pages: site.pages.len(),
            pain_points: site.insights.pain_points.len(),
            opportunities: site.insights.opportunities.len(),
            stale: site.insights.stale.len(),
        },
        url: options.export.site_url.as_deref(),
        csv: options.export.csv,
        every_roll_up: theme.names_roll_ups,
        prints_counts: theme.prints_counts,
    };
    let mut diagnostics = Vec::new();
    let mut jobs = jobs(site, &nav, &theme.words, options.search.enable);
    if let Some(only) = options.only {
        jobs.retain(|job| only.contains(&job.url));
    }
    // The few long listings (roll-ups, indexes) go first, so that no core is
    // left rendering one of them alone at the end.
    jobs.sort_by_key(|job| {
        !matches!(
            job.subject,
            Subject::Generated(
                Generated::Insights
                    | Generated::PainPoints
                    | Generated::Opportunities
                    | Generated::Matrix
                    | Generated::Stale
                    | Generated::Kpis
                    | Generated::Landscape
                    | Generated::Assumptions
                    | Generated::Journeys
                    | Generated::Personas
                    | Generated::Touchpoints
            ) | Subject::Touchpoint(_)
        )
    });
    for job in &jobs {
        if theme.has_template(&job.template) {
            continue;
        }
        let source = match job.subject {
            Subject::Page(p) => Some(&p.info),
            Subject::Persona(p) => Some(&p.info),
            Subject::Journey(j) => Some(&j.info),
            Subject::Touchpoint(t) => Some(&t.info),
            _ => None,
        };
        let names = theme.template_names();
        let help = did_you_mean(&job.template, names.iter().copied())
            .unwrap_or_else(|| format!("templates of this theme: {}", names.join(", ")));
        let mut d = Diagnostic::error(format!("template `{}` not found", job.template)).with_help(help);
        if let Some(info) = source {
            d = d.at_file(&content_dir.join(&info.source));
        }
        diagnostics.push(d);
    }
    if !diagnostics.is_empty() {
        return (Vec::new(), diagnostics);
    }
    // What each page is made from, hashed first: a page made from the same
    // values as in the previous build is carried over unrendered.
    let inputs: Vec<u128> = match sink.remembers() {
        true => jobs
            .par_iter()
            .with_max_len(crate::PAGES_PER_TASK)
            .map(|job| page_inputs(job, site, &site_view, &nav, theme))
            .collect(),
        false => vec![0; jobs.len()],
    };
    let search_inputs = search_inputs(&jobs, &inputs, options.search);
    let inputs_by_url: rustc_hash::FxHashMap<&str, u128> = jobs
        .iter()
        .map(|job| job.url.as_str())
        .zip(inputs.iter().copied())
        .collect();
    let render = |(job, inputs): &(&Job<'_>, u128)| render_job(job, *inputs, site, &site_view, &nav, theme, sink);
    // The roll-up pages hold every pain point, opportunity, KPI or map as
    // template values (at 100,000 pages, 16 to 95 MB of HTML each): rendered
    // one after the other on one thread, they reuse the same memory instead
    // of two at a time. That thread then writes the files that are not
    // pages, while the other pages render on every thread.
    let (roll_ups, others): (Vec<_>, Vec<_>) = jobs.iter().zip(inputs).partition(|(job, _)| {
        matches!(
            job.subject,
            Subject::Generated(
                Generated::PainPoints | Generated::Opportunities | Generated::Kpis | Generated::Landscape
            )
        )
    });
    let (mut results, rest) = rayon::join(
        || {
            let mut done: Vec<_> = roll_ups.iter().map(render).collect();
            if options.only.is_none() {
                let page_inputs = |url: &str| inputs_by_url.get(url).copied().unwrap_or(0);
                done.extend(other_files(
                    site,
                    theme,
                    &nav,
                    options,
                    (search_inputs, &page_inputs),
                    sink,
                ));
                let pages: Vec<&str> = jobs.iter().map(|job| job.url.as_str()).collect();
                crate::export::write(site, &pages, &options.export, &mut |path, bytes| {
                    done.push(written(path, sink.put(path, &bytes)))
                });
            }
            done
        },
        || others.par_iter().with_max_len(1).map(render).collect::<Vec<_>>(),
    );
    results.extend(rest);
    collect(results, diagnostics)
}

/// The theme's static files, the navigation script, the highlighting
/// stylesheets, the search index and the site model.
fn other_files(
    site: &Site,
    theme: &Theme,
    nav: &Nav,
    options: &RenderOptions<'_>,
    (search_inputs, page_inputs): (u128, &dyn Fn(&str) -> u128),
    sink: &dyn Sink,
) -> Vec<Result<String, Diagnostic>> {
    let put = |path: &str, contents: &[u8]| written(path, sink.put(path, contents));
    let mut results: Vec<_> = theme.statics.iter().map(|(path, bytes)| put(path, bytes)).collect();
    results.push(put(nav::NAV_SCRIPT, nav.script(&theme.words).as_bytes()));
    let (light, dark) = highlight::stylesheets();
    results.push(put("syntax-light.css", light.as_bytes()));
    results.push(put("syntax-dark.css", dark.as_bytes()));
    if options.search.enable {
        match sink.reuse_folder(crate::search::FOLDER, search_inputs) {
            Some(carried) => {
                results.extend(carried.into_iter().map(Ok));
                // Gone or changed by hand, the counts are simply made again next time.
                results.extend(crate::search::keep_counts(sink).into_iter().map(Ok));
            }
            None => {
                let remember = crate::search::Remember {
                    sink,
                    page_inputs,
                    inputs: search_inputs,
                };
                // The index's files are written from every thread.
                let index_files = std::sync::Mutex::new(Vec::new());
                let put = |path: &str, bytes: &[u8]| {
                    let done = written(path, sink.put_made(path, search_inputs, bytes));
                    index_files
                        .lock()
                        .unwrap_or_else(|poisoned| poisoned.into_inner())
                        .push(done);
                };
                match sink.remembers() {
                    true => {
                        let kept = crate::search::write_remembering(site, options.search, &remember, &put);
                        results.push(written(crate::search::KEPT, kept));
                    }
                    false => {
                        if let Err(e) = crate::search::write(site, options.search, &put) {
                            results.push(written(crate::search::FOLDER, Err(e)));
                        }
                    }
                }
                results.extend(
                    index_files
                        .into_inner()
                        .unwrap_or_else(|poisoned| poisoned.into_inner()),
                );
            }
        }
    }
    if options.export_json {
        let json = sink.put_with(EXPORT, 0, &mut |w| {
            serde_json::to_writer(w, site).map_err(std::io::Error::other)
        });
        results.push(written(EXPORT, json));
    }
    results
}

/// The paths written and the problems met.
fn collect(
    results: Vec<Result<String, Diagnostic>>,
    mut diagnostics: Vec<Diagnostic>,
) -> (Vec<String>, Vec<Diagnostic>) {
    let mut written = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(path) => written.push(path),
            Err(d) => diagnostics.push(d),
        }
    }
    (written, diagnostics)
}

/// The hash of everything a page is made from: its address, its template
/// and every value the template receives (the theme and settings are in the
/// build's key). 0 when a value could not be hashed: the page is then made.
fn page_inputs(job: &Job<'_>, site: &Site, site_view: &SiteView<'_>, nav: &Nav, theme: &Theme) -> u128 {
    let mut inputs = crate::fingerprint::Fingerprint::new();
    inputs.text(&job.url).text(&job.template);
    // Hashing reads nothing back: it cannot fail.
    let _ = context::job_context(job, site, site_view, nav, &theme.words, &mut inputs);
    inputs.finish().unwrap_or_default()
}

/// The hash of everything the search index is made from: the `[search]`
/// table and every page's inputs, in the order they are made. Each page's values
/// hold the whole of its part of the site model (its `page`, body and
/// navigation), so this covers what the index reads without hashing the
/// model a second time. 0 when a page's values could not be hashed, or
/// were not (a sink that keeps no record).
fn search_inputs(jobs: &[Job<'_>], inputs: &[u128], config: &crate::config::SearchConfig) -> u128 {
    if !config.enable || inputs.contains(&0) {
        return 0;
    }
    let mut hash = crate::fingerprint::Fingerprint::new();
    hash.value("search", config);
    for (job, inputs) in jobs.iter().zip(inputs) {
        hash.text(&job.url).number(*inputs);
    }
    hash.finish().unwrap_or_default()
}

/// Renders one page into `sink`, compacted on the way; returns the path
/// written. A page made from the same `inputs` as in the previous build is
/// carried over instead, unrendered.
fn render_job(
    job: &Job<'_>,
    inputs: u128,
    site: &Site,
    site_view: &SiteView<'_>,
    nav: &Nav,
    theme: &Theme,
    sink: &dyn Sink,
) -> Result<String, Diagnostic> {
    if inputs != 0 && sink.reuse(&job.url, inputs) {
        return Ok(job.url.clone());
    }
    let mut context = tera::Context::new();
    context::job_context(job, site, site_view, nav, &theme.words, &mut context).map_err(|e| {
        Diagnostic::error(format!("cannot read back the rendered Markdown of `{}`: {e}", job.url))
            .with_help("build again; if it happens again, delete the output folder and build")
    })?;
    let mut page = compact::Compact::new(Vec::with_capacity(32 * 1024));
    let rendered = match theme.tera.render_to(&job.template, &context, &mut page) {
        Ok(()) => page.finish().map_err(|e| e.to_string()),
        Err(e) => Err(theme::template_message(&e)),
    };
    let html = rendered.map_err(|error| {
        Diagnostic::error(format!(
            "rendering `{}` with template `{}` failed",
            job.url, job.template
        ))
        .with_note(error)
        .with_help("fix the template, or the value it names")
    })?;
    written(&job.url, sink.put_made(&job.url, inputs, &html))
}

/// The path written, or the problem of writing it.
pub(crate) fn written(path: &str, result: std::io::Result<()>) -> Result<String, Diagnostic> {
    result
        .map(|()| path.to_owned())
        .map_err(|e| Diagnostic::error(format!("cannot write `{path}`: {e}")))
}
