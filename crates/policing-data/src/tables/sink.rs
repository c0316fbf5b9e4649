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
    /// A workbook's sheet `name` is about to be read (`hidden`: a hidden sheet,
    /// read only because it was named); a CSV file has no sheets.
    fn sheet(&mut self, name: &str, hidden: bool) {
        let _ = (name, hidden);
    }
    /// A hidden sheet passed over: a workbook's hidden sheets are read only when named.
    fn hidden_sheet(&mut self, name: &str) {
        let _ = name;
    }
}
