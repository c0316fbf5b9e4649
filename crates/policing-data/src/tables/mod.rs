//! The tables wing: published tables read as rows of text cells through one
//! mechanism ([`rows`]), from CSV (streamed) or workbooks, and each table's
//! reader, which only interprets cells: the ONS recorded crime table by force
//! area ([`recorded_crime`]), the Home Office outcomes tables ([`home_office`]),
//! officers by force ([`workforce`]), households by force area
//! ([`households`]), data.police.uk counts by calendar year with anti-social
//! behaviour ([`yearly`]), and the Home Office table by offence code with the
//! crime severity weights ([`offence_codes`]). It sits on the kernel and never
//! imports the data.police.uk wing.

mod book;
pub mod home_office;
pub mod households;
pub mod offence_codes;
pub mod recorded_crime;
#[doc(hidden)]
pub mod rows;
mod sink;
#[cfg(feature = "spreadsheets")]
pub mod workbook;
pub mod workforce;
pub mod yearly;

pub use book::TableSummary;
