//! Fingerprints of ids, and tables keyed by them, for the rules across
//! documents and the report's count of shared outputs: an id is kept as 96
//! bits (64 to find it, 32 to check a match) rather than as text, and the
//! tables are split in 256 shards so that growing one never holds two
//! copies of the whole table in memory.

use std::collections::HashMap;
use std::hash::{BuildHasher, BuildHasherDefault, Hash, Hasher};

use crate::Text;

/// 64 bits of a fingerprint, aligned to 4 bytes so that a table entry
/// with a `u32` value takes 12 bytes rather than 16.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Key([u32; 2]);

impl Key {
    pub(crate) fn new(value: u64) -> Self {
        // The two halves of the value, kept apart for the alignment.
        #[allow(clippy::cast_possible_truncation)]
        Key([(value >> 32) as u32, value as u32])
    }

    pub(crate) fn value(self) -> u64 {
        (u64::from(self.0[0]) << 32) | u64::from(self.0[1])
    }
}

impl Hash for Key {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.value());
    }
}

/// A table keyed by fingerprints, in 256 shards chosen by bits 48 to 55
/// (the table itself uses the low bits for places and the top seven as
/// tags), so that no resize copies more than a 256th of it. The shards are
/// made at the first use that adds to them: an empty table (one for each
/// project's own summary) allocates nothing.
#[derive(Debug, Clone)]
pub(crate) struct Shards<V> {
    shards: Vec<HashMap<Key, V, BuildHasherDefault<Fingerprinted>>>,
}

impl<V> Default for Shards<V> {
    fn default() -> Self {
        Shards { shards: Vec::new() }
    }
}

impl<V> Shards<V> {
    pub(crate) fn shard(&mut self, key: u64) -> &mut HashMap<Key, V, BuildHasherDefault<Fingerprinted>> {
        if self.shards.is_empty() {
            self.shards = (0..256).map(|_| HashMap::default()).collect();
        }
        let at = usize::from((key >> 48) as u8);
        &mut self.shards[at]
    }

    pub(crate) fn get(&mut self, key: u64) -> Option<&V> {
        if self.shards.is_empty() {
            return None;
        }
        self.shard(key).get(&Key::new(key))
    }

    pub(crate) fn insert(&mut self, key: u64, value: V) {
        self.shard(key).insert(Key::new(key), value);
    }
}

/// A hasher for keys that are already hashes: passes the `u64` through.
#[derive(Debug, Default, Clone)]
pub(crate) struct Fingerprinted(u64);

impl Hasher for Fingerprinted {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u64` is used; fold anything else in for safety.
        for &byte in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(byte);
        }
    }
    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
}

/// Two independently seeded hashes (foldhash's quality hasher, seeded at
/// random for each index, so that no document can be written to collide).
#[derive(Debug, Default, Clone)]
pub(crate) struct Fingerprints {
    first: foldhash::quality::RandomState,
    second: foldhash::quality::RandomState,
}

impl Fingerprints {
    /// 96 bits of an id (or any value): 64 for the table, 32 to check a
    /// match.
    pub(crate) fn of(&self, id: impl Hash + Copy) -> (u64, u32) {
        // Keeping the low 32 bits of the second hash is the intent.
        #[allow(clippy::cast_possible_truncation)]
        let check = self.second.hash_one(id) as u32;
        (self.first.hash_one(id), check)
    }

    /// A fingerprint of a whole text, every language.
    pub(crate) fn of_text(&self, text: &Text) -> u64 {
        self.first.hash_one(text)
    }
}
