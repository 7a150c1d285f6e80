//! Template values for the insights pages.
//!
//! A large playbook's roll-ups hold tens of thousands of rows, and each row
//! links to its journey and touchpoints. Serialised one by one, every row
//! would carry its own copy of those links: most of the pain-point page's
//! memory, and much of its time. Here each linked page becomes one template
//! value, which the rows share.

use crate::content::model::{Level, Status};
use crate::site::urls::Generated;
use crate::site::{Insights, Link, OpportunityRow, PainPointRow};
use serde::Serialize;
use std::collections::HashMap;
use tera::Value;

/// Which parts of the roll-ups an insights page is given. With the
/// built-in templates, each page the parts it shows, so that a change to
/// one part renders only the pages showing it (a renamed touchpoint moves
/// the pain points and the matrix, not the opportunity backlog). Where a
/// template of the project's own names `insights`, it may show any part on
/// any insights page: each is then given every part.
#[derive(Clone, Copy)]
pub(super) struct Parts {
    pain_points: bool,
    opportunities: bool,
    matrix: bool,
    board: bool,
    stale: bool,
}

impl Parts {
    /// The parts `page` is given; all of them when `every` page may show any.
    pub(super) fn of(page: Generated, every: bool) -> Parts {
        if every {
            return Parts {
                pain_points: true,
                opportunities: true,
                matrix: true,
                board: true,
                stale: true,
            };
        }
        Parts {
            pain_points: page == Generated::PainPoints,
            opportunities: page == Generated::Opportunities,
            matrix: matches!(page, Generated::Matrix | Generated::Insights),
            board: page == Generated::Insights,
            stale: matches!(page, Generated::Stale | Generated::Insights),
        }
    }
}

/// What an insights page's values are made from, for its hash: the parts
/// of the roll-ups it is given, and nothing else of them.
pub(super) struct RollUpInputs<'a> {
    pub(super) all: &'a Insights,
    pub(super) parts: Parts,
}

impl Serialize for RollUpInputs<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (all, parts) = (self.all, self.parts);
        (
            parts.pain_points.then_some(&all.pain_points),
            parts.opportunities.then_some(&all.opportunities),
            parts.matrix.then_some((&all.matrix, &all.future_matrix)),
            parts.board.then_some(&all.board),
            parts.stale.then_some(&all.stale),
        )
            .serialize(serializer)
    }
}

/// The part of the roll-ups one insights page shows; the rest is left out.
#[derive(Serialize)]
pub(super) struct InsightsView<'a> {
    /// Every pain point, cut where the severity changes. (The rows are given
    /// once: 26,000 of them twice would double the page's template values.)
    pain_point_groups: Vec<Group<PainPointValue<'a>>>,
    /// Every opportunity, cut where the priority changes, or by status.
    opportunity_groups: Vec<Group<OpportunityValue<'a>>>,
    /// Whether the opportunities are grouped by `status:` (some have one).
    by_status: bool,
    /// Whether some pain point is addressed, so the roll-up says which are not.
    any_addressed: bool,
    /// The current maps' matrix, and the future maps' on the same columns.
    #[serde(skip_serializing_if = "Option::is_none")]
    matrix: Option<&'a crate::site::Matrix>,
    #[serde(skip_serializing_if = "Option::is_none")]
    future_matrix: Option<&'a crate::site::Matrix>,
    /// The highest count in either matrix, so both shade on one scale.
    matrix_max: usize,
    /// Whether any future map uses a touchpoint, so the matrix page offers them.
    has_future_matrix: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    board: Option<&'a crate::site::Board>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stale: Option<&'a [crate::site::StaleRow]>,
}

