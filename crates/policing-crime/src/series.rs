//! Recorded crime counts by force area, rolling year and offence, as the ONS
//! police force area tables hold them.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use policing_forces::Force;

use crate::error::CrimeError;
use crate::offence::Offence;
use crate::year::YearEnding;

/// Why a figure has no value: said in words, carried to the output.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct NotAvailable {
    /// The reason.
    pub reason: String,
}

impl NotAvailable {
    /// A reason.
    pub fn because(reason: impl Into<String>) -> Self {
        NotAvailable { reason: reason.into() }
    }
}

impl fmt::Display for NotAvailable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)
    }
}

/// A figure that is not available is an error a caller can pass on with `?`.
impl std::error::Error for NotAvailable {}

/// A figure, or why it has none.
pub type Figure<T> = Result<T, NotAvailable>;

/// The national fraud sources the ONS tables list beside the force areas.
///
/// A closed set for the tables this crate reads; not force areas, never in a
/// force's or England and Wales's recorded crime here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum FraudSource {
    /// Action Fraud (the national fraud and cyber crime reporting centre).
    ActionFraud,
    /// CIFAS (the UK fraud prevention service).
    Cifas,
    /// UK Finance (formerly Financial Fraud Action UK).
    UkFinance,
}

impl FraudSource {
    /// Every source.
    pub const ALL: [FraudSource; 3] = [FraudSource::ActionFraud, FraudSource::Cifas, FraudSource::UkFinance];

    /// The name as the ONS tables write it.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            FraudSource::ActionFraud => "Action Fraud",
            FraudSource::Cifas => "CIFAS",
            FraudSource::UkFinance => "UK Finance",
        }
    }

    /// The source named exactly `text` (ignoring case and surrounding spaces).
    #[must_use]
    pub fn from_name(text: &str) -> Option<Self> {
        FraudSource::ALL.into_iter().find(|s| s.name().eq_ignore_ascii_case(text.trim()))
    }
}

impl fmt::Display for FraudSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Quarter {
    forces: BTreeMap<Force, BTreeMap<Offence, i64>>,
    national_fraud: BTreeMap<FraudSource, i64>,
    offences: BTreeSet<Offence>,
}

/// Police recorded crime by force area, rolling year and offence.
///
/// Counts may be negative (the ONS tables carry a few later adjustments as
/// negative rolling totals): they are kept as they are. A row that is absent
/// is not a zero: [`RecordedCrime::count`] says when a force lacks a row that
/// other forces have for the same quarter.
///
/// ```
/// use policing_crime::{Offence, RecordedCrime, YearEnding};
/// use policing_forces::Force;
///
/// let y = YearEnding::from_month(2016, 6)?;
/// let mut crime = RecordedCrime::new();
/// crime.insert(y, Force::Wiltshire, Offence::Robbery, 193)?;
/// crime.insert(y, Force::Wiltshire, Offence::Shoplifting, 3_484)?;
/// crime.insert(y, Force::Dorset, Offence::Robbery, 150)?;
/// assert_eq!(crime.count(Force::Wiltshire, y, &[Offence::Robbery, Offence::Shoplifting]), Ok(3_677));
/// // Dorset has no shoplifting row while Wiltshire has one: not a zero.
/// assert!(crime.count(Force::Dorset, y, &[Offence::Shoplifting]).is_err());
/// assert!(crime.insert(y, Force::Dorset, Offence::Robbery, 151).is_err());
/// # Ok::<(), policing_crime::CrimeError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecordedCrime {
    quarters: BTreeMap<YearEnding, Quarter>,
}

impl RecordedCrime {
    /// An empty series.
    #[must_use]
    pub fn new() -> Self {
        RecordedCrime::default()
    }

    /// Adds a force area's count for an offence in a rolling year.
    ///
    /// # Errors
    /// [`CrimeError::Duplicate`] if the force, year and offence already have a count.
    pub fn insert(&mut self, year: YearEnding, force: Force, offence: Offence, count: i64) -> Result<(), CrimeError> {
        let quarter = self.quarters.entry(year).or_default();
        let slot = quarter.forces.entry(force).or_default();
        if let Some(first) = slot.get(&offence) {
            return Err(CrimeError::Duplicate {
                area: force.to_string(),
                year: year.to_string(),
                offence: offence.to_string(),
                first: *first,
                second: count,
            });
        }
        slot.insert(offence, count);
        quarter.offences.insert(offence);
        Ok(())
    }

    /// Adds a national fraud source's count for a rolling year.
    ///
    /// # Errors
    /// [`CrimeError::Duplicate`] if the source and year already have a count.
    pub fn insert_national_fraud(
        &mut self,
        year: YearEnding,
        source: FraudSource,
        count: i64,
    ) -> Result<(), CrimeError> {
        let quarter = self.quarters.entry(year).or_default();
        if let Some(first) = quarter.national_fraud.insert(source, count) {
            quarter.national_fraud.insert(source, first);
            return Err(CrimeError::Duplicate {
                area: source.to_string(),
                year: year.to_string(),
                offence: source.to_string(),
                first,
                second: count,
            });
        }
        Ok(())
    }

