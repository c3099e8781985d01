//! The rules on results: targets against the actual figures.

use foldhash::HashSet;

use super::Sink;
use super::rules::RESULTS_TARGET_MISSED;
use super::totals::bounds;
use crate::{Count, DatedCount, Id, Project, ProjectStatus};

/// Once a project has ended, an actual figure surely below its target is
/// explained by a note on the target or by a judgement of an objective the
/// record serves.
pub(crate) fn check_targets(p: &Project, sink: &mut Sink<'_>) {
    if p.status != ProjectStatus::Ended {
        return;
    }
    let judged: HashSet<&Id> = p.assessments.iter().flat_map(|a| a.judgements.iter().map(|j| &j.objective)).collect();
    // An output record without a count stands for one item.
    let outputs = p.outputs.iter().enumerate().map(|(i, o)| {
        let actual = o.count.unwrap_or(Count::exact(1));
        ("output", "outputs", i, &o.id, actual, &o.target, &o.objectives)
    });
    let measures = p
        .measures
        .iter()
        .enumerate()
        .map(|(i, m)| ("measure", "measures", i, &m.id, m.value, &m.target, &m.objectives));
    for (what, list, i, id, actual, target, objectives) in outputs.chain(measures) {
        let Some(DatedCount { value: target, note: None, .. }) = target else { continue };
        let surely_below = bounds(actual).1.is_some_and(|high| high < bounds(*target).0);
        if surely_below && !objectives.iter().any(|o| judged.contains(o)) {
            sink.emit(
                &RESULTS_TARGET_MISSED,
                format!("/{list}/{i}/target"),
                format!(
                    "{what} `{id}` reached {actual} against a target of {target}, and neither a note on the target nor a judgement of its objectives says so"
                ),
            );
        }
    }
}
