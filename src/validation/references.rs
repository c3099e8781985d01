//! Identifiers and references within a project: which records have which
//! ids, that every reference resolves, and that no "part of" or "parent"
//! relation runs in a cycle.

// foldhash: several times faster than SipHash on short ids, and seeded
// per process, so a crafted document cannot choose its collisions.
use foldhash::{HashMap, HashMapExt};

use super::Sink;
use super::rules::*;
use crate::{Id, Project};

/// The kinds of record an identifier can name, in the order
/// [`records`] lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Kind {
    Implementer,
    WorkPackage,
    Objective,
    Event,
    Output,
    Measure,
    Assessment,
    Factor,
    Lesson,
    Recommendation,
    RegionalPart,
    SourceDocument,
}

impl Kind {
    /// Every kind, in declaration order (`Kind::ALL[k as usize] == k`).
    pub(crate) const ALL: [Kind; 12] = [
        Kind::Implementer,
        Kind::WorkPackage,
        Kind::Objective,
        Kind::Event,
        Kind::Output,
        Kind::Measure,
        Kind::Assessment,
        Kind::Factor,
        Kind::Lesson,
        Kind::Recommendation,
        Kind::RegionalPart,
        Kind::SourceDocument,
    ];

    pub(crate) fn noun(self) -> &'static str {
        match self {
            Kind::Implementer => "implementer",
            Kind::WorkPackage => "work package",
            Kind::Objective => "objective",
            Kind::Event => "event",
            Kind::Output => "output",
            Kind::Measure => "measure",
            Kind::Assessment => "assessment",
            Kind::Factor => "factor",
            Kind::Lesson => "lesson",
            Kind::Recommendation => "recommendation",
            Kind::RegionalPart => "regional part",
            Kind::SourceDocument => "source document",
        }
    }

    fn list(self) -> &'static str {
        match self {
            Kind::Implementer => "implementers",
            Kind::WorkPackage => "work_packages",
            Kind::Objective => "objectives",
            Kind::Event => "events",
            Kind::Output => "outputs",
            Kind::Measure => "measures",
            Kind::Assessment => "assessments",
            Kind::Factor => "factors",
            Kind::Lesson => "lessons",
            Kind::Recommendation => "recommendations",
            Kind::RegionalPart => "regional_parts",
            Kind::SourceDocument => "source_documents",
        }
    }
}

/// Every record of a project with an identifier: kind, position, id.
pub(crate) fn records(p: &Project) -> Vec<(Kind, usize, &Id)> {
    fn add<'a>(out: &mut Vec<(Kind, usize, &'a Id)>, kind: Kind, ids: impl Iterator<Item = &'a Id>) {
        out.extend(ids.enumerate().map(|(i, id)| (kind, i, id)));
    }
    let count = p.implementers.len()
        + p.work_packages.len()
        + p.objectives.len()
        + p.events.len()
        + p.outputs.len()
        + p.measures.len()
        + p.assessments.len()
        + p.factors.len()
        + p.lessons.len()
        + p.recommendations.len()
        + p.regional_parts.len()
        + p.source_documents.len();
    let mut out = Vec::with_capacity(count);
    add(&mut out, Kind::Implementer, p.implementers.iter().map(|r| &r.id));
    add(&mut out, Kind::WorkPackage, p.work_packages.iter().map(|r| &r.id));
    add(&mut out, Kind::Objective, p.objectives.iter().map(|r| &r.id));
    add(&mut out, Kind::Event, p.events.iter().map(|r| &r.id));
    add(&mut out, Kind::Output, p.outputs.iter().map(|r| &r.id));
    add(&mut out, Kind::Measure, p.measures.iter().map(|r| &r.id));
    add(&mut out, Kind::Assessment, p.assessments.iter().map(|r| &r.id));
    add(&mut out, Kind::Factor, p.factors.iter().map(|r| &r.id));
    add(&mut out, Kind::Lesson, p.lessons.iter().map(|r| &r.id));
    add(&mut out, Kind::Recommendation, p.recommendations.iter().map(|r| &r.id));
    add(&mut out, Kind::RegionalPart, p.regional_parts.iter().map(|r| &r.id));
    add(&mut out, Kind::SourceDocument, p.source_documents.iter().map(|r| &r.id));
    out
}

/// Records `key` at `index` unless an earlier record has it; returns that
/// earlier record's index. The first record with a key keeps it.
pub(crate) fn first_seen<K: std::hash::Hash + Eq, S: std::hash::BuildHasher>(
    map: &mut std::collections::HashMap<K, usize, S>,
    key: K,
    index: usize,
) -> Option<usize> {
    match map.entry(key) {
        std::collections::hash_map::Entry::Occupied(earlier) => Some(*earlier.get()),
        std::collections::hash_map::Entry::Vacant(slot) => {
            slot.insert(index);
            None
        }
    }
}

pub(crate) fn pointer(kind: Kind, index: usize) -> String {
    format!("/{}/{index}", kind.list())
}

/// Identifiers by kind; the first record with an id wins.
pub(crate) struct Ids<'a> {
    map: HashMap<(Kind, &'a str), usize>,
}

