//! Texts kept in chunks of a fixed size, for the indexes of the rules
//! across documents: a text is found again by its [`Span`], eight bytes.
//! Chunks are allocated at their whole size and never grow, so that an
//! index neither keeps the spare half of a buffer that grew by doubling nor
//! holds two copies of one while it is moved to a larger place.

/// The bytes of a chunk of texts (a longer text gets a chunk of its own).
const TEXT_CHUNK: usize = 64 << 10;

/// Texts kept one after another in chunks.
#[derive(Debug, Default)]
pub(super) struct Arena(Vec<String>);

/// Where a text is in an [`Arena`]: its chunk (the top 16 bits of `start`),
/// its first byte there (the low 16) and its length.
#[derive(Debug, Clone, Copy)]
pub(super) struct Span {
    pub(super) start: u32,
    pub(super) len: u32,
}

impl Arena {
    /// Keeps `text`, or `None` past 65 536 chunks (4 GiB of texts).
    fn try_put(&mut self, text: &str) -> Option<Span> {
        let len = u32::try_from(text.len()).ok()?;
        let fits = self.0.last().is_some_and(|chunk| chunk.len() + text.len() <= TEXT_CHUNK);
        if !fits {
            if self.0.len() > usize::from(u16::MAX) {
                return None;
            }
            self.0.push(String::with_capacity(TEXT_CHUNK.max(text.len())));
        }
        let chunk = u32::try_from(self.0.len() - 1).ok()?;
        let last = self.0.last_mut()?;
        // Below 64 KiB in a shared chunk; 0 in a chunk of its own.
        let at = u32::try_from(last.len()).ok()?;
        last.push_str(text);
        Some(Span { start: (chunk << 16) | at, len })
    }

    /// Keeps `text`; past 4 GiB of texts (some sixty million organisations)
    /// a text is no longer kept and [`Arena::get`] shows `…` for it.
    pub(super) fn put(&mut self, text: &str) -> Span {
        self.try_put(text).unwrap_or(Span { start: 0, len: 0 })
    }

    /// The text at `span`, exactly.
    fn text(&self, span: Span) -> &str {
        let (chunk, at, len) = ((span.start >> 16) as usize, (span.start & 0xFFFF) as usize, span.len as usize);
        self.0.get(chunk).and_then(|chunk| chunk.get(at..at + len)).unwrap_or_default()
    }

    /// The text at `span` for a message: `…` for a text not kept.
    pub(super) fn get(&self, span: Span) -> &str {
        Some(self.text(span)).filter(|t| !t.is_empty()).unwrap_or("…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_come_back_across_chunks_and_a_long_one_has_its_own() {
        let mut arena = Arena::default();
        let long = "x".repeat(TEXT_CHUNK + 10);
        let mut kept = Vec::new();
        for n in 0..20_000 {
            let text = if n == 7_000 { long.clone() } else { format!("organisation-{n}") };
            kept.push((arena.put(&text), text));
        }
        // 20 000 texts of about 17 bytes and one of 64 KiB: a handful of chunks.
        assert!(arena.0.len() <= 8, "{} chunks", arena.0.len());
        assert!(arena.0.iter().all(|chunk| chunk.capacity() == TEXT_CHUNK || chunk.len() == long.len()));
        for (span, text) in &kept {
            assert_eq!(arena.text(*span), text);
        }
        let empty = arena.put("");
        assert_eq!(arena.get(empty), "…");
    }
}
