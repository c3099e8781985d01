//! The `childwelfare` command-line tool, run as a user would.

use std::path::Path;
use std::process::{Command, Output};

use crate::common::{Scratch, root};

pub(crate) fn run(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_childwelfare")).args(args).current_dir(dir).output().expect("the binary runs")
}

pub(crate) fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn validating_the_seed_data_exits_0_and_lists_the_warnings() {
    // Lines as long as they are (`validate_text_fits_its_width_…` wraps them).
    let output = run(&["validate", "--width", "0", "data/"], root());
    assert_eq!(output.status.code(), Some(0), "{}{}", stdout(&output), stderr(&output));
    let text = stdout(&output);
    assert!(text.ends_with("3 documents checked: 0 errors, 10 warnings\n"), "{text}");
    assert!(text.contains("data/tulevaisuuden-lastensuojelu.json: warning[assessment.objective_unjudged]: tulevaisuuden-lastensuojelu /objectives/0: the project has ended but no assessment judges overall aim `tl-aim`"), "{text}");
    assert!(text.contains("not run[cross.programme_totals]"), "{text}");
}

#[test]
fn json_output_is_a_report() {
    let output = run(&["validate", "--format", "json", "data/lumo.json"], root());
    assert_eq!(output.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(report["documents"], 1);
    assert_eq!(report["diagnostics"], serde_json::json!([]));
    assert_eq!(report["schema_version"], childwelfare::SCHEMA_VERSION.to_string());
}

#[test]
fn a_broken_document_exits_1_and_says_where() {
    let dir = Scratch::new("cli-broken");
    let lumo = std::fs::read_to_string(root().join("data/lumo.json")).unwrap();
    std::fs::write(dir.join("truncated.json"), &lumo[..400]).unwrap();
    std::fs::write(dir.join("typo.json"), lumo.replacen("\"kinds\"", "\"kindz\"", 1)).unwrap();
    std::fs::write(dir.join("binary.json"), [0u8, 159, 146, 150, 255]).unwrap();
    std::fs::write(dir.join("ignored.txt"), "not a document").unwrap();
    let output = run(&["validate", dir.to_str().unwrap()], root());
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    let text = stdout(&output);
    assert!(text.contains("binary.json:1:1: error[parse.syntax]"), "{text}");
    assert!(text.contains("truncated.json:") && text.contains("error[parse.eof]"), "{text}");
    assert!(
        text.contains("typo.json:") && text.contains("unknown field `kindz`") && text.contains("did you mean `kinds`?"),
        "{text}"
    );
    assert!(text.ends_with("3 documents checked: 3 errors, 0 warnings\n"), "{text}");
}

#[test]
fn rule_errors_exit_1() {
    let dir = Scratch::new("cli-rules");
    let lumo = std::fs::read_to_string(root().join("data/lumo.json")).unwrap();
    let broken = lumo.replacen("\"value\": 3667", "\"value\": 3660", 1);
    assert_ne!(broken, lumo);
    std::fs::write(dir.join("lumo.json"), broken).unwrap();
    let output = run(&["validate", "--width", "0", "lumo.json"], &dir);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains(
        "lumo.json: error[participation.total_mismatch]: lumo /events/0/participation/attendances: the parts of event `lumo-ev-yta-all` (attendances) add up to 3 667"
    ), "{}", stdout(&output));
}

#[test]
fn json_lines_files_hold_one_document_per_line() {
    let dir = Scratch::new("cli-jsonl");
    let compact = |name: &str| {
        let value: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(root().join("data").join(name)).unwrap()).unwrap();
        value.to_string()
    };
    let lines =
        format!("{}\n\n{}\n{{\"document_type\": \"project\"\n", compact("lumo.json"), compact("programme.json"));
    std::fs::write(dir.join("all.ndjson"), lines).unwrap();
    let output = run(&["validate", "all.ndjson"], &dir);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(text.contains("all.ndjson:4:"), "{text}");
    assert!(text.contains("error[parse.eof]"), "{text}");
    assert!(text.contains("all.ndjson:3: warning[cross.document_missing]"), "{text}");
    assert!(text.ends_with("3 documents checked: 1 error, 1 warning\n"), "{text}");
}

#[test]
fn usage_and_io_errors_exit_2() {
    let output = run(&["validate", "no/such/file.json"], root());
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).starts_with("childwelfare: cannot read `no/such/file.json`:"), "{}", stderr(&output));

    let output = run(&["validate", "--formt", "json", "data"], root());
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("a similar argument exists: '--format'"), "{}", stderr(&output));

    let output = run(&["validate"], root());
    assert_eq!(output.status.code(), Some(2));

    let empty = Scratch::new("cli-empty");
    let output = run(&["validate", empty.to_str().unwrap()], root());
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("no .json, .jsonl or .ndjson files"), "{}", stderr(&output));
}

