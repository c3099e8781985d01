//! The native part of the `childwelfare` Python package: a thin layer over
//! the library's public API. Each function reads the documents with the GIL
//! released and hands back plain Python data (JSON texts, lists of cells);
//! the Python part (`pysrc/childwelfare/__init__.py`) turns them into
//! dicts and DataFrames. No rule, figure or message is made here: they are
//! the library's, as the command-line tool shows them.

use std::path::PathBuf;

use childwelfare::aggregate::Aggregator;
use childwelfare::export::{self, Cell, Row};
use childwelfare::{Document, Language, load, report, validation};
use pyo3::create_exception;
use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyList;

create_exception!(
    _native,
    DocumentError,
    PyValueError,
    "A document that could not be read: its message is the command-line tool's (file, line, column, path, \
     what), and its attributes `file`, `line`, `column` and `path` say where."
);

/// Why a call failed, before it becomes a Python exception.
enum Failure {
    /// The paths cannot be read at all (a missing file, a folder that
    /// cannot be listed).
    Paths(String),
    /// A document that could not be loaded.
    Document(Box<load::LoadError>),
    /// A bad argument (an unknown table or language).
    Argument(String),
}

impl Failure {
    fn into_py(self, py: Python<'_>) -> PyErr {
        match self {
            Failure::Paths(message) => PyOSError::new_err(message),
            Failure::Argument(message) => PyValueError::new_err(message),
            Failure::Document(error) => {
                let err = DocumentError::new_err(error.to_string());
                let value = err.value(py);
                let origin = error.origin();
                let (line, column, path) = match error.as_ref() {
                    load::LoadError::Parse { source, .. } => {
                        // In a JSON Lines file the document is one line: its
                        // line is the file's.
                        (origin.line.or(source.line()), source.column(), Some(source.pointer()))
                    }
                    _ => (origin.line, None, None),
                };
                let _ = value.setattr("file", origin.file.display().to_string());
                let _ = value.setattr("line", line);
                let _ = value.setattr("column", column);
                let _ = value.setattr("path", path);
                err
            }
        }
    }
}

fn language(code: &str) -> Result<Language, Failure> {
    code.parse::<Language>().map_err(|error| Failure::Argument(error.to_string()))
}

/// Every document under `paths` (the bundled seed data for `None`), in the
/// order read, and the notes on files skipped; the first document that
/// cannot be loaded stops the reading.
fn each_document(paths: Option<Vec<PathBuf>>, mut each: impl FnMut(Document)) -> Result<Vec<String>, Failure> {
    let Some(paths) = paths else {
        childwelfare::data::seed().into_iter().for_each(each);
        return Ok(Vec::new());
    };
    let files = load::walk(&paths).map_err(|error| Failure::Paths(error.to_string()))?;
    let mut notes: Vec<String> = files.skipped.iter().map(ToString::to_string).collect();
    for loaded in files.batches(64).flatten() {
        match loaded {
            load::Loaded::Document(document, _) => each(*document),
            load::Loaded::Skipped(skipped) => notes.push(skipped.to_string()),
            load::Loaded::Failed(error) => return Err(Failure::Document(Box::new(error))),
            _ => {}
        }
    }
    Ok(notes)
}

/// The documents under `paths` as JSON texts (as `Document::to_json`
/// writes them), and notes on the files skipped.
#[pyfunction]
#[pyo3(name = "load", signature = (paths=None))]
fn load_documents(py: Python<'_>, paths: Option<Vec<PathBuf>>) -> PyResult<(Vec<String>, Vec<String>)> {
    py.detach(|| {
        let mut documents = Vec::new();
        let notes = each_document(paths, |document| documents.push(document.to_json()))?;
        Ok((documents, notes))
    })
    .map_err(|failure: Failure| failure.into_py(py))
}

/// The validation report of the documents under `paths` as JSON (as
/// `childwelfare validate --format json` writes it), and notes on the files
/// skipped.
#[pyfunction]
#[pyo3(name = "validate", signature = (paths=None))]
fn validate_documents(py: Python<'_>, paths: Option<Vec<PathBuf>>) -> PyResult<(String, Vec<String>)> {
    py.detach(|| {
        let Some(paths) = paths else {
            return Ok((validation::validate_documents(&childwelfare::data::seed()).to_json(), Vec::new()));
        };
        let files = load::walk(&paths).map_err(|error| Failure::Paths(error.to_string()))?;
        let found = validation::validate_files(&files);
        // A file that holds no document at all is the caller's mistake, as
        // in the command-line tool; a file that cannot be read is in the
        // report already.
        if let Some(error) = found.unusable.iter().find(|e| !matches!(e, load::LoadError::Read { .. })) {
            return Err(Failure::Document(Box::new(error.clone())));
        }
        let notes = found.skipped.iter().map(ToString::to_string).collect();
        Ok((found.report.to_json(), notes))
    })
    .map_err(|failure: Failure| failure.into_py(py))
}

