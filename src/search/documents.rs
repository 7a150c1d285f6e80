//! The search documents: one per addressable thing of the site (a journey,
//! each stage and step, each pain point, opportunity and KPI, a persona, a
//! touchpoint, each heading section of a page), with the URL of its exact
//! spot.

use super::html::{html_text, split_sections};
use crate::content::model::{JourneyState, Level};
use crate::site::{Journey, PageInfo, Persona, Site, Stage, Touchpoint};

/// What a document is, in the order of the manifest's `kinds`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub(crate) enum DocKind {
    Journey,
    Stage,
    Step,
    Persona,
    Touchpoint,
    PainPoint,
    Opportunity,
    Kpi,
    Section,
}

impl DocKind {
    pub(crate) const ALL: [DocKind; 9] = [
        DocKind::Journey,
        DocKind::Stage,
        DocKind::Step,
        DocKind::Persona,
        DocKind::Touchpoint,
        DocKind::PainPoint,
        DocKind::Opportunity,
        DocKind::Kpi,
        DocKind::Section,
    ];

    /// The kind's name in the index.
    pub(crate) fn name(self) -> &'static str {
        match self {
            DocKind::Journey => "journey",
            DocKind::Stage => "stage",
            DocKind::Step => "step",
            DocKind::Persona => "persona",
            DocKind::Touchpoint => "touchpoint",
            DocKind::PainPoint => "pain-point",
            DocKind::Opportunity => "opportunity",
            DocKind::Kpi => "kpi",
            DocKind::Section => "section",
        }
    }
}

/// One search result to be.
#[derive(Debug, Clone)]
pub(crate) struct Doc {
    pub kind: DocKind,
    /// A pain point's severity or an opportunity's priority.
    pub level: Option<Level>,
    /// The state of the journey it belongs to.
    pub state: Option<JourneyState>,
    /// The index in `site.journeys` of the journey it belongs to.
    pub journey: Option<usize>,
    pub title: String,
    /// The parents, joined with ` › `.
    pub crumb: String,
    pub teaser: String,
    /// Relative to the site root, with the anchor of the exact spot.
    pub url: String,
    /// Text that matches as strongly as the title (names, ids).
    pub names: String,
    /// Every other searchable word.
    pub body: String,
}

/// Longest teaser shown under a result, in characters.
const TEASER: usize = 80;

/// `text` cut at a word boundary to at most `limit` characters.
pub(crate) fn shorten(text: &str, limit: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= limit {
        return text.to_owned();
    }
    let cut: String = text.chars().take(limit).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.', ' ']))
}

fn join(parts: &[&str]) -> String {
    parts
        .iter()
        .filter(|p| !p.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" › ")
}

/// A page of the site, whose documents are made together.
#[derive(Clone, Copy)]
pub(crate) enum Unit<'a> {
    /// A journey, by its index in `site.journeys`.
    Journey(usize, &'a Journey),
    Persona(&'a Persona),
    Touchpoint(&'a Touchpoint),
    Page(&'a PageInfo),
}

impl Unit<'_> {
    /// What the page has as every page does.
    fn info(&self) -> &PageInfo {
        match self {
            Unit::Journey(_, journey) => &journey.info,
            Unit::Persona(persona) => &persona.info,
            Unit::Touchpoint(touchpoint) => &touchpoint.info,
            Unit::Page(info) => info,
        }
    }

    /// The page's address in the site.
    pub(crate) fn url(&self) -> &str {
        &self.info().url
    }
}

/// Every page of the site that `searchable` lets in.
pub(crate) fn units<'a>(site: &'a Site, searchable: &dyn Fn(&PageInfo) -> bool) -> Vec<Unit<'a>> {
    let mut units = Vec::new();
    for (index, journey) in site.journeys.iter().enumerate() {
        if searchable(&journey.info) {
            units.push(Unit::Journey(index, journey));
        }
    }
    units.extend(site.personas.iter().filter(|p| searchable(&p.info)).map(Unit::Persona));
    units.extend(
        site.touchpoints
            .iter()
            .filter(|t| searchable(&t.info))
            .map(Unit::Touchpoint),
    );
    units.extend(
        site.home
            .iter()
            .chain(&site.pages)
            .filter(|p| searchable(&p.info))
            .map(|p| Unit::Page(&p.info)),
    );
    units
}

