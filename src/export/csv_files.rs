//! The roll-ups as CSV (RFC 4180, UTF-8, a header row), one row per item,
//! each with the journey, stage, step and personas it belongs to and a
//! `url` to its place in the site: absolute when `site-url` is set, else
//! relative to the site root.
//!
//! Spreadsheets run a cell that begins with `=`, `+`, `-` or `@` as a
//! formula, and the text comes from many writers: such a cell gets a
//! leading `'`, which spreadsheets hide, unless it is a plain number
//! (`-5`, `+3.2`), which stays a number.

use super::site_url::absolute;
use crate::site::model::{Journey, Stage};
use crate::site::Site;

/// A stage or step with the journey it is in, as every row starts.
struct Place<'a> {
    journey: &'a Journey,
    stage: &'a Stage,
    step: Option<&'a Stage>,
    personas: String,
}

impl Place<'_> {
    /// The lanes' owner: the step when the row is a step's, else the stage.
    fn own(&self) -> &Stage {
        self.step.unwrap_or(self.stage)
    }

    fn url(&self, base: Option<&str>) -> String {
        absolute(base, &format!("{}#{}", self.journey.info.url, self.own().anchor))
    }

    fn columns(&self) -> [String; 5] {
        [
            self.journey.info.title.clone(),
            self.journey.info.id.clone(),
            self.stage.name.clone(),
            self.step.map(|s| s.name.clone()).unwrap_or_default(),
            self.personas.clone(),
        ]
    }
}

const PLACE_HEADER: [&str; 5] = ["journey", "journey_id", "stage", "step", "personas"];

/// Every stage and step of every journey, in reading order.
fn places(site: &Site) -> Vec<Place<'_>> {
    let mut out = Vec::new();
    for journey in &site.journeys {
        let personas = journey
            .personas
            .iter()
            .map(|p| p.link.title.as_str())
            .collect::<Vec<_>>()
            .join("; ");
        for stage in &journey.stages {
            out.push(Place {
                journey,
                stage,
                step: None,
                personas: personas.clone(),
            });
            for step in &stage.steps {
                out.push(Place {
                    journey,
                    stage,
                    step: Some(step),
                    personas: personas.clone(),
                });
            }
        }
    }
    out
}

/// A cell a spreadsheet will show as text, never run as a formula.
fn cell(text: &str) -> String {
    let risky = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    match risky && text.trim_end_matches('%').parse::<f64>().is_err() {
        true => format!("'{text}"),
        false => text.to_owned(),
    }
}

fn table(header: &[&str], rows: Vec<Vec<String>>) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to memory cannot fail: a failure would be a bug, and leaves the file cut short.
    let _ = writer.write_record(header);
    for row in rows {
        let _ = writer.write_record(row.iter().map(|c| cell(c)));
    }
    writer.into_inner().unwrap_or_default()
}

fn with_place(place: &Place<'_>, fields: impl IntoIterator<Item = String>, base: Option<&str>) -> Vec<String> {
    let mut row: Vec<String> = place.columns().into();
    row.extend(fields);
    row.push(place.url(base));
    row
}

