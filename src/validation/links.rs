//! The rules across documents on what schema 1.2 added: related projects
//! are known, the records of one shared output agree, objectives point to
//! aims of their programme, and a project's state-grant share follows its
//! programme's funding rule. What they need is kept for the projects that
//! use these fields only, so that a corpus without them costs nothing.

use std::collections::{BTreeMap, BTreeSet};
use std::io;

use super::Sink;
use super::log::{Fixed, Log};
use super::rules::*;
use super::sorted::Sorter;
use crate::fingerprint::Fingerprints;
use crate::{FundingKind, OutputKind, Percent, Programme, Project};

/// The bytes of shared-output records and their texts kept in memory before
/// they are sorted into a temporary file (see [`Sorter`]: 24 bytes a record
/// and its text).
#[cfg(not(all(target_family = "wasm", target_os = "unknown")))]
const SHARED_BUDGET: usize = 512 << 10;

/// In a browser there is nowhere to write a run, and the documents are in
/// memory anyway: the records stay there too.
#[cfg(all(target_family = "wasm", target_os = "unknown"))]
const SHARED_BUDGET: usize = usize::MAX;

/// Every record of a shared output, sorted by a fingerprint of the output's
/// id, in memory up to [`SHARED_BUDGET`] and in temporary files past it, so
/// that a corpus where every project shares an output keeps no more in
/// memory than one where none does. A record is its project (its number in
/// the index), the output's place and kind, and a text: the id, a tab, and
/// the projects the output belongs to (sorted and each once, one a line).
#[derive(Debug)]
struct SharedOutputs {
    records: Sorter,
    fingerprints: Fingerprints,
    /// The text of the record being added, kept for its capacity.
    text: String,
}

impl Default for SharedOutputs {
    fn default() -> Self {
        Self::with_budget(SHARED_BUDGET)
    }
}

/// A record of a shared output, as read back.
#[derive(Debug, Clone, PartialEq, Eq)]
struct SharedRecord {
    project: u32,
    index: u32,
    kind: OutputKind,
    /// The projects it belongs to, one a line.
    projects: String,
}

impl SharedRecord {
    /// How a later record of an output differs from its first, if it does.
    fn differs_from(&self, first: &SharedRecord) -> Option<String> {
        let list = |lines: &str| lines.replace('\n', ", ");
        if self.kind != first.kind {
            Some(format!("is a {} there but a {} here", first.kind.code(), self.kind.code()))
        } else if self.projects != first.projects {
            Some(format!("belongs to {} there but to {} here", list(&first.projects), list(&self.projects)))
        } else {
            None
        }
    }
}

impl SharedOutputs {
    fn with_budget(budget: usize) -> Self {
        // Some twenty kinds of output.
        #[allow(clippy::cast_possible_truncation)]
        let kinds = OutputKind::ALL.len() as u8;
        SharedOutputs {
            records: Sorter::with_budget(budget, kinds, "shared outputs"),
            fingerprints: Fingerprints::default(),
            text: String::new(),
        }
    }

    /// Writes runs in `dir` rather than the system's temporary directory.
    #[cfg(test)]
    fn in_dir(mut self, dir: impl Into<std::path::PathBuf>) -> Self {
        self.records = self.records.in_dir(dir);
        self
    }

    fn add(&mut self, id: &str, projects: &str, project: u32, index: u32, kind: OutputKind) {
        let print = self.fingerprints.of(id);
        self.add_printed(print, id, projects, project, index, kind);
    }

    /// [`SharedOutputs::add`] with the fingerprint of `id` given.
    fn add_printed(&mut self, print: (u64, u32), id: &str, projects: &str, project: u32, index: u32, kind: OutputKind) {
        self.text.clear();
        self.text.push_str(id);
        self.text.push('\t');
        self.text.push_str(projects);
        let kind = OutputKind::ALL.iter().position(|k| *k == kind).and_then(|at| u8::try_from(at).ok()).unwrap_or(0);
        self.records.add(print, project, kind, index, &self.text);
    }

    /// Calls `f` with each shared output's id and its records, the first
    /// first and the others in the order added; outputs come in the order
    /// of their fingerprints, not of their ids.
    fn each(self, mut f: impl FnMut(&str, &[SharedRecord])) -> io::Result<()> {
        let mut sorted = self.records.sorted()?;
        // The records of one fingerprint (of one id but for a collision).
        let mut group: Vec<(String, SharedRecord)> = Vec::new();
        let mut print = None;
        loop {
            let next = sorted.next()?;
            if next.is_none_or(|(key, _)| Some(key.print()) != print) {
                // Ids that share a fingerprint are kept apart.
                while let Some((id, _)) = group.first() {
                    let id = id.clone();
                    let (these, rest): (Vec<_>, Vec<_>) = group.drain(..).partition(|(other, _)| *other == id);
                    let records: Vec<SharedRecord> = these.into_iter().map(|(_, record)| record).collect();
                    f(&id, &records);
                    group = rest;
                }
            }
            let Some((key, text)) = next else { return Ok(()) };
            print = Some(key.print());
            let kind = OutputKind::ALL.get(usize::from(key.kind)).copied();
            let (Some(kind), Some((id, projects))) = (kind, text.split_once('\t')) else {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    "a temporary file of shared outputs is damaged",
                ));
            };
            let record = SharedRecord { project: key.project, index: key.index, kind, projects: projects.to_owned() };
            group.push((id.to_owned(), record));
        }
    }
}

