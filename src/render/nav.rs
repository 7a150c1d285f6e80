//! The site's navigation: sections in reading order, previous/next links and
//! breadcrumbs.
//!
//! Page weight stays flat as a playbook grows: each page carries the top-level
//! sections, and entries only of the folder (or kind) it belongs to, and of a
//! long one only a window around the page. The whole tree is written once,
//! to `nav.js`, which the theme's script uses to draw the full sidebar.

use super::i18n::Words;
use crate::site::urls::Generated;
use crate::site::{Link, Site};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// Entries shown on either side of the current page in a long section.
pub const WINDOW: usize = 5;

/// Where the whole navigation tree is written.
pub const NAV_SCRIPT: &str = "nav.js";

/// A list of pages with an index page: a kind (journeys), a folder of plain
/// pages, or the insights.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// `journeys`, `insights`, or the folder's path under content/ (`""` for the top level).
    pub key: String,
    /// The title: a kind's or insights' in the book's language; a folder's from its
    /// `index.md`, else from its name.
    pub title: String,
    /// The section's index page.
    pub url: String,
    /// The pages directly in the section, in reading order (not those of folders inside it).
    pub entries: Vec<Link>,
    /// Folders inside this folder, as sections.
    pub folders: Vec<Link>,
    /// The top-level section this one belongs to (itself when top-level).
    #[serde(skip)]
    top: usize,
    /// Pages in this section and every folder inside it.
    pub total: usize,
}

/// The whole navigation, built once per build.
pub struct Nav {
    /// Every section: the kinds, the folders of plain pages (parents first), then insights.
    pub sections: Vec<Section>,
    /// Indexes into `sections` of the sidebar's top level, in order.
    pub top: Vec<usize>,
    /// Every page in reading order: (url, title, section index).
    order: Vec<(String, String, Option<usize>)>,
    position: HashMap<String, usize>,
    /// Each page's place among its own section's entries, by its place in
    /// `order`: found once, not by a search per page (a section can hold
    /// thousands).
    place: Vec<Option<usize>>,
}

/// What one page's template receives about navigation.
#[derive(Debug, Serialize)]
pub struct PageNav<'a> {
    /// The sidebar's top-level sections, in order.
    pub sections: Vec<SectionView<'a>>,
    /// The way down from the home page to the page's own section, the page itself left out.
    pub breadcrumbs: Vec<Link>,
    /// The page before this one in reading order.
    pub prev: Option<Link>,
    /// The page after this one in reading order.
    pub next: Option<Link>,
}

/// What of a page's navigation goes into the page's hash. A theme whose
/// templates print no counts (the built-in one leaves them to `nav.js`)
/// makes pages that change only when the links around them do: adding a
/// guide, or a renamed touchpoint moving in the touchpoints' order, then
/// rewrites the pages near it rather than every page of its section, or of
/// the site. With `counts`, the whole navigation.
pub struct NavInputs<'a> {
    /// The page's navigation.
    pub nav: &'a PageNav<'a>,
    /// Whether the counts go in too.
    pub counts: bool,
}

impl Serialize for NavInputs<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.counts {
            return self.nav.serialize(serializer);
        }
        // Whether entries are left out shows (a "more" link); how many does not.
        let sections: Vec<_> = self
            .nav
            .sections
            .iter()
            .map(|s| {
                let shown = (s.key, s.title, s.url, s.current, &s.folder, s.entries_url, s.entries);
                (shown, s.hidden_before > 0, s.hidden_after > 0)
            })
            .collect();
        (&sections, &self.nav.breadcrumbs, &self.nav.prev, &self.nav.next).serialize(serializer)
    }
}

/// A top-level section as one page's sidebar shows it.
#[derive(Debug, Serialize)]
pub struct SectionView<'a> {
    /// As [`Section::key`]: `journeys`, `insights`, or a folder's path.
    pub key: &'a str,
    /// The section's title.
    pub title: &'a str,
    /// The section's index page, relative to the site root.
    pub url: &'a str,
    /// How many pages the section holds, its folders included.
    pub count: usize,
    /// Whether the page being rendered is in this section.
    pub current: bool,
    /// For a page in a folder inside this section: that folder.
    pub folder: Option<Link>,
    /// The index listing every entry of the page's own section.
    pub entries_url: &'a str,
    /// The entries of the page's own section around the page; empty for other sections.
    pub entries: &'a [Link],
    /// Entries left out before `entries`.
    pub hidden_before: usize,
    /// Entries left out after `entries`.
    pub hidden_after: usize,
}

