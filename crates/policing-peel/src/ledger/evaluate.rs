//! The one evaluator: every ledger row against the sources it is given.

use std::fmt;

use policing_crime::{Denominators, Measure as CrimeMeasure, RecordedCrime, Unit, YearEnding};
use policing_forces::{Force, Period, Population};
use policing_stats::{check_sum, round_half_away, Published};
use rust_decimal::Decimal;

use super::{Denominator, Ledger, LedgerRow, Measure, Subject};

/// How a printed value stands against what the sources give.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Verdict {
    /// Computed from a primary source file and equal at the printed precision.
    Reproduced,
    /// Computed from a primary source file and not equal: both values, the difference and the reason.
    Differs,
    /// A check among the report's own printed numbers that holds. Never a reproduction.
    Consistent,
    /// A check among the report's own printed numbers that fails.
    Inconsistent,
    /// A fact that cannot be computed, echoed.
    Input,
    /// The source that would be needed is named; not in this repository or not public.
    NotComputable,
}

impl Verdict {
    /// Every verdict, in the order the tally prints them.
    pub const ALL: [Verdict; 6] = [
        Verdict::Reproduced,
        Verdict::Differs,
        Verdict::Consistent,
        Verdict::Inconsistent,
        Verdict::NotComputable,
        Verdict::Input,
    ];

    /// The verdict as printed.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Reproduced => "reproduced",
            Verdict::Differs => "differs",
            Verdict::Consistent => "consistent",
            Verdict::Inconsistent => "INCONSISTENT",
            Verdict::Input => "input",
            Verdict::NotComputable => "not computable",
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

/// What the evaluator may read.
#[derive(Debug, Clone, Default)]
pub struct Sources<'a> {
    /// Police recorded crime by force area (read with `policing_data::recorded_crime`).
    pub recorded_crime: Option<&'a RecordedCrime>,
    /// What that table is, in words, for the notes ("ONS ..., 2019 edition").
    pub recorded_crime_edition: String,
    /// Populations and households.
    pub denominators: Denominators,
}

/// One row's result.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Entry<'a> {
    /// The row.
    pub row: &'a LedgerRow,
    /// The verdict.
    pub verdict: Verdict,
    /// What the sources give, at the printed precision (for a consistency check:
    /// what the printed members give).
    pub computed: Option<String>,
    /// Why: the unrounded value, the difference and its reason, the check, or
    /// the source that would be needed.
    pub note: String,
}

/// Evaluates every row of a ledger, in order.
#[must_use]
pub fn evaluate<'a>(ledger: &'a Ledger, sources: &Sources<'_>) -> Vec<Entry<'a>> {
    ledger.rows.iter().map(|row| evaluate_row(ledger, row, sources)).collect()
}

fn entry<'a>(row: &'a LedgerRow, verdict: Verdict, computed: Option<String>, note: String) -> Entry<'a> {
    Entry { row, verdict, computed, note }
}

/// A printed number: "+5.4" is 5.4 with one place, "-3.4" is -3.4.
fn printed_number(text: &str) -> Option<Published> {
    text.trim().trim_start_matches('+').replace(',', "").parse::<Published>().ok()
}

