//! The walk as it was first written, kept to test the typed walk against:
//! a `serde::Serializer` that goes through everything the crate writes,
//! keeping only the path to the value it is at. It knows nothing of the
//! record types, so it cannot miss a field; the typed walk must find what
//! it finds and look at the same strings.

use foldhash::HashSet;
use std::fmt;

use super::Found;

use serde::ser::{self, Serialize};

/// One step of the path from the document's root; `Copy`, so that a step
/// costs no allocation or drop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Segment {
    Field(&'static str),
    Index(usize),
    /// A map key (only maps outside `extensions`; none in schema 1.1): its
    /// place in [`Walker::keys`].
    Key(usize),
}

/// Walks `document` once; `known` are the ids of its source documents.
/// Returns what was found and the pointers of the strings written with
/// `serialize_str` (every string held as a `String`), in order.
pub(super) fn walk<T: Serialize + ?Sized>(document: &T, known: &HashSet<&str>) -> (Found, Vec<String>) {
    let mut walker = Walker {
        path: Vec::with_capacity(8),
        keys: Vec::new(),
        known,
        found: Found::default(),
        scratch: String::new(),
        visited: Vec::new(),
    };
    // The walker's own methods never fail; a custom `Serialize` impl that
    // does ends the walk, keeping what was found so far.
    let _ = document.serialize(&mut walker);
    (walker.found, walker.visited)
}

struct Walker<'k> {
    path: Vec<Segment>,
    /// The map keys on the path.
    keys: Vec<String>,
    known: &'k HashSet<&'k str>,
    found: Found,
    /// Where values written with `Display` (dates, numbers of work
    /// packages) are put to be looked at, reused rather than allocated.
    scratch: String,
    visited: Vec<String>,
}

impl Walker<'_> {
    fn pointer(&self) -> String {
        let mut out = String::new();
        for &segment in &self.path {
            out.push('/');
            match segment {
                Segment::Field(name) => out.push_str(name),
                Segment::Index(i) => out.push_str(&i.to_string()),
                Segment::Key(at) => {
                    let key = self.keys.get(at).map_or("", String::as_str);
                    out.push_str(&key.replace('~', "~0").replace('/', "~1"));
                }
            }
        }
        out
    }

    fn string(&mut self, value: &str) {
        if value.chars().all(char::is_whitespace) {
            let pointer = self.pointer();
            self.found.empty_texts.push(pointer);
        }
        if self.at_source_document() && !self.known.contains(value) {
            let pointer = self.pointer();
            self.found.unknown_sources.push((pointer, value.to_owned()));
        }
    }

    /// Whether the value walked is a `sources[].document`.
    fn at_source_document(&self) -> bool {
        matches!(self.path.as_slice(), [.., Segment::Field("sources"), Segment::Index(_), Segment::Field("document")])
    }

    fn child<T: Serialize + ?Sized>(&mut self, segment: Segment, value: &T) -> Result<(), Stop> {
        self.path.push(segment);
        let result = value.serialize(&mut *self);
        self.path.pop();
        result
    }
}

/// A writer that fails at the first character that is not white space:
/// writing a value to it succeeds only if the value is blank.
struct Blank;

impl fmt::Write for Blank {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        if s.chars().all(char::is_whitespace) { Ok(()) } else { Err(fmt::Error) }
    }
}

/// The error type a serializer must have; the walk itself never fails.
#[derive(Debug)]
struct Stop;

impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the walk stopped")
    }
}

impl std::error::Error for Stop {}

impl ser::Error for Stop {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Stop
    }
}

/// A sequence or tuple being walked: counts its items.
struct Seq<'w, 'k> {
    walker: &'w mut Walker<'k>,
    next: usize,
}

impl Seq<'_, '_> {
    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Stop> {
        let index = self.next;
        self.next += 1;
        self.walker.child(Segment::Index(index), value)
    }
}

