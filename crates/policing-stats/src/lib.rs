//! Domain-free statistics for the figures a police inspectorate publishes.
//!
//! `policing-stats` turns counts into published figures with exact decimal
//! arithmetic ([`rust_decimal::Decimal`]) and rounds them the way HMIC prints
//! them (half away from zero). It knows nothing about police forces: a unit is
//! any key, a denominator is just a number with a name you give it.
//!
//! - [`Rate`]: events per 100, 1,000, 10,000 or 1,000,000 of a denominator.
//! - [`Proportion`], [`PercentChange`], [`PointChange`]: shares and changes
//!   between periods (a percentage-point change is not a percent change).
//! - [`Cohort`]: the units of one comparison with their [`Exclusion`]s; the
//!   England and Wales figure pooled or as the mean of the units' rates.
//! - [`band`] and [`quantiles`]: "one of the highest / broadly in line / one of
//!   the lowest" with an exact, documented rule (see [`banding`]), and the
//!   public-health quantile rule.
//! - [`wilson`], [`poisson_interval`], [`rate_interval`] and [`funnel()`]:
//!   confidence intervals and funnel-plot significance as PHEindicatormethods
//!   computes them, so a force that is unusual can be told from one that is small;
//!   [`Funnel::adjusted`] widens the limits for overdispersion (Spiegelhalter 2005),
//!   so that among units as large as police forces the verdict still tells one apart.
//! - [`check_sum`]: does a table of rounded figures admit one set of unrounded values?
//!
//! # Example
//!
//! ```
//! use policing_stats::{band, Band, Cohort, Direction, Exclusion, PercentChange, Rate};
//!
//! // Three forces' recorded crime over their populations; one could not supply data.
//! let mut forces = Cohort::new();
//! forces.include("North", 38_186, 703_253)?;
//! forces.include("South", 70_000, 1_000_000)?;
//! forces.include("East", 40_000, 650_000)?;
//! forces.exclude("West", Exclusion::new("unable to supply data")?)?;
//!
//! let north = forces.rate(&"North", Rate::PER_1_000)?.expect("included");
//! assert_eq!(north.rounded(1).to_string(), "54.3");
//! let england_and_wales = forces.pooled(Rate::PER_1_000)?;
//! assert_eq!(england_and_wales.rounded(1).to_string(), "63.0");
//!
//! let banding = forces.band(Rate::PER_1_000, Direction::HighIsNotable)?;
//! assert_eq!(banding.get(&&"North").and_then(|u| u.band()), Some(Band::OneOfTheLowest));
//!
//! assert_eq!(PercentChange::between(36_214, 38_186)?.to_string(), "+5.4%");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Features
//!
//! - `serde`: `Serialize` and `Deserialize` for the value types; deserialization
//!   validates through the same constructors.

pub mod banding;
mod compare;
pub mod consistency;
mod error;
pub mod funnel;
pub mod interval;
mod proportion;
mod rate;
mod round;

pub use banding::{band, quantiles, tail_size, Band, Banded, Banding, Direction, Observation, Placement};
pub use compare::{Cohort, Entry, Exclusion};
pub use consistency::{check_sum, Bounds, Published, SumCheck};
pub use error::{Result, StatsError};
pub use funnel::{
    funnel, proportion_funnel_limits, rate_funnel_limits, Dispersion, Funnel, FunnelPoint, Overdispersion, Scale,
    Significance, Statistic, P95, P998,
};
pub use interval::{chi_square_quantile, normal_quantile, poisson_interval, rate_interval, wilson, Interval};
pub use proportion::{PercentChange, PointChange, Proportion};
pub use rate::Rate;
pub use round::round_half_away;
