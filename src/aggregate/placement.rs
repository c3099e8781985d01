//! Where each event record and each counted figure of a project goes in
//! each participation table: the rows from which every table is a plain
//! group-by and sum (the `placements` export).

use std::collections::HashMap;

use schemars::JsonSchema;
use serde::Serialize;

use super::contribution::{self, Contributions, Holders};
use super::counted::counted_figures;
use super::forest::Forest;
use super::groups::grouped;
use super::participation::Dimension;
use crate::{Count, Event, EventStatus, Id, Language, Project, Total};

/// One event record in one group of one participation table, with what it
/// adds there.
///
/// A participation row is the placements with its dimension and group:
/// its `held`, `cancelled` and `planned` count the placements of each
/// status; its attendances are the sum of their `attendances`; its
/// distinct people are the one `distinct_people` there, or at least the
/// largest of several (see `docs/counting.md`).
///
/// ```
/// use childwelfare::aggregate::{self, Dimension};
/// use childwelfare::{Total, data};
///
/// let lumo = data::lumo();
/// let summary = aggregate::summarise(&[lumo.clone().into()], false);
/// for dimension in Dimension::ALL {
///     let placed: Option<Total> = aggregate::placements(&lumo, childwelfare::Language::En)
///         .into_iter()
///         .filter(|p| p.dimension == dimension)
///         .filter_map(|p| p.attendances)
///         .reduce(|a, b| a + b);
///     let rows: Option<Total> =
///         summary.participation(dimension)?.filter_map(|r| r.attendances.as_ref().map(|f| f.value)).reduce(|a, b| a + b);
///     assert_eq!(placed, rows, "{dimension:?}");
/// }
/// # Ok::<(), aggregate::Omitted>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct Placement {
    /// The table.
    pub dimension: Dimension,
    /// The group's key (a code, codes joined by `+` for a record with
    /// several values in a partition, or empty for "not stated").
    pub key: String,
    /// The group's label.
    pub label: String,
    /// The event record.
    pub event: Id,
    /// Its status.
    pub status: EventStatus,
    /// What its attendance figure adds here: its figure, or what is left of
    /// it once its parts are taken out (`remainder`), from 0 at the low end
    /// when it may lie within another figure; `None` when it adds nothing
    /// (no figure, not held, or represented by its parts, or inside a
    /// counted figure).
    pub attendances: Option<Total>,
    /// Whether `attendances` is a remainder.
    pub remainder: bool,
    /// Its distinct-people figure, when it is counted in this group.
    pub distinct_people: Option<Count>,
}

/// Every placement of `project`'s events in every participation table, in
/// the order of the dimensions ([`Dimension::ALL`]), groups and events.
pub fn placements(project: &Project, language: Language) -> Vec<Placement> {
    let forest = Forest::new(project);
    let contributions = contribution::attendances(project, &forest);
    let mut placed = Vec::new();
    for dimension in Dimension::ALL {
        let mut holders = Holders::new(project, &forest);
        placed.extend(of_dimension(project, &forest, dimension, language, &contributions, &mut holders));
    }
    placed
}

/// The placements of one dimension.
pub(crate) fn of_dimension<'a>(
    project: &'a Project,
    forest: &Forest<'_>,
    dimension: Dimension,
    language: Language,
    contributions: &Contributions<'a>,
    holders: &mut Holders<'a, '_>,
) -> Vec<Placement> {
    // In key order, as the rows of a table.
    let mut groups: Vec<(String, String, Vec<&'a Event>)> = grouped(project, dimension, holders)
        .into_iter()
        .map(|(key, events)| (key.code(project), key.label(project, language), events))
        .collect();
    groups.sort_by(|a, b| a.0.cmp(&b.0));
    // By project the counted figures themselves (the total); elsewhere what
    // each adds by the counting model.
    let adds: HashMap<*const Event, (Total, bool)> = if dimension == Dimension::Project {
        let held: Vec<&Event> = project.events.iter().filter(|e| e.status == EventStatus::Held).collect();
        let counted = counted_figures(project, &held, forest, |e| e.participation.and_then(|p| p.attendances), true);
        let mut adds = HashMap::new();
        for (event, count, node) in &counted.figures {
            let value = if counted.excluded.contains(node) {
                Total::range(Count::exact(0), *count)
            } else {
                Total::from(*count)
            };
            adds.entry(std::ptr::from_ref(*event)).or_insert((value, false));
        }
        adds
    } else {
        project
            .events
            .iter()
            .filter_map(|e| contributions.of(e).map(|c| (std::ptr::from_ref(e), (c.value, !c.parts.is_empty()))))
            .collect()
    };
    let mut placed = Vec::new();
    for (key, label, events) in groups {
        let held: Vec<&Event> = events.iter().copied().filter(|e| e.status == EventStatus::Held).collect();
        let people = counted_figures(project, &held, forest, |e| e.participation.and_then(|p| p.distinct_people), true);
        let mut people_of: HashMap<*const Event, Count> = HashMap::new();
        for (event, count, _) in &people.figures {
            people_of.entry(std::ptr::from_ref(*event)).or_insert(*count);
        }
        for event in events {
            let at = std::ptr::from_ref(event);
            let adds = adds.get(&at);
            placed.push(Placement {
                dimension,
                key: key.clone(),
                label: label.clone(),
                event: event.id.clone(),
                status: event.status,
                attendances: adds.map(|(value, _)| *value),
                remainder: adds.is_some_and(|(_, remainder)| *remainder),
                distinct_people: people_of.get(&at).copied(),
            });
        }
    }
    placed
}
