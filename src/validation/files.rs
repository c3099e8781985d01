//! Validating files as they are read, as `childwelfare validate` does: each
//! document checked on its own (on every core), then dropped, the rules
//! across documents run from a [`CrossIndex`].

use rayon::prelude::*;

use super::{CrossIndex, Diagnostic, Report, validate_document};
use crate::load::{Files, LoadError, Loaded, Skipped};

/// How many documents are read, parsed and checked together; memory holds
/// at most three batches (one being read, one checked, one indexed).
const BATCH: usize = 64;

/// Everything [`validate_files`] found.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct FilesReport {
    /// The diagnostics of every document, each with its file (and line in a
    /// JSON Lines file), then those across documents. A file that cannot be
    /// read or parsed is a diagnostic here too (`parse.*`).
    pub report: Report,
    /// What was left out, and why (as [`crate::load::Loaded::Skipped`]).
    pub skipped: Vec<Skipped>,
    /// Paths given that could not be used: a file that could not be read
    /// (also a `parse.io` diagnostic) or an empty JSON Lines file given by
    /// name. A command-line tool treats these as input/output failures.
    pub unusable: Vec<LoadError>,
}

/// Validates every document in `files`, in batches of 64, keeping only
/// the compact [`CrossIndex`] between batches, so that memory does not grow
/// with the documents' size. The diagnostics come in the order the
/// documents were read, whatever the number of cores.
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
    let mut state = State::default();
    // A pipeline of three stages, each batch one stage further at each
    // step: reading the next batch (in order, one thread), parsing and
    // checking this one (every core), and indexing the one before (in
    // order); the three run at the same time.
    let mut documents = files.documents();
    let mut raw = documents.raw_batch(BATCH);
    let mut checked: Vec<(Loaded, Option<Report>)> = Vec::new();
    while !raw.is_empty() || !checked.is_empty() {
        let (current, previous) = (std::mem::take(&mut raw), std::mem::take(&mut checked));
        let ((next, now_checked), ()) =
            rayon::join(|| rayon::join(|| documents.raw_batch(BATCH), || check(current)), || state.take(previous));
        (raw, checked) = (next, now_checked);
    }
    state.finish()
}

/// Parses and checks a batch on every core, keeping its order.
fn check(raw: Vec<crate::load::Raw>) -> Vec<(Loaded, Option<Report>)> {
    raw.into_par_iter()
        .map(|raw| {
            let loaded = raw.parse();
            let report = match &loaded {
                Loaded::Document(document, _) => Some(validate_document(document)),
                _ => None,
            };
            (loaded, report)
        })
        .collect()
}

/// What is kept between batches.
#[derive(Default)]
struct State {
    found: FilesReport,
    index: CrossIndex,
    /// Where each document indexed came from: (file, line), file names
    /// kept once per file.
    names: Vec<String>,
    places: Vec<(usize, Option<usize>)>,
}

impl State {
    /// Takes a checked batch in: its diagnostics with their places, its
    /// documents into the index (and then dropped).
    fn take(&mut self, batch: Vec<(Loaded, Option<Report>)>) {
        let found = &mut self.found;
        for (loaded, own) in batch {
            match loaded {
                Loaded::Document(document, origin) => {
                    let file = origin.file.display().to_string();
                    if self.names.last() != Some(&file) {
                        self.names.push(file.clone());
                    }
                    let mut own = own.unwrap_or_default();
                    for diagnostic in &mut own.diagnostics {
                        diagnostic.file = Some(file.clone());
                        diagnostic.line = origin.line;
                    }
                    found.report.merge(own);
                    self.index.add(&document);
                    self.places.push((self.names.len() - 1, origin.line));
                }
                Loaded::Skipped(skipped) => found.skipped.push(skipped),
                Loaded::Failed(LoadError::Parse { origin, source }) => {
                    found.report.documents += 1;
                    let file = origin.file.display().to_string();
                    for mut diagnostic in Diagnostic::from_parse_problems(&source, Some(&file)) {
                        if origin.line.is_some() {
                            diagnostic.line = origin.line;
                        }
                        found.report.diagnostics.push(diagnostic);
                    }
                }
                Loaded::Failed(error @ LoadError::Read { .. }) => {
                    if let LoadError::Read { origin, source } = &error {
                        found.report.documents += 1;
                        found.report.diagnostics.push(Diagnostic::from_io_error(source, &origin.to_string()));
                    }
                    found.unusable.push(error);
                }
                Loaded::Failed(error) => found.unusable.push(error),
            }
        }
    }

    fn finish(mut self) -> FilesReport {
        let (names, places) = (&self.names, &self.places);
        // Each diagnostic across documents gets the place of its document, or
        // every place when several documents share the id.
        let mut across = self.index.run();
        for diagnostic in &mut across.diagnostics {
            let Some(id) = &diagnostic.document else { continue };
            let at: Vec<&(usize, Option<usize>)> =
                self.index.documents_with_id(id).into_iter().filter_map(|n| places.get(n)).collect();
            match at.as_slice() {
                [(file, line)] => {
                    diagnostic.file = names.get(*file).cloned();
                    diagnostic.line = *line;
                }
                [] => {}
                many => {
                    let labels: Vec<String> = many
                        .iter()
                        .filter_map(|(file, line)| {
                            let name = names.get(*file)?;
                            Some(line.map_or_else(|| name.clone(), |line| format!("{name}:{line}")))
                        })
                        .collect();
                    diagnostic.file = Some(labels.join(", "));
                }
            }
        }
        self.found.report.merge(across);
        self.found
    }
}
