//! `policing crime` and the recorded crime figures: every force's measures for a
//! rolling year from the ONS police force area table (the copy shipped inside
//! the tool, or `--input`).

use std::path::{Path, PathBuf};

use policing_crime::{
    change_against_words, Denominators, Measure, MeasureRow, MeasureTable, RecordedCrime, Unit, YearEnding,
};
use policing_data::recorded_crime::{read_pfa_csv, read_pfa_table, shipped, PfaTable};
use policing_forces::{Force, PopulationEdition};
use policing_stats::change::Change;
use policing_stats::trend::{Marker, Polarity};

use policing_stats::comparison::Widening;
use policing_stats::Statistic;

use super::funnel::OverdispersionArgs;
use crate::error::{CliError, CmdResult};
use crate::output::{detail, note, verbose, Cell, Format, OutputArgs};

/// Where the recorded crime table comes from: shared by `crime` and the crime figures.
#[derive(Debug, clap::Args)]
pub struct CrimeSource {
    /// The ONS police force area table (`.csv`, `.xlsx` or `.ods`, or - for standard input); default: the 2019
    /// edition shipped with the tool.
    #[arg(short = 'i', long)]
    pub input: Option<PathBuf>,
    /// The workbook's sheet holding the table (default: the first visible sheet with its header).
    #[arg(long, requires = "input")]
    pub sheet: Option<String>,
    /// The rolling year: the month its last quarter ends (YYYY-MM, e.g. 2016-06); default: the latest in the table.
    #[arg(long)]
    pub to: Option<YearEnding>,
    /// The population estimates rates are per 1,000 of: latest (ONS, July 2024 edition, mid-2011 to mid-2023; each
    /// period divided by the latest mid-year estimate before its last day) or mid-2015-original (the estimates of
    /// June 2016 the 2016 PEEL reports used, for every period).
    #[arg(long, default_value = "latest", value_name = "EDITION")]
    pub populations: PopulationEdition,
}

impl CrimeSource {
    /// The denominators the options ask for.
    pub fn denominators(&self) -> Denominators {
        Denominators::for_edition(self.populations)
    }
}

/// Reads the table (`input`, or the copy shipped with the tool) and reports its
/// rows, quirks and rejected rows on stderr.
pub fn read_table(input: Option<&Path>, sheet: Option<&str>) -> Result<PfaTable, CliError> {
    if let (Some(path), Some(_), false) = (input, sheet, input.is_some_and(crate::input::is_workbook)) {
        return Err(crate::error::usage(format!("{}: --sheet is for .xlsx and .ods workbooks", path.display())));
    }
    let table = match input {
        Some(path) if path.as_os_str() == "-" => read_pfa_csv(Path::new("standard input"), std::io::stdin().lock())?,
        Some(path) => read_pfa_table(path, sheet)?,
        None => shipped()?,
    };
    {
        let s = &table.summary;
        crate::input::say_sheet(&s.file, s.sheet.as_deref(), &s.hidden_sheets);
        note(format!(
            "{}: {} rows: {} force area rows, {} British Transport Police, {} national fraud sources, {} rejected",
            s.file.display(),
            s.rows,
            s.force_rows,
            s.british_transport_police_rows,
            s.national_fraud_rows,
            s.rejected()
        ));
        let quirks = s.quirks();
        if !quirks.is_empty() && !verbose() {
            note(format!(
                "{}: {} data quirk{} handled as documented (--verbose lists them)",
                s.file.display(),
                quirks.len(),
                if quirks.len() == 1 { "" } else { "s" }
            ));
        }
        for q in quirks {
            detail(format!("quirk: {q}"));
        }
        for r in &s.rejections {
            note(format!("rejected {}:{}: {}", r.file.display(), r.line, r.reason));
        }
    }
    Ok(table)
}

impl CrimeSource {
    /// Reads the table, reports its rows and quirks on stderr, and picks the year.
    pub fn load(&self) -> Result<(PfaTable, YearEnding), CliError> {
        let table = read_table(self.input.as_deref(), self.sheet.as_deref())?;
        let year = resolve_year(&table.crime, &table.summary.file.display().to_string(), self.to)?;
        Ok((table, year))
    }
}

/// The rolling year a command's figures are for, resolved once against the
/// table (`--to`, or the latest held): the one "not held" error of every command,
/// a usage error (exit 2) naming the table and the range it holds.
pub fn resolve_year(crime: &RecordedCrime, source: &str, to: Option<YearEnding>) -> Result<YearEnding, CliError> {
    let year = crime.resolve(to).map_err(|e| match e {
        policing_crime::CrimeError::PeriodNotHeld { .. } => crate::error::usage(format!("{source}: {e}")),
        other => other.into(),
    })?;
    if to.is_none() {
        note(format!("--to not given: the latest rolling year in the table, the {year}"));
    }
    Ok(year)
}

