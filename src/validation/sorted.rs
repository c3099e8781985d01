//! Uses of ids, sorted by the ids' fingerprints without keeping them all in
//! memory: what the rules across documents that compare records by id
//! (record ids, shared outputs) are built on.
//!
//! A use is a fingerprint of an id (96 bits), the project's number, a kind
//! and a place (what the caller needs to say where the use is), and a text
//! (the id, and what the caller compares). Uses are kept in memory up to a
//! budget, then sorted and written to an unnamed temporary file (a *run*);
//! at the end the runs are merged in fingerprint order, so that all uses of
//! one id come together, in the order they were added. A run holds the
//! uses of the lower half of the fingerprints first, and says where those
//! of the upper half start: the two halves are merged on their own, on two
//! threads where there are two ([`Sorted::halves`]). A use held takes 24
//! bytes and its text (with its kind and length, 2 bytes for an id shorter
//! than 64 bytes); uses and texts together are held up to the budget. The
//! two buffers, of uses and of texts, are each given room for the whole
//! budget once and never grow, so that memory stays within the budget (and
//! an 8 KiB read buffer for each half of each of at most [`FAN_IN`] runs
//! when they are merged: 2 MiB at most) however many projects are given.
//! Each is one allocation, filled from its start: the system gives it
//! pages only as they are first written, so a corpus that fills a tenth
//! of the budget costs a tenth of its page faults.
//!
//! Uses that fit the budget never touch the disk.

use std::fs::File;
use std::io;
use std::path::PathBuf;
use std::sync::Arc;

mod merge;

use merge::{CAN_SPLIT, Half, Merge, Run, RunWriter, Source, merge_into_run};

/// The most runs kept at once; when there are this many, [`MERGE_WINDOW`]
/// of them, side by side, are merged into one.
const FAN_IN: usize = 128;

/// How many runs side by side are merged into one when there are
/// [`FAN_IN`]: the window of them holding the fewest uses (the oldest such
/// window among equal ones). Merging every run into one, as this module
/// once did, wrote every use again each time another `FAN_IN - 1` runs
/// had come: about once more at 100 000 real project documents (about 130
/// runs of record ids), five times more at 1 300 runs. Merging a window of
/// 32 writes a quarter of the uses again at 131 runs of equal size and
/// about as many as there are at 1 300; 32 read buffers are held while it
/// merges, not 128.
const MERGE_WINDOW: usize = 32;

/// The read buffer of each run being merged.
const READ_BUFFER: usize = 8 << 10;

/// The largest budget whose buffers get their whole size at once; with a
/// larger one (no limit at all, in a browser) they grow as uses come.
const RESERVE_AT_MOST: usize = 64 << 20;

/// The bytes of a use before its text (see [`merge::RunWriter::write`]).
const HEAD: usize = 25;

/// A use: the fingerprint of its id, its project, kind and place.
///
/// Uses are sorted by fingerprint only, stably: they arrive in the order of
/// projects and records, runs are kept in the order written, and the merge
/// takes the earlier run first among equal fingerprints, so that the uses
/// of one id come in the order they were added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Key {
    pub(crate) fingerprint: u64,
    pub(crate) check: u32,
    pub(crate) project: u32,
    /// The caller's kind of use, below the `kinds` of [`Sorter::with_budget`].
    pub(crate) kind: u8,
    pub(crate) index: u32,
}

impl Key {
    /// What uses are sorted by: the 96 bits of the fingerprint.
    fn order(&self) -> u128 {
        order(self.fingerprint, self.check)
    }

    /// The 96 bits of the fingerprint, to tell whether two uses are of one id.
    pub(crate) fn print(&self) -> (u64, u32) {
        (self.fingerprint, self.check)
    }
}

/// A use in memory: its key but for its kind, and where it is in the text
/// buffer, which holds the kind and the text's length before the text (see
/// [`Sorter::add`]). 24 bytes where the key with the text's place and length
/// took 32: at 1 000 generated projects the uses held are about 55 000, and
/// their buffer's first writes were a third of `validate`'s page faults.
#[derive(Debug, Clone, Copy)]
struct Held {
    fingerprint: u64,
    check: u32,
    project: u32,
    index: u32,
    start: u32,
}

