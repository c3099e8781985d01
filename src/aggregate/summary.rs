//! The [`Summary`] an [`Aggregator`] finishes into: every table, read as a
//! whole or, for the tables with a row per project, with [`Omitted`] past
//! the per-project limit.

use schemars::JsonSchema;
use serde::Serialize;

// The documentation's links name the aggregator as its module does (the
// schemas take their descriptions from the same text).
#[cfg(doc)]
use super::Aggregator;
use super::{
    AchievementRow, AssessmentRow, Dimension, Figure, FundingDimension, FundingRow, Omitted, OutputRow,
    ParticipantGroupRow, ParticipationRow, PartlyPerProject, PerProject, ProgrammeTotals, ProjectRow, RegionalPartRow,
    StaffingRow, TableKind, TargetRow, TimelineRow, UnjudgedObjective, figure_json,
};
use crate::Total;

/// Everything aggregated over the documents given.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct Summary {
    /// Project documents aggregated.
    pub projects: u64,
    /// Programme documents given.
    pub programmes: u64,
    /// Participation tables, one per [`Dimension`], in [`Dimension::ALL`]
    /// order. Past the per-project limit the tables by project and work
    /// package are not here: read them with [`Summary::participation`],
    /// which says so.
    pub participation: Vec<ParticipationTable>,
    /// Judgements per rating: by assessment source in `complete`; by
    /// project and work package in `per_project`, left out past the
    /// per-project limit. [`Summary::achievement`] reads one grouping.
    pub achievement: PartlyPerProject<AchievementRow>,
    /// Who each assessment reached, and how many judgements it gives.
    pub assessments: PerProject<AssessmentRow>,
    /// Objectives that no assessment judges.
    pub unjudged_objectives: PerProject<UnjudgedObjective>,
    /// Targets against actual figures, where outputs and measures state a target.
    pub targets: PerProject<TargetRow>,
    /// Outputs by kind and status; an output shared by several projects
    /// (`shared`) is counted once.
    pub outputs: Vec<OutputRow>,
    /// Who took part, by participant group and role, across every held
    /// event that names a group (since schema 1.2); complete whatever the
    /// corpus.
    pub participant_groups: Vec<ParticipantGroupRow>,
    /// Money: by funding kind in `complete`; by project, funder and
    /// implementer in `per_project`, left out past the per-project limit
    /// (funders and implementers grow with the projects).
    /// [`Summary::funding`] reads one grouping.
    pub funding: PartlyPerProject<FundingRow>,
    /// Staffing by project and implementer.
    pub staffing: PerProject<StaffingRow>,
    /// The projects side by side, one row each, the same columns.
    pub project_rows: PerProject<ProjectRow>,
    /// Each project's application, grant decision and start of work, and
    /// the days between them (since schema 1.2); a project that records
    /// none of them and no regional part has no row.
    pub timelines: PerProject<TimelineRow>,
    /// The projects' regional parts, a row each (since schema 1.2).
    pub regional_parts: PerProject<RegionalPartRow>,
    /// Each programme's own figures against the sum of its projects.
    pub programme_totals: Vec<ProgrammeTotals>,
    /// Attendances at every project's events: the sum of each project's
    /// figure (a range where they may overlap), kept when the per-project
    /// tables are not.
    #[serde(serialize_with = "figure_json::bare_option")]
    #[schemars(with = "Option<Figure<Total>>")]
    pub attendances: Option<Total>,
    /// The [`Aggregator::per_project_limit`] when the tables with a row per
    /// project were left out because more projects were added; `None` when
    /// they are complete. Each such table says so too, where it is read
    /// ([`PerProject`], [`Summary::participation`], [`Summary::funding`],
    /// [`Summary::achievement`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_project_omitted: Option<u64>,
    /// Documents that were given but could not be read or parsed (by
    /// [`Aggregator::add_files`]), each as where it is and why, in the
    /// order read: every figure of the summary leaves them out, and a
    /// report says so at its top.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub left_out: Vec<String>,
    /// What the projects cover in time: from the earliest start to the
    /// latest end of their periods (the period the work actually ran where
    /// a project states one, else the planned one); `None` when no project
    /// states a period, and an end left out when none states its end.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<crate::Period>,
}

/// One participation table: its dimension, rows and total, and whether the
/// rows add up to the total.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct ParticipationTable {
    /// What the rows are grouped by.
    pub dimension: Dimension,
    /// Whether each figure is in one row ([`TableKind::Partition`]) or in
    /// each of its groups ([`TableKind::Overlapping`]).
    pub kind: TableKind,
    /// The rows, in key order.
    pub rows: Vec<ParticipationRow>,
    /// The attendances of all projects, each counted once (the sum of the
    /// rows by project): what the rows of a partition add up to, and what
    /// the rows of an overlapping table are beside.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "figure_json::bare_option")]
    #[schemars(with = "Option<Figure<Total>>")]
    pub total: Option<Total>,
    /// Whether the rows' attendances add up to `total`, low and high ends
    /// and exactness alike. A partition adds up unless a total's parts are
    /// less exact than it (an exact total less parts of "at least" leaves
    /// "at most" a remainder); an overlapping table adds up only when no
    /// figure is in two groups.
    pub adds_up: bool,
    /// Why the table has no rows: a table with a row per project (by
    /// project, by work package) is left out past the
    /// [per-project limit](Aggregator::per_project_limit), and says so here,
    /// where its rows would be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub omitted: Option<Omitted>,
}

