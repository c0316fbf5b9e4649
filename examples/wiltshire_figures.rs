//! Writes the Wiltshire figures the library can compute, as SVG, to a folder.
//!
//! Run with `cargo run --example wiltshire_figures [OUT_DIR]` (default `figures/`).
//!
//! - `figure-2-crime-rates.svg`: figure 2's rates, Wiltshire against England and Wales.
//! - `figure-4-outcomes.svg`: figure 4 as computed by the library (group rows and
//!   totals from counts), with England and Wales beside each row.
//! - `figure-8-domestic-abuse-outcomes.svg`: figure 8.
//! - `officers-per-1000-by-force.svg`, `officers-funnel.svg`, `officers-over-time.svg`:
//!   the by-force, funnel and over-time charts on real data the repository holds
//!   (Home Office police workforce, officers by force, with ONS mid-2015
//!   populations); the report's own by-force charts need every force's values,
//!   which the report does not print.

use std::path::PathBuf;

use policing::data::workforce::read_officers;
use policing::figures::{funnel_plot, line_chart, outcome_bars, ranked_bars, Caption, OutcomeRow, Series};
use policing::forces::{Force, Population};
use policing::outcomes::{FIGURE_4, FIGURE_8};
use policing::peel::reproduction::{figure_4, figure_8};
use policing::peel::{row_item, wiltshire_2016, Column};
use policing::stats::{funnel, Cohort, Direction, Exclusion, Observation, Rate, Statistic};
use rust_decimal::Decimal;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args().nth(1).map_or_else(|| PathBuf::from("figures"), PathBuf::from);
    std::fs::create_dir_all(&out)?;
    let report = wiltshire_2016();
    let mut written = Vec::new();
    let mut save = |name: &str, svg: String| -> std::io::Result<()> {
        let path = out.join(name);
        std::fs::write(&path, svg)?;
        written.push(path);
        Ok(())
    };

    // Figure 2: the printed rates.
    let rows: Vec<OutcomeRow> = report
        .column("Figure 2", Column::Force)
        .map(|f| -> Result<OutcomeRow, policing::peel::PeelError> {
            let ew = report.figure("Figure 2", &f.item, Column::EnglandAndWales)?;
            let label = if f.item == "Burglary in a dwelling" {
                "Burglary in a dwelling (per 1,000 households)".to_owned()
            } else {
                f.item.clone()
            };
            Ok(OutcomeRow { label, value: Some(f.value()?.value()), england_and_wales: Some(ew.value()?.value()) })
        })
        .collect::<Result<_, _>>()?;
    let caption = Caption::new("Figure 2: Police-recorded crime rates (per 1,000 population) in Wiltshire")
        .unit("per 1,000 population")
        .period("12 months to 30 June 2016")
        .source("Source: Home Office data (as printed in the report)");
    save("figure-2-crime-rates.svg", outcome_bars(&rows, "Wiltshire Police", &caption)?)?;

    // Figure 4: computed tables.
    let w = figure_4::table(Column::Force)?;
    let ew = figure_4::table(Column::EnglandAndWales)?;
    let rows: Vec<OutcomeRow> = FIGURE_4
        .iter()
        .zip(w.rows().iter().zip(ew.rows()))
        .filter(|(l, _)| l.shows_value)
        .map(|(l, (a, b))| OutcomeRow {
            label: format!("{}{}", if l.indent > 0 { "    " } else { "" }, row_item(l.number, l.label)),
            value: a.share.percent(1),
            england_and_wales: b.share.percent(1),
        })
        .collect();
    let caption = Caption::new("Figure 4: Proportion of outcomes assigned to offences recorded in Wiltshire Police, by outcome type")
        .unit("percent of offences recorded")
        .period("12 months to 30 June 2016")
        .source("Source: Home Office crime outcomes data; group rows computed by the library from counts derived from the printed type shares");
    save("figure-4-outcomes.svg", outcome_bars(&rows, "Wiltshire Police", &caption)?)?;

    // Figure 8.
    let w = figure_8::rates(Column::Force)?;
    let ew = figure_8::rates(Column::EnglandAndWales)?;
    let rows: Vec<OutcomeRow> = FIGURE_8
        .iter()
        .zip(w.rows().iter().zip(ew.rows()))
        .map(|(l, (a, b))| OutcomeRow {
            label: l.label.to_owned(),
            value: Some(a.rate.rounded(1)),
            england_and_wales: Some(b.rate.rounded(1)),
        })
        .collect();
    let caption = Caption::new("Figure 8: Rate of outcomes recorded for domestic-related offences in Wiltshire Police")
        .unit("per 100 domestic abuse offences")
        .period("12 months to 30 June 2016")
        .source(
            "Source: HMIC data return, Home Office data. Dorset and Nottinghamshire excluded from England and Wales.",
        );
    save("figure-8-domestic-abuse-outcomes.svg", outcome_bars(&rows, "Wiltshire Police", &caption)?)?;

    // Officers per 1,000 population by force: real data.
    let raw = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/raw");
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
    save("officers-funnel.svg", funnel_plot(&f, "Wiltshire Police", 1_000.0, &caption)?)?;

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
