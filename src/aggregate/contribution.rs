//! Where each counted attendance figure goes in a grouped table: the
//! counting model's "totals represented through their parts" (see
//! `docs/counting.md`).
//!
//! A project's attendances are the sum of its counted figures (those no
//! other figure includes). In a table grouped by theme, county, year …
//! each counted figure is placed as follows:
//!
//! - a figure whose parts (the figures `part_of` it) are complete
//!   (`parts_complete`) is represented by its parts, each placed by the
//!   same rules, and adds nothing of its own (unless its held parts with a
//!   figure add up to less than it, a cancelled part's share for example:
//!   then what they leave is placed as a remainder);
//! - a figure whose parts are not complete adds its *remainder* (the figure
//!   less its parts, [`Count::remainder`]) to its own groups, and its parts
//!   are placed by the same rules;
//! - a figure without parts adds itself;
//! - a record that states no value of the dimension takes the values of the
//!   nearest event it is `part_of` that states some, and is "not stated"
//!   when none does;
//! - a figure left out of the low end of the total (the smaller of two that
//!   may overlap) adds `0` to the low end wherever its contributions go.
//!
//! The contributions of one project add up to its total.

use super::Used;
use super::counted::{Held, any_inside, counted_figures};
use super::forest::{Forest, Places};
use crate::report::Phrase;
use crate::{Count, Event, EventStatus, Project, Total};

/// What one record adds to the groups it is placed in.
#[derive(Debug, Clone)]
pub(crate) struct Contribution<'a> {
    /// The record.
    pub(crate) event: &'a Event,
    /// Its figure.
    pub(crate) figure: Count,
    /// The figures of its parts that were taken out of it (none when it adds
    /// its whole figure).
    pub(crate) parts: Vec<(&'a Event, Count)>,
    /// What it adds: its figure, or its remainder; from `0` at the low end
    /// when it may lie within another figure.
    pub(crate) value: Total,
}

impl Contribution<'_> {
    /// How the contribution is made, for a derivation: `project/record = 3 667`
    /// or `project/record = 192 less its parts 21 (project/a) + 12 (project/b) = 159`.
    pub(crate) fn describe(&self, project: &Project) -> Used {
        let name = Used::new(super::record(project, self.event.id.as_str())).text(" = ");
        let mut used = if self.parts.is_empty() {
            name.count(self.figure)
        } else {
            let mut parts = Used::default();
            for (at, (event, count)) in self.parts.iter().enumerate() {
                if at > 0 {
                    parts = parts.text(" + ");
                }
                parts = parts.count(*count).text(format!(" ({})", super::record(project, event.id.as_str())));
            }
            let figure = Used::default().count(self.figure);
            let high = Used::default().count(self.value.high);
            name.fill(Phrase::RecordLessItsParts, vec![figure, parts, high])
        };
        used = used.text(super::cited(&self.event.sources));
        if self.value.is_range() {
            used = used.text(" ").phrase(Phrase::RecordMayLieWithin);
        }
        used
    }
}

/// A project's attendance contributions, found by event.
pub(crate) struct Contributions<'a> {
    list: Vec<Contribution<'a>>,
    /// Where the project's events lie.
    places: Places,
    /// Each event's contribution, by the event's place: its place in `list`.
    by_place: Vec<Option<usize>>,
}

impl<'a> Contributions<'a> {
    /// What `event` adds, if anything.
    pub(crate) fn of(&self, event: &Event) -> Option<&Contribution<'a>> {
        let at = self.places.place(event).and_then(|place| self.by_place.get(place).copied().flatten())?;
        self.list.get(at)
    }
}

/// The attendance contributions of a project's held events; their sum is
/// the project's attendances.
pub(crate) fn attendances<'a>(project: &'a Project, forest: &Forest<'_>) -> Contributions<'a> {
    attendances_of(project, &held_events(project).collect::<Vec<_>>(), forest)
}

/// A project's held events, in order.
fn held_events(project: &Project) -> impl Iterator<Item = &Event> {
    project.events.iter().filter(|e| e.status == EventStatus::Held)
}

/// [`attendances`], with the project's `held` events found.
fn attendances_of<'a>(project: &'a Project, held: &[&'a Event], forest: &Forest<'_>) -> Contributions<'a> {
    let list = attendance_list(project, held, forest);
    let places = forest.places();
    let mut by_place = vec![None; project.events.len()];
    for (at, contribution) in list.iter().enumerate() {
        if let Some(slot) = places.place(contribution.event).and_then(|place| by_place.get_mut(place)) {
            // The first, should an event have two.
            slot.get_or_insert(at);
        }
    }
    Contributions { list, places, by_place }
}

