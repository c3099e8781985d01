//! Tidy tables for spreadsheets and data tools: one observation per row,
//! stable column names, a figure's exactness in a column of its own, text in
//! the chosen language.
//!
//! Rows are made one document at a time ([`rows`]), so that a large JSON
//! Lines file is exported without holding it in memory; [`CsvWriter`] and
//! [`JsonWriter`] write them.
//!
//! # Text that a spreadsheet would run
//!
//! A spreadsheet opening a CSV file runs a cell that starts with `=`, `+`,
//! `-` or `@` (and, in some, a tab or a carriage return) as a formula: a
//! project named `=HYPERLINK("http://…","Click")` would become a live link.
//! As [OWASP advises](https://owasp.org/www-community/attacks/CSV_Injection),
//! [`CsvWriter`] writes such a *text* cell with a `'` before it
//! (`'=HYPERLINK(…)`), which spreadsheets show as the text itself; numbers,
//! yes/no values and texts that start otherwise are written as they are
//! (every number the tables hold is zero or more, so none starts with `-`).
//! [`CsvWriter::raw_text`] turns this off, for tools that read the CSV as
//! data rather than as a spreadsheet. JSON is not a spreadsheet format:
//! [`JsonWriter`] always writes texts unchanged.
//!
//! ```
//! use childwelfare::{Language, data, export};
//!
//! let mut csv = export::CsvWriter::new(Vec::new());
//! for document in data::seed() {
//!     for row in export::rows(&document, export::Table::Events, Language::Fi) {
//!         csv.write(&row)?;
//!     }
//! }
//! let text = String::from_utf8(csv.finish()?)?;
//! assert!(text.starts_with("project,event,title,status,kinds,"));
//! assert!(text.contains("lumo,lumo-ev-yta-all,"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::borrow::Cow;
use std::fmt;
use std::io::Write;
use std::str::FromStr;

use serde::Serialize;

mod additions;
mod all;
mod columns;
#[cfg(feature = "parquet")]
pub mod parquet;
mod rows;
#[cfg(feature = "xlsx")]
pub mod xlsx;

pub use all::{datapackage, each_row};
pub use columns::{Column, ColumnType};
pub use rows::rows;

/// The tables that can be exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Table {
    /// Events with their participation; `counted` marks the figures a
    /// project total adds (the others are part of a counted one).
    Events,
    /// Objectives with their judgements (a row per judgement; an objective
    /// no assessment judges has one row without a rating).
    Objectives,
    /// Outputs.
    Outputs,
    /// Measures.
    Measures,
    /// Funding parts of projects and of their regional parts, and the rests
    /// of budgets not broken down into parts, as the report counts them
    /// (`counted_in_report`, the amount computed from a share where the
    /// total is known, `amount_source`).
    FundingParts,
    /// Implementers with their roles (a row per role).
    Implementers,
    /// Projects, one row each; `outputs` are produced items ("at least"
    /// where a record has no count), `unjudged_objectives` is empty when no
    /// objectives are recorded.
    Projects,
    /// Where each event goes in each participation table of the report
    /// (see [`aggregate::Placement`](crate::aggregate::Placement)): a row per
    /// event, table and group, with what its figures add there. Every
    /// participation table of the report is a group-by of these rows on
    /// `dimension` and `group` (`docs/counting.md`, and the pandas and
    /// DuckDB rebuilds in `examples/`).
    Placements,
    /// Participant groups of events (since schema 1.2), a row per group
    /// and event; `attendances_counted` and `distinct_people_counted` mark
    /// the figures the participant-group summary adds.
    ParticipantGroups,
    /// Milestones, with the first and last possible day of each and the
    /// days from the application (a range where dates are partial).
    Milestones,
    /// Regional parts, with their kind, area, sectors, themes and budget.
    RegionalParts,
}

impl Table {
    /// Every table.
    pub const ALL: [Table; 11] = [
        Table::Events,
        Table::Objectives,
        Table::Outputs,
        Table::Measures,
        Table::FundingParts,
        Table::Implementers,
        Table::Projects,
        Table::Placements,
        Table::ParticipantGroups,
        Table::Milestones,
        Table::RegionalParts,
    ];

