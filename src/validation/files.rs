//! Validating files as they are read, as `childwelfare validate` does: each
//! document checked on its own (on every core), then dropped, the rules
//! across documents run from a [`CrossIndex`].

use std::num::NonZeroU32;

use rayon::prelude::*;

use super::digest::ProjectDigest;
use super::programme::ProgrammeChecks;
use super::{CrossIndex, Diagnostic, Report, Sink, validate_document};
use crate::fingerprint::Fingerprints;
use crate::listing::Listing;
use crate::load::{Files, LoadError, Loaded, Origin, Raw, Skipped, Streamed};
use crate::{Document, Programme};

/// How many bytes of documents are read, parsed and checked together (and
/// at most [`BATCH_MOST`] documents); memory holds about one batch of
/// documents a thread, the one worked on, and the digests of a batch left
/// for its turn (see [`crate::pipeline`] and [`super::digest`]). Sized by
/// bytes rather than by count, so that a batch of small documents is as
/// much work as one of large ones.
/// At 100 000 generated projects (2.7 GB), batches of 128, 256 and 512 KiB
/// took the same time on two cores, with peaks of 33.5, 34.2 and 36.4 MiB.
const BATCH_BYTES: usize = 256 << 10;

/// The most documents in a batch, however small.
const BATCH_MOST: usize = 256;

/// Everything [`validate_files`] found.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct FilesReport {
    /// The diagnostics of every document, each with its file (and line in a
    /// JSON Lines file), then those across documents. A file that cannot be
    /// read or parsed is a diagnostic here too (`parse.*`). From
    /// [`validate_files_each`], without the diagnostics, which went to its
    /// callback: count them with [`FilesReport::errors`] and
    /// [`FilesReport::warnings`].
    pub report: Report,
    /// How many diagnostics were errors, whether kept in
    /// [`FilesReport::report`] or passed on.
    pub errors: usize,
    /// How many diagnostics were warnings, likewise.
    pub warnings: usize,
    /// What was left out, and why (as [`crate::load::Loaded::Skipped`]).
    pub skipped: Vec<Skipped>,
    /// Paths given that could not be used: a file that could not be read
    /// (also a `parse.io` diagnostic) or an empty JSON Lines file given by
    /// name. A command-line tool treats these as input/output failures.
    pub unusable: Vec<LoadError>,
}

/// Validates every document in `files`, in batches of about 256 KiB, keeping only
/// the compact [`CrossIndex`] between batches, so that memory does not grow
/// with the documents' size. A programme over 1 MiB is read from its file
/// one listed project at a time, its own rules run entry by entry, with the
/// findings a programme read whole gets; it is read in its turn, once the
/// record ids that go to temporary files anyway are written out, so that
/// its listing does not take memory beside them (other batches are then
/// parsed meanwhile but added after it). The diagnostics come in the order
/// the documents were read, whatever the number of cores. The number of
/// threads is rayon's (`RAYON_NUM_THREADS`, or the pool this is called
/// in), though rayon's own pool is not started. Called outside a pool,
/// it does not ask a global pool the program built
/// (`rayon::ThreadPoolBuilder::build_global`): to choose the number in
/// code, call it inside `pool.install(…)`.
///
/// ```
/// use childwelfare::{load, validation};
///
/// let files = load::walk(&["data/"])?;
/// let found = validation::validate_files(&files);
/// assert_eq!(found.report.documents, 3);
/// assert!(found.report.is_valid());
/// # Ok::<(), load::WalkError>(())
/// ```
pub fn validate_files(files: &Files) -> FilesReport {
    let mut diagnostics = Vec::new();
    let mut found = validate_files_each(files, |diagnostic| diagnostics.push(diagnostic));
    found.report.diagnostics = diagnostics;
    found
}

