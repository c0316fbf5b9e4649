//! What every table reader hands rows to: CSV ([`super::rows`]) and workbooks alike.

use crate::kernel::Result;

/// What a table reader does with rows.
pub trait RowSink {
    /// One row of cells; `line` is the physical line (CSV) or the row number (spreadsheets).
    fn row(&mut self, line: u64, cells: &[String]) -> Result<()>;
    /// A row that could not be read as text (invalid UTF-8).
    fn unreadable(&mut self, line: u64, reason: String);
    /// Whether the header has been found (a workbook's later sheets are then not read).
    #[cfg_attr(not(feature = "spreadsheets"), allow(dead_code, reason = "only the workbook reader asks"))]
    fn has_header(&self) -> bool;
}
