//! Participation figures and their totals: parts never exceed what a
//! total allows, distinct people never exceed attendances, and a cancelled
//! event reaches no one.

// foldhash: several times faster than SipHash on short ids, and seeded
// per process, so a crafted document cannot choose its collisions.
use foldhash::{HashMap, HashMapExt};

use super::Sink;
use super::references::{Ids, Kind};
use super::rules::*;
use crate::value::thousands;
use crate::{Count, EventStatus, Exactness, Id, Project};

/// The lowest and highest value a reported count can stand for, `None` for unbounded.
pub(crate) fn bounds(count: Count) -> (u64, Option<u64>) {
    let v = count.value;
    match count.exactness {
        Exactness::Exact => (v, Some(v)),
        Exactness::Approximate => (v - v / 10, Some(v.saturating_add(v.div_ceil(10)))),
        Exactness::AtLeast => (v, None),
        _ => (0, Some(v)),
    }
}

/// Compares a total with its parts. `complete`: the parts make up the whole total.
/// `what` and `pointer` are built only for a finding.
pub(crate) fn check_total(
    total: Count,
    parts: &[(Count, &Id)],
    complete: bool,
    what: &dyn Fn() -> String,
    pointer: &dyn Fn() -> String,
    sink: &mut Sink<'_>,
) {
    if parts.is_empty() {
        return;
    }
    let (lo, hi) = parts.iter().fold((0u64, Some(0u64)), |(lo, hi), (count, _)| {
        let (l, h) = bounds(*count);
        (lo.saturating_add(l), hi.zip(h).map(|(a, b)| a.saturating_add(b)))
    });
    let (total_lo, total_hi) = bounds(total);
    let all_exact = total.exactness.is_exact() && parts.iter().all(|(c, _)| c.exactness.is_exact());
    let sum = parts.iter().fold(0u64, |sum, (c, _)| sum.saturating_add(c.value));
    let consistent = if complete {
        total_hi.is_none_or(|h| lo <= h) && hi.is_none_or(|h| h >= total_lo)
    } else {
        total_hi.is_none_or(|h| lo <= h)
    };
    if consistent {
        return;
    }
    let relation = if complete { "add up to" } else { "already add up to more than" };
    let listing: Vec<String> = parts.iter().map(|(c, from)| format!("{c} (`{from}`)")).collect();
    let message = format!(
        "the parts of {} {relation} {} ({}) but the total is {}; difference {}",
        what(),
        thousands(sum),
        listing.join(" + "),
        total,
        thousands(sum.abs_diff(total.value))
    );
    if all_exact {
        sink.emit(&PARTICIPATION_TOTAL_MISMATCH, pointer(), message);
    } else {
        sink.emit(&PARTICIPATION_TOTAL_INCONSISTENT, pointer(), message);
    }
}

/// The records that are part of each record (by position), from each
/// record's `part_of` link, resolved to the first record with the id; links
/// to itself or on a cycle are left out.
fn parts_of<'a>(
    links: impl Iterator<Item = Option<&'a Id>>,
    kind: Kind,
    ids: &Ids<'_>,
    in_cycles: &[bool],
) -> HashMap<usize, Vec<usize>> {
    let mut parts: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, link) in links.enumerate() {
        if let Some(parent) = link.and_then(|id| ids.get(kind, id)) {
            if parent != i && !in_cycles[i] && !in_cycles[parent] {
                parts.entry(parent).or_default().push(i);
            }
        }
    }
    parts
}

/// Totals are compared only where the `part_of` links form no cycle (a cycle
/// is reported once, as `ref.cycle`).
pub(crate) fn check_participation(
    p: &Project,
    ids: &Ids<'_>,
    events_in_cycles: &[bool],
    outputs_in_cycles: &[bool],
    sink: &mut Sink<'_>,
) {
    // Parts of each event's figures, resolved to the first event with the id.
    let children = parts_of(p.events.iter().map(|e| e.part_of.as_ref()), Kind::Event, ids, events_in_cycles);
    for (i, e) in p.events.iter().enumerate() {
        let Some(kids) = children.get(&i) else { continue };
        let Some(participation) = e.participation else { continue };
        type Field = fn(&crate::Participation) -> Option<Count>;
        let fields: [(&str, Field); 2] =
            [("attendances", |p| p.attendances), ("distinct_people", |p| p.distinct_people)];
        for (name, field) in fields {
            let Some(total) = field(&participation) else { continue };
            let parts: Vec<(Count, &Id)> = kids
                .iter()
                .filter_map(|&k| p.events[k].participation.as_ref().and_then(field).map(|c| (c, &p.events[k].id)))
                .collect();
            let complete = e.parts_complete && parts.len() == kids.len();
            check_total(
                total,
                &parts,
                complete,
                &|| format!("event `{}` ({name})", e.id),
                &|| format!("/events/{i}/participation/{name}"),
                sink,
            );
        }
    }
    let output_children = parts_of(p.outputs.iter().map(|o| o.part_of.as_ref()), Kind::Output, ids, outputs_in_cycles);
    for (i, o) in p.outputs.iter().enumerate() {
        let (Some(kids), Some(total)) = (output_children.get(&i), o.count) else { continue };
        let parts: Vec<(Count, &Id)> =
            kids.iter().map(|&k| (p.outputs[k].count.unwrap_or(Count::exact(1)), &p.outputs[k].id)).collect();
        check_total(
            total,
            &parts,
            o.parts_complete,
            &|| format!("output `{}`", o.id),
            &|| format!("/outputs/{i}/count"),
            sink,
        );
    }
    // Where and what are written only for a finding.
    let all_participation = p
        .events
        .iter()
        .enumerate()
        .filter_map(|(i, e)| e.participation.map(|x| ("events", i, "event", &e.id, x)))
        .chain(
            p.assessments
                .iter()
                .enumerate()
                .filter_map(|(i, a)| a.participation.map(|x| ("assessments", i, "assessment", &a.id, x))),
        );
    for (list, i, noun, id, participation) in all_participation {
        if let (Some(people), Some(attendances)) = (participation.distinct_people, participation.attendances) {
            if bounds(attendances).1.is_some_and(|hi| bounds(people).0 > hi) {
                sink.emit(
                    &PARTICIPATION_PEOPLE_EXCEED,
                    format!("/{list}/{i}/participation/distinct_people"),
                    format!("{noun} `{id}` reports {} distinct people but only {} attendances", people, attendances),
                );
            }
        }
    }
    for (i, e) in p.events.iter().enumerate() {
        if e.status != EventStatus::Cancelled {
            continue;
        }
        let mut reached = Vec::new();
        if let Some(x) = e.participation {
            if let Some(c) = x.attendances.filter(|c| c.value > 0) {
                reached.push(format!("{} attendances", c));
            }
            if let Some(c) = x.distinct_people.filter(|c| c.value > 0) {
                reached.push(format!("{} people", c));
            }
        }
        if let Some(c) = e.sessions.filter(|c| c.value > 0) {
            reached.push(format!("{} sessions held", c));
        }
        if !reached.is_empty() {
            sink.emit(
                &PARTICIPATION_CANCELLED,
                format!("/events/{i}"),
                format!("event `{}` is cancelled but reports {}", e.id, reached.join(" and ")),
            );
        }
    }
}
