//! `policing profile`: a force's every measure the public data hold, compared
//! with all forces; as a table, CSV, JSON or a web page; or every force's page
//! and an index (`--all -o DIR`); or the reconciliation of the shipped tables (`--check`).

use std::path::PathBuf;

use policing_crime::YearEnding;
use policing_data::offence_codes::FinancialQuarter;
use policing_forces::Force;
use policing_profile::{html, Options, Profile, Profiles, Sources, COLUMNS};

use super::crime::read_table;
use crate::error::{data, usage, CliError, CmdResult};
use crate::output::{note, Cell, Format, OutputArgs};

/// The output formats of a profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ProfileFormat {
    /// Aligned columns for reading, numbers rounded.
    Table,
    /// Comma-separated values with a header, numbers in full.
    Csv,
    /// A JSON array of objects.
    Json,
    /// A self-contained web page (inline CSS and SVG, no script).
    Html,
}

/// `policing profile`.
#[derive(Debug, clap::Args)]
#[command(after_help = super::after_help!(
    "  policing profile --force wiltshire --to 2016-06
  policing profile --force wiltshire --to 2016-06 --format html -o wiltshire.html
  policing profile --all --to 2016-06 -o profiles/
  policing profile --check"
))]
pub struct ProfileArgs {
    /// The force (a name, slug or ONS code).
    #[arg(short = 'F', long, value_parser = super::force_arg)]
    force: Option<Force>,
    /// Every territorial force: one page each and an index.html, into the folder given with -o.
    #[arg(long)]
    all: bool,
    /// The rolling year of the recorded crime figures: the month its last quarter ends (YYYY-MM); default: the
    /// latest the table holds.
    #[arg(long)]
    to: Option<YearEnding>,
    /// Forces to compare with besides England and Wales (repeatable): each row's note gives their pooled value.
    #[arg(long = "compare-with", value_parser = super::force_arg)]
    compare_with: Vec<Force>,
    /// Significance against funnel limits of chance alone (not widened for overdispersion).
    #[arg(long)]
    no_overdispersion: bool,
    /// The ONS recorded crime table to use instead of the one shipped with the tool.
    #[arg(short = 'i', long)]
    input: Option<PathBuf>,
    /// Print how the shipped Home Office table by offence code reconciles with the ONS table, force by force.
    #[arg(long)]
    check: bool,
    /// The output format (default: html when -o names an .html file, else table).
    #[arg(short = 'f', long, value_enum)]
    format: Option<ProfileFormat>,
    /// Write to this file (or, with --all, this folder) instead of standard output.
    #[arg(short = 'o', long)]
    output: Option<PathBuf>,
}

fn sources(input: Option<&std::path::Path>) -> Result<Sources, CliError> {
    use policing_data::{offence_codes, workforce, yearly};
    let crime = read_table(input)?;
    let edition = crime.summary.file.display().to_string();
    let counts = yearly::shipped()?;
    Ok(Sources::new(crime.crime, edition)
        .with_yearly(counts, yearly::SHIPPED_NAME)
        .with_severity(offence_codes::shipped_codes()?, offence_codes::shipped_weights()?)
        .with_officers(workforce::shipped()?, workforce::SHIPPED_NAME))
}

/// Whether a file name ends in .html or .htm: a page is written there unless
/// --format says otherwise.
fn html_name(path: &std::path::Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
}

/// The file name of a force's page.
fn file_of(p: &Profile) -> String {
    format!("{}.html", p.force.slug())
}

/// Runs `policing profile`.
pub fn run(a: ProfileArgs) -> CmdResult {
    let format = a.format.unwrap_or_else(|| match a.output.as_deref().map(html_name) {
        Some(true) => ProfileFormat::Html,
        _ => ProfileFormat::Table,
    });
    if !a.all {
        let output = OutputArgs::to(a.output.clone());
        if format == ProfileFormat::Html {
            output.check_folder()?;
        } else {
            output.check()?;
        }
    }
    if a.check {
        return check(&a);
    }
    if a.all == a.force.is_some() {
        return Err(usage("give --force FORCE, or --all with -o FOLDER"));
    }
    if a.all && a.output.is_none() {
        return Err(usage("--all writes a page for every force and an index: give the folder with -o"));
    }
    if a.all && a.format.is_some_and(|f| f != ProfileFormat::Html) {
        return Err(usage("--all writes web pages: leave out --format, or give --format html"));
    }
    let sources = sources(a.input.as_deref())?;
    let year = super::crime::resolve_year(&sources.crime, &sources.crime_edition, a.to)?;
    let options = Options::default().overdispersion(!a.no_overdispersion).compare_with(a.compare_with.clone());
    let profiles = Profiles::compute(&sources, year, &options)?;
    if a.all {
        let dir = a.output.clone().unwrap_or_default();
        std::fs::create_dir_all(&dir).map_err(|e| data(format!("{}: {e}", dir.display())))?;
        let all: Vec<Profile> = Force::territorial().map(|f| profiles.of(f)).collect();
        for p in &all {
            write_file(&dir.join(file_of(p)), &html::page(p))?;
        }
        // The index lists the forces by name.
        let mut by_name: Vec<Profile> = all.clone();
        by_name.sort_by(|a, b| a.force.name().cmp(b.force.name()));
        write_file(&dir.join("index.html"), &html::index(&by_name, &file_of))?;
        note(format!("wrote {} pages and index.html to {}", all.len(), dir.display()));
        return Ok(());
    }
    let Some(force) = a.force else { return Err(usage("give --force FORCE")) };
    let profile = profiles.of(force);
    for n in &profile.notes {
        note(format!("note: {n}"));
    }
    let output = OutputArgs::to(a.output.clone());
    match format {
        ProfileFormat::Html => match &a.output {
            Some(path) => write_file(path, &html::page(&profile)),
            None => output.text(&html::page(&profile)),
        },
        format => {
            let f = match format {
                ProfileFormat::Csv => Format::Csv,
                ProfileFormat::Json => Format::Json,
                _ => Format::Table,
            };
            // The profile's multiplicity on every row: how many rows were tested, and the flags chance alone
            // would give against those found.
            let t = profile.tests;
            let multiplicity = [
                Cell::Count(t.made as i128),
                Cell::value(t.expected_95(), 2),
                Cell::Count(t.flagged_95 as i128),
                Cell::value(t.expected_998(), 3),
                Cell::Count(t.flagged_998 as i128),
            ];
            let rows: Vec<Vec<Cell>> = profile
                .rows
                .iter()
                .map(|r| cells(r).into_iter().chain(multiplicity.iter().cloned()).collect())
                .collect();
            if f == Format::Table {
                // The reading view: the figures, without source and note.
                let header: Vec<&str> = COLUMNS.iter().copied().take(18).collect();
                let rows: Vec<Vec<Cell>> = rows.into_iter().map(|r| r.into_iter().take(18).collect()).collect();
                output.table(f, &header, &rows)
            } else {
                output.table(f, &COLUMNS, &rows)
            }
        }
    }
}

