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

use super::{Ledger, LedgerRow};

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

/// What the report's annex says about a method choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Annex {
    /// The annex does not speak to it (quoted: what the annex does say nearby).
    Silent(&'static str),
    /// The annex contradicts it (quoted): it is never adopted.
    Contradicts(&'static str),
}

/// A method choice the report's numbers may point to: a named alternative to the
/// evaluator's own method, evaluated for every row it touches, never per row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Hypothesis {
    /// A short name ("households-2014").
    pub id: &'static str,
    /// What it says, in words.
    pub says: &'static str,
    /// What the annex says about it.
    pub annex: Annex,
}

impl Hypothesis {
    /// A hypothesis.
    #[must_use]
    pub const fn new(id: &'static str, says: &'static str, annex: Annex) -> Self {
        Hypothesis { id, says, annex }
    }
}

/// The method hypotheses in force for a computation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Method {
    in_force: BTreeSet<&'static str>,
}

impl Method {
    /// The evaluator's own method: no hypothesis in force.
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
            f.write_str("the library's own method")
        } else {
            let ids: Vec<&str> = self.in_force.iter().copied().collect();
            write!(f, "{}", ids.join(" + "))
        }
    }
}

/// What a source is asked: one row's measure, under a method.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct Query<'a> {
    /// The ledger (for the inspected force).
    pub ledger: &'a Ledger,
    /// The row.
    pub row: &'a LedgerRow,
    /// The measure's name after the source's (`rate` in `crime.rate`).
    pub name: &'a str,
    /// The measure's words after its name.
    pub args: &'a [String],
    /// The hypotheses in force.
    pub method: &'a Method,
}

/// A source of figures the evaluator computes with.
pub trait Source {
    /// The source's name: the prefix of the measures it computes (`crime`).
    fn name(&self) -> &'static str;

    /// What the source is, its edition and where it was read from, for the notes.
    fn edition(&self) -> String;

    /// Checks that `name` with `args` is a measure the source computes.
    ///
    /// # Errors
    /// What is wrong, in words.
    fn check(&self, name: &str, args: &[String]) -> Result<(), String>;

    /// The method hypotheses the source can apply.
    fn hypotheses(&self) -> Vec<Hypothesis> {
        Vec::new()
    }

    /// Computes a row's figure under a method.
    fn compute(&self, query: &Query<'_>) -> Computed;
}
