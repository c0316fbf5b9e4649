//! A force's OCG portfolio, the inspectorate's checks on it, and its figures.

use std::fmt;

use chrono::{Months, NaiveDate};
use policing_stats::{Proportion, Rate};
use rust_decimal::Decimal;

use crate::error::{OcgError, Result};
use crate::fourp::Pillar;
use crate::record::{CrimeType, Ocg};

/// Which check a finding comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum CheckKind {
    /// Mapped promptly after identification, and before police activity.
    MappedPromptly,
    /// Re-scored at regular intervals.
    RescoredRegularly,
    /// Reviewed monthly, whatever the band.
    ReviewedMonthly,
    /// Has a lead responsible officer.
    LeadResponsibleOfficer,
    /// Has a 4P plan.
    FourPPlan,
    /// The 4P plan goes beyond Pursue.
    BeyondPursue,
    /// Disruptions are recorded.
    DisruptionsRecorded,
    /// Offenders subject to orders are tracked to release.
    LifetimeManagement,
}

/// One finding: a check that an OCG (or the portfolio) fails, with the detail.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Finding {
    /// The check.
    pub check: CheckKind,
    /// The OCG concerned (`None` for a finding about the whole portfolio).
    pub ocg: Option<String>,
    /// What was found, with dates and numbers.
    pub detail: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.ocg {
            Some(r) => write!(f, "{:?}: {r}: {}", self.check, self.detail),
            None => write!(f, "{:?}: portfolio: {}", self.check, self.detail),
        }
    }
}

/// The thresholds of the checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct CheckPolicy {
    /// Days from identification by which a group must be mapped ("promptly"; default 28).
    pub map_within_days: i64,
    /// Months between mapping scores at most ("regular intervals"; default 3).
    pub rescore_months: u32,
    /// Months between reviews at most (the report's rule: monthly, whatever the band).
    pub review_months: u32,
    /// Days ahead in which an ordered offender's release needs a plan (default 90).
    pub release_horizon_days: i64,
}

impl Default for CheckPolicy {
    fn default() -> Self {
        CheckPolicy { map_within_days: 28, rescore_months: 3, review_months: 1, release_horizon_days: 90 }
    }
}

/// A force's organised crime groups.
///
/// ```
/// use chrono::NaiveDate;
/// use policing_ocg::{CheckPolicy, CrimeType, Ocg, Portfolio};
/// let d = |m, day| NaiveDate::from_ymd_opt(2016, m, day).unwrap();
/// let mut p = Portfolio::new();
/// p.add(Ocg::new("A", d(1, 4), CrimeType::Drugs)?)?;
/// let findings = p.check(d(7, 1), &CheckPolicy::default());
/// assert!(findings.iter().any(|f| f.detail.contains("not mapped")));
/// assert_eq!(p.active_on(d(7, 1)).count(), 1);
/// # Ok::<(), policing_ocg::OcgError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Portfolio {
    ocgs: Vec<Ocg>,
}

fn months_after(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months)).unwrap_or(NaiveDate::MAX)
}

impl Portfolio {
    /// An empty portfolio.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a group.
    ///
    /// # Errors
    /// [`OcgError::DuplicateReference`].
    pub fn add(&mut self, ocg: Ocg) -> Result<&mut Self> {
        if self.ocgs.iter().any(|o| o.reference() == ocg.reference()) {
            return Err(OcgError::DuplicateReference { reference: ocg.reference().to_owned() });
        }
        self.ocgs.push(ocg);
        Ok(self)
    }

    /// Every group.
    #[must_use]
    pub fn ocgs(&self) -> &[Ocg] {
        &self.ocgs
    }

    /// The group with this reference, to update it.
    pub fn get_mut(&mut self, reference: &str) -> Option<&mut Ocg> {
        self.ocgs.iter_mut().find(|o| o.reference() == reference)
    }

