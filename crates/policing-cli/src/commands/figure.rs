//! `policing figure`: the figures as SVG, or PNG when the output file's name ends in `.png`.

use std::path::{Path, PathBuf};

use policing_figures::{
    by_force_figure, funnel_plot, line_chart, outcome_bars, ranked_bars, trend_figure, Caption, FunnelOptions,
    OutcomeRow, Series,
};
use policing_stats::comparison::{compare, Method, Units};
use policing_stats::{Direction, Exclusion};
use rust_decimal::Decimal;

use super::crime::{figure_measure, CrimeSource};
use super::funnel::{check_multiplier, comparison_notes, overdispersion_of, FunnelColumns, OverdispersionArgs};
use crate::error::{data, CmdResult};
use crate::input::{is_england_and_wales, TableInput};
use crate::output::note;

/// What every figure takes: the output file and its caption.
#[derive(Debug, clap::Args)]
pub struct FigureOut {
    /// The file to write: SVG, or PNG when its name ends in .png.
    #[arg(short = 'o', long = "out", alias = "output")]
    out: PathBuf,
}

/// The options of the figures drawn from a CSV table.
#[derive(Debug, clap::Args)]
pub struct FigureCommon {
    #[command(flatten)]
    input: TableInput,
    #[command(flatten)]
    out: FigureOut,
    /// The force (or unit) to highlight: named as in the input, or a force's name, slug or ONS code.
    #[arg(short = 'F', long = "force", visible_alias = "highlight", default_value = "")]
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
    /// Decimal places of the values printed on the chart and of its value axis.
    #[arg(long)]
    decimals: Option<u32>,
}

impl FigureCommon {
    fn caption(&self) -> Caption {
        let mut c = Caption::new(self.title.clone())
            .unit(self.unit.clone())
            .period(self.period.clone())
            .source(self.source.clone());
        if let Some(d) = self.decimals {
            c = c.decimals(d.min(12));
        }
        c
    }
}

/// The kinds of figure.
#[derive(Debug, clap::Subcommand)]
pub enum FigureKind {
    /// Figure 1: a force's recorded crime rate for each quarter of the five years to a rolling year, with England and Wales.
    CrimeTrend {
        #[command(flatten)]
        source: CrimeSource,
        /// The force.
        #[arg(short = 'F', long, value_parser = super::force_arg)]
        force: policing_forces::Force,
        /// The measure (default recorded_crime_excl_fraud).
        #[arg(short = 'm', long)]
        measure: Option<policing_crime::Measure>,
        #[command(flatten)]
        out: FigureOut,
    },
    /// Figure 2: a recorded crime measure by force, ranked, a force highlighted, top and bottom quarter shaded.
    CrimeByForce {
        #[command(flatten)]
        source: CrimeSource,
        /// The force to highlight (a name, slug or ONS code).
        #[arg(short = 'F', long = "force", visible_alias = "highlight", value_parser = super::force_arg)]
        highlight: Option<policing_forces::Force>,
        /// The measure (default recorded_crime_excl_fraud).
        #[arg(short = 'm', long)]
        measure: Option<policing_crime::Measure>,
        #[command(flatten)]
        out: FigureOut,
    },
    /// A ranked by-force bar chart: top and bottom quarter shaded, England and Wales as a line.
    Ranked {
        #[command(flatten)]
        common: FigureCommon,
        /// The column naming each force.
        #[arg(short = 'k', long)]
        key: String,
        /// The column holding the value (empty: no value).
        #[arg(short = 'v', long)]
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
        /// Multiply values by this (default: 100 for proportions, 1000 for rates).
        #[arg(long)]
        multiplier: Option<f64>,
        /// Draw the denominator on a logarithmic axis (for a dominant or a tiny unit).
        #[arg(long)]
        log: bool,
        /// The title of the denominator axis (default: the denominator column's name).
        #[arg(long)]
        x_title: Option<String>,
        /// Draw limits widened for overdispersion (Spiegelhalter 2005), as for police forces' counts.
        #[arg(long)]
        overdispersion: bool,
        #[command(flatten)]
        od: OverdispersionArgs,
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
        #[arg(short = 'v', long)]
        value: String,
        /// The column with England and Wales's values on the same row (a wide table).
        #[arg(long)]
        england_and_wales: Option<String>,
        /// The column naming each row's force, for a long table such as `policing outcomes` writes: the rows of
        /// the force given with --force are drawn, against the England and Wales rows of the same label.
        #[arg(short = 'k', long)]
        key: Option<String>,
    },
}

