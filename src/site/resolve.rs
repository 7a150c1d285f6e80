//! From documents to the site model.

use super::insights::{build_insights, stage_order};
use super::model::*;
use super::urls::{self, page_url, root_of, stage_anchor};
use crate::config::{Config, Lane};
use crate::content::model::{
    JourneyFront, JourneyState, KindData, Kpi, PersonaFront, Stage as StageFront, Text, TouchpointFront,
};
use crate::content::{slugify, Asset, Document, Kind, Place};
use crate::date::Date;
use crate::diagnostics::{did_you_mean, Diagnostic};
use crate::markdown::{self, LinkTargets, PageSource, Rendered};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

fn texts(list: &[Text]) -> Vec<String> {
    list.iter().map(|t| t.0.clone()).collect()
}

fn text(value: &Option<Text>) -> Option<String> {
    value.as_ref().map(|t| t.0.clone())
}

/// Builds the site model from parsed documents. Problems that need more than
/// one page to see (unknown ids, broken links, duplicates) are reported here.
///
/// Once their Markdown is rendered, the documents keep only their front
/// matter (all that error messages quote): at 10,000 pages the bodies would
/// otherwise stay in memory beside the model built from them.
pub fn resolve(
    config: &Config,
    documents: &mut [Document],
    assets: &[Asset],
    today: Date,
) -> (Site, LinkIndex, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let kept = unique_documents(documents, &mut diagnostics);
    let docs: Vec<&Document> = kept.iter().map(|&i| &documents[i]).collect();
    let urls = assign_urls(&docs, &mut diagnostics);

    let page_urls: HashMap<String, String> = docs
        .iter()
        .zip(&urls)
        .map(|(d, u)| (d.source.content_path.clone(), u.clone()))
        .collect();
    let asset_paths: HashSet<String> = assets.iter().map(|a| a.content_path.clone()).collect();
    let targets = LinkTargets {
        pages: &page_urls,
        assets: &asset_paths,
    };
    let reserved: Vec<Vec<String>> = docs.iter().map(|d| stage_anchors(d)).collect();
    let rendered: Vec<Rendered> = docs
        .par_iter()
        .zip(urls.par_iter())
        .zip(reserved.par_iter())
        .map(|((doc, url), reserved)| {
            let root = root_of(url);
            let page = PageSource {
                source: crate::diagnostics::SourceText {
                    file: &doc.source.path,
                    text: &doc.source.text,
                },
                body: doc.body(),
                content_path: &doc.source.content_path,
                root: &root,
                reserved_ids: reserved,
            };
            markdown::render(&page, &targets)
        })
        .collect();
    let titled: Vec<bool> = docs
        .iter()
        .zip(&rendered)
        .map(|(doc, r)| body_has_title(doc.body(), &r.headings))
        .collect();
    check_anchors(&docs, &rendered, &reserved, &mut diagnostics);
    let link_index = LinkIndex {
        anchors: docs
            .iter()
            .zip(rendered.iter().zip(&reserved))
            .map(|(doc, (r, reserved))| {
                let ids = r
                    .headings
                    .iter()
                    .map(|h| h.id.clone())
                    .chain(reserved.iter().cloned())
                    .collect();
                (doc.source.content_path.clone(), ids)
            })
            .collect(),
        anchor_links: docs
            .iter()
            .zip(&rendered)
            .map(|(doc, r)| (doc.source.content_path.clone(), r.anchor_links.clone()))
            .collect(),
        page_urls: page_urls.clone(),
        assets: asset_paths.clone(),
    };

    let links = docs
        .iter()
        .zip(&urls)
        .zip(&rendered)
        .map(|((doc, url), r)| Link::new(doc.id.clone(), title_of(doc, r), url.clone()))
        .collect();
    documents.par_iter_mut().for_each(Document::drop_body);
    let docs: Vec<&Document> = kept.iter().map(|&i| &documents[i]).collect();
    let resolver = Resolver {
        config,
        today,
        docs: &docs,
        urls: &urls,
        assets: &asset_paths,
        links,
        by_id: docs
            .iter()
            .enumerate()
            .filter(|(_, d)| d.kind != Kind::Page)
            .map(|(i, d)| ((d.kind, d.id.as_str()), i))
            .collect(),
        diagnostics: Mutex::new(diagnostics),
    };
    let mut rendered = rendered;
    for r in &mut rendered {
        resolver.report_all(&mut r.diagnostics);
    }

    /// A document made into its part of the model.
    enum Built {
        Home(Page),
        Page(Page),
        Persona(Persona),
        Journey(Journey),
        Touchpoint(Touchpoint),
    }
    let built: Vec<Built> = docs
        .par_iter()
        .zip(rendered.into_par_iter())
        .enumerate()
        .map(|(i, (doc, r))| {
            let info = resolver.page_info(i, r.html, r.headings);
            match &doc.data {
                KindData::Page => {
                    let page = Page {
                        body_has_title: titled[i],
                        section: section_of(&doc.source.content_path),
                        info,
                    };
                    if doc.source.content_path == "index.md" {
                        Built::Home(page)
                    } else {
                        Built::Page(page)
                    }
                }
                KindData::Persona(front) => Built::Persona(resolver.persona(i, info, front)),
                KindData::Touchpoint(front) => Built::Touchpoint(resolver.touchpoint(info, front)),
                KindData::Journey(front) => Built::Journey(resolver.journey(i, info, front)),
            }
        })
        .collect();
    let mut home = None;
    let mut pages = Vec::new();
    let mut personas = Vec::new();
    let mut journeys = Vec::new();
    let mut touchpoints = Vec::new();
    for item in built {
        if let Built::Journey(journey) = &item {
            if journey.review.stale {
                resolver.stale_warning(journey);
            }
        }
        match item {
            Built::Home(page) => home = Some(page),
            Built::Page(page) => pages.push(page),
            Built::Persona(p) => personas.push(p),
            Built::Journey(j) => journeys.push(j),
            Built::Touchpoint(t) => touchpoints.push(t),
        }
    }
    // Every model is built and every document-located problem reported: the
    // parsed front matter can go before back-links and roll-ups are made.
    let diagnostics = resolver
        .diagnostics
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    documents.par_iter_mut().for_each(Document::drop_data);
    let by_order = |a: &PageInfo, b: &PageInfo| {
        (a.weight.is_none(), a.weight, a.title.to_lowercase(), &a.id).cmp(&(
            b.weight.is_none(),
            b.weight,
            b.title.to_lowercase(),
            &b.id,
        ))
    };
    pages.sort_by(|a, b| a.section.cmp(&b.section).then_with(|| by_order(&a.info, &b.info)));
    personas.sort_by(|a, b| by_order(&a.info, &b.info));
    journeys.sort_by(|a, b| by_order(&a.info, &b.info));
    touchpoints.sort_by(|a, b| by_order(&a.info, &b.info));

    link_back(&mut personas, &mut journeys, &mut touchpoints);
    let stage_order = stage_order(config, &journeys);
    let insights = build_insights(&journeys, &touchpoints, &stage_order);
    let site = Site {
        book: BookInfo {
            title: config.book.title.clone(),
            description: config.book.description.clone(),
            authors: config.book.authors.clone(),
            language: config.book.language.clone(),
        },
        stage_order,
        home,
        pages,
        personas,
        journeys,
        touchpoints,
        insights,
        built_on: today.to_string(),
    };
    (site, link_index, diagnostics)
}

