//! The recorded crime source: the ONS police recorded crime table by force area
//! (`policing_crime::RecordedCrime`), computing `crime.rate`, `crime.proxy`,
//! `crime.change` and `crime.rises`, each row parsed once into a
//! [`CrimeQuery`], with two alternatives to the stated method found by
//! searching for a match (never counted as reproduced).

use std::fmt;

use policing_crime::{Denominators, Measure as CrimeMeasure, NotAvailable, Offence, RecordedCrime, Unit, YearEnding};
use policing_forces::{Force, Period};
use rust_decimal::Decimal;

use super::source::{Computed, Count, Formula, Hypothesis, Method, Query, Revision, Source, Value};
use super::{LedgerRow, Subject};
use policing_stats::round_half_away;

/// Rates per 1,000 households divided by the 2014 household figures: found by
/// searching for a denominator that gives England and Wales's printed burglary
/// rate.
pub const HOUSEHOLDS_2014: Hypothesis = Hypothesis::new(
    "households-2014",
    "rates per 1,000 households use the 2014 household figures (the latest the report's team may have had), not the \
     2015 figures the stated method uses for a year ending in 2016",
    &[],
    &["all uses of population as a denominator", "the rate for 1,000 households"],
);

/// The five-year baseline keeps the fraud forces recorded themselves in 2011:
/// found by searching for a baseline that gives England and Wales's printed
/// five-year change.
pub const FRAUD_IN_BASELINE: Hypothesis = Hypothesis::new(
    "fraud-in-baseline",
    "the five-year baseline of recorded crime excluding fraud (12 months to June 2011) keeps the fraud offences forces \
     recorded themselves then, as series of the time still held them (Action Fraud took fraud recording over from \
     2013)",
    &[
        "When compared with the 12 months to 30 June 2011, police-recorded crime (excluding fraud)",
        "Total police-recorded crime includes all crime (excluding fraud offences)",
    ],
    &["excluding fraud"],
);

/// The ONS recorded crime table as a source of the ledger's figures.
#[derive(Debug, Clone)]
pub struct RecordedCrimeSource<'a> {
    table: &'a RecordedCrime,
    edition: String,
    denominators: Denominators,
    /// British Transport Police's counts, for the check of the England and Wales rows.
    british_transport_police: bool,
}

impl<'a> RecordedCrimeSource<'a> {
    /// The table, described in words (its edition and where it was read from),
    /// with the PEEL denominators.
    #[must_use]
    pub fn new(table: &'a RecordedCrime, edition: impl Into<String>) -> Self {
        RecordedCrimeSource {
            table,
            edition: edition.into(),
            denominators: Denominators::peel(),
            british_transport_police: true,
        }
    }

    /// With other denominators.
    #[must_use]
    pub fn with_denominators(mut self, denominators: Denominators) -> Self {
        self.denominators = denominators;
        self
    }

    fn denominators_for(&self, method: &Method) -> Denominators {
        if method.holds(HOUSEHOLDS_2014.id) {
            self.denominators.clone().with_households_year(2014)
        } else {
            self.denominators.clone()
        }
    }

    /// A unit's count on a measure, with the 2011 fraud kept when the method says so.
    fn count(&self, unit: Unit, m: CrimeMeasure, year: YearEnding, method: &Method) -> Result<i64, NotAvailable> {
        let n = self.table.measure_count(unit, m, year)?;
        if method.holds(FRAUD_IN_BASELINE.id) && m == CrimeMeasure::RecordedCrimeExclFraud && year.year() <= 2013 {
            let fraud = self.table.measure_count(unit, CrimeMeasure::Offence(Offence::FraudOffences), year)?;
            return Ok(n + fraud);
        }
        Ok(n)
    }
}

/// The rolling year a row's period names ("12 months to 30 June 2016"), or why not.
pub(super) fn rolling_year(row: &LedgerRow) -> Result<YearEnding, String> {
    match row.period.parse::<Period>() {
        Ok(Period::TwelveMonthsTo(end)) => YearEnding::new(end).map_err(|e| e.to_string()),
        _ => Err(format!("the period {:?} is not a rolling year (\"12 months to 30 June 2016\")", row.period)),
    }
}

