//! The PEEL outcome tables: figure 4 (outcomes assigned to offences recorded,
//! each crime tracked to its outcome) and figure 8 (outcomes recorded for
//! domestic abuse offences per domestic abuse offence recorded in the same
//! period). They are different kinds of figure and so different types.

use std::fmt;

use policing_stats::{Exclusion, Proportion, Rate};
use rust_decimal::Decimal;

use crate::counts::{OutcomeCounts, Tally};
use crate::error::{OutcomeError, Result};
use crate::group::OutcomeGroup;
use crate::outcome::{Outcome, OutcomeSet, OutcomeType};

/// What a row of a table counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum RowKind {
    /// One outcome type.
    Type(OutcomeType),
    /// A group of outcome types, computed from the members' counts.
    Group(OutcomeGroup),
    /// "Total offences assigned an outcome".
    TotalAssigned,
    /// "Not yet assigned an outcome".
    NotYetAssigned,
    /// "Total": every offence recorded.
    Total,
}

impl RowKind {
    /// The outcomes the row counts.
    #[must_use]
    pub fn set(self) -> OutcomeSet {
        match self {
            RowKind::Type(t) => t.into(),
            RowKind::Group(g) => g.set(),
            RowKind::TotalAssigned => OutcomeSet::ASSIGNED,
            RowKind::NotYetAssigned => OutcomeSet::single(Outcome::NotYetAssigned),
            RowKind::Total => OutcomeSet::ANY,
        }
    }
}

/// One row of a figure's layout: what it counts and how the report prints it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct LayoutRow {
    /// What the row counts.
    pub kind: RowKind,
    /// The outcome number printed beside the row, if any.
    pub number: Option<u8>,
    /// The label as the report prints it.
    pub label: &'static str,
    /// Whether the report prints a value on this row (group headers with a single
    /// member shown below them print none).
    pub shows_value: bool,
    /// Indentation level: 1 for members printed under their group.
    pub indent: u8,
}

const fn row(kind: RowKind, number: Option<u8>, label: &'static str, shows_value: bool, indent: u8) -> LayoutRow {
    LayoutRow { kind, number, label, shows_value, indent }
}

use OutcomeGroup as G;
use OutcomeType as T;

/// The rows of figure 4 of the 2016 PEEL effectiveness reports, in order.
pub const FIGURE_4: &[LayoutRow] = &[
    row(RowKind::Type(T::ChargedSummonsed), Some(1), "Charged/Summonsed", true, 0),
    row(RowKind::Type(T::TakenIntoConsideration), Some(4), "Taken into consideration", true, 0),
    row(RowKind::Group(G::OutOfCourtFormal), None, "Out-of-court (formal)", true, 0),
    row(RowKind::Type(T::CautionYouths), Some(2), "Caution - youths", true, 1),
    row(RowKind::Type(T::CautionAdults), Some(3), "Caution - adults", true, 1),
    row(RowKind::Type(T::PenaltyNoticeForDisorder), Some(6), "Penalty Notices for Disorder", true, 1),
    row(RowKind::Group(G::OutOfCourtInformal), None, "Out-of-court (informal)", true, 0),
    row(RowKind::Type(T::CannabisKhatWarning), Some(7), "Cannabis/Khat warning", true, 1),
    row(RowKind::Type(T::CommunityResolution), Some(8), "Community Resolution", true, 1),
    row(
        RowKind::Group(G::ProsecutionPrevented),
        None,
        "* Prosecution prevented or not in the public interest",
        true,
        0,
    ),
    row(
        RowKind::Group(G::EvidentialDifficultiesVictimSupports),
        None,
        "Evidential difficulties (victim supports police action)",
        false,
        0,
    ),
    row(RowKind::Type(T::EvidentialDifficultiesVictimSupports), Some(15), "Suspect identified", true, 1),
    row(
        RowKind::Group(G::EvidentialDifficultiesVictimDoesNotSupport),
        None,
        "Evidential difficulties (victim does not support police action)",
        true,
        0,
    ),
    row(RowKind::Type(T::EvidentialDifficultiesVictimDoesNotSupport), Some(16), "Suspect identified", true, 1),
    row(RowKind::Type(T::EvidentialDifficultiesSuspectNotIdentified), Some(14), "Suspect not identified", true, 1),
    row(
        RowKind::Type(T::InvestigationCompleteNoSuspect),
        Some(18),
        "Investigation complete – no suspect identified",
        true,
        0,
    ),
    row(RowKind::Type(T::ActionByAnotherBody), Some(20), "Action undertaken by another body / agency", true, 0),
    row(
        RowKind::Type(T::FurtherInvestigationNotInPublicInterest),
        Some(21),
        "Further investigation to support formal action not in the public interest",
        true,
        0,
    ),
    row(RowKind::TotalAssigned, None, "Total offences assigned an outcome", true, 0),
    row(RowKind::NotYetAssigned, None, "Not yet assigned an outcome", true, 0),
    row(RowKind::Total, None, "Total", true, 0),
];

