//! What the index across documents keeps of each document, without keeping
//! it in memory: a project's facts (its id, programme, collaborative area
//! and total funding) as records of a fixed size in a [`Log`], on disk past
//! its budget and read back by number or in order; and, built only when the
//! index is finished (once the record ids, the bulk of its memory, are
//! compared and freed), a table of every document by a fingerprint of its
//! kind and id.
//!
//! So the memory of the index does not grow with the projects while they
//! are added; at the end it holds 16 bytes a document for the table.

use std::io;

use super::log::{Fixed, Log};
use crate::fingerprint::{Fingerprints, Key};
use crate::packed::{code_byte, from_code_byte};
use crate::{CollaborativeArea, DocumentKind, Euros, Exactness, Money};

/// The most bytes of an id ([`crate::Id`] allows 64).
const ID: usize = 64;

/// What the rules across documents need of a project.
#[derive(Debug, Clone, Copy)]
pub(super) struct ProjectFact {
    /// The project's number among the documents given.
    pub(super) document: u32,
    /// Its programme, a number in the index; `u32::MAX` for none.
    programme: u32,
    cents: u64,
    /// The exactness of the total funding; `None` when there is none.
    exactness: Option<Exactness>,
    pub(super) area: Option<CollaborativeArea>,
    id_len: u8,
    id: [u8; ID],
}

impl ProjectFact {
    pub(super) fn new(
        document: u32,
        id: &str,
        programme: Option<u32>,
        area: Option<CollaborativeArea>,
        funding: Option<Money>,
    ) -> Self {
        let mut bytes = [0; ID];
        // An `Id` has at most 64 bytes; a longer text would read as `…`.
        let id_len = match bytes.get_mut(..id.len()) {
            Some(place) => {
                place.copy_from_slice(id.as_bytes());
                u8::try_from(id.len()).unwrap_or(0)
            }
            None => 0,
        };
        ProjectFact {
            document,
            programme: programme.unwrap_or(u32::MAX),
            cents: funding.map_or(0, |money| money.euros.cents()),
            exactness: funding.map(|money| money.exactness),
            area,
            id_len,
            id: bytes,
        }
    }

    /// The project's id; `…` for one not kept.
    pub(super) fn id(&self) -> &str {
        let id = self.id.get(..usize::from(self.id_len)).and_then(|id| std::str::from_utf8(id).ok());
        id.filter(|id| !id.is_empty()).unwrap_or("…")
    }

    pub(super) fn programme(&self) -> Option<u32> {
        (self.programme != u32::MAX).then_some(self.programme)
    }

    pub(super) fn total_funding(&self) -> Option<Money> {
        self.exactness.map(|exactness| Money { euros: Euros::from_cents(self.cents), exactness })
    }
}

impl Fixed for ProjectFact {
    const SIZE: usize = 19 + ID;

    fn write(&self, out: &mut [u8]) {
        out[..4].copy_from_slice(&self.document.to_le_bytes());
        out[4..8].copy_from_slice(&self.programme.to_le_bytes());
        out[8..16].copy_from_slice(&self.cents.to_le_bytes());
        out[16] = code_byte(self.exactness, Exactness::ALL);
        out[17] = code_byte(self.area, CollaborativeArea::ALL);
        out[18] = self.id_len;
        out[19..19 + ID].copy_from_slice(&self.id);
    }

    fn read(bytes: &[u8]) -> Option<Self> {
        let word = |at: usize| Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?));
        let fact = ProjectFact {
            document: word(0)?,
            programme: word(4)?,
            cents: u64::from_le_bytes(bytes.get(8..16)?.try_into().ok()?),
            exactness: from_code_byte(*bytes.get(16)?, Exactness::ALL).ok()?,
            area: from_code_byte(*bytes.get(17)?, CollaborativeArea::ALL).ok()?,
            id_len: *bytes.get(18).filter(|&&len| usize::from(len) <= ID)?,
            id: bytes.get(19..19 + ID)?.try_into().ok()?,
        };
        // A damaged id is damage, not an id to show.
        std::str::from_utf8(&fact.id[..usize::from(fact.id_len)]).ok()?;
        Some(fact)
    }
}

/// A document in the [`Documents`] table: 16 bytes.
#[derive(Debug, Clone, Copy)]
struct Seen {
    key: Key,
    check: u32,
    /// The project's number, or the programme's with [`PROGRAMME`] set.
    at: u32,
}

