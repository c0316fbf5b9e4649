//! Computing every force's profile at once: each measure's table is made once
//! for all forces, then each force's rows are read off it.

use std::collections::BTreeMap;

use policing_crime::{Denominators, Measure, MeasureTable, Offence, RecordedCrime, Unit as CrimeUnit, YearEnding};
use policing_data::figure_4;
use policing_data::offence_codes::{FinancialQuarter, OffenceCodeTable, SeverityWeights};
use policing_data::workforce::Workforce;
use policing_data::yearly::YearlyCounts;
use policing_forces::{Force, Population};
use policing_outcomes::{RowKind, Share, FIGURE_4};
use policing_stats::comparison::{compare, Comparison, Method, Tests, Units, Widening};
use policing_stats::{Band, Exclusion, Significance, Statistic};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::error::Result;
use crate::row::{Profile, ProfileRow, Section, Spine};

/// The data a profile is made from, each with its vintage in words.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Sources {
    /// Police recorded crime by force area (the ONS table).
    pub crime: RecordedCrime,
    /// Which edition, from where.
    pub crime_edition: String,
    /// data.police.uk counts by calendar year (anti-social behaviour, last outcomes).
    pub yearly: Option<(YearlyCounts, String)>,
    /// The Home Office table by offence code, and the severity weights to score it with.
    pub severity: Option<(OffenceCodeTable, SeverityWeights)>,
    /// Officers by force.
    pub officers: Option<(Workforce, String)>,
}

impl Sources {
    /// Recorded crime only.
    #[must_use]
    pub fn new(crime: RecordedCrime, edition: impl Into<String>) -> Self {
        Sources { crime, crime_edition: edition.into(), yearly: None, severity: None, officers: None }
    }

    /// With data.police.uk's yearly counts.
    #[must_use]
    pub fn with_yearly(mut self, counts: YearlyCounts, edition: impl Into<String>) -> Self {
        self.yearly = Some((counts, edition.into()));
        self
    }

    /// With the offence-code table and the severity weights.
    #[must_use]
    pub fn with_severity(mut self, codes: OffenceCodeTable, weights: SeverityWeights) -> Self {
        self.severity = Some((codes, weights));
        self
    }

    /// With officers by force.
    #[must_use]
    pub fn with_officers(mut self, officers: Workforce, edition: impl Into<String>) -> Self {
        self.officers = Some((officers, edition.into()));
        self
    }

    /// Every table shipped with `policing-data` (feature `shipped`).
    ///
    /// # Errors
    /// None in practice (the shipped bytes are checked by `policing-data`'s tests).
    #[cfg(feature = "shipped")]
    pub fn shipped() -> Result<Sources> {
        use policing_data::{offence_codes, recorded_crime, workforce, yearly};
        let crime = recorded_crime::shipped()?;
        let counts = yearly::shipped()?;
        Ok(Sources::new(crime.crime, recorded_crime::SHIPPED_NAME)
            .with_yearly(counts, yearly::SHIPPED_NAME)
            .with_severity(offence_codes::shipped_codes()?, offence_codes::shipped_weights()?)
            .with_officers(workforce::shipped()?, workforce::SHIPPED_NAME))
    }
}

/// How the forces are compared: the defaults, changed with the setters.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct Options {
    /// The allowance for overdispersion ([`Widening::ChanceAlone`]: limits of chance alone).
    pub widening: Widening,
    /// Forces to compare with besides England and Wales (a group's pooled rate is added to each row's note).
    pub compare_with: Vec<Force>,
}

impl Options {
    /// Significance against limits of chance alone (`false`) or widened for overdispersion (`true`, the default).
    #[must_use]
    pub fn overdispersion(mut self, on: bool) -> Self {
        self.widening = if on { Widening::default() } else { Widening::ChanceAlone };
        self
    }

    /// Compare with these forces too.
    #[must_use]
    pub fn compare_with(mut self, forces: Vec<Force>) -> Self {
        self.compare_with = forces;
        self
    }
}

