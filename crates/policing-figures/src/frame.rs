//! The frame every chart shares: the title and the unit and period line at the
//! top, wrapped to the picture's width; the notes and the source line at the
//! bottom, one under another; and the area between for the chart. Also the
//! value axis every chart but the outcome bars draws on its left.

use crate::axis::Axis;
use crate::guard::{check_size, Guard};
use crate::style::Result;
use crate::style::{Caption, Colour, Palette};
use crate::svg::{Label, Svg};
use crate::text::{fit, text_width, wrap, Anchor, Bounds, ASCENT, DESCENT};

/// The margin around everything, in pixels.
pub(crate) const MARGIN: f64 = 14.0;
const TITLE: f64 = 17.0;
const SUBTITLE: f64 = 13.0;
const NOTE: f64 = 11.5;
/// The size of tick labels and axis titles.
pub(crate) const TICK: f64 = 11.0;
pub(crate) const AXIS_TITLE: f64 = 12.0;

/// A picture with its header written; the chart goes below `top`, and
/// [`Frame::finish`] writes the notes under it.
pub(crate) struct Frame {
    pub svg: Svg,
    /// Where the area for the chart starts.
    pub top: f64,
}

/// Starts a picture `width` wide with the caption's title and unit and period
/// line, wrapped to the width.
pub(crate) fn frame(width: f64, caption: &Caption) -> Frame {
    let text_width_max = width - 2.0 * MARGIN;
    let title = wrap(&caption.title, TITLE, text_width_max);
    let sub_text = [caption.unit.as_str(), caption.period.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    let sub = wrap(&sub_text, SUBTITLE, text_width_max);
    let mut svg = Svg::new(width);
    let mut y = MARGIN;
    for (lines, size) in [(&title, TITLE), (&sub, SUBTITLE)] {
        for line in lines {
            y += ASCENT * size;
            svg.text(&Label::new(line, MARGIN, y, size));
            y += DESCENT * size + 3.0;
        }
    }
    Frame { svg, top: y + 6.0 }
}

impl Frame {
    /// Writes the notes and the caption's source line under a chart `height`
    /// pixels tall, one under another, each wrapped to the width, and returns
    /// the picture.
    ///
    /// # Errors
    /// [`crate::FigureError::TooLarge`] if the picture would be larger than
    /// the caps of [`crate::guard`].
    pub fn finish(mut self, height: f64, caption: &Caption, notes: &[String], guard: &Guard) -> Result<String> {
        let width = self.svg.width() - 2.0 * MARGIN;
        check_size(self.svg.width(), self.top + height, "the chart")?;
        let mut y = self.top + height;
        let taken = guard.notes();
        for note in notes.iter().chain(&taken).chain(std::iter::once(&caption.source)).filter(|n| !n.is_empty()) {
            for line in wrap(note, NOTE, width) {
                y += ASCENT * NOTE;
                self.svg.text(&Label::new(&line, MARGIN, y, NOTE));
                y += DESCENT * NOTE + 3.0;
            }
        }
        check_size(self.svg.width(), y + MARGIN, "the chart with its notes")?;
        Ok(self.svg.finish(y + MARGIN))
    }
}

/// The pixel y of a value on a vertical axis drawn over `plot`.
pub(crate) fn y_of(axis: &Axis, plot: &Bounds, v: f64) -> f64 {
    plot.y1 - axis.fraction(v) * plot.height()
}

/// The tick labels of a value axis.
pub(crate) fn tick_labels(axis: &Axis) -> Vec<(f64, String)> {
    axis.ticks().into_iter().map(|t| (t, crate::text::format_number(t, axis.decimals))).collect()
}

/// How much room a vertical value axis needs left of the plot: its tick labels
/// and its title.
pub(crate) fn y_axis_room(axis: &Axis, title: &str) -> f64 {
    let widest = tick_labels(axis).iter().map(|(_, t)| text_width(t, TICK)).fold(0.0, f64::max);
    let title = if title.is_empty() { 0.0 } else { (ASCENT + DESCENT) * AXIS_TITLE + 8.0 };
    6.0 + widest + title + 4.0
}

/// Draws a vertical value axis on the left of `plot`: grid lines, the axis
/// line, tick labels and the title (reading upwards, centred on the plot; a
/// title longer than the plot is wrapped on to a second line further left).
pub(crate) fn y_axis(svg: &mut Svg, axis: &Axis, plot: &Bounds, title: &str) {
    let labels = tick_labels(axis);
    let widest = labels.iter().map(|(_, t)| text_width(t, TICK)).fold(0.0, f64::max);
    for (v, text) in &labels {
        let y = y_of(axis, plot, *v);
        svg.line((plot.x0, y), (plot.x1, y), Palette::GRID, 1.0);
        svg.line((plot.x0 - 4.0, y), (plot.x0, y), Palette::AXIS, 1.0);
        let baseline = y + (ASCENT - DESCENT) / 2.0 * TICK;
        svg.text(&Label::new(text, plot.x0 - 6.0, baseline, TICK).anchor(Anchor::End));
    }
    svg.line((plot.x0, plot.y0), (plot.x0, plot.y1), Palette::AXIS, 1.0);
    if !title.is_empty() {
        let x = plot.x0 - 6.0 - widest - 8.0 - DESCENT * AXIS_TITLE;
        let text = fit(title, AXIS_TITLE, plot.height());
        svg.text(&Label::new(&text, x, (plot.y0 + plot.y1) / 2.0, AXIS_TITLE).anchor(Anchor::Middle).rotated(-90));
    }
}

/// A dashed horizontal line across `plot` at pixel `y`.
pub(crate) fn dashed(svg: &mut Svg, plot: &Bounds, y: f64, colour: Colour) {
    svg.polyline(&[(plot.x0, y), (plot.x1, y)], colour, 2.0, Some("8 5"), None);
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
    fn long_titles_wrap_and_the_chart_sits_between_header_and_footer() {
        let caption = Caption::new(
            "Figure 1: Police-recorded crime rates (per 1,000 population) in Avon and Somerset Constabulary, \
             five years to 31 December 2016",
        )
        .unit("per 1,000 population")
        .source("Source: test");
        let f = frame(500.0, &caption);
        assert!(f.svg.texts.len() >= 3, "the title wraps");
        assert!(f.svg.texts.iter().all(|b| b.x1 <= 500.0 - MARGIN + 1e-9 && b.y1 <= f.top));
        let bottom = f.top + 300.0;
        let svg = f.finish(300.0, &caption, &["a note".to_owned()], &Guard::default()).unwrap();
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let last = doc.descendants().rfind(|n| n.has_tag_name("text")).unwrap();
        assert_eq!(last.text(), Some("Source: test"));
        let y: f64 = last.attribute("y").unwrap().parse().unwrap();
        assert!(y > bottom);
    }
}
