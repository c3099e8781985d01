//! Finding every shape problem of a document, not only the first, and the
//! line and column of each.
//!
//! After the first failure the text is read as a `serde_json::Value`; the
//! value that failed is taken out (a field, a list item, or the record that
//! misses a required field) and the document is read again, up to
//! [`PROBLEM_LIMIT`] problems. Indices are mapped back to the original
//! document, and each problem is located in the text.

use std::collections::{BTreeMap, HashSet};

use serde::de::{self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::{ParseError, Strict};

/// The most problems reported for one document.
pub const PROBLEM_LIMIT: usize = 20;

/// One step of a path in a document: an object's key or a list's index.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Segment {
    Key(String),
    Index(usize),
}

/// The segments of a `serde_path_to_error` path; an unknown segment (after
/// a syntax error) ends it.
pub(crate) fn segments(path: &serde_path_to_error::Path) -> Vec<Segment> {
    let mut out = Vec::new();
    for segment in path.iter() {
        match segment {
            serde_path_to_error::Segment::Seq { index } => out.push(Segment::Index(*index)),
            serde_path_to_error::Segment::Map { key } => out.push(Segment::Key(key.clone())),
            serde_path_to_error::Segment::Enum { variant } => out.push(Segment::Key(variant.clone())),
            serde_path_to_error::Segment::Unknown => break,
        }
    }
    out
}

/// `events[3].participation`, as [`ParseError::path`] writes it.
pub(crate) fn path_string(segments: &[Segment]) -> String {
    let mut path = String::new();
    for segment in segments {
        match segment {
            Segment::Key(key) => {
                if !path.is_empty() {
                    path.push('.');
                }
                // A key this long is no field name; do not echo it whole.
                if key.chars().count() > 80 {
                    path.extend(key.chars().take(60));
                    path.push('…');
                } else {
                    path.push_str(key);
                }
            }
            Segment::Index(index) => path.push_str(&format!("[{index}]")),
        }
    }
    path
}

/// The further problems of a document whose first problem is `first`, and
/// whether the search stopped at the limit.
pub(crate) fn further<T: DeserializeOwned>(json: &[u8], first: &ParseError) -> (Vec<ParseError>, bool) {
    let Ok(mut value) = serde_json::from_slice::<Value>(json) else { return (Vec::new(), false) };
    let mut problems: Vec<ParseError> = Vec::new();
    // Per original list path, the original indices of removed items.
    let mut removed_items: BTreeMap<Vec<Segment>, Vec<usize>> = BTreeMap::new();
    // (original object path, key) of fields taken out.
    let mut removed_fields: HashSet<(Vec<Segment>, String)> = HashSet::new();
    let mut found = 1; // `first`
    loop {
        let error = match serde_path_to_error::deserialize::<_, T>(Strict(&value)) {
            Ok(_) => return (in_document_order(problems), false),
            Err(error) => error,
        };
        if found >= PROBLEM_LIMIT {
            return (in_document_order(problems), true);
        }
        let working = segments(error.path());
        let original = to_original(&working, &removed_items);
        let inner = error.into_inner();
        let message = inner.to_string();
        let missing = message.strip_prefix("missing field `").and_then(|rest| rest.split_once('`')).map(|(f, _)| f);
        // A required field this search took out is not a problem of its own.
        let caused_by_us = missing.is_some_and(|field| removed_fields.contains(&(original.clone(), field.to_owned())));
        let mut problem = ParseError::from_serde(path_string(&original), &inner);
        if problem.message.starts_with("invalid type: null") {
            problem.message = super::null_message(&problem.path);
            problem.suggestion = None;
        }
        let at_key = message.starts_with("unknown field");
        if let Some((line, column)) = locate(json, &original, at_key) {
            problem.place = Some((line, super::char_column(json, line, column)));
        }
        let same_as_first = problem.path == first.path && problem.message == first.message;
        if !caused_by_us && !same_as_first {
            problems.push(problem);
            found += 1;
        }
        // Take the failing value out; a record missing a field goes whole.
        if working.is_empty() || !remove(&mut value, &working) {
            return (in_document_order(problems), false);
        }
        let (parent, last) = original.split_at(original.len() - 1);
        match &last[0] {
            Segment::Index(index) => removed_items.entry(parent.to_vec()).or_default().push(*index),
            Segment::Key(key) => {
                removed_fields.insert((parent.to_vec(), key.clone()));
            }
        }
    }
}

