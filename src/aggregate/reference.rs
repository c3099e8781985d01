//! The participation counting as it was before issue 19 (a walk up the
//! `part_of` chain for every event, a linear search for every overlap),
//! kept in the tests as the oracle that the faster counting must agree
//! with, figure for figure and word for word, on the seed data, on
//! generated corpora and on projects with random `part_of` forests,
//! cycles, duplicate ids and overlaps.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::participation::{Dimension, ParticipationRow, distinct_union, keys};
use super::{Clause, Derivation, Figure, Group, record};
use crate::report::Phrase;
use crate::{Count, Event, EventStatus, Language, Project, Total};

/// The chain of `part_of` ancestors of an event (cycles are cut), walked
/// with a linear search for repeats.
pub(super) fn ancestors<'a>(event: &'a Event, by_id: &HashMap<&str, &'a Event>) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut current = event.part_of.as_ref();
    while let Some(id) = current {
        if out.contains(&id.as_str()) || id == &event.id {
            break;
        }
        out.push(id.as_str());
        current = by_id.get(id.as_str()).and_then(|e| e.part_of.as_ref());
    }
    out
}

/// The participation rows of one project in `dimension`, as they were made.
pub(super) fn of_project(
    project: &Project,
    dimension: Dimension,
    language: Language,
    explain: bool,
) -> Vec<ParticipationRow> {
    let mut groups: BTreeMap<String, (String, Vec<&Event>)> = BTreeMap::new();
    for event in &project.events {
        for (key, label) in keys(project, event, dimension, language) {
            groups.entry(key).or_insert_with(|| (label, Vec::new())).1.push(event);
        }
    }
    let by_id: HashMap<&str, &Event> = project.events.iter().map(|e| (e.id.as_str(), e)).collect();
    groups
        .into_iter()
        .map(|(key, (label, events))| {
            let mut row = ParticipationRow {
                group: Group { dimension, key, label },
                events_held: 0,
                events_cancelled: 0,
                events_planned: 0,
                // Meetings are newer than this reference: compared without them.
                sessions: None,
                attendances: None,
                distinct_people: None,
            };
            for event in &events {
                match event.status {
                    EventStatus::Held => row.events_held += 1,
                    EventStatus::Cancelled => row.events_cancelled += 1,
                    EventStatus::Planned => row.events_planned += 1,
                }
            }
            let held: Vec<&Event> = events.iter().copied().filter(|e| e.status == EventStatus::Held).collect();
            row.attendances =
                counted(project, &held, &by_id, |e| e.participation.and_then(|p| p.attendances), explain, false);
            row.distinct_people =
                counted(project, &held, &by_id, |e| e.participation.and_then(|p| p.distinct_people), explain, true);
            row
        })
        .collect()
}

fn counted(
    project: &Project,
    held: &[&Event],
    by_id: &HashMap<&str, &Event>,
    figure: impl Fn(&Event) -> Option<Count>,
    explain: bool,
    distinct: bool,
) -> Option<Figure<Total>> {
    let with_figure: BTreeSet<&str> = held.iter().filter(|e| figure(e).is_some()).map(|e| e.id.as_str()).collect();
    let counted: Vec<(&Event, Count)> = held
        .iter()
        .filter(|e| with_figure.contains(e.id.as_str()))
        .filter(|e| !ancestors(e, by_id).iter().any(|a| with_figure.contains(a)))
        .filter_map(|e| figure(e).map(|c| (*e, c)))
        .collect();
    if counted.is_empty() {
        return None;
    }
    let ids: BTreeSet<&str> = counted.iter().map(|(e, _)| e.id.as_str()).collect();
    let representative = |id: &str| -> Option<&str> {
        let event = by_id.get(id)?;
        std::iter::once(event.id.as_str()).chain(ancestors(event, by_id)).find(|candidate| ids.contains(candidate))
    };
    let value_of = |id: &str| counted.iter().find(|(e, _)| e.id == *id).map(|(_, c)| *c);
    let mut excluded: BTreeSet<&str> = BTreeSet::new();
    let mut overlaps = Vec::new();
    for (event, count) in &counted {
        for overlap in &event.possible_overlaps {
            let Some(other) = representative(overlap.with.as_str()) else { continue };
            if other == event.id.as_str() {
                continue;
            }
            let other_count = value_of(other).unwrap_or(*count);
            let smaller = if count.value <= other_count.value { event.id.as_str() } else { other };
            if excluded.insert(smaller) {
                overlaps.push((record(project, event.id.as_str()), record(project, other)));
            }
        }
    }
    let high: Count = counted.iter().map(|(_, c)| *c).sum();
    let total = if distinct && counted.len() > 1 {
        counted.iter().map(|(_, c)| Total::from(*c)).reduce(distinct_union).unwrap_or_else(Total::zero)
    } else {
        let low: Count = counted.iter().filter(|(e, _)| !excluded.contains(e.id.as_str())).map(|(_, c)| *c).sum();
        if excluded.is_empty() { Total::from(high) } else { Total::range(low, high) }
    };
    let derivation = explain.then(|| {
        let rule = Clause::new(if distinct && counted.len() > 1 {
            Phrase::RuleDistinctOfSeveral
        } else {
            Phrase::RuleHeldFigures
        });
        let mut derivation = Derivation::new(
            rule,
            counted.iter().map(|(e, c)| super::used(project, e.id.as_str(), *c, &e.sources)).collect(),
        );
        if !overlaps.is_empty() {
            derivation.add_clause(Clause::overlaps(overlaps));
        }
        derivation
    });
    Some(Figure { value: total, derivation: derivation.map(Box::new) })
}

