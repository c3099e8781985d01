//! From the paths a user gave to the files to read: [`walk`], and what it
//! skips and why.

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{Files, is_document_file};
use crate::OtherJson;

/// Why the walk left a path out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SkipReason {
    /// A symbolic link inside a folder; links are not followed there.
    SymbolicLink,
    /// Named like a document but not a regular file (a FIFO, a socket, a device).
    NotARegularFile,
    /// A folder or file already visited through another path.
    AlreadyVisited,
    /// JSON found in a folder that is not a document (a JSON Schema, a report).
    NotADocument(OtherJson),
    /// A folder or file inside a folder given that could not be read (a
    /// path too long for the system, no permission); the rest of the
    /// folder is still read.
    Unreadable(std::io::ErrorKind),
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::SymbolicLink => f.write_str("a symbolic link inside a folder is not followed"),
            SkipReason::NotARegularFile => f.write_str("not a regular file"),
            SkipReason::AlreadyVisited => f.write_str("already visited"),
            SkipReason::NotADocument(other) => write!(f, "{other}, not a project or programme document"),
            SkipReason::Unreadable(kind) => write!(f, "cannot be read ({kind}); the rest of the folder is read"),
        }
    }
}

/// A path the walk or the reading left out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Skipped {
    /// The path left out.
    pub path: PathBuf,
    /// Why.
    pub reason: SkipReason,
}

impl fmt::Display for Skipped {
    /// "skipped `x`: why".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "skipped `{}`: {}", self.path.display(), self.reason)
    }
}

/// A path that cannot be loaded at all: the `childwelfare` tool's usage
/// errors (exit 2).
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum WalkError {
    /// A path given does not exist or cannot be read.
    #[error("cannot read `{}`: {source}", path.display())]
    Read {
        /// The path.
        path: PathBuf,
        /// The I/O error.
        source: Arc<std::io::Error>,
    },
    /// A folder given holds no document files.
    #[error("no .json, .jsonl or .ndjson files in `{}`", path.display())]
    NoDocumentFiles {
        /// The folder.
        path: PathBuf,
    },
    /// A file given is empty.
    #[error("`{}` is empty: no documents in it", path.display())]
    EmptyFile {
        /// The file.
        path: PathBuf,
    },
    /// A path given is neither a folder nor a regular file.
    #[error("`{}` is not a regular file or a folder", path.display())]
    NotARegularFile {
        /// The path.
        path: PathBuf,
    },
}

/// Lists the document files under `paths`: a file given is taken as it is
/// (it may be a symbolic link); a folder is searched recursively, in name
/// order, for regular files named `.json`, `.jsonl` or `.ndjson`, without
/// following symbolic links and without visiting a folder twice.
///
/// # Errors
/// A [`WalkError`] when a path given does not exist, is neither a file nor a
/// folder, is an empty file, or is a folder without document files.
pub fn walk<P: AsRef<Path>>(paths: &[P]) -> Result<Files, WalkError> {
    let mut files = Files::default();
    let mut visited: HashSet<Identity> = HashSet::new();
    for path in paths {
        let path = path.as_ref();
        let read_error = |error: std::io::Error| WalkError::Read { path: path.to_owned(), source: Arc::new(error) };
        let metadata = std::fs::metadata(path).map_err(read_error)?;
        if !visited.insert(identity(path, &metadata).map_err(read_error)?) {
            files.skipped.push(Skipped { path: path.to_owned(), reason: SkipReason::AlreadyVisited });
        } else if metadata.is_file() && metadata.len() == 0 {
            return Err(WalkError::EmptyFile { path: path.to_owned() });
        } else if metadata.is_file() {
            files.files.push((path.to_owned(), false));
        } else if metadata.is_dir() {
            if !walk_folder(path, &mut files, &mut visited)? {
                return Err(WalkError::NoDocumentFiles { path: path.to_owned() });
            }
        } else {
            return Err(WalkError::NotARegularFile { path: path.to_owned() });
        }
    }
    Ok(files)
}

/// What makes a file or folder the same one through two paths: its device
/// and inode where there are such (one `stat`, however deep the path), its
/// canonical path elsewhere.
#[cfg(unix)]
type Identity = (u64, u64);
#[cfg(not(unix))]
type Identity = PathBuf;

#[cfg(unix)]
fn identity(_: &Path, metadata: &std::fs::Metadata) -> std::io::Result<Identity> {
    use std::os::unix::fs::MetadataExt;
    Ok((metadata.dev(), metadata.ino()))
}

#[cfg(not(unix))]
fn identity(path: &Path, _: &std::fs::Metadata) -> std::io::Result<Identity> {
    std::fs::canonicalize(path)
}

/// Adds the document files under `folder`; whether it holds any (even
/// ones already listed through another path). A folder or file inside it
/// that cannot be read is skipped, saying why, and the walk goes on.
fn walk_folder(folder: &Path, files: &mut Files, visited: &mut HashSet<Identity>) -> Result<bool, WalkError> {
    let mut any = false;
    let mut entries = walkdir::WalkDir::new(folder).follow_links(false).sort_by_file_name().min_depth(1).into_iter();
    let unreadable = |path: &Path, error: &std::io::Error| Skipped {
        path: path.to_owned(),
        reason: SkipReason::Unreadable(error.kind()),
    };
    while let Some(entry) = entries.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let path = error.path().unwrap_or(folder).to_owned();
                let io = error.into_io_error().unwrap_or_else(|| std::io::Error::other("the folder cannot be walked"));
                files.skipped.push(unreadable(&path, &io));
                continue;
            }
        };
        let path = entry.path();
        let kind = entry.file_type();
        if entry.path_is_symlink() {
            files.skipped.push(Skipped { path: path.to_owned(), reason: SkipReason::SymbolicLink });
        } else if kind.is_dir() || (is_document_file(path) && kind.is_file()) {
            // Without links a folder or file repeats only when it was also
            // given explicitly, or through a bind mount.
            let seen = match entry.metadata().map_err(std::io::Error::from).and_then(|m| identity(path, &m)) {
                Ok(identity) => !visited.insert(identity),
                Err(error) => {
                    files.skipped.push(unreadable(path, &error));
                    if kind.is_dir() {
                        entries.skip_current_dir();
                    }
                    continue;
                }
            };
            any |= kind.is_file();
            if seen {
                files.skipped.push(Skipped { path: path.to_owned(), reason: SkipReason::AlreadyVisited });
                if kind.is_dir() {
                    entries.skip_current_dir();
                }
            } else if kind.is_file() {
                files.files.push((path.to_owned(), true));
            }
        } else if is_document_file(path) {
            any = true;
            files.skipped.push(Skipped { path: path.to_owned(), reason: SkipReason::NotARegularFile });
        }
    }
    Ok(any)
}
