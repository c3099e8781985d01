//! Going through files, `validate` and `report` work on threads of their
//! own: they start no rayon pool, whose idle threads spin (about 32 rounds
//! of `sched_yield` each) before they sleep. A test binary of its own, as
//! rayon's global pool is one a process and any other test could start it.

use childwelfare::{aggregate::Aggregator, load, validation};

#[test]
fn validating_and_summarising_files_start_no_rayon_pool() {
    let files = load::walk(&["data/"]).expect("the bundled documents");
    let found = validation::validate_files(&files);
    assert!(found.report.documents > 0 && found.report.is_valid());
    let mut aggregator = Aggregator::new();
    let mut others = 0;
    aggregator.add_files(&files, |_| others += 1);
    let summary = aggregator.finish();
    assert!(summary.projects > 0 && others == 0);
    // Building the global pool fails once anything has started it.
    assert!(
        rayon::ThreadPoolBuilder::new().build_global().is_ok(),
        "validating or summarising files started rayon's global pool"
    );
}
