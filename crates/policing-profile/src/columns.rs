//! The one definition of a profile's columns: names, kinds and cells, for the
//! library, CSV, JSON, the reading table, the workbook and the Parquet file
//! alike; the reading view is a choice among them with the values written for
//! reading (a range as "5.2–5.5", a rank as "12–14 of 42").

use policing_stats::change::Change;
use policing_stats::{Rank, Significance};
use policing_table::{Cell, Column, Kind, Table};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::indicator::period_words;
use crate::row::{Profile, ProfileRow, Section};

/// One column: its name, kind, meaning, its cell, and (when it is in the
/// reading view) its cell for reading.
#[derive(Clone, Copy)]
#[non_exhaustive]
pub struct ProfileColumn {
    /// The name, as every format writes it.
    pub name: &'static str,
    /// What it holds (text, integer, float, or a nested series written in JSON only).
    pub kind: Kind,
    /// What it means, in words.
    pub about: &'static str,
    cell: fn(&Profile, &ProfileRow) -> Cell,
    reading: Option<fn(&Profile, &ProfileRow) -> Cell>,
}

impl std::fmt::Debug for ProfileColumn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProfileColumn").field("name", &self.name).field("kind", &self.kind).finish_non_exhaustive()
    }
}

impl ProfileColumn {
    /// The row's cell in this column.
    #[must_use]
    pub fn cell(&self, profile: &Profile, row: &ProfileRow) -> Cell {
        (self.cell)(profile, row)
    }

    /// Whether the column is in the reading view.
    #[must_use]
    pub fn is_read(&self) -> bool {
        self.reading.is_some()
    }
}

fn dec(d: Option<Decimal>, places: u32) -> Cell {
    Cell::or_empty(d.as_ref(), |v| Cell::decimal(v, places))
}

fn float(v: Option<f64>, places: u32) -> Cell {
    Cell::or_empty(v, |v| Cell::value(v, places))
}

fn text(s: impl Into<String>) -> Cell {
    let s = s.into();
    if s.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s)
    }
}

fn int(n: Option<usize>) -> Cell {
    Cell::or_empty(n, |n| Cell::Count(n as i128))
}

/// Decimal places that show a value of this size: small values need more.
#[must_use]
pub fn places_for(r: &ProfileRow) -> u32 {
    let size =
        r.england_and_wales_rate.or(r.rate).or(r.range.map(|x| x.1)).and_then(|v| v.abs().to_f64()).unwrap_or(1.0);
    if size < 0.1 {
        3
    } else if size < 1.0 || r.section == Section::Resources || r.section == Section::Severity {
        2
    } else {
        1
    }
}

/// A value or range for reading: "54.4", "5.2–5.5".
#[must_use]
pub fn value_words(value: Option<Decimal>, range: Option<(Decimal, Decimal)>, places: u32) -> String {
    match (value, range) {
        (Some(v), _) => v.round_dp(places).to_string(),
        (None, Some((a, b))) => format!("{}–{}", a.round_dp(places), b.round_dp(places)),
        _ => String::new(),
    }
}

/// A rank for reading: "32 of 42", "12–14 of 42".
#[must_use]
pub fn rank_words(rank: Option<Rank>, of: usize) -> String {
    match rank {
        Some(r) if r.best == r.worst => format!("{} of {of}", r.best),
        Some(r) => format!("{}–{} of {of}", r.best, r.worst),
        None => String::new(),
    }
}

/// A change for reading: "+14.7%", or the counts when there is no percentage.
#[must_use]
pub fn change_words(c: Option<&Change>) -> String {
    match c {
        Some(c) => match c.percent() {
            Some(p) => {
                let p = p.round_dp(1);
                if p > Decimal::ZERO {
                    format!("+{p}%")
                } else {
                    format!("{p}%")
                }
            }
            None => {
                let (a, b) = c.counts();
                format!("{a} then {b} (too few events)")
            }
        },
        None => String::new(),
    }
}

/// The one-year change against England and Wales's, in words.
#[must_use]
pub fn change_against_words(s: Option<Significance>) -> &'static str {
    s.map_or("", policing_crime::change_against_words)
}

