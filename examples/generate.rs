//! Writes a synthetic corpus as JSON Lines: N projects and, on the last
//! line, the programme that lists them; valid together unless violations
//! are asked for. With `--projects-only`, the projects name no programme
//! and none is written (a registry of projects, with no document that lists
//! them all).
//!
//! `cargo run --release --example generate -- N [--seed S] [--violations K] [--projects-only] > corpus.jsonl`

use std::error::Error;
use std::io::{self, Write};
use std::process::ExitCode;

use childwelfare::Document;
use childwelfare::corpus::Generator;

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
    let (mut count, mut seed, mut violations, mut projects_only) = (None, 1, 0, false);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--seed" => seed = args.next().ok_or("--seed needs a number")?.parse()?,
            "--violations" => violations = args.next().ok_or("--violations needs a number")?.parse()?,
            "--projects-only" => projects_only = true,
            n => count = Some(n.parse::<u64>().map_err(|_| format!("not a number of projects: {n}"))?),
        }
    }
    let count = count.ok_or("usage: generate N [--seed S] [--violations K] [--projects-only]")?;
    let generator = Generator::new(seed);
    let mut out = io::BufWriter::new(io::stdout().lock());
    for index in 0..count {
        // The violations go into the first project.
        let mut project =
            if index == 0 && violations > 0 { generator.inject(0, violations).0 } else { generator.project(index) };
        if projects_only {
            project.programme = None;
        }
        writeln!(out, "{}", serde_json::to_string(&Document::Project(Box::new(project)))?)?;
    }
    if !projects_only {
        writeln!(out, "{}", serde_json::to_string(&Document::from(generator.programme(count)))?)?;
    }
    out.flush()?;
    Ok(())
}
