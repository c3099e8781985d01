//! The rules across documents given together, from a compact index of what
//! they need, so that a corpus can be checked one document at a time.
//!
//! Each rule is linear in the number of documents: every lookup is a hash
//! map, never a search per entry. What the index keeps of a document:
//!
//! - its kind and id, and for a project its programme, collaborative area
//!   and total funding;
//! - a 72-bit fingerprint and the owning project's number for each record
//!   id, in 12 bytes (the id itself is not kept). Two different ids share a
//!   fingerprint with a probability of about n² / 2⁷³: below 10⁻⁸ for the
//!   six million records of 100 000 projects. Record ids of projects after
//!   the 16 777 215th are not compared (the rule says so in `not_run`);
//! - each organisation once, under a fingerprint of its id: its first name
//!   and business ID as text in one shared buffer (for the messages), a
//!   fingerprint of the whole name (to compare), and its project; each
//!   business ID once, with the organisation's id as text;
//! - a programme's listing: project ids, `document` and collaborative area.
//!
//! The fingerprint tables are split in 256 shards so that growing one never
//! holds two copies of the whole table in memory.

use std::collections::HashMap;
use std::hash::{BuildHasher, BuildHasherDefault, Hash, Hasher};

use super::references::{Kind, first_seen, pointer, records};
use super::rules::*;
use super::{Report, Sink};
use crate::{CollaborativeArea, Document, DocumentKind, Exactness, Id, Language, Money, Programme, Project, Text};

/// What the rules across documents need to know, added one document at a
/// time; [`CrossIndex::finish`] runs the rules that need every document.
///
/// Memory grows with this index only (see [`CrossIndex::add`]), so a
/// caller can drop each document once it is added.
///
/// ```
/// use childwelfare::validation::CrossIndex;
///
/// let mut index = CrossIndex::new();
/// for document in childwelfare::data::seed() {
///     index.add(&document); // the document can be dropped now
/// }
/// // The same project given twice.
/// let lumo = childwelfare::Document::from_json(childwelfare::data::LUMO_JSON)?;
/// index.add(&lumo);
/// assert_eq!(index.documents_with_id("lumo"), [1, 3]);
///
/// let report = index.finish();
/// assert_eq!(report.diagnostics[0].code, "cross.duplicate_document");
/// assert_eq!(report.diagnostics[0].message, "project id `lumo` is also the id of document 2 given");
/// # Ok::<(), childwelfare::ParseError>(())
/// ```
#[derive(Debug, Default)]
pub struct CrossIndex {
    /// Documents added so far.
    count: u32,
    /// (kind, id) → the number of the first document with them.
    documents: HashMap<(DocumentKind, Box<str>), usize>,
    /// Documents that repeat an earlier one's kind and id: (number, first).
    repeats: Vec<(u32, u32)>,
    projects: Vec<ProjectEntry>,
    /// Project id → the first project with it.
    project_numbers: HashMap<Box<str>, u32>,
    programmes: Vec<ProgrammeEntry>,
    /// Record id fingerprint → owning project and check bits.
    records: Shards<Owner>,
    /// Whether some project came after the 16 777 215th, whose record ids
    /// are not compared.
    records_not_compared: bool,
    /// Organisation id fingerprint → the organisation as first seen.
    organisations: Shards<Organisation>,
    /// Business ID fingerprint → where it was first seen.
    business_ids: Shards<BusinessIdSeen>,
    /// The texts kept for messages: organisation ids, names, business IDs.
    texts: Arena,
    fingerprints: Fingerprints,
    /// What the rules found while documents were added, kept apart so that
    /// the report lists them rule by rule.
    duplicate_documents: Report,
    duplicate_records: Report,
    organisation_names: Report,
}

#[derive(Debug)]
struct ProjectEntry {
    id: Box<str>,
    programme: Option<Id>,
    area: Option<CollaborativeArea>,
    total_funding: Option<Money>,
}

/// An organisation as first seen.
#[derive(Debug, Clone, Copy)]
struct Organisation {
    project: u32,
    check: u32,
    /// A fingerprint of the whole name (every language) and its best
    /// Finnish text; two names with the same fingerprint are taken as equal,
    /// so a fingerprint collision can hide a mismatch, never invent one.
    name: Option<(u64, Span)>,
    business_id: Option<Span>,
}

