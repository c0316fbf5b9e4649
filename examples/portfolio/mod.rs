//! A realistic (fictional) OCG portfolio for a force of Wiltshire's size, shared
//! by `examples/ocg_portfolio.rs` and `tests/ocg_portfolio.rs`.
//!
//! It is built to show what the Wiltshire report found: most groups mapped and
//! reviewed properly, a few mapped late or after police activity, plans with
//! only a Pursue focus, no disruptions recorded, offenders on serious crime
//! prevention orders in prison without release plans.
#![allow(dead_code, reason = "an example: a failure panics with its message")]

use chrono::NaiveDate;
use policing::ocg::{CrimeType, FourPPlan, Ocg, OcgError, OrderedOffender, Pillar, Portfolio};

fn d(y: i32, m: u32, day: u32) -> Result<NaiveDate, OcgError> {
    NaiveDate::from_ymd_opt(y, m, day)
        .ok_or_else(|| OcgError::Unknown { what: "date", text: format!("{y}-{m:02}-{day:02}") })
}

/// The date of the figures: "as at 1 July 2016".
pub fn as_at() -> Result<NaiveDate, OcgError> {
    d(2016, 7, 1)
}

/// Wiltshire's mid-2015 population (ONS; derived in `policing-forces`).
pub const POPULATION: u64 = 703_253;

/// Monthly reviews from `from` to the end of June 2016.
fn monthly_reviews(g: &mut Ocg, from: NaiveDate) -> Result<(), OcgError> {
    let mut on = from;
    while on <= d(2016, 6, 30)? {
        g.review(on)?;
        on = on.checked_add_months(chrono::Months::new(1)).unwrap_or(NaiveDate::MAX);
    }
    Ok(())
}

fn plan(pillars: &[Pillar], on: NaiveDate) -> Result<FourPPlan, OcgError> {
    let mut p = FourPPlan::new();
    for pillar in pillars {
        let what = match pillar {
            Pillar::Pursue => "executive action against the principal members",
            Pillar::Prevent => "diversion for younger associates with the youth offending team",
            Pillar::Protect => "safeguarding visits to cuckooed addresses",
            Pillar::Prepare => "community impact assessment with the council",
        };
        p.add(*pillar, what, "DS, HEET team", on)?;
    }
    Ok(p)
}