/// The most kinds of use: a kind is one byte of the text buffer, below 128
/// so that the buffer stays UTF-8.
const KINDS_AT_MOST: u8 = 128;

/// The most bytes before a text in the text buffer: its kind, and its
/// length (below 2³², see [`Sorter::add`]) as [`packed`](crate::packed)
/// writes it, one byte for a length below 64.
const BEFORE_TEXT_AT_MOST: usize = 1 + crate::packed::bytes_for(32);

/// What uses are sorted by: the 96 bits of the fingerprint.
fn order(fingerprint: u64, check: u32) -> u128 {
    (u128::from(fingerprint) << 32) | u128::from(check)
}

impl Held {
    /// The use's key and text, from `text`, the buffer its text is in.
    fn unpack<'t>(&self, text: &'t str) -> (Key, &'t str) {
        let mut at = self.start as usize;
        let kind = text.as_bytes()[at];
        at += 1;
        let key =
            Key { fingerprint: self.fingerprint, check: self.check, project: self.project, kind, index: self.index };
        (key, crate::packed::read_text(text, &mut at))
    }
}

/// Appends to `text` the kind and the length of `use_text`, then the text
/// itself (see [`Held::unpack`]); `kind` is below [`KINDS_AT_MOST`].
fn push_use_text(text: &mut String, kind: u8, use_text: &str) {
    text.push(char::from(kind));
    crate::packed::push_text(text, use_text);
}

/// Uses, in memory up to the budget and in sorted runs on disk beyond it.
#[derive(Debug)]
pub(crate) struct Sorter {
    /// The bytes of uses and texts held before a run is written.
    budget: usize,
    /// Whether the buffers get their whole size at their first use (when the
    /// budget is at most [`RESERVE_AT_MOST`]).
    reserve: bool,
    /// The uses in memory, in the order added. One buffer filled from its
    /// start rather than 256 buckets (by the top byte of the fingerprint),
    /// each given its room at once: at 1 000 generated projects the
    /// buckets, two thirds full, cost 600 page faults and 256 calls to grow
    /// the heap where one buffer costs 450 faults and one call. The uses
    /// are put into those buckets, in place, only when sorted (see
    /// [`sort_uses`]).
    held: Vec<Held>,
    text: String,
    runs: Vec<Run>,
    /// How many uses merges of runs have written again (see
    /// [`MERGE_WINDOW`]).
    #[cfg(test)]
    rewritten: u64,
    /// Where runs are written; the system's temporary directory if `None`.
    dir: Option<PathBuf>,
    /// The first error writing a run; the uses are then no longer kept.
    failed: Option<io::Error>,
    /// How many kinds of use there are: a run with another is damaged.
    kinds: u8,
    /// What the uses are, for messages: "record ids".
    what: &'static str,
}

impl Sorter {
    /// Keeps about `budget` bytes of uses in memory before writing a run;
    /// uses are of `kinds` kinds (at most [`KINDS_AT_MOST`]), and are `what`
    /// (for messages).
    pub(crate) fn with_budget(budget: usize, kinds: u8, what: &'static str) -> Self {
        debug_assert!(kinds <= KINDS_AT_MOST, "{kinds} kinds of use");
        Sorter {
            budget,
            reserve: budget <= RESERVE_AT_MOST,
            held: Vec::new(),
            text: String::new(),
            runs: Vec::new(),
            #[cfg(test)]
            rewritten: 0,
            dir: None,
            failed: None,
            kinds,
            what,
        }
    }

