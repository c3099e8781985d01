//! Rewriting a user's file so that it is never lost: the new content is
//! written to a temporary file in the same folder, flushed to the disk,
//! given the old file's permissions, and only then renamed over the old
//! file. Whatever happens on the way — a full disk, a write error, the
//! process killed — the file holds either its old content or the new one,
//! never a part of either.
//!
//! `childwelfare format` rewrites documents this way.
//!
//! ```
//! use childwelfare::rewrite;
//!
//! let dir = tempfile::tempdir()?;
//! let path = dir.path().join("lumo.json");
//! std::fs::write(&path, "{ }")?;
//! rewrite::replace(&path, b"{}\n")?;
//! assert_eq!(std::fs::read(&path)?, b"{}\n");
//! // Nothing else is left in the folder.
//! assert_eq!(std::fs::read_dir(dir.path())?.count(), 1);
//! # Ok::<(), std::io::Error>(())
//! ```

use std::fs::File;
use std::io::{self, Write};
use std::path::Path;

/// Replaces the content of the file at `path` with `contents`, atomically:
/// on any error the file is left exactly as it was, and no temporary file
/// stays behind.
///
/// A symbolic link stays a link: the file it points to is replaced. The new
/// file keeps the old one's permissions (and, where the process may, its
/// owner and group).
///
/// # Errors
/// When `path` is not an existing file, or the folder cannot hold a new
/// file of that size (a full disk, no permission to write in the folder);
/// the error names the file.
pub fn replace(path: &Path, contents: &[u8]) -> io::Result<()> {
    replace_with(path, |file| file.write_all(contents))
}

/// Writes the file at `path` whole or not at all, as [`replace`] does: a
/// file that exists is replaced (keeping its permissions; a link stays a
/// link), a new one is created readable by all (0644). What `write` writes
/// is the content; if it fails, or anything on the way does, the file is as
/// it was (or not there) and no temporary file stays behind.
/// `childwelfare report --output` and `export --output` write this way.
///
/// ```
/// use std::io::Write;
///
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("report.csv");
/// childwelfare::rewrite::write(&path, |out| writeln!(out, "table,measure"))?;
/// assert_eq!(std::fs::read_to_string(&path)?, "table,measure\n");
/// let failed = childwelfare::rewrite::write(&path, |out| {
///     writeln!(out, "half")?;
///     Err(std::io::Error::other("the corpus could not be read"))
/// });
/// assert!(failed.is_err());
/// assert_eq!(std::fs::read_to_string(&path)?, "table,measure\n");
/// # Ok::<(), std::io::Error>(())
/// ```
///
/// # Errors
/// When `write` fails, or the folder cannot hold a new file (it does not
/// exist, no permission, a full disk); the error says which step failed.
pub fn write(path: &Path, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    let target = match std::fs::symlink_metadata(path) {
        // A new file, in its folder as the folder is reached.
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            let name = path.file_name().ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?;
            let parent = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
            let folder = std::fs::canonicalize(parent).map_err(|e| named("cannot find the folder", e))?;
            return put(&folder.join(name), None, |file| {
                let mut buffered = io::BufWriter::new(file);
                write(&mut buffered)?;
                buffered.flush()
            });
        }
        _ => path,
    };
    replace_with(target, |file| {
        let mut buffered = io::BufWriter::new(file);
        write(&mut buffered)?;
        buffered.flush()
    })
}

/// An error that says which step failed.
fn named(what: &str, error: io::Error) -> io::Error {
    io::Error::new(error.kind(), format!("{what}: {error}"))
}

/// [`replace`], with the new content written by `write` into the temporary
/// file (tests inject a failing writer here).
fn replace_with(path: &Path, write: impl FnOnce(&mut File) -> io::Result<()>) -> io::Result<()> {
    // The file itself, through any links, so that a link is not replaced
    // by a file.
    let target = std::fs::canonicalize(path).map_err(|e| named("cannot find the file", e))?;
    let metadata = std::fs::metadata(&target).map_err(|e| named("cannot read the file's permissions", e))?;
    if !metadata.is_file() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "not a regular file"));
    }
    put(&target, Some(&metadata), write)
}

/// Writes `target` through a temporary file beside it, with the
/// permissions (and owner) of the file it replaces, if any.
fn put(
    target: &Path,
    metadata: Option<&std::fs::Metadata>,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> io::Result<()> {
    let mut staged = Staged::beside(target, metadata.cloned())?;
    // On any error from here, dropping `staged` removes the temporary file.
    write(staged.temporary.as_file_mut()).map_err(|e| named("cannot write the new content", e))?;
    staged.commit()
}

/// A file being written whole or not at all, for writers that need an
/// owned, sendable output (a Parquet encoder) or several files written at
/// once (`childwelfare export --all`): the content goes to a temporary file
/// beside the target, and only [`commit`](Staged::commit) puts it in place,
/// as [`write()`] does. Dropped without a commit, the temporary file is
/// removed and the target is as it was.
///
/// ```
/// use std::io::Write;
///
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("events.parquet");
/// let mut staged = childwelfare::rewrite::Staged::new(&path)?;
/// staged.write_all(b"PAR1")?;
/// assert!(!path.exists());
/// staged.commit()?;
/// assert_eq!(std::fs::read(&path)?, b"PAR1");
///
/// let mut abandoned = childwelfare::rewrite::Staged::new(&path)?;
/// abandoned.write_all(b"half")?;
/// drop(abandoned);
/// assert_eq!(std::fs::read(&path)?, b"PAR1");
/// assert_eq!(std::fs::read_dir(dir.path())?.count(), 1);
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Debug)]
pub struct Staged {
    temporary: tempfile::NamedTempFile,
    target: std::path::PathBuf,
    metadata: Option<std::fs::Metadata>,
}

