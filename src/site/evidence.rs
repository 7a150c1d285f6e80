//! Extension (issue 14): evidence as the map shows it. Each `link:` is
//! checked (an address, or a page of the book), each `source:` is matched
//! against the journey's personas' `sources:`, and afterwards every persona
//! source learns which map items cite it.

use super::model::*;
use super::pages::text;
use super::references::Resolver;
use crate::content::model::{Confidence, Evidence, KindData};
use crate::content::{Document, Kind, Place};
use crate::diagnostics::{did_you_mean, Diagnostic};
use rayon::prelude::*;
use std::collections::HashMap;

/// The element id of the `n`-th source (from 1) on a persona's page.
fn source_anchor(n: usize) -> String {
    format!("source-{n}")
}

/// A persona's `sources:`, each with its anchor; the citations come later.
pub(super) fn persona_sources(sources: &[String]) -> Vec<PersonaSource> {
    sources
        .iter()
        .enumerate()
        .map(|(i, s)| PersonaSource {
            text: s.clone(),
            anchor: source_anchor(i + 1),
            cited_by: Vec::new(),
        })
        .collect()
}

/// Whether a link leaves the site: written with a scheme of its own.
fn is_external(link: &str) -> bool {
    ["http://", "https://", "mailto:"].iter().any(|s| link.starts_with(s))
}

impl Resolver<'_> {
    /// The evidence of one item of `doc`, a journey; `place` is the item's stage or step.
    pub(super) fn evidence(&self, doc: &Document, items: &[Evidence], place: Place) -> Vec<EvidenceView> {
        items
            .iter()
            .map(|e| {
                let source = text(&e.source);
                let (link, external) = match e.link.as_deref() {
                    Some(l) if is_external(l) => (Some(l.to_owned()), true),
                    Some(l) => (self.page_link(doc, l, place), false),
                    None => (None, false),
                };
                EvidenceView {
                    cites: source.as_deref().and_then(|s| self.cited_source(doc, s)),
                    text: e.text.0.clone(),
                    source,
                    date: e.date.map(|d| d.to_string()),
                    link,
                    external,
                }
            })
            .collect()
    }

    /// The URL of the page a `link:` names by content path (`personas/maya.md`,
    /// with an optional `#fragment`), or an error at the link.
    fn page_link(&self, doc: &Document, link: &str, place: Place) -> Option<String> {
        let (path, fragment) = match link.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (link, None),
        };
        let path = path.trim_start_matches("./").trim_start_matches('/');
        // A page is named by its content path, or by its output path.
        let found = (0..self.docs.len()).find(|&i| self.docs[i].source.content_path == path || self.urls[i] == path);
        if let Some(index) = found {
            let url = &self.urls[index];
            return Some(match fragment {
                Some(f) if !f.is_empty() => format!("{url}#{f}"),
                _ => url.clone(),
            });
        }
        let known = self.docs.iter().map(|d| d.source.content_path.as_str());
        let help = did_you_mean(path, known).unwrap_or_else(|| {
            "write an address starting with `https://`, or the path of a page in the content folder, e.g. `personas/maya.md`".to_owned()
        });
        self.report(
            Diagnostic::error(format!("the evidence link `{link}` names no page of the book"))
                .at(doc.locator().find(Some(link), "link", place))
                .with_help(help),
        );
        None
    }

    /// The source of one of the journey's personas that `source` names, case-insensitively.
    fn cited_source(&self, doc: &Document, source: &str) -> Option<CitedSource> {
        let KindData::Journey(front) = &doc.data else {
            return None;
        };
        let wanted = source.trim().to_lowercase();
        front.personas.iter().find_map(|id| {
            let index = *self.by_id.get(&(Kind::Persona, id.0.as_str()))?;
            let KindData::Persona(persona) = &self.docs[index].data else {
                return None;
            };
            let n = persona
                .sources
                .iter()
                .position(|s| s.0.trim().to_lowercase() == wanted)?;
            let link = self.link(index);
            Some(CitedSource {
                url: format!("{}#{}", link.url, source_anchor(n + 1)),
                text: persona.sources[n].0.clone(),
                persona: link,
            })
        })
    }
}

/// The items of a journey's map that `wanted` picks by their confidence and
/// evidence, in map order (a stage, its pain points, opportunities and KPIs,
/// then its steps the same way), with their evidence. Only those picked are
/// made: a map has thousands of items, a roll-up wants a few.
pub(super) fn items<'j>(
    journey: &'j Journey,
    wanted: impl Fn(Option<Confidence>, &[EvidenceView]) -> bool,
) -> Vec<(ItemRef, &'j [EvidenceView])> {
    let link = journey.info.link();
    let mut out = Vec::new();
    for stage in &journey.stages {
        let owners = std::iter::once((None, stage)).chain(stage.steps.iter().map(|s| (Some(s), s)));
        for (step, s) in owners {
            let mut at = |kind: ItemKind, text: &str, confidence, evidence: &'j [EvidenceView]| {
                if !wanted(confidence, evidence) {
                    return;
                }
                let item = ItemRef {
                    journey: link.clone(),
                    kind,
                    text: text.to_owned(),
                    stage: stage.name.clone(),
                    step: step.map(|st| st.name.clone()),
                    // Steps have no element of their own on the page: their stage's column.
                    url: format!("{}#{}", link.url, stage.anchor),
                    confidence,
                    evidence: evidence.len(),
                };
                out.push((item, evidence));
            };
            let kind = if step.is_some() {
                ItemKind::Step
            } else {
                ItemKind::Stage
            };
            at(kind, &s.name, s.confidence, &s.evidence);
            for p in s.pain_points.iter() {
                at(ItemKind::PainPoint, &p.text, p.confidence, &p.evidence);
            }
            for o in s.opportunities.iter() {
                at(ItemKind::Opportunity, &o.text, o.confidence, &o.evidence);
            }
            for k in &s.kpis {
                at(ItemKind::Kpi, &k.name, k.confidence, &k.evidence);
            }
        }
    }
    out
}

/// Tells each persona source the map items whose evidence cites it.
pub(super) fn link_citations(personas: &mut [Persona], journeys: &[Journey]) {
    let persona_at: HashMap<String, usize> = personas
        .iter()
        .enumerate()
        .map(|(i, p)| (p.info.id.clone(), i))
        .collect();
    // Each journey's citations found on every core, then filed in order.
    let citations: Vec<Vec<(usize, String, ItemRef)>> = journeys
        .par_iter()
        .with_max_len(crate::PAGES_PER_TASK)
        .map(|journey| {
            let mut found = Vec::new();
            let citing = |_, evidence: &[EvidenceView]| evidence.iter().any(|e| e.cites.is_some());
            for (item, evidence) in items(journey, citing) {
                for cited in evidence.iter().filter_map(|e| e.cites.as_ref()) {
                    if let Some(&p) = persona_at.get(&cited.persona.id) {
                        let anchor = cited.url.rsplit('#').next().unwrap_or_default();
                        found.push((p, anchor.to_owned(), item.clone()));
                    }
                }
            }
            found
        })
        .collect();
    for (p, anchor, item) in citations.into_iter().flatten() {
        let Some(source) = personas[p].cited_sources.iter_mut().find(|s| s.anchor == anchor) else {
            continue;
        };
        // Two pieces of evidence of one item citing one source: listed once.
        let repeat = source
            .cited_by
            .last()
            .is_some_and(|last| last.url == item.url && last.text == item.text && last.kind == item.kind);
        if !repeat {
            source.cited_by.push(item);
        }
    }
}
