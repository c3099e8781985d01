//! Every table as a sheet of one Excel workbook (feature `xlsx`, on in the
//! command-line tool), written with [`rust_xlsxwriter`].
//!
//! The first sheet, `about`, says which crate version wrote the workbook
//! and what each table and column means; then comes a sheet per table, its
//! header frozen and filters on every column. Cells are typed from
//! [`Table::columns`]: numbers are numbers (amounts and shares with two
//! decimals), yes/no are booleans, dates are dates (`yyyy-mm-dd`), lists
//! are texts joined with `; `, and every text is a text cell, never a
//! formula, so no guard against formulas is needed.
//!
//! ```
//! use childwelfare::{Language, data, export::{self, Table, xlsx::Workbook}};
//!
//! let mut workbook = Workbook::new(&Table::ALL, Language::En);
//! for document in data::seed() {
//!     for table in Table::ALL {
//!         for row in export::rows(&document, table, Language::En) {
//!             workbook.write(table, &row)?;
//!         }
//!     }
//! }
//! let bytes = workbook.finish()?;
//! assert_eq!(&bytes[..2], b"PK"); // a zip archive, as every .xlsx
//! # Ok::<(), std::io::Error>(())
//! ```

use std::io;

use rust_xlsxwriter::{ExcelDateTime, Format, Worksheet, XlsxError};

use super::{Cell, ColumnType, Row, Table};
use crate::Language;

/// The most rows a sheet holds, its header included (Excel's limit): a
/// table with more is refused with an error that says to export it as CSV
/// or Parquet.
///
/// ```
/// assert_eq!(childwelfare::export::xlsx::MAX_ROWS, 1 << 20);
/// ```
pub const MAX_ROWS: u32 = 1_048_576;

/// A workbook being written: a sheet per table, filled a row at a time.
///
/// Only the tables it was made with have a sheet:
///
/// ```
/// use childwelfare::{Document, Language, data, export::{self, Table, xlsx::Workbook}};
///
/// let lumo = Document::from(data::lumo());
/// let mut workbook = Workbook::new(&[Table::Projects], Language::Fi);
/// workbook.write(Table::Projects, &export::rows(&lumo, Table::Projects, Language::Fi)[0])?;
/// let event = &export::rows(&lumo, Table::Events, Language::Fi)[0];
/// assert!(workbook.write(Table::Events, event).is_err());
/// assert!(workbook.finish()?.starts_with(b"PK"));
/// # Ok::<(), std::io::Error>(())
/// ```
pub struct Workbook {
    language: Language,
    sheets: Vec<Sheet>,
    header: Format,
    decimal: Format,
    date: Format,
}

impl std::fmt::Debug for Workbook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let tables: Vec<Table> = self.sheets.iter().map(|s| s.table).collect();
        f.debug_struct("Workbook").field("tables", &tables).field("language", &self.language).finish()
    }
}

struct Sheet {
    table: Table,
    worksheet: Worksheet,
    /// Rows written, the header included.
    rows: u32,
}

fn error(what: impl std::fmt::Display, error: &XlsxError) -> io::Error {
    let kind = match error {
        XlsxError::IoError(error) => error.kind(),
        XlsxError::RowColumnLimitError | XlsxError::MaxStringLengthExceeded => io::ErrorKind::InvalidData,
        _ => io::ErrorKind::Other,
    };
    io::Error::new(kind, format!("{what}: {error}"))
}

impl Workbook {
    /// A workbook of `tables`, each with its header row; `language` is
    /// the language the texts were exported in (the `about` sheet says so).
    pub fn new(tables: &[Table], language: Language) -> Self {
        let header = Format::new().set_bold();
        let sheets = tables
            .iter()
            .map(|&table| {
                let mut worksheet = Worksheet::new();
                // Names, headers and widths are within Excel's limits: these cannot fail.
                let _ = worksheet.set_name(table.name());
                for (index, column) in (0_u16..).zip(table.columns()) {
                    let _ = worksheet.write_string_with_format(0, index, column.name, &header);
                    let width = column.name.len().clamp(10, 30) as f64 + 2.0;
                    let _ = worksheet.set_column_width(index, width);
                }
                let _ = worksheet.set_freeze_panes(1, 0);
                Sheet { table, worksheet, rows: 1 }
            })
            .collect();
        Workbook {
            language,
            sheets,
            header,
            decimal: Format::new().set_num_format("0.00"),
            date: Format::new().set_num_format("yyyy-mm-dd"),
        }
    }