/// The rows of figure 8 (domestic abuse outcomes) of the 2016 reports, in order.
///
/// Every row is one outcome type. The last row, "evidential difficulties prevent
/// further action; victim does not support police action", is outcome 16 alone
/// (its Home Office wording), not figure 4's group of outcomes 16 and 14.
pub const FIGURE_8: &[LayoutRow] = &[
    row(RowKind::Type(T::ChargedSummonsed), Some(1), "Charged / Summonsed", true, 0),
    row(RowKind::Type(T::CautionAdults), Some(3), "Caution – adults", true, 0),
    row(RowKind::Type(T::CautionYouths), Some(2), "Caution – youths", true, 0),
    row(RowKind::Type(T::CommunityResolution), Some(8), "Community resolution", true, 0),
    row(
        RowKind::Type(T::EvidentialDifficultiesVictimSupports),
        Some(15),
        "Evidential difficulties prevent further action; victim supports police action",
        true,
        0,
    ),
    // Outcome 16 alone, as its Home Office wording says ("evidential difficulties prevent
    // further action; victim does not support police action" is outcome 16's label): unlike
    // figure 4's group of the same name, figure 8 does not add outcome 14.
    row(
        RowKind::Type(T::EvidentialDifficultiesVictimDoesNotSupport),
        Some(16),
        "Evidential difficulties prevent further action; victim does not support police action",
        true,
        0,
    ),
];

/// How much of the period a unit's data cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Coverage {
    /// All four quarters.
    FullYear,
    /// Only some quarters (Derbyshire and Suffolk supplied three in 2016). Proportions
    /// are still comparable; totals are not.
    Quarters(u8),
}

impl Coverage {
    /// A partial year of `quarters` quarters.
    ///
    /// # Errors
    /// [`OutcomeError::InvalidCoverage`] unless `quarters` is 1 to 3.
    pub fn quarters(quarters: u8) -> Result<Self> {
        if (1..=3).contains(&quarters) {
            Ok(Coverage::Quarters(quarters))
        } else {
            Err(OutcomeError::InvalidCoverage { quarters })
        }
    }
}

/// What travels with a table: the units left out and the units covering part of the period.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct TableNotes {
    /// Units left out of the table, with the reason.
    pub excluded: Vec<(String, Exclusion)>,
    /// Units with data for part of the period only.
    pub partial: Vec<(String, Coverage)>,
    /// Units with no data.
    pub missing: Vec<String>,
}

impl TableNotes {
    /// Whether there is nothing to note.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.excluded.is_empty() && self.partial.is_empty() && self.missing.is_empty()
    }
}

impl fmt::Display for TableNotes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (unit, why) in &self.excluded {
            writeln!(f, "{unit} is excluded: {why}.")?;
        }
        for (unit, coverage) in &self.partial {
            if let Coverage::Quarters(q) = coverage {
                writeln!(f, "{unit}: figures are based on {q} quarter(s) of the year.")?;
            }
        }
        for unit in &self.missing {
            writeln!(f, "{unit}: no data.")?;
        }
        Ok(())
    }
}

/// A row's share: exact when the data determine it, else the range they allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[allow(clippy::exhaustive_enums, reason = "a closed list the crates match on exhaustively")]
pub enum Share {
    /// The data determine the row.
    Exact(Proportion),
    /// The data allow anything between these two (data.police.uk categories that
    /// stand for several outcome types).
    Between(Proportion, Proportion),
}

