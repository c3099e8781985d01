//! Validation at scale: streaming through files in parallel batches gives
//! exactly what validating the documents in memory gives, in the same order,
//! with each diagnostic placed at its file and line.

use std::io::Write;

use childwelfare::corpus::Generator;
use childwelfare::validation::{self, CrossIndex, Diagnostic};
use childwelfare::{Document, load};

use crate::common::Scratch;

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

/// The documents `files` holds, in the order read (skips and failures left out).
fn documents_read(files: &load::Files) -> Vec<Document> {
    files
        .documents()
        .filter_map(|loaded| match loaded {
            load::Loaded::Document(document, _) => Some(*document),
            _ => None,
        })
        .collect()
}

fn key(d: &Diagnostic) -> (String, Option<String>, String, String) {
    (d.code.clone(), d.document.clone(), d.pointer.clone(), d.message.clone())
}

/// Validating files found what validating `documents` in memory finds, in
/// the same order.
fn assert_finds_what_validation_in_memory_finds(found: &validation::FilesReport, documents: &[Document]) {
    let in_memory = validation::validate_documents(documents);
    assert!(found.skipped.is_empty() && found.unusable.is_empty());
    assert_eq!(found.report.documents, documents.len());
    let streamed: Vec<_> = found.report.diagnostics.iter().map(key).collect();
    let expected: Vec<_> = in_memory.diagnostics.iter().map(key).collect();
    assert_eq!(streamed, expected);
    assert_eq!(found.report.not_run, in_memory.not_run);
}

#[test]
fn validating_files_in_batches_gives_what_validating_in_memory_gives() {
    let documents = corpus();
    let dir = Scratch::new("scale");
    let path = dir.join("corpus.jsonl");
    let mut file = std::fs::File::create(&path).unwrap();
    for document in &documents {
        writeln!(file, "{}", serde_json::to_string(document).unwrap()).unwrap();
    }
    drop(file);

    let found = validation::validate_files(&load::walk(&[&path]).unwrap());
    assert_finds_what_validation_in_memory_finds(&found, &documents);

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

/// 30 projects and a programme that lists them and enough others to pass
/// 1 MiB (the size past which a document is read from its file again, a
/// programme entry by entry), with findings among its entries.
fn corpus_with_a_long_programme() -> (Vec<Document>, usize) {
    let generator = Generator::new(13);
    let mut documents: Vec<Document> = (0..30).map(|i| generator.document(i)).collect();
    documents[20] = generator.inject(20, 3).0.into();
    let mut programme = generator.programme(30);
    programme.projects[4].id = programme.projects[2].id.clone();
    programme.projects[7].name = childwelfare::Text::fi(" ");
    let template = programme.projects[0].clone();
    let mut k = 0;
    while serde_json::to_string(&programme).unwrap().len() <= 1 << 20 {
        for _ in 0..500 {
            let mut entry = template.clone();
            entry.id = childwelfare::Id::new(format!("listed-only-{k}")).unwrap();
            entry.document = Some(format!("projects/listed-only-{k}.json"));
            programme.projects.push(entry);
            k += 1;
        }
    }
    // The programme in the middle, so that the lines after it are counted
    // past a line that was not kept.
    let at = 12;
    documents.insert(at, programme.into());
    (documents, at)
}

fn write_lines(path: &std::path::Path, lines: &[String]) {
    let mut file = std::fs::File::create(path).unwrap();
    for line in lines {
        writeln!(file, "{line}").unwrap();
    }
}

#[test]
fn a_programme_over_a_mebibyte_gives_the_findings_and_summary_of_one_read_whole() {
    let (documents, at) = corpus_with_a_long_programme();
    let dir = Scratch::new("long");
    let path = dir.join("corpus.jsonl");
    let mut lines: Vec<String> = documents.iter().map(|d| serde_json::to_string(d).unwrap()).collect();
    assert!(lines[at].len() > 1 << 20);
    // A blank line longer than 1 MiB is skipped as a short one is.
    lines.insert(at + 1, " ".repeat((1 << 20) + 10));
    write_lines(&path, &lines);
    let files = load::walk(&[&path]).unwrap();

    let found = validation::validate_files(&files);
    assert_finds_what_validation_in_memory_finds(&found, &documents);
    let programme_id = documents[at].id().to_string();
    let duplicate = found.report.diagnostics.iter().find(|d| d.pointer == "/projects/4/id").unwrap();
    assert_eq!((duplicate.document.as_deref(), duplicate.line), (Some(programme_id.as_str()), Some(at + 1)));
    let missing = found.report.diagnostics.iter().filter(|d| d.code == "cross.document_missing").count();
    let Document::Programme(programme) = &documents[at] else { unreachable!("the programme is at {at}") };
    assert_eq!(missing, programme.projects.len() - 30);
    // Project 20 is on line 23: after the programme and the blank line.
    let injected = found.report.diagnostics.iter().find(|d| d.document.as_deref() == Some("p20")).unwrap();
    assert_eq!(injected.line, Some(23));

    // The summary is the one of the documents in memory.
    let mut aggregator = childwelfare::aggregate::Aggregator::new();
    let mut others = Vec::new();
    aggregator.add_files(&files, |other| others.push(other));
    assert!(others.is_empty(), "{others:?}");
    assert_eq!(aggregator.finish(), childwelfare::aggregate::summarise(&documents, false));

    // Read as documents, the programme is whole.
    assert_eq!(documents_read(&files), documents);

    // A file over 1 MiB is read as a long line is.
    let folder = dir.join("folder");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("a-programme.json"), &lines[at]).unwrap();
    let projects: Vec<String> = lines.iter().enumerate().filter(|(i, _)| *i != at).map(|(_, l)| l.clone()).collect();
    write_lines(&folder.join("b-projects.jsonl"), &projects);
    let mut reordered = vec![documents[at].clone()];
    reordered.extend(documents.iter().enumerate().filter(|(i, _)| *i != at).map(|(_, d)| d.clone()));
    let found = validation::validate_files(&load::walk(&[&folder]).unwrap());
    let in_memory = validation::validate_documents(&reordered);
    let streamed: Vec<_> = found.report.diagnostics.iter().map(key).collect();
    assert_eq!(streamed, in_memory.diagnostics.iter().map(key).collect::<Vec<_>>());
    assert!(
        streamed
            .iter()
            .any(|(_, document, pointer, _)| document.as_ref() == Some(&programme_id)
                && pointer == "/projects/7/name/fi")
    );

    // A long programme that is not valid is reported as one read whole.
    let broken = lines[at].replacen("\"administrator\"", "\"administrators\"", 1);
    let error = Document::from_json(&broken).unwrap_err();
    lines[at] = broken;
    write_lines(&path, &lines);
    let found = validation::validate_files(&load::walk(&[&path]).unwrap());
    let file = path.display().to_string();
    let parse: Vec<_> = found.report.diagnostics.iter().filter(|d| d.code.starts_with("parse.")).collect();
    let mut expected = Diagnostic::from_parse_problems(&error, Some(&file));
    expected.iter_mut().for_each(|d| d.line = Some(at + 1));
    assert_eq!(parse.len(), expected.len());
    for (found, expected) in parse.iter().zip(&expected) {
        assert_eq!((&found.pointer, &found.message, found.line), (&expected.pointer, &expected.message, expected.line));
    }
}