/// [`validate_files`], handing each diagnostic to `each` as soon as its
/// document's batch is checked (those across documents at the end), in
/// the same order, rather than keeping them: memory stays flat however many
/// problems the documents have. The report returned holds the counts, the
/// rules that could not run and what was skipped; its `diagnostics` are
/// empty.
///
/// ```
/// use childwelfare::{load, validation};
///
/// let files = load::walk(&["data/"])?;
/// let mut lines = Vec::new();
/// let found = validation::validate_files_each(&files, |diagnostic| lines.push(diagnostic.to_string()));
/// assert_eq!((found.errors, found.warnings), (0, lines.len()));
/// assert!(found.is_valid());
/// assert!(found.report.diagnostics.is_empty());
/// # Ok::<(), load::WalkError>(())
/// ```
pub fn validate_files_each(files: &Files, mut each: impl FnMut(Diagnostic)) -> FilesReport {
    let mut state = State::default();
    // Each worker reads a batch (in order), parses and checks it, digests
    // each project for the index and drops it, and indexes the batch in its
    // turn (in the order read), or, when the turns ahead are not yet taken,
    // leaves it to be indexed by the worker before it and goes on; either
    // way what it made comes back to it to drop (after its last batch, to
    // the calling thread): memory goes back to the thread that allocated
    // it.
    let mut documents = files.documents();
    let fingerprints = state.index.fingerprints().clone();
    crate::pipeline::in_order(
        crate::pipeline::threads(),
        || Some(documents.raw_batch_of_bytes(BATCH_BYTES, BATCH_MOST)).filter(|raw| !raw.is_empty()),
        &mut state,
        |raw, turn| {
            turn.add(check(raw, &fingerprints), |state, checked, each| state.take(checked, each));
        },
        &mut each,
    );
    state.finish(&mut each)
}

/// [`validate_files_each`] for documents already loaded (with
/// [`load::from_bytes`](crate::load::from_bytes), say): each checked on its
/// own, a document that could not be loaded a diagnostic with its place,
/// then the rules across documents.
///
/// ```
/// use childwelfare::{load, validation};
///
/// let mut loaded = load::from_bytes("lumo.json", childwelfare::data::LUMO_JSON.as_bytes(), false);
/// loaded.extend(load::from_bytes("broken.json", b"{", false));
/// let mut found = Vec::new();
/// let report = validation::validate_loaded(loaded, |diagnostic| found.push(diagnostic));
/// assert_eq!(report.report.documents, 2);
/// assert!(found.iter().any(|d| d.file.as_deref() == Some("broken.json") && d.line == Some(1)));
/// assert!(!report.is_valid());
/// ```
pub fn validate_loaded(loaded: impl IntoIterator<Item = Loaded>, mut each: impl FnMut(Diagnostic)) -> FilesReport {
    let mut state = State::default();
    let fingerprints = state.index.fingerprints().clone();
    let mut loaded = loaded.into_iter().peekable();
    while loaded.peek().is_some() {
        let batch: Vec<Loaded> = loaded.by_ref().take(BATCH_MOST).collect();
        let checked: Vec<Checked> = batch.into_par_iter().map(|loaded| checked(loaded, &fingerprints)).collect();
        drop(state.take(checked, &mut each));
    }
    state.finish(&mut each)
}

/// A document read and checked on its own.
enum Checked {
    /// A project: its origin, its own report, and what the index needs of
    /// it; the document itself was dropped where it was parsed.
    Project(Origin, Report, ProjectDigest),
    /// A programme, or what was skipped or could not be read.
    Read(Loaded, Option<Report>),
    /// A programme read entry by entry: without its `projects`, their
    /// listing, and its own report.
    Listed(Box<Programme>, Listing, Origin, Report),
    /// A programme too long to read whole, not yet read: it is read entry
    /// by entry in its turn, once the index has written out what it would
    /// write at the end anyway ([`CrossIndex::write_out`]), so that the
    /// programme's listing is not in memory beside it. At 100 000 projects
    /// the listing takes about 1.7 MB, the record ids held 2.5 MiB.
    InTurn(Raw),
}

/// Parses and checks a batch, keeping its order; a long programme is left
/// for the batch's turn.
fn check(raw: Vec<Raw>, fingerprints: &Fingerprints) -> Vec<Checked> {
    raw.into_iter()
        .map(|raw| if raw.is_long_programme() { Checked::InTurn(raw) } else { check_one(raw, fingerprints) })
        .collect()
}

