//! Each project's participation rows made apart from the [`Aggregator`](super::Aggregator)
//! (on any thread), and the tables they are added to, in order.

use super::participation::{self, Dimension, ParticipationRow};
use super::{contribution, forest, groups};
use crate::{Language, Project};

/// One dimension's participation rows, each found by its group's key.
#[derive(Debug, Clone, Default)]
pub(super) struct Table {
    /// Each row's place by its group's key. The key is kept here alone
    /// while rows are added (a row's own is empty) and given to its row
    /// when the rows are put in order.
    pub(super) index: foldhash::HashMap<Box<str>, usize>,
    pub(super) rows: Vec<ParticipationRow>,
}

impl Table {
    /// The rows in the order of their keys, as a stable sort gives them
    /// (a key has one row, its projects' rows merged, but ties would keep
    /// their order). The rows, large, are moved once: their places are
    /// sorted, not the rows.
    pub(super) fn into_rows_in_key_order(self) -> Vec<ParticipationRow> {
        let mut rows = self.rows;
        for (key, at) in self.index {
            if let Some(row) = rows.get_mut(at) {
                row.group.key = key.into_string();
            }
        }
        let mut order: Vec<usize> = (0..rows.len()).collect();
        order.sort_unstable_by(|&a, &b| rows[a].group.key.cmp(&rows[b].group.key).then(a.cmp(&b)));
        let mut rows: Vec<Option<ParticipationRow>> = rows.into_iter().map(Some).collect();
        order.into_iter().filter_map(|at| rows[at].take()).collect()
    }
}

/// The key of one of a project's participation rows, and where that
/// key's code ends in [`Prepared::codes`].
#[derive(Debug)]
pub(super) struct RowKey {
    pub(super) key: participation::OwnedKey,
    pub(super) code_end: usize,
}

/// A project's participation rows in every dimension, each with its
/// group's key, made apart from the [`Aggregator`](super::Aggregator) (on
/// any thread) and added to it in order. It owns all it holds, so that it
/// can be added by a thread other than the one that made it.
#[derive(Debug)]
pub(super) struct Prepared {
    /// The rows of every dimension made, one dimension's after another in
    /// the order of [`Dimension::ALL`]: one list for the project rather
    /// than one a dimension.
    pub(super) rows: Vec<ParticipationRow>,
    /// Each row's key, in the order of `rows`: apart from the rows, so
    /// that the rows are moved out (read) where they are added and the
    /// keys, which own memory, stay to be dropped by the thread that made them.
    pub(super) keys: Vec<RowKey>,
    /// Each row's group's key ([`Key::write_code`](participation::Key::write_code)),
    /// one after another: written where the rows are made rather than where
    /// they are added, which is one thread at a time.
    pub(super) codes: String,
    /// How many of `rows` each dimension has, by [`Dimension::ALL`]'s
    /// order; `None` for a dimension not made.
    pub(super) counts: [Option<usize>; Dimension::ALL.len()],
    /// The project's attendances, when its row by project is not made.
    pub(super) attendances: Option<crate::Total>,
    /// The project's achievement, outputs, money, staffing and row, to be
    /// merged with [`Accumulator::merge_project`](super::resources::Accumulator::merge_project).
    pub(super) resources: super::resources::Accumulator,
    /// The project's money rows, to be merged with the rest.
    pub(super) money: super::resources::ProjectMoney,
}

impl Prepared {
    /// The rows of `project`; without those by work package and the other
    /// per-project tables unless `per_project` (past the per-project limit
    /// they are dropped), and without its row by project unless
    /// `project_row` (only its attendances, for the total, once the
    /// per-project tables are emptied after each project). `groups` holds
    /// the buffers its events are grouped in, to be used again for the
    /// next project.
    pub(super) fn new<'a>(
        project: &'a Project,
        language: Language,
        explain: bool,
        per_project: bool,
        project_row: bool,
        groups: &mut groups::Groups<'a>,
    ) -> Self {
        let forest = forest::Forest::new(project);
        let mut held = groups.take_held();
        let counting = contribution::Counting::with_buffer(project, &forest, &mut held);
        groups.give_back_held(held);
        let attendances = (!project_row).then(|| participation::project_attendances(project, &forest)).flatten();
        // The events grouped in one dimension after another, in one set of
        // buffers, and their holders found in one set of tables.
        let mut holders = contribution::Holders::new(project, &forest);
        let mut made = groups.take_rows();
        let mut counts = [None; Dimension::ALL.len()];
        let dimensions = Dimension::ALL
            .into_iter()
            .filter(|&dimension| per_project || dimension != Dimension::WorkPackage)
            .filter(|&dimension| project_row || dimension != Dimension::Project);
        for dimension in dimensions {
            holders.forget();
            let before = made.len();
            participation::of_project(project, &counting, dimension, explain, &mut holders, groups, &mut made);
            counts[dimension as usize] = Some(made.len() - before);
        }
        // Each key's code written, and what it borrows copied, here.
        let mut codes = String::with_capacity(16 * made.len());
        let mut rows = Vec::with_capacity(made.len());
        let mut keys = Vec::with_capacity(made.len());
        for (key, row) in made.drain(..) {
            key.write_code(project, &mut codes);
            keys.push(RowKey { key: key.into(), code_end: codes.len() });
            rows.push(row);
        }
        groups.give_back_rows(made);
        let (resources, money) = super::resources::Accumulator::of_project(project, language, explain, per_project);
        Prepared { rows, keys, codes, counts, attendances, resources, money }
    }
}

