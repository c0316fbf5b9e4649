//! The main job: the Wiltshire Police PEEL effectiveness 2016 report, figure by
//! figure, checked against the public data HMIC used.
//!
//! Run with `cargo run --example wiltshire_2016` (the same as
//! `policing report wiltshire-2016`).
//!
//! Every number and verdict-bearing statement the report prints is a row of its
//! ledger (`crates/policing-peel/reports/wiltshire-2016.tsv`). The example reads
//! from the repository the ONS police recorded crime table by force area
//! (`data/raw/ons-rec-crime-pfa/rec-crime-pfa.csv`) and data.police.uk's yearly
//! counts by force, anti-social behaviour included
//! (`data/raw/bbc-unsolved-crime/`) and the Home Office offence-code counts of
//! 2017/18 (`data/raw/ho-offence-level-2017-18/`), registers them as sources with the
//! ledger's evaluator, and prints figure 1 (computed; the report prints no
//! values for it), every row with its verdict and the evidence, the method
//! hypotheses the report's numbers point to (each evaluated on every row it
//! touches), and "N of M figures reproduced from source data". A row can only be
//! `reproduced` or `differs` when it was computed from one of those files with
//! the same definition and window as the printed figure.

use std::collections::BTreeMap;
use std::path::PathBuf;

use policing::data::offence_codes::read_offence_codes;
use policing::data::recorded_crime::read_pfa_table;
use policing::data::yearly::read_yearly_counts;
use policing::peel::ledger::{
    report, AntiSocialBehaviourSource, Evaluator, Ledger, OffenceShareSource, RecordedCrimeSource,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let raw = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/raw");
    let table = read_pfa_table(&raw.join("ons-rec-crime-pfa/rec-crime-pfa.csv"), None)?;
    let crime_edition = format!(
        "ONS recorded crime by police force area, 2019 edition (data/raw/ons-rec-crime-pfa/rec-crime-pfa.csv: {} rows \
         read, {} rejected)",
        table.summary.rows,
        table.summary.rejected()
    );
    let yearly = read_yearly_counts(&raw.join("bbc-unsolved-crime/crime outcomes by category force year 2012-16.csv"))?;
    let mut incidents = BTreeMap::new();
    for year in yearly.years() {
        for force in policing::Force::ALL {
            if let Some(n) = yearly.anti_social_behaviour(*force, year) {
                incidents.insert((*force, year), n);
            }
        }
    }
    let asb_edition = format!(
        "data.police.uk anti-social behaviour incidents by force and calendar year, 2012-2016 (BBC Data Unit; \
         data/raw/bbc-unsolved-crime/: {} rows read, {} rejected)",
        yearly.summary.rows,
        yearly.summary.rejected()
    );
    let crime = RecordedCrimeSource::new(&table.crime, crime_edition.clone());
    let asb = AntiSocialBehaviourSource::new(incidents, asb_edition);
    let codes = read_offence_codes(&raw.join("ho-offence-level-2017-18/prc-pfa-mar2013-onwards-tables201718.csv"))?;
    let shares = OffenceShareSource::new(
        &table.crime,
        codes.group_counts(2017),
        "2017/18",
        format!(
            "Home Office police recorded crime by offence code, 2017/18 (data/raw/ho-offence-level-2017-18/: {} rows read)",
            codes.summary.rows
        ),
    );
    let ledger = Ledger::wiltshire_2016()?;
    let evaluator = Evaluator::new().with(&crime).with(&asb).with(&shares);
    evaluator.check(&ledger)?;
    print!("{}", report(&ledger, &evaluator, Some((&table.crime, &crime_edition)))?);
    Ok(())
}