fn change_end(c: Option<&Change>, lower: bool) -> Cell {
    Cell::or_empty(c.and_then(Change::interval), |i| Cell::value(if lower { i.lower } else { i.upper }, 1))
}

fn percent(c: Option<&Change>) -> Cell {
    dec(c.and_then(Change::percent), 1)
}

fn all_notes(r: &ProfileRow) -> String {
    r.notes.iter().chain(&r.about).cloned().collect::<Vec<_>>().join("; ")
}

fn series_json(r: &ProfileRow) -> Cell {
    let f = |d: Option<Decimal>| match d {
        Some(d) if d.fract().is_zero() => d.to_i64().map_or(serde_json::Value::Null, serde_json::Value::from),
        Some(d) => d.to_f64().map_or(serde_json::Value::Null, serde_json::Value::from),
        None => serde_json::Value::Null,
    };
    let points: Vec<serde_json::Value> = r
        .series
        .iter()
        .map(|p| {
            serde_json::json!({
                "period": p.period.end().to_string(),
                "count": f(p.count),
                "denominator": f(p.denominator),
                "rate": f(p.value),
            })
        })
        .collect();
    Cell::Json(serde_json::Value::Array(points))
}

macro_rules! col {
    ($name:literal, $kind:ident, $about:literal, $cell:expr) => {
        ProfileColumn { name: $name, kind: Kind::$kind, about: $about, cell: $cell, reading: None }
    };
    ($name:literal, $kind:ident, $about:literal, $cell:expr, read $reading:expr) => {
        ProfileColumn { name: $name, kind: Kind::$kind, about: $about, cell: $cell, reading: Some($reading) }
    };
}

