//! `childwelfare export`: one table or every table, in CSV, JSON, Parquet or
//! a workbook, each file written whole or not at all.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

use childwelfare::export::{self, Row, Table};
use childwelfare::{Language, rewrite};

use super::{ExportFormat, OK, USAGE_OR_IO, files, not_a_document, write_failed};

/// Where a file goes: standard output, or a file put in place only when
/// all of it is written.
enum Out {
    Stdout(io::Stdout),
    File(Box<rewrite::Staged>, PathBuf),
}

impl Out {
    fn file(path: &Path) -> io::Result<Out> {
        rewrite::Staged::new(path)
            .map(|staged| Out::File(Box::new(staged), path.to_path_buf()))
            .map_err(|e| named(path, e))
    }

    /// Puts a file in place (standard output is flushed).
    fn commit(self) -> io::Result<()> {
        match self {
            Out::Stdout(mut stdout) => stdout.flush(),
            Out::File(staged, path) => staged.commit().map_err(|e| named(&path, e)),
        }
    }
}

impl Write for Out {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        match self {
            Out::Stdout(stdout) => stdout.write(bytes),
            Out::File(staged, _) => staged.write(bytes),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Out::Stdout(stdout) => stdout.flush(),
            Out::File(staged, _) => staged.flush(),
        }
    }
}

fn named(path: &Path, error: io::Error) -> io::Error {
    io::Error::new(error.kind(), format!("`{}`: {error}", path.display()))
}

/// A table being written.
enum Sink {
    Text(Box<export::Writer<BufWriter<Out>>>),
    Parquet(Box<export::parquet::ParquetWriter<BufWriter<Out>>>),
}

impl Sink {
    fn new(format: ExportFormat, out: Out, table: Table, raw_text: bool) -> io::Result<Sink> {
        let out = BufWriter::with_capacity(1 << 16, out);
        Ok(match format {
            ExportFormat::Parquet => Sink::Parquet(Box::new(export::parquet::ParquetWriter::new(table, out)?)),
            ExportFormat::Json => Sink::Text(Box::new(export::Writer::new(export::Format::Json, out))),
            _ => Sink::Text(Box::new(export::Writer::new(export::Format::Csv, out).raw_text(raw_text).table(table))),
        })
    }

    fn write(&mut self, row: &Row) -> io::Result<()> {
        match self {
            Sink::Text(writer) => writer.write(row),
            Sink::Parquet(writer) => writer.write(row),
        }
    }

    /// The output, finished and flushed, ready to be put in place.
    fn finish(self) -> io::Result<Out> {
        let buffered = match self {
            Sink::Text(writer) => (*writer).finish()?,
            Sink::Parquet(writer) => writer.finish()?,
        };
        buffered.into_inner().map_err(io::IntoInnerError::into_error)
    }
}

/// What the rows go to: a file per table, or one workbook.
enum Destination {
    Tables(Vec<(Table, Sink)>),
    Workbook(Box<export::xlsx::Workbook>, Out),
}

impl Destination {
    fn write(&mut self, table: Table, row: &Row) -> io::Result<()> {
        match self {
            Destination::Tables(sinks) => match sinks.iter_mut().find(|(t, _)| *t == table) {
                Some((_, sink)) => sink.write(row),
                None => Ok(()),
            },
            Destination::Workbook(workbook, _) => workbook.write(table, row),
        }
    }

    /// Finishes every file; only when all are whole are they put in place.
    fn finish(self, extra: Vec<(Out, Vec<u8>)>) -> io::Result<()> {
        let mut done = Vec::new();
        match self {
            Destination::Tables(sinks) => {
                for (_, sink) in sinks {
                    done.push(sink.finish()?);
                }
            }
            Destination::Workbook(workbook, mut out) => {
                out.write_all(&workbook.finish()?)?;
                done.push(out);
            }
        }
        for (mut out, bytes) in extra {
            out.write_all(&bytes)?;
            done.push(out);
        }
        done.into_iter().try_for_each(Out::commit)
    }
}

/// What is written to, and the files written whole at the end (the data package).
type Prepared = (Destination, Vec<(Out, Vec<u8>)>);

