//! The record a force keeps of one organised crime group.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;

use crate::band::Band;
use crate::error::{non_empty, OcgError, Result};
use crate::fourp::{FourPPlan, Pillar};

/// The predominant form of criminal activity of a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum CrimeType {
    /// Drug activity.
    Drugs,
    /// Firearms.
    Firearms,
    /// Money laundering.
    MoneyLaundering,
    /// Organised acquisitive crime.
    OrganisedAcquisitiveCrime,
    /// Human trafficking and modern slavery.
    HumanTraffickingAndModernSlavery,
    /// Organised immigration crime.
    OrganisedImmigrationCrime,
    /// Child sexual exploitation.
    ChildSexualExploitation,
    /// Fraud.
    Fraud,
    /// Cyber crime.
    Cyber,
    /// Anything else.
    Other,
}

impl CrimeType {
    /// Every crime type.
    pub const ALL: [CrimeType; 10] = [
        CrimeType::Drugs,
        CrimeType::Firearms,
        CrimeType::MoneyLaundering,
        CrimeType::OrganisedAcquisitiveCrime,
        CrimeType::HumanTraffickingAndModernSlavery,
        CrimeType::OrganisedImmigrationCrime,
        CrimeType::ChildSexualExploitation,
        CrimeType::Fraud,
        CrimeType::Cyber,
        CrimeType::Other,
    ];

    /// The name as the report's figure 10 would print it.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            CrimeType::Drugs => "Drug activity",
            CrimeType::Firearms => "Firearms",
            CrimeType::MoneyLaundering => "Money laundering",
            CrimeType::OrganisedAcquisitiveCrime => "Organised acquisitive crime",
            CrimeType::HumanTraffickingAndModernSlavery => "Human trafficking and modern slavery",
            CrimeType::OrganisedImmigrationCrime => "Organised immigration crime",
            CrimeType::ChildSexualExploitation => "Child sexual exploitation",
            CrimeType::Fraud => "Fraud",
            CrimeType::Cyber => "Cyber crime",
            CrimeType::Other => "Other",
        }
    }
}

impl fmt::Display for CrimeType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for CrimeType {
    type Err = OcgError;
    fn from_str(s: &str) -> Result<Self> {
        let t = s.trim();
        CrimeType::ALL
            .into_iter()
            .find(|c| c.name().eq_ignore_ascii_case(t) || format!("{c:?}").eq_ignore_ascii_case(t))
            .or_else(|| t.eq_ignore_ascii_case("drugs").then_some(CrimeType::Drugs))
            .ok_or_else(|| OcgError::Unknown { what: "OCG crime type", text: s.to_owned() })
    }
}

/// A dated mapping score and the band it gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct MappingScore {
    /// When the group was scored.
    pub on: NaiveDate,
    /// The numerical score.
    pub score: u32,
    /// The band.
    pub band: Band,
}

/// The activity tiers of the report's footnote 34.
///
/// A closed set of four (the footnote defines exactly four).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum ActivityTier {
    /// Tier 1: comprehensive operational or investigative intervention.
    Comprehensive,
    /// Tier 2: a limited plan or action that prevents or disrupts.
    Limited,
    /// Tier 3: proactive intelligence development.
    IntelligenceDevelopment,
    /// Tier 4: developing opportunities for action.
    DevelopingOpportunities,
}

impl ActivityTier {
    /// The tier numbered 1-4.
    ///
    /// # Errors
    /// [`OcgError::InvalidTier`] outside 1-4.
    pub fn from_number(tier: u8) -> Result<Self> {
        match tier {
            1 => Ok(ActivityTier::Comprehensive),
            2 => Ok(ActivityTier::Limited),
            3 => Ok(ActivityTier::IntelligenceDevelopment),
            4 => Ok(ActivityTier::DevelopingOpportunities),
            _ => Err(OcgError::InvalidTier { tier }),
        }
    }

    /// The tier's number.
    #[must_use]
    pub fn number(self) -> u8 {
        self as u8 + 1
    }
}

/// The impact of a disruption on the national disruption scale.
///
/// **UNCONFIRMED**: "major / moderate / minor" is the commonly described scale;
/// no source was found (`docs/reference/domain.md` section 5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Impact {
    /// Major.
    Major,
    /// Moderate.
    Moderate,
    /// Minor.
    Minor,
}

/// A recorded disruption of a group.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[allow(clippy::exhaustive_structs, reason = "an input its users build field by field")]
pub struct Disruption {
    /// When.
    pub on: NaiveDate,
    /// The activity tier.
    pub tier: ActivityTier,
    /// The impact.
    pub impact: Impact,
    /// The 4P pillar it served.
    pub pillar: Pillar,
}

