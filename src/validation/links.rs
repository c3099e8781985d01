//! The rules across documents on what schema 1.2 added: related projects
//! are known, the records of one shared output agree, objectives point to
//! aims of their programme, and a project's state-grant share follows its
//! programme's funding rule. What they need is kept for the projects that
//! use these fields only, so that a corpus without them costs nothing.

use std::collections::{BTreeMap, BTreeSet};

use super::Sink;
use super::rules::*;
use crate::{FundingKind, Percent, Programme, Project};

/// The first record of a shared output, and the later ones: the project
/// as its number in the index, the output's place in it, its kind, and the
/// projects it belongs to, sorted and each once, one a line. A later record
/// keeps only what it disagrees in, found when it is added: a corpus where
/// every project shares an output costs about a hundred bytes a project.
#[derive(Debug)]
struct SharedRecord {
    project: u32,
    index: u32,
    kind: &'static str,
    projects: Box<str>,
    later: Vec<LaterRecord>,
}

/// A later record of a shared output: its project, its place, and how it
/// differs from the first, if it does.
#[derive(Debug)]
struct LaterRecord {
    project: u32,
    index: u32,
    problem: Option<Box<str>>,
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
    /// Shared output id → its records, in the order added.
    shared: BTreeMap<Box<str>, SharedRecord>,
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
            let (index, kind) = (position(i), output.kind.code());
            match self.shared.get_mut(shared.id.as_str()) {
                None => {
                    let later = Vec::new();
                    let first = SharedRecord { project: number, index, kind, projects: projects.into(), later };
                    self.shared.insert(shared.id.as_str().into(), first);
                }
                Some(first) => {
                    let list = |lines: &str| lines.replace('\n', ", ");
                    let problem = if kind != first.kind {
                        Some(format!("is a {} there but a {kind} here", first.kind))
                    } else if *projects != *first.projects {
                        Some(format!("belongs to {} there but to {} here", list(&first.projects), list(&projects)))
                    } else {
                        None
                    };
                    first.later.push(LaterRecord { project: number, index, problem: problem.map(Into::into) });
                }
            }
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
        for (id, first) in &self.shared {
            let first_project = (names.project)(first.project);
            let recorded =
                |p: &str| first_project == p || first.later.iter().any(|later| (names.project)(later.project) == p);
            // A project the artefact belongs to, given, but with no record of it.
            for missing in first.projects.split('\n').filter(|p| !p.is_empty() && given(p) && !recorded(p)) {
                sink.document = Some(first_project.to_owned());
                sink.emit(
                    &CROSS_SHARED_OUTPUT,
                    format!("/outputs/{}/shared/projects", first.index),
                    format!(
                        "shared output `{id}` belongs to project `{missing}`, which is given but has no record of it"
                    ),
                );
            }
            for later in &first.later {
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
