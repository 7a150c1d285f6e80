//! Theme lookup (project templates/, then themes/<theme>/, then the built-in
//! theme), custom page templates, static files, and navigation that reaches
//! every page.

mod common;

use common::{sel, Project, Site};
use std::collections::{BTreeSet, VecDeque};
use std::fs;

const PAGE: (&str, &str) = ("content/guides/intro.md", "---\ntitle: Intro\n---\nHello.\n");

#[test]
fn project_templates_override_the_theme_one_file_at_a_time() {
    let project = Project::with_files(&[
        PAGE,
        (
            "templates/page.html",
            "{% extends \"base.html\" %}{% block content %}<p class=\"custom\">{{ page.title }}</p>{% endblock content %}",
        ),
    ]);
    project.build_ok();
    let site = Site::load(&project.out());
    assert_eq!(common::text_of(site.one("guides/intro.html", "p.custom")), "Intro");
    // Templates that were not overridden still come from the built-in theme.
    assert_eq!(site.select("journeys/index.html", "nav.sidebar").len(), 1);
}

#[test]
fn a_named_theme_folder_comes_before_the_built_in_theme() {
    let project = Project::with_files(&[
        PAGE,
        ("book.toml", "[build]\ntheme = \"brand\"\n"),
        (
            "themes/brand/templates/page.html",
            "<!DOCTYPE html><title>{{ title }}</title><p id=\"brand\">{{ page.title }}</p>",
        ),
        ("themes/brand/static/brand.css", "body { color: teal; }\n"),
    ]);
    project.build_ok();
    let out = project.out();
    let site = Site::load(&out);
    assert_eq!(common::text_of(site.one("guides/intro.html", "#brand")), "Intro");
    assert_eq!(
        fs::read_to_string(out.join("brand.css")).expect("theme static copied"),
        "body { color: teal; }\n"
    );
    // The built-in static files are still there for templates the theme did not replace.
    assert!(out.join("journeybook.css").is_file());
}

#[test]
fn project_templates_come_before_a_named_theme() {
    let project = Project::with_files(&[
        PAGE,
        ("book.toml", "[build]\ntheme = \"brand\"\n"),
        ("themes/brand/templates/page.html", "<p id=\"from\">theme</p>"),
        ("templates/page.html", "<p id=\"from\">project</p>"),
    ]);
    project.build_ok();
    let site = Site::load(&project.out());
    assert_eq!(common::text_of(site.one("guides/intro.html", "#from")), "project");
}

#[test]
fn an_unknown_theme_is_an_error_with_a_suggestion() {
    let project = Project::with_files(&[
        PAGE,
        ("book.toml", "[build]\ntheme = \"brnad\"\n"),
        ("themes/brand/templates/page.html", "x"),
    ]);
    let outcome = project.build();
    let d = common::only_error(&outcome);
    assert!(d.message.contains("theme `brnad` not found"), "{d}");
    assert_eq!(d.help.as_deref(), Some("did you mean `brand`?"));
    assert!(!project.out().exists(), "nothing is written");
}

#[test]
fn a_page_can_name_its_own_template() {
    let project = Project::with_files(&[
        ("content/guides/wide.md", "---\ntitle: Wide\ntemplate: wide.html\n---\nBody.\n"),
        PAGE,
        (
            "templates/wide.html",
            "{% extends \"base.html\" %}{% block content %}<div class=\"wide\">{{ body_html | safe }}</div>{% endblock content %}",
        ),
    ]);
    project.build_ok();
    let site = Site::load(&project.out());
    assert_eq!(common::text_of(site.one("guides/wide.html", "div.wide")), "Body.");
    assert!(site.select("guides/intro.html", "div.wide").is_empty());
}

#[test]
fn an_unknown_page_template_is_an_error_naming_the_page() {
    let project = Project::with_files(&[("content/guides/wide.md", "---\ntitle: Wide\ntemplate: wdie.html\n---\n")]);
    let outcome = project.build();
    let d = common::only_error(&outcome);
    assert!(d.message.contains("template `wdie.html` not found"), "{d}");
    assert_eq!(common::position(d).0, "content/guides/wide.md");
    // No template is close to the name, so the help lists the theme's templates.
    assert!(d.help.as_deref().unwrap_or_default().contains("page.html"), "{d}");
}

