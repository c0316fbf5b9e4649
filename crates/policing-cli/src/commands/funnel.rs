//! `policing funnel`: funnel-plot significance, with each unit's limits.

use policing_stats::{funnel, Funnel, Overdispersion, Scale, Statistic, P95, P998};

use crate::error::{usage, CliError, CmdResult};
use crate::input::{is_england_and_wales, TableInput};
use crate::output::{note, Cell, Format, OutputArgs};

/// Proportions or crude rates.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum StatisticArg {
    /// A proportion x / n with x <= n.
    Proportion,
    /// A crude rate of events over a denominator.
    Rate,
}

/// The overdispersion options: the scale and the trim fraction.
#[derive(Debug, clap::Args)]
pub struct OverdispersionArgs {
    /// The scale overdispersion is estimated on: sqrt (rates, the default) or log (rates, the NHS SHMI method,
    /// outer units dropped); proportions always use arcsine.
    #[arg(long, value_name = "SCALE")]
    od_transform: Option<Scale>,
    /// The fraction of z-scores winsorised (sqrt, arcsine) or dropped (log) at each end, 0 to below 0.5.
    #[arg(long, value_name = "FRACTION")]
    trim: Option<f64>,
}

impl OverdispersionArgs {
    /// The method for a statistic, checked: a scale of the other statistic or a trim out of range is a usage error.
    pub fn method(&self, statistic: Statistic) -> Result<Overdispersion, CliError> {
        let method = match self.od_transform {
            None => Overdispersion::for_statistic(statistic),
            Some(scale) if scale.fits(statistic) => Overdispersion::new(scale),
            Some(scale) => {
                return Err(usage(format!(
                    "--od-transform {scale} is not for a {} funnel (rates: sqrt or log; proportions: arcsine)",
                    statistic.name()
                )))
            }
        };
        match self.trim {
            None => Ok(method),
            Some(t) => method.with_trim(t).map_err(|e| usage(format!("--trim {t}: {e}"))),
        }
    }

    /// A usage error when an overdispersion option is given though `flag` turns overdispersion off.
    pub fn refuse_without(&self, flag: &str) -> Result<(), CliError> {
        if self.od_transform.is_some() || self.trim.is_some() {
            return Err(usage(format!("--od-transform and --trim adjust for overdispersion, which {flag} turns off")));
        }
        Ok(())
    }
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

    /// The statistic.
    pub fn statistic(&self) -> Statistic {
        match self.statistic {
            StatisticArg::Proportion => Statistic::Proportion,
            StatisticArg::Rate => Statistic::Rate,
        }
    }

