//! Documents: the two top-level kinds (project and programme), the schema
//! version every document carries, and loading either kind from JSON.

use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::json::{ParseError, ParseErrorKind};
use crate::{InvalidValue, Programme, Project};

/// The version of the document format this crate writes.
pub const SCHEMA_VERSION: SchemaVersion = SchemaVersion { major: 1, minor: 2 };

/// The version of the document format, `"MAJOR.MINOR"`. This crate reads
/// every `1.x` document; a minor version adds optional fields only.
///
/// ```
/// use childwelfare::{SchemaVersion, SCHEMA_VERSION};
///
/// assert_eq!(SCHEMA_VERSION.to_string(), "1.2");
/// assert!("1.0".parse::<SchemaVersion>().is_ok());
/// assert!("1.3".parse::<SchemaVersion>().is_ok());
/// assert_eq!(
///     "2.0".parse::<SchemaVersion>().unwrap_err().to_string(),
///     "invalid schema version `2.0`: this crate reads schema version 1.x"
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SchemaVersion {
    major: u32,
    minor: u32,
}

impl SchemaVersion {
    /// The major version.
    pub const fn major(self) -> u32 {
        self.major
    }

    /// The minor version.
    pub const fn minor(self) -> u32 {
        self.minor
    }
}

impl Default for SchemaVersion {
    fn default() -> Self {
        SCHEMA_VERSION
    }
}

impl FromStr for SchemaVersion {
    type Err = InvalidValue;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let number = |part: &str| -> Option<u32> {
            (!part.is_empty()
                && part.len() <= 4
                && part.bytes().all(|b| b.is_ascii_digit())
                && (part == "0" || !part.starts_with('0')))
            .then(|| part.parse().ok())?
        };
        let (major, minor) = text
            .split_once('.')
            .and_then(|(major, minor)| number(major).zip(number(minor)))
            .ok_or_else(|| InvalidValue::new("schema version", text, "write MAJOR.MINOR, like \"1.0\""))?;
        if major != SCHEMA_VERSION.major {
            return Err(InvalidValue::new("schema version", text, "this crate reads schema version 1.x"));
        }
        Ok(SchemaVersion { major, minor })
    }
}

impl fmt::Display for SchemaVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

impl Serialize for SchemaVersion {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for SchemaVersion {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::value::parse_str(deserializer)
    }
}

impl JsonSchema for SchemaVersion {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "SchemaVersion".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "The version of the document format, MAJOR.MINOR; this schema describes 1.x.",
            "type": "string",
            "pattern": "^1\\.(0|[1-9][0-9]{0,3})$"
        })
    }
}

/// The kinds of top-level document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DocumentKind {
    /// A [`Project`].
    Project,
    /// A [`Programme`].
    Programme,
}

impl DocumentKind {
    /// Every kind.
    pub const ALL: &'static [DocumentKind] = &[DocumentKind::Project, DocumentKind::Programme];

    /// The value of `document_type` for this kind.
    pub const fn code(self) -> &'static str {
        match self {
            DocumentKind::Project => "project",
            DocumentKind::Programme => "programme",
        }
    }
}

impl fmt::Display for DocumentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for DocumentKind {
    type Err = crate::UnknownCode;

    /// The kind named by a `document_type` value.
    ///
    /// ```
    /// use childwelfare::DocumentKind;
    ///
    /// assert_eq!("programme".parse::<DocumentKind>().unwrap(), DocumentKind::Programme);
    /// assert_eq!(
    ///     "projct".parse::<DocumentKind>().unwrap_err().to_string(),
    ///     "unknown document type `projct`; did you mean `project`?"
    /// );
    /// ```
    fn from_str(code: &str) -> Result<Self, Self::Err> {
        DocumentKind::ALL
            .iter()
            .copied()
            .find(|kind| kind.code() == code)
            .ok_or_else(|| crate::UnknownCode::new("document type", code, &["project", "programme"]))
    }
}

impl Serialize for DocumentKind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for DocumentKind {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::value::parse_str(deserializer)
    }
}

