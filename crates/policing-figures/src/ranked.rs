//! A ranked by-force bar chart (figures 2, 3, 5, 6, 7 and 9).

use std::fmt;

use policing_stats::comparison::Comparison;
use policing_stats::{Band, Direction, Placement};
use rust_decimal::Decimal;

use crate::axis::Axis;
use crate::frame::{dashed, frame, y_axis, y_axis_room, y_of, MARGIN};
use crate::guard::{check_size, Guard};
use crate::style::{f64_of, Caption, FigureError, Palette, Result};
use crate::svg::Label;
use crate::text::{format_number, text_width, Anchor, Bounds, ASCENT, DESCENT};

const NAME: f64 = 10.5;
const VALUE: f64 = 12.0;

/// A ranked by-force bar chart (figures 2, 3, 5, 6, 7 and 9) of a
/// [comparison](policing_stats::comparison).
///
/// Units with a value are drawn in rank order from the notable end (highest
/// first when high values are notable); the units the comparison banded "one of
/// the highest" and "one of the lowest" are shaded; `highlight` is drawn in
/// orange with its value; the England and Wales value is a dashed line,
/// labelled at its right end; units not ranked are listed in a note under the
/// chart with the reason. Values are printed at the value axis's precision, or
/// the caption's [`Caption::decimals`]. The picture is as wide as the bars need
/// (at least 960 pixels, 18 a bar); names are written in full up to 240 pixels.
///
/// # Errors
/// [`FigureError::Empty`] if no unit has a value, [`FigureError::UnknownHighlight`]
/// if `highlight` is not a unit, [`FigureError::NotDrawable`],
/// [`FigureError::TooLarge`] for more bars than a picture holds (about 900).
pub fn ranked_bars<K: fmt::Display>(
    comparison: &Comparison<K>,
    highlight: &str,
    england_and_wales: Option<Decimal>,
    caption: &Caption,
) -> Result<String> {
    let direction = comparison.method().ranked_by();
    let names: Vec<String> = comparison.units().iter().map(|u| u.key.to_string()).collect();
    if !highlight.is_empty() && !names.iter().any(|k| k == highlight) {
        return Err(FigureError::UnknownHighlight { name: highlight.to_owned() });
    }
    // More bars than a picture holds are refused before any text is measured.
    let bars = comparison.units().iter().filter(|u| u.rank.is_some() && u.value.is_some()).count();
    check_size(bars as f64 * 18.0 + 2.0 * MARGIN, 600.0, &format!("{bars} bars"))?;
    let mut guard = Guard::default();
    let caption = &guard.caption(caption);
    let drawn: Vec<String> =
        names.iter().map(|k| if k == highlight { k.clone() } else { guard.name(k, NAME) }).collect();
    // Ranked units with an exact value, in rank order (ties in input order).
    let mut ranked: Vec<(&str, usize, Decimal, Option<Band>)> = comparison
        .units()
        .iter()
        .zip(&drawn)
        .filter_map(|(u, k)| Some((k.as_str(), u.rank?.best, u.value?, u.band())))
        .collect();
    if ranked.is_empty() {
        return Err(FigureError::Empty { what: "no unit has a value" });
    }
    ranked.sort_by_key(|(_, rank, _, _)| *rank);
    let values: Vec<f64> = ranked.iter().map(|(k, _, v, _)| f64_of(k, *v)).collect::<Result<_>>()?;
    let ew = england_and_wales.map(|v| f64_of("England and Wales", v)).transpose()?;
    let n = ranked.len();
    // Room above the tallest bar for the highlighted value.
    let top = values.iter().copied().chain(ew).fold(f64::NEG_INFINITY, f64::max);
    let axis = Axis::fit(values.iter().copied().chain(ew).chain(std::iter::once(top * 1.08)), true, 6);

    // The bands are the comparison's: the notable end's tail first.
    let (first_band, last_band) = match direction {
        Direction::HighIsNotable => (Band::OneOfTheHighest, Band::OneOfTheLowest),
        Direction::LowIsNotable => (Band::OneOfTheLowest, Band::OneOfTheHighest),
    };
    let first_tail = ranked.iter().take_while(|r| r.3 == Some(first_band)).count();
    let last_tail = ranked.iter().rev().take_while(|r| r.3 == Some(last_band)).count();
    let mut notes: Vec<String> = Vec::new();
    let left_out: Vec<String> = comparison
        .units()
        .iter()
        .zip(&drawn)
        .filter_map(|(u, k)| match &u.placement {
            Placement::Excluded(x) => Some(format!("{k} ({})", guard.text(&x.to_string()))),
            Placement::Missing => Some(format!("{k} (no data)")),
            _ if u.value.is_none() && u.range.is_some() => Some(format!("{k} (known only within a range)")),
            _ => None,
        })
        .collect();
    // The note names up to 40 units left out, and counts the rest.
    match left_out.len() {
        0 => {}
        n if n <= 40 => notes.push(format!("Not included: {}.", left_out.join("; "))),
        n => notes.push(format!(
            "Not included ({n} units): {}; and {} more.",
            left_out.get(..40).unwrap_or_default().join("; "),
            n - 40
        )),
    }
    if comparison.tail() == 0 {
        notes.push(format!("Not shaded: {n} ranked units are too few for the top and bottom quarter."));
    } else {
        notes.push(format!(
            "Shaded: the top {first_tail} and bottom {last_tail} of {n} forces (one of the highest / one of the lowest; \
             a tie across a cut joins the tail only when most of it lies inside)."
        ));
    }

    let ew_label = match (ew, england_and_wales) {
        (Some(v), Some(d)) => Some(format!("England and Wales: {}", format_number(v, caption.places_of(v, d.scale())))),
        _ => None,
    };
    let right = ew_label.as_deref().map_or(0.0, |l| text_width(l, VALUE) + 10.0);
    let left = y_axis_room(&axis, &caption.unit);
    let bars_width = (n as f64 * 18.0).max(600.0);
    let width = (MARGIN + left + bars_width + right + MARGIN).max(960.0);
    let names_height = ranked.iter().map(|(k, ..)| text_width(k, NAME)).fold(0.0, f64::max) + 10.0;
    let plot_height = 340.0;
    let body = 12.0 + plot_height + names_height;
    let mut f = frame(width, caption);
    check_size(width, f.top + body, &format!("{n} bars"))?;
    let plot = Bounds::new(MARGIN + left, f.top + 12.0, width - MARGIN - right, f.top + 12.0 + plot_height);
    let svg = &mut f.svg;
    let slot = plot.width() / n as f64;
    let x_of = |i: usize| {
        let i = i as f64;
        plot.x0 + i * slot
    };
    if first_tail > 0 {
        svg.rect(plot.x0, plot.y0, x_of(first_tail) - plot.x0, plot.height(), Palette::TAIL);
    }
    if last_tail > 0 {
        svg.rect(x_of(n - last_tail), plot.y0, plot.x1 - x_of(n - last_tail), plot.height(), Palette::TAIL);
    }
    y_axis(svg, &axis, &plot, &caption.unit);
    let zero = y_of(&axis, &plot, 0.0);
    for (i, ((name, ..), v)) in ranked.iter().zip(&values).enumerate() {
        let colour = if *name == highlight { Palette::HIGHLIGHT } else { Palette::BAR };
        let y = y_of(&axis, &plot, *v);
        svg.rect(x_of(i) + 0.15 * slot, y.min(zero), 0.7 * slot, (zero - y).abs(), colour);
    }
    svg.line((plot.x0, zero), (plot.x1, zero), Palette::AXIS, 1.0);
    if let (Some(ew), Some(label)) = (ew, &ew_label) {
        let y = y_of(&axis, &plot, ew);
        dashed(svg, &plot, y, Palette::ENGLAND_AND_WALES);
        let baseline = y + (ASCENT - DESCENT) / 2.0 * VALUE;
        svg.text(&Label::new(label, plot.x1 + 6.0, baseline, VALUE).colour(Palette::ENGLAND_AND_WALES));
    }
    // Names under their bars, reading downwards, centred on the bar.
    for (i, (name, ..)) in ranked.iter().enumerate() {
        let cx = x_of(i) + slot / 2.0;
        let x = cx - (ASCENT - DESCENT) / 2.0 * NAME;
        svg.text(&Label::new(name, x, plot.y1 + 6.0, NAME).rotated(90));
    }
    // The highlighted value, over the tallest bar it spans, inside the plot.
    if let Some(i) = ranked.iter().position(|(k, ..)| !highlight.is_empty() && *k == highlight) {
        let (v, scale) = (values.get(i).copied().unwrap_or(0.0), ranked.get(i).map_or(0, |r| r.2.scale()));
        let text = format_number(v, caption.places_of(v, scale));
        let w = text_width(&text, VALUE);
        let cx = (x_of(i) + slot / 2.0).clamp(plot.x0 + w / 2.0 + 2.0, plot.x1 - w / 2.0 - 2.0);
        let spanned = values
            .iter()
            .enumerate()
            .filter(|(j, _)| x_of(*j) < cx + w / 2.0 && x_of(*j) + slot > cx - w / 2.0)
            .map(|(_, v)| y_of(&axis, &plot, v.max(0.0)))
            .fold(zero, f64::min);
        let baseline = (spanned - 4.0 - DESCENT * VALUE).max(plot.y0 + ASCENT * VALUE + 2.0);
        svg.text(&Label::new(&text, cx, baseline, VALUE).anchor(Anchor::Middle));
    }
    f.finish(body, caption, &notes, &guard)
}