/// Every column of a profile, in order: the CSV header, the JSON keys, the
/// workbook's and Parquet file's fields.
pub const COLUMNS: &[ProfileColumn] = &[
    col!("force", Text, "the force", |p, _| text(p.force.name())),
    col!("section", Text, "the section", |_, r| text(r.section.name())),
    col!("measure", Text, "the measure's id", |_, r| text(r.measure.clone())),
    col!("label", Text, "the measure in words", |_, r| text(r.label.clone()), read | _, r | text(r.label.clone())),
    col!(
        "period",
        Text,
        "the measure's own period in words (empty when not held)",
        |_, r| text(r.period.map(period_words).unwrap_or_default()),
        read | _,
        r | text(r.period.map(period_words).unwrap_or_default())
    ),
    col!("period_end", Text, "the period's last day (YYYY-MM-DD)", |_, r| text(
        r.period.map(|p| p.end().to_string()).unwrap_or_default()
    )),
    col!(
        "count",
        Integer,
        "the count (empty for a range)",
        |_, r| Cell::or_empty(r.count, |c| Cell::amount(&c, 1)),
        read | _,
        r | match (r.count, r.count_range) {
            (Some(c), _) => Cell::amount(&c, 1),
            (None, Some((a, b))) => text(format!("{a}–{b}")),
            _ => Cell::Empty,
        }
    ),
    col!("count_low", Integer, "for a range: the lowest count the data allow", |_, r| Cell::or_empty(
        r.count_range,
        |c| Cell::amount(&c.0, 0)
    )),
    col!("count_high", Integer, "for a range: the highest count", |_, r| Cell::or_empty(r.count_range, |c| {
        Cell::amount(&c.1, 0)
    })),
    col!("denominator", Float, "the denominator", |_, r| Cell::or_empty(r.denominator, |d| Cell::amount(&d, 1))),
    col!("denominator_year", Integer, "the year of the denominator (mid-year for populations)", |_, r| Cell::or_empty(
        r.denominator_of.as_ref().and_then(|d| d.year),
        |y| Cell::Count(i128::from(y))
    )),
    col!("denominator_edition", Text, "the denominator's source and edition", |_, r| text(
        r.denominator_of.as_ref().map(|d| d.edition.clone()).unwrap_or_default()
    )),
    col!("per", Text, "what the rate is per", |_, r| text(r.per.map(|p| p.words()).unwrap_or_default())),
    col!(
        "rate",
        Float,
        "the force's value per the unit (empty for a range)",
        |_, r| dec(r.rate, 1),
        read | _,
        r | match r.rate {
            Some(v) => Cell::decimal(&v, places_for(r)),
            None => text(value_words(None, r.range, places_for(r))),
        }
    ),
    col!("rate_low", Float, "for a range: the lowest value", |_, r| dec(r.range.map(|x| x.0), 1)),
    col!("rate_high", Float, "for a range: the highest value", |_, r| dec(r.range.map(|x| x.1), 1)),
    col!("lower_95", Float, "the verdict's 95% interval, lower end", |_, r| float(r.lower_95, 1)),
    col!("upper_95", Float, "the verdict's 95% interval, upper end", |_, r| float(r.upper_95, 1)),
    col!("chance_lower_95", Float, "the 95% interval of chance alone, lower end", |_, r| float(r.chance_lower_95, 1)),
    col!("chance_upper_95", Float, "the 95% interval of chance alone, upper end", |_, r| float(r.chance_upper_95, 1)),
    col!(
        "england_and_wales_rate",
        Float,
        "England and Wales's value (empty when a range)",
        |_, r| dec(r.england_and_wales_rate, 1),
        read | _,
        r | match r.england_and_wales_rate {
            Some(v) => Cell::decimal(&v, places_for(r)),
            None => text(value_words(None, r.england_and_wales_range, places_for(r))),
        }
    ),
    col!("england_and_wales_low", Float, "England and Wales's range, lowest", |_, r| dec(
        r.england_and_wales_range.map(|x| x.0),
        1
    )),
    col!("england_and_wales_high", Float, "England and Wales's range, highest", |_, r| dec(
        r.england_and_wales_range.map(|x| x.1),
        1
    )),
    col!(
        "rank",
        Integer,
        "the rank (1 = the highest value); for a range, the highest it can have",
        |_, r| int(r.rank.map(|k| k.best)),
        read | _,
        r | text(rank_words(r.rank, r.of))
    ),
    col!("rank_to", Integer, "for a range: the lowest rank it can have (equal to rank otherwise)", |_, r| int(r
        .rank
        .map(|k| k.worst))),
    col!("of", Integer, "how many forces were ranked", |_, r| int((r.of > 0).then_some(r.of))),
    col!(
        "band",
        Text,
        "one of the highest, broadly in line, one of the lowest",
        |_, r| text(r.band.map(|b| b.words()).unwrap_or_default()),
        read | _,
        r | text(r.band.map(|b| b.words()).unwrap_or_default())
    ),
    col!(
        "significance",
        Text,
        "against England and Wales",
        |_, r| text(r.significance.map(|s| s.label()).unwrap_or_default()),
        read | _,
        r | text(r.significance.map(|s| s.label()).unwrap_or_default())
    ),
    col!(
        "previous_year_change",
        Float,
        "percent change in the count on the same period a year earlier",
        |_, r| percent(r.previous_year_change.as_ref()),
        read | _,
        r | text(change_words(r.previous_year_change.as_ref()))
    ),
    col!(
        "five_year_change",
        Float,
        "percent change in the count on five years earlier",
        |_, r| percent(r.five_year_change.as_ref()),
        read | _,
        r | text(change_words(r.five_year_change.as_ref()))
    ),
    col!("previous_year_change_lower_95", Float, "exact 95% interval of the one-year change, lower end", |_, r| {
        change_end(r.previous_year_change.as_ref(), true)
    }),
    col!("previous_year_change_upper_95", Float, "exact 95% interval of the one-year change, upper end", |_, r| {
        change_end(r.previous_year_change.as_ref(), false)
    }),
    col!("five_year_change_lower_95", Float, "exact 95% interval of the five-year change, lower end", |_, r| {
        change_end(r.five_year_change.as_ref(), true)
    }),
    col!("five_year_change_upper_95", Float, "exact 95% interval of the five-year change, upper end", |_, r| {
        change_end(r.five_year_change.as_ref(), false)
    }),
    col!(
        "change_against_england_and_wales",
        Text,
        "the one-year change against England and Wales's",
        |_, r| text(change_against_words(r.change_against_england_and_wales)),
        read | _,
        r | text(change_against_words(r.change_against_england_and_wales))
    ),
    col!(
        "trend",
        Text,
        "the five-year trend marker",
        |_, r| text(r.trend_words()),
        read | _,
        r | text(r.trend_words())
    ),
    col!("group", Text, "the comparison group", |p, r| text(if r.group.is_some() {
        p.group.clone().unwrap_or_default()
    } else {
        String::new()
    })),
    col!("group_rate", Float, "the group's pooled value", |_, r| dec(r.group.as_ref().and_then(|g| g.value), 1)),
    col!("group_low", Float, "the group's pooled range, lowest", |_, r| dec(
        r.group.as_ref().and_then(|g| g.range.map(|x| x.0)),
        1
    )),
    col!("group_high", Float, "the group's pooled range, highest", |_, r| dec(
        r.group.as_ref().and_then(|g| g.range.map(|x| x.1)),
        1
    )),
    col!("group_rank", Integer, "the force's rank in the group", |_, r| int(r
        .group
        .as_ref()
        .and_then(|g| g.rank.map(|k| k.best)))),
    col!("group_rank_to", Integer, "for a range: its lowest rank in the group", |_, r| int(r
        .group
        .as_ref()
        .and_then(|g| g.rank.map(|k| k.worst)))),
    col!("group_of", Integer, "how many of the group were ranked", |_, r| int(r.group.as_ref().map(|g| g.of))),
    col!("source", Text, "the source and its vintage", |_, r| text(r.source.clone())),
    col!(
        "note",
        Text,
        "what is particular to the row, then what holds for the measure",
        |_, r| text(all_notes(r)),
        read | _,
        r | text(r.notes.join("; "))
    ),
    col!("tests", Integer, "the profile's rows tested against England and Wales", |p, _| Cell::Count(
        p.tests.made as i128
    )),
    col!("expected_flags_95", Float, "flags chance alone would give at 95%", |p, _| Cell::value(
        p.tests.expected_95(),
        2
    )),
    col!("flags_95", Integer, "rows flagged at 95%", |p, _| Cell::Count(p.tests.flagged_95 as i128)),
    col!("expected_flags_99_8", Float, "flags chance alone would give at 99.8%", |p, _| Cell::value(
        p.tests.expected_998(),
        3
    )),
    col!("flags_99_8", Integer, "rows flagged at 99.8%", |p, _| Cell::Count(p.tests.flagged_998 as i128)),
    col!("series", Json, "the five-year series: period, count, denominator, rate (JSON only)", |_, r| series_json(r)),
];

