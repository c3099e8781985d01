//! Reading and writing documents as JSON, with errors that say where.

use std::fmt;
use std::io::Read;

use serde::Serialize;
use serde::de::DeserializeOwned;

mod problems;
mod strict;

pub use problems::PROBLEM_LIMIT;
pub(crate) use strict::Strict;

/// What kind of problem stopped parsing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ParseErrorKind {
    /// The text is not JSON (a missing comma, a stray character, bad UTF-8).
    Syntax,
    /// The JSON ended too early (a truncated file).
    Eof,
    /// Valid JSON of the wrong shape: a wrong type, an unknown or missing
    /// field, a value that does not fit its type.
    Data,
    /// Reading the input failed.
    Io,
}

impl ParseErrorKind {
    /// A stable machine-readable code: `syntax`, `eof`, `data` or `io`.
    pub const fn code(self) -> &'static str {
        match self {
            ParseErrorKind::Syntax => "syntax",
            ParseErrorKind::Eof => "eof",
            ParseErrorKind::Data => "data",
            ParseErrorKind::Io => "io",
        }
    }
}

/// A document could not be parsed. Says what went wrong and where: the
/// line and column in the text, and the path of the value in the document
/// (`work_packages[1].number`).
///
/// ```
/// use childwelfare::{ParseErrorKind, Project};
///
/// let json = r#"{
///   "document_type": "project",
///   "schema_version": "1.0",
///   "id": "demo",
///   "name": {"fi": "Esimerkki"},
///   "status": "ended",
///   "work_packages": [{"id": "wp-1", "number": "1", "titel": {"fi": "Yksi"}}]
/// }"#;
/// let err = Project::from_json(json).unwrap_err();
/// assert_eq!(err.kind(), ParseErrorKind::Data);
/// assert_eq!(err.path(), "work_packages[0].titel");
/// assert_eq!(err.line(), Some(7));
/// assert_eq!(err.suggestion(), Some("title"));
/// assert!(err.to_string().starts_with(
///     "line 7, column 57, at `work_packages[0].titel`: unknown field `titel`, expected one of"
/// ));
/// ```
#[derive(Debug, Clone)]
pub struct ParseError {
    kind: ParseErrorKind,
    /// Line and column, from 1.
    place: Option<(usize, usize)>,
    path: String,
    message: String,
    suggestion: Option<String>,
    /// The I/O error behind a [`ParseErrorKind::Io`], as the error's source.
    io: Option<std::sync::Arc<std::io::Error>>,
    /// Further problems of the same document, and whether the search for
    /// them stopped at [`PROBLEM_LIMIT`]; boxed to keep `Result`s small.
    more: Option<Box<(Vec<ParseError>, bool)>>,
}

impl PartialEq for ParseError {
    /// Equal when kind, place, message and suggestion are; an I/O source is
    /// compared by its message, which is part of `message`.
    fn eq(&self, other: &Self) -> bool {
        (self.kind, self.place, &self.path, &self.message, &self.suggestion, &self.more)
            == (other.kind, other.place, &other.path, &other.message, &other.suggestion, &other.more)
    }
}

impl Eq for ParseError {}

impl ParseError {
    pub(crate) fn new(kind: ParseErrorKind, path: impl Into<String>, message: impl Into<String>) -> Self {
        let message = message.into();
        let suggestion = suggest(&message);
        ParseError {
            kind,
            place: None,
            path: shorten(&path.into()),
            message: shorten(&message),
            suggestion,
            io: None,
            more: None,
        }
    }

