//! The subcommands.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};
use policing_data::{count_outcomes, inputs, CountOptions, GroupBy, Month};
use policing_stats::{band, funnel, quantiles, Direction, Observation, Placement, Statistic};
use rust_decimal::Decimal;

use crate::output::{write_table, Format};

/// Figures from the public police data of England and Wales.
#[derive(Debug, Parser)]
#[command(name = "policing", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Recorded crime by force for a rolling year: counts, rates per 1,000, changes, England and Wales, ranks and bands.
    Crime(crate::crime::CrimeArgs),
    /// Crimes by force and last outcome category in data.police.uk street files.
    Counts(CountsArgs),
    /// Band units on a measure: "one of the highest / broadly in line / one of the lowest".
    Band(BandArgs),
    /// Funnel-plot significance of proportions or crude rates.
    Funnel(FunnelArgs),
    /// Figure 4 outcome tables per force from street files, at the precision the data allow.
    Outcomes(OutcomesArgs),
    /// Reproduce a PEEL report through the library.
    Report(ReportArgs),
    /// Draw a figure as SVG.
    Figure {
        /// The kind of figure.
        #[command(subcommand)]
        kind: FigureKind,
    },
}

#[derive(Debug, clap::Args)]
struct FigureCommon {
    /// The CSV file with a header (a UTF-8 byte order mark is accepted).
    #[arg(long)]
    input: PathBuf,
    /// The SVG file to write.
    #[arg(long)]
    out: PathBuf,
    /// The unit to highlight (a force name as in the input).
    #[arg(long, default_value = "")]
    highlight: String,
    /// The title, as the report prints it.
    #[arg(long, default_value = "")]
    title: String,
    /// The unit ("per 1,000 population").
    #[arg(long, default_value = "")]
    unit: String,
    /// The period ("12 months to 30 June 2016").
    #[arg(long, default_value = "")]
    period: String,
    /// The source line ("Source: Home Office data").
    #[arg(long, default_value = "")]
    source: String,
    /// Decimal places of the values printed on the chart.
    #[arg(long)]
    decimals: Option<u32>,
}

impl FigureCommon {
    fn caption(&self) -> policing_figures::Caption {
        let mut c = policing_figures::Caption::new(self.title.clone())
            .unit(self.unit.clone())
            .period(self.period.clone())
            .source(self.source.clone());
        if let Some(d) = self.decimals {
            c = c.decimals(d);
        }
        c
    }
}

#[derive(Debug, Subcommand)]
enum FigureKind {
    /// Figure 1: a force's recorded crime rate for each quarter of the five years to a rolling year, with England and Wales.
    CrimeTrend {
        #[command(flatten)]
        source: crate::crime::CrimeSource,
        /// The force.
        #[arg(long)]
        force: policing_forces::Force,
        /// The measure (default recorded_crime_excl_fraud).
        #[arg(long)]
        measure: Option<policing_crime::Measure>,
        /// The SVG file to write.
        #[arg(long)]
        out: PathBuf,
    },
    /// Figure 2: a recorded crime measure by force, ranked, a force highlighted, top and bottom quarter shaded.
    CrimeByForce {
        #[command(flatten)]
        source: crate::crime::CrimeSource,
        /// The force to highlight.
        #[arg(long)]
        highlight: Option<policing_forces::Force>,
        /// The measure (default recorded_crime_excl_fraud).
        #[arg(long)]
        measure: Option<policing_crime::Measure>,
        /// The SVG file to write.
        #[arg(long)]
        out: PathBuf,
    },
    /// A ranked by-force bar chart: top and bottom quarter shaded, England and Wales as a line.
    Ranked {
        #[command(flatten)]
        common: FigureCommon,
        /// The column naming each force.
        #[arg(long)]
        key: String,
        /// The column holding the value (empty: no value).
        #[arg(long)]
        value: String,
        /// A column giving why a force with no value is left out (an exclusion).
        #[arg(long)]
        note: Option<String>,
        /// The England and Wales value to draw as a line.
        #[arg(long)]
        england_and_wales: Option<Decimal>,
        /// Low values are notable (rank 1 is the lowest, drawn first).
        #[arg(long)]
        low_is_notable: bool,
    },
    /// A funnel plot with 95% and 99.8% limits.
    Funnel {
        #[command(flatten)]
        common: FigureCommon,
        #[command(flatten)]
        columns: FunnelColumns,
        /// Multiply values by this (100 for percent, 1000 for per 1,000).
        #[arg(long, default_value_t = 100.0)]
        multiplier: f64,
        /// Draw the denominator on a logarithmic axis (for a dominant or a tiny unit).
        #[arg(long)]
        log: bool,
    },
    /// A line chart: the first column holds the periods, each other column a series.
    Lines {
        #[command(flatten)]
        common: FigureCommon,
    },
    /// An outcome table as horizontal bars with England and Wales beside each row.
    Outcomes {
        #[command(flatten)]
        common: FigureCommon,
        /// The column with the row labels.
        #[arg(long)]
        label: String,
        /// The column with the force's values.
        #[arg(long)]
        value: String,
        /// The column with England and Wales's values.
        #[arg(long)]
        england_and_wales: String,
    },
}

