//! Every force's profile at once: for each indicator, every force's inputs, then
//! the one comparison (`policing_stats::compare`), the changes against England
//! and Wales's (`policing_stats::change::compare_changes`) and the trends
//! (`policing_stats::trend`); then each force's rows are read off.

use std::collections::BTreeMap;

use policing_crime::{Denominators, RecordedCrime, YearEnding};
use policing_data::offence_codes::{OffenceCodeTable, SeverityWeights};
use policing_data::workforce::OfficerSeries;
use policing_data::yearly::YearlyCounts;
use policing_forces::{Force, PopulationEdition};
use policing_stats::change::{compare_changes, Change, ChangeComparison};
use policing_stats::comparison::{compare, Comparison, Method, Tests, Units, Widening};
use policing_stats::trend::{Trend, TrendPoint};
use policing_stats::{Entry, Exclusion, Significance};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::error::Result;
use crate::indicator::{registry, Context, Input, MeasureInputs, SeriesPoint, TrendTest};
use crate::row::{GroupFigures, Profile, ProfileRow, Section, SectionPeriod, Spine};

/// The data a profile is made from, each with its vintage in words.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Sources {
    /// Police recorded crime by force area (the ONS table).
    pub crime: RecordedCrime,
    /// Which edition, from where.
    pub crime_edition: String,
    /// data.police.uk counts by calendar year (anti-social behaviour, last outcomes), and their edition.
    pub yearly: Option<(YearlyCounts, String)>,
    /// The Home Office table by offence code, and the severity weights to score it with.
    pub severity: Option<(OffenceCodeTable, SeverityWeights)>,
    /// Officers by force at 31 March of each year.
    pub officers: Option<OfficerSeries>,
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

    /// With officers by force at 31 March of each year.
    #[must_use]
    pub fn with_officers(mut self, officers: OfficerSeries) -> Self {
        self.officers = Some(officers);
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
        Ok(Sources::new(crime.crime, recorded_crime::SHIPPED_NAME)
            .with_yearly(yearly::shipped()?, yearly::SHIPPED_NAME)
            .with_severity(offence_codes::shipped_codes()?, offence_codes::shipped_weights()?)
            .with_officers(workforce::shipped_series()?))
    }
}

/// Who a force is compared with besides England and Wales.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Comparators {
    /// England and Wales only.
    #[default]
    None,
    /// The forces of the force's own region (`policing_forces::Region`).
    Region,
    /// The forces named, with the force itself (British Transport Police, which
    /// has no population, is left out and said so).
    Forces(Vec<Force>),
}

/// How the forces are compared: the defaults, changed with the setters.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Options {
    /// The allowance for overdispersion ([`Widening::ChanceAlone`]: limits of chance alone).
    pub widening: Widening,
    /// A comparison group besides England and Wales.
    pub comparators: Comparators,
    /// The edition of the population estimates: the July 2024 edition by the
    /// latest estimate before each period's end (the default), or the original
    /// mid-2015 estimates the 2016 reports used.
    pub populations: PopulationEdition,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            widening: Widening::default(),
            comparators: Comparators::None,
            populations: PopulationEdition::Revised2024,
        }
    }
}

impl Options {
    /// Significance against limits of chance alone (`false`) or widened for overdispersion (`true`, the default).
    #[must_use]
    pub fn overdispersion(mut self, on: bool) -> Self {
        self.widening = if on { Widening::default() } else { Widening::ChanceAlone };
        self
    }

    /// Compare with these forces too (with the force itself).
    #[must_use]
    pub fn compare_with(mut self, forces: Vec<Force>) -> Self {
        self.comparators = if forces.is_empty() { Comparators::None } else { Comparators::Forces(forces) };
        self
    }

    /// Compare with the forces of the force's own region too.
    #[must_use]
    pub fn compare_with_region(mut self) -> Self {
        self.comparators = Comparators::Region;
        self
    }

    /// The edition of the population estimates.
    #[must_use]
    pub fn populations(mut self, edition: PopulationEdition) -> Self {
        self.populations = edition;
        self
    }
}

