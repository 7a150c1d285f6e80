//! The site's navigation: sections in reading order, previous/next links and
//! breadcrumbs. Each page carries its own section's entries and only the
//! headings of the others, so page size does not grow with the site.

use crate::site::{urls, Link, Site};
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub key: String,
    pub title: String,
    /// The section's own index page.
    pub url: String,
    pub entries: Vec<Link>,
}

/// The whole navigation, built once per build.
pub struct Nav {
    pub sections: Vec<Section>,
    /// Every page in reading order: (url, title, section index).
    order: Vec<(String, String, Option<usize>)>,
    position: HashMap<String, usize>,
}

/// What one page's template receives about navigation.
#[derive(Debug, Serialize)]
pub struct PageNav<'a> {
    pub sections: Vec<SectionView<'a>>,
    pub breadcrumbs: Vec<Link>,
    pub prev: Option<Link>,
    pub next: Option<Link>,
}

#[derive(Debug, Serialize)]
pub struct SectionView<'a> {
    pub key: &'a str,
    pub title: &'a str,
    pub url: &'a str,
    pub count: usize,
    pub current: bool,
    /// Filled for the current section only.
    pub entries: &'a [Link],
}

fn link(url: &str, title: &str) -> Link {
    Link {
        id: String::new(),
        title: title.to_owned(),
        url: url.to_owned(),
    }
}

/// "running-workshops" → "Running workshops".
pub fn folder_title(folder: &str) -> String {
    let words = folder.replace(['-', '_'], " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "Pages".into(),
    }
}

impl Nav {
    pub fn build(site: &Site) -> Nav {
        let mut sections = Vec::new();
        let kinds = [
            (
                "journeys",
                "Journeys",
                urls::JOURNEYS,
                site.journeys.iter().map(|j| j.info.link()).collect::<Vec<_>>(),
            ),
            (
                "personas",
                "Personas",
                urls::PERSONAS,
                site.personas.iter().map(|p| p.info.link()).collect(),
            ),
            (
                "touchpoints",
                "Touchpoints",
                urls::TOUCHPOINTS,
                site.touchpoints.iter().map(|t| t.info.link()).collect(),
            ),
        ];
        for (key, title, url, entries) in kinds {
            sections.push(Section {
                key: key.into(),
                title: title.into(),
                url: url.into(),
                entries,
            });
        }
        for (key, url, entries) in page_sections(site) {
            let index_title = site
                .pages
                .iter()
                .find(|p| p.info.url == url)
                .map(|p| p.info.title.clone());
            sections.push(Section {
                title: index_title.unwrap_or_else(|| folder_title(&key)),
                key,
                url,
                entries,
            });
        }
        sections.push(Section {
            key: "insights".into(),
            title: "Insights".into(),
            url: urls::INSIGHTS.into(),
            entries: vec![
                link(urls::PAIN_POINTS, "Pain points"),
                link(urls::OPPORTUNITIES, "Opportunities"),
                link(urls::MATRIX, "Touchpoint matrix"),
                link(urls::STALE, "Stale maps"),
            ],
        });

        let home_title = site.home.as_ref().map_or("Home", |h| h.info.title.as_str());
        let mut order = vec![(urls::HOME.to_owned(), home_title.to_owned(), None)];
        for (i, s) in sections.iter().enumerate() {
            if s.url != urls::HOME {
                order.push((s.url.clone(), s.title.clone(), Some(i)));
            }
            for e in s.entries.iter().filter(|e| e.url != s.url) {
                order.push((e.url.clone(), e.title.clone(), Some(i)));
            }
        }
        let position = order
            .iter()
            .enumerate()
            .map(|(i, (url, _, _))| (url.clone(), i))
            .collect();
        Nav {
            sections,
            order,
            position,
        }
    }

    /// The section index pages that no content page provides.
    pub fn generated_section_pages(&self, site: &Site) -> Vec<usize> {
        self.sections
            .iter()
            .enumerate()
            .filter(|(_, s)| !urls::GENERATED.contains(&s.url.as_str()))
            .filter(|(_, s)| !site.pages.iter().any(|p| p.info.url == s.url))
            .map(|(i, _)| i)
            .collect()
    }

    pub fn for_page(&self, url: &str) -> PageNav<'_> {
        let at = self.position.get(url).copied();
        let section = at.and_then(|i| self.order[i].2);
        let entry = |i: usize| {
            let (url, title, _) = &self.order[i];
            link(url, title)
        };
        let mut breadcrumbs = vec![entry(0)];
        if let Some(s) = section {
            let sec = &self.sections[s];
            if sec.url != url {
                breadcrumbs.push(link(&sec.url, &sec.title));
            }
        }
        PageNav {
            sections: self
                .sections
                .iter()
                .enumerate()
                .map(|(i, s)| SectionView {
                    key: &s.key,
                    title: &s.title,
                    url: &s.url,
                    count: s.entries.len(),
                    current: Some(i) == section,
                    entries: if Some(i) == section { &s.entries } else { &[] },
                })
                .collect(),
            breadcrumbs,
            prev: at.and_then(|i| i.checked_sub(1)).map(entry),
            next: at.filter(|i| i + 1 < self.order.len()).map(|i| entry(i + 1)),
        }
    }
}

/// Plain pages grouped by their top folder: (folder, index url, pages).
/// Pages at the top level of content/ form a section keyed "" whose index is the home page.
fn page_sections(site: &Site) -> Vec<(String, String, Vec<Link>)> {
    let mut sections: Vec<(String, String, Vec<Link>)> = Vec::new();
    for page in &site.pages {
        let index_url = if page.section.is_empty() {
            urls::HOME.to_owned()
        } else {
            format!("{}/index.html", page.section)
        };
        match sections.iter_mut().find(|(key, _, _)| *key == page.section) {
            Some((_, _, entries)) => entries.push(page.info.link()),
            None => sections.push((page.section.clone(), index_url, vec![page.info.link()])),
        }
    }
    sections
}