    /// The table's name: `events`, `objectives`, `outputs`, `measures`,
    /// `funding_parts`, `implementers`, `projects`, `placements`.
    pub const fn name(self) -> &'static str {
        match self {
            Table::Events => "events",
            Table::Objectives => "objectives",
            Table::Outputs => "outputs",
            Table::Measures => "measures",
            Table::FundingParts => "funding_parts",
            Table::Implementers => "implementers",
            Table::Projects => "projects",
            Table::Placements => "placements",
            Table::ParticipantGroups => "participant_groups",
            Table::Milestones => "milestones",
            Table::RegionalParts => "regional_parts",
        }
    }
}

impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A table name that is not one of [`Table::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown table `{0}`, expected one of events, objectives, outputs, measures, funding_parts, implementers, projects, placements, participant_groups, milestones, regional_parts"
)]
pub struct UnknownTable(String);

impl FromStr for Table {
    type Err = UnknownTable;

    fn from_str(name: &str) -> Result<Self, UnknownTable> {
        Table::ALL.into_iter().find(|t| t.name() == name).ok_or_else(|| UnknownTable(name.to_owned()))
    }
}

/// One value of an exported row.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Cell {
    /// Nothing stated (an empty CSV field, `null` in JSON).
    Empty,
    /// Text.
    Text(String),
    /// A whole number.
    Number(u64),
    /// Yes or no.
    Bool(bool),
    /// A calendar day (written `2020-09-01`).
    Date(chrono::NaiveDate),
}

impl fmt::Display for Cell {
    /// Empty, the text, the number, `true` or `false` (as [`CsvWriter`]
    /// writes it with [`raw_text`](CsvWriter::raw_text); by default a text a
    /// spreadsheet would run as a formula gets a `'` before it).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cell::Empty => Ok(()),
            Cell::Text(text) => f.write_str(text),
            Cell::Number(number) => write!(f, "{number}"),
            Cell::Bool(value) => write!(f, "{value}"),
            Cell::Date(date) => write!(f, "{}", date.format("%Y-%m-%d")),
        }
    }
}

impl Serialize for Cell {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Cell::Empty => serializer.serialize_none(),
            Cell::Text(text) => serializer.serialize_str(text),
            Cell::Number(number) => serializer.serialize_u64(*number),
            Cell::Bool(value) => serializer.serialize_bool(*value),
            Cell::Date(date) => serializer.collect_str(&date.format("%Y-%m-%d")),
        }
    }
}

impl From<&str> for Cell {
    /// Text; an empty string is [`Cell::Empty`].
    fn from(text: &str) -> Self {
        if text.is_empty() { Cell::Empty } else { Cell::Text(text.to_owned()) }
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        if text.is_empty() { Cell::Empty } else { Cell::Text(text) }
    }
}

impl From<&crate::Id> for Cell {
    fn from(id: &crate::Id) -> Self {
        Cell::Text(id.to_string())
    }
}

impl From<u64> for Cell {
    fn from(number: u64) -> Self {
        Cell::Number(number)
    }
}

impl From<usize> for Cell {
    fn from(number: usize) -> Self {
        Cell::Number(number as u64)
    }
}

impl From<bool> for Cell {
    fn from(value: bool) -> Self {
        Cell::Bool(value)
    }
}

impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(value: Option<T>) -> Self {
        value.map_or(Cell::Empty, Into::into)
    }
}

/// One row of an exported table: column names and values in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row(Vec<(&'static str, Cell)>);

