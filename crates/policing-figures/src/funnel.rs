//! A funnel plot: each unit's value against its denominator, with control limits.

use std::fmt;

use policing_stats::comparison::Comparison;
use policing_stats::{Significance, P95, P998};

use crate::axis::Axis;
use crate::frame::{dashed, frame, tick_labels, y_axis, y_axis_room, y_of, AXIS_TITLE, MARGIN, TICK};
use crate::guard::Guard;
use crate::place::Obstacles;
use crate::style::{f64_of, Caption, FigureError, Palette, Result};
use crate::svg::Label;
use crate::text::{format_number, text_width, Anchor, Bounds, ASCENT, DESCENT};

/// How a funnel plot is drawn.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct FunnelOptions {
    /// The unit to highlight (empty: none).
    pub highlight: String,
    /// Draw the denominator on a logarithmic axis, so that a dominant unit (the
    /// Metropolitan Police) or a tiny one (City of London) does not flatten the funnel.
    pub log_denominator: bool,
}

impl FunnelOptions {
    /// A linear axis, nothing highlighted.
    #[must_use]
    pub fn new() -> Self {
        FunnelOptions::default()
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

const LABEL: f64 = 12.0;
/// The most units labelled (the highlighted one and the farthest outside the limits).
const LABELLED: usize = 60;
const POINT: f64 = 4.0;
const HIGHLIGHT: f64 = 6.0;

/// The ticks of the denominator axis as `(x on the axis, label)`: round numbers
/// on a linear axis, 1, 2 and 5 times powers of ten on a logarithmic one,
/// thinned until their labels keep 12 pixels apart over `width` pixels.
fn x_ticks(lo: f64, hi: f64, log: bool, width: f64) -> Vec<(f64, String)> {
    let spaced = |ticks: &[(f64, String)]| {
        ticks.windows(2).all(|w| match w {
            [(a, ta), (b, tb)] => {
                let px = (b - a) / (hi - lo) * width;
                px >= (text_width(ta, TICK) + text_width(tb, TICK)) / 2.0 + 12.0
            }
            _ => true,
        })
    };
    if log {
        for multiples in [&[1.0, 2.0, 5.0][..], &[1.0, 3.0][..], &[1.0][..]] {
            let mut ticks = Vec::new();
            for power in (lo.floor() as i32)..=(hi.ceil() as i32) {
                for m in multiples {
                    let x = (m * 10f64.powi(power)).log10();
                    if x >= lo - 1e-9 && x <= hi + 1e-9 {
                        ticks.push((x, format_number(10f64.powf(x), 0)));
                    }
                }
            }
            if spaced(&ticks) {
                return ticks;
            }
        }
        // Every other power of ten, then every third, ...
        let mut every = 2;
        loop {
            let ticks: Vec<(f64, String)> = ((lo.ceil() as i32)..=(hi.floor() as i32))
                .filter(|p| p.rem_euclid(every) == 0)
                .map(|p| (f64::from(p), format_number(10f64.powi(p), 0)))
                .collect();
            if spaced(&ticks) || every > 10 {
                return ticks;
            }
            every += 1;
        }
    } else {
        let mut count = 10;
        loop {
            let axis = Axis::fit([lo, hi], true, count);
            let ticks: Vec<(f64, String)> =
                tick_labels(&axis).into_iter().filter(|(t, _)| *t >= lo - 1e-9 && *t <= hi + 1e-9).collect();
            if spaced(&ticks) || count <= 2 {
                return ticks;
            }
            count -= 1;
        }
    }
}

/// One point of the plot.
struct Point {
    key: String,
    value: f64,
    /// The decimal places the value was given with.
    scale: u32,
    denominator: f64,
    significance: Significance,
}

/// A funnel plot of a [comparison](policing_stats::comparison): each tested
/// unit's value against its denominator, with the 95% and 99.8% limits around
/// the pooled value as smooth curves ([`Comparison::limits`], evaluated at 240
/// denominators and at every unit's own; widened for overdispersion when the
/// comparison widened them, never narrower than chance alone). Values and limits
/// are in the comparison's multiplier (a percentage, a rate per 1,000); the value
/// axis is fitted to the points and to the limits over the units' denominators;
/// the denominator axis is titled by the caption's [`Caption::x_axis`]
/// ("denominator" if empty).
///
/// Only the highlighted unit and the units outside the 99.8% limits are
/// labelled (a note counts the rest), each label beside its point on no other
/// label, point or axis, with a leader line where it had to move; a unit for
/// which no room is found is counted in the note instead.
///
/// # Errors
/// [`FigureError::Empty`] (no tested unit), [`FigureError::UnknownHighlight`],
/// [`FigureError::NotDrawable`] (a value or denominator that is not a finite number).
pub fn funnel_plot<K: fmt::Display>(
    comparison: &Comparison<K>,
    options: &FunnelOptions,
    caption: &Caption,
) -> Result<String> {
    let highlight = options.highlight.as_str();
    let mut guard = Guard::default();
    let caption = &guard.caption(caption);
    let mut points = Vec::new();
    for u in comparison.units() {
        let (Some(significance), Some(value), Some(denominator)) = (u.significance, u.value, u.denominator()) else {
            continue;
        };
        let key = u.key.to_string();
        points.push(Point {
            value: f64_of(&key, value)?,
            scale: value.scale(),
            denominator: f64_of(&key, denominator)?,
            key,
            significance,
        });
    }
    if points.is_empty() {
        return Err(FigureError::Empty { what: "no unit in the funnel" });
    }
    if !highlight.is_empty() && !points.iter().any(|p| p.key == highlight) {
        return Err(FigureError::UnknownHighlight { name: highlight.to_owned() });
    }
    let dens: Vec<f64> = points.iter().map(|p| p.denominator).collect();
    if let Some(bad) = dens.iter().find(|d| !(d.is_finite() && **d > 0.0)) {
        return Err(FigureError::NotDrawable { what: "denominator".to_owned(), value: bad.to_string() });
    }
    let pooled = comparison.pooled().and_then(|p| p.value).ok_or(FigureError::Empty { what: "no pooled value" })?;
    let max_den = dens.iter().copied().fold(0.0f64, f64::max);
    let min_den = dens.iter().copied().fold(f64::INFINITY, f64::min);
    let log = options.log_denominator;
    let x_of = |d: f64| if log { d.log10() } else { d };
    let (x_lo, x_hi) = if log {
        let (a, b) = (min_den.log10(), max_den.log10());
        let pad = ((b - a) * 0.05).max(0.1);
        (a - pad, b + pad)
    } else {
        (0.0, Axis::fit([0.0, max_den * 1.02], true, 8).hi)
    };
    let values: Vec<f64> = points.iter().map(|p| p.value).collect();
    let baseline = f64_of("the pooled value", pooled)?;
    let limit = |n: f64, p: f64| comparison.limits(n, p).unwrap_or((f64::NAN, f64::NAN));
    // The value axis holds every point, the baseline, and the limits over the units' denominators.
    let mut span: Vec<f64> = values.clone();
    span.push(baseline);
    for d in [min_den, max_den] {
        let (l, h) = limit(d, P998);
        span.extend([l, h]);
    }
    let y_axis_fit = Axis::fit(span.iter().copied().filter(|v| v.is_finite()), false, 7);

    // Denominators to evaluate the limits at: 240 spread over the axis (4 pixels apart), and every unit's own.
    let mut grid: Vec<f64> = (0..=240)
        .map(|i| {
            let x = x_lo + (x_hi - x_lo) * f64::from(i) / 240.0;
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

    let inside = points
        .iter()
        .filter(|p| p.key != highlight && !matches!(p.significance, Significance::High001 | Significance::Low001))
        .count();
    let outside = points.len() - inside - usize::from(!highlight.is_empty());
    let mut notes = vec![format!(
        "Baseline (pooled) {}; green: 95% limits; purple: 99.8% limits; {} units{}.",
        format_number(baseline, caption.places_of(baseline, pooled.scale())),
        points.len(),
        if log { "; denominator on a logarithmic scale" } else { "" }
    )];
    let tests = comparison.tests();
    notes.push(format!(
        "{} units tested: chance alone would put about {} outside the 95% limits; {} are.",
        tests.made,
        format_number(tests.expected_95(), if tests.expected_95() < 10.0 { 1 } else { 0 }),
        tests.flagged_95
    ));
    if let Some(d) = comparison.dispersion().filter(|d| d.widens()) {
        notes.push(format!(
            "Limits widened for overdispersion (Spiegelhalter 2005, {} scale): the units vary {:.1} times as much as \
             chance allows; on each side the wider of the widened and the chance-alone limit.",
            d.scale, d.phi
        ));
    }

    // Layout: the value axis on the left, the denominator's ticks and title below.
    let width = 960.0;
    let left = y_axis_room(&y_axis_fit, &caption.unit);
    let below = 6.0 + (ASCENT + DESCENT) * TICK + 8.0 + (ASCENT + DESCENT) * AXIS_TITLE + 4.0;
    let plot_height = 440.0;
    let body = 10.0 + plot_height + below;
    let mut f = frame(width, caption);
    // Room on the right for half the last tick label.
    let last_tick =
        x_ticks(x_lo, x_hi, log, width - MARGIN - left - 70.0).last().map_or(0.0, |(_, t)| text_width(t, TICK));
    let right = (last_tick / 2.0 + 4.0).max(10.0);
    let plot = Bounds::new(MARGIN + left, f.top + 10.0, width - MARGIN - right, f.top + 10.0 + plot_height);
    let px = |x: f64| plot.x0 + (x - x_lo) / (x_hi - x_lo) * plot.width();
    let svg = &mut f.svg;
    y_axis(svg, &y_axis_fit, &plot, &caption.unit);
    let py = |v: f64| y_of(&y_axis_fit, &plot, v);

    // The denominator axis.
    svg.line((plot.x0, plot.y1), (plot.x1, plot.y1), Palette::AXIS, 1.0);
    for (x, text) in x_ticks(x_lo, x_hi, log, plot.width()) {
        let at = px(x);
        svg.line((at, plot.y1), (at, plot.y1 + 4.0), Palette::AXIS, 1.0);
        svg.text(&Label::new(&text, at, plot.y1 + 6.0 + ASCENT * TICK, TICK).anchor(Anchor::Middle));
    }
    let x_title = if caption.x_axis.is_empty() { "denominator" } else { caption.x_axis.as_str() };
    let x_title = if log { format!("{x_title} (logarithmic scale)") } else { x_title.to_owned() };
    let title_y = plot.y1 + 6.0 + (ASCENT + DESCENT) * TICK + 8.0 + ASCENT * AXIS_TITLE;
    svg.text(&Label::new(&x_title, (plot.x0 + plot.x1) / 2.0, title_y, AXIS_TITLE).anchor(Anchor::Middle));

    // The limits, clipped to the plot; the baseline.
    svg.clip("plot", plot);
    let mut pixel_curves = Vec::new();
    for p in [P998, P95] {
        // Each denominator's limits once, for both lines of a level.
        let both: Vec<(f64, (f64, f64))> = grid.iter().map(|&n| (n, limit(n, p))).collect();
        for high in [true, false] {
            let curve: Vec<(f64, f64)> = both
                .iter()
                .filter_map(|&(n, (l, h))| {
                    let v = if high { h } else { l };
                    v.is_finite().then(|| (px(x_of(n)), py(v)))
                })
                .collect();
            let colour = if p == P998 { Palette::LIMIT_998 } else { Palette::LIMIT_95 };
            svg.polyline(&curve, colour, 2.0, None, Some("plot"));
            pixel_curves.push(curve);
        }
    }
    dashed(svg, &plot, py(baseline), Palette::ENGLAND_AND_WALES);

    // The points, the highlighted one last (on top).
    let at = |i: usize| (px(x_of(dens.get(i).copied().unwrap_or(1.0))), py(values.get(i).copied().unwrap_or(0.0)));
    let mut obstacles =
        Obstacles { boxes: svg.texts.clone(), points: Vec::new(), lines: pixel_curves, leaders: Vec::new() };
    let mut own = Vec::with_capacity(points.len());
    for (i, p) in points.iter().enumerate() {
        let r = if p.key == highlight { HIGHLIGHT } else { POINT };
        let (x, y) = at(i);
        let b = Bounds::new(x - r, y - r, x + r, y + r);
        own.push(b);
        obstacles.points.push(b);
    }
    for (i, _) in points.iter().enumerate().filter(|(_, p)| p.key != highlight) {
        svg.circle(at(i), POINT, Palette::BAR);
    }
    for (i, _) in points.iter().enumerate().filter(|(_, p)| p.key == highlight) {
        svg.circle(at(i), HIGHLIGHT, Palette::HIGHLIGHT);
    }

    // Labels: the highlighted unit first, then the units outside the 99.8% limits, farthest first.
    let mut order: Vec<usize> = points
        .iter()
        .enumerate()
        .filter(|(_, p)| p.key != highlight && matches!(p.significance, Significance::High001 | Significance::Low001))
        .map(|(i, _)| i)
        .collect();
    order.sort_by(|a, b| {
        let far = |i: &usize| (values.get(*i).copied().unwrap_or(0.0) - baseline).abs();
        far(b).total_cmp(&far(a))
    });
    if let Some(h) = points.iter().position(|p| p.key == highlight) {
        order.insert(0, h);
    }
    // At most LABELLED labels are tried (the farthest units): more could not
    // find room on a 960-pixel chart, and placing each costs a search.
    let mut without_room = order.len().saturating_sub(LABELLED);
    order.truncate(LABELLED);
    for i in order {
        let (Some(p), Some(b)) = (points.get(i), own.get(i)) else { continue };
        let v = values.get(i).copied().unwrap_or(0.0);
        let name = if p.key == highlight { p.key.clone() } else { guard.name(&p.key, LABEL) };
        let text = format!("{name}: {} ({})", format_number(v, caption.places_of(v, p.scale)), p.significance.label());
        let reach = if p.key == highlight { 600.0 } else { 160.0 };
        match obstacles.place(&text, LABEL, at(i), b, &plot, reach) {
            Some(placed) => {
                if let Some((from, to)) = placed.leader {
                    svg.line(from, to, Palette::AXIS, 1.0);
                }
                svg.text(&Label::new(&text, placed.x, placed.baseline, LABEL));
                obstacles.add(&placed);
            }
            None => without_room += 1,
        }
    }
    let units = |n: usize| if n == 1 { "1 unit".to_owned() } else { format!("{n} units") };
    let outside_text = match outside {
        0 => "no unit is outside the 99.8% limits".to_owned(),
        n => format!("{} outside the 99.8% limits", units(n)),
    };
    notes.push(format!(
        "Labelled: {}{outside_text}{}; {} inside the limits {} not labelled.",
        if highlight.is_empty() { String::new() } else { format!("{highlight}; ") },
        if without_room > 0 { format!(" ({} without room for a label)", units(without_room)) } else { String::new() },
        units(inside),
        if inside == 1 { "is" } else { "are" }
    ));
    f.finish(body, caption, &notes, &guard)
}