/// One force's figures on one measure.
#[derive(Debug, Clone, Default, PartialEq)]
struct Value {
    count: Option<Decimal>,
    denominator: Option<Decimal>,
    rate: Option<Decimal>,
    lower_95: Option<f64>,
    upper_95: Option<f64>,
    chance_lower_95: Option<f64>,
    chance_upper_95: Option<f64>,
    rank: Option<usize>,
    band: Option<Band>,
    significance: Option<Significance>,
    previous_year_change: Option<Decimal>,
    five_year_change: Option<Decimal>,
    note: String,
    range: Option<(Decimal, Decimal)>,
}

/// One measure for every force.
#[derive(Debug, Clone, PartialEq)]
struct MeasureSet {
    section: Section,
    measure: String,
    label: String,
    period: String,
    per: String,
    source: String,
    /// Said on every force's row: particular to the measure (its overdispersion).
    note: String,
    /// Said of every measure of its kind.
    caption: String,
    forces: BTreeMap<Force, Value>,
    england_and_wales: Option<Decimal>,
    of: usize,
    spine: Option<Spine>,
    /// The tests made on the measure and the flags they raised.
    tests: Tests,
    /// What the values are per (1,000 for a rate per 1,000 population).
    base: Decimal,
}

/// Every force's profile for one rolling year.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Profiles {
    /// The rolling year.
    pub year: YearEnding,
    measures: Vec<MeasureSet>,
    notes: Vec<String>,
    sources: Vec<String>,
    compare_with: Vec<Force>,
}

fn dec_f64(d: Decimal) -> Option<f64> {
    d.to_f64().filter(|v| v.is_finite())
}

/// The spread of the ranked values and England and Wales.
fn spine(values: &[Decimal], england_and_wales: Option<Decimal>) -> Option<Spine> {
    let mut v: Vec<f64> = values.iter().filter_map(|d| dec_f64(*d)).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let q = |p: f64| {
        #[allow(clippy::cast_precision_loss)]
        let h = (v.len() - 1) as f64 * p;
        let lo = h.floor();
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let i = lo as usize;
        let a = v.get(i).copied().unwrap_or(f64::NAN);
        v.get(i + 1).map_or(a, |b| a + (h - lo) * (b - a))
    };
    Some(Spine {
        lowest: v.first().copied()?,
        lower_quartile: q(0.25),
        upper_quartile: q(0.75),
        highest: v.last().copied()?,
        england_and_wales: england_and_wales.and_then(dec_f64).unwrap_or(f64::NAN),
    })
}

/// The overdispersion of a measure, briefly.
fn dispersion_note(d: &policing_stats::Dispersion) -> String {
    let (phi, tau2, adjusted) = (d.phi, d.tau2, d.widens());
    if adjusted {
        format!("overdispersion phi {phi:.1}, tau^2 {tau2:.2e}")
    } else {
        format!("no overdispersion (phi {phi:.2}): limits of chance alone")
    }
}

/// An expected count as people write it: "2", "0.08".
fn short_count(x: f64) -> String {
    if x >= 10.0 || x == x.round() {
        format!("{x:.0}")
    } else if x >= 1.0 {
        format!("{x:.1}")
    } else {
        format!("{x:.2}")
    }
}

/// A change in a count as a percentage: none with fewer than 10 events or none earlier (section 9).
fn percent_change(then: Decimal, now: Decimal) -> Option<Decimal> {
    use rust_decimal::prelude::ToPrimitive;
    policing_stats::change::Change::between(then.to_u64()?, now.to_u64()?).percent()
}

/// The measures of the ONS table, as a profile's sections hold them.
fn crime_measures() -> Vec<Measure> {
    let mut out = vec![Measure::RecordedCrimeExclFraud, Measure::VictimBasedCrime, Measure::OtherCrimesAgainstSociety];
    out.extend(Offence::ALL.iter().map(|o| Measure::Offence(*o)));
    out
}

