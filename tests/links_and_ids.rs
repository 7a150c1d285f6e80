//! The link checker of tests/common finds what it must, and the engine's
//! pages keep ids and references sound in corner cases.

mod common;

use common::Project;
use std::fs;

#[test]
fn link_checker_reports_every_kind_of_broken_link() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let dir = tmp.path();
    fs::create_dir_all(dir.join("a")).expect("folder");
    fs::write(dir.join("a/file one.txt"), "attachment").expect("write");
    fs::write(
        dir.join("a/b.html"),
        r##"<html><body><h2 id="x">X</h2><a href="../index.html#self">back</a></body></html>"##,
    )
    .expect("write");
    fs::write(
        dir.join("index.html"),
        r##"<html><head><link rel="stylesheet" href="//cdn.example.com/x.css"></head><body>
<p id="self">Fine: <a href="a/b.html">b</a> <a href="a/b.html#x">x</a> <a href="a/file%20one.txt">file</a>
<a href="#self">self</a> <a href="https://example.com/">web</a> <a href="a/b.html?v=1#x">query</a></p>
<p>Broken: <a href="a/b.html#nope">nope</a> <a href="missing.html">missing</a> <a href="#gone">gone</a>
<a href="/abs.html">absolute</a> <a href="../outside.html">outside</a>
<img src="https://cdn.example.com/x.png" alt=""><span id="twice"></span><span id="twice"></span></p>
</body></html>"##,
    )
    .expect("write");
    let problems = common::link_problems(dir);
    let expected = [
        "`a/b.html` has no id `nope`",
        "`missing.html` does not exist",
        "`index.html` has no id `gone`",
        "<a href=\"/abs.html\">: absolute path",
        "<a href=\"../outside.html\">: climbs out of the site",
        "<img src=\"https://cdn.example.com/x.png\">: refers to another host",
        "<link href=\"//cdn.example.com/x.css\">: absolute path or another host",
        "id `twice` is used 2 times",
    ];
    for want in expected {
        assert!(
            problems.iter().any(|p| p.contains(want)),
            "not reported: {want}\n{}",
            problems.join("\n")
        );
    }
    assert_eq!(problems.len(), expected.len(), "{}", problems.join("\n"));
}

#[test]
fn missing_avatar_is_reported() {
    // content/personas/zoe.md says `avatar: zoe.png` and there is no zoe.png.
    // Expected: a diagnostic at the `avatar:` line, as for broken Markdown links.
    // Actual: the build succeeds silently and personas/zoe.html has
    // <img src="../personas/zoe.png"> pointing at nothing.
    let project = Project::from_fixture("rich");
    project.write(
        "content/personas/zoe.md",
        "---\nname: Zoe Park\navatar: zoe.png\n---\nZoe rides a cargo bike.\n",
    );
    let outcome = project.build();
    let reported = outcome.diagnostics.iter().find(|d| d.message.contains("zoe.png"));
    let d = reported.unwrap_or_else(|| {
        panic!(
            "no diagnostic names zoe.png:\n{}",
            common::describe(&outcome.diagnostics)
        )
    });
    assert_eq!(common::position(d).0, "content/personas/zoe.md");
    assert_eq!(common::position(d).1, 3);
}

#[test]
fn heading_ids_never_collide_with_other_ids_on_the_page() {
    // A page with a heading `# Main` and a heading `## Prep` next to a footnote
    // `[^prep]` gets two elements with id="main" (the heading and the theme's
    // <main id="main">) and two with id="prep" (the heading and the footnote).
    // Links to `#prep` or the skip link to `#main` then lead to the wrong place.
    let project = Project::from_fixture("rich");
    project.write(
        "content/guides/prep.md",
        "---\ntitle: Preparation\n---\n# Main\n\n## Prep\n\nBring pens.[^prep]\n\n[^prep]: And sticky notes.\n",
    );
    project.build_ok();
    common::assert_links_resolve(&project.out());
}

/// One slug rule for stages and headings: Latin letters lose their accents,
/// other scripts are kept, and no id is empty or silently repeated.
#[test]
fn stage_and_heading_ids_follow_one_unicode_aware_rule() {
    let project = Project::with_files(&[
        ("book.toml", "[book]\ntitle = \"Ids\"\n"),
        (
            "content/journeys/onboarding.md",
            "---\ntitle: Onboarding\nstages:\n  - name: Découvrir\n    actions: [Read]\n  - name: 問い合わせ\n    actions: [Ask]\n  - name: お問い合わせ窓口\n    actions: [Call]\n  - name: Prüfen\n    actions: [Check]\n  - name: \"?!\"\n    actions: [Wonder]\n---\n## Découvrir les offres\n\nSee [the question](#stage-問い合わせ) and [checks](#stage-prufen).\n",
        ),
        (
            "content/guides/café.md",
            "---\ntitle: Café\n---\n# Ça commence\n\n## Ça commence\n\n[Back](../journeys/onboarding.md#stage-decouvrir)\n",
        ),
    ]);
    project.build_ok();
    let site = common::Site::load(&project.out());
    let stage_ids: Vec<String> = site
        .select("journeys/onboarding.html", "th.stage")
        .iter()
        .filter_map(|th| th.value().attr("id").map(str::to_owned))
        .collect();
    assert_eq!(
        stage_ids,
        [
            "stage-decouvrir",
            "stage-問い合わせ",
            "stage-お問い合わせ窓口",
            "stage-prufen",
            "stage-5"
        ]
    );
    let heading_ids: Vec<String> = site
        .select("guides/café.html", "h1, h2")
        .iter()
        .filter_map(|h| h.value().attr("id").map(str::to_owned))
        .collect();
    assert_eq!(heading_ids, ["ca-commence", "ca-commence-1"]);
    let journey_heading = site.one("journeys/onboarding.html", "h2#decouvrir-les-offres");
    assert!(common::text_of(journey_heading).contains("Découvrir les offres"));
}

#[test]
fn an_accented_file_name_suggests_the_id_without_accents() {
    let project = Project::with_files(&[
        ("book.toml", "[book]\ntitle = \"Ids\"\n"),
        ("content/touchpoints/café.md", "---\nname: Café\n---\n"),
    ]);
    let outcome = project.build();
    let error = common::only_error(&outcome);
    assert!(error.message.contains("`café`"), "{error}");
    assert!(
        error.help.as_deref().unwrap_or_default().contains("`cafe.md`"),
        "{error}"
    );
}
