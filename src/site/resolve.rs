//! From documents to the site model, one named phase after another.

use super::anchors::{broken_anchor, LinkIndex};
use super::insights::{build_insights, stage_order};
use super::model::*;
use super::pages::{self, MarkdownContext};
use super::references::Resolver;
use super::{backlinks, comparison, routes, touchpoints, Body};
use crate::config::Config;
use crate::content::model::KindData;
use crate::content::{Asset, Document};
use crate::date::Date;
use crate::diagnostics::{Budget, Collector, Diagnostic, Severity};
use crate::markdown::Rendered;
use rayon::prelude::*;
use std::collections::HashMap;

/// What resolving needs besides the documents.
pub struct Settings<'a, 'm> {
    /// The project's book.toml.
    pub config: &'a Config,
    /// The date stale maps are judged against.
    pub today: Date,
    /// The accessible name of a heading's `#` link, in the book's language.
    pub anchor_label: &'a str,
    /// Smart punctuation, alert titles and the folder includes are read from.
    pub extensions: &'a crate::markdown::Extensions,
    /// The drafts left out of this build, for advice on references to them.
    pub drafts: &'a [crate::content::LeftOutDraft],
    /// The previous build's rendered Markdown, and this build's, for a
    /// build that keeps them with its site.
    pub memo: Option<&'a super::Memo<'m>>,
}

/// Builds the site model from parsed documents. Problems that need more than
/// one page to see (unknown ids, broken links, duplicates) are reported here.
///
/// Once their Markdown is rendered, the documents keep only their front
/// matter (all that error messages quote): at 10,000 pages the bodies would
/// otherwise stay in memory beside the model built from them.
pub fn resolve(
    settings: &Settings<'_, '_>,
    documents: &mut [Document],
    assets: &[Asset],
) -> (Site, LinkIndex, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();

    // Routes: one document per id, one URL per page.
    let kept = routes::unique_documents(documents, &mut diagnostics);
    let docs: Vec<&Document> = kept.iter().map(|&i| &documents[i]).collect();
    let urls = routes::assign_urls(&docs, &mut diagnostics);

    // Markdown: every page rendered, its links checked against every page and attachment.
    let mut index = LinkIndex::new(
        docs.iter()
            .zip(&urls)
            .map(|(d, u)| (d.source.content_path.clone(), u.clone()))
            .collect(),
        assets.iter().map(|a| a.content_path.clone()).collect(),
    );
    let context = MarkdownContext {
        targets: index.targets(),
        anchor_label: settings.anchor_label,
        raw_html: settings.config.markdown.raw_html,
        extensions: settings.extensions,
    };
    let rendered: Vec<(Rendered, Body)> = match settings.memo {
        Some(memo) => memo.render_all(&docs, &urls, &context),
        None => docs
            .par_iter()
            .zip(urls.par_iter())
            .with_max_len(crate::PAGES_PER_TASK)
            .map(|(doc, url)| pages::made(pages::render_markdown(doc, url, &context)))
            .collect(),
    };
    let (mut bodies, html): (Vec<Rendered>, Vec<Body>) = rendered.into_iter().unzip();
    let titled: Vec<bool> = docs
        .iter()
        .zip(&bodies)
        .map(|(doc, r)| pages::opens_with_title(doc, &r.headings))
        .collect();

    // Anchors: a link to `page.md#anchor` names a heading or stage of that page.
    index.insert_all(&docs, &bodies);
    let doc_at: HashMap<&str, &Document> = docs.iter().map(|d| (d.source.content_path.as_str(), *d)).collect();
    // Past a file's limit a broken anchor is only counted: its message
    // lists the page's anchors.
    let mut budgets: HashMap<&str, Budget> = HashMap::new();
    for broken in index.broken() {
        let Some(doc) = doc_at.get(broken.from) else {
            continue;
        };
        if budgets.entry(broken.from).or_default().admit(Severity::Error) {
            diagnostics.push(broken_anchor(doc, &broken));
        }
    }
    diagnostics.extend(
        budgets
            .iter()
            .filter_map(|(from, budget)| budget.closing(&doc_at.get(from)?.source.path)),
    );
    for body in &mut bodies {
        diagnostics.append(&mut body.diagnostics);
    }

    // Titles: one shared link per page, which every reference to it clones.
    let links: Vec<Link> = docs
        .par_iter()
        .zip(&urls)
        .zip(&bodies)
        .with_max_len(crate::PAGES_PER_TASK)
        .map(|((doc, url), r)| Link::new(doc.id.clone(), pages::title_of(doc, &r.headings), url.clone()))
        .collect();
    drop(docs);
    documents.par_iter_mut().for_each(Document::drop_body);
    let docs: Vec<&Document> = kept.iter().map(|&i| &documents[i]).collect();

    // Models: each document's part of the site, its references looked up.
    let problems = Collector::new(diagnostics);
    let resolver = Resolver::new(
        settings.config,
        settings.today,
        &docs,
        &urls,
        &index.assets,
        links,
        &problems,
    )
    .with_drafts(settings.drafts);
    let mut parts = build_models(&resolver, bodies.into_iter().zip(html).collect(), &titled);
    resolver.cut_parent_cycles(&mut parts.journeys);
    for journey in &parts.journeys {
        if journey.review.stale {
            resolver.stale_warning(journey);
        }
        resolver.future_review_warning(journey);
    }
    drop(resolver);
    let diagnostics = problems.into_inner();
    // Every document-located problem is reported: the parsed front matter
    // can go before back-links and roll-ups are made, freed on a thread of
    // its own while they are.
    let parsed: Vec<KindData> = documents.iter_mut().map(Document::take_data).collect();
    let _detached = std::thread::Builder::new().spawn(move || drop(parsed));
    parts.sort();

    // Back-links, comparisons and roll-ups: what pages learn from each other.
    backlinks::link_back(&mut parts.personas, &mut parts.journeys, &mut parts.touchpoints);
    super::addresses::link_addresses(&mut parts.journeys);
    super::evidence::link_citations(&mut parts.personas, &parts.journeys);
    comparison::compare_all(&mut parts.journeys);
    let config = settings.config;
    let stage_order = stage_order(config, &parts.journeys);
    let landscape = super::landscape::landscape(&mut parts.journeys, settings.today);
    let mut insights = build_insights(&parts.journeys, &parts.touchpoints, &stage_order);
    insights.landscape = landscape;
    let site = Site {
        book: BookInfo {
            title: config.book.title.clone(),
            description: config.book.description.clone(),
            authors: config.book.authors.clone(),
            language: config.book.language.clone(),
        },
        stage_order,
        home: parts.home,
        pages: parts.pages,
        personas: parts.personas,
        journeys: parts.journeys,
        touchpoints: parts.touchpoints,
        insights,
        built_on: settings.today.to_string(),
    };
    (site, index, diagnostics)
}

