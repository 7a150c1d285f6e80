//! A journey diagram drawn as an inline SVG: sections as columns, each task
//! a card with a face at the height of its score, the actors as coloured
//! dots with a legend. Every colour comes from the theme's stylesheet
//! (classes `mm-…`, see journeybook.css), so the drawing follows light and
//! dark mode; nothing is scripted and nothing is fetched.

use super::{break_lines, Diagram, Task};
use crate::highlight::escape;
use std::fmt::Write;

const MARGIN: f64 = 12.0;
/// Room on the left for the score scale's labels.
const GUTTER: f64 = 22.0;
const TASK_W: f64 = 128.0;
const TASK_GAP: f64 = 10.0;
const SECTION_GAP: f64 = 14.0;
const LINE_H: f64 = 16.0;
/// Height of one step of the score scale.
const STEP_H: f64 = 26.0;
/// About the width of one character at the diagram's text size.
const CHAR_W: f64 = 7.0;
/// How many actor colours the theme defines (`mm-actor-0` …).
const ACTOR_COLOURS: usize = 8;

/// The SVG, wrapped in a `<figure>`; `n` numbers the diagrams of a page so
/// that their element ids differ.
pub fn render(diagram: &Diagram, n: usize) -> String {
    let actors = diagram
        .actors()
        .into_iter()
        .filter(|a| !a.is_empty())
        .collect::<Vec<_>>();
    let colour = |actor: &str| actors.iter().position(|a| *a == actor).unwrap_or(0) % ACTOR_COLOURS;
    let title = diagram.title.trim();
    let wrap_at = ((TASK_W - 14.0) / CHAR_W) as usize;

    let header_lines = diagram
        .sections
        .iter()
        .map(|s| section_lines(s.name.as_deref(), wrap_at).len())
        .max()
        .unwrap_or(1);
    let task_lines = diagram
        .tasks()
        .map(|(_, t)| wrap(&t.name, wrap_at).len())
        .max()
        .unwrap_or(1);
    let top = MARGIN + if title.is_empty() { 0.0 } else { 30.0 };
    let header_h = header_lines as f64 * LINE_H + 12.0;
    let card_y = top + header_h + 8.0;
    let card_h = task_lines as f64 * LINE_H + 12.0;
    let scale_top = card_y + card_h + 22.0;
    let score_y = |score: u8| scale_top + f64::from(5 - score.min(5)) * STEP_H;
    let dots_y = score_y(1) + 30.0;

    let columns: Vec<f64> = diagram
        .sections
        .iter()
        .map(|s| s.tasks.len().max(1) as f64 * (TASK_W + TASK_GAP) - TASK_GAP)
        .collect();
    let content_w: f64 = columns.iter().sum::<f64>() + SECTION_GAP * columns.len().saturating_sub(1) as f64;
    let width = (MARGIN * 2.0 + GUTTER + content_w).max(320.0);

    let legend_top = dots_y + 24.0;
    let (legend, legend_h) = legend(&actors, legend_top, width);
    let height = legend_top + legend_h + MARGIN;

    let id = format!("jb-mermaid-{n}");
    let label = if diagram.acc_title.is_empty() {
        title
    } else {
        diagram.acc_title.as_str()
    };
    let label = if label.is_empty() { "User journey" } else { label };
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        "<figure class=\"mermaid-journey\" tabindex=\"0\" role=\"region\" aria-labelledby=\"{id}-title\"><svg class=\"mm-journey\" role=\"img\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" aria-labelledby=\"{id}-title {id}-desc\">\
<title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        escape(label),
        escape(&summary(diagram)),
    );
    if !title.is_empty() {
        let _ = writeln!(
            svg,
            "<text class=\"mm-title\" x=\"{MARGIN}\" y=\"{}\">{}</text>",
            MARGIN + 18.0,
            escape(title)
        );
    }
    // The score scale: a faint line per score across the whole width.
    for score in 1..=5u8 {
        let y = score_y(score);
        let _ = writeln!(
            svg,
            "<line class=\"mm-scale\" x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\"/><text class=\"mm-scale-label\" x=\"{MARGIN}\" y=\"{}\">{score}</text>",
            MARGIN + GUTTER,
            width - MARGIN,
            y + 4.0
        );
    }
    let mut x = MARGIN + GUTTER;
    for (i, (section, column)) in diagram.sections.iter().zip(&columns).enumerate() {
        let _ = writeln!(svg, "<g class=\"mm-section\">");
        let _ = writeln!(
            svg,
            "<rect class=\"mm-section-box mm-section-{}\" x=\"{x}\" y=\"{top}\" width=\"{column}\" height=\"{header_h}\" rx=\"6\"/>",
            i % 4
        );
        for (k, line) in section_lines(section.name.as_deref(), wrap_at * section.tasks.len().max(1))
            .iter()
            .enumerate()
        {
            let _ = writeln!(
                svg,
                "<text class=\"mm-section-name\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                x + column / 2.0,
                top + 6.0 + LINE_H * (k as f64 + 0.8),
                escape(line)
            );
        }
        for (j, task) in section.tasks.iter().enumerate() {
            let tx = x + j as f64 * (TASK_W + TASK_GAP);
            let geometry = TaskGeometry {
                x: tx,
                card_y,
                card_h,
                face_y: score_y(task.score),
                dots_y,
                wrap_at,
            };
            draw_task(&mut svg, task, &geometry, &colour);
        }
        let _ = writeln!(svg, "</g>");
        x += column + SECTION_GAP;
    }
    svg.push_str(&legend);
    svg.push_str("</svg></figure>\n");
    svg
}

