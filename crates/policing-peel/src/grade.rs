//! PEEL grades and judgments.

use std::fmt;
use std::str::FromStr;

use crate::error::{PeelError, Result};

/// A PEEL grading framework: which grades exist, and so which judgments can be compared.
///
/// - 2014 to 2019 (the pillar inspections, then the integrated PEEL assessments of
///   2018/19): four grades, outstanding, good, requires improvement, inadequate
///   (footnote 2 of the 2016 reports).
/// - From the 2021/22 PEEL inspections: five grades, outstanding, good, adequate,
///   requires improvement, inadequate, and other questions
///   (`docs/reference/domain.md` section 12).
///
/// Judgments of different frameworks are not on one scale: a year-on-year
/// comparison across them is [`Change::NotComparable`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Framework {
    /// The 2014-2019 inspections: four grades.
    Peel2014To2019,
    /// The PEEL inspections from 2021/22: five grades.
    Peel2021,
}

impl Framework {
    /// The framework of an inspection year (2014-2020: the four-grade framework; 2021 on: five grades).
    #[must_use]
    pub fn of_year(year: u16) -> Framework {
        if year >= 2021 {
            Framework::Peel2021
        } else {
            Framework::Peel2014To2019
        }
    }

    /// The grades of the framework, best first.
    #[must_use]
    pub fn grades(self) -> &'static [Grade] {
        match self {
            Framework::Peel2014To2019 => {
                &[Grade::Outstanding, Grade::Good, Grade::RequiresImprovement, Grade::Inadequate]
            }
            Framework::Peel2021 => {
                &[Grade::Outstanding, Grade::Good, Grade::Adequate, Grade::RequiresImprovement, Grade::Inadequate]
            }
        }
    }

    /// Parses a judgment that must belong to this framework.
    ///
    /// ```
    /// use policing_peel::{Framework, Grade, Judgement};
    /// assert_eq!(Framework::Peel2021.judgement("Adequate")?, Judgement::Graded(Grade::Adequate));
    /// assert!(Framework::Peel2014To2019.judgement("adequate").is_err());
    /// # Ok::<(), policing_peel::PeelError>(())
    /// ```
    ///
    /// # Errors
    /// [`PeelError::UnknownGrade`] for text that is no grade, or a grade the framework does not have.
    pub fn judgement(self, text: &str) -> Result<Judgement> {
        let j: Judgement = text.parse()?;
        match j.grade() {
            Some(g) if !self.grades().contains(&g) => Err(PeelError::UnknownGrade { text: text.to_owned() }),
            _ => Ok(j),
        }
    }
}

/// A PEEL grade, best first.
///
/// A closed set: the grades of every framework ([`Framework::grades`]).
/// `Adequate` exists only from 2021.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Grade {
    /// Outstanding.
    Outstanding,
    /// Good.
    Good,
    /// Adequate (from the 2021/22 inspections).
    Adequate,
    /// Requires improvement.
    RequiresImprovement,
    /// Inadequate.
    Inadequate,
}

impl Grade {
    /// The grade as the reports print it.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Grade::Outstanding => "outstanding",
            Grade::Good => "good",
            Grade::Adequate => "adequate",
            Grade::RequiresImprovement => "requires improvement",
            Grade::Inadequate => "inadequate",
        }
    }
}

/// A judgment on a question or a pillar: a grade, or ungraded (specialist capabilities in 2016).
///
/// ```
/// use policing_peel::{Grade, Judgement};
/// let j: Judgement = "Requires improvement".parse()?;
/// assert_eq!(j, Judgement::Graded(Grade::RequiresImprovement));
/// assert_eq!("Ungraded".parse::<Judgement>()?, Judgement::Ungraded);
/// # Ok::<(), policing_peel::PeelError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Judgement {
    /// A grade.
    Graded(Grade),
    /// Not graded.
    Ungraded,
}

impl Judgement {
    /// The grade, if graded.
    #[must_use]
    pub fn grade(self) -> Option<Grade> {
        match self {
            Judgement::Graded(g) => Some(g),
            Judgement::Ungraded => None,
        }
    }
}

impl fmt::Display for Judgement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Judgement::Graded(g) => f.write_str(g.name()),
            Judgement::Ungraded => f.write_str("ungraded"),
        }
    }
}

impl FromStr for Judgement {
    type Err = PeelError;
    fn from_str(s: &str) -> Result<Self> {
        let t = s.trim().to_ascii_lowercase();
        if t == "ungraded" {
            return Ok(Judgement::Ungraded);
        }
        [Grade::Outstanding, Grade::Good, Grade::Adequate, Grade::RequiresImprovement, Grade::Inadequate]
            .into_iter()
            .find(|g| g.name() == t)
            .map(Judgement::Graded)
            .ok_or_else(|| PeelError::UnknownGrade { text: s.to_owned() })
    }
}

/// How a judgment changed from one inspection to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Change {
    /// A better grade.
    Improved,
    /// The same judgment.
    Same,
    /// A worse grade.
    Declined,
    /// One of the two was ungraded, or they belong to different frameworks.
    NotComparable,
}

impl Change {
    /// The change from `before` to `after`, both of the same framework (see
    /// [`InspectionReport::year_on_year`](crate::InspectionReport::year_on_year), which checks).
    #[must_use]
    pub fn between(before: Judgement, after: Judgement) -> Change {
        match (before.grade(), after.grade()) {
            (Some(b), Some(a)) if a < b => Change::Improved,
            (Some(b), Some(a)) if a > b => Change::Declined,
            (Some(_), Some(_)) => Change::Same,
            _ if before == after => Change::Same,
            _ => Change::NotComparable,
        }
    }
}