/// A generated project whose events are replaced by a chain of `n`
/// (event `i` part of event `i - 1`), closed into a cycle if asked.
pub(super) fn chain(n: usize, cycle: bool) -> Project {
    let mut project = crate::corpus::Generator::new(4).project(0);
    let template = project.events.iter().find(|e| e.part_of.is_some()).cloned().unwrap();
    let id = |i: usize| crate::Id::new(format!("chain-{i}")).unwrap();
    project.events = (0..n)
        .map(|i| {
            let mut event = template.clone();
            event.id = id(i);
            event.part_of = if i > 0 { Some(id(i - 1)) } else { cycle.then(|| id(n - 1)) };
            event.participation =
                Some(crate::Participation::new(Some(Count::exact(1000 + i as u64)), Some(Count::exact(i as u64))));
            if i % 7 == 3 {
                event.possible_overlaps = vec![crate::PossibleOverlap::new(id(i / 2))];
            }
            event
        })
        .collect();
    project
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Generator;
    use crate::{Document, EventScope, Id, Participation, PossibleOverlap, Theme};

    /// SplitMix64, for the random forests.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }

        fn one_in(&mut self, n: u64) -> bool {
            self.next() % n == 0
        }
    }

    /// Every dimension, with and without derivations, in every language:
    /// the rows today's code makes are the reference's, and so are the
    /// `ancestors` chains that the events export uses.
    fn assert_same(project: &Project) {
        // Only by project: the other tables place figures by the counting
        // model of issue 18 (totals through their parts, values taken from
        // the enclosing event), which this reference predates.
        for dimension in [Dimension::Project] {
            for explain in [false, true] {
                for language in [Language::Fi, Language::En] {
                    let mut now = super::super::participation::rows_of(project, dimension, language, explain);
                    // Meetings, the records left out and the sections came later than
                    // this reference.
                    for row in &mut now {
                        row.sessions = None;
                        for figure in [&mut row.attendances, &mut row.distinct_people].into_iter().flatten() {
                            if let Some(derivation) = &mut figure.derivation {
                                derivation.left_out.clear();
                                derivation.sources.clear();
                            }
                        }
                    }
                    let then = of_project(project, dimension, language, explain);
                    assert_eq!(now, then, "{} by {dimension:?}, explain {explain}", project.id);
                }
            }
        }
        let by_id: HashMap<&str, &Event> = project.events.iter().map(|e| (e.id.as_str(), e)).collect();
        for event in &project.events {
            assert_eq!(
                super::super::ancestors(event, &by_id).iter().collect::<Vec<_>>(),
                ancestors(event, &by_id),
                "{}",
                event.id
            );
        }
    }

    /// A generated project whose events are rewired at random: `part_of`
    /// to any event, to itself or to no record (chains, trees, cycles,
    /// dangling references), possible overlaps, statuses, missing figures,
    /// duplicate ids and repeated themes.
    fn rewired(generator: &Generator, index: u64, rng: &mut Rng) -> Project {
        let mut project = generator.project(index);
        let extra = rng.below(40);
        for k in 0..extra {
            let mut event = Event::new(Id::new(format!("{}-x-{k}", project.id)).unwrap());
            event.themes = vec![Theme::ALL[rng.below(Theme::ALL.len())]];
            event.scope = Some(EventScope::Local);
            let figure = rng.next() % 500;
            event.participation = Some(Participation::new(Some(Count::exact(figure)), Some(Count::exact(figure / 3))));
            project.events.push(event);
        }
        let ids: Vec<Id> = project.events.iter().map(|e| e.id.clone()).collect();
        let n = ids.len();
        for event in &mut project.events {
            if rng.one_in(3) {
                event.part_of = match rng.below(10) {
                    0 => Some(event.id.clone()),
                    1 => Some(Id::new("no-such-event").unwrap()),
                    2 => None,
                    _ => Some(ids[rng.below(n)].clone()),
                };
            }
            if rng.one_in(4) {
                event.possible_overlaps =
                    (0..1 + rng.below(3)).map(|_| PossibleOverlap::new(ids[rng.below(n)].clone())).collect();
            }
            if rng.one_in(12) {
                event.status = [EventStatus::Cancelled, EventStatus::Planned][rng.below(2)];
            }
            if rng.one_in(10) {
                event.participation = None;
            }
            if rng.one_in(25) {
                event.id = ids[rng.below(n)].clone();
            }
            if rng.one_in(20)
                && let Some(theme) = event.themes.first().copied()
            {
                event.themes.push(theme);
            }
        }
        project
    }

    #[test]
    fn participation_is_counted_as_before_on_the_seed_data() {
        for document in crate::data::seed() {
            if let Document::Project(project) = document {
                assert_same(&project);
            }
        }
    }

    #[test]
    fn participation_is_counted_as_before_on_generated_corpora() {
        for seed in [1, 2026] {
            let generator = Generator::new(seed);
            for index in 0..40 {
                assert_same(&generator.project(index));
            }
            for index in 0..10 {
                assert_same(&generator.inject(index, 6).0);
            }
        }
    }

    #[test]
    fn participation_is_counted_as_before_in_random_part_of_forests_with_cycles_and_duplicates() {
        let generator = Generator::new(19);
        let mut rng = Rng(19);
        let mut ranges = 0;
        for index in 0..300 {
            let project = rewired(&generator, index, &mut rng);
            assert_same(&project);
            let rows = of_project(&project, Dimension::Project, Language::Fi, false);
            ranges += rows.iter().filter(|r| r.attendances.as_ref().is_some_and(|a| a.value.is_range())).count();
        }
        assert!(ranges > 10, "the random forests make ranges from overlaps ({ranges})");
    }

    /// A project's figures counted without a sweep of their chains, where
    /// its `Nesting` says none lies inside another, are those a sweep in
    /// every group counts: in every dimension, with derivations and without;
    /// and the figures made without a derivation are those made with one.
    #[test]
    fn groups_counted_without_a_sweep_where_no_figure_nests_are_counted_as_with_one() {
        use crate::aggregate::contribution::{Counting, Holders, Nesting};
        use crate::aggregate::forest::Forest;
        use crate::aggregate::groups::Groups;
        use crate::aggregate::participation::of_project;
        let generator = Generator::new(7);
        let mut rng = Rng(7);
        let (mut nested, mut flat) = ([0; 2], [0; 2]);
        let mut ranges = 0;
        for index in 0..160 {
            // Generated projects, whose people are counted at the parts of
            // their events and never nest, random forests, whose do, and
            // random figures that may overlap but are part of nothing.
            let mut project =
                if index % 2 == 0 { generator.project(index) } else { rewired(&generator, index, &mut rng) };
            let partless = index % 4 == 3;
            for event in &mut project.events {
                if rng.one_in(3) {
                    event.sessions = Some(Count::exact(1 + rng.next() % 9));
                }
                if partless {
                    event.part_of = None;
                }
            }
            let forest = Forest::new(&project);
            let counting = Counting::new(&project, &forest);
            let Nesting { people, sessions } = counting.nesting;
            for (kind, nests) in [people, sessions].into_iter().enumerate() {
                if nests { nested[kind] += 1 } else { flat[kind] += 1 }
            }
            // Whether a figure nests, found without listing the figures, is
            // whether the full count finds one inside another.
            let held: Vec<&Event> = project.events.iter().filter(|e| e.status == EventStatus::Held).collect();
            let figures: [fn(&Event) -> Option<Count>; 2] = [super::super::participation::people, |e| e.sessions];
            for (nests, figure) in [people, sessions].into_iter().zip(figures) {
                let counted = super::super::counted::counted_figures(&project, &held, &forest, figure, true);
                assert_eq!(nests, !counted.inside.is_empty(), "{}", project.id);
            }
            let mut swept = Counting::new(&project, &forest);
            swept.nesting = Nesting { people: true, sessions: true };
            for dimension in Dimension::ALL {
                let mut explained = Vec::new();
                for explain in [false, true] {
                    let mut rows = Vec::new();
                    for counting in [&counting, &swept] {
                        let mut holders = Holders::new(&project, &forest);
                        let mut made = Vec::new();
                        of_project(
                            &project,
                            counting,
                            dimension,
                            explain,
                            &mut holders,
                            &mut Groups::default(),
                            &mut made,
                        );
                        rows.push(made);
                    }
                    assert_eq!(rows[0], rows[1], "{} by {dimension:?}", project.id);
                    explained.push(rows.swap_remove(0));
                }
                // The figures made without a derivation (added up as they
                // are met where they can be) are those made with one.
                for (_, row) in &mut explained[1] {
                    row.attendances.iter_mut().for_each(|f| f.derivation = None);
                    row.distinct_people.iter_mut().for_each(|f| f.derivation = None);
                    row.sessions.iter_mut().for_each(|f| f.derivation = None);
                }
                assert_eq!(explained[0], explained[1], "{} by {dimension:?}", project.id);
                ranges += explained[0]
                    .iter()
                    .filter(|(_, r)| r.attendances.as_ref().is_some_and(|a| a.value.is_range()))
                    .count();
            }
        }
        assert!(nested.iter().chain(&flat).all(|&n| n > 10), "both cases of each kind ({nested:?}, {flat:?})");
        assert!(ranges > 10, "figures that may overlap make ranges ({ranges})");
    }

    /// Each event's holder, found by place and remembered from walk to walk,
    /// is the one a plain walk finds: up the `part_of` chain through the last
    /// event with each id, until an event states the value or the chain
    /// ends or comes round.
    #[test]
    fn holders_found_by_place_are_those_a_plain_walk_by_id_finds() {
        use crate::aggregate::contribution::Holders;
        use crate::aggregate::forest::Forest;
        let generator = Generator::new(11);
        let mut rng = Rng(11);
        let mut walked = 0;
        for index in 0..120 {
            let mut project = rewired(&generator, index, &mut rng);
            for event in &mut project.events {
                if rng.one_in(3) {
                    event.counties.clear();
                }
            }
            let by_id: HashMap<&str, &Event> = project.events.iter().map(|e| (e.id.as_str(), e)).collect();
            let plainly = |event: &Event, states: &dyn Fn(&Event) -> bool| {
                let mut seen = std::collections::HashSet::new();
                let mut here = event;
                loop {
                    if states(here) {
                        return Some(here.id.to_string());
                    }
                    let parent = here.part_of.as_ref()?;
                    if !seen.insert(std::ptr::from_ref(here)) {
                        return None;
                    }
                    here = by_id.get(parent.as_str())?;
                }
            };
            let forest = Forest::new(&project);
            let mut holders = Holders::new(&project, &forest);
            let states: [&dyn Fn(&Event) -> bool; 2] = [&|e| !e.counties.is_empty(), &|e| e.themes.len() > 1];
            for states in states {
                holders.forget();
                // Each asked twice: walked, then as remembered.
                for (place, event) in project.events.iter().enumerate().chain(project.events.iter().enumerate()) {
                    let found = holders.of(place, states).map(|e| e.id.to_string());
                    assert_eq!(found, plainly(event, states), "{} in {}", event.id, project.id);
                    walked += usize::from(event.part_of.is_some());
                }
            }
        }
        assert!(walked > 1_000, "{walked}");
    }

    #[test]
    fn participation_is_counted_as_before_in_a_long_chain_and_a_long_cycle() {
        assert_same(&chain(150, false));
        assert_same(&chain(150, true));
    }
}
