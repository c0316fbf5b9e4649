//! Rates over periods (figure 1's five years).

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::axis::Axis;
use crate::frame::{frame, y_axis, y_axis_room, y_of, MARGIN, TICK};
use crate::guard::{check_size, Guard};
use crate::style::{f64_of, Caption, Colour, FigureError, Palette, Result};
use crate::svg::Label;
use crate::text::{format_number, text_width, Anchor, Bounds, ASCENT, DESCENT};

/// One line of a [`line_chart`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(clippy::exhaustive_structs, reason = "an input its users build field by field")]
pub struct Series {
    /// The series' name ("Wiltshire Police", "England and Wales").
    pub name: String,
    /// One value per period, `None` where there is none.
    pub values: Vec<Option<Decimal>>,
}

const END: f64 = 12.0;

/// A point in the periods where what the values count changed (a definition
/// break): drawn as a dashed grey line before period `at`, and said in a note.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Mark {
    /// The first period counted under the new definition.
    pub at: usize,
    /// What changed, for the note.
    pub note: String,
}

impl Mark {
    /// A mark before period `at`.
    #[must_use]
    pub fn new(at: usize, note: impl Into<String>) -> Mark {
        Mark { at, note: note.into() }
    }
}

/// The colour and dash pattern of each series: `highlight` orange, "England and
/// Wales" vermillion and dashed, the others [`Palette::SERIES`] in turn (dashed
/// once the colours come round again).
fn styles(series: &[Series], highlight: &str) -> Vec<(Colour, Option<&'static str>)> {
    let mut other = 0;
    series
        .iter()
        .map(|s| {
            if s.name == highlight {
                (Palette::HIGHLIGHT, None)
            } else if s.name == "England and Wales" {
                (Palette::ENGLAND_AND_WALES, Some("10 6"))
            } else {
                let colour = Palette::SERIES.get(other % Palette::SERIES.len()).copied().unwrap_or(Palette::BAR);
                let dash = (other >= Palette::SERIES.len()).then_some("4 3");
                other += 1;
                (colour, dash)
            }
        })
        .collect()
}

/// Spreads labels wanted at `ys` (pixels, any order) so that no two are closer
/// than `gap`, each as near its wish as can be, all within `lo..=hi` where
/// there is room.
fn spread(ys: &[f64], gap: f64, lo: f64, hi: f64) -> Vec<f64> {
    let mut order: Vec<usize> = (0..ys.len()).collect();
    order.sort_by(|a, b| ys.get(*a).copied().unwrap_or(0.0).total_cmp(&ys.get(*b).copied().unwrap_or(0.0)));
    let mut placed: Vec<f64> = order.iter().map(|i| ys.get(*i).copied().unwrap_or(0.0).max(lo)).collect();
    for i in 1..placed.len() {
        let before = placed.get(i - 1).copied().unwrap_or(lo);
        if let Some(y) = placed.get_mut(i) {
            *y = y.max(before + gap);
        }
    }
    // Pushed past the bottom: move back up, keeping the gaps.
    if let Some(last) = placed.last().copied() {
        if last > hi {
            let shift = last - hi;
            for y in &mut placed {
                *y -= shift;
            }
            for i in (0..placed.len().saturating_sub(1)).rev() {
                let after = placed.get(i + 1).copied().unwrap_or(hi);
                if let Some(y) = placed.get_mut(i) {
                    *y = y.min(after - gap);
                }
            }
        }
    }
    let mut out = vec![0.0; ys.len()];
    for (slot, i) in order.iter().enumerate() {
        if let (Some(o), Some(y)) = (out.get_mut(*i), placed.get(slot)) {
            *o = *y;
        }
    }
    out
}

/// Rates over periods (figure 1's five years): one line per series, `highlight`
/// in orange, a series named "England and Wales" dashed in vermillion, the
/// others in distinct colour-blind-safe colours. Each line is named with its
/// last value at its right end; names that would overlap are spread apart,
/// with a leader line to their line's end. Period labels are thinned to fit. A
/// period without a value breaks the line (no line is drawn across it), and a
/// note under the chart names the periods missing.
///
/// # Errors
/// [`FigureError::Empty`] with no periods or no values,
/// [`FigureError::NotDrawable`] for a value too large to draw.
pub fn line_chart(periods: &[String], series: &[Series], highlight: &str, caption: &Caption) -> Result<String> {
    line_chart_with_marks(periods, series, highlight, &[], caption)
}

