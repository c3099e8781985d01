//! Every table in one pass over the documents, and the Frictionless
//! description of a folder of CSV or JSON tables.

use std::io;

use serde_json::{Value, json};

use super::{ColumnType, Format, Row, Table, rows};
use crate::Language;
use crate::load::{Files, Loaded};

/// Reads the documents of `files` once and gives every row of each of
/// `tables` to `sink`, table by table for each document, in the order read
/// (documents are parsed on every core, a batch at a time). What is read
/// that is not a document (a skipped file, a document that could not be
/// loaded) goes to `other`. Stops at the first error of `sink`, reading no
/// further batch, and returns it.
///
/// `childwelfare export --all` writes every table this way: a corpus is read
/// and parsed once however many tables are written.
///
/// ```
/// use std::sync::{Arc, atomic::{AtomicU64, Ordering}};
/// use childwelfare::{Language, export::{self, Table}, load};
///
/// let read = Arc::new(AtomicU64::new(0));
/// let counter = Arc::clone(&read);
/// let files = load::walk(&["data/"])?
///     .with_progress(load::Progress::new(move |n| counter.store(n, Ordering::Relaxed)));
/// let mut rows = std::collections::BTreeMap::new();
/// export::each_row(&files, Language::En, &Table::ALL, |table, _row| {
///     *rows.entry(table.name()).or_insert(0) += 1;
///     Ok(())
/// }, |_other| {})?;
/// assert_eq!(rows.len(), Table::ALL.len());
/// // The programme and its two projects, each read once.
/// assert_eq!(read.load(Ordering::Relaxed), 3);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// The first error `sink` returns.
pub fn each_row(
    files: &Files,
    language: Language,
    tables: &[Table],
    mut sink: impl FnMut(Table, &Row) -> io::Result<()>,
    mut other: impl FnMut(Loaded),
) -> io::Result<()> {
    for loaded in files.batches(64).flatten() {
        match loaded {
            Loaded::Document(document, _) => {
                for &table in tables {
                    for row in rows(&document, table, language) {
                        sink(table, &row)?;
                    }
                }
            }
            loaded => other(loaded),
        }
    }
    Ok(())
}

impl Format {
    /// The file extension of a table in this format: `csv` or `json`.
    ///
    /// ```
    /// assert_eq!(childwelfare::export::Format::Csv.extension(), "csv");
    /// ```
    pub const fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }
}

/// The [Frictionless data package](https://datapackage.org/) that describes
/// `tables` written as `TABLE.csv` (or `.json`) beside it: a resource per
/// table with its table schema (each column's name, type, unit and meaning,
/// from [`Table::columns`]). pandas users, R's `frictionless` package and
/// the Frictionless tools read the types from it; `childwelfare export --all
/// --output DIR` writes it as `DIR/datapackage.json`.
///
/// Lists are strings of `;`-joined values; decimals are exact numbers with
/// a point (`160000.00`); partial dates are strings (`2020-autumn`) beside
/// the ISO dates of their first and last day. Each field also has
/// `childwelfare_type`, the [`ColumnType::name`] (`list`, `partial_date` …).
///
/// ```
/// use childwelfare::export::{self, Format, Table};
///
/// let package = export::datapackage(&Table::ALL, Format::Csv);
/// let events = &package["resources"][0];
/// assert_eq!(events["path"], "events.csv");
/// let attendances = &events["schema"]["fields"][13];
/// assert_eq!(attendances["name"], "attendances");
/// assert_eq!(attendances["type"], "integer");
/// ```
pub fn datapackage(tables: &[Table], format: Format) -> Value {
    let resources: Vec<Value> = tables
        .iter()
        .map(|table| {
            let fields: Vec<Value> = table
                .columns()
                .iter()
                .map(|column| {
                    let mut field = json!({
                        "name": column.name,
                        "type": column.kind.frictionless(),
                        "description": column.description,
                        // The crate's own type (a property Frictionless tools pass over):
                        // `list` and `partial_date` are strings to them.
                        "childwelfare_type": column.kind.name(),
                    });
                    if let Some(unit) = column.unit {
                        field["unit"] = json!(unit);
                    }
                    match column.kind {
                        ColumnType::Boolean => {
                            field["trueValues"] = json!(["true"]);
                            field["falseValues"] = json!(["false"]);
                        }
                        ColumnType::Integer => field["constraints"] = json!({"minimum": 0}),
                        ColumnType::List => {
                            field["description"] = json!(format!("{} (joined with `;`)", column.description))
                        }
                        _ => {}
                    }
                    field
                })
                .collect();
            let mut resource = json!({
                "name": table.name(),
                "path": format!("{}.{}", table.name(), format.extension()),
                "description": table.description(),
                "schema": {"fields": fields, "missingValues": [""]},
            });
            match format {
                Format::Csv => {
                    resource["format"] = json!("csv");
                    resource["mediatype"] = json!("text/csv");
                    resource["encoding"] = json!("utf-8");
                }
                Format::Json => {
                    resource["format"] = json!("json");
                    resource["mediatype"] = json!("application/json");
                }
            }
            resource
        })
        .collect();
    json!({
        "name": "childwelfare-export",
        "title": "Child-welfare development projects: tidy tables",
        "description": concat!(
            "Written by childwelfare ", env!("CARGO_PKG_VERSION"), ". In CSV, a text that a spreadsheet ",
            "would run as a formula (starting with =, +, -, @, tab or carriage return) has a ' before it ",
            "unless the export was asked for raw text."
        ),
        "resources": resources,
    })
}
