//! The rules within one document.

// foldhash: several times faster than SipHash on short ids, and seeded
// per process, so a crafted document cannot choose its collisions.
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use super::Sink;
use super::rules::*;
use crate::value::thousands;
use crate::{
    CollaborativeArea, Count, County, EventStatus, Exactness, Id, ImplementerRole, ObjectiveLevel, Period, Programme,
    Project, ProjectStatus,
};

/// The kinds of record an identifier can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
    let mut out = Vec::new();
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
struct Ids<'a> {
    map: HashMap<(Kind, &'a str), usize>,
}

impl Ids<'_> {
    fn get(&self, kind: Kind, id: &Id) -> Option<usize> {
        self.map.get(&(kind, id.as_str())).copied()
    }
}

fn check_ids<'a>(p: &'a Project, sink: &mut Sink<'_>) -> Ids<'a> {
    let mut map = HashMap::new();
    for (kind, index, id) in records(p) {
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
fn check_references(p: &Project, ids: &Ids<'_>, sink: &mut Sink<'_>) {
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
fn check_cycles(kind: Kind, links: &[Option<&Id>], ids: &Ids<'_>, field: &str, sink: &mut Sink<'_>) -> Vec<bool> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        OnPath,
        Done,
    }
    let mut state = vec![State::New; links.len()];
    let mut on_cycle = vec![false; links.len()];
    for start in 0..links.len() {
        if state[start] != State::New {
            continue;
        }
        let mut path = vec![start];
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

fn level_rank(level: ObjectiveLevel) -> u8 {
    match level {
        ObjectiveLevel::OverallAim => 0,
        ObjectiveLevel::Objective => 1,
        ObjectiveLevel::SubObjective => 2,
        _ => 3,
    }
}

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
fn check_total(
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

/// The widest period a project ran in, from its planned and actual periods.
fn project_bounds(p: &Project) -> Period {
    let periods: Vec<&Period> = p.period.iter().chain(p.actual_period.iter()).collect();
    let start = periods.iter().filter_map(|x| x.start).min_by_key(|d| d.earliest());
    let end = periods.iter().filter_map(|x| x.end).max_by_key(|d| d.latest());
    Period { start, end }
}

fn period_reversed(period: &Period) -> bool {
    matches!((period.start, period.end), (Some(s), Some(e)) if s.earliest() > e.latest())
}

/// `what` and `pointer` are built only for a finding.
fn check_period(
    period: &Period,
    bounds: &Period,
    what: &dyn Fn() -> String,
    pointer: &dyn Fn() -> String,
    sink: &mut Sink<'_>,
) {
    if period_reversed(period) {
        sink.emit(
            &DATES_PERIOD_ORDER,
            pointer(),
            format!("{} starts {} but ends {}", what(), display(period.start), display(period.end)),
        );
        return;
    }
    let before = matches!((period.start, bounds.start), (Some(s), Some(b)) if s.latest() < b.earliest());
    let after = matches!((period.end, bounds.end), (Some(e), Some(b)) if e.earliest() > b.latest());
    let ends_before = matches!((period.end, bounds.start), (Some(e), Some(b)) if e.latest() < b.earliest());
    let starts_after = matches!((period.start, bounds.end), (Some(s), Some(b)) if s.earliest() > b.latest());
    if before || after || ends_before || starts_after {
        sink.emit(
            &DATES_OUTSIDE_PROJECT,
            pointer(),
            format!("{} ({period}) is not inside the project's period ({bounds})", what()),
        );
    }
}

fn display(date: Option<crate::PartialDate>) -> String {
    date.map_or_else(|| "open".to_owned(), |d| d.to_string())
}

fn emit_unknown_sources(found: &mut super::walk::Found, sink: &mut Sink<'_>) {
    for (pointer, document) in std::mem::take(&mut found.unknown_sources) {
        sink.emit(
            &REF_UNRESOLVED,
            pointer,
            format!("a source reference names source document `{document}`, which does not exist"),
        );
    }
}

fn emit_empty_texts(found: super::walk::Found, sink: &mut Sink<'_>) {
    for pointer in found.empty_texts {
        sink.emit(&TEXT_EMPTY, pointer, "the text is empty");
    }
}

/// `what` and `at` are built only for a finding.
fn check_counties(
    area: Option<CollaborativeArea>,
    counties: &[County],
    what: &dyn Fn() -> String,
    at: &dyn Fn() -> String,
    sink: &mut Sink<'_>,
) {
    let Some(area) = area else { return };
    for (i, county) in counties.iter().enumerate() {
        if county.collaborative_area() != area {
            sink.emit(
                &ORG_COUNTY_OUTSIDE_AREA,
                format!("{}/{i}", at()),
                format!(
                    "{} names {} ({}), which belongs to the {}, not the {}",
                    what(),
                    county.label(crate::Language::En),
                    county.code(),
                    county.collaborative_area().label(crate::Language::En),
                    area.label(crate::Language::En)
                ),
            );
        }
    }
}

pub(crate) fn check_project(p: &Project, sink: &mut Sink<'_>) {
    let ids = check_ids(p, sink);
    check_references(p, &ids, sink);
    let known_sources: HashSet<&str> = p.source_documents.iter().map(|d| d.id.as_str()).collect();
    // One pass over the whole document for the rules on every text and
    // every source reference; the texts are reported last, as before.
    let mut found = super::walk::walk(p, &known_sources);
    emit_unknown_sources(&mut found, sink);

    // Cycles.
    let event_links: Vec<Option<&Id>> = p.events.iter().map(|e| e.part_of.as_ref()).collect();
    let events_in_cycles = check_cycles(Kind::Event, &event_links, &ids, "part_of", sink);
    let output_links: Vec<Option<&Id>> = p.outputs.iter().map(|o| o.part_of.as_ref()).collect();
    let outputs_in_cycles = check_cycles(Kind::Output, &output_links, &ids, "part_of", sink);
    let measure_links: Vec<Option<&Id>> = p.measures.iter().map(|m| m.part_of.as_ref()).collect();
    check_cycles(Kind::Measure, &measure_links, &ids, "part_of", sink);
    let parents: Vec<Option<&Id>> = p.objectives.iter().map(|o| o.parent.as_ref()).collect();
    check_cycles(Kind::Objective, &parents, &ids, "parent", sink);
    let organisations: Vec<Option<&Id>> = p.implementers.iter().map(|x| x.parent.as_ref()).collect();
    check_cycles(Kind::Implementer, &organisations, &ids, "parent", sink);

    // Objective levels.
    for (i, objective) in p.objectives.iter().enumerate() {
        let Some(parent) = objective.parent.as_ref().and_then(|id| ids.get(Kind::Objective, id)) else { continue };
        let parent = &p.objectives[parent];
        if parent.id != objective.id && level_rank(parent.level) >= level_rank(objective.level) {
            sink.emit(
                &REF_OBJECTIVE_LEVEL,
                format!("/objectives/{i}/parent"),
                format!(
                    "{} `{}` has as parent {} `{}`, which is not at a higher level",
                    objective.level.label(crate::Language::En),
                    objective.id,
                    parent.level.label(crate::Language::En),
                    parent.id
                ),
            );
        }
    }

    // Overlaps that contradict part_of.
    let overlap_lists = p
        .events
        .iter()
        .enumerate()
        .map(|(i, e)| ("events", i, &e.id, e.part_of.as_ref(), &e.possible_overlaps))
        .chain(
            p.outputs.iter().enumerate().map(|(i, o)| ("outputs", i, &o.id, o.part_of.as_ref(), &o.possible_overlaps)),
        )
        .chain(
            p.measures
                .iter()
                .enumerate()
                .map(|(i, m)| ("measures", i, &m.id, m.part_of.as_ref(), &m.possible_overlaps)),
        );
    for (list, i, id, part_of, overlaps) in overlap_lists {
        for (j, overlap) in overlaps.iter().enumerate() {
            let problem = if &overlap.with == id {
                Some("itself")
            } else if Some(&overlap.with) == part_of {
                Some("the record it is declared part of")
            } else {
                None
            };
            if let Some(problem) = problem {
                sink.emit(
                    &REF_OVERLAP_AND_PART,
                    format!("/{list}/{i}/possible_overlaps/{j}/with"),
                    format!("`{id}` lists `{}` ({problem}) as a possible overlap", overlap.with),
                );
            }
        }
    }

    check_organisations(p, &ids, sink);
    super::funding::check_funding(p, sink);
    check_dates(p, sink);
    check_participation(p, &ids, &events_in_cycles, &outputs_in_cycles, sink);
    check_assessments(p, sink);
    super::results::check_targets(p, sink);
    check_numbering(p, sink);
    emit_empty_texts(found, sink);
}

fn check_organisations(p: &Project, ids: &Ids<'_>, sink: &mut Sink<'_>) {
    if !p.implementers.is_empty() {
        let administrators: Vec<String> = p
            .implementers
            .iter()
            .filter(|i| i.has_role(ImplementerRole::Administrator))
            .map(|i| format!("`{}`", i.id))
            .collect();
        if administrators.len() != 1 {
            let found = if administrators.is_empty() { "none".to_owned() } else { administrators.join(", ") };
            sink.emit(
                &ORG_ADMINISTRATOR,
                "/implementers",
                format!("a project has exactly one administrator; found {} ({found})", administrators.len()),
            );
        }
        if !p.implementers.iter().any(|i| i.has_role(ImplementerRole::Funder)) {
            sink.emit(&ORG_NO_FUNDER, "/implementers", "no implementer has the funder role");
        }
    }
    for (i, implementer) in p.implementers.iter().enumerate() {
        if implementer.name.is_none() && implementer.counties.is_empty() {
            sink.emit(
                &ORG_UNNAMED_WITHOUT_REGION,
                format!("/implementers/{i}"),
                format!(
                    "implementer `{}` has neither a name nor counties; an organisation the source does not name needs the region it is known by",
                    implementer.id
                ),
            );
        }
        if implementer.roles.is_empty() {
            sink.emit(
                &ORG_NO_ROLES,
                format!("/implementers/{i}/roles"),
                format!("implementer `{}` has no role", implementer.id),
            );
        }
        for (j, role) in implementer.roles.iter().enumerate() {
            if implementer.roles[..j].contains(role) {
                sink.emit(
                    &ORG_DUPLICATE_ROLE,
                    format!("/implementers/{i}/roles/{j}"),
                    format!("implementer `{}` lists the role `{role}` twice", implementer.id),
                );
            }
        }
    }
    // With no funder at all, `org.no_funder` already covers the funding's funder.
    let any_funder = p.implementers.iter().any(|i| i.has_role(ImplementerRole::Funder));
    if let Some(funder) = p.funding.as_ref().and_then(|f| f.funder.as_ref()).filter(|_| any_funder) {
        if let Some(index) = ids.get(Kind::Implementer, funder) {
            if !p.implementers[index].has_role(ImplementerRole::Funder) {
                sink.emit(
                    &FUNDING_FUNDER_ROLE,
                    "/funding/funder",
                    format!(
                        "the funding names `{funder}` as funder, but that implementer does not have the funder role"
                    ),
                );
            }
        }
    }
    let area = p.collaborative_area;
    if let Some(working) = &p.working_area {
        check_counties(
            area,
            &working.counties,
            &|| "the working area".to_owned(),
            &|| "/working_area/counties".to_owned(),
            sink,
        );
    }
    for (i, x) in p.implementers.iter().enumerate() {
        check_counties(
            area,
            &x.counties,
            &|| format!("implementer `{}`", x.id),
            &|| format!("/implementers/{i}/counties"),
            sink,
        );
    }
    for (i, x) in p.work_packages.iter().enumerate() {
        check_counties(
            area,
            &x.counties,
            &|| format!("work package `{}`", x.id),
            &|| format!("/work_packages/{i}/counties"),
            sink,
        );
    }
    for (i, x) in p.events.iter().enumerate() {
        check_counties(area, &x.counties, &|| format!("event `{}`", x.id), &|| format!("/events/{i}/counties"), sink);
    }
    for (i, x) in p.outputs.iter().enumerate() {
        check_counties(area, &x.counties, &|| format!("output `{}`", x.id), &|| format!("/outputs/{i}/counties"), sink);
    }
    for (i, x) in p.measures.iter().enumerate() {
        check_counties(
            area,
            &x.counties,
            &|| format!("measure `{}`", x.id),
            &|| format!("/measures/{i}/counties"),
            sink,
        );
    }
    for (i, x) in p.regional_parts.iter().enumerate() {
        check_counties(
            area,
            &x.counties,
            &|| format!("regional part `{}`", x.id),
            &|| format!("/regional_parts/{i}/counties"),
            sink,
        );
    }
}

fn check_dates(p: &Project, sink: &mut Sink<'_>) {
    let open = Period::default();
    if let Some(period) = &p.period {
        check_period(period, &open, &|| "the project".to_owned(), &|| "/period".to_owned(), sink);
    }
    if let Some(period) = &p.actual_period {
        check_period(
            period,
            &open,
            &|| "the project's actual period".to_owned(),
            &|| "/actual_period".to_owned(),
            sink,
        );
    }
    let bounds = project_bounds(p);
    let bounds = if period_reversed(&bounds) { open } else { bounds };
    for (i, e) in p.events.iter().enumerate() {
        if let Some(period) = &e.period {
            check_period(period, &bounds, &|| format!("event `{}`", e.id), &|| format!("/events/{i}/period"), sink);
        }
    }
    for (i, a) in p.assessments.iter().enumerate() {
        if let Some(period) = &a.period {
            check_period(
                period,
                &bounds,
                &|| format!("assessment `{}`", a.id),
                &|| format!("/assessments/{i}/period"),
                sink,
            );
        }
    }
    for (i, s) in p.staffing.iter().enumerate() {
        if let Some(period) = &s.period {
            check_period(period, &bounds, &|| format!("staffing entry {i}"), &|| format!("/staffing/{i}/period"), sink);
        }
    }
    for (i, r) in p.regional_parts.iter().enumerate() {
        if let Some(period) = &r.period {
            check_period(
                period,
                &bounds,
                &|| format!("regional part `{}`", r.id),
                &|| format!("/regional_parts/{i}/period"),
                sink,
            );
        }
    }
    for (i, o) in p.outputs.iter().enumerate() {
        if let Some(date) = o.date {
            let period = Period { start: Some(date), end: Some(date) };
            check_period(&period, &bounds, &|| format!("output `{}`", o.id), &|| format!("/outputs/{i}/date"), sink);
        }
    }
    for (i, m) in p.measures.iter().enumerate() {
        if let Some(date) = m.date {
            let period = Period { start: Some(date), end: Some(date) };
            check_period(&period, &bounds, &|| format!("measure `{}`", m.id), &|| format!("/measures/{i}/date"), sink);
        }
    }
    for (i, c) in p.contacts.iter().enumerate() {
        if let Some(period) = &c.period {
            check_period(period, &open, &|| format!("contact {}", c.name), &|| format!("/contacts/{i}/period"), sink);
        }
    }
    check_milestones(p, sink);
    if let Some(dates) = &p.record_dates {
        if let (Some(created), Some(modified)) = (dates.created, dates.last_modified) {
            if modified < created {
                sink.emit(
                    &DATES_RECORD_DATES,
                    "/record_dates/last_modified",
                    format!("the record was last modified on {modified}, before it was created on {created}"),
                );
            }
        }
    }
}

/// Milestones of a known order (application, grant decision, start of work,
/// end of work, final report) do not run backwards: each is compared with
/// the latest earlier-ordered one that is surely later.
fn check_milestones(p: &Project, sink: &mut Sink<'_>) {
    for (i, later) in p.milestones.iter().enumerate() {
        let Some(rank) = later.kind.order() else { continue };
        let earlier = p.milestones.iter().filter(|m| m.kind.order().is_some_and(|r| r < rank));
        if let Some(first) = earlier.filter(|m| m.date.earliest() > later.date.latest()).max_by_key(|m| m.kind.order())
        {
            sink.emit(
                &DATES_MILESTONE_ORDER,
                format!("/milestones/{i}/date"),
                format!(
                    "the {} is dated {} but the {} comes later, {}",
                    later.kind.label(crate::Language::En),
                    later.date,
                    first.kind.label(crate::Language::En),
                    first.date
                ),
            );
        }
    }
}

/// Totals are compared only where the `part_of` links form no cycle (a cycle
/// is reported once, as `ref.cycle`).
fn check_participation(
    p: &Project,
    ids: &Ids<'_>,
    events_in_cycles: &[bool],
    outputs_in_cycles: &[bool],
    sink: &mut Sink<'_>,
) {
    // Parts of each event's figures, resolved to the first event with the id.
    let mut children: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, e) in p.events.iter().enumerate() {
        if let Some(parent) = e.part_of.as_ref().and_then(|id| ids.get(Kind::Event, id)) {
            if parent != i && !events_in_cycles[i] && !events_in_cycles[parent] {
                children.entry(parent).or_default().push(i);
            }
        }
    }
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
    let mut output_children: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, o) in p.outputs.iter().enumerate() {
        if let Some(parent) = o.part_of.as_ref().and_then(|id| ids.get(Kind::Output, id)) {
            if parent != i && !outputs_in_cycles[i] && !outputs_in_cycles[parent] {
                output_children.entry(parent).or_default().push(i);
            }
        }
    }
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

fn check_assessments(p: &Project, sink: &mut Sink<'_>) {
    let judged: HashSet<&Id> = p.assessments.iter().flat_map(|a| a.judgements.iter().map(|j| &j.objective)).collect();
    if p.status == ProjectStatus::Ended {
        for (i, objective) in p.objectives.iter().enumerate() {
            if !judged.contains(&objective.id) {
                sink.emit(
                    &ASSESSMENT_UNJUDGED,
                    format!("/objectives/{i}"),
                    format!(
                        "the project has ended but no assessment judges {} `{}`",
                        objective.level.label(crate::Language::En),
                        objective.id
                    ),
                );
            }
        }
    }
    for (i, assessment) in p.assessments.iter().enumerate() {
        let mut seen = HashSet::new();
        for (j, judgement) in assessment.judgements.iter().enumerate() {
            if !seen.insert(&judgement.objective) {
                sink.emit(
                    &ASSESSMENT_DUPLICATE,
                    format!("/assessments/{i}/judgements/{j}"),
                    format!("assessment `{}` judges objective `{}` more than once", assessment.id, judgement.objective),
                );
            }
        }
    }
}

fn check_numbering(p: &Project, sink: &mut Sink<'_>) {
    let mut seen: HashMap<u8, usize> = HashMap::new();
    for (i, wp) in p.work_packages.iter().enumerate() {
        if let Some(first) = first_seen(&mut seen, wp.number.value(), i) {
            sink.emit(
                &TEXT_NUMBERING_DUPLICATE,
                format!("/work_packages/{i}/number"),
                format!("work package number {} is already used by /work_packages/{first}", wp.number),
            );
        }
    }
    let mut values: Vec<u8> = seen.keys().copied().collect();
    values.sort_unstable();
    let missing: Vec<String> =
        (1..=values.last().copied().unwrap_or(0)).filter(|n| !values.contains(n)).map(|n| n.to_string()).collect();
    if !missing.is_empty() {
        sink.emit(
            &TEXT_NUMBERING_GAP,
            "/work_packages",
            format!(
                "work packages are numbered up to {} but number {} is missing",
                values.last().unwrap_or(&0),
                missing.join(", ")
            ),
        );
    }
    if let Some(first) = p.work_packages.first() {
        if let Some((i, other)) =
            p.work_packages.iter().enumerate().find(|(_, wp)| wp.number.is_roman() != first.number.is_roman())
        {
            sink.emit(
                &TEXT_NUMBERING_MIXED,
                format!("/work_packages/{i}/number"),
                format!(
                    "work package {} is numbered in another style than work package {}",
                    other.number, first.number
                ),
            );
        }
    }
}

pub(crate) fn check_programme(programme: &Programme, sink: &mut Sink<'_>) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, project) in programme.projects.iter().enumerate() {
        if let Some(first) = first_seen(&mut seen, project.id.as_str(), i) {
            sink.emit(
                &ID_DUPLICATE,
                format!("/projects/{i}/id"),
                format!("project id `{}` is already used by /projects/{first}", project.id),
            );
        }
        check_counties(
            Some(project.collaborative_area),
            &project.counties,
            &|| format!("project `{}`", project.id),
            &|| format!("/projects/{i}/counties"),
            sink,
        );
    }
    let mut sources: HashMap<&str, usize> = HashMap::new();
    for (i, source) in programme.source_documents.iter().enumerate() {
        if let Some(first) = first_seen(&mut sources, source.id.as_str(), i) {
            sink.emit(
                &ID_DUPLICATE,
                format!("/source_documents/{i}/id"),
                format!("source document id `{}` is already used by /source_documents/{first}", source.id),
            );
        }
    }
    let known: HashSet<&str> = sources.keys().copied().collect();
    let mut found = super::walk::walk(programme, &known);
    emit_unknown_sources(&mut found, sink);
    emit_empty_texts(found, sink);
}