fn from_table(t: &MeasureTable, source: &str) -> MeasureSet {
    let mut forces = BTreeMap::new();
    for row in &t.forces {
        let CrimeUnit::Force(force) = row.unit else { continue };
        let mut notes = row.notes();
        notes.retain(|n| !n.is_empty());
        forces.insert(
            force,
            Value {
                count: row.count.as_ref().ok().map(|c| Decimal::from(*c)),
                denominator: row.denominator.as_ref().ok().map(|d| d.value),
                rate: row.rate.as_ref().ok().copied(),
                lower_95: row.interval_95.map(|i| i.lower),
                upper_95: row.interval_95.map(|i| i.upper),
                chance_lower_95: row.chance_interval_95.map(|i| i.lower),
                chance_upper_95: row.chance_interval_95.map(|i| i.upper),
                rank: row.rank,
                band: row.band,
                significance: row.significance,
                previous_year_change: row.previous_year_change.as_ref().ok().and_then(|c| c.percent()),
                five_year_change: row.five_year_change.as_ref().ok().and_then(|c| c.percent()),
                note: notes.join("; "),
                range: None,
            },
        );
    }
    let rates: Vec<Decimal> =
        t.forces.iter().filter(|r| r.rank.is_some()).filter_map(|r| r.rate.as_ref().ok().copied()).collect();
    let ew = t.england_and_wales.rate.as_ref().ok().copied();
    let dispersion = t.dispersion.as_ref().map(dispersion_note);
    MeasureSet {
        section: Section::RecordedCrime,
        measure: t.measure.id(),
        label: t.measure.name().to_owned(),
        period: t.year.to_string(),
        per: format!("1,000 {}", t.measure.per().name()),
        source: source.to_owned(),
        note: dispersion.unwrap_or_default(),
        caption: "per 1,000 population (per 1,000 households for burglary in a dwelling): ONS mid-2015 populations, \
                  2014-based household projections"
            .to_owned(),
        forces,
        england_and_wales: ew,
        of: t.ranked,
        spine: spine(&rates, ew),
        tests: t.tests,
        base: Decimal::ONE_THOUSAND,
    }
}

/// What a force brings to a measure.
#[derive(Debug, Clone)]
enum Input {
    /// A count (or score) over a denominator.
    Counts(Decimal, Decimal),
    /// A count known only within `[low, high]` over a denominator.
    Range(Decimal, Decimal, Decimal),
    /// Nothing, with the reason.
    Missing(String),
}

/// A measure for every force through the one comparison: values per `base`,
/// ranks, bands, and (for a statistic) significance and the verdict's and
/// chance's intervals; England and Wales is the comparison's pooled value. A
/// force ranked nowhere (City of London) is counted in the pool only.
#[allow(clippy::too_many_arguments, reason = "a measure's description; the indicator registry of issue 29 replaces it")]
fn rate_set(
    section: Section,
    measure: String,
    label: String,
    period: String,
    per: &str,
    base: Decimal,
    source: &str,
    inputs: BTreeMap<Force, Input>,
    statistic: Option<Statistic>,
    widening: Widening,
) -> Result<MeasureSet> {
    let mut units = Units::new();
    let mut missing = 0usize;
    for (force, input) in &inputs {
        match (input, force.not_ranked()) {
            (Input::Counts(c, d), Some(why)) => units.pooled_only(*force, *c, *d, Exclusion::new(why)?)?,
            (Input::Counts(c, d), None) => units.counts(*force, *c, *d)?,
            (Input::Range(lo, hi, d), _) => units.count_range(*force, *lo, *hi, *d)?,
            (Input::Missing(why), _) => {
                missing += 1;
                match Exclusion::new(why.clone()) {
                    Ok(x) => units.exclude(*force, x)?,
                    Err(_) => units.missing(*force)?,
                }
            }
        };
    }
    let method = match statistic {
        Some(s) => Method::for_statistic(s, base)?.widening(widening)?,
        None => Method::rate(base)?.untested(),
    };
    let compared = compare(units, &method)?;
    let mut forces = BTreeMap::new();
    for u in compared.units() {
        let note = match inputs.get(&u.key) {
            Some(Input::Missing(why)) => why.clone(),
            _ => match &u.entry {
                policing_stats::Entry::PooledOnly { reason, .. } => reason.reason().to_owned(),
                _ => u.notes.join("; "),
            },
        };
        let (count, denominator) = match inputs.get(&u.key) {
            Some(Input::Counts(c, d)) => (Some(*c), Some(*d)),
            Some(Input::Range(lo, _, d)) => (Some(*lo), Some(*d)),
            _ => (None, None),
        };
        forces.insert(
            u.key,
            Value {
                count,
                denominator,
                rate: u.value,
                lower_95: u.interval.map(|i| i.lower),
                upper_95: u.interval.map(|i| i.upper),
                chance_lower_95: u.chance_interval.map(|i| i.lower),
                chance_upper_95: u.chance_interval.map(|i| i.upper),
                rank: u.rank.and_then(|r| r.single()),
                band: u.band(),
                significance: u.significance,
                note,
                range: u.range,
                ..Value::default()
            },
        );
    }
    let pooled = compared.pooled();
    let ew = pooled.and_then(|p| p.value);
    let mut note = compared.dispersion().map(dispersion_note).unwrap_or_default();
    if missing > 0 {
        let held = inputs.len() - missing;
        note = [note, format!("England and Wales here pools the {held} forces with data ({missing} without)")]
            .into_iter()
            .filter(|n| !n.is_empty())
            .collect::<Vec<_>>()
            .join("; ");
    }
    let rates: Vec<Decimal> = forces.values().filter(|v| v.rank.is_some()).filter_map(|v| v.rate).collect();
    Ok(MeasureSet {
        section,
        measure,
        label,
        period,
        per: per.to_owned(),
        source: source.to_owned(),
        note,
        caption: String::new(),
        spine: spine(&rates, ew),
        forces,
        england_and_wales: ew,
        of: compared.of(),
        tests: compared.tests(),
        base,
    })
}

