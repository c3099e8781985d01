//! The examples fail as programs should: a message a person reads, an exit
//! code, and a quiet end when the reader of their output has gone.
//!
//! The examples are run from `target/debug/examples/`, where `cargo test`
//! builds them before running any test; a test whose example is not there
//! (when only this test target was built) says so and checks nothing.

use std::io::BufRead;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use crate::common::{Scratch, root, write_corpus};

/// The example's binary, next to the directory of this test binary.
fn example(name: &str) -> Option<PathBuf> {
    let deps = std::env::current_exe().ok()?.parent()?.to_path_buf();
    let path = deps.parent()?.join("examples").join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    if path.exists() {
        Some(path)
    } else {
        eprintln!("{} is not built: run `cargo test` to build the examples", path.display());
        None
    }
}

/// Runs the example, reads one line of its output and closes the pipe, as
/// `| head -1` does.
fn first_line_then_close(path: &PathBuf, args: &[&str]) -> (String, Output) {
    let mut child = Command::new(path)
        .args(args)
        .current_dir(root())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the example runs");
    let mut reader = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    reader.read_line(&mut first).unwrap();
    drop(reader);
    (first, child.wait_with_output().unwrap())
}

#[test]
fn an_unknown_county_is_a_message_and_exit_code_1() {
    let Some(path) = example("participation_by_county") else { return };
    let output = Command::new(path).arg("pohjois-karjala").current_dir(root()).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let expected = format!("error: {}\n", "pohjois-karjala".parse::<childwelfare::County>().unwrap_err());
    assert_eq!(String::from_utf8_lossy(&output.stderr), expected);
    assert!(expected.contains("did you mean `pohjois_karjala`?"), "{expected}");
}

#[test]
fn examples_end_quietly_when_the_reader_closes_the_pipe() {
    // Output far larger than a pipe holds, so that writing must fail.
    if let Some(path) = example("generate") {
        let (first, output) = first_line_then_close(&path, &["2000"]);
        assert!(first.starts_with(r#"{"document_type":"project""#), "{first}");
        assert_eq!(output.status.code(), Some(0));
        assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    }
    if let Some(path) = example("inventory") {
        let dir = Scratch::new("examples-pipe");
        let corpus = dir.join("corpus.jsonl");
        write_corpus(&corpus, 300, None);
        let (first, output) = first_line_then_close(&path, &[corpus.to_str().unwrap()]);
        assert!(first.starts_with("Project: "), "{first}");
        assert_eq!(output.status.code(), Some(0));
        assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    }
}
