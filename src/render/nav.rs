//! The site's navigation: sections in reading order, previous/next links and
//! breadcrumbs.
//!
//! Page weight stays flat as a playbook grows: each page carries the headings
//! of all sections but the entries of its own section only, and of a long
//! section only a window around the page. The whole tree is written once, to
//! `nav.js`, which the theme's script uses to draw the full sidebar.

use crate::site::{urls, Link, Site};
use serde::Serialize;
use std::collections::HashMap;

/// Entries shown on either side of the current page in a long section.
pub const WINDOW: usize = 5;

/// Where the whole navigation tree is written.
pub const NAV_SCRIPT: &str = "nav.js";

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
    /// The current section's entries around the page; empty for other sections.
    pub entries: &'a [Link],
    /// Entries of the current section left out before and after `entries`.
    pub hidden_before: usize,
    pub hidden_after: usize,
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
    let last = folder.rsplit('/').next().unwrap_or(folder);
    let words = last.replace(['-', '_'], " ");
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
        let page_titles: HashMap<&str, &str> = site
            .pages
            .iter()
            .map(|p| (p.info.url.as_str(), p.info.title.as_str()))
            .collect();
        for (key, url, entries) in page_sections(site) {
            sections.push(Section {
                title: page_titles
                    .get(url.as_str())
                    .map_or_else(|| folder_title(&key), |t| (*t).to_owned()),
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
        let content_urls: std::collections::HashSet<&str> = site.pages.iter().map(|p| p.info.url.as_str()).collect();
        self.sections
            .iter()
            .enumerate()
            .filter(|(_, s)| !urls::GENERATED.contains(&s.url.as_str()) && !content_urls.contains(s.url.as_str()))
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
            if sec.url != url && sec.url != urls::HOME {
                breadcrumbs.push(link(&sec.url, &sec.title));
            }
        }
        PageNav {
            sections: self
                .sections
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let current = Some(i) == section;
                    let shown = if current { window(&s.entries, url) } else { 0..0 };
                    SectionView {
                        key: &s.key,
                        title: &s.title,
                        url: &s.url,
                        count: s.entries.len(),
                        current,
                        hidden_before: shown.start,
                        hidden_after: if current { s.entries.len() - shown.end } else { 0 },
                        entries: &s.entries[shown],
                    }
                })
                .collect(),
            breadcrumbs,
            prev: at.and_then(|i| i.checked_sub(1)).map(entry),
            next: at.filter(|i| i + 1 < self.order.len()).map(|i| entry(i + 1)),
        }
    }

    /// The whole tree as a script: `window.journeybookNav = {...};`. A script
    /// rather than JSON because pages opened from file:// cannot fetch JSON.
    pub fn script(&self) -> String {
        #[derive(Serialize)]
        struct Tree<'a> {
            sections: Vec<TreeSection<'a>>,
        }
        #[derive(Serialize)]
        struct TreeSection<'a> {
            title: &'a str,
            url: &'a str,
            /// `[title, url]` pairs: compact, as this file grows with the site.
            entries: Vec<(&'a str, &'a str)>,
        }
        let tree = Tree {
            sections: self
                .sections
                .iter()
                .map(|s| TreeSection {
                    title: &s.title,
                    url: &s.url,
                    entries: s.entries.iter().map(|e| (e.title.as_str(), e.url.as_str())).collect(),
                })
                .collect(),
        };
        let json = serde_json::to_string(&tree).unwrap_or_else(|_| "{\"sections\":[]}".into());
        // Keep "</script>" and friends inert when the file is inlined anywhere.
        format!("window.journeybookNav = {};\n", json.replace("</", "<\\/"))
    }
}

/// The part of a section shown around `url`: all of a short section, else
/// WINDOW entries on either side of the page (or the first ones, on the
/// section's own index page).
fn window(entries: &[Link], url: &str) -> std::ops::Range<usize> {
    let size = 2 * WINDOW + 1;
    if entries.len() <= size {
        return 0..entries.len();
    }
    let at = entries.iter().position(|e| e.url == url).unwrap_or(0);
    let start = at.saturating_sub(WINDOW).min(entries.len() - size);
    start..start + size
}

/// Plain pages grouped by their folder: (folder, index url, pages). Pages at
/// the top level of content/ form a section keyed "" whose index is the home page.
fn page_sections(site: &Site) -> Vec<(String, String, Vec<Link>)> {
    let mut sections: Vec<(String, String, Vec<Link>)> = Vec::new();
    let mut index_of: HashMap<&str, usize> = HashMap::new();
    for page in &site.pages {
        match index_of.get(page.section.as_str()) {
            Some(&i) => sections[i].2.push(page.info.link()),
            None => {
                let index_url = if page.section.is_empty() {
                    urls::HOME.to_owned()
                } else {
                    format!("{}/index.html", page.section)
                };
                index_of.insert(&page.section, sections.len());
                sections.push((page.section.clone(), index_url, vec![page.info.link()]));
            }
        }
    }
    sections
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(n: usize) -> Vec<Link> {
        (0..n).map(|i| link(&format!("p{i}.html"), &format!("P{i}"))).collect()
    }

    #[test]
    fn short_sections_are_shown_whole() {
        assert_eq!(window(&links(10), "p5.html"), 0..10);
    }

    #[test]
    fn long_sections_show_a_window_around_the_page() {
        let entries = links(100);
        assert_eq!(window(&entries, "p50.html"), 45..56);
        assert_eq!(window(&entries, "p2.html"), 0..11);
        assert_eq!(window(&entries, "p99.html"), 89..100);
        assert_eq!(window(&entries, "index.html"), 0..11);
    }

    #[test]
    fn folder_titles_read_as_words() {
        assert_eq!(folder_title("guides/running-workshops"), "Running workshops");
        assert_eq!(folder_title(""), "Pages");
    }
}