/// The bit of [`Seen::at`] that says the document is a programme.
const PROGRAMME: u32 = 1 << 31;

/// Where a document of the [`Documents`] table is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum At {
    /// Project `n` of the index.
    Project(u32),
    /// Programme `n` of the index.
    Programme(u32),
}

/// A document whose kind and id an earlier one has.
#[derive(Debug, Clone, Copy)]
pub(super) struct Repeat {
    /// Its number among the documents given.
    pub(super) document: u32,
    /// Where it is kept, for its kind and id.
    pub(super) at: At,
    /// The number of the first document with its kind and id.
    pub(super) first: u32,
}

/// Every document given, sorted by a fingerprint of its kind and id, then
/// in the order given; in 256 buckets by the fingerprint's top byte, each
/// given its exact size, so that the table is built in the small pieces of
/// memory that the record ids freed rather than in one large new block.
#[derive(Debug, Default)]
pub(super) struct Documents {
    buckets: Vec<Vec<Seen>>,
    /// The programmes' numbers among the documents, in the order given:
    /// with them a project's number among the documents follows from its
    /// number among the projects.
    programmes: Vec<u32>,
}

/// The bucket of a fingerprint.
fn bucket(key: u64) -> usize {
    usize::from((key >> 56) as u8)
}

/// Calls `f` with the kind, id, number among the documents and place in
/// the index of each of `projects` and `programmes`.
fn each<'a>(
    projects: &Log<ProjectFact>,
    programmes: impl Iterator<Item = (u32, &'a str)>,
    mut f: impl FnMut(DocumentKind, &str, u32, u32),
) -> io::Result<()> {
    projects.scan(|n, fact| {
        f(DocumentKind::Project, fact.id(), fact.document, u32::try_from(n).unwrap_or(PROGRAMME - 1))
    })?;
    for (n, (document, id)) in programmes.enumerate() {
        f(DocumentKind::Programme, id, document, u32::try_from(n).unwrap_or(0) | PROGRAMME);
    }
    Ok(())
}

impl Documents {
    /// The table of `projects` (their facts in the index's order) and
    /// `programmes` (their numbers among the documents and their ids);
    /// An error if the projects cannot be read back.
    pub(super) fn new<'a>(
        fingerprints: &Fingerprints,
        projects: &Log<ProjectFact>,
        programmes: impl Iterator<Item = (u32, &'a str)> + Clone,
    ) -> io::Result<Self> {
        // Counted first, so that each bucket is allocated once, exactly.
        let mut counts = vec![0usize; 256];
        each(projects, programmes.clone(), |kind, id, _, _| counts[bucket(fingerprints.of((kind, id)).0)] += 1)?;
        let mut buckets: Vec<Vec<Seen>> = counts.into_iter().map(Vec::with_capacity).collect();
        let mut numbers = Vec::new();
        each(projects, programmes, |kind, id, document, at| {
            let (key, check) = fingerprints.of((kind, id));
            buckets[bucket(key)].push(Seen { key: Key::new(key), check, at });
            if kind == DocumentKind::Programme {
                numbers.push(document);
            }
        })?;
        // One kind and id are in one place of one kind, where the order of
        // places is the order given.
        for bucket in &mut buckets {
            bucket.sort_unstable_by_key(|seen| (seen.key.value(), seen.check, seen.at));
        }
        Ok(Documents { buckets, programmes: numbers })
    }

    /// The number among the documents given of the document at `at`.
    fn document(&self, at: u32) -> u32 {
        if at & PROGRAMME != 0 {
            return self.programmes.get((at & !PROGRAMME) as usize).copied().unwrap_or(u32::MAX);
        }
        // Each programme given before the project comes before it.
        let mut document = at;
        for &programme in &self.programmes {
            if programme > document {
                break;
            }
            document = document.saturating_add(1);
        }
        document
    }

    /// The documents with fingerprint `print`, in the order given.
    fn with(&self, (key, check): (u64, u32)) -> &[Seen] {
        let Some(seen) = self.buckets.get(bucket(key)) else { return &[] };
        let start = seen.partition_point(|seen| (seen.key.value(), seen.check) < (key, check));
        let len = seen[start..].partition_point(|seen| (seen.key.value(), seen.check) == (key, check));
        &seen[start..start + len]
    }