/// A diagnostic to emit: the document, the pointer and the message.
type Finding = (String, String, String);

/// What the rules need of a programme.
#[derive(Debug, Default)]
struct ProgrammeLinks {
    aims: BTreeSet<String>,
    state_grant_share: Option<Percent>,
}

/// An aim an objective refers to: the project and its programme as numbers
/// in the [`CrossIndex`](super::CrossIndex), the objective and the aim's
/// place in it.
#[derive(Debug)]
struct AimUse {
    project: u32,
    programme: u32,
    objective: u32,
    position: u32,
    aim: Box<str>,
}

/// A state-grant share a project states, in funding part `part`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ShareUse {
    project: u32,
    programme: u32,
    part: u32,
    share: Percent,
}

impl Fixed for ShareUse {
    const SIZE: usize = 16;

    fn write(&self, out: &mut [u8]) {
        let words = [self.project, self.programme, self.part, self.share.hundredths()];
        for (at, word) in words.into_iter().enumerate() {
            out[at * 4..at * 4 + 4].copy_from_slice(&word.to_le_bytes());
        }
    }

    fn read(bytes: &[u8]) -> Option<Self> {
        let word = |at: usize| Some(u32::from_le_bytes(bytes.get(at * 4..at * 4 + 4)?.try_into().ok()?));
        let share = Percent::from_hundredths(word(3)?).ok()?;
        Some(ShareUse { project: word(0)?, programme: word(1)?, part: word(2)?, share })
    }
}

/// The ids of projects and programmes by their numbers in the index.
pub(crate) struct Names<'a> {
    /// A project's id.
    pub(crate) project: &'a dyn Fn(u32) -> String,
    /// A programme's id.
    pub(crate) programme: &'a dyn Fn(u32) -> String,
    /// The numbers of the projects with an id (more than one for a project
    /// given twice).
    pub(crate) numbers: &'a dyn Fn(&str) -> Vec<u32>,
}

