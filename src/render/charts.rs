//! Chart geometry for the templates: the emotion curve of a journey, the
//! before/after chart of a comparison and the sparklines of a persona's
//! journeys. Templates only draw what is computed here, so a theme can restyle
//! the charts without doing arithmetic in Tera.
//!
//! Horizontal positions are percentages of the chart's width: the curve sits in
//! a table row spanning the stage columns and lines up with them at any width.
//! Vertical positions are pixels, so labels never stretch. Lines are given as
//! SVG `points` on a view box `100` wide and `height` high, stretched to the
//! chart (`preserveAspectRatio="none"`): one polyline per unbroken run instead
//! of an element per segment keeps a large site's pages small.

use super::i18n::Words;
use crate::config::EmotionScale;
use crate::site::{Comparison, Journey, JourneySummary, Stage};

mod personas;
use personas::{persona_series, PersonaSeries};
use serde::{Serialize, Serializer};

/// Height of the comparison chart, in pixels.
const HEIGHT: f64 = 150.0;
/// Room above the highest point for its label, and below the lowest.
const TOP: f64 = 28.0;
const BOTTOM: f64 = 16.0;
/// The emotion curve gives each step of its scale this many pixels, within
/// these bounds, so a difference of one reads as one on any scale.
const PIXELS_PER_POINT: f64 = 40.0;
const CURVE_PLOT: (f64, f64) = (150.0, 240.0);
/// Room above and below the curve's plot for the point markers.
const CURVE_MARGIN: f64 = 14.0;

/// Writes whole numbers without a fraction (`150`, not `150.0`): these values
/// are printed into every journey page.
fn compact<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        serializer.serialize_i64(*value as i64)
    } else {
        serializer.serialize_f64(*value)
    }
}

#[derive(Debug, Serialize)]
pub(super) struct Point {
    /// Percent of the chart's width.
    #[serde(serialize_with = "compact")]
    pub x: f64,
    #[serde(serialize_with = "compact")]
    pub y: f64,
    pub score: f64,
    /// The feeling word, or the score when there is none.
    pub label: String,
    /// The stage, or "stage: step".
    pub name: String,
    pub moment_of_truth: bool,
}

#[derive(Debug, Serialize)]
pub(super) struct Series {
    pub points: Vec<Point>,
    /// `points` of one polyline per run of neighbouring scores (a missing
    /// score breaks the line), on the `100 × height` view box.
    pub lines: Vec<String>,
}

#[derive(Debug, Serialize)]
pub(super) struct Curve {
    #[serde(serialize_with = "compact")]
    pub height: f64,
    /// The neutral score: 0, or the middle of a scale without 0.
    pub neutral: f64,
    /// Where the neutral score lies.
    #[serde(serialize_with = "compact")]
    pub neutral_y: f64,
    pub min: f64,
    pub max: f64,
    /// The stage scores, joined by the main line.
    pub stages: Series,
    /// Scores given to steps, placed inside their stage's column.
    pub steps: Series,
    /// With scores per persona: one line per persona, told apart by line
    /// style and marker shape as well as colour (`style` 0 to 4, repeating).
    pub personas: Vec<PersonaSeries>,
    /// Path data (`d`) of the rules between stage columns, on the view box.
    pub columns: String,
    /// Rules across the chart at whole scores, with their labels.
    pub ticks: Vec<Tick>,
    /// The scores in words, for `<desc>` and readers without the picture.
    pub description: String,
}

#[derive(Debug, Serialize)]
pub(super) struct Tick {
    #[serde(serialize_with = "compact")]
    pub y: f64,
    /// The score, signed when the scale has negatives: `+1`, `0`, `-2`.
    pub label: String,
}

#[derive(Debug, Serialize)]
pub(super) struct ComparisonChart {
    #[serde(serialize_with = "compact")]
    pub height: f64,
    #[serde(serialize_with = "compact")]
    pub neutral_y: f64,
    pub min: f64,
    pub max: f64,
    pub before: Series,
    pub after: Series,
    pub description: String,
}

#[derive(Debug, Serialize)]
pub(super) struct Sparkline {
    /// `points` of an SVG polyline on a 100 × 24 view box.
    pub points: String,
    /// Where the neutral score lies on that box.
    pub neutral_y: f64,
    /// The scores in words.
    pub label: String,
}

