//! The principle-score chart of the HTML report, as inline SVG: a radar (spider) chart for
//! three principles or more, horizontal bars for fewer. Pure: scores in, markup out. The
//! chart is labelled for screen readers (`role="img"`, `<title>`, `<desc>`); the report
//! prints the same numbers in a table beside it.
//!
//! A report with views adds each role's median principle scores ([`Series`]): on the radar
//! an outline each, on the bars a thinner bar each, every role in its own colour, dash
//! pattern and marker shape, so they stay apart in greyscale and for colour-blind readers;
//! [`legend`] names them.

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

/// Another set of scores drawn over the report's own: one role's median score of each
/// principle.
#[derive(Debug, Clone, PartialEq)]
pub struct Series<'a> {
    pub name: &'a str,
    /// One score per axis, in the axes' order; `None` where the role has none (not drawn).
    pub scores: Vec<Option<f64>>,
}

/// The report's own scores: the filled shape.
const OWN: &str = "#1f5fa8";

/// A marker shape, drawn at each of a series' points.
#[derive(Debug, Clone, Copy)]
enum Marker {
    Square,
    Triangle,
    Diamond,
    Cross,
    TriangleDown,
    Plus,
}

/// How a series is drawn: colour, dash pattern and marker each tell it apart.
struct Style {
    /// At least 5.5:1 against white (WCAG 1.4.11 asks 3:1 of graphics).
    colour: &'static str,
    dash: &'static str,
    marker: Marker,
}

/// The series' styles, in turn (from the seventh on they repeat).
const STYLES: [Style; 6] = [
    Style {
        colour: "#b84200",
        dash: "10 5",
        marker: Marker::Square,
    },
    Style {
        colour: "#00755a",
        dash: "1 5",
        marker: Marker::Triangle,
    },
    Style {
        colour: "#6a3d9a",
        dash: "12 4 3 4",
        marker: Marker::Diamond,
    },
    Style {
        colour: "#505050",
        dash: "5 3",
        marker: Marker::Cross,
    },
    Style {
        colour: "#8f5a00",
        dash: "16 4 2 4 2 4",
        marker: Marker::TriangleDown,
    },
    Style {
        colour: "#a0437a",
        dash: "3 3",
        marker: Marker::Plus,
    },
];

fn style(k: usize) -> &'static Style {
    &STYLES[k % STYLES.len()]
}

/// Rings drawn on the radar, as scores.
const GRID: [f64; 4] = [25.0, 50.0, 75.0, 100.0];
const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 540.0;
const RADIUS: f64 = 170.0;
/// Characters per line of an axis label.
const LABEL_WRAP: usize = 18;
const LINE_HEIGHT: f64 = 15.0;

