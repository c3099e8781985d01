//! Aggregating and reporting one project whose events form a `part_of`
//! chain (event `i` part of event `i - 1`) of 250, 500, 1 000 and 2 000
//! events, and the same chain closed into a cycle: what `childwelfare
//! report` does with such a document once it is parsed (an `Aggregator`,
//! then the text report). Time should double with the events; before
//! issue 19 it grew with their cube (12 s for 1 200 events).
//!
//! Run with `cargo bench --bench chain`; `CHILDWELFARE_CHAIN_SIZES=250,500`
//! chooses other sizes. See BENCHMARKS.md.

use std::hint::black_box;
use std::time::Duration;

use childwelfare::aggregate::Aggregator;
use childwelfare::corpus::Generator;
use childwelfare::report;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

fn sizes() -> Vec<usize> {
    std::env::var("CHILDWELFARE_CHAIN_SIZES")
        .ok()
        .map(|sizes| sizes.split(',').filter_map(|s| s.trim().parse().ok()).collect())
        .filter(|sizes: &Vec<usize>| !sizes.is_empty())
        .unwrap_or_else(|| vec![250, 500, 1_000, 2_000])
}

fn chains(c: &mut Criterion) {
    for cycle in [false, true] {
        let mut group = c.benchmark_group(if cycle { "part_of cycle" } else { "part_of chain" });
        group.sample_size(10);
        group.warm_up_time(Duration::from_millis(500));
        group.measurement_time(Duration::from_secs(2));
        for n in sizes() {
            let project = Generator::new(2026).chain(0, n, cycle);
            group.throughput(Throughput::Elements(n as u64));
            group.bench_with_input(BenchmarkId::new("aggregate + report", n), &project, |b, project| {
                b.iter(|| {
                    let mut aggregator = Aggregator::new();
                    aggregator.add_project(black_box(project));
                    report::render(&aggregator.finish(), report::Format::Text, false)
                })
            });
        }
        group.finish();
    }
}

criterion_group!(benches, chains);
criterion_main!(benches);