#[test]
fn a_broken_template_is_reported_and_nothing_is_written() {
    let project = Project::with_files(&[PAGE, ("templates/page.html", "{% if %}")]);
    let outcome = project.build();
    let d = common::only_error(&outcome);
    assert!(d.message.contains("template"), "{d}");
    assert!(d.note.as_deref().unwrap_or_default().contains("page.html"), "{d}");
    assert!(!project.out().exists());
}

#[test]
fn a_template_error_names_the_file_line_and_expression_on_one_line() {
    let project = Project::with_files(&[PAGE, ("templates/page.html", "<p>\n{{ page.title | nofilter }}\n")]);
    let outcome = project.build();
    let note = common::only_error(&outcome).note.clone().unwrap_or_default();
    assert_eq!(
        note,
        "Unknown filter `nofilter` (page.html:2:17: `{{ page.title | nofilter }}`)"
    );
}

#[test]
fn a_template_failing_half_way_through_a_page_leaves_the_previous_site_intact() {
    // Pages stream into the staging folder as they render: one that fails
    // part-way must not reach the site.
    let project = Project::with_files(&[PAGE]);
    project.build_ok();
    let before = common::snapshot(&project.out());
    project.write(
        "templates/page.html",
        "<p>start of the page</p>\n{{ page.title | round }}\n<p>never reached</p>\n",
    );
    let outcome = project.build();
    let d = common::only_error(&outcome);
    assert!(
        d.message.contains("rendering") && d.message.contains("page.html"),
        "{d}"
    );
    assert_eq!(
        common::snapshot(&project.out()),
        before,
        "the previous site is unchanged"
    );
    let leftovers: Vec<String> = common::entries(&project.path(""))
        .into_iter()
        .filter(|e| e.contains("journeybook"))
        .collect();
    assert!(leftovers.is_empty(), "no staging folder left behind: {leftovers:?}");
}

#[test]
fn front_matter_stays_escaped_in_overriding_templates() {
    let project = Project::with_files(&[
        (
            "content/guides/x.md",
            "---\ntitle: \"<img src=x onerror=alert(1)>\"\n---\n",
        ),
        ("templates/page.html", "<h1>{{ page.title }}</h1>"),
    ]);
    project.build_ok();
    let html = fs::read_to_string(project.out().join("guides/x.html")).expect("page written");
    assert!(html.contains("&lt;img"), "{html}");
    assert!(!html.contains("<img"), "{html}");
}

/// Every page of the site can be reached from the home page by following links.
#[test]
fn every_page_is_reachable_from_the_home_page() {
    let project = Project::from_fixture("rich");
    project.build_ok();
    let site = Site::load(&project.out());
    let mut seen = BTreeSet::from(["index.html".to_owned()]);
    let mut queue = VecDeque::from(["index.html".to_owned()]);
    while let Some(url) = queue.pop_front() {
        for link in site.links(&url) {
            let page = link.split('#').next().unwrap_or_default().to_owned();
            if page.ends_with(".html") && site.pages.contains_key(&page) && seen.insert(page.clone()) {
                queue.push_back(page);
            }
        }
    }
    let unreachable: Vec<&String> = site
        .pages
        .keys()
        // The 404 page and the search results are reached by address, not by links.
        .filter(|p| !seen.contains(*p) && *p != "404.html" && *p != "search.html")
        .collect();
    assert!(
        unreachable.is_empty(),
        "not reachable from the home page: {unreachable:?}"
    );
}

#[test]
fn the_sidebar_marks_the_current_page_and_lists_its_section() {
    let project = Project::from_fixture("rich");
    project.build_ok();
    let site = Site::load(&project.out());
    let json = site.json();
    let journey = json["journeys"][0]["url"].as_str().expect("a journey url").to_owned();
    let current = site.one(&journey, "nav.sidebar a[aria-current='page']");
    assert_eq!(current.value().attr("href"), Some(format!("../{journey}").as_str()));
    // The journeys section lists every journey on a journey page.
    let journeys = json["journeys"].as_array().expect("journeys").len();
    let listed = site.page(&journey).select(&sel("nav.sidebar .current li a")).count();
    assert_eq!(listed, journeys);
    // Breadcrumbs lead home and to the section index.
    let crumbs = site.links_in(&journey, site.one(&journey, "nav.breadcrumbs"));
    assert_eq!(crumbs, ["index.html", "journeys/index.html"]);
}

