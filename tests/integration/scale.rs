//! Validation at scale: streaming through files in parallel batches gives
//! exactly what validating the documents in memory gives, in the same order,
//! with each diagnostic placed at its file and line.

use std::io::Write;

use childwelfare::corpus::Generator;
use childwelfare::validation::{self, CrossIndex, Diagnostic};
use childwelfare::{Document, load};

/// 150 generated projects (more than two batches) and their programme, with
/// violations within documents and across them.
fn corpus() -> Vec<Document> {
    let generator = Generator::new(7);
    let mut documents: Vec<Document> = (0..150).map(|i| generator.document(i)).collect();
    documents[0] = generator.inject(0, 4).0.into();
    documents[97] = generator.inject(97, 2).0.into();
    // A record id used in two projects.
    if let (Document::Project(first), Document::Project(second)) = (documents[10].clone(), &mut documents[120]) {
        second.events[0].id = first.events[0].id.clone();
    }
    // The same project given twice.
    documents.push(documents[3].clone());
    documents.push(generator.programme(150).into());
    documents
}

fn key(d: &Diagnostic) -> (String, Option<String>, String, String) {
    (d.code.clone(), d.document.clone(), d.pointer.clone(), d.message.clone())
}

#[test]
fn validating_files_in_batches_gives_what_validating_in_memory_gives() {
    let documents = corpus();
    let dir = std::env::temp_dir().join(format!("childwelfare-scale-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("corpus.jsonl");
    let mut file = std::fs::File::create(&path).unwrap();
    for document in &documents {
        writeln!(file, "{}", serde_json::to_string(document).unwrap()).unwrap();
    }
    drop(file);

    let in_memory = validation::validate_documents(&documents);
    let found = validation::validate_files(&load::walk(&[&path]).unwrap());
    std::fs::remove_dir_all(&dir).unwrap();

    assert!(found.skipped.is_empty() && found.unusable.is_empty());
    assert_eq!(found.report.documents, documents.len());
    let streamed: Vec<_> = found.report.diagnostics.iter().map(key).collect();
    let expected: Vec<_> = in_memory.diagnostics.iter().map(key).collect();
    assert_eq!(streamed, expected);
    assert_eq!(found.report.not_run, in_memory.not_run);

    // Each diagnostic of one document is placed at its line.
    let file = path.display().to_string();
    let injected = found.report.diagnostics.iter().find(|d| d.document.as_deref() == Some("p97")).unwrap();
    assert_eq!((injected.file.as_deref(), injected.line), (Some(file.as_str()), Some(98)));
    let record =
        found.report.diagnostics.iter().find(|d| d.code == "cross.duplicate_record").expect("the repeated record id");
    assert_eq!((record.document.as_deref(), record.line), (Some("p120"), Some(121)));
    assert_eq!(record.message, format!("event id `{}` is also used in project `p10`", documents_event(&documents, 10)));
    // A document given twice is placed at both lines.
    let twice =
        found.report.diagnostics.iter().find(|d| d.code == "cross.duplicate_document").expect("the repeated document");
    assert_eq!(twice.file, Some(format!("{file}:4, {file}:151")));
    assert_eq!(twice.line, None);
}

fn documents_event(documents: &[Document], n: usize) -> String {
    match &documents[n] {
        Document::Project(project) => project.events[0].id.to_string(),
        _ => unreachable!("the corpus has projects first"),
    }
}

#[test]
fn the_cross_index_finds_across_documents_what_validation_of_all_finds() {
    let documents = corpus();
    let mut index = CrossIndex::new();
    for document in &documents {
        index.add(document);
    }
    assert_eq!(index.len(), documents.len());
    assert_eq!(index.documents_with_id("p3"), [3, 150]);
    let across = index.finish();
    // The repeated project's records are not also reported as repeated
    // across projects: one root cause, one diagnostic.
    let codes: Vec<&str> = across.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["cross.duplicate_document", "cross.duplicate_record"]);
}

#[test]
fn parallel_validation_keeps_the_documents_order() {
    let documents = corpus();
    let one_by_one: Vec<_> =
        documents.iter().flat_map(|d| validation::validate_document(d).diagnostics).map(|d| key(&d)).collect();
    let together = validation::validate_documents(&documents);
    let first: Vec<_> = together.diagnostics.iter().take(one_by_one.len()).map(key).collect();
    assert_eq!(first, one_by_one);
}

#[test]
fn an_id_another_project_owns_used_twice_here_is_one_problem_across_projects() {
    let generator = Generator::new(11);
    let first = generator.project(0);
    let mut second = generator.project(1);
    let taken = first.events[0].id.clone();
    second.events[0].id = taken.clone();
    second.events[1].id = taken.clone();
    let documents: Vec<Document> = vec![first.into(), second.into()];
    let report = validation::validate_documents(&documents);
    let codes = |code: &str| report.diagnostics.iter().filter(|d| d.code == code).count();
    assert_eq!(codes("cross.duplicate_record"), 1, "{report}");
    assert_eq!(codes("id.duplicate"), 1, "{report}");
    let across = report.diagnostics.iter().find(|d| d.code == "cross.duplicate_record").unwrap();
    assert_eq!(across.pointer, "/events/0/id");
    assert_eq!(across.message, format!("event id `{taken}` is also used in project `p0`"));
}
