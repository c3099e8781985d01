//! Work on every core, added in the order read: how `validate` and
//! `report` go through files.
//!
//! Each worker thread reads a batch of documents (one worker at a time, so
//! batches are numbered in the order read), works on it alone (parsing,
//! checking, making each project's rows), then adds it to the shared state
//! (an index, a summary) in its batch's turn, in the order read
//! ([`Turn::add`]), and drops what it made itself. A batch owns what it
//! adds, so its worker need not wait: if the turns ahead are not yet
//! taken, it leaves its addition for the worker whose turn comes just
//! before, and goes on with another batch; what the addition gives back
//! returns to it to drop. So nothing waits for a whole
//! round of batches, a worker that has nothing to do sleeps rather than
//! spins, and memory is freed by the thread that allocated it. What the state
//! hands on (diagnostics, documents that could not be read) goes to the
//! calling thread, in order, through a bounded channel, in chunks of up to
//! [`CHUNK`] so that the calling thread wakes once for many of them rather
//! than for each: the caller's callback need not be [`Send`]. A chunk fills
//! across batches, and is sent when full, after [`FLUSH_AFTER`] batches (so
//! that what is found early is not held until the end), or at the end; a
//! turn wakes the other workers only when one of them waits for it.
//!
//! With one thread (or where threads cannot be started), everything runs
//! on the calling thread, in the same order.

pub(crate) mod shared;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

/// How many things handed on may wait for the calling thread.
const WAITING: usize = 1024;

/// How many things handed on go to the calling thread at once. Sent one
/// by one, the 50 000 warnings of 10 000 real documents cost 85 000 context
/// switches.
const CHUNK: usize = 256;

/// The most batches a chunk that is not full waits for before it is sent:
/// a batch is 256 KiB of documents, so what is found is handed on within
/// about 4 MiB read, and with 10 000 real documents the calling thread wakes
/// about 200 times rather than once a batch (2 000).
const FLUSH_AFTER: u32 = 16;

/// How many batches' additions may wait, done, for the turns before them
/// (see [`Turn::add`]), a thread: about one batch of memory each for
/// `report`, far less for `validate`, whose batches wait as digests of
/// their projects rather than as documents.
const LEFT_A_THREAD: usize = 1;

/// What a batch's addition gives back, to be dropped outside the turns by
/// the worker that made it.
type Spent<'l> = Box<dyn Send + 'l>;

/// A batch's addition to the state, left by a worker that finished it
/// before the turns ahead of it were taken (see [`Turn::add`]).
type Left<'l, S, O> = Box<dyn FnOnce(&mut S, &mut dyn FnMut(O)) -> Spent<'l> + Send + 'l>;

/// A batch's turn at the shared state, given to the work on it.
pub(crate) struct Turn<'p, 'l, S, O> {
    number: u64,
    /// The worker working on the batch, from 0.
    worker: usize,
    shared: &'p Shared<'l, S, O>,
    out: Out<'p, O>,
    taken: bool,
}

/// Where a turn hands things on.
enum Out<'p, O> {
    /// To the calling thread, in chunks.
    Channel(SyncSender<Vec<O>>),
    /// Straight to the callback: everything is on the calling thread.
    Direct(&'p Mutex<&'p mut dyn FnMut(O)>),
}

struct Shared<'l, S, O> {
    turn: Mutex<Turns<'l, S, O>>,
    /// Signalled when a turn passes and a worker waits for one.
    next: Condvar,
    /// Set when the calling thread stopped receiving (its callback
    /// panicked): no further batch is read.
    stopped: AtomicBool,
}

/// What the turns share.
struct Turns<'l, S, O> {
    /// The number of the batch whose turn it is.
    number: u64,
    state: S,
    /// How many workers wait for their turn.
    waiting: usize,
    /// What was handed on and not yet sent, and after how many batches.
    chunk: Vec<O>,
    batches: u32,
    /// Batches' additions left for their turns, by batch number, with the
    /// worker that left each.
    left: BTreeMap<u64, (usize, Left<'l, S, O>)>,
    /// How many may be left at once.
    most_left: usize,
    /// What the additions left gave back, by worker: each worker drops its
    /// own, so that memory is freed by the thread that allocated it (glibc
    /// frees another thread's memory under that thread's lock: handed to
    /// the worker that added them, the spent documents of 1 000 real
    /// documents cost four times the `futex` calls).
    returned: Vec<Vec<Spent<'l>>>,
}

