//! `journeybook import mermaid`, run through the real binary on a copy of
//! the rich fixture (whose book.toml scale is -2..2, so the imported page
//! must bring its own 1..5 scale), then built and read back as HTML.

mod common;

use common::{journeybook, stderr_of, Project, Site};
use std::fs;
use std::path::Path;

const WORKING_DAY: &str = "%% Mermaid's own example, with every kind of line\n\
journey\n\
    title My working day\n\
    accTitle: A working day, task by task\n\
    accDescr {\n\
      How the day feels,\n\
      from tea to the sofa\n\
    }\n\
    SECTION Go to work\n\
      Make tea: 5: Me\n\
      Go upstairs: 3: Me\n\
      Do work: 1: Me, Cat, Ana Ruiz\n\
    section Go home # a comment\n\
      Go downstairs: 5: Me\n\
      Sit down: 5: Me\n";

fn import(project: &Project, diagram: &str, extra: &[&str]) -> std::process::Output {
    let file = project.tmp.path().join("day.mmd");
    fs::write(&file, diagram).expect("write the diagram");
    journeybook()
        .current_dir(project.tmp.path())
        .args(["import", "mermaid", "day.mmd", "--dir", "project"])
        .args(extra)
        .output()
        .expect("run journeybook")
}

/// Builds the project; the site is read when the build succeeded.
fn build(project: &Project) -> (std::process::Output, Option<Site>) {
    let out = project.out();
    let output = journeybook()
        .arg("build")
        .arg(&project.root)
        .arg("-d")
        .arg(&out)
        .output()
        .expect("run journeybook");
    let site = output.status.success().then(|| Site::load(&out));
    (output, site)
}

fn built(project: &Project) -> Site {
    let (output, site) = build(project);
    match site {
        Some(site) => site,
        None => panic!("the build failed:\n{}", stderr_of(&output)),
    }
}