    /// The groups active on `date`.
    pub fn active_on(&self, date: NaiveDate) -> impl Iterator<Item = &Ocg> {
        self.ocgs.iter().filter(move |o| o.is_active_on(date))
    }

    /// Runs every check for the groups active on `as_at`, over the 12 months to `as_at`.
    #[must_use]
    pub fn check(&self, as_at: NaiveDate, policy: &CheckPolicy) -> Vec<Finding> {
        let mut findings = Vec::new();
        let year_start = as_at.checked_sub_months(Months::new(12)).unwrap_or(NaiveDate::MIN);
        let mut disruptions_in_year = 0usize;
        for o in self.active_on(as_at) {
            let r = || Some(o.reference().to_owned());
            let mut find = |check, detail: String| findings.push(Finding { check, ocg: r(), detail });
            // Mapped promptly, and before police activity.
            match o.scores().first() {
                None => find(CheckKind::MappedPromptly, format!("identified {} and not mapped", o.identified_on())),
                Some(first) => {
                    let days = (first.on - o.identified_on()).num_days();
                    if days > policy.map_within_days {
                        find(
                            CheckKind::MappedPromptly,
                            format!("mapped {} days after identification (limit {})", days, policy.map_within_days),
                        );
                    }
                    if let Some(activity) = o.first_police_activity().filter(|a| *a < first.on) {
                        find(
                            CheckKind::MappedPromptly,
                            format!("police activity on {activity} before mapping on {}", first.on),
                        );
                    }
                }
            }
            // Re-scored at regular intervals, up to the date of the check.
            let mut last = None;
            for s in o.scores() {
                if let Some(prev) = last {
                    if s.on > months_after(prev, policy.rescore_months) {
                        find(CheckKind::RescoredRegularly, format!("not re-scored between {prev} and {}", s.on));
                    }
                }
                last = Some(s.on);
            }
            if let Some(prev) = last.filter(|p| as_at > months_after(*p, policy.rescore_months)) {
                find(CheckKind::RescoredRegularly, format!("last scored {prev}, not re-scored by {as_at}"));
            }
            // Reviewed monthly, irrespective of band, over the 12 months to the check
            // (or since identification, if later).
            let from = o.identified_on().max(year_start);
            let mut prev = from;
            for r in o.reviews().iter().copied().filter(|r| *r > from).chain(std::iter::once(as_at)) {
                if r > months_after(prev, policy.review_months) {
                    find(CheckKind::ReviewedMonthly, format!("no review between {prev} and {r}"));
                }
                prev = prev.max(r);
            }
            if o.lead_responsible_officer().is_none() {
                find(CheckKind::LeadResponsibleOfficer, "no lead responsible officer".to_owned());
            }
            match o.plan() {
                None => find(CheckKind::FourPPlan, "no 4P plan".to_owned()),
                Some(plan) if plan.actions().is_empty() => {
                    find(CheckKind::FourPPlan, "4P plan has no actions".to_owned())
                }
                Some(plan) if plan.is_pursue_only() => {
                    find(CheckKind::BeyondPursue, format!("4P plan has only Pursue actions ({})", plan.actions().len()))
                }
                Some(_) => {}
            }
            let recorded = o.disruptions().iter().filter(|d| d.on > year_start && d.on <= as_at).count();
            disruptions_in_year += recorded;
            if recorded == 0 {
                find(CheckKind::DisruptionsRecorded, format!("no disruption recorded in the 12 months to {as_at}"));
            }
        }
        // Lifetime management goes on after a group is archived: the offenders on
        // orders of every group are checked.
        for o in &self.ocgs {
            for off in o.offenders() {
                let detail = match (off.in_prison, off.release_on) {
                    (true, None) => format!("offender {} is in prison with no release date recorded", off.reference),
                    (true, Some(release))
                        if (release - as_at).num_days() <= policy.release_horizon_days && !off.release_plan =>
                    {
                        format!("offender {} is released on {release} with no release plan", off.reference)
                    }
                    _ => continue,
                };
                findings.push(Finding {
                    check: CheckKind::LifetimeManagement,
                    ocg: Some(o.reference().to_owned()),
                    detail,
                });
            }
        }
        if disruptions_in_year == 0 && self.active_on(as_at).next().is_some() {
            findings.push(Finding {
                check: CheckKind::DisruptionsRecorded,
                ocg: None,
                detail: format!("no disruption recorded against any active group in the 12 months to {as_at}"),
            });
        }
        findings
    }

