//! The full text of every broken fixture's diagnostics, as a writer reads
//! it, kept as a reviewed snapshot (tests/snapshots/): a change of wording,
//! place or help shows up in review as a diff of these files.
//!
//! After an intended change: `INSTA_UPDATE=always cargo test --test
//! diagnostic_snapshots`, then read the diff of tests/snapshots/.

mod common;

use common::Project;

#[test]
fn every_broken_fixture_reads_as_reviewed() {
    let broken = common::fixture_path("broken");
    let cases = common::entries(&broken);
    assert!(cases.len() >= 20, "the broken fixtures are found");
    for case in cases {
        let project = Project::from_fixture(&format!("broken/{case}"));
        let outcome = project.build();
        assert!(outcome.has_errors(), "{case} must fail");
        let text: String = outcome.diagnostics.iter().map(|d| format!("{d}\n")).collect();
        insta::assert_snapshot!(case.as_str(), text);
    }
}