impl Row {
    /// A row of these columns and values, in order.
    pub(crate) fn from_cells(cells: Vec<(&'static str, Cell)>) -> Row {
        Row(cells)
    }

    /// The column names.
    pub fn columns(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.0.iter().map(|(name, _)| *name)
    }

    /// The value of a column.
    pub fn get(&self, column: &str) -> Option<&Cell> {
        self.0.iter().find(|(name, _)| *name == column).map(|(_, value)| value)
    }

    /// The columns' names and values, in order.
    ///
    /// ```
    /// use childwelfare::{Language, data, export};
    ///
    /// let lumo = data::seed().into_iter().find(|d| d.id() == "lumo").unwrap();
    /// let rows = export::rows(&lumo, export::Table::Projects, Language::Fi);
    /// let (name, value) = rows[0].cells().next().unwrap();
    /// assert_eq!((name, value.to_string().as_str()), ("project", "lumo"));
    /// ```
    pub fn cells(&self) -> impl Iterator<Item = (&'static str, &Cell)> + '_ {
        self.0.iter().map(|(name, value)| (*name, value))
    }
}

impl Serialize for Row {
    /// An object of the columns, in order.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, value) in &self.0 {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

/// Writes rows as CSV (UTF-8, a header row from the first row's columns).
///
/// A text cell that starts with a character a spreadsheet would run as a
/// formula (`=`, `+`, `-`, `@`, tab, carriage return) is written with a `'`
/// before it, unless [`raw_text`](CsvWriter::raw_text) asks otherwise; see
/// [the module docs](self#text-that-a-spreadsheet-would-run).
///
/// ```
/// use childwelfare::{Document, Language, Text, data, export};
///
/// let mut lumo = data::lumo();
/// lumo.name = Text::fi("=HYPERLINK(\"http://example.com\",\"Click\")");
/// let rows = export::rows(&Document::from(lumo), export::Table::Projects, Language::Fi);
///
/// let mut csv = export::CsvWriter::new(Vec::new());
/// csv.write(&rows[0])?;
/// let text = String::from_utf8(csv.finish()?)?;
/// assert!(text.contains("\nlumo,\"'=HYPERLINK(\"\"http://example.com\"\",\"\"Click\"\")\",ended,"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct CsvWriter<W: Write> {
    writer: csv::Writer<W>,
    header: bool,
    raw_text: bool,
    /// The header to write when no row comes (a table described).
    columns: Option<&'static [Column]>,
}

/// The characters that make a spreadsheet run a cell as a formula (OWASP's list).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

impl<W: Write> CsvWriter<W> {
    /// A writer to `out`, guarding against formulas.
    pub fn new(out: W) -> Self {
        CsvWriter { writer: csv::Writer::from_writer(out), header: false, raw_text: false, columns: None }
    }

    /// With `true`, texts are written as they are, even those a spreadsheet
    /// would run as a formula (for tools that read the CSV as data); with
    /// `false` (the default), such a text gets a `'` before it.
    ///
    /// ```
    /// use childwelfare::{Document, Language, Text, data, export};
    ///
    /// let mut lumo = data::lumo();
    /// lumo.name = Text::fi("-1+2");
    /// let rows = export::rows(&Document::from(lumo), export::Table::Projects, Language::Fi);
    /// let csv = |raw: bool| -> Result<String, Box<dyn std::error::Error>> {
    ///     let mut csv = export::CsvWriter::new(Vec::new()).raw_text(raw);
    ///     csv.write(&rows[0])?;
    ///     Ok(String::from_utf8(csv.finish()?)?)
    /// };
    /// assert!(csv(false)?.contains("\nlumo,'-1+2,ended,"));
    /// assert!(csv(true)?.contains("\nlumo,-1+2,ended,"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn raw_text(mut self, raw: bool) -> Self {
        self.raw_text = raw;
        self
    }

    /// Writes a row (and, before the first, the header).
    ///
    /// # Errors
    /// When writing fails.
    pub fn write(&mut self, row: &Row) -> Result<(), csv::Error> {
        if !self.header {
            self.writer.write_record(row.columns())?;
            self.header = true;
        }
        let raw = self.raw_text;
        self.writer.write_record(row.0.iter().map(|(_, value)| match value {
            Cell::Text(text) if !raw && text.starts_with(FORMULA_STARTS) => Cow::Owned(format!("'{text}").into_bytes()),
            Cell::Text(text) => Cow::Borrowed(text.as_bytes()),
            other => Cow::Owned(other.to_string().into_bytes()),
        }))
    }

    /// Writes `table`'s rows: with none, the file is still its header (its
    /// columns as [`Table::columns`] describes them), so that a reader
    /// finds the columns of an empty table.
    ///
    /// ```
    /// use childwelfare::export::{CsvWriter, Table};
    ///
    /// let csv = CsvWriter::new(Vec::new()).table(Table::Milestones).finish()?;
    /// assert!(String::from_utf8(csv).unwrap().starts_with("project,kind,date,"));
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn table(mut self, table: Table) -> Self {
        self.columns = Some(table.columns());
        self
    }

    /// Flushes and returns the output.
    ///
    /// # Errors
    /// When flushing fails.
    pub fn finish(mut self) -> Result<W, std::io::Error> {
        if let (false, Some(columns)) = (self.header, self.columns) {
            self.writer.write_record(columns.iter().map(|c| c.name)).map_err(std::io::Error::other)?;
        }
        self.writer.into_inner().map_err(csv::IntoInnerError::into_error)
    }
}

/// Writes rows as a JSON array of objects, one row at a time.
#[derive(Debug)]
pub struct JsonWriter<W: Write> {
    out: W,
    rows: u64,
}

impl<W: Write> JsonWriter<W> {
    /// A writer to `out`.
    pub fn new(out: W) -> Self {
        JsonWriter { out, rows: 0 }
    }