fn neutral(scale: EmotionScale) -> f64 {
    // A scale like 0..10 or 1..5 has its neutral point in the middle.
    if scale.min < 0.0 && scale.max > 0.0 {
        0.0
    } else {
        (scale.min + scale.max) / 2.0
    }
}

fn y_of(score: f64, scale: EmotionScale, top: f64, bottom: f64) -> f64 {
    let span = scale.max - scale.min;
    let share = if span > 0.0 {
        ((scale.max - score) / span).clamp(0.0, 1.0)
    } else {
        0.5
    };
    round(top + share * (bottom - top))
}

fn round(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// The centre of column `i` of `n`, in percent.
fn column_centre(i: usize, n: usize) -> f64 {
    round((i as f64 + 0.5) / n as f64 * 100.0)
}

/// A score for people: `1`, `-0.5`, `2.25`.
pub(super) fn number(score: f64) -> String {
    let rounded = (score * 100.0).round() / 100.0;
    if rounded.fract() == 0.0 {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded}")
    }
}

/// Joins neighbouring points; a missing score breaks the line. A run of one
/// point draws no line.
fn series(points: Vec<(usize, Point)>) -> Series {
    let mut lines = Vec::new();
    let mut run = String::new();
    let mut run_length = 0;
    let mut previous: Option<usize> = None;
    for (i, p) in &points {
        if previous.is_some_and(|before| i - before != 1) {
            if run_length > 1 {
                lines.push(std::mem::take(&mut run));
            }
            run.clear();
            run_length = 0;
        }
        if run_length > 0 {
            run.push(' ');
        }
        run.push_str(&format!("{},{}", number(p.x), number(p.y)));
        run_length += 1;
        previous = Some(*i);
    }
    if run_length > 1 {
        lines.push(run);
    }
    Series {
        points: points.into_iter().map(|(_, p)| p).collect(),
        lines,
    }
}

/// Path data for the rules between `n` columns, from top to `height`.
fn column_rules(n: usize, height: f64) -> String {
    (1..n)
        .map(|i| format!("M{} 0V{}", number(round(i as f64 / n as f64 * 100.0)), number(height)))
        .collect()
}

/// The emotion curve's height for a scale, with the band its plot takes.
fn curve_frame(scale: EmotionScale) -> (f64, f64, f64) {
    let plot = ((scale.max - scale.min) * PIXELS_PER_POINT).clamp(CURVE_PLOT.0, CURVE_PLOT.1);
    (plot + 2.0 * CURVE_MARGIN, CURVE_MARGIN, CURVE_MARGIN + plot)
}

/// Rules at whole scores (every second or fifth one on a long scale).
fn ticks(scale: EmotionScale, top: f64, bottom: f64) -> Vec<Tick> {
    let span = scale.max - scale.min;
    let every = if span <= 8.0 {
        1.0
    } else if span <= 20.0 {
        2.0
    } else {
        5.0
    };
    let signed = scale.min < 0.0;
    let mut score = (scale.min / every).ceil() * every;
    let mut out = Vec::new();
    while score <= scale.max + 1e-9 && out.len() < 30 {
        let label = if signed && score > 0.0 {
            format!("+{}", number(score))
        } else {
            number(score)
        };
        out.push(Tick {
            y: y_of(score, scale, top, bottom),
            label,
        });
        score += every;
    }
    out
}

fn point(x: f64, score: f64, scale: EmotionScale, stage: &Stage, name: String) -> Point {
    let (_, top, bottom) = curve_frame(scale);
    Point {
        x,
        y: y_of(score, scale, top, bottom),
        score,
        label: stage.feeling.clone().unwrap_or_else(|| number(score)),
        name,
        moment_of_truth: stage.moment_of_truth,
    }
}