/// What the Markdown of each page offers other pages: enough to re-render
/// one page's Markdown and check the links into and out of it, without
/// redoing the site.
#[derive(Debug, Clone, Default)]
pub struct LinkIndex {
    /// Content path of each page to its output URL.
    pub page_urls: HashMap<String, String>,
    /// Content paths of the attachments.
    pub assets: HashSet<String>,
    /// Content path of each page to the ids its anchors may name.
    pub anchors: HashMap<String, HashSet<String>>,
    /// Content path of each page to its links that name an anchor.
    pub anchor_links: HashMap<String, Vec<markdown::AnchorLink>>,
}

/// Drops (and reports) documents whose id another document of the kind took first.
/// The indices of the documents to build: all but later duplicates of an id.
fn unique_documents(documents: &[Document], out: &mut Vec<Diagnostic>) -> Vec<usize> {
    let mut first: HashMap<(Kind, &str), &Document> = HashMap::new();
    let mut kept = Vec::with_capacity(documents.len());
    for (i, doc) in documents.iter().enumerate() {
        if doc.kind != Kind::Page {
            if let Some(previous) = first.get(&(doc.kind, doc.id.as_str())) {
                let loc = doc.locator();
                out.push(
                    Diagnostic::error(format!("duplicate {} id `{}`", doc.kind.name(), doc.id))
                        .at(loc.value(&doc.id, Some("id"), loc.all()).unwrap_or_else(|| loc.top()))
                        .with_note(format!("`{}` already has this id", previous.source.path.display()))
                        .with_help("ids must be unique within a kind: rename one file or set a different `id:`"),
                );
                continue;
            }
            first.insert((doc.kind, doc.id.as_str()), doc);
        }
        kept.push(i);
    }
    kept
}