/// `policing crime`.
#[derive(Debug, clap::Args)]
pub struct CrimeArgs {
    #[command(flatten)]
    source: CrimeSource,
    /// Only these forces' rows (repeatable; and England and Wales); ranks and bands are still among all forces.
    #[arg(short = 'F', long = "force", value_parser = super::force_arg)]
    forces: Vec<Force>,
    /// The measures (repeatable): recorded_crime_excl_fraud, victim_based_crime, other_crimes_against_society,
    /// or any offence row (sexual_offences, violence_with_injury, domestic_burglary, residential_burglary, ...);
    /// default: the five of a PEEL report's figure 2.
    #[arg(short = 'm', long = "measure")]
    measures: Vec<Measure>,
    /// Significance against funnel limits of chance alone (Poisson), not widened for overdispersion.
    #[arg(long)]
    no_overdispersion: bool,
    #[command(flatten)]
    overdispersion: OverdispersionArgs,
    #[command(flatten)]
    output: OutputArgs,
}

/// The machine-readable columns, in order.
const COLUMNS: [&str; 27] = [
    "force",
    "measure",
    "count",
    "denominator",
    "rate",
    "lower_95",
    "upper_95",
    "chance_lower_95",
    "chance_upper_95",
    "previous_year_change",
    "five_year_change",
    "previous_year_change_lower_95",
    "previous_year_change_upper_95",
    "five_year_change_lower_95",
    "five_year_change_upper_95",
    "change_against_england_and_wales",
    "trend",
    "rank",
    "band",
    "significance",
    "per",
    "denominator_year",
    "denominator_edition",
    "period",
    "ons_code",
    "pfa",
    "notes",
];

fn cell<T>(f: &Result<T, policing_crime::NotAvailable>, show: impl Fn(&T) -> Cell) -> Cell {
    f.as_ref().map_or(Cell::Empty, show)
}

/// A change's percentage: a number, or in the reading view (`words`) the counts
/// and why there is no percentage (fewer than 10 events, none earlier).
fn change_cell(change: &Result<Change, policing_crime::NotAvailable>, words: bool) -> Cell {
    match change {
        Ok(c) => match c.percent() {
            Some(p) => Cell::decimal(&p, 1),
            None if words => Cell::text(c.to_string()),
            None => Cell::Empty,
        },
        Err(_) => Cell::Empty,
    }
}

/// One end of a change's exact 95% interval, as a percentage.
fn change_end(change: &Result<Change, policing_crime::NotAvailable>, lower: bool) -> Cell {
    match change.as_ref().ok().and_then(Change::interval) {
        Some(i) => Cell::value(if lower { i.lower } else { i.upper }, 1),
        None => Cell::Empty,
    }
}

/// A row's cells: rates and changes as measures (one place in tables), counts
/// and denominators as whole numbers; `words` for the reading view.
fn cells(table: &MeasureTable, row: &MeasureRow, words: bool) -> Vec<Cell> {
    let (ons_code, pfa) = match row.unit {
        Unit::Force(f) => (f.ons_code().unwrap_or_default().to_owned(), f.ons_name().to_owned()),
        Unit::EnglandAndWales => (String::new(), String::new()),
    };
    let mut notes = row.notes();
    if row.unit == Unit::EnglandAndWales {
        notes.extend(table.notes.iter().cloned());
        let r = &table.rises;
        notes.push(format!("{} of {} forces' counts rose on the previous year", r.rises, r.of()));
    }
    vec![
        Cell::text(row.unit.to_string()),
        Cell::text(table.measure.id()),
        cell(&row.count, |c| Cell::Count(i128::from(*c))),
        cell(&row.denominator, |d| Cell::amount(&d.value, 0)),
        cell(&row.rate, |r| Cell::decimal(r, 1)),
        Cell::or_empty(row.interval_95, |i| Cell::value(i.lower, 1)),
        Cell::or_empty(row.interval_95, |i| Cell::value(i.upper, 1)),
        Cell::or_empty(row.chance_interval_95, |i| Cell::value(i.lower, 1)),
        Cell::or_empty(row.chance_interval_95, |i| Cell::value(i.upper, 1)),
        change_cell(&row.previous_year_change, words),
        change_cell(&row.five_year_change, words),
        change_end(&row.previous_year_change, true),
        change_end(&row.previous_year_change, false),
        change_end(&row.five_year_change, true),
        change_end(&row.five_year_change, false),
        Cell::or_empty(row.change_against_england_and_wales, |s| Cell::text(change_against_words(s))),
        match &row.trend.marker {
            Marker::CannotBeCalculated(_) => Cell::Empty,
            m => Cell::text(m.words(Polarity::LowIsGood)),
        },
        Cell::or_empty(row.rank, |r| Cell::Count(r as i128)),
        Cell::or_empty(row.band, |b| Cell::text(b.words())),
        Cell::or_empty(row.significance, |s| Cell::text(s.label())),
        Cell::text(table.measure.per().name()),
        cell(&row.denominator, |d| Cell::Count(i128::from(d.year))),
        cell(&row.denominator, |d| Cell::text(d.edition.clone())),
        Cell::text(table.year.to_string()),
        Cell::text(ons_code),
        Cell::text(pfa),
        Cell::text(notes.join("; ")),
    ]
}