/// One measure, compared.
#[derive(Debug, Clone)]
struct Computed {
    section: Section,
    inputs: MeasureInputs,
    method: Method,
    comparison: Comparison<Force>,
    changes: Option<ChangeComparison<Force>>,
    trends: BTreeMap<Force, Trend>,
    spine: Option<Spine>,
    /// What holds for the measure on every row.
    about: Vec<String>,
    /// Change reasons every force shares (said once, in `about`).
    shared_change_reasons: [Option<String>; 2],
}

/// Every force's profile for one rolling year.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Profiles {
    /// The profile's period: the rolling year of the recorded crime figures.
    pub period: YearEnding,
    sections: Vec<SectionPeriod>,
    measures: Vec<Computed>,
    notes: Vec<String>,
    sources: Vec<String>,
    comparators: Comparators,
}

fn dec_f64(d: Decimal) -> Option<f64> {
    d.to_f64().filter(|v| v.is_finite())
}

/// The spread of the ranked values (ranges by their ends and midpoints) and England and Wales.
fn spine(values: &[(Decimal, Decimal)], england_and_wales: Option<(Decimal, Decimal)>) -> Option<Spine> {
    let ends: Vec<(f64, f64)> = values.iter().filter_map(|(a, b)| Some((dec_f64(*a)?, dec_f64(*b)?))).collect();
    let mut mid: Vec<f64> = ends.iter().map(|(a, b)| (a + b) / 2.0).collect();
    if mid.is_empty() {
        return None;
    }
    mid.sort_by(f64::total_cmp);
    let q = |p: f64| {
        let h = (mid.len() - 1) as f64 * p;
        let lo = h.floor();
        let i = lo as usize;
        let a = mid.get(i).copied().unwrap_or(f64::NAN);
        mid.get(i + 1).map_or(a, |b| a + (h - lo) * (b - a))
    };
    Some(Spine {
        lowest: ends.iter().map(|e| e.0).fold(f64::INFINITY, f64::min),
        lower_quartile: q(0.25),
        upper_quartile: q(0.75),
        highest: ends.iter().map(|e| e.1).fold(f64::NEG_INFINITY, f64::max),
        england_and_wales: england_and_wales
            .and_then(|(a, b)| Some((dec_f64(a)? + dec_f64(b)?) / 2.0))
            .unwrap_or(f64::NAN),
    })
}

/// The overdispersion of a measure, briefly.
fn dispersion_note(d: &policing_stats::Dispersion) -> String {
    if d.widens() {
        format!("forces vary {:.1} times as much as chance allows (phi; tau^2 {:.2e}): limits widened", d.phi, d.tau2)
    } else {
        format!("forces vary no more than chance allows (phi {:.2}): limits of chance alone", d.phi)
    }
}

/// The one-year changes against England and Wales's, briefly.
fn changes_note(c: &ChangeComparison<Force>) -> String {
    let t = c.tests();
    let against = match c.ratio {
        Some(r) => format!("England and Wales's {:+.1}%", (r - 1.0) * 100.0),
        None => "England and Wales's".to_owned(),
    };
    let spread = match c.phi {
        Some(phi) if phi > 1.0 => {
            format!("forces' changes vary {phi:.1} times as much as chance allows, limits widened")
        }
        Some(phi) => format!("forces' changes vary no more than chance allows (phi {phi:.2})"),
        None => "too few forces to estimate their spread".to_owned(),
    };
    format!(
        "one-year changes against {against}: {spread}; {} of {} flagged at 95% (chance alone: about {})",
        t.flagged_95,
        t.made,
        short_count(t.expected_95())
    )
}

/// An expected count as people write it: "2", "0.08".
pub(crate) fn short_count(x: f64) -> String {
    if x >= 10.0 || x == x.round() {
        format!("{x:.0}")
    } else if x >= 1.0 {
        format!("{x:.1}")
    } else {
        format!("{x:.2}")
    }
}