fn assign_urls(docs: &[&Document], out: &mut Vec<Diagnostic>) -> Vec<String> {
    let mut taken: HashMap<String, String> = urls::Generated::ALL
        .iter()
        .map(|page| (page.url().to_owned(), "a page journeybook generates".to_owned()))
        .collect();
    docs.iter()
        .map(|doc| {
            let url = page_url(doc);
            let is_home = doc.kind == Kind::Page && doc.source.content_path == "index.md";
            if is_home {
                return url;
            }
            if let Some(owner) = taken.get(&url) {
                let help = if doc.kind == Kind::Page {
                    "rename or move the file: a plain page's path in the site follows its path in content/"
                } else {
                    "rename the file or set a different `id:`"
                };
                out.push(
                    Diagnostic::error(format!(
                        "this page would be written to `{url}`, which is already {owner}"
                    ))
                    .at(doc.locator().top())
                    .with_help(help),
                );
            }
            taken.insert(url.clone(), format!("taken by `{}`", doc.source.path.display()));
            url
        })
        .collect()
}

fn stage_ids(front: &JourneyFront) -> Vec<String> {
    front
        .stages
        .iter()
        .map(|s| s.id.clone().unwrap_or_else(|| slugify(&s.name)))
        .collect()
}

fn stage_anchors(doc: &Document) -> Vec<String> {
    match &doc.data {
        KindData::Journey(front) => stage_ids(front).iter().map(|id| stage_anchor(id)).collect(),
        _ => Vec::new(),
    }
}

/// Whether a page's Markdown opens with its own top-level heading, so the
/// theme need not print the title.
pub fn body_has_title(body: &str, toc: &[markdown::Heading]) -> bool {
    body.trim_start().starts_with("# ") && toc.first().is_some_and(|h| h.level == 1)
}

/// A persona's or touchpoint's name, else the title, else (plain pages) the
/// first heading, else the file name.
fn title_of(doc: &Document, rendered: &Rendered) -> String {
    let named = match &doc.data {
        KindData::Persona(p) => text(&p.name),
        KindData::Touchpoint(t) => text(&t.name),
        _ => None,
    };
    named
        .or_else(|| text(&doc.meta.title))
        .or_else(|| {
            (doc.kind == Kind::Page)
                .then(|| rendered.headings.first().map(|h| h.text.clone()))
                .flatten()
        })
        .unwrap_or_else(|| {
            let stem = doc.source.content_path.rsplit('/').next().unwrap_or_default();
            stem.trim_end_matches(".md").to_owned()
        })
}

fn section_of(content_path: &str) -> String {
    content_path
        .rsplit_once('/')
        .map_or_else(String::new, |(folder, _)| folder.to_owned())
}

fn check_anchors(docs: &[&Document], rendered: &[Rendered], reserved: &[Vec<String>], out: &mut Vec<Diagnostic>) {
    let anchors: HashMap<&str, HashSet<&str>> = docs
        .par_iter()
        .zip(rendered.par_iter().zip(reserved.par_iter()))
        .map(|(doc, (r, reserved))| {
            let ids = r
                .headings
                .iter()
                .map(|h| h.id.as_str())
                .chain(reserved.iter().map(String::as_str))
                .collect();
            (doc.source.content_path.as_str(), ids)
        })
        .collect();
    let broken: Vec<Diagnostic> = docs
        .par_iter()
        .zip(rendered.par_iter())
        .flat_map_iter(|(doc, r)| {
            let anchors = &anchors;
            r.anchor_links.iter().filter_map(move |link| {
                let known = anchors.get(link.target.as_str())?;
                if known.contains(link.anchor.as_str()) {
                    return None;
                }
                Some(broken_anchor(doc, link, known))
            })
        })
        .collect();
    out.extend(broken);
}

