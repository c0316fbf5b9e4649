//! A force's profile through the library: every measure the public data in the
//! repository hold, for the 12 months to June 2016, compared with every force.
//!
//! Run with `cargo run --example force_profile` (Wiltshire), or name a force and
//! a page to write: `cargo run --example force_profile -- "Devon and Cornwall" page.html`.
//!
//! The sources are the tables shipped inside `policing-data` (copies of files
//! under `data/raw/`): the ONS recorded crime table by force area, the
//! data.police.uk yearly counts with anti-social behaviour, the Home Office
//! offence-code table with the ONS severity weights, and the officer table.
//! Rates are compared with England and Wales on funnel limits widened for
//! overdispersion, and each row says which forces sit where: the lowest, the
//! quartiles and the highest (the spine a public-health profile draws).

use policing::crime::YearEnding;
use policing::profile::{html, Options, Profiles, Sources};
use policing::Force;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let force: Force = match args.next() {
        Some(name) => name.parse()?,
        None => Force::Wiltshire,
    };
    let page_path = args.next();

    let sources = Sources::shipped()?;
    let year: YearEnding = "2016-06".parse()?;
    let profiles = Profiles::compute(&sources, year, &Options::default())?;
    let profile = profiles.of(force);

    println!("{} — {}", force.name(), profile.year);
    println!("{:>9} {:>9} {:>6}  {:<20} {:<17} {:<26} measure", "rate", "E&W", "rank", "band", "funnel", "period");
    for row in &profile.rows {
        // Three significant figures: rare offences' rates are small, not zero.
        let rate = |r: Option<policing::Decimal>| {
            r.and_then(|v| v.round_sf(3)).map_or_else(|| "-".to_owned(), |v| v.to_string())
        };
        let rank = row.rank.map_or_else(|| "-".to_owned(), |r| format!("{r}/{}", row.of));
        println!(
            "{:>9} {:>9} {:>6}  {:<20} {:<17} {:<26} {}",
            rate(row.rate),
            rate(row.england_and_wales_rate),
            rank,
            row.band.map_or("-", |b| b.words()),
            row.significance.map_or("-", |s| s.label()),
            row.period,
            row.measure,
        );
    }
    for note in &profile.notes {
        println!("note: {note}");
    }
    for source in &profile.sources {
        println!("source: {source}");
    }

    if let Some(path) = page_path {
        std::fs::write(&path, html::page(&profile))?;
        println!("wrote {path}");
    }
    Ok(())
}
