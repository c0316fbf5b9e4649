//! `policing profile`: a force's every measure the public data hold, compared
//! with all forces; as a table, CSV, JSON, a workbook or a web page; or every
//! force as one dataset (`--all -o FILE.csv|.json|.xlsx`) or as pages with an
//! index (`--all -o DIR`); or the reconciliation of the shipped tables (`--check`).

use std::path::{Path, PathBuf};

use policing_crime::YearEnding;
use policing_data::offence_codes::FinancialQuarter;
use policing_forces::{Force, PopulationEdition};
use policing_profile::html::{self, Stamp};
use policing_profile::{Options, Profile, Profiles, Sources};

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
    /// A JSON array of objects (with each row's five-year series).
    Json,
    /// An .xlsx workbook: every column, numbers as numbers, and a sheet of metadata (needs -o).
    Xlsx,
    /// A Parquet file: typed columns, the metadata as key-value pairs (needs -o).
    Parquet,
    /// A self-contained web page (inline CSS and SVG, no script); with --all, a folder of pages.
    Html,
}

/// Who to compare with besides England and Wales: a force, or `region`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparator {
    /// The force's own region.
    Region,
    /// A force.
    Force(Force),
}

fn comparator_arg(text: &str) -> Result<Comparator, String> {
    if text.trim().eq_ignore_ascii_case("region") {
        Ok(Comparator::Region)
    } else {
        super::force_arg(text).map(Comparator::Force).map_err(|e| format!("{e}, or `region` for the force's region"))
    }
}

/// `policing profile`.
#[derive(Debug, clap::Args)]
#[command(after_help = super::after_help!(
    "  policing profile --force wiltshire --to 2016-06
  policing profile --force wiltshire --to 2016-06 --compare-with region -o wiltshire.html
  policing profile --all --to 2016-06 -o profiles/
  policing profile --all --to 2016-06 -o profiles-2016-06.csv
  policing profile --check"
))]
pub struct ProfileArgs {
    /// The force (a name, slug or ONS code).
    #[arg(short = 'F', long, value_parser = super::force_arg)]
    force: Option<Force>,
    /// Every territorial force: one dataset (-o FILE.csv, .json or .xlsx) or a folder of pages and an index (-o DIR).
    #[arg(long)]
    all: bool,
    /// The rolling year of the recorded crime figures: the month its last quarter ends (YYYY-MM); default: the
    /// latest the table holds. Each section states its own period within it.
    #[arg(long)]
    to: Option<YearEnding>,
    /// Compare with the force's region (`region`) or with named forces besides England and Wales (repeatable):
    /// each row gives the group's pooled value and the force's rank in it.
    #[arg(long = "compare-with", value_parser = comparator_arg)]
    compare_with: Vec<Comparator>,
    /// The population estimates rates are per 1,000 of: latest (ONS, July 2024 edition; each period divided by the
    /// latest mid-year estimate before its last day) or mid-2015-original (the 2016 PEEL reports' estimates).
    #[arg(long, default_value = "latest", value_name = "EDITION")]
    populations: PopulationEdition,
    /// Significance against funnel limits of chance alone (not widened for overdispersion).
    #[arg(long)]
    no_overdispersion: bool,
    /// The ONS recorded crime table to use instead of the one shipped with the tool (.csv, .xlsx or .ods).
    #[arg(short = 'i', long)]
    input: Option<PathBuf>,
    /// The workbook's sheet holding the table (default: the first visible sheet with its header).
    #[arg(long, requires = "input")]
    sheet: Option<String>,
    /// Print how the shipped Home Office table by offence code reconciles with the ONS table, force by force.
    #[arg(long)]
    check: bool,
    /// The output format (default: by the name given with -o: .csv, .json, .xlsx, .html; else table).
    #[arg(short = 'f', long, value_enum)]
    format: Option<ProfileFormat>,
    /// Write to this file (or, with --all and pages, this folder) instead of standard output.
    #[arg(short = 'o', long, visible_alias = "out")]
    output: Option<PathBuf>,
}

fn sources(input: Option<&Path>, sheet: Option<&str>) -> Result<Sources, CliError> {
    use policing_data::{offence_codes, workforce, yearly};
    let crime = read_table(input, sheet)?;
    let edition = crime.summary.file.display().to_string();
    Ok(Sources::new(crime.crime, edition)
        .with_yearly(yearly::shipped()?, yearly::SHIPPED_NAME)
        .with_severity(offence_codes::shipped_codes()?, offence_codes::shipped_weights()?)
        .with_officers(workforce::shipped_series()?))
}

