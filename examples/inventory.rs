//! An analyst's first look: loads every document in `data/` and prints, per
//! project, its implementers with roles, its work packages with their
//! objectives, and how many events, outputs and assessments it holds.
//!
//! Run with `cargo run --example inventory`, or give another folder:
//! `cargo run --example inventory -- path/to/folder`.

use std::error::Error;
use std::path::PathBuf;

use childwelfare::{Document, Language, Project};

fn main() -> Result<(), Box<dyn Error>> {
    let folder = std::env::args_os().nth(1).map_or_else(|| PathBuf::from("data"), PathBuf::from);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&folder)
        .map_err(|e| format!("cannot read folder {}: {e}", folder.display()))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();

    for path in paths {
        let json = std::fs::read_to_string(&path)?;
        let document = Document::from_json(&json).map_err(|e| format!("{}: {e}", path.display()))?;
        match document {
            Document::Project(project) => print_project(&project),
            Document::Programme(programme) => {
                println!("Programme: {} ({} projects)", programme.name.best(Language::En), programme.projects.len());
                for listed in &programme.projects {
                    let data = listed.document.as_deref().unwrap_or("no data");
                    println!("  - {} [{}]: {data}", listed.name, listed.collaborative_area.label(Language::En));
                }
                println!();
            }
            _ => println!("{}: a document kind this example does not know", path.display()),
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
    println!(
        "  Holds {} events, {} outputs and {} assessments.",
        project.events.len(),
        project.outputs.len(),
        project.assessments.len()
    );
    println!();
}