#[test]
fn schema_prints_the_committed_schemas() {
    for (kind, file) in [
        ("project", "project.schema.json"),
        ("programme", "programme.schema.json"),
        ("report", "report.schema.json"),
        ("summary", "summary.schema.json"),
    ] {
        let output = run(&["schema", kind], root());
        assert_eq!(output.status.code(), Some(0));
        assert_eq!(stdout(&output), std::fs::read_to_string(root().join("schema").join(file)).unwrap());
    }
    let output = run(&["schema", "projekt"], root());
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn report_without_paths_summarises_the_seed_data_and_explains_on_request() {
    let lumo = childwelfare::data::lumo();
    let figure = |id: &str| {
        lumo.events.iter().find(|e| e.id == id).and_then(|e| e.participation).and_then(|p| p.attendances).unwrap()
    };
    let total = figure("lumo-ev-yta-all") + figure("lumo-ev-local");

    let output = run(&["report", "--lang", "en"], root());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.starts_with("Summary: 2 projects, 1 programme\n"), "{text}");
    assert!(text.contains(&format!("  {total}  ")), "{text}");
    assert!(!text.contains("How the figures were made"));

    let explained = stdout(&run(&["report", "--explain", "--lang", "en"], root()));
    assert!(explained.contains("How the figures were made:"), "{explained}");
    assert!(
        explained.contains(&format!(
            "    - lumo/lumo-ev-yta-all = {} [{}]\n",
            figure("lumo-ev-yta-all"),
            lumo.events.iter().find(|e| e.id == "lumo-ev-yta-all").unwrap().sources[0].document
        )),
        "{explained}"
    );

    let json = run(&["report", "--format", "json", "data/"], root());
    assert_eq!(json.status.code(), Some(0));
    let expected = childwelfare::aggregate::summarise(&childwelfare::data::seed(), false);
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&json.stdout).unwrap(),
        serde_json::to_value(&expected).unwrap()
    );
    let markdown = stdout(&run(&["report", "--format", "markdown", "--lang", "en"], root()));
    assert!(markdown.starts_with("# Summary: 2 projects, 1 programme\n"), "{markdown}");
    assert!(
        markdown.contains("| group | held | cancelled | planned | meetings | attendances | distinct people |"),
        "{markdown}"
    );
}

