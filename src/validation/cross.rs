//! The rules across documents given together, from a compact index of what
//! they need, so that a corpus can be checked one document at a time.
//!
//! No rule searches per entry: lookups are hash maps, and record ids are
//! compared by sorting them (n log n). What the index keeps of a document:
//!
//! - a 96-bit fingerprint of its kind and id, with its number (20 bytes);
//!   for a project its id as text, programme, collaborative area and total
//!   funding (24 bytes and the id);
//! - every use of a record id, in memory up to 4 MiB and beyond that sorted
//!   into temporary files, merged when the index is finished (see
//!   `record_ids` and `sorted`): memory for record ids does not grow with
//!   the corpus; nor, likewise, for the records of shared outputs (up to
//!   512 KiB in memory, see `links`) and the state-grant shares projects
//!   state (up to 256 KiB, then written in order to a temporary file, see
//!   `log`);
//! - each organisation once, under a fingerprint of its id: its first name
//!   and business ID as text in one shared buffer (for the messages), a
//!   fingerprint of the whole name (to compare), and its project; each
//!   business ID once, with the organisation's id as text;
//! - a programme's listing: project ids, `document` and collaborative area,
//!   with the entries sorted by id to find one (about 20 bytes an entry and
//!   its `document`; see `crate::listing`, which also reads a large
//!   programme entry by entry).
//!
//! Two different ids share a 96-bit fingerprint with a probability of
//! about n² / 2⁹⁷, below 10⁻¹⁶ for the six million records of 100 000
//! projects. The fingerprint tables are split in 256 shards so that growing
//! one never holds two copies of the whole table in memory.

use std::collections::HashMap;

use super::arena::{Arena, Chunks, Span};
use super::fingerprint::{Fingerprints, Shards};
use super::record_ids::RecordIds;
use super::references::{Kind, pointer, records};
use super::rules::*;
use super::{Report, Sink};
use crate::listing::Listing;
use crate::{CollaborativeArea, Document, DocumentKind, Exactness, Id, Language, Money, Programme, Project};

/// What the rules across documents need to know, added one document at a
/// time; [`CrossIndex::finish`] runs the rules that need every document.
///
/// A caller can drop each document once it is added. The index keeps
/// about 55 bytes a project (its id, programme, area and total funding, and
/// a fingerprint of its id), each organisation once, and about 20 bytes for
/// each project a programme lists. Record ids, the bulk of what the rules
/// need, are kept in memory up to 4 MiB, and the records of shared outputs
/// up to 512 KiB; beyond that they are sorted into unnamed temporary files
/// in the system's temporary directory (`TMPDIR` on Unix), removed when
/// the index is dropped, and merged by [`CrossIndex::finish`]. If such a
/// file cannot be written, `cross.duplicate_record` (or
/// `cross.shared_output_mismatch`) is reported as not run, with the reason,
/// and the other rules still run. The state-grant shares projects state are
/// kept up to 256 KiB and beyond that written in order to such a file, or
/// kept in memory if it cannot be written.
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
    /// Fingerprint of (kind, id) → the first document with them.
    documents: Shards<Seen>,
    /// Documents that repeat an earlier one's kind and id: (number, first).
    repeats: Vec<(u32, u32)>,
    projects: Chunks<ProjectEntry>,
    /// The programme ids that projects name, each once.
    programme_names: Vec<Id>,
    programme_numbers: HashMap<Id, u32>,
    programmes: Vec<ProgrammeEntry>,
    /// Every use of a record id.
    records: RecordIds,
    /// Why the record ids could not be compared, if a temporary file failed.
    records_failed: Option<std::io::Error>,
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
    organisation_names: Report,
    /// What the rules on schema 1.2's links need.
    links: super::links::Links,
}

/// What the rules need of a project, compact: its id is in the index's
/// [`Arena`], its programme a number in `programme_names`.
/// 20 bytes: the funding's cents are two `u32`s, so that the entry is
/// aligned to 4 bytes, the programme's absence is `u32::MAX`, and the id's
/// length (an id has at most 64 bytes) is a byte.
#[derive(Debug)]
struct ProjectEntry {
    id_start: u32,
    id_len: u8,
    programme: u32,
    funding_cents: [u32; 2],
    /// The exactness of the total funding; `None` when there is none.
    funding_exactness: Option<Exactness>,
    area: Option<CollaborativeArea>,
}

const _: () = assert!(std::mem::size_of::<ProjectEntry>() == 20);

