//! Texts kept one after another in one buffer, without an allocation
//! each, for the indexes of the rules across documents: a text is found
//! again by its [`Span`], eight bytes.

/// Texts kept one after another in one buffer.
#[derive(Debug, Default)]
pub(super) struct Arena(String);

/// Where a text is in an [`Arena`]: its first byte and its length.
#[derive(Debug, Clone, Copy)]
pub(super) struct Span {
    pub(super) start: u32,
    pub(super) len: u32,
}

impl Arena {
    /// Keeps `text`, or `None` past 4 GiB of texts.
    pub(super) fn try_put(&mut self, text: &str) -> Option<Span> {
        let start = u32::try_from(self.0.len()).ok()?;
        let len = u32::try_from(text.len()).ok()?;
        start.checked_add(len)?;
        self.0.push_str(text);
        Some(Span { start, len })
    }

    /// Keeps `text`; past 4 GiB of texts (some sixty million organisations)
    /// a text is no longer kept and [`Arena::get`] shows `…` for it.
    pub(super) fn put(&mut self, text: &str) -> Span {
        self.try_put(text).unwrap_or(Span { start: 0, len: 0 })
    }

    /// The text at `span`, exactly.
    pub(super) fn text(&self, span: Span) -> &str {
        let (start, len) = (span.start as usize, span.len as usize);
        self.0.get(start..start + len).unwrap_or_default()
    }

    /// The text at `span` for a message: `…` for a text not kept.
    pub(super) fn get(&self, span: Span) -> &str {
        Some(self.text(span)).filter(|t| !t.is_empty()).unwrap_or("…")
    }
}
