//! Record ids across projects, found without keeping every id in memory.
//!
//! Every use of a record id is noted as a fingerprint (96 bits), the
//! project's number, the record's place and the id itself. Uses are kept in
//! memory up to a budget, then sorted and written to an unnamed temporary
//! file (a *run*); at the end the runs are merged in fingerprint order, so
//! that all uses of one id come together and an id used by more than one
//! project is found in one pass. The buffers of uses are given their whole
//! size once and never grow, so that memory stays within the budget (and a
//! 8 KiB read buffer for each of at most [`FAN_IN`] runs when they are
//! merged) however many projects are given.
//!
//! A corpus whose uses fit the budget never touches the disk.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Seek, SeekFrom, Write};

use super::references::Kind;

/// The bytes of uses kept in memory before they are written to a run: about
/// 75 000 uses, or 1 300 projects like the generated ones (the generated
/// corpus of 100 000 projects writes about 80 runs, the real one more).
#[cfg(not(all(target_family = "wasm", target_os = "unknown")))]
const BUDGET: usize = 4 << 20;

/// In a browser (WebAssembly without a file system) there is nowhere to
/// write a run, and the documents themselves are in memory: the uses stay
/// there too, however many.
#[cfg(all(target_family = "wasm", target_os = "unknown"))]
const BUDGET: usize = usize::MAX;

/// The most runs kept at once; past it they are merged into one.
const FAN_IN: usize = 128;

/// The read buffer of each run being merged.
const READ_BUFFER: usize = 8 << 10;

/// The largest budget whose buffers get their whole size at once; with a
/// larger one (no limit at all, in a browser) they grow as uses come.
const RESERVE_AT_MOST: usize = 64 << 20;

/// The bytes of a use before its id (see [`write_use`]).
const HEAD: usize = 25;

/// A use of a record id: the id's fingerprint, the project and the place.
///
/// Uses are sorted by fingerprint only, stably: they arrive in the order of
/// projects and records, runs are kept in the order written, and the merge
/// takes the earlier run first among equal fingerprints, so that the uses
/// of one id come in the order they were added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Key {
    fingerprint: u64,
    check: u32,
    project: u32,
    kind: u8,
    index: u32,
}

impl Key {
    /// What uses are sorted by: the 96 bits of the fingerprint.
    fn order(&self) -> u128 {
        (u128::from(self.fingerprint) << 32) | u128::from(self.check)
    }
}

/// A use in memory: its key and where its id is in the text buffer.
#[derive(Debug, Clone, Copy)]
struct Held {
    key: Key,
    start: u32,
    len: u32,
}

/// An id used in a project that is not the first to use it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Shared {
    /// The project using the id (its number, from 0).
    pub(crate) project: u32,
    pub(crate) kind: Kind,
    pub(crate) index: u32,
    pub(crate) id: String,
    /// The first project to use the id.
    pub(crate) owner: u32,
}

/// Every use of a record id, in memory up to the budget and in sorted runs
/// on disk beyond it.
#[derive(Debug)]
pub(crate) struct RecordIds {
    /// The uses a bucket holds before a run is written: two thirds of the
    /// budget, over the buckets.
    bucket_size: usize,
    /// The bytes of ids held before a run is written: a third of the budget.
    text_size: usize,
    /// Whether the buffers get their whole size at their first use (when the
    /// budget is at most [`RESERVE_AT_MOST`]).
    reserve: bool,
    /// The uses in memory, in 256 buckets by the top byte of their
    /// fingerprint, so that each bucket is sorted on its own, in the
    /// processor's cache, and the buckets in turn are in order.
    /// Fingerprints are uniform, so the buckets fill evenly; a run is
    /// written when any of them is full.
    held: Vec<Vec<Held>>,
    /// How many uses are in memory.
    count: usize,
    text: String,
    runs: Vec<File>,
    /// Where runs are written; the system's temporary directory if `None`.
    dir: Option<std::path::PathBuf>,
    /// The first error writing a run; the uses are then no longer kept.
    failed: Option<io::Error>,
}

impl Default for RecordIds {
    fn default() -> Self {
        Self::with_budget(BUDGET)
    }
}

