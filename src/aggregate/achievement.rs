//! Achievement: a project's judgements counted by rating, by project, by
//! work package and by assessment source.
//!
//! A project's judgements are first counted in groups that borrow from the
//! project; each group's key and label are made once a group and rating
//! when the counts join the summary's rows, not once a judgement.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::collections::btree_map::Entry;

use super::resources::one;
use super::{Figure, Used, record};
use crate::report::Phrase;
use crate::{AchievementRating, AssessmentSource, Id, Language, Objective, Project};

/// A row's label and judgements.
pub(super) type Value = (Cow<'static, str>, Figure<u64>);

/// The rows: (by, key, rating's code) → (label, judgements). Those by
/// assessment source, a few whatever the corpus, are merged into a map as
/// they come; those by project and work package, each project's own and
/// thousands of them, are kept in the order added and put in key order
/// once, when the summary is made ([`Rows::into_rows`]), rather than each
/// found in a tree of all of them as it comes.
#[derive(Debug, Clone, Default)]
pub(super) struct Rows {
    by_source: BTreeMap<Key, Value>,
    per_project: Vec<(Key, Value)>,
}

impl Rows {
    /// Adds a row's judgements (see [`merge`]).
    pub(super) fn merge(&mut self, key: Key, value: Value) {
        if key.0 == AchievementBy::AssessmentSource {
            merge(&mut self.by_source, key, value);
        } else {
            self.per_project.push((key, value));
        }
    }

    /// Adds every row of `other`, in its order, leaving none there (its
    /// list of rows by project keeps its memory).
    pub(super) fn append(&mut self, other: &mut Rows) {
        for (key, value) in std::mem::take(&mut other.by_source) {
            merge(&mut self.by_source, key, value);
        }
        self.per_project.append(&mut other.per_project);
    }

    /// Drops the rows by project and work package.
    pub(super) fn drop_per_project(&mut self) {
        self.per_project = Vec::new();
    }

    /// The rows in key order, each key's judgements added up in the order
    /// they came and its first label kept: what merging each row into a
    /// map as it came gave.
    pub(super) fn into_rows(self) -> impl Iterator<Item = (Key, Value)> {
        // Every key by assessment source comes before those by project and
        // work package (`AchievementBy`'s order).
        self.by_source.into_iter().chain(InKeyOrder::new(self.per_project))
    }
}

/// Rows in key order, those of one key merged, the first row of each key
/// first. Their places are sorted rather than the rows (a stable sort of
/// the rows would copy them all aside, and merging them into another list
/// copy them again): at 1 000 generated projects, about 9 000 rows of 88
/// bytes.
struct InKeyOrder {
    /// The rows' places, in key order; a key's rows in the order they came.
    order: std::vec::IntoIter<usize>,
    /// The rows in the order they came, each taken once.
    rows: Vec<Option<(Key, Value)>>,
    /// The keys not yet given (each a merged row).
    keys: usize,
}

impl InKeyOrder {
    fn new(rows: Vec<(Key, Value)>) -> Self {
        let mut order: Vec<usize> = (0..rows.len()).collect();
        // Stable: a key's rows stay in the order they came.
        order.sort_by(|&a, &b| rows[a].0.cmp(&rows[b].0));
        let keys = order.len() - order.windows(2).filter(|pair| rows[pair[0]].0 == rows[pair[1]].0).count();
        // In place: an option of a row is no larger than the row.
        let rows = rows.into_iter().map(Some).collect();
        InKeyOrder { order: order.into_iter(), rows, keys }
    }
}

impl Iterator for InKeyOrder {
    type Item = (Key, Value);

    fn next(&mut self) -> Option<(Key, Value)> {
        // Each place is in the list once: a row is found untaken.
        let (key, mut value) = self.order.by_ref().find_map(|at| self.rows.get_mut(at)?.take())?;
        while let Some(&at) = self.order.as_slice().first() {
            match self.rows.get_mut(at).and_then(|next| next.take_if(|(next, _)| *next == key)) {
                Some((_, later)) => {
                    add(&mut value, later.1);
                    self.order.next();
                }
                None => break,
            }
        }
        self.keys = self.keys.saturating_sub(1);
        Some((key, value))
    }

    /// Exact: the summary's lists get their room once.
    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.keys, Some(self.keys))
    }
}

/// A row's key: what it is by, the group's key, the rating's code (codes of
/// code lists borrowed).
pub(super) type Key = (AchievementBy, Cow<'static, str>, &'static str);

/// What achievement rows are grouped by, in the order of their codes (the
/// rows' order), compared as a number rather than as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum AchievementBy {
    AssessmentSource,
    Project,
    WorkPackage,
}

impl AchievementBy {
    /// The code a row's `by` states.
    pub(super) const fn code(self) -> &'static str {
        match self {
            AchievementBy::AssessmentSource => "assessment_source",
            AchievementBy::Project => "project",
            AchievementBy::WorkPackage => "work_package",
        }
    }
}