fn broken_anchor(doc: &Document, link: &markdown::AnchorLink, known: &HashSet<&str>) -> Diagnostic {
    let source = crate::diagnostics::SourceText {
        file: &doc.source.path,
        text: &doc.source.text,
    };
    let span = &doc.source.text[link.offset..(link.offset + link.len).min(doc.source.text.len())];
    let hash = format!("#{}", link.anchor);
    let at = span.find(&hash).map_or(link.offset, |i| link.offset + i + 1);
    let mut candidates: Vec<&str> = known.iter().copied().collect();
    candidates.sort_unstable();
    let help = did_you_mean(&link.anchor, candidates.iter().copied()).unwrap_or_else(|| {
        if candidates.is_empty() {
            format!("`{}` has no headings to link to", link.target)
        } else {
            format!("anchors in `{}`: {}", link.target, candidates.join(", "))
        }
    });
    Diagnostic::error(format!(
        "broken link: `{}` has no anchor `#{}`",
        link.target, link.anchor
    ))
    .at(source.location_at_offset(at, link.anchor.chars().count()))
    .with_help(help)
}

struct Resolver<'a> {
    config: &'a Config,
    today: Date,
    docs: &'a [&'a Document],
    urls: &'a [String],
    assets: &'a HashSet<String>,
    /// One shared link per document.
    links: Vec<Link>,
    by_id: HashMap<(Kind, &'a str), usize>,
    /// Models are built in parallel; problems are rare, so one lock serves.
    diagnostics: Mutex<Vec<Diagnostic>>,
}

impl<'a> Resolver<'a> {
    fn report(&self, diagnostic: Diagnostic) {
        self.diagnostics
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push(diagnostic);
    }

    fn report_all(&self, diagnostics: &mut Vec<Diagnostic>) {
        self.diagnostics
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .append(diagnostics);
    }

    fn link(&self, index: usize) -> Link {
        self.links[index].clone()
    }

    fn page_info(&self, index: usize, body_html: String, toc: Vec<markdown::Heading>) -> PageInfo {
        let doc = self.docs[index];
        PageInfo {
            id: doc.id.clone(),
            kind: doc.kind,
            title: self.links[index].title.clone(),
            description: text(&doc.meta.description),
            url: self.urls[index].clone(),
            source: doc.source.content_path.clone(),
            tags: texts(&doc.meta.tags),
            weight: doc.meta.weight,
            template: doc.meta.template.clone(),
            draft: doc.meta.draft,
            body_html,
            toc,
            link: self.link(index),
        }
    }

    /// Looks up a reference, reporting an unknown id at its place in `doc`.
    fn lookup(&self, kind: Kind, id: &str, doc: &Document, key: &str, place: Place) -> Option<usize> {
        if let Some(&index) = self.by_id.get(&(kind, id)) {
            return Some(index);
        }
        let loc = doc.locator();
        let range = loc.range(place);
        let at = loc
            .value(id, Some(key), range.clone())
            .or_else(|| loc.key(key, range))
            .unwrap_or_else(|| loc.top());
        let mut known: Vec<&str> = self
            .by_id
            .keys()
            .filter(|(k, _)| *k == kind)
            .map(|(_, id)| *id)
            .collect();
        known.sort_unstable();
        let folder = kind.folder().unwrap_or("");
        let help = did_you_mean(id, known.iter().copied()).unwrap_or_else(|| match known.len() {
            0 => format!(
                "no {} exists yet: create `{folder}/{id}.md` in the content folder",
                kind.name()
            ),
            1..=8 => format!("known {} ids: {}", kind.name(), known.join(", ")),
            n => format!(
                "{n} {}s exist; none is close to `{id}` (ids are file names in `{folder}/`)",
                kind.name()
            ),
        });
        self.report(
            Diagnostic::error(format!("unknown {} `{id}`", kind.name()))
                .at(at)
                .with_help(help),
        );
        None
    }

    fn chip(&self, index: usize) -> TouchpointChip {
        let channel = match &self.docs[index].data {
            KindData::Touchpoint(t) => text(&t.channel),
            _ => None,
        };
        TouchpointChip {
            link: self.link(index),
            channel,
        }
    }