/// A number with thousands separators.
pub(super) fn thousands(n: Decimal) -> String {
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

/// Which figure a recorded crime row asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum CrimeFigure {
    /// A rate per 1,000 (`crime.rate MEASURE`).
    Rate,
    /// The nearest measure the table has to another definition (`crime.proxy MEASURE`): shown, never compared.
    Proxy,
    /// The percentage change in the count on the rolling year `years` earlier (`crime.change MEASURE YEARS`).
    Change {
        /// How many years earlier.
        years: u32,
    },
    /// How many of the 43 forces rose on the year before (`crime.rises MEASURE`).
    Rises,
}

/// One recorded crime row, parsed once: the figure, the measure, the area and
/// the rolling year. A row that does not parse is refused, naming it.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct CrimeQuery<'a> {
    /// The figure asked for.
    pub figure: CrimeFigure,
    /// The recorded crime measure.
    pub measure: CrimeMeasure,
    /// The area: a force or England and Wales; `None` for a statement about every force.
    pub unit: Option<Unit>,
    /// The rolling year the figure is for.
    pub year: YearEnding,
    why: String,
    source: &'a RecordedCrimeSource<'a>,
}

impl fmt::Display for CrimeQuery<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.figure {
            CrimeFigure::Rate => "rate".to_owned(),
            CrimeFigure::Proxy => "nearest measure".to_owned(),
            CrimeFigure::Change { years } => format!("change over {years} year(s)"),
            CrimeFigure::Rises => "forces rising".to_owned(),
        };
        let whose = match self.unit {
            Some(Unit::Force(force)) => force.name().to_owned(),
            Some(Unit::EnglandAndWales) => "England and Wales".to_owned(),
            None => "all forces".to_owned(),
        };
        write!(f, "crime {} {what}, {whose}, the {}", self.measure.id(), self.year)
    }
}

fn unit_name(unit: Unit) -> String {
    match unit {
        Unit::Force(force) => force.name().to_owned(),
        _ => "England and Wales".to_owned(),
    }
}

impl<'a> RecordedCrimeSource<'a> {
    fn parse(&'a self, force: Force, row: &LedgerRow, name: &str, args: &[String]) -> Result<CrimeQuery<'a>, String> {
        let measure = |w: Option<&String>| -> Result<CrimeMeasure, String> {
            w.ok_or_else(|| format!("crime.{name} needs a recorded crime measure"))?
                .parse()
                .map_err(|e: policing_crime::CrimeError| e.to_string())
        };
        let (figure, measure) = match (name, args) {
            ("rate", [m]) => (CrimeFigure::Rate, measure(Some(m))?),
            ("proxy", [m]) => (CrimeFigure::Proxy, measure(Some(m))?),
            ("rises", [m]) => (CrimeFigure::Rises, measure(Some(m))?),
            ("change", [m, years]) => {
                let years =
                    years.parse::<u32>().ok().filter(|y| *y >= 1).ok_or_else(|| {
                        format!("crime.change needs a whole number of years (1 or more), not {years:?}")
                    })?;
                (CrimeFigure::Change { years }, measure(Some(m))?)
            }
            ("change", [_]) => {
                return Err("crime.change needs the number of years it spans (crime.change MEASURE YEARS)".to_owned())
            }
            ("rate" | "proxy" | "rises" | "change", words) => {
                return Err(format!("crime.{name} does not take {} words", words.len()))
            }
            _ => return Err(format!("crime.{name} is not a recorded crime measure (rate, proxy, change, rises)")),
        };
        let year = rolling_year(row)?;
        let unit = match (figure, row.subject) {
            (CrimeFigure::Rises, Subject::Forces) => None,
            (CrimeFigure::Rises, other) => {
                return Err(format!("crime.rises is a statement about every force (unit forces), not {other}"))
            }
            (_, Subject::Force) => Some(Unit::Force(force)),
            (_, Subject::EnglandAndWales) => Some(Unit::EnglandAndWales),
            (_, other) => return Err(format!("crime.{name} needs a force or england_and_wales, not {other}")),
        };
        Ok(CrimeQuery { figure, measure, unit, year, why: row.note.clone(), source: self })
    }
}

impl Source for RecordedCrimeSource<'_> {
    fn name(&self) -> &'static str {
        "crime"
    }

    fn edition(&self) -> String {
        self.edition.clone()
    }

    fn query<'q>(
        &'q self,
        force: Force,
        row: &LedgerRow,
        name: &str,
        args: &[String],
    ) -> Result<Box<dyn Query + 'q>, String> {
        Ok(Box::new(self.parse(force, row, name, args)?))
    }

    fn hypotheses(&self) -> Vec<Hypothesis> {
        vec![HOUSEHOLDS_2014, FRAUD_IN_BASELINE]
    }
}

