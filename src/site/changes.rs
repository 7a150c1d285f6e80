//! What one row of a comparison says changed: KPIs (today's value against
//! the future target), pain points resolved, remaining and new, and the
//! opportunities of both maps. Steps count with their stage, as they do in
//! the roll-ups.

use super::kpis::meets;
use super::model::{KpiChange, KpiView, OpportunityView, PainPointView, Stage};

/// A stage and its steps.
fn with_steps(stage: &Stage) -> impl Iterator<Item = &Stage> {
    std::iter::once(stage).chain(&stage.steps)
}

/// Texts match when they differ only in case, spacing or a closing full stop:
/// the way a writer copies a pain point from one map to the other.
fn same_text(a: &str, b: &str) -> bool {
    let key = |s: &str| {
        s.trim()
            .trim_end_matches('.')
            .split_whitespace()
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    key(a) == key(b)
}

/// The pain points of a row, sorted into what the future map no longer has,
/// what both have and what only the future map has.
pub(super) struct PainPointOutcome {
    pub resolved: Vec<PainPointView>,
    pub remaining: Vec<PainPointView>,
    pub new: Vec<PainPointView>,
}

pub(super) fn pain_point_outcome(before: &[&Stage], after: Option<&Stage>) -> PainPointOutcome {
    let old: Vec<&PainPointView> = before
        .iter()
        .flat_map(|s| with_steps(s))
        .flat_map(|s| s.pain_points.iter())
        .collect();
    let new: Vec<&PainPointView> = after
        .into_iter()
        .flat_map(with_steps)
        .flat_map(|s| s.pain_points.iter())
        .collect();
    let in_new = |p: &PainPointView| new.iter().any(|n| same_text(&n.text, &p.text));
    let in_old = |p: &PainPointView| old.iter().any(|o| same_text(&o.text, &p.text));
    PainPointOutcome {
        resolved: old.iter().filter(|p| !in_new(p)).map(|&p| p.clone()).collect(),
        // The future map's wording and severity: what is expected to remain.
        remaining: new.iter().filter(|p| in_old(p)).map(|&p| p.clone()).collect(),
        new: new.iter().filter(|p| !in_old(p)).map(|&p| p.clone()).collect(),
    }
}

/// The KPI of that name in `list`.
fn find<'a>(list: &[&'a KpiView], name: &str) -> Option<&'a KpiView> {
    list.iter().find(|k| same_text(&k.name, name)).copied()
}

/// The future stage's KPIs, each against the current map's value of the
/// same name (else the value the future map writes, which is often today's);
/// then the KPIs only the current map measures, against their own target.
pub(super) fn kpi_changes(before: &[&Stage], after: Option<&Stage>) -> Vec<KpiChange> {
    let old: Vec<&KpiView> = before
        .iter()
        .flat_map(|s| with_steps(s))
        .flat_map(|s| &s.kpis)
        .collect();
    let new: Vec<&KpiView> = after.into_iter().flat_map(with_steps).flat_map(|s| &s.kpis).collect();
    let mut changes: Vec<KpiChange> = new
        .iter()
        .map(|k| {
            let was = find(&old, &k.name);
            let current = was.and_then(|w| w.value.clone()).or_else(|| k.value.clone());
            let target = k.target.clone().or_else(|| was.and_then(|w| w.target.clone()));
            KpiChange {
                name: k.name.clone(),
                unit: k.unit.clone().or_else(|| was.and_then(|w| w.unit.clone())),
                met: meets(current.as_deref(), target.as_deref(), k.lower_is_better),
                current,
                target,
                lower_is_better: k.lower_is_better,
                in_before: was.is_some(),
                in_after: true,
            }
        })
        .collect();
    changes.extend(old.iter().filter(|k| find(&new, &k.name).is_none()).map(|k| KpiChange {
        name: k.name.clone(),
        unit: k.unit.clone(),
        current: k.value.clone(),
        target: k.target.clone(),
        lower_is_better: k.lower_is_better,
        met: k.met,
        in_before: true,
        in_after: false,
    }));
    changes
}

/// The opportunities of the current stages, then those the future stage adds.
pub(super) fn opportunities(before: &[&Stage], after: Option<&Stage>) -> (Vec<OpportunityView>, Vec<OpportunityView>) {
    let old: Vec<OpportunityView> = before
        .iter()
        .flat_map(|s| with_steps(s))
        .flat_map(|s| s.opportunities.iter().cloned())
        .collect();
    let new = after
        .into_iter()
        .flat_map(with_steps)
        .flat_map(|s| s.opportunities.iter())
        .filter(|o| !old.iter().any(|p| same_text(&p.text, &o.text)))
        .cloned()
        .collect();
    (old, new)
}

#[cfg(test)]
mod tests {
    use super::same_text;

    #[test]
    fn copied_texts_match_despite_case_spacing_and_full_stop() {
        assert!(same_text("Two weeks of  silence.", "two weeks of silence"));
        assert!(!same_text("Two weeks of silence", "Three weeks of silence"));
    }
}