fn link(url: &str, title: &str) -> Link {
    Link::new("", title, url)
}

/// "running-workshops" → "Running workshops"; `top` for the top level.
pub fn folder_title(folder: &str, top: &str) -> String {
    match crate::ids::words_of(crate::paths::file_name(folder)) {
        words if words.is_empty() => top.to_owned(),
        words => words,
    }
}

fn parent_folder(path: &str) -> Option<&str> {
    path.rsplit_once('/').map(|(parent, _)| parent)
}

impl Nav {
    /// Builds the navigation of the whole site, titled in the book's language.
    pub fn build(site: &Site, words: &Words) -> Nav {
        let title = |page: Generated| words.get(&format!("pages.{}", page.key()));
        let mut sections = Vec::new();
        let kinds = [
            (
                Generated::Journeys,
                site.journeys.iter().map(|j| j.info.link()).collect(),
            ),
            (
                Generated::Personas,
                site.personas.iter().map(|p| p.info.link()).collect(),
            ),
            (
                Generated::Touchpoints,
                site.touchpoints.iter().map(|t| t.info.link()).collect::<Vec<_>>(),
            ),
        ];
        for (page, entries) in kinds {
            let top = sections.len();
            sections.push(Section {
                key: page.key().into(),
                title: title(page),
                url: page.url().into(),
                total: entries.len(),
                entries,
                folders: Vec::new(),
                top,
            });
        }
        add_folders(site, &mut sections, &words.get("pages.top_folder"));
        let top = sections.len();
        sections.push(Section {
            key: Generated::Insights.key().into(),
            title: title(Generated::Insights),
            url: Generated::Insights.url().into(),
            entries: Generated::INSIGHTS
                .iter()
                .map(|&page| link(page.url(), &title(page)))
                .collect(),
            folders: Vec::new(),
            top,
            total: Generated::INSIGHTS.len(),
        });

        let top: Vec<usize> = (0..sections.len()).filter(|&i| sections[i].top == i).collect();
        let home_title = site
            .home
            .as_ref()
            .map_or_else(|| title(Generated::Home), |h| h.info.title.clone());
        let mut order = vec![(Generated::Home.url().to_owned(), home_title, None)];
        let by_url: HashMap<&str, usize> = sections.iter().enumerate().map(|(i, s)| (s.url.as_str(), i)).collect();
        for &t in &top {
            push_in_order(&sections, &by_url, t, &mut order);
        }
        let position = order
            .iter()
            .enumerate()
            .map(|(i, (url, _, _))| (url.clone(), i))
            .collect();
        let places: Vec<HashMap<&str, usize>> = sections
            .iter()
            .map(|s| s.entries.iter().enumerate().map(|(j, e)| (e.url.as_str(), j)).collect())
            .collect();
        let place = order
            .iter()
            .map(|(url, _, section)| section.and_then(|s| places[s].get(url.as_str()).copied()))
            .collect();
        drop(places);
        Nav {
            sections,
            top,
            order,
            position,
            place,
        }
    }

    /// The section index pages that no content page provides.
    pub fn generated_section_pages(&self, site: &Site) -> Vec<usize> {
        let content_urls: std::collections::HashSet<&str> = site.pages.iter().map(|p| p.info.url.as_str()).collect();
        self.sections
            .iter()
            .enumerate()
            .filter(|(_, s)| !Generated::ALL.iter().any(|g| g.url() == s.url) && !content_urls.contains(s.url.as_str()))
            .map(|(i, _)| i)
            .collect()
    }

    /// The plain pages at the top level of content/, listed on the home page.
    pub fn top_level_pages(&self) -> &[Link] {
        self.sections
            .iter()
            .find(|s| s.key.is_empty())
            .map_or(&[], |s| &s.entries)
    }