#[test]
fn report_and_export_go_on_past_a_bad_document_and_say_so() {
    let dir = Scratch::new("cli-report-bad");
    std::fs::write(dir.join("lumo.json"), childwelfare::data::LUMO_JSON).unwrap();
    std::fs::write(dir.join("bad.json"), "{").unwrap();
    let output = run(&["report", dir.to_str().unwrap()], root());
    assert_eq!(output.status.code(), Some(1));
    // In Finnish unless told otherwise.
    assert!(stdout(&output).starts_with("Yhteenveto: 1 hanke, 0 ohjelmaa"), "{}", stdout(&output));
    assert!(stderr(&output).contains("bad.json: line 1, column 1"), "{}", stderr(&output));

    let output = run(&["export", "outputs", "--format", "csv", dir.to_str().unwrap()], root());
    assert_eq!(output.status.code(), Some(1));
    let mut reader = csv::Reader::from_reader(output.stdout.as_slice());
    assert_eq!(reader.records().count(), childwelfare::data::lumo().outputs.len());

    let output = run(&["export", "nonsense"], root());
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("unknown table `nonsense`, expected one of events, objectives"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn export_stops_reading_when_the_reader_closes_the_pipe() {
    use std::io::BufRead;
    use std::process::Stdio;

    // Far more rows than a pipe, the reader's buffer and a batch of
    // documents hold; the last line is not a document.
    let dir = Scratch::new("cli-export-pipe");
    crate::common::write_corpus(&dir.join("corpus.jsonl"), 1000, Some(r#"{"document_type": "project""#));
    for format in ["csv", "json"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_childwelfare"))
            .args(["export", "events", "corpus.jsonl", "--format", format])
            .current_dir(&dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary runs");
        // As `| head -1` does: one line, then the pipe is closed.
        let mut reader = std::io::BufReader::new(child.stdout.take().unwrap());
        let mut first = String::new();
        reader.read_line(&mut first).unwrap();
        drop(reader);
        let output = child.wait_with_output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{format}: {}", stderr(&output));
        // The last line was never read: its error is not reported.
        assert_eq!(stderr(&output), "", "{format}");
        assert!(first.starts_with(if format == "csv" { "project,event," } else { "[" }), "{first}");
    }
}

#[test]
fn export_guards_csv_texts_against_formulas_unless_raw_text_is_asked() {
    let dir = Scratch::new("cli-export-formula");
    let mut lumo = childwelfare::data::lumo();
    lumo.name = childwelfare::Text::fi("=HYPERLINK(\"http://example.com\",\"Click\")");
    std::fs::write(dir.join("lumo.json"), lumo.to_json()).unwrap();
    let name = |args: &[&str]| {
        let output = run(args, &dir);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let mut reader = csv::Reader::from_reader(output.stdout.as_slice());
        reader.records().next().unwrap().unwrap()[1].to_owned()
    };
    assert_eq!(name(&["export", "projects", "lumo.json"]), "'=HYPERLINK(\"http://example.com\",\"Click\")");
    assert_eq!(
        name(&["export", "projects", "lumo.json", "--raw-text"]),
        "=HYPERLINK(\"http://example.com\",\"Click\")"
    );
    let json = run(&["export", "projects", "lumo.json", "--format", "json"], &dir);
    let rows: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(rows[0]["name"], "=HYPERLINK(\"http://example.com\",\"Click\")");
}

#[test]
fn validate_groups_problems_by_rule_lists_every_one_with_all_and_writes_csv() {
    // Named as the command below names them: the same path given to both.
    let data = root().join("data/");
    let data = data.to_str().unwrap();
    let found = childwelfare::validation::validate_files(&childwelfare::load::walk(&[data]).unwrap());
    let warnings: Vec<String> = found.report.diagnostics.iter().map(ToString::to_string).collect();
    assert!(warnings.len() > childwelfare::validation::EXAMPLES);
    let code = &found.report.diagnostics[0].code;
    assert!(found.report.diagnostics.iter().all(|d| &d.code == code), "the seed data's warnings are of one rule");

    // Grouped: one group with its count, the first places, and how many more.
    let grouped = stdout(&run(&["validate", "--width", "0", data], root()));
    assert!(grouped.starts_with(&format!("warning[{code}] {} times: ", warnings.len())), "{grouped}");
    for shown in &warnings[..childwelfare::validation::EXAMPLES] {
        assert!(grouped.contains(&format!("\n  {shown}\n")), "{grouped}");
    }
    let more = warnings.len() - childwelfare::validation::EXAMPLES;
    assert!(grouped.contains(&format!("  ({more} more; `validate --all` lists every one)\n")), "{grouped}");
    assert!(!grouped.contains(&warnings[warnings.len() - 1]));

    // Every one with --all, a line each.
    let every = stdout(&run(&["validate", "--all", "--width", "0", data], root()));
    assert!(warnings.iter().all(|w| every.contains(&format!("{w}\n"))), "{every}");

    // A row each in CSV, with the columns a spreadsheet needs.
    let csv = run(&["validate", "--format", "csv", data], root());
    assert_eq!(csv.status.code(), Some(0));
    let mut reader = csv::Reader::from_reader(csv.stdout.as_slice());
    assert_eq!(
        reader.headers().unwrap().iter().take(5).collect::<Vec<_>>(),
        ["file", "line", "column", "severity", "code"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), warnings.len());
    assert!(rows.iter().all(|r| &r[4] == code));
}

#[test]
fn report_and_export_write_to_a_file_whole_or_not_at_all() {
    let dir = Scratch::new("cli-output");
    for args in [
        &["report"][..],
        &["report", "--format", "csv"],
        &["export", "events"],
        &["export", "placements", "--format", "json"],
    ] {
        let path = dir.join("out");
        let _ = std::fs::remove_file(&path);
        let to_stdout = run(args, root());
        let mut with_output = args.to_vec();
        let target = path.to_string_lossy().into_owned();
        with_output.extend(["--output", target.as_str()]);
        let to_file = run(&with_output, root());
        assert_eq!(to_file.status.code(), Some(0), "{args:?}: {}", stderr(&to_file));
        assert!(to_file.stdout.is_empty());
        assert_eq!(std::fs::read(&path).unwrap(), to_stdout.stdout, "{args:?}");
    }
    // A run that cannot read its documents leaves the file as it was.
    let path = dir.join("kept.csv");
    std::fs::write(&path, "kept\n").unwrap();
    let target = path.to_string_lossy().into_owned();
    let failed = run(&["export", "events", "no-such-folder/", "--output", target.as_str()], root());
    assert_eq!(failed.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "kept\n");
    // Only the files written are in the folder: no temporary file is left.
    let mut names: Vec<String> =
        std::fs::read_dir(&*dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["kept.csv", "out"]);
}

#[test]
fn export_all_writes_every_table_as_the_single_table_exports_do_and_a_data_package() {
    let dir = Scratch::new("cli-export-all");
    let out = dir.join("tables");
    let target = out.to_string_lossy().into_owned();
    let all = run(&["export", "--all", "--output", target.as_str(), "data/"], root());
    assert_eq!(all.status.code(), Some(0), "{}", stderr(&all));
    for table in childwelfare::export::Table::ALL {
        let one = run(&["export", table.name(), "data/"], root());
        assert_eq!(std::fs::read(out.join(format!("{table}.csv"))).unwrap(), one.stdout, "{table}");
    }
    let package: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("datapackage.json")).unwrap()).unwrap();
    assert_eq!(
        package,
        childwelfare::export::datapackage(&childwelfare::export::Table::ALL, childwelfare::export::Format::Csv)
    );

    let parquet = dir.join("parquet");
    let target = parquet.to_string_lossy().into_owned();
    let all = run(&["export", "--all", "--format", "parquet", "--output", target.as_str()], root());
    assert_eq!(all.status.code(), Some(0), "{}", stderr(&all));
    for table in childwelfare::export::Table::ALL {
        assert!(std::fs::read(parquet.join(format!("{table}.parquet"))).unwrap().starts_with(b"PAR1"), "{table}");
    }

    let without_folder = run(&["export", "--all"], root());
    assert_eq!(without_folder.status.code(), Some(2));
    assert_eq!(
        stderr(&without_folder),
        "childwelfare: export --all needs --output DIR, the folder to write the tables into\n"
    );
}

#[test]
fn a_failed_export_of_every_table_leaves_no_file_half_written() {
    let dir = Scratch::new("cli-export-all-failed");
    let out = dir.join("tables");
    std::fs::create_dir(&out).unwrap();
    // A folder where one table's file would go: that table cannot be written.
    std::fs::create_dir(out.join("projects.parquet")).unwrap();
    let target = out.to_string_lossy().into_owned();
    let failed = run(&["export", "--all", "--format", "parquet", "--output", target.as_str()], root());
    assert_eq!(failed.status.code(), Some(2));
    assert!(stderr(&failed).contains("projects.parquet`: not a regular file"), "{}", stderr(&failed));
    // No table was put in place, and no temporary file is left.
    let names: Vec<String> =
        std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["projects.parquet"]);
}

#[cfg(unix)]
#[test]
fn a_full_output_exits_2_with_a_message_in_every_format() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    for format in ["csv", "json", "parquet", "xlsx"] {
        let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
        let output = Command::new(env!("CARGO_BIN_EXE_childwelfare"))
            .args(["export", "events", "--format", format])
            .current_dir(root())
            .stdout(full)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{format}");
        assert!(
            stderr(&output).starts_with("childwelfare: cannot write the output: "),
            "{format}: {}",
            stderr(&output)
        );
    }
}

#[test]
fn a_workbook_that_cannot_be_written_leaves_no_file() {
    let dir = Scratch::new("cli-export-xlsx-failed");
    let path = dir.join("tables.xlsx");
    let target = path.to_string_lossy().into_owned();
    // A document that cannot be read: no workbook is written.
    let failed = run(&["export", "--format", "xlsx", "--output", target.as_str(), "no-such-folder/"], root());
    assert_eq!(failed.status.code(), Some(2));
    assert!(std::fs::read_dir(&*dir).unwrap().next().is_none());
    let written = run(&["export", "--format", "xlsx", "--output", target.as_str()], root());
    assert_eq!(written.status.code(), Some(0), "{}", stderr(&written));
    assert!(std::fs::read(&path).unwrap().starts_with(b"PK"));
}

#[test]
fn validate_text_fits_its_width_without_cutting_a_path() {
    let data = root().join("data/");
    let data = data.to_str().unwrap();
    for all in [false, true] {
        let args = |width: &'static str| {
            let mut args = vec!["validate", "--width", width, data];
            if all {
                args.insert(1, "--all");
            }
            args
        };
        let whole = stdout(&run(&args("0"), root()));
        assert!(whole.lines().any(|line| line.chars().count() > 100), "long lines to wrap: {whole}");
        for width in ["40", "72", "100"] {
            let output = run(&args(width), root());
            assert_eq!(output.status.code(), Some(0));
            let wrapped = stdout(&output);
            let limit: usize = width.parse().unwrap();
            for line in wrapped.lines() {
                // Longer only where one word (the documents' path) is.
                let one_word = !line.trim_start().contains(' ');
                assert!(line.chars().count() <= limit || one_word, "{line:?} is over {limit}");
            }
            // The same words in the same order: nothing cut, dropped or added.
            assert!(whole.split_whitespace().eq(wrapped.split_whitespace()), "{wrapped}");
            assert!(wrapped.lines().count() > whole.lines().count());
        }
    }
    // The default is the report's width.
    let default = stdout(&run(&["validate", data], root()));
    assert_eq!(default, stdout(&run(&["validate", "--width", "100", data], root())));
}
