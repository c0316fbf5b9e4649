//! The public survey: "Some 403 people were interviewed and 54 percent were very
//! or fairly satisfied with local policing in their area. This is a 4 percent
//! increase on 2015."

use policing::stats::{wilson, PointChange, Proportion};
use rust_decimal::Decimal;

use super::Check;

/// The survey checks. The satisfied count is derived: 54% of 403 is 217.6, and
/// the counts 216 to 219 all print as 54%; 218 is used.
pub fn checks() -> Result<Vec<Check>, Box<dyn std::error::Error>> {
    let satisfied = Proportion::new(218, 403)?;
    let ci = wilson(satisfied.part(), satisfied.whole(), 0.95)?.scaled(100.0);
    // The count is derived from the printed share, so the share is an input, not a reproduction.
    let share = Check::input(
        "Public survey (Ipsos MORI, July-August 2016)",
        "Very or fairly satisfied with local policing (%)",
        "Wiltshire Police",
        "54",
    )
    .with_note(format!(
        "from 218 of 403 (count derived from the printed 54%); 95% Wilson interval {:.1}% to {:.1}%",
        ci.lower, ci.upper
    ));
    // The 2015 share is not printed: "a 4 percent increase" is read as 4 percentage points.
    let rise = PointChange::between(satisfied.percent_rounded(0) - Decimal::from(4), satisfied.percent_rounded(0))?;
    let half_width = (ci.upper - ci.lower) / 2.0;
    let change = Check::input(
        "Public survey (Ipsos MORI, July-August 2016)",
        "Change on 2015 (percentage points)",
        "Wiltshire Police",
        "4",
    )
    .with_note(format!(
        "{rise} is {} the survey's 95% margin of about {half_width:.1} points at this sample size",
        if rise.points().abs() < Decimal::try_from(half_width)? { "within" } else { "beyond" }
    ));
    Ok(vec![share, change])
}
