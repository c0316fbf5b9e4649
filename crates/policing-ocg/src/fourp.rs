//! The 4P framework of the Serious and Organised Crime Strategy (2013): Pursue,
//! Prevent, Protect, Prepare, and the plans that put it into practice.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;

use crate::error::{non_empty, OcgError, Result};

/// One of the four pillars.
///
/// A closed set: the strategy has exactly four.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[allow(clippy::exhaustive_enums, reason = "a closed list the crates match on exhaustively")]
pub enum Pillar {
    /// Prosecuting and disrupting people engaged in serious and organised crime.
    Pursue,
    /// Preventing people from engaging in serious and organised crime.
    Prevent,
    /// Increasing protection against serious and organised crime.
    Protect,
    /// Reducing the impact of this criminality where it takes place.
    Prepare,
}

impl Pillar {
    /// The four, in the strategy's order.
    pub const ALL: [Pillar; 4] = [Pillar::Pursue, Pillar::Prevent, Pillar::Protect, Pillar::Prepare];

    /// The pillar's name.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Pillar::Pursue => "Pursue",
            Pillar::Prevent => "Prevent",
            Pillar::Protect => "Protect",
            Pillar::Prepare => "Prepare",
        }
    }
}

impl fmt::Display for Pillar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Pillar {
    type Err = OcgError;
    fn from_str(s: &str) -> Result<Self> {
        Pillar::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| OcgError::Unknown { what: "4P pillar", text: s.to_owned() })
    }
}

/// One action of a 4P plan.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Action {
    /// The pillar it serves.
    pub pillar: Pillar,
    /// What is to be done.
    pub description: String,
    /// Who owns it.
    pub owner: String,
    /// When it was set.
    pub on: NaiveDate,
}

/// A group's 4P management plan.
///
/// ```
/// use chrono::NaiveDate;
/// use policing_ocg::{FourPPlan, Pillar};
/// let on = NaiveDate::from_ymd_opt(2016, 5, 1).unwrap();
/// let mut plan = FourPPlan::new();
/// plan.add(Pillar::Pursue, "warrant at the supply address", "DS Hale", on)?;
/// assert!(plan.is_pursue_only());
/// plan.add(Pillar::Prevent, "youth outreach at the two schools", "PCSO Reed", on)?;
/// assert_eq!(plan.pillars(), vec![Pillar::Pursue, Pillar::Prevent]);
/// # Ok::<(), policing_ocg::OcgError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct FourPPlan {
    actions: Vec<Action>,
}

impl FourPPlan {
    /// An empty plan.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds an action.
    ///
    /// # Errors
    /// [`OcgError::EmptyText`] for an empty description or owner.
    pub fn add(
        &mut self,
        pillar: Pillar,
        description: impl Into<String>,
        owner: impl Into<String>,
        on: NaiveDate,
    ) -> Result<&mut Self> {
        self.actions.push(Action {
            pillar,
            description: non_empty("action description", description.into())?,
            owner: non_empty("action owner", owner.into())?,
            on,
        });
        Ok(self)
    }

    /// The actions, in the order added.
    #[must_use]
    pub fn actions(&self) -> &[Action] {
        &self.actions
    }

    /// The pillars with at least one action, in the strategy's order.
    #[must_use]
    pub fn pillars(&self) -> Vec<Pillar> {
        Pillar::ALL.into_iter().filter(|p| self.actions.iter().any(|a| a.pillar == *p)).collect()
    }

    /// Whether every action is under Pursue (the "traditional pursue focus" the report flags).
    #[must_use]
    pub fn is_pursue_only(&self) -> bool {
        !self.actions.is_empty() && self.actions.iter().all(|a| a.pillar == Pillar::Pursue)
    }
}
