//! The rules across documents on what schema 1.2 added: related projects
//! are known, the records of one shared output agree, objectives point to
//! aims of their programme, and a project's state-grant share follows its
//! programme's funding rule. What they need is kept for the projects that
//! use these fields only, so that a corpus without them costs nothing.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::BuildHasher;

use super::Sink;
use super::arena::{Arena, Span};
use super::rules::*;
use crate::{FundingKind, OutputKind, Percent, Programme, Project};

/// The first record of a shared output: the project as its number in the
/// index, the output's place in it, its kind, and where its id and the
/// projects it belongs to (sorted and each once, one a line) are in the
/// texts of [`SharedOutputs`]. Records are found through a table of their
/// ids' hashes rather than a tree of strings: a corpus where every project
/// shares an output costs about a hundred bytes a project and the texts.
#[derive(Debug)]
struct SharedRecord {
    id: Span,
    projects: Span,
    project: u32,
    index: u32,
    /// The next first record whose id has the same hash, if any.
    next: Option<u32>,
    kind: OutputKind,
}

/// A later record of a shared output: the first record (its number), its
/// project, its place, and how it differs from the first, found when it is
/// added, if it does.
#[derive(Debug)]
struct LaterRecord {
    first: u32,
    project: u32,
    index: u32,
    problem: Option<Box<str>>,
}

/// Every record of a shared output, by the output's id.
#[derive(Debug, Default)]
struct SharedOutputs {
    /// The hash of an id → the last first record with that hash.
    by_hash: HashMap<u64, u32>,
    hasher: foldhash::fast::RandomState,
    first: Vec<SharedRecord>,
    later: Vec<LaterRecord>,
    /// The ids and project lists of the first records.
    texts: Arena,
    /// Whether the texts passed 4 GiB (some forty million shared outputs),
    /// after which records are no longer compared.
    full: bool,
}

impl SharedOutputs {
    fn text(&self, span: Span) -> &str {
        self.texts.text(span)
    }

    /// The number of the first record of output `id`.
    fn find(&self, hash: u64, id: &str) -> Option<u32> {
        let mut at = self.by_hash.get(&hash).copied();
        while let Some(n) = at {
            let record = &self.first[n as usize];
            if self.text(record.id) == id {
                return Some(n);
            }
            at = record.next;
        }
        None
    }

    fn add(&mut self, id: &str, projects: &str, project: u32, index: u32, kind: OutputKind) {
        self.add_hashed(self.hasher.hash_one(id), id, projects, project, index, kind);
    }

    /// [`SharedOutputs::add`] with the hash of `id` given.
    fn add_hashed(&mut self, hash: u64, id: &str, projects: &str, project: u32, index: u32, kind: OutputKind) {
        if self.full {
            return;
        }
        let Some(n) = self.find(hash, id) else {
            let (Some(id), Some(projects)) = (self.texts.try_put(id), self.texts.try_put(projects)) else {
                self.full = true;
                return;
            };
            let number = position(self.first.len());
            let next = self.by_hash.insert(hash, number);
            self.first.push(SharedRecord { id, projects, project, index, next, kind });
            return;
        };
        let first = &self.first[n as usize];
        let first_projects = self.text(first.projects);
        let list = |lines: &str| lines.replace('\n', ", ");
        let problem = if kind != first.kind {
            Some(format!("is a {} there but a {} here", first.kind.code(), kind.code()))
        } else if projects != first_projects {
            Some(format!("belongs to {} there but to {} here", list(first_projects), list(projects)))
        } else {
            None
        };
        self.later.push(LaterRecord { first: n, project, index, problem: problem.map(Into::into) });
    }
}

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
#[derive(Debug)]
struct ShareUse {
    project: u32,
    programme: u32,
    part: u32,
    share: Percent,
}

/// The ids of projects and programmes by their numbers in the index.
pub(crate) struct Names<'a> {
    /// A project's id.
    pub(crate) project: &'a dyn Fn(u32) -> &'a str,
    /// A programme's id.
    pub(crate) programme: &'a dyn Fn(u32) -> &'a str,
}

/// A position as a `u32` (a document has far fewer entries).
fn position(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
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
    /// project of a large corpus may state one.
    shares: Vec<ShareUse>,
    /// The first programme with each id.
    programmes: BTreeMap<String, ProgrammeLinks>,
}

