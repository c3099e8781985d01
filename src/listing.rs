//! A programme's listing of projects, read one entry at a time.
//!
//! A programme document that lists every project of a national corpus is
//! one large JSON text (19 MB for 100 000 projects) that would take several
//! times its size in memory once parsed. The rules and the aggregation need
//! little of each entry, so such a document can be read from its file
//! entry by entry ([`stream`]): the programme's own fields are parsed as
//! usual, and each listed project is handed to a collector and dropped. A
//! [`Listing`] keeps what the rules across documents need of the entries.

use std::cell::RefCell;
use std::fmt;
use std::io::Read;
use std::rc::Rc;

use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::{CollaborativeArea, Programme, ProgrammeProject};

/// Takes the entries of a programme being streamed.
type Handler = Box<dyn FnMut(ProgrammeProject)>;

thread_local! {
    /// Where [`projects`] hands the entries of the programme being streamed
    /// on this thread; `None` when none is (the entries are then kept).
    static COLLECTOR: RefCell<Option<Handler>> = const { RefCell::new(None) };
}

/// Deserializes `Programme::projects`: the entries, or, while a programme
/// is streamed on this thread, no entries, each handed to the collector.
pub(crate) fn projects<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<ProgrammeProject>, D::Error> {
    if COLLECTOR.with(|collector| collector.borrow().is_none()) {
        return crate::value::null_as_default(deserializer);
    }
    Option::<Handed>::deserialize(deserializer)?;
    Ok(Vec::new())
}

/// A sequence of entries, each handed to the collector as it is read.
struct Handed;

impl<'de> Deserialize<'de> for Handed {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_seq(Handed)
    }
}

impl<'de> Visitor<'de> for Handed {
    type Value = Handed;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Handed, A::Error> {
        while let Some(project) = seq.next_element::<ProgrammeProject>()? {
            COLLECTOR.with(|collector| {
                if let Some(collect) = collector.borrow_mut().as_mut() {
                    collect(project);
                }
            });
        }
        Ok(Handed)
    }
}

/// What a programme's entries are handed to as they are read.
pub(crate) trait Collect: 'static {
    /// Takes the next entry.
    fn entry(&mut self, project: ProgrammeProject);
}

/// Removes the collector from this thread when dropped, also when a
/// collector panics, so that a later parse on the thread keeps its entries.
struct Installed;

impl Drop for Installed {
    fn drop(&mut self) {
        COLLECTOR.with(|slot| slot.borrow_mut().take());
    }
}

/// Reads a programme from `reader`, handing each listed project to
/// `collector` in order instead of keeping it: the programme returned has
/// no `projects`. `Err` gives the collector back when the text is not a
/// valid programme (or not a programme at all); read it whole to learn why.
pub(crate) fn stream<C: Collect>(reader: impl Read, collector: C) -> Result<(Programme, C), C> {
    let shared = Rc::new(RefCell::new(collector));
    let handle = Rc::clone(&shared);
    // Nothing below starts other work on this thread (no rayon call), so no
    // other programme can be read on it while this one is.
    COLLECTOR.with(|slot| *slot.borrow_mut() = Some(Box::new(move |project| handle.borrow_mut().entry(project))));
    let installed = Installed;
    let mut deserializer = serde_json::Deserializer::from_reader(reader);
    let read = Programme::deserialize(crate::json::Strict(&mut deserializer)).and_then(|programme| {
        deserializer.end()?;
        Ok(programme)
    });
    // Dropping the boxed closure gives `shared` its only owner back.
    drop(installed);
    let collector = match Rc::try_unwrap(shared) {
        Ok(collector) => collector.into_inner(),
        Err(_) => unreachable!("the collector's only other owner was dropped above"),
    };
    match read {
        Ok(programme) => Ok((programme, collector)),
        Err(_) => Err(collector),
    }
}

/// Whether the JSON object `reader` holds names itself a programme
/// (`"document_type": "programme"`), read only as far as that member: its
/// first bytes where it comes first, as it does in documents this crate
/// writes. Members before it are skipped without being kept. Anything that
/// is not such an object is not a programme here.
pub(crate) fn is_programme(reader: impl Read) -> bool {
    /// Sets `found` when it meets `document_type`, and stops there.
    struct Kind<'a>(&'a mut Option<bool>);

    impl<'de> Visitor<'de> for Kind<'_> {
        type Value = ();

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a document")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            while let Some(key) = map.next_key::<String>()? {
                if key == "document_type" {
                    *self.0 = Some(map.next_value::<String>()? == "programme");
                    return Ok(());
                }
                map.next_value::<IgnoredAny>()?;
            }
            Ok(())
        }
    }

    let mut found = None;
    // Stopped at `document_type`, the reader reports the rest of the object
    // as unread: an error that says nothing about the document.
    let _ = serde_json::Deserializer::from_reader(reader).deserialize_map(Kind(&mut found));
    found == Some(true)
}

