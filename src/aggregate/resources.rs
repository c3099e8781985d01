//! Achievement, targets, outputs, money, staffing, and the projects side by
//! side with their programme.

use std::borrow::Cow;
use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Serialize;

use super::achievement;
use super::money::{self, FundingDimension, FundingRow};
use super::programme::{Facts, ProgrammeFacts, ProjectFacts};
use super::{Derivation, Figure, Used, record};
use crate::report::Phrase;
use crate::{
    AchievementRating, Count, DatedCount, Exactness, FundingKind, Id, Language, Money, Output, Project, Total,
};

/// How many judgements gave one rating, in one group.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct AchievementRow {
    /// What the judgements are grouped by: `project`, `work_package` or `assessment_source`.
    pub by: &'static str,
    /// The project id, `project/work-package-id` or the assessment source code.
    pub key: String,
    /// The group's label.
    pub label: String,
    /// The rating's code (`achieved`, `partly_achieved` …).
    pub rating: &'static str,
    /// Judgements with that rating.
    pub judgements: Figure<u64>,
}

/// Who an assessment reached (a dialogic evaluation's participants).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct AssessmentRow {
    /// The project.
    pub project: Id,
    /// The assessment.
    pub assessment: Id,
    /// Its source's code (`dialogic_evaluation` …).
    pub source: &'static str,
    /// Occasions (rounds, meetings), where stated.
    #[serde(serialize_with = "super::figure_json::bare_option")]
    #[schemars(with = "Option<super::Figure<Count>>")]
    pub occasions: Option<Count>,
    /// Its participation, where stated.
    #[serde(serialize_with = "super::figure_json::participation")]
    #[schemars(with = "Option<super::figure_json::ParticipationFigures>")]
    pub participation: Option<crate::Participation>,
    /// Judgements it gives.
    pub judgements: u64,
}

/// An objective of an ended or ongoing project that no assessment judges.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct UnjudgedObjective {
    /// The project.
    pub project: Id,
    /// The objective.
    pub objective: Id,
    /// Its statement.
    pub statement: String,
}

/// A target against the actual figure of an output or a measure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct TargetRow {
    /// The project.
    pub project: Id,
    /// The output or measure.
    pub record: Id,
    /// `output` or `measure`.
    pub kind: &'static str,
    /// The target.
    #[serde(serialize_with = "super::figure_json::bare")]
    #[schemars(with = "super::figure_json::DatedCountFigure")]
    pub target: DatedCount,
    /// The actual figure, where stated.
    #[serde(serialize_with = "super::figure_json::bare_option")]
    #[schemars(with = "Option<super::Figure<Count>>")]
    pub actual: Option<Count>,
    /// Whether the target was met, when the figures' exactness allows saying so.
    pub met: Option<bool>,
}

/// Outputs of one kind and status.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct OutputRow {
    /// The output kind's code.
    pub kind: &'static str,
    /// Its label.
    pub label: &'static str,
    /// The status code (`produced`, `planned` …).
    pub status: &'static str,
    /// Output records.
    pub records: u64,
    /// Records without a count of their own, each counted as at least one
    /// item in `count` (not those inside another counted output, nor those
    /// counted as their recorded parts).
    pub records_without_count: u64,
    /// The items (copies, videos …), not the records: the sum of the
    /// outputs' own counts, a record without a count as at least one item
    /// (so that the sum is "at least"), leaving out outputs that are part of
    /// another counted output and an output without a count whose parts are
    /// recorded (its items are those parts). `None` when no record adds an
    /// item.
    pub count: Option<Figure<Count>>,
}

/// The staffing of one implementer in one project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct StaffingRow {
    /// The project.
    pub project: Id,
    /// The implementer's id; empty when the entry names none.
    pub implementer: String,
    /// The implementer's name.
    pub label: String,
    /// Staffing entries.
    pub entries: u64,
    /// Posts, counting an entry without a number of posts as one.
    pub posts: u64,
    /// Full-time equivalents in hundredths (150 is 1.5), over the entries
    /// that state a share of full time.
    pub full_time_hundredths: u64,
    /// Entries without a share of full time, not in `full_time_hundredths`.
    pub entries_without_share: u64,
}

