//! The public survey: "Some 403 people were interviewed and 54 percent were very
//! or fairly satisfied with local policing in their area. This is a 4 percent
//! increase on 2015."

use crate::Column;
use policing_stats::{wilson, PointChange, Proportion, Rate};
use rust_decimal::Decimal;

use super::crime::count_from_rate;
use super::figure_4::derived_count;
use super::{report_data, Check};

/// The survey checks. The satisfied count is derived: 54% of 403 is 217.6, and
/// the counts 216 to 219 all print as 54%; the nearest, 218, is used.
pub fn checks() -> Result<Vec<Check>, crate::PeelError> {
    let r = report_data();
    let figure = "Public survey (Ipsos MORI, July-August 2016)";
    let interviewed =
        derived_count(&r.figure("Public survey", "People interviewed", Column::Force)?.printed, Decimal::ONE)?;
    let printed = r.figure("Public survey", "Very or fairly satisfied with local policing", Column::Force)?.value()?;
    let satisfied = count_from_rate(&printed, interviewed, Rate::PER_100);
    let share = Proportion::new(satisfied, interviewed)?;
    let ci = wilson(share.part(), share.whole(), 0.95)?.scaled(100.0);
    let satisfaction = Check::input(figure, "Very or fairly satisfied with local policing (%)", "Wiltshire Police", &printed.to_string())
        .with_note(format!(
            "{satisfied} of {interviewed} (count derived from the printed {printed}%, which prints as {}%); 95% Wilson interval {:.1}% to {:.1}%",
            share.percent_rounded(0),
            ci.lower,
            ci.upper
        ));
    // The 2015 share is not printed: "a 4 percent increase" is read as 4 percentage points.
    let rise_printed = r.figure("Public survey", "Change in satisfaction on 2015", Column::Force)?.value()?.value();
    let rise = PointChange::between(printed.value() - rise_printed, printed.value())?;
    let half_width = (ci.upper - ci.lower) / 2.0;
    let change =
        Check::input(figure, "Change on 2015 (percentage points)", "Wiltshire Police", "+4").with_note(format!(
            "{rise} is {} the survey's 95% margin of about {half_width:.1} points at this sample size",
            if rise.points().abs() < Decimal::try_from(half_width)? { "within" } else { "beyond" }
        ));
    Ok(vec![satisfaction, change])
}
