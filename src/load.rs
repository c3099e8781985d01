//! Loading documents from files, folders and JSON Lines, as the
//! `childwelfare` tool does, reporting every bad document without stopping.
//!
//! Loading has two steps. [`walk`] turns the paths a user gave into the list
//! of files to read, safely: inside folders it follows no symbolic link,
//! visits no folder twice and takes only regular files named `.json`,
//! `.jsonl` or `.ndjson`, and it says what it skipped. [`Files::documents`]
//! then reads them one at a time (a JSON Lines file line by line), so that a
//! corpus never has to fit in memory at once. [`load`] does both and keeps
//! everything.
//!
//! A document over 1 MiB (a line or a file) is not kept as it is read: it
//! is read again from its file when it is parsed. That lets
//! [`validation::validate_files`](crate::validation::validate_files) and
//! [`Aggregator::add_files`](crate::aggregate::Aggregator::add_files) read a
//! programme that lists a whole registry one listed project at a time,
//! keeping only what they need of each; [`Files::documents`] and
//! [`Files::batches`] yield it whole.
//!
//! ```
//! use childwelfare::load;
//!
//! let dir = std::env::temp_dir().join(format!("childwelfare-load-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir)?;
//! std::fs::write(dir.join("lumo.json"), childwelfare::data::LUMO_JSON)?;
//! std::fs::write(dir.join("broken.json"), "{")?;
//!
//! let loaded = load::load(&[&dir])?;
//! assert_eq!(loaded.documents.len(), 1);
//! assert_eq!(loaded.documents[0].document.id(), "lumo");
//! assert_eq!(loaded.failures.len(), 1); // broken.json, with where and what
//! assert!(loaded.failures[0].to_string().starts_with(&format!("{}: line 1, column 1", dir.join("broken.json").display())));
//! # std::fs::remove_dir_all(&dir)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::{Document, ParseError, Programme};

mod lines;
mod memory;
mod paths;
mod progress;

use lines::next_line;

pub use memory::from_bytes;
pub use paths::{SkipReason, Skipped, WalkError, walk};
pub use progress::Progress;

/// A document longer than this (a JSON Lines line or a file) is not kept
/// in memory as it is read: it is read again from its file when parsed, and
/// a programme can then be read entry by entry ([`Raw::stream`]).
const LONG: u64 = 1 << 20;

/// The largest document read unless another limit is set
/// ([`Files::with_document_limit`]): 1 GiB, fifty times a programme that
/// lists 100 000 projects. A larger file, or a JSON Lines line longer than
/// this, is refused with a [`LoadError::Read`] of kind
/// [`std::io::ErrorKind::FileTooLarge`] rather than read into memory.
pub const DOCUMENT_LIMIT: u64 = 1 << 30;

/// Whether a file name has a document extension: `.json`, `.jsonl` or `.ndjson`.
pub fn is_document_file(path: &Path) -> bool {
    matches!(extension(path), Some("json" | "jsonl" | "ndjson"))
}

/// Whether a file holds one document per line: `.jsonl` or `.ndjson`.
pub fn is_lines_file(path: &Path) -> bool {
    matches!(extension(path), Some("jsonl" | "ndjson"))
}

fn extension(path: &Path) -> Option<&str> {
    path.extension().and_then(|e| e.to_str())
}

/// Where a document came from: its file and, in a JSON Lines file, its line.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Origin {
    /// The file, as given or as found in a folder given.
    pub file: PathBuf,
    /// The line (from 1) in a JSON Lines file.
    pub line: Option<usize>,
    /// Whether the file was found in a folder rather than given explicitly.
    pub found_in_folder: bool,
}

impl fmt::Display for Origin {
    /// `data/lumo.json`, or `corpus.jsonl:12` for a line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}", self.file.display()),
            None => write!(f, "{}", self.file.display()),
        }
    }
}

/// A document that could not be loaded: its file could not be read, it is
/// not a document, or a JSON Lines file given holds none.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    /// Reading the file failed.
    #[error("{origin}: cannot read: {source}")]
    Read {
        /// The file.
        origin: Origin,
        /// The I/O error.
        source: Arc<std::io::Error>,
    },
    /// The text is not a valid document.
    #[error("{origin}: {source}")]
    Parse {
        /// The file and line.
        origin: Origin,
        /// What and where in the document.
        source: ParseError,
    },
    /// A JSON Lines file given explicitly holds no document.
    #[error("{origin}: no documents in the file (every line is empty)")]
    Empty {
        /// The file.
        origin: Origin,
    },
}

