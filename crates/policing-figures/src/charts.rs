//! The four kinds of chart.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use policing_stats::{band, Direction, Funnel, Observation, Placement, P95, P998};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::style::{drawing, Caption, FigureError, Palette, Result};

const FONT: &str = "sans-serif";

fn f64_of(what: &str, d: Decimal) -> Result<f64> {
    d.to_f64()
        .filter(|v| v.is_finite())
        .ok_or_else(|| FigureError::NotDrawable { what: what.to_owned(), value: d.to_string() })
}

fn text_style(size: f64, color: RGBColor) -> TextStyle<'static> {
    let mut style = TextStyle::from((FONT, size).into_font());
    style.color = color.to_backend_color();
    style
}

/// Draws the title, the unit and period line, and returns the area below.
fn header<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, caption: &Caption) -> Result<DrawingArea<DB, Shift>> {
    let (top, rest) = root.split_vertically(62);
    top.draw(&Text::new(caption.title.clone(), (14, 10), text_style(17.0, Palette::TEXT))).map_err(drawing)?;
    let sub = [caption.unit.as_str(), caption.period.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    top.draw(&Text::new(sub, (14, 36), text_style(13.0, Palette::TEXT))).map_err(drawing)?;
    Ok(rest)
}

/// Draws notes and the source line at the bottom of `area`, one line each.
fn footer<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, lines: &[String]) -> Result<()> {
    for (i, line) in lines.iter().enumerate() {
        let y = 4 + 16 * i32::try_from(i).unwrap_or(0);
        area.draw(&Text::new(line.clone(), (14, y), text_style(11.5, Palette::TEXT))).map_err(drawing)?;
    }
    Ok(())
}

/// The frame every chart shares: a white canvas, the caption at the top, the
/// notes (and the caption's source line) at the bottom; `body` draws into the
/// area between, given the whole canvas for text placed in pixels.
fn frame(
    width: u32,
    height: u32,
    caption: &Caption,
    mut notes: Vec<String>,
    body: impl FnOnce(&DrawingArea<SVGBackend<'_>, Shift>, &DrawingArea<SVGBackend<'_>, Shift>) -> Result<()>,
) -> Result<String> {
    if !caption.source.is_empty() {
        notes.push(caption.source.clone());
    }
    let height = height + 16 * u32::try_from(notes.len()).unwrap_or(0);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        root.fill(&WHITE).map_err(drawing)?;
        let rest = header(&root, caption)?;
        let foot_height = 10 + 16 * u32::try_from(notes.len()).unwrap_or(0);
        let (plot, foot) = rest.split_vertically(rest.dim_in_pixel().1.saturating_sub(foot_height));
        body(&root, &plot)?;
        footer(&foot, &notes)?;
        root.present().map_err(drawing)?;
    }
    Ok(svg)
}

/// Wraps `text` at word boundaries to lines of at most `width` characters.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// A whole number with thousands separators ("1,250,000").
fn thousands(x: f64) -> String {
    let whole = format!("{:.0}", x.abs());
    let mut out = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if x < -0.5 {
        out.insert(0, '-');
    }
    out
}

