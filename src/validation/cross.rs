//! The rules across documents given together, from a compact index of what
//! they need, so that a corpus can be checked one document at a time.
//!
//! No rule searches per entry: lookups are hash maps or binary searches,
//! and record ids are compared by sorting them (n log n). What the index
//! keeps of a document:
//!
//! - for a project, its number among the documents, id, programme,
//!   collaborative area and total funding, as a record of 83 bytes in a
//!   log: in memory up to 256 KiB and beyond that in a temporary file, read
//!   back by number (for a message) or in order (see `projects` and
//!   `log`); a programme is kept in memory, with its listing;
//! - when the index is finished, and not before: a table of every document
//!   by a 96-bit fingerprint of its kind and id (16 bytes a document),
//!   built once the record ids are compared and their memory freed; it
//!   finds repeated documents and a listed project's number;
//! - every use of a record id, in memory up to 2.5 MiB and beyond that sorted
//!   into temporary files, merged when the index is finished (see
//!   `record_ids` and `sorted`): memory for record ids does not grow with
//!   the corpus; nor, likewise, for the records of shared outputs (up to
//!   512 KiB in memory, see `links`) and the state-grant shares projects
//!   state (up to 256 KiB, then written in order to a temporary file, see
//!   `log`);
//! - each organisation once, under a fingerprint of its id: its first name
//!   and business ID as text in one shared buffer (for the messages), a
//!   fingerprint of the whole name (to compare), and its project's id; each
//!   business ID once, with the organisation's and the project's ids as
//!   text;
//! - a programme's listing: project ids, `document` and collaborative area,
//!   with the entries sorted by id to find one (about 12 bytes an entry, its
//!   id and its `document`; see `crate::listing`, which also reads a large
//!   programme entry by entry).
//!
//! Two different ids share a 96-bit fingerprint with a probability of
//! about n² / 2⁹⁷, below 10⁻¹⁶ for the six million records of 100 000
//! projects. The fingerprint tables are split in 256 shards (or buckets)
//! so that growing one never holds two copies of the whole table in memory.

mod organisations;

use std::collections::HashMap;

use super::arena::{Arena, Span};
use super::digest::ProjectDigest;
use super::log::Log;
use super::projects::{At, Documents, ProjectFact};
use super::record_ids::RecordIds;
use super::references::pointer;
use super::rules::*;
use super::{Report, Sink};
use crate::fingerprint::{Fingerprints, Shards};
use crate::listing::Listing;
use crate::{Document, DocumentKind, Exactness, Id, Language, Money, Programme};

/// What the rules across documents need to know, added one document at a
/// time; [`CrossIndex::finish`] runs the rules that need every document.
///
/// A caller can drop each document once it is added. The index keeps each
/// organisation once and about 12 bytes (and the id) for each project a
/// programme lists. What it needs of each project (its id, programme, area
/// and total funding) is kept in memory up to 256 KiB; record ids, the bulk
/// of what the rules need, up to 2.5 MiB, and the records of shared outputs
/// up to 512 KiB. Beyond that they go to unnamed temporary files in the
/// system's temporary directory (`TMPDIR` on Unix), removed when the index
/// is dropped, and are read back by [`CrossIndex::finish`], which then
/// builds a table of every document (16 bytes each) once the record ids'
/// memory is freed. If a file of record ids cannot be written,
/// `cross.duplicate_record` (or `cross.shared_output_mismatch`) is reported
/// as not run, with the reason, and the other rules still run. The
/// projects' facts and the state-grant shares projects state stay in memory
/// if their file cannot be written; if it cannot be read back, the rules
/// that need it are reported as failed.
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
    /// What the rules need of each project, on disk past its budget.
    projects: Log<ProjectFact>,
    /// Every document by a fingerprint of its kind and id, built by
    /// [`CrossIndex::finish`]; `Err` if the projects could not be read back.
    documents: Option<Result<Documents, String>>,
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
    organisation_names: Report,
    /// What the rules on schema 1.2's links need.
    links: super::links::Links,
}

