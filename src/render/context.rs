//! What each page's template receives: the page itself, the index rows of
//! the generated lists, and the values every page shares.

use super::i18n::Words;
use super::nav::Nav;
use super::{charts, insights, Job, SiteView, Subject, HOME_LIST};
use crate::site::urls::{self, Generated};
use crate::site::{Journey, Persona, Site, Touchpoint};
use serde::Serialize;
use tera::Context;

/// A journey as the journeys index lists it.
#[derive(Serialize)]
struct JourneyRow<'a> {
    url: &'a str,
    title: &'a str,
    description: Option<&'a str>,
    state: Option<crate::content::model::JourneyState>,
    personas: &'a [crate::site::PersonaChip],
    owner: Option<&'a str>,
    review: &'a crate::site::Review,
    stages: usize,
}

impl<'a> JourneyRow<'a> {
    fn of(j: &'a Journey) -> Self {
        JourneyRow {
            url: &j.info.url,
            title: &j.info.title,
            description: j.info.description.as_deref(),
            state: j.state,
            personas: &j.personas,
            owner: j.owner.as_deref(),
            review: &j.review,
            stages: j.stages.len(),
        }
    }
}

#[derive(Serialize)]
struct PersonaRow<'a> {
    url: &'a str,
    name: &'a str,
    role: Option<&'a str>,
    quote: Option<&'a str>,
    avatar: Option<&'a str>,
    journey_count: usize,
}

impl<'a> PersonaRow<'a> {
    fn of(p: &'a Persona) -> Self {
        PersonaRow {
            url: &p.info.url,
            name: &p.name,
            role: p.role.as_deref(),
            quote: p.quote.as_deref(),
            avatar: p.avatar.as_deref(),
            journey_count: p.journeys.len(),
        }
    }
}

#[derive(Serialize)]
struct TouchpointRow<'a> {
    url: &'a str,
    name: &'a str,
    channel: Option<&'a str>,
    #[serde(rename = "type")]
    touchpoint_type: Option<&'a str>,
    owner: Option<&'a str>,
    used_in_count: usize,
}

impl<'a> TouchpointRow<'a> {
    fn of(t: &'a Touchpoint) -> Self {
        TouchpointRow {
            url: &t.info.url,
            name: &t.name,
            channel: t.channel.as_deref(),
            touchpoint_type: t.touchpoint_type.as_deref(),
            owner: t.owner.as_deref(),
            used_in_count: t.used_in.len(),
        }
    }
}

/// What the template of one page receives.
pub(super) fn job_context(job: &Job<'_>, site: &Site, site_view: &SiteView<'_>, nav: &Nav, words: &Words) -> Context {
    let mut context = Context::new();
    context.insert("site", site_view);
    context.insert("root", &urls::root_of(&job.url));
    context.insert("url", &job.url);
    // The page's full address, encoded as a link is: `<link rel="canonical">`.
    if let Some(base) = site_view.url {
        context.insert("canonical", &crate::export::site_url::absolute(Some(base), &job.url));
    }
    context.insert("title", &job.title);
    let mut page_nav = nav.for_page(&job.url);
    // A journey's breadcrumbs go down the landscape: Journeys › its parent › it.
    if let Subject::Journey(journey) = &job.subject {
        page_nav.breadcrumbs.extend(journey.ancestors.iter().cloned());
    }
    context.insert("nav", &page_nav);
    let body = match &job.subject {
        Subject::Generated(Generated::Home) => site.home.as_ref().map(|h| &h.info),
        Subject::Page(p) => Some(&p.info),
        Subject::Persona(p) => Some(&p.info),
        Subject::Journey(j) => Some(&j.info),
        Subject::Touchpoint(t) => Some(&t.info),
        _ => None,
    };
    // The page's own `description`, else the site's, for `<meta name=description>`.
    let description = body
        .and_then(|info| info.description.as_deref())
        .or(site.book.description.as_deref());
    context.insert("description", &description);
    let body_html = body.map_or("", |info| info.body_html.as_str());
    context.insert("body_html", body_html);
    // Only pages with highlighted code link the highlighting stylesheets.
    context.insert(
        "has_code",
        &memchr::memmem::find(body_html.as_bytes(), b"class=\"hl-").is_some(),
    );
    let kind = match &job.subject {
        Subject::Generated(page) => generated_context(*page, site, nav, &mut context),
        Subject::Page(p) => {
            context.insert("page", p);
            page_parts(p, &mut context);
            "page"
        }
        Subject::Persona(p) => {
            context.insert("page", p);
            let sparklines: Vec<_> = p.journeys.iter().map(|j| charts::sparkline(j, words)).collect();
            context.insert("sparklines", &sparklines);
            "persona"
        }
        Subject::Journey(j) => {
            context.insert("page", j);
            context.insert("curve", &charts::emotion_curve(j, words));
            context.insert(
                "comparison_chart",
                &j.comparison.as_ref().and_then(|c| charts::comparison_chart(c, words)),
            );
            "journey"
        }
        Subject::Touchpoint(t) => {
            context.insert("page", t);
            "touchpoint"
        }
        Subject::Section(section) => {
            context.insert("section", section);
            "section"
        }
    };
    context.insert("kind", kind);
    context
}