fn value_range(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let (mut lo, mut hi) = (0.0f64, 0.0f64);
    for v in values {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if hi <= lo {
        hi = lo + 1.0;
    }
    (lo, hi + (hi - lo) * 0.12)
}

/// A ranked by-force bar chart (figures 3, 5, 6, 7 and 9).
///
/// Units with a value are drawn in rank order from the notable end (highest
/// first with [`Direction::HighIsNotable`]); the top and bottom quarter, as
/// [`policing_stats::band`] places them, are shaded; `highlight` is drawn in
/// orange with its value; the England and Wales value is a dashed line; units
/// excluded or missing are listed in a note under the chart.
///
/// # Errors
/// [`FigureError::Empty`] if no unit has a value, [`FigureError::UnknownHighlight`]
/// if `highlight` is not a unit, [`FigureError::NotDrawable`], [`FigureError::Drawing`].
pub fn ranked_bars(
    units: &[(String, Observation)],
    highlight: &str,
    england_and_wales: Option<Decimal>,
    direction: Direction,
    caption: &Caption,
) -> Result<String> {
    if !highlight.is_empty() && !units.iter().any(|(k, _)| k == highlight) {
        return Err(FigureError::UnknownHighlight { name: highlight.to_owned() });
    }
    let banding = band(units.iter().map(|(k, o)| (k.as_str(), o.clone())), direction);
    let mut ranked: Vec<(&str, Decimal, usize)> =
        banding.units().iter().filter_map(|u| Some((u.key, u.value?, u.rank?))).collect();
    if ranked.is_empty() {
        return Err(FigureError::Empty { what: "no unit has a value" });
    }
    ranked.sort_by_key(|(_, _, rank)| *rank);
    let n = ranked.len();
    let values: Vec<f64> = ranked.iter().map(|(k, v, _)| f64_of(k, *v)).collect::<Result<_>>()?;
    let ew = england_and_wales.map(|v| f64_of("England and Wales", v)).transpose()?;
    let (lo, hi) = value_range(values.iter().copied().chain(ew));
    // Which end each shaded tail sits at, in drawing order.
    let (first_tail, last_tail) = match direction {
        Direction::HighIsNotable => (banding.highest_count(), banding.lowest_count()),
        Direction::LowIsNotable => (banding.lowest_count(), banding.highest_count()),
    };
    let mut notes: Vec<String> = Vec::new();
    let left_out: Vec<String> = banding
        .units()
        .iter()
        .filter_map(|u| match &u.placement {
            Placement::Excluded(x) => Some(format!("{} ({x})", u.key)),
            Placement::Missing => Some(format!("{} (no data)", u.key)),
            _ => None,
        })
        .collect();
    if !left_out.is_empty() {
        notes.extend(wrap(&format!("Not included: {}.", left_out.join("; ")), 150));
    }
    notes.push(format!(
        "Shaded: the top {first_tail} and bottom {last_tail} of {n} forces (one of the highest / one of the lowest; ties share a band)."
    ));
    frame(960, 560, caption, notes, |root, plot| {
        let n_f = n as f64;
        let mut chart = ChartBuilder::on(plot)
            .margin_left(10)
            .margin_right(150)
            .margin_top(8)
            .x_label_area_size(150)
            .y_label_area_size(60)
            .build_cartesian_2d(0f64..n_f, lo..hi)
            .map_err(drawing)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(0)
            .y_label_formatter(&|y| format!("{y:.places$}", places = caption.decimals.unwrap_or(1) as usize))
            .y_desc(caption.unit.clone())
            .y_label_style(text_style(11.0, Palette::TEXT))
            .axis_desc_style(text_style(12.0, Palette::TEXT))
            .light_line_style(TRANSPARENT)
            .draw()
            .map_err(drawing)?;
        let tail_style = Palette::TAIL.filled();
        if first_tail > 0 {
            chart
                .draw_series(std::iter::once(Rectangle::new([(0.0, lo), (first_tail as f64, hi)], tail_style)))
                .map_err(drawing)?;
        }
        if last_tail > 0 {
            chart
                .draw_series(std::iter::once(Rectangle::new([((n - last_tail) as f64, lo), (n_f, hi)], tail_style)))
                .map_err(drawing)?;
        }
        chart
            .draw_series(ranked.iter().zip(&values).enumerate().map(|(i, ((name, _, _), v))| {
                let color = if *name == highlight { Palette::HIGHLIGHT } else { Palette::BAR };
                let x = i as f64;
                Rectangle::new([(x + 0.15, 0.0), (x + 0.85, *v)], color.filled())
            }))
            .map_err(drawing)?;
        if let Some(ew) = ew {
            let style = ShapeStyle { color: Palette::ENGLAND_AND_WALES.to_rgba(), filled: false, stroke_width: 2 };
            chart.draw_series(DashedLineSeries::new(vec![(0.0, ew), (n_f, ew)], 8, 5, style)).map_err(drawing)?;
            let (px, py) = chart.backend_coord(&(n_f, ew));
            let label =
                format!("England and Wales: {}", england_and_wales.map(|v| caption.format(v)).unwrap_or_default());
            root.draw(&Text::new(label, (px + 6, py - 6), text_style(12.0, Palette::ENGLAND_AND_WALES)))
                .map_err(drawing)?;
        }
        // Force names under their bars, and the highlighted force's value over its bar.
        let name_style = text_style(10.5, Palette::TEXT).transform(FontTransform::Rotate90);
        for (i, ((name, value, _), v)) in ranked.iter().zip(&values).enumerate() {
            let x = i as f64 + 0.5;
            let (px, py) = chart.backend_coord(&(x, lo));
            root.draw(&Text::new((*name).to_owned(), (px + 4, py + 6), name_style.clone())).map_err(drawing)?;
            if *name == highlight {
                let (hx, hy) = chart.backend_coord(&(x, v.max(0.0)));
                let style = text_style(12.0, Palette::TEXT).pos(Pos::new(HPos::Center, VPos::Bottom));
                root.draw(&Text::new(caption.format(*value), (hx, hy - 4), style)).map_err(drawing)?;
            }
        }
        Ok(())
    })
}

/// How a funnel plot is drawn.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct FunnelOptions {
    /// The unit to highlight (empty: none).
    pub highlight: String,
    /// Multiply values by this: 100 for a percentage, 1,000 for a rate per 1,000.
    pub multiplier: f64,
    /// Draw the denominator on a logarithmic axis, so that a dominant unit (the
    /// Metropolitan Police) or a tiny one (City of London) does not flatten the funnel.
    pub log_denominator: bool,
}

