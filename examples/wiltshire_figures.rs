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
//! - `officers-per-1000-by-force.svg`, `officers-funnel.svg`, `officers-over-time.svg`:
//!   by-force, funnel and over-time charts of police officers per 1,000 population
//!   (Home Office police workforce, with ONS mid-2015 populations).
//!
//! Figures 4 and 8 need the Home Office outcomes data by force, which the repository
//! does not hold, so they are not drawn; `figure_4_outcomes` and
//! `figure_8_domestic_abuse` show what can be checked of them.

use std::path::PathBuf;

use policing::crime::{Denominators, Measure, YearEnding};
use policing::data::recorded_crime::read_pfa_table;
use policing::data::workforce::read_officers;
use policing::figures::{
    by_force_figure, funnel_plot, line_chart, ranked_bars, trend_figure, Caption, FunnelOptions, Series,
};
use policing::forces::{Force, Population};
use policing::stats::{funnel, Cohort, Direction, Exclusion, Observation, Rate, Statistic};
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
    let mut cohort = Cohort::new();
    let mut units = Vec::new();
    let mut funnel_units = Vec::new();
    for force in Force::territorial() {
        let name = force.name().to_owned();
        match (
            workforce.officers.get(&force).and_then(|v| v.get(2).copied().flatten()),
            population.peel_denominator(force),
        ) {
            (Some(officers), Ok(people)) => {
                cohort.include(name.clone(), officers, people)?;
                units.push((name.clone(), Observation::Value(Rate::new(officers, people, Rate::PER_1_000)?.value())));
                funnel_units.push((name, officers, Decimal::from(people)));
            }
            (_, Err(e)) => {
                let why = Exclusion::new(format!("no PEEL population: {e}"))?;
                cohort.exclude(name.clone(), why.clone())?;
                units.push((name, Observation::Excluded(Exclusion::new("transient population not in the sources")?)));
            }
            (None, _) => {
                cohort.missing(name.clone())?;
                units.push((name, Observation::Missing));
            }
        }
    }
    let ew = cohort.pooled(Rate::PER_1_000)?.rounded(2);
    let caption = Caption::new("Police officers (full-time equivalent) per 1,000 population, by force")
        .unit("officers per 1,000 population")
        .period("30 September 2016 (population: ONS mid-2015)")
        .decimals(2)
        .source("Source: Home Office police workforce tables (data/raw/resistancelab/officer-fte/2016.csv); ONS mid-2015 population estimates");
    save(
        "officers-per-1000-by-force.svg",
        ranked_bars(&units, "Wiltshire Police", Some(ew), Direction::HighIsNotable, &caption)?,
    )?;
    let f = funnel(funnel_units, Statistic::Rate)?;
    let caption = Caption::new("Police officers per 1,000 population against population, by force: funnel plot")
        .unit("officers per 1,000 population")
        .period("30 September 2016")
        .x_axis("population (ONS mid-2015)")
        .decimals(2)
        .source(
            "Source: Home Office police workforce tables; ONS mid-2015 population estimates. Limits by Byar's method.",
        );
    let options = FunnelOptions::new(1_000.0).highlight("Wiltshire Police").log_denominator(true);
    save("officers-funnel.svg", funnel_plot(&f, &options, &caption)?)?;

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
