//! The pipeline on generated corpora of three sizes a decade apart (100,
//! 1 000 and 10 000 projects and their programme, from
//! `childwelfare::corpus`), with the baselines on the same bytes in the same
//! group, so that each line of the report is read as a ratio against them:
//!
//! - `baseline: serde_json::Value`: parsing each document into a `Value`;
//! - `baseline: Value + jsonschema`: that, then checking it with the
//!   `jsonschema` crate against the crate's own schema (formats checked),
//!   what an integrator without this crate does;
//! - `parse`: `Document::from_slice`;
//! - `parse + validate`: that, each document's rules and the rules across
//!   documents through a `CrossIndex`, on one core;
//! - `baseline: Value + jsonschema, all cores`: the same on every core
//!   (rayon), for the comparison on all cores;
//! - `parse + validate, all cores, in memory`: batches of 16 documents
//!   parsed and checked on every core (rayon), then indexed, and dropped on
//!   every core: the library's work on all cores from the same lines in
//!   memory as the baselines;
//! - `parse + validate, all cores`: the same through `load`'s batches and
//!   `validation::validate_files`, as `childwelfare validate` does, reading
//!   the file as well;
//! - `aggregate`: an `Aggregator` over parsed documents;
//! - `write`: `Document::to_json` of parsed documents;
//! - `pipeline`: read, parse, validate and aggregate a `.jsonl` file and
//!   render the text report, as `childwelfare validate` then `report` do.
//! - `render: json`, `render: html`: writing the summary of the corpus as
//!   `report --format json` and `--format html` do (the formats' cost side by
//!   side);
//! - `report run: json`, `report run: html`: the whole `report` run in each
//!   format: read, parse and aggregate the `.jsonl` file, then render (the
//!   HTML lines with `--features html`).
//!
//! Throughput is in documents and bytes of JSON per second. Run with
//! `cargo bench --bench pipeline`; `CHILDWELFARE_BENCH_SIZES=100,1000`
//! chooses other sizes. See BENCHMARKS.md for the results and how to read
//! them.

use std::hint::black_box;
use std::io::Write;
use std::time::Duration;

use childwelfare::aggregate::Aggregator;
use childwelfare::corpus::Generator;
use childwelfare::validation::{self, CrossIndex};
use childwelfare::{Document, load, report};
use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use rayon::prelude::*;

/// `n` generated projects and their programme, one JSON text each.
fn corpus(n: u64) -> Vec<String> {
    let generator = Generator::new(2026);
    let mut lines: Vec<String> = (0..n).map(|i| serde_json::to_string(&generator.document(i)).unwrap()).collect();
    lines.push(serde_json::to_string(&Document::from(generator.programme(n))).unwrap());
    lines
}

fn sizes() -> Vec<u64> {
    std::env::var("CHILDWELFARE_BENCH_SIZES")
        .ok()
        .map(|sizes| sizes.split(',').filter_map(|s| s.trim().parse().ok()).collect())
        .filter(|sizes: &Vec<u64>| !sizes.is_empty())
        .unwrap_or_else(|| vec![100, 1_000, 10_000])
}

