//! Figures across projects, each counted once and each able to explain
//! itself.
//!
//! An [`Aggregator`] takes documents one at a time (so that a corpus never
//! has to be in memory at once) and [`finish`](Aggregator::finish)es into a
//! [`Summary`]: participation by theme, event kind, scope, county, year,
//! quarter, work package and project; achievement judgements; outputs;
//! money; staffing; and the projects side by side with the programme's own
//! figures against the sum of its projects. Every result is a plain
//! serialisable type.
//!
//! The rules, which every [`Derivation`] names for its figure, are the
//! counting model, written out table by table in
//! [`docs/counting.md`](https://docs.rs/crate/childwelfare/latest/source/docs/counting.md):
//!
//! - a figure that is `part_of` another counted figure is not added again;
//! - cancelled and planned events are counted apart, never in the totals;
//! - figures that may overlap make a range ([`Total`]), from the total
//!   without the smaller of each overlapping pair to the full sum;
//! - in a table grouped by theme, county, year …, a total whose parts are
//!   complete is represented by its parts, one whose parts are not by its
//!   remainder (the total less its parts), and a record that states no
//!   value of the dimension takes that of the event it is part of;
//! - county, scope, year and quarter are partitions ([`TableKind`]): a
//!   figure is in one row (several counties make one row that names them),
//!   so the rows add up to the total; theme, event kind and work package are
//!   tags, a figure in each of its groups, with the total beside the rows;
//! - distinct people over several events (or projects) are at least the
//!   largest figure: the sources do not say how many came to more than one;
//! - figures keep their exactness ([`figure`](crate::figure)): exact +
//!   about is about;
//! - money is counted by [one rule](money) in every money table, so that
//!   they add up to the same grand total: a part without an amount makes a
//!   sum "at least" and is counted in `parts_without_amount`; an amount
//!   follows from a share of a stated total; a regional part's money is
//!   counted (in every table) only when it is `additional_to_project`;
//! - outputs are counted as items, not records: a record without a count
//!   is at least one item.
//!
//! ```
//! use childwelfare::aggregate::{Aggregator, Dimension};
//! use childwelfare::{Count, Total, data};
//!
//! let mut aggregator = Aggregator::new().explain(true);
//! for document in data::seed() {
//!     aggregator.add(&document);
//! }
//! let summary = aggregator.finish();
//!
//! // LUMO: 3 667 in events for the whole area, and about 1 000 in local ones.
//! // The tables with a row per project are `Err(Omitted)` past
//! // `Aggregator::per_project_limit` (1 000 projects unless set): never empty.
//! let lumo = summary.participation(Dimension::Project)?.find(|row| row.group.key == "lumo").unwrap();
//! let attendances = lumo.attendances.as_ref().unwrap();
//! assert_eq!(attendances.value, Total::from(Count::approximate(4667)));
//! println!("{}", attendances.derivation.as_ref().unwrap()); // the records and the rule
//! # Ok::<(), childwelfare::aggregate::Omitted>(())
//! ```
//!
//! Past the per-project limit, the tables with a row per project (by project
//! and work package, assessments, targets, staffing, money by project, funder
//! and implementer, the projects side by side, timelines, regional parts)
//! are left out so that memory
//! stays flat, and each says so where it is read: [`PerProject::Omitted`] in
//! place of the rows (money and judgements keep the groupings that are
//! always complete apart, in a [`PartlyPerProject`]), or
//! `Err(`[`Omitted`]`)` from [`Summary::participation`],
//! [`Summary::funding`] and [`Summary::achievement`].
//!
//! ```
//! use childwelfare::aggregate::{Aggregator, Dimension};
//! use childwelfare::corpus::Generator;
//!
//! let generator = Generator::new(1);
//! let mut aggregator = Aggregator::new().per_project_limit(2);
//! for index in 0..3 {
//!     aggregator.add(&generator.document(index));
//! }
//! let summary = aggregator.finish();
//! let omitted = summary.participation(Dimension::Project).err().unwrap();
//! assert!(omitted.to_string().starts_with("the tables with a row per project are left out past 2 projects"));
//! assert!(summary.project_rows.rows().is_err());
//! assert!(summary.participation(Dimension::Theme).is_ok()); // complete whatever the corpus
//! ```