/// An offender subject to an ancillary order (a serious crime prevention order).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[allow(clippy::exhaustive_structs, reason = "an input its users build field by field")]
pub struct OrderedOffender {
    /// The offender's reference.
    pub reference: String,
    /// When the order was made.
    pub order_made: NaiveDate,
    /// Whether the offender is in prison.
    pub in_prison: bool,
    /// The expected release date, if in prison and known.
    pub release_on: Option<NaiveDate>,
    /// Whether a management plan for release is in place.
    pub release_plan: bool,
}

/// Whether a group is active.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Status {
    /// Being disrupted, investigated or monitored.
    Active,
    /// Archived: no longer disrupted, investigated or monitored.
    Archived {
        /// When it was archived.
        on: NaiveDate,
    },
}

/// One organised crime group.
///
/// Constructors validate: every dated event is on or after identification, and
/// mapping scores come in date order.
///
/// ```
/// use chrono::NaiveDate;
/// use policing_ocg::{CrimeType, Ocg};
/// let d = |m, day| NaiveDate::from_ymd_opt(2016, m, day).unwrap();
/// let mut g = Ocg::new("WIL/OCG/0142", d(1, 11), CrimeType::Drugs)?;
/// g.score(d(1, 20), 410, "2B".parse()?)?;
/// assert!(g.is_active_on(d(7, 1)));
/// g.archive(d(6, 1))?;
/// assert!(!g.is_active_on(d(7, 1)));
/// assert!(g.archive(d(6, 2)).is_err());
/// assert!(Ocg::new("X", d(1, 1), CrimeType::Fraud)?.archive(d(1, 1)).is_ok());
/// # Ok::<(), policing_ocg::OcgError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Ocg {
    reference: String,
    identified_on: NaiveDate,
    crime_type: CrimeType,
    status: Status,
    lead_responsible_officer: Option<String>,
    scores: Vec<MappingScore>,
    reviews: Vec<NaiveDate>,
    first_police_activity: Option<NaiveDate>,
    disruptions: Vec<Disruption>,
    gain_referrals: Vec<NaiveDate>,
    plan: Option<FourPPlan>,
    offenders: Vec<OrderedOffender>,
}

impl Ocg {
    /// A newly identified, active group.
    ///
    /// # Errors
    /// [`OcgError::EmptyText`] for an empty reference.
    pub fn new(reference: impl Into<String>, identified_on: NaiveDate, crime_type: CrimeType) -> Result<Self> {
        Ok(Ocg {
            reference: non_empty("OCG reference", reference.into())?,
            identified_on,
            crime_type,
            status: Status::Active,
            lead_responsible_officer: None,
            scores: Vec::new(),
            reviews: Vec::new(),
            first_police_activity: None,
            disruptions: Vec::new(),
            gain_referrals: Vec::new(),
            plan: None,
            offenders: Vec::new(),
        })
    }

    fn check_date(&self, what: &'static str, date: NaiveDate) -> Result<()> {
        if date < self.identified_on {
            return Err(OcgError::BeforeIdentification {
                reference: self.reference.clone(),
                what,
                date,
                identified: self.identified_on,
            });
        }
        Ok(())
    }

    /// Records a mapping score.
    ///
    /// # Errors
    /// Before identification, or before the previous score.
    pub fn score(&mut self, on: NaiveDate, score: u32, band: Band) -> Result<&mut Self> {
        self.check_date("mapping score", on)?;
        if let Some(last) = self.scores.last() {
            if on < last.on {
                return Err(OcgError::ScoreOutOfOrder {
                    reference: self.reference.clone(),
                    date: on,
                    previous: last.on,
                });
            }
        }
        self.scores.push(MappingScore { on, score, band });
        Ok(self)
    }

    /// Records a review.
    ///
    /// # Errors
    /// Before identification.
    pub fn review(&mut self, on: NaiveDate) -> Result<&mut Self> {
        self.check_date("review", on)?;
        self.reviews.push(on);
        self.reviews.sort_unstable();
        Ok(self)
    }

    /// Records the first police activity against the group (mapping should come first).
    ///
    /// # Errors
    /// Before identification.
    pub fn police_activity(&mut self, on: NaiveDate) -> Result<&mut Self> {
        self.check_date("police activity", on)?;
        self.first_police_activity = Some(self.first_police_activity.map_or(on, |d| d.min(on)));
        Ok(self)
    }

