//! A stage's `replaces:` key: the stages of the compared map it takes the
//! place of. Checked here like every other reference, so that a typo is
//! found at build time rather than showing up as a "dropped" stage.

use super::journeys::stage_ids;
use super::references::Resolver;
use crate::content::model::{KindData, Stage as StageFront};
use crate::content::{Document, Place};
use crate::diagnostics::{did_you_mean, Diagnostic};

impl Resolver<'_> {
    /// The ids of `replaces:` that name a stage of the compared journey
    /// (`compare`, the document index of that journey, when it resolved).
    /// `compare_written` says whether the journey has a `compare:` key at
    /// all: an unknown one is reported already and is not repeated here.
    pub(super) fn replaced_stages(
        &self,
        doc: &Document,
        stage: &StageFront,
        place: Place,
        compare: Option<usize>,
        compare_written: bool,
    ) -> Vec<String> {
        if stage.replaces.is_empty() {
            return Vec::new();
        }
        if matches!(place, Place::Step(..)) {
            self.report(
                Diagnostic::error("`replaces:` belongs on a stage, not on a step")
                    .at(doc.locator().find(None, "replaces", place))
                    .with_help("move `replaces:` up to the stage this step is in"),
            );
            return Vec::new();
        }
        let Some(other) = compare else {
            if !compare_written {
                self.report(
                    Diagnostic::error(
                        "`replaces:` names stages of the compared map, but this journey has no `compare:`",
                    )
                    .at(doc.locator().find(None, "replaces", place))
                    .with_help(
                        "add `compare: <id of the current-state map>` to the front matter, or remove `replaces:`",
                    ),
                );
            }
            return Vec::new();
        };
        let (known, title) = match &self.docs[other].data {
            KindData::Journey(front) => (stage_ids(front), self.links[other].title.clone()),
            _ => return Vec::new(),
        };
        let mut found = Vec::new();
        for id in stage.replaces.iter() {
            if known.iter().any(|k| k.as_str() == &**id) {
                found.push(id.to_string());
                continue;
            }
            let help = did_you_mean(id, known.iter().map(String::as_str))
                .unwrap_or_else(|| format!("the stages of `{}` are: {}", self.docs[other].id, known.join(", ")));
            self.report(
                Diagnostic::error(format!("unknown stage `{id}` in `replaces:`"))
                    .at(doc.locator().find(Some(id), "replaces", place))
                    .with_note(format!(
                        "`replaces:` lists stage ids of the compared map, {title} (`{}`)",
                        self.docs[other].id
                    ))
                    .with_help(help),
            );
        }
        found
    }
}