/// The emotion curve of a journey, or nothing when no stage or step has a score.
pub(super) fn emotion_curve(journey: &Journey, ui: &Words) -> Option<Curve> {
    let scale = journey.emotion_scale;
    let n = journey.stages.len();
    let mut stage_points = Vec::new();
    let mut step_points = Vec::new();
    let mut words = Vec::new();
    let mut step_index = 0;
    for (i, stage) in journey.stages.iter().enumerate() {
        if let Some(score) = stage.emotion {
            stage_points.push((i, point(column_centre(i, n), score, scale, stage, stage.name.clone())));
            words.push(described(&stage.name, score, stage.feeling.as_deref()));
        }
        let k = stage.steps.len();
        for (j, step) in stage.steps.iter().enumerate() {
            if let Some(score) = step.emotion {
                // Spread the steps across their stage's column, in order.
                let x = round((i as f64 + (j as f64 + 1.0) / (k as f64 + 1.0)) / n as f64 * 100.0);
                let name = format!("{}: {}", stage.name, step.name);
                words.push(described(&name, score, step.feeling.as_deref()));
                step_points.push((step_index, point(x, score, scale, step, name)));
            }
            step_index += 1;
        }
        // Steps of different stages are not joined.
        step_index += 1;
    }
    if stage_points.is_empty() && step_points.is_empty() {
        return None;
    }
    let personas = persona_series(journey);
    if !personas.is_empty() {
        // Each persona's line says it in words; the mean is not drawn.
        words.clear();
        for p in &personas {
            for point in &p.series.points {
                words.push(format!(
                    "{} – {}",
                    p.name,
                    described(&point.name, point.score, Some(&point.label))
                ));
            }
        }
        stage_points.clear();
    }
    let (height, top, bottom) = curve_frame(scale);
    Some(Curve {
        height,
        neutral: neutral(scale),
        neutral_y: y_of(neutral(scale), scale, top, bottom),
        min: scale.min,
        max: scale.max,
        stages: series(stage_points),
        steps: series(step_points),
        personas,
        columns: column_rules(n, height),
        ticks: ticks(scale, top, bottom),
        description: ui
            .get("charts.curve_description")
            .replace("{points}", &words.join("; "))
            .replace("{min}", &number(scale.min))
            .replace("{max}", &number(scale.max)),
    })
}

fn described(name: &str, score: f64, feeling: Option<&str>) -> String {
    match feeling {
        Some(f) => format!("{name}: {} ({f})", number(score)),
        None => format!("{name}: {}", number(score)),
    }
}

/// Both maps' curves over the stages of a comparison.
pub(super) fn comparison_chart(comparison: &Comparison, ui: &Words) -> Option<ComparisonChart> {
    let scale = comparison.scale;
    let n = comparison.rows.len();
    let plot = |pick: &dyn Fn(&crate::site::ComparisonRow) -> Option<f64>| {
        series(
            comparison
                .rows
                .iter()
                .enumerate()
                .filter_map(|(i, row)| {
                    pick(row).map(|score| {
                        (
                            i,
                            Point {
                                x: column_centre(i, n),
                                y: y_of(score, scale, TOP, HEIGHT - BOTTOM),
                                score,
                                label: number(score),
                                name: row.stage.clone(),
                                moment_of_truth: false,
                            },
                        )
                    })
                })
                .collect(),
        )
    };
    let before_series = plot(&|row| row.before_emotion);
    let after_series = plot(&|row| row.after_emotion);
    if before_series.points.is_empty() && after_series.points.is_empty() {
        return None;
    }
    let words: Vec<String> = comparison
        .rows
        .iter()
        .map(|row| {
            let show = |v: Option<f64>| v.map_or_else(|| ui.get("charts.no_emotion"), number);
            ui.get("charts.comparison_point")
                .replace("{stage}", &row.stage)
                .replace("{before}", &show(row.before_emotion))
                .replace("{after}", &show(row.after_emotion))
        })
        .collect();
    Some(ComparisonChart {
        height: HEIGHT,
        neutral_y: y_of(neutral(scale), scale, TOP, HEIGHT - BOTTOM),
        min: scale.min,
        max: scale.max,
        before: before_series,
        after: after_series,
        description: format!("{}.", words.join("; ")),
    })
}