/// A document of either kind, as found in a folder of data.
///
/// ```
/// use childwelfare::Document;
///
/// let json = std::fs::read_to_string("data/lumo.json").unwrap();
/// let Document::Project(project) = Document::from_json(&json).unwrap() else { panic!() };
/// assert_eq!(project.acronym.as_deref(), Some("LUMO"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Document {
    /// A project document.
    Project(Box<Project>),
    /// A programme document.
    Programme(Box<Programme>),
}

#[derive(Deserialize)]
struct DocumentType {
    document_type: Option<serde_json::Value>,
    #[serde(rename = "$schema")]
    schema: Option<serde::de::IgnoredAny>,
    crate_version: Option<serde::de::IgnoredAny>,
    diagnostics: Option<serde::de::IgnoredAny>,
}

/// Whether `json` is an array of rows as `childwelfare export` writes them:
/// objects that each name a `project`.
fn exported_table(json: &[u8]) -> bool {
    #[derive(Deserialize)]
    struct Row {
        #[allow(dead_code)] // Its presence is what is checked.
        project: serde::de::IgnoredAny,
    }
    serde_json::from_slice::<Vec<Row>>(json).is_ok_and(|rows| !rows.is_empty())
}

impl DocumentType {
    fn other_kind(&self) -> Option<OtherJson> {
        if self.document_type.is_some() {
            None
        } else if self.schema.is_some() {
            Some(OtherJson::JsonSchema)
        } else if self.crate_version.is_some() && self.diagnostics.is_some() {
            Some(OtherJson::ValidationReport)
        } else {
            Some(OtherJson::Other)
        }
    }
}

/// What a JSON object without a `document_type` looks like: JSON that a
/// folder of documents often holds beside them, and that is not a document.
///
/// ```
/// use childwelfare::{Document, OtherJson};
///
/// let schema = br#"{"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "Project"}"#;
/// assert_eq!(Document::other_json(schema), Some(OtherJson::JsonSchema));
/// assert_eq!(Document::other_json(br#"{"document_type": "project"}"#), None);
/// assert_eq!(Document::other_json(b"[1, 2]"), None);
/// assert_eq!(Document::other_json(br#"[{"project": "lumo", "event": "e1"}]"#), Some(OtherJson::ExportedTable));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum OtherJson {
    /// A JSON Schema (it has `$schema`).
    JsonSchema,
    /// A validation report of this crate (it has `crate_version` and `diagnostics`).
    ValidationReport,
    /// A table exported by this crate (`childwelfare export TABLE --format
    /// json`): an array of rows, each an object with a `project`.
    ExportedTable,
    /// Any other JSON object.
    Other,
}

impl fmt::Display for OtherJson {
    /// What it looks like, as a noun phrase: "a JSON Schema".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            OtherJson::JsonSchema => "a JSON Schema",
            OtherJson::ValidationReport => "a validation report",
            OtherJson::ExportedTable => "a table exported by `childwelfare export`",
            OtherJson::Other => "a JSON object without `document_type`",
        })
    }
}

impl Document {
    /// Parses a document, choosing the kind by its `document_type` field.
    ///
    /// # Errors
    /// A [`ParseError`] naming where and what; an unknown or missing
    /// `document_type` is reported as such.
    pub fn from_json(json: &str) -> Result<Self, ParseError> {
        Document::from_slice(json.as_bytes())
    }

    /// Parses a document from bytes, which must be UTF-8 JSON; otherwise as
    /// [`Document::from_json`].
    ///
    /// # Errors
    /// As [`Document::from_json`].
    pub fn from_slice(json: &[u8]) -> Result<Self, ParseError> {
        // A valid document costs one parse (a programme two, the first
        // failing at its `document_type`); only a failure pays for finding
        // out where and what.
        if let Ok(project) = crate::json::fast::<Project>(json) {
            return Ok(Document::Project(Box::new(project)));
        }
        if let Ok(programme) = crate::json::fast::<Programme>(json) {
            return Ok(Document::Programme(Box::new(programme)));
        }
        Err(Document::failure(json))
    }

    /// What a JSON text looks like when it is an object without a
    /// `document_type`, so not a document at all; `None` for a document
    /// (even an invalid one) and for text that is not a JSON object.
    pub fn other_json(json: &[u8]) -> Option<OtherJson> {
        if json.trim_ascii_start().starts_with(b"[") {
            return exported_table(json).then_some(OtherJson::ExportedTable);
        }
        serde_json::from_slice::<DocumentType>(json).ok()?.other_kind()
    }

