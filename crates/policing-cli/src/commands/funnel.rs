//! `policing funnel`: funnel-plot significance, with each unit's limits.

use std::path::{Path, PathBuf};

use policing_stats::{funnel, Funnel, Statistic, P95, P998};

use crate::error::{usage, CliError, CmdResult};
use crate::input::read_table;
use crate::output::{note, number, Format, OutputArgs};

/// Proportions or crude rates.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum StatisticArg {
    /// A proportion x / n with x <= n.
    Proportion,
    /// A crude rate of events over a denominator.
    Rate,
}

/// A funnel read from a table, with each unit's numerator and denominator as written.
pub type ReadFunnel = (Funnel<String>, Vec<(String, String)>);

/// The columns a funnel reads, shared by `funnel` and `figure funnel`.
#[derive(Debug, clap::Args)]
pub struct FunnelColumns {
    /// The column naming each unit.
    #[arg(short = 'k', long)]
    pub key: String,
    /// The numerator column (decimals allowed).
    #[arg(long)]
    pub numerator: String,
    /// The denominator column.
    #[arg(long)]
    pub denominator: String,
    /// Proportions (numerator <= denominator) or crude rates.
    #[arg(long, value_enum)]
    pub statistic: StatisticArg,
}

impl FunnelColumns {
    /// The default multiplier: 100 for proportions (percent), 1,000 for rates (per 1,000).
    pub fn default_multiplier(&self) -> f64 {
        match self.statistic {
            StatisticArg::Proportion => 100.0,
            StatisticArg::Rate => 1_000.0,
        }
    }

    /// Reads the units of `input` and places them on a funnel; also each unit's
    /// numerator and denominator as written.
    pub fn funnel(&self, input: &Path) -> Result<ReadFunnel, CliError> {
        let table = read_table(input)?;
        let k = table.column(&self.key)?;
        let (n, d) = (table.column(&self.numerator)?, table.column(&self.denominator)?);
        let mut units = Vec::with_capacity(table.rows.len());
        let mut written = Vec::with_capacity(table.rows.len());
        for (line, r) in &table.rows {
            units.push((table.cell(r, k).to_owned(), table.decimal(*line, r, n)?, table.decimal(*line, r, d)?));
            written.push((table.cell(r, n).trim().to_owned(), table.cell(r, d).trim().to_owned()));
        }
        let statistic = match self.statistic {
            StatisticArg::Proportion => Statistic::Proportion,
            StatisticArg::Rate => Statistic::Rate,
        };
        let f = funnel(units, statistic).map_err(|e| {
            crate::error::data(format!(
                "{}: {e} (columns {:?} and {:?})",
                input.display(),
                self.numerator,
                self.denominator
            ))
        })?;
        Ok((f, written))
    }
}

/// Checks a multiplier: a positive finite number.
pub fn check_multiplier(m: f64) -> Result<f64, CliError> {
    if m.is_finite() && m > 0.0 {
        Ok(m)
    } else {
        Err(usage(format!("--multiplier {m} must be a positive number")))
    }
}

/// `policing funnel`.
#[derive(Debug, clap::Args)]
pub struct FunnelArgs {
    /// The CSV file with a header (- for standard input).
    #[arg(short = 'i', long)]
    input: PathBuf,
    #[command(flatten)]
    columns: FunnelColumns,
    /// Multiply values and limits by this (default: 100 for proportions, as percentages; 1000 for rates, per 1,000).
    #[arg(long)]
    multiplier: Option<f64>,
    #[command(flatten)]
    output: OutputArgs,
}

/// Runs `policing funnel`.
pub fn run(a: FunnelArgs) -> CmdResult {
    let multiplier = check_multiplier(a.multiplier.unwrap_or(a.columns.default_multiplier()))?;
    let (f, written) = a.columns.funnel(&a.input)?;
    note(format!(
        "baseline {} over {} units (values and limits x {multiplier}); limits at each unit's own denominator",
        f.baseline() * multiplier,
        f.points().len()
    ));
    let format = a.output.format_or(Format::Csv);
    let show = |v: f64| number(v * multiplier, format, 3);
    let mut rows = Vec::with_capacity(f.points().len());
    for (p, (num, den)) in f.points().iter().zip(&written) {
        let d: f64 =
            p.denominator.try_into().map_err(|_| crate::error::data(format!("denominator {den} is too large")))?;
        let (l95, h95) = f.limits(d, P95);
        let (l998, h998) = f.limits(d, P998);
        rows.push(vec![
            p.key.clone(),
            num.clone(),
            den.clone(),
            show(p.value),
            show(l95),
            show(h95),
            show(l998),
            show(h998),
            p.significance.label().to_owned(),
        ]);
    }
    a.output.table(
        format,
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
    )
}