/// The comparison group's pooled value on a measure, through the one comparison.
fn group_pooled(m: &MeasureSet, group: &[Force], base: Decimal) -> Option<Decimal> {
    let mut units = Units::new();
    for f in group {
        let v = m.forces.get(f)?;
        units.counts(*f, v.count?, v.denominator?).ok()?;
    }
    let compared: Comparison<Force> = compare(units, &Method::rate(base).ok()?.untested()).ok()?;
    compared.pooled().and_then(|p| p.value)
}

/// A force area's residents: what England and Wales's population is the sum
/// of (City of London's residents are counted in the pool, its rate is not ranked).
fn population_of(population: &Population, force: Force) -> std::result::Result<Decimal, String> {
    population.of(force).map(|a| Decimal::from(a.persons)).map_err(|e| e.to_string())
}

/// A force's input: its count over its denominator, or why it has none.
fn input(count: Option<Decimal>, denominator: std::result::Result<Decimal, String>, what: &str) -> Input {
    match (count, denominator) {
        (Some(c), Ok(d)) if !d.is_zero() => Input::Counts(c, d),
        (None, _) => Input::Missing(format!("no {what} held for the force")),
        (_, Err(e)) => Input::Missing(e),
        (Some(_), Ok(_)) => Input::Missing("the denominator is zero".to_owned()),
    }
}

fn snake(label: &str) -> String {
    let mut out = String::new();
    for c in label.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    out.trim_end_matches('_').to_owned()
}

