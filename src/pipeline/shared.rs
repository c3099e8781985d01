//! Pieces made on two threads at once and written in order on the calling
//! thread: how `report` makes and lays out its tables.
//!
//! The calling thread makes the pieces from the first on and writes each as
//! soon as it is made; the other makes them from the last back, and they
//! meet. So each thread keeps a core of its own until the pieces run out,
//! and neither waits for the other but at the end, however late the other
//! thread starts (about 3 ms on a two-core machine that was busy just
//! before) and however uneven the pieces are. A thread that made pieces
//! for another to lay out, handed on one at a time, was woken on the
//! other's core and shared it: by `perf sched`, the second core stayed idle
//! through the tables of a report of 1 000 projects.

use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

/// What both threads share, under one lock.
struct State<P> {
    /// The first piece the calling thread has not taken.
    front: usize,
    /// The last piece the other thread took (the pieces from here on are
    /// its).
    back: usize,
    /// Pieces the other thread made and the calling thread has not
    /// written, by number.
    made: Vec<Option<P>>,
    /// The size of the pieces in `made`.
    waiting: usize,
    /// Pieces written, kept to be made again: each thread then makes its
    /// pieces in memory it already had (a report's tables are up to half a
    /// megabyte of text each, which glibc would map and unmap afresh).
    spare: Vec<P>,
    /// Set when the calling thread stops writing: done, failed or
    /// unwinding.
    stopped: bool,
    /// Set when the other thread stops: done, stopped or unwinding.
    helper_gone: bool,
}

/// The lock, the wake-up, and how pieces are made and measured.
struct Shared<'f, P> {
    state: Mutex<State<P>>,
    changed: Condvar,
    make: &'f (dyn Fn(usize, &mut P) + Sync),
    size: fn(&P) -> usize,
    most_waiting: usize,
}

impl<P: Default> Shared<'_, P> {
    fn lock(&self) -> MutexGuard<'_, State<P>> {
        super::lock(&self.state)
    }

    fn wait<'s>(&'s self, guard: MutexGuard<'s, State<P>>) -> MutexGuard<'s, State<P>> {
        self.changed.wait(guard).unwrap_or_else(PoisonError::into_inner)
    }

    /// Makes piece `number` in a spare piece, if there is one.
    fn make_piece(&self, number: usize, spare: Option<P>) -> P {
        let mut piece = spare.unwrap_or_default();
        (self.make)(number, &mut piece);
        piece
    }

    /// The other thread: makes pieces from the last back until it meets
    /// the calling thread or the writing stops, waiting while
    /// `most_waiting` or more waits to be written.
    fn help(&self) {
        let _gone = Gone(self, |state| state.helper_gone = true);
        let mut state = self.lock();
        loop {
            if state.stopped || state.front >= state.back {
                return;
            }
            if state.waiting >= self.most_waiting {
                state = self.wait(state);
                continue;
            }
            state.back -= 1;
            let (number, spare) = (state.back, state.spare.pop());
            drop(state);
            let piece = self.make_piece(number, spare);
            state = self.lock();
            state.waiting += (self.size)(&piece);
            state.made[number] = Some(piece);
            self.changed.notify_all();
        }
    }

    /// The calling thread: makes each piece in order and writes it, until
    /// it comes to those the other thread made, which it writes as they
    /// are made.
    fn write<E>(&self, mut write: impl FnMut(&P) -> Result<(), E>) -> Result<(), E> {
        let _stopped = Gone(self, |state| state.stopped = true);
        let count = self.lock().made.len();
        for number in 0..count {
            let mut state = self.lock();
            let piece = if number < state.back {
                state.front = number + 1;
                let spare = state.spare.pop();
                drop(state);
                self.make_piece(number, spare)
            } else {
                let piece = loop {
                    if let Some(piece) = state.made[number].take() {
                        state.waiting -= (self.size)(&piece);
                        break piece;
                    }
                    if state.helper_gone {
                        // The other thread panicked making this piece: the
                        // panic is raised when it is joined.
                        return Ok(());
                    }
                    state = self.wait(state);
                };
                drop(state);
                self.changed.notify_all();
                piece
            };
            write(&piece)?;
            self.lock().spare.push(piece);
        }
        Ok(())
    }
}

/// On drop, even while unwinding: changes the state and wakes the other
/// thread, so that it never waits for a thread that has stopped.
struct Gone<'s, 'f, P: Default>(&'s Shared<'f, P>, fn(&mut State<P>));

impl<P: Default> Drop for Gone<'_, '_, P> {
    fn drop(&mut self) {
        (self.1)(&mut self.0.lock());
        self.0.changed.notify_all();
    }
}

