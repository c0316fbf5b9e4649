//! The recorded crime source: the ONS police recorded crime table by force area
//! (`policing_crime::RecordedCrime`), computing `crime.rate`, `crime.proxy`,
//! `crime.change` and `crime.rises`, with two method hypotheses the report's
//! numbers point to.

use policing_crime::{Denominators, Measure as CrimeMeasure, NotAvailable, Offence, RecordedCrime, Unit, YearEnding};
use policing_forces::{Force, Period};
use rust_decimal::Decimal;

use super::source::{Annex, Computed, Hypothesis, Query, Revision, Source, Value};
use super::Subject;
use policing_stats::round_half_away;

/// Rates per 1,000 households divided by the 2014 household figures.
pub const HOUSEHOLDS_2014: Hypothesis = Hypothesis::new(
    "households-2014",
    "rates per 1,000 households use the 2014 household figures (the latest the report's team may have had), not the \
     2015 figures the library uses for a year ending in 2016",
    Annex::Silent(
        "annex A names ONS mid-2015 estimates for \"all uses of population as a denominator\"; it says nothing of \
         households",
    ),
);

/// The five-year baseline keeps the fraud forces recorded themselves in 2011.
pub const FRAUD_IN_BASELINE: Hypothesis = Hypothesis::new(
    "fraud-in-baseline",
    "the five-year baseline of recorded crime excluding fraud (12 months to June 2011) keeps the fraud offences forces \
     recorded themselves then, as series of the time still held them (Action Fraud took fraud recording over from \
     2013)",
    Annex::Silent(
        "annex A defines total police-recorded crime as \"all crime (excluding fraud offences)\" without saying how \
         earlier years of the series were built",
    ),
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

    fn denominators_for(&self, method: &super::Method) -> Denominators {
        if method.holds(HOUSEHOLDS_2014.id) {
            self.denominators.clone().with_households_year(2014)
        } else {
            self.denominators.clone()
        }
    }

    /// A unit's count on a measure, with the 2011 fraud kept when the method says so.
    fn count(
        &self,
        unit: Unit,
        m: CrimeMeasure,
        year: YearEnding,
        method: &super::Method,
    ) -> Result<i64, NotAvailable> {
        let n = self.table.measure_count(unit, m, year)?;
        if method.holds(FRAUD_IN_BASELINE.id) && m == CrimeMeasure::RecordedCrimeExclFraud && year.year() <= 2013 {
            let fraud = self.table.measure_count(unit, CrimeMeasure::Offence(Offence::FraudOffences), year)?;
            return Ok(n + fraud);
        }
        Ok(n)
    }
}

