//! Serious and organised crime: figure 9 (OCGs per million population),
//! figure 10, GAIN referrals, serious crime prevention orders, disruptions.

use crate::Column;
use policing_forces::{Force, Population};
use policing_stats::{Cohort, Exclusion, Rate};

use super::crime::count_from_rate;
use super::figure_4::NO_ALL_FORCE_DATA;
use super::{column_name, report_data, round_trip, Check};

/// Every check of the serious and organised crime figures.
pub fn checks() -> Result<Vec<Check>, crate::PeelError> {
    let r = report_data();
    let p = Population::mid_2015();
    let mut checks = Vec::new();
    let item = "OCGs per one million population";

    // Wiltshire: the only whole number of active groups that prints as 17 per million.
    let w = r.figure("Figure 9", item, Column::Force)?;
    let pop = p.peel_denominator(Force::Wiltshire)?;
    let groups = count_from_rate(&w.value()?, pop, Rate::PER_1_000_000);
    let rate = Rate::new(groups, pop, Rate::PER_1_000_000)?;
    checks.push(round_trip(
        "Figure 9",
        item,
        "Wiltshire Police",
        &w.printed,
        rate.rounded(0),
        &format!("{groups} active OCGs (derived) over {pop}"),
    ));

    // England and Wales: pooled over every force but City of London; Warwickshire
    // and West Mercia report one combined total, which pools the same way.
    let ew = r.figure("Figure 9", item, Column::EnglandAndWales)?;
    let mut cohort = Cohort::new();
    let pop_less_city = p.england_and_wales() - p.of(Force::CityOfLondon)?.persons;
    let groups = count_from_rate(&ew.value()?, pop_less_city, Rate::PER_1_000_000);
    cohort.include("42 forces (Warwickshire and West Mercia combined)", groups, pop_less_city)?;
    cohort.exclude("City of London Police", Exclusion::new("OCG data not comparable: size and national remit")?)?;
    let pooled = cohort.pooled(Rate::PER_1_000_000)?;
    let excluded: Vec<String> = cohort.exclusions().map(|(k, e)| format!("{k} ({e})")).collect();
    checks.push(round_trip(
        "Figure 9",
        item,
        "England and Wales",
        &ew.printed,
        pooled.rounded(0),
        &format!("{groups} OCGs (derived) over {pop_less_city}; excluded: {}", excluded.join("; ")),
    ));
    checks.push(Check::not_computable(
        "Figure 9",
        "Wiltshire against every force: band",
        "Wiltshire Police",
        "-",
        NO_ALL_FORCE_DATA,
    ));

    for column in [Column::Force, Column::EnglandAndWales] {
        let f = r.figure("Figure 10", "Most common predominant crime type of active OCGs", column)?;
        checks.push(Check::not_computable(
            "Figure 10",
            f.item.clone(),
            column_name(column),
            &f.printed,
            "needs active OCGs by crime type, not printed",
        ));
        let g = r.figure("Serious and organised crime", "GAIN referrals per 100 OCGs", column)?;
        checks.push(Check::not_computable(
            "Serious and organised crime",
            g.item.clone(),
            column_name(column),
            &g.printed,
            "needs referral and OCG counts for the year, not printed",
        ));
    }
    for item in ["Serious crime prevention orders obtained", "OCG disruptions recorded"] {
        let f = r.figure("Serious and organised crime", item, Column::Force)?;
        checks.push(Check::input("Serious and organised crime", item, "Wiltshire Police", &f.printed));
    }
    Ok(checks)
}
