//! The events of one year (or all) as CSV for a spreadsheet, with a column
//! saying which figures a project total adds, so that summing that column's
//! rows gives the report's total.
//!
//! `cargo run --example events_csv -- [YEAR] > events.csv`

use std::error::Error;
use std::io;
use std::process::ExitCode;

use childwelfare::export::{self, Cell, Table};
use childwelfare::{Language, data};

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
    let year = std::env::args().nth(1);
    let mut csv = export::Writer::new(export::Format::Csv, io::stdout().lock());
    let mut counted_total = 0;
    for document in data::seed() {
        for row in export::rows(&document, Table::Events, Language::Fi) {
            let start = row.get("start").map(ToString::to_string).unwrap_or_default();
            if year.as_ref().is_some_and(|year| !start.starts_with(year.as_str())) {
                continue;
            }
            if let (Some(Cell::Number(n)), Some(Cell::Bool(true))) =
                (row.get("attendances"), row.get("attendances_counted"))
            {
                counted_total += n;
            }
            csv.write(&row)?;
        }
    }
    drop(csv.finish()?);
    eprintln!("attendances counted in the totals: {counted_total}");
    Ok(())
}