#[derive(Debug, clap::Args)]
struct OutcomesArgs {
    #[command(flatten)]
    input: StreetInput,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    format: Format,
}

/// The street files to read and how: shared by `counts` and `outcomes`.
#[derive(Debug, clap::Args)]
struct StreetInput {
    /// Street files, or folders in the data.police.uk archive layout.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// First month to count (YYYY-MM).
    #[arg(long)]
    from: Option<Month>,
    /// Last month to count (YYYY-MM).
    #[arg(long)]
    to: Option<Month>,
    /// Only these forces' archive files (names, slugs or ONS codes).
    #[arg(long = "force")]
    forces: Vec<String>,
    /// Fail on the first rejected row.
    #[arg(long)]
    strict: bool,
    /// Worker threads (default: one per core).
    #[arg(long, default_value_t = 0)]
    threads: usize,
    /// Bytes read per block (tuning).
    #[arg(long, default_value_t = 1 << 20, hide = true)]
    block_size: usize,
}

impl StreetInput {
    /// Finds the files, counts crimes by force and outcome (with a progress bar
    /// on a terminal), and reports the summary and rejected rows on stderr.
    fn count(&self, group_by: GroupBy) -> Result<policing_data::OutcomeCountsByForce, Box<dyn std::error::Error>> {
        let months = month_range(self.from, self.to)?;
        let forces = self.forces.iter().map(|f| f.parse::<policing_forces::Force>()).collect::<Result<Vec<_>, _>>()?;
        let selection = inputs::Selection {
            kind: Some(policing_data::police_uk::FileKind::Street),
            months,
            forces: (!forces.is_empty()).then_some(forces),
        };
        let files = inputs::expand(&self.paths, &selection)?;
        let total: u64 = files.iter().filter_map(|f| std::fs::metadata(f).ok()).map(|m| m.len()).sum();
        let options =
            CountOptions { group_by, strict: self.strict, threads: self.threads, months, block_size: self.block_size };
        let bar = progress_bar(total);
        let report = |bytes: u64| {
            if let Some(b) = &bar {
                b.set_position(bytes);
            }
        };
        let result = count_outcomes(&files, &options, Some(&report))?;
        if let Some(b) = &bar {
            b.finish_and_clear();
        }
        eprintln!("{}", result.summary);
        for r in result.rejections.iter().take(20) {
            eprintln!("rejected {}:{}: {}", r.file.display(), r.line, r.reason);
        }
        if result.rejections.len() > 20 {
            eprintln!("... and {} more rejected rows", result.rejections.len() - 20);
        }
        Ok(result)
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ReportName {
    /// HMIC, PEEL: police effectiveness 2016, Wiltshire Police.
    #[value(name = "wiltshire-2016")]
    Wiltshire2016,
}

#[derive(Debug, clap::Args)]
struct ReportArgs {
    /// Which report.
    #[arg(value_enum)]
    report: ReportName,
    /// The ONS police force area recorded crime table to check against; default: the 2019 edition shipped with the tool.
    #[arg(long)]
    input: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
struct CountsArgs {
    #[command(flatten)]
    input: StreetInput,
    /// The force column to group by.
    #[arg(long, value_enum, default_value_t = By::FallsWithin)]
    by: By,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    format: Format,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum By {
    FallsWithin,
    ReportedBy,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Rule {
    /// The inspectorate's top and bottom quarter, as `policing_stats::banding` states it.
    Hmic,
    /// The public-health quantile rule (PHEindicatormethods), 4 quantiles.
    Quantile,
}

#[derive(Debug, clap::Args)]
struct BandArgs {
    /// The CSV file with a header.
    #[arg(long)]
    input: PathBuf,
    /// The column naming each unit.
    #[arg(long)]
    key: String,
    /// The column holding the measure (empty: no value).
    #[arg(long)]
    value: String,
    /// Low values are notable (rank 1 is the lowest).
    #[arg(long)]
    low_is_notable: bool,
    /// The banding rule.
    #[arg(long, value_enum, default_value_t = Rule::Hmic)]
    rule: Rule,
    /// A unit to leave out of the ranking (repeatable), such as an "England and Wales" row.
    #[arg(long)]
    exclude: Vec<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum StatisticArg {
    Proportion,
    Rate,
}

#[derive(Debug, clap::Args)]
struct FunnelArgs {
    /// The CSV file with a header.
    #[arg(long)]
    input: PathBuf,
    #[command(flatten)]
    columns: FunnelColumns,
    /// Multiply values and limits by this (default: 100 for proportions, as percentages; 1000 for rates, per 1,000).
    #[arg(long)]
    multiplier: Option<f64>,
    /// Output format: csv and json print every number at full precision; table rounds for reading.
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    format: Format,
}

/// The columns a funnel reads, shared by `funnel` and `figure funnel`.
#[derive(Debug, clap::Args)]
struct FunnelColumns {
    /// The column naming each unit.
    #[arg(long)]
    key: String,
    /// The numerator column (decimals allowed).
    #[arg(long)]
    numerator: String,
    /// The denominator column.
    #[arg(long)]
    denominator: String,
    /// Proportions (numerator <= denominator) or crude rates.
    #[arg(long, value_enum)]
    statistic: StatisticArg,
}

/// A funnel read from a file, with each unit's numerator and denominator as written (input order).
type ReadFunnel = (policing_stats::Funnel<String>, Vec<(String, String)>);

impl FunnelColumns {
    /// Reads the units of `input` and places them on a funnel.
    fn funnel(&self, input: &Path) -> Result<ReadFunnel, Box<dyn std::error::Error>> {
        let (header, rows) = read_csv(input)?;
        let k = column(&header, &self.key, input)?;
        let n = column(&header, &self.numerator, input)?;
        let d = column(&header, &self.denominator, input)?;
        let mut units = Vec::with_capacity(rows.len());
        let mut written = Vec::with_capacity(rows.len());
        for (line, r) in &rows {
            let get = |i: usize| r.get(i).map(String::as_str).unwrap_or("");
            units.push((
                get(k).to_owned(),
                decimal(get(n), &self.numerator, input, *line)?,
                decimal(get(d), &self.denominator, input, *line)?,
            ));
            written.push((get(n).trim().to_owned(), get(d).trim().to_owned()));
        }
        let statistic = match self.statistic {
            StatisticArg::Proportion => Statistic::Proportion,
            StatisticArg::Rate => Statistic::Rate,
        };
        let f = funnel(units, statistic).map_err(|e| {
            format!("{}: {e} (columns {:?} and {:?})", input.display(), self.numerator, self.denominator)
        })?;
        Ok((f, written))
    }
}

/// The error of a command: one line for the user.
type CmdResult = Result<(), Box<dyn std::error::Error>>;

/// Runs the command line.
pub fn run(cli: Cli) -> CmdResult {
    match cli.command {
        Command::Crime(a) => crate::crime::run(a),
        Command::Counts(a) => counts(a),
        Command::Band(a) => band_command(a),
        Command::Funnel(a) => funnel_command(a),
        Command::Outcomes(a) => outcomes_command(a),
        Command::Figure { kind } => figure_command(kind),
        Command::Report(a) => match a.report {
            ReportName::Wiltshire2016 => {
                use policing_peel::ledger::{report, Ledger, Sources};
                let table = crate::crime::read_table(a.input.as_deref())?;
                let sources = Sources {
                    recorded_crime: Some(&table.crime),
                    recorded_crime_edition: format!(
                        "{} ({} rows read, {} rejected); the report used the October 2016 release",
                        table.summary.file.display(),
                        table.summary.rows,
                        table.summary.rejected()
                    ),
                    ..Sources::default()
                };
                print!("{}", report(&Ledger::wiltshire_2016(), &sources));
                Ok(())
            }
        },
    }
}

fn progress_bar(total: u64) -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() || total < (64 << 20) {
        return None;
    }
    let bar = indicatif::ProgressBar::new(total);
    if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {bytes_per_sec} {eta}") {
        bar.set_style(style);
    }
    Some(bar)
}

fn month_range(from: Option<Month>, to: Option<Month>) -> Result<Option<(Month, Month)>, policing_data::DataError> {
    Ok(match (from, to) {
        (None, None) => None,
        (from, to) => Some((from.unwrap_or(Month::new(1, 1)?), to.unwrap_or(Month::new(9999, 12)?))),
    })
}

fn counts(a: CountsArgs) -> CmdResult {
    let group_by = match a.by {
        By::FallsWithin => GroupBy::FallsWithin,
        By::ReportedBy => GroupBy::ReportedBy,
    };
    let result = a.input.count(group_by)?;
    let rows: Vec<Vec<String>> =
        result.counts.iter().map(|((force, outcome), n)| vec![force.clone(), outcome.clone(), n.to_string()]).collect();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    write_table(&mut out, a.format, &["force", "outcome", "count"], &rows)?;
    out.flush()?;
    Ok(())
}

/// A CSV table: its header, and each row with the line it starts on.
type Table = (Vec<String>, Vec<(u64, Vec<String>)>);

/// Reads a CSV file (a UTF-8 byte order mark is accepted) into its header and rows.
fn read_csv(path: &Path) -> Result<Table, Box<dyn std::error::Error>> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let body = bytes.strip_prefix(policing_data::csv::BOM).unwrap_or(&bytes);
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(body);
    let header: Vec<String> =
        reader.headers().map_err(|e| format!("{}: {e}", path.display()))?.iter().map(|h| h.trim().to_owned()).collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| format!("{}: {e}", path.display()))?;
        let line = record.position().map_or(0, csv::Position::line);
        rows.push((line, record.iter().map(str::to_owned).collect()));
    }
    Ok((header, rows))
}

fn column(header: &[String], name: &str, path: &Path) -> Result<usize, Box<dyn std::error::Error>> {
    header.iter().position(|h| h == name).ok_or_else(|| format!("{}: no column {name:?}", path.display()).into())
}

fn decimal(text: &str, what: &str, path: &Path, line: u64) -> Result<Decimal, Box<dyn std::error::Error>> {
    let t = text.trim();
    t.parse::<Decimal>()
        .or_else(|_| Decimal::from_scientific(t))
        .map_err(|_| format!("{}:{line}: column {what:?}: {text:?} is not a number", path.display()).into())
}

fn band_command(a: BandArgs) -> CmdResult {
    let (header, rows) = read_csv(&a.input)?;
    let (k, v) = (column(&header, &a.key, &a.input)?, column(&header, &a.value, &a.input)?);
    let mut observations = Vec::with_capacity(rows.len());
    let mut values = Vec::with_capacity(rows.len());
    for (i, (line, r)) in rows.iter().enumerate() {
        let text = r.get(v).map(String::as_str).unwrap_or("").trim();
        let key = r.get(k).map(String::as_str).unwrap_or("");
        let obs = if a.exclude.iter().any(|x| x == key) {
            Observation::Excluded(policing_stats::Exclusion::new("left out with --exclude")?)
        } else if text.is_empty() {
            Observation::Missing
        } else {
            Observation::Value(decimal(text, "value", &a.input, *line)?)
        };
        values.push(text.to_owned());
        observations.push((i, obs));
    }
    let direction = if a.low_is_notable { Direction::LowIsNotable } else { Direction::HighIsNotable };
    let banding = match a.rule {
        Rule::Hmic => band(observations, direction),
        Rule::Quantile => quantiles(observations, direction, 4)?,
    };
    match a.rule {
        Rule::Hmic => eprintln!(
            "{} ranked; tail size floor((n + 2) / 4) = {}; one of the highest: {}, one of the lowest: {}",
            banding.ranked(),
            banding.tail(),
            banding.highest_count(),
            banding.lowest_count()
        ),
        Rule::Quantile => {
            eprintln!("{} ranked; 4 quantiles (PHEindicatormethods), 1 = the notable end", banding.ranked())
        }
    }
    let mut out = csv::Writer::from_writer(std::io::stdout().lock());
    out.write_record(["key", "value", "rank", "band"])?;
    for unit in banding.units() {
        let (_, row) = rows.get(unit.key).ok_or("row out of range")?;
        let key = row.get(k).cloned().unwrap_or_default();
        let rank = unit.rank.map(|r| r.to_string()).unwrap_or_default();
        let placed = match &unit.placement {
            Placement::Band(b) => b.words().to_owned(),
            Placement::Quantile(q) => q.to_string(),
            Placement::Excluded(e) => format!("excluded: {e}"),
            _ => String::new(),
        };
        out.write_record([key, values.get(unit.key).cloned().unwrap_or_default(), rank, placed])?;
    }
    out.flush()?;
    Ok(())
}

fn funnel_command(a: FunnelArgs) -> CmdResult {
    use policing_stats::{P95, P998};
    let (f, written) = a.columns.funnel(&a.input)?;
    let multiplier = a.multiplier.unwrap_or(match a.columns.statistic {
        StatisticArg::Proportion => 100.0,
        StatisticArg::Rate => 1_000.0,
    });
    if !(multiplier.is_finite() && multiplier > 0.0) {
        return Err(format!("--multiplier {multiplier} must be a positive number").into());
    }
    eprintln!(
        "baseline {} over {} units (values and limits x {multiplier}); limits at each unit's own denominator",
        f.baseline() * multiplier,
        f.points().len()
    );
    let show = |v: f64| if a.format == Format::Table { format!("{v:.3}") } else { v.to_string() };
    let mut rows = Vec::with_capacity(f.points().len());
    for (p, (num, den)) in f.points().iter().zip(&written) {
        let d: f64 = p.denominator.try_into().map_err(|_| format!("denominator {den} is not drawable"))?;
        let (l95, h95) = f.limits(d, P95);
        let (l998, h998) = f.limits(d, P998);
        rows.push(vec![
            p.key.clone(),
            num.clone(),
            den.clone(),
            show(p.value * multiplier),
            show(l95 * multiplier),
            show(h95 * multiplier),
            show(l998 * multiplier),
            show(h998 * multiplier),
            p.significance.label().to_owned(),
        ]);
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    write_table(
        &mut out,
        a.format,
        &[
            "key",
            "numerator",
            "denominator",
            "value",
            "lower_95",
            "upper_95",
            "lower_99_8",
            "upper_99_8",
            "significance",
        ],
        &rows,
    )?;
    out.flush()?;
    Ok(())
}

fn outcomes_command(a: OutcomesArgs) -> CmdResult {
    use policing_outcomes::{Category, Coverage, OutcomeComparison, OutcomeCounts, OutcomeSet, RowKind, FIGURE_4};
    let result = a.input.count(GroupBy::FallsWithin)?;
    // Each force's counts, held against the outcomes each category can stand for;
    // an empty or unknown category could be anything.
    let mut by_force: std::collections::BTreeMap<String, OutcomeCounts> = std::collections::BTreeMap::new();
    for ((force, outcome), n) in &result.counts {
        let set = Category::from_name(outcome).map_or(OutcomeSet::ANY, Category::outcomes);
        by_force.entry(force.clone()).or_default().add(set, *n)?;
    }
    let mut comparison = OutcomeComparison::new();
    for (force, counts) in by_force {
        comparison.include(force, counts, Coverage::FullYear)?;
    }
    let kinds: Vec<RowKind> = FIGURE_4.iter().map(|l| l.kind).collect();
    let bands: Vec<_> =
        kinds.iter().map(|k| comparison.band(*k, Direction::HighIsNotable)).collect::<Result<_, _>>()?;
    let mut rows = Vec::new();
    let mut emit = |unit: &str, table: &policing_outcomes::OutcomeTable, band_of: &dyn Fn(usize) -> String| {
        for (i, row) in table.rows().iter().enumerate() {
            let l = row.layout;
            rows.push(vec![
                unit.to_owned(),
                l.number.map(|n| n.to_string()).unwrap_or_default(),
                l.label.to_owned(),
                row.share.display(1),
                row.count.at_least().to_string(),
                row.count.at_most().to_string(),
                band_of(i),
            ]);
        }
    };
    for (force, _) in comparison.units() {
        if let Some(table) = comparison.table(force)? {
            let band_of = |i: usize| {
                bands
                    .get(i)
                    .and_then(|b| b.get(&force))
                    .and_then(|u| u.band())
                    .map(|b| b.words().to_owned())
                    .unwrap_or_default()
            };
            emit(force, &table, &band_of);
        }
    }
    let ew = comparison.england_and_wales()?;
    emit("England and Wales", &ew, &|_| String::new());
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    write_table(
        &mut out,
        a.format,
        &["force", "number", "row", "share", "count_at_least", "count_at_most", "band"],
        &rows,
    )?;
    out.flush()?;
    eprintln!(
        "shares are percentages of crimes recorded; a range (lo–hi) where a data.police.uk category stands for several \
         outcome types; bands only where every force's share is exact"
    );
    Ok(())
}

fn optional_decimal(
    text: &str,
    what: &str,
    path: &Path,
    line: u64,
) -> Result<Option<Decimal>, Box<dyn std::error::Error>> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        decimal(text, what, path, line).map(Some)
    }
}

