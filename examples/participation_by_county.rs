//! Who the events reached in one county, by theme: load documents, keep the
//! projects that work in the county, aggregate, print.
//!
//! `cargo run --example participation_by_county -- pohjois_karjala [PATH...]`
//! (the county's code; without paths, the bundled seed data).

use std::error::Error;
use std::io::{self, Write};
use std::process::ExitCode;

use childwelfare::aggregate::{Aggregator, Dimension};
use childwelfare::{County, Document, Language, data, load};

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
    let mut args = std::env::args().skip(1);
    let county: County = args.next().unwrap_or_else(|| "pohjois_karjala".to_owned()).parse()?;
    let paths: Vec<String> = args.collect();
    let documents = if paths.is_empty() { data::seed() } else { load::load(&paths)?.into_documents() };

    // Keep only the events in the county; the library counts each figure once.
    let mut aggregator = Aggregator::new().explain(true).language(Language::En);
    for document in &documents {
        if let Document::Project(project) = document {
            let mut project = project.as_ref().clone();
            project.events.retain(|event| event.counties.contains(&county));
            aggregator.add_project(&project);
        }
    }
    let summary = aggregator.finish();

    let mut out = io::stdout().lock();
    writeln!(out, "Events in {} by theme:", county.label(Language::En))?;
    // By theme the table is complete however many projects are given (only
    // the tables with a row per project are left out past the limit).
    for row in summary.participation(Dimension::Theme)? {
        let reached = row.attendances.as_ref().map_or_else(|| "not stated".to_owned(), |f| f.value.to_string());
        writeln!(out, "  {:<45} {:>3} held  {reached}", row.group.label, row.events_held)?;
    }
    if let Some(total) = summary.total_attendances() {
        writeln!(out, "All projects: {total} attendances")?;
    }
    Ok(())
}
