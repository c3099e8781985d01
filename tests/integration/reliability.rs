//! Nothing lost, nothing hangs, one contract: the cases fuzzing found, each
//! kept as a regression under `tests/regressions/`.

use std::path::PathBuf;

use childwelfare::{Document, Project, load};

use crate::common::{Scratch, committed_validator, root};

fn regressions() -> PathBuf {
    root().join("tests/regressions")
}

/// Every input under `tests/regressions/reject/` is rejected with the
/// problems listed in its `.expected` file, one per line
/// (`UPDATE_REGRESSIONS=1` rewrites them, to be reviewed like any change).
#[test]
fn every_input_that_once_failed_is_rejected_with_a_message_that_says_where_and_what() {
    let update = std::env::var_os("UPDATE_REGRESSIONS").is_some();
    let mut checked = 0;
    let mut entries: Vec<PathBuf> = std::fs::read_dir(regressions().join("reject"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    entries.sort();
    for path in entries {
        let bytes = std::fs::read(&path).unwrap();
        let error = Document::from_slice(&bytes).expect_err("a regression input is rejected");
        let found: String = error.problems().map(|problem| format!("{problem}\n")).collect();
        let expected_path = path.with_extension("expected");
        if update {
            std::fs::write(&expected_path, &found).unwrap();
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        assert_eq!(found, expected, "{}", path.display());
        checked += 1;
    }
    assert!(checked >= 14, "only {checked} regression inputs");
}

#[test]
fn floats_in_extensions_round_trip_exactly() {
    let text = std::fs::read_to_string(regressions().join("floats.json")).unwrap();
    let project = Project::from_json(&text).unwrap();
    assert_eq!(project.to_json(), text, "the canonical form is a fixed point");
    let floats = project.extensions["floats"].as_array().unwrap();
    assert_eq!(floats[0].as_f64(), Some(8.431568818613613e-200));
    assert_eq!(floats[3].as_f64(), Some(5e-324));
    // The library as users build it (not only the test build) asks for
    // exact floats.
    let manifest = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let dependencies = manifest.split("[dependencies]").nth(1).unwrap().split("\n[").next().unwrap();
    assert!(
        dependencies.lines().any(|line| line.starts_with("serde_json") && line.contains("float_roundtrip")),
        "serde_json in [dependencies] needs float_roundtrip"
    );
}

#[test]
fn loosely_written_dates_and_records_written_as_lists_are_rejected_as_the_schema_rejects_them() {
    let validator = committed_validator(childwelfare::DocumentKind::Project);
    for name in ["loose-record-date", "signed-record-date", "spaced-record-date", "record-as-list", "project-as-list"] {
        let text = std::fs::read_to_string(regressions().join("reject").join(format!("{name}.json"))).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert!(!validator.is_valid(&value), "{name}: the schema rejects it too");
    }
}

#[test]
fn every_shape_problem_of_a_document_is_reported_up_to_the_limit() {
    let mut fields = String::new();
    for i in 0..30 {
        fields.push_str(&format!(r#", "unknown_{i:02}": {i}"#));
    }
    let text = format!(
        r#"{{"document_type": "project", "schema_version": "1.1", "id": "demo", "name": {{"fi": "x"}}, "status": "ended"{fields}}}"#
    );
    let error = Document::from_json(&text).unwrap_err();
    assert_eq!(error.problems().count(), childwelfare::json::PROBLEM_LIMIT);
    assert!(error.stopped_at_limit());
    assert!(error.problems().all(|p| p.message().starts_with("unknown field `unknown_")));
    assert!(error.to_string().ends_with("(and 19 more problems; the search stops at 20)"), "{error}");
    let diagnostics = childwelfare::validation::Diagnostic::from_parse_problems(&error, Some("demo.json"));
    assert_eq!(diagnostics.len(), 21);
    assert_eq!(
        diagnostics[20].message,
        "the search for problems stopped at 20; fix these and check again to see the rest"
    );
}

#[test]
fn a_hundred_megabyte_field_name_is_cut_and_costs_no_did_you_mean() {
    let name = "x".repeat(100_000_000);
    let text = format!(r#"{{"document_type": "project", "schema_version": "1.1", "{name}": 1}}"#);
    let error = Document::from_json(&text).unwrap_err();
    let message = error.to_string();
    assert!(message.len() < 2_000, "{} bytes", message.len());
    assert!(message.contains("… (100000000 characters)`"), "{}", &message[..200]);
    // No edit distance is computed for a name this long (it took a minute):
    // `json::tests::no_suggestion_is_searched_for_a_name_longer_than_any_valid_one`
    // proves the bound by the work done, not by the clock.
    assert_eq!(error.suggestion(), None);
}

#[cfg(unix)]
#[test]
fn the_walk_follows_no_link_inside_a_folder_opens_only_regular_files_and_says_what_it_skipped() {
    let dir = crate::common::links_and_a_fifo("reliability-walk");
    let files = load::walk(&[&dir]).unwrap();
    assert_eq!(files.files, [(dir.join("lumo.json"), true)]);
    let skipped: Vec<String> = files.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(
        skipped,
        [
            format!("skipped `{}`: a symbolic link inside a folder is not followed", dir.join("link.json").display()),
            format!("skipped `{}`: a symbolic link inside a folder is not followed", dir.join("self").display()),
            format!("skipped `{}`: a symbolic link inside a folder is not followed", dir.join("self2").display()),
            format!("skipped `{}`: not a regular file", dir.join("zz.json").display()),
        ]
    );
}

#[test]
fn a_folder_without_documents_is_an_error() {
    let dir = Scratch::new("reliability-nothing");
    let error = load::walk(&[&*dir]).unwrap_err();
    assert_eq!(error.to_string(), format!("no .json, .jsonl or .ndjson files in `{}`", dir.display()));
}

#[test]
fn loading_reports_every_bad_document_and_keeps_going() {
    let dir = Scratch::new("reliability-load");
    std::fs::write(dir.join("a.json"), childwelfare::data::LUMO_JSON).unwrap();
    std::fs::write(dir.join("b.json"), "{").unwrap();
    let lines = format!(
        "{}\n\n{}\nnot json\n",
        serde_json::to_string(&childwelfare::data::programme()).unwrap(),
        serde_json::to_string(&childwelfare::data::tulevaisuuden_lastensuojelu()).unwrap()
    );
    std::fs::write(dir.join("c.jsonl"), lines).unwrap();
    let loaded = load::load(&[&dir]).unwrap();
    let origins: Vec<String> = loaded.documents.iter().map(|d| d.origin.to_string()).collect();
    let file = |name: &str| dir.join(name).display().to_string();
    assert_eq!(origins, [file("a.json"), format!("{}:1", file("c.jsonl")), format!("{}:3", file("c.jsonl"))]);
    let failures: Vec<String> = loaded.failures.iter().map(|f| f.origin().to_string()).collect();
    assert_eq!(failures, [file("b.json"), format!("{}:4", file("c.jsonl"))]);
    assert_eq!(
        loaded.failures[1].to_string(),
        format!("{}:4: line 1, column 2, at the top level: expected ident", file("c.jsonl"))
    );
    assert_eq!(loaded.into_documents().len(), 3);
}
