//! JSON Schemas (draft 2020-12) for the top-level documents, generated from
//! the Rust types; the copies committed under `schema/` are kept current by a
//! test.
//!
//! The schemas describe the *deserialize* contract: a field with a default
//! (an empty list, `"exactness": "exact"`) may be left out, and every field
//! that may be left out may also be `null`, which means the same. A few rules
//! are checked only by the Rust parser: that a date exists in the calendar
//! (`2022-02-30`), that a share has at most two decimals, and the check digit
//! of a business ID.
//!
//! They are written for code generators as much as for validators: every
//! `$defs` entry has a `title` (its type name), a `$ref` stands alone (a
//! description beside it would make generators mint a new type per use),
//! descriptions are plain prose, defaults are stated with `default`, integer
//! bounds are those of the Rust types, and only the `date` format is used.

use schemars::generate::SchemaSettings;
use serde_json::{Map, Value};

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
    let mut value = schema.to_value();
    tidy(&mut value, true);
    value
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
    let mut value = generator.into_root_schema_for::<crate::validation::Report>().to_value();
    tidy(&mut value, false);
    value
}

/// The JSON Schema of an aggregate [`Summary`](crate::aggregate::Summary),
/// as written by `childwelfare report --format json` (with or without
/// `--explain`). It describes the serialize contract: what the crate writes.
/// Each figure is one flat object ([`figure_json`](crate::aggregate::figure_json)),
/// and a table with a row per project left out past the per-project limit
/// is an object saying so in place of its rows
/// ([`PerProject`](crate::aggregate::PerProject)).
///
/// ```
/// let schema = childwelfare::schema::summary_json_schema();
/// assert_eq!(schema["title"], "Summary");
/// assert_eq!(schema["$defs"]["TotalFigure"]["required"], serde_json::json!(["low", "high", "text"]));
/// ```
pub fn summary_json_schema() -> serde_json::Value {
    let generator = SchemaSettings::draft2020_12().for_serialize().into_generator();
    let mut value = generator.into_root_schema_for::<crate::aggregate::Summary>().to_value();
    tidy(&mut value, false);
    value
}

/// Makes a generated schema good for code generators (see the module
/// documentation). `optional_null`: a property that may be left out may
/// also be `null` and gets its `default` (the deserialize contract).
fn tidy(schema: &mut Value, optional_null: bool) {
    if let Some(Value::Object(definitions)) = schema.get_mut("$defs") {
        for (name, definition) in definitions.iter_mut() {
            if let Value::Object(definition) = definition {
                definition.entry("title").or_insert_with(|| Value::String(name.clone()));
            }
        }
    }
    tidy_node(schema, optional_null);
}

fn tidy_node(node: &mut Value, optional_null: bool) {
    match node {
        Value::Array(items) => items.iter_mut().for_each(|item| tidy_node(item, optional_null)),
        Value::Object(map) => {
            tidy_keywords(map);
            if optional_null {
                optional_properties(map);
            }
            for (key, value) in map.iter_mut() {
                // `default` and `const` hold data, not schemas.
                if key != "default" && key != "const" {
                    tidy_node(value, optional_null);
                }
            }
        }
        _ => {}
    }
}

fn tidy_keywords(map: &mut Map<String, Value>) {
    if let Some(Value::String(description)) = map.get("description") {
        let plain = plain_prose(description);
        if plain.is_empty() {
            map.remove("description");
        } else {
            map.insert("description".into(), Value::String(plain));
        }
    }
    if map.contains_key("$ref") {
        map.remove("description");
    }
    let maximum = match map.get("format").and_then(Value::as_str) {
        Some("uint8") => Some(u64::from(u8::MAX)),
        Some("uint16") => Some(u64::from(u16::MAX)),
        Some("uint32") => Some(u64::from(u32::MAX)),
        Some("uint64" | "uint") => Some(u64::MAX),
        _ => None,
    };
    if let Some(maximum) = maximum {
        map.insert("maximum".into(), Value::from(maximum));
    }
    if matches!(map.get("format").and_then(Value::as_str), Some(format) if format != "date") {
        map.remove("format");
    }
}

/// Every property that may be left out accepts `null` too, and states its
/// default where it has one: `[]` for a list, `{}` for `extensions`,
/// `false` for a flag, unless the field gives its own.
fn optional_properties(map: &mut Map<String, Value>) {
    let required: Vec<String> = map
        .get("required")
        .and_then(Value::as_array)
        .map(|names| names.iter().filter_map(Value::as_str).map(str::to_owned).collect())
        .unwrap_or_default();
    let Some(Value::Object(properties)) = map.get_mut("properties") else { return };
    for (name, property) in properties.iter_mut() {
        if required.contains(name) {
            continue;
        }
        let Value::Object(property) = property else { continue };
        let default = match property.get("type").and_then(Value::as_str) {
            Some("array") => Some(Value::Array(Vec::new())),
            Some("object") => Some(Value::Object(Map::new())),
            Some("boolean") => Some(Value::Bool(false)),
            _ => None,
        };
        if let Some(default) = default {
            property.entry("default").or_insert(default);
        }
        allow_null(property);
    }
}

fn allow_null(property: &mut Map<String, Value>) {
    let null = || serde_json::json!({"type": "null"});
    if let Some(Value::Array(options)) = property.get_mut("anyOf") {
        if !options.iter().any(|option| option.get("type") == Some(&Value::from("null"))) {
            options.push(null());
        }
    } else if let Some(reference) = property.remove("$ref") {
        property.insert("anyOf".into(), Value::Array(vec![serde_json::json!({"$ref": reference}), null()]));
    } else if let Some(Value::String(kind)) = property.get("type").cloned() {
        property.insert("type".into(), serde_json::json!([kind, "null"]));
    } else if let Some(Value::Array(kinds)) = property.get_mut("type") {
        if !kinds.contains(&Value::from("null")) {
            kinds.push(Value::from("null"));
        }
    }
}

/// A doc comment as plain prose: no code blocks, no rustdoc link syntax.
fn plain_prose(doc: &str) -> String {
    let mut out = String::new();
    let mut in_code = false;
    for line in doc.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if !in_code {
            out.push_str(&unlink(line));
            out.push('\n');
        }
    }
    let mut text = out.trim().to_owned();
    while text.contains("\n\n\n") {
        text = text.replace("\n\n\n", "\n\n");
    }
    text
}

/// `[`X`](path)`, `[text](path)` and `[`X`]` as `X` and `text`; web links are kept.
fn unlink(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find(']').map(|i| open + i) else { break };
        out.push_str(&rest[..open]);
        let label = &rest[open + 1..close];
        let after = &rest[close + 1..];
        let target_end = after.strip_prefix('(').and_then(|t| t.find(')')).map(|end| end + 2);
        match target_end {
            Some(end) => {
                let web = after[1..end - 1].starts_with("http");
                out.push_str(if web { &rest[open..close + 1 + end] } else { label });
                rest = &after[end..];
                continue;
            }
            None => out.push_str(label),
        }
        rest = after;
    }
    out.push_str(rest);
    out.replace('`', "")
}

/// The file name under `schema/` of the report schema.
pub const REPORT_FILE_NAME: &str = "report.schema.json";

/// The file name under `schema/` of the summary (`report --format json`) schema.
pub const SUMMARY_FILE_NAME: &str = "summary.schema.json";

/// The file name under `schema/` for a document kind (`project.schema.json`).
pub fn file_name(kind: DocumentKind) -> String {
    format!("{}.schema.json", kind.code())
}