impl Share {
    /// The percentage rounded to `places`, if exact.
    #[must_use]
    pub fn percent(&self, places: u32) -> Option<Decimal> {
        match self {
            Share::Exact(p) => Some(p.percent_rounded(places)),
            Share::Between(..) => None,
        }
    }

    /// The lowest and highest percentage the data allow, rounded to `places`.
    #[must_use]
    pub fn percent_range(&self, places: u32) -> (Decimal, Decimal) {
        match self {
            Share::Exact(p) => (p.percent_rounded(places), p.percent_rounded(places)),
            Share::Between(lo, hi) => (lo.percent_rounded(places), hi.percent_rounded(places)),
        }
    }

    /// Prints the share to `places` decimal places, or "lo–hi" for a range.
    #[must_use]
    pub fn display(&self, places: u32) -> String {
        match self.percent(places) {
            Some(p) => p.to_string(),
            None => {
                let (lo, hi) = self.percent_range(places);
                format!("{lo}–{hi}")
            }
        }
    }
}

/// One row of an [`OutcomeTable`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct TableRow {
    /// The row's place in the layout.
    pub layout: LayoutRow,
    /// The crimes counted on the row.
    pub count: Tally,
    /// The row as a share of all offences recorded.
    pub share: Share,
}

/// Figure 4: the proportion of offences recorded that have been assigned each
/// outcome, each crime tracked to its own outcome.
///
/// Group rows are computed from counts, then rounded, never by adding rounded
/// members; "Total" is every offence recorded.
///
/// ```
/// use policing_outcomes::{Outcome, OutcomeCounts, OutcomeTable, OutcomeType, RowKind};
/// let mut counts = OutcomeCounts::new();
/// counts.add(OutcomeType::CannabisKhatWarning, 7)?;
/// counts.add(OutcomeType::CommunityResolution, 204)?;
/// counts.add(OutcomeType::InvestigationCompleteNoSuspect, 9_000)?;
/// counts.add(Outcome::NotYetAssigned, 789)?;
/// let table = OutcomeTable::figure_4(&counts, Default::default())?;
/// let informal = table.row(RowKind::Group(policing_outcomes::OutcomeGroup::OutOfCourtInformal)).unwrap();
/// assert_eq!(informal.share.percent(1).unwrap().to_string(), "2.1");
/// # Ok::<(), policing_outcomes::OutcomeError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct OutcomeTable {
    offences: u64,
    rows: Vec<TableRow>,
    notes: TableNotes,
}

fn share(tally: Tally, whole: u64) -> Result<Share> {
    Ok(match tally.exact() {
        Some(c) => Share::Exact(Proportion::new(c, whole)?),
        None => Share::Between(Proportion::new(tally.at_least(), whole)?, Proportion::new(tally.at_most(), whole)?),
    })
}

impl OutcomeTable {
    /// Lays `counts` out in figure 4's shape.
    ///
    /// # Errors
    /// [`OutcomeError::NoOffences`] when there are no crimes.
    pub fn figure_4(counts: &OutcomeCounts, notes: TableNotes) -> Result<Self> {
        Self::with_layout(counts, FIGURE_4, notes)
    }

