//! Every table of a generated corpus written as CSV (the baseline) and as
//! Parquet, in the same run: the rows are made from parsed documents as
//! `childwelfare export --all` makes them, and written to memory, so that
//! the comparison is of the writers and the row building they share, not
//! of the disk. The target is Parquet within 2× the cost of CSV.
//!
//! Run with `cargo bench --bench export --features parquet`;
//! `CHILDWELFARE_EXPORT_PROJECTS=200` sets the corpus size (default 1 000).
//! See BENCHMARKS.md.

use std::hint::black_box;
use std::time::Duration;

use childwelfare::corpus::Generator;
use childwelfare::export::{self, Table};
use childwelfare::{Document, Language};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn projects() -> u64 {
    std::env::var("CHILDWELFARE_EXPORT_PROJECTS").ok().and_then(|n| n.trim().parse().ok()).unwrap_or(1_000)
}

/// Every table as CSV, in memory; the bytes written.
fn csv(documents: &[Document]) -> usize {
    let mut writers: Vec<export::CsvWriter<Vec<u8>>> =
        Table::ALL.iter().map(|_| export::CsvWriter::new(Vec::new())).collect();
    for document in documents {
        for (table, writer) in Table::ALL.iter().zip(&mut writers) {
            for row in export::rows(document, *table, Language::Fi) {
                writer.write(&row).expect("writing to memory");
            }
        }
    }
    writers.into_iter().map(|w| w.finish().expect("writing to memory").len()).sum()
}

/// Every table as Parquet, in memory; the bytes written.
#[cfg(feature = "parquet")]
fn parquet(documents: &[Document]) -> usize {
    use childwelfare::export::parquet::ParquetWriter;
    let mut writers: Vec<ParquetWriter<Vec<u8>>> =
        Table::ALL.iter().map(|t| ParquetWriter::new(*t, Vec::new()).expect("writing to memory")).collect();
    for document in documents {
        for (table, writer) in Table::ALL.iter().zip(&mut writers) {
            for row in export::rows(document, *table, Language::Fi) {
                writer.write(&row).expect("writing to memory");
            }
        }
    }
    writers.into_iter().map(|w| w.finish().expect("writing to memory").len()).sum()
}

fn exports(c: &mut Criterion) {
    let generator = Generator::new(2026);
    let documents: Vec<Document> = (0..projects()).map(|i| generator.document(i)).collect();
    let mut group = c.benchmark_group("export every table");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(10));
    group.throughput(Throughput::Elements(documents.len() as u64));
    group.bench_function("csv (baseline)", |b| b.iter(|| csv(black_box(&documents))));
    #[cfg(feature = "parquet")]
    group.bench_function("parquet", |b| b.iter(|| parquet(black_box(&documents))));
    group.finish();
}

criterion_group!(benches, exports);
criterion_main!(benches);