impl<'l, S, O> Turns<'l, S, O> {
    fn new(state: S, threads: usize) -> Self {
        Turns {
            number: 0,
            state,
            waiting: 0,
            chunk: Vec::new(),
            batches: 0,
            left: BTreeMap::new(),
            most_left: threads.saturating_mul(LEFT_A_THREAD),
            returned: std::iter::repeat_with(Vec::new).take(threads.max(1)).collect(),
        }
    }

    /// What was given back to `worker`, to drop outside the turns.
    fn returned(&mut self, worker: usize) -> Vec<Spent<'l>> {
        self.returned.get_mut(worker).map(std::mem::take).unwrap_or_default()
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A worker that panicked has not changed the state halfway in any way
    // that matters here: the panic is raised again when the threads end.
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl<'l, S, O> Turn<'_, 'l, S, O> {
    /// Adds `work` to the state with `add` in this batch's turn (`add`
    /// hands things on to the calling thread with its last argument), then
    /// drops what `add` gives back outside the turns; but if the turns
    /// ahead are not yet taken, leaves `work` for the worker whose turn
    /// comes just before this one (unless a thread's share of batches is
    /// already left: then waits), so that this worker goes on with another
    /// batch rather than wait. What is left is then added on that worker's
    /// thread, and what `add` gives back returns to this worker, which
    /// drops it when it next takes the turns' lock (or, after its last
    /// batch, when it ends).
    pub(crate) fn add<W, D>(mut self, work: W, add: fn(&mut S, W, &mut dyn FnMut(O)) -> D)
    where
        S: 'l,
        O: 'l,
        W: Send + 'l,
        D: Send + 'l,
    {
        let mut guard = lock(&self.shared.turn);
        if guard.number != self.number && guard.left.len() < guard.most_left {
            let left: Left<'l, S, O> = Box::new(move |state, out| Box::new(add(state, work, out)));
            guard.left.insert(self.number, (self.worker, left));
            let returned = guard.returned(self.worker);
            self.taken = true;
            drop(guard);
            drop(returned);
            return;
        }
        // Its turn, or no room to leave it: the lock is kept.
        let mut guard = wait(self.shared, guard, self.number);
        let spent = self.run(&mut guard, |state, out| add(state, work, out));
        self.taken = true;
        let returned = self.pass(guard);
        drop((spent, returned));
    }

    /// Runs `f` on the state in this turn, handing on what it gives.
    fn run<R>(&self, guard: &mut Turns<'l, S, O>, f: impl FnOnce(&mut S, &mut dyn FnMut(O)) -> R) -> R {
        let Turns { state, chunk, batches, .. } = guard;
        match &self.out {
            Out::Channel(sender) => {
                // The calling thread stops receiving before every worker is
                // done only if its callback panicked: then the run stops.
                let send = |chunk: &mut Vec<O>| {
                    if sender.send(std::mem::replace(chunk, Vec::with_capacity(CHUNK))).is_err() {
                        self.shared.stopped.store(true, Ordering::Relaxed);
                    }
                };
                // Chunks are sent during a turn, so that they arrive in the
                // order of batches; what is left waits for the next turns
                // (see [`in_order`] for the last).
                let result = f(state, &mut |item| {
                    chunk.push(item);
                    if chunk.len() >= CHUNK {
                        send(chunk);
                        *batches = 0;
                    }
                });
                *batches += 1;
                if !chunk.is_empty() && *batches >= FLUSH_AFTER {
                    send(chunk);
                    *batches = 0;
                }
                result
            }
            Out::Direct(callback) => f(state, &mut |item| (lock(callback))(item)),
        }
    }

