//! Rows that share a count judged together: the counts the report's printed
//! values imply (a rate pins its count to an interval; a change carries an
//! interval from one year's count to the other's), compared with the counts
//! the source holds, so that every row using a count gives the same account of
//! it.

use std::collections::BTreeMap;

use policing_stats::{round_half_away, Published};
use rust_decimal::Decimal;

use super::crime::thousands;
use super::source::{Count, Formula};
use super::LedgerRow;

/// An interval of counts (or values), closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Span {
    pub(super) lo: Decimal,
    pub(super) hi: Decimal,
}

impl Span {
    fn of(p: &Published) -> Span {
        let b = p.bounds();
        Span { lo: b.lower, hi: b.upper }
    }

    /// Whether it meets a printed value's rounding interval.
    pub(super) fn meets(&self, p: &Published) -> bool {
        let b = Span::of(p);
        self.lo < b.hi && b.lo < self.hi
    }

    /// "a to b" at `places`.
    pub(super) fn show(&self, places: u32) -> String {
        let (a, b) = (round_half_away(self.lo, places), round_half_away(self.hi, places));
        if a == b {
            a.to_string()
        } else {
            format!("{a} to {b}")
        }
    }
}

/// Where the count a report implies stands against the count the source holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stand {
    /// The report's count is below the file's: the direction a later release gives.
    Below,
    /// The file's count lies in the interval.
    Agrees,
    /// The report's count is above the file's: a later release cannot give it.
    Above,
}

/// A count the report's printed values imply.
#[derive(Debug, Clone)]
pub(super) struct Implied {
    pub(super) count: Count,
    pub(super) span: Span,
    /// The rows it is inferred from.
    pub(super) from: Vec<String>,
}

impl Implied {
    pub(super) fn stand(&self) -> Stand {
        let v = Decimal::from(self.count.value);
        if self.span.hi < v {
            Stand::Below
        } else if self.span.lo > v {
            Stand::Above
        } else {
            Stand::Agrees
        }
    }

    /// The report's count against the file's, in percent.
    pub(super) fn gap(&self) -> Option<Span> {
        let v = Decimal::from(self.count.value);
        if v.is_zero() {
            return None;
        }
        let pct = |x: Decimal| (x / v - Decimal::ONE) * Decimal::from(100);
        Some(Span { lo: pct(self.span.lo), hi: pct(self.span.hi) })
    }

    /// "Wiltshire Police: recorded_crime_excl_fraud, the 12 months to 30 June 2016: the report's figures
    /// (fig2.crime.w) imply 38,152 to 38,222, 1.0 to 1.2% below the file's 38,612".
    pub(super) fn say(&self) -> String {
        let span = Span { lo: self.span.lo.ceil(), hi: self.span.hi.floor() };
        let counts = if span.lo > span.hi {
            format!("{} to {} (no whole count)", round_half_away(self.span.lo, 1), round_half_away(self.span.hi, 1))
        } else if span.lo == span.hi {
            thousands(span.lo)
        } else {
            format!("{} to {}", thousands(span.lo), thousands(span.hi))
        };
        let file = thousands(Decimal::from(self.count.value));
        let stand = match (self.stand(), self.gap()) {
            (Stand::Agrees, _) => format!("which holds the file's {file}"),
            (stand, Some(g)) => {
                let g = Span { lo: g.lo.abs().min(g.hi.abs()), hi: g.lo.abs().max(g.hi.abs()) };
                let way = if stand == Stand::Below { "below" } else { "above" };
                format!("{}% {way} the file's {file}", g.show(1))
            }
            (_, None) => format!("against the file's {file}"),
        };
        format!("{}: the report's {} imply {counts}, {stand}", self.count.key(), self.from.join(" and "))
    }
}

/// A row with a formula and its printed value.
pub(super) struct Pinned<'r> {
    pub(super) row: &'r LedgerRow,
    pub(super) formula: &'r Formula,
    pub(super) printed: Published,
}

/// The factor `now / then` a printed percentage change allows.
pub(super) fn factor(p: &Published) -> Option<Span> {
    let s = Span::of(p);
    let hundred = Decimal::from(100);
    let f = Span { lo: Decimal::ONE + s.lo / hundred, hi: Decimal::ONE + s.hi / hundred };
    (f.lo > Decimal::ZERO).then_some(f)
}

fn intersect(map: &mut BTreeMap<String, Implied>, count: &Count, span: Span, from: Vec<String>) {
    map.entry(count.key())
        .and_modify(|i| {
            i.span = Span { lo: i.span.lo.max(span.lo), hi: i.span.hi.min(span.hi) };
            i.from.extend(from.iter().cloned());
        })
        .or_insert_with(|| Implied { count: count.clone(), span, from });
}

/// The counts the report's printed values imply, leaving out the rows in `without`:
/// each rate's count, then the counts a change carries from a count a rate pins.
pub(super) fn implied(rows: &[Pinned<'_>], without: &[&str]) -> BTreeMap<String, Implied> {
    let mut map = BTreeMap::new();
    for p in rows.iter().filter(|p| !without.contains(&p.row.id.as_str())) {
        if let Formula::Ratio { count, denominator, base } = p.formula {
            let s = Span::of(&p.printed);
            let span = Span { lo: s.lo * denominator / base, hi: s.hi * denominator / base };
            intersect(&mut map, count, span, vec![format!("{} {}", p.row.id, p.row.printed)]);
        }
    }
    let mut carried = BTreeMap::new();
    for p in rows.iter().filter(|p| !without.contains(&p.row.id.as_str())) {
        let (Formula::Change { now, then }, Some(f)) = (p.formula, factor(&p.printed)) else { continue };
        let at = format!("{} {}", p.row.id, p.row.printed);
        match (map.get(&now.key()), map.get(&then.key())) {
            (Some(n), None) => {
                let span = Span { lo: n.span.lo / f.hi, hi: n.span.hi / f.lo };
                let from = n.from.iter().cloned().chain([at]).collect();
                intersect(&mut carried, then, span, from);
            }
            (None, Some(t)) => {
                let span = Span { lo: t.span.lo * f.lo, hi: t.span.hi * f.hi };
                let from = t.from.iter().cloned().chain([at]).collect();
                intersect(&mut carried, now, span, from);
            }
            _ => {}
        }
    }
    map.extend(carried);
    map
}

/// A formula's value over the spans of its counts (a count not in `spans` at its file value).
pub(super) fn value_over(formula: &Formula, spans: &BTreeMap<String, Implied>) -> Option<Span> {
    let span = |c: &Count| {
        spans.get(&c.key()).map_or(Span { lo: Decimal::from(c.value), hi: Decimal::from(c.value) }, |i| i.span)
    };
    match formula {
        Formula::Ratio { count, denominator, base } => {
            let s = span(count);
            (!denominator.is_zero()).then(|| Span { lo: s.lo * base / denominator, hi: s.hi * base / denominator })
        }
        Formula::Change { now, then } => {
            let (n, t) = (span(now), span(then));
            let hundred = Decimal::from(100);
            (t.lo > Decimal::ZERO).then(|| Span {
                lo: (n.lo / t.hi - Decimal::ONE) * hundred,
                hi: (n.hi / t.lo - Decimal::ONE) * hundred,
            })
        }
    }
}
