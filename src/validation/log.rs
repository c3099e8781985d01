//! Facts of a fixed size noted one per project (or more), read back in the
//! order noted or by number: in memory up to a budget, and past it in an
//! unnamed temporary file, so that a rule across documents that checks each
//! fact on its own at the end keeps no more in memory for 100 000 projects
//! than for a thousand.
//!
//! If the file cannot be written, the facts stay in memory (more memory,
//! the same result); only a file that cannot be read back at the end is an
//! error.

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::PathBuf;
use std::sync::{Mutex, PoisonError};

use super::sorted::{read_back, temporary_file};

/// The bytes of facts a [`Log`] holds in memory by default.
#[cfg(not(all(target_family = "wasm", target_os = "unknown")))]
const BUDGET: usize = 256 << 10;

/// In a browser there is nowhere to write a file, and the documents are in
/// memory anyway: the facts stay there too.
#[cfg(all(target_family = "wasm", target_os = "unknown"))]
const BUDGET: usize = usize::MAX;

/// The most facts a log reserves room for at once.
const RESERVE_AT_MOST: usize = 1 << 16;

/// The bytes [`Log::get`] reads from the file at once (whole facts), and
/// keeps for the next: facts asked for in order cost one read a block.
const BLOCK: usize = 4 << 10;

/// A fact written as [`Fixed::SIZE`] bytes.
pub(crate) trait Fixed: Sized {
    /// The bytes a fact takes.
    const SIZE: usize;
    /// Writes the fact into `out`, [`Fixed::SIZE`] bytes.
    fn write(&self, out: &mut [u8]);
    /// The fact `bytes` hold; `None` if they cannot be one (a damaged file).
    fn read(bytes: &[u8]) -> Option<Self>;
}

/// Facts in the order noted.
#[derive(Debug)]
pub(crate) struct Log<T> {
    /// The facts not yet written, after those in `file`.
    held: Vec<T>,
    /// How many facts are held before they are written.
    budget: usize,
    file: Option<BufWriter<File>>,
    /// How many facts the file holds, each batch counted once it is all
    /// written and flushed: a batch cut short by an error is not read back
    /// (its facts are still held).
    on_disk: u64,
    /// Where the file is; the system's temporary directory if `None`.
    dir: Option<PathBuf>,
    /// Whether a write failed: every later fact stays in memory.
    in_memory: bool,
    /// The block of the file [`Log::get`] read last: its first fact's
    /// number and its bytes (behind a lock, so that a log, and the index
    /// that holds it, can still be shared between threads).
    block: Mutex<(u64, Vec<u8>)>,
}

impl<T: Fixed> Default for Log<T> {
    fn default() -> Self {
        Self::with_budget(BUDGET)
    }
}

impl<T: Fixed> Log<T> {
    /// Holds up to `budget` bytes of facts in memory before writing them.
    pub(crate) fn with_budget(budget: usize) -> Self {
        let budget = (budget / size_of::<T>().max(1)).max(1);
        let block = Mutex::new((0, Vec::new()));
        Log { held: Vec::new(), budget, file: None, on_disk: 0, dir: None, in_memory: false, block }
    }