    /// Writes runs in `dir` rather than the system's temporary directory.
    #[cfg(test)]
    pub(crate) fn in_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.dir = Some(dir.into());
        self
    }

    /// How many runs are on disk.
    #[cfg(test)]
    pub(crate) fn runs(&self) -> usize {
        self.runs.len()
    }

    /// The bytes the buffers of uses hold, spare capacity included.
    #[cfg(test)]
    pub(crate) fn buffered(&self) -> usize {
        self.held.capacity() * size_of::<Held>() + self.text.capacity()
    }

    /// The bytes of the uses held and their texts.
    #[cfg(test)]
    fn held_bytes(&self) -> usize {
        self.held.len() * size_of::<Held>() + self.text.len()
    }

    fn new_run(&self) -> io::Result<RunWriter> {
        Ok(RunWriter::new(temporary_file(self.dir.as_deref())?))
    }

    /// The directory runs are written in, for messages.
    fn dir(&self) -> PathBuf {
        self.dir.clone().unwrap_or_else(std::env::temp_dir)
    }

    /// Gives up: the uses are no longer kept, and [`Sorter::sorted`] returns
    /// `error`.
    pub(crate) fn fail(&mut self, error: io::Error) {
        if self.failed.is_none() {
            self.failed = Some(error);
        }
    }

    /// Notes one use of an id (fingerprinted as `fingerprint` and `check`),
    /// with `text` (never empty).
    pub(crate) fn add(&mut self, (fingerprint, check): (u64, u32), project: u32, kind: u8, index: u32, text: &str) {
        if self.failed.is_some() {
            return;
        }
        if u32::try_from(text.len()).is_err() {
            self.failed = Some(io::Error::other("an id longer than 4 294 967 295 bytes"));
            return;
        }
        if kind >= KINDS_AT_MOST.min(self.kinds) {
            self.failed = Some(io::Error::other(format!("a use of {} of an unknown kind", self.what)));
            return;
        }
        // The kind and the length (see `push_use_text`) take 2 bytes for an
        // id shorter than 64 bytes, at most 7.
        let total = self.text.len() + text.len() + BEFORE_TEXT_AT_MOST;
        let full = (self.held.len() + 1).saturating_mul(size_of::<Held>()).saturating_add(total) > self.budget;
        if !self.held.is_empty() && (full || u32::try_from(total).is_err()) {
            self.spill();
        }
        // Each buffer gets room for the whole budget at its first use, so
        // that it never grows (to twice what it holds, copied on the way):
        // what the two hold is within the budget, and the system gives them
        // pages only as they are first written. One budget for both rather
        // than two thirds of it for uses and a third for texts: the texts
        // of real documents are twice as long as the generator's.
        if self.reserve && self.text.capacity() == 0 {
            self.text.reserve_exact(self.budget.max(text.len() + BEFORE_TEXT_AT_MOST));
        }
        if self.reserve && self.held.capacity() == 0 {
            self.held.reserve_exact((self.budget / size_of::<Held>()).max(1));
        }
        let start = u32::try_from(self.text.len()).unwrap_or(u32::MAX);
        push_use_text(&mut self.text, kind, text);
        self.held.push(Held { fingerprint, check, project, index, start });
    }

    /// Sorts the uses in memory and writes them to a new run, merging
    /// [`MERGE_WINDOW`] runs into one when there are [`FAN_IN`] of them.
    fn spill(&mut self) {
        let written = self.write_held().and_then(|()| {
            if self.runs.len() >= FAN_IN {
                self.merge_window()?;
            }
            Ok(())
        });
        if let Err(error) = written {
            let message = format!("could not write a temporary file in {}: {error}", self.dir().display());
            self.failed = Some(io::Error::new(error.kind(), message));
            self.runs.clear();
        }
        // Keep the buffers' capacity for the next run.
        self.held.clear();
        self.text.clear();
    }

    /// With runs on disk already, writes the uses held to one more run
    /// (where they would go at the end anyway) and frees their buffers,
    /// which get their size again at the next use; with none, keeps them
    /// (uses that fit the budget never touch the disk). For a caller about
    /// to need memory for something else.
    pub(crate) fn write_out(&mut self) {
        if self.runs.is_empty() {
            return;
        }
        if !self.held.is_empty() {
            self.spill();
        }
        self.held = Vec::new();
        self.text = String::new();
    }

    fn sort_held(&mut self) {
        sort_uses(&mut self.held);
    }

    fn write_held(&mut self) -> io::Result<()> {
        self.sort_held();
        let mut out = self.new_run()?;
        for held in &self.held {
            let (key, text) = held.unpack(&self.text);
            out.write(key, text)?;
        }
        self.runs.push(out.finish()?);
        Ok(())
    }

    /// Merges the [`MERGE_WINDOW`] runs side by side that hold the fewest
    /// uses into one, in their place: runs stay in the order their uses
    /// came, so the merge at the end still takes equal fingerprints in the
    /// order added.
    fn merge_window(&mut self) -> io::Result<()> {
        let window = MERGE_WINDOW.min(self.runs.len());
        let uses = |at: usize| self.runs[at].uses;
        let mut sum: u64 = (0..window).map(uses).sum();
        let (mut start, mut fewest) = (0, sum);
        for end in window..self.runs.len() {
            sum = sum + uses(end) - uses(end - window);
            if sum < fewest {
                (start, fewest) = (end + 1 - window, sum);
            }
        }
        let out = self.new_run()?;
        let runs: Vec<Run> = self.runs.drain(start..start + window).collect();
        let merged = merge_into_run(runs, out, self.kinds, self.what)?;
        self.runs.insert(start, merged);
        #[cfg(test)]
        {
            self.rewritten += fewest;
        }
        Ok(())
    }

    /// Every use, in the order of fingerprints and, among equal ones, in the
    /// order added; the error that stopped a run from being written, if one
    /// did.
    pub(crate) fn sorted(mut self) -> io::Result<Sorted> {
        // With runs on disk, the uses held join them as one more run, so
        // that their buffers are freed before the merge, which then holds
        // only a read buffer for each run.
        self.write_out();
        if let Some(error) = self.failed.take() {
            return Err(error);
        }
        self.sort_held();
        // The directory is asked for only to name it in an error: a platform
        // without a file system (WebAssembly in a browser) has none, and
        // never writes a run either.
        let dir = self.dir.take();
        let (kinds, what) = (self.kinds, self.what);
        let runs = std::mem::take(&mut self.runs);
        let held = Arc::new(std::mem::take(&mut self.held));
        let text = Arc::new(std::mem::take(&mut self.text));
        // The upper half's merge, then the lower's, which is read first;
        // each takes the runs in the order written, then what is still in
        // memory.
        let halves: &[Half] = if CAN_SPLIT { &[Half::Upper, Half::Lower] } else { &[Half::Whole] };
        let parts = halves
            .iter()
            .map(|&half| {
                let mut sources: Vec<Source> =
                    runs.iter().map(|run| Source::half_of_run(run, half, kinds, what)).collect();
                sources.push(Source::half_in_memory(&held, &text, half));
                Merge::new(sources)
            })
            .collect::<io::Result<Vec<_>>>();
        match parts {
            Ok(parts) => Ok(Sorted { parts, dir }),
            Err(error) => Err(read_back(error, dir)),
        }
    }
}

