//! Typed tables: the description of each table's columns, the new date
//! and label columns, the data package, and every table in one pass.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use childwelfare::export::{self, Cell, ColumnType, Format, Table};
use childwelfare::{Document, Language, corpus, data, load};

use crate::common::{Scratch, write_corpus};

/// The seed documents and some generated projects.
fn documents() -> Vec<Document> {
    let generator = corpus::Generator::new(7);
    data::seed().into_iter().chain((0..40).map(|i| generator.document(i))).collect()
}

#[test]
fn every_row_has_the_columns_its_table_describes_in_order() {
    for table in Table::ALL {
        let described: Vec<&str> = table.columns().iter().map(|c| c.name).collect();
        let mut rows = 0;
        for language in [Language::Fi, Language::Sv, Language::En] {
            for document in documents() {
                for row in export::rows(&document, table, language) {
                    assert_eq!(row.columns().collect::<Vec<_>>(), described, "{table}");
                    rows += 1;
                }
            }
        }
        assert!(rows > 0, "{table} has rows to check");
    }
}

#[test]
fn every_cell_holds_a_value_of_its_column_type() {
    for table in Table::ALL {
        for document in documents() {
            for row in export::rows(&document, table, Language::En) {
                for column in table.columns() {
                    let cell = row.get(column.name).unwrap();
                    let fits = match (column.kind, cell) {
                        (_, Cell::Empty) => true,
                        (ColumnType::Integer, Cell::Number(_)) => true,
                        (ColumnType::Boolean, Cell::Bool(_)) => true,
                        (ColumnType::Date, Cell::Date(_)) => true,
                        (ColumnType::Decimal { .. }, Cell::Text(text)) => text.parse::<f64>().is_ok(),
                        (ColumnType::PartialDate, Cell::Text(text)) => {
                            text.parse::<childwelfare::PartialDate>().is_ok()
                        }
                        (ColumnType::Text | ColumnType::List, Cell::Text(_)) => true,
                        _ => false,
                    };
                    assert!(fits, "{table}.{}: {cell:?} is not a {}", column.name, column.kind.name());
                }
            }
        }
    }
}

#[test]
fn column_names_are_unique_and_nothing_is_undescribed() {
    for table in Table::ALL {
        let mut names: Vec<&str> = table.columns().iter().map(|c| c.name).collect();
        names.sort_unstable();
        let count = names.len();
        names.dedup();
        assert_eq!(names.len(), count, "{table}");
        assert!(table.columns().iter().all(|c| !c.description.is_empty()), "{table}");
    }
}

#[test]
fn partial_dates_come_with_the_first_and_last_day_they_cover() {
    let mut seen = 0;
    for document in documents() {
        let Document::Project(project) = &document else { continue };
        let rows = export::rows(&document, Table::Events, Language::Fi);
        for (event, row) in project.events.iter().zip(&rows) {
            let start = event.period.and_then(|p| p.start);
            assert_eq!(row.get("start"), Some(&Cell::from(start.map(|d| d.to_string()))));
            assert_eq!(row.get("start_earliest"), Some(&start.map_or(Cell::Empty, |d| Cell::Date(d.earliest()))));
            assert_eq!(row.get("start_latest"), Some(&start.map_or(Cell::Empty, |d| Cell::Date(d.latest()))));
            seen += usize::from(start.is_some());
        }
        let projects = export::rows(&document, Table::Projects, Language::Fi);
        let end = project.period.and_then(|p| p.end);
        assert_eq!(projects[0].get("end_latest"), Some(&end.map_or(Cell::Empty, |d| Cell::Date(d.latest()))));
    }
    assert!(seen > 0);
    // "2020-autumn" covers September to November.
    let autumn: childwelfare::PartialDate = "2020-autumn".parse().unwrap();
    assert_eq!(Cell::Date(autumn.earliest()).to_string(), "2020-09-01");
    assert_eq!(Cell::Date(autumn.latest()).to_string(), "2020-11-30");
}

#[test]
fn county_theme_and_kind_codes_have_labels_in_the_language_asked_for() {
    let lumo = Document::Project(Box::new(data::lumo()));
    for language in [Language::Fi, Language::Sv, Language::En] {
        let rows = export::rows(&lumo, Table::Events, language);
        for (event, row) in data::lumo().events.iter().zip(&rows) {
            let labels = |items: Vec<&str>| Cell::from(items.join(";"));
            assert_eq!(
                row.get("county_labels"),
                Some(&labels(event.counties.iter().map(|c| c.label(language)).collect()))
            );
            assert_eq!(
                row.get("theme_labels"),
                Some(&labels(event.themes.iter().map(|t| t.label(language)).collect()))
            );
            assert_eq!(row.get("kind_labels"), Some(&labels(event.kinds.iter().map(|k| k.label(language)).collect())));
        }
        let outputs = export::rows(&lumo, Table::Outputs, language);
        for (output, row) in data::lumo().outputs.iter().zip(&outputs) {
            assert_eq!(row.get("kind_label"), Some(&Cell::from(output.kind.label(language))));
        }
    }
}