mod achievement;
mod contribution;
mod counted;
mod derivation;
pub mod figure_json;
mod forest;
mod groups;
pub mod money;
mod participants;
mod participation;
mod per_project;
mod placement;
mod prepared;
mod programme;
#[cfg(test)]
mod reference;
mod resources;
mod summary;
mod tally;
mod timeline;

use schemars::JsonSchema;
use serde::Serialize;

pub use derivation::{Cited, Derivation, LeftOut, Omission};
pub(crate) use derivation::{Clause, Used, left_out_summary};
pub(crate) use forest::ancestors;
pub use money::{FundingDimension, FundingRow};
pub use participants::ParticipantGroupRow;
pub use participation::{Dimension, ParticipationRow, TableKind};
pub use per_project::{Omitted, PartlyPerProject, PerProject};
pub use placement::{Placement, placements};
pub use programme::ProgrammeTotals;
pub(crate) use programme::{IdTexts, ProgrammeFacts};
pub use resources::{AchievementRow, AssessmentRow, OutputRow, ProjectRow, StaffingRow, TargetRow, UnjudgedObjective};
pub use summary::{ParticipationTable, Summary};
pub use timeline::{DayRange, RegionalPartRow, TimelineRow};

use crate::load::{Files, Loaded, Streamed};
use crate::{Document, Language, Programme, Project, Total};
use prepared::{Prepared, Table, keep_what_the_turn_reads};

/// A figure and, when asked for ([`Aggregator::explain`]), its derivation.
/// In JSON it is one flat object, the figure's ends or amount beside its
/// exactness, text and derivation (see [the table](figure_json)):
/// `{"low": 3667, "high": 3667, "exactness": "exact", "text": "3 667"}`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Figure<T> {
    /// The figure.
    pub value: T,
    /// How it was made, when asked for; boxed, so that a figure without one
    /// is its value and a word.
    pub derivation: Option<Box<Derivation>>,
}

impl<T> Figure<T> {
    /// Combines two optional figures of the same group from different
    /// projects: values by `add`, derivations by joining their records.
    pub(crate) fn merge(a: Option<Self>, b: Option<Self>, add: impl FnOnce(T, T) -> T) -> Option<Self> {
        match (a, b) {
            (None, other) | (other, None) => other,
            (Some(a), Some(b)) => Some(Figure {
                value: add(a.value, b.value),
                derivation: match (a.derivation, b.derivation) {
                    (Some(mut a), Some(b)) => {
                        a.join(*b);
                        Some(a)
                    }
                    (a, b) => a.or(b),
                },
            }),
        }
    }
}

/// A group of records: its dimension, a stable key (a code or an id; empty
/// for "not stated") and a label in the chosen language.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct Group {
    /// What the records are grouped by.
    pub dimension: Dimension,
    /// The code or id; empty when the records do not state it.
    pub key: String,
    /// The label.
    pub label: String,
}

/// A record used with its figure and the documents that state it, for a
/// derivation: `project/record = about 1 000 [seed-002]`.
pub(crate) fn used(project: &Project, id: &str, count: crate::Count, sources: &[crate::SourceRef]) -> Used {
    Used::new(record(project, id)).text(" = ").count(count).text(cited(sources))
}

/// Which documents state a record's figure, for a derivation's record
/// line: ` [seed-002]`, or nothing when the record names no source (the
/// sections are in [`Derivation::sources`]).
pub(crate) fn cited(sources: &[crate::SourceRef]) -> String {
    let mut documents: Vec<&str> = Vec::new();
    for source in sources {
        if !documents.contains(&source.document.as_str()) {
            documents.push(source.document.as_str());
        }
    }
    if documents.is_empty() { String::new() } else { format!(" [{}]", documents.join(", ")) }
}

