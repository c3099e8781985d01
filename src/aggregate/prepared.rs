//! Each project's participation rows made apart from the [`Aggregator`](super::Aggregator)
//! (on any thread), and the tables they are added to, in order.

use super::participation::{self, Dimension, ParticipationRow};
use super::{contribution, forest};
use crate::{Language, Project};

/// One dimension's participation rows, each found by its group's key.
#[derive(Debug, Clone, Default)]
pub(super) struct Table {
    pub(super) index: foldhash::HashMap<Box<str>, usize>,
    pub(super) rows: Vec<ParticipationRow>,
}

/// A project's participation rows in every dimension, each with its
/// group's [`Key`](participation::Key), made apart from the [`Aggregator`](super::Aggregator)
/// (on any thread) and added to it in order.
pub(super) struct Prepared<'a> {
    pub(super) rows: Vec<(Dimension, Vec<(participation::Key<'a>, ParticipationRow)>)>,
    /// The project's attendances, when its row by project is not made.
    pub(super) attendances: Option<crate::Total>,
    /// The project's achievement, outputs, money, staffing and row, to be
    /// merged with [`Accumulator::merge_project`](super::resources::Accumulator::merge_project).
    pub(super) resources: super::resources::Accumulator,
}

impl<'a> Prepared<'a> {
    /// The rows of `project`; without those by work package and the other
    /// per-project tables unless `per_project` (past the per-project limit
    /// they are dropped), and without its row by project unless
    /// `project_row` (only its attendances, for the total, once the
    /// per-project tables are emptied after each project).
    pub(super) fn new(
        project: &'a Project,
        language: Language,
        explain: bool,
        per_project: bool,
        project_row: bool,
    ) -> Self {
        let forest = forest::Forest::new(project);
        let contributions = contribution::attendances(project, &forest);
        let by_id = contribution::by_id(project);
        let attendances = (!project_row)
            .then(|| participation::project_attendances(project, &forest, &mut contribution::Holders::new(&by_id)))
            .flatten();
        let rows = Dimension::ALL
            .into_iter()
            .filter(|&dimension| per_project || dimension != Dimension::WorkPackage)
            .filter(|&dimension| project_row || dimension != Dimension::Project)
            .map(|dimension| {
                let mut holders = contribution::Holders::new(&by_id);
                let rows =
                    participation::of_project(project, &forest, dimension, explain, &contributions, &mut holders);
                (dimension, rows)
            })
            .collect();
        let mut resources = super::resources::Accumulator::default();
        resources.add_project(project, language, explain, None, per_project);
        Prepared { rows, attendances, resources }
    }
}
