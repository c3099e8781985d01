//! The tables of what schema 1.2 made visible: participant groups of
//! events, milestones and regional parts.

use std::collections::HashMap;

use super::Row;
use super::rows::Builder;
use crate::{Event, EventStatus, Language, MilestoneKind, ParticipantGroup, Project};

/// A row per participant group of each event; `*_counted` marks the
/// figures the report's participant-group table adds (held, and not
/// inside another held event's figure for the same group).
pub(super) fn participant_groups(project: &Project, language: Language) -> Vec<Row> {
    let by_id: HashMap<&str, &Event> = project.events.iter().map(|e| (e.id.as_str(), e)).collect();
    let counted = |event: &Event, group: &ParticipantGroup, field: fn(&ParticipantGroup) -> Option<crate::Count>| {
        event.status == EventStatus::Held
            && field(group).is_some()
            && !crate::aggregate::ancestors(event, &by_id).iter().any(|id| {
                by_id.get(id).is_some_and(|parent| {
                    parent.status == EventStatus::Held
                        && parent
                            .participant_groups
                            .iter()
                            .any(|g| g.role == group.role && g.key() == group.key() && field(g).is_some())
                })
            })
    };
    let mut rows = Vec::new();
    for event in &project.events {
        for group in &event.participant_groups {
            rows.push(
                Builder::new()
                    .col("project", &project.id)
                    .col("event", &event.id)
                    .col("event_status", event.status.code())
                    .col("role", group.role.code())
                    .col("group", group.key())
                    .col("kind", group.kind.code())
                    .col("sector", group.sector.map_or("", |s| s.code()))
                    .text("description", group.description.as_ref(), language)
                    .count("attendances", "attendances_exactness", group.attendances)
                    .col("attendances_counted", counted(event, group, |g| g.attendances))
                    .count("distinct_people", "distinct_people_exactness", group.distinct_people)
                    .col("distinct_people_counted", counted(event, group, |g| g.distinct_people))
                    .done(),
            );
        }
    }
    rows
}

/// A row per milestone, with its first and last possible day and, where
/// the project records its application, the days from it (a range, as
/// partial dates allow): the time from application to decision to start.
pub(super) fn milestones(project: &Project, language: Language) -> Vec<Row> {
    let application =
        project.milestones.iter().find(|m| m.kind == MilestoneKind::Application && !m.expected).map(|m| m.date);
    project
        .milestones
        .iter()
        .map(|milestone| {
            let (earliest, latest) = (milestone.date.earliest(), milestone.date.latest());
            let days = application
                .filter(|_| milestone.kind != MilestoneKind::Application)
                .map(|from| ((earliest - from.latest()).num_days(), (latest - from.earliest()).num_days()));
            Builder::new()
                .col("project", &project.id)
                .col("kind", milestone.kind.code())
                .date("date", Some(milestone.date))
                .col("earliest", super::Cell::Date(earliest))
                .col("latest", super::Cell::Date(latest))
                .col("expected", milestone.expected)
                .list("counties", milestone.counties.iter().map(|c| c.code()))
                .col("days_from_application_min", days.map(|(low, _)| low.to_string()))
                .col("days_from_application_max", days.map(|(_, high)| high.to_string()))
                .text("note", milestone.note.as_ref(), language)
                .done()
        })
        .collect()
}

/// A row per regional part, with its own budget where stated.
pub(super) fn regional_parts(project: &Project, language: Language) -> Vec<Row> {
    project
        .regional_parts
        .iter()
        .map(|part| {
            let period = part.period.unwrap_or_default();
            Builder::new()
                .col("project", &project.id)
                .col("regional_part", &part.id)
                .text("name", part.name.as_ref(), language)
                .col("kind", part.kind.map_or("", |k| k.code()))
                .list("counties", part.counties.iter().map(|c| c.code()))
                .list("municipalities", part.municipalities.iter())
                .date("start", period.start)
                .date("end", period.end)
                .col("implementer", part.implementer.as_ref().map_or("", |i| i.as_str()))
                .list("implementers", part.implementers.iter().map(|i| i.as_str()))
                .list("sectors", part.sectors.iter().map(|s| s.code()))
                .list("themes", part.themes.iter().map(|t| t.code()))
                .list("work_packages", part.work_packages.iter().map(|w| w.as_str()))
                .list("objectives", part.objectives.iter().map(|o| o.as_str()))
                .money("budget", "budget_exactness", part.funding.as_ref().and_then(|f| f.total))
                .col("budget_relation", part.budget_relation.map_or("", |r| r.code()))
                .done()
        })
        .collect()
}