#[test]
fn a_diagram_becomes_a_journey_that_builds() {
    let project = Project::from_fixture("rich");
    // `ana` exists in the fixture: an actor whose name slugs to it keeps that page.
    fs::copy(
        project.path("content/personas/ana.md"),
        project.tmp.path().join("ana-before.md"),
    )
    .expect("copy");
    let output = import(&project, &WORKING_DAY.replace("Ana Ruiz", "Ana"), &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let said = stderr_of(&output);
    assert!(
        said.contains("created project/content/journeys/my-working-day.md"),
        "{said}"
    );
    assert!(said.contains("created project/content/personas/me.md"), "{said}");
    assert!(said.contains("created project/content/personas/cat.md"), "{said}");
    assert!(said.contains("kept    project/content/personas/ana.md"), "{said}");
    assert_eq!(
        fs::read(project.path("content/personas/ana.md")).expect("ana"),
        fs::read(project.tmp.path().join("ana-before.md")).expect("ana before"),
        "an existing persona page is never touched"
    );

    let page = fs::read_to_string(project.path("content/journeys/my-working-day.md")).expect("journey page");
    assert!(page.contains("\npersonas: [me, cat, ana]\n"), "{page}");
    assert!(page.contains("\nemotion_scale: {min: 1, max: 5}\n"), "{page}");
    assert!(
        page.contains("\ndescription: \"How the day feels, from tea to the sofa\"\n"),
        "{page}"
    );
    let cat = fs::read_to_string(project.path("content/personas/cat.md")).expect("cat page");
    assert!(cat.contains("name: \"Cat\""), "{cat}");

    let site = built(&project);
    let url = "journeys/my-working-day.html";
    assert_eq!(site.texts(url, "h1"), ["My working day"]);
    assert_eq!(
        site.texts(url, "table .step-list li"),
        ["Make tea", "Go upstairs", "Do work", "Go downstairs", "Sit down"]
    );
    // One mark per scored step on the emotion curve, and the journey's own scale.
    assert_eq!(site.select(url, "svg.step-mark").len(), 5);
    assert!(site.body_text(url).contains("Scale 1 to 5"), "{}", site.body_text(url));
    for persona in ["me", "cat", "ana"] {
        assert!(
            site.links_to(url, &format!("personas/{persona}.html")),
            "no link to {persona}"
        );
    }
    assert!(site.body_text("personas/cat.html").contains("My working day"));
}

#[test]
fn an_existing_journey_is_never_replaced() {
    let project = Project::from_fixture("rich");
    assert_eq!(import(&project, WORKING_DAY, &[]).status.code(), Some(0));
    fs::remove_file(project.path("content/personas/cat.md")).expect("remove cat");
    let output = import(&project, WORKING_DAY, &[]);
    assert_eq!(output.status.code(), Some(1));
    let said = stderr_of(&output);
    assert!(
        said.contains("refusing to overwrite `project/content/journeys/my-working-day.md`"),
        "{said}"
    );
    assert!(said.contains("-o OUT.md"), "{said}");
    assert!(
        !project.path("content/personas/cat.md").exists(),
        "a refused import writes nothing"
    );
}

#[test]
fn no_personas_writes_the_journey_alone_and_names_the_missing_pages() {
    let project = Project::from_fixture("rich");
    let output = import(
        &project,
        WORKING_DAY,
        &["--no-personas", "-o", "project/content/journeys/day.md"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    assert!(project.path("content/journeys/day.md").exists());
    assert!(!project.path("content/personas/me.md").exists());
    assert!(!project.path("content/personas/ana-ruiz.md").exists());
    let said = stderr_of(&output);
    assert!(said.contains("persona `me` has no page yet"), "{said}");
    // The build then says which persona is missing, at the journey.
    let (output, _) = build(&project);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr_of(&output).contains("content/journeys/day.md"),
        "{}",
        stderr_of(&output)
    );
}

#[test]
fn an_output_name_that_is_not_an_id_is_refused() {
    let project = Project::from_fixture("rich");
    let output = import(&project, WORKING_DAY, &["-o", "project/content/journeys/My Day.md"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr_of(&output).contains("`my-day.md`"), "{}", stderr_of(&output));
    assert!(!Path::new(&project.path("content/journeys/My Day.md")).exists());
}

#[test]
fn repeated_names_and_tasks_before_any_section_still_build() {
    let project = Project::from_fixture("rich");
    let diagram = "journey\naccTitle: Errands\nWake up: 2\nsection Shop\nPay: 3: Me\nPay: 4: Me\nsection Shop\nBag<br>up: 5\nsection Empty\n";
    let output = import(&project, diagram, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let page = fs::read_to_string(project.path("content/journeys/errands.md")).expect("named from accTitle");
    assert!(page.contains("  - name: \"Section 1\"\n"), "{page}");
    assert!(page.contains("        id: pay-2\n"), "{page}");
    assert!(page.contains("    id: shop-2\n"), "{page}");
    assert!(page.contains("      - name: \"Bag up\"\n"), "{page}");
    let site = built(&project);
    assert_eq!(site.texts("journeys/errands.html", "h1"), ["Errands"]);
    assert_eq!(
        site.texts("journeys/errands.html", "table .step-list li"),
        ["Wake up", "Pay", "Pay", "Bag up"]
    );
}

#[test]
fn what_mermaid_refuses_is_an_error_at_its_line_and_column() {
    let project = Project::from_fixture("rich");
    for (diagram, place, words) in [
        (
            "title Day\nsection A\nTea: 5\n",
            "day.mmd:1:1",
            "starts with the line `journey`",
        ),
        (
            "journey\nsection A\n  Make tea\n",
            "day.mmd:3:3",
            "task `Make tea` has no score",
        ),
        (
            "journey\nsection A\n  Tea: 0: Me\n",
            "day.mmd:3:8",
            "not a whole number from 1 to 5",
        ),
        ("journey\nsection A\n  Tea: 2.5\n", "day.mmd:3:8", "`2.5`"),
        ("journey\nsection A\n  Tea: : Me\n", "day.mmd:3:8", "has no score"),
    ] {
        let output = import(&project, diagram, &[]);
        assert_eq!(output.status.code(), Some(1), "{diagram:?}");
        let said = stderr_of(&output);
        assert!(said.contains(&format!("--> {place}\n")), "{diagram:?}:\n{said}");
        assert!(said.contains(words), "{diagram:?}:\n{said}");
        assert!(said.contains("help:"), "{said}");
    }
    assert!(fs::read_dir(project.path("content/journeys"))
        .expect("journeys")
        .all(|e| !e.expect("entry").file_name().to_string_lossy().contains("day")));
    let output = journeybook()
        .args(["import", "mermaid", "missing.mmd", "--dir"])
        .arg(&project.root)
        .output()
        .expect("run journeybook");
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr_of(&output).contains("cannot read `missing.mmd`"));
}
