//! What each page's template receives: the page itself, the index rows of
//! the generated lists, and the values every page shares.

use super::i18n::Words;
use super::nav::Nav;
use super::{charts, insights, Job, SiteView, Subject, HOME_LIST};
use crate::fingerprint::Fingerprint;
use crate::site::urls::{self, Generated};
use crate::site::{Body, Journey, Persona, Site, Touchpoint};
use serde::Serialize;
use std::io;
use tera::Context;

/// What a page's values go into: the template's context when rendering,
/// a fingerprint when asking whether the page changed. Both are filled by
/// the same code, so the fingerprint covers exactly what the template sees.
pub(super) trait Fill {
    fn set<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T);

    /// A value made from `source` by `make`, which only rendering needs:
    /// a fingerprint takes the source (template values made ahead, whose
    /// maps have no fixed order, could not be hashed the same twice).
    fn set_made<S: Serialize + ?Sized, T: Serialize>(
        &mut self,
        key: &'static str,
        source: &S,
        make: impl FnOnce() -> T,
    );

    /// The page's rendered Markdown: `body_html` and `has_code`, and for a
    /// plain page, when `opens_with_title`, its title apart from the rest
    /// (`body_title_html`, `body_rest_html`), so the theme can put the
    /// contents under the title; `body_html` stays whole for themes that
    /// print it as it is. A fingerprint takes the body's digest, which they
    /// are all made from; rendering reads a body kept by the previous build back.
    fn set_body(&mut self, body: Option<&Body>, opens_with_title: Option<bool>) -> io::Result<()>;
}

impl Fill for Context {
    fn set<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        self.insert(key, value);
    }

    fn set_made<S: Serialize + ?Sized, T: Serialize>(&mut self, key: &'static str, _: &S, make: impl FnOnce() -> T) {
        self.insert(key, &make());
    }

    fn set_body(&mut self, body: Option<&Body>, opens_with_title: Option<bool>) -> io::Result<()> {
        let html = body.map(Body::html).transpose()?.unwrap_or_default();
        self.insert("body_html", &*html);
        self.insert("has_code", &body.is_some_and(Body::has_code));
        if let Some(titled) = opens_with_title {
            let split = match titled {
                true => memchr::memmem::find(html.as_bytes(), b"</h1>").map(|end| end + "</h1>".len()),
                false => None,
            };
            let (title, rest) = html.split_at(split.unwrap_or(0));
            self.insert("body_title_html", title);
            self.insert("body_rest_html", rest);
        }
        Ok(())
    }
}

impl Fill for Fingerprint {
    fn set<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        self.value(key, value);
    }

    fn set_made<S: Serialize + ?Sized, T: Serialize>(&mut self, key: &'static str, source: &S, _: impl FnOnce() -> T) {
        self.value(key, source);
    }

    fn set_body(&mut self, body: Option<&Body>, opens_with_title: Option<bool>) -> io::Result<()> {
        self.value("body", &(body.map(Body::digest), opens_with_title));
        Ok(())
    }
}

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

/// Whether the built-in template of `page` prints the site's or the
/// navigation's counts, so its hash must hold them; no other built-in
/// template does, but for the roll-ups' own counts on the pages that hold
/// the roll-ups (a test in `render::theme` holds them to it).
pub(super) fn prints_counts(page: Generated) -> bool {
    page == Generated::Home
}

/// Whether `page` is made from the roll-ups' model, whose hash its own
/// takes: the counts of the roll-ups it prints are in it, so a guide added
/// elsewhere leaves the page as it was.
pub(super) fn holds_roll_ups(page: Generated) -> bool {
    matches!(
        page,
        Generated::Insights | Generated::PainPoints | Generated::Opportunities | Generated::Matrix | Generated::Stale
    )
}

/// The counts a page holding the roll-ups may print: each is the length of
/// a list of the roll-ups' model.
#[cfg(test)]
pub(super) const ROLL_UP_COUNTS: [&str; 3] = [
    "site.counts.pain_points",
    "site.counts.opportunities",
    "site.counts.stale",
];

