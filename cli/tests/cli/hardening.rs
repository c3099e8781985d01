//! Regression tests for the hardening of issue 19 that run the tool: a
//! `format` killed at any moment, a file larger than memory.

use std::process::{Command, Stdio};

use childwelfare::{Document, corpus::Generator};

use crate::common::Scratch;

fn childwelfare() -> Command {
    Command::new(env!("CARGO_BIN_EXE_childwelfare"))
}

#[test]
fn format_killed_at_any_moment_leaves_the_old_document_or_the_new_one() {
    let dir = Scratch::new("hardening-format-kill");
    let path = dir.join("programme.json");
    let document: Document = Generator::new(3).programme(10_000).into();
    // Written compactly, so that `format` rewrites every byte of it.
    let old = serde_json::to_string(&document).unwrap();
    let new = document.to_json();
    assert_ne!(old, new);
    for trial in 0..5u64 {
        std::fs::write(&path, &old).unwrap();
        let mut child = childwelfare().arg("format").arg(&path).stderr(Stdio::null()).spawn().unwrap();
        // Killed at a different point in each trial (and once after it
        // finished): whenever it is, the file is whole.
        std::thread::sleep(std::time::Duration::from_millis(trial * trial * 50));
        let _ = child.kill();
        child.wait().unwrap();
        let now = std::fs::read_to_string(&path).unwrap();
        assert!(now == old || now == new, "trial {trial}: {} bytes, neither old nor new", now.len());
    }
    // The last run is left to finish.
    std::fs::write(&path, &old).unwrap();
    let status = childwelfare().arg("format").arg(&path).status().unwrap();
    assert_eq!(status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), new);
    // Only the document is left in the folder (and what killed runs left
    // behind is never a `.json` file).
    let names: Vec<String> = std::fs::read_dir(&*dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".json"))
        .collect();
    assert_eq!(names, ["programme.json"]);
}

#[test]
fn a_file_larger_than_memory_is_refused_with_exit_2() {
    let dir = Scratch::new("hardening-cli-limit");
    let huge = dir.join("huge.json");
    std::fs::File::create(&huge).unwrap().set_len(64 << 30).unwrap();
    for args in [&["validate", "--width", "0"][..], &["report"], &["export", "events"], &["format"]] {
        let run = childwelfare().args(args).arg(&huge).output().unwrap();
        let stderr = String::from_utf8_lossy(&run.stderr);
        let stdout = String::from_utf8_lossy(&run.stdout);
        assert_eq!(run.status.code(), Some(2), "{args:?}: {stdout}{stderr}");
        assert!(
            format!("{stdout}{stderr}").contains("the document is 68 719 476 736 bytes, over the limit of"),
            "{args:?}: {stdout}{stderr}"
        );
    }
}