/// Sorts uses by fingerprint, keeping the order in which they came among
/// equal ones: their texts were appended to the text buffer in that order,
/// so the place of the text (never empty) breaks ties, and an unstable
/// sort, which needs no buffer, gives the stable order.
///
/// The uses are first put, in place, into 256 buckets by the top byte of
/// their fingerprint (fingerprints are uniform, so the buckets are of about
/// one size), and each bucket is then sorted on its own, in the processor's
/// cache; the buckets in turn are in order.
fn sort_uses(held: &mut [Held]) {
    let top = |held: &Held| usize::from((held.fingerprint >> 56) as u8);
    let mut ends = [0usize; 256];
    for use_ in held.iter() {
        ends[top(use_)] += 1;
    }
    let mut start = 0;
    let mut starts = [0usize; 256];
    for (bucket, end) in ends.iter_mut().enumerate() {
        starts[bucket] = start;
        start += *end;
        *end = start;
    }
    // Each bucket's next place not yet known to hold one of its uses: a use
    // found there in another's bucket is swapped into that bucket's next
    // place, until the place holds one of its own.
    let mut next = starts;
    for bucket in 0..256 {
        while next[bucket] < ends[bucket] {
            let other = top(&held[next[bucket]]);
            if other == bucket {
                next[bucket] += 1;
            } else {
                held.swap(next[bucket], next[other]);
                next[other] += 1;
            }
        }
    }
    for (&start, &end) in starts.iter().zip(&ends) {
        held[start..end]
            .sort_unstable_by_key(|held| (order(held.fingerprint, held.check) << 32) | u128::from(held.start));
    }
}

