//! Tables as [Apache Parquet](https://parquet.apache.org/) files (feature
//! `parquet`), for DuckDB, polars, pyarrow, pandas and Spark.
//!
//! Each column has the Arrow type of its [`ColumnType`]
//! ([`ColumnType::arrow`]): counts are `int64` (pandas reads a nullable
//! `int64` as `Int64`, not as floats), amounts and shares `decimal128(20,
//! 2)`, dates `date32`, lists `list<string>`, and everything else `string`
//! or `bool`. Every column is nullable and an empty value is null, except
//! a list, which is an empty list. Each field carries its description and
//! unit as field metadata, and the file says which crate version wrote it.
//! The file also carries the metadata pandas reads through pyarrow, so that
//! `pandas.read_parquet` gives counts as `Int64` (nullable integers stay
//! integers), yes/no as `boolean` and texts as `string`.
//!
//! ```
//! use childwelfare::{Language, data, export::{self, Table, parquet::ParquetWriter}};
//!
//! let mut writer = ParquetWriter::new(Table::Events, Vec::new())?;
//! for document in data::seed() {
//!     for row in export::rows(&document, Table::Events, Language::Fi) {
//!         writer.write(&row)?;
//!     }
//! }
//! let bytes = writer.finish()?;
//! assert_eq!(&bytes[..4], b"PAR1");
//! # Ok::<(), std::io::Error>(())
//! ```

use std::collections::HashMap;
use std::io::{self, Write};
use std::sync::Arc;

use arrow_array::builder::{
    ArrayBuilder, BooleanBuilder, Date32Builder, Decimal128Builder, Int64Builder, ListBuilder, StringBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use super::{Cell, ColumnType, Row, Table};

/// Rows gathered before they are handed to the Parquet encoder.
const BATCH_ROWS: usize = 8192;

/// The precision of every decimal column: a `u64` of cents has 20 digits.
const DECIMAL_PRECISION: u8 = 20;
/// The scale of every decimal column (euros with cents, percent with hundredths).
const DECIMAL_SCALE: i8 = 2;

/// The Arrow schema of a table, from [`Table::columns`].
///
/// ```
/// use childwelfare::export::{Table, parquet};
///
/// let schema = parquet::schema(Table::FundingParts);
/// let amount = schema.field_with_name("amount")?;
/// assert_eq!(amount.data_type().to_string(), "Decimal128(20, 2)");
/// assert_eq!(amount.metadata()["unit"], "euros");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn schema(table: Table) -> SchemaRef {
    let fields: Vec<Field> = table
        .columns()
        .iter()
        .map(|column| {
            let data_type = match column.kind {
                ColumnType::Integer => DataType::Int64,
                ColumnType::Decimal { .. } => DataType::Decimal128(DECIMAL_PRECISION, DECIMAL_SCALE),
                ColumnType::Boolean => DataType::Boolean,
                ColumnType::Date => DataType::Date32,
                ColumnType::List => DataType::List(Arc::new(Field::new_list_field(DataType::Utf8, true))),
                _ => DataType::Utf8,
            };
            let mut metadata = HashMap::from([("description".to_owned(), column.description.to_owned())]);
            if let Some(unit) = column.unit {
                metadata.insert("unit".to_owned(), unit.to_owned());
            }
            Field::new(column.name, data_type, true).with_metadata(metadata)
        })
        .collect();
    let metadata = HashMap::from([
        ("pandas".to_owned(), pandas_metadata(table)),
        ("table".to_owned(), table.name().to_owned()),
        ("description".to_owned(), table.description().to_owned()),
        ("written_by".to_owned(), concat!("childwelfare ", env!("CARGO_PKG_VERSION")).to_owned()),
    ]);
    Arc::new(Schema::new_with_metadata(fields, metadata))
}

