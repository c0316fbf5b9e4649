//! `policing funnel`: funnel-plot significance, with each unit's limits.

use policing_stats::comparison::{compare, Comparison, Method, Units, Widening};
use policing_stats::{Scale, Statistic, DEFAULT_TRIM, P95, P998};
use rust_decimal::Decimal;

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
    /// The allowance for a statistic, checked: a scale of the other statistic or a trim out of range is a usage error.
    pub fn method(&self, statistic: Statistic) -> Result<Widening, CliError> {
        let widening = Widening::Overdispersion { scale: self.od_transform, trim: self.trim.unwrap_or(DEFAULT_TRIM) };
        // Checked as the comparison will check it, so that the error names the option.
        let probe = Method::for_statistic(statistic, Decimal::ONE).map_err(|e| usage(e.to_string()))?;
        match probe.widening(widening) {
            Ok(_) => Ok(widening),
            Err(policing_stats::StatsError::ScaleDoesNotFit { scale, .. }) => Err(usage(format!(
                "--od-transform {scale} is not for a {} funnel (rates: sqrt or log; proportions: arcsine)",
                statistic.name()
            ))),
            Err(e) => Err(usage(format!("--trim {}: {e}", self.trim.unwrap_or(DEFAULT_TRIM)))),
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

/// The key of the part of an England and Wales row beyond the units listed.
pub const REST: &str = "\u{0}rest of England and Wales";

/// A comparison read from a table, with each unit's numerator and denominator as written.
pub type ReadFunnel = (Comparison<String>, Vec<(String, String)>);

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

    /// Reads the units of `input` and compares them (the one comparison of
    /// `policing_stats::comparison`), values and limits times `multiplier`, allowing
    /// for overdispersion as `widening` says; also each unit's numerator and
    /// denominator as written. A row without a numerator or denominator is a unit
    /// with no value (kept, said); England and Wales rows are the aggregate, left out.
    pub fn compared(&self, source: &TableInput, widening: Widening, multiplier: f64) -> Result<ReadFunnel, CliError> {
        let table = source.read()?;
        let input = source.path();
        let k = table.column(&self.key)?;
        table.unique_keys(k)?;
        let (n, d) = (table.column(&self.numerator)?, table.column(&self.denominator)?);
        let context = |e: policing_stats::StatsError| {
            crate::error::data(format!(
                "{}: {e} (columns {:?} and {:?})",
                input.display(),
                self.numerator,
                self.denominator
            ))
        };
        let mut units = Units::new();
        let mut written = Vec::with_capacity(table.rows.len());
        let (mut aggregate, mut empty) = (Vec::new(), Vec::new());
        let mut england_and_wales: Option<(u64, Decimal, Decimal)> = None;
        let (mut sum_n, mut sum_d) = (Decimal::ZERO, Decimal::ZERO);
        for (line, r) in &table.rows {
            let key = table.key(*line, r, k)?;
            if is_england_and_wales(key) {
                aggregate.push(format!("line {line}"));
                if let (Some(x), Some(y)) = (table.optional_decimal(*line, r, n)?, table.optional_decimal(*line, r, d)?)
                {
                    england_and_wales = Some((*line, x, y));
                }
                continue;
            }
            if table.cell(r, n).trim().is_empty() || table.cell(r, d).trim().is_empty() {
                empty.push(format!("{key} (line {line})"));
                units.missing(key.to_owned()).map_err(context)?;
            } else {
                let (x, y) = (table.decimal(*line, r, n)?, table.decimal(*line, r, d)?);
                units.counts(key.to_owned(), x, y).map_err(|e| {
                    crate::error::data(format!(
                        "{}:{line}: {e} (columns {:?} and {:?})",
                        input.display(),
                        self.numerator,
                        self.denominator
                    ))
                })?;
                sum_n += x;
                sum_d += y;
            }
            written.push((table.cell(r, n).trim().to_owned(), table.cell(r, d).trim().to_owned()));
        }
        // An England and Wales row sets the pool the units are compared with: what it holds
        // beyond the units (City of London's crimes and residents, in `policing crime`'s
        // tables) is counted in the pool as one more unit that is not compared.
        if let Some((line, x, y)) = england_and_wales {
            let (rest_n, rest_d) = (x - sum_n, y - sum_d);
            if rest_n < Decimal::ZERO || rest_d < Decimal::ZERO {
                return Err(crate::error::data(format!(
                    "{}:{line}: England and Wales ({x} over {y}) is less than the units listed ({sum_n} over {sum_d}): \
                     it cannot be their total",
                    input.display()
                )));
            }
            if rest_d > Decimal::ZERO {
                let why = policing_stats::Exclusion::new(
                    "the part of England and Wales not among the units listed: counted in the pooled value, not compared",
                )
                .map_err(context)?;
                units.pooled_only(REST.to_owned(), rest_n, rest_d, why).map_err(context)?;
                note(format!(
                    "{}: England and Wales (line {line}) sets the pooled value: {rest_n} over {rest_d} beyond the units \
                     listed is counted in it, not compared",
                    input.display()
                ));
            }
        }
        if !aggregate.is_empty() {
            note(format!(
                "{}: England and Wales ({}) is the aggregate of the units, not one of them: not compared",
                input.display(),
                aggregate.join(", ")
            ));
        }
        if !empty.is_empty() {
            note(format!(
                "{}: {} row(s) without a {} or {}: kept without a value, not tested: {}",
                input.display(),
                empty.len(),
                self.numerator,
                self.denominator,
                empty.join(", ")
            ));
        }
        let multiplier = Decimal::try_from(multiplier)
            .map_err(|_| usage(format!("--multiplier {multiplier} is not a number the tool can hold")))?;
        let method =
            Method::for_statistic(self.statistic(), multiplier).and_then(|m| m.widening(widening)).map_err(context)?;
        let compared = compare(units, &method).map_err(context)?;
        Ok((compared, written))
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
pub fn overdispersion_of(on: bool, od: &OverdispersionArgs, statistic: Statistic) -> Result<Widening, CliError> {
    if on {
        od.method(statistic)
    } else {
        if od.od_transform.is_some() || od.trim.is_some() {
            return Err(usage("--od-transform and --trim need --overdispersion"));
        }
        Ok(Widening::ChanceAlone)
    }
}

/// A numerator or denominator as the input wrote it: a count when whole, a measure otherwise.
fn written_number(text: &str) -> Cell {
    match text.parse::<rust_decimal::Decimal>() {
        Ok(d) => Cell::amount(&d, 2),
        Err(_) => Cell::text(text),
    }
}

/// The comparison's notes on standard error: the limits, the multiplicity, ties, units left out.
pub fn comparison_notes<K>(c: &Comparison<K>) {
    for n in c.notes() {
        note(n);
    }
}

/// The columns `policing funnel` writes, in order.
pub const COLUMNS: [&str; 16] = [
    "key",
    "numerator",
    "denominator",
    "value",
    "lower_95",
    "upper_95",
    "chance_lower_95",
    "chance_upper_95",
    "significance",
    "pooled",
    "funnel_lower_95",
    "funnel_upper_95",
    "funnel_lower_99_8",
    "funnel_upper_99_8",
    "phi",
    "tau2",
];

/// Runs `policing funnel`.
pub fn run(a: FunnelArgs) -> CmdResult {
    a.output.check()?;
    let multiplier = check_multiplier(a.multiplier.unwrap_or(a.columns.default_multiplier()))?;
    let widening = overdispersion_of(a.overdispersion, &a.od, a.columns.statistic())?;
    let (f, written) = a.columns.compared(&a.input, widening, multiplier)?;
    let pooled = f.pooled().and_then(|p| p.value);
    note(format!(
        "pooled value {} over {} units (values, intervals and limits x {multiplier}); limits at each unit's own \
         denominator",
        pooled.map_or_else(|| "none".to_owned(), |p| p.round_dp(4).normalize().to_string()),
        f.units().iter().filter(|u| u.key != REST).count()
    ));
    comparison_notes(&f);
    let format = a.output.format_or(Format::Csv);
    let interval = |i: Option<policing_stats::Interval>, lower: bool| {
        Cell::or_empty(i, |i| Cell::value(if lower { i.lower } else { i.upper }, 2))
    };
    let widened = f.method().scale().is_some();
    let mut rows = Vec::with_capacity(f.units().len());
    for (u, (num, den)) in f.units().iter().filter(|u| u.key != REST).zip(&written) {
        let d: Option<f64> = u.denominator().and_then(|d| d.try_into().ok());
        let at = |p: f64| d.and_then(|d| f.limits(d, p));
        let (l95, l998) = (at(P95), at(P998));
        let mut row = vec![
            Cell::text(u.key.clone()),
            written_number(num),
            written_number(den),
            Cell::or_empty(u.value, |v| Cell::decimal(&v, 2)),
            interval(u.interval, true),
            interval(u.interval, false),
            interval(u.chance_interval, true),
            interval(u.chance_interval, false),
            Cell::or_empty(u.significance, |s| Cell::text(s.label())),
            Cell::or_empty(pooled, |p| Cell::decimal(&p, 2)),
            Cell::or_empty(l95, |l| Cell::value(l.0, 2)),
            Cell::or_empty(l95, |l| Cell::value(l.1, 2)),
            Cell::or_empty(l998, |l| Cell::value(l.0, 2)),
            Cell::or_empty(l998, |l| Cell::value(l.1, 2)),
        ];
        if widened {
            row.push(Cell::or_empty(f.dispersion(), |d| Cell::value(d.phi, 1)));
            row.push(Cell::or_empty(f.dispersion(), |d| Cell::value(d.tau2, 6)));
        }
        rows.push(row);
    }
    let header: Vec<&str> = COLUMNS.iter().copied().take(if widened { 16 } else { 14 }).collect();
    a.output.table(format, &header, &rows)
}