/// A position as a `u32` (a document has far fewer entries).
fn position(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// What the 1.2 rules across documents need of one project, taken from it
/// where it was parsed (see [`super::digest`]); empty for a project that
/// uses none of these fields.
#[derive(Debug, Default)]
pub(crate) struct ProjectLinks {
    /// (position, related project id), but a relation to itself, which is
    /// another rule's (within the document): only the others are kept, so
    /// that checking them reads no project's id back unless one is
    /// reported.
    relations: Vec<(u32, Box<str>)>,
    /// (id, the projects it belongs to sorted and each once, one a line,
    /// position, kind) of each shared output.
    shared: Vec<(Box<str>, String, u32, OutputKind)>,
    /// (objective, position, aim) of each aim an objective refers to, for
    /// a project of a programme.
    aims: Vec<(u32, u32, Box<str>)>,
    /// (funding part, share) of each state-grant share, for a project of a
    /// programme.
    shares: Vec<(u32, Percent)>,
}

impl ProjectLinks {
    /// What `project` states.
    pub(crate) fn of(project: &Project) -> Self {
        let mut links = ProjectLinks::default();
        for (i, relation) in project.related_projects.iter().enumerate() {
            if relation.project != project.id {
                links.relations.push((position(i), relation.project.as_str().into()));
            }
        }
        for (i, output) in project.outputs.iter().enumerate() {
            let Some(shared) = &output.shared else { continue };
            let mut projects: Vec<&str> = shared.projects.iter().map(|p| p.as_str()).collect();
            projects.sort_unstable();
            projects.dedup();
            links.shared.push((shared.id.as_str().into(), projects.join("\n"), position(i), output.kind));
        }
        if project.programme.is_none() {
            return links;
        }
        for (i, objective) in project.objectives.iter().enumerate() {
            for (j, aim) in objective.programme_aims.iter().enumerate() {
                links.aims.push((position(i), position(j), aim.as_str().into()));
            }
        }
        if let Some(funding) = &project.funding {
            for (i, part) in funding.parts.iter().enumerate() {
                if let (FundingKind::StateGrant, Some(share)) = (part.kind, part.share) {
                    links.shares.push((position(i), share));
                }
            }
        }
        links
    }
}

/// The facts the 1.2 rules across documents need, added a document at a time.
#[derive(Debug, Default)]
pub(crate) struct Links {
    /// (project number, position, related project id).
    relations: Vec<(u32, u32, Box<str>)>,
    /// The records of each shared output, in the order added.
    shared: SharedOutputs,
    /// Each aim an objective refers to.
    aims: Vec<AimUse>,
    /// Each state-grant share a project states: 16 bytes, as every
    /// project of a large corpus may state one, on disk past 256 KiB.
    shares: Log<ShareUse>,
    /// The first programme with each id.
    programmes: BTreeMap<String, ProgrammeLinks>,
}

impl Links {
    /// Adds what a project states; `number` is its number in the index,
    /// `programme` its programme's.
    pub(crate) fn add_project(&mut self, project: &mut ProjectLinks, number: u32, programme: Option<u32>) {
        for (i, related) in project.relations.drain(..) {
            self.relations.push((number, i, related));
        }
        for (id, projects, i, kind) in &project.shared {
            self.shared.add(id, projects, number, *i, *kind);
        }
        let Some(programme) = programme else { return };
        for (objective, position, aim) in project.aims.drain(..) {
            self.aims.push(AimUse { project: number, programme, objective, position, aim });
        }
        for &(part, share) in &project.shares {
            self.shares.push(ShareUse { project: number, programme, part, share });
        }
    }

    pub(crate) fn add_programme(&mut self, programme: &Programme) {
        self.programmes.entry(programme.id.to_string()).or_insert_with(|| ProgrammeLinks {
            aims: programme.aims.iter().map(|aim| aim.id.to_string()).collect(),
            state_grant_share: programme.funding_rule.as_ref().map(|rule| rule.state_grant_share),
        });
    }

    /// Runs the rules; `known` says whether a project id is a project
    /// document given or listed by a programme given, `given` whether it is
    /// a project document given, `names` the ids of a project and of a
    /// programme by their numbers in the index.
    pub(crate) fn check(
        &mut self,
        known: &dyn Fn(&str) -> bool,
        given: &dyn Fn(&str) -> bool,
        names: &Names<'_>,
        sink: &mut Sink<'_>,
    ) {
        for (project, i, related) in &self.relations {
            if !known(related) {
                let project = (names.project)(*project);
                sink.document = Some(project.clone());
                sink.emit(
                    &CROSS_RELATED_PROJECT,
                    format!("/related_projects/{i}/project"),
                    format!(
                        "project `{project}` names `{related}` as a related project, but no project document or programme listing given has that id"
                    ),
                );
            }
        }
        self.check_shared(given, names, sink);
        for AimUse { project, programme, objective, position, aim } in &self.aims {
            let programme = (names.programme)(*programme);
            let Some(links) = self.programmes.get(&programme) else { continue };
            if !links.aims.contains(&**aim) {
                let project = (names.project)(*project);
                sink.document = Some(project.clone());
                sink.emit(
                    &CROSS_PROGRAMME_AIM,
                    format!("/objectives/{objective}/programme_aims/{position}"),
                    format!("an objective of project `{project}` refers to aim `{aim}`, which programme `{programme}` does not state"),
                );
            }
        }
        let programmes = &self.programmes;
        let shares = std::mem::take(&mut self.shares).for_each(|ShareUse { project, programme, part, share }| {
            let programme = (names.programme)(programme);
            let Some(rule) = programmes.get(&programme).and_then(|links| links.state_grant_share) else { return };
            if share != rule {
                let project = (names.project)(project);
                sink.document = Some(project.clone());
                sink.emit(
                    &CROSS_FUNDING_RULE,
                    format!("/funding/parts/{part}/share"),
                    format!(
                        "project `{project}` states a state grant of {share} but programme `{programme}`'s funding rule is {rule}"
                    ),
                );
            }
        });
        if let Err(error) = shares {
            sink.document = None;
            sink.failed(&CROSS_FUNDING_RULE, format!("state-grant shares could not be compared: {error}"));
        }
    }

    /// The records of each shared output agree with its first, and every
    /// project it belongs to that is given has a record of it: reported
    /// in the order of the outputs' ids, each with its later records in the
    /// order added.
    fn check_shared(&mut self, given: &dyn Fn(&str) -> bool, names: &Names<'_>, sink: &mut Sink<'_>) {
        // Only the outputs with something to report are kept, to be sorted by id.
        let mut found: Vec<(String, Vec<Finding>)> = Vec::new();
        let read = std::mem::take(&mut self.shared).each(|id, records| {
            let Some((first, later)) = records.split_first() else { return };
            // Ids are read back only for what is reported: a project has a
            // record when one of the projects with its id made one.
            let first_project = || (names.project)(first.project);
            let recorded = |p: &str| {
                let numbers = (names.numbers)(p);
                numbers.contains(&first.project) || later.iter().any(|later| numbers.contains(&later.project))
            };
            let mut here = Vec::new();
            // A project the artefact belongs to, given, but with no record of it.
            for missing in first.projects.split('\n').filter(|p| !p.is_empty() && given(p) && !recorded(p)) {
                here.push((
                    first_project(),
                    format!("/outputs/{}/shared/projects", first.index),
                    format!(
                        "shared output `{id}` belongs to project `{missing}`, which is given but has no record of it"
                    ),
                ));
            }
            for later in later {
                let Some(problem) = later.differs_from(first) else { continue };
                let (project, first_project) = ((names.project)(later.project), first_project());
                if project == first_project {
                    continue;
                }
                here.push((
                    project.clone(),
                    format!("/outputs/{}/shared", later.index),
                    format!("shared output `{id}` is also recorded by project `{first_project}`, where it {problem}"),
                ));
            }
            if !here.is_empty() {
                found.push((id.to_owned(), here));
            }
        });
        if let Err(error) = read {
            sink.document = None;
            sink.failed(&CROSS_SHARED_OUTPUT, format!("shared outputs could not be compared across projects: {error}"));
            return;
        }
        found.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        for (document, pointer, message) in found.into_iter().flat_map(|(_, here)| here) {
            sink.document = Some(document);
            sink.emit(&CROSS_SHARED_OUTPUT, pointer, message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_outputs_whose_ids_share_a_fingerprint_are_kept_apart() {
        for budget in [usize::MAX, 0] {
            let dir = tempfile::tempdir().unwrap();
            let mut shared = SharedOutputs::with_budget(budget).in_dir(dir.path());
            let (model, cards) = (OutputKind::OperatingModel, OutputKind::ActionCard);
            // Three ids with one fingerprint, as if it collided.
            shared.add_printed((7, 7), "a", "p\nq", 0, 0, model);
            shared.add_printed((7, 7), "b", "p\nq", 0, 1, cards);
            shared.add_printed((7, 7), "c", "p", 0, 2, model);
            // Later records, each compared with the first of its own id.
            shared.add_printed((7, 7), "b", "p\nq", 1, 0, cards);
            shared.add_printed((7, 7), "a", "p\nq", 1, 1, cards);
            shared.add_printed((7, 7), "c", "p\nq", 1, 2, model);
            // And an id of its own.
            shared.add("d", "q", 2, 0, model);
            let mut outputs = Vec::new();
            shared
                .each(|id, records| {
                    let (first, later) = records.split_first().unwrap();
                    let differences: Vec<_> =
                        later.iter().map(|l| (l.project, l.index, l.differs_from(first))).collect();
                    outputs.push((id.to_owned(), first.project, first.index, differences));
                })
                .unwrap();
            outputs.sort();
            let none = |project, index| (project, index, None);
            assert_eq!(
                outputs,
                [
                    (
                        "a".to_owned(),
                        0,
                        0,
                        vec![(1, 1, Some("is a operating_model there but a action_card here".to_owned()))]
                    ),
                    ("b".to_owned(), 0, 1, vec![none(1, 0)]),
                    ("c".to_owned(), 0, 2, vec![(1, 2, Some("belongs to p there but to p, q here".to_owned()))]),
                    ("d".to_owned(), 2, 0, vec![]),
                ],
                "budget {budget}"
            );
        }
    }

    #[test]
    fn shared_outputs_that_cannot_be_sorted_on_disk_are_not_compared_and_say_why() {
        let mut links =
            Links { shared: SharedOutputs::with_budget(0).in_dir("/nonexistent/childwelfare"), ..Links::default() };
        links.shared.add("video", "p\nq", 0, 0, OutputKind::Video);
        links.shared.add("video", "p\nq", 1, 0, OutputKind::Article);
        let mut report = super::super::Report::new();
        let ids = |n: u32| ["p", "q"][n as usize].to_owned();
        let programme = |_: u32| String::new();
        let numbers = |_: &str| Vec::new();
        let names = Names { project: &ids, programme: &programme, numbers: &numbers };
        links.check(&|_| true, &|_| true, &names, &mut Sink::new(&mut report, None));
        // Not compared: no diagnostic, and a failure that says why.
        assert!(report.diagnostics.is_empty(), "{report}");
        assert_eq!(report.not_run.len(), 1);
        assert!(report.not_run[0].failed);
        assert_eq!(report.not_run[0].code, CROSS_SHARED_OUTPUT.code);
        assert!(
            report.not_run[0].reason.starts_with(
                "shared outputs could not be compared across projects: could not write a temporary file in /nonexistent/childwelfare"
            ),
            "{}",
            report.not_run[0].reason
        );
    }
}
