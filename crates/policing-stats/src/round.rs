//! Rounding as the inspectorate publishes: half away from zero.

use rust_decimal::{Decimal, RoundingStrategy};

/// Rounds `value` to `places` decimal places, halves away from zero
/// (2.25 -> 2.3, -2.25 -> -2.3), which is how HMIC and the Home Office print figures.
///
/// The result always carries exactly `places` decimal places, so it prints
/// with trailing zeros ("100.00").
///
/// ```
/// use policing_stats::round_half_away;
/// use rust_decimal::Decimal;
/// assert_eq!(round_half_away(Decimal::new(225, 2), 1).to_string(), "2.3");
/// assert_eq!(round_half_away(Decimal::new(-225, 2), 1).to_string(), "-2.3");
/// assert_eq!(round_half_away(Decimal::from(100), 2).to_string(), "100.00");
/// ```
#[must_use]
pub fn round_half_away(value: Decimal, places: u32) -> Decimal {
    let mut rounded = value.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(places);
    rounded
}
