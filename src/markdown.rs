//! Markdown to HTML: heading ids, links to `.md` files rewritten to output
//! pages, code highlighted. Link targets are checked here; anchors are
//! checked by `site` once every page's headings are known.

mod diagrams;
mod extensions;
mod include;
mod links;

pub use extensions::{Extensions, ALERT_WORDS};

use crate::diagnostics::{Diagnostic, SourceText};
use crate::highlight;
use crate::sanitize::{self, RawHtml};
use links::rewrite;
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

/// What a page's links can point at.
#[derive(Clone, Copy)]
pub struct LinkTargets<'a> {
    /// Content path of each Markdown page (`journeys/buy.md`) to its output URL.
    pub pages: &'a HashMap<String, String>,
    /// Content paths of files copied as they are.
    pub assets: &'a HashSet<String>,
    /// Where every question the page's links asked is noted, with its
    /// answer, when its HTML is kept for the next build: it stays right
    /// for as long as every answer does.
    pub noted: Option<&'a Mutex<Vec<Lookup>>>,
}

/// A question a page's link asked of the site's pages and files, and the answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Lookup {
    /// The URL of the page of a content path, if there is one.
    Page(String, Option<String>),
    /// Whether an attachment of that content path exists.
    Asset(String, bool),
}

impl<'a> LinkTargets<'a> {
    /// The pages and attachments `pages` and `assets`, noting nothing.
    pub fn new(pages: &'a HashMap<String, String>, assets: &'a HashSet<String>) -> LinkTargets<'a> {
        LinkTargets {
            pages,
            assets,
            noted: None,
        }
    }

    /// The same targets, noting every lookup in `noted`.
    pub fn noting(self, noted: &'a Mutex<Vec<Lookup>>) -> LinkTargets<'a> {
        LinkTargets {
            noted: Some(noted),
            ..self
        }
    }

    fn note(&self, lookup: impl FnOnce() -> Lookup) {
        if let Some(noted) = self.noted {
            noted
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .push(lookup());
        }
    }

    /// The URL of the page at `content_path`.
    pub fn page(&self, content_path: &str) -> Option<&'a String> {
        let url = self.pages.get(content_path);
        self.note(|| Lookup::Page(content_path.to_owned(), url.cloned()));
        url
    }

    /// Whether an attachment is at `content_path`.
    pub fn has_asset(&self, content_path: &str) -> bool {
        let found = self.assets.contains(content_path);
        self.note(|| Lookup::Asset(content_path.to_owned(), found));
        found
    }

    /// Whether `lookup` has the same answer now.
    pub fn answers_alike(&self, lookup: &Lookup) -> bool {
        match lookup {
            Lookup::Page(path, url) => self.pages.get(path) == url.as_ref(),
            Lookup::Asset(path, found) => self.assets.contains(path) == *found,
        }
    }
}

/// The page being rendered.
pub struct PageSource<'a> {
    /// The page's file and whole text, for locating problems in it.
    pub source: SourceText<'a>,
    /// The Markdown body; a suffix of `source.text`.
    pub body: &'a str,
    /// Content path of the page, for resolving relative links.
    pub content_path: &'a str,
    /// From the page's output folder back to the site root: `../`.
    pub root: &'a str,
    /// Ids already used on the page (stage anchors), kept unique.
    pub reserved_ids: &'a [String],
    /// The accessible name of each heading's `#` link.
    pub anchor_label: &'a str,
    /// Whether raw HTML is sanitised or kept as written.
    pub raw_html: RawHtml,
    /// Smart punctuation, alert titles and where includes are read from.
    pub extensions: &'a Extensions,
}

/// A heading of a page, as the table of contents lists it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, schemars::JsonSchema)]
pub struct Heading {
    /// 1 for `#`, up to 6 for `######`.
    pub level: u8,
    /// The heading's plain text, without markup.
    pub text: String,
    /// The anchor id: the `{#custom-id}` when given, else the slug of the text; unique on the page.
    pub id: String,
}