impl Profiles {
    /// Every territorial force's profile for the rolling year `year`.
    ///
    /// # Errors
    /// [`crate::ProfileError::Crime`] with `CrimeError::PeriodNotHeld` when the recorded
    /// crime table does not hold the year; a statistics error for a measure that cannot be compared.
    pub fn compute(sources: &Sources, year: YearEnding, options: &Options) -> Result<Profiles> {
        let crime = &sources.crime;
        crime.resolve(Some(year))?;
        let od = options.widening;
        let denominators = Denominators::peel();
        let mut measures = Vec::new();
        let mut notes = vec![
            "England and Wales: the 43 territorial forces pooled (British Transport Police apart)".to_owned(),
            "rank 1 is the highest value; bands: the top and bottom quarter of the ranked forces (a tie across a cut \
             joins the tail only when most of it lies inside; fewer than 4 ranked forces: no band)"
                .to_owned(),
            match od {
                Widening::Overdispersion { .. } => "significance: against England and Wales, with limits widened for \
                    overdispersion where the forces vary more than chance allows (Spiegelhalter 2005; each row's note \
                    gives phi), never more significant than chance alone; lower_95/upper_95 are the verdict's interval, \
                    chance_lower_95/chance_upper_95 the interval of chance alone"
                    .to_owned(),
                _ => "significance: against England and Wales, limits of chance alone (no allowance for overdispersion)"
                    .to_owned(),
            },
            Force::CityOfLondon.not_ranked().unwrap_or_default().to_owned(),
        ];
        let mut source_list = vec![format!("recorded crime: {}", sources.crime_edition)];

        // Recorded crime: every offence group and the derived measures.
        for m in crime_measures() {
            let t = crime.measure_with(m, year, &denominators, od)?;
            let mut set = from_table(&t, &sources.crime_edition);
            let comparable = m.comparable(year);
            if let Err(e) = &comparable {
                set.note = format!("{e}; {}", set.note);
            }
            // A measure of which the table holds no count for any force (fraud offences after 2013) is left
            // out; one that is not comparable over the year is kept, with the reason, so it is seen.
            if set.forces.values().all(|v| v.count.is_none()) && comparable.is_ok() {
                continue;
            }
            measures.push(set);
        }

        let population = Population::mid_2015();

        // Anti-social behaviour and outcomes from the yearly counts.
        if let Some((counts, edition)) = &sources.yearly {
            source_list.push(format!("anti-social behaviour and outcomes: {edition}"));
            let end_year = u16::try_from(year.year()).unwrap_or(0);
            let years: Vec<u16> = counts.years().into_iter().filter(|y| *y <= end_year).collect();
            for y in &years {
                let mut inputs = BTreeMap::new();
                for force in Force::territorial() {
                    let n = counts.anti_social_behaviour(force, *y).map(Decimal::from);
                    inputs.insert(force, input(n, population_of(&population, force), "anti-social behaviour count"));
                }
                let mut set = rate_set(
                    Section::AntiSocialBehaviour,
                    "anti_social_behaviour".to_owned(),
                    "Anti-social behaviour incidents".to_owned(),
                    y.to_string(),
                    "1,000 population",
                    Decimal::from(1_000),
                    edition,
                    inputs,
                    Some(Statistic::Rate),
                    od,
                )?;
                set.caption =
                    "per 1,000 population, calendar years: ONS mid-2015 populations for every year".to_owned();
                for (force, v) in &mut set.forces {
                    let before = counts.anti_social_behaviour(*force, y.saturating_sub(1));
                    if let (Some(then), Some(now)) = (before, v.count) {
                        v.previous_year_change = percent_change(Decimal::from(then), now);
                    }
                }
                measures.push(set);
            }
            if let Some(latest) = years.last() {
                measures.extend(outcome_sets(counts, *latest, edition, od)?);
            }
        }

        // Crimes per officer.
        if let Some((workforce, edition)) = &sources.officers {
            if let Some(set) = officer_set(crime, workforce, edition, year, &denominators)? {
                source_list.push(format!("officers: {edition}"));
                measures.push(set);
            }
        }

        // Crime severity, for a financial year the offence-code table holds.
        if let Some((codes, weights)) = &sources.severity {
            if year.end().format("%m").to_string() == "03" {
                let fy = u16::try_from(year.year() - 1).unwrap_or(0);
                if codes.years().contains(&fy) {
                    source_list.push(format!(
                        "severity: {} weighted by {}",
                        codes.summary.file.display(),
                        weights.edition
                    ));
                    measures.push(severity_set(codes, weights, fy, year, &population)?);
                }
            }
        }

        if !options.compare_with.is_empty() {
            let names: Vec<&str> = options.compare_with.iter().map(|f| f.name()).collect();
            notes.push(format!(
                "comparison group: {} (each row's note gives the group's pooled value)",
                names.join(", ")
            ));
        }
        Ok(Profiles { year, measures, notes, sources: source_list, compare_with: options.compare_with.clone() })
    }