impl ParticipationTable {
    /// The table of `dimension` with `rows`, beside `total`.
    pub(super) fn new(dimension: Dimension, rows: Vec<ParticipationRow>, total: Option<Total>) -> Self {
        let sum: Option<Total> =
            rows.iter().filter_map(|r| r.attendances.as_ref().map(|f| f.value)).reduce(|a, b| a + b);
        ParticipationTable { dimension, kind: dimension.kind(), adds_up: sum == total, rows, total, omitted: None }
    }

    /// The table of `dimension`, left out past the per-project limit.
    pub(super) fn omitted(dimension: Dimension, omitted: Omitted, total: Option<Total>) -> Self {
        ParticipationTable {
            dimension,
            kind: dimension.kind(),
            rows: Vec::new(),
            total,
            adds_up: false,
            omitted: Some(omitted),
        }
    }
}

impl Summary {
    /// The same summary without derivations (what an [`Aggregator`] makes
    /// without [`explain`](Aggregator::explain)).
    pub fn without_derivations(&self) -> Summary {
        let mut summary = self.clone();
        for row in summary.participation.iter_mut().flat_map(|t| &mut t.rows) {
            for figure in [&mut row.attendances, &mut row.distinct_people].into_iter().flatten() {
                figure.derivation = None;
            }
            if let Some(sessions) = &mut row.sessions {
                sessions.derivation = None;
            }
        }
        summary.achievement.kept_mut().for_each(|row| row.judgements.derivation = None);
        summary.outputs.iter_mut().filter_map(|row| row.count.as_mut()).for_each(|f| f.derivation = None);
        for row in &mut summary.participant_groups {
            row.attendances.iter_mut().for_each(|f| f.derivation = None);
            row.distinct_people.iter_mut().for_each(|f| f.derivation = None);
        }
        summary.funding.kept_mut().filter_map(|row| row.amount.as_mut()).for_each(|f| f.derivation = None);
        summary
            .programme_totals
            .iter_mut()
            .filter_map(|row| row.projects_budget.as_mut())
            .for_each(|f| f.derivation = None);
        summary
    }

    /// Why the tables with a row per project were left out, if they were.
    pub fn omitted(&self) -> Option<Omitted> {
        self.per_project_omitted.map(|limit| Omitted { limit, projects: self.projects })
    }

    /// `Err` when `per_project` tables were left out.
    fn kept(&self, per_project: bool) -> Result<(), Omitted> {
        match self.omitted() {
            Some(omitted) if per_project => Err(omitted),
            _ => Ok(()),
        }
    }

    /// The participation rows of one dimension; the rows by project and by
    /// work package are [`Omitted`] past the
    /// [per-project limit](Aggregator::per_project_limit).
    ///
    /// ```
    /// use childwelfare::aggregate::{Aggregator, Dimension};
    /// use childwelfare::data;
    ///
    /// let mut aggregator = Aggregator::new().per_project_limit(1);
    /// for document in data::seed() {
    ///     aggregator.add(&document);
    /// }
    /// let summary = aggregator.finish();
    /// assert!(summary.participation(Dimension::Project).is_err());
    /// assert!(summary.participation(Dimension::County)?.count() > 0);
    /// # Ok::<(), childwelfare::aggregate::Omitted>(())
    /// ```
    ///
    /// # Errors
    /// [`Omitted`] for a dimension with a row per project that was left out.
    pub fn participation(&self, dimension: Dimension) -> Result<impl Iterator<Item = &ParticipationRow>, Omitted> {
        self.kept(dimension.is_per_project())?;
        Ok(self.participation.iter().filter(move |t| t.dimension == dimension).flat_map(|t| &t.rows))
    }

    /// The money rows grouped `by`; the rows by project, funder and
    /// implementer are [`Omitted`] past the
    /// [per-project limit](Aggregator::per_project_limit) (funders and
    /// implementers grow with the projects).
    ///
    /// ```
    /// use childwelfare::aggregate::{self, FundingDimension};
    ///
    /// let summary = aggregate::summarise(&childwelfare::data::seed(), false);
    /// assert_eq!(summary.funding(FundingDimension::Project)?.count(), 2);
    /// # Ok::<(), aggregate::Omitted>(())
    /// ```
    ///
    /// # Errors
    /// [`Omitted`] for a grouping with a row per project that was left out.
    pub fn funding(&self, by: FundingDimension) -> Result<impl Iterator<Item = &FundingRow>, Omitted> {
        Ok(self.funding.part(by.is_per_project())?.iter().filter(move |row| row.by == by))
    }

    /// The judgement rows grouped `by` (`project`, `work_package` or
    /// `assessment_source`); the rows by project and by work package are
    /// [`Omitted`] past the [per-project limit](Aggregator::per_project_limit).
    ///
    /// ```
    /// let summary = childwelfare::aggregate::summarise(&childwelfare::data::seed(), false);
    /// assert!(summary.achievement("project")?.any(|row| row.key == "lumo"));
    /// # Ok::<(), childwelfare::aggregate::Omitted>(())
    /// ```
    ///
    /// # Errors
    /// [`Omitted`] for a grouping with a row per project that was left out.
    pub fn achievement<'a>(&'a self, by: &'a str) -> Result<impl Iterator<Item = &'a AchievementRow>, Omitted> {
        Ok(self.achievement.part(by != "assessment_source")?.iter().filter(move |row| row.by == by))
    }

    /// The attendances of all projects together: the sum of each project's
    /// figure (projects are separate, so nothing overlaps between them);
    /// the same as [`Summary::attendances`], and complete past the
    /// per-project limit.
    pub fn total_attendances(&self) -> Option<Total> {
        self.attendances
    }
}