impl Staged {
    /// Starts writing the file at `path`: a file that exists will be
    /// replaced (keeping its permissions; a link stays a link), a new one
    /// created readable by all.
    ///
    /// # Errors
    /// When the folder cannot hold a new file (it does not exist, no
    /// permission), or `path` is not a regular file.
    pub fn new(path: &Path) -> io::Result<Staged> {
        match std::fs::symlink_metadata(path) {
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                let name =
                    path.file_name().ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?;
                let parent = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
                let folder = std::fs::canonicalize(parent).map_err(|e| named("cannot find the folder", e))?;
                Staged::beside(&folder.join(name), None)
            }
            _ => {
                let target = std::fs::canonicalize(path).map_err(|e| named("cannot find the file", e))?;
                let metadata =
                    std::fs::metadata(&target).map_err(|e| named("cannot read the file's permissions", e))?;
                if !metadata.is_file() {
                    return Err(io::Error::new(io::ErrorKind::InvalidInput, "not a regular file"));
                }
                Staged::beside(&target, Some(metadata))
            }
        }
    }

    fn beside(target: &Path, metadata: Option<std::fs::Metadata>) -> io::Result<Staged> {
        let dir = target.parent().unwrap_or(Path::new("."));
        let prefix = format!(".{}.", target.file_name().map_or("document".into(), |name| name.to_string_lossy()));
        let temporary = tempfile::Builder::new()
            .prefix(&prefix)
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(|e| named("cannot create a temporary file beside it", e))?;
        Ok(Staged { temporary, target: target.to_path_buf(), metadata })
    }

    /// Puts the content in place: flushed to the disk, given its
    /// permissions, then renamed over the target.
    ///
    /// # Errors
    /// When a step fails (a full disk shows here at the latest); the target
    /// is then as it was, and the temporary file is removed.
    pub fn commit(self) -> io::Result<()> {
        let Staged { temporary, target, metadata } = self;
        let permissions = match &metadata {
            Some(metadata) => {
                keep_owner(temporary.as_file(), metadata);
                metadata.permissions()
            }
            None => new_file_permissions(temporary.as_file())?,
        };
        temporary
            .as_file()
            .set_permissions(permissions)
            .map_err(|e| named("cannot give the new content the file's permissions", e))?;
        temporary.as_file().sync_all().map_err(|e| named("cannot flush the new content to the disk", e))?;
        temporary.persist(&target).map_err(|e| named("cannot put the new content in place", e.error))?;
        // The rename is durable once the folder is flushed; a file system that
        // cannot flush a folder has still renamed it.
        if let Ok(folder) = File::open(target.parent().unwrap_or(Path::new("."))) {
            let _ = folder.sync_all();
        }
        Ok(())
    }
}

impl Write for Staged {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.temporary.write(bytes)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.temporary.flush()
    }
}

/// Gives the new file the old one's owner and group where the process may
/// (as root, or when they are its own already); elsewhere the new file is
/// the process's, as an editor's would be.
#[cfg(unix)]
fn keep_owner(file: &File, old: &std::fs::Metadata) {
    use std::os::unix::fs::MetadataExt;
    let _ = std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid()));
}

#[cfg(not(unix))]
fn keep_owner(_: &File, _: &std::fs::Metadata) {}

/// A new file's permissions: readable by all, writable by its owner (the
/// temporary file it starts as is its owner's only).
#[cfg(unix)]
fn new_file_permissions(_: &File) -> io::Result<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Ok(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn new_file_permissions(file: &File) -> io::Result<std::fs::Permissions> {
    Ok(file.metadata()?.permissions())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder_listing(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> =
            std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    }

    #[test]
    fn a_write_that_fails_half_way_leaves_the_file_as_it_was_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lumo.json");
        let old = crate::data::LUMO_JSON.as_bytes();
        std::fs::write(&path, old).unwrap();
        let error = replace_with(&path, |file| {
            file.write_all(&old[..old.len() / 2])?;
            Err(io::Error::new(io::ErrorKind::StorageFull, "no space left on device"))
        })
        .unwrap_err();
        assert_eq!(error.to_string(), "cannot write the new content: no space left on device");
        assert_eq!(std::fs::read(&path).unwrap(), old);
        assert_eq!(folder_listing(dir.path()), ["lumo.json"]);
    }

    #[cfg(unix)]
    #[test]
    fn the_new_content_keeps_the_permissions_and_a_link_stays_a_link() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lumo.json");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink("lumo.json", &link).unwrap();

        replace(&link, b"new").unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
        assert_eq!(folder_listing(dir.path()), ["link.json", "lumo.json"]);
    }

    #[test]
    fn a_missing_file_or_a_folder_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let missing = replace(&dir.path().join("none.json"), b"{}").unwrap_err();
        assert!(missing.to_string().starts_with("cannot find the file: "), "{missing}");
        assert_eq!(replace(dir.path(), b"{}").unwrap_err().to_string(), "not a regular file");
        assert!(folder_listing(dir.path()).is_empty());
    }
}
