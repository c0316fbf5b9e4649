//! OCG mapping bands.
//!
//! Mapping gives each group a numerical score and a band reflecting the range
//! and severity of its crime and its capability and sophistication (HMIC
//! glossary, confirmed). The band list itself is **UNCONFIRMED**
//! (`docs/reference/domain.md` section 5): as commonly described, a 3 x 3 grid
//! 1A..3C where the number is the severity tier (1 most serious) and the letter
//! the capability grade (A highest), plus "U" for unscored. A [`BandScheme`]
//! holds the grid's size so that a force using a different national list adapts
//! without forking.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use crate::error::{OcgError, Result};

/// A mapping band: a severity tier and a capability grade, or unscored.
///
/// Ordering puts the most serious first: 1A < 1B < ... < 3C < unscored.
///
/// ```
/// use policing_ocg::Band;
/// let b: Band = "Band 2c".parse()?;
/// assert_eq!((b.tier(), b.grade()), (Some(2), Some('C')));
/// assert!("1A".parse::<Band>()? < b);
/// assert!(b < Band::Unscored);
/// # Ok::<(), policing_ocg::OcgError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "String", into = "String"))]
#[allow(clippy::exhaustive_enums, reason = "a closed list the crates match on exhaustively")]
pub enum Band {
    /// A scored band.
    Scored {
        /// Severity tier, 1 the most serious.
        tier: u8,
        /// Capability grade, 0 = A (the highest), 1 = B, ...
        grade: u8,
    },
    /// Not enough information to score the group.
    Unscored,
}

impl Band {
    /// The severity tier (1 the most serious), if scored.
    #[must_use]
    pub fn tier(self) -> Option<u8> {
        match self {
            Band::Scored { tier, .. } => Some(tier),
            Band::Unscored => None,
        }
    }

    /// The capability grade letter ('A' the highest), if scored.
    #[must_use]
    pub fn grade(self) -> Option<char> {
        match self {
            Band::Scored { grade, .. } => Some(char::from(b'A' + grade)),
            Band::Unscored => None,
        }
    }
}

impl PartialOrd for Band {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Band {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self, other) {
            (Band::Scored { tier: a, grade: g }, Band::Scored { tier: b, grade: h }) => (a, g).cmp(&(b, h)),
            (Band::Scored { .. }, Band::Unscored) => Ordering::Less,
            (Band::Unscored, Band::Scored { .. }) => Ordering::Greater,
            (Band::Unscored, Band::Unscored) => Ordering::Equal,
        }
    }
}

impl fmt::Display for Band {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.tier(), self.grade()) {
            (Some(t), Some(g)) => write!(f, "{t}{g}"),
            _ => f.write_str("U"),
        }
    }
}

/// The size of a band grid: tiers 1..=`tiers`, grades A.. for `grades` letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct BandScheme {
    tiers: u8,
    grades: u8,
}

impl Default for BandScheme {
    /// The national 3 x 3 grid, 1A..3C (UNCONFIRMED; see the module documentation).
    fn default() -> Self {
        BandScheme { tiers: 3, grades: 3 }
    }
}

impl BandScheme {
    /// A grid of `tiers` severity tiers and `grades` capability grades.
    ///
    /// # Errors
    /// [`OcgError::InvalidScheme`] outside 1-9 tiers or 1-26 grades.
    pub fn new(tiers: u8, grades: u8) -> Result<Self> {
        if (1..=9).contains(&tiers) && (1..=26).contains(&grades) {
            Ok(BandScheme { tiers, grades })
        } else {
            Err(OcgError::InvalidScheme { tiers, grades })
        }
    }

    /// Every scored band, most serious first, then unscored.
    #[must_use]
    pub fn bands(self) -> Vec<Band> {
        (1..=self.tiers)
            .flat_map(|tier| (0..self.grades).map(move |grade| Band::Scored { tier, grade }))
            .chain(std::iter::once(Band::Unscored))
            .collect()
    }

    /// Parses "1A", "1a", "Band 2C", "band 3 b", "U" or "unscored" in this scheme.
    ///
    /// # Errors
    /// [`OcgError::UnknownBand`] naming the text.
    pub fn parse(self, text: &str) -> Result<Band> {
        let unknown = || OcgError::UnknownBand { text: text.to_owned() };
        let lower = text.trim().to_ascii_lowercase();
        let body = lower.strip_prefix("band").unwrap_or(&lower).trim();
        if body == "u" || body == "unscored" {
            return Ok(Band::Unscored);
        }
        let compact: Vec<char> = body.chars().filter(|c| !c.is_whitespace()).collect();
        let [digit, letter] = compact.as_slice() else { return Err(unknown()) };
        let tier = digit.to_digit(10).and_then(|d| u8::try_from(d).ok()).ok_or_else(unknown)?;
        let grade = u8::try_from(u32::from(*letter).wrapping_sub(u32::from('a'))).map_err(|_| unknown())?;
        if tier == 0 || tier > self.tiers || grade >= self.grades {
            return Err(unknown());
        }
        Ok(Band::Scored { tier, grade })
    }
}

impl FromStr for Band {
    type Err = OcgError;
    /// Parses in the default national scheme.
    fn from_str(s: &str) -> Result<Self> {
        BandScheme::default().parse(s)
    }
}

impl TryFrom<String> for Band {
    type Error = OcgError;
    fn try_from(s: String) -> Result<Self> {
        BandScheme::new(9, 26)?.parse(&s)
    }
}

impl From<Band> for String {
    fn from(b: Band) -> String {
        b.to_string()
    }
}