/// How the tables name `project`'s work package `id`: by its number and
/// title ([`WorkPackage::label`](crate::WorkPackage)), or by the id itself
/// where the project lists no such work package.
pub(crate) fn work_package_label(project: &Project, id: &str, language: Language) -> String {
    project.work_packages.iter().find(|wp| wp.id.as_str() == id).map_or_else(|| id.to_owned(), |wp| wp.label(language))
}

/// `project/record`, how derivations name a record.
pub(crate) fn record(project: &Project, id: &str) -> String {
    let mut text = String::with_capacity(project.id.as_str().len() + 1 + id.len());
    push_record(&mut text, project, id);
    text
}

/// Appends `project/record` to `out`: pushed rather than formatted, as it
/// is made for every row by work package.
pub(crate) fn push_record(out: &mut String, project: &Project, id: &str) {
    out.push_str(project.id.as_str());
    out.push('/');
    out.push_str(id);
}

/// Aggregates documents one at a time.
#[derive(Debug, Clone)]
pub struct Aggregator {
    explain: bool,
    language: Language,
    per_project_limit: u64,
    projects: u64,
    /// Whether the per-project tables were emptied after the last project
    /// added (it was past the limit).
    per_project_emptied: bool,
    attendances: Option<Total>,
    programmes: Vec<ProgrammeFacts>,
    /// The participation rows, a table per dimension in [`Dimension::ALL`] order.
    participation: [Table; 8],
    resources: resources::Accumulator,
    participants: participants::Accumulator,
    timelines: Vec<TimelineRow>,
    regional_parts: Vec<RegionalPartRow>,
    left_out: Vec<String>,
    /// The earliest start and latest end of the projects' periods.
    period: Option<crate::Period>,
}

impl Default for Aggregator {
    fn default() -> Self {
        Aggregator::new()
    }
}

impl Aggregator {
    /// An empty aggregation, without derivations, with Finnish labels.
    pub fn new() -> Self {
        Aggregator {
            explain: false,
            language: Language::Fi,
            per_project_limit: PER_PROJECT_LIMIT,
            projects: 0,
            per_project_emptied: false,
            attendances: None,
            programmes: Vec::new(),
            participation: Default::default(),
            resources: resources::Accumulator::default(),
            participants: participants::Accumulator::default(),
            timelines: Vec::new(),
            regional_parts: Vec::new(),
            left_out: Vec::new(),
            period: None,
        }
    }

    /// Keep each figure's derivation (the records it came from); memory then
    /// grows with the records aggregated.
    pub fn explain(mut self, explain: bool) -> Self {
        self.explain = explain;
        self
    }

    /// The language of labels (falling back as [`Text::best`](crate::Text::best) does).
    pub fn language(mut self, language: Language) -> Self {
        self.language = language;
        self
    }

    /// Keep the tables with a row per project (by project and work package,
    /// assessments, unjudged objectives, targets, staffing, money by project,
    /// funder and implementer, the projects side by side, timelines and
    /// regional parts) for up to `limit`
    /// projects; past that, they are dropped and no longer collected, so
    /// that memory stays flat however many projects are added, and each
    /// says so where it is read ([`PerProject::Omitted`], `Err(`[`Omitted`]`)`). The totals, the tables by
    /// theme, kind, scope, county, year and quarter, outputs by kind, money
    /// by funding kind and programme totals are always complete. The
    /// default is [`PER_PROJECT_LIMIT`]; `u64::MAX` keeps everything.
    ///
    /// ```
    /// use childwelfare::aggregate::Aggregator;
    ///
    /// let mut aggregator = Aggregator::new().per_project_limit(1);
    /// for document in childwelfare::data::seed() {
    ///     aggregator.add(&document);
    /// }
    /// let summary = aggregator.finish();
    /// assert_eq!(summary.projects, 2);
    /// assert_eq!(summary.per_project_omitted, Some(1));
    /// assert!(summary.project_rows.rows().is_err());
    /// assert!(summary.total_attendances().is_some()); // totals stay
    /// ```
    pub fn per_project_limit(mut self, limit: u64) -> Self {
        self.per_project_limit = limit;
        self
    }