/// Whether the figure is written as PNG (`.png`) or SVG (`.svg`); any other
/// name is a usage error naming the formats, before anything is drawn.
fn is_png(out: &Path) -> Result<bool, crate::error::CliError> {
    let folder = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if !folder.is_dir() {
        return Err(crate::error::usage(format!("{}: the folder {} does not exist", out.display(), folder.display())));
    }
    match out.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("png") => Ok(true),
        Some("svg") => Ok(false),
        _ => Err(crate::error::usage(format!(
            "{}: figures are written as SVG or PNG: give a file name ending in .svg or .png",
            out.display()
        ))),
    }
}

/// The unit to highlight as the table names it: the name given, if a unit has
/// it; else the unit naming the same force (a name, slug or ONS code, as every
/// command takes: `dorset` finds "Dorset Police"); else the name given, which
/// the figure refuses as not among the units.
fn highlighted<'a>(given: &str, keys: impl IntoIterator<Item = &'a str>) -> String {
    let keys: Vec<&str> = keys.into_iter().collect();
    if given.is_empty() || keys.contains(&given) {
        return given.to_owned();
    }
    let Ok(force) = given.parse::<policing_forces::Force>() else { return given.to_owned() };
    keys.iter()
        .find(|k| k.parse::<policing_forces::Force>().is_ok_and(|f| f == force))
        .map_or_else(|| given.to_owned(), |k| (*k).to_owned())
}

/// Writes the figure: PNG when the name ends in `.png`, SVG otherwise; whole or not at all.
fn save(svg: &str, out: &Path) -> CmdResult {
    let is_png = is_png(out)?;
    let bytes = if is_png { policing_figures::to_png(svg)? } else { svg.as_bytes().to_vec() };
    policing_data::Staged::write(out, &bytes).map_err(|e| data(format!("{}: {e}", out.display())))?;
    note(format!("wrote {}", out.display()));
    Ok(())
}

/// A multiplier as people write it: "1,000", "100", "0.5".
fn thousands(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        let digits = format!("{}", x.abs() as i64);
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        out
    } else {
        x.to_string()
    }
}

impl FigureKind {
    /// The file the figure goes to.
    fn out(&self) -> &Path {
        match self {
            FigureKind::CrimeTrend { out, .. } | FigureKind::CrimeByForce { out, .. } => &out.out,
            FigureKind::Ranked { common, .. }
            | FigureKind::Funnel { common, .. }
            | FigureKind::Lines { common }
            | FigureKind::Outcomes { common, .. } => &common.out.out,
        }
    }
}