/// One project, with the same columns as every other.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct ProjectRow {
    /// The project's id.
    pub id: Id,
    /// Its name.
    pub name: String,
    /// Its status code.
    pub status: &'static str,
    /// Its period, as the crate displays it.
    pub period: Option<String>,
    /// Counties in its working area.
    pub counties: u64,
    /// Implementers.
    pub implementers: u64,
    /// Work packages.
    pub work_packages: u64,
    /// Objectives.
    pub objectives: u64,
    /// Held event records.
    pub events_held: u64,
    /// Cancelled event records.
    pub events_cancelled: u64,
    /// Attendances, counted once.
    #[serde(serialize_with = "super::figure_json::bare_option")]
    #[schemars(with = "Option<super::Figure<Total>>")]
    pub attendances: Option<Total>,
    /// Produced items (every status but planned), counted as
    /// [`OutputRow::count`] counts them: "at least" where a record states
    /// no count. `None` when no produced output is recorded.
    #[serde(serialize_with = "super::figure_json::bare_option")]
    #[schemars(with = "Option<super::Figure<Count>>")]
    pub outputs: Option<Count>,
    /// Judgements rated achieved.
    pub achieved: u64,
    /// Judgements rated partly achieved.
    pub partly_achieved: u64,
    /// Judgements rated not achieved.
    pub not_achieved: u64,
    /// Objectives no assessment judges; `None` when the project records no
    /// objectives (which is not "all judged").
    pub unjudged_objectives: Option<u64>,
    /// The project's money, as money by project counts it (its own funding
    /// and the regional parts' that come on top, see
    /// [the money rule](super::money)): "at least" when some parts have no
    /// amount; `None` when none has one.
    #[serde(serialize_with = "super::figure_json::bare_option")]
    #[schemars(with = "Option<super::Figure<Money>>")]
    pub budget: Option<Money>,
    /// Parts of the budget without an amount, left out of `budget`.
    pub budget_parts_without_amount: u64,
    /// The state grant, its parts counted as `budget`'s: "at least" when
    /// some have no amount; `None` when none has one.
    #[serde(serialize_with = "super::figure_json::bare_option")]
    #[schemars(with = "Option<super::Figure<Money>>")]
    pub state_grant: Option<Money>,
    /// State-grant parts without an amount, left out of `state_grant`.
    pub state_grant_parts_without_amount: u64,
    /// The state grant's share of the budget: the sum of the shares its
    /// state-grant parts state. `None` when no such part states a share, and
    /// when their shares add up to more than 100 %, which is no share of a
    /// budget (validation reports it, `funding.shares_total`): the sum is
    /// taken saturating, so that no number of parts can wrap it round to a
    /// share that looks plausible.
    pub state_grant_share: Option<crate::Percent>,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Accumulator {
    /// (by, key, rating) → (label, judgements).
    achievement: achievement::Rows,
    assessments: Vec<AssessmentRow>,
    unjudged: Vec<UnjudgedObjective>,
    targets: Vec<TargetRow>,
    /// By kind and status: few whatever the corpus (one a pair of codes),
    /// found along the list rather than in a tree, and put in key order
    /// when the summary is made.
    outputs: Vec<(OutputKey, OutputTally)>,
    /// By dimension (in the order of [`FundingDimension::ALL`]), then by
    /// key: a row is found by its key's text, with no key made for a
    /// contribution whose row exists. The map holds a row's key; the row's
    /// own `key` stays empty until the summary is made.
    funding: [BTreeMap<String, FundingRow>; FundingDimension::ALL.len()],
    staffing: Vec<StaffingRow>,
    project_rows: Vec<ProjectRow>,
    /// What a programme's totals need of each project, kept for every
    /// project even when the per-project tables are not.
    facts: Facts,
    /// What the programme's totals need of the one project of an
    /// accumulator made by [`Accumulator::of_project`], given its id when
    /// merged (rather than a list of one, with its id copied).
    project_facts: Option<ProjectFacts>,
    /// The shared outputs counted so far (schema 1.2), so that one
    /// artefact of several projects is counted once.
    shared_outputs: Counted,
    /// A project's shared outputs, each with its id, its row's key and what
    /// it adds there: counted when the project is merged, unless an earlier
    /// project's record of the same artefact was.
    shared_pending: Vec<(String, OutputKey, OutputTally)>,
}

