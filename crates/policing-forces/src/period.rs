//! Reporting periods as typed values.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Days, Months, NaiveDate};

use crate::error::{ForceError, Result};

/// A period a figure refers to.
///
/// ```
/// use policing_forces::Period;
/// let p: Period = "12 months to 30 June 2016".parse()?;
/// assert_eq!((p.start().to_string(), p.end().to_string()), ("2015-07-01".into(), "2016-06-30".into()));
/// assert_eq!(p.previous()?.to_string(), "12 months to 30 June 2015");
/// let fy: Period = "2015/16".parse()?;
/// assert_eq!(fy.end().to_string(), "2016-03-31");
/// assert_eq!("as at 1 July 2016".parse::<Period>()?.to_string(), "as at 1 July 2016");
/// assert_eq!("2016 Q2".parse::<Period>()?.start().to_string(), "2016-04-01");
/// # Ok::<(), policing_forces::ForceError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Period {
    /// The 12 months ending on (and including) this date.
    TwelveMonthsTo(NaiveDate),
    /// A single date: "as at 1 July 2016".
    AsAt(NaiveDate),
    /// A calendar quarter, 1 to 4.
    Quarter {
        /// The year.
        year: i32,
        /// The quarter, 1 (January to March) to 4.
        quarter: u8,
    },
    /// A financial year, 1 April of this year to 31 March of the next ("2015/16").
    FinancialYear(i32),
    /// Any run of days, both ends included.
    Range {
        /// The first day.
        start: NaiveDate,
        /// The last day.
        end: NaiveDate,
    },
}

fn date(y: i32, m: u32, d: u32) -> Result<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
        .ok_or_else(|| ForceError::InvalidPeriod { detail: format!("{y}-{m}-{d} is not a date") })
}

fn day_before(d: NaiveDate) -> Result<NaiveDate> {
    d.checked_sub_days(Days::new(1)).ok_or(ForceError::DateOutOfRange { date: d })
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn long(d: NaiveDate) -> String {
    let month = MONTHS.get(d.month0() as usize).copied().unwrap_or("?");
    format!("{} {month} {}", d.day(), d.year())
}

fn parse_long(text: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = text.split_whitespace().collect();
    let [day, month, year] = parts.as_slice() else { return None };
    let m = MONTHS.iter().position(|n| n.eq_ignore_ascii_case(month) || n[..3].eq_ignore_ascii_case(month))?;
    NaiveDate::from_ymd_opt(year.parse().ok()?, u32::try_from(m).ok()? + 1, day.parse().ok()?)
}

impl Period {
    /// A calendar quarter.
    ///
    /// # Errors
    /// [`ForceError::InvalidPeriod`] unless the quarter is 1-4.
    pub fn quarter(year: i32, quarter: u8) -> Result<Self> {
        if (1..=4).contains(&quarter) {
            Ok(Period::Quarter { year, quarter })
        } else {
            Err(ForceError::InvalidPeriod { detail: format!("quarter {quarter} of {year}") })
        }
    }

    /// Quarter `quarter` (1-4) of the financial year starting 1 April `start_year`,
    /// as the calendar quarter it is: financial Q1 is April to June (calendar Q2),
    /// financial Q4 is January to March of the next year.
    ///
    /// ```
    /// use policing_forces::Period;
    /// let q4 = Period::financial_quarter(2015, 4)?;
    /// assert_eq!((q4.start().to_string(), q4.end().to_string()), ("2016-01-01".into(), "2016-03-31".into()));
    /// # Ok::<(), policing_forces::ForceError>(())
    /// ```
    ///
    /// # Errors
    /// [`ForceError::InvalidPeriod`] unless the quarter is 1-4.
    pub fn financial_quarter(start_year: i32, quarter: u8) -> Result<Self> {
        match quarter {
            1..=3 => Period::quarter(start_year, quarter + 1),
            4 => Period::quarter(start_year + 1, 1),
            _ => Err(ForceError::InvalidPeriod { detail: format!("financial quarter {quarter} of {start_year}") }),
        }
    }

    /// A run of days.
    ///
    /// # Errors
    /// [`ForceError::InvalidPeriod`] if `end` is before `start`.
    pub fn range(start: NaiveDate, end: NaiveDate) -> Result<Self> {
        if end < start {
            return Err(ForceError::InvalidPeriod { detail: format!("{end} is before {start}") });
        }
        Ok(Period::Range { start, end })
    }

    fn bounds(self) -> Result<(NaiveDate, NaiveDate)> {
        Ok(match self {
            Period::TwelveMonthsTo(end) => {
                let back = end.checked_sub_months(Months::new(12)).ok_or(ForceError::DateOutOfRange { date: end })?;
                (back.checked_add_days(Days::new(1)).ok_or(ForceError::DateOutOfRange { date: back })?, end)
            }
            Period::AsAt(d) => (d, d),
            Period::Quarter { year, quarter } => {
                let first_month = u32::from(quarter.clamp(1, 4)) * 3 - 2;
                let start = date(year, first_month, 1)?;
                let next =
                    start.checked_add_months(Months::new(3)).ok_or(ForceError::DateOutOfRange { date: start })?;
                (start, day_before(next)?)
            }
            Period::FinancialYear(y) => (date(y, 4, 1)?, date(y + 1, 3, 31)?),
            Period::Range { start, end } => (start, end),
        })
    }

    /// The first day.
    #[must_use]
    pub fn start(self) -> NaiveDate {
        self.bounds().map_or(NaiveDate::MIN, |b| b.0)
    }

    /// The last day.
    #[must_use]
    pub fn end(self) -> NaiveDate {
        self.bounds().map_or(NaiveDate::MAX, |b| b.1)
    }

    /// The number of days, both ends included.
    #[must_use]
    pub fn days(self) -> i64 {
        (self.end() - self.start()).num_days() + 1
    }

    /// Whether `d` lies in the period.
    #[must_use]
    pub fn contains(self, d: NaiveDate) -> bool {
        self.start() <= d && d <= self.end()
    }

    /// The period to compare with: the 12 months, quarter or financial year
    /// before; the same date a year earlier for "as at"; the same number of days
    /// immediately before for a range.
    ///
    /// # Errors
    /// [`ForceError::DateOutOfRange`] at the ends of the calendar.
    pub fn previous(self) -> Result<Period> {
        Ok(match self {
            Period::TwelveMonthsTo(end) => Period::TwelveMonthsTo(
                end.checked_sub_months(Months::new(12)).ok_or(ForceError::DateOutOfRange { date: end })?,
            ),
            Period::AsAt(d) => {
                Period::AsAt(d.checked_sub_months(Months::new(12)).ok_or(ForceError::DateOutOfRange { date: d })?)
            }
            Period::Quarter { year, quarter: 1 } => Period::Quarter { year: year - 1, quarter: 4 },
            Period::Quarter { year, quarter } => Period::Quarter { year, quarter: quarter - 1 },
            Period::FinancialYear(y) => Period::FinancialYear(y - 1),
            Period::Range { start, end } => {
                let length = u64::try_from((end - start).num_days() + 1).unwrap_or(0);
                let new_end = day_before(start)?;
                let new_start =
                    start.checked_sub_days(Days::new(length)).ok_or(ForceError::DateOutOfRange { date: start })?;
                Period::Range { start: new_start, end: new_end }
            }
        })
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Period::TwelveMonthsTo(end) => write!(f, "12 months to {}", long(end)),
            Period::AsAt(d) => write!(f, "as at {}", long(d)),
            Period::Quarter { year, quarter } => write!(f, "{year} Q{quarter}"),
            Period::FinancialYear(y) => write!(f, "{y}/{:02}", (y + 1).rem_euclid(100)),
            Period::Range { start, end } => write!(f, "{} to {}", long(start), long(end)),
        }
    }
}