/// A new unnamed temporary file in `dir` (the system's temporary directory
/// if `None`), removed when closed, that only its owner may read (it holds
/// ids from the documents; Linux's unnamed temporary files are otherwise
/// created readable by everyone).
pub(super) fn temporary_file(dir: Option<&std::path::Path>) -> io::Result<File> {
    let file = match dir {
        Some(dir) => tempfile::tempfile_in(dir),
        None => tempfile::tempfile(),
    }?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(file)
}

/// An error reading a run back, saying where it was.
pub(super) fn read_back(error: io::Error, dir: Option<PathBuf>) -> io::Error {
    let dir = dir.unwrap_or_else(std::env::temp_dir);
    let message = format!("could not read a temporary file back from {}: {error}", dir.display());
    io::Error::new(error.kind(), message)
}

/// The uses of a [`Sorter`], in order (see [`Sorter::sorted`]).
pub(crate) struct Sorted {
    /// The merges of the uses in each half of the fingerprints still to
    /// read, the next last; one merge of them all where the halves cannot
    /// be read apart (see [`merge::CAN_SPLIT`]).
    parts: Vec<Merge>,
    dir: Option<PathBuf>,
}

impl Sorted {
    /// The next use with its text; `None` at the end.
    pub(crate) fn next(&mut self) -> io::Result<Option<(Key, &str)>> {
        loop {
            let Some(last) = self.parts.len().checked_sub(1) else { return Ok(None) };
            match self.parts[last].advance() {
                Ok(true) => return Ok(self.parts[last].current()),
                Ok(false) => drop(self.parts.pop()),
                Err(error) => return Err(read_back(error, self.dir.take())),
            }
        }
    }

