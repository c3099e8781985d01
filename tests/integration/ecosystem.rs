//! What other JSON writers, other Rust programs and folders of mixed files
//! meet: `null` for an absent value, ids looked up by `&str`, documents that
//! serialise and display, errors with their source chain, and JSON files that
//! are not documents.

use std::collections::HashMap;
use std::error::Error as _;

use childwelfare::{Document, DocumentKind, Id, ParseErrorKind, Project, ProjectStatus, data};

use crate::common::root;

const MINIMAL: &str = r#"{"document_type": "project", "schema_version": "1.2", "id": "demo", "name": {"fi": "Esimerkki"}, "status": "ended"#;

fn project(rest: &str) -> Result<Project, childwelfare::ParseError> {
    Project::from_json(&format!("{MINIMAL}\", {rest}}}"))
}

#[test]
fn an_optional_field_given_as_null_means_absent_as_pydantic_writes_it() {
    let written = project(
        r#""acronym": null, "period": null, "funding": {"parts": null, "parts_complete": null, "total": null},
            "events": [{"id": "ev-1", "status": null, "kinds": null, "participation": {"attendances": {"value": 3, "exactness": null}}}],
            "extensions": null"#,
    )
    .unwrap();
    let absent =
        project(r#""funding": {}, "events": [{"id": "ev-1", "participation": {"attendances": {"value": 3}}}]"#)
            .unwrap();
    assert_eq!(written, absent);
    assert!(written.funding.unwrap().parts_complete, "a null `parts_complete` takes its default, true");
}

#[test]
fn a_required_field_given_as_null_says_so_rather_than_a_syntax_error() {
    let err = Project::from_json(&MINIMAL.replace(r#""status": "ended"#, r#""status": null}"#).replace("\"}\"", "}"))
        .unwrap_err();
    assert_eq!(err.kind(), ParseErrorKind::Data);
    assert_eq!(err.path(), "status");
    assert_eq!(err.message(), "`status` is required and cannot be null");

    let err = project(r#""events": [{"id": "ev-1"}, null]"#).unwrap_err();
    assert_eq!(err.path(), "events[1]");
    assert_eq!(err.message(), "a list item cannot be null");
}

#[test]
fn ids_compare_with_and_are_looked_up_by_str() {
    let lumo = data::lumo();
    assert!(lumo.id == "lumo");
    assert!(lumo.id == *"lumo");
    let by_id: HashMap<Id, String> =
        lumo.work_packages.iter().map(|wp| (wp.id.clone(), wp.number.to_string())).collect();
    let first = &lumo.work_packages[0];
    assert_eq!(by_id.get(first.id.as_str()), Some(&first.number.to_string()));
    assert_eq!(AsRef::<str>::as_ref(&lumo.id), "lumo");
}

#[test]
fn documents_serialise_parse_and_display() {
    for document in data::seed() {
        let kind = document.kind();
        assert_eq!(kind.to_string().parse::<DocumentKind>().unwrap(), kind);
        assert_eq!(serde_json::to_value(kind).unwrap(), kind.to_string());

        let text = document.to_string();
        assert_eq!(text, document.to_json(), "Display writes the canonical JSON");
        assert_eq!(text.parse::<Document>().unwrap(), document);
        assert_eq!(serde_json::to_string_pretty(&document).unwrap() + "\n", text);
    }
    assert_eq!("report".parse::<DocumentKind>().unwrap_err().to_string(), "unknown document type `report`");
}

#[test]
fn a_read_error_keeps_the_io_error_as_its_source() {
    let err = childwelfare::json::from_reader::<Project>(std::fs::File::open(root()).unwrap()).unwrap_err();
    assert_eq!(err.kind(), ParseErrorKind::Io);
    let source = err.source().expect("an io error behind it");
    assert!(source.downcast_ref::<std::io::Error>().is_some(), "{source:?}");
}

#[test]
fn a_constructed_project_keeps_its_required_fields_and_writes_nothing_else() {
    let project = Project::new(Id::new("demo").unwrap(), childwelfare::Text::fi("Esimerkki"), ProjectStatus::Ended);
    assert_eq!(project, Project::from_json(&format!("{MINIMAL}\"}}")).unwrap());
}