    fn persona(&self, index: usize, info: PageInfo, front: &PersonaFront) -> Persona {
        let doc = self.docs[index];
        let loc = doc.locator();
        let mut channels = Vec::new();
        for id in front.channels.iter() {
            if let Some(t) = self.lookup(Kind::Touchpoint, id, doc, "channels", Place::All) {
                channels.push(self.chip(t));
            }
        }
        let avatar = front.avatar.as_ref().and_then(|a| {
            if a.contains("://") || a.starts_with('/') {
                return Some(a.clone());
            }
            let folder = doc.source.content_path.rsplit_once('/').map_or("", |(f, _)| f);
            let path = normalise(&format!("{folder}/{a}"));
            if self.assets.contains(&path) {
                return Some(path);
            }
            self.report(
                Diagnostic::error(format!("avatar `{a}` not found (looked for content/{path})"))
                    .at(loc.value(a, Some("avatar"), loc.all()).unwrap_or_else(|| loc.top()))
                    .with_help("put the image in the content folder; the path is relative to this file"),
            );
            None
        });
        Persona {
            name: info.title.clone(),
            info,
            role: text(&front.role),
            quote: text(&front.quote),
            avatar,
            segment: text(&front.segment),
            demographics: front
                .demographics
                .0
                .iter()
                .map(|(k, v)| KeyValue {
                    key: k.0.clone(),
                    value: v.0.clone(),
                })
                .collect(),
            goals: texts(&front.goals),
            needs: texts(&front.needs),
            pain_points: texts(&front.pain_points),
            motivations: texts(&front.motivations),
            behaviors: texts(&front.behaviors),
            channels,
            sources: texts(&front.sources),
            journeys: Vec::new(),
        }
    }

    fn touchpoint(&self, info: PageInfo, front: &TouchpointFront) -> Touchpoint {
        Touchpoint {
            name: info.title.clone(),
            info,
            channel: text(&front.channel),
            touchpoint_type: text(&front.touchpoint_type),
            owner: text(&front.owner),
            systems: texts(&front.systems),
            used_in: Vec::new(),
            personas: Vec::new(),
        }
    }

    fn journey(&self, index: usize, info: PageInfo, front: &JourneyFront) -> Journey {
        let doc = self.docs[index];
        let mut personas = Vec::new();
        for id in front.personas.iter() {
            // Under the short form's key `persona:` the value is still found, by a search of the whole front matter.
            if let Some(p) = self.lookup(Kind::Persona, id, doc, "personas", Place::All) {
                // The face and role are filled in once every persona is built.
                personas.push(PersonaChip {
                    link: self.link(p),
                    avatar: None,
                    role: None,
                });
            }
        }
        let compare = front.compare.as_ref().and_then(|id| {
            if *id == doc.id {
                let loc = doc.locator();
                self.report(
                    Diagnostic::error("a journey cannot be compared with itself")
                        .at(loc.value(id, Some("compare"), loc.all()).unwrap_or_else(|| loc.top()))
                        .with_help("set `compare:` to the id of the counterpart map (current ↔ future)"),
                );
                return None;
            }
            self.lookup(Kind::Journey, id, doc, "compare", Place::All)
                .map(|j| self.link(j))
        });
        let ids = stage_ids(front);
        let mut stages = Vec::with_capacity(front.stages.len());
        for (i, stage) in front.stages.iter().enumerate() {
            let built = self.stage(doc, stage, ids[i].clone(), Place::Stage(i));
            stages.push(built);
        }
        let scale = front.emotion_scale.unwrap_or(self.config.journeys.emotion_scale);
        let shown: Vec<Lane> = self
            .config
            .journeys
            .lanes
            .iter()
            .copied()
            .filter(|lane| stages.iter().any(|s| lane_filled(s, *lane)))
            .collect();
        let lanes = shown
            .iter()
            .enumerate()
            .map(|(i, lane)| LaneInfo {
                key: lane.key(),
                line_before: blueprint_line(&shown[..i], *lane),
            })
            .collect();
        let moment_of_truth = stages.iter().find_map(|s| {
            if s.moment_of_truth {
                Some(s.name.clone())
            } else {
                s.steps
                    .iter()
                    .find(|st| st.moment_of_truth)
                    .map(|st| format!("{}: {}", s.name, st.name))
            }
        });
        Journey {
            review: self.review(front),
            info,
            personas,
            state: front.state,
            compare,
            compared_by: Vec::new(),
            scenario: text(&front.scenario),
            expectations: texts(&front.expectations),
            owner: text(&front.owner),
            emotion_scale: scale,
            lanes,
            stages,
            detail_of: Vec::new(),
            moment_of_truth,
            comparison: None,
        }
    }

