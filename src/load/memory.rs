//! Documents whose bytes are already in memory: files a browser page was
//! given, or texts a program made.

use std::path::PathBuf;

use super::{LoadError, Loaded, Origin, is_lines_file, parse};

/// The documents in the bytes of a file named `name`, as
/// [`Files::documents`](super::Files::documents) would read them from a
/// file of that name: a `.jsonl` or `.ndjson` file a line at a time
/// (empty lines skipped), any other file as one document. With
/// `found_in_folder`, JSON that is not a document (a JSON Schema, a report)
/// is skipped rather than failed, as inside a folder given.
///
/// ```
/// use childwelfare::load::{self, Loaded};
///
/// let lines = format!("{}\n\n{{\n", childwelfare::data::LUMO_JSON.replace('\n', " "));
/// let loaded = load::from_bytes("corpus.jsonl", lines.as_bytes(), false);
/// assert!(matches!(&loaded[0], Loaded::Document(document, _) if document.id() == "lumo"));
/// let Loaded::Failed(error) = &loaded[1] else { panic!("{loaded:?}") };
/// assert!(error.to_string().starts_with("corpus.jsonl:3: line 1, column 1"), "{error}");
/// ```
pub fn from_bytes(name: &str, bytes: &[u8], found_in_folder: bool) -> Vec<Loaded> {
    let file = PathBuf::from(name);
    if !is_lines_file(&file) {
        return vec![parse(bytes, Origin { file, line: None, found_in_folder })];
    }
    let loaded: Vec<Loaded> = bytes
        .split(|&b| b == b'\n')
        .enumerate()
        .filter(|(_, line)| !line.trim_ascii().is_empty())
        .map(|(n, line)| parse(line, Origin { file: file.clone(), line: Some(n + 1), found_in_folder }))
        .collect();
    if loaded.is_empty() {
        return vec![Loaded::Failed(LoadError::Empty { origin: Origin { file, line: None, found_in_folder } })];
    }
    loaded
}