/// The contributions, from each counted figure down through its parts.
fn attendance_list<'a>(project: &'a Project, held: &[&'a Event], forest: &Forest<'_>) -> Vec<Contribution<'a>> {
    let figure = |event: &Event| event.participation.and_then(|p| p.attendances);
    let counted = counted_figures(project, held, forest, figure, true);

    // Every held figure's nearest figure above it: its parts are its children,
    // the figures found inside it when the counted ones were. In one list by
    // the node above, each node's in the order of the events.
    let mut children: Vec<(usize, Held<'a>)> = counted
        .inside
        .iter()
        .filter_map(|&(event, above)| figure(event).map(|count| (above, (event, count, forest.nodes_of(event).0))))
        .collect();
    children.sort_by_key(|&(above, _)| above);
    let parts_of = |node: usize| {
        let start = children.partition_point(|&(above, _)| above < node);
        let end = children.partition_point(|&(above, _)| above <= node);
        &children[start..end]
    };

    // Each figure is placed once, as counted or as a part.
    let mut contributions = Vec::with_capacity(counted.figures.len() + children.len());
    // Each node's parts are placed once, even where an id repeats (no room
    // needed where no node has parts).
    let mut expanded = vec![false; if children.is_empty() { 0 } else { forest.nodes() }];
    let mut stack: Vec<(&'a Event, Count, Option<usize>, bool)> = Vec::with_capacity(counted.figures.len());
    stack.extend(
        counted
            .figures
            .iter()
            .rev()
            .map(|&(event, count, node)| (event, count, node, counted.excluded.contains(&node))),
    );
    while let Some((event, count, node, excluded)) = stack.pop() {
        let first_time = |node: &usize| expanded.get_mut(*node).is_some_and(|done| !std::mem::replace(done, true));
        let parts: &[(usize, Held<'a>)] = node.filter(first_time).map_or(&[], parts_of);
        let within = |value: Count| if excluded { Total::range(Count::exact(0), value) } else { Total::from(value) };
        if parts.is_empty() {
            contributions.push(Contribution { event, figure: count, parts: Vec::new(), value: within(count) });
            continue;
        }
        // What the parts leave of the figure goes to its own groups; with
        // complete parts that is nothing, unless some are not held or not
        // stated (a cancelled part), and then what is left is placed too, so
        // that the groups still add up to the total.
        let taken: Count = parts.iter().map(|(_, (_, c, _))| *c).sum();
        let remainder = count.remainder(taken);
        if !(event.parts_complete && remainder.value == 0) {
            contributions.push(Contribution {
                event,
                figure: count,
                parts: parts.iter().map(|(_, (e, c, _))| (*e, *c)).collect(),
                value: within(remainder),
            });
        }
        stack.extend(parts.iter().rev().map(|&(_, (event, count, node))| (event, count, node, excluded)));
    }
    contributions
}

/// For each event, the nearest event on its `part_of` chain (itself first)
/// that states a value of a dimension, found once per event however long
/// the chains: one per dimension, over the project's events by place.
///
/// What is remembered is kept for the event itself (its place), not for
/// its id: two events with one id (an `id.duplicate` error) each follow
/// their own chain, and an event that is on no chain is answered without a
/// look-up. A `part_of` leads to the last event with the id it names
/// ([`Forest::parent`]).
pub(crate) struct Holders<'a, 'f> {
    events: &'a [Event],
    forest: &'f Forest<'a>,
    /// Each event's answer, once found.
    known: Vec<Option<Option<usize>>>,
    /// The events walked by one call of [`Holders::of`], kept to be reused
    /// (empty between calls).
    path: Vec<usize>,
    /// Whether an event is on the walk of this call (all false between calls).
    seen: Vec<bool>,
}

impl<'a, 'f> Holders<'a, 'f> {
    /// Holders of `project`'s events, whose `part_of` graph is `forest`.
    pub(crate) fn new(project: &'a Project, forest: &'f Forest<'a>) -> Self {
        let events = project.events.len();
        Holders {
            events: &project.events,
            forest,
            known: vec![None; events],
            path: Vec::new(),
            seen: vec![false; events],
        }
    }

    /// Forgets what was found, keeping the memory, before holders of another
    /// dimension are asked for.
    pub(crate) fn forget(&mut self) {
        self.known.fill(None);
    }

    /// The nearest event from the event at `place` up its chain for which
    /// `states` holds; `None` when none does (or the chain comes round in a
    /// cycle first).
    #[inline]
    pub(crate) fn of(&mut self, place: usize, states: impl Fn(&Event) -> bool) -> Option<&'a Event> {
        let mut current = Some(place);
        let answer = loop {
            let Some(here) = current else { break None };
            let Some(event) = self.events.get(here) else { break None };
            if states(event) {
                break Some(here);
            }
            // The chain ends here (most events are on no chain): nothing to
            // walk, and nothing worth remembering.
            if event.part_of.is_none() {
                break None;
            }
            if let Some(known) = self.known[here] {
                break known;
            }
            if std::mem::replace(&mut self.seen[here], true) {
                break None;
            }
            self.path.push(here);
            current = self.forest.parent(here);
        };
        for at in self.path.drain(..) {
            self.seen[at] = false;
            self.known[at] = Some(answer);
        }
        answer.and_then(|at| self.events.get(at))
    }
}

/// What counting a project's figures needs, found once for all its
/// groups in every dimension.
pub(crate) struct Counting<'a, 'f> {
    /// The project's `part_of` graph.
    pub(crate) forest: &'f Forest<'a>,
    /// Its attendance contributions ([`attendances`]).
    pub(crate) contributions: Contributions<'a>,
    /// Which of its kinds of figure lie inside one another.
    pub(crate) nesting: Nesting,
    /// Whether its groups' rows are added up event by event
    /// ([`tally::applies`](super::tally::applies)).
    pub(crate) event_by_event: bool,
}

impl<'a, 'f> Counting<'a, 'f> {
    /// What counting `project`'s figures needs; `forest` is its graph.
    #[cfg(test)]
    pub(crate) fn new(project: &'a Project, forest: &'f Forest<'a>) -> Self {
        Self::with_buffer(project, forest, &mut Vec::new())
    }

    /// What counting `project`'s figures needs (`forest` is its graph),
    /// listing the project's held events in `held` (emptied first), a
    /// buffer kept from one project to the next.
    pub(crate) fn with_buffer(project: &'a Project, forest: &'f Forest<'a>, held: &mut Vec<&'a Event>) -> Self {
        held.clear();
        held.extend(held_events(project));
        let nesting = Nesting::of(held, forest);
        let event_by_event = super::tally::applies(held, nesting);
        Counting { forest, contributions: attendances_of(project, held, forest), nesting, event_by_event }
    }
}

/// Whether some held event's figure lies inside another's of the same kind
/// (by the rule of [`counted_figures`]) anywhere in a project. Where none
/// does in the whole project, none does in a group of its events: a
/// group's figures are some of the project's, so the first of them up an
/// event's chain is never nearer than the project's first. The group's
/// figures are then all counted without a sweep of their chains.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Nesting {
    /// Distinct people.
    pub(crate) people: bool,
    /// Meetings (sessions).
    pub(crate) sessions: bool,
}

impl Nesting {
    /// Which of `project`'s kinds of figure lie inside one another.
    pub(crate) fn of(held: &[&Event], forest: &Forest<'_>) -> Self {
        let nests = |figure: fn(&Event) -> Option<Count>| any_inside(held, forest, figure);
        Nesting { people: nests(super::participation::people), sessions: nests(|e| e.sessions) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{County, Id};

    /// Two events with one id (an `id.duplicate` error), one on no chain
    /// and one `part_of` an event that states a county: each takes what
    /// its own chain says, in either order. Remembered by id, the first
    /// one's answer was the second one's too.
    #[test]
    fn events_with_one_id_each_follow_their_own_chain() {
        let id = |text: &str| Id::new(text).unwrap();
        let mut parent = Event::new(id("parent"));
        parent.counties = vec![County::ALL[0]];
        let alone = Event::new(id("twin"));
        let mut on_chain = Event::new(id("twin"));
        on_chain.part_of = Some(id("parent"));
        for events in [vec![parent.clone(), alone.clone(), on_chain.clone()], vec![parent, on_chain, alone]] {
            let mut project = crate::corpus::Generator::new(1).project(0);
            project.events = events;
            let forest = Forest::new(&project);
            let mut holders = Holders::new(&project, &forest);
            let states = |e: &Event| !e.counties.is_empty();
            for (place, event) in project.events.iter().enumerate() {
                let expected = if event.id.as_str() == "parent" || event.part_of.is_some() {
                    Some("parent".to_owned())
                } else {
                    None
                };
                // Asked twice: walked, then (on a chain) as remembered.
                for _ in 0..2 {
                    let holder = holders.of(place, states).map(|h| h.id.to_string());
                    assert_eq!(holder, expected, "{:?}", event.part_of);
                }
            }
        }
    }
}