impl RecordIds {
    /// Keeps about `budget` bytes of uses in memory before writing a run.
    pub(crate) fn with_budget(budget: usize) -> Self {
        RecordIds {
            bucket_size: budget / 3 * 2 / size_of::<Held>() / 256,
            text_size: budget / 3,
            reserve: budget <= RESERVE_AT_MOST,
            held: (0..256).map(|_| Vec::new()).collect(),
            count: 0,
            text: String::new(),
            runs: Vec::new(),
            dir: None,
            failed: None,
        }
    }

    /// Writes runs in `dir` rather than the system's temporary directory.
    #[cfg(test)]
    pub(crate) fn in_dir(mut self, dir: impl Into<std::path::PathBuf>) -> Self {
        self.dir = Some(dir.into());
        self
    }

    /// A new unnamed temporary file, removed when closed, that only its
    /// owner may read (it holds ids from the documents; Linux's unnamed
    /// temporary files are otherwise created readable by everyone).
    fn new_run(&self) -> io::Result<BufWriter<File>> {
        let file = match &self.dir {
            Some(dir) => tempfile::tempfile_in(dir),
            None => tempfile::tempfile(),
        }?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
        }
        Ok(BufWriter::with_capacity(1 << 16, file))
    }

    /// The directory runs are written in, for messages.
    fn dir(&self) -> std::path::PathBuf {
        self.dir.clone().unwrap_or_else(std::env::temp_dir)
    }

    /// Notes one use of `id` (fingerprinted as `fingerprint` and `check`).
    pub(crate) fn add(&mut self, (fingerprint, check): (u64, u32), project: u32, kind: Kind, index: usize, id: &str) {
        if self.failed.is_some() {
            return;
        }
        let (Ok(index), Ok(len)) = (u32::try_from(index), u32::try_from(id.len())) else {
            self.failed = Some(io::Error::other("a record list or id longer than 4 294 967 295"));
            return;
        };
        let bucket = usize::from((fingerprint >> 56) as u8);
        let text = self.text.len() + id.len();
        let full = self.held[bucket].len() >= self.bucket_size || text > self.text_size;
        if self.count > 0 && (full || u32::try_from(text).is_err()) {
            self.spill();
        }
        // The buffers get their whole size at their first use, so that they
        // never grow to twice what they hold.
        if self.reserve && self.text.capacity() == 0 {
            self.text.reserve_exact(self.text_size.max(id.len()));
        }
        let held = &mut self.held[bucket];
        if self.reserve && held.capacity() == 0 {
            held.reserve_exact(self.bucket_size.max(1));
        }
        let start = u32::try_from(self.text.len()).unwrap_or(u32::MAX);
        self.text.push_str(id);
        let key = Key { fingerprint, check, project, kind: kind as u8, index };
        held.push(Held { key, start, len });
        self.count += 1;
    }

    /// Sorts the uses in memory and writes them to a new run, merging the
    /// runs into one when there are [`FAN_IN`] of them.
    fn spill(&mut self) {
        let written = self.write_held().and_then(|()| {
            if self.runs.len() >= FAN_IN {
                let runs = std::mem::take(&mut self.runs);
                let out = self.new_run()?;
                self.runs.push(merge_into_run(runs, out)?);
            }
            Ok(())
        });
        if let Err(error) = written {
            let message = format!("could not write a temporary file in {}: {error}", self.dir().display());
            self.failed = Some(io::Error::new(error.kind(), message));
            self.runs.clear();
        }
        // Keep the buffers' capacity for the next run.
        self.held.iter_mut().for_each(Vec::clear);
        self.count = 0;
        self.text.clear();
    }

    /// Sorts the uses in memory by fingerprint, keeping the order in which
    /// they came among equal ones: their ids were appended to `text` in
    /// that order, so the place of the id (never empty) breaks ties, and
    /// an unstable sort, which needs no buffer, gives the stable order.
    fn sort_held(&mut self) {
        for bucket in &mut self.held {
            bucket.sort_unstable_by_key(|held| (held.key.order() << 32) | u128::from(held.start));
        }
    }

    fn write_held(&mut self) -> io::Result<()> {
        self.sort_held();
        let mut out = self.new_run()?;
        for held in self.held.iter().flatten() {
            let id = &self.text[held.start as usize..(held.start + held.len) as usize];
            write_use(&mut out, held.key, id)?;
        }
        self.runs.push(out.into_inner().map_err(io::IntoInnerError::into_error)?);
        Ok(())
    }

    /// Every use of an id in a project after the first project to use it,
    /// once per project (at its first use there), ordered by project and
    /// place. An id used twice in one project only is not listed.
    pub(crate) fn finish(mut self) -> io::Result<Vec<Shared>> {
        if let Some(error) = self.failed.take() {
            return Err(error);
        }
        // The directory is asked for only to name it in an error: a platform
        // without a file system (WebAssembly in a browser) has none, and
        // never writes a run either.
        let dir = self.dir.clone();
        self.merge().map_err(|error| {
            let dir = dir.unwrap_or_else(std::env::temp_dir);
            let message = format!("could not read a temporary file back from {}: {error}", dir.display());
            io::Error::new(error.kind(), message)
        })
    }

    fn merge(&mut self) -> io::Result<Vec<Shared>> {
        self.sort_held();
        // The runs in the order written, then what is still in memory.
        let mut sources =
            std::mem::take(&mut self.runs).into_iter().map(Source::run).collect::<io::Result<Vec<_>>>()?;
        sources.push(Source::Memory {
            held: std::mem::take(&mut self.held),
            text: std::mem::take(&mut self.text),
            bucket: 0,
            at: 0,
            last: None,
        });
        let mut merge = Merge::new(sources)?;
        let mut shared = Vec::new();
        // The id being read: its fingerprint, first project and the last
        // project it was reported in.
        let mut current: Option<((u64, u32), u32, u32)> = None;
        while let Some((key, id)) = merge.next()? {
            let fingerprint = (key.fingerprint, key.check);
            match &mut current {
                Some((print, owner, last)) if *print == fingerprint => {
                    if key.project != *last {
                        *last = key.project;
                        shared.push(Shared {
                            project: key.project,
                            kind: Kind::ALL[usize::from(key.kind)],
                            index: key.index,
                            id: id.to_owned(),
                            owner: *owner,
                        });
                    }
                }
                _ => current = Some((fingerprint, key.project, key.project)),
            }
        }
        shared.sort_unstable_by_key(|s| (s.project, s.kind, s.index));
        Ok(shared)
    }
}

