//! `childwelfare`: check and describe child-welfare project documents.
//!
//! ```text
//! childwelfare validate PATH... [--format text|json]
//! childwelfare format [--check] PATH...
//! childwelfare schema project|programme|report
//! ```
//!
//! Exit codes: 0 all documents valid (warnings allowed), 1 some document
//! rejected, 2 usage or I/O error.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use childwelfare::validation::{self, Diagnostic, Report};
use childwelfare::{Document, DocumentKind, schema};
use clap::{Parser, Subcommand, ValueEnum};

/// Check and describe multi-agency child-welfare project documents.
#[derive(Parser)]
#[command(name = "childwelfare", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate documents: files, or folders searched for .json, .jsonl and .ndjson files.
    Validate {
        /// Files or folders. A .jsonl or .ndjson file holds one document per line.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Rewrite .json documents in the canonical form the crate writes (as rustfmt does for code).
    Format {
        /// Files or folders of .json documents.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Change nothing: list the files that are not in canonical form and exit 1 if any.
        #[arg(long)]
        check: bool,
    },
    /// Print the JSON Schema of a document type or of the validation report.
    Schema {
        /// Which schema.
        #[arg(value_enum)]
        kind: SchemaKind,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum SchemaKind {
    Project,
    Programme,
    Report,
}

const OK: u8 = 0;
const REJECTED: u8 = 1;
const USAGE_OR_IO: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Validate { paths, format } => validate(&paths, format),
        Command::Format { paths, check } => format(&paths, check),
        Command::Schema { kind } => {
            let value = match kind {
                SchemaKind::Project => schema::json_schema(DocumentKind::Project),
                SchemaKind::Programme => schema::json_schema(DocumentKind::Programme),
                SchemaKind::Report => schema::report_json_schema(),
            };
            print(&format!("{value:#}\n"))
        }
    };
    ExitCode::from(code)
}

/// Writes to standard output; a closed pipe is not an error worth a panic.
fn print(text: &str) -> u8 {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        Ok(()) => OK,
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => OK,
        Err(error) => {
            eprintln!("childwelfare: cannot write the output: {error}");
            USAGE_OR_IO
        }
    }
}

/// A document's text and where it came from.
struct Input {
    file: String,
    /// The line in a JSON Lines file.
    line: Option<usize>,
    /// Found in a folder rather than named on the command line.
    found: bool,
    bytes: Vec<u8>,
}

fn is_document_file(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| matches!(e, "json" | "jsonl" | "ndjson"))
}

fn is_lines_file(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| matches!(e, "jsonl" | "ndjson"))
}

/// Files under `folder` (recursively) with a document extension, sorted.
fn walk(folder: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> =
        std::fs::read_dir(folder)?.map(|entry| entry.map(|e| e.path())).collect::<Result<_, _>>()?;
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, out)?;
        } else if is_document_file(&path) {
            out.push(path);
        }
    }
    Ok(())
}

/// Rewrites each document in the form `Document::to_json` writes; with
/// `check`, only lists those that differ.
fn format(paths: &[PathBuf], check: bool) -> u8 {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found = Vec::new();
            if let Err(error) = walk(path, &mut found) {
                eprintln!("childwelfare: cannot read folder `{}`: {error}", path.display());
                return USAGE_OR_IO;
            }
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    if let Some(lines) = files.iter().find(|path| is_lines_file(path)) {
        eprintln!(
            "childwelfare: `{}`: format rewrites .json documents; JSON Lines files are not supported",
            lines.display()
        );
        return USAGE_OR_IO;
    }
    let (mut differ, mut failed) = (false, false);
    for path in &files {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(error) => {
                eprintln!("childwelfare: cannot read `{}`: {error}", path.display());
                return USAGE_OR_IO;
            }
        };
        let document = match Document::from_slice(&bytes) {
            Ok(document) => document,
            Err(_) if Document::other_json(&bytes).is_some() && !paths.contains(path) => continue,
            Err(error) => {
                eprintln!("{}: {error}", path.display());
                failed = true;
                continue;
            }
        };
        let canonical = document.to_json();
        if canonical.as_bytes() == bytes.as_slice() {
            continue;
        }
        differ = true;
        if check {
            println!("{}", path.display());
        } else if let Err(error) = std::fs::write(path, canonical) {
            eprintln!("childwelfare: cannot write `{}`: {error}", path.display());
            return USAGE_OR_IO;
        }
    }
    if failed || (check && differ) { REJECTED } else { OK }
}

