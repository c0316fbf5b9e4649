//! `policing forces`: the forces, their codes and the names the tool accepts.

use policing_forces::{Force, Population};

use crate::error::CmdResult;
use crate::output::{Cell, Format, OutputArgs};

/// `policing forces`.
#[derive(Debug, clap::Args)]
pub struct ForcesArgs {
    #[command(flatten)]
    output: OutputArgs,
}

/// Runs `policing forces`: one row a force, British Transport Police last.
pub fn run(a: ForcesArgs) -> CmdResult {
    a.output.check()?;
    let population = Population::mid_2015();
    let rows: Vec<Vec<Cell>> = Force::ALL
        .iter()
        .map(|f| {
            let mut accepted = vec![f.slug().to_owned(), f.ons_name().to_owned()];
            accepted.extend(f.ons_code().map(str::to_owned));
            accepted.extend(f.aliases().iter().map(|s| (*s).to_owned()));
            accepted.dedup();
            vec![
                Cell::text(f.name()),
                Cell::text(f.slug()),
                Cell::text(f.ons_code().unwrap_or_default()),
                Cell::text(f.ons_name()),
                Cell::text(f.region().name()),
                Cell::text(match f.country() {
                    Some(policing_forces::Country::England) => "England",
                    Some(policing_forces::Country::Wales) => "Wales",
                    _ => "",
                }),
                Cell::or_empty(population.peel_denominator(*f).ok(), |p| Cell::Count(i128::from(p))),
                Cell::Text(accepted.join("; ")),
            ]
        })
        .collect();
    a.output.table(
        a.output.format_or(Format::Table),
        &["force", "slug", "ons_code", "ons_name", "region", "country", "peel_population", "also_accepted"],
        &rows,
    )
}