fn columns() -> Vec<Column> {
    COLUMNS.iter().map(|c| Column::new(c.name, c.kind)).collect()
}

/// Every force's rows as one table (the all-forces dataset), with its metadata.
///
/// # Errors
/// None in practice: every cell is of its column's kind by construction (a
/// test checks every column on every force).
pub fn table(profiles: &[Profile]) -> policing_table::Result<Table> {
    let mut t = Table::new(columns());
    for p in profiles {
        for r in &p.rows {
            t.push(COLUMNS.iter().map(|c| c.cell(p, r)).collect())?;
        }
    }
    if let Some(p) = profiles.first() {
        t = t.with_metadata("period", p.period.to_string());
        for (i, s) in p.sources.iter().enumerate() {
            t = t.with_metadata(format!("source {}", i + 1), s.clone());
        }
        for (i, n) in p.notes.iter().enumerate().filter(|(_, n)| !n.starts_with("multiplicity")) {
            t = t.with_metadata(format!("note {}", i + 1), n.clone());
        }
    }
    Ok(t)
}

impl Profile {
    /// The profile as a table of every column.
    ///
    /// # Errors
    /// As [`table`].
    pub fn table(&self) -> policing_table::Result<Table> {
        table(std::slice::from_ref(self))
    }

    /// The reading view: the columns a reader scans, values written for reading.
    ///
    /// # Errors
    /// As [`table`].
    pub fn reading_table(&self) -> policing_table::Result<Table> {
        let read: Vec<&ProfileColumn> = COLUMNS.iter().filter(|c| c.is_read()).collect();
        let names: Vec<&str> = read.iter().map(|c| c.name).collect();
        let rows =
            self.rows.iter().map(|r| read.iter().filter_map(|c| c.reading.map(|f| f(self, r))).collect()).collect();
        Table::infer(&names, rows)
    }
}
