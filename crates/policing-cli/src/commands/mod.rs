//! The command line: one module per command; input, output and errors are
//! shared (`crate::input`, `crate::output`, `crate::error`).

mod band;
mod counts;
pub mod crime;
mod figure;
mod forces;
mod funnel;
mod outcomes;
mod profile;
mod report;
mod street;

use clap::{Parser, Subcommand};

use crate::error::CmdResult;

/// Said under every command's help, after its examples.
macro_rules! after_help {
    ($examples:literal) => {
        concat!(
            "Examples:\n",
            $examples,
            "\n\nExit codes: 0 success; 1 bad data (a file that cannot be read, or that is not what the command \
             needs); 2 bad usage (an option that makes no sense). Messages go to standard error (--quiet leaves them \
             out, --verbose adds every detail); results go to standard output, or to the file given with -o. A path \
             of - reads standard input. `policing forces` lists every force and the names it accepts."
        )
    };
}
pub(crate) use after_help;

/// A force named on the command line: any name, slug or ONS code `policing forces` lists.
pub fn force_arg(text: &str) -> Result<policing_forces::Force, String> {
    text.parse().map_err(|e: policing_forces::ForceError| format!("{e} (`policing forces` lists every force)"))
}

/// Figures from the public police data of England and Wales.
#[derive(Debug, Parser)]
#[command(
    name = "policing",
    version,
    about,
    after_help = after_help!(
        "  policing crime --to 2016-06 --force wiltshire
  policing profile --force wiltshire --to 2016-06 --format html -o wiltshire.html
  policing counts data/raw/berlinhack-cityoflondon --from 2016-04 --to 2016-06
  policing figure crime-by-force --to 2016-06 --force wiltshire -o figure-2.png
  policing report wiltshire-2016"
    )
)]
pub struct Cli {
    /// Leave out the summaries and notes on standard error (errors are still printed).
    #[arg(short = 'q', long, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Say everything on standard error: every data quirk and every note, not their summary.
    #[arg(long, global = true)]
    verbose: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Recorded crime by force for a rolling year: counts, rates per 1,000, changes, England and Wales, ranks and bands.
    #[command(after_help = after_help!(
        "  policing crime --to 2016-06 --force wiltshire --force dorset
  policing crime --to 2016-06 --measure victim_based_crime --format csv > rates.csv
  policing crime --to 2016-06 -o rates.xlsx"
    ))]
    Crime(crime::CrimeArgs),
    /// Crimes by force, and by last outcome, crime type or month, in data.police.uk street files.
    #[command(after_help = after_help!(
        "  policing counts data/raw/berlinhack-cityoflondon --from 2016-04 --to 2016-06 --format table
  policing counts data/raw/berlinhack-cityoflondon --by month --wide > months.csv
  policing figure lines --input months.csv --out months.svg"
    ))]
    Counts(counts::CountsArgs),
    /// Figure 4 outcome tables per force from street files, at the precision the data allow.
    #[command(after_help = after_help!(
        "  policing outcomes data/raw/berlinhack-cityoflondon --format table
  policing outcomes --street data/raw/berlinhack-cityoflondon --outcomes data/raw/berlinhack-cityoflondon \\
      --from 2016-04 --to 2016-12"
    ))]
    Outcomes(outcomes::OutcomesArgs),
    /// Band units on a measure: "one of the highest / broadly in line / one of the lowest".
    #[command(after_help = after_help!(
        "  policing crime --to 2016-06 --measure victim_based_crime --format csv > rates.csv
  policing band --input rates.csv --key force --value rate
  policing band --input rates.csv --key force --value rate --rule quantile --format table"
    ))]
    Band(band::BandArgs),
    /// Funnel-plot significance of proportions or crude rates, with each unit's limits.
    #[command(after_help = after_help!(
        "  policing funnel --input rates.csv --key force --numerator count --denominator denominator \\
      --statistic rate --overdispersion"
    ))]
    Funnel(funnel::FunnelArgs),
    /// Draw a figure as SVG, or PNG when the file's name ends in .png.
    #[command(after_help = after_help!(
        "  policing figure crime-trend --to 2016-06 --force wiltshire --out figure-1.svg
  policing figure crime-by-force --to 2016-06 --force wiltshire --out figure-2.png
  policing figure funnel --input rates.csv --key force --numerator count --denominator denominator \\
      --statistic rate --overdispersion --force wiltshire --out funnel.png"
    ))]
    Figure {
        /// The kind of figure.
        #[command(subcommand)]
        kind: figure::FigureKind,
    },
    /// Check a PEEL report's every printed number against the public data.
    #[command(after_help = after_help!("  policing report wiltshire-2016\n  policing report wiltshire-2016 -o report.txt\n  policing report wiltshire-2016 -o ledger.csv"))]
    Report(report::ReportArgs),
    /// A force's profile: every measure the public data hold, compared with all forces (table, CSV, JSON or a web page).
    Profile(profile::ProfileArgs),
    /// The forces: names, slugs, ONS codes, regions, the names the tool accepts, and PEEL populations.
    #[command(after_help = after_help!("  policing forces\n  policing forces --format csv > forces.csv"))]
    Forces(forces::ForcesArgs),
}

/// Whether two paths name the same file (the same folder and name, whether
/// or not the file exists yet).
pub fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    let full = |p: &std::path::Path| -> Option<std::path::PathBuf> {
        let dir = p.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
        Some(dir.canonicalize().ok()?.join(p.file_name()?))
    };
    match (full(a), full(b)) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    }
}

/// Runs the command line.
pub fn run(cli: Cli) -> CmdResult {
    crate::output::set_quiet(cli.quiet);
    crate::output::set_verbose(cli.verbose);
    match cli.command {
        Command::Crime(a) => crime::run(a),
        Command::Counts(a) => counts::run(a),
        Command::Outcomes(a) => outcomes::run(a),
        Command::Band(a) => band::run(a),
        Command::Funnel(a) => funnel::run(a),
        Command::Figure { kind } => figure::run(kind),
        Command::Report(a) => report::run(a),
        Command::Profile(a) => profile::run(a),
        Command::Forces(a) => forces::run(a),
    }
}

#[cfg(test)]
mod tests {
    /// Every command's options are well formed (unique names and short options, ...):
    /// clap checks a command only when it is run, so check them all here.
    #[test]
    fn the_command_line_is_well_formed() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