    /// Lays `counts` out in any layout of rows.
    ///
    /// # Errors
    /// [`OutcomeError::NoOffences`] when there are no crimes.
    pub fn with_layout(counts: &OutcomeCounts, layout: &[LayoutRow], notes: TableNotes) -> Result<Self> {
        let offences = counts.total();
        if offences == 0 {
            return Err(OutcomeError::NoOffences { what: "an outcome table" });
        }
        let rows = layout
            .iter()
            .map(|l| {
                let count = counts.tally(l.kind.set());
                Ok(TableRow { layout: *l, count, share: share(count, offences)? })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(OutcomeTable { offences, rows, notes })
    }

    /// Every offence recorded (the "Total" row's count).
    #[must_use]
    pub fn offences(&self) -> u64 {
        self.offences
    }

    /// The rows, in layout order.
    #[must_use]
    pub fn rows(&self) -> &[TableRow] {
        &self.rows
    }

    /// The first row counting `kind`.
    #[must_use]
    pub fn row(&self, kind: RowKind) -> Option<&TableRow> {
        self.rows.iter().find(|r| r.layout.kind == kind)
    }

    /// Who is left out or partial.
    #[must_use]
    pub fn notes(&self) -> &TableNotes {
        &self.notes
    }
}

/// The counts behind figure 8: outcomes recorded in the period for
/// domestic-abuse-flagged offences, and domestic abuse offences recorded in the
/// same period. The outcomes need not belong to those offences (annex A).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[allow(clippy::exhaustive_structs, reason = "an input its users build field by field")]
pub struct DomesticAbuseCounts {
    /// Outcomes recorded in the period for domestic abuse offences, whenever recorded.
    pub outcomes_recorded: OutcomeCounts,
    /// Domestic abuse offences recorded in the period.
    pub offences_recorded: u64,
}

impl DomesticAbuseCounts {
    /// Adds `other`'s counts.
    ///
    /// # Errors
    /// [`OutcomeError::CountOverflow`].
    pub fn merge(&mut self, other: &DomesticAbuseCounts) -> Result<&mut Self> {
        self.outcomes_recorded.merge(&other.outcomes_recorded)?;
        self.offences_recorded = self
            .offences_recorded
            .checked_add(other.offences_recorded)
            .ok_or(OutcomeError::CountOverflow { existing: self.offences_recorded, added: other.offences_recorded })?;
        Ok(self)
    }
}

/// One row of [`DomesticAbuseOutcomeRates`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct RateRow {
    /// The row's place in the layout.
    pub layout: LayoutRow,
    /// The outcomes recorded on the row.
    pub count: Tally,
    /// Outcomes per 100 domestic abuse offences recorded (the lower bound when the count is a range).
    pub rate: Rate,
    /// The upper bound, when the count is a range.
    pub rate_at_most: Option<Rate>,
}

/// Figure 8: outcomes recorded for domestic abuse offences per 100 domestic abuse
/// offences recorded in the same period. Rows need not sum to 100 and must not be
/// compared with figure 4's shares, hence a type of its own.
///
/// ```
/// use policing_outcomes::{DomesticAbuseCounts, DomesticAbuseOutcomeRates, OutcomeType};
/// let mut da = DomesticAbuseCounts { offences_recorded: 1_000, ..Default::default() };
/// da.outcomes_recorded.add(OutcomeType::ChargedSummonsed, 204)?;
/// let rates = DomesticAbuseOutcomeRates::figure_8(&da, Default::default())?;
/// assert_eq!(rates.rows()[0].rate.rounded(1).to_string(), "20.4");
/// # Ok::<(), policing_outcomes::OutcomeError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct DomesticAbuseOutcomeRates {
    offences: u64,
    rows: Vec<RateRow>,
    notes: TableNotes,
}

impl DomesticAbuseOutcomeRates {
    /// Lays `counts` out in figure 8's shape.
    ///
    /// # Errors
    /// [`OutcomeError::NoOffences`] when no domestic abuse offences were recorded.
    pub fn figure_8(counts: &DomesticAbuseCounts, notes: TableNotes) -> Result<Self> {
        let offences = counts.offences_recorded;
        if offences == 0 {
            return Err(OutcomeError::NoOffences { what: "domestic abuse outcome rates" });
        }
        let rows = FIGURE_8
            .iter()
            .map(|l| {
                let count = counts.outcomes_recorded.tally(l.kind.set());
                let rate = Rate::new(count.at_least(), offences, Rate::PER_100)?;
                let rate_at_most = match count.exact() {
                    Some(_) => None,
                    None => Some(Rate::new(count.at_most(), offences, Rate::PER_100)?),
                };
                Ok(RateRow { layout: *l, count, rate, rate_at_most })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(DomesticAbuseOutcomeRates { offences, rows, notes })
    }

    /// Domestic abuse offences recorded in the period.
    #[must_use]
    pub fn offences(&self) -> u64 {
        self.offences
    }

    /// The rows, in layout order.
    #[must_use]
    pub fn rows(&self) -> &[RateRow] {
        &self.rows
    }

    /// The first row counting `kind`.
    #[must_use]
    pub fn row(&self, kind: RowKind) -> Option<&RateRow> {
        self.rows.iter().find(|r| r.layout.kind == kind)
    }

    /// Who is left out or partial.
    #[must_use]
    pub fn notes(&self) -> &TableNotes {
        &self.notes
    }
}