    /// Records a disruption.
    ///
    /// # Errors
    /// Before identification.
    pub fn disrupt(&mut self, disruption: Disruption) -> Result<&mut Self> {
        self.check_date("disruption", disruption.on)?;
        self.disruptions.push(disruption);
        Ok(self)
    }

    /// Records a GAIN (Government Agency Intelligence Network) referral.
    ///
    /// # Errors
    /// Before identification.
    pub fn gain_referral(&mut self, on: NaiveDate) -> Result<&mut Self> {
        self.check_date("GAIN referral", on)?;
        self.gain_referrals.push(on);
        Ok(self)
    }

    /// Sets the lead responsible officer.
    ///
    /// # Errors
    /// [`OcgError::EmptyText`] for an empty name.
    pub fn assign_lead(&mut self, officer: impl Into<String>) -> Result<&mut Self> {
        self.lead_responsible_officer = Some(non_empty("lead responsible officer", officer.into())?);
        Ok(self)
    }

    /// Sets the 4P plan.
    pub fn set_plan(&mut self, plan: FourPPlan) -> &mut Self {
        self.plan = Some(plan);
        self
    }

    /// Records an offender subject to an ancillary order.
    ///
    /// # Errors
    /// [`OcgError::EmptyText`] for an empty reference.
    pub fn add_offender(&mut self, offender: OrderedOffender) -> Result<&mut Self> {
        non_empty("offender reference", offender.reference.clone())?;
        self.offenders.push(offender);
        Ok(self)
    }

    /// Archives the group.
    ///
    /// # Errors
    /// [`OcgError::BeforeIdentification`] for a date before identification;
    /// [`OcgError::AlreadyArchived`].
    pub fn archive(&mut self, on: NaiveDate) -> Result<&mut Self> {
        if let Status::Archived { on: was } = self.status {
            return Err(OcgError::AlreadyArchived { reference: self.reference.clone(), on: was });
        }
        self.check_date("archive", on)?;
        self.status = Status::Archived { on };
        Ok(self)
    }

    /// The group's reference.
    #[must_use]
    pub fn reference(&self) -> &str {
        &self.reference
    }

    /// When it was identified.
    #[must_use]
    pub fn identified_on(&self) -> NaiveDate {
        self.identified_on
    }

    /// Its predominant crime type.
    #[must_use]
    pub fn crime_type(&self) -> CrimeType {
        self.crime_type
    }

    /// Its status.
    #[must_use]
    pub fn status(&self) -> Status {
        self.status
    }

    /// Whether it was active on `date`: identified by then and not yet archived.
    #[must_use]
    pub fn is_active_on(&self, date: NaiveDate) -> bool {
        date >= self.identified_on
            && match self.status {
                Status::Active => true,
                Status::Archived { on } => date < on,
            }
    }

    /// Whether it was active at any time from `start` to `end` inclusive.
    #[must_use]
    pub fn was_active_during(&self, start: NaiveDate, end: NaiveDate) -> bool {
        self.identified_on <= end
            && match self.status {
                Status::Active => true,
                Status::Archived { on } => on > start,
            }
    }

    /// The lead responsible officer.
    #[must_use]
    pub fn lead_responsible_officer(&self) -> Option<&str> {
        self.lead_responsible_officer.as_deref()
    }

    /// The mapping scores, oldest first.
    #[must_use]
    pub fn scores(&self) -> &[MappingScore] {
        &self.scores
    }

    /// The current band (the latest score's), if mapped.
    #[must_use]
    pub fn band(&self) -> Option<Band> {
        self.scores.last().map(|s| s.band)
    }

    /// The reviews, oldest first.
    #[must_use]
    pub fn reviews(&self) -> &[NaiveDate] {
        &self.reviews
    }

    /// The first police activity.
    #[must_use]
    pub fn first_police_activity(&self) -> Option<NaiveDate> {
        self.first_police_activity
    }

    /// The disruptions.
    #[must_use]
    pub fn disruptions(&self) -> &[Disruption] {
        &self.disruptions
    }

    /// The GAIN referrals.
    #[must_use]
    pub fn gain_referrals(&self) -> &[NaiveDate] {
        &self.gain_referrals
    }

    /// The 4P plan.
    #[must_use]
    pub fn plan(&self) -> Option<&FourPPlan> {
        self.plan.as_ref()
    }

    /// The offenders subject to orders.
    #[must_use]
    pub fn offenders(&self) -> &[OrderedOffender] {
        &self.offenders
    }
}