/// The documents of one page; fails only when its body, kept by the
/// previous build, can no longer be read.
pub(crate) fn docs_of(unit: Unit<'_>) -> std::io::Result<Vec<Doc>> {
    let html = unit.info().body.html()?;
    let mut docs = Vec::new();
    match unit {
        Unit::Journey(index, journey) => journey_docs(journey, index, &html, &mut docs),
        Unit::Persona(persona) => {
            let mut body = vec![
                persona.role.clone().unwrap_or_default(),
                persona.quote.clone().unwrap_or_default(),
                persona.segment.clone().unwrap_or_default(),
            ];
            for list in [
                &persona.goals,
                &persona.needs,
                &persona.pain_points,
                &persona.motivations,
                &persona.behaviors,
            ] {
                body.extend(list.iter().cloned());
            }
            body.extend(persona.demographics.iter().map(|kv| format!("{} {}", kv.key, kv.value)));
            body.push(html_text(&html));
            let teaser = persona
                .role
                .clone()
                .or_else(|| persona.quote.clone())
                .unwrap_or_default();
            docs.push(page_doc(&persona.info, DocKind::Persona, "", &teaser, body.join(" ")));
        }
        Unit::Touchpoint(touchpoint) => {
            let mut body = vec![
                touchpoint.channel.clone().unwrap_or_default(),
                touchpoint.touchpoint_type.clone().unwrap_or_default(),
                touchpoint.owner.clone().unwrap_or_default(),
            ];
            body.extend(touchpoint.systems.iter().cloned());
            body.push(html_text(&html));
            let teaser = touchpoint.info.description.clone().unwrap_or_default();
            docs.push(page_doc(
                &touchpoint.info,
                DocKind::Touchpoint,
                "",
                &teaser,
                body.join(" "),
            ));
        }
        Unit::Page(info) => section_docs(info, &html, &mut docs),
    }
    Ok(docs)
}

fn page_doc(info: &PageInfo, kind: DocKind, crumb: &str, teaser: &str, body: String) -> Doc {
    let teaser = if teaser.is_empty() {
        info.description.as_deref().unwrap_or_default()
    } else {
        teaser
    };
    Doc {
        kind,
        level: None,
        state: None,
        journey: None,
        title: info.title.clone(),
        crumb: crumb.to_owned(),
        teaser: shorten(teaser, TEASER),
        url: info.url.clone(),
        names: format!("{} {}", info.title, info.tags.join(" ")),
        body: format!("{} {body}", info.description.as_deref().unwrap_or_default()),
    }
}

fn journey_docs(journey: &Journey, index: usize, html: &str, docs: &mut Vec<Doc>) {
    let info = &journey.info;
    let personas: Vec<&str> = journey.personas.iter().map(|p| p.link.title.as_str()).collect();
    let mut body = vec![
        journey.scenario.clone().unwrap_or_default(),
        journey.owner.clone().unwrap_or_default(),
        personas.join(" "),
        html_text(html),
    ];
    body.extend(journey.expectations.iter().cloned());
    let teaser = info
        .description
        .clone()
        .or_else(|| journey.scenario.clone())
        .unwrap_or_default();
    let mut doc = page_doc(info, DocKind::Journey, "", &teaser, body.join(" "));
    doc.state = journey.state;
    doc.journey = Some(index);
    docs.push(doc);
    let of_journey = |mut doc: Doc| {
        doc.state = journey.state;
        doc.journey = Some(index);
        doc
    };
    for stage in &journey.stages {
        let at = format!("{}#{}", info.url, stage.anchor);
        let crumb = info.title.as_str();
        docs.push(of_journey(stage_doc(stage, DocKind::Stage, crumb, &at)));
        stage_parts(stage, &join(&[crumb, &stage.name]), &at, docs, &of_journey);
        for step in &stage.steps {
            let step_crumb = join(&[crumb, &stage.name]);
            docs.push(of_journey(stage_doc(step, DocKind::Step, &step_crumb, &at)));
            stage_parts(step, &join(&[crumb, &stage.name, &step.name]), &at, docs, &of_journey);
        }
    }
}