fn schema_validator(file: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(format!("{}/schema/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::options().should_validate_formats(true).build(&schema).unwrap()
}

fn pipeline(c: &mut Criterion) {
    let project_schema = schema_validator("project.schema.json");
    let programme_schema = schema_validator("programme.schema.json");
    for n in sizes() {
        let lines = corpus(n);
        let bytes: u64 = lines.iter().map(|l| l.len() as u64).sum();
        let documents: Vec<Document> = lines.iter().map(|l| Document::from_json(l).unwrap()).collect();
        let dir = std::env::temp_dir().join(format!("childwelfare-bench-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("corpus.jsonl");
        let mut out = std::io::BufWriter::new(std::fs::File::create(&file).unwrap());
        for line in &lines {
            writeln!(out, "{line}").unwrap();
        }
        drop(out);

        let mut group = c.benchmark_group(format!("{n} projects"));
        group.throughput(Throughput::ElementsAndBytes { elements: lines.len() as u64, bytes });
        group.sampling_mode(SamplingMode::Flat);
        group.sample_size(10);
        group.warm_up_time(Duration::from_secs(1));
        group.measurement_time(Duration::from_secs(5));

        group.bench_function("baseline: serde_json::Value", |b| {
            b.iter(|| {
                for line in &lines {
                    black_box(serde_json::from_str::<serde_json::Value>(line).unwrap());
                }
            })
        });
        // What an integrator without this crate does with one line.
        let schema_check = |line: &String| {
            let value: serde_json::Value = serde_json::from_str(line).unwrap();
            let schema = if value["document_type"] == "programme" { &programme_schema } else { &project_schema };
            assert!(schema.is_valid(&value));
        };
        group.bench_function("baseline: Value + jsonschema", |b| b.iter(|| lines.iter().for_each(schema_check)));
        group.bench_function("baseline: Value + jsonschema, all cores", |b| {
            b.iter(|| lines.par_iter().for_each(schema_check))
        });
        group.bench_function("parse", |b| {
            b.iter(|| {
                for line in &lines {
                    black_box(Document::from_slice(line.as_bytes()).unwrap());
                }
            })
        });
        group.bench_function("parse + validate", |b| {
            b.iter(|| {
                let mut index = CrossIndex::new();
                let mut report = validation::Report::new();
                for line in &lines {
                    let document = Document::from_slice(line.as_bytes()).unwrap();
                    report.merge(validation::validate_document(&document));
                    index.add(&document);
                }
                report.merge(index.finish());
                assert!(report.is_valid());
            })
        });
        group.bench_function("parse + validate, all cores, in memory", |b| {
            b.iter(|| {
                // Each batch parsed and checked on every core, then indexed,
                // and its documents dropped on every core, as
                // `validate_files` does.
                let mut index = CrossIndex::new();
                let mut report = validation::Report::new();
                for batch in lines.chunks(16) {
                    let checked: Vec<(Document, validation::Report)> = batch
                        .par_iter()
                        .map(|line| {
                            let document = Document::from_slice(line.as_bytes()).unwrap();
                            let own = validation::validate_document(&document);
                            (document, own)
                        })
                        .collect();
                    let mut spent = Vec::with_capacity(checked.len());
                    for (document, own) in checked {
                        report.merge(own);
                        index.add(&document);
                        spent.push(document);
                    }
                    spent.into_par_iter().for_each(drop);
                }
                report.merge(index.finish());
                assert!(report.is_valid());
            })
        });
        group.bench_function("parse + validate, all cores", |b| {
            let files = load::walk(&[&file]).unwrap();
            b.iter(|| assert!(validation::validate_files(&files).report.is_valid()))
        });
        group.bench_function("aggregate", |b| {
            b.iter(|| {
                let mut aggregator = Aggregator::new();
                for document in &documents {
                    aggregator.add(document);
                }
                black_box(aggregator.finish())
            })
        });
        group.bench_function("write", |b| {
            b.iter(|| {
                for document in &documents {
                    black_box(document.to_json());
                }
            })
        });
        group.bench_function("pipeline", |b| {
            let files = load::walk(&[&file]).unwrap();
            b.iter(|| {
                assert!(validation::validate_files(&files).report.is_valid());
                let mut aggregator = Aggregator::new();
                for loaded in files.batches(64).flatten() {
                    if let load::Loaded::Document(document, _) = loaded {
                        aggregator.add(&document);
                    }
                }
                black_box(report::render(&aggregator.finish(), report::Format::Text, false))
            })
        });
        // The report's formats side by side: rendering a summary alone, and
        // the whole `report` run (read, parse, aggregate, render), as
        // `childwelfare report --format json|html` does.
        let summary = {
            let mut aggregator = Aggregator::new();
            documents.iter().for_each(|document| aggregator.add(document));
            aggregator.finish()
        };
        // HTML with the `html` feature (`cargo bench --features html`).
        #[allow(unused_mut)]
        let mut formats = vec![("json", report::Format::Json)];
        #[cfg(feature = "html")]
        formats.push(("html", report::Format::Html));
        for &(name, format) in &formats {
            let options = report::Options::new(format);
            group.bench_function(format!("render: {name}"), |b| {
                b.iter(|| black_box(report::render_with(&summary, &options)))
            });
        }
        for &(name, format) in &formats {
            let options = report::Options::new(format);
            let files = load::walk(&[&file]).unwrap();
            group.bench_function(format!("report run: {name}"), |b| {
                b.iter(|| {
                    let mut aggregator = Aggregator::new();
                    aggregator.add_files(&files, |_| {});
                    black_box(report::render_with(&aggregator.finish(), &options))
                })
            });
        }
        group.finish();
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