/// The format a file name says, if any.
fn format_of_name(path: &Path) -> Result<Option<ProfileFormat>, CliError> {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    Ok(match ext.as_deref() {
        Some("csv") => Some(ProfileFormat::Csv),
        Some("json") => Some(ProfileFormat::Json),
        Some("xlsx") => Some(ProfileFormat::Xlsx),
        Some("parquet") => Some(ProfileFormat::Parquet),
        Some("html" | "htm") => Some(ProfileFormat::Html),
        Some("txt") | None => None,
        Some(other) => {
            return Err(usage(format!(
                "{}: a profile is written as .csv, .json, .xlsx, .parquet, .html or aligned text (.txt), not .{other}",
                path.display()
            )))
        }
    })
}

/// The format to write: --format and the output's name must agree.
fn format_for(a: &ProfileArgs) -> Result<ProfileFormat, CliError> {
    let named = match &a.output {
        Some(path) if !(a.all && path.extension().is_none()) => format_of_name(path)?,
        _ => None,
    };
    match (a.format, named) {
        (Some(f), Some(n)) if f != n => Err(usage(format!(
            "--format {} contradicts the output's name {}: leave one out",
            format_name(f),
            a.output.as_deref().map(|p| p.display().to_string()).unwrap_or_default()
        ))),
        (Some(f), _) => Ok(f),
        (None, Some(n)) => Ok(n),
        // --all without a file name writes pages into a folder.
        (None, None) if a.all => Ok(ProfileFormat::Html),
        (None, None) => Ok(ProfileFormat::Table),
    }
}

fn format_name(f: ProfileFormat) -> &'static str {
    match f {
        ProfileFormat::Table => "table",
        ProfileFormat::Csv => "csv",
        ProfileFormat::Json => "json",
        ProfileFormat::Xlsx => "xlsx",
        ProfileFormat::Parquet => "parquet",
        ProfileFormat::Html => "html",
    }
}

/// The file name of a force's page.
fn file_of(p: &Profile) -> String {
    format!("{}.html", p.force.slug())
}

/// The marker a folder of pages carries: the folder was made by this command.
const MARKER: &str = ".policing-profiles";

/// Runs `policing profile`.
pub fn run(a: ProfileArgs) -> CmdResult {
    if a.check {
        OutputArgs::to(a.output.clone()).check()?;
        return check(&a);
    }
    if a.all == a.force.is_some() {
        return Err(usage(
            "give --force FORCE, or --all with -o FOLDER (pages) or -o FILE.csv|.json|.xlsx (a dataset)",
        ));
    }
    if a.force == Some(Force::BritishTransportPolice) {
        return Err(usage(
            "British Transport Police polices no force area: it has no population, so no profile against the forces \
             of England and Wales",
        ));
    }
    let format = format_for(&a)?;
    match (&a.output, format, a.all) {
        (None, ProfileFormat::Xlsx, _) => return Err(usage("a workbook needs a file: give -o NAME.xlsx")),
        (None, ProfileFormat::Parquet, _) => return Err(usage("a Parquet file needs a file: give -o NAME.parquet")),
        (Some(path), ProfileFormat::Xlsx | ProfileFormat::Parquet, _)
            if !path.extension().is_some_and(|e| e.eq_ignore_ascii_case(format_name(format))) =>
        {
            return Err(usage(format!("{}: give the name the format says (.{})", path.display(), format_name(format))))
        }
        (None, ProfileFormat::Html, true) => {
            return Err(usage("--all writes a page for every force and an index: give the folder with -o"))
        }
        (Some(path), ProfileFormat::Html, true) => check_pages_folder(path)?,
        _ => OutputArgs::to(a.output.clone()).check_folder()?,
    }
    let sources = sources(a.input.as_deref(), a.sheet.as_deref())?;
    let year = super::crime::resolve_year(&sources.crime, &sources.crime_edition, a.to)?;
    let mut options = Options::default().overdispersion(!a.no_overdispersion).populations(a.populations);
    if a.compare_with.contains(&Comparator::Region) {
        if a.compare_with.len() > 1 {
            return Err(usage("--compare-with region compares with the force's region: give it alone, or name forces"));
        }
        options = options.compare_with_region();
    } else {
        let forces: Vec<Force> = a
            .compare_with
            .iter()
            .filter_map(|c| match c {
                Comparator::Force(f) => Some(*f),
                Comparator::Region => None,
            })
            .collect();
        options = options.compare_with(forces);
    }
    let profiles = Profiles::compute(&sources, year, &options)?;
    let stamp = Stamp::today();
    let output = OutputArgs::to(a.output.clone());
    if a.all {
        let all = profiles.all();
        if format == ProfileFormat::Html {
            let dir = a.output.clone().unwrap_or_default();
            std::fs::create_dir_all(&dir)
                .map_err(|e| data(format!("{}: {}", dir.display(), policing_data::io_words(&e))))?;
            let mut written = Vec::new();
            for p in &all {
                write_file(&dir.join(file_of(p)), &html::page(p, &stamp))?;
                written.push(file_of(p));
            }
            // The index lists the forces by name.
            let mut by_name: Vec<Profile> = all.clone();
            by_name.sort_by(|a, b| a.force.name().cmp(b.force.name()));
            write_file(&dir.join("index.html"), &html::index(&by_name, &file_of, &stamp))?;
            written.push("index.html".to_owned());
            write_file(
                &dir.join(MARKER),
                &format!(
                    "# written by policing profile --all; the next run replaces these files only\n{}\n",
                    written.join("\n")
                ),
            )?;
            note(format!("wrote {} pages and index.html to {}", all.len(), dir.display()));
            return Ok(());
        }
        for n in all.first().map(|p| p.notes.as_slice()).unwrap_or_default() {
            if !n.starts_with("multiplicity") {
                note(format!("note: {n}"));
            }
        }
        let table = policing_profile::table(&all).map_err(|e| data(e.to_string()))?;
        return write_dataset(&output, format, &table, &a, year);
    }
    let Some(force) = a.force else { return Err(usage("give --force FORCE")) };
    let profile = profiles.of(force);
    for n in &profile.notes {
        note(format!("note: {n}"));
    }
    match format {
        ProfileFormat::Html => output.text(&html::page(&profile, &stamp)),
        ProfileFormat::Table => {
            let table = profile.reading_table().map_err(|e| data(e.to_string()))?;
            output.typed(Format::Table, &table)
        }
        _ => {
            let table = profile.table().map_err(|e| data(e.to_string()))?;
            write_dataset(&output, format, &table, &a, year)
        }
    }
}