/// A stage's or step's own document: its name and every lane's words.
fn stage_doc(stage: &Stage, kind: DocKind, crumb: &str, url: &str) -> Doc {
    let mut body: Vec<&str> = Vec::new();
    for list in [
        &stage.actions,
        &stage.thoughts,
        &stage.frontstage,
        &stage.backstage,
        &stage.support,
        &stage.owners,
    ] {
        body.extend(list.iter().map(String::as_str));
    }
    body.extend(stage.custom_lanes.values().flatten().map(String::as_str));
    body.extend(stage.feeling.as_deref());
    body.extend(stage.touchpoints.iter().map(|t| t.link.title.as_str()));
    let teaser = stage
        .goal
        .clone()
        .or_else(|| stage.actions.first().cloned())
        .unwrap_or_default();
    Doc {
        kind,
        level: None,
        state: None,
        journey: None,
        title: stage.name.clone(),
        crumb: crumb.to_owned(),
        teaser: shorten(&teaser, TEASER),
        url: url.to_owned(),
        names: stage.name.clone(),
        body: format!("{} {}", stage.goal.as_deref().unwrap_or_default(), body.join(" ")),
    }
}

/// The pain points, opportunities and KPIs of a stage or step.
fn stage_parts(stage: &Stage, crumb: &str, url: &str, docs: &mut Vec<Doc>, of_journey: &dyn Fn(Doc) -> Doc) {
    let item = |kind, level, title: &str, teaser: &str, body: String| Doc {
        kind,
        level,
        state: None,
        journey: None,
        title: shorten(title, 80),
        crumb: crumb.to_owned(),
        teaser: shorten(teaser, TEASER),
        url: url.to_owned(),
        names: String::new(),
        body: format!("{title} {body}"),
    };
    for p in stage.pain_points.iter() {
        let touchpoint = p.touchpoint.as_ref().map_or("", |t| t.title.as_str());
        let teaser = if p.text.chars().count() > 80 { &p.text } else { "" };
        docs.push(of_journey(item(
            DocKind::PainPoint,
            p.severity,
            &p.text,
            teaser,
            touchpoint.to_owned(),
        )));
    }
    for o in stage.opportunities.iter() {
        let owner = o.owner.clone().unwrap_or_default();
        let teaser = if o.text.chars().count() > 80 {
            o.text.clone()
        } else {
            owner.clone()
        };
        docs.push(of_journey(item(
            DocKind::Opportunity,
            o.priority,
            &o.text,
            &teaser,
            owner,
        )));
    }
    for k in &stage.kpis {
        let figures = [
            k.value.as_deref(),
            k.target.as_deref().map(|t| t.trim()),
            k.unit.as_deref(),
        ];
        let teaser = match (k.value.as_deref(), k.target.as_deref()) {
            (Some(v), Some(t)) => {
                let unit = k.unit.as_deref().map(|u| format!(" {u}")).unwrap_or_default();
                format!("{v}{unit} → {t}{unit}")
            }
            (Some(v), None) => v.to_owned(),
            (None, Some(t)) => t.to_owned(),
            (None, None) => String::new(),
        };
        let body = figures.iter().flatten().copied().collect::<Vec<_>>().join(" ");
        let mut doc = item(DocKind::Kpi, None, &k.name, &teaser, body);
        doc.names = k.name.clone();
        docs.push(of_journey(doc));
    }
}

/// A page's documents: the text before its first heading under the page's
/// own title, then one per heading section, at the heading's anchor.
fn section_docs(info: &PageInfo, html: &str, docs: &mut Vec<Doc>) {
    let sections = split_sections(html);
    let mut lead = String::new();
    let mut first = true;
    for section in sections {
        match section.heading {
            None => lead = section.text,
            Some((level, id, heading)) => {
                // A page that opens with its own title: that heading is the page.
                if first && level == 1 {
                    let text = format!("{lead} {}", section.text);
                    docs.push(page_doc(info, DocKind::Section, "", &first_words(&text), text));
                    lead.clear();
                    first = false;
                    continue;
                }
                if first {
                    docs.push(page_doc(info, DocKind::Section, "", &first_words(&lead), lead.clone()));
                    first = false;
                }
                docs.push(Doc {
                    kind: DocKind::Section,
                    level: None,
                    state: None,
                    journey: None,
                    title: heading.clone(),
                    crumb: info.title.clone(),
                    teaser: shorten(&section.text, TEASER),
                    url: format!("{}#{id}", info.url),
                    names: heading,
                    body: section.text,
                });
            }
        }
    }
    if first {
        docs.push(page_doc(info, DocKind::Section, "", &first_words(&lead), lead));
    }
}

fn first_words(text: &str) -> String {
    shorten(text, TEASER)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn teasers_are_cut_at_a_word() {
        assert_eq!(shorten("short", 10), "short");
        assert_eq!(shorten("one two three four", 10), "one two…");
    }
}