    /// Writes a row.
    ///
    /// # Errors
    /// When writing fails.
    pub fn write(&mut self, row: &Row) -> std::io::Result<()> {
        self.out.write_all(if self.rows == 0 { b"[\n  " } else { b",\n  " })?;
        serde_json::to_writer(&mut self.out, row)?;
        self.rows += 1;
        Ok(())
    }

    /// Closes the array and returns the output.
    ///
    /// # Errors
    /// When writing fails.
    pub fn finish(mut self) -> std::io::Result<W> {
        self.out.write_all(if self.rows == 0 { b"[]\n" } else { b"\n]\n" })?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::rows::Builder;
    use super::*;

    fn csv_line(row: &Row, raw: bool) -> String {
        let mut csv = CsvWriter::new(Vec::new()).raw_text(raw);
        csv.write(row).unwrap();
        let text = String::from_utf8(csv.finish().unwrap()).unwrap();
        text.lines().nth(1).unwrap().to_owned()
    }

    #[test]
    fn every_formula_character_is_guarded_in_text_only() {
        for start in FORMULA_STARTS {
            let text = format!("{start}1+1");
            let row = Builder::new().col("text", text.as_str()).col("number", 7_u64).done();
            let guarded = csv_line(&row, false);
            let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(guarded.as_bytes());
            let record = reader.records().next().unwrap().unwrap();
            assert_eq!(&record[0], format!("'{text}"), "{start:?}");
            assert_eq!(&record[1], "7");
            let raw = csv_line(&row, true);
            let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(raw.as_bytes());
            assert_eq!(&reader.records().next().unwrap().unwrap()[0], text, "{start:?}");
        }
        let plain = Builder::new().col("text", "1 = 1").col("bool", false).done();
        assert_eq!(csv_line(&plain, false), "1 = 1,false");
    }
}

/// The formats rows are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// CSV with a header row.
    Csv,
    /// A JSON array of objects.
    Json,
}

/// Writes rows in either [`Format`].
#[derive(Debug)]
#[non_exhaustive]
pub enum Writer<W: Write> {
    /// CSV.
    Csv(Box<CsvWriter<W>>),
    /// JSON.
    Json(JsonWriter<W>),
}

impl<W: Write> Writer<W> {
    /// A writer of `format` to `out`.
    pub fn new(format: Format, out: W) -> Self {
        match format {
            Format::Csv => Writer::Csv(Box::new(CsvWriter::new(out))),
            Format::Json => Writer::Json(JsonWriter::new(out)),
        }
    }

    /// Writes `table`'s rows: a CSV file with no row is still its header
    /// (see [`CsvWriter::table`]).
    pub fn table(self, table: Table) -> Self {
        match self {
            Writer::Csv(writer) => Writer::Csv(Box::new(writer.table(table))),
            other => other,
        }
    }

    /// With `true`, CSV texts are written as they are, even those a
    /// spreadsheet would run as a formula ([`CsvWriter::raw_text`]); JSON
    /// texts are always written as they are.
    #[must_use]
    pub fn raw_text(self, raw: bool) -> Self {
        match self {
            Writer::Csv(writer) => Writer::Csv(Box::new(writer.raw_text(raw))),
            json @ Writer::Json(_) => json,
        }
    }

    /// Writes a row.
    ///
    /// # Errors
    /// When writing fails; the error keeps the kind of the I/O error (a
    /// closed pipe is [`BrokenPipe`](std::io::ErrorKind::BrokenPipe)).
    pub fn write(&mut self, row: &Row) -> std::io::Result<()> {
        match self {
            Writer::Csv(writer) => writer.write(row).map_err(|error| {
                if !error.is_io_error() {
                    return std::io::Error::other(error);
                }
                match error.into_kind() {
                    csv::ErrorKind::Io(error) => error,
                    other => std::io::Error::other(format!("{other:?}")),
                }
            }),
            Writer::Json(writer) => writer.write(row),
        }
    }

    /// Finishes the output and returns it.
    ///
    /// # Errors
    /// When writing fails.
    pub fn finish(self) -> std::io::Result<W> {
        match self {
            Writer::Csv(writer) => writer.finish(),
            Writer::Json(writer) => writer.finish(),
        }
    }
}
