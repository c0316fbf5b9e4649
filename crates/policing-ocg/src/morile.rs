//! MoRiLE-style prioritisation: harm, likelihood, organisational position and
//! confidence, as a small configurable scoring model.
//!
//! The tactical MoRiLE matrix has three sections, harm, likelihood and
//! organisational position, with a total harm score, a total likelihood score,
//! a risk score, a separate confidence score and a priority (confirmed, column
//! names only: `docs/reference/domain.md` section 7). How the scores combine is
//! **UNCONFIRMED**; this model makes the commonly described choice explicit:
//!
//! - total harm = the sum of the harm columns, each scored 0 to `harm_max`;
//! - risk = total harm x likelihood (likelihood 0 to `likelihood_max`);
//! - priority = risk + organisational position x `position_weight`, where the
//!   position (0 to `position_max`) scores how far the force lacks the capacity
//!   or capability to act, so a gap raises the priority;
//! - confidence (low, medium, high) is reported alongside and never multiplied in.

use crate::error::{OcgError, Result};

/// The harm columns of the matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[allow(clippy::exhaustive_structs, reason = "an input its users build field by field")]
pub struct Harm {
    /// Physical impact.
    pub physical: u32,
    /// Psychological impact.
    pub psychological: u32,
    /// Financial impact.
    pub financial: u32,
    /// Community and environment.
    pub community: u32,
    /// Geographic scope.
    pub geographic_scope: u32,
}

impl Harm {
    fn columns(&self) -> [(&'static str, u32); 5] {
        [
            ("physical harm", self.physical),
            ("psychological harm", self.psychological),
            ("financial harm", self.financial),
            ("community harm", self.community),
            ("geographic scope", self.geographic_scope),
        ]
    }
}

/// How sure the assessor is of the information.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Confidence {
    /// Low.
    Low,
    /// Medium.
    Medium,
    /// High.
    High,
}

/// One assessment's inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[allow(clippy::exhaustive_structs, reason = "an input its users build field by field")]
pub struct MorileInput {
    /// The harm columns.
    pub harm: Harm,
    /// The likelihood, victim vulnerability included.
    pub likelihood: u32,
    /// How far the force lacks the capacity or capability to act.
    pub organisational_position: u32,
    /// Confidence in the information.
    pub confidence: Confidence,
}

/// The scores of one assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct MorileScore {
    /// Sum of the harm columns.
    pub total_harm: u32,
    /// Total harm x likelihood.
    pub risk: u32,
    /// Risk adjusted for organisational position.
    pub priority: u32,
    /// Reported alongside.
    pub confidence: Confidence,
}

/// The scoring model's scales and weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct MorileModel {
    /// Highest score of a harm column.
    pub harm_max: u32,
    /// Highest likelihood score.
    pub likelihood_max: u32,
    /// Highest organisational position score.
    pub position_max: u32,
    /// What one point of organisational position adds to the priority.
    pub position_weight: u32,
}

impl Default for MorileModel {
    /// Columns 0-5, likelihood 0-5, position 0-4 weighted 5.
    fn default() -> Self {
        MorileModel { harm_max: 5, likelihood_max: 5, position_max: 4, position_weight: 5 }
    }
}

fn in_range(what: &'static str, value: u32, max: u32) -> Result<u32> {
    if value > max {
        Err(OcgError::ScoreOutOfRange { what, value, max })
    } else {
        Ok(value)
    }
}

impl MorileModel {
    /// Scores one assessment.
    ///
    /// ```
    /// use policing_ocg::morile::{Confidence, Harm, MorileInput, MorileModel};
    /// let input = MorileInput {
    ///     harm: Harm { physical: 4, psychological: 3, financial: 2, community: 4, geographic_scope: 2 },
    ///     likelihood: 4,
    ///     organisational_position: 2,
    ///     confidence: Confidence::Medium,
    /// };
    /// let s = MorileModel::default().score(&input)?;
    /// assert_eq!((s.total_harm, s.risk, s.priority), (15, 60, 70));
    /// # Ok::<(), policing_ocg::OcgError>(())
    /// ```
    ///
    /// # Errors
    /// [`OcgError::ScoreOutOfRange`] naming the score above its scale.
    pub fn score(&self, input: &MorileInput) -> Result<MorileScore> {
        let mut total_harm = 0u32;
        for (what, value) in input.harm.columns() {
            total_harm = total_harm.saturating_add(in_range(what, value, self.harm_max)?);
        }
        let likelihood = in_range("likelihood", input.likelihood, self.likelihood_max)?;
        let position = in_range("organisational position", input.organisational_position, self.position_max)?;
        let risk = total_harm.saturating_mul(likelihood);
        let priority = risk.saturating_add(position.saturating_mul(self.position_weight));
        Ok(MorileScore { total_harm, risk, priority, confidence: input.confidence })
    }
}