    fn stage(&self, doc: &Document, front: &StageFront, id: String, place: Place) -> Stage {
        let mut touchpoints = Vec::new();
        for tp in front.touchpoints.iter() {
            if let Some(t) = self.lookup(Kind::Touchpoint, tp, doc, "touchpoints", place) {
                touchpoints.push(self.chip(t));
            }
        }
        let mut pain_points = Vec::new();
        for p in front.pain_points.iter() {
            let touchpoint = p.touchpoint.as_ref().and_then(|tp| {
                self.lookup(Kind::Touchpoint, tp, doc, "touchpoint", place)
                    .map(|t| self.link(t))
            });
            pain_points.push(PainPointView {
                text: p.text.0.clone(),
                severity: p.severity,
                touchpoint,
            });
        }
        let detail = front.detail.as_ref().and_then(|d| {
            self.lookup(Kind::Journey, d, doc, "detail", place)
                .map(|j| self.link(j))
        });
        let mut steps = Vec::new();
        for (j, step) in front.steps.iter().enumerate() {
            let step_id = step.id.clone().unwrap_or_else(|| slugify(&step.name));
            let step_place = match place {
                Place::Stage(i) => Place::Step(i, j),
                other => other,
            };
            steps.push(self.stage(doc, step, format!("{id}-{step_id}"), step_place));
        }
        let mut stage = Stage {
            anchor: stage_anchor(&id),
            id,
            name: front.name.0.clone(),
            goal: text(&front.goal),
            actions: texts(&front.actions),
            touchpoints,
            thoughts: texts(&front.thoughts),
            emotion: front.emotion,
            feeling: text(&front.feeling),
            pain_points: pain_points.into(),
            opportunities: front
                .opportunities
                .iter()
                .map(|o| OpportunityView {
                    text: o.text.0.clone(),
                    priority: o.priority,
                    owner: text(&o.owner),
                })
                .collect(),
            moment_of_truth: front.moment_of_truth,
            frontstage: texts(&front.frontstage),
            backstage: texts(&front.backstage),
            support: texts(&front.support),
            owners: texts(&front.owners),
            kpis: front.kpis.iter().map(kpi_view).collect(),
            detail,
            steps,
            filled_lanes: Vec::new(),
        };
        stage.filled_lanes = Lane::ALL
            .into_iter()
            .filter(|lane| own_lane_filled(&stage, *lane))
            .map(Lane::key)
            .collect();
        stage
    }

    fn review(&self, front: &JourneyFront) -> Review {
        let every = front.review_every.or(self.config.journeys.review_every);
        let due = match (front.reviewed, every) {
            (Some(r), Some(e)) => Some(r.add_days(i64::from(e))),
            _ => None,
        };
        let overdue = due.map_or(0, |d| d.days_until(self.today));
        Review {
            reviewed: front.reviewed.map(|d| d.to_string()),
            every_days: every,
            due: due.map(|d| d.to_string()),
            stale: overdue > 0,
            days_overdue: overdue.max(0),
        }
    }

    fn stale_warning(&self, journey: &Journey) {
        let Some(&index) = self.by_id.get(&(Kind::Journey, journey.info.id.as_str())) else {
            return;
        };
        let loc = self.docs[index].locator();
        let review = &journey.review;
        self.report(
            Diagnostic::warning(format!(
                "journey map `{}` is stale: last reviewed {}, review was due {} ({} days ago)",
                journey.info.id,
                review.reviewed.as_deref().unwrap_or("never"),
                review.due.as_deref().unwrap_or("-"),
                review.days_overdue
            ))
            .at(loc.key("reviewed", loc.all()).unwrap_or_else(|| loc.top()))
            .with_help("review the map with its owner, then set `reviewed:` to the date of the review"),
        );
    }
}