/// Parses and checks a document, a long programme entry by entry.
fn check_one(raw: Raw, fingerprints: &Fingerprints) -> Checked {
    match raw.stream(ProgrammeChecks::default()) {
        Streamed::Programme(programme, checks, origin) => {
            let mut report = Report { documents: 1, ..Report::new() };
            let listing = checks.finish(&programme, &mut Sink::new(&mut report, Some(programme.id.as_str())));
            Checked::Listed(programme, listing, origin, report)
        }
        Streamed::Other(loaded) => checked(loaded, fingerprints),
    }
}

/// Checks a document read whole on its own, and digests a project (see
/// [`super::digest`]), which is dropped here, on the thread that parsed it.
fn checked(loaded: Loaded, fingerprints: &Fingerprints) -> Checked {
    match loaded {
        Loaded::Document(document, origin) => {
            let report = validate_document(&document);
            match &*document {
                Document::Project(project) => {
                    Checked::Project(origin, report, ProjectDigest::of(project, fingerprints))
                }
                Document::Programme(_) => Checked::Read(Loaded::Document(document, origin), Some(report)),
            }
        }
        other => Checked::Read(other, None),
    }
}

impl std::fmt::Display for FilesReport {
    /// The report in text, as [`Report`]'s, counting the diagnostics that
    /// were passed on as well as those kept.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for diagnostic in &self.report.diagnostics {
            writeln!(f, "{diagnostic}")?;
        }
        super::report::write_ending(f, &self.report, self.errors, self.warnings)
    }
}

impl FilesReport {
    /// Whether no diagnostic was an error and every rule could run (as
    /// [`Report::is_valid`], counting the diagnostics passed on too).
    pub fn is_valid(&self) -> bool {
        self.errors == 0 && self.report.is_complete()
    }
}

/// What is left of a batch once indexed: its programmes, and the digests
/// of its projects, emptied of what the index took.
#[derive(Default)]
struct Spent {
    documents: Vec<Document>,
    digests: Vec<ProjectDigest>,
}

/// What is kept between batches.
#[derive(Default)]
struct State {
    found: FilesReport,
    index: CrossIndex,
    /// Where each document indexed came from: (file, line), file names
    /// kept once per file.
    names: Vec<String>,
    places: Places,
}

/// Where a document came from: its file, a number in `State::names`, and
/// its line (none past the four billionth).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Place {
    file: u32,
    line: Option<NonZeroU32>,
}

/// The place of every document, in runs: a run is documents on consecutive
/// lines of one file (or one document of a file that is not JSON Lines), so
/// that a JSON Lines file takes a few bytes however many lines it has.
#[derive(Debug, Default)]
struct Places {
    /// Each run: the number of its first document, and its place.
    runs: Vec<(usize, Place)>,
    count: usize,
}

impl Places {
    fn push(&mut self, place: Place) {
        let follows = self.runs.last().is_some_and(|&(first, start)| {
            let next = start.line.zip(u32::try_from(self.count - first).ok()).and_then(|(line, n)| line.checked_add(n));
            start.file == place.file && next.is_some() && next == place.line
        });
        if !follows {
            self.runs.push((self.count, place));
        }
        self.count += 1;
    }

    fn get(&self, n: usize) -> Option<Place> {
        if n >= self.count {
            return None;
        }
        let run = self.runs.partition_point(|&(first, _)| first <= n).checked_sub(1)?;
        let (first, start) = self.runs[run];
        let line = start.line.and_then(|line| line.checked_add(u32::try_from(n - first).ok()?));
        Some(Place { file: start.file, line })
    }
}

impl State {
    /// Counts a diagnostic and passes it on to `each`.
    fn emit(&mut self, diagnostic: Diagnostic, each: &mut dyn FnMut(Diagnostic)) {
        match diagnostic.severity {
            super::Severity::Error => self.found.errors += 1,
            _ => self.found.warnings += 1,
        }
        each(diagnostic);
    }

    /// Takes in a report's counts and notes, passing its diagnostics on.
    fn merge(&mut self, report: Report, each: &mut dyn FnMut(Diagnostic)) {
        self.found.report.documents += report.documents;
        self.found.report.not_run.extend(report.not_run);
        report.diagnostics.into_iter().for_each(|diagnostic| self.emit(diagnostic, each));
    }