impl FunnelOptions {
    /// Percentages (multiplier 100), linear axis, nothing highlighted.
    #[must_use]
    pub fn new(multiplier: f64) -> Self {
        FunnelOptions { highlight: String::new(), multiplier, log_denominator: false }
    }

    /// With a unit highlighted.
    #[must_use]
    pub fn highlight(mut self, unit: impl Into<String>) -> Self {
        self.highlight = unit.into();
        self
    }

    /// With a logarithmic denominator axis.
    #[must_use]
    pub fn log_denominator(mut self, log: bool) -> Self {
        self.log_denominator = log;
        self
    }
}

/// Pixel boxes of labels already placed, to keep new ones off them.
type Boxes = Vec<(i32, i32, i32, i32)>;

/// A funnel plot: each unit's value against its denominator, with the 95% and
/// 99.8% control limits around the pooled baseline as smooth curves
/// (`policing_stats::Funnel::limits`, evaluated at 400 denominators and at every
/// unit's own, so a unit's side of each line is exactly its label). The value
/// axis is in the statistic's units (`multiplier`); the highlighted unit and
/// every unit outside the 99.8% limits are labelled, each label placed where it
/// crosses no limit line and no other label.
///
/// # Errors
/// [`FigureError::Empty`], [`FigureError::UnknownHighlight`],
/// [`FigureError::NotDrawable`] (a multiplier or denominator that is not a
/// positive finite number), [`FigureError::Drawing`].
pub fn funnel_plot(funnel: &Funnel<String>, options: &FunnelOptions, caption: &Caption) -> Result<String> {
    let points = funnel.points();
    let multiplier = options.multiplier;
    let highlight = options.highlight.as_str();
    if points.is_empty() {
        return Err(FigureError::Empty { what: "no unit in the funnel" });
    }
    if !(multiplier.is_finite() && multiplier > 0.0) {
        return Err(FigureError::NotDrawable { what: "multiplier".to_owned(), value: multiplier.to_string() });
    }
    if !highlight.is_empty() && !points.iter().any(|p| p.key == highlight) {
        return Err(FigureError::UnknownHighlight { name: highlight.to_owned() });
    }
    let dens: Vec<f64> = points.iter().map(|p| f64_of(&p.key, p.denominator)).collect::<Result<_>>()?;
    if let Some(bad) = dens.iter().find(|d| !(d.is_finite() && **d > 0.0)) {
        return Err(FigureError::NotDrawable { what: "denominator".to_owned(), value: bad.to_string() });
    }
    let max_den = dens.iter().copied().fold(0.0f64, f64::max);
    let min_den = dens.iter().copied().fold(f64::INFINITY, f64::min);
    let log = options.log_denominator;
    // The x of a denominator on the axis, and the axis range.
    let x_of = |d: f64| if log { d.log10() } else { d };
    let (x_lo, x_hi) = if log {
        let (a, b) = (min_den.log10(), max_den.log10());
        let pad = ((b - a) * 0.05).max(0.1);
        (a - pad, b + pad)
    } else {
        (0.0, max_den * 1.05)
    };
    // Denominators to evaluate the limits at: 400 spread over the axis, and every unit's own.
    let mut grid: Vec<f64> = (0..=400)
        .map(|i| {
            let x = x_lo + (x_hi - x_lo) * f64::from(i) / 400.0;
            if log {
                10f64.powf(x)
            } else {
                x
            }
        })
        .filter(|d| *d > 0.0)
        .chain(dens.iter().copied())
        .collect();
    grid.sort_by(f64::total_cmp);
    grid.dedup();
    let limits = |p: f64, high: bool| -> Vec<(f64, f64)> {
        grid.iter()
            .map(|&n| {
                let (l, h) = funnel.limits(n, p);
                (x_of(n), if high { h } else { l } * multiplier)
            })
            .filter(|(_, v)| v.is_finite())
            .collect()
    };
    let curves = [(P998, true), (P998, false), (P95, true), (P95, false)].map(|(p, high)| (p, limits(p, high)));
    let values: Vec<f64> = points.iter().map(|p| p.value * multiplier).collect();
    let (lo, hi) = value_range(values.iter().copied());
    // Keep the curves from dominating the axis where they shoot off at tiny denominators.
    let hi = hi.max(funnel.baseline() * multiplier * 1.5);
    let baseline = funnel.baseline() * multiplier;
    let places = caption.decimals.map_or(2, |d| d as usize);
    let mut notes = vec![format!(
        "Baseline (pooled) {baseline:.places$}; green: 95% limits; purple: 99.8% limits; {} units{}.",
        points.len(),
        if log { "; denominator on a logarithmic scale" } else { "" }
    )];
    if let Some(d) = funnel.dispersion().filter(|d| d.is_adjusted()) {
        notes.push(format!(
            "Limits widened for overdispersion (Spiegelhalter 2005, {} scale): the units vary {:.1} times as much as \
             chance allows.",
            d.method.scale(),
            d.phi
        ));
    }
    frame(900, 570, caption, notes, |root, plot| {
        let mut chart = ChartBuilder::on(plot)
            .margin(12)
            .margin_right(40)
            .x_label_area_size(40)
            .y_label_area_size(60)
            .build_cartesian_2d(x_lo..x_hi, lo.max(0.0)..hi)
            .map_err(drawing)?;
        let x_desc = if caption.x_axis.is_empty() { "denominator".to_owned() } else { caption.x_axis.clone() };
        let x_label = |x: &f64| thousands(*x);
        let y_label = |y: &f64| format!("{y:.places$}");
        chart
            .configure_mesh()
            .x_desc(x_desc)
            .x_labels(if log { 0 } else { 10 })
            .x_label_formatter(&x_label)
            .y_label_formatter(&y_label)
            .y_desc(caption.unit.clone())
            .label_style(text_style(11.0, Palette::TEXT))
            .light_line_style(TRANSPARENT)
            .draw()
            .map_err(drawing)?;
        if log {
            // Ticks at 1, 2 and 5 times a power of ten, labelled with the denominator itself.
            let style = text_style(11.0, Palette::TEXT).pos(Pos::new(HPos::Center, VPos::Top));
            let first = x_lo.floor() as i32;
            for power in first..=(x_hi.ceil() as i32) {
                for m in [1.0, 2.0, 5.0] {
                    let x = (m * 10f64.powi(power)).log10();
                    if x < x_lo || x > x_hi {
                        continue;
                    }
                    let (px, py) = chart.backend_coord(&(x, lo.max(0.0)));
                    root.draw(&PathElement::new(vec![(px, py), (px, py + 5)], Palette::TEXT.stroke_width(1)))
                        .map_err(drawing)?;
                    root.draw(&Text::new(thousands(10f64.powf(x)), (px, py + 8), style.clone())).map_err(drawing)?;
                }
            }
        }
        // Only the part of each curve inside the plotting area is drawn.
        let clip =
            |c: &[(f64, f64)]| -> Vec<(f64, f64)> { c.iter().map(|(x, y)| (*x, y.clamp(lo.max(0.0), hi))).collect() };
        for (p, curve) in &curves {
            let color = if *p == P998 { Palette::LIMIT_998 } else { Palette::LIMIT_95 };
            chart.draw_series(LineSeries::new(clip(curve), color.stroke_width(2))).map_err(drawing)?;
        }
        let base_style = ShapeStyle { color: Palette::ENGLAND_AND_WALES.to_rgba(), filled: false, stroke_width: 2 };
        chart
            .draw_series(DashedLineSeries::new(vec![(x_lo, baseline), (x_hi, baseline)], 8, 5, base_style))
            .map_err(drawing)?;
        let at = |i: usize| (x_of(dens.get(i).copied().unwrap_or(1.0)), values.get(i).copied().unwrap_or(0.0));
        chart
            .draw_series(
                points
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| p.key != highlight)
                    .map(|(i, _)| Circle::new(at(i), 4, Palette::BAR.filled())),
            )
            .map_err(drawing)?;
        for (i, _) in points.iter().enumerate().filter(|(_, p)| p.key == highlight) {
            chart.draw_series(std::iter::once(Circle::new(at(i), 6, Palette::HIGHLIGHT.filled()))).map_err(drawing)?;
        }
        // Labels: the highlighted unit always; then the units outside the 99.8% limits,
        // farthest from the baseline first, where a free place is found.
        let pixel_curves: Vec<Vec<(i32, i32)>> =
            curves.iter().map(|(_, c)| clip(c).iter().map(|pt| chart.backend_coord(pt)).collect()).collect();
        let (width, _) = root.dim_in_pixel();
        let width = i32::try_from(width).unwrap_or(i32::MAX);
        let mut placed: Boxes = Vec::new();
        let mut outliers: Vec<usize> = points
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                p.key != highlight
                    && matches!(
                        p.significance,
                        policing_stats::Significance::High001 | policing_stats::Significance::Low001
                    )
            })
            .map(|(i, _)| i)
            .collect();
        outliers.sort_by(|a, b| {
            let far = |i: &usize| (values.get(*i).copied().unwrap_or(0.0) - baseline).abs();
            far(b).total_cmp(&far(a))
        });
        let highlighted = points.iter().enumerate().filter(|(_, p)| p.key == highlight).map(|(i, _)| (i, true));
        let mut unlabelled = 0;
        for (i, must) in highlighted.chain(outliers.into_iter().map(|i| (i, false))) {
            let Some(p) = points.get(i) else { continue };
            let v = values.get(i).copied().unwrap_or(0.0);
            let label = format!("{}: {v:.places$} ({})", p.key, p.significance.label());
            let (px, py) = chart.backend_coord(&at(i));
            match place_label(&label, (px, py), &pixel_curves, &placed, width) {
                Some((x, y)) => {
                    placed.push((x, y, x + label_width(&label), y + 14));
                    root.draw(&Text::new(label, (x, y), text_style(12.0, Palette::TEXT))).map_err(drawing)?;
                }
                None if must => {
                    let (x, y) = (px + 8, py - 22);
                    placed.push((x, y, x + label_width(&label), y + 14));
                    root.draw(&Text::new(label, (x, y), text_style(12.0, Palette::TEXT))).map_err(drawing)?;
                }
                None => unlabelled += 1,
            }
        }
        if unlabelled > 0 {
            let note = format!("{unlabelled} more units outside the 99.8% limits are not labelled, for lack of room.");
            let (_, h) = plot.dim_in_pixel();
            let y = i32::try_from(h).unwrap_or(0) - 4;
            plot.draw(&Text::new(note, (60, y), text_style(11.0, Palette::TEXT))).map_err(drawing)?;
        }
        Ok(())
    })
}

