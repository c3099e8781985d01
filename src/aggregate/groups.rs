//! A project's events grouped in one [`Dimension`]: each event in the
//! groups of its own values, or of those of the nearest event it is
//! `part_of` that states some ([`groups_of`]), the groups in the order they
//! are first met and each group's events in the project's order.

use foldhash::HashMap;

use super::contribution::Holders;
use super::participation::{Dimension, Key, ParticipationRow, groups_of};
use crate::{Event, EventKind, EventScope, Project, Theme};

/// A project's events grouped in one dimension, in the order each group is
/// first met, each group's events in the project's order (an event twice
/// where it lists a value twice).
pub(crate) fn grouped<'a>(
    project: &'a Project,
    dimension: Dimension,
    holders: &mut Holders<'a, '_>,
) -> Vec<(Key<'a>, Vec<&'a Event>)> {
    let mut groups = Groups::default();
    groups.fill(project, dimension, holders);
    groups.iter().map(|(key, events)| (key, events.to_vec())).collect()
}

/// A project's events grouped in one dimension, as [`grouped`] gives them,
/// in buffers that are filled again for the next dimension rather than a
/// list allocated for each group.
#[derive(Debug, Default)]
pub(crate) struct Groups<'a> {
    /// Each group's key, in the order the groups are first met.
    keys: Vec<Key<'a>>,
    /// Where each group's events end in `events`.
    ends: Vec<usize>,
    /// The groups' events, group after group.
    events: Vec<&'a Event>,
    /// Each event's group, in the project's order, while filling.
    slots: Vec<(usize, &'a Event)>,
    /// Each group's place in `keys`, once there are many, for keys
    /// without a [`slot`].
    index: HashMap<Key<'a>, usize>,
    /// Each group's place in `keys` by its key's [`slot`] ([`NO_GROUP`]
    /// where none has that key), while grouping: emptied again at its end.
    places: Vec<usize>,
    /// An event's keys, while filling.
    event_keys: Vec<Key<'a>>,
    /// The held events of one group, for whoever counts the groups.
    held: Vec<&'a Event>,
    /// A project's rows with their keys, for whoever makes them.
    rows: Vec<(Key<'a>, ParticipationRow)>,
}

impl<'a> Groups<'a> {
    /// Groups `project`'s events in `dimension`, replacing what was here.
    pub(crate) fn fill(&mut self, project: &'a Project, dimension: Dimension, holders: &mut Holders<'a, '_>) {
        self.events.clear();
        if dimension == Dimension::Project {
            self.keys.clear();
            self.ends.clear();
            // Every event states its project: one group of them all.
            if !project.events.is_empty() {
                self.keys.push(Key::Project);
                self.ends.push(project.events.len());
                self.events.extend(&project.events);
            }
            return;
        }
        let (mut ends, mut slots) = (std::mem::take(&mut self.ends), std::mem::take(&mut self.slots));
        ends.clear();
        slots.clear();
        slots.reserve(project.events.len());
        self.each(project, dimension, holders, |at, new, event| {
            if new.is_some() {
                ends.push(0);
            }
            ends[at] += 1;
            slots.push((at, event));
        });
        // Each group's events after the groups before it, in the order met.
        let mut end = 0;
        for size in ends.iter_mut() {
            end += *size;
            *size = end - *size;
        }
        if let Some(&(_, first)) = slots.first() {
            self.events.resize(slots.len(), first);
            // `ends` holds each group's next place, which ends as the group's end.
            for &(group, event) in slots.iter() {
                self.events[ends[group]] = event;
                ends[group] += 1;
            }
        }
        (self.ends, self.slots) = (ends, slots);
    }

    /// Goes through `project`'s events in `dimension` (not
    /// [`Dimension::Project`]) as [`Groups::fill`] groups them, without
    /// listing each group's events: `visit(group, new, event)` for each
    /// event in each of its groups, in the project's order, `group` being
    /// the group's place in the order the groups are first met and `new`
    /// its key where the event is the group's first. The groups' keys stay
    /// here, in that order; their events do not.
    pub(crate) fn each(
        &mut self,
        project: &'a Project,
        dimension: Dimension,
        holders: &mut Holders<'a, '_>,
        mut visit: impl FnMut(usize, Option<Key<'a>>, &'a Event),
    ) {
        debug_assert!(dimension != Dimension::Project, "the project's group is all its events");
        let Groups { keys, index, places, event_keys, .. } = self;
        keys.clear();
        index.clear();
        if places.is_empty() {
            places.resize(SLOTS, NO_GROUP);
        }
        for (place, event) in project.events.iter().enumerate() {
            groups_of(event, place, dimension, holders, event_keys);
            for &key in event_keys.iter() {
                let slot = slot(&key);
                // A key of few values has its group's place at its slot: no
                // search, whose end at a place that changes from key to key
                // the processor mispredicts. Other keys: a project has few
                // groups a dimension, and a look along them is quicker than
                // hashing until there are many.
                let found = match slot {
                    Some(slot) => Some(places[slot]).filter(|&at| at != NO_GROUP),
                    None if keys.len() <= 8 => keys.iter().position(|k| *k == key),
                    None => {
                        if index.is_empty() {
                            let unslotted = keys.iter().enumerate().filter(|(_, k)| self::slot(k).is_none());
                            index.extend(unslotted.map(|(at, k)| (*k, at)));
                        }
                        index.get(&key).copied()
                    }
                };
                match found {
                    Some(at) => visit(at, None, event),
                    None => {
                        let at = keys.len();
                        match slot {
                            Some(slot) => places[slot] = at,
                            None if !index.is_empty() => {
                                index.insert(key, at);
                            }
                            None => {}
                        }
                        keys.push(key);
                        visit(at, Some(key), event);
                    }
                }
            }
        }
        // The places emptied for the next dimension or project: only those
        // of the keys met were set.
        for key in keys.iter() {
            if let Some(slot) = slot(key) {
                places[slot] = NO_GROUP;
            }
        }
    }

    /// The buffer for a group's held events (empty), to be given back with
    /// [`Groups::give_back_held`] once the groups are counted.
    pub(crate) fn take_held(&mut self) -> Vec<&'a Event> {
        std::mem::take(&mut self.held)
    }

    /// Keeps `held`'s memory for the next groups.
    pub(crate) fn give_back_held(&mut self, mut held: Vec<&'a Event>) {
        held.clear();
        self.held = held;
    }

    /// The buffer for a project's rows with their keys (empty), to be
    /// given back with [`Groups::give_back_rows`] once they are taken out.
    pub(crate) fn take_rows(&mut self) -> Vec<(Key<'a>, ParticipationRow)> {
        std::mem::take(&mut self.rows)
    }

    /// Keeps `rows`' memory for the next project.
    pub(crate) fn give_back_rows(&mut self, mut rows: Vec<(Key<'a>, ParticipationRow)>) {
        rows.clear();
        self.rows = rows;
    }

    /// These buffers, emptied, for the events of another project, so that
    /// a worker can let go of each project once its events are grouped
    /// (see [`super::prepared::keep_what_the_turn_reads`]) and still make
    /// one set of buffers a batch. The lists keep their memory; the map,
    /// used only for projects with many groups a dimension, starts again.
    pub(crate) fn recycle<'b>(self) -> Groups<'b> {
        let Groups { keys, ends, events, slots, index: _, places, event_keys, held, rows } = self;
        Groups {
            keys: emptied(keys),
            ends: emptied(ends),
            events: emptied(events),
            slots: emptied(slots),
            index: HashMap::default(),
            places,
            event_keys: emptied(event_keys),
            held: emptied(held),
            rows: emptied(rows),
        }
    }

    /// Each group's key and events (as many as there are groups, so that
    /// a list collected from them gets its room once).
    pub(crate) fn iter(&self) -> impl ExactSizeIterator<Item = (Key<'a>, &[&'a Event])> + '_ {
        self.keys.iter().enumerate().map(|(at, &key)| {
            let start = at.checked_sub(1).map_or(0, |before| self.ends[before]);
            (key, &self.events[start..self.ends[at]])
        })
    }
}