/// The group of a judgement within one project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Judged<'p> {
    Project,
    Source(AssessmentSource),
    WorkPackage(&'p str),
}

/// The most objectives a project has for a judgement's objective to be
/// found by walking them; past it they are looked up in a sorted list, so
/// that a project of many objectives and judgements costs judgements × log
/// objectives, not judgements × objectives.
const WALK_AT_MOST: usize = 32;

/// A project's objectives, to find the one a judgement judges: the first
/// with its id, as a walk along them finds it.
struct Objectives<'p> {
    project: &'p Project,
    /// The ids and places of the objectives, sorted by id and then place,
    /// when there are more than [`WALK_AT_MOST`]; empty otherwise.
    sorted: Vec<(&'p str, usize)>,
}

impl<'p> Objectives<'p> {
    /// `project`'s objectives; sorted only if `wanted` and there are many.
    fn of(project: &'p Project, wanted: bool) -> Self {
        let mut sorted = Vec::new();
        if wanted && project.objectives.len() > WALK_AT_MOST {
            sorted.extend(project.objectives.iter().enumerate().map(|(at, o)| (o.id.as_str(), at)));
            sorted.sort_unstable();
        }
        Objectives { project, sorted }
    }

    /// The first objective with `id`, if any.
    fn find(&self, id: &Id) -> Option<&'p Objective> {
        if self.sorted.is_empty() {
            return self.project.objectives.iter().find(|o| o.id == *id);
        }
        let at = self.sorted.partition_point(|&(other, _)| other < id.as_str());
        let &(other, place) = self.sorted.get(at)?;
        (other == id.as_str()).then(|| self.project.objectives.get(place)).flatten()
    }
}

/// One project's judgements, counted.
pub(super) struct Judgements<'p> {
    /// Judgements by rating, in the order of [`AchievementRating::ALL`].
    ratings: [u64; AchievementRating::ALL.len()],
    /// The objectives judged, sorted (kept within the per-project limit only).
    judged: Vec<&'p str>,
    /// Each judgement in each of its groups, in the order met: the group,
    /// the rating and, with `explain`, how the judgement is named. Put in
    /// order of group and rating (stably) and added up when the counts
    /// join the rows: one list rather than a tree a project.
    counted: Vec<(Judged<'p>, AchievementRating, Used)>,
    explain: bool,
}

impl<'p> Judgements<'p> {
    /// Counts `project`'s judgements: by assessment source always, by project
    /// and work package only `per_project`; each judgement named in its
    /// groups' derivations when `explain`.
    pub(super) fn of(project: &'p Project, explain: bool, per_project: bool) -> Self {
        let judged: usize = project.assessments.iter().map(|a| a.judgements.len()).sum();
        let mut judgements = Judgements {
            ratings: [0; AchievementRating::ALL.len()],
            judged: Vec::with_capacity(if per_project { judged } else { 0 }),
            // Each judgement is counted by project and by source, and by
            // work package for most.
            counted: Vec::with_capacity(judged * if per_project { 3 } else { 1 }),
            explain,
        };
        let objectives = Objectives::of(project, per_project && judged > 0);
        for assessment in &project.assessments {
            for judgement in &assessment.judgements {
                if per_project {
                    judgements.judged.push(judgement.objective.as_str());
                }
                judgements.ratings[judgement.rating as usize] += 1;
                let here = if explain {
                    Used::default().fill(
                        Phrase::RecordJudges,
                        vec![
                            Used::new(record(project, assessment.id.as_str())),
                            Used::new(judgement.objective.to_string()),
                            Used::default().rating(judgement.rating),
                        ],
                    )
                } else {
                    Used::default()
                };
                let mut count = |group: Judged<'p>| judgements.counted.push((group, judgement.rating, here.clone()));
                if per_project {
                    count(Judged::Project);
                }
                count(Judged::Source(assessment.source));
                if per_project && let Some(objective) = objectives.find(&judgement.objective) {
                    objective.work_packages.iter().for_each(|wp| count(Judged::WorkPackage(wp.as_str())));
                }
            }
        }
        judgements.judged.sort_unstable();
        judgements
    }

    /// Judgements with `rating`.
    pub(super) fn rated(&self, rating: AchievementRating) -> u64 {
        self.ratings[rating as usize]
    }

    /// Whether some judgement judges `objective` (always `false` past the
    /// per-project limit, where it is not asked).
    pub(super) fn judges(&self, objective: &Id) -> bool {
        self.judged.binary_search(&objective.as_str()).is_ok()
    }

