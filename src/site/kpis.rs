//! KPIs as the map shows them: value against target, met or not.

use super::model::KpiView;
use super::pages::text;
use crate::content::model::{Better, Kpi};

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

pub(super) fn kpi_view(kpi: &Kpi) -> KpiView {
    let lower_is_better = kpi.better == Some(Better::Lower);
    let met = meets(kpi.value.as_deref(), kpi.target.as_deref(), lower_is_better);
    KpiView {
        name: kpi.name.0.clone(),
        value: text(&kpi.value),
        target: text(&kpi.target),
        unit: text(&kpi.unit),
        lower_is_better,
        met,
    }
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