fn write_use(out: &mut impl Write, key: Key, id: &str) -> io::Result<()> {
    let mut head = [0u8; HEAD];
    head[..8].copy_from_slice(&key.fingerprint.to_le_bytes());
    head[8..12].copy_from_slice(&key.check.to_le_bytes());
    head[12..16].copy_from_slice(&key.project.to_le_bytes());
    head[16] = key.kind;
    head[17..21].copy_from_slice(&key.index.to_le_bytes());
    // The length fits: `add` refuses longer ids.
    head[21..].copy_from_slice(&u32::try_from(id.len()).unwrap_or(u32::MAX).to_le_bytes());
    out.write_all(&head)?;
    out.write_all(id.as_bytes())
}

/// Merges `runs` into `out`, a new run.
fn merge_into_run(runs: Vec<File>, mut out: BufWriter<File>) -> io::Result<File> {
    let sources = runs.into_iter().map(Source::run).collect::<io::Result<Vec<_>>>()?;
    let mut merge = Merge::new(sources)?;
    while let Some((key, id)) = merge.next()? {
        write_use(&mut out, key, id)?;
    }
    out.into_inner().map_err(io::IntoInnerError::into_error)
}

/// Sorted uses, from memory or from a run.
enum Source {
    Memory {
        held: Vec<Vec<Held>>,
        text: String,
        /// Where the next use is: bucket and place in it.
        bucket: usize,
        at: usize,
        last: Option<Held>,
    },
    Run {
        reader: BufReader<File>,
        id: String,
    },
}

impl Source {
    fn run(mut file: File) -> io::Result<Self> {
        file.seek(SeekFrom::Start(0))?;
        // 8 KiB: one buffer for each run, and there are up to FAN_IN runs
        // (at 64 KiB, the 30 runs of 100 000 projects held 2 MB).
        Ok(Source::Run { reader: BufReader::with_capacity(READ_BUFFER, file), id: String::new() })
    }

    /// The next use, or `None` at the end.
    fn next(&mut self) -> io::Result<Option<Key>> {
        match self {
            Source::Memory { held, bucket, at, last, .. } => {
                while let Some(uses) = held.get(*bucket) {
                    if let Some(&next) = uses.get(*at) {
                        *at += 1;
                        *last = Some(next);
                        return Ok(Some(next.key));
                    }
                    (*bucket, *at) = (*bucket + 1, 0);
                }
                Ok(None)
            }
            Source::Run { reader, id } => read_use(reader, id),
        }
    }