/// `export`: the tables asked for, from the documents under the paths (the
/// seed data when there are none), in one pass.
pub(super) fn export(
    args: &[PathBuf],
    all: bool,
    format: ExportFormat,
    language: Language,
    raw_text: bool,
    output: Option<&Path>,
) -> u8 {
    let named_table = if all { None } else { args.first().map(|a| a.to_string_lossy().parse::<Table>()) };
    let (tables, paths): (Vec<Table>, &[PathBuf]) = match named_table {
        None if all => (Table::ALL.to_vec(), args),
        Some(Ok(table)) => (vec![table], &args[1..]),
        _ if format == ExportFormat::Xlsx => (Table::ALL.to_vec(), args),
        Some(Err(error)) => return usage(&error.to_string()),
        None => {
            return usage(
                "name a table (events, objectives, outputs, measures, funding_parts, implementers, projects, placements) or use --all",
            );
        }
    };
    let binary = matches!(format, ExportFormat::Parquet | ExportFormat::Xlsx);
    let several_files = tables.len() > 1 && format != ExportFormat::Xlsx;
    let out = |path: Option<&Path>| -> io::Result<Out> {
        match path {
            Some(path) => Out::file(path),
            None => Ok(Out::Stdout(io::stdout())),
        }
    };
    if binary && output.is_none() && io::stdout().is_terminal() {
        return usage("a Parquet file or a workbook is not for a terminal: name a file with --output or redirect");
    }
    let prepared: io::Result<Prepared> = (|| {
        if format == ExportFormat::Xlsx {
            let workbook = Box::new(export::xlsx::Workbook::new(&tables, language));
            return Ok((Destination::Workbook(workbook, out(output)?), Vec::new()));
        }
        if !several_files {
            return Ok((
                Destination::Tables(vec![(tables[0], Sink::new(format, out(output)?, tables[0], raw_text)?)]),
                Vec::new(),
            ));
        }
        let dir = output
            .ok_or_else(|| io::Error::other("export --all needs --output DIR, the folder to write the tables into"))?;
        std::fs::create_dir_all(dir).map_err(|e| named(dir, e))?;
        let extension = match format {
            ExportFormat::Json => "json",
            ExportFormat::Parquet => "parquet",
            _ => "csv",
        };
        let mut sinks = Vec::new();
        for &table in &tables {
            let path = dir.join(format!("{}.{extension}", table.name()));
            sinks.push((table, Sink::new(format, Out::file(&path)?, table, raw_text)?));
        }
        let mut extra = Vec::new();
        let text_format = match format {
            ExportFormat::Csv => Some(export::Format::Csv),
            ExportFormat::Json => Some(export::Format::Json),
            _ => None,
        };
        if let Some(text_format) = text_format {
            let package = export::datapackage(&tables, text_format);
            extra.push((Out::file(&dir.join("datapackage.json"))?, format!("{package:#}\n").into_bytes()));
        }
        Ok((Destination::Tables(sinks), extra))
    })();
    let (mut destination, extra) = match prepared {
        Ok(prepared) => prepared,
        Err(error) => {
            eprintln!("childwelfare: {error}");
            return USAGE_OR_IO;
        }
    };
    let mut code = OK;
    let written = if paths.is_empty() {
        childwelfare::data::seed().iter().try_for_each(|document| {
            tables.iter().try_for_each(|&table| {
                export::rows(document, table, language).iter().try_for_each(|row| destination.write(table, row))
            })
        })
    } else {
        // Paths that cannot be used at all leave no file behind (said already).
        let Some(files) = files(paths) else { return USAGE_OR_IO };
        export::each_row(
            &files,
            language,
            &tables,
            |table, row| destination.write(table, row),
            |other| {
                code = code.max(not_a_document(&other));
            },
        )
    };
    // A failed write drops the staged files: none is put in place.
    let result = written.and_then(|()| destination.finish(extra));
    code.max(result.map_or_else(|error| write_failed(&error), |()| OK))
}

fn usage(message: &str) -> u8 {
    eprintln!("childwelfare: {message}");
    USAGE_OR_IO
}