    /// One force's profile.
    #[must_use]
    pub fn of(&self, force: Force) -> Profile {
        let rows: Vec<ProfileRow> = self
            .measures
            .iter()
            .map(|m| {
                let v = m.forces.get(&force).cloned().unwrap_or_else(|| Value {
                    note: format!("{force} is not in this measure's data"),
                    ..Value::default()
                });
                let mut note: Vec<String> =
                    [v.note.clone(), m.note.clone()].into_iter().filter(|n| !n.is_empty()).collect();
                if let Some(group) = self.group_value(m) {
                    note.push(group);
                }
                ProfileRow {
                    section: m.section,
                    measure: m.measure.clone(),
                    label: m.label.clone(),
                    period: m.period.clone(),
                    count: v.count,
                    denominator: v.denominator,
                    rate: v.rate,
                    per: m.per.clone(),
                    england_and_wales_rate: m.england_and_wales,
                    rank: v.rank,
                    of: m.of,
                    band: v.band,
                    significance: v.significance,
                    lower_95: v.lower_95,
                    upper_95: v.upper_95,
                    chance_lower_95: v.chance_lower_95,
                    chance_upper_95: v.chance_upper_95,
                    previous_year_change: v.previous_year_change,
                    five_year_change: v.five_year_change,
                    source: m.source.clone(),
                    note: note.join("; "),
                    caption: m.caption.clone(),
                    range: v.range,
                    spine: m.spine,
                }
            })
            .collect();
        // Each row the force was tested on is one test: the profile's multiplicity.
        let tests = rows.iter().fold(Tests::default(), |t, r: &ProfileRow| match r.significance {
            Some(s) => {
                t + Tests::new(
                    1,
                    usize::from(s != Significance::NotSignificant),
                    usize::from(matches!(s, Significance::High001 | Significance::Low001)),
                )
            }
            None => t,
        });
        let mut notes = self.notes.clone();
        notes.push(format!(
            "multiplicity: {} of this profile's rows were tested against England and Wales at 95%, so about {} flags \
             would be expected from chance alone if the force were in line on every measure ({} at 99.8%); {} rows \
             were flagged at 95%, {} of them at 99.8%",
            tests.made,
            short_count(tests.expected_95()),
            short_count(tests.expected_998()),
            tests.flagged_95,
            tests.flagged_998
        ));
        Profile { force, year: self.year.to_string(), rows, notes, sources: self.sources.clone(), tests }
    }

    /// The comparison group's pooled value on a measure, in words.
    fn group_value(&self, m: &MeasureSet) -> Option<String> {
        if self.compare_with.is_empty() {
            return None;
        }
        let pooled = group_pooled(m, &self.compare_with, m.base)?;
        Some(format!("comparison group pooled: {}", pooled.round_dp(2)))
    }
}

/// Figure 4's rows from the yearly counts' last outcomes, every force.
fn outcome_sets(counts: &YearlyCounts, year: u16, edition: &str, od: Widening) -> Result<Vec<MeasureSet>> {
    let mut all = Vec::new();
    for force in Force::ALL {
        for (outcome, n) in counts.outcomes(*force, year) {
            all.push((*force, outcome, n));
        }
    }
    let figure = figure_4(all.iter().map(|(f, o, n)| (*f, o, *n)))?;
    let mut out = Vec::new();
    for (i, layout) in FIGURE_4.iter().enumerate() {
        if matches!(layout.kind, RowKind::Total) {
            continue;
        }
        let mut inputs = BTreeMap::new();
        for (force, table) in &figure.forces {
            let Some(row) = table.rows().get(i) else { continue };
            let total = Decimal::from(table.offences());
            let (lo, hi) = (Decimal::from(row.count.at_least()), Decimal::from(row.count.at_most()));
            let value = match row.share {
                Share::Exact(_) => Input::Counts(lo, total),
                Share::Between(..) => Input::Range(lo, hi, total),
            };
            inputs
                .insert(*force, if total.is_zero() { Input::Missing("no crimes recorded".to_owned()) } else { value });
        }
        let mut set = rate_set(
            Section::Outcomes,
            match layout.number {
                Some(n) => format!("outcome_{n}_{}", snake(layout.label)),
                None => format!("outcome_{}", snake(layout.label)),
            },
            layout.number.map_or_else(|| layout.label.to_owned(), |n| format!("{n} {}", layout.label)),
            year.to_string(),
            "100 crimes",
            Decimal::from(100),
            edition,
            inputs,
            Some(Statistic::Proportion),
            od,
        )?;
        set.caption = format!(
            "last outcome of the crimes recorded in calendar {year}, as data.police.uk published it, per 100 crimes; a \
             row whose categories stand for several outcome types is a range, ranked only where every force's share is \
             exact{}",
            if figure.total_is_england_and_wales { "" } else { "; the total is of the forces given" }
        );
        out.push(set);
    }
    Ok(out)
}

