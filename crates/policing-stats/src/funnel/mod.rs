//! Funnel-plot significance: is a unit genuinely unusual, or merely small?
//!
//! The pieces the [comparison](crate::comparison) is made of, each stated in
//! `docs/reference/statistics.md`: the five-way [`Significance`] and its
//! labels; the lines of chance alone ([`proportion_funnel_limits`], Wilson-based,
//! section 3; [`rate_funnel_limits`], exact Poisson at every count, section 7);
//! and the allowance for overdispersion ([`Dispersion`], [`Scale`], section 8).
//! Tables, figures and commands do not put these together themselves: they call
//! [`compare`](crate::comparison::compare), which labels each unit, gives the
//! verdict's interval beside it, and draws the lines.

use std::fmt;

mod limits;
pub(crate) mod overdispersion;

pub use limits::{proportion_funnel_limits, rate_funnel_limits};
pub use overdispersion::{Dispersion, Scale, DEFAULT_TRIM};

/// The five-way funnel-plot significance, spelled as PHEindicatormethods spells it.
///
/// A closed set: two levels each side and the middle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[allow(clippy::exhaustive_enums, reason = "a closed list the crates match on exhaustively")]
pub enum Significance {
    /// Above the 99.8% limit: "High (0.001)".
    High001,
    /// Above the 95% limit only: "High (0.025)".
    High025,
    /// Within the 95% limits: "Not significant".
    NotSignificant,
    /// Below the 95% limit only: "Low (0.025)".
    Low025,
    /// Below the 99.8% limit: "Low (0.001)".
    Low001,
}

impl Significance {
    /// The label exactly as PHEindicatormethods prints it.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Significance::High001 => "High (0.001)",
            Significance::High025 => "High (0.025)",
            Significance::NotSignificant => "Not significant",
            Significance::Low025 => "Low (0.025)",
            Significance::Low001 => "Low (0.001)",
        }
    }
}

impl fmt::Display for Significance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Which kind of statistic a funnel is drawn for.
///
/// Not exhaustive: directly standardised rates may follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Statistic {
    /// A proportion `x / n` with `x <= n` (statistics.md section 3).
    Proportion,
    /// A crude rate `o / d` (statistics.md section 4).
    Rate,
}

impl Statistic {
    /// `proportion` or `rate`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Statistic::Proportion => "proportion",
            Statistic::Rate => "rate",
        }
    }
}

/// The probability for the 95% ("2 sigma") limits.
pub const P95: f64 = 0.975;
/// The probability for the 99.8% ("3 sigma") limits.
pub const P998: f64 = 0.999;

/// Where `value` lies against the 95% and 99.8% limits `(low, high)`, in the order
/// of statistics.md section 3: low 99.8, low 95, high 99.8, high 95.
#[must_use]
pub fn side(value: f64, (low95, high95): (f64, f64), (low998, high998): (f64, f64)) -> Significance {
    if value < low998 {
        Significance::Low001
    } else if value < low95 {
        Significance::Low025
    } else if value > high998 {
        Significance::High001
    } else if value > high95 {
        Significance::High025
    } else {
        Significance::NotSignificant
    }
}