    /// Writes the file in `dir` rather than the system's temporary directory.
    #[cfg(test)]
    pub(crate) fn in_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.dir = Some(dir.into());
        self
    }

    /// Empties the file, as a failing disk might, for tests of what the
    /// rules do when it cannot be read back.
    #[cfg(test)]
    pub(crate) fn lose_file(&mut self) {
        if let Some(file) = &self.file {
            file.get_ref().set_len(0).expect("a temporary file can be emptied");
        }
    }

    /// Notes a fact.
    pub(crate) fn push(&mut self, fact: T) {
        if self.held.len() >= self.budget && !self.in_memory {
            match self.write_held() {
                Ok(()) => {
                    self.on_disk += self.held.len() as u64;
                    self.held.clear();
                }
                // Kept in memory from here on: what was written whole stays
                // written, and this batch stays held.
                Err(_) => self.in_memory = true,
            }
        }
        // Its whole size at the first fact, so that it never doubles; a
        // log without a limit (in a browser) grows as facts come.
        if self.held.capacity() == 0 && self.budget <= RESERVE_AT_MOST {
            self.held.reserve_exact(self.budget);
        }
        self.held.push(fact);
    }

    fn write_held(&mut self) -> io::Result<()> {
        let file = match &mut self.file {
            Some(file) => file,
            None => self.file.insert(BufWriter::with_capacity(1 << 16, temporary_file(self.dir.as_deref())?)),
        };
        let mut bytes = vec![0u8; T::SIZE];
        for fact in &self.held {
            fact.write(&mut bytes);
            file.write_all(&bytes)?;
        }
        file.flush()
    }

    /// How many facts have been noted.
    pub(crate) fn len(&self) -> u64 {
        self.on_disk + self.held.len() as u64
    }

    /// Fact `n` (from 0, in the order noted), `None` past the last; an
    /// error if the file cannot be read back.
    pub(crate) fn get(&self, n: u64) -> io::Result<Option<T>>
    where
        T: Copy,
    {
        if n >= self.on_disk {
            let held = usize::try_from(n - self.on_disk).ok().and_then(|at| self.held.get(at));
            return Ok(held.copied());
        }
        let per_block = (BLOCK / T::SIZE).max(1) as u64;
        let first = n / per_block * per_block;
        let at = usize::try_from(n - first).unwrap_or(usize::MAX).saturating_mul(T::SIZE);
        let mut block = self.block.lock().unwrap_or_else(PoisonError::into_inner);
        let (start, bytes) = &mut *block;
        if *start != first || bytes.len() < at.saturating_add(T::SIZE) {
            let count = per_block.min(self.on_disk - first);
            bytes.resize(usize::try_from(count).unwrap_or(0) * T::SIZE, 0);
            let file = self.file.as_ref().map(BufWriter::get_ref);
            let read = file.map_or_else(|| Err(ends_early()), |file| read_at(file, first * T::SIZE as u64, bytes));
            if let Err(error) = read {
                bytes.clear();
                return Err(read_back(error, self.dir.clone()));
            }
            *start = first;
        }
        let fact = bytes.get(at..at.saturating_add(T::SIZE)).and_then(T::read);
        fact.ok_or_else(damaged).map(Some).map_err(|error| read_back(error, self.dir.clone()))
    }

    /// Calls `f` with every fact and its number, in the order noted, without
    /// using the log up; an error if the file cannot be read back.
    pub(crate) fn scan(&self, mut f: impl FnMut(u64, T)) -> io::Result<()>
    where
        T: Copy,
    {
        if let Some(file) = &self.file {
            // Whole facts, about 64 KiB at a time.
            let per_read = ((64 << 10) / T::SIZE).max(1) as u64;
            let mut bytes = Vec::new();
            let mut n = 0;
            while n < self.on_disk {
                let count = per_read.min(self.on_disk - n);
                bytes.resize(count as usize * T::SIZE, 0);
                read_at(file.get_ref(), n * T::SIZE as u64, &mut bytes)
                    .map_err(|error| read_back(error, self.dir.clone()))?;
                for fact in bytes.chunks_exact(T::SIZE) {
                    f(n, T::read(fact).ok_or_else(|| read_back(damaged(), self.dir.clone()))?);
                    n += 1;
                }
            }
        }
        for (at, fact) in self.held.iter().enumerate() {
            f(self.on_disk + at as u64, *fact);
        }
        Ok(())
    }

    /// Calls `f` with every fact, in the order noted; an error if the
    /// file cannot be read back.
    pub(crate) fn for_each(self, mut f: impl FnMut(T)) -> io::Result<()> {
        let Log { held, file, on_disk, dir, .. } = self;
        if let Some(file) = file {
            read_all(file, on_disk, &mut f).map_err(|error| read_back(error, dir))?;
        }
        held.into_iter().for_each(f);
        Ok(())
    }
}