/// What the template of a page journeybook makes itself receives; returns its `kind`.
fn generated_context(page: Generated, site: &Site, nav: &Nav, context: &mut Context) -> &'static str {
    match page {
        Generated::Home => {
            context.insert("page", &site.home);
            context.insert("journeys", &site.journeys[..site.journeys.len().min(HOME_LIST)]);
            context.insert("personas", &site.personas[..site.personas.len().min(HOME_LIST)]);
            context.insert("top_pages", nav.top_level_pages());
            "home"
        }
        // Index pages list many items: give them small rows, not whole models.
        Generated::Journeys => {
            context.insert("items", &site.journeys.iter().map(JourneyRow::of).collect::<Vec<_>>());
            "index"
        }
        Generated::Personas => {
            context.insert("items", &site.personas.iter().map(PersonaRow::of).collect::<Vec<_>>());
            "index"
        }
        Generated::Touchpoints => {
            context.insert(
                "items",
                &site.touchpoints.iter().map(TouchpointRow::of).collect::<Vec<_>>(),
            );
            "index"
        }
        Generated::Insights
        | Generated::PainPoints
        | Generated::Opportunities
        | Generated::Matrix
        | Generated::Stale => {
            context.insert("insights", &insights::InsightsView::of(&site.insights, page));
            context.insert("insight", insights::name(page));
            "insights"
        }
        Generated::Kpis => {
            context.insert("kpis", &site.insights.kpis);
            context.insert("insight", "kpis");
            "insights"
        }
        Generated::Landscape => {
            context.insert("landscape", &site.insights.landscape);
            context.insert("insight", "landscape");
            "insights"
        }
        Generated::Assumptions => {
            context.insert("assumptions", &site.insights.assumptions);
            context.insert("insight", "assumptions");
            "insights"
        }
        Generated::NotFound => "404",
        Generated::Search => "search",
    }
}

/// A plain page's table of contents (its level 2 and 3 headings) and, when
/// its Markdown opens with `# Title`, that heading apart from the rest of
/// the body, so the theme can put the contents under the title. `body_html`
/// stays whole for themes that print it as it is.
fn page_parts(page: &crate::site::Page, context: &mut Context) {
    let toc: Vec<&crate::markdown::Heading> = page.info.toc.iter().filter(|h| (2..=3).contains(&h.level)).collect();
    context.insert("toc", &toc);
    let html = page.info.body_html.as_str();
    let split = match page.body_has_title {
        true => memchr::memmem::find(html.as_bytes(), b"</h1>").map(|end| end + "</h1>".len()),
        false => None,
    };
    let (title, rest) = html.split_at(split.unwrap_or(0));
    context.insert("body_title_html", title);
    context.insert("body_rest_html", rest);
}