/// Runs `policing figure`.
pub fn run(kind: FigureKind) -> CmdResult {
    is_png(kind.out())?;
    let (svg, out) = match kind {
        FigureKind::CrimeTrend { source, force, measure, out } => {
            let d = source.denominators();
            let (table, year) = source.load()?;
            (trend_figure(&table.crime, force, figure_measure(measure), year, &d)?, out.out)
        }
        FigureKind::CrimeByForce { source, highlight, measure, out } => {
            let d = source.denominators();
            let (table, year) = source.load()?;
            (by_force_figure(&table.crime, highlight, figure_measure(measure), year, &d)?, out.out)
        }
        FigureKind::Ranked { common, key, value, note: why, england_and_wales, low_is_notable } => {
            let table = common.input.read()?;
            let (k, v) = (table.column(&key)?, table.column(&value)?);
            table.unique_keys(k)?;
            let n = why.map(|c| table.column(&c)).transpose()?;
            let mut units = Units::new();
            let mut england_and_wales = england_and_wales;
            for (line, r) in &table.rows {
                let key = table.key(*line, r, k)?;
                if is_england_and_wales(key) {
                    // The aggregate is not a bar: it is the line the bars are read against.
                    let value = table.optional_decimal(*line, r, v)?;
                    if england_and_wales.is_none() {
                        england_and_wales = value;
                    }
                    note(format!(
                        "line {line}: {} is drawn as the England and Wales line, not as a force",
                        table.cell(r, k)
                    ));
                    continue;
                }
                let reason = n.map(|i| table.cell(r, i)).filter(|t| !t.trim().is_empty());
                match (table.optional_decimal(*line, r, v)?, reason) {
                    (Some(x), _) => units.value(key.to_owned(), x)?,
                    (None, Some(reason)) => units.exclude(key.to_owned(), Exclusion::new(reason)?)?,
                    (None, None) => units.missing(key.to_owned())?,
                };
            }
            let direction = if low_is_notable { Direction::LowIsNotable } else { Direction::HighIsNotable };
            let compared = compare(units, &Method::values().direction(direction))?;
            let highlight = highlighted(&common.highlight, compared.units().iter().map(|u| u.key.as_str()));
            (ranked_bars(&compared, &highlight, england_and_wales, &common.caption())?, common.out.out)
        }
        FigureKind::Funnel { common, columns, multiplier, log, x_title, overdispersion, od } => {
            let multiplier = check_multiplier(multiplier.unwrap_or(columns.default_multiplier()))?;
            let widening = overdispersion_of(overdispersion, &od, columns.statistic())?;
            let (f, _) = columns.compared(&common.input, widening, multiplier)?;
            comparison_notes(&f);
            let mut caption = common.caption().x_axis(x_title.unwrap_or_else(|| columns.denominator.clone()));
            if caption.unit.is_empty() {
                // The value axis says what it shows: a percentage, or a rate per the multiplier.
                caption.unit = match columns.statistic() {
                    policing_stats::Statistic::Proportion if (multiplier - 100.0).abs() < 1e-9 => {
                        format!("{} as a percentage of {}", columns.numerator, columns.denominator)
                    }
                    _ => format!("{} per {} {}", columns.numerator, thousands(multiplier), columns.denominator),
                };
            }
            let highlight = highlighted(&common.highlight, f.units().iter().map(|u| u.key.as_str()));
            let options = FunnelOptions::new().highlight(highlight).log_denominator(log);
            (funnel_plot(&f, &options, &caption)?, common.out.out)
        }
        FigureKind::Lines { common } => {
            let table = common.input.read()?;
            let periods: Vec<String> = table.rows.iter().map(|(_, r)| table.cell(r, 0).to_owned()).collect();
            let mut series = Vec::new();
            for (i, name) in table.header.iter().enumerate().skip(1) {
                let mut values = Vec::with_capacity(table.rows.len());
                for (line, r) in &table.rows {
                    values.push(table.optional_decimal(*line, r, i)?);
                }
                series.push(Series { name: name.clone(), values });
            }
            (line_chart(&periods, &series, &common.highlight, &common.caption())?, common.out.out)
        }
        FigureKind::Outcomes { common, label, value, england_and_wales, key: unit } => {
            let table = common.input.read()?;
            let l = table.column(&label)?;
            let v = table.column(&value)?;
            let e = england_and_wales.as_deref().map(|c| table.column(c)).transpose()?;
            let u = unit.as_deref().map(|c| table.column(c)).transpose()?;
            if u.is_some() && common.highlight.is_empty() {
                return Err(crate::error::usage("--key draws one force's rows: name it with --force"));
            }
            // England and Wales's value of each (label, occurrence) in a long table.
            let mut comparison: std::collections::HashMap<(String, usize), Option<Decimal>> = Default::default();
            if let (Some(u), None) = (u, e) {
                let mut seen: std::collections::HashMap<String, usize> = Default::default();
                for (line, r) in table.rows.iter().filter(|(_, r)| is_england_and_wales(table.cell(r, u))) {
                    let key = table.cell(r, l).to_owned();
                    let n = seen.entry(key.clone()).or_default();
                    comparison.insert((key, *n), table.optional_decimal(*line, r, v)?);
                    *n += 1;
                }
            }
            let mut rows = Vec::with_capacity(table.rows.len());
            let mut seen: std::collections::HashMap<String, usize> = Default::default();
            for (line, r) in &table.rows {
                if let Some(u) = u {
                    if table.cell(r, u) != common.highlight {
                        continue;
                    }
                }
                let label = table.cell(r, l).to_owned();
                let n = seen.entry(label.clone()).or_default();
                let ew = match e {
                    Some(e) => table.optional_decimal(*line, r, e)?,
                    None => comparison.get(&(label.clone(), *n)).copied().flatten(),
                };
                *n += 1;
                rows.push(OutcomeRow { label, value: table.optional_decimal(*line, r, v)?, england_and_wales: ew });
            }
            if rows.is_empty() {
                return Err(data(format!(
                    "{}: no rows of {:?} in column {:?}",
                    common.input.path().display(),
                    common.highlight,
                    unit.unwrap_or_default()
                )));
            }
            // The comparison is named as its column is ("england_and_wales": "england and wales").
            let comparison = match &england_and_wales {
                Some(c) => c.replace('_', " "),
                None => "England and Wales".to_owned(),
            };
            (outcome_bars(&rows, &common.highlight, &comparison, &common.caption())?, common.out.out)
        }
    };
    save(&svg, &out)
}