/// The `pandas` key pyarrow reads to give each column its pandas dtype
/// when a file is read into pandas: nullable integers as `Int64` rather
/// than `float64`, yes/no as `boolean`, texts as `string`.
fn pandas_metadata(table: Table) -> String {
    let columns: Vec<serde_json::Value> = table
        .columns()
        .iter()
        .map(|column| {
            let (pandas_type, numpy_type) = match column.kind {
                ColumnType::Integer => ("int64", "Int64"),
                ColumnType::Decimal { .. } => ("decimal", "object"),
                ColumnType::Boolean => ("boolean", "boolean"),
                ColumnType::Date => ("date", "object"),
                ColumnType::List => ("list[unicode]", "object"),
                _ => ("unicode", "string"),
            };
            let metadata = match column.kind {
                ColumnType::Decimal { .. } => {
                    serde_json::json!({"precision": DECIMAL_PRECISION, "scale": DECIMAL_SCALE})
                }
                _ => serde_json::Value::Null,
            };
            serde_json::json!({
                "name": column.name,
                "field_name": column.name,
                "pandas_type": pandas_type,
                "numpy_type": numpy_type,
                "metadata": metadata,
            })
        })
        .collect();
    serde_json::json!({
        "index_columns": [],
        "column_indexes": [],
        "columns": columns,
        "creator": {"library": "childwelfare", "version": env!("CARGO_PKG_VERSION")},
        "pandas_version": "2.0.0",
    })
    .to_string()
}

/// A column being gathered.
enum Builder {
    Integer(Int64Builder),
    Decimal(Decimal128Builder),
    Text(StringBuilder),
    Boolean(BooleanBuilder),
    Date(Date32Builder),
    List(ListBuilder<StringBuilder>),
}

impl Builder {
    fn new(kind: ColumnType) -> Builder {
        match kind {
            ColumnType::Integer => Builder::Integer(Int64Builder::new()),
            ColumnType::Decimal { .. } => Builder::Decimal(
                Decimal128Builder::new().with_data_type(DataType::Decimal128(DECIMAL_PRECISION, DECIMAL_SCALE)),
            ),
            ColumnType::Boolean => Builder::Boolean(BooleanBuilder::new()),
            ColumnType::Date => Builder::Date(Date32Builder::new()),
            ColumnType::List => Builder::List(ListBuilder::new(StringBuilder::new())),
            _ => Builder::Text(StringBuilder::new()),
        }
    }

    /// Adds a cell; an error names what it expected.
    fn append(&mut self, cell: &Cell) -> Result<(), &'static str> {
        match (self, cell) {
            (Builder::Integer(b), Cell::Empty) => b.append_null(),
            (Builder::Integer(b), Cell::Number(n)) => {
                b.append_value(i64::try_from(*n).map_err(|_| "a number below 2^63")?)
            }
            (Builder::Decimal(b), Cell::Empty) => b.append_null(),
            (Builder::Decimal(b), Cell::Text(text)) => b.append_value(hundredths(text).ok_or("a decimal number")?),
            (Builder::Decimal(b), Cell::Number(n)) => b.append_value(i128::from(*n) * 100),
            (Builder::Text(b), Cell::Empty) => b.append_null(),
            (Builder::Text(b), Cell::Text(text)) => b.append_value(text),
            (Builder::Text(b), other) => b.append_value(other.to_string()),
            (Builder::Boolean(b), Cell::Empty) => b.append_null(),
            (Builder::Boolean(b), Cell::Bool(value)) => b.append_value(*value),
            (Builder::Date(b), Cell::Empty) => b.append_null(),
            (Builder::Date(b), Cell::Date(date)) => b.append_value(days_since_1970(*date)),
            (Builder::List(b), Cell::Empty) => b.append(true),
            (Builder::List(b), Cell::Text(text)) => {
                for item in text.split(';') {
                    b.values().append_value(item);
                }
                b.append(true);
            }
            (Builder::Integer(_), _) => return Err("a whole number"),
            (Builder::Decimal(_), _) => return Err("a decimal number"),
            (Builder::Boolean(_), _) => return Err("true or false"),
            (Builder::Date(_), _) => return Err("a date"),
            (Builder::List(_), _) => return Err("a list of texts"),
        }
        Ok(())
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            Builder::Integer(b) => Arc::new(b.finish()),
            Builder::Decimal(b) => Arc::new(b.finish()),
            Builder::Text(b) => Arc::new(b.finish()),
            Builder::Boolean(b) => Arc::new(b.finish()),
            Builder::Date(b) => Arc::new(b.finish()),
            Builder::List(b) => Arc::new(b.finish()),
        }
    }

    fn len(&self) -> usize {
        match self {
            Builder::Integer(b) => b.len(),
            Builder::Decimal(b) => b.len(),
            Builder::Text(b) => b.len(),
            Builder::Boolean(b) => b.len(),
            Builder::Date(b) => b.len(),
            Builder::List(b) => b.len(),
        }
    }
}