    /// What the page at `url` shows: its sidebar, breadcrumbs and previous/next links.
    pub fn for_page(&self, url: &str) -> PageNav<'_> {
        let at = self.position.get(url).copied();
        let section = at.and_then(|i| self.order[i].2);
        let entry = |i: usize| {
            let (url, title, _) = &self.order[i];
            link(url, title)
        };
        let mut breadcrumbs = vec![entry(0)];
        if let Some(s) = section {
            let mut chain = Vec::new();
            let mut current = Some(s);
            while let Some(i) = current {
                let sec = &self.sections[i];
                if sec.url != url && sec.url != Generated::Home.url() {
                    chain.push(link(&sec.url, &sec.title));
                }
                current = (sec.top != i).then(|| self.parent_of(i)).flatten();
            }
            breadcrumbs.extend(chain.into_iter().rev());
        }
        let current_top = section.map(|s| self.sections[s].top);
        PageNav {
            sections: self
                .top
                .iter()
                .map(|&t| {
                    let s = &self.sections[t];
                    let is_current = Some(t) == current_top;
                    let own = section.filter(|_| is_current).map(|i| &self.sections[i]);
                    let entries = own.map_or(&[][..], |o| &o.entries[..]);
                    let place = at.and_then(|i| self.place[i]);
                    let shown = if own.is_some() {
                        window(entries.len(), place)
                    } else {
                        0..0
                    };
                    SectionView {
                        key: &s.key,
                        title: &s.title,
                        url: &s.url,
                        count: s.total,
                        current: is_current,
                        folder: own.filter(|o| o.key != s.key).map(|o| link(&o.url, &o.title)),
                        entries_url: own.map_or(&s.url, |o| &o.url),
                        hidden_before: shown.start,
                        hidden_after: entries.len() - shown.end.min(entries.len()),
                        entries: &entries[shown],
                    }
                })
                .collect(),
            breadcrumbs,
            prev: at.and_then(|i| i.checked_sub(1)).map(entry),
            next: at.filter(|i| i + 1 < self.order.len()).map(|i| entry(i + 1)),
        }
    }

    fn parent_of(&self, index: usize) -> Option<usize> {
        let parent = parent_folder(&self.sections[index].key)?;
        self.sections
            .iter()
            .position(|s| s.key == parent && s.top == self.sections[index].top)
    }

    /// The whole tree as a script: `window.journeybookNav = {...};`. A script
    /// rather than JSON because pages opened from file:// cannot fetch JSON.
    pub fn script(&self, words: &Words) -> String {
        #[derive(Serialize)]
        struct Tree<'a> {
            sections: Vec<TreeSection<'a>>,
        }
        #[derive(Serialize)]
        struct TreeSection<'a> {
            title: &'a str,
            url: &'a str,
            /// `[title, url]` pairs, compact: this file grows with the site.
            entries: Vec<(&'a str, &'a str)>,
            /// The folders inside this one, nested as on disk (two folders
            /// of the same name in different places stay apart).
            #[serde(skip_serializing_if = "Vec::is_empty")]
            folders: Vec<TreeSection<'a>>,
        }
        fn node<'a>(nav: &'a Nav, index: usize) -> TreeSection<'a> {
            let section = &nav.sections[index];
            TreeSection {
                title: &section.title,
                url: &section.url,
                entries: section
                    .entries
                    .iter()
                    .map(|e| (e.title.as_str(), e.url.as_str()))
                    .collect(),
                folders: (0..nav.sections.len())
                    .filter(|&i| i != index && nav.parent_of(i) == Some(index))
                    .map(|i| node(nav, i))
                    .collect(),
            }
        }
        let tree = Tree {
            sections: self.top.iter().map(|&t| node(self, t)).collect(),
        };
        let json = serde_json::to_string(&tree).unwrap_or_else(|_| "{\"sections\":[]}".into());
        // Keep "</script>" inert should the file ever be inlined.
        let words = words.section_json("script");
        format!(
            "window.journeybookNav = {};\nwindow.journeybookWords = {};\n",
            json.replace("</", "<\\/"),
            words.replace("</", "<\\/")
        )
    }
}