/// One listed project: its id, `document` and collaborative area. The id
/// (at most 64 bytes) and the `document` text follow each other in the
/// listing's texts from `start`. 8 bytes: a programme may list 100 000
/// projects.
#[derive(Debug, Clone, Copy)]
struct Entry {
    start: u32,
    /// The length of the `document` text; `u16::MAX` when there is none.
    document_len: u16,
    id_len: u8,
    area: CollaborativeArea,
}

const _: () = assert!(std::mem::size_of::<Entry>() == 8);

impl Entry {
    fn id(self) -> (usize, usize) {
        (self.start as usize, usize::from(self.id_len))
    }

    fn document(self) -> Option<(usize, usize)> {
        (self.document_len != u16::MAX)
            .then(|| (self.start as usize + usize::from(self.id_len), usize::from(self.document_len)))
    }
}

/// Entries a chunk of a [`Listing`] holds (64 KiB of them).
const CHUNK_ENTRIES: usize = 1 << 13;

/// Bytes of text a chunk of a [`Listing`] holds: more than an entry's id
/// (at most 255 bytes kept) and `document` (at most 65 534) together, so
/// that an entry's texts are in one chunk.
const CHUNK_TEXT: usize = 1 << CHUNK_TEXT_BITS;
const CHUNK_TEXT_BITS: u32 = 17;

/// The most chunks of text: where texts start is a `u32` (and fits a
/// `usize` of 32 bits, as in a browser).
const MOST_TEXT_CHUNKS: usize = 1 << (32 - CHUNK_TEXT_BITS);

/// What the rules across documents need of a programme's entries, in
/// order: each project's id, `document` and collaborative area, the texts
/// kept in chunks of one string, and the entries in the order of their
/// ids, to find one (about 12 bytes an entry and its id, and the
/// `document` text where there is one).
///
/// Entries and texts are kept in chunks of fixed size rather than in one
/// growing buffer: a programme that lists 100 000 projects then takes what
/// its entries need, not up to twice as much while the buffer doubles, and
/// no buffer is copied as it grows. The first chunk grows as a buffer does,
/// so a short listing stays small.
#[derive(Debug, Clone, Default)]
pub(crate) struct Listing {
    /// An entry's texts start at `chunk * CHUNK_TEXT + offset`.
    texts: Vec<String>,
    entries: Vec<Vec<Entry>>,
    len: usize,
    /// The entries by id, then in order; built by [`Listing::index`].
    by_id: Vec<u32>,
}

/// One entry of a [`Listing`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Listed<'a> {
    pub(crate) id: &'a str,
    pub(crate) document: Option<&'a str>,
    pub(crate) area: CollaborativeArea,
}

impl Listing {
    /// The listing of every project `programme` lists, indexed.
    pub(crate) fn of(programme: &Programme) -> Self {
        let mut listing = Listing::default();
        for project in &programme.projects {
            listing.push(project);
        }
        listing.index();
        listing
    }

    /// Adds the next entry.
    ///
    /// Past 4 GiB of texts (tens of millions of entries) an entry's texts
    /// are no longer kept and read as `…`, as in the cross index; so does a
    /// `document` text of more than 65 534 bytes (a file name has at most a
    /// few thousand).
    pub(crate) fn push(&mut self, project: &ProgrammeProject) {
        let id = project.id.as_str();
        // A `document` too long to keep reads as `…`: it is still there.
        let (document, document_len) = match project.document.as_deref() {
            Some(document) => match u16::try_from(document.len()).ok().filter(|&len| len < u16::MAX) {
                Some(len) => (Some(document), len),
                None => (Some(""), 0),
            },
            None => (None, u16::MAX),
        };
        let kept = u8::try_from(id.len()).ok().and_then(|id_len| {
            let start = self.keep(&[id, document.unwrap_or("")])?;
            Some((start, document_len, id_len))
        });
        // Not kept: the id reads as `…`, and so does a `document`.
        let (start, document_len, id_len) = kept.unwrap_or((0, if document.is_some() { 0 } else { u16::MAX }, 0));
        if self.entries.last().is_none_or(|chunk| chunk.len() == CHUNK_ENTRIES) {
            let capacity = if self.entries.is_empty() { 0 } else { CHUNK_ENTRIES };
            self.entries.push(Vec::with_capacity(capacity));
        }
        if let Some(chunk) = self.entries.last_mut() {
            chunk.push(Entry { start, document_len, id_len, area: project.collaborative_area });
        }
        self.len += 1;
    }