fn normalise(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

fn lane_filled(stage: &Stage, lane: Lane) -> bool {
    own_lane_filled(stage, lane) || stage.steps.iter().any(|s| lane_filled(s, lane))
}

/// Whether the stage (or step) itself, not counting its steps, fills `lane`.
fn own_lane_filled(stage: &Stage, lane: Lane) -> bool {
    match lane {
        Lane::Actions => !stage.actions.is_empty(),
        Lane::Touchpoints => !stage.touchpoints.is_empty(),
        Lane::Thoughts => !stage.thoughts.is_empty(),
        Lane::Emotion => stage.emotion.is_some() || stage.feeling.is_some(),
        Lane::PainPoints => !stage.pain_points.is_empty(),
        Lane::Opportunities => !stage.opportunities.is_empty(),
        Lane::Frontstage => !stage.frontstage.is_empty(),
        Lane::Backstage => !stage.backstage.is_empty(),
        Lane::Support => !stage.support.is_empty(),
        Lane::Owners => !stage.owners.is_empty(),
        Lane::Kpis => !stage.kpis.is_empty(),
    }
}

fn number(text: &str) -> Option<f64> {
    let cleaned: String = text.chars().filter(|c| !matches!(c, ',' | '%' | ' ' | '_')).collect();
    cleaned.parse().ok()
}

fn kpi_view(kpi: &Kpi) -> KpiView {
    let lower_is_better = kpi.better == Some(crate::content::model::Better::Lower);
    let met = match (
        kpi.value.as_deref().and_then(number),
        kpi.target.as_deref().and_then(number),
    ) {
        (Some(v), Some(t)) if lower_is_better => Some(v <= t),
        (Some(v), Some(t)) => Some(v >= t),
        _ => None,
    };
    KpiView {
        name: kpi.name.0.clone(),
        value: text(&kpi.value),
        target: text(&kpi.target),
        unit: text(&kpi.unit),
        lower_is_better,
        met,
    }
}

/// The service-blueprint line between the lanes `above` and `lane`: drawn
/// where the customer's lanes give way to frontstage, frontstage to
/// backstage, and backstage to support.
fn blueprint_line(above: &[Lane], lane: Lane) -> Option<&'static str> {
    let layer = |l: Lane| match l {
        Lane::Frontstage => 1,
        Lane::Backstage => 2,
        Lane::Support => 3,
        Lane::Owners | Lane::Kpis => 4,
        _ => 0,
    };
    let here = layer(lane);
    let crossed = above.iter().any(|l| layer(*l) < here);
    match lane {
        Lane::Frontstage if crossed => Some("interaction"),
        Lane::Backstage if crossed => Some("visibility"),
        Lane::Support if crossed => Some("internal_interaction"),
        _ => None,
    }
}