/// An [`OutputRow`] while it is added to: its texts are the key's codes and
/// the kind's label, made once when the summary is.
#[derive(Debug, Clone)]
struct OutputTally {
    label: &'static str,
    records: u64,
    records_without_count: u64,
    count: Option<Figure<Count>>,
}

/// The ids of the shared outputs counted so far, as 96-bit fingerprints
/// (about 16 bytes an id rather than the id's text in a tree): a corpus of
/// 100 000 projects each with an artefact of its own kept about 8 MB of
/// them. Two ids share all 96 bits with a probability of about n² / 2⁹⁷
/// (below 10⁻¹⁸ for 100 000 outputs), and the second would then not be
/// counted; two that share only the 64 bits that place them are both
/// counted.
#[derive(Debug, Clone, Default)]
struct Counted {
    fingerprints: crate::fingerprint::Fingerprints,
    /// Fingerprint → its 32 check bits.
    seen: crate::fingerprint::Shards<u32>,
}

impl Counted {
    /// Whether `id` is counted for the first time (and notes it).
    fn first(&mut self, id: &str) -> bool {
        let (key, check) = self.fingerprints.of(id);
        match self.seen.get(key) {
            Some(&seen) => seen != check,
            None => {
                self.seen.insert(key, check);
                true
            }
        }
    }
}

/// An output row's key: the kind's and the status's codes.
type OutputKey = (&'static str, &'static str);

/// One project's money rows, each beside its key, in the order of their
/// dimension and key (see [`money::ProjectRows`]).
pub(crate) type ProjectMoney = money::OwnedRows;

/// Adds `row` (one output's, or a project's rows) to the row of `key`.
fn merge_output(outputs: &mut Vec<(OutputKey, OutputTally)>, key: OutputKey, row: OutputTally) {
    match outputs.iter_mut().find(|(own, _)| *own == key) {
        None => outputs.push((key, row)),
        Some((_, existing)) => {
            existing.records += row.records;
            existing.records_without_count += row.records_without_count;
            existing.count = Figure::merge(existing.count.take(), row.count, |a, b| a + b);
        }
    }
}

pub(super) fn one(explain: bool, rule: Phrase, records: impl FnOnce() -> Vec<Used>) -> Option<Box<Derivation>> {
    explain.then(|| Box::new(Derivation::new(super::Clause::new(rule), records())))
}

impl Accumulator {
    /// What one project adds (on any thread), to be merged with
    /// [`Accumulator::merge_project`]; without the tables that have a row
    /// per project, work package, assessment, record or organisation unless
    /// `per_project` (past the per-project limit they are dropped, see
    /// [`Accumulator::drop_per_project`]), which are then not made at all.
    /// Its money rows come apart, each beside its key (the keys copied
    /// into one text), in the order of their dimension and key.
    pub(crate) fn of_project(
        project: &Project,
        language: Language,
        explain: bool,
        per_project: bool,
    ) -> (Self, ProjectMoney) {
        let mut one = Accumulator::default();
        let money = one.add_project(project, language, explain, per_project);
        (one, money)
    }

