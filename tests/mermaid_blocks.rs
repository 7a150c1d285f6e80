//! ```mermaid blocks holding a journey diagram are drawn at build time as
//! an inline SVG; other diagrams stay code blocks; a broken diagram is an
//! error at its line of the Markdown file. Real builds, read back as HTML.

mod common;

use common::{describe, only_error, position, Project, Site};

const DAY: &str = "```mermaid\n\
journey\n\
    title My working day\n\
    accTitle: A working day\n\
    accDescr: From tea to the sofa, task by task\n\
    section Go to work\n\
      Make tea: 5: Me\n\
      Go upstairs: 3: Me\n\
      Do work: 1: Me, Cat\n\
    section Go home\n\
      Sit down: 5: Me\n\
```\n";

fn page_with(body: &str) -> Project {
    Project::with_files(&[("content/notes.md", &format!("---\ntitle: Notes\n---\n{body}"))])
}

fn built(project: &Project) -> Site {
    let outcome = project.build();
    assert!(!outcome.has_errors(), "{}", describe(&outcome.diagnostics));
    Site::load(&project.out())
}

#[test]
fn a_journey_block_is_an_accessible_inline_svg() {
    let project = page_with(&format!("Before.\n\n{DAY}\nAfter.\n"));
    let site = built(&project);
    let svg = site.one("notes.html", "figure.mermaid-journey > svg.mm-journey");
    assert_eq!(svg.value().attr("role"), Some("img"));
    // A wide diagram scrolls sideways: its frame takes the keyboard focus for that.
    let frame = site.one("notes.html", "figure.mermaid-journey");
    assert_eq!(frame.value().attr("tabindex"), Some("0"));
    let labelled_by = svg.value().attr("aria-labelledby").expect("aria-labelledby");
    let ids: Vec<&str> = labelled_by.split(' ').collect();
    assert_eq!(ids.len(), 2);
    assert_eq!(
        site.texts("notes.html", &format!("svg.mm-journey > title#{}", ids[0])),
        ["A working day"]
    );
    assert_eq!(
        site.texts("notes.html", &format!("svg.mm-journey > desc#{}", ids[1])),
        ["From tea to the sofa, task by task"]
    );
    assert_eq!(site.texts("notes.html", "svg .mm-title"), ["My working day"]);
    assert_eq!(
        site.texts("notes.html", "svg .mm-section-name"),
        ["Go to work", "Go home"]
    );
    assert_eq!(
        site.texts("notes.html", "svg .mm-task-name"),
        ["Make tea", "Go upstairs", "Do work", "Sit down"]
    );
    assert_eq!(site.texts("notes.html", "svg .mm-score"), ["5", "3", "1", "5"]);
    let faces: Vec<String> = site
        .select("notes.html", "svg .mm-face")
        .iter()
        .map(|f| f.value().attr("class").unwrap_or_default().to_owned())
        .collect();
    assert_eq!(
        faces,
        [
            "mm-face mm-happy",
            "mm-face mm-neutral",
            "mm-face mm-sad",
            "mm-face mm-happy"
        ]
    );
    assert_eq!(site.texts("notes.html", "svg .mm-legend-name"), ["Cat", "Me"]);
    // Text around the diagram is untouched, and the block is no code block.
    assert_eq!(site.texts("notes.html", ".doc p"), ["Before.", "After."]);
    assert!(site.select("notes.html", "pre.code").is_empty());
    // Nothing scripted, nothing fetched, colours from the stylesheet only.
    let html = svg.html();
    for banned in ["<script", "http://", "https://", " style=", " fill=\"#", "href="] {
        assert!(!html.contains(banned), "{banned} in {html}");
    }
    let css = std::fs::read_to_string(project.out().join("journeybook.css")).expect("the theme stylesheet");
    assert!(
        css.contains("svg.mm-journey .mm-sad .mm-face-bg"),
        "the theme styles the drawing"
    );
}

#[test]
fn two_diagrams_on_a_page_have_their_own_ids_and_raw_html_keeps_them() {
    // Raw HTML makes the page go through the sanitiser, which must not strip the drawings.
    let project = page_with(&format!(
        "Press <kbd>Ctrl</kbd>.\n\n{DAY}\n{}",
        DAY.replace("My working day", "Another day")
    ));
    let site = built(&project);
    let svgs = site.select("notes.html", "svg.mm-journey");
    assert_eq!(svgs.len(), 2);
    let labels: Vec<&str> = svgs.iter().filter_map(|s| s.value().attr("aria-labelledby")).collect();
    assert_eq!(labels.len(), 2);
    assert_ne!(labels[0], labels[1]);
    assert_eq!(
        site.texts("notes.html", "svg .mm-title"),
        ["My working day", "Another day"]
    );
    assert_eq!(site.texts("notes.html", "kbd"), ["Ctrl"]);
}

#[test]
fn other_mermaid_diagrams_stay_code_blocks() {
    let project = page_with("```mermaid\nflowchart LR\n  A --> B\n```\n\n```Mermaid\n%% a comment first\nsequenceDiagram\n  A->>B: hi\n```\n");
    let site = built(&project);
    assert!(site.select("notes.html", "svg.mm-journey").is_empty());
    let blocks = site.texts("notes.html", "pre.code code");
    // `texts` collapses white space.
    assert_eq!(
        blocks,
        ["flowchart LR A --> B", "%% a comment first sequenceDiagram A->>B: hi"]
    );
    let langs: Vec<&str> = site
        .select("notes.html", "pre.code")
        .iter()
        .filter_map(|p| p.value().attr("data-lang"))
        .collect();
    assert_eq!(langs, ["mermaid", "Mermaid"]);
}

#[test]
fn a_broken_diagram_is_an_error_at_its_line_in_the_markdown_file() {
    // Line 1-3 front matter, 4 text, 5 blank, 6 the fence, 7 `journey`, 8 section, 9 the bad task.
    let project = page_with("Text.\n\n```mermaid\njourney\nsection A\n  Make tea: 9: Me\n```\n");
    let outcome = project.build();
    let error = only_error(&outcome);
    assert_eq!(position(error), ("content/notes.md".into(), 9, Some(13)));
    assert!(error.message.contains("`9`"), "{error}");
    assert!(error.message.contains("whole number from 1 to 5"), "{error}");
    assert!(error
        .help
        .as_deref()
        .unwrap_or_default()
        .contains("from 1 (worst) to 5 (best)"));
    let shown = error.to_string();
    assert!(shown.contains("  Make tea: 9: Me"), "the line is shown:\n{shown}");
}

#[test]
fn a_broken_diagram_inside_a_list_or_quote_points_past_the_indentation() {
    let project = page_with("- Item\n\n  ```mermaid\n  journey\n  section A\n    Tea\n  ```\n\n> ```mermaid\n> journey\n> Coffee: x\n> ```\n");
    let outcome = project.build();
    let mut places: Vec<_> = outcome.errors().map(position).collect();
    places.sort();
    assert_eq!(
        places,
        [
            ("content/notes.md".into(), 9, Some(5)),
            ("content/notes.md".into(), 14, Some(11))
        ],
        "{}",
        describe(&outcome.diagnostics)
    );
}