    /// The id of the use [`Source::next`] returned last.
    fn id(&self) -> &str {
        match self {
            Source::Memory { text, last, .. } => {
                last.map_or("", |held| &text[held.start as usize..(held.start + held.len) as usize])
            }
            Source::Run { id, .. } => id,
        }
    }
}

/// Reads one use written by [`write_use`]; `None` at a clean end, an error
/// if the run ends inside a use.
fn read_use(reader: &mut BufReader<File>, id: &mut String) -> io::Result<Option<Key>> {
    let ends_early = |error: io::Error| match error.kind() {
        io::ErrorKind::UnexpectedEof => io::Error::new(error.kind(), "a temporary file of record ids ends early"),
        _ => error,
    };
    let damaged = || io::Error::new(io::ErrorKind::InvalidData, "a temporary file of record ids is damaged");
    let mut head = [0u8; HEAD];
    let buffered = reader.fill_buf()?;
    if buffered.is_empty() {
        return Ok(None);
    }
    if let Some(bytes) = buffered.get(..HEAD) {
        head.copy_from_slice(bytes);
        reader.consume(HEAD);
    } else {
        reader.read_exact(&mut head).map_err(ends_early)?;
    }
    let word = |at: usize| u32::from_le_bytes([head[at], head[at + 1], head[at + 2], head[at + 3]]);
    let mut fingerprint = [0u8; 8];
    fingerprint.copy_from_slice(&head[..8]);
    let key = Key {
        fingerprint: u64::from_le_bytes(fingerprint),
        check: word(8),
        project: word(12),
        kind: head[16],
        index: word(17),
    };
    if usize::from(key.kind) >= Kind::ALL.len() {
        return Err(damaged());
    }
    let len = word(21) as usize;
    // The id's bytes go in the buffer of the last id, kept for its capacity.
    let mut bytes = std::mem::take(id).into_bytes();
    bytes.clear();
    if let Some(buffered) = reader.fill_buf()?.get(..len) {
        bytes.extend_from_slice(buffered);
        reader.consume(len);
    } else {
        bytes.resize(len, 0);
        reader.read_exact(&mut bytes).map_err(ends_early)?;
    }
    *id = String::from_utf8(bytes).map_err(|_| damaged())?;
    Ok(Some(key))
}

/// A k-way merge of sorted sources; among equal fingerprints the earlier
/// source comes first. The sources' next uses are kept in a heap ordered by
/// fingerprint and then by source, so that each use costs a few comparisons
/// however many runs there are.
struct Merge {
    sources: Vec<Source>,
    /// The next use of each source not yet done: its order, the source and
    /// the use, smallest first.
    heads: BinaryHeap<Reverse<(u128, usize, Key)>>,
    /// The source whose use was returned last, to advance before the next.
    last: Option<usize>,
}

impl Merge {
    fn new(mut sources: Vec<Source>) -> io::Result<Self> {
        let mut heads = BinaryHeap::with_capacity(sources.len());
        for (at, source) in sources.iter_mut().enumerate() {
            if let Some(key) = source.next()? {
                heads.push(Reverse((key.order(), at, key)));
            }
        }
        Ok(Merge { sources, heads, last: None })
    }