/// As [`line_chart`], with definition breaks marked: a dashed grey vertical line
/// before each mark's period, and a note saying what changed there.
///
/// # Errors
/// As [`line_chart`].
pub fn line_chart_with_marks(
    periods: &[String],
    series: &[Series],
    highlight: &str,
    marks: &[Mark],
    caption: &Caption,
) -> Result<String> {
    if periods.is_empty() || series.iter().all(|s| s.values.iter().all(Option::is_none)) {
        return Err(FigureError::Empty { what: "no values over the periods" });
    }
    // Each series is a line and a name at its end: more than a picture's height holds are refused.
    check_size(900.0, series.len() as f64 * (ASCENT + DESCENT) * END, &format!("{} series", series.len()))?;
    let mut guard = Guard::default();
    let caption = &guard.caption(caption);
    let periods: Vec<String> = periods.iter().map(|p| guard.text(p)).collect();
    let series: Vec<Series> = series
        .iter()
        .map(|s| Series {
            name: if s.name == highlight { s.name.clone() } else { guard.name(&s.name, END) },
            values: s.values.clone(),
        })
        .collect();
    let (periods, series) = (periods.as_slice(), series.as_slice());
    let mut all = Vec::new();
    for s in series {
        for v in s.values.iter().flatten() {
            all.push(f64_of(&s.name, *v)?);
        }
    }
    let axis = Axis::fit(all.iter().copied(), false, 6);
    let k = periods.len();
    let styles = styles(series, highlight);

    let ends: Vec<Option<(usize, f64, String)>> = series
        .iter()
        .map(|s| {
            let (i, d) = s.values.iter().enumerate().rev().find_map(|(i, v)| Some((i, v.as_ref()?)))?;
            let v = d.to_f64()?;
            Some((i, v, format!("{}: {}", s.name, format_number(v, caption.places_of(v, d.scale())))))
        })
        .collect();
    let right = ends.iter().flatten().map(|(_, _, t)| text_width(t, END)).fold(0.0, f64::max) + 30.0;
    let width = (MARGIN + y_axis_room(&axis, &caption.unit) + 520.0 + right + MARGIN).max(900.0);
    let plot_height = 380.0;
    let below = 8.0 + (ASCENT + DESCENT) * TICK + 6.0;
    let body = 10.0 + plot_height + below;
    let mut f = frame(width, caption);
    let left = MARGIN + y_axis_room(&axis, &caption.unit);
    let plot = Bounds::new(left, f.top + 10.0, width - MARGIN - right, f.top + 10.0 + plot_height);
    let svg = &mut f.svg;
    y_axis(svg, &axis, &plot, &caption.unit);
    svg.line((plot.x0, plot.y1), (plot.x1, plot.y1), Palette::AXIS, 1.0);
    let slot = plot.width() / k as f64;
    let x_of = |i: usize| plot.x0 + (i as f64 + 0.5) * slot;

    // Period labels: every `step`-th, counting back from the last, so that they keep 12 pixels apart.
    let widest = periods.iter().map(|p| text_width(p, TICK)).fold(0.0, f64::max);
    let step = (((widest + 12.0) / slot).ceil() as usize).max(1);
    for (i, p) in periods.iter().enumerate() {
        if !(k - 1 - i).is_multiple_of(step) {
            continue;
        }
        let x = x_of(i);
        svg.line((x, plot.y1), (x, plot.y1 + 4.0), Palette::AXIS, 1.0);
        svg.text(&Label::new(p, x, plot.y1 + 8.0 + ASCENT * TICK, TICK).anchor(Anchor::Middle));
    }

    // Definition breaks: a dashed grey line between the last period of the old definition and the first of the new.
    let mut notes = Vec::new();
    for m in marks.iter().filter(|m| m.at < k) {
        let x = x_of(m.at) - slot / 2.0;
        svg.polyline(&[(x, plot.y0), (x, plot.y1)], Palette::AXIS, 1.5, Some("6 4"), None);
        let from = periods.get(m.at).map_or(String::new(), |p| format!(" (from {p})"));
        notes.push(format!("Grey dashed line{from}: {}", m.note));
    }

    // Each run of periods with values is its own line: a period without a value breaks it (never a
    // straight line drawn across a gap), and the notes say where.
    for (s, (colour, dash)) in series.iter().zip(&styles) {
        let mut runs: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
        let mut gaps = Vec::new();
        let first = s.values.iter().position(Option::is_some);
        let last = s.values.iter().rposition(Option::is_some);
        for (i, v) in s.values.iter().enumerate() {
            match v.as_ref().and_then(rust_decimal::prelude::ToPrimitive::to_f64) {
                Some(v) => {
                    let p = (x_of(i), y_of(&axis, &plot, v));
                    if let Some(run) = runs.last_mut() {
                        run.push(p);
                    }
                    svg.circle(p, 4.0, *colour);
                }
                None => {
                    if runs.last().is_some_and(|r| !r.is_empty()) {
                        runs.push(Vec::new());
                    }
                    if first.is_some_and(|f| f < i) && last.is_some_and(|l| i < l) {
                        gaps.push(periods.get(i).cloned().unwrap_or_default());
                    }
                }
            }
        }
        for run in &runs {
            svg.polyline(run, *colour, 3.0, *dash, None);
        }
        if !gaps.is_empty() {
            notes.push(format!("{}: no value for {}; the line is broken there.", s.name, gaps.join(", ")));
        }
    }

    // Names at the lines' ends, spread so that none overlaps another.
    let wanted: Vec<f64> =
        ends.iter().map(|e| e.as_ref().map_or(plot.y0, |(_, v, _)| y_of(&axis, &plot, *v))).collect();
    let gap = (ASCENT + DESCENT) * END + 2.0;
    let centres = spread(&wanted, gap, plot.y0 + gap / 2.0, plot.y1 - gap / 2.0);
    let label_x = plot.x1 + 16.0;
    for ((end, centre), (colour, _)) in ends.iter().zip(&centres).zip(&styles) {
        let Some((i, v, text)) = end else { continue };
        let point = (x_of(*i), y_of(&axis, &plot, *v));
        if (centre - point.1).abs() > 1.0 || *i + 1 < k {
            svg.line((point.0 + 5.0, point.1), (label_x - 3.0, *centre), *colour, 1.0);
        }
        let baseline = centre + (ASCENT - DESCENT) / 2.0 * END;
        svg.text(&Label::new(text, label_x, baseline, END).colour(*colour));
    }
    f.finish(body, caption, &notes, &guard)
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "a test: a failure panics with its message"
)]
mod tests {
    use super::*;

    #[test]
    fn spread_keeps_gaps_and_order() {
        let out = spread(&[100.0, 101.0, 102.0, 300.0], 15.0, 0.0, 400.0);
        assert!(out[1] - out[0] >= 15.0 - 1e-9 && out[2] - out[1] >= 15.0 - 1e-9);
        assert_eq!(out[3], 300.0);
        let bottom = spread(&[395.0, 396.0, 397.0], 15.0, 0.0, 400.0);
        assert!(bottom.iter().all(|y| *y <= 400.0) && bottom[2] - bottom[1] >= 15.0 - 1e-9);
    }

    #[test]
    fn series_colours_are_distinct() {
        let series: Vec<Series> =
            (0..8).map(|i| Series { name: format!("S{i}"), values: vec![Some(Decimal::ONE)] }).collect();
        let s = styles(&series, "S3");
        assert_eq!(s[3].0, Palette::HIGHLIGHT);
        let others: Vec<_> = s.iter().enumerate().filter(|(i, _)| *i != 3).map(|(_, st)| *st).collect();
        for (i, a) in others.iter().enumerate() {
            for b in &others[i + 1..] {
                assert_ne!(a, b, "every series has its own colour or dash");
            }
        }
    }
}
