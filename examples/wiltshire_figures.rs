//! Writes the Wiltshire figures the library can compute from source data, as SVG, to a folder.
//!
//! Run with `cargo run --example wiltshire_figures [OUT_DIR]` (default `figures/`).
//!
//! - `figure-1-recorded-crime-five-years.svg`: figure 1, Wiltshire's recorded crime
//!   (excluding fraud) per 1,000 population for each quarter of the five years to
//!   30 June 2016, with England and Wales, from the ONS recorded crime table.
//! - `figure-2-<measure>-by-force.svg`: each of figure 2's measures by force,
//!   ranked, Wiltshire highlighted, top and bottom quarter shaded (the report
//!   prints Wiltshire's and England and Wales's values only; the table has every force's).
//! - `officers-per-1000-by-force.svg`, `officers-over-time.svg`: by-force and
//!   over-time charts of police officers per 1,000 population (Home Office
//!   police workforce, with ONS mid-2015 populations). No funnel: officers are not
//!   events that happen to a population at random, so Poisson limits mean nothing.
//!
//! Figures 4 and 8 need the Home Office outcomes data by force, which the repository
//! does not hold, so they are not drawn; `figure_4_outcomes` and
//! `figure_8_domestic_abuse` show what can be checked of them.

use std::path::PathBuf;

use policing::crime::{Denominators, Measure, YearEnding};
use policing::data::recorded_crime::read_pfa_table;
use policing::data::workforce::read_officers;
use policing::figures::{by_force_figure, line_chart, ranked_bars, trend_figure, Caption, Series};
use policing::forces::{Force, Population};
use policing::stats::{compare, Exclusion, Method, Rate, Units};
use rust_decimal::Decimal;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args().nth(1).map_or_else(|| PathBuf::from("figures"), PathBuf::from);
    std::fs::create_dir_all(&out)?;
    let mut written = Vec::new();
    let mut save = |name: &str, svg: String| -> std::io::Result<()> {
        let path = out.join(name);
        std::fs::write(&path, svg)?;
        written.push(path);
        Ok(())
    };
    let raw = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/raw");

    // Figures 1 and 2 from the ONS recorded crime table.
    let table = read_pfa_table(&raw.join("ons-rec-crime-pfa/rec-crime-pfa.csv"), None)?;
    let year: YearEnding = "2016-06".parse()?;
    let d = Denominators::peel();
    save(
        "figure-1-recorded-crime-five-years.svg",
        trend_figure(&table.crime, Force::Wiltshire, Measure::RecordedCrimeExclFraud, year, &d)?,
    )?;
    for m in Measure::FIGURE_2 {
        save(
            &format!("figure-2-{}-by-force.svg", m.id().replace('_', "-")),
            by_force_figure(&table.crime, Some(Force::Wiltshire), m, year, &d)?,
        )?;
    }

    // Officers per 1,000 population by force: real data.
    let workforce = read_officers(&raw.join("resistancelab/officer-fte/2016.csv"))?;
    let population = Population::mid_2015();
    let mut units = Units::new();
    for force in Force::territorial() {
        let name = force.name().to_owned();
        let officers = workforce.officers.get(&force).and_then(|v| v.get(2).copied().flatten());
        match (officers, population.of(force), force.not_ranked()) {
            // City of London: in England and Wales's total, ranked nowhere (the one stated reason).
            (Some(officers), Ok(area), Some(why)) => {
                units.pooled_only(name, officers, area.persons, Exclusion::new(why)?)?
            }
            (Some(officers), Ok(area), None) => units.counts(name, officers, area.persons)?,
            (_, Err(e), _) => units.exclude(name, Exclusion::new(format!("no population: {e}"))?)?,
            (None, ..) => units.missing(name)?,
        };
    }
    // Officers are not events at risk: ranked and pooled, not tested.
    let compared = compare(units, &Method::rate(Rate::PER_1_000)?.untested())?;
    let ew = compared.pooled().and_then(|p| p.value).map(|v| v.round_dp(2));
    let caption = Caption::new("Police officers (full-time equivalent) per 1,000 population, by force")
        .unit("officers per 1,000 population")
        .period("30 September 2016 (population: ONS mid-2015)")
        .decimals(2)
        .source("Source: Home Office police workforce tables (data/raw/resistancelab/officer-fte/2016.csv); ONS mid-2015 population estimates");
    save("officers-per-1000-by-force.svg", ranked_bars(&compared, "Wiltshire Police", ew, &caption)?)?;

    // Officers per 1,000 over the table's three dates: Wiltshire and England and Wales.
    let mut series = Vec::new();
    for (name, forces) in [
        ("Wiltshire Police", vec![Force::Wiltshire]),
        ("England and Wales", Force::territorial().filter(|f| *f != Force::CityOfLondon).collect()),
    ] {
        let people: u64 = forces.iter().filter_map(|f| population.peel_denominator(*f).ok()).sum();
        let values = (0..workforce.dates.len())
            .map(|i| {
                let officers: Option<Decimal> =
                    forces.iter().map(|f| workforce.officers.get(f).and_then(|v| v.get(i).copied().flatten())).sum();
                officers.and_then(|o| Rate::new(o, people, Rate::PER_1_000).ok()).map(|r| r.rounded(2))
            })
            .collect();
        series.push(Series { name: name.to_owned(), values });
    }
    let caption = Caption::new("Police officers (full-time equivalent) per 1,000 population")
        .unit("officers per 1,000 population")
        .period("September 2015 to September 2016; England and Wales excludes City of London")
        .decimals(2)
        .source("Source: Home Office police workforce tables; ONS mid-2015 population estimates");
    save("officers-over-time.svg", line_chart(&workforce.dates, &series, "Wiltshire Police", &caption)?)?;

    for path in &written {
        println!("wrote {}", path.display());
    }
    Ok(())
}
