//! Parsing a real project document into the typed model, against plain
//! `serde_json::Value` parsing of the same text as the baseline, in one group
//! so that both are measured in the same run. Compare the two lines of the
//! report as a ratio; absolute times depend on the machine.
//!
//! Run with `cargo bench --bench parse`.

use std::hint::black_box;

use childwelfare::{Document, Project};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn parse(c: &mut Criterion) {
    let json = include_str!("../data/lumo.json");
    let mut group = c.benchmark_group("parse lumo.json");
    group.throughput(Throughput::Bytes(json.len() as u64));
    group.bench_function("baseline: serde_json::Value", |b| {
        b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(json)))
    });
    group.bench_function("childwelfare::Project::from_json", |b| b.iter(|| Project::from_json(black_box(json))));
    group.bench_function("childwelfare::Document::from_json", |b| b.iter(|| Document::from_json(black_box(json))));
    group.finish();

    let project = Project::from_json(json).expect("the seed data parses");
    c.bench_function("write lumo.json", |b| b.iter(|| black_box(&project).to_json()));
}

criterion_group!(benches, parse);
criterion_main!(benches);
