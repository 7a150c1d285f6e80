//! KPIs as the map shows them: value against target, met or not.

use super::model::{Journey, KpiGroup, KpiRollupRow, KpiView};
use super::pages::text;
use crate::content::model::{Better, Kpi};
use crate::date::Date;

/// A figure as writers type it: `1,200`, `85%`, `4.2`.
fn number(text: &str) -> Option<f64> {
    let cleaned: String = text.chars().filter(|c| !matches!(c, ',' | '%' | ' ' | '_')).collect();
    cleaned.parse().ok()
}

/// Whether `value` meets `target`, when both are numbers: at or above it,
/// or at or under it when lower is better.
pub(super) fn meets(value: Option<&str>, target: Option<&str>, lower_is_better: bool) -> Option<bool> {
    match (value.and_then(number), target.and_then(number)) {
        (Some(v), Some(t)) if lower_is_better => Some(v <= t),
        (Some(v), Some(t)) => Some(v >= t),
        _ => None,
    }
}

/// The KPI as the map shows it; its age is counted to `today`, the build's date.
pub(super) fn kpi_view(kpi: &Kpi, today: Date) -> KpiView {
    let lower_is_better = kpi.better == Some(Better::Lower);
    let met = meets(kpi.value.as_deref(), kpi.target.as_deref(), lower_is_better);
    KpiView {
        name: kpi.name.0.clone(),
        value: text(&kpi.value),
        target: text(&kpi.target),
        unit: text(&kpi.unit),
        lower_is_better,
        met,
        definition: text(&kpi.definition),
        source: text(&kpi.source),
        as_of: kpi.as_of.map(|d| d.to_string()),
        age_days: kpi.as_of.map(|d| d.days_until(today)),
        // Filled in by the journey, which can check the links.
        evidence: Vec::new(),
        confidence: kpi.confidence,
    }
}

/// The KPI roll-up: every journey with KPIs, in journey order, each with
/// its KPIs in stage order and how many meet their target.
pub(super) fn kpi_groups(journeys: &[Journey]) -> Vec<KpiGroup> {
    let mut groups = Vec::new();
    for journey in journeys {
        let link = journey.info.link();
        let mut rows = Vec::new();
        for stage in &journey.stages {
            let stage_url = format!("{}#{}", link.url, stage.anchor);
            let owners = std::iter::once((None, stage)).chain(stage.steps.iter().map(|s| (Some(s.name.clone()), s)));
            for (step, s) in owners {
                rows.extend(s.kpis.iter().map(|kpi| KpiRollupRow {
                    kpi: kpi.clone(),
                    stage: stage.name.clone(),
                    stage_url: stage_url.clone(),
                    step: step.clone(),
                }));
            }
        }
        if rows.is_empty() {
            continue;
        }
        groups.push(KpiGroup {
            met: rows.iter().filter(|r| r.kpi.met == Some(true)).count(),
            not_met: rows.iter().filter(|r| r.kpi.met == Some(false)).count(),
            journey: link,
            state: journey.state,
            rows,
        });
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_read_as_writers_type_them() {
        assert_eq!(number("1,200"), Some(1200.0));
        assert_eq!(number("85 %"), Some(85.0));
        assert_eq!(number("soon"), None);
    }
}