/// A small line of a journey's stage scores.
pub(super) fn sparkline(summary: &JourneySummary, words: &Words) -> Sparkline {
    let n = summary.emotions.len().max(1);
    let scored: Vec<String> = summary
        .emotions
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            e.map(|score| {
                format!(
                    "{},{}",
                    column_centre(i, n),
                    y_of(score, summary.emotion_scale, 3.0, 21.0)
                )
            })
        })
        .collect();
    let label = summary
        .emotions
        .iter()
        .map(|e| e.map_or_else(|| words.get("charts.no_emotion"), number))
        .collect::<Vec<_>>()
        .join(", ");
    Sparkline {
        points: scored.join(" "),
        neutral_y: y_of(neutral(summary.emotion_scale), summary.emotion_scale, 3.0, 21.0),
        label: words.get("charts.emotion_by_stage").replace("{values}", &label),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scale() -> EmotionScale {
        EmotionScale { min: -2.0, max: 2.0 }
    }

    #[test]
    fn scores_map_onto_the_chart_top_to_bottom() {
        assert_eq!(y_of(2.0, scale(), TOP, HEIGHT - BOTTOM), TOP);
        assert_eq!(y_of(-2.0, scale(), TOP, HEIGHT - BOTTOM), HEIGHT - BOTTOM);
        assert_eq!(y_of(0.0, scale(), 0.0, 100.0), 50.0);
        // Out-of-scale values (reported elsewhere) stay on the chart.
        assert_eq!(y_of(9.0, scale(), 0.0, 100.0), 0.0);
    }

    #[test]
    fn columns_are_centred() {
        assert_eq!(column_centre(0, 4), 12.5);
        assert_eq!(column_centre(3, 4), 87.5);
    }

    #[test]
    fn a_missing_score_breaks_the_line() {
        let p = |x: f64| Point {
            x,
            y: 0.0,
            score: 0.0,
            label: String::new(),
            name: String::new(),
            moment_of_truth: false,
        };
        let s = series(vec![(0, p(1.0)), (1, p(2.0)), (3, p(4.0)), (4, p(5.5)), (5, p(6.0))]);
        assert_eq!(s.lines, ["1,0 2,0", "4,0 5.5,0 6,0"]);
        assert_eq!(s.points.len(), 5);
        let lone = series(vec![(0, p(1.0)), (2, p(3.0))]);
        assert!(lone.lines.is_empty(), "{:?}", lone.lines);
    }

    #[test]
    fn rules_fall_between_columns() {
        assert_eq!(column_rules(4, 150.0), "M25 0V150M50 0V150M75 0V150");
        assert_eq!(column_rules(1, 150.0), "");
    }

    #[test]
    fn whole_numbers_are_written_without_a_fraction() {
        let json = serde_json::to_string(&Curve {
            height: 150.0,
            neutral: 0.0,
            neutral_y: 81.5,
            min: -2.0,
            max: 2.0,
            stages: series(Vec::new()),
            steps: series(Vec::new()),
            personas: Vec::new(),
            columns: String::new(),
            ticks: Vec::new(),
            description: String::new(),
        })
        .expect("serialise");
        assert!(
            json.contains("\"height\":150,") && json.contains("\"neutral_y\":81.5"),
            "{json}"
        );
    }

    #[test]
    fn the_curve_grows_with_its_scale_within_bounds() {
        assert_eq!(curve_frame(scale()).0, 160.0 + 2.0 * CURVE_MARGIN);
        assert_eq!(
            curve_frame(EmotionScale { min: 1.0, max: 5.0 }).0,
            160.0 + 2.0 * CURVE_MARGIN
        );
        assert_eq!(
            curve_frame(EmotionScale { min: 0.0, max: 100.0 }).0,
            240.0 + 2.0 * CURVE_MARGIN
        );
        let labels: Vec<String> = ticks(scale(), 0.0, 100.0).into_iter().map(|t| t.label).collect();
        assert_eq!(labels, ["-2", "-1", "0", "+1", "+2"]);
        assert_eq!(ticks(EmotionScale { min: 0.0, max: 10.0 }, 0.0, 100.0).len(), 6);
    }

    #[test]
    fn neutral_is_zero_or_the_middle_of_the_scale() {
        assert_eq!(neutral(scale()), 0.0);
        assert_eq!(neutral(EmotionScale { min: 1.0, max: 5.0 }), 3.0);
        assert_eq!(neutral(EmotionScale { min: 0.0, max: 10.0 }), 5.0);
    }
}