    /// Adds a project to an accumulator of none (see [`Accumulator::of_project`]).
    fn add_project(&mut self, project: &Project, language: Language, explain: bool, per_project: bool) -> ProjectMoney {
        // Its attendances are given when it is merged.
        let attendances = None;
        // The project's name is in the rows of the per-project tables only.
        let name = if per_project { project.name.best(language).to_owned() } else { String::new() };
        for assessment in project.assessments.iter().filter(|_| per_project) {
            self.assessments.push(AssessmentRow {
                project: project.id.clone(),
                assessment: assessment.id.clone(),
                source: assessment.source.code(),
                occasions: assessment.occasions,
                participation: assessment.participation,
                judgements: assessment.judgements.len() as u64,
            });
        }
        let mut judgements = achievement::Judgements::of(project, explain, per_project);
        judgements.add_to(&mut self.achievement, project, &name, language);
        let unjudged_before = self.unjudged.len();
        for objective in &project.objectives {
            if per_project && !judgements.judges(&objective.id) {
                self.unjudged.push(UnjudgedObjective {
                    project: project.id.clone(),
                    objective: objective.id.clone(),
                    statement: objective.statement.best(language).to_owned(),
                });
            }
        }
        // No objectives recorded is not "all judged".
        let unjudged = (!project.objectives.is_empty()).then(|| (self.unjudged.len() - unjudged_before) as u64);

        // Targets.
        for output in project.outputs.iter().filter(|_| per_project) {
            if let Some(target) = &output.target {
                self.targets.push(target_row(project, &output.id, "output", target, output.count));
            }
        }
        for measure in project.measures.iter().filter(|_| per_project) {
            if let Some(target) = &measure.target {
                self.targets.push(target_row(project, &measure.id, "measure", target, Some(measure.value)));
            }
        }

        // Outputs: items, not records. At most a row a record.
        self.outputs.reserve(project.outputs.len());
        let items = output_items(project);
        for (output, added) in project.outputs.iter().zip(&items) {
            let key = (output.kind.code(), output.status.code());
            let mut row =
                OutputTally { label: output.kind.label(language), records: 1, records_without_count: 0, count: None };
            if let Some(added) = *added {
                if output.count.is_none() {
                    row.records_without_count += 1;
                }
                row.count = Some(Figure {
                    value: added,
                    derivation: one(explain, Phrase::RuleOutputItems, || {
                        let used = Used::new(record(project, output.id.as_str())).text(" = ");
                        vec![match output.count {
                            Some(count) => used.count(count),
                            None => used.phrase(Phrase::RecordNoCount),
                        }]
                    }),
                });
            }
            // One artefact of several projects, counted at its first record
            // (when the projects are merged, in the order read).
            match &output.shared {
                Some(shared) => self.shared_pending.push((shared.id.to_string(), key, row)),
                None => merge_output(&mut self.outputs, key, row),
            }
        }
        let mut produced = project
            .outputs
            .iter()
            .zip(&items)
            .filter(|(output, _)| output.status != crate::OutputStatus::Planned)
            .filter_map(|(_, added)| *added)
            .peekable();
        let produced_items = produced.peek().is_some().then(|| produced.sum::<Count>());

        // Money: every contribution in every table, by one rule (see `money`).
        let mut budget = money::Sum::default();
        let mut state_grant = money::Sum::default();
        let mut state_grant_share: Option<u32> = None;
        if let Some(funding) = &project.funding {
            for part in &funding.parts {
                if part.kind == FundingKind::StateGrant
                    && let Some(share) = part.share
                {
                    // Saturating: past 100 % the sum is shown as no share, however far past.
                    state_grant_share =
                        Some(state_grant_share.map_or(share.hundredths(), |s| s.saturating_add(share.hundredths())));
                }
            }
        }
        let contributions = money::contributions(project);
        let dimensions = if per_project { FundingDimension::ALL.len() } else { 1 };
        let mut funding =
            money::ProjectRows::with_capacity(contributions.iter().filter(|c| c.counted).count() * dimensions);
        for contribution in contributions.iter().filter(|c| c.counted) {
            let amount = contribution.amount;
            let here = if explain { contribution.record(project) } else { Used::default() };
            budget.add(amount);
            if contribution.part.is_some_and(|p| p.kind == FundingKind::StateGrant) {
                state_grant.add(amount);
            }
            // A contribution without an amount is named among those left out.
            let derivation = |rule: Phrase| match amount {
                Some(_) => one(explain, rule, || vec![here.clone()]),
                None => one(explain, rule, Vec::new).map(|mut d| {
                    d.left_out.push(super::LeftOut::named(contribution.named(project), super::Omission::NoAmount));
                    d
                }),
            };
            // Only the grouping by funding kind is kept past the per-project limit.
            if per_project {
                funding.add(
                    FundingDimension::Project,
                    Cow::Borrowed(project.id.as_str()),
                    amount,
                    derivation(Phrase::RuleMoneyByProject),
                );
                funding.add(
                    FundingDimension::Funder,
                    contribution.funder_key(),
                    amount,
                    derivation(Phrase::RuleMoneyByFunder),
                );
                funding.add(
                    FundingDimension::Implementer,
                    contribution.implementer_key(),
                    amount,
                    derivation(Phrase::RuleMoneyByImplementer),
                );
            }
            funding.add(
                FundingDimension::FundingKind,
                Cow::Borrowed(contribution.kind_code()),
                amount,
                derivation(Phrase::RuleMoneyByKind),
            );
        }
        let money = funding.into_rows();

        // Staffing, a row an implementer in the order of their ids: the
        // entries sorted (stably) by implementer rather than kept in a tree
        // a project.
        fn implementer<'e>(entry: &&'e crate::StaffingEntry) -> &'e str {
            entry.implementer.as_ref().map_or("", Id::as_str)
        }
        let mut entries: Vec<&crate::StaffingEntry> =
            if per_project { project.staffing.iter().collect() } else { Vec::new() };
        entries.sort_by_key(implementer);
        for same in entries.chunk_by(|a, b| implementer(a) == implementer(b)) {
            let Some(first) = same.first() else { continue };
            let mut row = StaffingRow {
                project: project.id.clone(),
                implementer: implementer(first).to_owned(),
                label: first
                    .implementer
                    .as_ref()
                    .map_or_else(|| "not stated".to_owned(), |id| implementer_name(project, id, language).into_owned()),
                entries: 0,
                posts: 0,
                full_time_hundredths: 0,
                entries_without_share: 0,
            };
            for entry in same {
                let posts = u64::from(entry.posts.unwrap_or(1));
                // Saturating: a document cannot make the sums overflow.
                row.entries += 1;
                row.posts = row.posts.saturating_add(posts);
                match entry.share_of_full_time {
                    Some(share) => {
                        let hundredths = posts.saturating_mul(u64::from(share.hundredths())) / 100;
                        row.full_time_hundredths = row.full_time_hundredths.saturating_add(hundredths);
                    }
                    None => row.entries_without_share += 1,
                }
            }
            self.staffing.push(row);
        }

        let rating = |r: AchievementRating| judgements.rated(r);
        self.project_facts = Some(ProjectFacts::new(budget.amount, budget.without > 0, attendances));
        if !per_project {
            return money;
        }
        self.project_rows.push(ProjectRow {
            id: project.id.clone(),
            name,
            status: project.status.code(),
            period: project.period.map(|p| p.to_string()),
            counties: project.working_area.as_ref().map_or(0, |a| a.counties.len() as u64),
            implementers: project.implementers.len() as u64,
            work_packages: project.work_packages.len() as u64,
            objectives: project.objectives.len() as u64,
            events_held: project.events.iter().filter(|e| e.status == crate::EventStatus::Held).count() as u64,
            events_cancelled: project.events.iter().filter(|e| e.status == crate::EventStatus::Cancelled).count()
                as u64,
            attendances,
            outputs: produced_items,
            achieved: rating(AchievementRating::Achieved),
            partly_achieved: rating(AchievementRating::PartlyAchieved),
            not_achieved: rating(AchievementRating::NotAchieved),
            unjudged_objectives: unjudged,
            budget: budget.amount,
            budget_parts_without_amount: budget.without,
            state_grant: state_grant.amount,
            state_grant_parts_without_amount: state_grant.without,
            state_grant_share: state_grant_share.and_then(|h| crate::Percent::from_hundredths(h).ok()),
        });
        money
    }

    /// Adds `local` and `money`, what `project` adds
    /// ([`Accumulator::of_project`]), as if that project were added here:
    /// each table's rows merged in the same order, the project's row and
    /// facts given its `attendances`, a money row new to its table given
    /// its key and label ([`money::row_label`] in `language`).
    pub(crate) fn merge_project(
        &mut self,
        local: &mut Accumulator,
        money: &mut ProjectMoney,
        project: &Project,
        language: Language,
        attendances: Option<Total>,
    ) {
        // The rows are moved out of `local` and `money`, whose lists keep
        // their memory: it is freed with them by the thread that made them.
        let id = project.id.as_str();
        self.achievement.append(&mut local.achievement);
        self.assessments.append(&mut local.assessments);
        self.unjudged.append(&mut local.unjudged);
        self.targets.append(&mut local.targets);
        for (key, row) in local.outputs.drain(..) {
            merge_output(&mut self.outputs, key, row);
        }
        for (id, key, row) in local.shared_pending.drain(..) {
            if self.shared_outputs.first(&id) {
                merge_output(&mut self.outputs, key, row);
            }
        }
        self.merge_funding(money, project, language);
        self.staffing.append(&mut local.staffing);
        self.project_rows.extend(local.project_rows.drain(..).map(|row| ProjectRow { attendances, ..row }));
        if let Some(facts) = local.project_facts.take() {
            self.facts.push(id, ProjectFacts::new(facts.budget(), facts.budget_partial, attendances));
        }
    }

    /// Merges `project`'s money rows into the tables, each into the row of
    /// its dimension and key, in order. A row new to its table is given
    /// its label; the map holds its key, the row's own stays empty.
    fn merge_funding(&mut self, rows: &mut ProjectMoney, project: &Project, language: Language) {
        rows.each(|key, mut row| {
            let own = &mut self.funding[row.by as usize];
            match own.get_mut(key) {
                Some(existing) => money::merge_rows(existing, row),
                None => {
                    row.label = money::row_label(row.by, key, project, language);
                    own.insert(key.to_owned(), row);
                }
            }
        });
    }

    /// The summary, with the participation tables made elsewhere.
    /// Drops the tables with a row per project, work package, assessment,
    /// record or organisation, keeping the totals and the programme facts.
    pub(crate) fn drop_per_project(&mut self) {
        self.achievement.drop_per_project();
        self.assessments.clear();
        self.unjudged.clear();
        self.targets.clear();
        // Funders and implementers are organisations, which grow with the projects.
        for (by, rows) in FundingDimension::ALL.into_iter().zip(&mut self.funding) {
            if by.is_per_project() {
                rows.clear();
            }
        }
        self.staffing.clear();
        self.project_rows.clear();
    }

    pub(crate) fn finish(
        mut self,
        programmes: &[ProgrammeFacts],
        language: Language,
        projects: u64,
        participation: Vec<super::ParticipationTable>,
        explain: bool,
    ) -> super::Summary {
        // Each key is in the list once.
        self.outputs.sort_unstable_by_key(|(key, _)| *key);
        let programme_totals =
            programmes.iter().map(|programme| self.facts.totals(programme, language, explain)).collect();
        super::Summary {
            projects,
            programmes: programmes.len() as u64,
            participation,
            achievement: super::PartlyPerProject::split(
                self.achievement.into_rows().map(|((by, key, rating), (label, judgements))| AchievementRow {
                    by: by.code(),
                    key: key.into_owned(),
                    label: label.into_owned(),
                    rating,
                    judgements,
                }),
                |row| row.by == "assessment_source",
            ),
            assessments: super::PerProject::Kept(self.assessments),
            unjudged_objectives: super::PerProject::Kept(self.unjudged),
            targets: super::PerProject::Kept(self.targets),
            outputs: self
                .outputs
                .into_iter()
                .map(|((kind, status), row)| OutputRow {
                    kind,
                    label: row.label,
                    status,
                    records: row.records,
                    records_without_count: row.records_without_count,
                    count: row.count,
                })
                .collect(),
            participant_groups: Vec::new(),
            funding: funding_rows(self.funding),
            staffing: super::PerProject::Kept(self.staffing),
            project_rows: super::PerProject::Kept(self.project_rows),
            timelines: super::PerProject::Kept(Vec::new()),
            regional_parts: super::PerProject::Kept(Vec::new()),
            programme_totals,
            attendances: None,
            per_project_omitted: None,
            left_out: Vec::new(),
            period: None,
        }
    }
}