    /// Ends this batch's turn: the next batch's, whose addition, if left,
    /// is made now, and so on. The workers waiting are woken (a system call
    /// even when none waits, so only when one does). Returns what was given
    /// back to this worker, for the caller to drop.
    fn pass(&self, mut guard: MutexGuard<'_, Turns<'l, S, O>>) -> Vec<Spent<'l>> {
        guard.number += 1;
        let mut panic = None;
        while let Some((worker, left)) = {
            let number = guard.number;
            guard.left.remove(&number)
        } {
            // A left addition that panics still passes its turn on, and
            // wakes the workers waiting, before its panic goes on.
            match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.run(&mut guard, left))) {
                Ok(spent) => {
                    if let Some(returned) = guard.returned.get_mut(worker) {
                        returned.push(spent);
                    }
                }
                Err(payload) => panic = panic.or(Some(payload)),
            }
            guard.number += 1;
        }
        let returned = guard.returned(self.worker);
        let waiting = guard.waiting > 0;
        drop(guard);
        if waiting {
            self.shared.next.notify_all();
        }
        // Unless this thread is already unwinding (a batch whose work
        // panicked passes its turn as it is dropped): a second panic would
        // abort the process.
        if let Some(payload) = panic.filter(|_| !std::thread::panicking()) {
            std::panic::resume_unwind(payload);
        }
        returned
    }
}

/// Waits for batch `number`'s turn, from `guard` on the turns' lock.
fn wait<'s, 'l, S, O>(
    shared: &'s Shared<'l, S, O>,
    mut guard: MutexGuard<'s, Turns<'l, S, O>>,
    number: u64,
) -> MutexGuard<'s, Turns<'l, S, O>> {
    while guard.number != number {
        guard.waiting += 1;
        guard = shared.next.wait(guard).unwrap_or_else(PoisonError::into_inner);
        guard.waiting -= 1;
    }
    guard
}

impl<S, O> Drop for Turn<'_, '_, S, O> {
    /// A batch whose work did not take its turn (it had nothing to add, or
    /// its work panicked) passes it on, so that the next batches go on.
    fn drop(&mut self) {
        if !self.taken {
            self.taken = true;
            drop(self.pass(wait(self.shared, lock(&self.shared.turn), self.number)));
        }
    }
}

/// What a worker thread asks of its allocator when it starts, in
/// [`HEAP_PIECES`] pieces (see [`reserve_heap`]).
const HEAP_PIECE: usize = 960 << 10;

/// How many pieces of [`HEAP_PIECE`] a worker reserves: 3.75 MiB. A worker
/// of `validate` never grows its heap past it at 1 000 to 10 000 generated
/// projects; one of `report` may, to 5.2–7.2 MiB (glibc's `malloc_info`
/// at the end of a run, 2026-12).
const HEAP_PIECES: usize = 4;

/// Grows the calling thread's heap at once rather than a few pages at a
/// time. glibc gives each thread a heap of its own, which it grows by
/// exactly what an allocation lacks, with an `mprotect` call each time:
/// about 100 a worker at 1 000 generated projects, each changing the
/// process's memory map under its lock for writing. Once made usable, a
/// heap's memory stays so: when glibc gives freed memory back it tells
/// the kernel to drop the pages, and the heap grows over them again
/// without a call. Allocating a few blocks just below the size glibc maps
/// on their own (1 MiB once the command-line tool has freed 1 MiB at its
/// start) and freeing them at once grows the heap in [`HEAP_PIECES`]
/// calls and touches no page but the blocks' headers. With another
/// allocator, or with glibc's default threshold (128 KiB), which maps the
/// blocks on their own, it allocates and frees untouched memory; glibc
/// then raises that threshold to the blocks' size, as it does when any
/// program frees such a block, unless the program set it (mallopt(3)).
/// At 1 000 generated projects `validate` makes 22 `mprotect` calls
/// rather than 150.
fn reserve_heap() {
    let pieces: [Vec<u8>; HEAP_PIECES] = std::array::from_fn(|_| Vec::with_capacity(HEAP_PIECE));
    drop(std::hint::black_box(pieces));
}

/// How many threads to work on: rayon's number, without starting rayon's
/// pool. Inside a rayon pool, that pool's; elsewhere what rayon's global
/// pool would have, `RAYON_NUM_THREADS` if a positive number, else the
/// cores this process may run on. `validate` uses no other rayon call, and
/// starting the pool only to ask cost it two threads that spin about 32
/// rounds of `sched_yield` each before they sleep.
pub(crate) fn threads() -> usize {
    if rayon::current_thread_index().is_some() {
        return rayon::current_num_threads();
    }
    std::env::var("RAYON_NUM_THREADS")
        .ok()
        .and_then(|n| n.parse::<usize>().ok())
        .filter(|&n| n > 0)
        .or_else(|| std::thread::available_parallelism().ok().map(std::num::NonZeroUsize::get))
        .unwrap_or(1)
}