fn evaluate_row<'a>(ledger: &'a Ledger, row: &'a LedgerRow, sources: &Sources<'_>) -> Entry<'a> {
    match &row.measure {
        Measure::Input => entry(row, Verdict::Input, None, row.note.clone()),
        Measure::NotComputable => entry(row, Verdict::NotComputable, None, format!("needs {}", row.note)),
        Measure::InferCount { base } => infer_count(ledger, row, *base),
        Measure::InferFraction { base, denominator } => match denominator {
            Denominator::Count(n) => infer_fraction(row, *base, *n, None),
            Denominator::InferredBy(id) => match ledger.row(id).and_then(|r| inferred_count(ledger, r)) {
                Some(n) => infer_fraction(row, *base, n, Some(id)),
                None => entry(
                    row,
                    Verdict::NotComputable,
                    None,
                    format!("needs {}; {id} does not infer one whole count", row.note),
                ),
            },
        },
        Measure::CrimeRate(m) | Measure::CrimeProxy(m) | Measure::CrimeChange(m, _) | Measure::CrimeRises(m) => {
            crime(ledger, row, *m, sources)
        }
        Measure::Sum(ids) => {
            let parts: Option<Vec<Published>> =
                ids.iter().map(|id| ledger.row(id).and_then(|r| printed_number(&r.printed))).collect();
            let (Some(parts), Some(total)) = (parts, printed_number(&row.printed)) else {
                return entry(row, Verdict::Inconsistent, None, "a member or the total is not a number".to_owned());
            };
            let check = check_sum(&parts, &total);
            let members: Vec<String> = ids.iter().filter_map(|id| ledger.row(id).map(|r| r.printed.clone())).collect();
            let note = format!(
                "{}: the members print {} = {}; their unrounded sum lies in [{}, {}), the total's in [{}, {})",
                if check.consistent {
                    "consistent under rounding"
                } else {
                    "NO unrounded values round to all of these"
                },
                members.join(" + "),
                check.printed_sum,
                check.parts_range.lower,
                check.parts_range.upper,
                check.total_range.lower,
                check.total_range.upper
            );
            let note = if row.note.is_empty() { note } else { format!("{}; {note}", row.note) };
            let verdict = if check.consistent { Verdict::Consistent } else { Verdict::Inconsistent };
            entry(row, verdict, Some(round_half_away(check.printed_sum, total.places()).to_string()), note)
        }
        Measure::Same(id) => {
            let other = ledger.row(id);
            let same = other.is_some_and(|o| o.printed == row.printed);
            let note = other.map_or_else(
                || format!("{id} is not a row"),
                |o| format!("the same figure as {} / {} ({}); {}", o.section, o.item, o.printed, row.note),
            );
            entry(
                row,
                if same { Verdict::Consistent } else { Verdict::Inconsistent },
                other.map(|o| o.printed.clone()),
                note,
            )
        }
        Measure::Above(pairs) => {
            let mut holds = true;
            let mut said = Vec::new();
            for (a, b) in pairs {
                let value = |id: &str| ledger.row(id).and_then(|r| printed_number(&r.printed)).map(|p| p.value());
                match (value(a), value(b)) {
                    (Some(x), Some(y)) => {
                        holds &= x > y;
                        said.push(format!("{x} {} {y}", if x > y { ">" } else { "<=" }));
                    }
                    _ => holds = false,
                }
            }
            let verdict = if holds { Verdict::Consistent } else { Verdict::Inconsistent };
            entry(row, verdict, Some(row.printed.clone()), format!("printed values: {}", said.join("; ")))
        }
    }
}

fn unit_of(ledger: &Ledger, subject: Subject) -> Option<Unit> {
    match subject {
        Subject::Force => Some(Unit::Force(ledger.force)),
        Subject::EnglandAndWales => Some(Unit::EnglandAndWales),
        Subject::Forces | Subject::Other => None,
    }
}

fn year_of(period: &str) -> Option<YearEnding> {
    match period.parse::<Period>().ok()? {
        Period::TwelveMonthsTo(end) => YearEnding::new(end).ok(),
        _ => None,
    }
}

fn thousands(n: Decimal) -> String {
    let s = n.normalize().to_string();
    let (int, frac) = s.split_once('.').map_or((s.as_str(), None), |(a, b)| (a, Some(b)));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
    }
}

/// Compares a computed value with the printed one at the printed precision.
fn compare<'a>(row: &'a LedgerRow, value: Decimal, how: String, why_differs: &str, proxy: bool) -> Entry<'a> {
    let Some(printed) = printed_number(&row.printed) else {
        return entry(row, Verdict::Inconsistent, None, format!("the printed value {:?} is not a number", row.printed));
    };
    let rounded = round_half_away(value, printed.places());
    let shown = if row.printed.starts_with('+') && rounded > Decimal::ZERO {
        format!("+{rounded}")
    } else {
        rounded.to_string()
    };
    let equal = rounded == printed.value();
    match (equal, proxy) {
        (true, false) => entry(row, Verdict::Reproduced, Some(shown), how),
        (true, true) => entry(
            row,
            Verdict::NotComputable,
            Some(shown),
            format!(
                "{}; the nearest measure is equal at the printed precision, but it is another definition: {how}",
                row.note
            ),
        ),
        (false, _) => {
            let difference = round_half_away(rounded - printed.value(), printed.places());
            let sign = if difference > Decimal::ZERO { "+" } else { "" };
            let reason = if proxy { row.note.clone() } else { why_differs.to_owned() };
            entry(
                row,
                Verdict::Differs,
                Some(shown),
                format!(
                    "printed {}, computed {rounded}, difference {sign}{difference}; {how}; why: {reason}",
                    row.printed
                ),
            )
        }
    }
}