/// A link to an anchor, checked once all pages are rendered.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AnchorLink {
    /// Content path of the target page (the page itself for `#anchor`).
    pub target: String,
    /// The anchor named after `#`, without the `#`.
    pub anchor: String,
    /// Byte offset and length of the link destination in the source file.
    pub offset: usize,
    /// The destination's length in bytes, from `offset`.
    pub len: usize,
}

/// A page's Markdown made into HTML, with what was learnt on the way.
#[derive(Debug, Default)]
pub struct Rendered {
    /// The HTML of the body, as templates get it in `body_html`.
    pub html: String,
    /// Every heading, in order.
    pub headings: Vec<Heading>,
    /// The links that name an anchor, to check once every page is rendered.
    pub anchor_links: Vec<AnchorLink>,
    /// Broken links: to missing pages or files, or out of the content folder.
    pub diagnostics: Vec<Diagnostic>,
    /// The ids written in raw HTML (`<a id="old-anchor"></a>`), anchors links may name.
    pub html_ids: Vec<String>,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        // GitHub's alerts (`> [!NOTE]`) and definition lists, as mdBook, Zola and Hugo books use them.
        | Options::ENABLE_GFM
        | Options::ENABLE_DEFINITION_LIST
}

/// The first heading's text, for pages without a title.
pub fn first_heading(body: &str) -> Option<String> {
    let mut in_heading = false;
    let mut text = String::new();
    for event in Parser::new_ext(body, options()) {
        match event {
            Event::Start(Tag::Heading { .. }) => in_heading = true,
            Event::End(TagEnd::Heading(_)) => return Some(text.trim().to_owned()),
            Event::Text(t) | Event::Code(t) if in_heading => text.push_str(&t),
            _ => {}
        }
    }
    None
}

