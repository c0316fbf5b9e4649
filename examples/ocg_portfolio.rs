//! A realistic OCG portfolio run through every check and figure of the 2016
//! inspection: mapping promptness, re-scoring, monthly reviews, lead officers,
//! 4P plans, disruptions, lifetime management; OCGs per million, GAIN referrals
//! per 100 OCGs, and figure 10.
//!
//! Run with `cargo run --example ocg_portfolio`.

#[path = "portfolio/mod.rs"]
mod portfolio;

use chrono::NaiveDate;
use policing::ocg::morile::{Confidence, Harm, MorileInput, MorileModel};
use policing::ocg::{CheckKind, CheckPolicy};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let p = portfolio::portfolio()?;
    let as_at = portfolio::as_at()?;
    let year_start = NaiveDate::from_ymd_opt(2015, 7, 1).ok_or("date")?;
    let year_end = NaiveDate::from_ymd_opt(2016, 6, 30).ok_or("date")?;

    println!("OCG portfolio as at {as_at}: {} groups recorded, {} active", p.ocgs().len(), p.active_on(as_at).count());
    println!("\nBands of active groups (most serious first):");
    let mut active: Vec<_> = p.active_on(as_at).collect();
    active.sort_by_key(|o| o.band());
    for o in &active {
        let band = o.band().map_or("unmapped".to_owned(), |b| b.to_string());
        println!("  {:<10} {:<4} {:<38} identified {}", o.reference(), band, o.crime_type().name(), o.identified_on());
    }

    println!("\nChecks (CheckPolicy::default(): mapped within 28 days, re-scored every 3 months, reviewed monthly):");
    let findings = p.check(as_at, &CheckPolicy::default());
    for kind in [
        CheckKind::MappedPromptly,
        CheckKind::RescoredRegularly,
        CheckKind::ReviewedMonthly,
        CheckKind::LeadResponsibleOfficer,
        CheckKind::FourPPlan,
        CheckKind::BeyondPursue,
        CheckKind::DisruptionsRecorded,
        CheckKind::LifetimeManagement,
    ] {
        let of_kind: Vec<_> = findings.iter().filter(|f| f.check == kind).collect();
        println!("  {kind:?}: {} finding(s)", of_kind.len());
        for f in of_kind {
            println!("    {} — {}", f.ocg.as_deref().unwrap_or("portfolio"), f.detail);
        }
    }

    println!("\nFigures:");
    let per_million = p.per_million(as_at, portfolio::POPULATION)?;
    println!(
        "  OCGs per one million population as at {as_at}: {} ({} active over {} people)",
        per_million.rounded(0),
        per_million.numerator(),
        per_million.denominator()
    );
    let gain = p.gain_per_hundred(year_start, year_end)?;
    println!(
        "  GAIN referrals per 100 OCGs, 12 months to 30 June 2016: {} ({} referrals, {} groups active in the period)",
        gain.rounded(1),
        gain.numerator(),
        gain.denominator()
    );
    let shares = p.by_crime_type(as_at)?;
    println!("  Figure 10, active OCGs by predominant crime type:");
    for (t, share) in shares.rows() {
        println!("    {:<38} {:>5}%", t.name(), share.percent_rounded(0));
    }
    println!("    (rounded shares sum to {}%)", shares.rounded_sum(0));
    let common: Vec<&str> = shares.most_common().iter().map(|t| t.name()).collect();
    println!("  Most common predominant crime type: {}", common.join(", "));
    for (pillar, n) in p.disruptions_by_pillar(year_start, year_end) {
        println!("  Disruptions recorded under {pillar}: {n}");
    }

    println!("\nMoRiLE-style prioritisation (documented model, policing_ocg::morile):");
    let model = MorileModel::default();
    for (name, harm, likelihood, position, confidence) in [
        (
            "county lines drug supply",
            Harm { physical: 4, psychological: 4, financial: 2, community: 5, geographic_scope: 3 },
            5,
            1,
            Confidence::High,
        ),
        (
            "modern slavery in car washes",
            Harm { physical: 3, psychological: 5, financial: 3, community: 2, geographic_scope: 2 },
            3,
            3,
            Confidence::Low,
        ),
        (
            "organised vehicle theft",
            Harm { physical: 1, psychological: 1, financial: 3, community: 2, geographic_scope: 2 },
            4,
            0,
            Confidence::Medium,
        ),
    ] {
        let s = model.score(&MorileInput { harm, likelihood, organisational_position: position, confidence })?;
        println!(
            "  {name:<30} harm {:>2}  risk {:>3}  priority {:>3}  confidence {:?}",
            s.total_harm, s.risk, s.priority, s.confidence
        );
    }
    Ok(())
}
