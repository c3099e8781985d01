//! Regression tests for the hardening of issue 19: each reproduces a way
//! the crate lost, hid or mangled what the user gave.

#[test]
fn diagnostics_are_handed_on_in_order_and_not_kept() {
    use childwelfare::{load, validation};

    let dir = crate::common::Scratch::new("hardening-streamed-diagnostics");
    let path = dir.join("bad.jsonl");
    let lines = 20_000;
    std::fs::write(&path, "[]\n".repeat(lines)).unwrap();
    let files = load::walk(&[&path]).unwrap();
    let mut seen = Vec::new();
    let found = validation::validate_files_each(&files, |diagnostic| seen.push(diagnostic.line));
    // Every line rejected, in the order of the file, and none of them kept.
    assert_eq!(seen, (1..=lines).map(Some).collect::<Vec<_>>());
    assert_eq!((found.errors, found.warnings, found.report.documents), (lines, 0, lines));
    assert!(found.report.diagnostics.is_empty());
    assert!(!found.is_valid());
    // What validate_files keeps is the same.
    let kept = validation::validate_files(&files);
    assert_eq!(kept.report.diagnostics.iter().map(|d| d.line).collect::<Vec<_>>(), seen);
    assert_eq!(
        kept.to_string(),
        format!("{}{found}", kept.report.diagnostics.iter().map(|d| format!("{d}\n")).collect::<String>())
    );
}