fn crime<'a>(ledger: &'a Ledger, row: &'a LedgerRow, m: CrimeMeasure, sources: &Sources<'_>) -> Entry<'a> {
    let Some(table) = sources.recorded_crime else {
        return entry(
            row,
            Verdict::NotComputable,
            None,
            "needs police recorded crime by force area (the ONS table; not given to this evaluation)".to_owned(),
        );
    };
    let Some(year) = year_of(&row.period) else {
        return entry(row, Verdict::Inconsistent, None, format!("the period {:?} is not a rolling year", row.period));
    };
    let later = "the source is a later release of the same series than the one the report used: forces revise \
                 recent counts as late-recorded crimes come in (definitions and denominators as the report's)";
    let na = |e: policing_crime::NotAvailable| entry(row, Verdict::NotComputable, None, format!("needs {}", e.reason));
    match &row.measure {
        Measure::CrimeRate(_) | Measure::CrimeProxy(_) => {
            let Some(unit) = unit_of(ledger, row.subject) else {
                return entry(row, Verdict::Inconsistent, None, "a rate needs a force or England and Wales".to_owned());
            };
            let (count, denominator, rate) = table.rate(unit, m, year, &sources.denominators);
            let (count, denominator, rate) = match (count, denominator, rate) {
                (Ok(c), Ok(d), Ok(r)) => (c, d, r),
                (Err(e), ..) | (_, Err(e), _) | (.., Err(e)) => return na(e),
            };
            let how = format!(
                "{} {} over {} ({}) = {} per 1,000",
                thousands(Decimal::from(count)),
                m.id(),
                thousands(denominator.value),
                denominator.describe(),
                round_half_away(rate, 4)
            );
            compare(row, rate, how, later, matches!(row.measure, Measure::CrimeProxy(_)))
        }
        Measure::CrimeChange(_, years) => {
            let Some(unit) = unit_of(ledger, row.subject) else {
                return entry(
                    row,
                    Verdict::Inconsistent,
                    None,
                    "a change needs a force or England and Wales".to_owned(),
                );
            };
            let earlier = year.years_earlier(*years).map_or_else(|_| "-".to_owned(), |y| y.to_string());
            let counts = (
                table.measure_count(unit, m, year),
                year.years_earlier(*years)
                    .map_err(|e| policing_crime::NotAvailable::because(e.to_string()))
                    .and_then(|y| table.measure_count(unit, m, y)),
            );
            let change = match table.change(unit, m, year, *years) {
                Ok(c) => c,
                Err(e) => return na(e),
            };
            let how = match counts {
                (Ok(now), Ok(then)) => format!(
                    "{} {} in the {year} against {} in the {earlier} = {}%",
                    m.id(),
                    thousands(Decimal::from(now)),
                    thousands(Decimal::from(then)),
                    round_half_away(change, 4)
                ),
                _ => format!("{}%", round_half_away(change, 4)),
            };
            compare(row, change, how, later, false)
        }
        Measure::CrimeRises(_) => {
            let rises = table.annual_rises(m, year);
            let computed = format!("{} out of {}", rises.rises, rises.of());
            let mut how = format!(
                "{} rose, {} fell, {} unchanged on the 12 months a year earlier ({})",
                rises.rises,
                rises.falls,
                rises.unchanged,
                m.id()
            );
            if !rises.not_available.is_empty() {
                how.push_str(&format!("; {} not compared", rises.not_available.len()));
            }
            if computed == row.printed {
                entry(row, Verdict::Reproduced, Some(computed), how)
            } else {
                entry(row, Verdict::Differs, Some(computed), format!("printed {}; {how}; why: {later}", row.printed))
            }
        }
        _ => entry(row, Verdict::Inconsistent, None, "not a recorded crime measure".to_owned()),
    }
}