impl LoadError {
    /// Where the problem is.
    pub fn origin(&self) -> &Origin {
        match self {
            LoadError::Read { origin, .. } | LoadError::Parse { origin, .. } | LoadError::Empty { origin } => origin,
        }
    }
}

/// The files to read, in order, and what the walk skipped.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Files {
    /// Each file, and whether it was found in a folder (`true`) or given.
    pub files: Vec<(PathBuf, bool)>,
    /// What was left out, and why.
    pub skipped: Vec<Skipped>,
    /// The largest document read; [`DOCUMENT_LIMIT`] when `None`.
    limit: Option<u64>,
    /// Told how many documents have been read.
    progress: Option<Progress>,
}

/// One result of reading: a document, a file skipped, or a failure.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Loaded {
    /// A document, and where it came from.
    Document(Box<Document>, Origin),
    /// JSON found in a folder that is not a document; see [`SkipReason::NotADocument`].
    Skipped(Skipped),
    /// A document that could not be loaded.
    Failed(LoadError),
}

impl Files {
    /// Reads the files one at a time (a JSON Lines file one line at a
    /// time), yielding each document, skip and failure in order.
    pub fn documents(&self) -> Documents<'_> {
        let limit = self.limit.unwrap_or(DOCUMENT_LIMIT);
        let progress = self.progress.clone();
        Documents { files: self.files.iter(), lines: None, pending: Vec::new(), limit, progress, read: 0 }
    }

    /// Tells `progress` how many documents have been read after each one,
    /// whoever reads them ([`Files::documents`], [`Files::batches`],
    /// [`validation::validate_files`](crate::validation::validate_files),
    /// [`Aggregator::add_files`](crate::aggregate::Aggregator::add_files)):
    /// for a progress line on a long run.
    ///
    /// ```
    /// use std::sync::atomic::{AtomicU64, Ordering};
    /// use std::sync::Arc;
    /// use childwelfare::load::{self, Progress};
    ///
    /// let read = Arc::new(AtomicU64::new(0));
    /// let seen = Arc::clone(&read);
    /// let files = load::walk(&["data/"])?.with_progress(Progress::new(move |n| seen.store(n, Ordering::Relaxed)));
    /// let documents = files.documents().count() as u64;
    /// assert_eq!(read.load(Ordering::Relaxed), documents);
    /// # Ok::<(), load::WalkError>(())
    /// ```
    #[must_use]
    pub fn with_progress(mut self, progress: Progress) -> Self {
        self.progress = Some(progress);
        self
    }

    /// Refuses documents (files, or lines of a JSON Lines file) longer
    /// than `bytes`, rather than [`DOCUMENT_LIMIT`]; each is a
    /// [`LoadError::Read`] naming its size and the limit.
    ///
    /// ```
    /// use childwelfare::load::{self, Loaded, LoadError};
    ///
    /// let files = load::walk(&["data/lumo.json"])?.with_document_limit(1000);
    /// let Some(Loaded::Failed(error @ LoadError::Read { .. })) = files.documents().next() else { panic!() };
    /// assert!(error.to_string().ends_with("bytes, over the limit of 1 000 bytes for a document"), "{error}");
    /// # Ok::<(), load::WalkError>(())
    /// ```
    #[must_use]
    pub fn with_document_limit(mut self, bytes: u64) -> Self {
        self.limit = Some(bytes);
        self
    }

    /// Reads the files as [`Files::documents`] does, in batches of up to
    /// `size` documents, each batch parsed on every core (with `rayon`).
    /// The order is the order read, as with [`Files::documents`]; memory
    /// holds one batch at a time. A `size` of 0 is taken as 1.
    ///
    /// ```
    /// use childwelfare::load;
    ///
    /// let files = load::walk(&["data/"])?;
    /// let one_by_one: Vec<String> = files.documents().map(|l| format!("{l:?}")).collect();
    /// let in_batches: Vec<String> = files.batches(2).flatten().map(|l| format!("{l:?}")).collect();
    /// assert_eq!(one_by_one, in_batches);
    /// # Ok::<(), load::WalkError>(())
    /// ```
    pub fn batches(&self, size: usize) -> Batches<'_> {
        Batches { documents: self.documents(), size: size.max(1) }
    }
}

/// The iterator of [`Files::documents`].
#[derive(Debug)]
pub struct Documents<'a> {
    files: std::slice::Iter<'a, (PathBuf, bool)>,
    lines: Option<Lines>,
    pending: Vec<Loaded>,
    /// The largest document read.
    limit: u64,
    /// Told how many documents have been read, `read`.
    progress: Option<Progress>,
    read: u64,
}