/// Aggregating files on one thread and on several gives the same summary,
/// to the byte: each project's rows are made on any core, then added in the
/// order read. With derivations (whose records are joined in that order), a
/// per-project limit crossed within a batch, and the same project twice.
#[test]
fn aggregating_files_gives_the_same_summary_on_one_thread_and_on_several() {
    use childwelfare::aggregate::Aggregator;
    let documents = corpus();
    let dir = Scratch::new("scale-threads");
    let path = dir.join("corpus.jsonl");
    let mut file = std::fs::File::create(&path).unwrap();
    for document in &documents {
        writeln!(file, "{}", serde_json::to_string(document).unwrap()).unwrap();
    }
    drop(file);
    let files = load::walk(&[&path]).unwrap();
    let summarise = |threads: usize, limit: u64| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        pool.install(|| {
            let mut aggregator = Aggregator::new().explain(true).per_project_limit(limit);
            aggregator.add_files(&files, |_| {});
            serde_json::to_string(&aggregator.finish()).unwrap()
        })
    };
    // Past the limit a project's row by project is not made once the
    // per-project tables are emptied after each project (from the first
    // with a limit of 0).
    for limit in [1_000, 100, 1, 0] {
        let one = summarise(1, limit);
        for threads in [2, 3] {
            assert!(one == summarise(threads, limit), "{threads} threads, limit {limit}");
        }
        // And the same as adding the documents one by one.
        let mut aggregator = Aggregator::new().explain(true).per_project_limit(limit);
        documents.iter().for_each(|document| aggregator.add(document));
        assert!(one == serde_json::to_string(&aggregator.finish()).unwrap(), "one by one, limit {limit}");
    }
}

/// Once its rows are made, a project read from a file is kept only as far
/// as its turn reads it (the rest is freed on the worker that parsed it):
/// the summary is the one of the same documents added whole, to the byte,
/// in every language and with derivations. The seed data has participant
/// groups, milestones and regional parts; generated projects have work
/// packages and money by funder and implementer, and one an actual period.
#[test]
fn a_project_read_from_a_file_keeps_all_its_turn_reads() {
    use childwelfare::Language;
    use childwelfare::aggregate::{Aggregator, Dimension};
    let dir = Scratch::new("scale-kept");
    let path = dir.join("generated.jsonl");
    let mut file = std::fs::File::create(&path).unwrap();
    let generator = Generator::new(11);
    for index in 0..40 {
        let mut document = serde_json::to_value(generator.document(index)).unwrap();
        if index == 0 {
            // An actual period wider than every other, which the summary's
            // period and timeline take.
            document["actual_period"] = serde_json::json!({"start": "2018-03-01", "end": "2031-06-30"});
        }
        writeln!(file, "{document}").unwrap();
    }
    drop(file);
    let files = load::walk(&[crate::common::root().join("data"), path]).unwrap();
    let documents = documents_read(&files);
    assert_eq!(documents.len(), 43);
    for language in [Language::Fi, Language::Sv, Language::En] {
        let mut from_files = Aggregator::new().explain(true).language(language);
        from_files.add_files(&files, |other| panic!("{other:?}"));
        let mut whole = Aggregator::new().explain(true).language(language);
        documents.iter().for_each(|document| whole.add(document));
        let (kept, whole) = (from_files.finish(), whole.finish());
        // What the turn reads of a project is in the summary.
        assert!(!kept.participant_groups.is_empty());
        assert!(!kept.timelines.rows().unwrap().is_empty() && !kept.regional_parts.rows().unwrap().is_empty());
        assert!(kept.participation(Dimension::WorkPackage).unwrap().count() > 40);
        assert!(kept.period.unwrap().to_string().starts_with("2018-03-01"), "{:?}", kept.period);
        assert_eq!(serde_json::to_string(&kept).unwrap(), serde_json::to_string(&whole).unwrap(), "{language:?}");
    }
}