    fn from_serde(path: String, error: &serde_json::Error) -> Self {
        use serde_json::error::Category;
        let kind = match error.classify() {
            Category::Syntax => ParseErrorKind::Syntax,
            Category::Eof => ParseErrorKind::Eof,
            Category::Data => ParseErrorKind::Data,
            Category::Io => ParseErrorKind::Io,
        };
        let mut message = error.to_string();
        let suffix = format!(" at line {} column {}", error.line(), error.column());
        if message.ends_with(&suffix) {
            message.truncate(message.len() - suffix.len());
        }
        if message == "recursion limit exceeded" {
            message = "nested too deep: more than 128 levels of objects and lists".to_owned();
        }
        let mut parse_error = ParseError::new(kind, path, message);
        if error.line() > 0 {
            parse_error.place = Some((error.line(), error.column()));
        }
        parse_error
    }

    /// What kind of problem it is.
    pub fn kind(&self) -> ParseErrorKind {
        self.kind
    }

    /// The line (from 1) where the problem was found, if known.
    pub fn line(&self) -> Option<usize> {
        self.place.map(|(line, _)| line)
    }

    /// The column (from 1) where the problem was found, if known.
    pub fn column(&self) -> Option<usize> {
        self.place.map(|(_, column)| column)
    }

    /// The path of the value in the document, like `events[3].participation`;
    /// empty for the document as a whole.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The same location as a JSON Pointer (RFC 6901), like `/events/3/participation`.
    pub fn pointer(&self) -> String {
        path_to_pointer(&self.path)
    }

    /// What is wrong, without the location.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// For an unknown field or code, the nearest valid one.
    pub fn suggestion(&self) -> Option<&str> {
        self.suggestion.as_deref()
    }

    /// Every problem found in the document, this one first. After the
    /// first problem the rest of the document is still read, up to
    /// [`PROBLEM_LIMIT`] problems, so that one fix-and-retry round shows
    /// them all.
    ///
    /// ```
    /// use childwelfare::Project;
    ///
    /// let err = Project::from_json(r#"{"document_type": "project", "schema_version": "1.1",
    ///   "id": "demo", "name": {"fi": "Esimerkki"}, "status": "ended", "statu": "x",
    ///   "period": {"start": "2022-02-30", "end": "2022"}}"#).unwrap_err();
    /// let problems: Vec<String> = err.problems().map(|p| format!("{}: {}", p.path(), p.message())).collect();
    /// assert_eq!(problems, [
    ///     "statu: unknown field `statu`, expected one of `document_type`, `schema_version`, `id`, `name`, \
    ///      `official_name`, `acronym`, `programme`, `short_description`, `purpose`, `background`, `status`, \
    ///      `period`, `actual_period`, `milestones`, `collaborative_area`, `working_area`, \
    ///      `cross_cutting_themes`, `sectors`, `languages`, `target_groups`, `implementers`, `funding`, \
    ///      `staffing`, `contacts`, `record_dates`, `work_packages`, `objectives`, `events`, `outputs`, \
    ///      `measures`, `assessments`, `factors`, `lessons`, `recommendations`, `regional_parts`, \
    ///      `collaborations`, `related_projects`, `links`, `notes`, `alternatives`, `source_documents`, \
    ///      `sources`, `extensions`",
    ///     "period.start: invalid date `2022-02-30`: no such day in the calendar",
    /// ]);
    /// assert_eq!(err.problems().nth(1).unwrap().line(), Some(3));
    /// ```
    pub fn problems(&self) -> impl Iterator<Item = &ParseError> {
        std::iter::once(self).chain(self.others())
    }

    /// Whether the document may have more problems than
    /// [`problems`](Self::problems) lists: the search stops at [`PROBLEM_LIMIT`].
    pub fn stopped_at_limit(&self) -> bool {
        self.more.as_ref().is_some_and(|more| more.1)
    }

    fn others(&self) -> &[ParseError] {
        self.more.as_ref().map_or(&[], |more| &more.0)
    }

    fn in_characters(mut self, json: &[u8]) -> Self {
        if let Some((line, column)) = self.place {
            self.place = Some((line, char_column(json, line, column)));
        }
        self
    }

    /// Places the error at serde_json's line and byte column.
    pub(crate) fn at(self, json: &[u8], line: usize, byte_column: usize) -> Self {
        self.with_place(json, line, byte_column)
    }

