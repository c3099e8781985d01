//! The rules within one project: the order they run in (`check_project`),
//! organisations, counties, assessments and numbering; a programme's have a
//! module of their own, as have identifiers and references, dates and
//! participation totals.

// foldhash: several times faster than SipHash on short ids, and seeded
// per process, so a crafted document cannot choose its collisions.
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use super::Sink;
use super::rules::*;
use crate::{CollaborativeArea, County, Id, ImplementerRole, ObjectiveLevel, Project, ProjectStatus};

use super::dates::check_dates;
use super::references::{Ids, Kind, check_cycles, check_ids, check_references, first_seen};
use super::totals::check_participation;

fn level_rank(level: ObjectiveLevel) -> u8 {
    match level {
        ObjectiveLevel::OverallAim => 0,
        ObjectiveLevel::Objective => 1,
        ObjectiveLevel::SubObjective => 2,
        _ => 3,
    }
}

pub(super) fn emit_unknown_sources(found: &mut super::walk::Found, sink: &mut Sink<'_>) {
    for (pointer, document) in std::mem::take(&mut found.unknown_sources) {
        sink.emit(
            &REF_UNRESOLVED,
            pointer,
            format!("a source reference names source document `{document}`, which does not exist"),
        );
    }
}

pub(super) fn emit_empty_texts(found: super::walk::Found, sink: &mut Sink<'_>) {
    for pointer in found.empty_texts {
        sink.emit(&TEXT_EMPTY, pointer, "the text is empty");
    }
}

/// `what` and `at` are built only for a finding.
pub(super) fn check_counties(
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
    super::additions::check_additions(p, sink);
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
    for (i, x) in p.milestones.iter().enumerate() {
        check_counties(
            area,
            &x.counties,
            &|| format!("the {} milestone", x.kind.label(crate::Language::En)),
            &|| format!("/milestones/{i}/counties"),
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
