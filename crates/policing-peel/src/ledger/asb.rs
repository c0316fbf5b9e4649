//! The anti-social behaviour source: incidents by force and calendar year
//! (data.police.uk's counts, read with `policing_data::yearly`), computing
//! `asb.rate` and `asb.change`. The reports print years ending in March;
//! calendar years are another window, so every value is the nearest measure,
//! never a reproduction.

use std::collections::BTreeMap;
use std::fmt;

use policing_forces::{Force, Period, Population};
use policing_stats::round_half_away;
use rust_decimal::Decimal;

use super::crime::thousands;
use super::source::{Computed, Method, Query, Source, Value};
use super::{LedgerRow, Subject};

/// Anti-social behaviour incidents by force and calendar year, as a source.
#[derive(Debug, Clone)]
pub struct AntiSocialBehaviourSource {
    incidents: BTreeMap<(Force, u16), u64>,
    edition: String,
    population: Population,
}

impl AntiSocialBehaviourSource {
    /// Incidents by force and calendar year, described in words, over the ONS mid-2015 populations.
    #[must_use]
    pub fn new(incidents: BTreeMap<(Force, u16), u64>, edition: impl Into<String>) -> Self {
        AntiSocialBehaviourSource { incidents, edition: edition.into(), population: Population::mid_2015() }
    }

    fn of(&self, subject: Subject, force: Force, year: u16) -> Result<(u64, u64, String), String> {
        match subject {
            Subject::Force => {
                let n = self
                    .incidents
                    .get(&(force, year))
                    .copied()
                    .ok_or_else(|| format!("no {year} count for {force}"))?;
                let p = self.population.of(force).map_err(|e| e.to_string())?.persons;
                Ok((n, p, force.name().to_owned()))
            }
            Subject::EnglandAndWales => {
                let mut n = 0;
                for f in Force::territorial() {
                    n += self.incidents.get(&(f, year)).copied().ok_or_else(|| format!("no {year} count for {f}"))?;
                }
                Ok((n, self.population.england_and_wales(), "the 43 forces".to_owned()))
            }
            _ => Err("anti-social behaviour needs a force or England and Wales".to_owned()),
        }
    }
}

/// The calendar year nearest a printed period: the one holding most of its months.
fn nearest_year(period: &str) -> Option<(u16, String)> {
    let p: Period = period.parse().ok()?;
    let end = p.end();
    let year = chrono::Datelike::year(&end);
    let month = chrono::Datelike::month(&end);
    // A year ending in March holds 9 months of the calendar year before.
    let y = if month <= 6 { year - 1 } else { year };
    let y = u16::try_from(y).ok()?;
    Some((
        y,
        format!("calendar {y} for the {period} (they share {} months)", if month <= 6 { 12 - month } else { month }),
    ))
}

/// Which anti-social behaviour figure a row asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AsbFigure {
    Rate,
    Change,
}

/// One anti-social behaviour row, parsed once: the figure, whose, and the
/// calendar year standing in for the printed period.
#[derive(Debug, Clone)]
struct AsbQuery<'a> {
    figure: AsbFigure,
    subject: Subject,
    force: Force,
    year: u16,
    window: String,
    source: &'a AntiSocialBehaviourSource,
}

impl fmt::Display for AsbQuery<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let whose = if self.subject == Subject::Force { self.force.name() } else { "England and Wales" };
        let what = if self.figure == AsbFigure::Rate { "rate" } else { "change" };
        write!(f, "anti-social behaviour {what}, {whose}, calendar {}", self.year)
    }
}

impl Source for AntiSocialBehaviourSource {
    fn name(&self) -> &'static str {
        "asb"
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
        let figure = match (name, args.is_empty()) {
            ("rate", true) => AsbFigure::Rate,
            ("change", true) => AsbFigure::Change,
            ("rate" | "change", false) => return Err(format!("asb.{name} takes no words")),
            _ => return Err(format!("asb.{name} is not an anti-social behaviour measure (rate, change)")),
        };
        if !matches!(row.subject, Subject::Force | Subject::EnglandAndWales) {
            return Err(format!("asb.{name} needs a force or england_and_wales, not {}", row.subject));
        }
        let (year, window) = nearest_year(&row.period)
            .ok_or_else(|| format!("the period {:?} is not one a calendar year can stand for", row.period))?;
        Ok(Box::new(AsbQuery { figure, subject: row.subject, force, year, window, source: self }))
    }
}

impl Query for AsbQuery<'_> {
    fn compute(&self, _method: &Method) -> Computed {
        let (year, source) = (self.year, self.source);
        let why = format!(
            "the report counts financial years and the source calendar years: {}, so the window differs",
            self.window
        );
        match self.figure {
            AsbFigure::Rate => match source.of(self.subject, self.force, year) {
                Ok((n, p, who)) => {
                    let rate = Decimal::from(n) * Decimal::from(1_000) / Decimal::from(p);
                    let how = format!(
                        "{} incidents in {year} ({who}) over {} (ONS mid-2015) = {} per 1,000",
                        thousands(Decimal::from(n)),
                        thousands(Decimal::from(p)),
                        round_half_away(rate, 2)
                    );
                    Computed::Nearest { value: Value::Number(rate), how, why }
                }
                Err(e) => Computed::NotAvailable(e),
            },
            AsbFigure::Change => {
                match (source.of(self.subject, self.force, year), source.of(self.subject, self.force, year - 1)) {
                    (Ok((now, _, who)), Ok((then, _, _))) if then > 0 => {
                        // The population is the same both years, so the rate's change is the count's.
                        let change =
                            (Decimal::from(now) - Decimal::from(then)) * Decimal::from(100) / Decimal::from(then);
                        let how = format!(
                            "{} incidents in {year} against {} in {} ({who}, per 1,000 of the same population) = {}%",
                            thousands(Decimal::from(now)),
                            thousands(Decimal::from(then)),
                            year - 1,
                            round_half_away(change, 2)
                        );
                        Computed::Nearest { value: Value::Number(change), how, why }
                    }
                    (Err(e), _) | (_, Err(e)) => Computed::NotAvailable(e),
                    _ => Computed::NotAvailable("no incidents in the earlier year".to_owned()),
                }
            }
        }
    }
}