    fn with_place(mut self, json: &[u8], line: usize, byte_column: usize) -> Self {
        self.place = Some((line, char_column(json, line, byte_column)));
        self
    }
}

/// The column, counted in characters, of serde_json's byte column.
fn char_column(json: &[u8], line: usize, byte_column: usize) -> usize {
    let Some(text) = json.split(|&b| b == b'\n').nth(line.saturating_sub(1)) else { return byte_column };
    let end = byte_column.min(text.len());
    // Count the bytes that start a character (not UTF-8 continuation bytes).
    let chars = text[..end].iter().filter(|&&b| (b & 0xC0) != 0x80).count();
    (chars + byte_column.saturating_sub(text.len())).max(1)
}

/// Cuts every quoted or back-ticked value longer than 80 characters in a
/// message, so that a huge value given is not echoed whole.
fn shorten(message: &str) -> String {
    const LONGEST: usize = 80;
    if message.len() <= LONGEST {
        return message.to_owned();
    }
    let mut out = String::with_capacity(LONGEST * 2);
    let mut rest = message;
    while let Some(start) = rest.find(['`', '"']) {
        let quote = rest.as_bytes()[start] as char;
        out.push_str(&rest[..=start]);
        let after = &rest[start + 1..];
        let end = after.find(quote).unwrap_or(after.len());
        let inner = &after[..end];
        let count = inner.chars().count();
        if count > LONGEST {
            out.extend(inner.chars().take(60));
            out.push_str(&format!("… ({count} characters)"));
        } else {
            out.push_str(inner);
        }
        rest = &after[end..];
        if let Some(stripped) = rest.strip_prefix(quote) {
            out.push(quote);
            rest = stripped;
        }
    }
    if rest.chars().count() > LONGEST * 4 {
        out.extend(rest.chars().take(LONGEST * 4));
        out.push('…');
    } else {
        out.push_str(rest);
    }
    out
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some((line, column)) = self.place {
            write!(f, "line {line}, column {column}, ")?;
        }
        if self.path.is_empty() {
            write!(f, "at the top level: {}", self.message)?;
        } else {
            write!(f, "at `{}`: {}", self.path, self.message)?;
        }
        if let Some(suggestion) = &self.suggestion {
            write!(f, "; did you mean `{suggestion}`?")?;
        }
        match (self.others().len(), self.stopped_at_limit()) {
            (0, _) => Ok(()),
            (1, false) => write!(f, " (and 1 more problem)"),
            (n, false) => write!(f, " (and {n} more problems)"),
            (n, true) => write!(f, " (and {n} more problems; the search stops at {PROBLEM_LIMIT})"),
        }
    }
}

impl std::error::Error for ParseError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.io.as_deref().map(|error| error as &(dyn std::error::Error + 'static))
    }
}

/// Turns `a.b[2].c` into the JSON Pointer `/a/b/2/c`, escaping `~` and `/`.
pub(crate) fn path_to_pointer(path: &str) -> String {
    let mut pointer = String::new();
    let mut segment = String::new();
    let flush = |segment: &mut String, pointer: &mut String| {
        if !segment.is_empty() {
            pointer.push('/');
            pointer.push_str(&segment.replace('~', "~0").replace('/', "~1"));
            segment.clear();
        }
    };
    for c in path.chars() {
        match c {
            '.' | '[' => flush(&mut segment, &mut pointer),
            ']' => {}
            _ => segment.push(c),
        }
    }
    flush(&mut segment, &mut pointer);
    pointer
}

/// For serde's "unknown field `x`, expected one of `a`, `b`" and "unknown
/// variant" messages, the expected name nearest to the given one.
fn suggest(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `").or_else(|| message.strip_prefix("unknown variant `"))?;
    let (given, expected) = rest.split_once('`')?;
    // No valid name is this long; comparing would cost time for nothing.
    if given.len() > 64 {
        return None;
    }
    let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    crate::value::nearest(given, candidates).map(str::to_owned)
}

