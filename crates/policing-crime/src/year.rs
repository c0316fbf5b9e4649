//! Rolling years ending at the end of a quarter: the periods of the ONS tables
//! ("12 months ending 30 June 2016").

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Months, NaiveDate};
use policing_forces::Period;

use crate::error::CrimeError;

/// The 12 months ending on the last day of a calendar quarter (31 March,
/// 30 June, 30 September or 31 December).
///
/// ```
/// use policing_crime::YearEnding;
/// let y: YearEnding = "2016-06".parse()?;
/// assert_eq!(y.to_string(), "12 months to 30 June 2016");
/// assert_eq!(y.start().to_string(), "2015-07-01");
/// assert_eq!(y.years_earlier(5)?.to_string(), "12 months to 30 June 2011");
/// assert_eq!(y.quarters_earlier(1)?.to_string(), "12 months to 31 March 2016");
/// assert!("2016-05".parse::<YearEnding>().is_err());
/// # Ok::<(), policing_crime::CrimeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "NaiveDate", into = "NaiveDate"))]
pub struct YearEnding {
    end: NaiveDate,
}

fn quarter_end(year: i32, month: u32) -> Option<NaiveDate> {
    if !matches!(month, 3 | 6 | 9 | 12) {
        return None;
    }
    let first_of_next = if month == 12 {
        NaiveDate::from_ymd_opt(year.checked_add(1)?, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    first_of_next.pred_opt()
}

impl YearEnding {
    /// The year ending on `end`, which must be the last day of a quarter.
    ///
    /// # Errors
    /// [`CrimeError::NotAQuarterEnd`] naming the date.
    pub fn new(end: NaiveDate) -> Result<Self, CrimeError> {
        if quarter_end(end.year(), end.month()) == Some(end) {
            Ok(YearEnding { end })
        } else {
            Err(CrimeError::NotAQuarterEnd { text: end.to_string() })
        }
    }

    /// The year ending at the end of `month` of `year` (3, 6, 9 or 12).
    ///
    /// # Errors
    /// [`CrimeError::NotAQuarterEnd`] for another month.
    pub fn from_month(year: i32, month: u32) -> Result<Self, CrimeError> {
        quarter_end(year, month)
            .map(|end| YearEnding { end })
            .ok_or_else(|| CrimeError::NotAQuarterEnd { text: format!("{year:04}-{month:02}") })
    }

    /// The last day.
    #[must_use]
    pub fn end(self) -> NaiveDate {
        self.end
    }

    /// The first day (the day after the same date a year earlier).
    #[must_use]
    pub fn start(self) -> NaiveDate {
        let start = self
            .end
            .checked_sub_months(Months::new(12))
            .and_then(|d| quarter_end(d.year(), d.month()))
            .and_then(|d| d.succ_opt());
        // A year ending exists only for quarter ends well inside chrono's range (checked by `YearEnding::new`).
        debug_assert!(start.is_some(), "the year ending {} has a start", self.end);
        start.unwrap_or(NaiveDate::MIN)
    }

    /// The calendar year the period ends in.
    #[must_use]
    pub fn year(self) -> i32 {
        self.end.year()
    }

    /// The year ending `n` quarters earlier.
    ///
    /// # Errors
    /// [`CrimeError::NotAQuarterEnd`] if the date arithmetic leaves the calendar.
    pub fn quarters_earlier(self, n: u32) -> Result<Self, CrimeError> {
        let d = n
            .checked_mul(3)
            .and_then(|m| self.end.checked_sub_months(Months::new(m)))
            .ok_or_else(|| CrimeError::NotAQuarterEnd { text: format!("{n} quarters before {self}") })?;
        YearEnding::from_month(d.year(), d.month())
    }

    /// The year ending `n` years earlier.
    ///
    /// # Errors
    /// As [`YearEnding::quarters_earlier`].
    pub fn years_earlier(self, n: u32) -> Result<Self, CrimeError> {
        self.quarters_earlier(n.saturating_mul(4))
    }

    /// The year ending one quarter later.
    ///
    /// # Errors
    /// As [`YearEnding::quarters_earlier`].
    pub fn next_quarter(self) -> Result<Self, CrimeError> {
        let d = self
            .end
            .checked_add_months(Months::new(3))
            .ok_or_else(|| CrimeError::NotAQuarterEnd { text: format!("the quarter after {self}") })?;
        YearEnding::from_month(d.year(), d.month())
    }

    /// As a reporting period of `policing-forces`.
    #[must_use]
    pub fn period(self) -> Period {
        Period::TwelveMonthsTo(self.end)
    }
}

impl fmt::Display for YearEnding {
    /// "12 months to 30 June 2016", as the reports write it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "12 months to {}", self.end.format("%-d %B %Y"))
    }
}

impl FromStr for YearEnding {
    type Err = CrimeError;

    /// Parses `YYYY-MM` (the month the quarter ends), `YYYY-MM-DD` (the last
    /// day), or the ONS tables' `DD-MM-YYYY`.
    fn from_str(text: &str) -> Result<Self, CrimeError> {
        let t = text.trim();
        let err = || CrimeError::NotAQuarterEnd { text: text.to_owned() };
        if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
            return YearEnding::new(d).map_err(|_| err());
        }
        if let Ok(d) = NaiveDate::parse_from_str(t, "%d-%m-%Y") {
            return YearEnding::new(d).map_err(|_| err());
        }
        if let Some(problem) = policing_forces::month_problem(t) {
            return Err(CrimeError::NotAMonth { detail: problem });
        }
        let (y, m) = t.split_once('-').ok_or_else(err)?;
        let (y, m) = (y.parse().map_err(|_| err())?, m.parse().map_err(|_| err())?);
        YearEnding::from_month(y, m).map_err(|_| err())
    }
}

impl TryFrom<NaiveDate> for YearEnding {
    type Error = CrimeError;
    fn try_from(d: NaiveDate) -> Result<Self, CrimeError> {
        YearEnding::new(d)
    }
}

impl From<YearEnding> for NaiveDate {
    fn from(y: YearEnding) -> NaiveDate {
        y.end
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "a test: a failure panics with its message")]
    use super::*;

    #[test]
    fn quarter_ends() {
        for (text, end) in
            [("2016-03", "2016-03-31"), ("2016-06", "2016-06-30"), ("2016-09", "2016-09-30"), ("2017-12", "2017-12-31")]
        {
            assert_eq!(text.parse::<YearEnding>().unwrap().end().to_string(), end);
            assert_eq!(end.parse::<YearEnding>().unwrap().end().to_string(), end);
        }
        assert_eq!("31-12-2017".parse::<YearEnding>().unwrap().end().to_string(), "2017-12-31");
        // The ONS table's one mislabelled quarter is the reader's business, not a quarter end.
        assert!("30-12-2017".parse::<YearEnding>().is_err());
        for bad in ["2016-13", "2016-6", "16-06", "2016-06-29", "June 2016", ""] {
            assert!(bad.parse::<YearEnding>().is_err(), "{bad}");
        }
        let y = YearEnding::from_month(2016, 3).unwrap();
        assert_eq!(y.start().to_string(), "2015-04-01");
        assert_eq!(y.quarters_earlier(1).unwrap().end().to_string(), "2015-12-31");
        assert_eq!(y.next_quarter().unwrap().end().to_string(), "2016-06-30");
        assert_eq!(YearEnding::from_month(2016, 12).unwrap().start().to_string(), "2016-01-01");
        assert_eq!(y.period().to_string(), "12 months to 31 March 2016");
    }
}