fn header(fields: &[&'static str]) -> Vec<&'static str> {
    PLACE_HEADER.iter().chain(fields).chain(&["url"]).copied().collect()
}

fn level(level: Option<crate::content::model::Level>) -> String {
    level.map(|l| l.name().to_owned()).unwrap_or_default()
}

/// Each CSV file's path in the site and its bytes.
pub(super) fn all(site: &Site, base: Option<&str>) -> Vec<(&'static str, Vec<u8>)> {
    let places = places(site);
    let rows = |each: &dyn Fn(&Place<'_>) -> Vec<Vec<String>>| places.iter().flat_map(each).collect::<Vec<_>>();
    let pain_points = rows(&|p| {
        p.own()
            .pain_points
            .iter()
            .map(|pain| {
                let touchpoints = match &pain.touchpoint {
                    Some(t) => t.id.clone(),
                    None => p
                        .own()
                        .touchpoints
                        .iter()
                        .map(|t| t.link.id.as_str())
                        .collect::<Vec<_>>()
                        .join("; "),
                };
                let addressed_by = pain
                    .addressed_by
                    .iter()
                    .map(|a| a.text.as_str())
                    .collect::<Vec<_>>()
                    .join("; ");
                let fields = [
                    pain.text.clone(),
                    level(pain.severity),
                    touchpoints,
                    pain.id.clone().unwrap_or_default(),
                    addressed_by,
                ];
                with_place(p, fields, base)
            })
            .collect()
    });
    let opportunities = rows(&|p| {
        p.own()
            .opportunities
            .iter()
            .map(|o| {
                let addresses = o
                    .addresses
                    .iter()
                    .map(|a| a.text.as_str())
                    .collect::<Vec<_>>()
                    .join("; ");
                let fields = [
                    o.text.clone(),
                    level(o.priority),
                    o.owner.clone().unwrap_or_default(),
                    o.id.clone().unwrap_or_default(),
                    o.status.map(|s| s.name().to_owned()).unwrap_or_default(),
                    addresses,
                ];
                with_place(p, fields, base)
            })
            .collect()
    });
    let kpis = rows(&|p| {
        p.own()
            .kpis
            .iter()
            .map(|k| {
                let met = k.met.map(|m| m.to_string()).unwrap_or_default();
                let fields = [
                    k.name.clone(),
                    k.value.clone().unwrap_or_default(),
                    k.target.clone().unwrap_or_default(),
                    k.unit.clone().unwrap_or_default(),
                    k.lower_is_better.to_string(),
                    met,
                ];
                with_place(p, fields, base)
            })
            .collect()
    });
    let usages = rows(&|p| {
        p.own()
            .touchpoints
            .iter()
            .map(|t| {
                let fields = [
                    t.link.title.clone(),
                    t.link.id.clone(),
                    t.channel.clone().unwrap_or_default(),
                    absolute(base, &t.link.url),
                ];
                with_place(p, fields, base)
            })
            .collect()
    });
    vec![
        (
            super::CSV_FILES[0],
            table(
                &header(&["pain_point", "severity", "touchpoints", "id", "addressed_by"]),
                pain_points,
            ),
        ),
        (
            super::CSV_FILES[1],
            table(
                &header(&["opportunity", "priority", "owner", "id", "status", "addresses"]),
                opportunities,
            ),
        ),
        (
            super::CSV_FILES[2],
            table(
                &header(&["kpi", "value", "target", "unit", "lower_is_better", "met"]),
                kpis,
            ),
        ),
        (
            super::CSV_FILES[3],
            table(
                &header(&["touchpoint", "touchpoint_id", "channel", "touchpoint_url"]),
                usages,
            ),
        ),
        (super::CSV_FILES[4], matrix(site, base)),
    ]
}

/// The touchpoint × stage matrix: a touchpoint a row for the current maps,
/// then (when there are future maps) a row for the future ones; a stage a
/// column, in the playbook's order; each cell how many journeys use the
/// touchpoint at that stage.
fn matrix(site: &Site, base: Option<&str>) -> Vec<u8> {
    let insights = &site.insights;
    let states: Vec<(&str, &crate::site::Matrix)> =
        [("current", &insights.matrix), ("future", &insights.future_matrix)]
            .into_iter()
            .filter(|(_, m)| m.rows.iter().any(|r| r.total > 0))
            .collect();
    let stages: Vec<&String> = site
        .stage_order
        .iter()
        .filter(|s| states.iter().any(|(_, m)| m.stages.contains(s)))
        .collect();
    let mut header: Vec<&str> = vec!["touchpoint", "touchpoint_id", "state"];
    header.extend(stages.iter().map(|s| s.as_str()));
    header.extend(["total", "url"]);
    let mut rows = Vec::new();
    for (state, matrix) in &states {
        for row in &matrix.rows {
            let mut cells = vec![
                row.touchpoint.title.clone(),
                row.touchpoint.id.clone(),
                (*state).to_owned(),
            ];
            cells.extend(stages.iter().map(|stage| {
                let count = matrix
                    .stages
                    .iter()
                    .position(|s| s == *stage)
                    .map_or(0, |i| row.counts[i]);
                count.to_string()
            }));
            cells.push(row.total.to_string());
            cells.push(absolute(base, &row.touchpoint.url));
            rows.push(cells);
        }
    }
    table(&header, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_and_numbers_kept() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("- a list"), "'- a list");
        assert_eq!(cell("-5"), "-5");
        assert_eq!(cell("+3.2"), "+3.2");
        assert_eq!(cell("-12%"), "-12%");
        assert_eq!(cell("Slow = bad"), "Slow = bad");
    }
}