/// Renders a page's Markdown to HTML: headings given ids, `.md` links rewritten, code
/// highlighted.
pub fn render(page: &PageSource<'_>, targets: &LinkTargets<'_>) -> Rendered {
    let body_offset = page.source.text.len() - page.body.len();
    let mut out = Rendered::default();
    let mut used = crate::ids::UniqueIds::default();
    let expanded = include::expand(page, &mut out.diagnostics);
    let body = expanded.as_ref().map_or(page.body, |e| e.text.as_str());
    for id in page.reserved_ids.iter().cloned().chain(footnote_labels(body)) {
        used.reserve(id);
    }
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut heading: Option<(HeadingLevel, Option<String>, Vec<Event<'_>>)> = None;
    // A code block being read: its language, text, and where its text starts in `body`.
    let mut code: Option<(String, String, Option<std::ops::Range<usize>>)> = None;
    let mut drawn = Vec::new();
    let mut raw_html = false;
    // Where a link of the parsed text is in the page: included text is placed at its directive.
    let place = |range: std::ops::Range<usize>| match &expanded {
        Some(e) => e.place(range),
        None => (range.start, range.len()),
    };
    let parser = Parser::new_ext(body, options() | page.extensions.options());

    for (event, range) in parser.into_offset_iter() {
        if let Event::Html(html) | Event::InlineHtml(html) = &event {
            raw_html = true;
            extensions::html_ids(html, &mut out.html_ids);
        }
        if let Some((_, buffer, first)) = code.as_mut() {
            match event {
                Event::Text(t) => {
                    buffer.push_str(&t);
                    first.get_or_insert(range);
                }
                Event::End(TagEnd::CodeBlock) => {
                    if let Some((lang, text, first)) = code.take() {
                        let start = first.map(|r| {
                            let (at, len) = place(r.clone());
                            diagrams::BlockStart {
                                offset: body_offset + at,
                                included_len: if len == r.len() { 0 } else { len },
                            }
                        });
                        let html = match diagrams::journey_block(page, &lang, &text, start, &mut drawn) {
                            None => code_block(&lang, &text),
                            Some(Ok(placeholder)) => placeholder,
                            Some(Err(problem)) => {
                                out.diagnostics.push(problem);
                                code_block(&lang, &text)
                            }
                        };
                        events.push(Event::Html(html.into()));
                    }
                }
                _ => {}
            }
            continue;
        }
        let event = match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info
                        .split(|c: char| c == ',' || c.is_whitespace())
                        .next()
                        .unwrap_or_default()
                        .to_owned(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new(), None));
                continue;
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let (start, len) = place(range);
                let dest_url = rewrite(page, targets, dest_url, body_offset + start, len, &mut out);
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let (start, len) = place(range);
                let dest_url = rewrite(page, targets, dest_url, body_offset + start, len, &mut out);
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => Event::Html(page.extensions.alert_open(kind).into()),
            Event::TaskListMarker(done) => Event::Html(page.extensions.task_marker(done).into()),
            Event::End(TagEnd::BlockQuote(Some(_))) => Event::Html("</div>\n".into()),
            other => other,
        };
        match (&mut heading, event) {
            (None, Event::Start(Tag::Heading { level, id, .. })) => {
                heading = Some((level, id.map(|i| i.to_string()), Vec::new()));
            }
            (Some(_), Event::End(TagEnd::Heading(_))) => {
                if let Some((level, explicit, inner)) = heading.take() {
                    let text = plain_text(&inner);
                    let id = unique_id(
                        explicit.unwrap_or_else(|| crate::ids::slug_or(&text, || "section".into())),
                        &mut used,
                    );
                    let n = level as u8;
                    events.push(Event::Html(format!("<h{n} id=\"{}\">", highlight::escape(&id)).into()));
                    events.extend(inner);
                    events.push(Event::Html(
                        format!(
                            "<a class=\"heading-anchor\" href=\"#{0}\" aria-label=\"{1}\">#</a></h{n}>\n",
                            highlight::escape(&id),
                            highlight::escape(page.anchor_label)
                        )
                        .into(),
                    ));
                    out.headings.push(Heading { level: n, text, id });
                }
            }
            (Some((_, _, inner)), event) => inner.push(event),
            (None, event) => events.push(event),
        }
    }
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    // Pages without raw HTML, nearly all, are left as rendered.
    out.html = match raw_html && page.raw_html == RawHtml::Sanitise {
        true => sanitize::clean(&html),
        false => html,
    };
    out.html = diagrams::put_back(std::mem::take(&mut out.html), &drawn);
    // A wide table scrolls in its own box: the keyboard must be able to reach it.
    if memchr::memmem::find(out.html.as_bytes(), b"<table>").is_some() {
        out.html = out.html.replace("<table>", "<table tabindex=\"0\">");
    }
    // Sanitising takes the theme's ids away from raw HTML: they are no anchors then.
    if page.raw_html == RawHtml::Sanitise {
        out.html_ids.retain(|id| !id.starts_with(THEME_ID_PREFIX));
    }
    // Every page's body is kept until the site is rendered: without its slack.
    out.html.shrink_to_fit();
    out
}

fn plain_text(events: &[Event<'_>]) -> String {
    let mut text = String::new();
    for event in events {
        if let Event::Text(t) | Event::Code(t) = event {
            text.push_str(t);
        }
    }
    text.trim().to_owned()
}

/// Footnote definitions (`[^label]: …`) take their label as element id.
fn footnote_labels(body: &str) -> impl Iterator<Item = String> + '_ {
    body.lines().filter_map(|line| {
        let rest = line.trim_start().strip_prefix("[^")?;
        let (label, _) = rest.split_once("]:")?;
        Some(label.to_owned())
    })
}

/// Element ids starting with this prefix belong to the theme.
pub const THEME_ID_PREFIX: &str = "jb-";

fn unique_id(base: String, used: &mut crate::ids::UniqueIds) -> String {
    let base = if base.starts_with(THEME_ID_PREFIX) {
        format!("h-{base}")
    } else {
        base
    };
    used.assign(base)
}