    /// The rolling years held, earliest first.
    pub fn years(&self) -> impl Iterator<Item = YearEnding> + '_ {
        self.quarters.keys().copied()
    }

    /// The latest rolling year held.
    #[must_use]
    pub fn latest(&self) -> Option<YearEnding> {
        self.quarters.keys().next_back().copied()
    }

    /// Whether the table holds the rolling year.
    #[must_use]
    pub fn holds(&self, year: YearEnding) -> bool {
        self.quarters.contains_key(&year)
    }

    /// The rolling year a table's figures are for, resolved once against what the
    /// table holds: `asked`, or the latest held when `None`.
    ///
    /// ```
    /// use policing_crime::{CrimeError, RecordedCrime, YearEnding, Offence};
    /// use policing_forces::Force;
    /// let mut t = RecordedCrime::new();
    /// let june = YearEnding::from_month(2016, 6)?;
    /// t.insert(june, Force::Wiltshire, Offence::SexualOffences, 1_000)?;
    /// assert_eq!(t.resolve(None)?, june);
    /// let e = t.resolve(Some(YearEnding::from_month(2030, 6)?)).unwrap_err();
    /// assert!(matches!(e, CrimeError::PeriodNotHeld { .. }));
    /// assert!(e.to_string().contains("30 June 2016 to 30 June 2016"), "{e}");
    /// # Ok::<(), CrimeError>(())
    /// ```
    ///
    /// # Errors
    /// [`CrimeError::PeriodNotHeld`] naming the range held (or saying no rows are held).
    pub fn resolve(&self, asked: Option<YearEnding>) -> Result<YearEnding, CrimeError> {
        let held = || match (self.years().next(), self.latest()) {
            (Some(first), Some(last)) => format!(
                "rolling years ending {} to {}",
                first.end().format("%-d %B %Y"),
                last.end().format("%-d %B %Y")
            ),
            _ => "no rows".to_owned(),
        };
        let not_held = |asked: String| CrimeError::PeriodNotHeld {
            asked,
            held: held(),
            source_name: "the recorded crime table".to_owned(),
        };
        match asked {
            Some(year) if self.holds(year) => Ok(year),
            Some(year) => Err(not_held(year.to_string())),
            None => self.latest().ok_or_else(|| not_held("latest rolling year".to_owned())),
        }
    }

    /// The offences any force has a row for in the rolling year.
    pub fn offences_in(&self, year: YearEnding) -> impl Iterator<Item = Offence> + '_ {
        self.quarters.get(&year).into_iter().flat_map(|q| q.offences.iter().copied())
    }

    /// The forces with rows in the rolling year.
    pub fn forces_in(&self, year: YearEnding) -> impl Iterator<Item = Force> + '_ {
        self.quarters.get(&year).into_iter().flat_map(|q| q.forces.keys().copied())
    }

    /// One force's count for one offence, as held.
    #[must_use]
    pub fn get(&self, force: Force, year: YearEnding, offence: Offence) -> Option<i64> {
        self.quarters.get(&year)?.forces.get(&force)?.get(&offence).copied()
    }

    /// A national fraud source's count, as held.
    #[must_use]
    pub fn national_fraud(&self, year: YearEnding, source: FraudSource) -> Option<i64> {
        self.quarters.get(&year)?.national_fraud.get(&source).copied()
    }

    /// A force's count over several offences in a rolling year.
    ///
    /// An offence that no force has a row for in that year (fraud offences after
    /// forces stopped recording them, residential burglary before its rows
    /// exist) is not part of that year's table and adds nothing. An offence
    /// that other forces have and this force lacks makes the count not
    /// available: a missing row is not a zero.
    ///
    /// # Errors
    /// [`NotAvailable`] with the reason: the year is not in the table, the force
    /// has no rows for it, a row is missing, or none of the offences is in that
    /// year's table.
    pub fn count(&self, force: Force, year: YearEnding, offences: &[Offence]) -> Figure<i64> {
        let quarter = self
            .quarters
            .get(&year)
            .ok_or_else(|| NotAvailable::because(format!("the table has no figures for the {}", year)))?;
        let rows = quarter
            .forces
            .get(&force)
            .ok_or_else(|| NotAvailable::because(format!("the table has no rows for {force} for the {}", year)))?;
        let mut total = 0i64;
        let mut any = false;
        for offence in offences {
            if !quarter.offences.contains(offence) {
                continue;
            }
            let n = rows
                .get(offence)
                .ok_or_else(|| NotAvailable::because(format!("{force}'s {offence} row is missing for the {}", year)))?;
            total = total
                .checked_add(*n)
                .ok_or_else(|| NotAvailable::because(format!("{force}'s count overflows for the {}", year)))?;
            any = true;
        }
        if !any {
            let names: Vec<&str> = offences.iter().map(|o| o.name()).collect();
            return Err(NotAvailable::because(format!(
                "{} {} not in the table for the {}",
                names.join(", "),
                if names.len() == 1 { "is" } else { "are" },
                year
            )));
        }
        Ok(total)
    }
}
