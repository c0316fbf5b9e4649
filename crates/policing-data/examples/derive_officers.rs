//! Derives police officers (FTE) by force at every 31 March from the Home Office
//! police workforce open data table and prints the table shipped with this
//! crate (`data/officers-2007-2023.csv`).
//!
//! Run with `cargo run -p policing-data --features spreadsheets --example derive_officers [RAW_DIR]`;
//! the directory defaults to `data/raw` from the workspace root.

use std::path::PathBuf;

use policing_data::workforce::read_officer_series;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let raw = std::env::args()
        .nth(1)
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/raw"), PathBuf::from);
    let series = read_officer_series(&raw.join("ecom185-workforce/open-data-table-police-workforce-260723.ods"))?;
    if !series.rejections.is_empty() {
        return Err(
            format!("{} rows rejected, the first: {:?}", series.rejections.len(), series.rejections.first()).into()
        );
    }
    print!("{}", policing_data::workforce::series_csv(&series));
    Ok(())
}