/// No group at a slot of [`Groups::places`].
const NO_GROUP: usize = usize::MAX;

/// The first year with a slot of its own (see [`slot`]), and how many
/// years from it have one: every year the reports cover and decades around.
const FIRST_YEAR: i32 = 1990;
const YEARS: usize = 80;

/// How many slots there are.
const SLOTS: usize = 1 + Theme::ALL.len() + EventKind::ALL.len() + EventScope::ALL.len() + YEARS + 4 * YEARS;

/// A slot of its own for each key of a dimension of few values ("not
/// stated", a theme, an event kind, a scope, and a year or quarter from
/// [`FIRST_YEAR`] on); `None` for the others (counties, work packages, the
/// project, years far from the reports'), which are looked for among the
/// groups. Slots of different keys differ.
fn slot(key: &Key<'_>) -> Option<usize> {
    let year = |year: i32| usize::try_from(year.checked_sub(FIRST_YEAR)?).ok().filter(|&at| at < YEARS);
    let themes = 1;
    let kinds = themes + Theme::ALL.len();
    let scopes = kinds + EventKind::ALL.len();
    let years = scopes + EventScope::ALL.len();
    let quarters = years + YEARS;
    match *key {
        Key::NotStated => Some(0),
        Key::Theme(theme) => Some(themes + theme as usize),
        Key::Kind(kind) => Some(kinds + kind as usize),
        Key::Scope(scope) => Some(scopes + scope as usize),
        Key::Year(y) => Some(years + year(y)?),
        Key::Quarter(y, q @ 1..=4) => Some(quarters + 4 * year(y)? + (q as usize - 1)),
        Key::Quarter(..) | Key::Project | Key::Counties(_) | Key::WorkPackage(_) => None,
    }
}