/// Adds a force's input to a comparison's units (City of London, ranked
/// nowhere, in the pool only; a data gap left out of everything).
fn add_unit(units: &mut Units<Force>, force: Force, input: &Input) -> Result<()> {
    let reason = |text: &str| Exclusion::new(text.to_owned()).or_else(|_| Exclusion::new("not held"));
    match (input, force.not_ranked()) {
        (Input::Counts { count, denominator }, Some(why)) => {
            units.pooled_only(force, *count, *denominator, reason(why)?)?;
        }
        (Input::Counts { count, denominator }, None) => {
            units.counts(force, *count, *denominator)?;
        }
        (Input::Range { low, high, denominator }, Some(why)) => {
            units.pooled_only_range(force, *low, *high, *denominator, reason(why)?)?;
        }
        (Input::Range { low, high, denominator }, None) => {
            units.count_range(force, *low, *high, *denominator)?;
        }
        (Input::PooledOnly { count, denominator, reason: why }, _) => {
            units.pooled_only(force, *count, *denominator, reason(why)?)?;
        }
        (Input::Missing(why) | Input::Gap(why), _) => {
            units.exclude(force, reason(why)?)?;
        }
    }
    Ok(())
}

/// The trend of a force's series by the measure's test (statistics.md section 10).
fn trend_of(test: &TrendTest, series: &[SeriesPoint], multiplier: Decimal) -> Trend {
    let m = dec_f64(multiplier).unwrap_or(1.0);
    let mut points = Vec::with_capacity(series.len());
    for p in series {
        let (Some(c), Some(d)) = (p.count.and_then(dec_f64), p.denominator.and_then(dec_f64)) else {
            return Trend::cannot(format!("no figure for {}", crate::indicator::period_words(p.period)));
        };
        let t = f64::from(chrono::Datelike::year(&p.period.end()));
        points.push(match test {
            TrendTest::Proportion => TrendPoint::proportion(t, c, d),
            _ => TrendPoint::crude_rate(t, c, d, m),
        });
    }
    match test {
        TrendTest::NotTested(why) => Trend::cannot(why.clone()),
        _ => Trend::of(&points),
    }
}

/// The reason every force shares for having no change, if they all share one.
fn shared_reason<'a>(reasons: impl Iterator<Item = Option<&'a String>>) -> Option<String> {
    let mut first: Option<&String> = None;
    for r in reasons {
        match (r, first) {
            (None, _) => return None,
            (Some(r), None) => first = Some(r),
            (Some(r), Some(f)) if r != f => return None,
            _ => {}
        }
    }
    first.cloned()
}

fn compute_measure(section: Section, inputs: MeasureInputs, widening: Widening) -> Result<Computed> {
    let mut units = Units::new();
    for (force, f) in &inputs.forces {
        add_unit(&mut units, *force, &f.input)?;
    }
    let multiplier = inputs.per.multiplier();
    let method = match inputs.statistic {
        Some(s) => Method::for_statistic(s, multiplier)?.widening(widening)?,
        None => Method::rate(multiplier)?.untested(),
    };
    let comparison = compare(units, &method)?;
    let mut about = inputs.about.clone();
    if let Some(d) = comparison.dispersion() {
        about.push(dispersion_note(d));
    }
    if inputs.statistic.is_none() {
        about.push("ranked, not tested against England and Wales".to_owned());
    }
    // The one-year change against England and Wales's, where the forces have changes.
    let shared_change_reasons = [
        shared_reason(inputs.forces.values().map(|f| f.previous_year.as_ref().err())),
        shared_reason(inputs.forces.values().map(|f| f.five_year.as_ref().err())),
    ];
    let changes = if inputs.forces.values().any(|f| f.previous_year.is_ok()) {
        let c = compare_changes(
            inputs
                .forces
                .iter()
                .map(|(force, f)| (*force, f.previous_year.as_ref().map(Change::counts).map_err(Clone::clone)))
                .collect(),
            !matches!(widening, Widening::ChanceAlone),
        );
        about.push(changes_note(&c));
        Some(c)
    } else {
        None
    };
    // A break of the measure's own definition is said once, on every row (see `row_of`); reasons that only
    // repeat it are not said again.
    let own_breaks: Vec<String> = inputs.breaks.iter().filter(|b| b.breaks_measure).map(|b| b.what.clone()).collect();
    let repeats_break = |text: &str| own_breaks.iter().any(|b| text.contains(b.as_str()));
    match &shared_change_reasons.clone().map(|r| r.filter(|t| !repeats_break(t))) {
        [Some(a), Some(b)] if a == b => about.push(format!("changes: {a}")),
        [a, b] => {
            if let Some(a) = a {
                about.push(format!("previous year change: {a}"));
            }
            if let Some(b) = b {
                about.push(format!("five year change: {b}"));
            }
        }
    }
    if let TrendTest::NotTested(why) = &inputs.trend {
        if !repeats_break(why) {
            about.push(format!("trend: {why}"));
        }
    }
    for b in &inputs.breaks {
        if !b.breaks_measure {
            about.push(format!("includes rows whose definition changed within the series: {}", b.what));
        }
    }
    let trends = inputs.forces.iter().map(|(f, fi)| (*f, trend_of(&inputs.trend, &fi.series, multiplier))).collect();
    let ranked: Vec<(Decimal, Decimal)> = comparison
        .units()
        .iter()
        .filter(|u| u.rank.is_some())
        .filter_map(|u| u.value.map(|v| (v, v)).or(u.range))
        .collect();
    let pooled = comparison.pooled().and_then(|p| p.value.map(|v| (v, v)).or(p.range));
    Ok(Computed {
        section,
        spine: spine(&ranked, pooled),
        inputs,
        method,
        comparison,
        changes,
        trends,
        about,
        shared_change_reasons,
    })
}