/// The money rows, each given its key: the complete ones (by funding kind)
/// apart, and the per-project ones given room for all at once.
fn funding_rows(
    funding: [BTreeMap<String, FundingRow>; FundingDimension::ALL.len()],
) -> super::PartlyPerProject<FundingRow> {
    let dimensions = || FundingDimension::ALL.into_iter().zip(&funding);
    let per_project = dimensions().filter(|(by, _)| by.is_per_project()).map(|(_, rows)| rows.len()).sum();
    let (mut complete, mut per_project) = (Vec::new(), Vec::with_capacity(per_project));
    for (by, table) in FundingDimension::ALL.into_iter().zip(funding) {
        let into = if by.is_per_project() { &mut per_project } else { &mut complete };
        into.extend(table.into_iter().map(|(key, mut row)| {
            row.key = key;
            row
        }));
    }
    super::PartlyPerProject { complete, per_project: super::PerProject::Kept(per_project) }
}

/// The name of the implementer `id` in `language`: its display name, or
/// the id itself for an implementer the project does not list. Borrowed
/// where the project states it.
pub(crate) fn implementer_name<'p>(project: &'p Project, id: &'p Id, language: Language) -> Cow<'p, str> {
    implementer_name_of(project, id.as_str(), language)
}

/// [`implementer_name`] of an id given as text.
pub(crate) fn implementer_name_of<'p>(project: &'p Project, id: &'p str, language: Language) -> Cow<'p, str> {
    project.implementers.iter().find(|i| i.id.as_str() == id).map_or(Cow::Borrowed(id), |i| i.name_in(language))
}

