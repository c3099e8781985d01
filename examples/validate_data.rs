//! Validates every document in `data/` together and prints the report.
//!
//! Run with `cargo run --example validate_data`.

use std::error::Error;
use std::io::{self, Write};
use std::process::ExitCode;

use childwelfare::{Document, validation};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`| head`) is a quiet end: the reader has what it wanted.
        Err(error) if error.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe) => {
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Box<dyn Error>> {
    let mut paths: Vec<_> = std::fs::read_dir("data")
        .map_err(|e| format!("cannot read `data/` (run from the repository's root): {e}"))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();
    let mut documents = Vec::new();
    for path in paths {
        let json = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        documents.push(Document::from_json(&json).map_err(|e| format!("{}: {e}", path.display()))?);
    }
    let report = validation::validate_documents(&documents);
    writeln!(io::stdout().lock(), "{report}")?;
    Ok(())
}
