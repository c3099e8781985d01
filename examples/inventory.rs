//! An analyst's first look: every document in a folder (or the bundled seed
//! data), with each project's implementers and roles, work packages and
//! objectives, and its figures: events held, attendances counted once,
//! outputs and judgements.
//!
//! Run with `cargo run --example inventory`, or give a folder or files:
//! `cargo run --example inventory -- path/to/folder`.

use std::error::Error;
use std::io::{self, Write};
use std::process::ExitCode;

use childwelfare::aggregate::{Aggregator, Dimension, Omitted};
use childwelfare::{Document, Language, Project, data, load};

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
    let paths: Vec<String> = std::env::args().skip(1).collect();
    let documents = if paths.is_empty() {
        data::seed()
    } else {
        let loaded = load::load(&paths)?;
        for failure in &loaded.failures {
            eprintln!("{failure}");
        }
        loaded.into_documents()
    };

    let mut out = io::stdout().lock();
    for document in &documents {
        match document {
            Document::Project(project) => print_project(&mut out, project)?,
            Document::Programme(programme) => {
                let (name, projects) = (programme.name.best(Language::En), programme.projects.len());
                writeln!(out, "Programme: {name} ({projects} projects)")?;
                for listed in &programme.projects {
                    let data = listed.document.as_deref().unwrap_or("no data");
                    writeln!(out, "  - {} [{}]: {data}", listed.name, listed.collaborative_area.label(Language::En))?;
                }
                writeln!(out)?;
            }
            _ => writeln!(out, "a document kind this example does not know")?,
        }
    }
    Ok(())
}

fn print_project(out: &mut impl Write, project: &Project) -> io::Result<()> {
    writeln!(out, "Project: {} ({})", project.name, project.id)?;
    writeln!(out, "  Implementers:")?;
    for implementer in &project.implementers {
        let roles: Vec<&str> = implementer.roles.iter().map(|role| role.label(Language::En)).collect();
        writeln!(out, "    - {} — {}", implementer.display_name(Language::Fi), roles.join(", "))?;
    }
    writeln!(out, "  Work packages:")?;
    for work_package in &project.work_packages {
        writeln!(out, "    {}. {}", work_package.number, work_package.title)?;
        for objective in project.objectives_of(&work_package.id) {
            writeln!(out, "       • [{}] {}", objective.level.label(Language::En), objective.statement)?;
        }
    }

    // The figures, counted once by the library.
    let mut aggregator = Aggregator::new();
    aggregator.add_project(project);
    let summary = aggregator.finish();
    // One project is under the per-project limit: its rows are kept, but
    // the library says so rather than leaving a table empty.
    let omitted = |omitted: Omitted| io::Error::other(omitted);
    let row = summary.project_rows.rows().map_err(omitted)?.first().ok_or(io::ErrorKind::NotFound)?;
    let attendances = summary
        .participation(Dimension::Project)
        .map_err(omitted)?
        .find_map(|r| r.attendances.as_ref())
        .map_or_else(|| "not stated".to_owned(), |f| f.value.to_string());
    writeln!(out, "  Figures:")?;
    writeln!(out, "    events held: {} (cancelled: {})", row.events_held, row.events_cancelled)?;
    writeln!(out, "    attendances: {attendances}")?;
    let outputs = row.outputs.map_or_else(|| "none recorded".to_owned(), |items| format!("{items} items"));
    writeln!(out, "    outputs: {outputs}")?;
    let unjudged = row
        .unjudged_objectives
        .map_or_else(|| "no objectives recorded".to_owned(), |n| format!("{n} objectives unjudged"));
    writeln!(
        out,
        "    judgements: {} achieved, {} partly, {} not achieved; {unjudged}",
        row.achieved, row.partly_achieved, row.not_achieved
    )?;
    writeln!(out)
}