/// A profile row's cells in `COLUMNS` order: counts whole, rates and changes as
/// measures (one place in tables).
fn cells(r: &policing_profile::ProfileRow) -> Vec<Cell> {
    let dec = |d: &Option<rust_decimal::Decimal>| Cell::or_empty(d.as_ref(), |v| Cell::decimal(v, 1));
    vec![
        Cell::text(r.section.name()),
        Cell::text(r.measure.clone()),
        Cell::text(r.period.clone()),
        Cell::or_empty(r.count.as_ref(), |c| Cell::amount(c, 1)),
        Cell::or_empty(r.denominator.as_ref(), |d| Cell::amount(d, 0)),
        dec(&r.rate),
        Cell::text(r.per.clone()),
        dec(&r.england_and_wales_rate),
        Cell::or_empty(r.rank, |x| Cell::Count(x as i128)),
        if r.of > 0 { Cell::Count(r.of as i128) } else { Cell::Empty },
        Cell::or_empty(r.band, |b| Cell::text(b.words())),
        Cell::or_empty(r.significance, |x| Cell::text(x.label())),
        Cell::or_empty(r.lower_95, |v| Cell::value(v, 1)),
        Cell::or_empty(r.upper_95, |v| Cell::value(v, 1)),
        Cell::or_empty(r.chance_lower_95, |v| Cell::value(v, 1)),
        Cell::or_empty(r.chance_upper_95, |v| Cell::value(v, 1)),
        dec(&r.previous_year_change),
        dec(&r.five_year_change),
        Cell::text(r.source.clone()),
        Cell::text(
            [r.note.as_str(), r.caption.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join("; "),
        ),
    ]
}

/// Writes a file whole: through a temporary file beside it, renamed into place.
fn write_file(path: &std::path::Path, text: &str) -> CmdResult {
    let staged = policing_data::Staged::new(path).map_err(|e| data(e.to_string()))?;
    std::fs::write(&staged.path, text).map_err(|e| data(format!("{}: {e}", path.display())))?;
    staged.commit().map_err(|e| data(e.to_string()))
}

/// `--check`: the offence-code table against the ONS table, force by force.
fn check(a: &ProfileArgs) -> CmdResult {
    let crime = read_table(a.input.as_deref())?;
    let codes = policing_data::offence_codes::shipped_codes()?;
    for q in codes.quirks() {
        note(format!("quirk: {q}"));
    }
    let mut rows = Vec::new();
    let mut agree = 0;
    for year in codes.years() {
        let ending = FinancialQuarter::year_ending(year)?;
        for r in codes.reconcile(&crime.crime, year)? {
            agree += usize::from(r.agrees());
            let diff = match (r.offence_codes, r.ons) {
                (Some(a), Some(b)) => Cell::Count(i128::from(a) - i128::from(b)),
                _ => Cell::Empty,
            };
            rows.push(vec![
                Cell::text(r.force.name()),
                Cell::Text(format!("{year}/{:02}", (year + 1) % 100)),
                Cell::Text(ending.to_string()),
                Cell::or_empty(r.offence_codes, |n| Cell::Count(i128::from(n))),
                Cell::or_empty(r.ons, |n| Cell::Count(i128::from(n))),
                diff,
                Cell::text(if r.agrees() { "agrees" } else { "differs" }),
            ]);
        }
    }
    note(format!(
        "recorded crime excluding fraud: the Home Office table by offence code (four quarters) against the ONS table \
         (the rolling year to March): {agree} of {} forces agree; the two are different releases, so revised forces differ",
        rows.len()
    ));
    let format = match a.format {
        Some(ProfileFormat::Csv) => Format::Csv,
        Some(ProfileFormat::Json) => Format::Json,
        _ => Format::Table,
    };
    OutputArgs::to(a.output.clone()).table(
        format,
        &["force", "financial_year", "ons_year", "offence_codes", "ons", "difference", "verdict"],
        &rows,
    )
}