    /// Keeps `texts` one after the other in one chunk, and gives where they
    /// start; `None` past 4 GiB.
    fn keep(&mut self, texts: &[&str]) -> Option<u32> {
        let needed: usize = texts.iter().map(|text| text.len()).sum();
        if self.texts.last().is_none_or(|chunk| chunk.len() + needed > CHUNK_TEXT) {
            if self.texts.len() >= MOST_TEXT_CHUNKS {
                return None;
            }
            let capacity = if self.texts.is_empty() { 0 } else { CHUNK_TEXT };
            self.texts.push(String::with_capacity(capacity));
        }
        let chunk = self.texts.len() - 1;
        let start = u32::try_from(chunk * CHUNK_TEXT + self.texts[chunk].len()).ok()?;
        texts.iter().for_each(|text| self.texts[chunk].push_str(text));
        Some(start)
    }

    fn text(&self, (start, len): (usize, usize)) -> &str {
        let (chunk, offset) = (start / CHUNK_TEXT, start % CHUNK_TEXT);
        let text = self.texts.get(chunk).and_then(|texts| texts.get(offset..offset + len));
        text.filter(|text| !text.is_empty()).unwrap_or("…")
    }

    fn entry(&self, at: usize) -> Option<Entry> {
        self.entries.get(at / CHUNK_ENTRIES)?.get(at % CHUNK_ENTRIES).copied()
    }

    /// Sorts the entries by id for [`Listing::find`] and
    /// [`Listing::duplicates`]: 4 bytes an entry.
    pub(crate) fn index(&mut self) {
        if self.by_id.len() == self.len {
            return;
        }
        let mut by_id = Vec::with_capacity(self.len);
        by_id.extend((0..self.len).filter_map(|at| u32::try_from(at).ok()));
        // The entries with one id in order, by their place: the same order
        // as a stable sort, without its buffer (half the entries).
        by_id.sort_unstable_by(|&a, &b| self.id(a).cmp(self.id(b)).then(a.cmp(&b)));
        self.by_id = by_id;
    }

    fn id(&self, at: u32) -> &str {
        self.entry(at as usize).map_or("", |entry| self.text(entry.id()))
    }

    /// The first entry with `id`, and its place; [`Listing::index`] first.
    pub(crate) fn find(&self, id: &str) -> Option<(usize, Listed<'_>)> {
        let first = self.by_id.partition_point(|&at| self.id(at) < id);
        let at = *self.by_id.get(first).filter(|&&at| self.id(at) == id)? as usize;
        Some((at, self.get(at)?))
    }

    /// Every entry whose id an earlier entry has, with the first entry with
    /// it, in order; [`Listing::index`] first.
    pub(crate) fn duplicates(&self) -> Vec<(u32, u32)> {
        let mut duplicates = Vec::new();
        for group in self.by_id.chunk_by(|&a, &b| self.id(a) == self.id(b)) {
            if let [first, rest @ ..] = group {
                duplicates.extend(rest.iter().map(|&at| (at, *first)));
            }
        }
        duplicates.sort_unstable();
        duplicates
    }