struct TaskGeometry {
    x: f64,
    card_y: f64,
    card_h: f64,
    face_y: f64,
    dots_y: f64,
    wrap_at: usize,
}

fn draw_task(svg: &mut String, task: &Task, g: &TaskGeometry, colour: &impl Fn(&str) -> usize) {
    let name = task.name.trim();
    let people = task.actors();
    let who = match people.is_empty() {
        true => String::new(),
        false => format!(", {}", people.join(", ")),
    };
    let cx = g.x + TASK_W / 2.0;
    let _ = writeln!(
        svg,
        "<g class=\"mm-task\"><title>{}: {} of 5{}</title>",
        escape(name),
        task.score,
        escape(&who)
    );
    let _ = writeln!(
        svg,
        "<rect class=\"mm-task-box\" x=\"{}\" y=\"{}\" width=\"{TASK_W}\" height=\"{}\" rx=\"4\"/>",
        g.x, g.card_y, g.card_h
    );
    for (k, line) in wrap(name, g.wrap_at).iter().enumerate() {
        let _ = writeln!(
            svg,
            "<text class=\"mm-task-name\" x=\"{cx}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            g.card_y + 6.0 + LINE_H * (k as f64 + 0.8),
            escape(line)
        );
    }
    let _ = writeln!(
        svg,
        "<line class=\"mm-stem\" x1=\"{cx}\" y1=\"{}\" x2=\"{cx}\" y2=\"{}\"/>",
        g.card_y + g.card_h,
        g.dots_y - 8.0
    );
    face(svg, cx, g.face_y, task.score);
    let _ = writeln!(
        svg,
        "<text class=\"mm-score\" x=\"{}\" y=\"{}\">{}</text>",
        cx + 16.0,
        g.face_y + 4.0,
        task.score
    );
    let spacing = 14.0;
    let first = cx - spacing * (people.len().saturating_sub(1)) as f64 / 2.0;
    for (k, person) in people.iter().enumerate() {
        let _ = writeln!(
            svg,
            "<circle class=\"mm-actor mm-actor-{}\" cx=\"{}\" cy=\"{}\" r=\"5\"><title>{}</title></circle>",
            colour(person),
            first + spacing * k as f64,
            g.dots_y,
            escape(person)
        );
    }
    svg.push_str("</g>\n");
}