impl Profiles {
    /// Every territorial force's profile for the rolling year `period`.
    ///
    /// # Errors
    /// [`crate::ProfileError::Crime`] with `CrimeError::PeriodNotHeld` when the recorded
    /// crime table does not hold the period; a statistics error for a measure that cannot be compared.
    pub fn compute(sources: &Sources, period: YearEnding, options: &Options) -> Result<Profiles> {
        sources.crime.resolve(Some(period))?;
        let denominators = Denominators::for_edition(options.populations);
        let context = Context { sources, period, denominators: &denominators };
        let widening = options.widening;
        let mut sections = Vec::new();
        let mut measures = Vec::new();
        let mut source_list = Vec::new();
        for indicator in registry() {
            let s = indicator.inputs(&context)?;
            source_list.extend(s.sources.iter().cloned());
            sections.push(SectionPeriod { section: s.section, period: s.period, not_held: s.not_held, about: s.about });
            for m in s.measures {
                measures.push(compute_measure(s.section, m, widening)?);
            }
        }
        let mut notes =
            vec![
            "England and Wales: the 43 territorial forces pooled (British Transport Police apart); a force whose data \
             have a gap is left out of the pool and the ranking of the measure, with the reason on its row"
                .to_owned(),
            "rank 1 is the highest value; bands: the top and bottom quarter of the ranked forces (a tie across a cut \
             joins the tail only when most of it lies inside; fewer than 4 ranked forces: no band); a range is ranked \
             by both ends"
                .to_owned(),
            match widening {
                Widening::Overdispersion { .. } => "significance: against England and Wales, with limits widened for \
                    overdispersion where the forces vary more than chance allows (Spiegelhalter 2005), never more \
                    significant than chance alone; lower_95/upper_95 are the verdict's interval, \
                    chance_lower_95/chance_upper_95 the interval of chance alone"
                    .to_owned(),
                _ => "significance: against England and Wales, limits of chance alone (no allowance for overdispersion)"
                    .to_owned(),
            },
            Force::CityOfLondon.not_ranked().unwrap_or_default().to_owned(),
        ];
        if options.populations == PopulationEdition::Original2016 {
            notes.push(
                "populations: the original ONS mid-2015 estimates (June 2016), as the 2016 PEEL reports used them"
                    .to_owned(),
            );
        }
        Ok(Profiles {
            period,
            sections,
            measures,
            notes,
            sources: source_list,
            comparators: options.comparators.clone(),
        })
    }

    /// Every territorial force's profile, in the order of `Force::territorial`.
    #[must_use]
    pub fn all(&self) -> Vec<Profile> {
        Force::territorial().map(|f| self.of(f)).collect()
    }