    /// A document's own report, with its file and line.
    fn own(&mut self, mut own: Report, origin: &Origin, each: &mut dyn FnMut(Diagnostic)) {
        let file = origin.file.display().to_string();
        if self.names.last() != Some(&file) {
            self.names.push(file.clone());
        }
        for diagnostic in &mut own.diagnostics {
            diagnostic.file = Some(file.clone());
            diagnostic.line = origin.line;
        }
        self.merge(own, each);
        let file = u32::try_from(self.names.len() - 1).unwrap_or(u32::MAX);
        let line = origin.line.and_then(|line| u32::try_from(line).ok()).and_then(NonZeroU32::new);
        self.places.push(Place { file, line });
    }

    /// Takes a checked batch in: its diagnostics, with their places, go to
    /// `each` and its documents into the index; returns what is left of
    /// them, for the caller to drop outside its turn.
    fn take(&mut self, batch: Vec<Checked>, each: &mut dyn FnMut(Diagnostic)) -> Spent {
        let mut spent = Spent::default();
        for checked in batch {
            self.take_one(checked, &mut spent, each);
        }
        spent
    }

    /// Takes one document of a batch in, as [`State::take`]; a long
    /// programme is read here, once the index has written out what it can.
    fn take_one(&mut self, checked: Checked, spent: &mut Spent, each: &mut dyn FnMut(Diagnostic)) {
        let (loaded, own) = match checked {
            Checked::InTurn(raw) => {
                self.index.write_out();
                let checked = check_one(raw, self.index.fingerprints());
                return self.take_one(checked, spent, each);
            }
            Checked::Project(origin, own, mut digest) => {
                self.own(own, &origin, each);
                self.index.add_digest(&mut digest);
                spent.digests.push(digest);
                return;
            }
            Checked::Listed(programme, listing, origin, own) => {
                self.own(own, &origin, each);
                self.index.add_listed_programme(&programme, listing);
                spent.documents.push(Document::Programme(programme));
                return;
            }
            Checked::Read(loaded, own) => (loaded, own),
        };
        match loaded {
            Loaded::Document(document, origin) => {
                self.own(own.unwrap_or_default(), &origin, each);
                self.index.add(&document);
                spent.documents.push(*document);
            }
            Loaded::Skipped(skipped) => self.found.skipped.push(skipped),
            Loaded::Failed(LoadError::Parse { origin, source }) => {
                self.found.report.documents += 1;
                let file = origin.file.display().to_string();
                for mut diagnostic in Diagnostic::from_parse_problems(&source, Some(&file)) {
                    if origin.line.is_some() {
                        diagnostic.line = origin.line;
                    }
                    self.emit(diagnostic, each);
                }
            }
            Loaded::Failed(error @ LoadError::Read { .. }) => {
                if let LoadError::Read { origin, source } = &error {
                    self.found.report.documents += 1;
                    self.emit(Diagnostic::from_io_error(source, &origin.to_string()), each);
                }
                self.found.unusable.push(error);
            }
            Loaded::Failed(error) => self.found.unusable.push(error),
        }
    }