fn unit_of(ledger: &super::Ledger, subject: Subject) -> Option<Unit> {
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

impl Source for RecordedCrimeSource<'_> {
    fn name(&self) -> &'static str {
        "crime"
    }

    fn edition(&self) -> String {
        self.edition.clone()
    }

    fn check(&self, name: &str, args: &[String]) -> Result<(), String> {
        let measure = |w: Option<&String>| -> Result<CrimeMeasure, String> {
            w.ok_or_else(|| format!("crime.{name} needs a recorded crime measure"))?
                .parse()
                .map_err(|e: policing_crime::CrimeError| e.to_string())
        };
        match (name, args.len()) {
            ("rate" | "proxy" | "rises", 1) => measure(args.first()).map(|_| ()),
            ("change", 2) => {
                measure(args.first())?;
                args.get(1)
                    .and_then(|y| y.parse::<u32>().ok())
                    .map(|_| ())
                    .ok_or_else(|| "crime.change needs a number of years".to_owned())
            }
            ("rate" | "proxy" | "rises" | "change", n) => Err(format!("crime.{name} does not take {n} words")),
            _ => Err(format!("crime.{name} is not a recorded crime measure (rate, proxy, change, rises)")),
        }
    }

    fn hypotheses(&self) -> Vec<Hypothesis> {
        vec![HOUSEHOLDS_2014, FRAUD_IN_BASELINE]
    }

    fn compute(&self, q: &Query<'_>) -> Computed {
        let Some(m) = q.args.first().and_then(|a| a.parse::<CrimeMeasure>().ok()) else {
            return Computed::NotAvailable(format!("{:?} is not a recorded crime measure", q.args));
        };
        let Some(year) = year_of(&q.row.period) else {
            return Computed::NotAvailable(format!("the period {:?} is not a rolling year", q.row.period));
        };
        let na = |e: NotAvailable| Computed::NotAvailable(e.reason);
        let denominators = self.denominators_for(q.method);
        match q.name {
            "rate" | "proxy" => {
                let Some(unit) = unit_of(q.ledger, q.row.subject) else {
                    return Computed::NotAvailable("a rate needs a force or England and Wales".to_owned());
                };
                let (count, denominator, rate) = self.table.rate(unit, m, year, &denominators);
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
                if q.name == "proxy" {
                    return Computed::Nearest { value: Value::Number(rate), how, why: q.row.note.clone() };
                }
                let mut checked =
                    vec![format!("the denominator: {} (the only estimate held for the year)", denominator.describe())];
                if unit == Unit::EnglandAndWales && self.british_transport_police {
                    // The annex says England and Wales leaves British Transport Police out: check what it would give.
                    if let Ok(btp) = self.table.measure_count(Unit::Force(Force::BritishTransportPolice), m, year) {
                        let with = Decimal::from(count + btp) * Decimal::from(1_000) / denominator.value;
                        let places =
                            q.row.printed.split_once('.').map_or(0, |(_, d)| u32::try_from(d.len()).unwrap_or(0));
                        let shown = round_half_away(with, places);
                        let verdict = if shown.to_string() == q.row.printed {
                            "which prints as printed"
                        } else {
                            "not the printed value either"
                        };
                        checked.push(format!(
                            "with British Transport Police's {} crimes added (the annex says they are left out): {} \
                             ({shown} at the printed precision, {verdict})",
                            thousands(Decimal::from(btp)),
                            round_half_away(with, 2)
                        ));
                    }
                }
                Computed::Same { value: Value::Number(rate), how, revision: Revision::Raises, checked }
            }
            "change" => {
                let Some(unit) = unit_of(q.ledger, q.row.subject) else {
                    return Computed::NotAvailable("a change needs a force or England and Wales".to_owned());
                };
                let years = q.args.get(1).and_then(|y| y.parse::<u32>().ok()).unwrap_or(1);
                let earlier = match year.years_earlier(years) {
                    Ok(y) => y,
                    Err(e) => return Computed::NotAvailable(e.to_string()),
                };
                let (now, then) = match (self.count(unit, m, year, q.method), self.count(unit, m, earlier, q.method)) {
                    (Ok(a), Ok(b)) => (a, b),
                    (Err(e), _) | (_, Err(e)) => return na(e),
                };
                if then <= 0 {
                    return Computed::NotAvailable(format!("the count for the {earlier} is {then}"));
                }
                let change = (Decimal::from(now) - Decimal::from(then)) * Decimal::from(100) / Decimal::from(then);
                let fraud = if q.method.holds(FRAUD_IN_BASELINE.id)
                    && earlier.year() <= 2013
                    && m == CrimeMeasure::RecordedCrimeExclFraud
                {
                    " (the earlier count with the fraud forces recorded)"
                } else {
                    ""
                };
                let how = format!(
                    "{} {} in the {year} against {}{fraud} in the {earlier} = {}%",
                    m.id(),
                    thousands(Decimal::from(now)),
                    thousands(Decimal::from(then)),
                    round_half_away(change, 4)
                );
                let mut checked = Vec::new();
                if !q.method.holds(FRAUD_IN_BASELINE.id)
                    && earlier.year() <= 2013
                    && m == CrimeMeasure::RecordedCrimeExclFraud
                {
                    if let Ok(fraud) =
                        self.table.measure_count(unit, CrimeMeasure::Offence(Offence::FraudOffences), earlier)
                    {
                        checked.push(format!(
                            "the fraud forces recorded in the {earlier}: {}",
                            thousands(Decimal::from(fraud))
                        ));
                    }
                }
                Computed::Same { value: Value::Number(change), how, revision: Revision::Raises, checked }
            }
            "rises" => {
                let rises = self.table.annual_rises(m, year);
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
                }
            }
            other => Computed::NotAvailable(format!("crime.{other} is not a recorded crime measure")),
        }
    }
}