    /// Adds a document.
    pub fn add(&mut self, document: &Document) {
        match document {
            Document::Project(project) => self.add_project(project),
            Document::Programme(programme) => {
                let mut listed = IdTexts::default();
                programme.projects.iter().for_each(|project| listed.push(project.id.as_str()));
                self.add_programme(programme, listed);
            }
        }
    }

    /// Adds a programme whose listed projects' ids are `listed`.
    fn add_programme(&mut self, programme: &Programme, listed: IdTexts) {
        self.programmes.push(ProgrammeFacts {
            id: programme.id.clone(),
            name: programme.name.clone(),
            total_funding: programme.total_funding,
            listed,
        });
    }

    /// Adds every document of `files`, in the order read, parsed on every
    /// core in batches of about 256 KiB of JSON; each project's figures are
    /// made on every core too, and added in the order read, so the summary
    /// is the same whatever the number of threads. What is not a
    /// document (a file skipped, a document that could not be loaded) is
    /// handed to `other`, in order; a document that could not be loaded is
    /// also noted in [`Summary::left_out`]. The number of threads is
    /// rayon's (`RAYON_NUM_THREADS`, or the pool this is called in), though
    /// neither this nor [`Aggregator::finish`] starts rayon's own pool
    /// (called outside a pool, they do not ask a global pool the program
    /// built with `rayon::ThreadPoolBuilder::build_global`: to choose the
    /// number in code, call them inside `pool.install(…)`);
    /// memory holds about one batch a thread, of each project only what
    /// is added in its turn once its rows are made, and a
    /// programme that lists many projects (a line or file over 1 MiB) is
    /// read from its file one entry at a time, keeping only the ids.
    ///
    /// ```
    /// use childwelfare::{aggregate::Aggregator, load};
    ///
    /// let files = load::walk(&["data/"])?;
    /// let mut aggregator = Aggregator::new();
    /// let mut others = Vec::new();
    /// aggregator.add_files(&files, |other| others.push(other));
    /// let summary = aggregator.finish();
    /// assert_eq!((summary.projects, summary.programmes), (2, 1));
    /// assert!(others.is_empty());
    /// # Ok::<(), load::WalkError>(())
    /// ```
    pub fn add_files(&mut self, files: &Files, other: impl FnMut(Loaded)) {
        use std::sync::atomic::{AtomicU64, Ordering};
        // Each worker reads a batch (in order), parses it and makes each
        // project's rows, then adds them in its turn (in the order read: the
        // summary is the same whatever the number of threads) or, when the
        // turns ahead are not yet taken, leaves them to be added by the
        // worker before it and goes on; either way its documents come back
        // to it to drop. Past the per-project limit the rows by work package
        // are not made (they would be dropped); a worker knows at least how
        // many projects were added before its batch.
        let added = AtomicU64::new(self.projects);
        let (explain, language, limit) = (self.explain, self.language, self.per_project_limit);
        let mut documents = files.documents();
        crate::pipeline::in_order(
            crate::pipeline::threads(),
            || Some(documents.raw_batch_of_bytes(BATCH_BYTES, BATCH_MOST)).filter(|batch| !batch.is_empty()),
            self,
            |batch, turn| {
                // The projects, added first, then the rest in order, as
                // `add_loaded` one by one would give the same summary.
                let (mut projects, mut prepared, mut rest) = (Vec::new(), Vec::new(), Vec::new());
                let mut seen = added.load(Ordering::Relaxed);
                // One set of buffers to group every project's events in.
                let mut groups = groups::Groups::default();
                for raw in batch {
                    let mut item = raw.stream(IdTexts::default());
                    let Some(project) = project_of_mut(&mut item) else {
                        rest.push(item);
                        continue;
                    };
                    seen += 1;
                    // Its row by project is needed unless the project
                    // before it was past the limit (see `absorb`).
                    let row = seen <= limit.saturating_add(1);
                    let mut buffers = groups.recycle();
                    prepared.push(Prepared::new(project, language, explain, seen <= limit, row, &mut buffers));
                    groups = buffers.recycle();
                    // Its rows made, what its turn does not read is freed
                    // now, and the next document parsed takes that memory.
                    keep_what_the_turn_reads(project);
                    projects.push(item);
                }
                turn.add(Batch { projects, prepared, rest, added: &added }, |aggregator, batch, other| {
                    let Batch { projects, mut prepared, rest, added } = batch;
                    for (project, prepared) in projects.iter().filter_map(project_of).zip(&mut prepared) {
                        aggregator.absorb(project, prepared);
                    }
                    for item in rest {
                        match item {
                            Streamed::Programme(programme, listed, _) => aggregator.add_programme(&programme, listed),
                            Streamed::Other(Loaded::Document(document, _)) => aggregator.add(&document),
                            Streamed::Other(loaded) => {
                                if let Loaded::Failed(error) = &loaded {
                                    aggregator.left_out.push(left_out(error));
                                }
                                other(loaded);
                            }
                        }
                    }
                    added.store(aggregator.projects, Ordering::Relaxed);
                    // The projects and what was left of their rows, dropped
                    // by the worker that made them.
                    (projects, prepared)
                });
            },
            other,
        );
    }