/// Runs `a` on the calling thread and `b` on a thread of its own, at the
/// same time, when there are [`threads`] to spare and a thread can be
/// started; otherwise one after the other. What `rayon::join` does, without
/// starting rayon's pool (see [`threads`]). A panic in either reaches the
/// caller.
pub(crate) fn join<RA, RB>(a: impl FnOnce() -> RA, b: impl FnOnce() -> RB + Send) -> (RA, RB)
where
    RB: Send,
{
    // Held outside the thread, so that `b` is still here if none starts.
    let b = Mutex::new(Some(b));
    let (ra, from_thread) = std::thread::scope(|scope| {
        let handle = (threads() > 1)
            .then(|| std::thread::Builder::new().spawn_scoped(scope, || lock(&b).take().map(|b| b())).ok())
            .flatten();
        let ra = a();
        let rb = handle.and_then(|handle| handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
        (ra, rb)
    });
    match (from_thread, b.into_inner().unwrap_or_else(PoisonError::into_inner)) {
        (Some(rb), _) => (ra, rb),
        (None, Some(b)) => (ra, b()),
        (None, None) => unreachable!("the thread takes `b` only to run it"),
    }
}

/// Reads batches with `read` until it gives none, runs `work` on each on
/// `threads` threads (the calling thread alone if `threads` is 1 or no
/// thread can be started), each batch's work taking its [`Turn`] at `state`
/// in the order read; what turns hand on reaches `out` on the calling
/// thread, in that order.
pub(crate) fn in_order<'l, B, S, O>(
    threads: usize,
    read: impl FnMut() -> Option<B> + Send,
    state: &'l mut S,
    work: impl Fn(B, Turn<'_, 'l, &'l mut S, O>) + Sync,
    mut out: impl FnMut(O),
) where
    B: Send,
    S: Send,
    O: Send,
{
    let shared =
        Shared { turn: Mutex::new(Turns::new(state, threads)), next: Condvar::new(), stopped: AtomicBool::new(false) };
    let reader = Mutex::new((0u64, read));
    let next = || {
        let mut reader = lock(&reader);
        if shared.stopped.load(Ordering::Relaxed) {
            return None;
        }
        let batch = (reader.1)()?;
        let number = reader.0;
        reader.0 += 1;
        Some((number, batch))
    };
    if threads > 1 {
        let started = std::thread::scope(|scope| {
            // Made here, so that a callback that panics drops the receiver
            // and the workers, unable to hand on, stop rather than wait.
            let (sender, receiver): (SyncSender<Vec<O>>, Receiver<Vec<O>>) = sync_channel(WAITING / CHUNK);
            let mut started = 0;
            for worker in 0..threads {
                let sender = sender.clone();
                let (shared, next, work) = (&shared, &next, &work);
                let spawned = std::thread::Builder::new().spawn_scoped(scope, move || {
                    reserve_heap();
                    while let Some((number, batch)) = next() {
                        work(batch, Turn { number, worker, shared, out: Out::Channel(sender.clone()), taken: false });
                    }
                    // What was given back after this worker's last turn.
                    let returned = lock(&shared.turn).returned(worker);
                    drop(returned);
                });
                started += usize::from(spawned.is_ok());
            }
            drop(sender);
            if started > 0 {
                receiver.iter().flatten().for_each(&mut out);
            }
            started
        });
        if started > 0 {
            // Every worker is done: what the last turns handed on and did
            // not send comes after everything sent.
            std::mem::take(&mut lock(&shared.turn).chunk).into_iter().for_each(out);
            return;
        }
    }
    let callback: Mutex<&mut dyn FnMut(O)> = Mutex::new(&mut out);
    while let Some((number, batch)) = next() {
        work(batch, Turn { number, worker: 0, shared: &shared, out: Out::Direct(&callback), taken: false });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Batches of uneven work, on several threads: the state sees them in
    /// the order read, and so does the caller.
    /// How many things batch `n` hands on: one, or for every tenth batch
    /// more than two chunks.
    fn handed(n: u64) -> u64 {
        if n % 10 == 0 { CHUNK as u64 * 2 + 17 } else { 1 }
    }

    /// Batch `n`'s addition: it records `n` and hands on [`handed`]`(n)`
    /// things.
    fn record(seen: &mut &mut Vec<u64>, n: u64, out: &mut dyn FnMut(u64)) {
        seen.push(n);
        // Some batches hand on more than a chunk.
        for i in 0..handed(n) {
            out(n * 1000 + i);
        }
    }

    #[test]
    fn batches_are_taken_in_the_order_read_whatever_the_threads() {
        for threads in [1, 2, 3, 8] {
            let mut numbers = (0..200u64).collect::<Vec<_>>().into_iter();
            let mut seen = Vec::new();
            let mut handed_on = Vec::new();
            in_order(
                threads,
                move || numbers.next(),
                &mut seen,
                |n, turn: Turn<'_, '_, &mut Vec<u64>, u64>| {
                    // Uneven work: later batches often finish first.
                    let work: u64 = (0..(200 - n) * 500).fold(n, |a, b| a.wrapping_mul(31).wrapping_add(b));
                    std::hint::black_box(work);
                    if n % 7 == 3 {
                        return; // nothing to add: the turn passes on
                    }
                    turn.add(n, record);
                },
                |item| handed_on.push(item),
            );
            let expected: Vec<u64> = (0..200).filter(|n| n % 7 != 3).collect();
            assert_eq!(seen, expected, "{threads} threads");
            let in_order: Vec<u64> = expected.iter().flat_map(|&n| (0..handed(n)).map(move |i| n * 1000 + i)).collect();
            assert_eq!(handed_on, in_order, "{threads} threads");
        }
    }

    /// What batch 1's addition gives back: dropped, it notes which thread
    /// dropped it.
    struct Spent1(std::sync::Arc<Mutex<Option<std::thread::ThreadId>>>);

    impl Drop for Spent1 {
        fn drop(&mut self) {
            *lock(&self.0) = Some(std::thread::current().id());
        }
    }

    /// What the test of a left addition shares: the thread that worked on
    /// batch 1, and whether batch 1 was left.
    #[derive(Default)]
    struct Batch1 {
        worker: Mutex<Option<std::thread::ThreadId>>,
        left: Mutex<bool>,
        done: Condvar,
    }

    impl Batch1 {
        /// Batch 0's work: it waits until batch 1's work has finished, so
        /// that batch 1 is done first. Waiting is bounded, so that a
        /// regression fails the test rather than hang it.
        fn wait_for_batch_1(&self) {
            let guard = lock(&self.left);
            let wait = self.done.wait_timeout_while(guard, std::time::Duration::from_secs(30), |left| !*left);
            drop(wait.unwrap_or_else(PoisonError::into_inner));
        }

        fn batch_1_done(&self) {
            *lock(&self.worker) = Some(std::thread::current().id());
            *lock(&self.left) = true;
            self.done.notify_all();
        }
    }

    /// Batch 1 done before batch 0, on two threads or more: its worker does
    /// not wait for batch 0's turn but leaves its addition, which batch 0's
    /// worker makes after its own; what it gives back is dropped by the
    /// thread that worked on batch 1, and the additions keep their order.
    #[test]
    fn a_batch_done_early_is_left_for_the_turn_ahead_and_its_memory_goes_back_to_its_worker() {
        type State = Vec<(u64, std::thread::ThreadId)>;
        for threads in [2, 3, 8] {
            let batch1 = Batch1::default();
            let dropped = std::sync::Arc::new(Mutex::new(None));
            let mut numbers = 0..40u64;
            let mut added: State = Vec::new();
            in_order(
                threads,
                move || numbers.next(),
                &mut added,
                |n, turn: Turn<'_, '_, &mut State, ()>| {
                    if n == 0 {
                        batch1.wait_for_batch_1();
                    }
                    let spent = (n == 1).then(|| Spent1(dropped.clone()));
                    turn.add((n, spent), |added, (n, spent), _| {
                        added.push((n, std::thread::current().id()));
                        spent
                    });
                    if n == 1 {
                        batch1.batch_1_done();
                    }
                },
                |()| {},
            );
            let numbers: Vec<u64> = added.iter().map(|&(n, _)| n).collect();
            assert_eq!(numbers, (0..40).collect::<Vec<_>>(), "{threads} threads: in the order read");
            let worker1 = lock(&batch1.worker).expect("batch 1 was worked on");
            assert_ne!(added[1].1, worker1, "{threads} threads: batch 1 is added by another worker");
            assert_eq!(added[1].1, added[0].1, "{threads} threads: by batch 0's worker, after its own");
            assert_eq!(*lock(&dropped), Some(worker1), "{threads} threads: dropped by the thread that made it");
        }
    }

    /// An addition left for the turn ahead that panics when it is made:
    /// the turn passes on, the other workers finish, and the panic reaches
    /// the caller rather than a hang; also when the work of the batch
    /// ahead panicked first (its turn passed as it is dropped), rather
    /// than an abort.
    #[test]
    fn a_panicking_left_addition_ends_the_run_with_its_panic_not_a_hang() {
        for (threads, batch_0_panics) in [(2, false), (3, false), (2, true), (3, true)] {
            let (sender, receiver) = std::sync::mpsc::channel();
            std::thread::spawn(move || {
                let result = std::panic::catch_unwind(|| {
                    let batch1 = Batch1::default();
                    let mut numbers = 0..50u64;
                    let mut seen = Vec::new();
                    in_order(
                        threads,
                        move || numbers.next(),
                        &mut seen,
                        |n, turn: Turn<'_, '_, &mut Vec<u64>, ()>| {
                            if n == 0 {
                                batch1.wait_for_batch_1();
                                assert!(!batch_0_panics, "batch 0's work fails");
                            }
                            turn.add(n, |seen, n, _| {
                                assert!(n != 1, "batch 1's addition fails");
                                seen.push(n);
                            });
                            if n == 1 {
                                batch1.batch_1_done();
                            }
                        },
                        |()| {},
                    );
                });
                let _ = sender.send(result.is_err());
            });
            let panicked = receiver.recv_timeout(std::time::Duration::from_secs(120));
            assert_eq!(panicked, Ok(true), "{threads} threads, {batch_0_panics}: the run ends with the panic");
        }
    }

    /// A batch whose work panics passes its turn on: the other workers
    /// finish, and the panic reaches the caller rather than a hang.
    #[test]
    fn a_panicking_batch_ends_the_run_with_its_panic_not_a_hang() {
        for threads in [1, 2, 3] {
            let result = std::panic::catch_unwind(|| {
                let mut numbers = 0..50u64;
                let mut seen = Vec::new();
                in_order(
                    threads,
                    move || numbers.next(),
                    &mut seen,
                    |n, turn: Turn<'_, '_, &mut Vec<u64>, u64>| {
                        turn.add(n, |seen, n, _| {
                            assert!(n != 5, "batch 5 fails");
                            seen.push(n);
                        });
                    },
                    |_| {},
                );
                seen
            });
            assert!(result.is_err(), "{threads} threads");
        }
    }

    /// A callback on the calling thread that panics, with far more handed on
    /// than the channel holds: the workers stop and the panic reaches the
    /// caller rather than a hang.
    #[test]
    fn a_panicking_callback_stops_the_workers() {
        for threads in [1, 2, 3] {
            let result = std::panic::catch_unwind(|| {
                let mut numbers = 0..(WAITING as u64 * 10);
                let mut taken = 0u64;
                in_order(
                    threads,
                    move || numbers.next(),
                    &mut taken,
                    |n, turn: Turn<'_, '_, &mut u64, u64>| {
                        turn.add(n, |taken, n, out| {
                            **taken += 1;
                            out(n);
                        });
                    },
                    |n| assert!(n < 3, "the callback fails at 3"),
                );
                taken
            });
            assert!(result.is_err(), "{threads} threads");
        }
    }

    /// Inside a rayon pool, its number of threads; `join` then runs both
    /// halves, on two threads or on one, and gives their results in order.
    #[test]
    fn threads_and_join_follow_the_pool_they_are_called_in() {
        for size in [1, 2, 3] {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(size).build().expect("a pool");
            pool.install(|| {
                assert_eq!(threads(), size);
                let calling = std::thread::current().id();
                let (a, (b, other)) = join(|| 6 * 7, || ("b", std::thread::current().id() != calling));
                assert_eq!((a, b), (42, "b"));
                assert_eq!(other, size > 1, "{size} threads: `b` on a thread of its own only when there are two");
            });
        }
    }

    /// A panic in either half of `join` reaches the caller.
    #[test]
    fn a_panic_in_join_reaches_the_caller() {
        assert!(std::panic::catch_unwind(|| join(|| 1, || -> u8 { panic!("b fails") })).is_err());
        assert!(std::panic::catch_unwind(|| join(|| -> u8 { panic!("a fails") }, || 2)).is_err());
    }
}