fn code_block(lang: &str, code: &str) -> String {
    let inner = highlight::highlight(code, lang);
    if lang.is_empty() {
        format!("<pre class=\"code\" tabindex=\"0\"><code>{inner}</code></pre>\n")
    } else {
        let lang = highlight::escape(lang);
        format!("<pre class=\"code\" tabindex=\"0\" data-lang=\"{lang}\"><code class=\"language-{lang}\">{inner}</code></pre>\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn render_body(body: &str, content_path: &str) -> Rendered {
        let pages: HashMap<String, String> = [
            ("touchpoints/live-chat.md", "touchpoints/live-chat.html"),
            ("guides/a.md", "guides/a.html"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
        .collect();
        let assets: HashSet<String> = ["guides/sheet one.csv".to_owned()].into_iter().collect();
        let targets = LinkTargets::new(&pages, &assets);
        let page = PageSource {
            source: SourceText::new(Path::new("content/x.md"), body),
            body,
            content_path,
            root: "../",
            reserved_ids: &[],
            anchor_label: "Link to this section",
            raw_html: RawHtml::Sanitise,
            extensions: &Extensions::default(),
        };
        render(&page, &targets)
    }

    #[test]
    fn heading_ids_are_stable_and_unique() {
        let r = render_body("# Intro\n\n## Why? Because!\n\n## Intro\n", "guides/a.md");
        let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["intro", "why-because", "intro-1"]);
        assert!(r.html.contains("<h2 id=\"why-because\">"));
    }

    #[test]
    fn heading_ids_avoid_footnotes_and_theme_ids() {
        let r = render_body(
            "## Prep\n\n## jb-main\n\nText.[^prep]\n\n[^prep]: Note.\n",
            "guides/a.md",
        );
        let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["prep-1", "h-jb-main"]);
    }

    #[test]
    fn md_links_become_page_links() {
        let r = render_body("[chat](../touchpoints/live-chat.md#hours)", "guides/a.md");
        assert!(
            r.html.contains("href=\"../touchpoints/live-chat.html#hours\""),
            "{}",
            r.html
        );
        assert_eq!(r.anchor_links.len(), 1);
        assert_eq!(r.anchor_links[0].target, "touchpoints/live-chat.md");
        assert!(r.diagnostics.is_empty());
    }

    #[test]
    fn broken_links_are_reported_with_a_suggestion() {
        let r = render_body("See [chat](../touchpoints/live-caht.md).\n", "guides/a.md");
        assert_eq!(r.diagnostics.len(), 1);
        let d = &r.diagnostics[0];
        assert!(d
            .help
            .as_deref()
            .unwrap_or_default()
            .contains("touchpoints/live-chat.md"));
        let loc = d.location.as_ref().expect("located");
        assert_eq!((loc.line, loc.column), (1, Some(12)));
    }

    #[test]
    fn assets_and_external_links() {
        let r = render_body(
            "[csv](sheet%20one.csv) [web](https://example.org) [mail](mailto:a@b.c)",
            "guides/a.md",
        );
        assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
        assert!(r.html.contains("href=\"../guides/sheet%20one.csv\""));
        assert!(r.html.contains("href=\"https://example.org\""));
        let r = render_body("[up](../../etc/passwd)", "guides/a.md");
        assert_eq!(r.diagnostics.len(), 1);
    }

    #[test]
    fn script_urls_are_refused_in_links_and_images() {
        for body in [
            "![x](data:image/svg+xml,a)",
            "<javascript:alert(1)>",
            "[x](<VB Script:msgbox>)",
            "[x][r]\n\n[r]: jav&#x61;script:alert(1)",
        ] {
            let r = render_body(body, "guides/a.md");
            assert_eq!(r.diagnostics.len(), 1, "{body}: {:?}", r.diagnostics);
            assert!(r.diagnostics[0].message.contains("link refused"), "{body}");
            assert!(
                !r.html.contains("href=\"javascript") && !r.html.contains("src=\"data"),
                "{}",
                r.html
            );
        }
    }

    #[test]
    fn code_is_highlighted_and_unknown_languages_are_plain() {
        let r = render_body("```rust\nlet x = 1;\n```\n\n```nope\n<b>\n```\n", "guides/a.md");
        assert!(r.html.contains("class=\"language-rust\""));
        assert!(r.html.contains("hl-"));
        assert!(r.html.contains("&lt;b&gt;"));
    }

    #[test]
    fn first_heading_gives_the_title() {
        assert_eq!(
            first_heading("Intro text\n\n## The `plan`\n").as_deref(),
            Some("The plan")
        );
        assert_eq!(first_heading("no headings"), None);
    }
}
