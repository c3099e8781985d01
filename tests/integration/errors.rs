//! Bad input gives an error that names where and what, and never a panic.

use childwelfare::{Document, ParseErrorKind, Project, json};

const VALID: &str = r#"{
  "document_type": "project",
  "schema_version": "1.0",
  "id": "demo",
  "name": {"fi": "Esimerkki"},
  "status": "ended",
  "events": [
    {"id": "ev-1", "kinds": ["webinar"], "participation": {"attendances": {"value": 21}}}
  ]
}"#;

fn error(json: &str) -> childwelfare::ParseError {
    Project::from_json(json).expect_err("the input is invalid")
}

#[test]
fn the_reference_document_is_valid() {
    assert_eq!(Project::from_json(VALID).unwrap().events.len(), 1);
}

#[test]
fn a_syntax_error_names_line_and_column() {
    let err = error(&VALID.replace(r#""status": "ended","#, r#""status": "ended""#));
    assert_eq!(err.kind(), ParseErrorKind::Syntax);
    assert_eq!((err.line(), err.column()), (Some(7), Some(3)));
    assert_eq!(err.to_string(), "line 7, column 3, at the top level: expected `,` or `}`");
}

#[test]
fn a_truncated_document_is_an_eof_error() {
    let err = error(&VALID[..VALID.len() / 2]);
    assert_eq!(err.kind(), ParseErrorKind::Eof);
    assert!(err.to_string().contains("EOF while parsing"), "{err}");
}

#[test]
fn a_wrong_type_names_the_path() {
    let err = error(&VALID.replace(r#"{"value": 21}"#, r#"{"value": "21"}"#));
    assert_eq!(err.kind(), ParseErrorKind::Data);
    assert_eq!(err.path(), "events[0].participation.attendances.value");
    assert_eq!(err.pointer(), "/events/0/participation/attendances/value");
    assert_eq!(
        err.to_string(),
        "line 8, column 88, at `events[0].participation.attendances.value`: invalid type: string \"21\", expected u64"
    );
}

#[test]
fn a_negative_or_huge_count_is_rejected() {
    let err = error(&VALID.replace(r#"{"value": 21}"#, r#"{"value": -1}"#));
    assert_eq!(err.path(), "events[0].participation.attendances.value");
    assert!(err.message().starts_with("invalid value: integer `-1`"), "{err}");
    let err = error(&VALID.replace(r#"{"value": 21}"#, r#"{"value": 99999999999999999999999}"#));
    assert_eq!(err.path(), "events[0].participation.attendances.value");
}

#[test]
fn an_unknown_field_is_rejected_with_a_suggestion() {
    let err = error(&VALID.replace(r#""kinds""#, r#""kind""#));
    assert_eq!(err.path(), "events[0].kind");
    assert_eq!(err.suggestion(), Some("kinds"));
    assert!(err.to_string().ends_with("; did you mean `kinds`?"), "{err}");
}

#[test]
fn an_unknown_code_is_rejected_with_a_suggestion() {
    let err = error(&VALID.replace(r#"["webinar"]"#, r#"["webnar"]"#));
    assert_eq!(err.path(), "events[0].kinds[0]");
    assert_eq!(err.suggestion(), Some("webinar"));
}

#[test]
fn a_missing_required_field_is_named() {
    let err = error(&VALID.replace("  \"status\": \"ended\",\n", ""));
    assert_eq!(err.kind(), ParseErrorKind::Data);
    assert_eq!(err.message(), "missing field `status`");
}

#[test]
fn values_that_do_not_fit_their_type_say_why() {
    let err = error(&VALID.replace(r#""id": "ev-1""#, r#""id": "Event 1""#));
    assert_eq!(err.path(), "events[0].id");
    assert_eq!(
        err.message(),
        "invalid identifier `Event 1`: use 1-64 characters a-z, 0-9, `-`, `_` or `.`, starting and ending with a letter or digit"
    );
    let err = error(&VALID.replace(r#""kinds": ["webinar"],"#, r#""period": {"start": "2022-02-30"},"#));
    assert_eq!(err.path(), "events[0].period.start");
    assert_eq!(err.message(), "invalid date `2022-02-30`: no such day in the calendar");
    let err = error(&VALID.replace(r#""name": {"fi": "Esimerkki"}"#, r#""name": {}"#));
    assert_eq!(err.path(), "name");
    assert_eq!(err.message(), "a text needs at least one of `fi`, `sv` or `en`");
    let err = error(&VALID.replace(r#""schema_version": "1.0""#, r#""schema_version": "2.0""#));
    assert_eq!(err.message(), "invalid schema version `2.0`: this crate reads schema version 1.x");
}

#[test]
fn trailing_characters_are_rejected() {
    let err = error(&format!("{VALID} {{}}"));
    assert_eq!(err.kind(), ParseErrorKind::Syntax);
    assert!(err.message().starts_with("trailing characters"), "{err}");
}

#[test]
fn binary_and_empty_input_are_errors() {
    let err = json::from_slice::<Project>(&[0xff, 0xfe, 0x00, 0x01]).unwrap_err();
    assert_eq!(err.kind(), ParseErrorKind::Syntax);
    let err = json::from_str::<Project>("").unwrap_err();
    assert_eq!(err.kind(), ParseErrorKind::Eof);
    assert!(Document::from_json("").is_err());
    assert!(Document::from_json("[1, 2").is_err());
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = VALID.replace(
        r#""status": "ended","#,
        &format!(r#""status": "ended", "extensions": {{"x": {}"#, "[".repeat(100_000)),
    );
    let err = error(&deep);
    assert_eq!(err.path(), "extensions.x");
    assert_eq!(err.message(), "nested too deep: more than 128 levels of objects and lists");
    let err = Document::from_json(&"[".repeat(200)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 1, column 1, at the top level: this is a JSON array; a document is a JSON object with a `document_type`"
    );
}

#[test]
fn document_type_selects_the_kind_and_is_checked() {
    let err = Document::from_json(&VALID.replace(r#""project""#, r#""projekt""#)).unwrap_err();
    assert_eq!(err.path(), "document_type");
    assert_eq!(err.suggestion(), Some("project"));
    let err = Document::from_json(&VALID.replace("  \"document_type\": \"project\",\n", "")).unwrap_err();
    assert_eq!(err.message(), "missing field `document_type` (\"project\" or \"programme\")");
    let err = Document::from_json(&VALID.replace(r#""project""#, "7")).unwrap_err();
    assert_eq!(err.message(), "expected \"project\" or \"programme\", found 7");
}

#[test]
fn extensions_are_kept_on_a_round_trip() {
    let json = VALID.replace(
        r#""status": "ended","#,
        r#""status": "ended", "extensions": {"county_code": 91, "tags": ["a", {"b": null}]},"#,
    );
    let project = Project::from_json(&json).unwrap();
    assert_eq!(project.extensions["county_code"], 91);
    let again = Project::from_json(&project.to_json()).unwrap();
    assert_eq!(again, project);
}

#[test]
fn errors_and_documents_are_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<childwelfare::ParseError>();
    assert_send_sync::<childwelfare::Document>();
    assert_send_sync::<childwelfare::Project>();
    assert_send_sync::<childwelfare::Programme>();
    assert_send_sync::<childwelfare::InvalidValue>();
    assert_send_sync::<childwelfare::UnknownCode>();
    assert_send_sync::<childwelfare::validation::Report>();
    assert_send_sync::<childwelfare::validation::Diagnostic>();
    // The index across documents and the summary can be shared as well.
    assert_send_sync::<childwelfare::validation::CrossIndex>();
    assert_send_sync::<childwelfare::aggregate::Aggregator>();
}