    /// The number of the first project with id `id`.
    pub(super) fn project(&self, fingerprints: &Fingerprints, id: &str) -> Option<u32> {
        let first = self.with(fingerprints.of((DocumentKind::Project, id))).first()?;
        (first.at & PROGRAMME == 0).then_some(first.at)
    }

    /// The numbers of every project with id `id`, in the order given.
    pub(super) fn projects(&self, fingerprints: &Fingerprints, id: &str) -> Vec<u32> {
        let with = self.with(fingerprints.of((DocumentKind::Project, id)));
        with.iter().filter(|seen| seen.at & PROGRAMME == 0).map(|seen| seen.at).collect()
    }

    /// The numbers among the documents given of every document with kind
    /// `kind` and id `id`, in the order given.
    pub(super) fn numbers(&self, fingerprints: &Fingerprints, kind: DocumentKind, id: &str) -> Vec<usize> {
        self.with(fingerprints.of((kind, id))).iter().map(|seen| self.document(seen.at) as usize).collect()
    }

    /// Every document whose kind and id an earlier one has, in the order
    /// given.
    pub(super) fn repeats(&self) -> Vec<Repeat> {
        let mut repeats = Vec::new();
        for same in self
            .buckets
            .iter()
            .flat_map(|seen| seen.chunk_by(|a, b| (a.key.value(), a.check) == (b.key.value(), b.check)))
        {
            let Some((first, later)) = same.split_first() else { continue };
            for seen in later {
                let at = match seen.at & PROGRAMME {
                    0 => At::Project(seen.at),
                    _ => At::Programme(seen.at & !PROGRAMME),
                };
                repeats.push(Repeat { document: self.document(seen.at), at, first: self.document(first.at) });
            }
        }
        repeats.sort_unstable_by_key(|repeat| repeat.document);
        repeats
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fact_reads_back_what_it_wrote() {
        let funding = Money { euros: Euros::from_cents(123_456_789_012), exactness: Exactness::Approximate };
        let longest = "a".repeat(ID);
        for fact in [
            ProjectFact::new(7, "lumo", Some(3), Some(CollaborativeArea::WesternFinland), Some(funding)),
            ProjectFact::new(u32::MAX - 1, &longest, None, None, None),
        ] {
            let mut bytes = vec![0; ProjectFact::SIZE];
            fact.write(&mut bytes);
            let back = ProjectFact::read(&bytes).unwrap();
            assert_eq!(
                (back.document, back.id(), back.programme(), back.area, back.total_funding()),
                (fact.document, fact.id(), fact.programme(), fact.area, fact.total_funding())
            );
        }
        // An area no value has is damage.
        let mut bytes = vec![0; ProjectFact::SIZE];
        ProjectFact::new(0, "x", None, None, None).write(&mut bytes);
        bytes[17] = 200;
        assert!(ProjectFact::read(&bytes).is_none());
    }

    #[test]
    fn a_longer_id_than_an_id_may_have_reads_as_an_ellipsis() {
        assert_eq!(ProjectFact::new(0, &"a".repeat(ID + 1), None, None, None).id(), "…");
    }

    #[test]
    fn repeated_documents_are_found_in_the_order_given_whatever_the_fingerprints() {
        let fingerprints = Fingerprints::default();
        let mut projects = Log::with_budget(ProjectFact::SIZE * 2);
        // Documents 0..6: projects a, b, a, (programme a), b, a.
        for (document, id) in [(0, "a"), (1, "b"), (2, "a"), (4, "b"), (5, "a")] {
            projects.push(ProjectFact::new(document, id, None, None, None));
        }
        let table = Documents::new(&fingerprints, &projects, [(3, "a")].into_iter()).unwrap();
        let repeats: Vec<_> = table.repeats().iter().map(|r| (r.document, r.at, r.first)).collect();
        assert_eq!(repeats, [(2, At::Project(2), 0), (4, At::Project(3), 1), (5, At::Project(4), 0)]);
        assert_eq!(table.project(&fingerprints, "a"), Some(0));
        assert_eq!(table.project(&fingerprints, "c"), None);
        assert_eq!(table.projects(&fingerprints, "a"), [0, 2, 4]);
        assert_eq!(table.numbers(&fingerprints, DocumentKind::Project, "a"), [0, 2, 5]);
        assert_eq!(table.numbers(&fingerprints, DocumentKind::Programme, "a"), [3]);
    }
}
