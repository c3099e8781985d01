//! Record ids across projects, found without keeping every id in memory.
//!
//! Every use of a record id is noted as a fingerprint (96 bits), the
//! project's number, the record's place and the id itself, in a
//! [`Sorter`]: in memory up to a budget, in sorted temporary files past it,
//! merged at the end so that all uses of one id come together and an id
//! used by more than one project is found in one pass.
//!
//! A corpus whose uses fit the budget never touches the disk.

use std::io;

use super::references::Kind;
use super::sorted::{Sorted, Sorter};

/// The bytes of uses and their ids kept in memory before they are written
/// to a run (24 bytes a use and its id, see [`Sorter`]): about 69 000 uses,
/// or 1 260 projects like the generated ones (the generated corpus of
/// 100 000 projects writes 83 runs), 53 000 uses of the real documents'
/// longer ids. 4 MiB until the uses held took 24 bytes rather than 32:
/// the generated corpus wrote fewer runs then (65 at 100 000 projects),
/// the real one more (17 at 10 000 documents where it now writes 16),
/// and the peak at 100 000 generated projects was about 0.7 MiB higher.
#[cfg(not(all(target_family = "wasm", target_os = "unknown")))]
const BUDGET: usize = 5 << 19;

/// In a browser (WebAssembly without a file system) there is nowhere to
/// write a run, and the documents themselves are in memory: the uses stay
/// there too, however many.
#[cfg(all(target_family = "wasm", target_os = "unknown"))]
const BUDGET: usize = usize::MAX;

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
    uses: Sorter,
}

impl Default for RecordIds {
    fn default() -> Self {
        Self::with_budget(BUDGET)
    }
}

impl RecordIds {
    /// Keeps about `budget` bytes of uses in memory before writing a run.
    pub(crate) fn with_budget(budget: usize) -> Self {
        // There are a dozen kinds of record.
        #[allow(clippy::cast_possible_truncation)]
        let kinds = Kind::ALL.len() as u8;
        RecordIds { uses: Sorter::with_budget(budget, kinds, "record ids") }
    }

    /// Writes runs in `dir` rather than the system's temporary directory.
    #[cfg(test)]
    pub(crate) fn in_dir(self, dir: impl Into<std::path::PathBuf>) -> Self {
        RecordIds { uses: self.uses.in_dir(dir) }
    }

    /// The bytes the buffers of uses hold (see [`Sorter::buffered`]).
    #[cfg(test)]
    pub(crate) fn buffered(&self) -> usize {
        self.uses.buffered()
    }

    /// Notes one use of `id` (fingerprinted as `fingerprint` and `check`).
    pub(crate) fn add(&mut self, fingerprint: (u64, u32), project: u32, kind: Kind, index: usize, id: &str) {
        let Ok(index) = u32::try_from(index) else {
            self.uses.fail(io::Error::other("a record list or id longer than 4 294 967 295"));
            return;
        };
        self.uses.add(fingerprint, project, kind as u8, index, id);
    }

    /// With earlier uses on disk, writes the uses held there too and frees
    /// their memory (see [`Sorter::write_out`]); the result is the same.
    pub(crate) fn write_out(&mut self) {
        self.uses.write_out();
    }

    /// Every use of an id in a project after the first project to use it,
    /// once per project (at its first use there), ordered by project and
    /// place. An id used twice in one project only is not listed. The two
    /// halves of the ids' fingerprints are read on two threads where there
    /// are two (see [`Sorted::halves`]).
    pub(crate) fn finish(self) -> io::Result<Vec<Shared>> {
        let (lower, upper) = self.uses.sorted()?.halves();
        let (lower, upper) = crate::pipeline::join(|| shared_in(lower), || shared_in(upper));
        let mut shared = lower?;
        shared.extend(upper?);
        shared.sort_unstable_by_key(|s| (s.project, s.kind, s.index));
        Ok(shared)
    }
}

/// The uses of ids that are not their first project's, among `uses`, in
/// the order of the ids' fingerprints: each id's uses come together.
fn shared_in(mut uses: Sorted) -> io::Result<Vec<Shared>> {
    let mut shared = Vec::new();
    // The id being read: its fingerprint, first project and the last
    // project it was reported in.
    let mut current: Option<((u64, u32), u32, u32)> = None;
    while let Some((key, id)) = uses.next()? {
        match &mut current {
            Some((print, owner, last)) if *print == key.print() => {
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
            _ => current = Some((key.print(), key.project, key.project)),
        }
    }
    Ok(shared)
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn a_record_id_that_cannot_be_sorted_on_disk_is_an_error_at_the_end() {
        let mut ids = RecordIds::with_budget(0).in_dir("/nonexistent/childwelfare");
        ids.add((1, 1), 0, Kind::Event, 0, "e");
        ids.add((1, 1), 1, Kind::Event, 0, "e");
        let error = ids.finish().unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::NotFound);
    }
}
