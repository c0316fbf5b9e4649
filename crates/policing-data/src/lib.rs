//! Readers for the public police data of England and Wales.
//!
//! # The model
//!
//! Public police data come in two shapes, and the crate has a wing for each,
//! on a shared kernel:
//!
//! - **data.police.uk files**: one CSV per force and month, a row per crime (or
//!   anti-social behaviour incident) in street files, a row per outcome
//!   recorded in outcomes files, often millions of rows, delivered as a zip
//!   archive. [`count_outcomes`] counts crimes by force and last outcome (or
//!   crime type, or month) in parallel, in flat memory; [`figure_4`] lays those
//!   counts out as a PEEL report's figure 4; [`tracked::track_outcomes`] joins
//!   each crime to its latest outcome in bounded memory; [`inputs::expand`]
//!   finds the files in folders and archives.
//! - **Published tables**: a row per area, period and measure, small, from CSV
//!   or a workbook. [`recorded_crime`] reads the ONS police recorded crime
//!   table by force area; [`home_office`] the Home Office outcomes tables;
//!   [`workforce`] officers by force; [`households`] household projections;
//!   [`yearly`] data.police.uk counts by calendar year for every force,
//!   anti-social behaviour included; [`offence_codes`] the Home Office table by
//!   offence code, its reconciliation with the ONS table, and the crime
//!   severity weights.
//!
//! Whatever the shape, every row read is counted, filtered or rejected with its
//! file, line and reason ([`Rejection`]); rejections are counted by kind and
//! the first ones kept; nothing an input holds can make memory grow without a
//! stated bound ([`MAX_RECORD_BYTES`], [`MAX_NAME_BYTES`]) or a reader panic.
//! Results are typed: counts are keyed by [`Force`](policing_forces::Force) and
//! [`CountKey`], never by strings.
//!
//! **Out of scope**: fetching data from the web (give the files you
//! downloaded), the data.police.uk API, stop and search files, and writing
//! any format but what the results' types offer.
//!
//! # Example
//!
//! ```no_run
//! use std::path::PathBuf;
//! use policing_data::{count_outcomes, figure_4, CountKey, CountOptions};
//!
//! let files = vec![PathBuf::from("2016-06-city-of-london-street.csv")];
//! let result = count_outcomes(&files, &CountOptions::default(), None)?;
//! for ((force, outcome), n) in &result.counts {
//!     println!("{force},{outcome},{n}");
//! }
//! assert!(result.summary.adds_up());
//! let figure = figure_4(result.counts.iter().filter_map(|((f, k), n)| match k {
//!     CountKey::Outcome(o) => Some((*f, o, *n)),
//!     _ => None,
//! }))?;
//! println!("{} forces", figure.forces.len());
//! # Ok::<(), policing_data::DataError>(())
//! ```
//!
//! # Layout
//!
//! `kernel` (month, rejections and their log, limits, the error) imports
//! nothing else of the crate; `scan` (the CSV scanner, the parallel engine,
//! zip archives) only the kernel; the data.police.uk wing (`police_uk`) and
//! the tables wing (`tables`) the kernel and the scanner, never each other.
//! A test over the `use` lines keeps it so.
//!
//! # Features
//!
//! - `spreadsheets`: read `.xlsx` workbooks (streamed through calamine) and `.ods` workbooks (streamed by
//!   this crate), within the bounds the `workbook` module states.
//! - `serde`: serialize results.
#![warn(
    clippy::exhaustive_structs,
    clippy::exhaustive_enums,
    reason = "a public type grows without a breaking change, or says why it cannot"
)]

mod kernel;
mod police_uk;
mod scan;
mod tables;

pub use kernel::{
    io_words, quoted, remove_temporaries, DataError, Month, Rejection, Result, Staged, MAX_BLOCK, MAX_NAME_BYTES,
    MAX_RECORD_BYTES, MAX_THREADS, MIN_BLOCK, REJECTION_EXAMPLES,
};
pub use police_uk::{
    count_outcomes, figure_4, inputs, tracked, CountBy, CountKey, CountOptions, Figure4, Figure4Row, FileKind, GroupBy,
    OutcomeCountsByForce, Summary, MAX_DISTINCT_OUTCOMES, MAX_FOLDED_SPELLINGS,
};
#[cfg(feature = "spreadsheets")]
pub use tables::workbook;
pub use tables::{home_office, households, offence_codes, recorded_crime, rows, workforce, yearly, TableSummary};

/// The RFC 4180 scanner, for the fuzz targets: not part of the API.
#[doc(hidden)]
pub use scan::csv;
