//! Documents given as bytes (as the browser page gives them) are checked
//! and summarised exactly as the same files read from disk.

use childwelfare::aggregate::Aggregator;
use childwelfare::{load, validation};

use crate::common::root;

/// The seed data and a broken JSON Lines corpus, as (name, bytes).
fn inputs() -> Vec<(String, Vec<u8>)> {
    let mut inputs: Vec<(String, Vec<u8>)> =
        ["data/lumo.json", "data/programme.json", "data/tulevaisuuden-lastensuojelu.json"]
            .iter()
            .map(|name| (name.to_string(), std::fs::read(root().join(name)).expect("seed file")))
            .collect();
    let lumo = childwelfare::data::LUMO_JSON.replace('\n', " ");
    inputs.push(("corpus.jsonl".to_owned(), format!("{lumo}\n\n{{\"document_type\": \"project\"}}\n").into_bytes()));
    inputs
}

#[test]
fn bytes_are_validated_and_summarised_as_the_same_files() {
    let dir = crate::common::Scratch::new("memory");
    // The same names on disk and in memory: the files' full paths.
    let inputs: Vec<(String, Vec<u8>)> = inputs()
        .into_iter()
        .map(|(name, bytes)| {
            let path = dir.join(&name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &bytes).unwrap();
            (path.display().to_string(), bytes)
        })
        .collect();
    let names: Vec<&str> = inputs.iter().map(|(name, _)| name.as_str()).collect();
    let files = load::walk(&names).unwrap();
    let on_disk = validation::validate_files(&files);
    let loaded = || inputs.iter().flat_map(|(name, bytes)| load::from_bytes(name, bytes, false));
    let mut diagnostics = Vec::new();
    let in_memory = validation::validate_loaded(loaded(), |d| diagnostics.push(d));
    assert!(on_disk.report.diagnostics.iter().any(|d| d.file.as_deref().is_some_and(|f| f.ends_with("corpus.jsonl"))));
    assert_eq!(on_disk.report.diagnostics, diagnostics);
    assert_eq!((on_disk.errors, on_disk.warnings), (in_memory.errors, in_memory.warnings));
    assert_eq!(on_disk.report.documents, in_memory.report.documents);

    let mut from_files = Aggregator::new();
    from_files.add_files(&files, |_| {});
    let mut from_bytes = Aggregator::new();
    loaded().for_each(|document| from_bytes.add_loaded(&document));
    let (a, b) = (from_files.finish(), from_bytes.finish());
    assert_eq!(a.left_out.len(), 1);
    assert_eq!(a, b);
}