/// The models of every kind, before they learn from each other.
#[derive(Default)]
struct Parts {
    home: Option<Page>,
    pages: Vec<Page>,
    personas: Vec<Persona>,
    journeys: Vec<Journey>,
    touchpoints: Vec<Touchpoint>,
}

impl Parts {
    /// Reading order: by weight (unweighted last), then title, then id;
    /// plain pages folder by folder.
    fn sort(&mut self) {
        // Each title lowercased once, not at every comparison.
        let order = |info: &PageInfo| {
            (
                info.weight.is_none(),
                info.weight,
                info.title.to_lowercase(),
                info.id.clone(),
            )
        };
        self.pages.sort_by_cached_key(|p| (p.section.clone(), order(&p.info)));
        self.personas.sort_by_cached_key(|p| order(&p.info));
        self.journeys.sort_by_cached_key(|j| order(&j.info));
        self.touchpoints.sort_by_cached_key(|t| order(&t.info));
    }
}

/// Builds every document's model in parallel.
fn build_models(resolver: &Resolver<'_>, bodies: Vec<(Rendered, Body)>, titled: &[bool]) -> Parts {
    /// A document made into its part of the model.
    enum Built {
        Home(Page),
        Page(Page),
        Persona(Persona),
        Journey(Journey),
        Touchpoint(Touchpoint),
    }
    let built: Vec<Built> = resolver
        .docs
        .par_iter()
        .zip(bodies.into_par_iter())
        .with_max_len(crate::PAGES_PER_TASK)
        .enumerate()
        .map(|(i, (doc, r))| {
            let url = &resolver.urls[i];
            let info = |(r, body): (Rendered, Body)| pages::page_info(doc, url, resolver.link(i), body, r.headings);
            match &doc.data {
                KindData::Page => {
                    let page = pages::plain_page(doc, url, resolver.link(i), r, titled[i]);
                    if doc.is_home() {
                        Built::Home(page)
                    } else {
                        Built::Page(page)
                    }
                }
                KindData::Persona(front) => Built::Persona(resolver.persona(i, info(r), front)),
                KindData::Touchpoint(front) => Built::Touchpoint(touchpoints::touchpoint(info(r), front)),
                KindData::Journey(front) => Built::Journey(resolver.journey(i, info(r), front)),
            }
        })
        .collect();
    let mut parts = Parts::default();
    for item in built {
        match item {
            Built::Home(page) => parts.home = Some(page),
            Built::Page(page) => parts.pages.push(page),
            Built::Persona(p) => parts.personas.push(p),
            Built::Journey(j) => parts.journeys.push(j),
            Built::Touchpoint(t) => parts.touchpoints.push(t),
        }
    }
    parts
}
