//! Runs on disk and their merge: how uses are written to a run, read back
//! (the whole run, or the part of it in one half of the fingerprints), and
//! merged in order.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::collections::binary_heap::PeekMut;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::sync::Arc;

use super::{HEAD, Held, Key, READ_BUFFER};

/// Whether a use of `fingerprint` is in the upper half of the fingerprints:
/// a run holds the lower half first, and each half is merged on its own (see
/// [`Sorted::halves`](super::Sorted::halves)).
pub(super) fn upper(fingerprint: u64) -> bool {
    fingerprint >> 63 == 1
}

/// A sorted run of uses on disk.
#[derive(Debug)]
pub(super) struct Run {
    /// Shared by the readers of its two halves, which read at their own
    /// places in it.
    file: Arc<File>,
    /// How many uses it holds.
    pub(super) uses: u64,
    /// Where its uses in the upper half of the fingerprints start, in bytes.
    split: u64,
    /// Its length in bytes.
    len: u64,
}

/// Writes uses, in order, to a new run.
pub(super) struct RunWriter {
    out: BufWriter<File>,
    uses: u64,
    split: Option<u64>,
    len: u64,
}

impl RunWriter {
    pub(super) fn new(file: File) -> Self {
        RunWriter { out: BufWriter::with_capacity(1 << 16, file), uses: 0, split: None, len: 0 }
    }

    /// The file being written, to look at in tests.
    #[cfg(test)]
    pub(super) fn file(&self) -> &File {
        self.out.get_ref()
    }

    /// Writes one use; uses come in the order of their fingerprints.
    pub(super) fn write(&mut self, key: Key, text: &str) -> io::Result<()> {
        if self.split.is_none() && upper(key.fingerprint) {
            self.split = Some(self.len);
        }
        let mut head = [0u8; HEAD];
        head[..8].copy_from_slice(&key.fingerprint.to_le_bytes());
        head[8..12].copy_from_slice(&key.check.to_le_bytes());
        head[12..16].copy_from_slice(&key.project.to_le_bytes());
        head[16] = key.kind;
        head[17..21].copy_from_slice(&key.index.to_le_bytes());
        // The length fits: `Sorter::add` refuses longer texts.
        head[21..].copy_from_slice(&u32::try_from(text.len()).unwrap_or(u32::MAX).to_le_bytes());
        self.out.write_all(&head)?;
        self.out.write_all(text.as_bytes())?;
        self.uses += 1;
        self.len += (HEAD + text.len()) as u64;
        Ok(())
    }

    /// The run written.
    pub(super) fn finish(self) -> io::Result<Run> {
        let file = self.out.into_inner().map_err(io::IntoInnerError::into_error)?;
        Ok(Run { file: Arc::new(file), uses: self.uses, split: self.split.unwrap_or(self.len), len: self.len })
    }
}

/// Merges `runs` into `out`, a new run.
pub(super) fn merge_into_run(runs: Vec<Run>, mut out: RunWriter, kinds: u8, what: &'static str) -> io::Result<Run> {
    let sources = runs.iter().map(|run| Source::half_of_run(run, Half::Whole, kinds, what)).collect();
    let mut merge = Merge::new(sources)?;
    while merge.advance()? {
        if let Some((key, text)) = merge.current() {
            out.write(key, text)?;
        }
    }
    out.finish()
}

/// Which part of a run or of the uses in memory a source reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Half {
    /// Every use.
    Whole,
    /// The uses in the lower half of the fingerprints.
    Lower,
    /// The uses in the upper half.
    Upper,
}

impl Run {
    /// The bytes of the run that hold `half`.
    fn range(&self, half: Half) -> std::ops::Range<u64> {
        match half {
            Half::Whole => 0..self.len,
            Half::Lower => 0..self.split,
            Half::Upper => self.split..self.len,
        }
    }
}

/// Reads `buf.len()` bytes at most at `at` in `file`, wherever another
/// reader of the file is.
#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], at: u64) -> io::Result<usize> {
    std::os::unix::fs::FileExt::read_at(file, buf, at)
}

#[cfg(windows)]
fn read_at(file: &File, buf: &mut [u8], at: u64) -> io::Result<usize> {
    std::os::windows::fs::FileExt::seek_read(file, buf, at)
}

/// Elsewhere, a seek and a read: right as long as one reader reads a file
/// at a time, which [`CAN_SPLIT`] makes sure of.
#[cfg(not(any(unix, windows)))]
fn read_at(mut file: &File, buf: &mut [u8], at: u64) -> io::Result<usize> {
    use std::io::{Seek, SeekFrom};
    file.seek(SeekFrom::Start(at))?;
    file.read(buf)
}

/// Whether the two halves of the runs can be read on two threads at once:
/// where a file can be read at a place without moving a shared cursor.
pub(super) const CAN_SPLIT: bool = cfg!(any(unix, windows));

/// A range of bytes of a run, read at its own place.
pub(super) struct Part {
    file: Arc<File>,
    at: u64,
    end: u64,
}

impl Read for Part {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let room = usize::try_from(self.end - self.at).map_or(buf.len(), |room| room.min(buf.len()));
        if room == 0 {
            return Ok(0);
        }
        let read = read_at(&self.file, &mut buf[..room], self.at)?;
        self.at += read as u64;
        Ok(read)
    }
}

