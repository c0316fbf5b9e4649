//! The calendar month every data.police.uk row and file name carries.

use std::fmt;
use std::str::FromStr;

use super::error::{DataError, Result};

/// A calendar month, as data.police.uk writes it ("2016-06").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Month {
    year: u16,
    month: u8,
}

impl Month {
    /// A month.
    ///
    /// # Errors
    /// [`DataError::InvalidOption`] unless 1 <= month <= 12.
    pub fn new(year: u16, month: u8) -> Result<Self> {
        if (1..=12).contains(&month) {
            Ok(Month { year, month })
        } else {
            Err(DataError::InvalidOption { detail: format!("month {month} of {year}") })
        }
    }

    /// The year.
    #[must_use]
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month of the year, 1 to 12.
    #[must_use]
    pub fn month(self) -> u8 {
        self.month
    }

    /// Checks that a range of months runs forwards.
    ///
    /// # Errors
    /// [`DataError::InvalidOption`] when `from` is after `to`.
    pub(crate) fn check_range(from: Month, to: Month) -> Result<()> {
        if from > to {
            return Err(DataError::InvalidOption {
                detail: format!("the months run from {from} to {to}: the first is after the last"),
            });
        }
        Ok(())
    }

    /// Parses exactly `YYYY-MM`.
    #[must_use]
    pub fn parse_bytes(b: &[u8]) -> Option<Month> {
        let [y1, y2, y3, y4, b'-', m1, m2] = *b else { return None };
        let digit = |c: u8| c.is_ascii_digit().then(|| c - b'0');
        let year = [y1, y2, y3, y4].iter().try_fold(0u16, |acc, c| Some(acc * 10 + u16::from(digit(*c)?)))?;
        let month = digit(m1)? * 10 + digit(m2)?;
        (1..=12).contains(&month).then_some(Month { year, month })
    }
}

impl FromStr for Month {
    type Err = DataError;
    fn from_str(s: &str) -> Result<Self> {
        Month::parse_bytes(s.trim().as_bytes()).ok_or_else(|| DataError::InvalidOption {
            detail: policing_forces::month_problem(s).unwrap_or_else(|| format!("{s:?} is not a month (YYYY-MM)")),
        })
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Month {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}