fn validate(paths: &[PathBuf], format: Format) -> u8 {
    // Each file, and whether it was found in a folder.
    let mut files: Vec<(PathBuf, bool)> = Vec::new();
    for path in paths {
        let metadata = match std::fs::metadata(path) {
            Ok(metadata) => metadata,
            Err(error) => {
                eprintln!("childwelfare: cannot read `{}`: {error}", path.display());
                return USAGE_OR_IO;
            }
        };
        if metadata.is_dir() {
            let mut found = Vec::new();
            if let Err(error) = walk(path, &mut found) {
                eprintln!("childwelfare: cannot read folder `{}`: {error}", path.display());
                return USAGE_OR_IO;
            }
            if found.is_empty() {
                eprintln!("childwelfare: no .json, .jsonl or .ndjson files in `{}`", path.display());
                return USAGE_OR_IO;
            }
            files.extend(found.into_iter().map(|file| (file, true)));
        } else {
            files.push((path.clone(), false));
        }
    }

    let mut report = Report::new();
    let mut io_failed = false;
    let mut inputs = Vec::new();
    for (path, found) in &files {
        let file = path.display().to_string();
        let found = *found;
        match std::fs::read(path) {
            Ok(bytes) if is_lines_file(path) => {
                for (index, line) in bytes.split(|&b| b == b'\n').enumerate() {
                    if !line.iter().all(u8::is_ascii_whitespace) {
                        inputs.push(Input { file: file.clone(), line: Some(index + 1), found, bytes: line.to_vec() });
                    }
                }
            }
            Ok(bytes) => inputs.push(Input { file, line: None, found, bytes }),
            Err(error) => {
                io_failed = true;
                report.documents += 1;
                report.diagnostics.push(Diagnostic::from_io_error(&error, &file));
            }
        }
    }

    let mut documents = Vec::new();
    let mut files_by_document: BTreeMap<String, Vec<(String, Option<usize>)>> = BTreeMap::new();
    for input in inputs {
        match Document::from_slice(&input.bytes) {
            Ok(document) => {
                let mut own = match &document {
                    Document::Project(project) => validation::validate_project(project),
                    Document::Programme(programme) => validation::validate_programme(programme),
                    _ => Report { documents: 1, ..Report::new() },
                };
                for diagnostic in &mut own.diagnostics {
                    diagnostic.file = Some(input.file.clone());
                    diagnostic.line = input.line;
                }
                report.merge(own);
                files_by_document.entry(document.id().to_string()).or_default().push((input.file.clone(), input.line));
                documents.push(document);
            }
            Err(_) if input.found && input.line.is_none() && Document::other_json(&input.bytes).is_some() => {
                // JSON beside the documents (a schema, a report) is not a document.
                let what = Document::other_json(&input.bytes).map(|other| other.to_string()).unwrap_or_default();
                eprintln!("childwelfare: note: skipped `{}`: {what}, not a project or programme document", input.file);
            }
            Err(error) => {
                report.documents += 1;
                let mut diagnostic = Diagnostic::from_parse_error(&error, Some(&input.file));
                if let Some(line) = input.line {
                    diagnostic.line = Some(line);
                }
                report.diagnostics.push(diagnostic);
            }
        }
    }
    let mut across = validation::validate_across_documents(&documents);
    for diagnostic in &mut across.diagnostics {
        match diagnostic.document.as_ref().and_then(|id| files_by_document.get(id)).map(Vec::as_slice) {
            Some([(file, line)]) => {
                diagnostic.file = Some(file.clone());
                diagnostic.line = *line;
            }
            Some(places) => {
                let labels: Vec<String> = places
                    .iter()
                    .map(|(file, line)| line.map_or_else(|| file.clone(), |line| format!("{file}:{line}")))
                    .collect();
                diagnostic.file = Some(labels.join(", "));
            }
            None => {}
        }
    }
    report.merge(across);

    let printed = match format {
        Format::Text => print(&format!("{report}\n")),
        Format::Json => print(&report.to_json()),
    };
    if io_failed || printed != OK {
        USAGE_OR_IO
    } else if report.is_valid() {
        OK
    } else {
        REJECTED
    }
}