impl<'a> InsightsView<'a> {
    /// The view for the insights page `page`, of the `parts` it is given:
    /// each value is made from its part alone.
    pub(super) fn of(all: &'a Insights, page: Generated, parts: Parts) -> InsightsView<'a> {
        let mut links = SharedLinks::default();
        let pain_point_groups = if page == Generated::PainPoints {
            groups(&all.pain_points, |p| p.severity, |p| PainPointValue::of(p, &mut links))
        } else {
            Vec::new()
        };
        // A backlog with statuses is a board by status; without, by priority.
        let by_status = parts.opportunities && all.opportunities.iter().any(|o| o.status.is_some());
        let opportunity_groups = match (page == Generated::Opportunities, by_status) {
            (false, _) => Vec::new(),
            (true, true) => status_groups(&all.opportunities, |o| OpportunityValue::of(o, &mut links)),
            (true, false) => groups(
                &all.opportunities,
                |o| o.priority,
                |o| OpportunityValue::of(o, &mut links),
            ),
        };
        let matrices = [&all.matrix, &all.future_matrix];
        InsightsView {
            pain_point_groups,
            opportunity_groups,
            by_status,
            any_addressed: parts.pain_points && all.pain_points.iter().any(|p| !p.addressed_by.is_empty()),
            matrix: parts.matrix.then_some(&all.matrix),
            future_matrix: parts.matrix.then_some(&all.future_matrix),
            matrix_max: match parts.matrix {
                true => matrices
                    .iter()
                    .flat_map(|m| &m.rows)
                    .flat_map(|r| &r.counts)
                    .copied()
                    .max()
                    .unwrap_or(0),
                false => 0,
            },
            has_future_matrix: parts.matrix && all.future_matrix.rows.iter().any(|r| r.total > 0),
            board: parts.board.then_some(&all.board),
            stale: parts.stale.then_some(&all.stale[..]),
        }
    }
}

/// A run of roll-up rows sharing a severity, priority or status.
#[derive(Serialize)]
struct Group<V> {
    /// `high`, `medium`, `low` or `unrated`; or a status, or `no-status`.
    level: &'static str,
    rows: Vec<V>,
}

/// Cuts rows sorted by level into one group per level.
fn groups<'r, T, V>(
    rows: &'r [T],
    level_of: impl Fn(&T) -> Option<Level>,
    mut value_of: impl FnMut(&'r T) -> V,
) -> Vec<Group<V>> {
    let name = |l: Option<Level>| l.map_or("unrated", Level::name);
    let mut groups: Vec<Group<V>> = Vec::new();
    for row in rows {
        let level = name(level_of(row));
        match groups.last_mut() {
            Some(group) if group.level == level => group.rows.push(value_of(row)),
            _ => groups.push(Group {
                level,
                rows: vec![value_of(row)],
            }),
        }
    }
    groups
}

/// The opportunities by status, in the board's order, those without one
/// last; each group keeps the backlog's order (priority, then owner).
fn status_groups<'r, V>(
    rows: &'r [OpportunityRow],
    mut value_of: impl FnMut(&'r OpportunityRow) -> V,
) -> Vec<Group<V>> {
    let order = Status::ALL.map(Some).into_iter().chain([None]);
    order
        .map(|status| Group {
            level: status.map_or("no-status", Status::name),
            rows: rows.iter().filter(|o| o.status == status).map(&mut value_of).collect(),
        })
        .filter(|g| !g.rows.is_empty())
        .collect()
}

/// One template value per linked page, keyed by its URL.
#[derive(Default)]
struct SharedLinks<'a>(HashMap<&'a str, Value>);

impl<'a> SharedLinks<'a> {
    /// The page's value; cloning a value shares it.
    fn of(&mut self, link: &'a Link) -> Value {
        self.0
            .entry(link.url.as_str())
            .or_insert_with(|| Value::from_serializable(link))
            .clone()
    }
}

/// A [`PainPointRow`] with shared links; templates see the same fields.
#[derive(Serialize)]
struct PainPointValue<'a> {
    text: &'a str,
    severity: Option<Level>,
    journey: Value,
    stage: &'a str,
    stage_url: &'a str,
    step: Option<&'a str>,
    touchpoints: Vec<Value>,
    addressed_by: &'a [crate::site::Addressing],
}