/// Sorted uses, from memory or from a run.
pub(super) enum Source {
    Memory {
        /// Shared by the sources of the two halves.
        held: Arc<Vec<Held>>,
        text: Arc<String>,
        /// Where the next use is: the one before it is the one
        /// [`Source::next`] returned last.
        at: usize,
        /// Where the uses of this source end.
        end: usize,
    },
    Run {
        reader: BufReader<Part>,
        text: String,
        kinds: u8,
        what: &'static str,
    },
}

impl Source {
    /// The uses of `run` in `half`.
    pub(super) fn half_of_run(run: &Run, half: Half, kinds: u8, what: &'static str) -> Self {
        let range = run.range(half);
        // 8 KiB: one buffer for each half of each run, and there are up to
        // FAN_IN runs (at 64 KiB, the 30 runs of 100 000 projects held 2 MB).
        let part = Part { file: Arc::clone(&run.file), at: range.start, end: range.end };
        Source::Run { reader: BufReader::with_capacity(READ_BUFFER, part), text: String::new(), kinds, what }
    }

    /// The uses in memory (`held`, sorted) in `half`.
    pub(super) fn half_in_memory(held: &Arc<Vec<Held>>, text: &Arc<String>, half: Half) -> Self {
        let split = held.partition_point(|held| !upper(held.fingerprint));
        let (at, end) = match half {
            Half::Whole => (0, held.len()),
            Half::Lower => (0, split),
            Half::Upper => (split, held.len()),
        };
        Source::Memory { held: Arc::clone(held), text: Arc::clone(text), at, end }
    }

    /// The next use, or `None` at the end.
    fn next(&mut self) -> io::Result<Option<Key>> {
        match self {
            Source::Memory { held, text, at, end } => {
                let next = held[..*end].get(*at).map(|held| held.unpack(text).0);
                *at += usize::from(next.is_some());
                Ok(next)
            }
            Source::Run { reader, text, kinds, what } => read_use(reader, text, *kinds, what),
        }
    }

    /// The text of the use [`Source::next`] returned last.
    fn text(&self) -> &str {
        match self {
            Source::Memory { held, text, at, .. } => {
                let last = at.checked_sub(1).and_then(|at| held.get(at));
                last.map_or("", |held| held.unpack(text).1)
            }
            Source::Run { text, .. } => text,
        }
    }
}

/// Reads one use written by [`RunWriter::write`]; `None` at a clean end,
/// an error if the run ends inside a use.
fn read_use(reader: &mut impl BufRead, text: &mut String, kinds: u8, what: &str) -> io::Result<Option<Key>> {
    let ends_early = |error: io::Error| match error.kind() {
        io::ErrorKind::UnexpectedEof => io::Error::new(error.kind(), format!("a temporary file of {what} ends early")),
        _ => error,
    };
    let damaged = || io::Error::new(io::ErrorKind::InvalidData, format!("a temporary file of {what} is damaged"));
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
    if key.kind >= kinds {
        return Err(damaged());
    }
    let len = word(21) as usize;
    // The text's bytes go in the buffer of the last one, kept for its capacity.
    let mut bytes = std::mem::take(text).into_bytes();
    bytes.clear();
    if let Some(buffered) = reader.fill_buf()?.get(..len) {
        bytes.extend_from_slice(buffered);
        reader.consume(len);
    } else {
        bytes.resize(len, 0);
        reader.read_exact(&mut bytes).map_err(ends_early)?;
    }
    *text = String::from_utf8(bytes).map_err(|_| damaged())?;
    Ok(Some(key))
}

/// A k-way merge of sorted sources; among equal fingerprints the earlier
/// source comes first. The sources' next uses are kept in a heap ordered by
/// fingerprint and then by source, so that each use costs a few comparisons
/// however many runs there are.
pub(super) struct Merge {
    sources: Vec<Source>,
    /// The next use of each source not yet done: its order, the source and
    /// the use, smallest first. The top is the use [`Merge::advance`] moved
    /// to last, once it has moved.
    heads: BinaryHeap<Reverse<(u128, usize, Key)>>,
    /// Whether [`Merge::advance`] has moved to a use yet.
    started: bool,
}

impl Merge {
    pub(super) fn new(mut sources: Vec<Source>) -> io::Result<Self> {
        let mut heads = BinaryHeap::with_capacity(sources.len());
        for (at, source) in sources.iter_mut().enumerate() {
            if let Some(key) = source.next()? {
                heads.push(Reverse((key.order(), at, key)));
            }
        }
        Ok(Merge { sources, heads, started: false })
    }

    /// Moves to the next use in order; `false` at the end. The use moved
    /// to last is replaced at the top of the heap by the next of its
    /// source, which sifts it down once, rather than popped and its
    /// successor pushed, which sifted twice: each half of the merge at the
    /// end of `validate` is work on one thread while no batch is left.
    pub(super) fn advance(&mut self) -> io::Result<bool> {
        if !std::mem::replace(&mut self.started, true) {
            return Ok(!self.heads.is_empty());
        }
        if let Some(mut top) = self.heads.peek_mut() {
            let at = top.0.1;
            match self.sources[at].next()? {
                Some(key) => *top = Reverse((key.order(), at, key)),
                None => drop(PeekMut::pop(top)),
            }
        }
        Ok(!self.heads.is_empty())
    }

    /// The use [`Merge::advance`] moved to, with its text.
    pub(super) fn current(&self) -> Option<(Key, &str)> {
        let Reverse((_, at, key)) = self.heads.peek()?;
        self.started.then(|| (*key, self.sources[*at].text()))
    }
}
