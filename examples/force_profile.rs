//! A force's profile through the library: every measure the public data in the
//! repository hold, for the 12 months to June 2016, compared with every force.
//!
//! Run with `cargo run --example force_profile` (Wiltshire), or name a force and
//! a page to write: `cargo run --example force_profile -- "Devon and Cornwall" page.html`.
//!
//! The sources are the tables shipped inside `policing-data` (copies of files
//! under `data/raw/`): the ONS recorded crime table by force area, the
//! data.police.uk yearly counts with anti-social behaviour, the Home Office
//! offence-code table with the ONS severity weights, and officers at every 31
//! March. Each section has its own period (outcomes and anti-social behaviour:
//! calendar 2015, the latest calendar year ending by June 2016); rates are per
//! the latest ONS mid-year estimate before each period's end; forces are
//! compared with England and Wales on funnel limits widened for overdispersion
//! and with the force's region.

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
    let profiles = Profiles::compute(&sources, year, &Options::default().compare_with_region())?;
    let profile = profiles.of(force);

    println!("{} — {}", force.name(), profile.period);
    println!(
        "{:>11} {:>11} {:>9}  {:<20} {:<17} {:<28} {:<40} measure",
        "value", "E&W", "rank", "band", "funnel", "period", "trend"
    );
    for row in &profile.rows {
        // Three significant figures: rare offences' rates are small, not zero.
        let rate = |r: Option<policing::Decimal>| {
            r.and_then(|v| v.round_sf(3)).map_or_else(|| "-".to_owned(), |v| v.to_string())
        };
        let value =
            |v: Option<policing::Decimal>, range: Option<(policing::Decimal, policing::Decimal)>| match (v, range) {
                (None, Some((a, b))) => format!("{}-{}", rate(Some(a)), rate(Some(b))),
                _ => rate(v),
            };
        let rank = match row.rank {
            Some(r) if r.best == r.worst => format!("{}/{}", r.best, row.of),
            Some(r) => format!("{}-{}/{}", r.best, r.worst, row.of),
            None => "-".to_owned(),
        };
        let mut trend = row.trend_words();
        trend.truncate(40);
        println!(
            "{:>11} {:>11} {:>9}  {:<20} {:<17} {:<28} {:<40} {}",
            value(row.rate, row.range),
            value(row.england_and_wales_rate, row.england_and_wales_range),
            rank,
            row.band.map_or("-", |b| b.words()),
            row.significance.map_or("-", |s| s.label()),
            row.period.map_or_else(|| "not held".to_owned(), policing::profile::period_words),
            trend,
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
        std::fs::write(&path, html::page(&profile, &html::Stamp::today()))?;
        println!("wrote {path}");
    }
    Ok(())
}