    /// The comparison group of a force, in words, and its members.
    fn group(&self, force: Force) -> Option<(String, Vec<Force>)> {
        match &self.comparators {
            Comparators::None => None,
            Comparators::Region => {
                let region = force.region();
                let members: Vec<Force> = Force::territorial().filter(|f| f.region() == region).collect();
                Some((format!("{} region ({} forces)", region.name(), members.len()), members))
            }
            Comparators::Forces(list) => {
                let mut members: Vec<Force> = list.iter().copied().filter(|f| f.is_territorial()).collect();
                if !members.contains(&force) {
                    members.push(force);
                }
                members.sort();
                members.dedup();
                let names: Vec<&str> = members.iter().map(|f| f.name()).collect();
                Some((format!("{} ({} forces)", names.join(", "), members.len()), members))
            }
        }
    }

    /// A group's figures on a measure: its pooled value and the force's rank within it.
    fn group_figures(m: &Computed, force: Force, members: &[Force]) -> Option<GroupFigures> {
        let mut units = Units::new();
        for f in members {
            add_unit(&mut units, *f, &m.inputs.forces.get(f)?.input).ok()?;
        }
        let method = m.method.untested();
        let compared: Comparison<Force> = compare(units, &method).ok()?;
        let pooled = compared.pooled();
        let me = compared.get(&force);
        Some(GroupFigures {
            value: pooled.and_then(|p| p.value),
            range: pooled.and_then(|p| p.range),
            rank: me.and_then(|u| u.rank),
            of: compared.of(),
        })
    }

    /// One force's profile.
    #[must_use]
    pub fn of(&self, force: Force) -> Profile {
        let group = self.group(force);
        let mut rows = Vec::new();
        for s in &self.sections {
            if let Some(not_held) = &s.not_held {
                rows.push(not_held_row(s.section, not_held));
                continue;
            }
            for m in self.measures.iter().filter(|m| m.section == s.section) {
                let mut row = row_of(m, force);
                row.group = group.as_ref().and_then(|(_, members)| Self::group_figures(m, force, members));
                rows.push(row);
            }
        }
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
        if let Some((name, _)) = &group {
            notes.push(format!(
                "comparison group: {name}; each row gives the group's pooled value and the force's rank in it"
            ));
        }
        if let Comparators::Forces(list) = &self.comparators {
            let left: Vec<&str> = list.iter().filter(|f| !f.is_territorial()).map(|f| f.name()).collect();
            if !left.is_empty() {
                notes.push(format!(
                    "left out of the comparison group: {} (no force area, so no population to compare)",
                    left.join(", ")
                ));
            }
        }
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
        Profile {
            force,
            period: self.period,
            sections: self.sections.clone(),
            rows,
            group: group.map(|(name, _)| name),
            notes,
            sources: self.sources.clone(),
            tests,
        }
    }
}

/// The row of a section not held for the period.
fn not_held_row(section: Section, not_held: &str) -> ProfileRow {
    let mut label = section.name().to_owned();
    if let Some(first) = label.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    ProfileRow {
        section,
        measure: section.name().replace([' ', '-'], "_"),
        label,
        period: None,
        count: None,
        count_range: None,
        denominator: None,
        denominator_of: None,
        per: None,
        rate: None,
        range: None,
        england_and_wales_rate: None,
        england_and_wales_range: None,
        rank: None,
        of: 0,
        band: None,
        significance: None,
        lower_95: None,
        upper_95: None,
        chance_lower_95: None,
        chance_upper_95: None,
        previous_year_change: None,
        five_year_change: None,
        change_against_england_and_wales: None,
        trend: Trend::cannot(not_held.to_owned()),
        polarity: policing_stats::trend::Polarity::None,
        series: Vec::new(),
        england_and_wales_series: Vec::new(),
        breaks: Vec::new(),
        group: None,
        source: String::new(),
        notes: vec![not_held.to_owned()],
        about: Vec::new(),
        spine: None,
    }
}