/// An organisation as first seen.
#[derive(Debug, Clone, Copy)]
struct Organisation {
    /// The id of the project it was first seen in.
    project: Span,
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
    /// The id of the project it was first seen in.
    project: Span,
    check: u32,
    organisation: Span,
}

#[derive(Debug)]
struct ProgrammeEntry {
    /// Its number among the documents given.
    document: u32,
    id: Id,
    total_funding: Option<Money>,
    listing: Listing,
}

/// The most projects a message names; it counts the rest.
const NAMED: usize = 10;

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
    /// runs the rules that can run as documents arrive (one name and
    /// business ID per organisation). Repeated document ids and record ids
    /// are found by [`CrossIndex::finish`].
    pub fn add(&mut self, document: &Document) {
        let number = self.add_document();
        match document {
            Document::Project(project) => self.add_project(&mut ProjectDigest::of(project, &self.fingerprints), number),
            Document::Programme(programme) => self.add_programme(programme, number, Listing::of(programme)),
        }
    }

    /// Adds a programme read entry by entry: `programme` without its
    /// `projects`, and `listing` of them (see [`crate::listing`]).
    pub(crate) fn add_listed_programme(&mut self, programme: &Programme, listing: Listing) {
        let number = self.add_document();
        self.add_programme(programme, number, listing);
    }

    /// Counts a document; its number among the documents given.
    fn add_document(&mut self) -> u32 {
        self.documents = None;
        let n = self.count;
        self.count = self.count.saturating_add(1);
        n
    }

    /// Adds a project digested where it was parsed (see
    /// [`super::digest`]), as [`CrossIndex::add`] adds a project document.
    /// What the index keeps is taken out of `digest`, whose buffers are left
    /// for the caller to drop (on the thread that made them).
    pub(crate) fn add_digest(&mut self, digest: &mut ProjectDigest) {
        let number = self.add_document();
        self.add_project(digest, number);
    }

    /// Frees the memory of what goes to disk in the end anyway: the record
    /// ids' uses held, when earlier ones are on disk already. Called before
    /// a long programme is read, so that its listing is not in memory
    /// beside them.
    pub(crate) fn write_out(&mut self) {
        self.records.write_out();
    }

    /// An index keeping about `budget` bytes of record ids in memory.
    #[cfg(test)]
    pub(crate) fn with_record_budget(budget: usize) -> Self {
        CrossIndex { records: RecordIds::with_budget(budget), ..CrossIndex::new() }
    }

    /// The bytes the record ids' buffers hold.
    #[cfg(test)]
    pub(crate) fn records_buffered(&self) -> usize {
        self.records.buffered()
    }

    /// The fingerprints the index compares ids by, for
    /// [`ProjectDigest::of`].
    pub(crate) fn fingerprints(&self) -> &Fingerprints {
        &self.fingerprints
    }

    fn add_project(&mut self, project: &mut ProjectDigest, document: u32) {
        let here = u32::try_from(self.projects.len()).unwrap_or(u32::MAX);
        let programme = project.programme.as_ref().map(|id| match self.programme_numbers.get(id) {
            Some(&at) => at,
            None => {
                let at = number(self.programme_names.len());
                self.programme_names.push(id.clone());
                self.programme_numbers.insert(id.clone(), at);
                at
            }
        });
        self.links.add_project(&mut project.links, here, programme);
        let id = project.id();
        self.projects.push(ProjectFact::new(document, id, programme, project.area, project.funding));

        // Record ids across projects, compared when the index is finished.
        for record in &project.records {
            self.records.add(record.print, here, record.kind, record.index, project.text(record.id));
        }

        self.add_organisations(project);
    }

    fn add_programme(&mut self, programme: &Programme, document: u32, mut listing: Listing) {
        self.links.add_programme(programme);
        listing.index();
        self.programmes.push(ProgrammeEntry {
            document,
            id: programme.id.clone(),
            total_funding: programme.total_funding,
            listing,
        });
    }

    /// The numbers (from 0, in the order added) of every document added
    /// with this id, of either kind; for a caller that wants to say where a
    /// diagnostic across documents comes from.
    ///
    /// After [`CrossIndex::finish`] this is a lookup; before, it reads what
    /// the index keeps of every project. Projects that the index can no
    /// longer read back (its temporary file failed) are not among the
    /// numbers.
    pub fn documents_with_id(&self, id: &str) -> Vec<usize> {
        let mut numbers = Vec::new();
        if let Some(Ok(documents)) = &self.documents {
            for kind in [DocumentKind::Project, DocumentKind::Programme] {
                numbers.extend(documents.numbers(&self.fingerprints, kind, id));
            }
        } else {
            // What could not be read is left out, as the doc comment says.
            let _ = self.projects.scan(|_, fact| {
                if fact.id() == id {
                    numbers.push(fact.document as usize);
                }
            });
            let programmes = self.programmes.iter().filter(|programme| programme.id.as_str() == id);
            numbers.extend(programmes.map(|programme| programme.document as usize));
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
        // The record ids first: the table of documents is built once their
        // buffers are freed.
        let records = self.check_records();
        let programmes = self.programmes.iter().map(|programme| (programme.document, programme.id.as_str()));
        let documents = Documents::new(&self.fingerprints, &self.projects, programmes);
        let documents = self.documents.insert(documents.map_err(|error| error.to_string()));
        let mut report = Report::new();
        let unread = match documents {
            Ok(documents) => {
                report.merge(duplicate_documents(documents, &self.projects, &self.programmes));
                None
            }
            Err(error) => Some(error.clone()),
        };
        report.merge(records);
        report.merge(std::mem::take(&mut self.organisation_names));
        let mut sink = Sink::new(&mut report, None);
        if let Some(error) = self.records_failed.take() {
            sink.failed(&CROSS_DUPLICATE_RECORD, format!("record ids could not be compared across projects: {error}"));
        }
        if let Some(error) = unread {
            // Without the table no rule on documents and programmes can run.
            let reason = format!("the projects given could not be read back: {error}");
            for rule in [
                &CROSS_DUPLICATE_DOCUMENT,
                &CROSS_PROJECT_NOT_LISTED,
                &CROSS_PROGRAMME_MISMATCH,
                &CROSS_DOCUMENT_MISSING,
                &CROSS_PROGRAMME_TOTALS,
                &CROSS_RELATED_PROJECT,
                &CROSS_SHARED_OUTPUT,
                &CROSS_PROGRAMME_AIM,
                &CROSS_FUNDING_RULE,
            ] {
                sink.failed(rule, reason.clone());
            }
            self.links = super::links::Links::default();
            return report;
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
        let mut absent: Vec<(u32, u32, usize)> = Vec::new();
        let mut absent_at: HashMap<u32, usize> = HashMap::new();
        let read = self.projects.scan(|number, project| {
            let Some(programme_number) = project.programme() else { return };
            let Some(programme_id) = self.programme_names.get(programme_number as usize) else { return };
            let project_id = project.id();
            sink.document = Some(project_id.to_owned());
            let Some(&programme) = programmes.get(programme_id.as_str()) else {
                match absent_at.get(&programme_number) {
                    Some(&at) => absent[at].2 += 1,
                    None => {
                        absent_at.insert(programme_number, absent.len());
                        absent.push((programme_number, u32::try_from(number).unwrap_or(u32::MAX), 1));
                    }
                }
                return;
            };
            let Some((_, listed)) = self.programmes.get(programme).and_then(|p| p.listing.find(project_id)) else {
                sink.emit(
                    &CROSS_PROJECT_NOT_LISTED,
                    "/programme",
                    format!("project `{project_id}` names programme `{programme_id}`, which does not list it"),
                );
                return;
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
        });
        if let Err(error) = read {
            sink.document = None;
            let reason = format!("the projects given could not be read back: {error}");
            sink.failed(&CROSS_PROJECT_NOT_LISTED, reason.clone());
            sink.failed(&CROSS_PROGRAMME_MISMATCH, reason);
        }
        for (programme_number, first, count) in absent {
            let programme_id = &self.programme_names[programme_number as usize];
            let first = self.project_id(first);
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
            if let Err(error) = self.check_programme_totals(programme, &mut sink) {
                let reason = format!("the projects given could not be read back: {error}");
                sink.failed(&CROSS_PROGRAMME_TOTALS, reason);
            }
        }
        // The rules on links read what the index keeps while they use up
        // their own records.
        let mut links = std::mem::take(&mut self.links);
        let known = |id: &str| {
            self.project_number(id).is_some() || self.programmes.iter().any(|p| p.listing.find(id).is_some())
        };
        let given = |id: &str| self.project_number(id).is_some();
        // Names are read back by number; the last one is kept, as a project's
        // facts tend to come together.
        let last: std::cell::RefCell<Option<(u32, String)>> = std::cell::RefCell::new(None);
        let project = |n: u32| {
            let mut last = last.borrow_mut();
            match &*last {
                Some((at, id)) if *at == n => id.clone(),
                _ => last.insert((n, self.project_id(n))).1.clone(),
            }
        };
        let programme = |n: u32| self.programme_names.get(n as usize).map_or("", Id::as_str).to_owned();
        let numbers = |id: &str| {
            self.documents
                .as_ref()
                .and_then(|d| d.as_ref().ok())
                .map_or_else(Vec::new, |d| d.projects(&self.fingerprints, id))
        };
        let names = super::links::Names { project: &project, programme: &programme, numbers: &numbers };
        links.check(&known, &given, &names, &mut sink);
        report
    }

    /// The id of project `n`, for a message: empty for a number no project
    /// has, `…` if it cannot be read back.
    fn project_id(&self, n: u32) -> String {
        match self.projects.get(u64::from(n)) {
            Ok(fact) => fact.map_or_else(String::new, |fact| fact.id().to_owned()),
            Err(_) => "…".to_owned(),
        }
    }

    /// The number of the first project with this id, once the table of
    /// documents is built.
    fn project_number(&self, id: &str) -> Option<u32> {
        self.documents.as_ref()?.as_ref().ok()?.project(&self.fingerprints, id)
    }

    /// Record ids used by more than one project, each reported once in each
    /// project after the first to use it, at its first use there. A project
    /// given twice (`cross.duplicate_document`) does not share ids with
    /// itself.
    fn check_records(&mut self) -> Report {
        let mut report = Report::new();
        match std::mem::take(&mut self.records).finish() {
            Ok(shared) => {
                // The owner's id, kept while the owner stays the same.
                let mut owner: Option<(u32, String)> = None;
                for shared in shared {
                    // Numbers read back from a temporary file: one that names no
                    // project means the file was changed under us.
                    let number = |n: u32| self.projects.get(u64::from(n)).map(|fact| fact.map(|f| f.id().to_owned()));
                    let owner_id = match &owner {
                        Some((at, id)) if *at == shared.owner => Ok(Some(id.clone())),
                        _ => number(shared.owner),
                    };
                    let (here, owner_id) = match (number(shared.project), owner_id) {
                        (Ok(Some(here)), Ok(Some(owner))) => (here, owner),
                        (Err(error), _) | (_, Err(error)) => {
                            self.records_failed = Some(error);
                            return Report::new();
                        }
                        _ => {
                            let damaged = "a temporary file of record ids is damaged";
                            self.records_failed = Some(std::io::Error::new(std::io::ErrorKind::InvalidData, damaged));
                            return Report::new();
                        }
                    };
                    owner = Some((shared.owner, owner_id.clone()));
                    let (here, owner) = (here.as_str(), owner_id.as_str());
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

    /// The programme's total against its projects'; an error if they
    /// cannot be read back.
    fn check_programme_totals(&self, programme: &ProgrammeEntry, sink: &mut Sink<'_>) -> std::io::Result<()> {
        let Some(total) = programme.total_funding else { return Ok(()) };
        // The first projects without a known total, and how many in all: a
        // programme of 100 000 projects none of which is given would
        // otherwise name them all in one line of a megabyte.
        let (mut missing, mut unknown) = (Vec::new(), 0usize);
        let mut sum = 0u64;
        let mut all_exact = total.exactness == Exactness::Exact;
        for listed in programme.listing.iter() {
            let id = listed.id;
            let project = match self.project_number(id) {
                Some(n) => self.projects.get(u64::from(n))?,
                None => None,
            };
            match project.as_ref().and_then(ProjectFact::total_funding) {
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
            return Ok(());
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
        Ok(())
    }
}

/// `cross.duplicate_document`: each document whose kind and id an earlier
/// one has, in the order given.
fn duplicate_documents(documents: &Documents, projects: &Log<ProjectFact>, programmes: &[ProgrammeEntry]) -> Report {
    let mut report = Report::new();
    for repeat in documents.repeats() {
        let (kind, id) = match repeat.at {
            At::Project(n) => {
                let id =
                    projects.get(u64::from(n)).ok().flatten().map_or_else(|| "…".to_owned(), |f| f.id().to_owned());
                (DocumentKind::Project, id)
            }
            At::Programme(n) => {
                let id = programmes.get(n as usize).map_or_else(|| "…".to_owned(), |p| p.id.to_string());
                (DocumentKind::Programme, id)
            }
        };
        let message =
            format!("{} id `{id}` is also the id of document {} given", kind.code(), u64::from(repeat.first) + 1);
        Sink::new(&mut report, Some(&id)).emit(&CROSS_DUPLICATE_DOCUMENT, "/id", message);
    }
    report
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
    use crate::Project;
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

    /// The report on [`corpus`] with the projects' facts kept up to
    /// `budget` bytes in memory; the file emptied if `lose` is set.
    fn finish_with_projects(budget: usize, lose: bool) -> (Report, Vec<usize>, Vec<usize>) {
        let dir = tempfile::tempdir().unwrap();
        let mut index = CrossIndex { projects: Log::with_budget(budget).in_dir(dir.path()), ..CrossIndex::new() };
        for document in corpus() {
            index.add(&document);
        }
        if lose {
            index.projects.lose_file();
        }
        let before = index.documents_with_id("p7");
        let report = index.run();
        (report, before, index.documents_with_id("p7"))
    }

    #[test]
    fn projects_kept_on_disk_give_the_same_report() {
        let (in_memory, before, after) = finish_with_projects(usize::MAX, false);
        // Project 7 was given twice: documents 7 and 150.
        assert_eq!((before.as_slice(), after.as_slice()), ([7, 150].as_slice(), [7, 150].as_slice()));
        let repeated: Vec<_> =
            in_memory.diagnostics.iter().filter(|d| d.code == CROSS_DUPLICATE_DOCUMENT.code).collect();
        assert_eq!(repeated.len(), 1);
        assert_eq!(repeated[0].message, "project id `p7` is also the id of document 8 given");
        for budget in [size_of::<ProjectFact>(), size_of::<ProjectFact>() * 7, 4096] {
            let (on_disk, before, after) = finish_with_projects(budget, false);
            assert_eq!(on_disk, in_memory, "budget {budget}");
            assert_eq!((before, after), (vec![7, 150], vec![7, 150]), "budget {budget}");
        }
    }

    #[test]
    fn projects_that_cannot_be_read_back_fail_the_rules_that_need_them_and_say_why() {
        let (report, _, after) = finish_with_projects(size_of::<ProjectFact>() * 7, true);
        let failed: Vec<&str> = report.not_run.iter().filter(|n| n.failed).map(|n| n.code.as_str()).collect();
        for rule in [&CROSS_DUPLICATE_DOCUMENT, &CROSS_PROJECT_NOT_LISTED, &CROSS_PROGRAMME_TOTALS] {
            assert!(failed.contains(&rule.code), "{rule:?} in {failed:?}");
        }
        assert!(report.not_run.iter().filter(|n| n.failed).all(|n| {
            n.reason.starts_with("the projects given could not be read back: could not read a temporary file back from")
                || n.code == CROSS_DUPLICATE_RECORD.code
        }));
        assert!(!report.is_complete() && !report.is_valid());
        assert!(report.diagnostics.iter().all(|d| d.code != CROSS_DUPLICATE_DOCUMENT.code));
        // What could not be read is left out.
        assert!(after.is_empty(), "{after:?}");
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