impl FromStr for Period {
    type Err = ForceError;

    /// Parses what [`Display`](fmt::Display) prints, and "year ending 31 March 2016".
    fn from_str(text: &str) -> Result<Self> {
        let bad = || ForceError::UnparsablePeriod { text: text.to_owned() };
        let t = text.trim();
        let lower = t.to_ascii_lowercase();
        for prefix in ["12 months to ", "twelve months to ", "year ending ", "year to "] {
            if lower.starts_with(prefix) {
                return t.get(prefix.len()..).and_then(parse_long).map(Period::TwelveMonthsTo).ok_or_else(bad);
            }
        }
        if lower.starts_with("as at ") {
            return t.get(6..).and_then(parse_long).map(Period::AsAt).ok_or_else(bad);
        }
        if let Some((a, b)) = t.split_once('/') {
            let y: i32 = a.trim().parse().map_err(|_| bad())?;
            let next: i32 = b.trim().parse().map_err(|_| bad())?;
            return if next == (y + 1).rem_euclid(100) || next == y + 1 {
                Ok(Period::FinancialYear(y))
            } else {
                Err(bad())
            };
        }
        if let Some((y, q)) = t.split_once(" Q").or_else(|| t.split_once(" q")) {
            return Period::quarter(y.trim().parse().map_err(|_| bad())?, q.trim().parse().map_err(|_| bad())?);
        }
        if let Some((a, b)) = t.split_once(" to ") {
            let (start, end) = (parse_long(a).ok_or_else(bad)?, parse_long(b).ok_or_else(bad)?);
            return Period::range(start, end);
        }
        Err(bad())
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Period {
    /// Periods order by their first day, then their last day (then by kind, so
    /// that the order agrees with equality).
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.start(), self.end(), self.kind_rank()).cmp(&(other.start(), other.end(), other.kind_rank()))
    }
}

impl Period {
    fn kind_rank(self) -> u8 {
        match self {
            Period::TwelveMonthsTo(_) => 0,
            Period::AsAt(_) => 1,
            Period::Quarter { .. } => 2,
            Period::FinancialYear(_) => 3,
            Period::Range { .. } => 4,
        }
    }
}

/// Why `text` is not a month written `YYYY-MM`, in words a person can act on
/// ("there is no month 13: months run from 01 to 12"); `None` when it is one.
///
/// ```
/// use policing_forces::month_problem;
///
/// assert_eq!(month_problem("2016-06"), None);
/// assert!(month_problem("2016-13").unwrap().contains("no month 13"));
/// assert!(month_problem("2016-1").unwrap().contains("two digits"));
/// assert!(month_problem("June 2016").unwrap().contains("YYYY-MM"));
/// ```
#[must_use]
pub fn month_problem(text: &str) -> Option<String> {
    let t = text.trim();
    let Some((y, m)) = t.split_once('-') else {
        return Some(format!("{t:?} is not a month: write it as YYYY-MM, e.g. 2016-06"));
    };
    if y.len() != 4 || !y.bytes().all(|b| b.is_ascii_digit()) {
        return Some(format!("{t:?} is not a month: the year comes first, in four digits (YYYY-MM, e.g. 2016-06)"));
    }
    if m.is_empty() || !m.bytes().all(|b| b.is_ascii_digit()) {
        return Some(format!("{t:?} is not a month: write it as YYYY-MM, e.g. 2016-06"));
    }
    let n: u32 = m.parse().unwrap_or(0);
    if !(1..=12).contains(&n) {
        return Some(format!("{t:?}: there is no month {n}: months run from 01 to 12"));
    }
    if m.len() != 2 {
        return Some(format!("{t:?}: write the month with two digits ({y}-{n:02})"));
    }
    None
}
