//! Readers for the public police data of England and Wales.
//!
//! - [`count_outcomes`]: data.police.uk street files in, crimes by force and
//!   last outcome category out, streaming and in parallel, with every row
//!   counted, filtered or rejected with its file, line and reason
//!   ([`Summary`], [`Rejection`]); a strict mode turns the first rejection into
//!   an error.
//! - [`inputs::expand`]: files, many files, or the archive's folder layout,
//!   filtered by month range and force.
//! - [`tracked::track_outcomes`]: each crime of the street files with its
//!   latest outcome from the outcomes files (figure 4's tracked outcomes), in
//!   bounded memory, with a limit if asked.
//! - zip archives (data.police.uk's downloads) are read in place as folders,
//!   by every reader here; see [`inputs::expand`].
//! - [`home_office`]: the Home Office outcomes open data tables, from CSV (and
//!   `.xlsx`/`.ods` with the `spreadsheets` feature), into outcome counts per
//!   force and period with the right count column for each kind of figure.
//! - [`recorded_crime`]: the ONS police recorded crime table by police force
//!   area, offence and rolling year, every row accounted for, quirks reported.
//! - [`households`]: households by police force area and year, derived from the
//!   household projections by district and the ONS lookup, quirks reported.
//! - [`rows`]: any CSV table (or workbook sheet) as rows of text with physical
//!   line numbers, the mechanism under every table reader here.
//! - [`csv`]: the RFC 4180 scanner underneath (quoted commas, doubled quotes and
//!   newlines, CRLF or LF, a byte order mark, no final newline).
//!
//! # Example
//!
//! ```no_run
//! use std::path::PathBuf;
//! use policing_data::{count_outcomes, CountOptions};
//!
//! let files = vec![PathBuf::from("2016-06-city-of-london-street.csv")];
//! let result = count_outcomes(&files, &CountOptions::default(), None)?;
//! for ((force, outcome), n) in &result.counts {
//!     println!("{force},{outcome},{n}");
//! }
//! assert!(result.summary.adds_up());
//! # Ok::<(), policing_data::DataError>(())
//! ```
//!
//! # Features
//!
//! - `spreadsheets`: read Home Office `.xlsx` and `.ods` workbooks (calamine).
//! - `serde`: serialize results.

mod archive;
mod count;
pub mod csv;
mod engine;
mod error;
pub mod home_office;
pub mod households;
pub mod inputs;
pub mod police_uk;
pub mod recorded_crime;
pub mod rows;
mod spill;
pub mod tracked;
pub mod workforce;

pub use count::{
    count_outcomes, CountBy, CountOptions, GroupBy, Month, OutcomeCountsByForce, Rejection, Summary, MAX_BLOCK,
    MAX_DISTINCT_OUTCOMES, MAX_FOLDED_SPELLINGS, MAX_NAME_BYTES, MAX_THREADS, MIN_BLOCK, OTHER_OUTCOMES,
};
pub use engine::MAX_RECORD_BYTES;
pub use error::{quoted, DataError, Result};