#[test]
fn a_document_over_the_limit_is_refused_not_read_into_memory() {
    use childwelfare::load::{self, LoadError, Loaded};

    let dir = crate::common::Scratch::new("hardening-limit");
    // 64 GiB that take no disk (a sparse file): reading it aborted the process.
    let huge = dir.join("huge.json");
    std::fs::File::create(&huge).unwrap().set_len(64 << 30).unwrap();
    // A JSON Lines file whose second line is longer than the limit set and never ends.
    let lines = dir.join("lines.jsonl");
    std::fs::write(
        &lines,
        format!("{}\n{{\"name\": \"{}", childwelfare::data::LUMO_JSON.replace('\n', " "), "x".repeat(300_000)),
    )
    .unwrap();

    let files = load::walk(&[&huge, &lines]).unwrap().with_document_limit(200_000);
    let loaded: Vec<Loaded> = files.documents().collect();
    let refused: Vec<String> = loaded
        .iter()
        .filter_map(|loaded| match loaded {
            Loaded::Failed(error @ LoadError::Read { source, .. }) => {
                assert_eq!(source.kind(), std::io::ErrorKind::FileTooLarge);
                Some(error.to_string())
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        refused,
        [
            format!(
                "{}: cannot read: the document is 68 719 476 736 bytes, over the limit of 200 000 bytes for a document",
                huge.display()
            ),
            format!(
                "{}:2: cannot read: the document is 300 010 bytes, over the limit of 200 000 bytes for a document",
                lines.display()
            ),
        ]
    );
    // The first line, under the limit, is read.
    assert!(matches!(&loaded[1], Loaded::Document(document, _) if document.id() == "lumo"));
    // The default limit refuses the sparse file too.
    let files = load::walk(&[&huge]).unwrap();
    assert!(matches!(files.documents().next(), Some(Loaded::Failed(LoadError::Read { .. }))));
}

#[test]
fn an_export_saved_beside_the_data_is_skipped_and_an_array_is_named_as_such() {
    use childwelfare::{Document, Language, OtherJson, export, load, validation};

    let dir = crate::common::Scratch::new("hardening-export-beside");
    std::fs::write(dir.join("lumo.json"), childwelfare::data::LUMO_JSON).unwrap();
    let lumo = Document::from_json(childwelfare::data::LUMO_JSON).unwrap();
    for table in [export::Table::Events, export::Table::Projects, export::Table::Implementers] {
        let mut writer = export::Writer::new(export::Format::Json, Vec::new());
        for row in export::rows(&lumo, table, Language::Fi) {
            writer.write(&row).unwrap();
        }
        let bytes = writer.finish().unwrap();
        assert_eq!(Document::other_json(&bytes), Some(OtherJson::ExportedTable), "{table:?}");
        std::fs::write(dir.join(format!("{table:?}.json")), &bytes).unwrap();
    }
    let found = validation::validate_files(&load::walk(&[&dir]).unwrap());
    assert!(found.is_valid(), "{found}");
    assert_eq!(found.report.documents, 1);
    assert_eq!(found.skipped.len(), 3);
    assert!(
        found.skipped[0]
            .to_string()
            .ends_with("a table exported by `childwelfare export`, not a project or programme document")
    );

    // Given by name, or any other array: said in plain words.
    let error = Document::from_json("\n  [1, 2]").unwrap_err();
    assert_eq!(
        error.to_string(),
        "line 2, column 3, at the top level: this is a JSON array; a document is a JSON object with a `document_type`"
    );
}

#[cfg(unix)]
#[test]
fn a_folder_too_deep_to_name_is_skipped_and_the_rest_is_read() {
    use childwelfare::load::{self, SkipReason};

    let dir = crate::common::Scratch::new("hardening-deep");
    std::fs::write(dir.join("lumo.json"), childwelfare::data::LUMO_JSON).unwrap();
    // 2 500 levels: past the longest path the system can name (4 096 bytes).
    let made = std::process::Command::new("sh")
        .arg("-c")
        .arg("for i in $(seq 2500); do mkdir d && cd -P d || exit 1; done")
        .current_dir(&*dir)
        .status()
        .unwrap();
    assert!(made.success());
    let files = load::walk(&[&dir]).unwrap();
    assert_eq!(files.files, [(dir.join("lumo.json"), true)]);
    let unreadable: Vec<_> =
        files.skipped.iter().filter(|skipped| matches!(skipped.reason, SkipReason::Unreadable(_))).collect();
    assert_eq!(unreadable.len(), 1, "{:?}", files.skipped.len());
    assert!(unreadable[0].to_string().ends_with("); the rest of the folder is read"), "{}", unreadable[0]);
}

#[test]
fn a_report_with_a_document_left_out_says_so_at_its_top() {
    use childwelfare::{aggregate::Aggregator, load, report};

    let dir = crate::common::Scratch::new("hardening-partial-report");
    std::fs::write(dir.join("lumo.json"), childwelfare::data::LUMO_JSON).unwrap();
    std::fs::write(dir.join("broken.json"), "{").unwrap();
    let mut aggregator = Aggregator::new();
    let mut others = 0;
    aggregator.add_files(&load::walk(&[&dir]).unwrap(), |_| others += 1);
    let summary = aggregator.finish();
    assert_eq!((summary.projects, others), (1, 1));
    let place =
        format!("{}: not a valid document (`childwelfare validate` says why)", dir.join("broken.json").display());
    assert_eq!(summary.left_out, std::slice::from_ref(&place));
    let options = report::Options::new(report::Format::Text).unlimited_width();
    let text = report::render_with(&summary, &options);
    let top: Vec<&str> = text.lines().take(5).collect();
    assert_eq!(
        top,
        [
            "Summary: 1 project, 0 programmes",
            "",
            "Documents read: 1; documents that could not be read: 1.",
            "Incomplete: these documents (1) could not be read and are left out of every figure below:",
            &format!("- {place}"),
        ]
    );
    // At the default width a long place wraps, and nothing of it is lost.
    let text = report::render(&summary, report::Format::Text, false);
    assert!(text.lines().all(|line| line.chars().count() <= report::DEFAULT_WIDTH), "{text}");
    assert!(text.replace("\n  ", " ").contains(&format!("- {place}")), "{text}");
    let markdown = report::render(&summary, report::Format::Markdown, false);
    assert!(
        markdown.lines().nth(4).is_some_and(|line| line.starts_with("> **Incomplete: these documents (1)")),
        "{markdown}"
    );
    let json: serde_json::Value = serde_json::from_str(&report::render(&summary, report::Format::Json, false)).unwrap();
    assert_eq!(json["left_out"], serde_json::json!([place]));
}
