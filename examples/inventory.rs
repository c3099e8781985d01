//! An analyst's first look: every document in a folder (or the bundled seed
//! data), with each project's implementers and roles, work packages and
//! objectives, and its figures: events held, attendances counted once,
//! outputs and judgements.
//!
//! Run with `cargo run --example inventory`, or give a folder or files:
//! `cargo run --example inventory -- path/to/folder`.

use std::error::Error;

use childwelfare::aggregate::{Aggregator, Dimension};
use childwelfare::{Document, Language, Project, data, load};

fn main() -> Result<(), Box<dyn Error>> {
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

    for document in &documents {
        match document {
            Document::Project(project) => print_project(project),
            Document::Programme(programme) => {
                println!("Programme: {} ({} projects)", programme.name.best(Language::En), programme.projects.len());
                for listed in &programme.projects {
                    let data = listed.document.as_deref().unwrap_or("no data");
                    println!("  - {} [{}]: {data}", listed.name, listed.collaborative_area.label(Language::En));
                }
                println!();
            }
            _ => println!("a document kind this example does not know"),
        }
    }
    Ok(())
}

fn print_project(project: &Project) {
    println!("Project: {} ({})", project.name, project.id);
    println!("  Implementers:");
    for implementer in &project.implementers {
        let roles: Vec<&str> = implementer.roles.iter().map(|role| role.label(Language::En)).collect();
        println!("    - {} — {}", implementer.display_name(Language::Fi), roles.join(", "));
    }
    println!("  Work packages:");
    for work_package in &project.work_packages {
        println!("    {}. {}", work_package.number, work_package.title);
        for objective in project.objectives_of(&work_package.id) {
            println!("       • [{}] {}", objective.level.label(Language::En), objective.statement);
        }
    }

    // The figures, counted once by the library.
    let mut aggregator = Aggregator::new();
    aggregator.add_project(project);
    let summary = aggregator.finish();
    let row = &summary.project_rows[0];
    let attendances = summary
        .participation(Dimension::Project)
        .find_map(|r| r.attendances.as_ref())
        .map_or_else(|| "not stated".to_owned(), |f| f.value.to_string());
    println!("  Figures:");
    println!("    events held: {} (cancelled: {})", row.events_held, row.events_cancelled);
    println!("    attendances: {attendances}");
    println!("    outputs: {}", row.outputs);
    println!(
        "    judgements: {} achieved, {} partly, {} not achieved; {} objectives unjudged",
        row.achieved, row.partly_achieved, row.not_achieved, row.unjudged_objectives
    );
    println!();
}