/// Every table asked for, significance allowing for `overdispersion` (`None`: chance alone).
pub fn tables(
    crime: &RecordedCrime,
    year: YearEnding,
    measures: &[Measure],
    widening: Widening,
    denominators: &Denominators,
) -> Result<Vec<MeasureTable>, CliError> {
    let measures = if measures.is_empty() { Measure::FIGURE_2.to_vec() } else { measures.to_vec() };
    let mut out = Vec::new();
    for m in measures {
        out.push(crime.measure_with(m, year, denominators, widening)?);
    }
    Ok(out)
}

/// Runs `policing crime`.
pub fn run(a: CrimeArgs) -> CmdResult {
    a.output.check()?;
    let widening = if a.no_overdispersion {
        a.overdispersion.refuse_without("--no-overdispersion")?;
        Widening::ChanceAlone
    } else {
        a.overdispersion.method(Statistic::Rate)?
    };
    let (table, year) = a.source.load()?;
    let tables = tables(&table.crime, year, &a.measures, widening, &a.source.denominators())?;
    let format = a.output.format_or(Format::Table);
    let mut rows = Vec::new();
    for t in &tables {
        if format == Format::Table {
            let r = &t.rises;
            note(format!(
                "{}: {} of {} forces rose on the previous year; {} ranked, tails of {}",
                t.measure.id(),
                r.rises,
                r.of(),
                t.ranked,
                t.tail
            ));
        }
        if let Err(e) = t.measure.comparable(year) {
            note(format!("{}: {e}", t.measure.id()));
        }
        for row in t.rows() {
            if let Unit::Force(g) = row.unit {
                if !a.forces.is_empty() && !a.forces.contains(&g) {
                    continue;
                }
            }
            rows.push(cells(t, row, format == Format::Table));
        }
    }
    {
        // Each note once, on standard error in every format (CSV and JSON also carry them in the
        // England and Wales row): the first table's, then what another measure's table says differently.
        let first = tables.first().map(|t| t.notes.clone()).unwrap_or_default();
        for n in &first {
            note(format!("note: {n}"));
        }
        for t in tables.iter().skip(1) {
            for n in t.notes.iter().filter(|n| !first.contains(n)) {
                detail(format!("note ({}): {n}", t.measure.id()));
            }
        }
        if tables.len() > 1 && !verbose() {
            note("the other measures' notes differ only in their figures: --verbose prints them");
        }
        // The denominators: which year and edition, said once (and on every row).
        let d = a.source.denominators();
        let wanted = d.year_for(year);
        note(format!(
            "denominators: {} for the {year}: mid-{wanted} (the latest estimate before the period's end{}), and \
             2014-based household projections for {wanted} for burglary in a dwelling; the columns denominator_year \
             and denominator_edition say so on every row",
            d.edition(),
            if d.edition() == PopulationEdition::Original2016 {
                ", or mid-2015, the only year this edition holds"
            } else {
                ""
            }
        ));
    }
    // The reading view: the figures and the year of the denominator, without the bookkeeping columns.
    const READING: [&str; 17] = [
        "force",
        "measure",
        "count",
        "denominator",
        "rate",
        "lower_95",
        "upper_95",
        "previous_year_change",
        "five_year_change",
        "change_against_england_and_wales",
        "trend",
        "rank",
        "band",
        "significance",
        "chance_lower_95",
        "chance_upper_95",
        "denominator_year",
    ];
    let header: Vec<&str> = if format == Format::Table { READING.to_vec() } else { COLUMNS.to_vec() };
    let rows: Vec<Vec<Cell>> = if format == Format::Table {
        let at: Vec<usize> = READING.iter().filter_map(|c| COLUMNS.iter().position(|k| k == c)).collect();
        rows.into_iter().map(|r| at.iter().filter_map(|i| r.get(*i).cloned()).collect()).collect()
    } else {
        rows
    };
    let about = [
        ("period", year.to_string()),
        ("source", table.summary.file.display().to_string()),
        ("denominators", a.source.denominators().edition().name().to_owned()),
    ];
    a.output.table_about(format, &header, &rows, &about)
}

/// The measure a figure draws: default recorded crime excluding fraud.
pub fn figure_measure(m: Option<Measure>) -> Measure {
    m.unwrap_or(Measure::RecordedCrimeExclFraud)
}