impl Links {
    /// Adds what a project states; `number` is its number in the index,
    /// `programme` its programme's.
    pub(crate) fn add_project(&mut self, project: &Project, number: u32, programme: Option<u32>) {
        for (i, relation) in project.related_projects.iter().enumerate() {
            self.relations.push((number, position(i), relation.project.as_str().into()));
        }
        for (i, output) in project.outputs.iter().enumerate() {
            let Some(shared) = &output.shared else { continue };
            let mut projects: Vec<&str> = shared.projects.iter().map(|p| p.as_str()).collect();
            projects.sort_unstable();
            projects.dedup();
            let projects = projects.join("\n");
            self.shared.add(shared.id.as_str(), &projects, number, position(i), output.kind);
        }
        let Some(programme) = programme else { return };
        for (i, objective) in project.objectives.iter().enumerate() {
            for (j, aim) in objective.programme_aims.iter().enumerate() {
                let (objective, position) = (position(i), position(j));
                self.aims.push(AimUse { project: number, programme, objective, position, aim: aim.as_str().into() });
            }
        }
        if let Some(funding) = &project.funding {
            for (i, part) in funding.parts.iter().enumerate() {
                if let (FundingKind::StateGrant, Some(share)) = (part.kind, part.share) {
                    self.shares.push(ShareUse { project: number, programme, part: position(i), share });
                }
            }
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
        &self,
        known: &dyn Fn(&str) -> bool,
        given: &dyn Fn(&str) -> bool,
        names: &Names<'_>,
        sink: &mut Sink<'_>,
    ) {
        for (project, i, related) in &self.relations {
            let project = (names.project)(*project);
            if &**related != project && !known(related) {
                sink.document = Some(project.to_owned());
                sink.emit(
                    &CROSS_RELATED_PROJECT,
                    format!("/related_projects/{i}/project"),
                    format!(
                        "project `{project}` names `{related}` as a related project, but no project document or programme listing given has that id"
                    ),
                );
            }
        }
        // Shared outputs in the order of their ids, each with its later
        // records in the order added.
        let shared = &self.shared;
        if shared.full {
            sink.document = None;
            sink.not_run(
                &CROSS_SHARED_OUTPUT,
                "the shared outputs' ids and project lists passed 4 GiB, so their records were not compared",
            );
        }
        let id = |n: u32| shared.text(shared.first[n as usize].id);
        // Past the limit no record is compared: a record missed would read
        // as a project without one.
        let records = if shared.full { 0 } else { shared.first.len() };
        let mut order: Vec<u32> = (0..records).map(position).collect();
        order.sort_unstable_by(|&a, &b| id(a).cmp(id(b)));
        let mut later: Vec<&LaterRecord> = shared.later.iter().collect();
        later.sort_by_key(|record| record.first);
        for n in order {
            let first = &shared.first[n as usize];
            let from = later.partition_point(|record| record.first < n);
            let to = later.partition_point(|record| record.first <= n);
            let later = &later[from..to];
            let id = id(n);
            let first_project = (names.project)(first.project);
            let recorded =
                |p: &str| first_project == p || later.iter().any(|later| (names.project)(later.project) == p);
            // A project the artefact belongs to, given, but with no record of it.
            for missing in shared.text(first.projects).split('\n').filter(|p| !p.is_empty() && given(p) && !recorded(p))
            {
                sink.document = Some(first_project.to_owned());
                sink.emit(
                    &CROSS_SHARED_OUTPUT,
                    format!("/outputs/{}/shared/projects", first.index),
                    format!(
                        "shared output `{id}` belongs to project `{missing}`, which is given but has no record of it"
                    ),
                );
            }
            for later in later {
                let project = (names.project)(later.project);
                let Some(problem) = later.problem.as_deref().filter(|_| project != first_project) else { continue };
                sink.document = Some(project.to_owned());
                sink.emit(
                    &CROSS_SHARED_OUTPUT,
                    format!("/outputs/{}/shared", later.index),
                    format!("shared output `{id}` is also recorded by project `{first_project}`, where it {problem}"),
                );
            }
        }
        for AimUse { project, programme, objective, position, aim } in &self.aims {
            let (project, programme) = ((names.project)(*project), (names.programme)(*programme));
            let Some(links) = self.programmes.get(programme) else { continue };
            if !links.aims.contains(&**aim) {
                sink.document = Some(project.to_owned());
                sink.emit(
                    &CROSS_PROGRAMME_AIM,
                    format!("/objectives/{objective}/programme_aims/{position}"),
                    format!("an objective of project `{project}` refers to aim `{aim}`, which programme `{programme}` does not state"),
                );
            }
        }
        for ShareUse { project, programme, part, share } in &self.shares {
            let (project, programme) = ((names.project)(*project), (names.programme)(*programme));
            let Some(rule) = self.programmes.get(programme).and_then(|links| links.state_grant_share) else { continue };
            if *share != rule {
                sink.document = Some(project.to_owned());
                sink.emit(
                    &CROSS_FUNDING_RULE,
                    format!("/funding/parts/{part}/share"),
                    format!(
                        "project `{project}` states a state grant of {share} but programme `{programme}`'s funding rule is {rule}"
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_outputs_whose_ids_hash_alike_are_kept_apart() {
        let mut shared = SharedOutputs::default();
        let (model, cards) = (OutputKind::OperatingModel, OutputKind::ActionCard);
        // Three ids with one hash, as if the hash collided.
        shared.add_hashed(7, "a", "p\nq", 0, 0, model);
        shared.add_hashed(7, "b", "p\nq", 0, 1, cards);
        shared.add_hashed(7, "c", "p", 0, 2, model);
        // Later records, each compared with the first of its own id.
        shared.add_hashed(7, "b", "p\nq", 1, 0, cards);
        shared.add_hashed(7, "a", "p\nq", 1, 1, cards);
        shared.add_hashed(7, "c", "p\nq", 1, 2, model);
        assert_eq!(shared.first.len(), 3);
        let later: Vec<_> = shared.later.iter().map(|l| (l.first, l.index, l.problem.as_deref())).collect();
        assert_eq!(
            later,
            [
                (1, 0, None),
                (0, 1, Some("is a operating_model there but a action_card here")),
                (2, 2, Some("belongs to p there but to p, q here")),
            ]
        );
    }
}