    /// Moves the counts by group into `rows`, `name` being the project's
    /// name; the counts by rating and the objectives judged stay.
    pub(super) fn add_to(&mut self, rows: &mut Rows, project: &Project, name: &str, language: Language) {
        // The counts are in the order of their groups: a group's key and
        // label are made for its first rating and copied for the next.
        // Stable: a group's judgements stay in the order met.
        self.counted.sort_by_key(|&(group, rating, _)| (group, rating));
        let same = |a: &(Judged<'p>, AchievementRating, Used), b: &(Judged<'p>, AchievementRating, Used)| {
            (a.0, a.1) == (b.0, b.1)
        };
        rows.per_project.reserve(self.counted.chunk_by(same).count());
        let explain = self.explain;
        let mut tally = self
            .counted
            .chunk_by_mut(same)
            .filter_map(|judgements| {
                let &(group, rating, _) = judgements.first()?;
                let value = judgements.len() as u64;
                let records = || judgements.iter_mut().map(|(_, _, here)| std::mem::take(here)).collect();
                let figure = Figure { value, derivation: one(explain, Phrase::RuleJudgements, records) };
                Some(((group, rating), figure))
            })
            .peekable();
        let mut made: Option<(Judged<'p>, String, String)> = None;
        while let Some(((group, rating), figure)) = tally.next() {
            // Codes and labels of code lists are borrowed: past the
            // per-project limit a judgement allocates nothing.
            let by = match group {
                Judged::Source(source) => {
                    let (key, label) = (Cow::Borrowed(source.code()), Cow::Borrowed(source.label(language)));
                    rows.merge((AchievementBy::AssessmentSource, key, rating.code()), (label, figure));
                    continue;
                }
                Judged::Project => AchievementBy::Project,
                Judged::WorkPackage(_) => AchievementBy::WorkPackage,
            };
            let (key, label) = match made.take() {
                Some((last, key, label)) if last == group => (key, label),
                _ => match group {
                    Judged::WorkPackage(wp) => (record(project, wp), super::work_package_label(project, wp, language)),
                    _ => (project.id.to_string(), name.to_owned()),
                },
            };
            if tally.peek().is_some_and(|((next, _), _)| *next == group) {
                made = Some((group, key.clone(), label.clone()));
            }
            rows.merge((by, Cow::Owned(key), rating.code()), (Cow::Owned(label), figure));
        }
    }
}

/// Adds a row's judgements to `rows`: a new row keeps its label, an
/// existing one adds the judgements and their derivation's records.
fn merge(rows: &mut BTreeMap<Key, Value>, key: Key, (label, figure): Value) {
    match rows.entry(key) {
        Entry::Vacant(vacant) => {
            vacant.insert((label, figure));
        }
        Entry::Occupied(mut occupied) => add(occupied.get_mut(), figure),
    }
}

/// Adds judgements to a row's: their number and their derivation's records.
fn add(existing: &mut Value, figure: Figure<u64>) {
    existing.1.value += figure.value;
    if let (Some(own), Some(later)) = (&mut existing.1.derivation, figure.derivation) {
        own.join(*later);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Judgement;
    use crate::corpus::Generator;

    /// (by, key, rating) → (label, judgements, the judgements named).
    type Plain = BTreeMap<(String, String, String), (String, u64, Vec<String>)>;

    /// The rows counted plainly: every judgement added to each of its
    /// groups' rows, keys and labels made for every judgement.
    fn plainly(projects: &[Project], language: Language) -> Plain {
        let mut rows = BTreeMap::new();
        for project in projects {
            for assessment in &project.assessments {
                for judgement in &assessment.judgements {
                    let mut groups = vec![
                        ("project".to_owned(), project.id.to_string(), project.name.best(language).to_owned()),
                        (
                            "assessment_source".to_owned(),
                            assessment.source.code().to_owned(),
                            assessment.source.label(language).to_owned(),
                        ),
                    ];
                    let objective = project.objectives.iter().find(|o| o.id == judgement.objective);
                    for wp in objective.iter().flat_map(|o| &o.work_packages) {
                        let label = project
                            .work_packages
                            .iter()
                            .find(|w| w.id == *wp)
                            .map_or_else(|| wp.to_string(), |w| format!("{} {}", w.number, w.title.best(language)));
                        groups.push(("work_package".to_owned(), format!("{}/{wp}", project.id), label));
                    }
                    let here = format!(
                        "{}/{} judges {} {}",
                        project.id,
                        assessment.id,
                        judgement.objective,
                        judgement.rating.code()
                    );
                    for (by, key, label) in groups {
                        let row =
                            rows.entry((by, key, judgement.rating.code().to_owned())).or_insert((label, 0, Vec::new()));
                        row.1 += 1;
                        row.2.push(here.clone());
                    }
                }
            }
        }
        rows
    }

    #[test]
    fn judgements_counted_by_group_first_are_the_plain_count() {
        let generator = Generator::new(5);
        // Enough rows that the sort is no insertion sort, which any sort is for a few.
        let mut projects: Vec<Project> = (0..40).map(|index| generator.project(index)).collect();
        // An objective naming a work package twice and one the project lacks,
        // and a project given twice (its rows are one).
        let objective = projects[0]
            .objectives
            .iter_mut()
            .find(|o| !o.work_packages.is_empty())
            .expect("an objective with a work package");
        let first = objective.work_packages[0].clone();
        objective.work_packages.extend([first, Id::new("no-such-package").unwrap()]);
        // A project of more objectives than are walked: judgements of each,
        // of one the project lacks, and of an id two objectives share (the
        // first one's work packages count, as a walk finds it).
        let mut many = projects[1].clone();
        let template = many.objectives.iter().find(|o| !o.work_packages.is_empty()).expect("an objective").clone();
        let packages: Vec<Id> = many.work_packages.iter().map(|wp| wp.id.clone()).collect();
        for n in 0..3 * WALK_AT_MOST {
            let mut objective = template.clone();
            objective.id = Id::new(format!("many-{}", (n * 7) % (3 * WALK_AT_MOST))).unwrap();
            objective.work_packages = vec![packages[n % packages.len()].clone()];
            many.objectives.push(objective);
        }
        let mut twin = many.objectives[many.objectives.len() - 1].clone();
        twin.work_packages = packages.iter().skip(1).cloned().collect();
        many.objectives.push(twin.clone());
        let mut judged = many.assessments[0].clone();
        judged.judgements = (0..3 * WALK_AT_MOST + 1)
            .map(|n| format!("many-{n}"))
            .chain([twin.id.to_string(), "many-none".to_owned()])
            .map(|id| {
                Judgement::new(Id::new(&id).unwrap(), AchievementRating::ALL[id.len() % AchievementRating::ALL.len()])
            })
            .collect();
        many.assessments.push(judged);
        assert!(
            many.objectives.len() > WALK_AT_MOST && Objectives::of(&many, true).sorted.len() == many.objectives.len()
        );
        projects.push(many);
        // Given again under another name, after another project: its rows
        // join the first's, which keep their labels.
        let mut again = projects[0].clone();
        again.name = crate::Text::fi("Toinen nimi").with(Language::En, "Another name");
        projects.push(again);
        for language in [Language::Fi, Language::En] {
            // Each project's rows made apart and appended, as the summary's are.
            let mut rows = Rows::default();
            for project in &projects {
                let name = project.name.best(language);
                let mut own = Rows::default();
                Judgements::of(project, true, true).add_to(&mut own, project, name, language);
                rows.append(&mut own);
            }
            // The number of rows is known exactly before each is taken.
            let mut in_order = rows.into_rows();
            let mut rows: Vec<(Key, Value)> = Vec::new();
            loop {
                let hint = in_order.size_hint();
                let Some(row) = in_order.next() else {
                    assert_eq!(hint, (0, Some(0)));
                    break;
                };
                assert!(hint.0 > 0 && hint.1 == Some(hint.0), "{hint:?}");
                rows.push(row);
            }
            assert_eq!(rows.len(), rows.iter().map(|(key, _)| key).collect::<std::collections::BTreeSet<_>>().len());
            assert!(rows.windows(2).all(|pair| pair[0].0 < pair[1].0), "in key order, each key once");
            let counted: BTreeMap<_, _> = rows
                .into_iter()
                .map(|((by, key, rating), (label, figure))| {
                    let records = figure.derivation.map(|d| d.records).unwrap_or_default();
                    (
                        (by.code().to_owned(), key.into_owned(), rating.to_owned()),
                        (label.into_owned(), figure.value, records),
                    )
                })
                .collect();
            let plain = plainly(&projects, language);
            assert!(plain.keys().any(|(by, key, _)| by == "work_package" && key.ends_with("/no-such-package")));
            assert_eq!(counted, plain);
        }
    }

    #[test]
    fn past_the_per_project_limit_only_the_sources_are_counted() {
        let project = Generator::new(6).project(1);
        let mut rows = Rows::default();
        let mut judgements = Judgements::of(&project, false, false);
        judgements.add_to(&mut rows, &project, "", Language::Fi);
        let rows: Vec<(Key, Value)> = rows.into_rows().collect();
        assert!(!rows.is_empty() && rows.iter().all(|((by, _, _), _)| *by == AchievementBy::AssessmentSource));
        let judged: u64 = project.assessments.iter().map(|a| a.judgements.len() as u64).sum();
        assert_eq!(rows.iter().map(|(_, (_, figure))| figure.value).sum::<u64>(), judged);
        assert_eq!(AchievementRating::ALL.iter().map(|&r| judgements.rated(r)).sum::<u64>(), judged);
        assert!(project.objectives.iter().all(|o| !judgements.judges(&o.id)));
    }
}