/// Adds a section per folder of plain pages, parents before children, each
/// top-level folder followed by the folders inside it.
fn add_folders(site: &Site, sections: &mut Vec<Section>, top_title: &str) {
    let mut pages: BTreeMap<&str, Vec<Link>> = BTreeMap::new();
    for page in &site.pages {
        pages.entry(page.section.as_str()).or_default().push(page.info.link());
        // Every ancestor folder exists, even one holding only folders.
        let mut folder = page.section.as_str();
        while let Some(parent) = parent_folder(folder) {
            pages.entry(parent).or_default();
            folder = parent;
        }
    }
    let titles: HashMap<&str, &str> = site
        .pages
        .iter()
        .map(|p| (p.info.url.as_str(), p.info.title.as_str()))
        .collect();
    let first = sections.len();
    // BTreeMap order puts "guides" before "guides/a" before "guides/a/b".
    for (folder, entries) in &pages {
        let url = if folder.is_empty() {
            Generated::Home.url().to_owned()
        } else {
            format!("{folder}/index.html")
        };
        let top_key = folder.split('/').next().unwrap_or_default();
        let top = if folder.contains('/') {
            (first..sections.len())
                .find(|&i| sections[i].key == top_key)
                .unwrap_or(sections.len())
        } else {
            sections.len()
        };
        sections.push(Section {
            key: (*folder).to_owned(),
            title: titles
                .get(url.as_str())
                .map_or_else(|| folder_title(folder, top_title), |t| (*t).to_owned()),
            url,
            // A folder's own index.md is its index page, not one of its entries.
            entries: entries
                .iter()
                .filter(|e| !e.url.ends_with("/index.html"))
                .cloned()
                .collect(),
            folders: Vec::new(),
            top,
            total: 0,
        });
    }
    // Link each folder to its parent and count pages under each top-level folder.
    for i in first..sections.len() {
        let Some(parent) = parent_folder(&sections[i].key).map(str::to_owned) else {
            continue;
        };
        if let Some(p) = (first..sections.len()).find(|&p| sections[p].key == parent) {
            let child = link(&sections[i].url, &sections[i].title);
            sections[p].folders.push(child);
        }
    }
    for i in first..sections.len() {
        let top = sections[i].top;
        let count = sections[i].entries.len();
        sections[top].total += count;
    }
}

/// Appends a section's index, its pages, then its folders, depth first.
fn push_in_order(
    sections: &[Section],
    by_url: &HashMap<&str, usize>,
    index: usize,
    order: &mut Vec<(String, String, Option<usize>)>,
) {
    let s = &sections[index];
    if s.url != Generated::Home.url() {
        order.push((s.url.clone(), s.title.clone(), Some(index)));
    }
    for e in &s.entries {
        order.push((e.url.clone(), e.title.clone(), Some(index)));
    }
    for f in &s.folders {
        if let Some(&child) = by_url.get(f.url.as_str()) {
            push_in_order(sections, by_url, child, order);
        }
    }
}

/// The part of a section shown around the entry at `place`: all of a short section, else
/// WINDOW entries on either side of the page (or the first ones, on the
/// section's own index page).
fn window(entries: usize, place: Option<usize>) -> std::ops::Range<usize> {
    let size = 2 * WINDOW + 1;
    if entries <= size {
        return 0..entries;
    }
    let at = place.unwrap_or(0);
    let start = at.saturating_sub(WINDOW).min(entries - size);
    start..start + size
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_sections_are_shown_whole() {
        assert_eq!(window(10, Some(5)), 0..10);
    }

    #[test]
    fn long_sections_show_a_window_around_the_page() {
        assert_eq!(window(100, Some(50)), 45..56);
        assert_eq!(window(100, Some(2)), 0..11);
        assert_eq!(window(100, Some(99)), 89..100);
        // The section's own index page is not among its entries.
        assert_eq!(window(100, None), 0..11);
    }

    #[test]
    fn folder_titles_read_as_words() {
        assert_eq!(folder_title("guides/running-workshops", "Pages"), "Running workshops");
        assert_eq!(folder_title("", "Pages"), "Pages");
        assert_eq!(folder_title("research/_methods", "Pages"), "Methods");
    }
}
