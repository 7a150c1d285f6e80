//! The benchmark's generated playbook is valid content: it builds with no
//! errors and every link in it resolves. (Its speed is measured by
//! `cargo bench --bench scale`, never here.)

mod common;

#[path = "../benches/support/corpus.rs"]
mod corpus;

#[test]
fn the_generated_playbook_builds_cleanly() {
    builds_cleanly(corpus::Kind::Playbook);
}

#[test]
fn the_generated_dense_playbook_builds_cleanly() {
    builds_cleanly(corpus::Kind::Dense);
}

#[test]
fn the_generated_docs_corpus_builds_cleanly() {
    builds_cleanly(corpus::Kind::Docs);
}

fn builds_cleanly(kind: corpus::Kind) {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let project = tmp.path().join(kind.name());
    corpus::generate(kind, 300, &project).expect("generate a corpus");
    let out = tmp.path().join("site");
    let outcome = common::build_ok(&project, Some(&out));
    assert!(
        outcome.warnings().next().is_none(),
        "{}",
        common::describe(&outcome.diagnostics)
    );
    assert!(outcome.pages >= 300, "{} pages", outcome.pages);
    common::assert_links_resolve(&out);
}
