//! The principle-score chart of the HTML report, as inline SVG: a radar (spider) chart for
//! three principles or more, horizontal bars for fewer. Pure: scores in, markup out. The
//! chart is labelled for screen readers (`role="img"`, `<title>`, `<desc>`); the report
//! prints the same numbers in a table beside it.

use std::fmt::Write as _;

use maud::{Markup, html};

use crate::number::num;

/// One axis of the chart: a principle and its score.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis<'a> {
    pub label: &'a str,
    /// 0-100; `None` when no scored question applies (drawn at 0, with a note).
    pub score: Option<f64>,
}

/// Rings drawn on the radar, as scores.
const GRID: [f64; 4] = [25.0, 50.0, 75.0, 100.0];
const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 540.0;
const RADIUS: f64 = 170.0;
/// Characters per line of an axis label.
const LABEL_WRAP: usize = 18;
const LINE_HEIGHT: f64 = 15.0;

/// The chart for `axes`. `id` prefixes the element ids, so several charts can share a page.
pub fn chart(id: &str, axes: &[Axis<'_>]) -> Markup {
    if axes.len() >= 3 {
        radar(id, axes)
    } else {
        bars(id, axes)
    }
}

/// The chart's long description: every score in words, for screen readers.
pub fn description(axes: &[Axis<'_>]) -> String {
    let scores = axes
        .iter()
        .map(|a| match a.score {
            Some(s) => format!("{} {}", a.label, num(s)),
            None => format!("{} not scored (no question applies; drawn at 0)", a.label),
        })
        .collect::<Vec<_>>()
        .join("; ");
    format!("Scores out of 100 by principle: {scores}.")
}

fn radar(id: &str, axes: &[Axis<'_>]) -> Markup {
    let (cx, cy) = (WIDTH / 2.0, HEIGHT / 2.0);
    let n = axes.len();
    // Axis i points up for i = 0 and goes round clockwise.
    let direction = |i: usize| {
        let angle = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * i as f64 / n as f64;
        (angle.cos(), angle.sin())
    };
    let at = |i: usize, score: f64| {
        let (dx, dy) = direction(i);
        let r = RADIUS * score.clamp(0.0, 100.0) / 100.0;
        (cx + r * dx, cy + r * dy)
    };
    let ring = |score: f64| points((0..n).map(|i| at(i, score)));
    let shape = points(
        axes.iter()
            .enumerate()
            .map(|(i, a)| at(i, a.score.unwrap_or(0.0))),
    );
    let (title_id, desc_id) = (format!("{id}-title"), format!("{id}-desc"));
    html! {
        svg.chart.radar xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {WIDTH} {HEIGHT}"))
            role="img" aria-labelledby=(format!("{title_id} {desc_id}")) {
            title id=(title_id) { "Radar chart of the score of each principle, out of 100" }
            desc id=(desc_id) { (description(axes)) }
            g.grid {
                @for score in GRID {
                    polygon points=(ring(score)) {}
                }
                @for i in 0..n {
                    @let (x, y) = at(i, 100.0);
                    line x1=(f(cx)) y1=(f(cy)) x2=(f(x)) y2=(f(y)) {}
                }
            }
            g.grid-labels aria-hidden="true" {
                @for score in GRID {
                    text x=(f(cx + 4.0)) y=(f(cy - RADIUS * score / 100.0 + 12.0)) { (num(score)) }
                }
            }
            polygon.shape points=(shape) {}
            @for (i, a) in axes.iter().enumerate() {
                @let (x, y) = at(i, a.score.unwrap_or(0.0));
                circle.point.unscored[a.score.is_none()] cx=(f(x)) cy=(f(y)) r="4" {}
            }
            g.labels aria-hidden="true" {
                @for (i, a) in axes.iter().enumerate() {
                    (label(i, a, direction(i), (cx, cy)))
                }
            }
        }
    }
}

/// An axis label outside the outer ring: the principle's title, wrapped, and its score.
fn label(i: usize, a: &Axis<'_>, (dx, dy): (f64, f64), (cx, cy): (f64, f64)) -> Markup {
    let mut lines: Vec<String> = textwrap::wrap(a.label, LABEL_WRAP)
        .into_iter()
        .map(|l| l.into_owned())
        .collect();
    let score = match a.score {
        Some(s) => num(s),
        None => "n/a (drawn at 0)".to_string(),
    };
    lines.push(score);
    let gap = 16.0;
    let (x, y) = (cx + (RADIUS + gap) * dx, cy + (RADIUS + gap) * dy);
    let anchor = if dx > 0.2 {
        "start"
    } else if dx < -0.2 {
        "end"
    } else {
        "middle"
    };
    // Labels above the centre grow upwards, below it downwards, beside it around the axis.
    let height = LINE_HEIGHT * (lines.len() as f64 - 1.0);
    let first = if dy < -0.2 {
        y - height
    } else if dy > 0.2 {
        y + LINE_HEIGHT * 0.8
    } else {
        y - height / 2.0 + 4.0
    };
    let last = lines.len() - 1;
    html! {
        text x=(f(x)) y=(f(first)) text-anchor=(anchor) data-axis=(i) {
            @for (n, line) in lines.iter().enumerate() {
                tspan.score[n == last] x=(f(x)) dy=(if n == 0 { "0".to_string() } else { f(LINE_HEIGHT) }) { (line) }
            }
        }
    }
}

/// Horizontal bars, for frameworks with fewer than three principles.
fn bars(id: &str, axes: &[Axis<'_>]) -> Markup {
    let row = 44.0;
    let (left, width) = (220.0, 340.0);
    let height = row * axes.len().max(1) as f64 + 30.0;
    let (title_id, desc_id) = (format!("{id}-title"), format!("{id}-desc"));
    html! {
        svg.chart.bars xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {WIDTH} {}", f(height)))
            role="img" aria-labelledby=(format!("{title_id} {desc_id}")) {
            title id=(title_id) { "Bar chart of the score of each principle, out of 100" }
            desc id=(desc_id) { (description(axes)) }
            g.grid {
                @for score in std::iter::once(0.0).chain(GRID) {
                    @let x = left + width * score / 100.0;
                    line x1=(f(x)) y1="10" x2=(f(x)) y2=(f(height - 20.0)) {}
                }
            }
            g.grid-labels aria-hidden="true" {
                @for score in std::iter::once(0.0).chain(GRID) {
                    text x=(f(left + width * score / 100.0)) y=(f(height - 4.0)) text-anchor="middle" { (num(score)) }
                }
            }
            @for (i, a) in axes.iter().enumerate() {
                @let y = 14.0 + row * i as f64;
                text.bar-label x=(f(left - 10.0)) y=(f(y + 19.0)) text-anchor="end" aria-hidden="true" { (a.label) }
                rect.shape x=(f(left)) y=(f(y)) width=(f(width * a.score.unwrap_or(0.0).clamp(0.0, 100.0) / 100.0)) height="26" {}
                text.score x=(f(left + width * a.score.unwrap_or(0.0).clamp(0.0, 100.0) / 100.0 + 8.0)) y=(f(y + 19.0)) aria-hidden="true" {
                    (a.score.map_or("n/a (no question applies)".to_string(), num))
                }
            }
        }
    }
}

/// A coordinate with one decimal place: enough for the eye, and stable across platforms.
fn f(x: f64) -> String {
    let rounded = (x * 10.0).round() / 10.0;
    // -0.0 prints as "-0"; keep the output free of that noise.
    format!("{:.1}", if rounded == 0.0 { 0.0 } else { rounded })
}

fn points(ps: impl Iterator<Item = (f64, f64)>) -> String {
    let mut out = String::new();
    for (x, y) in ps {
        if !out.is_empty() {
            out.push(' ');
        }
        let _ = write!(out, "{},{}", f(x), f(y));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn axes(scores: &[Option<f64>]) -> Vec<Axis<'static>> {
        const NAMES: [&str; 10] = ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"];
        scores
            .iter()
            .zip(NAMES)
            .map(|(s, label)| Axis { label, score: *s })
            .collect()
    }

    #[test]
    fn radar_for_three_or_more_bars_for_fewer() {
        let three = chart("c", &axes(&[Some(10.0), Some(50.0), None])).into_string();
        assert!(three.contains("class=\"chart radar\""), "{three}");
        assert!(three.contains("role=\"img\""));
        assert!(three.contains("C not scored (no question applies; drawn at 0)"));
        let two = chart("c", &axes(&[Some(10.0), Some(50.0)])).into_string();
        assert!(two.contains("class=\"chart bars\""), "{two}");
        let none = chart("c", &[]).into_string();
        assert!(none.contains("<svg"), "an empty chart still renders");
    }

    #[test]
    fn top_axis_points_up_and_full_score_reaches_the_outer_ring() {
        let svg = chart("c", &axes(&[Some(100.0), Some(0.0), Some(0.0), Some(0.0)])).into_string();
        // Centre (320, 270); radius 170: the first point is straight above the centre.
        assert!(
            svg.contains("points=\"320.0,100.0 320.0,270.0 320.0,270.0 320.0,270.0\""),
            "{svg}"
        );
    }

    #[test]
    fn scores_outside_0_100_are_clamped() {
        let svg = chart("c", &axes(&[Some(250.0), Some(-5.0), Some(0.0)])).into_string();
        assert!(svg.contains("320.0,100.0 320.0,270.0 320.0,270.0"), "{svg}");
    }
}
