//! A journey's model: its personas, its stages and steps with every lane,
//! the lanes the map shows, and its moment of truth.

use super::blueprint::{lanes_shown, own_lane_filled};
use super::kpis::kpi_view;
use super::model::*;
use super::pages::{text, texts};
use super::references::Resolver;
use super::urls::stage_anchor;
use crate::config::Lane;
use crate::content::model::{ByPersona, JourneyFront, KindData, Stage as StageFront};
use crate::content::{Document, Kind, Place};
use crate::diagnostics::Diagnostic;
use crate::ids;

/// The id of every stage of a journey, in order.
pub(super) fn stage_ids(front: &JourneyFront) -> Vec<String> {
    front
        .stages
        .iter()
        .enumerate()
        .map(|(i, s)| ids::stage_id(s.id.as_deref(), &s.name, i + 1))
        .collect()
}

/// The journey's `compare:` map as stages check their `replaces:` against it.
#[derive(Clone, Copy)]
struct Compared {
    /// The compared journey's document, when `compare:` resolved.
    index: Option<usize>,
    /// Whether `compare:` is written at all.
    written: bool,
}

impl Resolver<'_> {
    /// A stage's scores per persona, in the journey's persona order, when
    /// `emotion:` or `feeling:` is written per persona (ids checked on reading).
    fn persona_scores(&self, doc: &Document, front: &StageFront) -> Vec<PersonaScore> {
        let per_persona = |e: &Option<ByPersona<f64>>, f: &Option<ByPersona<crate::content::model::Text>>| {
            matches!(e, Some(ByPersona::Each(_))) || matches!(f, Some(ByPersona::Each(_)))
        };
        let KindData::Journey(journey) = &doc.data else {
            return Vec::new();
        };
        if !per_persona(&front.emotion, &front.feeling) {
            return Vec::new();
        }
        journey
            .personas
            .iter()
            .map(|id| {
                let name = self
                    .by_id
                    .get(&(Kind::Persona, id.0.as_str()))
                    .map_or_else(|| id.0.clone(), |&i| self.links[i].title.clone());
                PersonaScore {
                    persona: id.0.clone(),
                    name,
                    score: front.emotion.as_ref().and_then(|e| e.of(id).copied()),
                    feeling: front.feeling.as_ref().and_then(|f| f.of(id)).map(|t| t.0.clone()),
                }
            })
            .collect()
    }

    pub(super) fn journey(&self, index: usize, info: PageInfo, front: &JourneyFront) -> Journey {
        let doc = self.docs[index];
        let mut personas = Vec::new();
        for id in front.personas.iter() {
            // Under the short form's key `persona:` the value is still found, by a search of the whole front matter.
            if let Some(p) = self.lookup(Kind::Persona, id, doc, "personas", Place::All) {
                // The face and role are filled in once every persona is built.
                personas.push(PersonaChip {
                    link: self.link(p),
                    avatar: None,
                    role: None,
                });
            }
        }
        let compare_index = front.compare.as_ref().and_then(|id| {
            if *id == doc.id {
                self.report(
                    Diagnostic::error("a journey cannot be compared with itself")
                        .at(doc.locator().find(Some(id), "compare", Place::All))
                        .with_help("set `compare:` to the id of the counterpart map (current ↔ future)"),
                );
                return None;
            }
            self.lookup(Kind::Journey, id, doc, "compare", Place::All)
        });
        let compare = compare_index.map(|j| self.link(j));
        // A journey naming itself is a cycle: reported with the others, once all journeys are built.
        let parent = front
            .parent
            .as_ref()
            .filter(|id| **id != doc.id)
            .and_then(|id| self.lookup(Kind::Journey, id, doc, "parent", Place::All))
            .map(|j| self.link(j))
            .or_else(|| {
                front
                    .parent
                    .as_ref()
                    .filter(|id| **id == doc.id)
                    .map(|_| self.link(index))
            });
        let compared = Compared {
            index: compare_index,
            written: front.compare.is_some(),
        };
        self.check_item_ids(doc, front);
        let stages: Vec<Stage> = front
            .stages
            .iter()
            .zip(stage_ids(front))
            .enumerate()
            .map(|(i, (stage, id))| self.stage(doc, stage, id, Place::Stage(i), compared))
            .collect();
        let lanes = lanes_shown(&self.config.journeys.lane_order(), &stages);
        Journey {
            review: self.review(front),
            info,
            personas,
            state: front.state,
            compare,
            compared_by: Vec::new(),
            parent,
            ancestors: Vec::new(),
            sub_journeys: Vec::new(),
            scenario: text(&front.scenario),
            expectations: texts(&front.expectations),
            owner: text(&front.owner),
            emotion_scale: front.emotion_scale.unwrap_or(self.config.journeys.emotion_scale),
            lanes,
            moment_of_truth: moment_of_truth(&stages),
            stages,
            detail_of: Vec::new(),
            comparison: None,
            pain_point_count: 0,
            pain_points_addressed: 0,
        }
    }

    fn stage(&self, doc: &Document, front: &StageFront, id: String, place: Place, compared: Compared) -> Stage {
        let replaces = self.replaced_stages(doc, front, place, compared.index, compared.written);
        let mut touchpoints = Vec::new();
        for tp in front.touchpoints.iter() {
            if let Some(t) = self.lookup(Kind::Touchpoint, tp, doc, "touchpoints", place) {
                touchpoints.push(self.chip(t));
            }
        }
        let pain_points: Vec<PainPointView> = front
            .pain_points
            .iter()
            .map(|p| PainPointView {
                text: p.text.0.clone(),
                severity: p.severity,
                touchpoint: p.touchpoint.as_ref().and_then(|tp| {
                    self.lookup(Kind::Touchpoint, tp, doc, "touchpoint", place)
                        .map(|t| self.link(t))
                }),
                id: p.id.clone(),
                addressed_by: Vec::new(),
                evidence: self.evidence(doc, &p.evidence, place),
                confidence: p.confidence,
            })
            .collect();
        let detail = front.detail.as_ref().and_then(|d| {
            self.lookup(Kind::Journey, d, doc, "detail", place)
                .map(|j| self.link(j))
        });
        let steps = front
            .steps
            .iter()
            .enumerate()
            .map(|(j, step)| {
                let step_id = ids::stage_id(step.id.as_deref(), &step.name, j + 1);
                let step_place = match place {
                    Place::Stage(i) => Place::Step(i, j),
                    other => other,
                };
                self.stage(doc, step, format!("{id}-{step_id}"), step_place, compared)
            })
            .collect();
        let mut stage = Stage {
            anchor: stage_anchor(&id),
            id,
            name: front.name.0.clone(),
            goal: text(&front.goal),
            actions: texts(&front.actions),
            touchpoints,
            thoughts: texts(&front.thoughts),
            emotion: front.emotion.as_ref().and_then(ByPersona::mean),
            feeling: front
                .feeling
                .as_ref()
                .and_then(|f| f.one())
                .and_then(|t| text(&Some(t.clone()))),
            emotions: self.persona_scores(doc, front),
            pain_points: pain_points.into(),
            opportunities: front
                .opportunities
                .iter()
                .map(|o| OpportunityView {
                    text: o.text.0.clone(),
                    priority: o.priority,
                    owner: text(&o.owner),
                    id: o.id.clone(),
                    status: o.status,
                    addresses: Vec::new(),
                    address_keys: self.addressed(doc, o, place),
                    evidence: self.evidence(doc, &o.evidence, place),
                    confidence: o.confidence,
                })
                .collect(),
            moment_of_truth: front.moment_of_truth,
            frontstage: texts(&front.frontstage),
            backstage: texts(&front.backstage),
            support: texts(&front.support),
            owners: texts(&front.owners),
            kpis: front
                .kpis
                .iter()
                .map(|k| KpiView {
                    evidence: self.evidence(doc, &k.evidence, place),
                    ..kpi_view(k, self.today)
                })
                .collect(),
            detail,
            replaces,
            steps,
            // Only the book's custom lanes: a key that is not one (a draft of
            // book.toml) never reaches here, the reader refused it.
            custom_lanes: front
                .custom_lanes
                .iter()
                .map(|(key, items)| (key.clone(), texts(items)))
                .filter(|(_, items)| !items.is_empty())
                .collect(),
            filled_lanes: Vec::new(),
            evidence: self.evidence(doc, &front.evidence, place),
            confidence: front.confidence,
        };
        stage.filled_lanes = Lane::ALL
            .into_iter()
            .filter(|lane| own_lane_filled(&stage, *lane))
            .map(|lane| lane.key().to_owned())
            .chain(stage.custom_lanes.keys().cloned())
            .collect();
        stage
    }
}

/// The journey's moment of truth: the first stage marked so, else the first
/// step marked so, as "Stage: Step".
fn moment_of_truth(stages: &[Stage]) -> Option<String> {
    stages.iter().find_map(|s| {
        if s.moment_of_truth {
            Some(s.name.clone())
        } else {
            s.steps
                .iter()
                .find(|st| st.moment_of_truth)
                .map(|st| format!("{}: {}", s.name, st.name))
        }
    })
}