#[derive(Debug)]
struct Lines {
    reader: BufReader<std::fs::File>,
    origin: Origin,
    next_line: usize,
    /// Where the next line starts, in bytes from the start of the file.
    offset: u64,
    /// Whether the file is a regular file, which can be read again at an
    /// offset (a pipe cannot).
    regular: bool,
    any: bool,
    done: bool,
    /// The length of the last line, to size the next one's buffer.
    last: usize,
}

impl Iterator for Documents<'_> {
    type Item = Loaded;

    fn next(&mut self) -> Option<Loaded> {
        self.map_raw().next().map(Raw::parse)
    }
}

/// What reading gives before parsing: a document's bytes, or already a
/// result (a read failure, an empty file).
pub(crate) enum Raw {
    Bytes(Vec<u8>, Origin),
    /// A document longer than [`LONG`], not kept: where it is in its file.
    Long {
        origin: Origin,
        offset: u64,
        len: u64,
    },
    Done(Loaded),
}

/// What [`Raw::stream`] gives: a programme read entry by entry, or any
/// other result of reading, as [`Raw::parse`] gives it.
pub(crate) enum Streamed<C> {
    /// The programme without its `projects`, which went to the collector.
    Programme(Box<Programme>, C, Origin),
    Other(Loaded),
}

impl Raw {
    /// About how much work the document is to parse, in bytes.
    fn weight(&self) -> usize {
        match self {
            Raw::Bytes(bytes, _) => bytes.len(),
            Raw::Long { .. } => usize::try_from(LONG).unwrap_or(usize::MAX),
            Raw::Done(_) => 1,
        }
    }

    pub(crate) fn parse(self) -> Loaded {
        match self {
            Raw::Bytes(bytes, origin) => parse(&bytes, origin),
            Raw::Long { origin, offset, len } => match read_at(&origin.file, offset, len) {
                Ok(bytes) => parse(&bytes, origin),
                Err(error) => Loaded::Failed(LoadError::Read { origin, source: Arc::new(error) }),
            },
            Raw::Done(loaded) => loaded,
        }
    }

    /// As [`Raw::parse`], except that a long valid programme is read from
    /// its file entry by entry, each entry handed to `collector` and
    /// dropped. Anything else, a programme that is not valid included, is
    /// parsed whole as [`Raw::parse`] does, to say why.
    pub(crate) fn stream<C: crate::listing::Collect>(self, collector: C) -> Streamed<C> {
        let Raw::Long { origin, offset, len } = self else { return Streamed::Other(self.parse()) };
        if let Ok(file) = open_at(&origin.file, offset, len) {
            if let Ok((programme, collector)) = crate::listing::stream(BufReader::new(file), collector) {
                return Streamed::Programme(Box::new(programme), collector, origin);
            }
        }
        Streamed::Other(Raw::Long { origin, offset, len }.parse())
    }

    /// Whether this is a document longer than [`LONG`] that names itself a
    /// programme, read from its file only as far as its `document_type`
    /// (see [`crate::listing::is_programme`]).
    pub(crate) fn is_long_programme(&self) -> bool {
        let Raw::Long { origin, offset, len } = self else { return false };
        open_at(&origin.file, *offset, *len).is_ok_and(|file| crate::listing::is_programme(BufReader::new(file)))
    }
}

/// The `len` bytes at `offset` of the file at `path`, to read.
fn open_at(path: &Path, offset: u64, len: u64) -> std::io::Result<std::io::Take<std::fs::File>> {
    let mut file = std::fs::File::open(path)?;
    file.seek(SeekFrom::Start(offset))?;
    Ok(file.take(len))
}