/// A face for the score, as Mermaid draws: smiling above 3, sad below, level at 3.
fn face(svg: &mut String, cx: f64, cy: f64, score: u8) {
    let mood = match score {
        4.. => "happy",
        3 => "neutral",
        _ => "sad",
    };
    let mouth = match mood {
        "happy" => format!(
            "M {} {} Q {cx} {} {} {}",
            cx - 5.0,
            cy + 3.0,
            cy + 8.0,
            cx + 5.0,
            cy + 3.0
        ),
        "sad" => format!(
            "M {} {} Q {cx} {} {} {}",
            cx - 5.0,
            cy + 6.0,
            cy + 1.0,
            cx + 5.0,
            cy + 6.0
        ),
        _ => format!("M {} {} L {} {}", cx - 5.0, cy + 4.0, cx + 5.0, cy + 4.0),
    };
    let _ = writeln!(
        svg,
        "<g class=\"mm-face mm-{mood}\"><circle class=\"mm-face-bg\" cx=\"{cx}\" cy=\"{cy}\" r=\"11\"/>\
<circle class=\"mm-eye\" cx=\"{}\" cy=\"{}\" r=\"1.6\"/><circle class=\"mm-eye\" cx=\"{}\" cy=\"{}\" r=\"1.6\"/>\
<path class=\"mm-mouth\" d=\"{mouth}\"/></g>",
        cx - 4.0,
        cy - 3.0,
        cx + 4.0,
        cy - 3.0
    );
}

/// The actors' legend, flowing onto as many rows as the width needs; its SVG and height.
fn legend(actors: &[&str], top: f64, width: f64) -> (String, f64) {
    if actors.is_empty() {
        return (String::new(), 0.0);
    }
    let mut out = String::from("<g class=\"mm-legend\">\n");
    let (mut x, mut y) = (MARGIN, top + 8.0);
    for (i, actor) in actors.iter().enumerate() {
        let item_w = 22.0 + actor.chars().count() as f64 * CHAR_W + 18.0;
        if x > MARGIN && x + item_w > width - MARGIN {
            x = MARGIN;
            y += 22.0;
        }
        let _ = writeln!(
            out,
            "<circle class=\"mm-actor mm-actor-{}\" cx=\"{}\" cy=\"{y}\" r=\"6\"/><text class=\"mm-legend-name\" x=\"{}\" y=\"{}\">{}</text>",
            i % ACTOR_COLOURS,
            x + 6.0,
            x + 18.0,
            y + 4.5,
            escape(actor)
        );
        x += item_w;
    }
    out.push_str("</g>\n");
    (out, y - top + 14.0)
}

/// What the diagram shows, in words, for screen readers.
fn summary(diagram: &Diagram) -> String {
    if !diagram.acc_descr.is_empty() {
        return diagram.acc_descr.clone();
    }
    let sections: Vec<String> = diagram
        .sections
        .iter()
        .map(|s| {
            let tasks: Vec<String> = s
                .tasks
                .iter()
                .map(|t| format!("{} ({} of 5)", t.name.trim(), t.score))
                .collect();
            let name = s.name.as_deref().map(|n| break_lines(n).join(" ")).unwrap_or_default();
            format!("{}: {}", name.trim(), tasks.join(", "))
        })
        .collect();
    format!("User journey. {}", sections.join("; "))
}

fn section_lines(name: Option<&str>, wrap_at: usize) -> Vec<String> {
    match name {
        None => vec![String::new()],
        Some(name) => break_lines(name)
            .into_iter()
            .flat_map(|line| wrap(line, wrap_at))
            .collect(),
    }
}

/// Words of `text` on lines of at most `width` characters (a longer word has a line of its own).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for piece in break_lines(text) {
        let mut line = String::new();
        for word in piece.split_whitespace() {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_words_whole() {
        assert_eq!(
            wrap("Make a cup of tea for everyone", 12),
            ["Make a cup", "of tea for", "everyone"]
        );
        assert_eq!(wrap("Line1<br>Line2", 20), ["Line1", "Line2"]);
    }
}
