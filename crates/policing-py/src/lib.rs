//! The `policing` Python package's native module, `policing._policing`: runs a
//! command line of the `policing` tool (`policing_cli::tables`) with the GIL
//! released and hands its tables to Python as `pyarrow.Table`s. The package's
//! Python functions (`python/policing/__init__.py`) turn their arguments into
//! that command line: the same columns, types and checks as the tool's CSV,
//! with no logic of their own.

use arrow::pyarrow::IntoPyArrow;
use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;

create_exception!(
    _policing,
    PolicingError,
    PyException,
    "An error of the policing library: the message says what and where."
);
create_exception!(
    _policing,
    UsageError,
    PolicingError,
    "Bad arguments: an unknown force or measure, a period the data do not hold, a bad month."
);
create_exception!(
    _policing,
    DataError,
    PolicingError,
    "Bad data: a file that cannot be read or a row that cannot be counted."
);

/// Runs `policing ARGS...` and returns the tables it writes, as `pyarrow.Table`s.
#[pyfunction]
fn run(py: Python<'_>, args: Vec<String>) -> PyResult<Vec<Py<PyAny>>> {
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let tables = py.detach(|| policing_cli::tables(&refs)).map_err(|f| match f.code {
        2 => UsageError::new_err(f.message),
        _ => DataError::new_err(f.message),
    })?;
    let mut out = Vec::with_capacity(tables.len());
    for t in tables {
        let batch = t.to_record_batch(None).map_err(|e| DataError::new_err(e.to_string()))?;
        let schema = batch.schema();
        let table =
            arrow::pyarrow::Table::try_new(vec![batch], schema).map_err(|e| DataError::new_err(e.to_string()))?;
        out.push(table.into_pyarrow(py)?.unbind());
    }
    Ok(out)
}

/// The native module.
#[pymodule]
fn _policing(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(run, m)?)?;
    m.add("PolicingError", m.py().get_type::<PolicingError>())?;
    m.add("UsageError", m.py().get_type::<UsageError>())?;
    m.add("DataError", m.py().get_type::<DataError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
