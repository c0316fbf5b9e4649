//! What the evaluator computes figures with: sources, registered with it, each
//! computing the measures named after it (`crime.rate ...` from the source named
//! `crime`), and the method hypotheses they can be asked to apply.
//!
//! A new source (a table not yet read, another publisher's figures) is a type
//! implementing [`Source`] handed to [`Evaluator::with`](super::Evaluator::with):
//! the evaluator and the ledger format do not change.

use std::collections::BTreeSet;
use std::fmt;

use rust_decimal::Decimal;

use policing_forces::Force;

use super::LedgerRow;

/// A value a source computes: a number compared at the printed precision, or
/// words compared as printed ("39 out of 43").
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Value {
    /// A number, unrounded.
    Number(Decimal),
    /// Words.
    Text(String),
}

/// Which way a later release of the same series moves a value, if it moves it
/// at all: forces add late-recorded crimes to recent periods, so counts and
/// rates of recent periods rise, and so do changes on earlier periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Revision {
    /// A later release raises the value.
    Raises,
    /// A later release's effect has no known direction.
    Unknown,
}

/// A count a computed value is made of, as the source holds it: whose, what
/// and when, and the number. Rows that use the same count (the same
/// [`Count::key`]) are judged together.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Count {
    /// Whose count ("Wiltshire Police", "England and Wales").
    pub unit: String,
    /// What is counted ("recorded_crime_excl_fraud").
    pub what: String,
    /// The period ("the 12 months to 30 June 2016").
    pub period: String,
    /// The number the source holds.
    pub value: i64,
}

impl Count {
    /// A count.
    #[must_use]
    pub fn new(unit: impl Into<String>, what: impl Into<String>, period: impl Into<String>, value: i64) -> Self {
        Count { unit: unit.into(), what: what.into(), period: period.into(), value }
    }

    /// The count's identity: whose, what and when.
    #[must_use]
    pub fn key(&self) -> String {
        format!("{}: {}, {}", self.unit, self.what, self.period)
    }
}

/// How a computed value is made of counts, so that the counts a printed value
/// implies can be inferred and rows sharing a count judged together.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Formula {
    /// `count x base / denominator` (a rate per `base`).
    Ratio {
        /// The count.
        count: Count,
        /// The denominator (a population, households).
        denominator: Decimal,
        /// The base (1,000).
        base: Decimal,
    },
    /// `(now / then - 1) x 100` (a percentage change).
    Change {
        /// The later count.
        now: Count,
        /// The earlier count.
        then: Count,
    },
}

impl Formula {
    /// The counts, in order.
    #[must_use]
    pub fn counts(&self) -> Vec<&Count> {
        match self {
            Formula::Ratio { count, .. } => vec![count],
            Formula::Change { now, then } => vec![now, then],
        }
    }
}

/// What a source makes of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Computed {
    /// The same definition and window as the printed figure: compared with it.
    Same {
        /// The value.
        value: Value,
        /// How it was computed (counts, denominators, the arithmetic).
        how: String,
        /// How a later release of the source's series moves it.
        revision: Revision,
        /// What else was checked, for a value that differs: each a fact with its
        /// value ("with British Transport Police included: 68.3").
        checked: Vec<String>,
        /// How the value is made of counts, when it is.
        formula: Option<Formula>,
    },
    /// Another definition or window (a proxy, a calendar year for a financial
    /// year): shown as the nearest measure, never compared.
    Nearest {
        /// The value.
        value: Value,
        /// How it was computed.
        how: String,
        /// Why it is not the printed figure's measure.
        why: String,
    },
    /// The source cannot give the figure, and why.
    NotAvailable(String),
}

/// An alternative to the report's stated method, found by searching for one
/// that gives a printed value. It can only ever make a row `explained`, never
/// `reproduced`: what it gives is shown beside what the stated method gives,
/// with what the report's own text says of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Hypothesis {
    /// A short name ("households-2014").
    pub id: &'static str,
    /// What it says, in words.
    pub says: &'static str,
    /// Phrases of a report that state a method this alternative departs from:
    /// found in the report's text, each is quoted with its lines as a
    /// contradiction (matched without regard to case or line breaks).
    pub contradicted_by: &'static [&'static str],
    /// Phrases of a report that bear on it without deciding it, quoted with
    /// their lines when no contradiction is found.
    pub context: &'static [&'static str],
}

impl Hypothesis {
    /// A hypothesis.
    #[must_use]
    pub const fn new(
        id: &'static str,
        says: &'static str,
        contradicted_by: &'static [&'static str],
        context: &'static [&'static str],
    ) -> Self {
        Hypothesis { id, says, contradicted_by, context }
    }
}

/// The method hypotheses in force for a computation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Method {
    in_force: BTreeSet<&'static str>,
}

impl Method {
    /// The report's stated method: no hypothesis in force.
    #[must_use]
    pub fn own() -> Self {
        Method::default()
    }

    /// The method with these hypotheses in force.
    #[must_use]
    pub fn with(ids: impl IntoIterator<Item = &'static str>) -> Self {
        Method { in_force: ids.into_iter().collect() }
    }

    /// Whether a hypothesis is in force.
    #[must_use]
    pub fn holds(&self, id: &str) -> bool {
        self.in_force.contains(id)
    }

    /// The hypotheses in force.
    pub fn ids(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.in_force.iter().copied()
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.in_force.is_empty() {
            f.write_str("the report's stated method")
        } else {
            let ids: Vec<&str> = self.in_force.iter().copied().collect();
            write!(f, "{}", ids.join(" + "))
        }
    }
}

/// One row's measure, parsed once by its source into a typed query (the
/// measure, the area, the window and any span), which computes the figure
/// under a method. Its [`Display`](fmt::Display) names the figure: two rows
/// whose queries print alike are one figure printed twice.
pub trait Query: fmt::Debug + fmt::Display {
    /// Computes the figure under a method.
    fn compute(&self, method: &Method) -> Computed;
}

/// A source of figures the evaluator computes with.
pub trait Source {
    /// The source's name: the prefix of the measures it computes (`crime`).
    fn name(&self) -> &'static str;

    /// What the source is, its edition and where it was read from, for the notes.
    fn edition(&self) -> String;

    /// Parses a row's measure (`name` with `args`, for `force`) into a typed
    /// query, once; the row's unit and period are part of it.
    ///
    /// # Errors
    /// What does not parse, in words (the evaluator names the row).
    fn query<'q>(
        &'q self,
        force: Force,
        row: &LedgerRow,
        name: &str,
        args: &[String],
    ) -> Result<Box<dyn Query + 'q>, String>;

    /// The alternatives to the stated method the source can apply.
    fn hypotheses(&self) -> Vec<Hypothesis> {
        Vec::new()
    }
}
