//! The Mermaid journey reader against Mermaid's own tests
//! (mermaid-js/mermaid, `diagrams/user-journey/parser/journey.spec.ts` and
//! `journeyDb.spec.ts`), transcribed with the model each one expects, then
//! the edge cases of its grammar (`journey.jison`) and the mistakes it rejects.

use journeybook::mermaid::{parse, Diagram, Problem};

/// A task as Mermaid's `getTasks` gives it: score, people, section, task.
type Flat<'a> = (u8, Vec<&'a str>, &'a str, &'a str);

fn flat(d: &Diagram) -> Vec<Flat<'_>> {
    d.tasks()
        .map(|(section, t)| {
            (
                t.score,
                t.people.iter().map(String::as_str).collect(),
                section,
                t.name.as_str(),
            )
        })
        .collect()
}

fn ok(text: &str) -> Diagram {
    match parse(text) {
        Ok(d) => d,
        Err(p) => panic!("{text:?} was refused: {p:?}"),
    }
}

fn err(text: &str) -> Problem {
    match parse(text) {
        Ok(d) => panic!("{text:?} was accepted: {d:?}"),
        Err(p) => p,
    }
}

// journey.spec.ts

#[test]
fn spec_handles_a_title_definition() {
    let d = ok("journey\ntitle Adding journey diagram functionality to mermaid");
    assert_eq!(d.title, "Adding journey diagram functionality to mermaid");
}

#[test]
fn spec_handles_an_accessibility_description() {
    let d = ok("journey\naccDescr: A user journey for family shopping\ntitle Adding journey diagram functionality to mermaid\nsection Order from website");
    assert_eq!(d.acc_descr, "A user journey for family shopping");
    assert_eq!(d.section_names(), ["Order from website"]);
}

#[test]
fn spec_handles_an_accessibility_multiline_description() {
    let text = "journey\naccDescr {\n        A user journey for\n        family shopping\n      }title Adding journey diagram functionality to mermaid\naccTitle: Adding acc journey diagram functionality to mermaid\nsection Order from website";
    let d = ok(text);
    assert_eq!(d.acc_descr, "A user journey for\nfamily shopping");
    assert_eq!(d.title, "Adding journey diagram functionality to mermaid");
    assert_eq!(d.acc_title, "Adding acc journey diagram functionality to mermaid");
}

#[test]
fn spec_handles_an_accessibility_title() {
    let d = ok("journey\n    accTitle: The title\n    section Order from website");
    assert_eq!(d.acc_descr, "");
    assert_eq!(d.acc_title, "The title");
}

#[test]
fn spec_handles_a_section_definition() {
    let d = ok("journey\ntitle Adding journey diagram functionality to mermaid\nsection Order from website");
    assert_eq!(d.section_names(), ["Order from website"]);
    assert_eq!(d.tasks().count(), 0);
}

#[test]
fn spec_handles_multiline_section_titles_with_different_line_breaks() {
    let d = ok("journey\ntitle Adding gantt diagram functionality to mermaid\nsection Line1<br>Line2<br/>Line3</br />Line4<br\t/>Line5");
    assert_eq!(d.section_names(), ["Line1<br>Line2<br/>Line3</br />Line4<br\t/>Line5"]);
}

#[test]
fn spec_handles_a_task_definition() {
    let text = "journey\ntitle Adding journey diagram functionality to mermaid\nsection Documentation\nA task: 5: Alice, Bob, Charlie\nB task: 3:Bob, Charlie\nC task: 5\nD task: 5: Charlie, Alice\nE task: 5:\nsection Another section\nP task: 5:\nQ task: 5:\nR task: 5:";
    let d = ok(text);
    let expected: Vec<Flat<'_>> = vec![
        (5, vec!["Alice", "Bob", "Charlie"], "Documentation", "A task"),
        (3, vec!["Bob", "Charlie"], "Documentation", "B task"),
        (5, vec![], "Documentation", "C task"),
        (5, vec!["Charlie", "Alice"], "Documentation", "D task"),
        (5, vec![""], "Documentation", "E task"),
        (5, vec![""], "Another section", "P task"),
        (5, vec![""], "Another section", "Q task"),
        (5, vec![""], "Another section", "R task"),
    ];
    assert_eq!(flat(&d), expected);
}