    /// Active groups per one million population on `as_at`.
    ///
    /// # Errors
    /// A zero population.
    pub fn per_million(&self, as_at: NaiveDate, population: u64) -> Result<Rate> {
        let active = u64::try_from(self.active_on(as_at).count()).unwrap_or(u64::MAX);
        Ok(Rate::new(active, population, Rate::PER_1_000_000)?)
    }

    /// GAIN referrals made from `start` to `end` (inclusive) per 100 groups active
    /// at any time in that period.
    ///
    /// # Errors
    /// No group active in the period.
    pub fn gain_per_hundred(&self, start: NaiveDate, end: NaiveDate) -> Result<Rate> {
        let groups: Vec<&Ocg> = self.ocgs.iter().filter(|o| o.was_active_during(start, end)).collect();
        let referrals: usize =
            groups.iter().map(|o| o.gain_referrals().iter().filter(|d| **d >= start && **d <= end).count()).sum();
        Ok(Rate::new(Decimal::from(referrals), Decimal::from(groups.len()), Rate::PER_100)?)
    }

    /// Figure 10: active groups on `as_at` by predominant crime type, largest first
    /// (ties in crime type order). Rounded shares may not sum to 100.
    ///
    /// # Errors
    /// No active group.
    pub fn by_crime_type(&self, as_at: NaiveDate) -> Result<CrimeTypeShares> {
        let active: Vec<&Ocg> = self.active_on(as_at).collect();
        let mut rows: Vec<(CrimeType, Proportion)> = Vec::new();
        for t in CrimeType::ALL {
            let n = active.iter().filter(|o| o.crime_type() == t).count();
            if n > 0 {
                rows.push((t, Proportion::new(Decimal::from(n), Decimal::from(active.len()))?));
            }
        }
        if rows.is_empty() {
            return Err(OcgError::Stats(policing_stats::StatsError::NoIncludedUnits { what: "share by crime type" }));
        }
        rows.sort_by_key(|r| std::cmp::Reverse(r.1.part()));
        Ok(CrimeTypeShares { rows })
    }

    /// Disruptions recorded in the period by 4P pillar.
    #[must_use]
    pub fn disruptions_by_pillar(&self, start: NaiveDate, end: NaiveDate) -> Vec<(Pillar, usize)> {
        Pillar::ALL
            .into_iter()
            .map(|p| {
                let n = self
                    .ocgs
                    .iter()
                    .flat_map(|o| o.disruptions())
                    .filter(|d| d.pillar == p && d.on >= start && d.on <= end)
                    .count();
                (p, n)
            })
            .collect()
    }
}

/// Active groups by predominant crime type (figure 10).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct CrimeTypeShares {
    rows: Vec<(CrimeType, Proportion)>,
}

impl CrimeTypeShares {
    /// The crime types present, largest first, each with its share of active groups.
    #[must_use]
    pub fn rows(&self) -> &[(CrimeType, Proportion)] {
        &self.rows
    }

    /// The most common crime type(s): several when tied.
    #[must_use]
    pub fn most_common(&self) -> Vec<CrimeType> {
        let top = self.rows.first().map(|r| r.1.part());
        self.rows.iter().filter(|r| Some(r.1.part()) == top).map(|r| r.0).collect()
    }

    /// The rounded percentages' sum, which "may not sum to 100 due to rounding".
    #[must_use]
    pub fn rounded_sum(&self, places: u32) -> Decimal {
        self.rows.iter().map(|r| r.1.percent_rounded(places)).sum()
    }
}