/// Crimes (recorded crime excluding fraud) per officer, with officers at the
/// latest date of the table within six months before the year's end.
fn officer_set(
    crime: &RecordedCrime,
    workforce: &Workforce,
    edition: &str,
    year: YearEnding,
    denominators: &Denominators,
) -> Result<Option<MeasureSet>> {
    // The table's dates ("September 2016") as the last day of their month.
    let end = year.end();
    let mut best: Option<(usize, chrono::NaiveDate)> = None;
    for (i, date) in workforce.dates.iter().enumerate() {
        let Ok(start) = chrono::NaiveDate::parse_from_str(&format!("1 {date}"), "%d %B %Y") else { continue };
        let days = end.signed_duration_since(start).num_days();
        if (0..=200).contains(&days) && best.as_ref().is_none_or(|(_, b)| start > *b) {
            best = Some((i, start));
        }
    }
    let Some((column, _)) = best else { return Ok(None) };
    let date = workforce.dates.get(column).cloned().unwrap_or_default();
    let t = crime.measure_with(Measure::RecordedCrimeExclFraud, year, denominators, Widening::ChanceAlone)?;
    let mut inputs = BTreeMap::new();
    for force in Force::territorial() {
        let count = t.row(force).and_then(|r| r.count.as_ref().ok().copied()).map(Decimal::from);
        let officers = workforce.officers.get(&force).and_then(|v| v.get(column).copied().flatten());
        let officers = officers.ok_or_else(|| format!("no officers held for {date}"));
        inputs.insert(force, input(count, officers, "recorded crime count"));
    }
    let mut set = rate_set(
        Section::Resources,
        "crimes_per_officer".to_owned(),
        "Recorded crime (excluding fraud) per officer".to_owned(),
        year.to_string(),
        "officer",
        Decimal::ONE,
        edition,
        inputs,
        None,
        Widening::ChanceAlone,
    )?;
    set.caption =
        format!("officers (full-time equivalent) as at {date}; no funnel: officers are not a population at risk");
    Ok(Some(set))
}

/// The crime severity score of a financial year: each code's count times its
/// weight, summed, over the population (per head, as ONS publishes it).
fn severity_set(
    codes: &OffenceCodeTable,
    weights: &SeverityWeights,
    fy: u16,
    year: YearEnding,
    population: &Population,
) -> Result<MeasureSet> {
    let mut inputs = BTreeMap::new();
    let mut unweighted = 0i64;
    for force in Force::territorial() {
        let value = match codes.severity(force, fy, weights) {
            Some((s, missing)) => {
                unweighted += missing.iter().map(|(_, n)| n).sum::<i64>();
                input(Some(s), population_of(population, force), "severity score")
            }
            None => Input::Missing("the offence-code table lacks a quarter of the year".to_owned()),
        };
        inputs.insert(force, value);
    }
    let mut set = rate_set(
        Section::Severity,
        "crime_severity_score".to_owned(),
        "Crime severity score (weighted offences per head)".to_owned(),
        year.to_string(),
        "head of population",
        Decimal::ONE,
        &weights.edition,
        inputs,
        None,
        Widening::ChanceAlone,
    )?;
    set.caption = format!(
        "financial year {}/{:02}: each offence code's count times its weight, summed, over the ONS mid-2015 \
         population; weights: {} (ONS revises them each year, so this will not equal a score ONS published with \
         earlier weights){}",
        fy,
        (fy + 1) % 100,
        weights.edition,
        if unweighted > 0 {
            format!("; {unweighted} offences of codes without a weight left out")
        } else {
            String::new()
        }
    );
    let _ = FinancialQuarter { year: fy, quarter: 1 };
    Ok(set)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn measure_ids_in_snake_case() {
        assert_eq!(
            snake("Evidential difficulties (victim supports police action)"),
            "evidential_difficulties_victim_supports_police_action"
        );
        assert_eq!(snake("Caution - youths"), "caution_youths");
    }
}