    /// Why a document that failed to parse failed.
    fn failure(json: &[u8]) -> ParseError {
        if json.trim_ascii_start().starts_with(b"[") {
            let what = if exported_table(json) { "a table exported by `childwelfare export`" } else { "a JSON array" };
            let message = format!("this is {what}; a document is a JSON object with a `document_type`");
            // Where the array starts.
            let start = json.len() - json.trim_ascii_start().len();
            let line_start = json[..start].iter().rposition(|&b| b == b'\n').map_or(0, |at| at + 1);
            let line = 1 + json[..start].iter().filter(|&&b| b == b'\n').count();
            return ParseError::new(ParseErrorKind::Data, "", message).at(json, line, start - line_start + 1);
        }
        let kind = match serde_json::from_slice::<DocumentType>(json) {
            Err(error) if error.to_string().starts_with("duplicate field `document_type`") => {
                return ParseError::new(
                    ParseErrorKind::Data,
                    "document_type",
                    "`document_type` is given more than once; a document has one type",
                )
                .at(json, error.line(), error.column());
            }
            // The text is not a JSON object; parsing it as a project reports where.
            Err(_) => return crate::json::detailed::<Project>(json),
            Ok(peek @ DocumentType { document_type: None, .. }) => {
                let message = match peek.other_kind() {
                    Some(other @ (OtherJson::JsonSchema | OtherJson::ValidationReport)) => {
                        format!("missing field `document_type`: this is {other}, not a project or programme document")
                    }
                    _ => "missing field `document_type` (\"project\" or \"programme\")".to_owned(),
                };
                return ParseError::new(ParseErrorKind::Data, "", message);
            }
            Ok(DocumentType { document_type: Some(serde_json::Value::String(kind)), .. }) => kind,
            Ok(DocumentType { document_type: Some(other), .. }) => {
                return ParseError::new(
                    ParseErrorKind::Data,
                    "document_type",
                    format!("expected \"project\" or \"programme\", found {other}"),
                );
            }
        };
        match kind.as_str() {
            "programme" => crate::json::detailed::<Programme>(json),
            "project" => crate::json::detailed::<Project>(json),
            other => ParseError::new(
                ParseErrorKind::Data,
                "document_type",
                format!("unknown variant `{other}`, expected one of `project`, `programme`"),
            ),
        }
    }

    /// The document's kind.
    pub fn kind(&self) -> DocumentKind {
        match self {
            Document::Project(_) => DocumentKind::Project,
            Document::Programme(_) => DocumentKind::Programme,
        }
    }

    /// The document's identifier.
    pub fn id(&self) -> &crate::Id {
        match self {
            Document::Project(project) => &project.id,
            Document::Programme(programme) => &programme.id,
        }
    }

    /// Writes the document as pretty-printed JSON with a final newline.
    pub fn to_json(&self) -> String {
        match self {
            Document::Project(project) => project.to_json(),
            Document::Programme(programme) => programme.to_json(),
        }
    }
}

impl Serialize for Document {
    /// Serialises the project or programme itself (its `document_type`
    /// tells the kind), so that the output reads back with [`Document::from_json`].
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Document::Project(project) => project.serialize(serializer),
            Document::Programme(programme) => programme.serialize(serializer),
        }
    }
}

impl FromStr for Document {
    type Err = ParseError;

    /// As [`Document::from_json`].
    fn from_str(json: &str) -> Result<Self, Self::Err> {
        Document::from_json(json)
    }
}

impl fmt::Display for Document {
    /// The document as [`Document::to_json`] writes it.
    ///
    /// ```
    /// use childwelfare::{Document, Id, Project, ProjectStatus, Text};
    ///
    /// let project = Project::new(Id::new("demo")?, Text::fi("Esimerkki"), ProjectStatus::Ongoing);
    /// let document = Document::Project(Box::new(project));
    /// let text = document.to_string();
    /// assert_eq!(text.parse::<Document>()?, document);
    /// assert_eq!(serde_json::to_string_pretty(&document)? + "\n", text);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_json())
    }
}