fn damaged() -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, "a temporary file is damaged")
}

fn ends_early() -> io::Error {
    io::Error::new(io::ErrorKind::UnexpectedEof, "a temporary file ends early")
}

/// Fills `bytes` from `file` at `offset`, leaving the file's position (where
/// the next batch is written) alone where the system allows.
#[cfg(unix)]
fn read_at(file: &File, offset: u64, bytes: &mut [u8]) -> io::Result<()> {
    use std::os::unix::fs::FileExt;
    file.read_exact_at(bytes, offset).map_err(|error| match error.kind() {
        io::ErrorKind::UnexpectedEof => ends_early(),
        _ => error,
    })
}

/// Fills `bytes` from `file` at `offset`, then goes back to the end, where
/// the next batch is written.
#[cfg(not(unix))]
fn read_at(mut file: &File, offset: u64, bytes: &mut [u8]) -> io::Result<()> {
    file.seek(SeekFrom::Start(offset))?;
    let read = file.read_exact(bytes).map_err(|error| match error.kind() {
        io::ErrorKind::UnexpectedEof => ends_early(),
        _ => error,
    });
    file.seek(SeekFrom::End(0))?;
    read
}

/// Reads the first `count` facts of `file` (a batch cut short may follow).
fn read_all<T: Fixed>(file: BufWriter<File>, count: u64, f: &mut impl FnMut(T)) -> io::Result<()> {
    // What is still buffered is a batch that was cut short: not read.
    let (mut file, _) = file.into_parts();
    file.seek(SeekFrom::Start(0))?;
    let mut reader = BufReader::with_capacity(8 << 10, file);
    let mut bytes = vec![0u8; T::SIZE];
    for _ in 0..count {
        reader.read_exact(&mut bytes).map_err(|error| match error.kind() {
            io::ErrorKind::UnexpectedEof => ends_early(),
            _ => error,
        })?;
        f(T::read(&bytes).ok_or_else(damaged)?);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    struct Pair(u32, u32);

    impl Fixed for Pair {
        const SIZE: usize = 8;
        fn write(&self, out: &mut [u8]) {
            out[..4].copy_from_slice(&self.0.to_le_bytes());
            out[4..8].copy_from_slice(&self.1.to_le_bytes());
        }
        fn read(bytes: &[u8]) -> Option<Self> {
            let word = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap_or_default());
            (word(4) != u32::MAX).then(|| Pair(word(0), word(4)))
        }
    }

    fn read(log: Log<Pair>) -> Vec<Pair> {
        let mut all = Vec::new();
        log.for_each(|pair| all.push(pair)).unwrap();
        all
    }

    #[test]
    fn facts_come_back_in_the_order_noted_however_many_are_written() {
        let facts: Vec<Pair> = (0..10_000).map(|n| Pair(n, n * 7 % 13)).collect();
        let dir = tempfile::tempdir().unwrap();
        for budget in [usize::MAX, 4096, 8, 0] {
            let mut log = Log::with_budget(budget).in_dir(dir.path());
            facts.iter().for_each(|&fact| log.push(fact));
            // Within its budget in memory (a fact at least).
            assert!(log.held.capacity() * 8 <= budget.max(8), "budget {budget}");
            assert_eq!(read(log), facts, "budget {budget}");
        }
    }

    #[test]
    fn facts_are_found_by_number_and_scanned_in_order_without_using_the_log_up() {
        let facts: Vec<Pair> = (0..5_000).map(|n| Pair(n, n * 7 % 13)).collect();
        let dir = tempfile::tempdir().unwrap();
        for budget in [usize::MAX, 4096, 8] {
            let mut log = Log::with_budget(budget).in_dir(dir.path());
            facts.iter().for_each(|&fact| log.push(fact));
            assert_eq!(log.len(), 5_000);
            for n in [0, 1, 511, 512, 4_999] {
                assert_eq!(log.get(n).unwrap(), Some(facts[n as usize]), "budget {budget}, fact {n}");
            }
            assert_eq!(log.get(5_000).unwrap(), None);
            let mut scanned = Vec::new();
            log.scan(|n, fact| scanned.push((n, fact))).unwrap();
            assert!(scanned.iter().map(|&(n, _)| n).eq(0..5_000));
            assert!(scanned.into_iter().map(|(_, fact)| fact).eq(facts.iter().copied()));
            // Adding and reading can alternate: the file is written at its end.
            log.push(Pair(9, 9));
            assert_eq!(log.get(5_000).unwrap(), Some(Pair(9, 9)));
            assert_eq!(log.get(3).unwrap(), Some(facts[3]));
            assert_eq!(read(log).len(), 5_001, "budget {budget}");
        }
    }

    #[test]
    fn a_block_read_before_more_facts_were_written_is_read_again() {
        let dir = tempfile::tempdir().unwrap();
        let mut log = Log::with_budget(8).in_dir(dir.path());
        (0..10).for_each(|n| log.push(Pair(n, n)));
        assert_eq!(log.get(2).unwrap(), Some(Pair(2, 2)));
        (10..20).for_each(|n| log.push(Pair(n, n)));
        // In the block read above, past what the file held then.
        assert_eq!(log.get(15).unwrap(), Some(Pair(15, 15)));
        assert_eq!(log.get(19).unwrap(), Some(Pair(19, 19)));
    }

    #[test]
    fn a_file_that_cannot_be_read_back_is_an_error_that_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let mut log = Log::with_budget(8).in_dir(dir.path());
        (0..10).for_each(|n| log.push(Pair(n, n)));
        log.lose_file();
        let error = log.get(2).unwrap_err();
        assert!(error.to_string().ends_with("a temporary file ends early"), "{error}");
        assert!(error.to_string().starts_with("could not read a temporary file back from"), "{error}");
        assert!(log.scan(|_, _| {}).is_err());
        // What is still held is read from memory.
        assert_eq!(log.get(9).unwrap(), Some(Pair(9, 9)));
    }

    #[test]
    fn facts_that_cannot_be_written_stay_in_memory() {
        let mut log = Log::with_budget(16).in_dir("/nonexistent/childwelfare");
        (0..100).for_each(|n| log.push(Pair(n, n)));
        assert!(log.in_memory);
        assert_eq!(log.get(42).unwrap(), Some(Pair(42, 42)));
        assert_eq!(read(log), (0..100).map(|n| Pair(n, n)).collect::<Vec<_>>());
    }

    #[test]
    fn a_batch_cut_short_by_an_error_is_read_from_memory_only() {
        let dir = tempfile::tempdir().unwrap();
        let mut log = Log::with_budget(8 * 4).in_dir(dir.path());
        (0..10).for_each(|n| log.push(Pair(n, n)));
        // As if the next batch failed halfway: part of it reached the file,
        // and all of it stays held.
        let file = log.file.as_mut().unwrap();
        file.write_all(&[7; 12]).unwrap();
        file.flush().unwrap();
        log.in_memory = true;
        (10..20).for_each(|n| log.push(Pair(n, n)));
        assert_eq!(read(log), (0..20).map(|n| Pair(n, n)).collect::<Vec<_>>());
    }

    #[test]
    fn a_damaged_file_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let mut log = Log::with_budget(8).in_dir(dir.path());
        log.push(Pair(1, 1));
        log.push(Pair(2, u32::MAX));
        log.push(Pair(3, 3));
        let error = log.for_each(|_| {}).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidData);
        assert!(error.to_string().ends_with("a temporary file is damaged"), "{error}");
    }
}