/// A force's row of a computed measure.
fn row_of(m: &Computed, force: Force) -> ProfileRow {
    let fi = m.inputs.forces.get(&force);
    let c = m.comparison.get(&force);
    let pooled = m.comparison.pooled();
    let own_breaks: Vec<&str> = m.inputs.breaks.iter().filter(|b| b.breaks_measure).map(|b| b.what.as_str()).collect();
    let mut notes: Vec<String> = m
        .inputs
        .breaks
        .iter()
        .filter(|b| b.breaks_measure)
        .map(|b| format!("changes and trends across {} are not comparable: {}", b.from.format("%-d %B %Y"), b.what))
        .collect();
    let mut note = |n: String| {
        if !n.is_empty() && !notes.contains(&n) && !own_breaks.iter().any(|b| n.contains(b)) {
            notes.push(n);
        }
    };
    let (count, count_range, denominator) = match fi.map(|f| &f.input) {
        // A weighted score is not a count (the severity score's numerator is said in the row's notes).
        Some(Input::Counts { count, denominator }) => {
            (count.fract().is_zero().then_some(*count), None, force.not_ranked().is_none().then_some(*denominator))
        }
        Some(Input::Range { low, high, denominator }) => {
            (None, Some((*low, *high)), force.not_ranked().is_none().then_some(*denominator))
        }
        Some(Input::PooledOnly { count, .. }) => (Some(*count), None, None),
        Some(Input::Missing(why) | Input::Gap(why)) => {
            note(why.clone());
            (None, None, None)
        }
        None => {
            note(format!("{force} is not in this measure's data"));
            (None, None, None)
        }
    };
    if let Some(c) = c {
        if let Entry::PooledOnly { reason, .. } = &c.entry {
            note(reason.reason().to_owned());
        }
        for n in &c.notes {
            note(n.clone());
        }
    }
    let change_of = |r: Option<&std::result::Result<Change, String>>, shared: &Option<String>, name: &str| match r {
        Some(Ok(ch)) => {
            let words = match ch {
                Change::TooFewEvents { .. } | Change::NoEarlierEvents { .. } => Some(format!("{name}: {ch}")),
                _ => None,
            };
            (Some(*ch), words)
        }
        Some(Err(why)) if shared.as_ref() != Some(why) => (None, Some(format!("{name}: {why}"))),
        _ => (None, None),
    };
    let [shared_one, shared_five] = &m.shared_change_reasons;
    let (previous_year_change, w1) = change_of(fi.map(|f| &f.previous_year), shared_one, "previous year change");
    let (five_year_change, w5) = change_of(fi.map(|f| &f.five_year), shared_five, "five year change");
    for w in [w1, w5].into_iter().flatten() {
        note(w);
    }
    let trend = m.trends.get(&force).cloned().unwrap_or_else(|| Trend::cannot("no series"));
    if let (policing_stats::trend::Marker::CannotBeCalculated(why), false) =
        (&trend.marker, matches!(m.inputs.trend, TrendTest::NotTested(_)))
    {
        note(format!("trend: {why}"));
    }
    if let Some(f) = fi {
        for n in &f.notes {
            note(n.clone());
        }
    }
    ProfileRow {
        section: m.section,
        measure: m.inputs.id.clone(),
        label: m.inputs.label.clone(),
        period: Some(m.inputs.period),
        count,
        count_range,
        denominator,
        denominator_of: Some(m.inputs.denominator.clone()),
        per: Some(m.inputs.per),
        rate: c.and_then(|u| u.value),
        range: c.and_then(|u| u.range),
        england_and_wales_rate: pooled.and_then(|p| p.value),
        england_and_wales_range: pooled.and_then(|p| p.range),
        rank: c.and_then(|u| u.rank),
        of: m.comparison.of(),
        band: c.and_then(policing_stats::Compared::band),
        significance: c.and_then(|u| u.significance),
        lower_95: c.and_then(|u| u.interval.map(|i| i.lower)),
        upper_95: c.and_then(|u| u.interval.map(|i| i.upper)),
        chance_lower_95: c.and_then(|u| u.chance_interval.map(|i| i.lower)),
        chance_upper_95: c.and_then(|u| u.chance_interval.map(|i| i.upper)),
        previous_year_change,
        five_year_change,
        change_against_england_and_wales: m
            .changes
            .as_ref()
            .and_then(|ch| ch.units.iter().find(|u| u.key == force))
            .and_then(|u| u.significance),
        trend,
        polarity: m.inputs.polarity,
        series: fi.map(|f| f.series.clone()).unwrap_or_default(),
        england_and_wales_series: m.inputs.england_and_wales_series.clone(),
        breaks: m.inputs.breaks.clone(),
        group: None,
        source: m.inputs.source.clone(),
        notes,
        about: m.about.clone(),
        spine: m.spine,
    }
}
