//! The rules on what schema 1.2 added within one project: participant
//! groups within their event's figures, a shared output that names its own
//! project, alternative statements with a source, a relation to another
//! project rather than to itself.

use super::Sink;
use super::rules::*;
use super::totals::bounds;
use crate::{Count, EventStatus, ParticipantRole, Project};

pub(crate) fn check_additions(p: &Project, sink: &mut Sink<'_>) {
    check_groups(p, sink);
    for (i, output) in p.outputs.iter().enumerate() {
        if let Some(shared) = &output.shared {
            if !shared.projects.contains(&p.id) {
                sink.emit(
                    &OUTPUT_SHARED_PROJECTS,
                    format!("/outputs/{i}/shared/projects"),
                    format!(
                        "output `{}` is shared artefact `{}` but does not list its own project `{}` among its projects",
                        output.id, shared.id, p.id
                    ),
                );
            }
        }
    }
    for (i, relation) in p.related_projects.iter().enumerate() {
        if relation.project == p.id {
            sink.emit(
                &REF_UNRESOLVED,
                format!("/related_projects/{i}/project"),
                format!("project `{}` names itself as a related project", p.id),
            );
        }
    }
    let alternatives =
        p.alternatives
            .iter()
            .enumerate()
            .map(|(j, a)| (String::new(), j, a))
            .chain(p.objectives.iter().enumerate().flat_map(|(i, o)| {
                o.alternatives.iter().enumerate().map(move |(j, a)| (format!("/objectives/{i}"), j, a))
            }))
            .chain(
                p.events.iter().enumerate().flat_map(|(i, e)| {
                    e.alternatives.iter().enumerate().map(move |(j, a)| (format!("/events/{i}"), j, a))
                }),
            )
            .chain(p.outputs.iter().enumerate().flat_map(|(i, o)| {
                o.alternatives.iter().enumerate().map(move |(j, a)| (format!("/outputs/{i}"), j, a))
            }));
    for (at, j, alternative) in alternatives {
        if alternative.sources.is_empty() {
            sink.emit(
                &SOURCE_ALTERNATIVE_UNSOURCED,
                format!("{at}/alternatives/{j}"),
                format!("the alternative statement of `{}` names no source", alternative.field),
            );
        }
    }
}

/// The figures of an event's participant groups (role `participant`) never
/// add up to more than the event's own figure; a group's distinct people
/// never exceed its attendances; a cancelled event's groups reach no one.
fn check_groups(p: &Project, sink: &mut Sink<'_>) {
    type Field = fn(Option<Count>, Option<Count>) -> Option<Count>;
    let fields: [(&str, Field); 2] = [("attendances", |a, _| a), ("distinct_people", |_, d| d)];
    for (i, event) in p.events.iter().enumerate() {
        for (j, group) in event.participant_groups.iter().enumerate() {
            if let (Some(people), Some(attendances)) = (group.distinct_people, group.attendances) {
                if bounds(attendances).1.is_some_and(|hi| bounds(people).0 > hi) {
                    sink.emit(
                        &PARTICIPATION_PEOPLE_EXCEED,
                        format!("/events/{i}/participant_groups/{j}/distinct_people"),
                        format!(
                            "participant group {} of event `{}` reports {people} distinct people but only {attendances} attendances",
                            group.key(),
                            event.id
                        ),
                    );
                }
            }
            if event.status == EventStatus::Cancelled
                && [group.attendances, group.distinct_people].iter().flatten().any(|c| c.value > 0)
            {
                sink.emit(
                    &PARTICIPATION_CANCELLED,
                    format!("/events/{i}/participant_groups/{j}"),
                    format!(
                        "event `{}` is cancelled but its participant group {} reports people",
                        event.id,
                        group.key()
                    ),
                );
            }
        }
        let Some(participation) = event.participation else { continue };
        for (name, field) in fields {
            let Some(total) = field(participation.attendances, participation.distinct_people) else { continue };
            let groups: Vec<Count> = event
                .participant_groups
                .iter()
                .filter(|g| g.role == ParticipantRole::Participant)
                .filter_map(|g| field(g.attendances, g.distinct_people))
                .collect();
            let low = groups.iter().fold(0u64, |sum, g| sum.saturating_add(bounds(*g).0));
            if bounds(total).1.is_some_and(|high| low > high) {
                let listing: Vec<String> = groups.iter().map(ToString::to_string).collect();
                sink.emit(
                    &PARTICIPATION_GROUPS_EXCEED,
                    format!("/events/{i}/participant_groups"),
                    format!(
                        "the participant groups of event `{}` add up to {} ({}) {name}, more than the event's {total}",
                        event.id,
                        crate::value::thousands(low),
                        listing.join(" + ")
                    ),
                );
            }
        }
    }
}