/// Fills the back-links: persona → journeys, touchpoint → usages and
/// personas, journey ↔ compared journey, stage ↔ deep dive.
fn link_back(personas: &mut [Persona], journeys: &mut [Journey], touchpoints: &mut [Touchpoint]) {
    let persona_at: HashMap<String, usize> = personas
        .iter()
        .enumerate()
        .map(|(i, p)| (p.info.id.clone(), i))
        .collect();
    let touchpoint_at: HashMap<String, usize> = touchpoints
        .iter()
        .enumerate()
        .map(|(i, t)| (t.info.id.clone(), i))
        .collect();
    let journey_at: HashMap<String, usize> = journeys
        .iter()
        .enumerate()
        .map(|(i, j)| (j.info.id.clone(), i))
        .collect();

    for persona in personas.iter() {
        for channel in &persona.channels {
            if let Some(&t) = touchpoint_at.get(&channel.link.id) {
                touchpoints[t].personas.push(persona.info.link());
            }
        }
    }
    for journey in journeys.iter_mut() {
        for chip in &mut journey.personas {
            if let Some(&i) = persona_at.get(&chip.link.id) {
                chip.avatar.clone_from(&personas[i].avatar);
                chip.role.clone_from(&personas[i].role);
            }
        }
    }
    let mut compared_by = Vec::new();
    let mut detail_of = Vec::new();
    for journey in journeys.iter() {
        let link = journey.info.link();
        for p in &journey.personas {
            if let Some(&i) = persona_at.get(&p.link.id) {
                personas[i].journeys.push(JourneySummary {
                    link: link.clone(),
                    state: journey.state,
                    stale: journey.review.stale,
                    emotions: journey.stages.iter().map(|s| s.emotion).collect(),
                    emotion_scale: journey.emotion_scale,
                });
            }
        }
        if let Some(other) = &journey.compare {
            compared_by.push((other.id.clone(), link.clone()));
        }
        for stage in &journey.stages {
            let stage_url = format!("{}#{}", link.url, stage.anchor);
            if let Some(detail) = &stage.detail {
                detail_of.push((
                    detail.id.clone(),
                    StageRef {
                        journey: link.clone(),
                        stage: stage.name.clone(),
                        stage_url: stage_url.clone(),
                    },
                ));
            }
            for (step, s) in std::iter::once((None, stage)).chain(stage.steps.iter().map(|s| (Some(s.name.clone()), s)))
            {
                for chip in &s.touchpoints {
                    if let Some(&t) = touchpoint_at.get(&chip.link.id) {
                        touchpoints[t].used_in.push(Usage {
                            journey: link.clone(),
                            stage: stage.name.clone(),
                            stage_url: stage_url.clone(),
                            step: step.clone(),
                            emotion: s.emotion,
                            feeling: s.feeling.clone(),
                            pain_points: s.pain_points.clone(),
                            opportunities: s.opportunities.clone(),
                        });
                    }
                }
            }
        }
    }
    for (target, link) in compared_by {
        if let Some(&j) = journey_at.get(&target) {
            if journeys[j].compare.as_ref().map(|c| &c.id) != Some(&link.id) {
                journeys[j].compared_by.push(link);
            }
        }
    }
    for (target, stage_ref) in detail_of {
        if let Some(&j) = journey_at.get(&target) {
            journeys[j].detail_of.push(stage_ref);
        }
    }
    let comparisons: Vec<(usize, Comparison)> = journeys
        .iter()
        .enumerate()
        .filter_map(|(i, j)| {
            let other = &journeys[*journey_at.get(&j.compare.as_ref()?.id)?];
            let this_is_after = j.state == Some(JourneyState::Future) || other.state == Some(JourneyState::Current);
            let this_is_before = j.state == Some(JourneyState::Current);
            let (before, after) = if this_is_after && !this_is_before {
                (other, j)
            } else {
                (j, other)
            };
            Some((i, compare_stages(before, after)))
        })
        .collect();
    for (i, comparison) in comparisons {
        journeys[i].comparison = Some(comparison);
    }
}

/// Pairs the stages of two maps by id, in the `before` map's order, then
/// the stages only the `after` map has.
fn compare_stages(before: &Journey, after: &Journey) -> Comparison {
    let links = |s: &Stage| -> Vec<Link> { s.touchpoints.iter().map(|c| c.link.clone()).collect() };
    // Emotions of the before map, moved onto the after map's scale.
    let (from, to) = (before.emotion_scale, after.emotion_scale);
    let rescale = |v: f64| to.min + (v - from.min) / (from.max - from.min) * (to.max - to.min);
    let mut rows = Vec::new();
    let mut matched = HashSet::new();
    for stage in &before.stages {
        let counterpart = after.stages.iter().find(|o| o.id == stage.id);
        if let Some(o) = counterpart {
            matched.insert(o.id.clone());
        }
        let old = links(stage);
        let new = counterpart.map(links).unwrap_or_default();
        let before_emotion = stage.emotion.map(rescale);
        let after_emotion = counterpart.and_then(|o| o.emotion);
        rows.push(ComparisonRow {
            stage: stage.name.clone(),
            before_emotion,
            after_emotion,
            emotion_change: before_emotion.zip(after_emotion).map(|(b, a)| a - b),
            added_touchpoints: new.iter().filter(|t| !old.contains(t)).cloned().collect(),
            removed_touchpoints: old.iter().filter(|t| !new.contains(t)).cloned().collect(),
            kept_touchpoints: old.iter().filter(|t| new.contains(t)).cloned().collect(),
            in_before: true,
            in_after: counterpart.is_some(),
        });
    }
    for o in after.stages.iter().filter(|o| !matched.contains(&o.id)) {
        rows.push(ComparisonRow {
            stage: o.name.clone(),
            before_emotion: None,
            after_emotion: o.emotion,
            emotion_change: None,
            added_touchpoints: links(o),
            removed_touchpoints: Vec::new(),
            kept_touchpoints: Vec::new(),
            in_before: false,
            in_after: true,
        });
    }
    Comparison {
        before: before.info.link(),
        after: after.info.link(),
        scale: to,
        rows,
    }
}