    fn finish(mut self, each: &mut dyn FnMut(Diagnostic)) -> FilesReport {
        // The rules across documents run on a thread of their own, which
        // takes one of the workers' heaps, freed as they ended: the table of
        // documents is then made in what the record ids freed there, rather
        // than in new memory on the calling thread's heap (about 1 MiB at
        // 100 000 projects). Where no thread can be started, they run here.
        let index = &mut self.index;
        let across = std::thread::scope(|scope| {
            let spawned = std::thread::Builder::new().spawn_scoped(scope, || index.run());
            spawned.map(|handle| handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
        });
        let mut across = across.unwrap_or_else(|_| self.index.run());
        let (names, places) = (&self.names, &self.places);
        // Each diagnostic across documents gets the place of its document, or
        // every place when several documents share the id.
        for diagnostic in &mut across.diagnostics {
            let Some(id) = &diagnostic.document else { continue };
            let at: Vec<Place> = self.index.documents_with_id(id).into_iter().filter_map(|n| places.get(n)).collect();
            let line = |place: Place| place.line.map(|line| line.get() as usize);
            match at.as_slice() {
                [place] => {
                    diagnostic.file = names.get(place.file as usize).cloned();
                    diagnostic.line = line(*place);
                }
                [] => {}
                many => {
                    let labels: Vec<String> = many
                        .iter()
                        .filter_map(|&place| {
                            let name = names.get(place.file as usize)?;
                            Some(line(place).map_or_else(|| name.clone(), |line| format!("{name}:{line}")))
                        })
                        .collect();
                    diagnostic.file = Some(labels.join(", "));
                }
            }
        }
        self.merge(across, each);
        self.found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Generator;

    /// A programme too long to read whole is left for its batch's turn,
    /// where the record ids already on disk first free their buffers; the
    /// findings are those of a run that keeps every record id in memory.
    #[test]
    fn a_long_programme_is_read_in_its_turn_once_the_record_ids_are_written_out() {
        let generator = Generator::new(5);
        let mut programme = generator.programme(20);
        let template = programme.projects[0].clone();
        for k in 0.. {
            if k % 500 == 0 && serde_json::to_string(&programme).unwrap().len() > 1 << 20 {
                break;
            }
            let mut entry = template.clone();
            entry.id = crate::Id::new(format!("listed-only-{k}")).unwrap();
            entry.document = Some(format!("projects/listed-only-{k}.json"));
            programme.projects.push(entry);
        }
        let mut projects: Vec<crate::Project> = (0..20).map(|i| generator.project(i)).collect();
        projects[17].events[1].id = projects[3].events[0].id.clone();
        let mut lines: Vec<String> =
            projects.into_iter().map(|p| serde_json::to_string(&Document::from(p)).unwrap()).collect();
        lines.push(serde_json::to_string(&Document::from(programme)).unwrap());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("corpus.jsonl");
        std::fs::write(&path, lines.join("\n")).unwrap();
        let files = crate::load::walk(&[&path]).unwrap();
        let expected = validate_files(&files);
        let codes: Vec<&str> = expected.report.diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert!(codes.contains(&"cross.duplicate_record") && codes.contains(&"cross.document_missing"), "{codes:?}");

        // A budget of about 100 uses: runs are on disk from the first batch.
        let mut state = State { index: CrossIndex::with_record_budget(4096), ..State::default() };
        let fingerprints = state.index.fingerprints().clone();
        let mut documents = files.documents();
        let mut diagnostics = Vec::new();
        let mut in_turn = 0;
        loop {
            let raw = documents.raw_batch_of_bytes(BATCH_BYTES, BATCH_MOST);
            if raw.is_empty() {
                break;
            }
            let checked = check(raw, &fingerprints);
            let long = checked.iter().filter(|c| matches!(c, Checked::InTurn(_))).count();
            let held = state.index.records_buffered();
            drop(state.take(checked, &mut |d| diagnostics.push(d)));
            if long > 0 {
                assert!(held > 0);
                assert_eq!(state.index.records_buffered(), 0);
            }
            in_turn += long;
        }
        assert_eq!(in_turn, 1);
        let found = state.finish(&mut |d| diagnostics.push(d));
        assert_eq!(diagnostics, expected.report.diagnostics);
        assert_eq!((found.errors, found.warnings, found.report.documents), (expected.errors, expected.warnings, 21));
    }

    #[test]
    fn places_in_runs_give_back_every_place_pushed() {
        let line = |n: u32| NonZeroU32::new(n);
        let pushed = [
            Place { file: 0, line: line(1) },
            Place { file: 0, line: line(2) },
            Place { file: 0, line: line(3) },
            Place { file: 0, line: line(5) }, // after a blank line
            Place { file: 1, line: None },
            Place { file: 2, line: None },
            Place { file: 3, line: line(6) }, // another file at the next line number
            Place { file: 3, line: line(u32::MAX) },
            Place { file: 3, line: None }, // past the four billionth line
        ];
        let mut places = Places::default();
        pushed.iter().for_each(|&place| places.push(place));
        assert_eq!(places.runs.len(), 7);
        let got: Vec<Option<Place>> = (0..=pushed.len()).map(|n| places.get(n)).collect();
        let expected: Vec<Option<Place>> = pushed.iter().copied().map(Some).chain([None]).collect();
        assert_eq!(got, expected);
    }
}
