//! One page's own part of resolving: its Markdown rendered with its links
//! checked, its title, and its model. A full build runs these for every
//! page; the preview runs the same functions for a page that was edited, so
//! the two can never differ.

use super::model::{Link, Page, PageInfo};
use super::urls::{root_of, stage_anchor};
use super::Body;
use crate::content::model::{KindData, Text};
use crate::content::{Document, Kind};
use crate::markdown::{self, Heading, LinkTargets, PageSource, Rendered};
use crate::paths;

/// What every page's Markdown is rendered against.
pub struct MarkdownContext<'a> {
    /// The pages and attachments links may point at.
    pub targets: LinkTargets<'a>,
    /// The accessible name of a heading's `#` link, in the book's language.
    pub anchor_label: &'a str,
    /// What becomes of raw HTML: `[markdown] raw-html` of book.toml.
    pub raw_html: crate::sanitize::RawHtml,
    /// Smart punctuation, alert titles and the folder includes are read from.
    pub extensions: &'a crate::markdown::Extensions,
}

pub(super) fn text(value: &Option<Text>) -> Option<String> {
    value.as_ref().map(|t| t.0.clone())
}

pub(super) fn texts(list: &[Text]) -> Vec<String> {
    list.iter().map(|t| t.0.clone()).collect()
}

/// The anchors a page has besides its headings: one per journey stage.
pub fn stage_anchors(doc: &Document) -> Vec<String> {
    match &doc.data {
        KindData::Journey(front) => super::journeys::stage_ids(front)
            .iter()
            .map(|id| stage_anchor(id))
            .collect(),
        _ => Vec::new(),
    }
}

/// Renders the page's Markdown; links to missing pages are among its diagnostics.
pub fn render_markdown(doc: &Document, url: &str, context: &MarkdownContext<'_>) -> Rendered {
    let root = root_of(url);
    let reserved = stage_anchors(doc);
    let page = PageSource {
        source: doc.source_text(),
        body: doc.body(),
        content_path: &doc.source.content_path,
        root: &root,
        reserved_ids: &reserved,
        anchor_label: context.anchor_label,
        raw_html: context.raw_html,
        extensions: context.extensions,
    };
    markdown::render(&page, &context.targets)
}

/// A persona's or touchpoint's name, else the title, else (plain pages) the
/// first heading, else the file name.
pub fn title_of(doc: &Document, headings: &[Heading]) -> String {
    let named = match &doc.data {
        KindData::Persona(p) => text(&p.name),
        KindData::Touchpoint(t) => text(&t.name),
        _ => None,
    };
    named
        .or_else(|| text(&doc.meta.title))
        .or_else(|| {
            (doc.kind == Kind::Page)
                .then(|| headings.first().map(|h| h.text.clone()))
                .flatten()
        })
        .unwrap_or_else(|| paths::file_stem(&doc.source.content_path).to_owned())
}

/// Whether a page's Markdown opens with its own top-level heading, so the
/// theme need not print the title. Asked before the body is dropped.
pub fn opens_with_title(doc: &Document, headings: &[Heading]) -> bool {
    doc.body().trim_start().starts_with("# ") && headings.first().is_some_and(|h| h.level == 1)
}

/// What every page of content has, from its document and rendered Markdown.
pub fn page_info(doc: &Document, url: &str, link: Link, body: Body, toc: Vec<Heading>) -> PageInfo {
    PageInfo {
        id: doc.id.clone(),
        kind: doc.kind,
        title: link.title.clone(),
        description: text(&doc.meta.description),
        url: url.to_owned(),
        source: doc.source.content_path.clone(),
        tags: texts(&doc.meta.tags),
        weight: doc.meta.weight,
        template: doc.meta.template.clone(),
        draft: doc.meta.draft,
        search: doc.meta.search,
        body,
        toc,
        link,
    }
}

/// A page's rendered Markdown apart from what else rendering found.
pub fn made(mut rendered: Rendered) -> (Rendered, Body) {
    let html = std::mem::take(&mut rendered.html);
    (rendered, Body::made(html))
}

/// A plain page's model; `titled` is [`opens_with_title`].
pub fn plain_page(doc: &Document, url: &str, link: Link, (rendered, body): (Rendered, Body), titled: bool) -> Page {
    Page {
        body_has_title: titled,
        section: paths::folder_of(&doc.source.content_path).to_owned(),
        info: page_info(doc, url, link, body, rendered.headings),
    }
}
