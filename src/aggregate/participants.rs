//! Who took part, by participant group (since schema 1.2): children and
//! young people, parents, professionals of a sector, experts by
//! experience …, across events and projects, each figure counted once by
//! the counting model's rules.
//!
//! - only held events count (cancelled and planned events reached no one);
//! - a group's figure at an event that is `part_of` another held event
//!   stating a figure for the same group is inside that figure, and not
//!   added again;
//! - attendances add up; distinct people over several events are at least
//!   the largest figure (the sources do not say how many came to more than
//!   one);
//! - a group named without a figure is counted in `events` and
//!   `events_without_figure`, never guessed;
//! - leaders (role `leader`) have rows of their own, apart from the
//!   participants.

use std::collections::{BTreeMap, HashMap};

use schemars::JsonSchema;
use serde::Serialize;

use super::participation::distinct_union;
use super::{Clause, Derivation, Figure, Used, ancestors, record};
use crate::report::Phrase;
use crate::{Count, Event, EventStatus, Language, ParticipantGroup, Project, Total};

/// One participant group (a kind, and a sector for professionals) in one
/// role, across every held event that names it.
///
/// ```
/// use childwelfare::{aggregate, data};
///
/// let summary = aggregate::summarise(&data::seed(), false);
/// // LUMO's development groups name child-protection professionals without a figure.
/// let row = summary.participant_groups.iter().find(|r| r.key == "professionals/child_protection").unwrap();
/// assert!(row.events >= 1);
/// assert_eq!(row.attendances, None); // named, never guessed
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct ParticipantGroupRow {
    /// `participant` or `leader`.
    pub role: &'static str,
    /// The group's key: its kind's code, and its sector's after a slash
    /// (`professionals/child_protection`).
    pub key: String,
    /// The group kind's code.
    pub kind: &'static str,
    /// The sector's code, for professionals of one sector.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sector: Option<&'static str>,
    /// The group's label ("ammattilaiset: lastensuojelu").
    pub label: String,
    /// Held events that name the group.
    pub events: u64,
    /// Of those, events that name it without any figure.
    pub events_without_figure: u64,
    /// The group's attendances, each counted once; `None` when no event
    /// gives the group's attendances.
    pub attendances: Option<Figure<Count>>,
    /// The group's different people: over several events at least the
    /// largest figure; `None` when no event gives them.
    pub distinct_people: Option<Figure<Total>>,
}

/// The rows being collected.
#[derive(Debug, Clone, Default)]
pub(crate) struct Accumulator {
    rows: BTreeMap<(String, String), ParticipantGroupRow>,
}

type Field = fn(&ParticipantGroup) -> Option<Count>;

impl Accumulator {
    pub(crate) fn add_project(&mut self, project: &Project, language: Language, explain: bool) {
        if project.events.iter().all(|e| e.participant_groups.is_empty()) {
            return;
        }
        let by_id: HashMap<&str, &Event> = project.events.iter().map(|e| (e.id.as_str(), e)).collect();
        let held = |e: &Event| e.status == EventStatus::Held;
        // Whether an ancestor of `event` states `field` for the group `key` in `role`.
        let inside = |event: &Event, group: &ParticipantGroup, field: Field| {
            ancestors(event, &by_id).iter().any(|id| {
                by_id.get(id).is_some_and(|parent| {
                    held(parent)
                        && parent
                            .participant_groups
                            .iter()
                            .any(|g| g.role == group.role && g.key() == group.key() && field(g).is_some())
                })
            })
        };
        for event in project.events.iter().filter(|e| held(e)) {
            for group in &event.participant_groups {
                let key = (group.role.code().to_owned(), group.key());
                let row = self.rows.entry(key).or_insert_with(|| ParticipantGroupRow {
                    role: group.role.code(),
                    key: group.key(),
                    kind: group.kind.code(),
                    sector: group.sector.map(|s| s.code()),
                    label: label(group, language),
                    events: 0,
                    events_without_figure: 0,
                    attendances: None,
                    distinct_people: None,
                });
                row.events += 1;
                if group.attendances.is_none() && group.distinct_people.is_none() {
                    row.events_without_figure += 1;
                }
                let cite = |rule: Phrase, count: Count| {
                    explain.then(|| {
                        let mut derivation = Derivation::new(
                            Clause::new(rule),
                            vec![
                                Used::new(format!("{} {}", record(project, event.id.as_str()), group.key()))
                                    .text(" = ")
                                    .count(count),
                            ],
                        );
                        derivation.cite(record(project, event.id.as_str()), &group.sources);
                        Box::new(derivation)
                    })
                };
                if let Some(count) = group.attendances.filter(|_| !inside(event, group, |g| g.attendances)) {
                    let figure = Figure { value: count, derivation: cite(Phrase::RuleGroupAttendances, count) };
                    row.attendances = Figure::merge(row.attendances.take(), Some(figure), |a, b| a + b);
                }
                if let Some(count) = group.distinct_people.filter(|_| !inside(event, group, |g| g.distinct_people)) {
                    let figure =
                        Figure { value: Total::from(count), derivation: cite(Phrase::RuleGroupDistinct, count) };
                    row.distinct_people = Figure::merge(row.distinct_people.take(), Some(figure), distinct_union);
                }
            }
        }
    }

    pub(crate) fn finish(self) -> Vec<ParticipantGroupRow> {
        self.rows.into_values().collect()
    }
}

/// The group's label: its kind, and its sector after a colon.
fn label(group: &ParticipantGroup, language: Language) -> String {
    let kind = group.kind.label(language);
    let role = match group.role {
        crate::ParticipantRole::Participant => String::new(),
        role => format!(" ({})", role.label(language)),
    };
    match group.sector {
        Some(sector) => format!("{kind}: {}{role}", sector.label(language)),
        None => format!("{kind}{role}"),
    }
}
