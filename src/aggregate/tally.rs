//! A project's participation rows added up event by event: where no counted
//! figure of the project lies inside another or may overlap one, each
//! group's figures are plain sums (attendances placed, meetings) and a
//! union (distinct people) of its events' own, in the order the events
//! come. [`rows`] makes them so, as each event is met in each of its
//! groups, without a list of each group's events or a look at each list
//! for each figure; the rows are those the counting model's general rules
//! (`docs/counting.md`) give, group by group, as the tests check against
//! [`of_project`](super::participation::of_project) asked for derivations.

use super::contribution::{Counting, Holders, Nesting};
use super::groups::Groups;
use super::participation::{Dimension, Key, ParticipationRow, distinct_union, people};
use super::{Figure, Group};
use crate::{Count, Event, EventStatus, Project, Total};

/// Whether a project whose held events are `held` and whose figures nest
/// as `nesting` says has its groups' rows added up event by event: every
/// held event's distinct people is counted whole (it lies inside no other
/// figure and may overlap none) and so are its meetings. Then so is every
/// group's, a group's held events being some of the project's.
pub(super) fn applies(held: &[&Event], nesting: Nesting) -> bool {
    held.iter().all(|event| {
        let on_no_chain = event.part_of.is_none();
        let people_whole =
            people(event).is_none() || ((!nesting.people || on_no_chain) && event.possible_overlaps.is_empty());
        let meetings_whole = !nesting.sessions || on_no_chain || event.sessions.is_none();
        people_whole && meetings_whole
    })
}

/// The participation rows of `project` in `dimension` (not
/// [`Dimension::Project`]), each with its group's key, as
/// [`of_project`](super::participation::of_project) makes them without a
/// derivation, where [`applies`] holds for the project: added to `out`.
pub(super) fn rows<'a>(
    project: &'a Project,
    counting: &Counting<'a, '_>,
    dimension: Dimension,
    holders: &mut Holders<'a, '_>,
    groups: &mut Groups<'a>,
    out: &mut Vec<(Key<'a>, ParticipationRow)>,
) {
    let first = out.len();
    groups.each(project, dimension, holders, |at, new, event| {
        if let Some(key) = new {
            let group = Group { dimension, key: String::new(), label: String::new() };
            out.push((key, ParticipationRow::new(group)));
        }
        let Some((_, row)) = out.get_mut(first + at) else { return };
        add(row, event, counting);
    });
}

/// Adds `event` to its group's `row`: its status, the attendances placed
/// with it, and, held, its distinct people and meetings. Sums start from
/// zero and add in the events' order, as summing a group's list does; the
/// people are the union of the figures in that order.
fn add(row: &mut ParticipationRow, event: &Event, counting: &Counting<'_, '_>) {
    match event.status {
        EventStatus::Held => row.events_held += 1,
        EventStatus::Cancelled => row.events_cancelled += 1,
        EventStatus::Planned => row.events_planned += 1,
    }
    if let Some(placed) = counting.contributions.of(event) {
        let sum = row.attendances.get_or_insert(Figure { value: Total::zero(), derivation: None });
        sum.value = sum.value + placed.value;
    }
    if event.status != EventStatus::Held {
        return;
    }
    if let Some(count) = people(event) {
        let value = match row.distinct_people.take() {
            None => Total::from(count),
            Some(union) => distinct_union(union.value, Total::from(count)),
        };
        row.distinct_people = Some(Figure { value, derivation: None });
    }
    if let Some(meetings) = event.sessions {
        let sum = row.sessions.get_or_insert(Figure { value: Count::exact(0), derivation: None });
        sum.value = sum.value + meetings;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregate::contribution;
    use crate::aggregate::forest::Forest;
    use crate::aggregate::participation::of_project;
    use crate::corpus::Generator;
    use crate::{County, Theme};

    /// Rows of one project in one dimension, by [`rows`] or by the general
    /// rules (with a derivation, which is then left out), with their keys' codes.
    fn made(project: &Project, dimension: Dimension, tallied: bool) -> Vec<(String, ParticipationRow)> {
        let forest = Forest::new(project);
        let counting = contribution::Counting::new(project, &forest);
        let mut holders = Holders::new(project, &forest);
        let mut groups = Groups::default();
        let mut out = Vec::new();
        if tallied {
            rows(project, &counting, dimension, &mut holders, &mut groups, &mut out);
        } else {
            of_project(project, &counting, dimension, true, &mut holders, &mut groups, &mut out);
        }
        out.into_iter()
            .map(|(key, mut row)| {
                let unexplained = |figure: &mut Option<Figure<_>>| figure.iter_mut().for_each(|f| f.derivation = None);
                unexplained(&mut row.attendances);
                unexplained(&mut row.distinct_people);
                row.sessions.iter_mut().for_each(|f| f.derivation = None);
                (key.code(project), row)
            })
            .collect()
    }

    #[test]
    fn rows_added_up_event_by_event_are_those_of_the_general_rules() {
        let generator = Generator::new(31);
        let mut applied = 0;
        for index in 0..60 {
            let mut project = generator.project(index);
            // Events in several counties, a theme listed twice, a year far
            // from the reports', events not held: groups of every kind.
            if let Some(event) = project.events.get_mut(1) {
                event.counties = County::ALL.to_vec();
            }
            if let Some(event) = project.events.get_mut(2) {
                event.themes = vec![Theme::ALL[0], Theme::ALL[1], Theme::ALL[0]];
            }
            if let Some(event) = project.events.get_mut(3) {
                event.period = Some(crate::Period { start: Some(crate::PartialDate::Year(1850)), end: None });
            }
            if let Some(event) = project.events.get_mut(4) {
                event.status = EventStatus::Cancelled;
            }
            let forest = Forest::new(&project);
            let held: Vec<&Event> = project.events.iter().filter(|e| e.status == EventStatus::Held).collect();
            if !applies(&held, contribution::Nesting::of(&held, &forest)) {
                continue;
            }
            applied += 1;
            for dimension in Dimension::ALL.into_iter().filter(|&d| d != Dimension::Project) {
                assert_eq!(
                    made(&project, dimension, true),
                    made(&project, dimension, false),
                    "{} by {dimension:?}",
                    project.id
                );
            }
        }
        assert!(applied > 30, "{applied} projects added up event by event");
    }

    #[test]
    fn a_project_whose_figures_may_overlap_is_not_added_up_event_by_event() {
        let generator = Generator::new(5);
        let mut project = generator.project(0);
        let forest = Forest::new(&project);
        let held = |project: &Project| -> Vec<Event> {
            project.events.iter().filter(|e| e.status == EventStatus::Held).cloned().collect()
        };
        let before = held(&project);
        let before: Vec<&Event> = before.iter().collect();
        assert!(applies(&before, contribution::Nesting::of(&before, &forest)));
        drop(forest);
        // A held event with distinct people that may overlap another's.
        let (first, second) = {
            let mut with_people = project
                .events
                .iter()
                .enumerate()
                .filter(|(_, e)| e.status == EventStatus::Held && people(e).is_some())
                .map(|(at, _)| at);
            (with_people.next().expect("an event with people"), with_people.next().expect("two"))
        };
        let other = project.events[second].id.clone();
        project.events[first].possible_overlaps.push(crate::PossibleOverlap::new(other));
        let forest = Forest::new(&project);
        let after = held(&project);
        let after: Vec<&Event> = after.iter().collect();
        assert!(!applies(&after, contribution::Nesting::of(&after, &forest)));
    }
}
