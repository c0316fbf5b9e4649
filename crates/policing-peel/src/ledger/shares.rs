//! The offence-code source: the share a set of offence codes holds of their
//! recorded crime group in a year of Home Office offence-code counts, applied
//! to the group's rate from the ONS table (`shares.proxy GROUP CODE+CODE`).
//! The share is from another year than the printed figure, so the value is
//! always the nearest measure, shown and never compared.

use std::collections::BTreeMap;
use std::fmt;

use policing_crime::{Denominators, Measure as CrimeMeasure, RecordedCrime, Unit, YearEnding};
use policing_forces::Force;
use policing_stats::round_half_away;
use rust_decimal::Decimal;

use super::crime::{rolling_year, thousands};
use super::source::{Computed, Method, Query, Source, Value};
use super::{LedgerRow, Subject};

/// Offence-code counts of one year, by area, each code with its recorded crime
/// group, and the ONS table the group's rate comes from.
#[derive(Debug, Clone)]
pub struct OffenceShareSource<'a> {
    table: &'a RecordedCrime,
    /// (area, code) -> (the code's group, its count in the year).
    counts: BTreeMap<(Unit, String), (CrimeMeasure, i64)>,
    /// The year the counts are for ("2017/18").
    year: String,
    edition: String,
}

impl<'a> OffenceShareSource<'a> {
    /// Counts by area and code for one year (`year` as the table writes it,
    /// "2017/18"), each with its group; England and Wales's counts under
    /// [`Unit::EnglandAndWales`]. `edition` says what the counts are.
    #[must_use]
    pub fn new(
        table: &'a RecordedCrime,
        counts: BTreeMap<(Unit, String), (CrimeMeasure, i64)>,
        year: impl Into<String>,
        edition: impl Into<String>,
    ) -> Self {
        OffenceShareSource { table, counts, year: year.into(), edition: edition.into() }
    }
}

#[derive(Debug)]
struct ShareQuery<'a> {
    group: CrimeMeasure,
    codes: Vec<String>,
    unit: Unit,
    period: YearEnding,
    why: String,
    source: &'a OffenceShareSource<'a>,
}

impl fmt::Display for ShareQuery<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "codes {} of {}, {}, the {}", self.codes.join("+"), self.group.id(), self.unit, self.period)
    }
}

impl Source for OffenceShareSource<'_> {
    fn name(&self) -> &'static str {
        "shares"
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
        let [group, codes] = args else {
            return Err(format!(
                "shares.{name} takes a recorded crime group and codes joined by + (violence_with_injury 8N+8P)"
            ));
        };
        if name != "proxy" {
            return Err(format!("shares.{name} is not a measure (proxy)"));
        }
        let group: CrimeMeasure = group.parse().map_err(|e: policing_crime::CrimeError| e.to_string())?;
        let codes: Vec<String> = codes.split('+').map(str::to_owned).collect();
        if codes.iter().any(String::is_empty) {
            return Err(format!("{:?} is not codes joined by +", args.get(1)));
        }
        let unit = match row.subject {
            Subject::Force => Unit::Force(force),
            Subject::EnglandAndWales => Unit::EnglandAndWales,
            other => return Err(format!("shares.proxy needs a force or england_and_wales, not {other}")),
        };
        let period = rolling_year(row)?;
        Ok(Box::new(ShareQuery { group, codes, unit, period, why: row.note.clone(), source: self }))
    }
}

impl Query for ShareQuery<'_> {
    fn compute(&self, _method: &Method) -> Computed {
        let s = self.source;
        let in_group: Vec<(&String, i64)> = s
            .counts
            .iter()
            .filter(|((unit, _), (group, _))| *unit == self.unit && *group == self.group)
            .map(|((_, code), (_, n))| (code, *n))
            .collect();
        let total: i64 = in_group.iter().map(|(_, n)| n).sum();
        let missing: Vec<&String> = self.codes.iter().filter(|c| !in_group.iter().any(|(code, _)| code == c)).collect();
        if !missing.is_empty() || total <= 0 {
            return Computed::NotAvailable(format!(
                "the {} offence-code counts hold no {} for {} in {}",
                s.year,
                missing.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", "),
                self.unit,
                self.group.id()
            ));
        }
        let part: i64 = in_group.iter().filter(|(c, _)| self.codes.contains(c)).map(|(_, n)| n).sum();
        let (_, denominator, rate) = s.table.rate(self.unit, self.group, self.period, &Denominators::peel());
        let (denominator, rate) = match (denominator, rate) {
            (Ok(d), Ok(r)) => (d, r),
            (Err(e), _) | (_, Err(e)) => return Computed::NotAvailable(e.reason),
        };
        let share = Decimal::from(part) / Decimal::from(total);
        let value = rate * share;
        let how = format!(
            "codes {} are {} of {}'s {} {} in {} ({}%), applied to its rate in the {} ({} per 1,000 over {}) = {} per 1,000",
            self.codes.join(", "),
            thousands(Decimal::from(part)),
            self.unit,
            thousands(Decimal::from(total)),
            self.group.id(),
            s.year,
            round_half_away(share * Decimal::from(100), 1),
            self.period,
            round_half_away(rate, 4),
            denominator.describe(),
            round_half_away(value, 4)
        );
        Computed::Nearest {
            value: Value::Number(value),
            how,
            why: format!(
                "the share is from {}, not the {}: the shipped offence-code table holds no other year; {}",
                s.year, self.period, self.why
            ),
        }
    }
}