    /// The next use in order, with its id.
    fn next(&mut self) -> io::Result<Option<(Key, &str)>> {
        if let Some(at) = self.last.take() {
            if let Some(key) = self.sources[at].next()? {
                self.heads.push(Reverse((key.order(), at, key)));
            }
        }
        let Some(Reverse((_, at, key))) = self.heads.pop() else { return Ok(None) };
        self.last = Some(at);
        Ok(Some((key, self.sources[at].id())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn runs_are_readable_by_their_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        for ids in [RecordIds::default(), RecordIds::default().in_dir(dir.path())] {
            let run = ids.new_run().unwrap();
            let mode = run.get_ref().metadata().unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "{mode:o}");
        }
    }

    /// Uses of ids over projects: (project, kind, index, id).
    fn uses() -> Vec<(u32, Kind, usize, String)> {
        let mut uses = Vec::new();
        for project in 0..300u32 {
            for index in 0..20usize {
                // Ids repeat across projects every 7 projects, and `dup` in
                // every project twice.
                uses.push((project, Kind::Objective, index, format!("o{}-{index}", project % 7)));
            }
            uses.push((project, Kind::Event, 0, "dup".to_owned()));
            uses.push((project, Kind::Event, 1, "dup".to_owned()));
            uses.push((project, Kind::Output, 0, format!("own-{project}")));
        }
        uses
    }

    fn shared(budget: usize) -> Vec<Shared> {
        let state = foldhash::quality::RandomState::default();
        let mut ids = RecordIds::with_budget(budget);
        for (project, kind, index, id) in uses() {
            let print = std::hash::BuildHasher::hash_one(&state, &id);
            #[allow(clippy::cast_possible_truncation)]
            ids.add((print, (print >> 7) as u32), project, kind, index, &id);
        }
        ids.finish().unwrap()
    }

    #[test]
    fn runs_on_disk_find_what_memory_finds() {
        let in_memory = shared(usize::MAX);
        // 300 projects: the 7 first own their objective ids and `dup`; every
        // later project shares 20 objective ids and `dup`, each once.
        assert_eq!(in_memory.len(), (300 - 7) * 20 + 299);
        let first = &in_memory[0];
        assert_eq!(
            (first.project, first.kind, first.index, first.id.as_str(), first.owner),
            (1, Kind::Event, 0, "dup", 0)
        );
        let objective = in_memory.iter().find(|s| s.kind == Kind::Objective).unwrap();
        assert_eq!((objective.project, objective.index, objective.id.as_str(), objective.owner), (7, 0, "o0-0", 0));
        // A budget of a few uses writes hundreds of runs, merged by FAN_IN.
        assert_eq!(shared(1000), in_memory);
        assert_eq!(shared(0), in_memory);
    }

    /// The bytes the buffers of uses hold, spare capacity included.
    fn buffered(ids: &RecordIds) -> usize {
        ids.held.iter().map(|bucket| bucket.capacity() * size_of::<Held>()).sum::<usize>() + ids.text.capacity()
    }

    #[test]
    fn the_buffers_stay_within_the_budget_however_many_uses_come() {
        let state = foldhash::quality::RandomState::default();
        let budget = 256 << 10;
        let dir = tempfile::tempdir().unwrap();
        let mut ids = RecordIds::with_budget(budget).in_dir(dir.path());
        let mut most = 0;
        for n in 0..100_000u32 {
            let id = format!("event-{n}");
            let print = std::hash::BuildHasher::hash_one(&state, &id);
            ids.add((print, n), n / 60, Kind::Event, (n % 60) as usize, &id);
            most = most.max(buffered(&ids));
        }
        assert!(most <= budget, "{most} bytes held with a budget of {budget}");
        // The uses went to runs rather than to memory: 100 000 uses of 32
        // bytes and their ids are far more than the budget.
        assert!(ids.runs.len() >= 10, "{} runs", ids.runs.len());
        assert!(ids.finish().unwrap().is_empty());
    }

    #[test]
    fn uses_of_one_fingerprint_stay_in_the_order_they_came() {
        let mut ids = RecordIds::with_budget(usize::MAX);
        // Three fingerprints in one bucket, uses interleaved, ids of every
        // length so that places in the text are uneven.
        for n in 0..3000u32 {
            let print = (u64::from(n % 3) << 8) | 7;
            let id = "x".repeat(1 + (n as usize * 7) % 40);
            ids.add((print, 0), 2999 - n, Kind::Event, n as usize, &id);
        }
        ids.sort_held();
        let held: Vec<Key> = ids.held.iter().flatten().map(|h| h.key).collect();
        assert_eq!(held.len(), 3000);
        for pair in held.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            assert!(a.order() < b.order() || (a.order() == b.order() && a.index < b.index), "{a:?} {b:?}");
        }
    }

    #[test]
    fn a_run_that_cannot_be_written_is_an_error_at_the_end() {
        let mut ids = RecordIds::with_budget(0).in_dir("/nonexistent/childwelfare");
        ids.add((1, 1), 0, Kind::Event, 0, "e");
        ids.add((1, 1), 1, Kind::Event, 0, "e");
        let error = ids.finish().unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::NotFound);
    }
}