/// Parses a document (or any model value) from a JSON string.
///
/// # Errors
/// A [`ParseError`] naming the line, column and path of the first problem,
/// including trailing characters after the document, with the further
/// problems of the document in [`ParseError::problems`].
pub fn from_str<T: DeserializeOwned>(json: &str) -> Result<T, ParseError> {
    from_slice(json.as_bytes())
}

/// Parses a document from bytes, which must be UTF-8 JSON.
///
/// # Errors
/// As [`from_str`].
pub fn from_slice<T: DeserializeOwned>(json: &[u8]) -> Result<T, ParseError> {
    fast(json).map_err(|()| detailed::<T>(json))
}

/// Parses without tracking paths: what a valid document costs. `Err(())`
/// says only that it failed; [`detailed`] says where and what.
pub(crate) fn fast<T: DeserializeOwned>(json: &[u8]) -> Result<T, ()> {
    if json.starts_with(BOM) {
        return Err(());
    }
    // UTF-8 checked once for the whole text: reading from a `&str`,
    // serde_json does not check each string again (from bytes it does).
    // Text that is not UTF-8 fails here and is explained by `detailed`.
    let text = simdutf8::basic::from_utf8(json).map_err(drop)?;
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = T::deserialize(Strict(&mut deserializer)).map_err(drop)?;
    deserializer.end().map_err(drop)?;
    Ok(value)
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Parses again, tracking paths, to say where and what the problems of a
/// document that failed are.
pub(crate) fn detailed<T: DeserializeOwned>(json: &[u8]) -> ParseError {
    if json.starts_with(BOM) {
        return ParseError::new(
            ParseErrorKind::Syntax,
            "",
            "the text starts with a byte order mark (U+FEFF), which JSON does not allow; save it as UTF-8 without one",
        )
        .with_place(json, 1, 1);
    }
    let mut deserializer = serde_json::Deserializer::from_slice(json);
    let value = serde_path_to_error::deserialize::<_, T>(Strict(&mut deserializer));
    let mut error = match finish(value, deserializer.end(), json) {
        Ok(_) => return ParseError::new(ParseErrorKind::Data, "", "the document could not be read"),
        Err(error) => error,
    };
    if error.kind == ParseErrorKind::Data {
        let (others, stopped) = problems::further::<T>(json, &error);
        if !others.is_empty() || stopped {
            error.more = Some(Box::new((others, stopped)));
        }
    }
    error
}

/// As [`from_str`], and [`ParseErrorKind::Io`] when reading fails.
///
/// # Errors
/// As [`from_str`], and [`ParseErrorKind::Io`] when reading fails.
pub fn from_reader<T: DeserializeOwned>(mut reader: impl Read) -> Result<T, ParseError> {
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes).map_err(|error| {
        let mut parse_error = ParseError::new(ParseErrorKind::Io, "", error.to_string());
        parse_error.io = Some(std::sync::Arc::new(error));
        parse_error
    })?;
    from_slice(&bytes)
}

/// Whether the JSON text at serde_json's (1-based) line and column is `null`.
fn null_at(json: &[u8], line: usize, column: usize) -> bool {
    let Some(text) = json.split(|&b| b == b'\n').nth(line.saturating_sub(1)) else { return false };
    // serde_json points at the first byte of the value, or just past it.
    (column.saturating_sub(4)..=column).any(|start| text.get(start..).is_some_and(|rest| rest.starts_with(b"null")))
}

/// A `null` where a value is required: optional fields take `null` as
/// absent, so only a required field or a list item ends up here.
fn null_message(path: &str) -> String {
    match path.rsplit_once('.').map_or(path, |(_, last)| last) {
        last if last.ends_with(']') => "a list item cannot be null".to_owned(),
        last => format!("`{last}` is required and cannot be null"),
    }
}

