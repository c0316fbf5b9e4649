//! Captions, the palette, and errors.

use std::fmt;

/// A colour, written as `#RRGGBB`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(clippy::exhaustive_structs, reason = "an RGB triple: it has all it will ever have")]
pub struct Colour(pub u8, pub u8, pub u8);

impl fmt::Display for Colour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02X}{:02X}{:02X}", self.0, self.1, self.2)
    }
}

/// The colour-blind-safe Okabe-Ito palette.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct Palette;

impl Palette {
    /// Bars and points of the other forces: blue (#0072B2).
    pub const BAR: Colour = Colour(0x00, 0x72, 0xB2);
    /// The highlighted force: orange (#E69F00).
    pub const HIGHLIGHT: Colour = Colour(0xE6, 0x9F, 0x00);
    /// England and Wales: vermillion (#D55E00).
    pub const ENGLAND_AND_WALES: Colour = Colour(0xD5, 0x5E, 0x00);
    /// The 99.8% funnel limits: reddish purple (#CC79A7).
    pub const LIMIT_998: Colour = Colour(0xCC, 0x79, 0xA7);
    /// The 95% funnel limits: bluish green (#009E73).
    pub const LIMIT_95: Colour = Colour(0x00, 0x9E, 0x73);
    /// Shading of the top and bottom quarter: light grey (#E8E8E8).
    pub const TAIL: Colour = Colour(0xE8, 0xE8, 0xE8);
    /// Text: near black (#222222).
    pub const TEXT: Colour = Colour(0x22, 0x22, 0x22);
    /// Axes, ticks and leader lines: grey (#666666).
    pub const AXIS: Colour = Colour(0x66, 0x66, 0x66);
    /// Grid lines: very light grey (#EEEEEE).
    pub const GRID: Colour = Colour(0xEE, 0xEE, 0xEE);
    /// The lines of a line chart other than the highlighted force and England
    /// and Wales, in turn: blue, bluish green, reddish purple, sky blue, black,
    /// yellow; after six, the colours come round again with a dash pattern.
    pub const SERIES: [Colour; 6] = [
        Colour(0x00, 0x72, 0xB2),
        Colour(0x00, 0x9E, 0x73),
        Colour(0xCC, 0x79, 0xA7),
        Colour(0x56, 0xB4, 0xE9),
        Colour(0x00, 0x00, 0x00),
        Colour(0xF0, 0xE4, 0x42),
    ];
}

/// What a chart says about itself: title, unit, period and source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Caption {
    /// The title ("Figure 9: Organised crime groups per one million population, by force").
    pub title: String,
    /// The unit of the value axis ("per 1,000 population").
    pub unit: String,
    /// The period ("12 months to 30 June 2016").
    pub period: String,
    /// The source line ("Source: Home Office data").
    pub source: String,
    /// Decimal places for values printed on the chart (`None`: as given).
    pub decimals: Option<u32>,
    /// What the horizontal axis measures, where it is a quantity (the funnel's denominator).
    pub x_axis: String,
}

impl Caption {
    /// A caption with a title.
    #[must_use]
    pub fn new(title: impl Into<String>) -> Self {
        Caption { title: title.into(), ..Caption::default() }
    }

    /// With the unit of the value axis.
    #[must_use]
    pub fn unit(mut self, unit: impl Into<String>) -> Self {
        self.unit = unit.into();
        self
    }

    /// With the period.
    #[must_use]
    pub fn period(mut self, period: impl Into<String>) -> Self {
        self.period = period.into();
        self
    }

    /// With the source line.
    #[must_use]
    pub fn source(mut self, source: impl Into<String>) -> Self {
        self.source = source.into();
        self
    }

    /// With the name of the horizontal axis ("population").
    #[must_use]
    pub fn x_axis(mut self, label: impl Into<String>) -> Self {
        self.x_axis = label.into();
        self
    }

    /// With values printed to `places` decimal places (rounded half away from zero).
    #[must_use]
    pub fn decimals(mut self, places: u32) -> Self {
        self.decimals = Some(places);
        self
    }

    /// The places a value is printed to: the caption's, or the value's own
    /// precision ([`crate::text::value_places`]).
    pub(crate) fn places_of(&self, value: f64, scale: u32) -> usize {
        self.decimals
            .map_or_else(|| crate::text::value_places(value, scale), |d| usize::try_from(d.min(12)).unwrap_or(6))
    }
}

/// What can go wrong drawing a figure.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FigureError {
    /// Nothing to draw.
    #[error("nothing to draw: {what}")]
    Empty {
        /// What was missing.
        what: &'static str,
    },
    /// The highlighted unit is not among the units.
    #[error("{name:?} is not among the units to draw")]
    UnknownHighlight {
        /// The name given.
        name: String,
    },
    /// A value that cannot be drawn (not finite).
    #[error("{what} {value} cannot be drawn")]
    NotDrawable {
        /// Which value.
        what: String,
        /// The value.
        value: String,
    },
    /// The picture would be larger than can be drawn readably and in bounded
    /// memory ([`crate::MAX_SIDE`] pixels a side, [`crate::MAX_PIXELS`] in all).
    #[error(
        "{what} would need a picture of {width} x {height} pixels; at most 16,384 pixels a side and 32 million in \
         all are drawn: draw fewer units (filter the table), or a funnel plot"
    )]
    TooLarge {
        /// What is too large.
        what: String,
        /// The width it would need.
        width: u64,
        /// The height it would need.
        height: u64,
    },
    /// The drawing backend failed.
    #[error("drawing failed: {detail}")]
    Drawing {
        /// What went wrong.
        detail: String,
    },
}

/// Shorthand for results of this crate.
pub type Result<T> = std::result::Result<T, FigureError>;

/// A decimal as a finite float, or [`FigureError::NotDrawable`] naming it.
pub(crate) fn f64_of(what: &str, d: rust_decimal::Decimal) -> Result<f64> {
    use rust_decimal::prelude::ToPrimitive;
    d.to_f64()
        .filter(|v| v.is_finite())
        .ok_or_else(|| FigureError::NotDrawable { what: what.to_owned(), value: d.to_string() })
}
