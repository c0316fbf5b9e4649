//! Why a unit is left out of a comparison.

use std::fmt;

use crate::error::{Result, StatsError};

/// Why a unit is left out of a comparison: "unable to supply data",
/// "outcomes not reliably recorded". A unit that is excluded is left out of
/// both the ranking and the aggregate.
///
/// ```
/// use policing_stats::Exclusion;
/// let e = Exclusion::new("outcomes not reliably recorded")?;
/// assert_eq!(e.reason(), "outcomes not reliably recorded");
/// assert!(Exclusion::new("  ").is_err());
/// # Ok::<(), policing_stats::StatsError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "String", into = "String"))]
pub struct Exclusion {
    reason: String,
}

impl Exclusion {
    /// An exclusion with its reason.
    ///
    /// # Errors
    /// [`StatsError::EmptyExclusionReason`] if the reason is empty or blank.
    pub fn new(reason: impl Into<String>) -> Result<Self> {
        let reason = reason.into();
        if reason.trim().is_empty() {
            return Err(StatsError::EmptyExclusionReason { reason });
        }
        Ok(Exclusion { reason })
    }

    /// The reason, as given.
    #[must_use]
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl TryFrom<String> for Exclusion {
    type Error = StatsError;
    fn try_from(reason: String) -> Result<Self> {
        Exclusion::new(reason)
    }
}

impl From<Exclusion> for String {
    fn from(e: Exclusion) -> Self {
        e.reason
    }
}

impl fmt::Display for Exclusion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)
    }
}
