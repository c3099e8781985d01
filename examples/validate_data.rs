//! Validates every document in `data/` together and prints the report.
//!
//! Run with `cargo run --example validate_data`.

use childwelfare::{Document, validation};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut paths: Vec<_> = std::fs::read_dir("data")?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();
    let mut documents = Vec::new();
    for path in paths {
        let json = std::fs::read_to_string(&path)?;
        documents.push(Document::from_json(&json).map_err(|e| format!("{}: {e}", path.display()))?);
    }
    let report = validation::validate_documents(&documents);
    println!("{report}");
    Ok(())
}