/// An estimate of a label's width in pixels at 12px (about 0.6 em a character).
fn label_width(label: &str) -> i32 {
    i32::try_from(label.chars().count()).unwrap_or(i32::MAX / 8).saturating_mul(7)
}

/// Where to put a label near `point`: the first of 24 positions around it
/// whose box stays inside the picture and crosses no limit curve and no label
/// already placed; `None` if none is free.
fn place_label(
    label: &str,
    (px, py): (i32, i32),
    curves: &[Vec<(i32, i32)>],
    placed: &Boxes,
    width: i32,
) -> Option<(i32, i32)> {
    let w = label_width(label);
    let h = 14;
    // Right, left or centred on the point, nearest first, then further up or down.
    let candidates = [-22, 8, -40, 26, -58, 44, -76, 62]
        .into_iter()
        .flat_map(|dy| [(px + 8, py + dy), (px - 8 - w, py + dy), (px - w / 2, py + dy + dy.signum() * 8)]);
    let crosses_curve = |(x, y): (i32, i32)| {
        curves.iter().any(|c| {
            c.windows(2).any(|seg| {
                let &[(x1, y1), (x2, y2)] = seg else { return false };
                if x2 < x || x1 > x + w {
                    return false;
                }
                // The segment's y range over the box's x range.
                let (ya, yb) = (y1.min(y2), y1.max(y2));
                yb >= y && ya <= y + h
            })
        })
    };
    let hits_label =
        |(x, y): (i32, i32)| placed.iter().any(|(a, b, c, d)| x < *c && x + w > *a && y < *d && y + h > *b);
    let inside = |(x, y): (i32, i32)| x >= 0 && x + w <= width && y >= 0;
    candidates.into_iter().find(|c| inside(*c) && !crosses_curve(*c) && !hits_label(*c))
}

