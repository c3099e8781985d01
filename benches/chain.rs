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
use childwelfare::{Id, Project, report};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

/// A generated project whose events are a chain of `n` copies of one of
/// its events; the first part of the last when `cycle`.
fn chain(n: usize, cycle: bool) -> Project {
    let mut project = Generator::new(2026).project(0);
    let template = project.events.iter().find(|e| e.part_of.is_some()).cloned().unwrap();
    let id = |i: usize| Id::new(format!("chain-{i}")).unwrap();
    project.events = (0..n)
        .map(|i| {
            let mut event = template.clone();
            event.id = id(i);
            event.part_of = if i > 0 { Some(id(i - 1)) } else { cycle.then(|| id(n - 1)) };
            event
        })
        .collect();
    project
}

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
            let project = chain(n, cycle);
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
