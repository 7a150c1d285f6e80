//! Opportunities that close pain points: pain points and opportunities may
//! carry an `id` (unique within their journey), and an opportunity's
//! `addresses:` names pain points, `pain-id` in its own journey or
//! `journey-id#pain-id` in another. The references are checked while the
//! front matter is at hand; once every journey is built, each pain point
//! learns which opportunities address it.

use super::model::{AddressedPain, Addressing, Journey, Stage};
use super::references::Resolver;
use crate::content::model::{JourneyFront, KindData, Opportunity, Stage as StageFront};
use crate::content::{Document, Kind, Place};
use crate::diagnostics::{did_you_mean, Diagnostic};
use std::collections::{BTreeMap, HashMap};

/// Every stage and step of a journey's front matter, with its place.
fn places(front: &JourneyFront) -> Vec<(Place, &StageFront)> {
    let mut all = Vec::new();
    for (i, stage) in front.stages.iter().enumerate() {
        all.push((Place::Stage(i), stage));
        all.extend(
            stage
                .steps
                .iter()
                .enumerate()
                .map(|(j, step)| (Place::Step(i, j), step)),
        );
    }
    all
}

/// The pain-point ids a journey's front matter writes.
fn pain_ids(front: &JourneyFront) -> Vec<&str> {
    places(front)
        .into_iter()
        .flat_map(|(_, s)| s.pain_points.iter().filter_map(|p| p.id.as_deref()))
        .collect()
}

impl Resolver<'_> {
    /// Reports a pain point or opportunity id used twice in one journey,
    /// at the second use: `addresses:` would not know which one it means.
    pub(super) fn check_item_ids(&self, doc: &Document, front: &JourneyFront) {
        let mut seen: HashMap<(&str, &str), ()> = HashMap::new();
        for (place, stage) in places(front) {
            let pains = stage
                .pain_points
                .iter()
                .filter_map(|p| p.id.as_deref())
                .map(|id| ("pain point", id));
            let opportunities = stage
                .opportunities
                .iter()
                .filter_map(|o| o.id.as_deref())
                .map(|id| ("opportunity", id));
            for (what, id) in pains.chain(opportunities) {
                if seen.insert((what, id), ()).is_some() {
                    let at = doc
                        .locator()
                        .value_in(id, "id", place)
                        .unwrap_or_else(|| doc.locator().find(None, "id", place));
                    self.report(
                        Diagnostic::error(format!("two {what}s of this journey have the id `{id}`"))
                            .at(at)
                            .with_help(format!("give each {what} its own `id:` within the journey")),
                    );
                }
            }
        }
    }

    /// An opportunity's `addresses:`, each checked: (journey id, pain point id).
    pub(super) fn addressed(&self, doc: &Document, opportunity: &Opportunity, place: Place) -> Vec<(String, String)> {
        let mut found = Vec::new();
        for entry in opportunity.addresses.iter() {
            let entry: &str = entry;
            let (journey, pain) = match entry.split_once('#') {
                Some((journey, pain)) if journey != doc.id => (Some(journey), pain),
                Some((_, pain)) => (None, pain),
                None => (None, entry),
            };
            let target = match journey {
                None => Some(doc),
                Some(id) => self
                    .lookup(Kind::Journey, id, doc, "addresses", place)
                    .map(|index| self.docs[index]),
            };
            let Some(target) = target else {
                continue; // An unknown journey is reported by the lookup.
            };
            let KindData::Journey(front) = &target.data else {
                continue;
            };
            let known = pain_ids(front);
            if known.contains(&pain) {
                found.push((target.id.clone(), pain.to_owned()));
                continue;
            }
            let help = did_you_mean(pain, known.iter().copied()).unwrap_or_else(|| match known.is_empty() {
                true => format!(
                    "give the pain point an `id:` in `{}` (`- {{text: …, id: {pain}}}`), then name it here",
                    target.id
                ),
                false => format!("the pain point ids of `{}` are: {}", target.id, known.join(", ")),
            });
            self.report(
                Diagnostic::error(format!("unknown pain point `{pain}` in `addresses:`"))
                    .at(doc.locator().find(Some(entry), "addresses", place))
                    .with_note("`addresses:` names a pain point's `id`: `pain-id` in this journey, `journey-id#pain-id` in another")
                    .with_help(help),
            );
        }
        found
    }
}

/// A stage and its steps, with the stage they belong to.
fn spots(stage: &Stage) -> impl Iterator<Item = &Stage> {
    std::iter::once(stage).chain(&stage.steps)
}