impl Ids<'_> {
    pub(crate) fn get(&self, kind: Kind, id: &Id) -> Option<usize> {
        self.map.get(&(kind, id.as_str())).copied()
    }
}

pub(crate) fn check_ids<'a>(p: &'a Project, sink: &mut Sink<'_>) -> Ids<'a> {
    let records = records(p);
    // Sized once: growing it from empty rehashed it five times a project.
    let mut map = HashMap::with_capacity(records.len());
    for (kind, index, id) in records {
        if let Some(first) = first_seen(&mut map, (kind, id.as_str()), index) {
            sink.emit(
                &ID_DUPLICATE,
                format!("{}/id", pointer(kind, index)),
                format!("{} id `{id}` is already used by {}", kind.noun(), pointer(kind, first)),
            );
        }
    }
    Ids { map }
}

/// Every reference resolves to a record of a kind it may name. What refers
/// and where are closures, called only for a reference that does not
/// resolve, so that a valid document allocates nothing for its messages.
pub(crate) fn check_references(p: &Project, ids: &Ids<'_>, sink: &mut Sink<'_>) {
    use Kind::*;
    let mut check = |from: &dyn Fn() -> String, targets: &'static [Kind], id: &Id, pointer: &dyn Fn() -> String| {
        if targets.iter().any(|&kind| ids.get(kind, id).is_some()) {
            return;
        }
        let nouns: Vec<&str> = targets.iter().map(|k| k.noun()).collect();
        sink.emit(
            &REF_UNRESOLVED,
            pointer(),
            format!("{} refers to {} `{id}`, which does not exist", from(), nouns.join(" or ")),
        );
    };
    let name = |kind: Kind, id: &Id| format!("{} `{id}`", kind.noun());
    if let Some(funding) = &p.funding {
        if let Some(funder) = &funding.funder {
            check(&|| "the funding".into(), &[Implementer], funder, &|| "/funding/funder".into());
        }
        for (i, part) in funding.parts.iter().enumerate() {
            for (j, payer) in part.paid_by.iter().enumerate() {
                check(&|| format!("funding part {i}"), &[Implementer], payer, &|| {
                    format!("/funding/parts/{i}/paid_by/{j}")
                });
            }
        }
    }
    for (i, x) in p.implementers.iter().enumerate() {
        if let Some(parent) = &x.parent {
            check(&|| name(Implementer, &x.id), &[Implementer], parent, &|| format!("/implementers/{i}/parent"));
        }
    }
    for (i, s) in p.staffing.iter().enumerate() {
        if let Some(id) = &s.implementer {
            check(&|| format!("staffing entry {i}"), &[Implementer], id, &|| format!("/staffing/{i}/implementer"));
        }
    }
    for (i, c) in p.contacts.iter().enumerate() {
        if let Some(id) = &c.organisation {
            check(&|| format!("contact {}", c.name), &[Implementer], id, &|| format!("/contacts/{i}/organisation"));
        }
    }
    for (i, o) in p.objectives.iter().enumerate() {
        let from = || name(Objective, &o.id);
        if let Some(parent) = &o.parent {
            check(&from, &[Objective], parent, &|| format!("/objectives/{i}/parent"));
        }
        for (j, wp) in o.work_packages.iter().enumerate() {
            check(&from, &[WorkPackage], wp, &|| format!("/objectives/{i}/work_packages/{j}"));
        }
    }
    macro_rules! common {
        ($list:literal, $kind:expr, $record:expr, $i:expr) => {{
            let from = || name($kind, &$record.id);
            for (j, wp) in $record.work_packages.iter().enumerate() {
                check(&from, &[WorkPackage], wp, &|| format!("/{}/{}/work_packages/{j}", $list, $i));
            }
            for (j, o) in $record.objectives.iter().enumerate() {
                check(&from, &[Objective], o, &|| format!("/{}/{}/objectives/{j}", $list, $i));
            }
            from
        }};
    }
    for (i, e) in p.events.iter().enumerate() {
        let from = common!("events", Event, e, i);
        if let Some(parent) = &e.part_of {
            check(&from, &[Event], parent, &|| format!("/events/{i}/part_of"));
        }
        for (j, o) in e.possible_overlaps.iter().enumerate() {
            check(&from, &[Event, Measure], &o.with, &|| format!("/events/{i}/possible_overlaps/{j}/with"));
        }
        if let Some(part) = &e.regional_part {
            check(&from, &[RegionalPart], part, &|| format!("/events/{i}/regional_part"));
        }
    }
    for (i, o) in p.outputs.iter().enumerate() {
        let from = common!("outputs", Output, o, i);
        if let Some(parent) = &o.part_of {
            check(&from, &[Output], parent, &|| format!("/outputs/{i}/part_of"));
        }
        for (j, overlap) in o.possible_overlaps.iter().enumerate() {
            check(&from, &[Output], &overlap.with, &|| format!("/outputs/{i}/possible_overlaps/{j}/with"));
        }
        if let Some(part) = &o.regional_part {
            check(&from, &[RegionalPart], part, &|| format!("/outputs/{i}/regional_part"));
        }
        for (j, maker) in o.makers.iter().enumerate() {
            check(&from, &[Implementer], maker, &|| format!("/outputs/{i}/makers/{j}"));
        }
        for (j, funder) in o.funders.iter().enumerate() {
            check(&from, &[Implementer], funder, &|| format!("/outputs/{i}/funders/{j}"));
        }
    }
    for (i, m) in p.measures.iter().enumerate() {
        let from = common!("measures", Measure, m, i);
        if let Some(parent) = &m.part_of {
            check(&from, &[Measure], parent, &|| format!("/measures/{i}/part_of"));
        }
        for (j, overlap) in m.possible_overlaps.iter().enumerate() {
            check(&from, &[Measure, Event], &overlap.with, &|| format!("/measures/{i}/possible_overlaps/{j}/with"));
        }
    }
    for (i, a) in p.assessments.iter().enumerate() {
        for (j, judgement) in a.judgements.iter().enumerate() {
            check(&|| name(Assessment, &a.id), &[Objective], &judgement.objective, &|| {
                format!("/assessments/{i}/judgements/{j}/objective")
            });
        }
    }
    for (i, f) in p.factors.iter().enumerate() {
        if let Some(a) = &f.assessment {
            check(&|| name(Factor, &f.id), &[Assessment], a, &|| format!("/factors/{i}/assessment"));
        }
    }
    for (i, l) in p.lessons.iter().enumerate() {
        if let Some(a) = &l.assessment {
            check(&|| name(Lesson, &l.id), &[Assessment], a, &|| format!("/lessons/{i}/assessment"));
        }
        if let Some(r) = &l.regional_part {
            check(&|| name(Lesson, &l.id), &[RegionalPart], r, &|| format!("/lessons/{i}/regional_part"));
        }
    }
    for (i, r) in p.recommendations.iter().enumerate() {
        if let Some(a) = &r.assessment {
            check(&|| name(Recommendation, &r.id), &[Assessment], a, &|| format!("/recommendations/{i}/assessment"));
        }
        if let Some(part) = &r.regional_part {
            check(&|| name(Recommendation, &r.id), &[RegionalPart], part, &|| {
                format!("/recommendations/{i}/regional_part")
            });
        }
    }
    for (i, part) in p.regional_parts.iter().enumerate() {
        let from = || name(RegionalPart, &part.id);
        if let Some(id) = &part.implementer {
            check(&from, &[Implementer], id, &|| format!("/regional_parts/{i}/implementer"));
        }
        for (j, id) in part.implementers.iter().enumerate() {
            check(&from, &[Implementer], id, &|| format!("/regional_parts/{i}/implementers/{j}"));
        }
        for (j, wp) in part.work_packages.iter().enumerate() {
            check(&from, &[WorkPackage], wp, &|| format!("/regional_parts/{i}/work_packages/{j}"));
        }
        for (j, o) in part.objectives.iter().enumerate() {
            check(&from, &[Objective], o, &|| format!("/regional_parts/{i}/objectives/{j}"));
        }
        if let Some(funding) = &part.funding {
            if let Some(funder) = &funding.funder {
                check(&from, &[Implementer], funder, &|| format!("/regional_parts/{i}/funding/funder"));
            }
        }
    }
}