impl ProjectEntry {
    fn new(id: Span, programme: Option<u32>, area: Option<CollaborativeArea>, funding: Option<Money>) -> Self {
        let cents = funding.map_or(0, |money| money.euros.cents());
        // An `Id` has at most 64 bytes; a longer text would read as `…`.
        let (id_start, id_len) = u8::try_from(id.len).map_or((0, 0), |len| (id.start, len));
        ProjectEntry {
            id_start,
            id_len,
            programme: programme.unwrap_or(u32::MAX),
            // The two halves of the cents.
            #[allow(clippy::cast_possible_truncation)]
            funding_cents: [(cents >> 32) as u32, cents as u32],
            funding_exactness: funding.map(|money| money.exactness),
            area,
        }
    }

    fn id(&self) -> Span {
        Span { start: self.id_start, len: u32::from(self.id_len) }
    }

    fn programme(&self) -> Option<u32> {
        (self.programme != u32::MAX).then_some(self.programme)
    }

    fn total_funding(&self) -> Option<Money> {
        let cents = (u64::from(self.funding_cents[0]) << 32) | u64::from(self.funding_cents[1]);
        self.funding_exactness.map(|exactness| Money { euros: crate::Euros::from_cents(cents), exactness })
    }
}

/// The first document with a kind and id: its number among the documents
/// and, for a project, among the projects.
#[derive(Debug, Clone, Copy)]
struct Seen {
    check: u32,
    document: u32,
    /// `u32::MAX` for a programme.
    project: u32,
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

#[derive(Debug)]
struct ProgrammeEntry {
    id: Id,
    total_funding: Option<Money>,
    listing: Listing,
}

/// The most projects a message names; it counts the rest.
const NAMED: usize = 10;

/// The id of project `n` of `projects`, its text in `texts`.
fn project_id<'t>(projects: &Chunks<ProjectEntry>, texts: &'t Arena, n: u32) -> &'t str {
    projects.get(n as usize).map_or("", |entry| texts.get(entry.id()))
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
    /// ids, one name and business ID per organisation). Record ids are
    /// compared by [`CrossIndex::finish`].
    pub fn add(&mut self, document: &Document) {
        self.add_document(document.kind(), document.id());
        match document {
            Document::Project(project) => self.add_project(project),
            Document::Programme(programme) => self.add_programme(programme, Listing::of(programme)),
        }
    }

    /// Adds a programme read entry by entry: `programme` without its
    /// `projects`, and `listing` of them (see [`crate::listing`]).
    pub(crate) fn add_listed_programme(&mut self, programme: &Programme, listing: Listing) {
        self.add_document(DocumentKind::Programme, &programme.id);
        self.add_programme(programme, listing);
    }

    /// Counts a document and indexes its id, reporting an id already given.
    fn add_document(&mut self, kind: DocumentKind, id: &Id) {
        let n = self.count;
        self.count = self.count.saturating_add(1);
        let (key, check) = self.fingerprints.of((kind, id.as_str()));
        match self.documents.get(key).copied() {
            Some(first) if first.check == check => {
                self.repeats.push((n, first.document));
                Sink::new(&mut self.duplicate_documents, Some(id.as_str())).emit(
                    &CROSS_DUPLICATE_DOCUMENT,
                    "/id",
                    format!(
                        "{} id `{}` is also the id of document {} given",
                        kind.code(),
                        id,
                        u64::from(first.document) + 1
                    ),
                );
            }
            // Another (kind, id) with the same 64 bits but other check bits:
            // it is not indexed, which needs billions of documents to happen.
            Some(_) => {}
            None => {
                let project = if kind == DocumentKind::Project { number(self.projects.len()) } else { u32::MAX };
                self.documents.insert(key, Seen { check, document: n, project });
            }
        }
    }

    fn add_project(&mut self, project: &Project) {
        let here = number(self.projects.len());
        let programme = project.programme.as_ref().map(|id| match self.programme_numbers.get(id) {
            Some(&at) => at,
            None => {
                let at = number(self.programme_names.len());
                self.programme_names.push(id.clone());
                self.programme_numbers.insert(id.clone(), at);
                at
            }
        });
        self.links.add_project(project, here, programme);
        let id = self.texts.put(project.id.as_str());
        let funding = project.funding.as_ref().and_then(|f| f.total);
        self.projects.push(ProjectEntry::new(id, programme, project.collaborative_area, funding));

        // Record ids across projects (implementers and source documents
        // are shared on purpose), compared when the index is finished.
        for (kind, index, id) in records(project) {
            if !matches!(kind, Kind::Implementer | Kind::SourceDocument) {
                self.records.add(self.fingerprints.of(id.as_str()), here, kind, index, id.as_str());
            }
        }

        // Organisations: one name and one business ID per id.
        let mut sink = Sink::new(&mut self.organisation_names, Some(project.id.as_str()));
        for (i, implementer) in project.implementers.iter().enumerate() {
            let (key, check) = self.fingerprints.of(implementer.id.as_str());
            let name = implementer.name.as_ref().map(|name| (self.fingerprints.of_text(name), name));
            match self.organisations.get(key).copied() {
                Some(first) if first.check == check => {
                    let other_project = project_id(&self.projects, &self.texts, first.project);
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
                // Another id with the same 64 bits: not indexed (as for documents).
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
                                    project_id(&self.projects, &self.texts, first.project)
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

    fn add_programme(&mut self, programme: &Programme, mut listing: Listing) {
        self.links.add_programme(programme);
        listing.index();
        self.programmes.push(ProgrammeEntry {
            id: programme.id.clone(),
            total_funding: programme.total_funding,
            listing,
        });
    }

    /// The numbers (from 0, in the order added) of every document added
    /// with this id, of either kind; for a caller that wants to say where a
    /// diagnostic across documents comes from.
    pub fn documents_with_id(&self, id: &str) -> Vec<usize> {
        let mut numbers = Vec::new();
        for kind in [DocumentKind::Project, DocumentKind::Programme] {
            let (key, check) = self.fingerprints.of((kind, id));
            if let Some(first) = self.documents.find(key).filter(|seen| seen.check == check) {
                numbers.push(first.document as usize);
                numbers.extend(self.repeats.iter().filter(|(_, f)| *f == first.document).map(|(n, _)| *n as usize));
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
        let records = self.check_records();
        report.merge(records);
        report.merge(std::mem::take(&mut self.organisation_names));
        let mut sink = Sink::new(&mut report, None);
        if let Some(error) = self.records_failed.take() {
            sink.failed(&CROSS_DUPLICATE_RECORD, format!("record ids could not be compared across projects: {error}"));
        }

        // Programme id → the first programme with it; each programme's
        // listing finds the first entry for a project id.
        let mut programmes: HashMap<&str, usize> = HashMap::new();
        for (at, programme) in self.programmes.iter().enumerate() {
            programmes.entry(programme.id.as_str()).or_insert(at);
        }

        // Programmes and their projects. A programme not given is one note
        // (naming its first project and how many name it), not one a
        // project: 100 000 projects of an absent programme made 100 000.
        let mut absent: Vec<(u32, usize, usize)> = Vec::new();
        let mut absent_at: HashMap<u32, usize> = HashMap::new();
        for (number, project) in self.projects.iter().enumerate() {
            let Some(programme_number) = project.programme() else { continue };
            let programme_id = &self.programme_names[programme_number as usize];
            let project_id = self.texts.get(project.id());
            sink.document = Some(project_id.to_owned());
            let Some(&programme) = programmes.get(programme_id.as_str()) else {
                match absent_at.get(&programme_number) {
                    Some(&at) => absent[at].2 += 1,
                    None => {
                        absent_at.insert(programme_number, absent.len());
                        absent.push((programme_number, number, 1));
                    }
                }
                continue;
            };
            let Some((_, listed)) = self.programmes.get(programme).and_then(|p| p.listing.find(project_id)) else {
                sink.emit(
                    &CROSS_PROJECT_NOT_LISTED,
                    "/programme",
                    format!("project `{project_id}` names programme `{programme_id}`, which does not list it"),
                );
                continue;
            };
            if let Some(area) = project.area {
                if area != listed.area {
                    sink.emit(
                        &CROSS_PROGRAMME_MISMATCH,
                        "/collaborative_area",
                        format!(
                            "project `{project_id}` is in the {} but programme `{programme_id}` lists it in the {}",
                            area.label(Language::En),
                            listed.area.label(Language::En)
                        ),
                    );
                }
            }
        }
        for (programme_number, first, count) in absent {
            let programme_id = &self.programme_names[programme_number as usize];
            let first = self.project_id(number(first));
            let reason = format!(
                "programme `{programme_id}` is not among the documents given, so its listing cannot be compared"
            );
            if count == 1 {
                sink.document = Some(first.to_owned());
                sink.not_run(&CROSS_PROJECT_NOT_LISTED, reason);
            } else {
                sink.document = None;
                sink.not_run(
                    &CROSS_PROJECT_NOT_LISTED,
                    format!("{reason} with the {count} projects that name it (the first: `{first}`)"),
                );
            }
        }
        for programme in &self.programmes {
            sink.document = Some(programme.id.to_string());
            for (i, listed) in programme.listing.iter().enumerate() {
                let id = listed.id;
                if let Some(document) = listed.document.filter(|_| self.project_number(id).is_none()) {
                    sink.emit(
                        &CROSS_DOCUMENT_MISSING,
                        format!("/projects/{i}/document"),
                        format!(
                            "programme lists project `{id}` with document {document}, but no project document with that id was given"
                        ),
                    );
                }
            }
            self.check_programme_totals(programme, &mut sink);
        }
        // The rules on links read what the index keeps while they use up
        // their own records.
        let mut links = std::mem::take(&mut self.links);
        let known = |id: &str| {
            self.project_number(id).is_some() || self.programmes.iter().any(|p| p.listing.find(id).is_some())
        };
        let given = |id: &str| self.project_number(id).is_some();
        let project = |n: u32| self.project_id(n);
        let programme = |n: u32| self.programme_names.get(n as usize).map_or("", Id::as_str);
        let names = super::links::Names { project: &project, programme: &programme };
        links.check(&known, &given, &names, &mut sink);
        report
    }

    /// The id of project `n`; empty for a number no project has.
    fn project_id(&self, n: u32) -> &str {
        project_id(&self.projects, &self.texts, n)
    }

    /// The number of the first project with this id.
    fn project_number(&self, id: &str) -> Option<u32> {
        let (key, check) = self.fingerprints.of((DocumentKind::Project, id));
        self.documents.find(key).filter(|seen| seen.check == check && seen.project != u32::MAX).map(|seen| seen.project)
    }

    /// Record ids used by more than one project, each reported once in each
    /// project after the first to use it, at its first use there. A project
    /// given twice (`cross.duplicate_document`) does not share ids with
    /// itself.
    fn check_records(&mut self) -> Report {
        let mut report = Report::new();
        match std::mem::take(&mut self.records).finish() {
            Ok(shared) => {
                for shared in shared {
                    // Numbers read back from a temporary file: one that names no
                    // project means the file was changed under us.
                    let number = |n: u32| self.projects.get(n as usize).map(|p| self.texts.get(p.id()));
                    let (Some(here), Some(owner)) = (number(shared.project), number(shared.owner)) else {
                        let damaged = "a temporary file of record ids is damaged";
                        self.records_failed = Some(std::io::Error::new(std::io::ErrorKind::InvalidData, damaged));
                        return Report::new();
                    };
                    if here == owner {
                        continue;
                    }
                    Sink::new(&mut report, Some(here)).emit(
                        &CROSS_DUPLICATE_RECORD,
                        format!("{}/id", pointer(shared.kind, shared.index as usize)),
                        format!("{} id `{}` is also used in project `{owner}`", shared.kind.noun(), shared.id),
                    );
                }
            }
            Err(error) => self.records_failed = Some(error),
        }
        report
    }

    fn check_programme_totals(&self, programme: &ProgrammeEntry, sink: &mut Sink<'_>) {
        let Some(total) = programme.total_funding else { return };
        // The first projects without a known total, and how many in all: a
        // programme of 100 000 projects none of which is given would
        // otherwise name them all in one line of a megabyte.
        let (mut missing, mut unknown) = (Vec::new(), 0usize);
        let mut sum = 0u64;
        let mut all_exact = total.exactness == Exactness::Exact;
        for listed in programme.listing.iter() {
            let id = listed.id;
            let project = self.project_number(id).and_then(|n| self.projects.get(n as usize));
            match project.and_then(ProjectEntry::total_funding) {
                Some(money) => {
                    sum = sum.saturating_add(money.euros.cents());
                    all_exact &= money.exactness == Exactness::Exact;
                }
                None => {
                    unknown += 1;
                    if missing.len() < NAMED {
                        missing.push(id);
                    }
                }
            }
        }
        if unknown > 0 {
            let named: Vec<String> = missing.iter().map(|id| format!("`{id}`")).collect();
            let projects = if unknown <= NAMED {
                format!("project(s) {}", named.join(", "))
            } else {
                let count = crate::value::thousands(unknown as u64);
                format!("{count} projects (the first {NAMED}: {})", named.join(", "))
            };
            sink.not_run(
                &CROSS_PROGRAMME_TOTALS,
                format!("no total funding is known for {projects}, so the programme total cannot be compared"),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Generator;

    /// 150 generated projects, ids shared in several ways, and their programme.
    fn corpus() -> Vec<Document> {
        let generator = Generator::new(11);
        let mut projects: Vec<Project> = (0..150).map(|i| generator.project(i)).collect();
        for (from, to) in [(3, 40), (3, 41), (40, 90), (149, 0)] {
            let (event, output) = (projects[from].events[0].id.clone(), projects[from].outputs[1].id.clone());
            projects[to].events[2].id = event.clone();
            projects[to].events[3].id = event;
            projects[to].outputs[0].id = output;
        }
        let mut documents: Vec<Document> = projects.into_iter().map(Document::from).collect();
        documents.push(documents[7].clone());
        documents.push(generator.programme(150).into());
        documents
    }

    fn event_id(project: u64, event: usize) -> String {
        Generator::new(11).project(project).events[event].id.to_string()
    }

    fn finish(budget: usize, dir: Option<&str>) -> Report {
        let mut records = RecordIds::with_budget(budget);
        if let Some(dir) = dir {
            records = records.in_dir(dir);
        }
        let mut index = CrossIndex { records, ..CrossIndex::new() };
        for document in corpus() {
            index.add(&document);
        }
        index.finish()
    }

    #[test]
    fn record_ids_sorted_on_disk_give_the_same_report() {
        let in_memory = finish(usize::MAX, None);
        let shared: Vec<_> = in_memory.diagnostics.iter().filter(|d| d.code == CROSS_DUPLICATE_RECORD.code).collect();
        // Projects 40, 41, 90 and 0 each take an event id (used twice, reported
        // once) and an output id from one other project.
        let places: Vec<_> = shared.iter().map(|d| (d.document.as_deref().unwrap(), d.pointer.as_str())).collect();
        assert_eq!(
            places,
            [
                ("p40", "/events/2/id"),
                ("p40", "/outputs/0/id"),
                ("p41", "/events/2/id"),
                ("p41", "/outputs/0/id"),
                ("p90", "/events/2/id"),
                ("p90", "/outputs/0/id"),
                ("p149", "/events/0/id"),
                ("p149", "/outputs/1/id"),
            ]
        );
        assert_eq!(shared[2].message, format!("event id `{}` is also used in project `p3`", event_id(3, 0)));
        assert_eq!(shared[4].message, format!("event id `{}` is also used in project `p40`", event_id(40, 0)));
        // Project 149 gave project 0 its ids, so project 149 is the second to
        // use them; the copy of project 7 shares its ids with no other project.
        assert!(shared[6].message.ends_with("is also used in project `p0`"), "{}", shared[6].message);
        assert!(in_memory.not_run.is_empty());

        for budget in [0, 300, 5000] {
            assert_eq!(finish(budget, None), in_memory, "budget {budget}");
        }
    }

    #[test]
    fn a_programme_total_that_cannot_be_compared_names_the_first_projects_and_counts_them_all() {
        let generator = Generator::new(11);
        let reason = |listed: u64| {
            let mut index = CrossIndex::new();
            index.add(&generator.programme(listed).into());
            let report = index.finish();
            let not_run: Vec<_> = report.not_run.iter().filter(|n| n.code == CROSS_PROGRAMME_TOTALS.code).collect();
            assert_eq!(not_run.len(), 1, "{report}");
            not_run[0].reason.clone()
        };
        assert_eq!(
            reason(3),
            "no total funding is known for project(s) `p0`, `p1`, `p2`, so the programme total cannot be compared"
        );
        let first: Vec<String> = (0..NAMED).map(|n| format!("`p{n}`")).collect();
        assert_eq!(
            reason(1_200),
            format!(
                "no total funding is known for {} projects (the first {NAMED}: {}), so the programme total cannot be compared",
                crate::value::thousands(1_200u64),
                first.join(", ")
            )
        );
    }

    #[test]
    fn record_ids_that_cannot_be_sorted_on_disk_are_not_compared_and_say_why() {
        let report = finish(0, Some("/nonexistent/childwelfare"));
        assert!(report.diagnostics.iter().all(|d| d.code != CROSS_DUPLICATE_RECORD.code));
        let not_run: Vec<_> = report.not_run.iter().filter(|n| n.code == CROSS_DUPLICATE_RECORD.code).collect();
        assert_eq!(not_run.len(), 1);
        // A failure, not a rule the documents left nothing to run on: the
        // report cannot vouch for the documents.
        assert!(not_run[0].failed);
        assert!(!report.is_complete() && !report.is_valid());
        assert!(
            not_run[0].reason.starts_with(
                "record ids could not be compared across projects: could not write a temporary file in /nonexistent/childwelfare: No such file or directory"
            ),
            "{}",
            not_run[0].reason
        );
        // The other rules across documents still run.
        assert!(report.diagnostics.iter().any(|d| d.code == CROSS_DUPLICATE_DOCUMENT.code));
    }
}