/// Reads `len` bytes at `offset` of the file at `path`; an error, not an
/// abort, when memory cannot hold them.
fn read_at(path: &Path, offset: u64, len: u64) -> std::io::Result<Vec<u8>> {
    let mut file = open_at(path, offset, len)?;
    let mut bytes = Vec::new();
    usize::try_from(len).ok().and_then(|len| bytes.try_reserve_exact(len).ok()).ok_or_else(|| {
        std::io::Error::new(
            std::io::ErrorKind::OutOfMemory,
            format!("the document is {} bytes, more than memory can hold", crate::value::thousands(len)),
        )
    })?;
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The failure of a document longer than `limit`.
fn too_large(origin: Origin, len: u64, limit: u64, exact: bool) -> Loaded {
    use crate::value::thousands;
    let size = if exact { format!("{} bytes", thousands(len)) } else { format!("over {} bytes", thousands(limit)) };
    let message = format!("the document is {size}, over the limit of {} bytes for a document", thousands(limit));
    let error = std::io::Error::new(std::io::ErrorKind::FileTooLarge, message);
    Loaded::Failed(LoadError::Read { origin, source: Arc::new(error) })
}

impl Documents<'_> {
    /// Reads the next document's bytes; reading stays in order and on one
    /// thread, parsing can then go to any.
    fn next_raw(&mut self) -> Option<Raw> {
        loop {
            if let Some(item) = self.pending.pop() {
                return Some(Raw::Done(item));
            }
            if let Some(lines) = &mut self.lines {
                match next_line(lines, self.limit) {
                    Some(item) => return Some(item),
                    None => {
                        let lines = self.lines.take()?;
                        if !lines.any && !lines.origin.found_in_folder {
                            return Some(Raw::Done(Loaded::Failed(LoadError::Empty { origin: lines.origin })));
                        }
                        continue;
                    }
                }
            }
            let (path, found) = self.files.next()?;
            let origin = Origin { file: path.clone(), line: None, found_in_folder: *found };
            let file = match std::fs::File::open(path) {
                Ok(file) => file,
                Err(error) => {
                    return Some(Raw::Done(Loaded::Failed(LoadError::Read { origin, source: Arc::new(error) })));
                }
            };
            let (regular, size) = file.metadata().map_or((false, 0), |m| (m.is_file(), m.len()));
            if is_lines_file(path) {
                // Documents are tens of kilobytes a line: read in large pieces.
                let reader = BufReader::with_capacity(1 << 18, file);
                self.lines =
                    Some(Lines { reader, origin, next_line: 1, offset: 0, regular, any: false, done: false, last: 0 });
                continue;
            }
            if regular && size > self.limit {
                return Some(Raw::Done(too_large(origin, size, self.limit, true)));
            }
            if regular && size > LONG {
                return Some(Raw::Long { origin, offset: 0, len: size });
            }
            // Not a regular file (a pipe): its size is known once read, up to the limit.
            let mut bytes = Vec::new();
            if let Err(error) = BufReader::new(file).take(self.limit.saturating_add(1)).read_to_end(&mut bytes) {
                return Some(Raw::Done(Loaded::Failed(LoadError::Read { origin, source: Arc::new(error) })));
            }
            if bytes.len() as u64 > self.limit {
                return Some(Raw::Done(too_large(origin, 0, self.limit, false)));
            }
            return Some(Raw::Bytes(bytes, origin));
        }
    }
}

/// The iterator of [`Files::batches`].
#[derive(Debug)]
pub struct Batches<'a> {
    documents: Documents<'a>,
    size: usize,
}

impl Iterator for Batches<'_> {
    type Item = Vec<Loaded>;

    fn next(&mut self) -> Option<Vec<Loaded>> {
        let raw = self.documents.raw_batch(self.size);
        if raw.is_empty() {
            return None;
        }
        Some(raw.into_par_iter().map(Raw::parse).collect())
    }
}

impl<'a> Documents<'a> {
    fn map_raw(&mut self) -> impl Iterator<Item = Raw> + '_ {
        std::iter::from_fn(move || {
            let raw = self.next_raw()?;
            self.read += 1;
            if let Some(progress) = &self.progress {
                progress.tell(self.read);
            }
            Some(raw)
        })
    }

    /// Up to `size` documents' bytes, read in order, to be parsed elsewhere.
    pub(crate) fn raw_batch(&mut self, size: usize) -> Vec<Raw> {
        self.map_raw().take(size.max(1)).collect()
    }

    /// Documents' bytes, read in order, until they make `bytes` or there are
    /// `most` of them (at least one): a batch of small documents is as much
    /// work as one of large ones, and a long document (read again when
    /// parsed) counts as [`LONG`] bytes.
    pub(crate) fn raw_batch_of_bytes(&mut self, bytes: usize, most: usize) -> Vec<Raw> {
        let mut batch = Vec::new();
        let mut size = 0usize;
        while size < bytes && batch.len() < most.max(1) {
            let Some(raw) = self.map_raw().next() else { break };
            size += raw.weight();
            batch.push(raw);
        }
        batch
    }
}

/// Parses one document's bytes; JSON found in a folder that is not a
/// document is skipped rather than failed.
fn parse(bytes: &[u8], origin: Origin) -> Loaded {
    match Document::from_slice(bytes) {
        Ok(document) => Loaded::Document(Box::new(document), origin),
        Err(error) => match Document::other_json(bytes) {
            Some(other) if origin.found_in_folder && origin.line.is_none() => {
                Loaded::Skipped(Skipped { path: origin.file, reason: SkipReason::NotADocument(other) })
            }
            _ => Loaded::Failed(LoadError::Parse { origin, source: error }),
        },
    }
}