fn spot_mut(journeys: &mut [Journey], j: usize, s: usize, step: Option<usize>) -> &mut Stage {
    let stage = &mut journeys[j].stages[s];
    match step {
        Some(k) => &mut stage.steps[k],
        None => stage,
    }
}

/// A stage or step: journey, stage, step (`None` for the stage itself).
type StageSpot = (usize, usize, Option<usize>);
/// Where a pain point or opportunity is: its stage or step, and its position there.
type Spot = (usize, usize, Option<usize>, usize);

/// Tells each pain point the opportunities that address it, each
/// opportunity the pain points it addresses, and each journey how many of
/// its pain points are addressed.
pub(super) fn link_addresses(journeys: &mut [Journey]) {
    let mut spot_of: HashMap<(&str, &str), Spot> = HashMap::new();
    for (j, journey) in journeys.iter().enumerate() {
        for (s, stage) in journey.stages.iter().enumerate() {
            let steps =
                std::iter::once((None, stage)).chain(stage.steps.iter().enumerate().map(|(k, st)| (Some(k), st)));
            for (step, spot) in steps {
                for (p, pain) in spot.pain_points.iter().enumerate() {
                    if let Some(id) = pain.id.as_deref() {
                        spot_of.entry((journey.info.id.as_str(), id)).or_insert((j, s, step, p));
                    }
                }
            }
        }
    }
    // (pain point's spot, the opportunity), (opportunity's spot, the pain point).
    let mut to_pains: Vec<(Spot, Addressing)> = Vec::new();
    let mut to_opportunities: Vec<(Spot, AddressedPain)> = Vec::new();
    for (j, journey) in journeys.iter().enumerate() {
        for (s, stage) in journey.stages.iter().enumerate() {
            let steps =
                std::iter::once((None, stage)).chain(stage.steps.iter().enumerate().map(|(k, st)| (Some(k), st)));
            for (step, spot) in steps {
                for (o, opportunity) in spot.opportunities.iter().enumerate() {
                    for (journey_id, pain_id) in &opportunity.address_keys {
                        let Some(&(tj, ts, tstep, tp)) = spot_of.get(&(journey_id.as_str(), pain_id.as_str())) else {
                            continue;
                        };
                        let target_journey = &journeys[tj];
                        let target_stage = &target_journey.stages[ts];
                        let target = match tstep {
                            Some(k) => &target_stage.steps[k],
                            None => target_stage,
                        };
                        to_pains.push((
                            (tj, ts, tstep, tp),
                            Addressing {
                                text: opportunity.text.clone(),
                                status: opportunity.status,
                                journey: journey.info.link(),
                                stage: stage.name.clone(),
                                stage_url: format!("{}#{}", journey.info.url, stage.anchor),
                            },
                        ));
                        to_opportunities.push((
                            (j, s, step, o),
                            AddressedPain {
                                text: target.pain_points[tp].text.clone(),
                                severity: target.pain_points[tp].severity,
                                journey: target_journey.info.link(),
                                stage: target_stage.name.clone(),
                                stage_url: format!("{}#{}", target_journey.info.url, target_stage.anchor),
                            },
                        ));
                    }
                }
            }
        }
    }
    // Each stage's list is copied once, however many links it gets.
    let mut pains_at: BTreeMap<StageSpot, Vec<(usize, Addressing)>> = BTreeMap::new();
    for ((j, s, step, p), addressing) in to_pains {
        pains_at.entry((j, s, step)).or_default().push((p, addressing));
    }
    for ((j, s, step), links) in pains_at {
        let spot = spot_mut(journeys, j, s, step);
        let mut pains = spot.pain_points.to_vec();
        for (p, addressing) in links {
            pains[p].addressed_by.push(addressing);
        }
        spot.pain_points = pains.into();
    }
    let mut opportunities_at: BTreeMap<StageSpot, Vec<(usize, AddressedPain)>> = BTreeMap::new();
    for ((j, s, step, o), pain) in to_opportunities {
        opportunities_at.entry((j, s, step)).or_default().push((o, pain));
    }
    for ((j, s, step), links) in opportunities_at {
        let spot = spot_mut(journeys, j, s, step);
        let mut opportunities = spot.opportunities.to_vec();
        for (o, pain) in links {
            opportunities[o].addresses.push(pain);
        }
        spot.opportunities = opportunities.into();
    }
    for journey in journeys.iter_mut() {
        let pains = || journey.stages.iter().flat_map(spots).flat_map(|s| s.pain_points.iter());
        journey.pain_point_count = pains().count();
        journey.pain_points_addressed = pains().filter(|p| !p.addressed_by.is_empty()).count();
    }
}