    /// Adds a document already loaded (with
    /// [`load::from_bytes`](crate::load::from_bytes), say); one that could
    /// not be loaded is named in [`Summary::left_out`], as
    /// [`add_files`](Aggregator::add_files) does.
    ///
    /// ```
    /// use childwelfare::{aggregate::Aggregator, load};
    ///
    /// let mut aggregator = Aggregator::new();
    /// for loaded in load::from_bytes("broken.json", b"{", false) {
    ///     aggregator.add_loaded(&loaded);
    /// }
    /// assert_eq!(aggregator.finish().left_out.len(), 1);
    /// ```
    pub fn add_loaded(&mut self, loaded: &Loaded) {
        match loaded {
            Loaded::Document(document, _) => self.add(document),
            Loaded::Failed(error) => self.left_out.push(left_out(error)),
            _ => {}
        }
    }

    /// Adds a project.
    pub fn add_project(&mut self, project: &Project) {
        let keep = self.projects < self.per_project_limit;
        let row = !(self.per_project_emptied && self.projects >= self.per_project_limit);
        let mut prepared =
            Prepared::new(project, self.language, self.explain, keep, row, &mut groups::Groups::default());
        self.absorb(project, &mut prepared);
    }

    /// Adds a project whose rows were made (on any thread) by
    /// [`Prepared::new`]. Its rows are moved out of `prepared`, whose lists
    /// keep their memory: the thread that made them frees them, as glibc
    /// frees another thread's memory only under that thread's lock.
    fn absorb(&mut self, project: &Project, prepared: &mut Prepared) {
        self.projects += 1;
        self.widen_period(project);
        // Once the per-project tables are emptied after each project (past
        // the limit), a project's rows there would be dropped as soon as
        // they are added: only its attendances are taken, from its row by
        // project or as made apart.
        let emptied = self.per_project_emptied && self.projects > self.per_project_limit;
        let mut own_attendances = prepared.attendances;
        let (codes, mut start) = (&prepared.codes, 0);
        // The rows moved out (only read: they were made on another core,
        // perhaps), their list's memory left to the thread that made it.
        let mut rows = prepared.rows.drain(..).zip(&prepared.keys);
        for (dimension, count) in Dimension::ALL.into_iter().zip(prepared.counts) {
            let Some(count) = count else { continue };
            let rows = rows.by_ref().take(count);
            let dropped = emptied && dimension.is_per_project();
            if dimension == Dimension::Project {
                // The project's own attendances, from its one row by
                // project: the table's row of its id also holds any earlier
                // project given with the same id.
                own_attendances = None;
            }
            let table = &mut self.participation[dimension as usize];
            for (row, prepared::RowKey { key, code_end }) in rows {
                let code = codes.get(start..*code_end).unwrap_or_default();
                start = *code_end;
                if dimension == Dimension::Project && own_attendances.is_none() {
                    own_attendances = row.attendances.as_ref().map(|f| f.value);
                }
                if dropped {
                    continue;
                }
                match table.index.get(code) {
                    Some(&at) => table.rows[at].merge(row),
                    None => {
                        let mut row = row;
                        row.group.label = key.key().label(project, self.language);
                        table.index.insert(code.into(), table.rows.len());
                        table.rows.push(row);
                    }
                }
            }
        }
        let project_attendances = own_attendances;
        if let Some(here) = project_attendances {
            self.attendances = Some(self.attendances.map_or(here, |sum| sum + here));
        }
        self.resources.merge_project(
            &mut prepared.resources,
            &mut prepared.money,
            project,
            self.language,
            project_attendances,
        );
        self.participants.add_project(project, self.language, self.explain);
        self.per_project_emptied = self.projects > self.per_project_limit;
        if self.per_project_emptied {
            for dimension in Dimension::ALL.into_iter().filter(|d| d.is_per_project()) {
                self.participation[dimension as usize] = Table::default();
            }
            self.resources.drop_per_project();
            self.timelines = Vec::new();
            self.regional_parts = Vec::new();
        } else {
            self.timelines.extend(timeline::timeline(project, self.language));
            self.regional_parts.extend(timeline::regional_parts(project, self.language));
        }
    }