/// A document loaded, with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct LoadedDocument {
    /// The document.
    pub document: Document,
    /// Where it came from.
    pub origin: Origin,
}

/// Everything [`load`] found.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Collection {
    /// The documents, in the order read.
    pub documents: Vec<LoadedDocument>,
    /// What could not be loaded.
    pub failures: Vec<LoadError>,
    /// What was left out, and why.
    pub skipped: Vec<Skipped>,
}

impl Collection {
    /// The documents alone, for [`validation::validate_documents`](crate::validation::validate_documents)
    /// and the aggregations.
    pub fn into_documents(self) -> Vec<Document> {
        self.documents.into_iter().map(|loaded| loaded.document).collect()
    }
}

/// Walks `paths` and reads every document, keeping every failure.
///
/// # Errors
/// A [`WalkError`] as [`walk`] gives; a document that cannot be read or
/// parsed is not an error here but one of [`Collection::failures`].
pub fn load<P: AsRef<Path>>(paths: &[P]) -> Result<Collection, WalkError> {
    let files = walk(paths)?;
    let mut collection = Collection { skipped: files.skipped.clone(), ..Collection::default() };
    for loaded in files.documents() {
        match loaded {
            Loaded::Document(document, origin) => {
                collection.documents.push(LoadedDocument { document: *document, origin });
            }
            Loaded::Skipped(skipped) => collection.skipped.push(skipped),
            Loaded::Failed(error) => collection.failures.push(error),
        }
    }
    Ok(collection)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Generator;

    /// Counts the entries handed to it.
    #[derive(Default)]
    struct Count(usize);

    impl crate::listing::Collect for Count {
        fn entry(&mut self, _: crate::ProgrammeProject) {
            self.0 += 1;
        }
    }

    #[test]
    fn a_line_over_a_mebibyte_is_read_again_from_its_file_and_a_programme_entry_by_entry() {
        let generator = Generator::new(3);
        let mut programme = generator.programme(20);
        while serde_json::to_string(&programme).unwrap().len() as u64 <= LONG {
            for _ in 0..1000 {
                let mut entry = programme.projects[0].clone();
                entry.id = crate::Id::new(format!("listed-{}", programme.projects.len())).unwrap();
                programme.projects.push(entry);
            }
        }
        let listed = programme.projects.len();
        let project = serde_json::to_string(&Document::from(generator.project(0))).unwrap();
        let long = serde_json::to_string(&Document::from(programme.clone())).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("corpus.jsonl");
        let blank = " ".repeat(LONG as usize + 1);
        // A blank line and a document after as much white space, both long.
        std::fs::write(&path, format!("{project}\n{long}\n{blank}\n{blank}{project}\n{project}")).unwrap();

        let files = walk(&[&path]).unwrap();
        let raw = files.documents().raw_batch(10);
        let shapes: Vec<String> = raw
            .iter()
            .map(|raw| match raw {
                Raw::Bytes(_, origin) => format!("bytes at line {:?}", origin.line),
                Raw::Long { origin, offset, len } => format!("long at line {:?}, {offset}, {len}", origin.line),
                Raw::Done(_) => "done".to_owned(),
            })
            .collect();
        let expected_offset = project.len() + 1;
        assert_eq!(
            shapes,
            [
                "bytes at line Some(1)".to_owned(),
                format!("long at line Some(2), {expected_offset}, {}", long.len() + 1),
                format!(
                    "long at line Some(4), {}, {}",
                    expected_offset + long.len() + 1 + blank.len() + 1,
                    blank.len() + project.len() + 1
                ),
                "bytes at line Some(5)".to_owned(),
            ]
        );
        let mut raw = raw.into_iter();
        raw.next();
        match raw.next().unwrap().stream(Count::default()) {
            Streamed::Programme(head, Count(entries), origin) => {
                assert!(head.projects.is_empty());
                assert_eq!((entries, origin.line), (listed, Some(2)));
            }
            Streamed::Other(other) => panic!("not streamed: {other:?}"),
        }
        // Read whole, as any caller of `Files::documents` gets it.
        let whole: Vec<Loaded> = files.documents().collect();
        assert!(matches!(&whole[1], Loaded::Document(document, _) if **document == Document::from(programme)));
        assert!(
            matches!(&whole[2], Loaded::Document(document, origin) if document.id() == "p0" && origin.line == Some(4))
        );
        assert_eq!(whole.len(), 4);
    }
}
