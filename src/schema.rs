//! JSON Schemas (draft 2020-12) for the top-level documents, generated from
//! the Rust types; the copies committed under `schema/` are kept current by a
//! test.
//!
//! The schemas describe the *deserialize* contract: a field with a default
//! (an empty list, `"exactness": "exact"`) may be left out. A few rules are
//! checked only by the Rust parser: that a date exists in the calendar
//! (`2022-02-30`), that a share has at most two decimals, and the check digit
//! of a business ID.

use schemars::generate::SchemaSettings;

use crate::{DocumentKind, Programme, Project};

/// The JSON Schema of a document kind, as a JSON value.
///
/// ```
/// use childwelfare::{DocumentKind, schema};
///
/// let project = schema::json_schema(DocumentKind::Project);
/// assert_eq!(project["title"], "Project");
/// assert_eq!(project["$schema"], "https://json-schema.org/draft/2020-12/schema");
/// ```
pub fn json_schema(kind: DocumentKind) -> serde_json::Value {
    let generator = SchemaSettings::draft2020_12().for_deserialize().into_generator();
    let schema = match kind {
        DocumentKind::Project => generator.into_root_schema_for::<Project>(),
        DocumentKind::Programme => generator.into_root_schema_for::<Programme>(),
    };
    schema.to_value()
}

/// The JSON Schema of a validation [`Report`](crate::validation::Report), as
/// written by `childwelfare validate --format json`. It describes the
/// serialize contract: what the crate writes.
///
/// ```
/// let schema = childwelfare::schema::report_json_schema();
/// assert_eq!(schema["title"], "Report");
/// ```
pub fn report_json_schema() -> serde_json::Value {
    let generator = SchemaSettings::draft2020_12().for_serialize().into_generator();
    generator.into_root_schema_for::<crate::validation::Report>().to_value()
}

/// The file name under `schema/` of the report schema.
pub const REPORT_FILE_NAME: &str = "report.schema.json";

/// The file name under `schema/` for a document kind (`project.schema.json`).
pub fn file_name(kind: DocumentKind) -> String {
    format!("{}.schema.json", kind.code())
}
