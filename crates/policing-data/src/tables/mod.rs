//! The tables wing: published tables read as rows of text cells through one
//! mechanism ([`rows`]), from CSV (streamed) or workbooks, and each table's
//! reader, which only interprets cells: the ONS recorded crime table by force
//! area ([`recorded_crime`]), the Home Office outcomes tables ([`home_office`]),
//! officers by force ([`workforce`]) and households by force area
//! ([`households`]). It sits on the kernel and never imports the data.police.uk wing.

pub mod home_office;
pub mod households;
pub mod recorded_crime;
#[doc(hidden)]
pub mod rows;
pub mod workforce;