fn finish<T>(
    value: Result<T, serde_path_to_error::Error<serde_json::Error>>,
    end: Result<(), serde_json::Error>,
    json: &[u8],
) -> Result<T, ParseError> {
    match value {
        Ok(value) => match end {
            Ok(()) => Ok(value),
            Err(error) => Err(ParseError::from_serde(String::new(), &error).in_characters(json)),
        },
        Err(error) => {
            let inner = error.inner();
            let mut segments = problems::segments(error.path());
            if inner.to_string().starts_with("recursion limit exceeded") {
                // Name where the nesting starts, not each of its levels.
                while segments.len() > 1 && segments[segments.len() - 1] == segments[segments.len() - 2] {
                    segments.pop();
                }
                if matches!(segments.last(), Some(problems::Segment::Index(_))) {
                    segments.pop();
                }
            }
            let path = problems::path_string(&segments);
            let mut parse_error = ParseError::from_serde(path, inner).in_characters(json);
            let is_null = inner.to_string().starts_with("invalid type: null")
                || (inner.classify() == serde_json::error::Category::Syntax
                    && null_at(json, inner.line(), inner.column()));
            if is_null && !parse_error.path.is_empty() {
                parse_error.kind = ParseErrorKind::Data;
                parse_error.message = null_message(&parse_error.path);
                parse_error.suggestion = None;
            }
            Err(parse_error)
        }
    }
}

/// Writes a value as pretty-printed JSON (two-space indent) with a final
/// newline, in the form the model's own `to_json` methods use.
/// Deterministic: fields in declaration order, maps sorted.
///
/// # Errors
/// When `value` cannot be JSON: a map whose keys are not strings, or a
/// `Serialize` implementation that fails. The model's own types never fail;
/// their `to_json` methods return the `String` directly.
///
/// ```
/// use std::collections::BTreeMap;
///
/// let by_pair = BTreeMap::from([((1, 2), "a")]);
/// assert!(childwelfare::json::to_string(&by_pair).is_err());
/// assert_eq!(childwelfare::json::to_string(&[1, 2])?, "[\n  1,\n  2\n]\n");
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn to_string<T: Serialize>(value: &T) -> Result<String, serde_json::Error> {
    let mut json = serde_json::to_string_pretty(value)?;
    json.push('\n');
    Ok(json)
}

/// [`to_string`] for the model's own types, which always serialise: every
/// map key is a string, every number an integer, and no `Serialize`
/// implementation of theirs fails.
pub(crate) fn model_to_string<T: Serialize>(value: &T) -> String {
    to_string(value).unwrap_or_else(|error| unreachable!("model values always serialise to JSON: {error}"))
}

/// Writes a value as pretty-printed JSON with a final newline to `writer`.
///
/// # Errors
/// When writing fails.
pub fn to_writer<T: Serialize>(mut writer: impl std::io::Write, value: &T) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut writer, value)?;
    writer.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use crate::value::CELLS;

    /// The work of a "did you mean", in cells of the edit-distance table.
    fn cells_for(message: &str) -> (Option<String>, u64) {
        CELLS.with(|cells| cells.set(0));
        let suggestion = super::suggest(message);
        (suggestion, CELLS.with(std::cell::Cell::get))
    }

    #[test]
    fn no_suggestion_is_searched_for_a_name_longer_than_any_valid_one() {
        let (suggestion, cells) = cells_for("unknown field `naem`, expected one of `name`, `status`");
        assert_eq!(suggestion.as_deref(), Some("name"));
        assert!(cells > 0);
        // A name of a hundred million characters (it took a minute) and one
        // just past the limit cost no cell at all.
        for given in ["x".repeat(100_000_000), "n".repeat(65)] {
            let message = format!("unknown field `{given}`, expected one of `name`, `status`");
            assert_eq!(cells_for(&message), (None, 0), "{} characters", given.len());
        }
    }
}