/// Reports each cycle of a "points to" relation once, at its first member,
/// and returns which records are on a cycle. Linear in the number of records.
pub(crate) fn check_cycles(
    kind: Kind,
    links: &[Option<&Id>],
    ids: &Ids<'_>,
    field: &str,
    sink: &mut Sink<'_>,
) -> Vec<bool> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        OnPath,
        Done,
    }
    let mut state = vec![State::New; links.len()];
    let mut on_cycle = vec![false; links.len()];
    // The records followed from `start`, one buffer for every start.
    let mut path = Vec::new();
    for start in 0..links.len() {
        if state[start] != State::New {
            continue;
        }
        path.clear();
        path.push(start);
        state[start] = State::OnPath;
        let mut current = start;
        while let Some(next) = links[current].and_then(|id| ids.get(kind, id)) {
            match state[next] {
                State::Done => break,
                State::OnPath => {
                    let position = path.iter().position(|&n| n == next).unwrap_or(0);
                    let cycle = &path[position..];
                    let first = cycle.iter().copied().min().unwrap_or(next);
                    let first_at = cycle.iter().position(|&n| n == first).unwrap_or(0);
                    let members: Vec<String> =
                        cycle[first_at..].iter().chain(&cycle[..first_at]).map(|&n| pointer(kind, n)).collect();
                    sink.emit(
                        &REF_CYCLE,
                        format!("{}/{field}", pointer(kind, first)),
                        format!("`{field}` goes round in a circle: {} → back to the start", members.join(" → ")),
                    );
                    cycle.iter().for_each(|&n| on_cycle[n] = true);
                    break;
                }
                State::New => {
                    state[next] = State::OnPath;
                    path.push(next);
                    current = next;
                }
            }
        }
        path.iter().for_each(|&n| state[n] = State::Done);
    }
    on_cycle
}
