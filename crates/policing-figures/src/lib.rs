//! The PEEL reports' figures as pictures: SVG charts an analyst can publish.
//!
//! - [`ranked_bars`]: a by-force bar chart in rank order, the chosen force
//!   highlighted, the England and Wales value as a dashed line, the top and
//!   bottom quarter shaded (the bands of a `policing_stats::comparison`), and the
//!   excluded forces listed in a note (figures 3, 5, 6, 7 and 9).
//! - [`funnel_plot`]: value against denominator with the 95% and 99.8% limits
//!   a `policing_stats::comparison` draws.
//! - [`line_chart`]: rates over periods (figure 1's five years).
//! - [`outcome_bars`]: the rows of an outcome table as horizontal bars, with the
//!   England and Wales value beside each row (figures 4 and 8).
//! - [`trend_figure`] and [`by_force_figure`]: figures 1 and 2 drawn straight
//!   from a `policing-crime` recorded crime table.
//!
//! With the `png` feature, [`to_png`] rasterises any of them with `resvg`.
//!
//! Every chart carries the report's title, unit, period and source line, and
//! uses the Okabe-Ito palette, which stays distinct under the common forms of
//! colour blindness. Text is written as SVG text and measured with the metrics
//! of the faces it asks for ([`text_width`]), so that titles and notes wrap to
//! the picture, labels are placed where they overlap no other text, point or
//! axis, and nothing is clipped. Values are printed at their own precision (as
//! given, at most three significant figures' worth of places when computed), or
//! the caption's [`Caption::decimals`].
//!
//! Whatever the data hold, a picture stays bounded and well formed: at most
//! [`MAX_SIDE`] pixels a side and [`MAX_PIXELS`] in all (larger is
//! [`FigureError::TooLarge`], before anything is drawn); texts longer than
//! [`MAX_TEXT_CHARS`] characters, and names beside bars and points wider than
//! 240 pixels, are shortened with an ellipsis; characters XML cannot hold
//! ([`unwritable`]) are drawn as U+FFFD; a note under the chart says so.
//!
//! ```
//! use policing_figures::{ranked_bars, Caption};
//! use policing_stats::{compare, Exclusion, Method, Units};
//! use rust_decimal::Decimal;
//!
//! let mut units = Units::new();
//! units.value("Force A", 46)?.value("Wiltshire Police", 17)?.value("Force C", 30)?.value("Force D", 22)?;
//! units.exclude("City of London Police", Exclusion::new("not comparable")?)?;
//! let compared = compare(units, &Method::values())?;
//! let caption = Caption::new("Figure 9: Organised crime groups per one million population, by force")
//!     .unit("OCGs per one million population")
//!     .period("as at 1 July 2016")
//!     .source("Source: HMIC data return");
//! let svg = ranked_bars(&compared, "Wiltshire Police", Some(Decimal::from(46)), &caption)?;
//! assert!(svg.starts_with("<svg") && svg.contains("Wiltshire Police"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![warn(
    clippy::exhaustive_structs,
    clippy::exhaustive_enums,
    reason = "a public type grows without a breaking change, or says why it cannot"
)]

mod axis;
mod crime;
mod frame;
mod funnel;
mod guard;
mod lines;
mod outcomes;
mod place;
#[cfg(feature = "png")]
mod png;
mod ranked;
mod style;
mod svg;
mod text;

pub use crime::{by_force_figure, trend_figure};
pub use funnel::{funnel_plot, FunnelOptions};
pub use guard::{unwritable, MAX_PIXELS, MAX_SIDE, MAX_TEXT_CHARS};
pub use lines::{line_chart, line_chart_with_marks, Mark, Series};
pub use outcomes::{outcome_bars, OutcomeRow};
#[cfg(feature = "png")]
pub use png::to_png;
pub use ranked::ranked_bars;
pub use style::{Caption, Colour, FigureError, Palette, Result};
pub use text::{text_bounds, text_width, Anchor, Bounds, FONT_FAMILY};