    /// Widens the period covered to a project's (see [`Summary::period`]).
    fn widen_period(&mut self, project: &Project) {
        let Some(period) = project.actual_period.or(project.period) else { return };
        let covered = self.period.get_or_insert(crate::Period { start: None, end: None });
        if let Some(start) = period.start
            && covered.start.is_none_or(|earliest| start.earliest() < earliest.earliest())
        {
            covered.start = Some(start);
        }
        if let Some(end) = period.end
            && covered.end.is_none_or(|latest| end.latest() > latest.latest())
        {
            covered.end = Some(end);
        }
    }

    /// The summary of everything added.
    pub fn finish(self) -> Summary {
        // The participation tables are put in order on one core while the
        // rest of the summary is made on another (a second core is idle by
        // now); the summary is the same either way.
        let (participation_tables, resources) = (self.participation, self.resources);
        let (mut tables, mut summary) = crate::pipeline::join(
            || participation_tables.into_iter().map(Table::into_rows_in_key_order).collect::<Vec<_>>(),
            || resources.finish(&self.programmes, self.language, self.projects, Vec::new(), self.explain),
        );
        let omitted = (self.projects > self.per_project_limit)
            .then_some(Omitted { limit: self.per_project_limit, projects: self.projects });
        let participation = Dimension::ALL
            .iter()
            .filter_map(|&d| match omitted.filter(|_| d.is_per_project()) {
                Some(omitted) => Some(ParticipationTable::omitted(d, omitted, self.attendances)),
                None => Some(std::mem::take(&mut tables[d as usize]))
                    .filter(|rows| !rows.is_empty())
                    .map(|rows| ParticipationTable::new(d, rows, self.attendances)),
            })
            .collect();
        summary.participation = participation;
        if self.projects > self.per_project_limit {
            let omitted = Omitted { limit: self.per_project_limit, projects: self.projects };
            summary.per_project_omitted = Some(self.per_project_limit);
            summary.assessments = PerProject::Omitted(omitted);
            summary.unjudged_objectives = PerProject::Omitted(omitted);
            summary.targets = PerProject::Omitted(omitted);
            summary.staffing = PerProject::Omitted(omitted);
            summary.project_rows = PerProject::Omitted(omitted);
            summary.timelines = PerProject::Omitted(omitted);
            summary.regional_parts = PerProject::Omitted(omitted);
            summary.achievement.per_project = PerProject::Omitted(omitted);
            summary.funding.per_project = PerProject::Omitted(omitted);
        }
        summary.participant_groups = self.participants.finish();
        if summary.per_project_omitted.is_none() {
            summary.timelines = PerProject::Kept(self.timelines);
            summary.regional_parts = PerProject::Kept(self.regional_parts);
        }
        summary.attendances = self.attendances;
        summary.left_out = self.left_out;
        summary.period = self.period;
        summary
    }
}