/// Makes `count` pieces with `make`, on the calling thread and one other
/// at once where [`super::join`] has one, and gives them to `write` in
/// order on the calling thread. `make(n, piece)` makes piece `n` in
/// `piece`, a new one or one already written (which it replaces whole).
/// The other thread begins no piece while pieces of `most_waiting` or
/// more (as `size` measures them) wait to be written: at most that, and a
/// piece each thread is making, is held at once. Stops at the first failed
/// write, and returns it.
pub(crate) fn made_in_order<P: Default + Send, E>(
    count: usize,
    make: &(dyn Fn(usize, &mut P) + Sync),
    size: fn(&P) -> usize,
    most_waiting: usize,
    write: impl FnMut(&P) -> Result<(), E>,
) -> Result<(), E> {
    let made = std::iter::repeat_with(|| None).take(count).collect();
    let state =
        State { front: 0, back: count, made, waiting: 0, spare: Vec::new(), stopped: false, helper_gone: false };
    let shared = Shared { state: Mutex::new(state), changed: Condvar::new(), make, size, most_waiting };
    super::join(|| shared.write(write), || shared.help()).0
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::thread::ThreadId;
    use std::time::{Duration, Instant};

    /// Piece `n`, made in `piece`: `n`, once or twice, after a short wait
    /// (longer for some) so that the threads' pieces interleave.
    fn piece(n: usize, piece: &mut Vec<usize>) {
        std::thread::sleep(Duration::from_micros(if n % 3 == 0 { 600 } else { 200 }));
        piece.clear();
        piece.resize(1 + n % 2, n);
    }

    /// Called as each piece is begun, with `here` the calling thread: notes
    /// a piece begun on another thread, and holds the calling thread's
    /// first piece until one is (where there is a second thread and it may
    /// begin one, for at most ten seconds), so that the second thread takes
    /// part however busy the machine.
    fn begin(n: usize, here: ThreadId, begun_there: &AtomicBool, most_waiting: usize) {
        if std::thread::current().id() != here {
            begun_there.store(true, Ordering::SeqCst);
        } else if n == 0 && super::super::threads() > 1 && most_waiting > 0 {
            let start = Instant::now();
            while !begun_there.load(Ordering::SeqCst) && start.elapsed() < Duration::from_secs(10) {
                std::thread::sleep(Duration::from_millis(1));
            }
        }
    }

    #[test]
    fn pieces_are_written_in_order_once_each() {
        let here = std::thread::current().id();
        for most_waiting in [0, 1, 5, usize::MAX] {
            let (made, begun_there) = (Mutex::new(Vec::new()), AtomicBool::new(false));
            let make = |n, p: &mut Vec<usize>| {
                begin(n, here, &begun_there, most_waiting);
                piece(n, p);
                made.lock().unwrap().push(std::thread::current().id());
            };
            let mut written = Vec::new();
            let done: Result<(), ()> = made_in_order(50, &make, Vec::len, most_waiting, |p| {
                written.push(p.clone());
                Ok(())
            });
            assert_eq!(done, Ok(()));
            let expected: Vec<Vec<usize>> = (0..50).map(|n| vec![n; 1 + n % 2]).collect();
            assert_eq!(written, expected, "{most_waiting}");
            let made = made.into_inner().unwrap();
            assert_eq!(made.len(), 50);
            // With a second thread, it made some of them (none where no
            // piece may wait).
            if super::super::threads() > 1 && most_waiting > 0 {
                assert!(made.iter().any(|&thread| thread != here), "{most_waiting}");
            }
        }
    }

    #[test]
    fn no_more_than_most_waiting_is_held_beyond_the_pieces_being_made() {
        // Each piece has size 1; a write takes long, so the other thread
        // runs ahead as far as it may.
        let held = AtomicUsize::new(0);
        let most = AtomicUsize::new(0);
        let make = |n: usize, p: &mut usize| {
            let now = held.fetch_add(1, Ordering::SeqCst) + 1;
            most.fetch_max(now, Ordering::SeqCst);
            *p = n;
        };
        let done: Result<(), ()> = made_in_order(
            40,
            &make,
            |_| 1,
            3,
            |_| {
                std::thread::sleep(std::time::Duration::from_millis(1));
                held.fetch_sub(1, Ordering::SeqCst);
                Ok(())
            },
        );
        assert_eq!(done, Ok(()));
        // The other thread begins a piece only while fewer than three wait;
        // the calling thread makes one at a time, and writes it.
        assert!(most.load(Ordering::SeqCst) <= 3 + 1, "{}", most.load(Ordering::SeqCst));
    }

    #[test]
    fn a_failed_write_stops_the_writing_and_is_returned() {
        let mut writes = 0;
        let done = made_in_order(30, &piece, Vec::len, usize::MAX, |_| {
            writes += 1;
            if writes == 4 { Err("closed") } else { Ok(()) }
        });
        assert_eq!((done, writes), (Err("closed"), 4));
    }

    #[test]
    fn a_panic_making_a_piece_reaches_the_caller_rather_than_hanging() {
        // The first and second on the calling thread, the last two on the
        // other (it begins at the last), one between.
        let here = std::thread::current().id();
        for bad in [0, 1, 7, 28, 29] {
            let begun_there = AtomicBool::new(false);
            let make = |n, p: &mut Vec<usize>| {
                begin(n, here, &begun_there, 4);
                if n == bad { panic!("piece {n}") } else { piece(n, p) }
            };
            let caught = std::panic::catch_unwind(|| {
                let _ = made_in_order(30, &make, Vec::len, 4, |_| Ok::<(), ()>(()));
            });
            let message = caught.expect_err("the panic").downcast::<String>().map(|s| *s);
            assert_eq!(message.ok(), Some(format!("piece {bad}")));
        }
    }
}
