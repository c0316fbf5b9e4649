//! The Wiltshire Police PEEL effectiveness 2016 report, through the library.
//!
//! Run with `cargo run --example wiltshire_2016`.
//!
//! This is the first stage of the reproduction: what the statistics crate can
//! check on the report's own published numbers. It checks that every group row
//! and total of figure 4 is consistent, under rounding, with the rows it is made
//! of; and it puts a Wilson confidence interval around the public survey result.
//! Later stages add the outcome, force, OCG and PEEL crates and compute each
//! figure from counts.

use policing::stats::{check_sum, wilson, Published, Result};
use rust_decimal::Decimal;

/// One column of figure 4 as printed in the report (section "How well does the
/// force bring offenders to justice?").
struct Figure4Column {
    name: &'static str,
    charged: &'static str,
    tic: &'static str,
    formal: &'static str,
    formal_members: [&'static str; 3],
    informal: &'static str,
    informal_members: [&'static str; 2],
    prevented: &'static str,
    victim_supports: &'static str,
    victim_does_not_support: &'static str,
    victim_does_not_support_members: [&'static str; 2],
    no_suspect: &'static str,
    other_body: &'static str,
    outcome_21: &'static str,
    assigned: &'static str,
    not_yet: &'static str,
    total: &'static str,
}

const WILTSHIRE: Figure4Column = Figure4Column {
    name: "Wiltshire Police",
    charged: "12.1",
    tic: "0.3",
    formal: "3.7",
    formal_members: ["0.9", "2.3", "0.5"],
    informal: "2.7",
    informal_members: ["0.7", "2.1"],
    prevented: "1.6",
    victim_supports: "12.6",
    victim_does_not_support: "19.6",
    victim_does_not_support_members: ["17.2", "2.4"],
    no_suspect: "40.8",
    other_body: "1.0",
    outcome_21: "0.0",
    assigned: "94.5",
    not_yet: "5.5",
    total: "100.00",
};

const ENGLAND_AND_WALES: Figure4Column = Figure4Column {
    name: "England and Wales",
    charged: "12.1",
    tic: "0.2",
    formal: "3.2",
    formal_members: ["0.4", "2.3", "0.6"],
    informal: "3.6",
    informal_members: ["0.9", "2.8"],
    prevented: "1.8",
    victim_supports: "8.3",
    victim_does_not_support: "13.8",
    victim_does_not_support_members: ["10.6", "3.2"],
    no_suspect: "47.4",
    other_body: "0.6",
    outcome_21: "0.1",
    assigned: "91.3",
    not_yet: "8.7",
    total: "100.00",
};

fn parse(items: &[&str]) -> Result<Vec<Published>> {
    items.iter().map(|s| s.parse()).collect()
}

/// Prints one check and returns whether it holds.
fn sum_check(label: &str, parts: &[&str], total: &str) -> Result<bool> {
    let total: Published = total.parse()?;
    let check = check_sum(&parse(parts)?, &total);
    let as_printed = if check.adds_up_as_printed(&total) {
        "adds up as printed".to_owned()
    } else {
        format!(
            "prints {} against {total}; unrounded sums {}..{} meet {}..{}",
            check.printed_sum,
            check.parts_range.lower,
            check.parts_range.upper,
            check.total_range.lower,
            check.total_range.upper
        )
    };
    let verdict = if check.consistent { "consistent" } else { "INCONSISTENT" };
    println!("  {label:<52} {verdict:<13} ({as_printed})");
    Ok(check.consistent)
}

fn figure_4(c: &Figure4Column) -> Result<(usize, usize)> {
    println!("\nFigure 4, {}: group rows and totals against their members", c.name);
    let checks = [
        sum_check("Out-of-court (formal) = 2 + 3 + 6", &c.formal_members, c.formal)?,
        sum_check("Out-of-court (informal) = 7 + 8", &c.informal_members, c.informal)?,
        sum_check("Victim does not support = 16 + 14", &c.victim_does_not_support_members, c.victim_does_not_support)?,
        sum_check(
            "Total assigned = every row",
            &[
                c.charged,
                c.tic,
                c.formal,
                c.informal,
                c.prevented,
                c.victim_supports,
                c.victim_does_not_support,
                c.no_suspect,
                c.other_body,
                c.outcome_21,
            ],
            c.assigned,
        )?,
        sum_check("Total = assigned + not yet assigned", &[c.assigned, c.not_yet], c.total)?,
    ];
    Ok((checks.iter().filter(|ok| **ok).count(), checks.len()))
}

fn survey() -> Result<()> {
    // "Some 403 people were interviewed and 54 percent were very or fairly
    // satisfied": the count is derived (54% of 403 is 217.6; 216 to 219 print as 54).
    let interviewed = Decimal::from(403);
    let satisfied = Decimal::from(218);
    let ci = wilson(satisfied, interviewed, 0.95)?.scaled(100.0);
    println!("\nPublic survey (Ipsos MORI, July-August 2016)");
    println!("  satisfied with local policing: 54% of 403 (count 218 derived from the published percentage)");
    println!("  95% Wilson interval: {:.1}% to {:.1}%", ci.lower, ci.upper);
    println!(
        "  the reported 4-point rise on 2015 lies {} the interval's half-width of {:.1} points",
        if 4.0 < (ci.upper - ci.lower) / 2.0 { "within" } else { "beyond" },
        (ci.upper - ci.lower) / 2.0
    );
    Ok(())
}

fn main() -> Result<()> {
    println!("Wiltshire Police, PEEL: police effectiveness 2016 (HMIC, March 2017)");
    println!("Source: shared/reference/wiltshire-peel-effectiveness-2016.txt");
    let (mut ok, mut all) = (0, 0);
    for column in [&WILTSHIRE, &ENGLAND_AND_WALES] {
        let (o, a) = figure_4(column)?;
        ok += o;
        all += a;
    }
    survey()?;
    println!("\n{ok} of {all} figure 4 rounding checks consistent");
    Ok(())
}
