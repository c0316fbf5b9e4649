//! Captions, the palette, and errors.

use plotters::style::RGBColor;

/// The colour-blind-safe Okabe-Ito palette.
#[derive(Debug, Clone, Copy)]
pub struct Palette;

impl Palette {
    /// Bars and points of the other forces: blue (#0072B2).
    pub const BAR: RGBColor = RGBColor(0x00, 0x72, 0xB2);
    /// The highlighted force: orange (#E69F00).
    pub const HIGHLIGHT: RGBColor = RGBColor(0xE6, 0x9F, 0x00);
    /// England and Wales: vermillion (#D55E00).
    pub const ENGLAND_AND_WALES: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
    /// The 99.8% funnel limits: reddish purple (#CC79A7).
    pub const LIMIT_998: RGBColor = RGBColor(0xCC, 0x79, 0xA7);
    /// The 95% funnel limits: bluish green (#009E73).
    pub const LIMIT_95: RGBColor = RGBColor(0x00, 0x9E, 0x73);
    /// Shading of the top and bottom quarter: light grey (#E8E8E8).
    pub const TAIL: RGBColor = RGBColor(0xE8, 0xE8, 0xE8);
    /// Text: near black (#222222).
    pub const TEXT: RGBColor = RGBColor(0x22, 0x22, 0x22);
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

    pub(crate) fn format(&self, v: rust_decimal::Decimal) -> String {
        match self.decimals {
            Some(places) => policing_stats::round_half_away(v, places).to_string(),
            None => v.to_string(),
        }
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
    /// The drawing backend failed.
    #[error("drawing failed: {detail}")]
    Drawing {
        /// What went wrong.
        detail: String,
    },
}

/// Shorthand for results of this crate.
pub type Result<T> = std::result::Result<T, FigureError>;

pub(crate) fn drawing<E: std::fmt::Debug>(e: E) -> FigureError {
    FigureError::Drawing { detail: format!("{e:?}") }
}