    /// The uses of the lower half of the fingerprints and those of the
    /// upper half, each in order, to be read on two threads at once: the
    /// uses of one id are all in one half. Read one after the other, they
    /// give what [`Sorted::next`] gives. The merge of record ids at the end
    /// of `validate` is otherwise work on one thread while the others wait:
    /// 70 ms at 10 000 real documents. Where the halves cannot be read
    /// apart, the first holds every use and the second none.
    pub(crate) fn halves(mut self) -> (Sorted, Sorted) {
        let upper = if self.parts.len() > 1 { vec![self.parts.remove(0)] } else { Vec::new() };
        let dir = self.dir.clone();
        (self, Sorted { parts: upper, dir })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn print(state: &foldhash::quality::RandomState, text: &str) -> (u64, u32) {
        let print = std::hash::BuildHasher::hash_one(state, text);
        #[allow(clippy::cast_possible_truncation)]
        (print, (print >> 7) as u32)
    }

    fn all(sorter: Sorter) -> Vec<(Key, String)> {
        read(sorter.sorted().unwrap())
    }

    fn read(mut sorted: Sorted) -> Vec<(Key, String)> {
        let mut all = Vec::new();
        while let Some((key, text)) = sorted.next().unwrap() {
            all.push((key, text.to_owned()));
        }
        all
    }

    /// In memory, in a few runs and in a run for each use (merged by
    /// [`FAN_IN`]): the two halves, read on two threads at once, hold every use
    /// once, those of the lower half of the fingerprints in the first, each
    /// in order, and one after the other give what one merge gives.
    #[test]
    fn halves_read_on_two_threads_at_once_give_every_use_once_in_order() {
        let state = foldhash::quality::RandomState::default();
        let dir = tempfile::tempdir().unwrap();
        let filled = |budget: usize| {
            let mut sorter = Sorter::with_budget(budget, 2, "ids").in_dir(dir.path());
            for n in 0..3000u32 {
                let text = format!("id-{}", n % 1_001);
                sorter.add(print(&state, &text), n / 5, (n % 2) as u8, n, &text);
            }
            sorter
        };
        for budget in [usize::MAX, 20_000, 0] {
            let expected = all(filled(budget));
            let sorter = filled(budget);
            let runs = sorter.runs();
            let (lower, upper) = sorter.sorted().unwrap().halves();
            let (lower, upper) = std::thread::scope(|scope| {
                let lower = scope.spawn(|| read(lower));
                let upper = scope.spawn(|| read(upper));
                (lower.join().unwrap(), upper.join().unwrap())
            });
            if CAN_SPLIT {
                assert!(
                    !lower.is_empty() && lower.iter().all(|(key, _)| !merge::upper(key.fingerprint)),
                    "{runs} runs"
                );
                assert!(!upper.is_empty() && upper.iter().all(|(key, _)| merge::upper(key.fingerprint)), "{runs} runs");
            }
            assert_eq!([lower, upper].concat(), expected, "{runs} runs");
        }
    }

    #[cfg(unix)]
    #[test]
    fn runs_are_readable_by_their_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        for sorter in [Sorter::with_budget(0, 1, "ids"), Sorter::with_budget(0, 1, "ids").in_dir(dir.path())] {
            let run = sorter.new_run().unwrap();
            let mode = run.file().metadata().unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "{mode:o}");
        }
    }

    #[test]
    fn runs_on_disk_give_what_memory_gives_in_the_order_added() {
        let state = foldhash::quality::RandomState::default();
        let sorted = |budget: usize| {
            let mut sorter = Sorter::with_budget(budget, 3, "ids");
            for n in 0..5000u32 {
                let text = format!("id-{}", n % 700);
                sorter.add(print(&state, &text), n / 10, (n % 3) as u8, n, &text);
            }
            all(sorter)
        };
        let in_memory = sorted(usize::MAX);
        assert_eq!(in_memory.len(), 5000);
        for pair in in_memory.windows(2) {
            let ((a, _), (b, _)) = (&pair[0], &pair[1]);
            // By fingerprint, and in the order added among equal ones.
            assert!(a.order() < b.order() || (a.order() == b.order() && a.index < b.index), "{a:?} {b:?}");
        }
        // Uses of one fingerprint are of one text here.
        assert!(in_memory.windows(2).all(|p| p[0].0.print() != p[1].0.print() || p[0].1 == p[1].1));
        // A budget of a few uses writes hundreds of runs, merged by FAN_IN.
        assert_eq!(sorted(1000), in_memory);
        assert_eq!(sorted(0), in_memory);
    }

    /// With a budget of 0 every use is a run of its own, so that the uses
    /// merges write again count runs.
    #[test]
    fn merges_write_few_uses_again_and_keep_the_order() {
        let state = foldhash::quality::RandomState::default();
        let dir = tempfile::tempdir().unwrap();
        // Just past FAN_IN, one window is merged (every run was, once); at
        // 600 runs, fewer uses are written again than there are (merging
        // every run when there are FAN_IN wrote 1 274 again).
        for (uses, most) in [(FAN_IN + 3, MERGE_WINDOW), (600, 600)] {
            let mut sorter = Sorter::with_budget(0, 1, "ids").in_dir(dir.path());
            let mut memory = Sorter::with_budget(usize::MAX, 1, "ids");
            for n in 0..uses {
                let text = format!("id-{}", n % 97);
                let n = u32::try_from(n).unwrap();
                sorter.add(print(&state, &text), n, 0, n, &text);
                memory.add(print(&state, &text), n, 0, n, &text);
            }
            // The last use is still in memory: the end writes it as a run.
            sorter.spill();
            assert!(sorter.runs() < FAN_IN, "{} runs", sorter.runs());
            assert!(sorter.rewritten > 0 && sorter.rewritten <= most as u64, "{} of {uses}", sorter.rewritten);
            assert_eq!(all(sorter), all(memory), "{uses} uses");
        }
    }

    #[test]
    fn the_uses_held_stay_within_the_budget_in_buffers_that_never_grow() {
        let state = foldhash::quality::RandomState::default();
        let budget = 256 << 10;
        let dir = tempfile::tempdir().unwrap();
        let mut sorter = Sorter::with_budget(budget, 1, "ids").in_dir(dir.path());
        let (mut most, mut sizes) = (0, std::collections::BTreeSet::new());
        for n in 0..100_000u32 {
            // Ids of 8 to 72 bytes, their lengths 1 or 2 bytes.
            let text = format!("event-{n}-{}", "x".repeat(n as usize % 61));
            sorter.add(print(&state, &text), n / 60, 0, n % 60, &text);
            most = most.max(sorter.held_bytes());
            sizes.insert((sorter.held.capacity(), sorter.text.capacity()));
        }
        assert!(most <= budget, "{most} bytes held with a budget of {budget}");
        assert!(most > budget / 10 * 9, "{most} bytes held with a budget of {budget}");
        // Each buffer got room for the whole budget once.
        assert_eq!(sizes.into_iter().collect::<Vec<_>>(), [(budget / size_of::<Held>(), budget)]);
        // The uses went to runs rather than to memory: 100 000 uses of 24
        // bytes and their texts are far more than the budget.
        assert!(sorter.runs() >= 10, "{} runs", sorter.runs());
        assert_eq!(all(sorter).len(), 100_000);
    }

    /// A use held takes 24 bytes; its kind and text come back as added,
    /// whatever the text's length (its length takes one byte in the text
    /// buffer below 64, two below 4 096, …) and its characters.
    #[test]
    fn a_use_held_gives_back_its_kind_and_text_in_24_bytes() {
        assert_eq!(size_of::<Held>(), 24);
        assert_eq!(BEFORE_TEXT_AT_MOST, 7);
        let lengths = [1, 2, 63, 64, 65, 4095, 4096, 4097, 262_143, 262_144, 300_000];
        let texts: Vec<String> = lengths
            .iter()
            .enumerate()
            .map(|(n, &len)| if n % 2 == 0 { "x".repeat(len) } else { "ä".repeat(len.div_ceil(2)) })
            .collect();
        let kinds = KINDS_AT_MOST;
        let mut sorter = Sorter::with_budget(usize::MAX, kinds, "ids");
        let mut expected = Vec::new();
        for (n, text) in texts.iter().enumerate() {
            let n = u32::try_from(n).unwrap();
            let kind = u8::try_from(n * 37 % u32::from(kinds)).unwrap();
            let key = Key { fingerprint: u64::from(n) << 40, check: n, project: n / 3, kind, index: n * 2 };
            sorter.add(key.print(), key.project, key.kind, key.index, text);
            expected.push((key, text.clone()));
        }
        let unpacked: Vec<(Key, String)> =
            sorter.held.iter().map(|held| held.unpack(&sorter.text)).map(|(k, t)| (k, t.to_owned())).collect();
        assert_eq!(unpacked, expected);
        // And through a run on disk.
        let dir = tempfile::tempdir().unwrap();
        let mut on_disk = Sorter::with_budget(0, kinds, "ids").in_dir(dir.path());
        for (key, text) in &expected {
            on_disk.add(key.print(), key.project, key.kind, key.index, text);
        }
        assert_eq!(all(on_disk), expected);
        assert_eq!(all(sorter), expected);
    }

    #[test]
    fn a_use_of_an_unknown_kind_is_an_error_at_the_end() {
        let mut sorter = Sorter::with_budget(usize::MAX, 2, "record ids");
        sorter.add((1, 1), 0, 1, 0, "e");
        sorter.add((2, 1), 0, 2, 0, "f");
        let Err(error) = sorter.sorted() else { panic!("no error") };
        assert_eq!(error.to_string(), "a use of record ids of an unknown kind");
    }

    /// Written out while uses still come, with runs on disk, the uses held
    /// free their buffers and are read back in their place; with none on
    /// disk they stay in memory.
    #[test]
    fn uses_written_out_midway_free_their_buffers_and_come_back_in_order() {
        let state = foldhash::quality::RandomState::default();
        let dir = tempfile::tempdir().unwrap();
        let filled = |budget: usize, out_at: &[u32]| {
            let mut sorter = Sorter::with_budget(budget, 2, "ids").in_dir(dir.path());
            let mut freed = Vec::new();
            for n in 0..4000u32 {
                // Twice: the second time nothing is held.
                for _ in 0..if out_at.contains(&n) { 2 } else { 0 } {
                    let runs = sorter.runs();
                    sorter.write_out();
                    freed.push((sorter.runs() - runs, sorter.buffered()));
                }
                let text = format!("id-{}", n % 900);
                sorter.add(print(&state, &text), n / 8, (n % 2) as u8, n, &text);
            }
            (sorter, freed)
        };
        let (in_memory, _) = filled(usize::MAX, &[]);
        let expected = all(in_memory);
        // 20 000 bytes hold a few hundred uses: runs are on disk by use 3 000.
        let (sorter, freed) = filled(20_000, &[3000, 3999]);
        // Each time one more run, then none: nothing is held.
        assert_eq!(freed, [(1, 0), (0, 0), (1, 0), (0, 0)]);
        assert_eq!(all(sorter), expected);
        // Before any run, and without a budget, the uses stay in memory.
        for (budget, at) in [(20_000, 10), (usize::MAX, 3000)] {
            let (sorter, freed) = filled(budget, &[at]);
            assert!(freed.iter().all(|&(runs, held)| runs == 0 && held > 0), "budget {budget}: {freed:?}");
            assert_eq!(all(sorter), expected);
        }
    }

    #[test]
    fn uses_of_one_fingerprint_stay_in_the_order_they_came() {
        let mut sorter = Sorter::with_budget(usize::MAX, 1, "ids");
        // Three fingerprints in one bucket, uses interleaved, texts of every
        // length so that places in the text are uneven.
        for n in 0..3000u32 {
            let print = (u64::from(n % 3) << 8) | 7;
            let text = "x".repeat(1 + (n as usize * 7) % 40);
            sorter.add((print, 0), 2999 - n, 0, n, &text);
        }
        sorter.sort_held();
        let held: Vec<Key> = sorter.held.iter().map(|h| h.unpack(&sorter.text).0).collect();
        assert_eq!(held.len(), 3000);
        for pair in held.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            assert!(a.order() < b.order() || (a.order() == b.order() && a.index < b.index), "{a:?} {b:?}");
        }
    }

    /// Uses of every top byte, some fingerprints many times, in a mixed
    /// order: sorted in buckets, they come as a stable sort of the whole
    /// gives them.
    #[test]
    fn uses_sorted_in_buckets_come_as_one_stable_sort_gives_them() {
        let state = foldhash::quality::RandomState::default();
        let mut sorter = Sorter::with_budget(usize::MAX, 1, "ids");
        for n in 0..20_000u32 {
            let text = format!("id-{}", n % 5_003);
            sorter.add(print(&state, &text), n, 0, n, &text);
        }
        let mut expected: Vec<Key> = sorter.held.iter().map(|h| h.unpack(&sorter.text).0).collect();
        expected.sort_by_key(Key::order);
        let buckets: std::collections::BTreeSet<u64> = expected.iter().map(|key| key.fingerprint >> 56).collect();
        assert_eq!(buckets.len(), 256);
        sorter.sort_held();
        let held: Vec<Key> = sorter.held.iter().map(|h| h.unpack(&sorter.text).0).collect();
        assert_eq!(held, expected);
    }

    #[test]
    fn a_run_that_cannot_be_written_is_an_error_at_the_end() {
        let mut sorter = Sorter::with_budget(0, 1, "ids").in_dir("/nonexistent/childwelfare");
        sorter.add((1, 1), 0, 0, 0, "e");
        sorter.add((1, 1), 1, 0, 0, "e");
        let Err(error) = sorter.sorted() else { panic!("no error") };
        assert_eq!(error.kind(), io::ErrorKind::NotFound);
        assert!(error.to_string().starts_with("could not write a temporary file in /nonexistent/childwelfare"));
    }

    #[test]
    fn a_run_with_an_unknown_kind_is_damaged() {
        let dir = tempfile::tempdir().unwrap();
        let sorter = Sorter::with_budget(0, 2, "shared outputs").in_dir(dir.path());
        let mut out = sorter.new_run().unwrap();
        out.write(Key { fingerprint: 1, check: 1, project: 0, kind: 2, index: 0 }, "a").unwrap();
        let run = out.finish().unwrap();
        let Err(error) = Merge::new(vec![Source::half_of_run(&run, Half::Whole, 2, "shared outputs")]) else {
            panic!("read")
        };
        assert_eq!(error.to_string(), "a temporary file of shared outputs is damaged");
    }
}