    /// Reads the units of `input` and places them on a funnel, its limits widened
    /// for `overdispersion` if given; also each unit's numerator and denominator as written.
    pub fn funnel(&self, source: &TableInput, overdispersion: Option<Overdispersion>) -> Result<ReadFunnel, CliError> {
        let table = source.read()?;
        let input = source.path();
        let k = table.column(&self.key)?;
        table.unique_keys(k)?;
        let (n, d) = (table.column(&self.numerator)?, table.column(&self.denominator)?);
        let mut units = Vec::with_capacity(table.rows.len());
        let mut written = Vec::with_capacity(table.rows.len());
        let (mut aggregate, mut empty) = (Vec::new(), Vec::new());
        for (line, r) in &table.rows {
            let key = table.cell(r, k);
            if is_england_and_wales(key) {
                aggregate.push(format!("line {line}"));
                continue;
            }
            if table.cell(r, n).trim().is_empty() || table.cell(r, d).trim().is_empty() {
                empty.push(format!("{key} (line {line})"));
                continue;
            }
            units.push((key.to_owned(), table.decimal(*line, r, n)?, table.decimal(*line, r, d)?));
            written.push((table.cell(r, n).trim().to_owned(), table.cell(r, d).trim().to_owned()));
        }
        if !aggregate.is_empty() {
            note(format!(
                "{}: England and Wales ({}) left out: it is the aggregate of the units, not one of them",
                input.display(),
                aggregate.join(", ")
            ));
        }
        if !empty.is_empty() {
            note(format!(
                "{}: {} row(s) without a {} or {} left out: {}",
                input.display(),
                empty.len(),
                self.numerator,
                self.denominator,
                empty.join(", ")
            ));
        }
        let context = |e: policing_stats::StatsError| {
            crate::error::data(format!(
                "{}: {e} (columns {:?} and {:?})",
                input.display(),
                self.numerator,
                self.denominator
            ))
        };
        let mut f = funnel(units, self.statistic()).map_err(context)?;
        if let Some(method) = overdispersion {
            f = f.adjusted(method).map_err(context)?;
        }
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
    #[command(flatten)]
    input: TableInput,
    #[command(flatten)]
    columns: FunnelColumns,
    /// Multiply values and limits by this (default: 100 for proportions, as percentages; 1000 for rates, per 1,000).
    #[arg(long)]
    multiplier: Option<f64>,
    /// Widen the limits for overdispersion (Spiegelhalter 2005): for units as large as police forces, whose
    /// values vary far more than chance allows; adds the phi and tau2 columns.
    #[arg(long)]
    overdispersion: bool,
    #[command(flatten)]
    od: OverdispersionArgs,
    #[command(flatten)]
    output: OutputArgs,
}

/// The funnel's allowance for overdispersion from `--overdispersion` and its options.
pub fn overdispersion_of(
    on: bool,
    od: &OverdispersionArgs,
    statistic: Statistic,
) -> Result<Option<Overdispersion>, CliError> {
    if on {
        od.method(statistic).map(Some)
    } else {
        if od.od_transform.is_some() || od.trim.is_some() {
            return Err(usage("--od-transform and --trim need --overdispersion"));
        }
        Ok(None)
    }
}

/// The note on how a funnel's limits were drawn.
pub fn limits_note(f: &Funnel<String>) -> String {
    match f.dispersion() {
        Some(d) if d.is_adjusted() => format!("limits widened for overdispersion (Spiegelhalter 2005): {d}"),
        Some(d) => {
            format!("no overdispersion to allow for (phi {:.3}, tau^2 0): the limits of chance alone stand", d.phi)
        }
        None => match f.statistic() {
            Statistic::Rate => "limits of chance alone: exact Poisson lines, each unit labelled by its own interval \
                                (Byar's method from 10 events)"
                .to_owned(),
            _ => "limits of chance alone: Wilson-based (Spiegelhalter 2005)".to_owned(),
        },
    }
}

/// A numerator or denominator as the input wrote it: a count when whole, a measure otherwise.
fn written_number(text: &str) -> Cell {
    match text.parse::<rust_decimal::Decimal>() {
        Ok(d) => Cell::amount(&d, 2),
        Err(_) => Cell::text(text),
    }
}

/// Runs `policing funnel`.
pub fn run(a: FunnelArgs) -> CmdResult {
    a.output.check()?;
    let multiplier = check_multiplier(a.multiplier.unwrap_or(a.columns.default_multiplier()))?;
    let overdispersion = overdispersion_of(a.overdispersion, &a.od, a.columns.statistic())?;
    let (f, written) = a.columns.funnel(&a.input, overdispersion)?;
    note(format!(
        "baseline {} over {} units (values and limits x {multiplier}); limits at each unit's own denominator",
        f.baseline() * multiplier,
        f.points().len()
    ));
    note(limits_note(&f));
    let format = a.output.format_or(Format::Csv);
    let show = |v: f64| Cell::value(v * multiplier, 2);
    let mut rows = Vec::with_capacity(f.points().len());
    for (p, (num, den)) in f.points().iter().zip(&written) {
        let d: f64 =
            p.denominator.try_into().map_err(|_| crate::error::data(format!("denominator {den} is too large")))?;
        let (l95, h95) = f.limits(d, P95);
        let (l998, h998) = f.limits(d, P998);
        let mut row = vec![
            Cell::text(p.key.clone()),
            written_number(num),
            written_number(den),
            show(p.value),
            show(l95),
            show(h95),
            show(l998),
            show(h998),
            Cell::text(p.significance.label()),
        ];
        if let Some(d) = f.dispersion() {
            row.push(Cell::value(d.phi, 1));
            row.push(Cell::value(d.tau2, 6));
        }
        rows.push(row);
    }
    let mut header = vec![
        "key",
        "numerator",
        "denominator",
        "value",
        "lower_95",
        "upper_95",
        "lower_99_8",
        "upper_99_8",
        "significance",
    ];
    if f.dispersion().is_some() {
        header.extend(["phi", "tau2"]);
    }
    a.output.table(format, &header, &rows)
}
