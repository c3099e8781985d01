//! The committed schemas under `schema/` must equal what the code generates.
//! Regenerate with `UPDATE_SCHEMAS=1 cargo test --test integration schema`.

use childwelfare::{DocumentKind, schema};

use crate::common::root;

#[test]
fn committed_schemas_are_current() {
    let update = std::env::var_os("UPDATE_SCHEMAS").is_some();
    let mut stale = Vec::new();
    let mut files: Vec<(String, serde_json::Value)> =
        DocumentKind::ALL.iter().map(|&kind| (schema::file_name(kind), schema::json_schema(kind))).collect();
    files.push((schema::REPORT_FILE_NAME.to_owned(), schema::report_json_schema()));
    files.push((schema::SUMMARY_FILE_NAME.to_owned(), schema::summary_json_schema()));
    for (name, value) in files {
        let path = root().join("schema").join(name);
        let generated = childwelfare::json::to_string(&value).expect("a schema is JSON");
        if update {
            std::fs::write(&path, &generated).expect("schema file is writable");
            continue;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        if committed != generated {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "stale JSON Schema(s): {}; regenerate with `UPDATE_SCHEMAS=1 cargo test --test integration schema`",
        stale.join(", ")
    );
}

#[test]
fn schemas_carry_titles_and_descriptions_from_doc_comments() {
    let project = schema::json_schema(DocumentKind::Project);
    assert_eq!(project["title"], "Project");
    assert_eq!(project["additionalProperties"], false);
    let description = project["description"].as_str().expect("a description");
    assert!(description.starts_with("A development project (*hanke*)"), "{description}");
    let events = &project["properties"]["events"]["description"];
    assert_eq!(events, "Events and their participation.");
    let required = project["required"].as_array().expect("required list");
    for field in ["document_type", "schema_version", "id", "name", "status"] {
        assert!(required.iter().any(|r| r == field), "{field} is required");
    }
    let programme = schema::json_schema(DocumentKind::Programme);
    assert_eq!(programme["title"], "Programme");
}

#[test]
fn the_rule_table_in_the_docs_is_current() {
    let path = root().join("docs").join("validation-rules.md");
    let generated = childwelfare::validation::rules_markdown();
    if std::env::var_os("UPDATE_SCHEMAS").is_some() {
        std::fs::write(&path, &generated).expect("docs/validation-rules.md is writable");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        committed, generated,
        "docs/validation-rules.md is stale; regenerate with `UPDATE_SCHEMAS=1 cargo test --test integration schema`"
    );
}