/// `"160000.00"`, `"12.5"` or `"80"` in hundredths; `None` for anything else.
fn hundredths(text: &str) -> Option<i128> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if whole.is_empty() || fraction.len() > 2 || !(whole.bytes().chain(fraction.bytes())).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let fraction: i128 = format!("{fraction:0<2}").parse().ok()?;
    whole.parse::<i128>().ok()?.checked_mul(100)?.checked_add(fraction)
}

fn days_since_1970(date: chrono::NaiveDate) -> i32 {
    // Dates in documents are years 1900–2100: the days fit in an i32.
    i32::try_from((date - chrono::NaiveDate::default()).num_days()).unwrap_or(i32::MAX)
}

/// Writes the rows of one table as a Parquet file (Snappy-compressed), a
/// batch of rows at a time: memory stays bounded however many rows.
///
/// A row of another table is refused, naming the table:
///
/// ```
/// use childwelfare::{Document, Language, data, export::{self, Table, parquet::ParquetWriter}};
///
/// let lumo = Document::from(data::lumo());
/// let mut writer = ParquetWriter::new(Table::Projects, Vec::new())?;
/// writer.write(&export::rows(&lumo, Table::Projects, Language::Fi)[0])?;
/// let event = &export::rows(&lumo, Table::Events, Language::Fi)[0];
/// let error = writer.write(event).unwrap_err();
/// assert_eq!(error.kind(), std::io::ErrorKind::InvalidData);
/// assert!(error.to_string().ends_with("is not a row of the projects table"), "{error}");
/// # Ok::<(), std::io::Error>(())
/// ```
pub struct ParquetWriter<W: Write + Send> {
    table: Table,
    schema: SchemaRef,
    columns: Vec<Builder>,
    writer: ArrowWriter<W>,
}

impl<W: Write + Send> std::fmt::Debug for ParquetWriter<W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ParquetWriter").field("table", &self.table).finish_non_exhaustive()
    }
}

fn io_error(error: impl std::error::Error + Send + Sync + 'static) -> io::Error {
    io::Error::other(error)
}

impl<W: Write + Send> ParquetWriter<W> {
    /// A writer of `table` to `out`.
    ///
    /// # Errors
    /// When the start of the file cannot be written.
    pub fn new(table: Table, out: W) -> io::Result<Self> {
        let schema = schema(table);
        let properties = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_created_by(concat!("childwelfare ", env!("CARGO_PKG_VERSION")).to_owned())
            .build();
        let writer = ArrowWriter::try_new(out, Arc::clone(&schema), Some(properties)).map_err(io_error)?;
        let columns = table.columns().iter().map(|c| Builder::new(c.kind)).collect();
        Ok(ParquetWriter { table, schema, columns, writer })
    }

    /// Writes a row of the table.
    ///
    /// # Errors
    /// When writing fails, or the row is not one of the table's
    /// ([`InvalidData`](io::ErrorKind::InvalidData), naming the column).
    pub fn write(&mut self, row: &Row) -> io::Result<()> {
        if row.0.len() != self.columns.len() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("a row of {} columns is not a row of the {} table", row.0.len(), self.table),
            ));
        }
        for ((name, cell), builder) in row.0.iter().zip(&mut self.columns) {
            builder.append(cell).map_err(|expected| {
                io::Error::new(io::ErrorKind::InvalidData, format!("{}.{name}: expected {expected}", self.table))
            })?;
        }
        if self.columns[0].len() >= BATCH_ROWS {
            self.flush_batch()?;
        }
        Ok(())
    }

    fn flush_batch(&mut self) -> io::Result<()> {
        let arrays: Vec<ArrayRef> = self.columns.iter_mut().map(Builder::finish).collect();
        let batch = RecordBatch::try_new(Arc::clone(&self.schema), arrays).map_err(io_error)?;
        self.writer.write(&batch).map_err(io_error)
    }

    /// Writes what is left and the file's footer; returns the output.
    ///
    /// # Errors
    /// When writing fails.
    pub fn finish(mut self) -> io::Result<W> {
        if self.columns[0].len() > 0 {
            self.flush_batch()?;
        }
        self.writer.into_inner().map_err(io_error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_read_in_hundredths() {
        assert_eq!(hundredths("160000.00"), Some(16_000_000));
        assert_eq!(hundredths("12.5"), Some(1250));
        assert_eq!(hundredths("80"), Some(8000));
        for bad in ["", ".5", "1.234", "-1", "1e3", "1.2.3"] {
            assert_eq!(hundredths(bad), None, "{bad}");
        }
    }
}