#[test]
fn the_data_package_describes_every_column_of_every_table() {
    let package = export::datapackage(&Table::ALL, Format::Csv);
    let resources = package["resources"].as_array().unwrap();
    assert_eq!(resources.len(), Table::ALL.len());
    for (resource, table) in resources.iter().zip(Table::ALL) {
        assert_eq!(resource["path"], format!("{}.csv", table.name()));
        let fields = resource["schema"]["fields"].as_array().unwrap();
        let names: Vec<&str> = fields.iter().map(|f| f["name"].as_str().unwrap()).collect();
        let described: Vec<&str> = table.columns().iter().map(|c| c.name).collect();
        assert_eq!(names, described);
        for (field, column) in fields.iter().zip(table.columns()) {
            assert_eq!(field["type"], column.kind.frictionless());
        }
    }
}

#[test]
fn every_table_in_one_pass_reads_each_document_once() {
    let dir = Scratch::new("tables-one-pass");
    let path = dir.join("corpus.jsonl");
    write_corpus(&path, 25, None);
    let read = Arc::new(AtomicU64::new(0));
    let counter = Arc::clone(&read);
    let files =
        load::walk(&[&path]).unwrap().with_progress(load::Progress::new(move |n| counter.store(n, Ordering::Relaxed)));
    let mut got: Vec<(Table, export::Row)> = Vec::new();
    export::each_row(
        &files,
        Language::Fi,
        &Table::ALL,
        |table, row| {
            got.push((table, row.clone()));
            Ok(())
        },
        |other| panic!("{other:?}"),
    )
    .unwrap();
    assert_eq!(read.load(Ordering::Relaxed), 25, "each document is read once for all the tables");
    // The same rows as a table at a time.
    let generator = corpus::Generator::new(1);
    for table in Table::ALL {
        let one_pass: Vec<&export::Row> = got.iter().filter(|(t, _)| *t == table).map(|(_, r)| r).collect();
        let each: Vec<export::Row> =
            (0..25).flat_map(|i| export::rows(&generator.document(i), table, Language::Fi)).collect();
        assert_eq!(one_pass, each.iter().collect::<Vec<_>>(), "{table}");
    }
}

#[test]
fn dates_and_lists_are_written_as_before_in_csv_and_json() {
    let lumo = Document::Project(Box::new(data::lumo()));
    let rows = export::rows(&lumo, Table::Events, Language::En);
    let mut json = export::JsonWriter::new(Vec::new());
    for row in &rows {
        json.write(row).unwrap();
    }
    let value: serde_json::Value = serde_json::from_slice(&json.finish().unwrap()).unwrap();
    let first = &value[0];
    assert_eq!(first["kinds"], "training;coaching;info_session;other");
    assert_eq!(first["kind_labels"], "training;coaching;info session;other event");
    let dated = value.as_array().unwrap().iter().find(|row| !row["start"].is_null()).unwrap();
    let start: childwelfare::PartialDate = dated["start"].as_str().unwrap().parse().unwrap();
    assert_eq!(dated["start_earliest"], start.earliest().to_string());
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_files_have_the_described_schema_and_every_row() {
    use arrow_schema::DataType;
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

    for table in Table::ALL {
        let rows: Vec<export::Row> = documents().iter().flat_map(|d| export::rows(d, table, Language::Fi)).collect();
        let mut writer = export::parquet::ParquetWriter::new(table, Vec::new()).unwrap();
        for row in &rows {
            writer.write(row).unwrap();
        }
        let mut file = tempfile::tempfile().unwrap();
        std::io::Write::write_all(&mut file, &writer.finish().unwrap()).unwrap();
        let reader = ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
        let schema = reader.schema().clone();
        let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
        assert_eq!(names, table.columns().iter().map(|c| c.name).collect::<Vec<_>>());
        for (field, column) in schema.fields().iter().zip(table.columns()) {
            let fits = match (column.kind, field.data_type()) {
                (ColumnType::Integer, DataType::Int64)
                | (ColumnType::Decimal { .. }, DataType::Decimal128(20, 2))
                | (ColumnType::Boolean, DataType::Boolean)
                | (ColumnType::Date, DataType::Date32)
                | (ColumnType::Text | ColumnType::PartialDate, DataType::Utf8) => true,
                (ColumnType::List, DataType::List(item)) => item.data_type() == &DataType::Utf8,
                _ => false,
            };
            assert!(fits, "{table}.{}: {}", column.name, field.data_type());
        }
        let read: usize = reader.build().unwrap().map(|batch| batch.unwrap().num_rows()).sum();
        assert_eq!(read, rows.len(), "{table}");
    }
}