    /// Writes a row of `table` on its sheet.
    ///
    /// # Errors
    /// When `table` has no sheet in the workbook, the sheet is full
    /// ([`MAX_ROWS`]), or a text is longer than Excel allows (32 767
    /// characters): [`InvalidData`](io::ErrorKind::InvalidData), naming the
    /// table.
    pub fn write(&mut self, table: Table, row: &Row) -> io::Result<()> {
        let Some(sheet) = self.sheets.iter_mut().find(|s| s.table == table) else {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, format!("the workbook has no sheet {table}")));
        };
        if sheet.rows >= MAX_ROWS {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "the {table} table has more rows than an Excel sheet holds ({MAX_ROWS}); export it as CSV or Parquet"
                ),
            ));
        }
        let at = sheet.rows;
        for ((index, (name, cell)), column) in (0_u16..).zip(&row.0).zip(table.columns()) {
            let ws = &mut sheet.worksheet;
            let written = match (cell, column.kind) {
                (Cell::Empty, _) => continue,
                (Cell::Number(n), ColumnType::Decimal { .. }) => {
                    ws.write_number_with_format(at, index, *n as f64, &self.decimal)
                }
                (Cell::Number(n), _) => ws.write_number(at, index, *n as f64),
                (Cell::Bool(value), _) => ws.write_boolean(at, index, *value),
                (Cell::Date(date), _) => {
                    use chrono::Datelike;
                    let day = u16::try_from(date.year())
                        .ok()
                        .and_then(|year| ExcelDateTime::from_ymd(year, date.month() as u8, date.day() as u8).ok());
                    match day {
                        Some(day) => ws.write_datetime_with_format(at, index, day, &self.date),
                        None => ws.write_string(at, index, cell.to_string()),
                    }
                }
                (Cell::Text(text), ColumnType::Decimal { .. }) => match text.parse::<f64>() {
                    Ok(number) => ws.write_number_with_format(at, index, number, &self.decimal),
                    Err(_) => ws.write_string(at, index, text),
                },
                (Cell::Text(text), ColumnType::List) => ws.write_string(at, index, text.replace(';', "; ")),
                (Cell::Text(text), _) => ws.write_string(at, index, text),
            };
            written.map_err(|e| error(format_args!("{table}.{name}, row {}", at + 1), &e))?;
        }
        sheet.rows += 1;
        Ok(())
    }

    /// The `about` sheet: what wrote the workbook, and every table and
    /// column with its type, unit and meaning.
    fn about(&self) -> Result<Worksheet, XlsxError> {
        let mut about = Worksheet::new();
        about.set_name("about")?;
        about.write_string_with_format(
            0,
            0,
            concat!("Written by childwelfare ", env!("CARGO_PKG_VERSION")),
            &self.header,
        )?;
        about.write_string(
            1,
            0,
            format!("Texts in {}; a sheet per table, a row per observation.", self.language.label(Language::En)),
        )?;
        let headers = ["table", "column", "type", "unit", "meaning"];
        for (index, header) in (0_u16..).zip(headers) {
            about.write_string_with_format(3, index, header, &self.header)?;
        }
        let mut at = 4;
        for sheet in &self.sheets {
            let table = sheet.table;
            about.write_string_with_format(at, 0, table.name(), &self.header)?;
            about.write_string(at, 4, format!("{} ({} rows)", table.description(), sheet.rows - 1))?;
            at += 1;
            for column in table.columns() {
                about.write_string(at, 0, table.name())?;
                about.write_string(at, 1, column.name)?;
                about.write_string(at, 2, column.kind.name())?;
                about.write_string(at, 3, column.unit.unwrap_or(""))?;
                about.write_string(at, 4, column.description)?;
                at += 1;
            }
        }
        about.set_column_width(0, 16)?;
        about.set_column_width(1, 28)?;
        about.set_column_width(2, 14)?;
        about.set_column_width(3, 14)?;
        about.set_column_width(4, 90)?;
        about.set_freeze_panes(4, 0)?;
        Ok(about)
    }

    /// The workbook as the bytes of an `.xlsx` file: the `about` sheet
    /// first, then a sheet per table with filters over its rows.
    ///
    /// # Errors
    /// When the workbook cannot be assembled.
    pub fn finish(self) -> io::Result<Vec<u8>> {
        let mut workbook = rust_xlsxwriter::Workbook::new();
        workbook.push_worksheet(self.about().map_err(|e| error("the about sheet", &e))?);
        for mut sheet in self.sheets {
            let last_column = u16::try_from(sheet.table.columns().len() - 1).unwrap_or(u16::MAX);
            sheet
                .worksheet
                .autofilter(0, 0, sheet.rows - 1, last_column)
                .map_err(|e| error(format_args!("the {} sheet", sheet.table), &e))?;
            workbook.push_worksheet(sheet.worksheet);
        }
        let properties = rust_xlsxwriter::DocProperties::new()
            .set_title("Child-welfare development projects: tidy tables")
            .set_comment(concat!("Written by childwelfare ", env!("CARGO_PKG_VERSION")));
        workbook.set_properties(&properties);
        workbook.save_to_buffer().map_err(|e| error("the workbook", &e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Document, data, export};

    #[test]
    fn a_table_longer_than_a_sheet_is_refused_with_what_to_do_instead() {
        let lumo = Document::from(data::lumo());
        let row = &export::rows(&lumo, Table::Events, Language::Fi)[0];
        let mut workbook = Workbook::new(&[Table::Events], Language::Fi);
        workbook.sheets[0].rows = MAX_ROWS;
        let error = workbook.write(Table::Events, row).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidData);
        assert_eq!(
            error.to_string(),
            "the events table has more rows than an Excel sheet holds (1048576); export it as CSV or Parquet"
        );
    }

    #[test]
    fn a_text_longer_than_excel_allows_is_refused_naming_its_place() {
        let mut lumo = data::lumo();
        lumo.events[0].title = Some(crate::Text::fi("x".repeat(40_000)));
        let row = &export::rows(&Document::from(lumo), Table::Events, Language::Fi)[0];
        let mut workbook = Workbook::new(&[Table::Events], Language::Fi);
        let error = workbook.write(Table::Events, row).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidData);
        assert!(error.to_string().starts_with("events.title, row 2: "), "{error}");
    }
}