// journeyDb.spec.ts

#[test]
fn db_starts_empty() {
    // Mermaid's "should clear" cases: a cleared database is an empty one.
    let d = Diagram::default();
    assert_eq!(d.tasks().count(), 0);
    assert_eq!(d.acc_title, "");
    assert_eq!(d.acc_descr, "");
    assert!(d.section_names().is_empty());
    assert!(d.actors().is_empty());
}

#[test]
fn db_adds_tasks_and_actors() {
    let mut d = Diagram {
        acc_title: "Shopping".into(),
        acc_descr: "A user journey for family shopping".into(),
        ..Diagram::default()
    };
    d.add_section("Journey to the shops");
    d.add_task("Get car keys", ":5:Dad").expect("task");
    d.add_task("Go to car", ":3:Dad, Mum, Child#1, Child#2").expect("task");
    d.add_task("Drive to supermarket", ":4:Dad").expect("task");
    d.add_section("Do shopping");
    d.add_task("Go shopping", ":5:Mum").expect("task");
    let expected: Vec<Flat<'_>> = vec![
        (5, vec!["Dad"], "Journey to the shops", "Get car keys"),
        (
            3,
            vec!["Dad", "Mum", "Child#1", "Child#2"],
            "Journey to the shops",
            "Go to car",
        ),
        (4, vec!["Dad"], "Journey to the shops", "Drive to supermarket"),
        (5, vec!["Mum"], "Do shopping", "Go shopping"),
    ];
    assert_eq!(flat(&d), expected);
    assert_eq!(d.actors(), ["Child#1", "Child#2", "Dad", "Mum"]);
    assert_eq!(d.section_names(), ["Journey to the shops", "Do shopping"]);
}

#[test]
fn mermaids_own_example_reads() {
    let d = ok("journey\n    title My working day\n    section Go to work\n      Make tea: 5: Me\n      Go upstairs: 3: Me\n      Do work: 1: Me, Cat\n    section Go home\n      Go downstairs: 5: Me\n      Sit down: 5: Me");
    assert_eq!(d.title, "My working day");
    assert_eq!(d.actors(), ["Cat", "Me"]);
    assert_eq!(d.sections[0].tasks.len(), 3);
    assert_eq!(flat(&d)[2], (1, vec!["Me", "Cat"], "Go to work", "Do work"));
}

// The grammar's edge cases (journey.jison).

#[test]
fn keywords_are_read_in_any_case() {
    let d = ok("JOURNEY\nTITLE Day\nACCTITLE: t\nAccDescr: d\nSECTION A\n  Tea: 4: Me");
    assert_eq!(
        (d.title.as_str(), d.acc_title.as_str(), d.acc_descr.as_str()),
        ("Day", "t", "d")
    );
    assert_eq!(flat(&d), vec![(4, vec!["Me"], "A", "Tea")]);
}

#[test]
fn comments_are_skipped() {
    let d = ok("%% before\n\njourney\n%% a line comment\n  %%{init: {'theme': 'dark'}}%%\nsection A # a hash comment\n  Tea: 4: Me # who\n  # Coffee: 1: Me\n  %% Water: 1: Me\n");
    assert_eq!(flat(&d), vec![(4, vec!["Me"], "A ", "Tea")]);
}

#[test]
fn names_keep_their_trailing_spaces_and_actors_are_trimmed() {
    let d = ok("journey\nsection  Go\nMake tea  :  2  :  Me ,Cat ");
    assert_eq!(d.section_names(), [" Go"]);
    assert_eq!(flat(&d), vec![(2, vec!["Me", "Cat"], " Go", "Make tea  ")]);
}

#[test]
fn a_third_piece_of_task_data_is_ignored() {
    let d = ok("journey\nsection A\nTea: 3: Me: extra");
    assert_eq!(flat(&d), vec![(3, vec!["Me"], "A", "Tea")]);
}

