//! An outcome table as horizontal bars (figures 4 and 8).

use rust_decimal::Decimal;

use crate::axis::Axis;
use crate::frame::{frame, tick_labels, AXIS_TITLE, MARGIN, TICK};
use crate::guard::{check_size, Guard};
use crate::style::{f64_of, Caption, FigureError, Palette, Result};
use crate::svg::Label;
use crate::text::{fit, format_number, text_width, wrap, Anchor, Bounds, ASCENT, DESCENT};

/// One row of an [`outcome_bars`] chart.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(clippy::exhaustive_structs, reason = "an input its users build field by field")]
pub struct OutcomeRow {
    /// The row's label as the report prints it ("15 Suspect identified").
    pub label: String,
    /// The force's value, if the row has one.
    pub value: Option<Decimal>,
    /// The comparison's value (England and Wales's), if any.
    pub england_and_wales: Option<Decimal>,
}

const ROW_TEXT: f64 = 12.0;
const LINE: f64 = (ASCENT + DESCENT) * ROW_TEXT + 2.0;

/// An outcome table as horizontal bars (figures 4 and 8): the force's value as
/// a blue bar, the comparison's (`comparison`, as the input names it: "England
/// and Wales") as a vermillion mark, and both values in two columns headed by
/// their names at the right. Labels longer than the label column wrap; values
/// are printed at the axis's precision or the caption's [`Caption::decimals`].
///
/// # Errors
/// [`FigureError::Empty`] with no values, [`FigureError::NotDrawable`].
pub fn outcome_bars(rows: &[OutcomeRow], force: &str, comparison: &str, caption: &Caption) -> Result<String> {
    let mut all = Vec::new();
    for r in rows {
        for v in [r.value, r.england_and_wales].into_iter().flatten() {
            all.push(f64_of(&r.label, v)?);
        }
    }
    if all.is_empty() {
        return Err(FigureError::Empty { what: "no row has a value" });
    }
    let axis = Axis::fit(all.iter().copied(), true, 6);
    let width = 1000.0;
    // Each row takes at least 24 pixels: more than a picture holds are refused before any is wrapped.
    check_size(width, rows.len() as f64 * 24.0, &format!("{} rows", rows.len()))?;
    let mut guard = Guard::default();
    let caption = &guard.caption(caption);
    let (force, comparison) = (guard.text(force), guard.text(comparison));
    let rows: Vec<OutcomeRow> = rows.iter().map(|r| OutcomeRow { label: guard.text(&r.label), ..r.clone() }).collect();
    let value_text = |v: Option<Decimal>| {
        v.map_or(Ok("-".to_owned()), |d| f64_of("value", d).map(|x| format_number(x, caption.places_of(x, d.scale()))))
    };
    let cells: Vec<(String, String)> =
        rows.iter().map(|r| Ok((value_text(r.value)?, value_text(r.england_and_wales)?))).collect::<Result<_>>()?;
    // Two value columns at the right, each as wide as its heading (wrapped to 130 pixels) or its widest value.
    let heading = |name: &str| wrap(if name.is_empty() { "-" } else { name }, ROW_TEXT, 130.0);
    let (force_head, comparison_head) = (heading(&force), heading(&comparison));
    let widest = |texts: &mut dyn Iterator<Item = &String>| texts.map(|t| text_width(t, ROW_TEXT)).fold(0.0, f64::max);
    let force_col = widest(&mut force_head.iter().chain(cells.iter().map(|c| &c.0))) + 14.0;
    let comparison_col = widest(&mut comparison_head.iter().chain(cells.iter().map(|c| &c.1))) + 14.0;
    let label_col = rows.iter().map(|r| text_width(&r.label, ROW_TEXT)).fold(0.0, f64::max).min(380.0) + 10.0;
    let wrapped: Vec<Vec<String>> = rows.iter().map(|r| wrap(&r.label, ROW_TEXT, label_col - 10.0)).collect();
    let heights: Vec<f64> = wrapped.iter().map(|l| (l.len().max(1) as f64 * LINE + 8.0).max(24.0)).collect();
    let head_height = force_head.len().max(comparison_head.len()) as f64 * LINE + 6.0;
    let rows_height: f64 = heights.iter().sum();
    let axis_height = 6.0 + (ASCENT + DESCENT) * TICK + 6.0 + (ASCENT + DESCENT) * AXIS_TITLE + 4.0;
    let body = head_height + rows_height + axis_height;
    let mut f = frame(width, caption);
    let plot = Bounds::new(
        MARGIN + label_col,
        f.top + head_height,
        width - MARGIN - force_col - comparison_col - 10.0,
        f.top + head_height + rows_height,
    );
    let svg = &mut f.svg;
    let x_of = |v: f64| plot.x0 + axis.fraction(v) * plot.width();
    let (force_x, comparison_x) = (plot.x1 + 10.0 + force_col, plot.x1 + 10.0 + force_col + comparison_col);
    for (head, x, colour) in
        [(&force_head, force_x, Palette::BAR), (&comparison_head, comparison_x, Palette::ENGLAND_AND_WALES)]
    {
        let first = plot.y0 - 4.0 - (head.len() as f64 - 1.0) * LINE - DESCENT * ROW_TEXT;
        for (j, line) in head.iter().enumerate() {
            let y = first + j as f64 * LINE;
            svg.text(&Label::new(line, x, y, ROW_TEXT).anchor(Anchor::End).colour(colour));
        }
    }
    let ticks = tick_labels(&axis);
    for (v, _) in &ticks {
        svg.line((x_of(*v), plot.y0), (x_of(*v), plot.y1), Palette::GRID, 1.0);
    }
    let mut y = plot.y0;
    for ((r, (lines, h)), (value, other)) in rows.iter().zip(wrapped.iter().zip(&heights)).zip(&cells) {
        let centre = y + h / 2.0;
        let first = centre - (lines.len() as f64 - 1.0) * LINE / 2.0 + (ASCENT - DESCENT) / 2.0 * ROW_TEXT;
        for (j, line) in lines.iter().enumerate() {
            let baseline = first + j as f64 * LINE;
            svg.text(&Label::new(line, plot.x0 - 8.0, baseline, ROW_TEXT).anchor(Anchor::End));
        }
        if let Some(v) = r.value {
            let v = f64_of(&r.label, v)?;
            let (a, b) = (x_of(0.0), x_of(v));
            svg.rect(a.min(b), centre - 7.0, (b - a).abs(), 14.0, Palette::BAR);
        }
        if let Some(e) = r.england_and_wales {
            let x = x_of(f64_of(&r.label, e)?);
            svg.line((x, centre - 10.0), (x, centre + 10.0), Palette::ENGLAND_AND_WALES, 3.0);
        }
        let baseline = centre + (ASCENT - DESCENT) / 2.0 * ROW_TEXT;
        svg.text(&Label::new(value, force_x, baseline, ROW_TEXT).anchor(Anchor::End));
        svg.text(&Label::new(other, comparison_x, baseline, ROW_TEXT).anchor(Anchor::End));
        y += h;
    }
    svg.line((plot.x0, plot.y0), (plot.x0, plot.y1), Palette::AXIS, 1.0);
    svg.line((plot.x0, plot.y1), (plot.x1, plot.y1), Palette::AXIS, 1.0);
    for (v, text) in &ticks {
        let x = x_of(*v);
        svg.line((x, plot.y1), (x, plot.y1 + 4.0), Palette::AXIS, 1.0);
        svg.text(&Label::new(text, x, plot.y1 + 6.0 + ASCENT * TICK, TICK).anchor(Anchor::Middle));
    }
    let title_y = plot.y1 + 6.0 + (ASCENT + DESCENT) * TICK + 6.0 + ASCENT * AXIS_TITLE;
    let title = fit(&caption.unit, AXIS_TITLE, plot.width());
    svg.text(&Label::new(&title, (plot.x0 + plot.x1) / 2.0, title_y, AXIS_TITLE).anchor(Anchor::Middle));
    let notes = vec![format!(
        "Bars: {}. Marks: {}.",
        if force.is_empty() { "the force" } else { &force },
        if comparison.is_empty() { "the comparison" } else { &comparison }
    )];
    f.finish(body, caption, &notes, &guard)
}