/// The summary of the documents under `paths` as JSON (as `childwelfare
/// report --format json` writes it), its tidy table (as `report --format
/// csv` writes it) as column names and rows of cells, and notes on the
/// files skipped.
#[pyfunction]
#[pyo3(signature = (paths=None, lang="fi", explain=false))]
fn summarise(
    py: Python<'_>,
    paths: Option<Vec<PathBuf>>,
    lang: &str,
    explain: bool,
) -> PyResult<(String, Py<PyAny>, Vec<String>)> {
    let (json, tidy, notes) = py
        .detach(|| {
            let language = language(lang)?;
            let mut aggregator = Aggregator::new().explain(explain).language(language);
            let notes = each_document(paths, |document| aggregator.add(&document))?;
            let summary = aggregator.finish();
            let options = report::Options::new(report::Format::Json).explain(explain).language(language);
            Ok((report::render_with(&summary, &options), report::tidy(&summary), notes))
        })
        .map_err(|failure: Failure| failure.into_py(py))?;
    Ok((json, columns(py, &tidy, &[])?, notes))
}

/// The rows of the export table `name` of the documents under `paths`, as
/// `(column names, columns of cells)`, each column's type and pandas dtype (from
/// `export::Table::columns`), and notes on the files skipped.
#[pyfunction]
#[pyo3(name = "table", signature = (name, paths=None, lang="fi"))]
fn table_rows(
    py: Python<'_>,
    name: &str,
    paths: Option<Vec<PathBuf>>,
    lang: &str,
) -> PyResult<(Py<PyAny>, Vec<ColumnTypes>, Vec<String>)> {
    let (table, rows, notes) = py
        .detach(|| {
            let table = name.parse::<export::Table>().map_err(|error| Failure::Argument(error.to_string()))?;
            let language = language(lang)?;
            let mut rows = Vec::new();
            let notes = each_document(paths, |document| rows.extend(export::rows(&document, table, language)))?;
            Ok((table, rows, notes))
        })
        .map_err(|failure: Failure| failure.into_py(py))?;
    // Each column's type and pandas dtype, from the table's one description.
    let dtypes: Vec<ColumnTypes> =
        table.columns().iter().map(|column| (column.name, column.kind.name(), column.kind.pandas_dtype())).collect();
    Ok((columns(py, &rows, &dtypes)?, dtypes, notes))
}

/// A column's name, its type (`export::ColumnType::name`) and its pandas dtype.
type ColumnTypes = (&'static str, &'static str, &'static str);

/// Rows as `(names, columns)`: a list of column names and a list of
/// columns, each a list of values (`None`, `str`, `int` or `bool`); the
/// columns whose type `kinds` names a list hold Python lists of the items
/// (the crate joins them with `;` in a cell).
fn columns(py: Python<'_>, rows: &[Row], kinds: &[ColumnTypes]) -> PyResult<Py<PyAny>> {
    let names: Vec<&str> = rows.first().map(|row| row.columns().collect()).unwrap_or_default();
    let lists: Vec<bool> = names.iter().map(|name| kinds.iter().any(|k| k.0 == *name && k.1 == "list")).collect();
    let mut columns: Vec<Vec<Py<PyAny>>> = names.iter().map(|_| Vec::with_capacity(rows.len())).collect();
    // Ids, codes and labels repeat down a column: each distinct text is made
    // a Python string once (up to a few thousand a column).
    let mut made: Vec<std::collections::HashMap<&str, Py<PyAny>>> = names.iter().map(|_| Default::default()).collect();
    for row in rows {
        for (((column, (_, value)), &list), made) in columns.iter_mut().zip(row.cells()).zip(&lists).zip(&mut made) {
            column.push(match (list, value) {
                (true, Cell::Text(text)) => PyList::new(py, text.split(';'))?.into_any().unbind(),
                (true, _) => PyList::empty(py).into_any().unbind(),
                (false, Cell::Text(text)) => match made.get(text.as_str()) {
                    Some(object) => object.clone_ref(py),
                    None => {
                        let object = cell(py, value)?;
                        if made.len() < 4096 {
                            made.insert(text, object.clone_ref(py));
                        }
                        object
                    }
                },
                (false, value) => cell(py, value)?,
            });
        }
    }
    let columns: Vec<Bound<'_, PyList>> =
        columns.into_iter().map(|column| PyList::new(py, column)).collect::<PyResult<_>>()?;
    Ok((names, columns).into_pyobject(py)?.into_any().unbind())
}

fn cell(py: Python<'_>, cell: &Cell) -> PyResult<Py<PyAny>> {
    Ok(match cell {
        Cell::Text(text) => text.into_pyobject(py)?.into_any().unbind(),
        Cell::Number(number) => number.into_pyobject(py)?.into_any().unbind(),
        Cell::Bool(value) => value.into_pyobject(py)?.to_owned().into_any().unbind(),
        Cell::Date(date) => date.format("%Y-%m-%d").to_string().into_pyobject(py)?.into_any().unbind(),
        _ => py.None(),
    })
}

/// The native module, `childwelfare._native`.
#[pymodule]
#[pyo3(name = "_native")]
fn native(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_function(wrap_pyfunction!(load_documents, module)?)?;
    module.add_function(wrap_pyfunction!(validate_documents, module)?)?;
    module.add_function(wrap_pyfunction!(summarise, module)?)?;
    module.add_function(wrap_pyfunction!(table_rows, module)?)?;
    module.add("DocumentError", module.py().get_type::<DocumentError>())?;
    module.add("TABLES", export::Table::ALL.iter().map(|t| t.name()).collect::<Vec<_>>())?;
    module.add("SCHEMA_VERSION", childwelfare::SCHEMA_VERSION.to_string())?;
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
