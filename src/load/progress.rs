//! Telling a caller how reading goes, for a progress line.

use std::fmt;
use std::sync::Arc;

/// A function told, after each document is read, how many have been read
/// so far ([`Files::with_progress`](super::Files::with_progress)); called
/// on the reading thread, in order, so it should be quick (a counter, a
/// progress bar's `inc`).
#[derive(Clone)]
pub struct Progress(Arc<dyn Fn(u64) + Send + Sync>);

impl Progress {
    /// Calls `each` with the number of documents read so far.
    pub fn new(each: impl Fn(u64) + Send + Sync + 'static) -> Self {
        Progress(Arc::new(each))
    }

    pub(super) fn tell(&self, read: u64) {
        (self.0)(read);
    }
}

impl fmt::Debug for Progress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Progress(..)")
    }
}
