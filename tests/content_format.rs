//! Rules of docs/content-format.md, each on a project of a few lines:
//! defaults, short forms, ignored files, custom anchors, and what is refused.

mod common;

use common::{position, Project, Site};
use std::fs;

const PERSONA: (&str, &str) = ("content/personas/alex.md", "---\nname: Alex Rivera\n---\n");

#[test]
fn a_project_without_book_toml_builds_into_site() {
    let project = Project::with_files(&[("content/index.md", "# Welcome\n\nHello.\n")]);
    let outcome = common::build_ok(&project.root, None);
    assert!(
        outcome.diagnostics.is_empty(),
        "{}",
        common::describe(&outcome.diagnostics)
    );
    let site = Site::load(&project.path("site"));
    assert!(site.body_text("index.html").contains("Hello."));
    assert!(site.pages.contains_key("insights/stale-maps.html"));
    common::assert_links_resolve(&project.path("site"));
}

const BARE_NAMES: &str = "---\ntitle: Buying\nstages:\n  - name: Awareness\n    steps: [Reads reviews, Compares prices]\n    thoughts: [42, true]\n  - Purchase\n---\n";

#[test]
fn bare_stage_names_and_scalar_text_items() {
    let project = Project::with_files(&[
        ("book.toml", "[build]\nexport-json = true\n"),
        ("content/journeys/buying.md", BARE_NAMES),
    ]);
    project.build_ok();
    let site = Site::load(&project.out());
    let url = "journeys/buying.html";
    assert_eq!(site.select(url, "#stage-awareness").len(), 1);
    assert_eq!(site.select(url, "#stage-purchase").len(), 1);
    let thoughts = site.body_text(url);
    assert!(thoughts.contains("42") && thoughts.contains("true"), "{thoughts}");
    let json = site.json();
    let steps: Vec<&str> = json["journeys"][0]["stages"][0]["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert_eq!(steps, ["Reads reviews", "Compares prices"]);
}

#[test]
fn steps_written_as_bare_names_appear_on_the_map() {
    // `steps: [Reads reviews, Compares prices]` is the example the content
    // format gives. Since steps are drawn only in the lanes they fill, a step
    // that fills none is never drawn: the names are in journeybook.json but
    // not on journeys/buying.html.
    let project = Project::with_files(&[("content/journeys/buying.md", BARE_NAMES)]);
    project.build_ok();
    let text = Site::load(&project.out()).body_text("journeys/buying.html");
    for step in ["Reads reviews", "Compares prices"] {
        assert!(text.contains(step), "step `{step}` is not on the page");
    }
}

#[test]
fn lanes_of_book_toml_choose_and_order_the_rows() {
    let journey = "---\ntitle: Buying\nstages:\n  - name: Awareness\n    actions: [Searches]\n    thoughts: [Cheap?]\n    emotion: 1\n---\n";
    let project = Project::with_files(&[
        ("book.toml", "[journeys]\nlanes = [\"emotion\", \"actions\"]\n"),
        ("content/journeys/buying.md", journey),
    ]);
    project.build_ok();
    let site = Site::load(&project.out());
    let rows: Vec<String> = site
        .texts(
            "journeys/buying.html",
            "table tbody tr:not(.blueprint-line):not(.stage-intro) > th",
        )
        .into_iter()
        // The emotion lane's label also gives the scale ("Emotion -2 to +2").
        .map(|t| t.to_lowercase().split(' ').next().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(rows, ["emotion", "actions"], "thoughts is left out of `lanes`");
}

#[test]
fn hidden_and_editor_backup_files_are_ignored() {
    let project = Project::with_files(&[
        ("content/index.md", "# Home\n"),
        ("content/.notes.md", "---\nbroken: [\n"),
        ("content/journeys/buying.md~", "---\nbroken: [\n"),
        ("content/journeys/.buying.md.swp", "binary"),
        ("content/.git/config", "[core]\n"),
    ]);
    let outcome = project.build_ok();
    assert!(
        outcome.diagnostics.is_empty(),
        "{}",
        common::describe(&outcome.diagnostics)
    );
    let files = common::snapshot(&project.out());
    assert!(
        files
            .keys()
            .all(|f| !f.contains("notes") && !f.contains('~') && !f.contains(".git/")),
        "{:?}",
        files.keys().collect::<Vec<_>>()
    );
}

#[test]
fn custom_heading_ids_can_be_linked() {
    let project = Project::with_files(&[
        (
            "content/index.md",
            "# Home\n\nSee [the hours](guides/help.md#opening).\n",
        ),
        (
            "content/guides/help.md",
            "# Help\n\n## When we are open {#opening}\n\nAlways.\n",
        ),
    ]);
    project.build_ok();
    let site = Site::load(&project.out());
    assert!(site.links_to("index.html", "guides/help.html#opening"));
    assert_eq!(site.select("guides/help.html", "h2#opening").len(), 1);
    common::assert_links_resolve(&project.out());
}

#[test]
fn a_missing_image_is_a_broken_link() {
    let project = Project::with_files(&[("content/guides/help.md", "# Help\n\n![map](map.png)\n")]);
    let outcome = project.build();
    let d = common::only_error(&outcome);
    assert_eq!(position(d), ("content/guides/help.md".into(), 3, Some(8)));
    assert!(d.message.contains("map.png"), "{d}");
}

#[test]
fn a_page_on_a_generated_path_is_an_error() {
    let project = Project::with_files(&[("content/insights/index.md", "# My insights\n")]);
    let outcome = project.build();
    let d = common::only_error(&outcome);
    assert_eq!(position(d).0, "content/insights/index.md");
    assert!(d.message.contains("insights/index.html"), "{d}");
    assert!(!project.out().exists());
}

#[test]
fn two_stages_with_one_id_are_an_error() {
    let journey = "---\ntitle: Buying\nstages:\n  - name: Purchase\n  - name: purchase!\n---\n";
    let project = Project::with_files(&[("content/journeys/buying.md", journey)]);
    let outcome = project.build();
    let d = common::only_error(&outcome);
    assert!(d.message.contains("`purchase`"), "{d}");
    assert_eq!(position(d).1, 5, "points at the second stage");
}

#[test]
fn plain_page_ids_must_follow_the_pattern_when_given() {
    let project = Project::with_files(&[("content/guides/help.md", "---\nid: Help Page\n---\n# Help\n")]);
    let outcome = project.build();
    let d = common::only_error(&outcome);
    assert_eq!(position(d), ("content/guides/help.md".into(), 2, Some(5)));
    assert!(d.message.contains("invalid page id `Help Page`"), "{d}");
}

#[test]
fn persona_and_personas_together_point_at_the_duplicate() {
    // The format says journeys accept `persona:` or `personas:` "(not both)".
    // With both, the error is "invalid front matter: duplicate field
    // `personas`" at line 2, column 1, the `title:` line, with no help.
    let journey = "---\ntitle: Buying\npersona: alex\npersonas: [alex]\n---\n";
    let project = Project::with_files(&[PERSONA, ("content/journeys/buying.md", journey)]);
    let outcome = project.build();
    let d = common::only_error(&outcome);
    let (_, line, _) = position(d);
    assert!(
        line == 3 || line == 4,
        "should point at `persona:` or `personas:`:\n{d}"
    );
}

#[test]
fn help_for_a_page_on_a_generated_path_can_be_followed() {
    // A plain page's output path comes from its file path, never from `id:`,
    // yet the help reads "rename the file or set a different `id:`". Following
    // the second half changes nothing: the same error comes back.
    let project = Project::with_files(&[(
        "content/insights/index.md",
        "---\nid: my-insights\n---\n# My insights\n",
    )]);
    let outcome = project.build();
    let d = common::only_error(&outcome);
    assert!(
        !d.help.as_deref().unwrap_or_default().contains("id:"),
        "setting `id:` did not help:\n{d}"
    );
}

#[test]
fn the_json_export_is_written_only_when_asked_for() {
    let page = ("content/guides/a.md", "---\ntitle: A\n---\nText.\n");
    let off = Project::with_files(&[page]);
    off.build_ok();
    assert!(!off.out().join("journeybook.json").exists(), "not written by default");
    assert!(off.out().join("guides/a.html").is_file());
    let on = Project::with_files(&[page, ("book.toml", "[build]\nexport-json = true\n")]);
    on.build_ok();
    let json = Site::load(&on.out()).json();
    assert_eq!(json["pages"][0]["title"], "A", "{json}");
}

fn persona_with_avatar(avatar: &str) -> Project {
    Project::with_files(&[
        (
            "content/personas/ana.md",
            &format!("---\nname: Ana\navatar: \"{avatar}\"\n---\nAna.\n"),
        ),
        (
            "content/journeys/buying.md",
            "---\ntitle: Buying\npersonas: [ana]\nstages: [Look]\n---\n",
        ),
    ])
}

#[test]
fn an_avatar_address_is_used_as_it_is() {
    let url = "https://cdn.example.org/faces/ana.png";
    let project = persona_with_avatar(url);
    project.build_ok();
    let site = Site::load(&project.out());
    for (page, css) in [
        ("personas/ana.html", "img.avatar"),
        ("personas/index.html", "img.avatar"),
        ("journeys/buying.html", "img.avatar"),
    ] {
        assert_eq!(site.one(page, css).value().attr("src"), Some(url), "{page}");
    }
}

#[test]
fn an_avatar_that_is_an_absolute_path_or_a_script_is_refused() {
    for (avatar, says) in [
        ("/images/ana.png", "is an absolute path"),
        ("JavaScript:alert(1)", "`javascript:` address refused"),
        ("data:image/svg+xml,<svg onload=alert(1)>", "`data:` address refused"),
    ] {
        let project = persona_with_avatar(avatar);
        let outcome = project.build();
        let error = common::only_error(&outcome);
        assert!(error.message.contains(says), "{avatar}: {error}");
        assert_eq!(position(error).0, "content/personas/ana.md");
        assert_eq!(position(error).1, 3, "{error}");
        assert!(error.help.is_some());
    }
}

const RAW_PAGE: &str = "---\ntitle: Raw\n---\n\
# Raw HTML <kbd>Ctrl</kbd>\n\n\
Press <kbd>/</kbd> to search.[^note] <span onmouseover=\"steal()\">Hover</span>\n\n\
<script>steal()</script>\n\n\
<a href=\"javascript:steal()\" id=\"jb-search\">prize</a> <img src=\"x.png\" onerror=\"steal()\">\n\n\
<details><summary>More</summary><p style=\"position: fixed\">Inside</p></details>\n\n\
```rust\nlet x = 1;\n```\n\n\
| a | b |\n|:-:|--:|\n| 1 | 2 |\n\n\
- [x] done\n\n\
[^note]: A footnote.\n";

fn raw_html_project(setting: Option<&str>) -> Project {
    let config = setting
        .map(|s| format!("[markdown]\nraw-html = \"{s}\"\n"))
        .unwrap_or_default();
    Project::with_files(&[
        ("book.toml", &config),
        ("content/guides/raw.md", RAW_PAGE),
        ("content/guides/x.png", "png"),
    ])
}

/// Every element of the page body with the attributes journeybook writes itself.
fn generated_markup(site: &Site, page: &str) -> Vec<String> {
    site.select(page, "main *")
        .into_iter()
        .filter(|el| {
            !matches!(
                el.value().name(),
                "script" | "span" | "kbd" | "details" | "summary" | "img"
            )
        })
        // The writer's own elements: the raw link and what is inside <details>.
        .filter(|el| el.value().name() != "a" || el.value().attr("href").is_some_and(|h| !h.starts_with("javascript")))
        .filter(|el| {
            !el.ancestors()
                .any(|a| a.value().as_element().is_some_and(|e| e.name() == "details"))
        })
        .map(|el| {
            let v = el.value();
            let attrs: Vec<String> = ["id", "class", "href", "aria-label", "data-lang", "style", "type"]
                .iter()
                .filter_map(|a| Some(format!("{a}={}", v.attr(a)?)))
                .collect();
            format!("<{} {}>", v.name(), attrs.join(" "))
        })
        .collect()
}

#[test]
fn raw_html_is_sanitised_and_generated_markup_kept() {
    let project = raw_html_project(None);
    project.build_ok();
    let html = fs::read_to_string(project.out().join("guides/raw.html")).expect("page");
    let body = &html[html.find("<main").expect("main")..];
    for gone in [
        "steal()",
        "onmouseover",
        "onerror",
        "javascript:",
        "position: fixed",
        "id=\"jb-search\"",
    ] {
        assert!(!body.contains(gone), "`{gone}` is left in:\n{body}");
    }
    for kept in [
        "<kbd>Ctrl</kbd>",
        "<details><summary>More</summary>",
        "Inside",
        "src=\"x.png\"",
        "Hover",
    ] {
        assert!(body.contains(kept), "`{kept}` is gone from:\n{body}");
    }

    let allowed = raw_html_project(Some("allow"));
    allowed.build_ok();
    let trusted = fs::read_to_string(allowed.out().join("guides/raw.html")).expect("page");
    assert!(
        trusted.contains("<script>steal()</script>"),
        "allow keeps raw HTML as written"
    );
    assert_eq!(
        generated_markup(&Site::load(&project.out()), "guides/raw.html"),
        generated_markup(&Site::load(&allowed.out()), "guides/raw.html"),
        "headings, anchors, code, tables, footnotes and task lists are the same either way"
    );
}

#[test]
fn pages_without_raw_html_are_not_touched_by_the_sanitiser() {
    let project = Project::from_fixture("rich");
    project.build_ok();
    let sanitised = common::site_files(&project.out());
    let config = fs::read_to_string(project.path("book.toml")).expect("book.toml");
    project.write("book.toml", &format!("{config}\n[markdown]\nraw-html = \"allow\"\n"));
    project.build_ok();
    assert_eq!(common::site_files(&project.out()), sanitised);
}