    /// How many projects are listed.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Entry `at`, if there is one.
    pub(crate) fn get(&self, at: usize) -> Option<Listed<'_>> {
        let entry = self.entry(at)?;
        Some(Listed { id: self.text(entry.id()), document: entry.document().map(|at| self.text(at)), area: entry.area })
    }

    /// The entries in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = Listed<'_>> + '_ {
        (0..self.len).filter_map(|at| self.get(at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Id;
    use crate::corpus::Generator;

    struct Panics;

    impl Collect for Panics {
        fn entry(&mut self, _: ProgrammeProject) {
            panic!("a collector that fails");
        }
    }

    #[test]
    fn a_programme_parsed_after_a_collector_panicked_keeps_its_entries() {
        let json = serde_json::to_string(&Generator::new(1).programme(3)).unwrap();
        let panicked = std::panic::catch_unwind(|| stream(json.as_bytes(), Panics).is_ok());
        assert!(panicked.is_err());
        let programme = Programme::from_json(&json).unwrap();
        assert_eq!(programme.projects.len(), 3);
    }

    /// A programme is told by its `document_type` wherever that comes,
    /// read only up to it when it comes first, as this crate writes it.
    #[test]
    fn a_programme_is_told_by_its_document_type_wherever_it_comes() {
        let generator = Generator::new(1);
        let programme = serde_json::to_string(&generator.programme(3)).unwrap();
        let project = serde_json::to_string(&generator.project(0)).unwrap();
        assert!(programme.starts_with(r#"{"document_type":"programme""#), "{programme:.40}");
        assert!(is_programme(programme.as_bytes()));
        assert!(!is_programme(project.as_bytes()));
        // Cut short after its `document_type`: that is all it reads.
        assert!(is_programme(&programme.as_bytes()[..40]));
        assert!(!is_programme(&project.as_bytes()[..40]));
        // Last, after the entries, with spaces.
        let rest = programme.strip_prefix(r#"{"document_type":"programme","#).unwrap();
        let last = format!(r#"{{ {} , "document_type" : "programme" }}"#, rest.strip_suffix('}').unwrap());
        assert!(serde_json::from_str::<serde_json::Value>(&last).is_ok(), "{last}");
        assert!(is_programme(last.as_bytes()));
        for other in [r#"{"document_type": 1}"#, r#"["programme"]"#, r#""programme""#, "", "{", r#"{"id":"x"}"#] {
            assert!(!is_programme(other.as_bytes()), "{other}");
        }
    }

    #[test]
    fn repeated_ids_point_to_their_first_entry_however_many_there_are() {
        let mut programme = Generator::new(1).programme(300);
        for (at, project) in programme.projects.iter_mut().enumerate() {
            project.id = Id::new(format!("p{}", (at * 7) % 5)).unwrap();
        }
        let mut listing = Listing::default();
        programme.projects.iter().for_each(|project| listing.push(project));
        listing.index();
        let duplicates = listing.duplicates();
        assert_eq!(duplicates.len(), 295);
        for (at, first) in duplicates {
            let id = programme.projects[at as usize].id.as_str();
            let expected = programme.projects.iter().position(|p| p.id == id).unwrap();
            assert_eq!(first as usize, expected, "{id}");
        }
        assert_eq!(listing.find("p3").map(|(at, _)| at), Some(4));
    }

    #[test]
    fn a_listing_finds_the_first_entry_with_an_id_and_the_repeats() {
        let mut programme = Generator::new(1).programme(5);
        programme.projects[3].id = programme.projects[1].id.clone();
        programme.projects[4].document = Some("projects/p4.json".to_owned());
        programme.projects[2].document = Some("p2.json".to_owned());
        let listing = Listing::of(&programme);
        assert_eq!(listing.len(), 5);
        let (at, listed) = listing.find(programme.projects[1].id.as_str()).unwrap();
        assert_eq!((at, listed.document), (1, None));
        assert_eq!(listing.get(4).unwrap().document, Some("projects/p4.json"));
        assert_eq!(listing.get(2).unwrap().document, Some("p2.json"));
        assert_eq!(listing.get(3).unwrap().document, None);
        assert_eq!(listing.find("p-none"), None);
        assert_eq!(listing.duplicates(), [(3, 1)]);
        let ids: Vec<&str> = listing.iter().map(|listed| listed.id).collect();
        let expected: Vec<&str> = programme.projects.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, expected);
    }

    #[test]
    fn a_listing_longer_than_a_chunk_reads_back_every_entry() {
        let mut programme = Generator::new(1).programme(2);
        let areas = [programme.projects[0].collaborative_area, programme.projects[1].collaborative_area];
        let template = programme.projects.pop().unwrap();
        programme.projects = (0..3 * CHUNK_ENTRIES + 5).map(|_| template.clone()).collect();
        for (at, project) in programme.projects.iter_mut().enumerate() {
            project.id = Id::new(format!("p{at}")).unwrap();
            project.collaborative_area = areas[at % 2];
            // Texts of several chunks, one `document` nearly half a chunk.
            let long = if at == 7 { "d".repeat(60_000) } else { String::new() };
            project.document = (at % 3 != 0).then(|| format!("projects/{at}.json{long}"));
        }
        let listing = Listing::of(&programme);
        assert!(listing.texts.len() > 1 && listing.entries.len() == 4, "{} chunks", listing.texts.len());
        assert_eq!(listing.len(), programme.projects.len());
        for (at, project) in programme.projects.iter().enumerate() {
            let expected = Listed {
                id: project.id.as_str(),
                document: project.document.as_deref(),
                area: project.collaborative_area,
            };
            assert_eq!(listing.get(at), Some(expected), "entry {at}");
            assert_eq!(listing.find(project.id.as_str()).map(|(found, _)| found), Some(at));
        }
        assert_eq!(listing.get(programme.projects.len()), None);
    }

    #[test]
    fn a_document_too_long_to_keep_reads_as_an_ellipsis_and_its_entry_is_found() {
        let mut programme = Generator::new(1).programme(3);
        programme.projects[1].document = Some("d".repeat(usize::from(u16::MAX)));
        programme.projects[2].document = Some("d".repeat(usize::from(u16::MAX) - 1));
        let listing = Listing::of(&programme);
        let (at, listed) = listing.find(programme.projects[1].id.as_str()).unwrap();
        assert_eq!((at, listed.document), (1, Some("…")));
        assert_eq!(listing.get(2).unwrap().document.map(str::len), Some(usize::from(u16::MAX) - 1));
        assert_eq!(listing.get(0).unwrap().document, None);
    }
}
