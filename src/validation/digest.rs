//! What the rules across documents need of a project document, taken from
//! it on the thread that parsed it: its id, programme, area and total
//! funding, every record id with its fingerprint, each implementer's id,
//! name and business ID, and what schema 1.2's links state.
//!
//! `validate` digests each project on the worker thread that parsed and
//! checked it, and drops the document there; a batch that waits for its
//! turn in the [`CrossIndex`](super::CrossIndex) (see [`crate::pipeline`])
//! then holds a few kilobytes a project rather than the parsed documents,
//! and the fingerprints are computed on every core rather than in the
//! turns. [`CrossIndex::add`](super::CrossIndex::add) digests a document
//! itself, so that both ways share one path.

use super::links::ProjectLinks;
use super::references::{Kind, records};
use crate::fingerprint::Fingerprints;
use crate::{CollaborativeArea, Id, Language, Money, Project};

/// Where a text is in [`ProjectDigest`]'s text.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Part {
    start: usize,
    end: usize,
}

/// A use of a record id: its fingerprint, kind, place and the id.
#[derive(Debug)]
pub(super) struct RecordUse {
    pub(super) print: (u64, u32),
    pub(super) kind: Kind,
    pub(super) index: usize,
    pub(super) id: Part,
}

/// An implementer: its id and business ID with their fingerprints, and
/// its name's fingerprint (every language) with its best Finnish text.
#[derive(Debug)]
pub(super) struct ImplementerDigest {
    pub(super) id: Part,
    pub(super) print: (u64, u32),
    pub(super) name: Option<(u64, Part)>,
    pub(super) business_id: Option<(Part, (u64, u32))>,
}

/// What the rules across documents need of one project (see the module's
/// documentation); its texts are kept one after another in one buffer.
#[derive(Debug, Default)]
pub(crate) struct ProjectDigest {
    text: String,
    pub(super) id: Part,
    pub(super) programme: Option<Id>,
    pub(super) area: Option<CollaborativeArea>,
    pub(super) funding: Option<Money>,
    /// Every record id but those of implementers and source documents,
    /// which projects share on purpose.
    pub(super) records: Vec<RecordUse>,
    pub(super) implementers: Vec<ImplementerDigest>,
    pub(super) links: ProjectLinks,
}

impl ProjectDigest {
    /// Digests `project`, fingerprinting with the index's `fingerprints`.
    pub(crate) fn of(project: &Project, fingerprints: &Fingerprints) -> Self {
        let mut digest = ProjectDigest {
            programme: project.programme.clone(),
            area: project.collaborative_area,
            funding: project.funding.as_ref().and_then(|f| f.total),
            links: ProjectLinks::of(project),
            ..ProjectDigest::default()
        };
        digest.id = digest.put(project.id.as_str());
        let uses = records(project);
        digest.records.reserve_exact(uses.len());
        for (kind, index, id) in uses {
            if !matches!(kind, Kind::Implementer | Kind::SourceDocument) {
                let id_part = digest.put(id.as_str());
                digest.records.push(RecordUse { print: fingerprints.of(id.as_str()), kind, index, id: id_part });
            }
        }
        digest.implementers.reserve_exact(project.implementers.len());
        for implementer in &project.implementers {
            let id = digest.put(implementer.id.as_str());
            let name =
                implementer.name.as_ref().map(|name| (fingerprints.of_text(name), digest.put(name.best(Language::Fi))));
            let business_id =
                implementer.business_id.as_ref().map(|b| (digest.put(b.as_str()), fingerprints.of(b.as_str())));
            digest.implementers.push(ImplementerDigest {
                id,
                print: fingerprints.of(implementer.id.as_str()),
                name,
                business_id,
            });
        }
        digest
    }

    fn put(&mut self, text: &str) -> Part {
        let start = self.text.len();
        self.text.push_str(text);
        Part { start, end: self.text.len() }
    }

    /// The text at `part`.
    pub(super) fn text(&self, part: Part) -> &str {
        self.text.get(part.start..part.end).unwrap_or_default()
    }

    /// The project's id.
    pub(super) fn id(&self) -> &str {
        self.text(self.id)
    }
}