/// Leaves of `project`, once its rows are made, only what its turn
/// ([`Aggregator::absorb`](super::Aggregator::absorb)) reads: its id, name,
/// status, periods, milestones, regional parts, work packages and
/// implementers, and its events when one of them has participant groups.
/// The rest (outputs, objectives, assessments, lessons, texts …) is freed
/// here, on the worker that parsed it and before the batch's next document
/// is parsed, which then takes the same memory back: at 1 000 generated
/// projects `report` used about 4 % less CPU than when each document was
/// kept whole until its turn (BENCHMARKS.md). Tested by summarising the
/// same documents through files and one by one.
pub(super) fn keep_what_the_turn_reads(project: &mut Project) {
    let mut kept = Project::new(project.id.clone(), project.name.clone(), project.status);
    kept.period = project.period;
    kept.actual_period = project.actual_period;
    kept.milestones = std::mem::take(&mut project.milestones);
    kept.regional_parts = std::mem::take(&mut project.regional_parts);
    kept.work_packages = std::mem::take(&mut project.work_packages);
    kept.implementers = std::mem::take(&mut project.implementers);
    if project.events.iter().any(|event| !event.participant_groups.is_empty()) {
        kept.events = std::mem::take(&mut project.events);
    }
    *project = kept;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Generator;
    use crate::{County, Event, Theme};

    /// The groups of one dimension by their plain definition: each key of
    /// each event in turn, a group made where a key is first met.
    fn plainly<'a>(
        project: &'a Project,
        dimension: Dimension,
        holders: &mut contribution::Holders<'a, '_>,
    ) -> Vec<(participation::Key<'a>, Vec<&'a Event>)> {
        let mut groups: Vec<(participation::Key<'a>, Vec<&'a Event>)> = Vec::new();
        let mut keys = Vec::new();
        for (place, event) in project.events.iter().enumerate() {
            participation::groups_of(event, place, dimension, holders, &mut keys);
            for &key in &keys {
                match groups.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, events)) => events.push(event),
                    None => groups.push((key, vec![event])),
                }
            }
        }
        groups
    }

    #[test]
    fn groups_made_in_buffers_used_again_are_the_plain_groups() {
        let generator = Generator::new(24);
        let projects: Vec<Project> = (0..30)
            .map(|index| {
                let mut project = generator.project(index);
                // An event in every county (more groups than a look along
                // them serves) and one that lists a theme twice.
                if let Some(event) = project.events.get_mut(1) {
                    event.counties = County::ALL.to_vec();
                }
                if let Some(event) = project.events.get_mut(2) {
                    event.themes = vec![Theme::ALL[0], Theme::ALL[1], Theme::ALL[0]];
                }
                // Years far from the reports', which have no slot of their
                // own (see `groups::slot`), beside those that have.
                for (at, year) in [(3, 1850), (4, 2500)] {
                    if let Some(event) = project.events.get_mut(at) {
                        event.period = Some(crate::Period { start: Some(crate::PartialDate::Year(year)), end: None });
                    }
                }
                project
            })
            .collect();
        // One set of buffers for every project and dimension.
        let mut groups = groups::Groups::default();
        let mut many = 0;
        for project in &projects {
            let forest = forest::Forest::new(project);
            for dimension in Dimension::ALL {
                let expected = plainly(project, dimension, &mut contribution::Holders::new(project, &forest));
                groups.fill(project, dimension, &mut contribution::Holders::new(project, &forest));
                let made: Vec<_> = groups.iter().map(|(key, events)| (key, events.to_vec())).collect();
                assert_eq!(made.len(), expected.len(), "{} by {dimension:?}", project.id);
                for ((key, events), (want_key, want)) in made.iter().zip(&expected) {
                    assert!(key == want_key, "{} by {dimension:?}: groups in another order", project.id);
                    let ids = |events: &[&Event]| events.iter().map(|e| e.id.to_string()).collect::<Vec<_>>();
                    assert_eq!(ids(events), ids(want), "{} by {dimension:?}", project.id);
                }
                many += usize::from(expected.len() > 8);
            }
        }
        assert!(many > 0, "some dimension has more groups than a look along them serves");
    }

    #[test]
    fn a_projects_attendances_past_the_limit_are_those_of_its_row_by_project() {
        let generator = Generator::new(11);
        let mut projects: Vec<Project> = (0..20).map(|index| generator.project(index)).collect();
        projects[0].events.clear();
        let mut stated = 0;
        // One set of buffers for every project, as a batch's are.
        let mut groups = groups::Groups::default();
        for project in &projects {
            let full = Prepared::new(project, Language::Fi, false, true, true, &mut groups);
            // The dimension by project comes first, its one row (if any) at the start.
            assert_eq!(Dimension::ALL[0], Dimension::Project);
            let row = full.counts[0].filter(|&count| count > 0).and_then(|_| full.rows.first());
            let from_row = row.and_then(|row| row.attendances.as_ref()).map(|f| f.value);
            let past = Prepared::new(project, Language::Fi, false, false, false, &mut groups);
            assert_eq!(past.counts[Dimension::Project as usize], None);
            assert!(past.rows.iter().all(|row| row.group.dimension != Dimension::Project));
            assert_eq!(past.attendances, from_row, "{}", project.id);
            stated += usize::from(from_row.is_some());
        }
        // A project without events has no row by project and no attendances.
        let without_events = Prepared::new(&projects[0], Language::Fi, false, false, false, &mut groups);
        assert_eq!(without_events.attendances, None);
        assert!(stated > 10, "{stated} projects with attendances");
    }

    #[test]
    fn a_figure_holds_its_derivation_apart_so_that_rows_move_at_a_small_size() {
        use std::mem::size_of;
        // A derivation, made only with `--explain`, is behind a pointer: a
        // figure is its value and one word, and a project's rows, made
        // apart and moved into the summary, are moved at that size.
        assert_eq!(size_of::<super::super::Figure<crate::Total>>(), size_of::<crate::Total>() + size_of::<usize>());
        assert_eq!(size_of::<super::super::Figure<u64>>(), 2 * size_of::<usize>().max(8));
        assert!(size_of::<ParticipationRow>() <= 192, "{} bytes", size_of::<ParticipationRow>());
    }

    #[test]
    fn a_tables_rows_in_key_order_are_those_a_stable_sort_gives() {
        let row = |key: &str, held: u64| ParticipationRow {
            group: super::super::Group { dimension: Dimension::Theme, key: key.to_owned(), label: String::new() },
            events_held: held,
            events_cancelled: 0,
            events_planned: 0,
            sessions: None,
            attendances: None,
            distinct_people: None,
        };
        // Keys out of order, the empty key, one given twice (which merging
        // never leaves, but the order must still be a stable sort's).
        let keys = ["mental_wellbeing", "", "child_rights", "öljy", "b", "child_rights", "a"];
        let rows: Vec<ParticipationRow> = keys.iter().zip(0..).map(|(key, held)| row(key, held)).collect();
        let mut sorted = rows.clone();
        sorted.sort_by(|a, b| a.group.key.cmp(&b.group.key));
        let table = Table { index: Default::default(), rows: rows.clone() };
        assert_eq!(table.into_rows_in_key_order(), sorted);
        assert!(Table::default().into_rows_in_key_order().is_empty());
        // As rows are added, a group's key is in the index alone: each row
        // gets its own back (the repeated key left out, as merging leaves it).
        let unique: Vec<ParticipationRow> = rows.into_iter().take(5).collect();
        let index = unique.iter().enumerate().map(|(at, row)| (row.group.key.as_str().into(), at)).collect();
        let mut expected = unique.clone();
        expected.sort_by(|a, b| a.group.key.cmp(&b.group.key));
        let mut keyless = unique;
        keyless.iter_mut().for_each(|row| row.group.key.clear());
        assert_eq!(Table { index, rows: keyless }.into_rows_in_key_order(), expected);
    }
}
