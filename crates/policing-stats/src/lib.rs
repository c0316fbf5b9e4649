//! Domain-free statistics for the figures a police inspectorate publishes.
//!
//! `policing-stats` turns counts into published figures with exact decimal
//! arithmetic ([`rust_decimal::Decimal`]) and rounds them the way HMIC prints
//! them (half away from zero). It knows nothing about police forces: a unit is
//! any key, a denominator is just a number with a name you give it.
//!
//! - [`compare`]: **the one comparison** of units on a measure. Units with
//!   counts (or a range of counts, a bare value, counts that go into the pool
//!   only, or nothing with the reason) and a [`Method`] go in; each unit's value,
//!   rank, band, significance, the interval that matches the significance and
//!   the chance-alone interval come out, with the pooled (England and Wales)
//!   value, the overdispersion estimate, the multiplicity of the tests and the
//!   funnel's limit lines. Tables, profiles, figures and commands all call it.
//! - [`change`]: a change between two periods with its exact interval, and
//!   each unit's change against the pooled change (statistics.md section 9);
//!   [`trend`]: the five-year trend marker (section 10).
//! - [`Rate`]: events per 100, 1,000, 10,000 or 1,000,000 of a denominator.
//! - [`Proportion`], [`PercentChange`], [`PointChange`]: shares and changes
//!   between periods (a percentage-point change is not a percent change).
//! - The building blocks the comparison is made of, each stated exactly:
//!   [`banding`] (the inspectorate's bands and the public-health quantiles),
//!   [`wilson`], [`poisson_interval`] and [`rate_interval`] (intervals as
//!   PHEindicatormethods computes them), [`funnel`] (significance labels, the
//!   limits of chance alone, overdispersion).
//! - [`check_sum`]: does a table of rounded figures admit one set of unrounded values?
//!
//! # Example
//!
//! ```
//! use policing_stats::{compare, Band, Method, PercentChange, Units};
//! use rust_decimal::Decimal;
//!
//! // Four forces' recorded crime over their populations.
//! let mut forces = Units::new();
//! forces.counts("North", 38_186, 703_253)?;
//! forces.counts("South", 70_000, 1_000_000)?;
//! forces.counts("East", 40_000, 650_000)?;
//! forces.counts("West", 52_000, 910_000)?;
//!
//! let compared = compare(forces, &Method::rate(Decimal::ONE_THOUSAND)?)?;
//! let north = compared.get(&"North").expect("a unit");
//! assert_eq!(north.value.map(|v| v.round_dp(1).to_string()), Some("54.3".to_owned()));
//! assert_eq!(north.band(), Some(Band::OneOfTheLowest));
//! let england_and_wales = compared.pooled().and_then(|p| p.value).expect("pooled");
//! assert_eq!(england_and_wales.round_dp(1).to_string(), "61.3");
//!
//! assert_eq!(PercentChange::between(36_214, 38_186)?.to_string(), "+5.4%");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Features
//!
//! - `serde`: `Serialize` and `Deserialize` for the value types; deserialization
//!   validates through the same constructors.
#![warn(
    clippy::exhaustive_structs,
    clippy::exhaustive_enums,
    reason = "a public type grows without a breaking change, or says why it cannot"
)]

pub mod banding;
pub mod change;
pub mod comparison;
pub mod consistency;
mod error;
mod exclusion;
pub mod funnel;
pub mod interval;
mod proportion;
mod rate;
mod round;
pub mod trend;

pub use banding::{band, quantiles, tail_size, Band, Banded, Banding, Direction, Observation, Placement, Rank, Rule};
pub use comparison::{compare, Compared, Comparison, Entry, Method, Pooled, Tests, Units, Widening};
pub use consistency::{check_sum, Bounds, Published, SumCheck};
pub use error::{Result, StatsError};
pub use exclusion::Exclusion;
pub use funnel::{
    proportion_funnel_limits, rate_funnel_limits, side, Dispersion, Scale, Significance, Statistic, DEFAULT_TRIM, P95,
    P998,
};
pub use interval::{chi_square_quantile, normal_quantile, poisson_interval, rate_interval, wilson, Interval};
pub use proportion::{PercentChange, PointChange, Proportion};
pub use rate::Rate;
pub use round::round_half_away;