fn figure_command(kind: FigureKind) -> CmdResult {
    use policing_figures::{funnel_plot, line_chart, outcome_bars, ranked_bars, OutcomeRow, Series};
    let (svg, out) = match kind {
        FigureKind::CrimeTrend { source, force, measure, out } => {
            let (table, year) = source.load()?;
            let d = policing_crime::Denominators::peel();
            (policing_figures::trend_figure(&table.crime, force, crate::crime::figure_measure(measure), year, &d)?, out)
        }
        FigureKind::CrimeByForce { source, highlight, measure, out } => {
            let (table, year) = source.load()?;
            let d = policing_crime::Denominators::peel();
            let measure = crate::crime::figure_measure(measure);
            (policing_figures::by_force_figure(&table.crime, highlight, measure, year, &d)?, out)
        }
        FigureKind::Ranked { common, key, value, note, england_and_wales, low_is_notable } => {
            let (header, rows) = read_csv(&common.input)?;
            let (k, v) = (column(&header, &key, &common.input)?, column(&header, &value, &common.input)?);
            let n = note.map(|c| column(&header, &c, &common.input)).transpose()?;
            let mut units = Vec::with_capacity(rows.len());
            for (line, r) in &rows {
                let get = |i: usize| r.get(i).map(String::as_str).unwrap_or("");
                let obs = match (
                    optional_decimal(get(v), "value", &common.input, *line)?,
                    n.map(get).filter(|t| !t.trim().is_empty()),
                ) {
                    (Some(x), _) => Observation::Value(x),
                    (None, Some(reason)) => Observation::Excluded(policing_stats::Exclusion::new(reason)?),
                    (None, None) => Observation::Missing,
                };
                units.push((get(k).to_owned(), obs));
            }
            let direction = if low_is_notable { Direction::LowIsNotable } else { Direction::HighIsNotable };
            (ranked_bars(&units, &common.highlight, england_and_wales, direction, &common.caption())?, common.out)
        }
        FigureKind::Funnel { common, columns, multiplier, log } => {
            let (f, _) = columns.funnel(&common.input)?;
            let caption = common.caption().x_axis(columns.denominator.clone());
            let options = policing_figures::FunnelOptions::new(multiplier)
                .highlight(common.highlight.clone())
                .log_denominator(log);
            (funnel_plot(&f, &options, &caption)?, common.out)
        }
        FigureKind::Lines { common } => {
            let (header, rows) = read_csv(&common.input)?;
            let periods: Vec<String> = rows.iter().map(|(_, r)| r.first().cloned().unwrap_or_default()).collect();
            let mut series = Vec::new();
            for (i, name) in header.iter().enumerate().skip(1) {
                let mut values = Vec::with_capacity(rows.len());
                for (line, r) in &rows {
                    values.push(optional_decimal(
                        r.get(i).map(String::as_str).unwrap_or(""),
                        name,
                        &common.input,
                        *line,
                    )?);
                }
                series.push(Series { name: name.clone(), values });
            }
            (line_chart(&periods, &series, &common.highlight, &common.caption())?, common.out)
        }
        FigureKind::Outcomes { common, label, value, england_and_wales } => {
            let (header, rows) = read_csv(&common.input)?;
            let l = column(&header, &label, &common.input)?;
            let (v, e) = (column(&header, &value, &common.input)?, column(&header, &england_and_wales, &common.input)?);
            let mut out_rows = Vec::with_capacity(rows.len());
            for (line, r) in &rows {
                let get = |i: usize| r.get(i).map(String::as_str).unwrap_or("");
                out_rows.push(OutcomeRow {
                    label: get(l).to_owned(),
                    value: optional_decimal(get(v), "value", &common.input, *line)?,
                    england_and_wales: optional_decimal(get(e), "England and Wales value", &common.input, *line)?,
                });
            }
            (outcome_bars(&out_rows, &common.highlight, &common.caption())?, common.out)
        }
    };
    std::fs::write(&out, svg).map_err(|e| format!("{}: {e}", out.display()))?;
    eprintln!("wrote {}", out.display());
    Ok(())
}