#[test]
fn tasks_before_any_section_have_no_section() {
    let d = ok("journey\nTea: 3: Me\nsection A\nCoffee: 4");
    assert_eq!(d.sections[0].name, None);
    assert_eq!(d.section_names(), ["A"]);
    assert_eq!(flat(&d)[0].2, "");
}

#[test]
fn a_title_runs_to_the_end_of_the_line_colons_included() {
    let d = ok("journey\ntitle Step 1: plan # not this\n");
    assert_eq!(d.title, "Step 1: plan ");
}

#[test]
fn statements_may_share_a_line() {
    let d = ok("journey title Day section A Tea: 5: Me");
    // `title` runs to the line's end, as in Mermaid: the rest is the title.
    assert_eq!(d.title, "Day section A Tea: 5: Me");
    let d = ok("journey\naccDescr {\n  two\n  lines\n}section A\nTea: 1");
    assert_eq!(d.acc_descr, "two\nlines");
    assert_eq!(d.section_names(), ["A"]);
}

#[test]
fn front_matter_titles_the_diagram() {
    let d = ok("---\ntitle: \"From the top\"\n---\njourney\nsection A\nTea: 2");
    assert_eq!(d.title, "From the top");
}

// What is refused, and where.

fn at(text: &str, p: &Problem) -> (usize, usize) {
    let before = &text[..p.offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or_default().chars().count() + 1;
    (line, column)
}

#[test]
fn no_journey_line_is_refused() {
    let text = "\n  title Day\nsection A\n";
    let p = err(text);
    assert!(p.message.contains("starts with the line `journey`"), "{}", p.message);
    assert_eq!(at(text, &p), (2, 3));
    assert!(err("").message.contains("`journey`"));
    assert!(err("journeys\nsection A").message.contains("`journey`"));
}

#[test]
fn a_task_without_a_score_is_refused() {
    for (text, place) in [
        ("journey\nsection A\n  Make tea\n", (3, 3)),
        ("journey\nsection A\n  Make tea:\n", (3, 3)),
        ("journey\nsection A\n  Make tea: : Me\n", (3, 13)),
        ("journey\nsection A\n  Make tea\n: 5\n", (3, 3)),
    ] {
        let p = err(text);
        assert!(
            p.message.contains("has no score") || p.message.contains("nothing after"),
            "{text:?}: {}",
            p.message
        );
        let got = at(text, &p);
        assert!(got == place || got.0 == place.0, "{text:?}: {got:?}");
    }
    let p = err("journey\nsection A\n  Make tea\n");
    assert!(p.help.contains("`Make tea: 3`"), "{}", p.help);
    let p = err("journey\ntitle\n");
    assert!(p.help.contains("title"), "{}", p.help);
    // As in Mermaid, the space after `title` may be a line break: the next line is the title.
    assert_eq!(ok("journey\ntitle\nsection A").title, "section A");
}

#[test]
fn a_score_outside_one_to_five_is_refused_at_the_score() {
    for (bad, column) in [("0", 11), ("6", 11), ("2.5", 11), ("x", 11), ("-1", 11), ("10", 11)] {
        let text = format!("journey\nsection A\n  Tea:    {bad}: Me\n");
        let p = err(&text);
        assert!(p.message.contains(&format!("`{bad}`")), "{}", p.message);
        assert!(p.message.contains("whole number from 1 to 5"), "{}", p.message);
        assert_eq!(at(&text, &p), (3, column), "{bad}");
        assert_eq!(p.len, bad.len());
    }
    for good in ["1", "5", " 3 ", "05"] {
        ok(&format!("journey\nsection A\nTea:{good}"));
    }
}

#[test]
fn other_mistakes_are_refused_where_they_are() {
    let text = "journey\nsection A\nTea: 5; Coffee: 4";
    assert_eq!(at(text, &err(text)), (3, 7));
    let text = "journey\nsection Review: 5\n";
    let p = err(text);
    assert!(p.message.contains("without a task name"), "{}", p.message);
    assert_eq!(at(text, &p), (2, 15));
    let text = "journey\nsection A\nJourney home: 4\n";
    assert_eq!(at(text, &err(text)), (3, 1));
    let text = "journey\naccDescr {\n never closed\n";
    assert_eq!(at(text, &err(text)), (2, 1));
}