/// A business ID as first seen: the project and the organisation's id.
#[derive(Debug, Clone, Copy)]
struct BusinessIdSeen {
    project: u32,
    check: u32,
    organisation: Span,
}

/// Texts kept one after another in one buffer, without an allocation each.
#[derive(Debug, Default)]
struct Arena(String);

/// Where a text is in the [`Arena`].
#[derive(Debug, Clone, Copy)]
struct Span {
    start: u32,
    len: u32,
}

impl Arena {
    /// Keeps `text`; past 4 GiB of texts (some sixty million organisations)
    /// a text is no longer kept and messages show `…` for it.
    fn put(&mut self, text: &str) -> Span {
        match (u32::try_from(self.0.len()), u32::try_from(text.len())) {
            (Ok(start), Ok(len)) if start.checked_add(len).is_some() => {
                self.0.push_str(text);
                Span { start, len }
            }
            _ => Span { start: 0, len: 0 },
        }
    }

    fn get(&self, span: Span) -> &str {
        let (start, len) = (span.start as usize, span.len as usize);
        self.0.get(start..start + len).filter(|t| !t.is_empty()).unwrap_or("…")
    }
}

/// 64 bits of a fingerprint, aligned to 4 bytes so that a table entry
/// with a `u32` value takes 12 bytes rather than 16.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Key([u32; 2]);

impl Key {
    fn new(value: u64) -> Self {
        // The two halves of the value, kept apart for the alignment.
        #[allow(clippy::cast_possible_truncation)]
        Key([(value >> 32) as u32, value as u32])
    }

    fn value(self) -> u64 {
        (u64::from(self.0[0]) << 32) | u64::from(self.0[1])
    }
}

impl Hash for Key {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.value());
    }
}

/// The project that first used a record id (24 bits) and 8 more bits of
/// the id's fingerprint.
#[derive(Debug, Clone, Copy)]
struct Owner(u32);

impl Owner {
    const PROJECTS: u32 = 1 << 24;

    fn new(project: u32, check: u32) -> Option<Self> {
        (project < Self::PROJECTS).then_some(Owner((project << 8) | (check & 0xFF)))
    }

    fn project(self) -> u32 {
        self.0 >> 8
    }

    fn check(self) -> u32 {
        self.0 & 0xFF
    }
}

/// A table keyed by fingerprints, in 256 shards chosen by bits 48 to 55
/// (the table itself uses the low bits for places and the top seven as
/// tags), so that no resize copies more than a 256th of it.
#[derive(Debug)]
struct Shards<V> {
    shards: Vec<HashMap<Key, V, BuildHasherDefault<Fingerprinted>>>,
}

impl<V> Default for Shards<V> {
    fn default() -> Self {
        Shards { shards: (0..256).map(|_| HashMap::default()).collect() }
    }
}

impl<V> Shards<V> {
    fn shard(&mut self, key: u64) -> &mut HashMap<Key, V, BuildHasherDefault<Fingerprinted>> {
        let at = usize::from((key >> 48) as u8);
        &mut self.shards[at]
    }

    fn get(&mut self, key: u64) -> Option<&V> {
        self.shard(key).get(&Key::new(key))
    }

    fn insert(&mut self, key: u64, value: V) {
        self.shard(key).insert(Key::new(key), value);
    }
}

#[derive(Debug)]
struct ProgrammeEntry {
    id: Id,
    total_funding: Option<Money>,
    listed: Vec<Listed>,
}

#[derive(Debug)]
struct Listed {
    id: Id,
    document: Option<String>,
    area: CollaborativeArea,
}

/// A hasher for keys that are already hashes: passes the `u64` through.
#[derive(Debug, Default)]
struct Fingerprinted(u64);