/// Where a document left out is, and why, in a few words.
fn left_out(error: &crate::load::LoadError) -> String {
    let why = match error {
        crate::load::LoadError::Read { source, .. } => format!("cannot be read: {source}"),
        crate::load::LoadError::Parse { .. } => "not a valid document (`childwelfare validate` says why)".to_owned(),
        _ => "holds no document".to_owned(),
    };
    format!("{}: {why}", error.origin())
}

/// How many projects an [`Aggregator`] keeps per-project tables for by
/// default; see [`Aggregator::per_project_limit`].
pub const PER_PROJECT_LIMIT: u64 = 1_000;

/// A batch of [`Aggregator::add_files`], read and its projects' rows made:
/// what its turn adds. It owns all it holds, so that it can be added by
/// the worker whose turn comes before its own.
struct Batch<'a> {
    /// The batch's projects, in the order read.
    projects: Vec<Streamed<IdTexts>>,
    /// Each project's rows, in the same order.
    prepared: Vec<Prepared>,
    /// The rest of the batch (programmes, what is not a document), in order.
    rest: Vec<Streamed<IdTexts>>,
    /// Where the projects added so far are counted for the workers.
    added: &'a std::sync::atomic::AtomicU64,
}

/// The project a document read is, if it is one, to change.
fn project_of_mut(item: &mut Streamed<IdTexts>) -> Option<&mut Project> {
    match item {
        Streamed::Other(Loaded::Document(document, _)) => match &mut **document {
            Document::Project(project) => Some(project),
            Document::Programme(_) => None,
        },
        _ => None,
    }
}

/// The project a document read is, if it is one.
fn project_of(item: &Streamed<IdTexts>) -> Option<&Project> {
    match item {
        Streamed::Other(Loaded::Document(document, _)) => match &**document {
            Document::Project(project) => Some(project),
            Document::Programme(_) => None,
        },
        _ => None,
    }
}

/// Bytes of documents read and parsed at a time by [`Aggregator::add_files`]
/// (about 10 generated projects), and the most documents in a batch. The
/// peak of `report` at 10 000 generated projects was 31-34 MiB with 2 MiB,
/// 28.4 with 1 MiB and 21.8 with 256 KiB, for 2-3 % more CPU than 1 MiB.
const BATCH_BYTES: usize = 256 << 10;
const BATCH_MOST: usize = 256;

/// Aggregates documents in one call.
///
/// ```
/// use childwelfare::{aggregate, data};
///
/// let summary = aggregate::summarise(&data::seed(), false);
/// assert_eq!(summary.projects, 2);
/// assert_eq!(summary.project_rows.rows()?.len(), 2);
/// # Ok::<(), aggregate::Omitted>(())
/// ```
pub fn summarise(documents: &[Document], explain: bool) -> Summary {
    let mut aggregator = Aggregator::new().explain(explain);
    for document in documents {
        aggregator.add(document);
    }
    aggregator.finish()
}