/// What each output adds to the items of its kind and status: its count, or
/// at least one item without a count; nothing (`None`) when it is part of
/// another counted output, or has no count and its parts are recorded (its
/// items are those parts).
pub(crate) fn output_items(project: &Project) -> Vec<Option<Count>> {
    // Without a `part_of`, no output is inside another nor has parts: the
    // sets of ids are then not made.
    let nested = project.outputs.iter().any(|o| o.part_of.is_some());
    let counted_parents: std::collections::BTreeSet<&str> =
        project.outputs.iter().filter(|o| nested && o.count.is_some()).map(|o| o.id.as_str()).collect();
    let parents: std::collections::BTreeSet<&str> =
        project.outputs.iter().filter_map(|o| o.part_of.as_ref()).map(Id::as_str).collect();
    let items = |output: &Output| {
        let inside = output.part_of.as_ref().is_some_and(|parent| counted_parents.contains(parent.as_str()));
        match output.count {
            _ if inside => None,
            Some(count) => Some(count),
            None if parents.contains(output.id.as_str()) => None,
            None => Some(Count::at_least(1)),
        }
    };
    project.outputs.iter().map(items).collect()
}

fn target_row(project: &Project, id: &Id, kind: &'static str, target: &DatedCount, actual: Option<Count>) -> TargetRow {
    let met = actual.and_then(|actual| {
        let (a, t) = (actual.value, target.value.value);
        match (actual.exactness, target.value.exactness) {
            (Exactness::Exact, Exactness::Exact) => Some(a >= t),
            (Exactness::Exact | Exactness::AtLeast, _) if a >= t && target.value.exactness != Exactness::AtLeast => {
                Some(true)
            }
            (Exactness::AtMost, Exactness::Exact) if a < t => Some(false),
            _ => None,
        }
    });
    TargetRow { project: project.id.clone(), record: id.clone(), kind, target: target.clone(), actual, met }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shared_output_is_counted_at_its_first_id_only() {
        let mut counted = Counted::default();
        let ids: Vec<String> = (0..5_000).map(|n| format!("output-{n}")).collect();
        assert!(ids.iter().all(|id| counted.first(id)));
        assert!(ids.iter().all(|id| !counted.first(id)));
        // A copy of the set counts as the set does.
        let mut copy = counted.clone();
        assert!(!copy.first("output-7") && copy.first("output-5000"));
        assert!(counted.first("output-5000"));
    }
}