/// The one whole count a row's printed rate implies, if exactly one does.
fn inferred_count(ledger: &Ledger, row: &LedgerRow) -> Option<u64> {
    let Measure::InferCount { base } = row.measure else { return None };
    let (denominator, _) = count_denominator(ledger, row.subject)?;
    let (first, last) = count_range(printed_number(&row.printed)?, denominator, base);
    (first == last).then(|| u64::try_from(first).ok()).flatten()
}

/// The population a count per population is over, and whose it is.
fn count_denominator(ledger: &Ledger, subject: Subject) -> Option<(u64, String)> {
    let population = Population::mid_2015();
    match subject {
        Subject::Force => {
            population.of(ledger.force).ok().map(|p| (p.persons, format!("{}'s ONS mid-2015 population", ledger.force)))
        }
        Subject::EnglandAndWales => {
            // The report leaves City of London out of England and Wales for OCGs (its footnote 33).
            let city = population.of(Force::CityOfLondon).map_or(0, |p| p.persons);
            Some((
                population.england_and_wales() - city,
                "England and Wales's ONS mid-2015 population without City of London".to_owned(),
            ))
        }
        _ => None,
    }
}

/// The first and last whole counts whose rate over `denominator` per `base` rounds to `printed`.
fn count_range(printed: Published, denominator: u64, base: u64) -> (Decimal, Decimal) {
    let bounds = printed.bounds();
    let scale = Decimal::from(denominator) / Decimal::from(base);
    let (lo, hi) = (bounds.lower * scale, bounds.upper * scale);
    let first = lo.ceil();
    let last = if hi.fract().is_zero() { hi - Decimal::ONE } else { hi.floor() };
    (first, last)
}

/// The whole counts `k` whose rate `k / population * base` rounds to the printed value.
fn infer_count<'a>(ledger: &'a Ledger, row: &'a LedgerRow, base: u64) -> Entry<'a> {
    let (Some((denominator, whose)), Some(printed)) =
        (count_denominator(ledger, row.subject), printed_number(&row.printed))
    else {
        return entry(row, Verdict::NotComputable, None, format!("needs {}", row.note));
    };
    let (first, last) = count_range(printed, denominator, base);
    let inferred = if first == last {
        format!("exactly {}", thousands(first))
    } else if first > last {
        "no whole count".to_owned()
    } else {
        format!("any whole count from {} to {}", thousands(first), thousands(last))
    };
    let bounds = printed.bounds();
    let scale = Decimal::from(denominator) / Decimal::from(base);
    entry(
        row,
        Verdict::NotComputable,
        None,
        format!(
            "needs {}; inference: {} per {} over {whose} ({}) is met by {inferred} (the unrounded count lies in [{}, {}))",
            row.note,
            row.printed,
            thousands(Decimal::from(base)),
            thousands(Decimal::from(denominator)),
            round_half_away(bounds.lower * scale, 2),
            round_half_away(bounds.upper * scale, 2)
        ),
    )
}

/// Whether `n` can be the denominator of the printed rate per `base`, and the smallest that can.
fn infer_fraction<'a>(row: &'a LedgerRow, base: u64, n: u64, from: Option<&str>) -> Entry<'a> {
    let Some(printed) = printed_number(&row.printed) else {
        return entry(row, Verdict::NotComputable, None, format!("needs {}", row.note));
    };
    let fits = |d: u64| {
        (0..=d.saturating_mul(10)).find(|k| {
            let v = Decimal::from(*k) * Decimal::from(base) / Decimal::from(d);
            round_half_away(v, printed.places()) == printed.value()
        })
    };
    let with_n = fits(n).map_or_else(
        || format!("no k/{n} x {base} rounds to {}", row.printed),
        |k| format!("{k}/{n} x {base} rounds to {}", row.printed),
    );
    let smallest = (1..=10_000u64).find_map(|d| fits(d).map(|k| (k, d)));
    let smallest = smallest.map_or_else(String::new, |(k, d)| {
        format!(
            "; the smallest denominator that fits is {d} ({k}/{d} = {})",
            round_half_away(Decimal::from(k) * Decimal::from(base) / Decimal::from(d), 2)
        )
    });
    let source = from.map_or_else(String::new, |id| format!(" ({n} is the count {id} infers)"));
    let conclusion = if fits(n).is_none() { format!(", so the denominator is not {n}{source}") } else { source };
    entry(row, Verdict::NotComputable, None, format!("needs {}; inference: {with_n}{smallest}{conclusion}", row.note))
}