/// The portfolio: 16 groups identified since 2014, 12 active on 1 July 2016.
pub fn portfolio() -> Result<Portfolio, OcgError> {
    use CrimeType::*;
    let mut p = Portfolio::new();
    // (reference, identified, crime type, mapped after days, archived, pillars)
    type Group<'a> = (&'a str, NaiveDate, CrimeType, i64, Option<NaiveDate>, &'a [Pillar]);
    let groups: [Group<'_>; 16] = [
        ("WP-OCG-01", d(2014, 3, 3)?, Drugs, 10, None, &[Pillar::Pursue, Pillar::Prevent, Pillar::Protect]),
        ("WP-OCG-02", d(2014, 6, 9)?, Drugs, 14, None, &[Pillar::Pursue]),
        ("WP-OCG-03", d(2014, 11, 17)?, OrganisedAcquisitiveCrime, 7, None, &[Pillar::Pursue, Pillar::Prepare]),
        ("WP-OCG-04", d(2015, 1, 12)?, Drugs, 21, None, &[Pillar::Pursue]),
        ("WP-OCG-05", d(2015, 2, 2)?, MoneyLaundering, 12, None, &[Pillar::Pursue, Pillar::Protect]),
        ("WP-OCG-06", d(2015, 4, 20)?, Drugs, 65, None, &[Pillar::Pursue, Pillar::Prevent]),
        ("WP-OCG-07", d(2015, 7, 6)?, HumanTraffickingAndModernSlavery, 9, None, &[Pillar::Pursue, Pillar::Protect]),
        ("WP-OCG-08", d(2015, 9, 14)?, Drugs, 11, None, &[]),
        (
            "WP-OCG-09",
            d(2015, 11, 2)?,
            ChildSexualExploitation,
            6,
            None,
            &[Pillar::Pursue, Pillar::Protect, Pillar::Prevent],
        ),
        ("WP-OCG-10", d(2016, 1, 18)?, Drugs, 40, None, &[Pillar::Pursue]),
        ("WP-OCG-11", d(2016, 3, 7)?, Firearms, 5, None, &[Pillar::Pursue, Pillar::Prevent]),
        ("WP-OCG-12", d(2016, 5, 23)?, Drugs, 8, None, &[]),
        ("WP-OCG-13", d(2014, 2, 10)?, Drugs, 12, Some(d(2016, 2, 1)?), &[Pillar::Pursue]),
        ("WP-OCG-14", d(2014, 8, 4)?, OrganisedAcquisitiveCrime, 20, Some(d(2016, 1, 15)?), &[Pillar::Pursue]),
        ("WP-OCG-15", d(2015, 3, 16)?, Fraud, 15, Some(d(2016, 3, 31)?), &[Pillar::Pursue, Pillar::Protect]),
        ("WP-OCG-16", d(2014, 5, 5)?, Drugs, 9, Some(d(2015, 6, 30)?), &[Pillar::Pursue]),
    ];
    for (i, (reference, identified, crime, mapped_after, archived, pillars)) in groups.into_iter().enumerate() {
        let mut g = Ocg::new(reference, identified, crime)?;
        let mapped = identified + chrono::Duration::days(mapped_after);
        let band = ["2A", "2B", "3A", "1C", "2C", "3B"].get(i % 6).copied().unwrap_or("3C");
        g.score(mapped, 300 + 20 * u32::try_from(i).unwrap_or(0), band.parse()?)?;
        // Re-scored every quarter, except two groups left unscored for too long.
        let mut on = mapped;
        let rescore_every = if reference == "WP-OCG-04" || reference == "WP-OCG-06" { 8 } else { 3 };
        loop {
            on = on.checked_add_months(chrono::Months::new(rescore_every)).unwrap_or(NaiveDate::MAX);
            if on > archived.unwrap_or(d(2016, 6, 30)?) {
                break;
            }
            g.score(on, 310 + 20 * u32::try_from(i).unwrap_or(0), band.parse()?)?;
        }
        // Reviewed monthly; two groups slipped through the old arrangements until
        // the new regime started in January 2016 (the report).
        let reviews_from =
            if reference == "WP-OCG-03" || reference == "WP-OCG-08" { d(2016, 1, 4)? } else { d(2015, 7, 1)? };
        monthly_reviews(&mut g, identified.max(reviews_from))?;
        if reference != "WP-OCG-12" {
            g.assign_lead("DS, HEET team, intelligence unit")?;
        }
        if !pillars.is_empty() {
            g.set_plan(plan(pillars, mapped)?);
        }
        // Two groups saw police activity before they were mapped.
        if reference == "WP-OCG-06" || reference == "WP-OCG-10" {
            g.police_activity(identified + chrono::Duration::days(3))?;
        }
        // GAIN referrals: six in the 12 months to 30 June 2016.
        if ["WP-OCG-01", "WP-OCG-05", "WP-OCG-07", "WP-OCG-09", "WP-OCG-11", "WP-OCG-15"].contains(&reference) {
            g.gain_referral(d(2016, 2, 15)?.max(identified))?;
        }
        if let Some(on) = archived {
            g.archive(on)?;
        }
        p.add(g)?;
    }
    // Four offenders on serious crime prevention orders, all in prison (the report).
    if let Some(g) = p.get_mut("WP-OCG-13") {
        for (k, release) in [(1, Some(d(2016, 8, 19)?)), (2, None)] {
            g.add_offender(OrderedOffender {
                reference: format!("SCPO-{k}"),
                order_made: d(2015, 12, 11)?,
                in_prison: true,
                release_on: release,
                release_plan: false,
            })?;
        }
    }
    if let Some(g) = p.get_mut("WP-OCG-01") {
        for (k, release, planned) in [(3, Some(d(2016, 9, 2)?), true), (4, Some(d(2018, 4, 30)?), false)] {
            g.add_offender(OrderedOffender {
                reference: format!("SCPO-{k}"),
                order_made: d(2016, 2, 26)?,
                in_prison: true,
                release_on: release,
                release_plan: planned,
            })?;
        }
    }
    Ok(p)
}