/// A map being walked: remembers its key until the value comes.
struct Map<'w, 'k> {
    walker: &'w mut Walker<'k>,
    key: Option<String>,
    /// Inside a struct or newtype variant, the variant's name leads the path.
    variant: bool,
}

impl<'w, 'k> ser::Serializer for &'w mut Walker<'k> {
    type Ok = ();
    type Error = Stop;
    type SerializeSeq = Seq<'w, 'k>;
    type SerializeTuple = Seq<'w, 'k>;
    type SerializeTupleStruct = Seq<'w, 'k>;
    type SerializeTupleVariant = Seq<'w, 'k>;
    type SerializeMap = Map<'w, 'k>;
    type SerializeStruct = Map<'w, 'k>;
    type SerializeStructVariant = Map<'w, 'k>;

    fn serialize_bool(self, _: bool) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_i8(self, _: i8) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_i16(self, _: i16) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_i32(self, _: i32) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_i64(self, _: i64) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_u8(self, _: u8) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_u16(self, _: u16) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_u32(self, _: u32) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_u64(self, _: u64) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_f32(self, _: f32) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_f64(self, _: f64) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_char(self, value: char) -> Result<(), Stop> {
        self.string(value.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, value: &str) -> Result<(), Stop> {
        let pointer = self.pointer();
        self.visited.push(pointer);
        self.string(value);
        Ok(())
    }
    fn collect_str<T: fmt::Display + ?Sized>(self, value: &T) -> Result<(), Stop> {
        use fmt::Write;
        // Only a value that may be a source reference is written out; for
        // any other, writing stops at its first character that is not
        // white space (the first, for a date or a number).
        if self.at_source_document() {
            let mut scratch = std::mem::take(&mut self.scratch);
            scratch.clear();
            let _ = write!(scratch, "{value}");
            self.string(&scratch);
            self.scratch = scratch;
        } else if write!(Blank, "{value}").is_ok() {
            let pointer = self.pointer();
            self.found.empty_texts.push(pointer);
        }
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Stop> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), Stop> {
        // A code-list value, handed to `string` only where that could report
        // it (a blank name, a source reference), to save the lookups for all
        // the others.
        if variant.trim().is_empty() || self.at_source_document() {
            self.string(variant);
        }
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<(), Stop> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Stop> {
        self.child(Segment::Field(variant), value)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Seq<'w, 'k>, Stop> {
        Ok(Seq { walker: self, next: 0 })
    }
    fn serialize_tuple(self, _: usize) -> Result<Seq<'w, 'k>, Stop> {
        Ok(Seq { walker: self, next: 0 })
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Seq<'w, 'k>, Stop> {
        Ok(Seq { walker: self, next: 0 })
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Seq<'w, 'k>, Stop> {
        self.path.push(Segment::Field(variant));
        Ok(Seq { walker: self, next: 0 })
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Map<'w, 'k>, Stop> {
        Ok(Map { walker: self, key: None, variant: false })
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Map<'w, 'k>, Stop> {
        Ok(Map { walker: self, key: None, variant: false })
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Map<'w, 'k>, Stop> {
        self.path.push(Segment::Field(variant));
        Ok(Map { walker: self, key: None, variant: true })
    }
}

impl ser::SerializeSeq for Seq<'_, '_> {
    type Ok = ();
    type Error = Stop;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Stop> {
        self.item(value)
    }
    fn end(self) -> Result<(), Stop> {
        Ok(())
    }
}

impl ser::SerializeTuple for Seq<'_, '_> {
    type Ok = ();
    type Error = Stop;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Stop> {
        self.item(value)
    }
    fn end(self) -> Result<(), Stop> {
        Ok(())
    }
}

impl ser::SerializeTupleStruct for Seq<'_, '_> {
    type Ok = ();
    type Error = Stop;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Stop> {
        self.item(value)
    }
    fn end(self) -> Result<(), Stop> {
        Ok(())
    }
}

impl ser::SerializeTupleVariant for Seq<'_, '_> {
    type Ok = ();
    type Error = Stop;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Stop> {
        self.item(value)
    }
    fn end(self) -> Result<(), Stop> {
        self.walker.path.pop();
        Ok(())
    }
}

impl ser::SerializeMap for Map<'_, '_> {
    type Ok = ();
    type Error = Stop;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Stop> {
        // Map keys are rare (none outside `extensions` in schema 1.1); the
        // cost of writing one as JSON to learn its text is no concern.
        let text = match serde_json::to_value(key) {
            Ok(serde_json::Value::String(text)) => text,
            Ok(other) => other.to_string(),
            Err(_) => return Err(Stop),
        };
        self.key = Some(text);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Stop> {
        match self.key.take() {
            Some(key) if key == "extensions" => Ok(()),
            Some(key) => {
                let at = self.walker.keys.len();
                self.walker.keys.push(key);
                let walked = self.walker.child(Segment::Key(at), value);
                self.walker.keys.pop();
                walked
            }
            None => Err(Stop),
        }
    }
    fn end(self) -> Result<(), Stop> {
        Ok(())
    }
}

impl Map<'_, '_> {
    fn field<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) -> Result<(), Stop> {
        if name == "extensions" {
            return Ok(());
        }
        self.walker.child(Segment::Field(name), value)
    }
}

impl ser::SerializeStruct for Map<'_, '_> {
    type Ok = ();
    type Error = Stop;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) -> Result<(), Stop> {
        self.field(name, value)
    }
    fn end(self) -> Result<(), Stop> {
        Ok(())
    }
}

impl ser::SerializeStructVariant for Map<'_, '_> {
    type Ok = ();
    type Error = Stop;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) -> Result<(), Stop> {
        self.field(name, value)
    }
    fn end(self) -> Result<(), Stop> {
        if self.variant {
            self.walker.path.pop();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize)]
    struct Source {
        document: String,
    }

    #[derive(serde::Serialize)]
    struct Record {
        name: String,
        sources: Vec<Source>,
        extensions: std::collections::BTreeMap<String, String>,
        notes: std::collections::BTreeMap<String, String>,
    }

    #[test]
    fn finds_empty_texts_and_unknown_sources_with_their_pointers() {
        let record = Record {
            name: " ".into(),
            sources: vec![Source { document: "known".into() }, Source { document: "other".into() }],
            extensions: [("x".to_owned(), String::new())].into(),
            notes: [("a/b".to_owned(), String::new())].into(),
        };
        let known: HashSet<&str> = ["known"].into_iter().collect();
        let (found, _) = walk(&[record], &known);
        assert_eq!(found.empty_texts, ["/0/name", "/0/notes/a~1b"]);
        assert_eq!(found.unknown_sources, [("/0/sources/1/document".to_owned(), "other".to_owned())]);
    }

    /// A value written with `Display` (`collect_str`), as dates are.
    struct Shown(&'static str);

    impl serde::Serialize for Shown {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_str(self.0)
        }
    }

    #[derive(serde::Serialize)]
    struct Dated {
        start: Shown,
        end: Shown,
        sources: Vec<ShownSource>,
    }

    #[derive(serde::Serialize)]
    struct ShownSource {
        document: Shown,
    }

    #[test]
    fn values_written_with_display_are_looked_at_as_strings() {
        let dated = Dated {
            start: Shown("2021-03"),
            end: Shown(" \t"),
            sources: vec![ShownSource { document: Shown("known") }, ShownSource { document: Shown("gone") }],
        };
        let known: HashSet<&str> = ["known"].into_iter().collect();
        let (found, _) = walk(&dated, &known);
        assert_eq!(found.empty_texts, ["/end"]);
        assert_eq!(found.unknown_sources, [("/sources/1/document".to_owned(), "gone".to_owned())]);
    }
}