/// One line of a [`line_chart`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    /// The series' name ("Wiltshire Police", "England and Wales").
    pub name: String,
    /// One value per period, `None` where there is none.
    pub values: Vec<Option<Decimal>>,
}

/// Rates over periods (figure 1's five years): one line per series, `highlight`
/// in orange, a series named "England and Wales" dashed in vermillion.
///
/// # Errors
/// [`FigureError::Empty`] with no periods or no values, [`FigureError::Drawing`].
pub fn line_chart(periods: &[String], series: &[Series], highlight: &str, caption: &Caption) -> Result<String> {
    if periods.is_empty() || series.iter().all(|s| s.values.iter().all(Option::is_none)) {
        return Err(FigureError::Empty { what: "no values over the periods" });
    }
    let mut all = Vec::new();
    for s in series {
        for v in s.values.iter().flatten() {
            all.push(f64_of(&s.name, *v)?);
        }
    }
    let (lo, hi) = value_range(all.into_iter());
    let k = periods.len();
    frame(900, 524, caption, Vec::new(), |root, plot| {
        let mut chart = ChartBuilder::on(plot)
            .margin_left(12)
            .margin_right(200)
            .margin_top(10)
            .x_label_area_size(40)
            .y_label_area_size(60)
            .build_cartesian_2d(-0.3f64..(k as f64 - 0.7), lo..hi)
            .map_err(drawing)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(0)
            .y_label_formatter(&|y| format!("{y:.places$}", places = caption.decimals.unwrap_or(1) as usize))
            .y_desc(caption.unit.clone())
            .y_label_style(text_style(11.0, Palette::TEXT))
            .light_line_style(TRANSPARENT)
            .draw()
            .map_err(drawing)?;
        // Label at most one period per 70 pixels, counting back from the last
        // (quarterly series over five years get one label a year).
        let (left, _) = chart.backend_coord(&(0.0, lo));
        let (right, _) = chart.backend_coord(&((k - 1) as f64, lo));
        let room = usize::try_from(((right - left).max(70) / 70) + 1).unwrap_or(1).max(1);
        let step = k.div_ceil(room).max(1);
        for (i, p) in periods.iter().enumerate() {
            if !(k - 1 - i).is_multiple_of(step) {
                continue;
            }
            let (px, py) = chart.backend_coord(&(i as f64, lo));
            let style = text_style(11.0, Palette::TEXT).pos(Pos::new(HPos::Center, VPos::Top));
            root.draw(&Text::new(p.clone(), (px, py + 8), style)).map_err(drawing)?;
        }
        for s in series {
            let (color, dashed) = if s.name == highlight {
                (Palette::HIGHLIGHT, false)
            } else if s.name == "England and Wales" {
                (Palette::ENGLAND_AND_WALES, true)
            } else {
                (Palette::BAR, false)
            };
            let pts: Vec<(f64, f64)> = s
                .values
                .iter()
                .enumerate()
                .filter_map(|(i, v)| Some((i as f64, v.and_then(|d| d.to_f64())?)))
                .collect();
            let style = ShapeStyle { color: color.to_rgba(), filled: false, stroke_width: 3 };
            if dashed {
                chart.draw_series(DashedLineSeries::new(pts.clone(), 10, 6, style)).map_err(drawing)?;
            } else {
                chart.draw_series(LineSeries::new(pts.clone(), style)).map_err(drawing)?;
            }
            chart.draw_series(pts.iter().map(|p| Circle::new(*p, 4, color.filled()))).map_err(drawing)?;
            if let (Some(last), Some(v)) = (pts.last(), s.values.iter().rev().flatten().next()) {
                let (px, py) = chart.backend_coord(last);
                let label = format!("{}: {}", s.name, caption.format(*v));
                root.draw(&Text::new(label, (px + 10, py - 6), text_style(12.0, color))).map_err(drawing)?;
            }
        }
        Ok(())
    })
}