/// Writes a profile table as CSV, JSON or a workbook (with its metadata).
fn write_dataset(
    output: &OutputArgs,
    format: ProfileFormat,
    table: &policing_table::Table,
    a: &ProfileArgs,
    year: YearEnding,
) -> CmdResult {
    let table = table
        .clone()
        .with_metadata("command", command_line(a, year))
        .with_metadata("generated", Stamp::today().generated)
        .with_metadata("version", env!("CARGO_PKG_VERSION"));
    match format {
        ProfileFormat::Csv => output.typed(Format::Csv, &table),
        ProfileFormat::Json => output.typed(Format::Json, &table),
        ProfileFormat::Xlsx => output.workbook(&table),
        ProfileFormat::Parquet => output.typed(Format::Csv, &table),
        _ => output.typed(Format::Table, &table),
    }
}

/// The command that made a dataset, for its metadata.
fn command_line(a: &ProfileArgs, year: YearEnding) -> String {
    let mut s = String::from("policing profile");
    match a.force {
        Some(f) => s.push_str(&format!(" --force {}", f.slug())),
        None => s.push_str(" --all"),
    }
    s.push_str(&format!(" --to {}", year.end().format("%Y-%m")));
    for c in &a.compare_with {
        match c {
            Comparator::Region => s.push_str(" --compare-with region"),
            Comparator::Force(f) => s.push_str(&format!(" --compare-with {}", f.slug())),
        }
    }
    if a.populations != PopulationEdition::Revised2024 {
        s.push_str(" --populations mid-2015-original");
    }
    if a.no_overdispersion {
        s.push_str(" --no-overdispersion");
    }
    s
}

/// A folder for pages: new, empty, or one this command wrote before (it never
/// overwrites a file it did not write).
fn check_pages_folder(dir: &Path) -> CmdResult {
    if dir.extension().is_some_and(|e| !e.eq_ignore_ascii_case("d")) && !dir.is_dir() {
        return Err(usage(format!(
            "{}: --all writes pages into a folder, or a dataset into a .csv, .json or .xlsx file",
            dir.display()
        )));
    }
    if !dir.exists() {
        let parent = dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        if !parent.is_dir() {
            return Err(usage(format!("{}: the folder {} does not exist", dir.display(), parent.display())));
        }
        return Ok(());
    }
    if !dir.is_dir() {
        return Err(usage(format!("{}: not a folder", dir.display())));
    }
    let mut entries =
        std::fs::read_dir(dir).map_err(|e| data(format!("{}: {}", dir.display(), policing_data::io_words(&e))))?;
    if entries.next().is_some() && !dir.join(MARKER).is_file() {
        return Err(usage(format!(
            "{}: the folder is not empty and was not written by policing profile --all: give a new or empty folder \
             (the pages would replace files of the same names)",
            dir.display()
        )));
    }
    Ok(())
}

/// Writes a file whole: through a temporary file beside it, renamed into place.
fn write_file(path: &std::path::Path, text: &str) -> CmdResult {
    let staged = policing_data::Staged::new(path).map_err(|e| data(e.to_string()))?;
    std::fs::write(&staged.path, text)
        .map_err(|e| data(format!("{}: {}", path.display(), policing_data::io_words(&e))))?;
    staged.commit().map_err(|e| data(e.to_string()))
}

/// `--check`: the offence-code table against the ONS table, force by force.
fn check(a: &ProfileArgs) -> CmdResult {
    let crime = read_table(a.input.as_deref(), a.sheet.as_deref())?;
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