/// The chart for `axes`, with an outline for each of `series` (none: the report's scores
/// alone). `id` prefixes the element ids, so several charts can share a page.
pub fn chart(id: &str, axes: &[Axis<'_>], series: &[Series<'_>]) -> Markup {
    if axes.len() >= 3 {
        radar(id, axes, series)
    } else {
        bars(id, axes, series)
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

/// The long description with each series' scores after the report's own.
fn description_with(axes: &[Axis<'_>], series: &[Series<'_>]) -> String {
    let mut out = description(axes);
    for s in series {
        let scores = axes
            .iter()
            .zip(&s.scores)
            .map(|(a, score)| match score {
                Some(v) => format!("{} {}", a.label, num(*v)),
                None => format!("{} no score", a.label),
            })
            .collect::<Vec<_>>()
            .join("; ");
        let _ = write!(out, " Median scores of {}: {scores}.", s.name);
    }
    out
}

/// The chart's title: what it draws.
fn title(kind: &str, series: &[Series<'_>]) -> String {
    let with = if series.is_empty() {
        ""
    } else {
        ", and each role's median score"
    };
    format!("{kind} chart of the score of each principle, out of 100{with}")
}

/// The key to the chart's shapes, as a list to put beside it: the report's scores, then each
/// series with its line and marker.
pub fn legend(series: &[Series<'_>]) -> Markup {
    html! {
        ul.chart-legend {
            li {
                svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 16" width="40" height="16" aria-hidden="true" focusable="false" {
                    rect x="2" y="3" width="36" height="10" fill=(OWN) fill-opacity=".22" stroke=(OWN) stroke-width="2" {}
                    circle cx="20" cy="8" r="4" fill=(OWN) {}
                }
                "Score in this report"
            }
            @for (k, s) in series.iter().enumerate() {
                @let st = style(k);
                li {
                    svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 16" width="40" height="16" aria-hidden="true" focusable="false" {
                        line x1="1" y1="8" x2="39" y2="8" stroke=(st.colour) stroke-width="2.5" stroke-dasharray=(st.dash) stroke-linecap=(cap(st)) {}
                        (marker(st, 20.0, 8.0))
                    }
                    (s.name) ", median"
                }
            }
        }
    }
}

/// Dots need round ends to show; longer dashes keep square ones.
fn cap(st: &Style) -> &'static str {
    if st.dash.starts_with("1 ") {
        "round"
    } else {
        "butt"
    }
}

/// A series' marker centred on (x, y).
fn marker(st: &Style, x: f64, y: f64) -> Markup {
    let at = |dx: f64, dy: f64| format!("{},{}", f(x + dx), f(y + dy));
    let (d, filled) = match st.marker {
        Marker::Square => (
            format!(
                "M{} L{} L{} L{} Z",
                at(-4.0, -4.0),
                at(4.0, -4.0),
                at(4.0, 4.0),
                at(-4.0, 4.0)
            ),
            true,
        ),
        Marker::Triangle => (
            format!("M{} L{} L{} Z", at(0.0, -5.5), at(5.0, 3.5), at(-5.0, 3.5)),
            true,
        ),
        Marker::Diamond => (
            format!(
                "M{} L{} L{} L{} Z",
                at(0.0, -5.5),
                at(5.5, 0.0),
                at(0.0, 5.5),
                at(-5.5, 0.0)
            ),
            true,
        ),
        Marker::Cross => (
            format!(
                "M{} L{} M{} L{}",
                at(-4.5, -4.5),
                at(4.5, 4.5),
                at(4.5, -4.5),
                at(-4.5, 4.5)
            ),
            false,
        ),
        Marker::TriangleDown => (
            format!("M{} L{} L{} Z", at(0.0, 5.5), at(5.0, -3.5), at(-5.0, -3.5)),
            true,
        ),
        Marker::Plus => (
            format!(
                "M{} L{} M{} L{}",
                at(0.0, -5.5),
                at(0.0, 5.5),
                at(-5.5, 0.0),
                at(5.5, 0.0)
            ),
            false,
        ),
    };
    let (fill, width) = if filled {
        (st.colour, "1")
    } else {
        ("none", "2.5")
    };
    html! {
        path.marker d=(d) fill=(fill) stroke=(st.colour) stroke-width=(width) {}
    }
}

/// A series' outline on the radar: one closed shape when it has every score, otherwise a
/// line between each two neighbouring axes that both have one (a lone score is only its
/// marker).
fn outline(at: impl Fn(usize, f64) -> (f64, f64), scores: &[Option<f64>]) -> String {
    let n = scores.len();
    let xy = |i: usize, s: f64| {
        let (x, y) = at(i, s);
        format!("{},{}", f(x), f(y))
    };
    if scores.iter().all(Option::is_some) {
        let ps: Vec<String> = scores
            .iter()
            .enumerate()
            .map(|(i, s)| xy(i, s.unwrap_or(0.0)))
            .collect();
        return format!("M{} Z", ps.join(" L"));
    }
    let mut parts = Vec::new();
    for i in 0..n {
        if let (Some(a), Some(b)) = (scores[i], scores[(i + 1) % n]) {
            parts.push(format!("M{} L{}", xy(i, a), xy((i + 1) % n, b)));
        }
    }
    parts.join(" ")
}

fn radar(id: &str, axes: &[Axis<'_>], series: &[Series<'_>]) -> Markup {
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
            title id=(title_id) { (title("Radar", series)) }
            desc id=(desc_id) { (description_with(axes, series)) }
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
            @for (k, s) in series.iter().enumerate() {
                @let st = style(k);
                g.outline data-series=(k) {
                    path d=(outline(at, &s.scores)) fill="none" stroke=(st.colour) stroke-width="2.5"
                        stroke-dasharray=(st.dash) stroke-linecap=(cap(st)) stroke-linejoin="round" {}
                    @for (i, score) in s.scores.iter().enumerate() {
                        @if let Some(score) = score {
                            @let (x, y) = at(i, *score);
                            (marker(st, x, y))
                        }
                    }
                }
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
fn bars(id: &str, axes: &[Axis<'_>], series: &[Series<'_>]) -> Markup {
    // A bar for the report's score, then a thinner one for each series.
    let row = 44.0 + 20.0 * series.len() as f64;
    let (left, width) = (220.0, 340.0);
    let height = row * axes.len().max(1) as f64 + 30.0;
    let (title_id, desc_id) = (format!("{id}-title"), format!("{id}-desc"));
    html! {
        svg.chart.bars xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {WIDTH} {}", f(height)))
            role="img" aria-labelledby=(format!("{title_id} {desc_id}")) {
            title id=(title_id) { (title("Bar", series)) }
            desc id=(desc_id) { (description_with(axes, series)) }
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
                @for (k, s) in series.iter().enumerate() {
                    @let (st, y) = (style(k), y + 32.0 + 20.0 * k as f64);
                    @let score = s.scores.get(i).copied().flatten();
                    @let w = width * score.unwrap_or(0.0).clamp(0.0, 100.0) / 100.0;
                    g.outline data-series=(k) aria-hidden="true" {
                        text.series-label x=(f(left - 10.0)) y=(f(y + 11.0)) text-anchor="end" { (s.name) }
                        @if let Some(score) = score {
                            rect x=(f(left)) y=(f(y)) width=(f(w)) height="14" fill=(st.colour) fill-opacity=".15"
                                stroke=(st.colour) stroke-width="2" stroke-dasharray=(st.dash) stroke-linecap=(cap(st)) {}
                            (marker(st, left + w, y + 7.0))
                            text.series-score x=(f(left + w + 10.0)) y=(f(y + 11.0)) fill=(st.colour) { (num(score)) }
                        } @else {
                            text.series-score x=(f(left + 10.0)) y=(f(y + 11.0)) fill="#4d4d4d" { "no score" }
                        }
                    }
                }
            }
        }
    }
}

/// A coordinate with one decimal place: enough for the eye, and stable across platforms.
fn f(x: f64) -> String {
    let mut out = String::with_capacity(8);
    push_coordinate(&mut out, x);
    out
}

/// Writes a coordinate to one decimal place, as `{:.1}` writes it, without "-0.0". Written
/// from the whole number of tenths, digit by digit: float formatting to a precision was a
/// tenth of a register's time, and integer formatting through `format!` a twentieth.
fn push_coordinate(out: &mut String, x: f64) {
    let tenths = (x * 10.0).round();
    if !tenths.is_finite() || tenths.abs() >= 1e15 {
        let _ = write!(out, "{:.1}", tenths / 10.0);
        return;
    }
    let t = tenths as i64;
    if t < 0 {
        out.push('-');
    }
    let t = t.unsigned_abs();
    let mut digits = [0u8; 16];
    let mut start = digits.len() - 2;
    digits[digits.len() - 2] = b'.';
    digits[digits.len() - 1] = b'0' + (t % 10) as u8;
    let mut whole = t / 10;
    loop {
        start -= 1;
        digits[start] = b'0' + (whole % 10) as u8;
        whole /= 10;
        if whole == 0 {
            break;
        }
    }
    out.push_str(std::str::from_utf8(&digits[start..]).unwrap_or_default());
}

fn points(ps: impl Iterator<Item = (f64, f64)>) -> String {
    let mut out = String::new();
    for (x, y) in ps {
        if !out.is_empty() {
            out.push(' ');
        }
        push_coordinate(&mut out, x);
        out.push(',');
        push_coordinate(&mut out, y);
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
        let three = chart("c", &axes(&[Some(10.0), Some(50.0), None]), &[]).into_string();
        assert!(three.contains("class=\"chart radar\""), "{three}");
        assert!(three.contains("role=\"img\""));
        assert!(three.contains("C not scored (no question applies; drawn at 0)"));
        let two = chart("c", &axes(&[Some(10.0), Some(50.0)]), &[]).into_string();
        assert!(two.contains("class=\"chart bars\""), "{two}");
        let none = chart("c", &[], &[]).into_string();
        assert!(none.contains("<svg"), "an empty chart still renders");
    }

    #[test]
    fn top_axis_points_up_and_full_score_reaches_the_outer_ring() {
        let svg = chart(
            "c",
            &axes(&[Some(100.0), Some(0.0), Some(0.0), Some(0.0)]),
            &[],
        )
        .into_string();
        // Centre (320, 270); radius 170: the first point is straight above the centre.
        assert!(
            svg.contains("points=\"320.0,100.0 320.0,270.0 320.0,270.0 320.0,270.0\""),
            "{svg}"
        );
    }

    #[test]
    fn coordinates_read_as_one_decimal_formatting_writes_them() {
        let spread = (-20_000..20_000).map(|i| f64::from(i) * 0.0137);
        let awkward = [
            0.0,
            -0.0,
            -0.04,
            0.05,
            0.25,
            1.35,
            -1.35,
            2.675,
            99.95,
            -12.34,
            1e6 / 3.0,
            -99_999_999_999_999.9,
            123_456_789.06,
        ];
        for x in awkward.into_iter().chain(spread) {
            let rounded = (x * 10.0_f64).round() / 10.0;
            let expected = format!("{:.1}", if rounded == 0.0 { 0.0 } else { rounded });
            assert_eq!(f(x), expected, "{x}");
        }
    }

    #[test]
    fn scores_outside_0_100_are_clamped() {
        let svg = chart("c", &axes(&[Some(250.0), Some(-5.0), Some(0.0)]), &[]).into_string();
        assert!(svg.contains("320.0,100.0 320.0,270.0 320.0,270.0"), "{svg}");
    }

    #[test]
    fn series_are_outlines_apart_in_colour_dash_and_marker() {
        let series = [
            Series {
                name: "Staff",
                scores: vec![Some(100.0), Some(0.0), Some(0.0), Some(0.0)],
            },
            Series {
                name: "Residents",
                scores: vec![Some(100.0), None, None, Some(50.0)],
            },
        ];
        let axes = axes(&[Some(10.0), Some(20.0), Some(30.0), Some(40.0)]);
        let svg = chart("c", &axes, &series).into_string();
        // Every score: a closed shape. Some missing: only the sides between two scores.
        assert!(
            svg.contains("d=\"M320.0,100.0 L320.0,270.0 L320.0,270.0 L320.0,270.0 Z\""),
            "{svg}"
        );
        assert!(svg.contains("d=\"M235.0,270.0 L320.0,100.0\""), "{svg}");
        assert!(
            svg.contains("stroke-dasharray=\"10 5\"") && svg.contains("stroke-dasharray=\"1 5\"")
        );
        assert_eq!(svg.matches("class=\"marker\"").count(), 4 + 2);
        assert!(svg.contains("and each role's median score</title>"));
        assert!(svg.contains("Median scores of Residents: A 100; B no score; C no score; D 50."));
        let legend = legend(&series).into_string();
        assert!(legend.contains("Score in this report</li>"));
        assert!(legend.contains("Residents, median</li>"), "{legend}");
        // Bars: a thinner bar for each series under each principle's.
        let bars = chart("c", &axes[..2], &series).into_string();
        assert_eq!(bars.matches("class=\"outline\"").count(), 4, "{bars}");
        assert!(bars.contains(">no score</text>"));
    }

    #[test]
    fn every_style_differs_from_the_others() {
        for (i, a) in STYLES.iter().enumerate() {
            for b in &STYLES[i + 1..] {
                assert!(
                    a.colour != b.colour && a.dash != b.dash,
                    "{} {}",
                    a.colour,
                    b.colour
                );
                assert!(std::mem::discriminant(&a.marker) != std::mem::discriminant(&b.marker));
            }
            assert_ne!(a.colour, OWN);
        }
    }
}