/// What the template of one page receives.
pub(super) fn job_context<F: Fill>(
    job: &Job<'_>,
    site: &Site,
    site_view: &SiteView<'_>,
    nav: &Nav,
    words: &Words,
    context: &mut F,
) -> io::Result<()> {
    let counts = site_view.prints_counts || matches!(job.subject, Subject::Generated(page) if prints_counts(page));
    let site_inputs = super::SiteInputs {
        view: site_view,
        counts,
    };
    context.set_made("site", &site_inputs, || site_view);
    context.set("root", &urls::root_of(&job.url));
    context.set("url", &job.url);
    // The page's full address, encoded as a link is: `<link rel="canonical">`.
    if let Some(base) = site_view.url {
        context.set("canonical", &crate::export::site_url::absolute(Some(base), &job.url));
    }
    context.set("title", &job.title);
    let mut page_nav = nav.for_page(&job.url);
    // A journey's breadcrumbs go down the landscape: Journeys › its parent › it.
    if let Subject::Journey(journey) = &job.subject {
        page_nav.breadcrumbs.extend(journey.ancestors.iter().cloned());
    }
    let nav_inputs = super::nav::NavInputs { nav: &page_nav, counts };
    context.set_made("nav", &nav_inputs, || &page_nav);
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
    context.set("description", &description);
    let opens_with_title = match &job.subject {
        Subject::Page(p) => Some(p.body_has_title),
        _ => None,
    };
    context.set_body(body.map(|info| &info.body), opens_with_title)?;
    let kind = match &job.subject {
        Subject::Generated(page) => generated_context(*page, site, site_view, nav, context),
        Subject::Page(p) => {
            context.set("page", p);
            // A plain page's table of contents: its level 2 and 3 headings.
            let toc: Vec<&crate::markdown::Heading> =
                p.info.toc.iter().filter(|h| (2..=3).contains(&h.level)).collect();
            context.set("toc", &toc);
            "page"
        }
        Subject::Persona(p) => {
            context.set("page", p);
            let sparklines: Vec<_> = p.journeys.iter().map(|j| charts::sparkline(j, words)).collect();
            context.set("sparklines", &sparklines);
            "persona"
        }
        Subject::Journey(j) => {
            context.set("page", j);
            // Drawn from the journey, hashed above, and the theme's words,
            // which the build key holds: a page's hash need not draw them.
            context.set_made("curve", &(), || charts::emotion_curve(j, words));
            context.set_made("comparison_chart", &(), || {
                j.comparison.as_ref().and_then(|c| charts::comparison_chart(c, words))
            });
            "journey"
        }
        Subject::Touchpoint(t) => {
            context.set("page", t);
            "touchpoint"
        }
        Subject::Section(section) => {
            context.set("section", section);
            "section"
        }
    };
    context.set("kind", kind);
    Ok(())
}

/// What the template of a page journeybook makes itself receives; returns its `kind`.
fn generated_context<F: Fill>(
    page: Generated,
    site: &Site,
    site_view: &SiteView<'_>,
    nav: &Nav,
    context: &mut F,
) -> &'static str {
    if holds_roll_ups(page) {
        let parts = insights::Parts::of(page, site_view.every_roll_up);
        let inputs = insights::RollUpInputs {
            all: &site.insights,
            parts,
        };
        context.set_made("insights", &inputs, || {
            insights::InsightsView::of(&site.insights, page, parts)
        });
        context.set("insight", insights::name(page));
        return "insights";
    }
    match page {
        Generated::Home => {
            context.set("page", &site.home);
            context.set("journeys", &site.journeys[..site.journeys.len().min(HOME_LIST)]);
            context.set("personas", &site.personas[..site.personas.len().min(HOME_LIST)]);
            context.set("top_pages", nav.top_level_pages());
            "home"
        }
        // Index pages list many items: give them small rows, not whole models.
        Generated::Journeys => {
            context.set("items", &site.journeys.iter().map(JourneyRow::of).collect::<Vec<_>>());
            "index"
        }
        Generated::Personas => {
            context.set("items", &site.personas.iter().map(PersonaRow::of).collect::<Vec<_>>());
            "index"
        }
        Generated::Touchpoints => {
            context.set(
                "items",
                &site.touchpoints.iter().map(TouchpointRow::of).collect::<Vec<_>>(),
            );
            "index"
        }
        Generated::Kpis => {
            context.set("kpis", &site.insights.kpis);
            context.set("insight", "kpis");
            "insights"
        }
        Generated::Landscape => {
            context.set("landscape", &site.insights.landscape);
            context.set("insight", "landscape");
            "insights"
        }
        Generated::Assumptions => {
            context.set("assumptions", &site.insights.assumptions);
            context.set("insight", "assumptions");
            "insights"
        }
        Generated::NotFound => "404",
        Generated::Search => "search",
        // The pages holding the roll-ups, made above.
        _ => "insights",
    }
}