#[test]
fn previous_and_next_links_chain_through_the_site() {
    let project = Project::from_fixture("rich");
    project.build_ok();
    let site = Site::load(&project.out());
    // Follow "next" from the home page: every page but the 404 page and the
    // search results, each once.
    let mut url = "index.html".to_owned();
    let mut visited = vec![url.clone()];
    while let Some(next) = site.select(&url, "a[rel='next']").first() {
        let href = next.value().attr("href").expect("href");
        url = common::resolve_link(&url, href).expect("relative link");
        assert!(!visited.contains(&url), "the chain loops at {url}");
        visited.push(url.clone());
    }
    let expected = site
        .pages
        .keys()
        .filter(|p| *p != "404.html" && *p != "search.html")
        .count();
    assert_eq!(visited.len(), expected, "chain: {visited:?}");
}

#[test]
fn top_level_pages_are_listed_on_the_home_page() {
    let project = Project::with_files(&[("content/about.md", "---\ntitle: About us\n---\nHi.\n"), PAGE]);
    project.build_ok();
    let site = Site::load(&project.out());
    assert!(site.links_to("index.html", "about.html"));
}

#[test]
fn long_sections_show_a_window_and_link_to_their_index() {
    let files: Vec<(String, String)> = (0..40)
        .map(|i| {
            (
                format!("content/guides/g{i:02}.md"),
                format!("---\ntitle: Guide {i:02}\n---\nText.\n"),
            )
        })
        .collect();
    let project = Project::with_owned_files(&files);
    project.build_ok();
    let site = Site::load(&project.out());
    let sidebar = site.one("guides/g20.html", "nav.sidebar");
    let listed: Vec<String> = site
        .links_in("guides/g20.html", sidebar)
        .into_iter()
        .filter(|l| l.starts_with("guides/g"))
        .collect();
    assert!(listed.len() < 40, "a window, not the whole section: {listed:?}");
    assert!(listed.contains(&"guides/g20.html".to_owned()));
    assert!(listed.contains(&"guides/g19.html".to_owned()) && listed.contains(&"guides/g21.html".to_owned()));
    assert!(common::text_of(sidebar).contains("more"), "the cut is marked");
    let cuts = site.select("guides/g20.html", "nav.sidebar li.more a");
    assert_eq!(cuts.len(), 2, "entries are left out before and after the window");
    for more in cuts {
        let href = more.value().attr("href").expect("href");
        let target = common::resolve_link("guides/g20.html", href);
        assert_eq!(
            target.as_deref(),
            Some("guides/index.html"),
            "leads to the folder's index"
        );
    }
    // The index lists them all.
    let article = site.one("guides/index.html", "main article");
    let all = site
        .links_in("guides/index.html", article)
        .into_iter()
        .filter(|l| l.starts_with("guides/g"))
        .count();
    assert_eq!(all, 40);
}

#[test]
fn nested_folders_get_indexes_and_breadcrumbs() {
    let project = Project::with_files(&[
        (
            "content/guides/methods/interviews.md",
            "---\ntitle: Interviews\n---\nText.\n",
        ),
        ("content/guides/intro.md", "---\ntitle: Intro\n---\nText.\n"),
    ]);
    project.build_ok();
    let site = Site::load(&project.out());
    let crumbs = site.links_in(
        "guides/methods/interviews.html",
        site.one("guides/methods/interviews.html", "nav.breadcrumbs"),
    );
    assert_eq!(crumbs, ["index.html", "guides/index.html", "guides/methods/index.html"]);
    assert!(site.links_to("guides/index.html", "guides/methods/index.html"));
    assert!(site.links_to("guides/methods/index.html", "guides/methods/interviews.html"));
}