impl<'a> PainPointValue<'a> {
    fn of(row: &'a PainPointRow, links: &mut SharedLinks<'a>) -> Self {
        PainPointValue {
            text: &row.text,
            severity: row.severity,
            journey: links.of(&row.journey),
            stage: &row.stage,
            stage_url: &row.stage_url,
            step: row.step.as_deref(),
            touchpoints: row.touchpoints.iter().map(|t| links.of(t)).collect(),
            addressed_by: &row.addressed_by,
        }
    }
}

/// An [`OpportunityRow`] with a shared journey link; templates see the same fields.
#[derive(Serialize)]
struct OpportunityValue<'a> {
    text: &'a str,
    priority: Option<Level>,
    status: Option<&'static str>,
    addresses: &'a [crate::site::AddressedPain],
    owner: Option<&'a str>,
    journey: Value,
    stage: &'a str,
    stage_url: &'a str,
    step: Option<&'a str>,
}

impl<'a> OpportunityValue<'a> {
    fn of(row: &'a OpportunityRow, links: &mut SharedLinks<'a>) -> Self {
        OpportunityValue {
            text: &row.text,
            priority: row.priority,
            status: row.status.map(Status::name),
            addresses: &row.addresses,
            owner: row.owner.as_deref(),
            journey: links.of(&row.journey),
            stage: &row.stage,
            stage_url: &row.stage_url,
            step: row.step.as_deref(),
        }
    }
}

/// The roll-up's name as templates get it in `insight`.
pub(super) fn name(page: Generated) -> &'static str {
    match page {
        Generated::PainPoints => "pain-points",
        Generated::Opportunities => "opportunities",
        Generated::Matrix => "matrix",
        Generated::Stale => "stale",
        _ => "overview",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pain(text: &str, severity: Option<Level>, journey: &Link, touchpoints: &[&Link]) -> PainPointRow {
        PainPointRow {
            text: text.into(),
            severity,
            journey: journey.clone(),
            stage: "Buy".into(),
            stage_url: format!("{}#stage-buy", journey.url),
            step: Some("Pays".into()),
            touchpoints: touchpoints.iter().map(|&t| t.clone()).collect(),
            addressed_by: Vec::new(),
        }
    }

    #[test]
    fn shared_rows_give_templates_exactly_what_the_rows_would() {
        let journey = Link::new("buying", "Buying", "journeys/buying.html");
        let web = Link::new("web", "Website", "touchpoints/web.html");
        let pains = [
            pain("Slow", Some(Level::High), &journey, &[&web]),
            pain("Dear", Some(Level::High), &journey, &[&web, &web]),
            pain("Odd", None, &journey, &[]),
        ];
        let opportunity = OpportunityRow {
            text: "Faster".into(),
            priority: Some(Level::Low),
            status: Some(Status::InProgress),
            addresses: Vec::new(),
            owner: Some("Web team".into()),
            journey: journey.clone(),
            stage: "Buy".into(),
            stage_url: "journeys/buying.html#stage-buy".into(),
            step: None,
        };
        let mut links = SharedLinks::default();
        for row in &pains {
            assert!(Value::from_serializable(&PainPointValue::of(row, &mut links)) == Value::from_serializable(row));
        }
        assert!(
            Value::from_serializable(&OpportunityValue::of(&opportunity, &mut links))
                == Value::from_serializable(&opportunity)
        );
        assert_eq!(links.0.len(), 2, "one value per linked page");
    }

    #[test]
    fn rows_are_cut_where_the_level_changes() {
        let journey = Link::new("buying", "Buying", "journeys/buying.html");
        let rows = [
            pain("a", Some(Level::High), &journey, &[]),
            pain("b", Some(Level::High), &journey, &[]),
            pain("c", Some(Level::Low), &journey, &[]),
            pain("d", None, &journey, &[]),
        ];
        let cut = groups(&rows, |p| p.severity, |p| p.text.clone());
        let shape: Vec<(&str, Vec<String>)> = cut.into_iter().map(|g| (g.level, g.rows)).collect();
        assert_eq!(
            shape,
            [
                ("high", vec!["a".to_owned(), "b".to_owned()]),
                ("low", vec!["c".to_owned()]),
                ("unrated", vec!["d".to_owned()]),
            ]
        );
    }
}
