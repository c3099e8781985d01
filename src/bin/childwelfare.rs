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
use std::path::PathBuf;
use std::process::ExitCode;

use childwelfare::validation::{self, Diagnostic, Report};
use childwelfare::{Document, DocumentKind, load, schema};
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

/// Lists the files under `paths`, printing what the walk skipped; `None`
/// (after saying why) when a path cannot be used.
fn files(paths: &[PathBuf]) -> Option<load::Files> {
    match load::walk(paths) {
        Ok(files) => {
            for skipped in &files.skipped {
                note(skipped);
            }
            Some(files)
        }
        Err(error) => {
            eprintln!("childwelfare: {error}");
            None
        }
    }
}

fn note(skipped: &load::Skipped) {
    eprintln!("childwelfare: note: {skipped}");
}

/// Rewrites each document in the form `Document::to_json` writes; with
/// `check`, only lists those that differ.
fn format(paths: &[PathBuf], check: bool) -> u8 {
    let Some(files) = files(paths) else { return USAGE_OR_IO };
    if let Some((lines, _)) = files.files.iter().find(|(path, _)| load::is_lines_file(path)) {
        eprintln!(
            "childwelfare: `{}`: format rewrites .json documents; JSON Lines files are not supported",
            lines.display()
        );
        return USAGE_OR_IO;
    }
    let (mut differ, mut failed) = (false, false);
    for loaded in files.documents() {
        let (document, origin) = match loaded {
            load::Loaded::Document(document, origin) => (document, origin),
            load::Loaded::Skipped(skipped) => {
                note(&skipped);
                continue;
            }
            load::Loaded::Failed(error @ load::LoadError::Read { .. }) => {
                eprintln!("childwelfare: {error}");
                return USAGE_OR_IO;
            }
            load::Loaded::Failed(error) => {
                eprintln!("{error}");
                failed = true;
                continue;
            }
            _ => continue,
        };
        let canonical = document.to_json();
        // Compare with the bytes as they are now (the document was read from them).
        if std::fs::read(&origin.file).is_ok_and(|bytes| bytes == canonical.as_bytes()) {
            continue;
        }
        differ = true;
        if check {
            println!("{}", origin.file.display());
        } else if let Err(error) = std::fs::write(&origin.file, canonical) {
            eprintln!("childwelfare: cannot write `{}`: {error}", origin.file.display());
            return USAGE_OR_IO;
        }
    }
    if failed || (check && differ) { REJECTED } else { OK }
}

fn validate(paths: &[PathBuf], format: Format) -> u8 {
    let Some(files) = files(paths) else { return USAGE_OR_IO };
    let mut report = Report::new();
    let (mut io_failed, mut usage) = (false, false);
    let mut documents = Vec::new();
    let mut files_by_document: BTreeMap<String, Vec<(String, Option<usize>)>> = BTreeMap::new();
    for loaded in files.documents() {
        match loaded {
            load::Loaded::Document(document, origin) => {
                let file = origin.file.display().to_string();
                let mut own = match document.as_ref() {
                    Document::Project(project) => validation::validate_project(project),
                    Document::Programme(programme) => validation::validate_programme(programme),
                    _ => Report { documents: 1, ..Report::new() },
                };
                for diagnostic in &mut own.diagnostics {
                    diagnostic.file = Some(file.clone());
                    diagnostic.line = origin.line;
                }
                report.merge(own);
                files_by_document.entry(document.id().to_string()).or_default().push((file, origin.line));
                documents.push(*document);
            }
            load::Loaded::Skipped(skipped) => note(&skipped),
            load::Loaded::Failed(load::LoadError::Read { origin, source }) => {
                io_failed = true;
                report.documents += 1;
                report.diagnostics.push(Diagnostic::from_io_error(&source, &origin.to_string()));
            }
            load::Loaded::Failed(load::LoadError::Parse { origin, source }) => {
                report.documents += 1;
                for mut diagnostic in Diagnostic::from_parse_problems(&source, Some(&origin.file.display().to_string()))
                {
                    if origin.line.is_some() {
                        diagnostic.line = origin.line;
                    }
                    report.diagnostics.push(diagnostic);
                }
            }
            load::Loaded::Failed(error) => {
                eprintln!("childwelfare: {error}");
                usage = true;
            }
            _ => {}
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
    if io_failed || usage || printed != OK {
        USAGE_OR_IO
    } else if report.is_valid() {
        OK
    } else {
        REJECTED
    }
}