/// One row of an [`outcome_bars`] chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutcomeRow {
    /// The row's label as the report prints it ("15 Suspect identified").
    pub label: String,
    /// The force's value, if the row has one.
    pub value: Option<Decimal>,
    /// England and Wales's value, if any.
    pub england_and_wales: Option<Decimal>,
}

/// An outcome table as horizontal bars (figures 4 and 8): the force's value as
/// a bar, England and Wales's as a vermillion mark, both values printed beside
/// each row.
///
/// # Errors
/// [`FigureError::Empty`] with no values, [`FigureError::Drawing`].
pub fn outcome_bars(rows: &[OutcomeRow], force: &str, caption: &Caption) -> Result<String> {
    let mut all = Vec::new();
    for r in rows {
        for v in [r.value, r.england_and_wales].into_iter().flatten() {
            all.push(f64_of(&r.label, v)?);
        }
    }
    if all.is_empty() {
        return Err(FigureError::Empty { what: "no row has a value" });
    }
    let (_, hi) = value_range(all.into_iter());
    let n = rows.len();
    let notes = vec![format!("Bars: {force}. Marks: England and Wales.")];
    frame(1000, 120 + 26 * u32::try_from(n).unwrap_or(0), caption, notes, |root, plot| {
        let n_f = n as f64;
        let mut chart = ChartBuilder::on(plot)
            .margin_left(8)
            .margin_right(170)
            .margin_top(6)
            .x_label_area_size(34)
            .y_label_area_size(420)
            .build_cartesian_2d(0f64..hi, 0f64..n_f)
            .map_err(drawing)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(0)
            .x_desc(caption.unit.clone())
            .x_label_style(text_style(11.0, Palette::TEXT))
            .light_line_style(TRANSPARENT)
            .draw()
            .map_err(drawing)?;
        for (i, r) in rows.iter().enumerate() {
            // Row 0 at the top.
            let y = n_f - i as f64 - 1.0;
            let (lx, ly) = chart.backend_coord(&(0.0, y + 0.5));
            let label_style = text_style(11.5, Palette::TEXT).pos(Pos::new(HPos::Right, VPos::Center));
            root.draw(&Text::new(r.label.clone(), (lx - 8, ly), label_style)).map_err(drawing)?;
            if let Some(v) = r.value.and_then(|d| d.to_f64()) {
                chart
                    .draw_series(std::iter::once(Rectangle::new([(0.0, y + 0.2), (v, y + 0.8)], Palette::BAR.filled())))
                    .map_err(drawing)?;
            }
            if let Some(e) = r.england_and_wales.and_then(|d| d.to_f64()) {
                let mark =
                    PathElement::new(vec![(e, y + 0.05), (e, y + 0.95)], Palette::ENGLAND_AND_WALES.stroke_width(3));
                chart.draw_series(std::iter::once(mark)).map_err(drawing)?;
            }
            let (rx, ry) = chart.backend_coord(&(hi, y + 0.5));
            let text = format!(
                "{}  (E&W {})",
                r.value.map(|v| caption.format(v)).unwrap_or_else(|| "-".to_owned()),
                r.england_and_wales.map(|v| caption.format(v)).unwrap_or_else(|| "-".to_owned())
            );
            let style = text_style(11.5, Palette::TEXT).pos(Pos::new(HPos::Left, VPos::Center));
            root.draw(&Text::new(text, (rx + 10, ry), style)).map_err(drawing)?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::{thousands, wrap};

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0.0), "0");
        assert_eq!(thousands(999.4), "999");
        assert_eq!(thousands(1_250_000.0), "1,250,000");
        assert_eq!(thousands(-12_345.0), "-12,345");
    }

    #[test]
    fn wrapping_keeps_words_whole() {
        assert_eq!(wrap("one two three four", 9), vec!["one two", "three", "four"]);
        assert!(wrap("", 10).is_empty());
    }
}