/// The value is read with its keys sorted; the problems are listed in the
/// order of the text.
fn in_document_order(mut problems: Vec<ParseError>) -> Vec<ParseError> {
    problems.sort_by_key(|problem| problem.place.unwrap_or((usize::MAX, usize::MAX)));
    problems
}

/// Maps a path in the value (with items removed) to the original document.
fn to_original(working: &[Segment], removed: &BTreeMap<Vec<Segment>, Vec<usize>>) -> Vec<Segment> {
    let mut original = Vec::with_capacity(working.len());
    for segment in working {
        match segment {
            Segment::Index(index) => {
                let mut index = *index;
                if let Some(gone) = removed.get(&original) {
                    let mut gone = gone.clone();
                    gone.sort_unstable();
                    for removed_index in gone {
                        if removed_index <= index {
                            index += 1;
                        }
                    }
                }
                original.push(Segment::Index(index));
            }
            Segment::Key(key) => original.push(Segment::Key(key.clone())),
        }
    }
    original
}

/// Removes the value at `path`; `false` when there is none.
fn remove(value: &mut Value, path: &[Segment]) -> bool {
    let Some((last, parent)) = path.split_last() else { return false };
    let mut current = value;
    for segment in parent {
        current = match (segment, current) {
            (Segment::Key(key), Value::Object(map)) => match map.get_mut(key) {
                Some(next) => next,
                None => return false,
            },
            (Segment::Index(index), Value::Array(items)) => match items.get_mut(*index) {
                Some(next) => next,
                None => return false,
            },
            _ => return false,
        };
    }
    match (last, current) {
        (Segment::Key(key), Value::Object(map)) => map.remove(key).is_some(),
        (Segment::Index(index), Value::Array(items)) if *index < items.len() => {
            items.remove(*index);
            true
        }
        _ => false,
    }
}

const HERE: &str = "\u{0}here";

/// The line and (byte) column in `json` of the value at `path`, or of its
/// key when `at_key`; found by reading the text up to that place.
fn locate(json: &[u8], path: &[Segment], at_key: bool) -> Option<(usize, usize)> {
    let mut deserializer = serde_json::Deserializer::from_slice(json);
    match (Seek { path, at_key }).deserialize(&mut deserializer) {
        Err(error) if error.to_string().starts_with(HERE) && error.line() > 0 => Some((error.line(), error.column())),
        _ => None,
    }
}

struct Seek<'a> {
    path: &'a [Segment],
    at_key: bool,
}

impl<'de> DeserializeSeed<'de> for Seek<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        match self.path.first() {
            None => Err(de::Error::custom(HERE)),
            Some(Segment::Key(_)) => deserializer.deserialize_map(self),
            Some(Segment::Index(_)) => deserializer.deserialize_seq(self),
        }
    }
}

impl<'de> Visitor<'de> for Seek<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the path of a problem")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let Some((Segment::Key(wanted), rest)) = self.path.split_first() else { return Err(de::Error::custom("")) };
        while let Some(key) = map.next_key::<String>()? {
            if key == *wanted {
                if rest.is_empty() && self.at_key {
                    return Err(de::Error::custom(HERE));
                }
                return map.next_value_seed(Seek { path: rest, at_key: self.at_key });
            }
            map.next_value::<IgnoredAny>()?;
        }
        Err(de::Error::custom(""))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let Some((Segment::Index(wanted), rest)) = self.path.split_first() else { return Err(de::Error::custom("")) };
        for _ in 0..*wanted {
            seq.next_element::<IgnoredAny>()?.ok_or_else(|| de::Error::custom(""))?;
        }
        seq.next_element_seed(Seek { path: rest, at_key: self.at_key })?;
        Err(de::Error::custom(""))
    }
}