impl Query for CrimeQuery<'_> {
    fn compute(&self, method: &Method) -> Computed {
        let (m, year, source) = (self.measure, self.year, self.source);
        let na = |e: NotAvailable| Computed::NotAvailable(e.reason);
        let denominators = source.denominators_for(method);
        match (self.figure, self.unit) {
            (CrimeFigure::Rate | CrimeFigure::Proxy, Some(unit)) => {
                let (count, denominator, rate) = source.table.rate(unit, m, year, &denominators);
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
                if self.figure == CrimeFigure::Proxy {
                    return Computed::Nearest { value: Value::Number(rate), how, why: self.why.clone() };
                }
                let mut checked =
                    vec![format!("the denominator: {} (the only estimate held for the year)", denominator.describe())];
                if unit == Unit::EnglandAndWales && source.british_transport_police {
                    // The annex says England and Wales leaves British Transport Police out: check what it would give.
                    if let Ok(btp) = source.table.measure_count(Unit::Force(Force::BritishTransportPolice), m, year) {
                        let with = Decimal::from(count + btp) * Decimal::from(1_000) / denominator.value;
                        checked.push(format!(
                            "with British Transport Police's {} crimes added (the annex says they are left out): {}",
                            thousands(Decimal::from(btp)),
                            round_half_away(with, 2)
                        ));
                    }
                }
                let formula = Formula::Ratio {
                    count: Count::new(unit_name(unit), m.id(), format!("the {year}"), count),
                    denominator: denominator.value,
                    base: Decimal::from(1_000),
                };
                Computed::Same {
                    value: Value::Number(rate),
                    how,
                    revision: Revision::Raises,
                    checked,
                    formula: Some(formula),
                }
            }
            (CrimeFigure::Change { years }, Some(unit)) => {
                let earlier = match year.years_earlier(years) {
                    Ok(y) => y,
                    Err(e) => return Computed::NotAvailable(e.to_string()),
                };
                let (now, then) = match (source.count(unit, m, year, method), source.count(unit, m, earlier, method)) {
                    (Ok(a), Ok(b)) => (a, b),
                    (Err(e), _) | (_, Err(e)) => return na(e),
                };
                if then <= 0 {
                    return Computed::NotAvailable(format!("the count for the {earlier} is {then}"));
                }
                let change = (Decimal::from(now) - Decimal::from(then)) * Decimal::from(100) / Decimal::from(then);
                let with_fraud = method.holds(FRAUD_IN_BASELINE.id)
                    && earlier.year() <= 2013
                    && m == CrimeMeasure::RecordedCrimeExclFraud;
                let fraud = if with_fraud { " (the earlier count with the fraud forces recorded)" } else { "" };
                let how = format!(
                    "{} {} in the {year} against {}{fraud} in the {earlier} = {}%",
                    m.id(),
                    thousands(Decimal::from(now)),
                    thousands(Decimal::from(then)),
                    round_half_away(change, 4)
                );
                let mut checked = Vec::new();
                if !with_fraud && earlier.year() <= 2013 && m == CrimeMeasure::RecordedCrimeExclFraud {
                    if let Ok(fraud) =
                        source.table.measure_count(unit, CrimeMeasure::Offence(Offence::FraudOffences), earlier)
                    {
                        checked.push(format!(
                            "the fraud forces recorded in the {earlier}: {}",
                            thousands(Decimal::from(fraud))
                        ));
                    }
                }
                let then_what = if with_fraud { format!("{} with the fraud forces recorded", m.id()) } else { m.id() };
                let formula = Formula::Change {
                    now: Count::new(unit_name(unit), m.id(), format!("the {year}"), now),
                    then: Count::new(unit_name(unit), then_what, format!("the {earlier}"), then),
                };
                Computed::Same {
                    value: Value::Number(change),
                    how,
                    revision: Revision::Raises,
                    checked,
                    formula: Some(formula),
                }
            }
            (CrimeFigure::Rises, _) => {
                let rises = source.table.annual_rises(m, year);
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
                Computed::Same {
                    value: Value::Text(format!("{} out of {}", rises.rises, rises.of())),
                    how,
                    revision: Revision::Unknown,
                    checked: Vec::new(),
                    formula: None,
                }
            }
            (_, None) => Computed::NotAvailable("a rate or change needs a force or England and Wales".to_owned()),
        }
    }
}
