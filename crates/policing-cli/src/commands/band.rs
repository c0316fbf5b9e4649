//! `policing band`: "one of the highest / broadly in line / one of the lowest".

use policing_stats::comparison::{compare, Method, Units};
use policing_stats::{Direction, Exclusion, Placement, Rule as Ranking};

use crate::error::CmdResult;
use crate::input::{is_england_and_wales, TableInput};
use crate::output::{note, Cell, Format, OutputArgs};

/// The banding rule.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Rule {
    /// The inspectorate's top and bottom quarter: the one rule of every table, figure and command (a quarter
    /// of the ranked units rounded to the nearest unit, halves up; ties share a band).
    Hmic,
    /// The public-health quartile rule (PHEindicatormethods' phe_quantile), a different rule offered for
    /// comparison: printed in a column of its own, phe_quartile, never as a band.
    Quantile,
}

/// `policing band`.
#[derive(Debug, clap::Args)]
pub struct BandArgs {
    #[command(flatten)]
    input: TableInput,
    /// The column naming each unit.
    #[arg(short = 'k', long)]
    key: String,
    /// The column holding the measure (empty: no value).
    #[arg(short = 'v', long)]
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
    #[command(flatten)]
    output: OutputArgs,
}

/// Runs `policing band`.
pub fn run(a: BandArgs) -> CmdResult {
    a.output.check()?;
    let table = a.input.read()?;
    let (k, v) = (table.column(&a.key)?, table.column(&a.value)?);
    table.unique_keys(k)?;
    let mut units = Units::new();
    for (i, (line, r)) in table.rows.iter().enumerate() {
        let key = table.key(*line, r, k)?;
        if a.exclude.iter().any(|x| x == key) {
            units.exclude(i, Exclusion::new("left out with --exclude")?)?;
        } else if is_england_and_wales(key) {
            note(format!(
                "line {line}: {key} left out of the ranking: it is the aggregate of the units, not one of them"
            ));
            units.exclude(i, Exclusion::new("the aggregate of the units, not one of them")?)?;
        } else {
            match table.optional_decimal(*line, r, v)? {
                Some(x) => units.value(i, x)?,
                None => units.missing(i)?,
            };
        }
    }
    let direction = if a.low_is_notable { Direction::LowIsNotable } else { Direction::HighIsNotable };
    let ranking = match a.rule {
        Rule::Hmic => Ranking::Bands,
        Rule::Quantile => Ranking::Quantiles(4),
    };
    let compared = compare(units, &Method::values().direction(direction).rule(ranking)?)?;
    match a.rule {
        Rule::Hmic => note(format!(
            "{} ranked; tail size floor((n + 2) / 4) = {}; one of the highest: {}, one of the lowest: {}",
            compared.of(),
            compared.tail(),
            compared.count(policing_stats::Band::OneOfTheHighest),
            compared.count(policing_stats::Band::OneOfTheLowest)
        )),
        Rule::Quantile => note(format!(
            "{} ranked; public-health quartiles (PHEindicatormethods' phe_quantile), 1 = the notable end: a \
                 different rule from the bands, whose tails need not match quartiles 1 and 4",
            compared.of()
        )),
    }
    for n in compared.notes() {
        note(n);
    }
    let mut rows = Vec::with_capacity(compared.units().len());
    for unit in compared.units() {
        let (_, row) = table.rows.get(unit.key).ok_or_else(|| crate::error::data("row out of range"))?;
        let placed = match &unit.placement {
            Placement::Band(b) => b.words().to_owned(),
            Placement::Quantile(q) => q.to_string(),
            Placement::Excluded(e) => format!("excluded: {e}"),
            Placement::TooFewUnits => "too few units to band".to_owned(),
            _ => String::new(),
        };
        rows.push(vec![
            Cell::text(table.cell(row, k)),
            Cell::or_empty(unit.value, |x| Cell::decimal(&x, 2)),
            Cell::or_empty(unit.rank, |r| Cell::Count(r.best as i128)),
            Cell::Text(placed),
        ]);
    }
    let placed = match a.rule {
        Rule::Hmic => "band",
        Rule::Quantile => "phe_quartile",
    };
    a.output.table(a.output.format_or(Format::Csv), &["key", "value", "rank", placed], &rows)
}
