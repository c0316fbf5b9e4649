//! PEEL grades and judgments.

use std::fmt;
use std::str::FromStr;

use crate::error::{PeelError, Result};

/// A PEEL grade, best first.
///
/// A closed set: HMIC's four grades (footnote 2 of the report).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Grade {
    /// Outstanding.
    Outstanding,
    /// Good.
    Good,
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
        [Grade::Outstanding, Grade::Good, Grade::RequiresImprovement, Grade::Inadequate]
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
    /// One of the two was ungraded.
    NotComparable,
}

impl Change {
    /// The change from `before` to `after`.
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