/// `list`'s memory, emptied, for items of another lifetime: collecting
/// an empty list's iterator into a list of the same layout takes its memory
/// rather than allocating.
fn emptied<T, U>(mut list: Vec<T>) -> Vec<U> {
    list.clear();
    list.into_iter().map(|_| unreachable!("the list is empty")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregate::forest::Forest;

    /// Recycled buffers keep their memory, and group the next project as
    /// new ones do.
    #[test]
    fn recycled_buffers_keep_their_memory_and_group_as_new_ones() {
        let generator = crate::corpus::Generator::new(7);
        let (first, second) = (generator.project(0), generator.project(1));
        let mut groups = Groups::default();
        let forest = Forest::new(&first);
        groups.fill(&first, Dimension::County, &mut Holders::new(&first, &forest));
        let room = (groups.keys.capacity(), groups.events.capacity(), groups.slots.capacity());
        assert!(room.0 > 0 && room.1 > 0 && room.2 > 0);
        let mut recycled: Groups<'_> = groups.recycle();
        assert_eq!((recycled.keys.capacity(), recycled.events.capacity(), recycled.slots.capacity()), room);
        assert!(recycled.keys.is_empty() && recycled.events.is_empty() && recycled.rows.is_empty());
        let forest = Forest::new(&second);
        recycled.fill(&second, Dimension::County, &mut Holders::new(&second, &forest));
        let made: Vec<_> = recycled.iter().map(|(key, events)| (key, events.to_vec())).collect();
        assert_eq!(made, grouped(&second, Dimension::County, &mut Holders::new(&second, &forest)));
    }

    /// Every key with a slot has one of its own, within the slots: keys
    /// sharing a slot would share a group.
    #[test]
    fn keys_of_few_values_have_slots_of_their_own() {
        let mut keys = vec![Key::NotStated];
        keys.extend(Theme::ALL.iter().map(|&t| Key::Theme(t)));
        keys.extend(EventKind::ALL.iter().map(|&k| Key::Kind(k)));
        keys.extend(EventScope::ALL.iter().map(|&s| Key::Scope(s)));
        for year in FIRST_YEAR..FIRST_YEAR + YEARS as i32 {
            keys.push(Key::Year(year));
            keys.extend((1..=4).map(|q| Key::Quarter(year, q)));
        }
        let slots: Vec<usize> = keys.iter().map(|key| slot(key).expect("a slot")).collect();
        assert_eq!(slots.len(), SLOTS);
        assert!(slots.iter().all(|&at| at < SLOTS));
        assert_eq!(slots.iter().collect::<std::collections::HashSet<_>>().len(), SLOTS);
        // Years outside the slots' and the other dimensions' keys are searched for.
        for key in
            [Key::Year(FIRST_YEAR - 1), Key::Quarter(FIRST_YEAR + YEARS as i32, 1), Key::Project, Key::WorkPackage("p")]
        {
            assert_eq!(slot(&key), None, "{key:?}");
        }
    }
}