impl Hasher for Fingerprinted {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u64` is used; fold anything else in for safety.
        for &byte in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(byte);
        }
    }
    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
}

/// Two independently seeded hashes (foldhash's quality hasher, seeded at
/// random for each index, so that no document can be written to collide).
#[derive(Debug, Default)]
struct Fingerprints {
    first: foldhash::quality::RandomState,
    second: foldhash::quality::RandomState,
}

impl Fingerprints {
    /// 96 bits of an id: 64 for the table, 32 to check a match.
    fn of(&self, id: &str) -> (u64, u32) {
        // Keeping the low 32 bits of the second hash is the intent.
        #[allow(clippy::cast_possible_truncation)]
        let check = self.second.hash_one(id) as u32;
        (self.first.hash_one(id), check)
    }

    /// A fingerprint of a whole text, every language.
    fn of_text(&self, text: &Text) -> u64 {
        self.first.hash_one(text)
    }
}

fn number(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl CrossIndex {
    /// An empty index.
    pub fn new() -> Self {
        Self::default()
    }

    /// How many documents have been added.
    pub fn len(&self) -> usize {
        self.count as usize
    }

    /// Whether no document has been added.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Adds one document: records what the rules across documents need and
    /// runs the rules that can run as documents arrive (repeated document
    /// and record ids, one name and business ID per organisation).
    pub fn add(&mut self, document: &Document) {
        let n = self.count;
        self.count = self.count.saturating_add(1);
        let key = (document.kind(), Box::from(document.id().as_str()));
        if let Some(first) = first_seen(&mut self.documents, key, n as usize) {
            self.repeats.push((n, number(first)));
            Sink::new(&mut self.duplicate_documents, Some(document.id().as_str())).emit(
                &CROSS_DUPLICATE_DOCUMENT,
                "/id",
                format!(
                    "{} id `{}` is also the id of document {} given",
                    document.kind().code(),
                    document.id(),
                    first + 1
                ),
            );
        }
        match document {
            Document::Project(project) => self.add_project(project),
            Document::Programme(programme) => self.add_programme(programme),
        }
    }

    fn add_project(&mut self, project: &Project) {
        let here = number(self.projects.len());
        self.project_numbers.entry(Box::from(project.id.as_str())).or_insert(here);
        self.projects.push(ProjectEntry {
            id: Box::from(project.id.as_str()),
            programme: project.programme.clone(),
            area: project.collaborative_area,
            total_funding: project.funding.as_ref().and_then(|f| f.total),
        });

        // Record ids across projects (implementers and source documents are shared on purpose).
        // An id repeated within this project finds this project as its
        // owner and is left to `id.duplicate`; one that another project
        // owns is reported once, at its first use here.
        let mut reported: Vec<&str> = Vec::new();
        for (kind, index, id) in records(project) {
            if matches!(kind, Kind::Implementer | Kind::SourceDocument) {
                continue;
            }
            let (key, check) = self.fingerprints.of(id.as_str());
            match self.records.get(key).copied() {
                Some(owner) if owner.check() == check & 0xFF => {
                    let owner = &self.projects[owner.project() as usize].id;
                    if **owner != *project.id.as_str() && !reported.contains(&id.as_str()) {
                        reported.push(id.as_str());
                        Sink::new(&mut self.duplicate_records, Some(project.id.as_str())).emit(
                            &CROSS_DUPLICATE_RECORD,
                            format!("{}/id", pointer(kind, index)),
                            format!("{} id `{id}` is also used in project `{owner}`", kind.noun()),
                        );
                    }
                }
                // The same 64 bits but other check bits: a different id. It
                // is not indexed, so a later repeat of it goes unreported;
                // that needs billions of records to happen once.
                Some(_) => {}
                None => match Owner::new(here, check) {
                    Some(owner) => self.records.insert(key, owner),
                    None => self.records_not_compared = true,
                },
            }
        }

        // Organisations: one name and one business ID per id.
        let mut sink = Sink::new(&mut self.organisation_names, Some(project.id.as_str()));
        for (i, implementer) in project.implementers.iter().enumerate() {
            let (key, check) = self.fingerprints.of(implementer.id.as_str());
            let name = implementer.name.as_ref().map(|name| (self.fingerprints.of_text(name), name));
            match self.organisations.get(key).copied() {
                Some(first) if first.check == check => {
                    let other_project = &self.projects[first.project as usize].id;
                    // An unnamed implementer (a region only) agrees with any name.
                    if let (Some((here_print, here)), Some((there_print, there))) = (name, first.name) {
                        if here_print != there_print {
                            sink.emit(
                                &CROSS_ORGANISATION_NAME,
                                format!("/implementers/{i}/name"),
                                format!(
                                    "organisation `{}` is named \"{}\" here but \"{}\" in project `{other_project}`",
                                    implementer.id,
                                    here.best(Language::Fi),
                                    self.texts.get(there)
                                ),
                            );
                        }
                    }
                    if let (Some(a), Some(b)) = (first.business_id, &implementer.business_id) {
                        let a = self.texts.get(a);
                        if a != b.as_str() {
                            sink.emit(
                                &CROSS_BUSINESS_ID,
                                format!("/implementers/{i}/business_id"),
                                format!(
                                    "organisation `{}` has business ID {b} here but {a} in project `{other_project}`",
                                    implementer.id
                                ),
                            );
                        }
                    }
                }
                // Another id with the same 64 bits: not indexed (see `records`).
                Some(_) => {}
                None => {
                    let name = name.map(|(print, name)| (print, self.texts.put(name.best(Language::Fi))));
                    let business_id = implementer.business_id.as_ref().map(|b| self.texts.put(b.as_str()));
                    self.organisations.insert(key, Organisation { project: here, check, name, business_id });
                }
            }
            if let Some(business_id) = &implementer.business_id {
                let (key, check) = self.fingerprints.of(business_id.as_str());
                match self.business_ids.get(key).copied() {
                    Some(first) if first.check == check => {
                        let other_id = self.texts.get(first.organisation);
                        if other_id != implementer.id.as_str() {
                            sink.emit(
                                &CROSS_BUSINESS_ID,
                                format!("/implementers/{i}/business_id"),
                                format!(
                                    "business ID {business_id} belongs to organisation `{}` here but to `{other_id}` in project `{}`",
                                    implementer.id,
                                    self.projects[first.project as usize].id
                                ),
                            );
                        }
                    }
                    Some(_) => {}
                    None => {
                        let organisation = self.texts.put(implementer.id.as_str());
                        self.business_ids.insert(key, BusinessIdSeen { project: here, check, organisation });
                    }
                }
            }
        }
    }

    fn add_programme(&mut self, programme: &Programme) {
        self.programmes.push(ProgrammeEntry {
            id: programme.id.clone(),
            total_funding: programme.total_funding,
            listed: programme
                .projects
                .iter()
                .map(|p| Listed { id: p.id.clone(), document: p.document.clone(), area: p.collaborative_area })
                .collect(),
        });
    }

    /// The numbers (from 0, in the order added) of every document added
    /// with this id, of either kind; for a caller that wants to say where a
    /// diagnostic across documents comes from.
    pub fn documents_with_id(&self, id: &str) -> Vec<usize> {
        let mut numbers = Vec::new();
        for kind in [DocumentKind::Project, DocumentKind::Programme] {
            if let Some(&first) = self.documents.get(&(kind, Box::from(id))) {
                numbers.push(first);
                numbers.extend(self.repeats.iter().filter(|(_, f)| *f as usize == first).map(|(n, _)| *n as usize));
            }
        }
        numbers.sort_unstable();
        numbers
    }

    /// Runs the rules that need every document (programme listings and
    /// totals) and returns every diagnostic across documents.
    pub fn finish(mut self) -> Report {
        self.run()
    }

    /// [`CrossIndex::finish`], leaving the index for
    /// [`CrossIndex::documents_with_id`].
    pub(crate) fn run(&mut self) -> Report {
        let mut report = Report::new();
        report.merge(std::mem::take(&mut self.duplicate_documents));
        report.merge(std::mem::take(&mut self.duplicate_records));
        report.merge(std::mem::take(&mut self.organisation_names));
        let mut sink = Sink::new(&mut report, None);
        if self.records_not_compared {
            sink.not_run(
                &CROSS_DUPLICATE_RECORD,
                format!(
                    "the record ids of projects after the first {} were not compared across projects",
                    Owner::PROJECTS - 1
                ),
            );
        }

        // Programme id → the first programme with it, and each programme's
        // listing by project id (the first entry for an id).
        let mut programmes: HashMap<&str, usize> = HashMap::new();
        for (at, programme) in self.programmes.iter().enumerate() {
            programmes.entry(programme.id.as_str()).or_insert(at);
        }
        let listings: Vec<HashMap<&str, &Listed>> = self
            .programmes
            .iter()
            .map(|programme| {
                let mut listed = HashMap::new();
                for entry in &programme.listed {
                    listed.entry(entry.id.as_str()).or_insert(entry);
                }
                listed
            })
            .collect();

        // Programmes and their projects.
        for project in &self.projects {
            let Some(programme_id) = &project.programme else { continue };
            sink.document = Some(project.id.to_string());
            let Some(&programme) = programmes.get(programme_id.as_str()) else {
                sink.not_run(
                    &CROSS_PROJECT_NOT_LISTED,
                    format!(
                        "programme `{programme_id}` is not among the documents given, so its listing cannot be compared"
                    ),
                );
                continue;
            };
            let Some(listed) = listings.get(programme).and_then(|l| l.get(&*project.id)) else {
                sink.emit(
                    &CROSS_PROJECT_NOT_LISTED,
                    "/programme",
                    format!("project `{}` names programme `{programme_id}`, which does not list it", project.id),
                );
                continue;
            };
            if let Some(area) = project.area {
                if area != listed.area {
                    sink.emit(
                        &CROSS_PROGRAMME_MISMATCH,
                        "/collaborative_area",
                        format!(
                            "project `{}` is in the {} but programme `{programme_id}` lists it in the {}",
                            project.id,
                            area.label(Language::En),
                            listed.area.label(Language::En)
                        ),
                    );
                }
            }
        }
        for programme in &self.programmes {
            sink.document = Some(programme.id.to_string());
            for (i, listed) in programme.listed.iter().enumerate() {
                if listed.document.is_some() && !self.project_numbers.contains_key(listed.id.as_str()) {
                    sink.emit(
                        &CROSS_DOCUMENT_MISSING,
                        format!("/projects/{i}/document"),
                        format!(
                            "programme lists project `{}` with document {}, but no project document with that id was given",
                            listed.id,
                            listed.document.as_deref().unwrap_or_default()
                        ),
                    );
                }
            }
            self.check_programme_totals(programme, &mut sink);
        }
        report
    }

    fn check_programme_totals(&self, programme: &ProgrammeEntry, sink: &mut Sink<'_>) {
        let Some(total) = programme.total_funding else { return };
        let mut missing = Vec::new();
        let mut sum = 0u64;
        let mut all_exact = total.exactness == Exactness::Exact;
        for listed in &programme.listed {
            let project = self.project_numbers.get(listed.id.as_str()).map(|&n| &self.projects[n as usize]);
            match project.and_then(|p| p.total_funding) {
                Some(money) => {
                    sum = sum.saturating_add(money.euros.cents());
                    all_exact &= money.exactness == Exactness::Exact;
                }
                None => missing.push(format!("`{}`", listed.id)),
            }
        }
        if !missing.is_empty() {
            sink.not_run(
                &CROSS_PROGRAMME_TOTALS,
                format!(
                    "no total funding is known for project(s) {}, so the programme total cannot be compared",
                    missing.join(", ")
                ),
            );
            return;
        }
        let stated = total.euros.cents();
        let consistent = if all_exact { sum == stated } else { sum.abs_diff(stated) <= stated / 10 };
        if !consistent {
            sink.emit(
                &CROSS_PROGRAMME_TOTALS,
                "/total_funding",
                format!(
                    "the projects' total funding adds up to {} but the programme states {}{}; difference {}",
                    crate::Euros::from_cents(sum),
                    if all_exact { "" } else { "about " },
                    total.euros,
                    crate::Euros::from_cents(sum.abs_diff(stated))
                ),
            );
        }
    }
}

pub(crate) fn check_documents(documents: &[Document], report: &mut Report) {
    let mut index = CrossIndex::new();
    for document in documents {
        index.add(document);
    }
    report.merge(index.finish());
}
