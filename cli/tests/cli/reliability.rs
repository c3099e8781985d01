//! Nothing lost, nothing hangs: what the tool does with links, FIFOs, empty
//! files and the canonical form of the bundled data.

use std::process::Command;

use crate::common::{Scratch, root};

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[cfg(unix)]
#[test]
fn links_inside_a_folder_and_fifos_are_skipped_and_a_link_given_is_followed() {
    let dir = crate::common::links_and_a_fifo("reliability-walk-cli");
    let run = Command::new(env!("CARGO_BIN_EXE_childwelfare")).arg("validate").arg(&*dir).output().unwrap();
    assert_eq!(run.status.code(), Some(0), "{}{}", text(&run.stdout), text(&run.stderr));
    assert!(text(&run.stdout).ends_with("1 document checked: 0 errors, 0 warnings\n"), "{}", text(&run.stdout));
    assert!(text(&run.stderr).contains("not a regular file"), "{}", text(&run.stderr));

    // A link given explicitly is followed; the same file twice is read once.
    let run = Command::new(env!("CARGO_BIN_EXE_childwelfare"))
        .arg("validate")
        .arg(dir.join("link.json"))
        .arg(&*dir)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    assert!(text(&run.stdout).ends_with("1 document checked: 0 errors, 0 warnings\n"), "{}", text(&run.stdout));
    assert!(text(&run.stderr).contains(&format!("skipped `{}`: already visited", dir.join("lumo.json").display())));

    // A FIFO given explicitly is refused, not opened.
    let run =
        Command::new(env!("CARGO_BIN_EXE_childwelfare")).arg("validate").arg(dir.join("zz.json")).output().unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(
        text(&run.stderr),
        format!("childwelfare: `{}` is not a regular file or a folder\n", dir.join("zz.json").display())
    );
}

#[test]
fn an_explicit_path_without_documents_is_a_usage_error() {
    let dir = Scratch::new("reliability-empty");
    std::fs::write(dir.join("empty.jsonl"), "").unwrap();
    std::fs::write(dir.join("blank.jsonl"), "\n  \n").unwrap();
    for (file, message) in [
        (
            "empty.jsonl",
            format!("childwelfare: `{}` is empty: no documents in it\n", dir.join("empty.jsonl").display()),
        ),
        (
            "blank.jsonl",
            format!(
                "childwelfare: {}: no documents in the file (every line is empty)\n",
                dir.join("blank.jsonl").display()
            ),
        ),
    ] {
        let run =
            Command::new(env!("CARGO_BIN_EXE_childwelfare")).arg("validate").arg(dir.join(file)).output().unwrap();
        assert_eq!(run.status.code(), Some(2), "{file}");
        assert!(text(&run.stderr).ends_with(&message), "{}", text(&run.stderr));
    }
}

#[test]
fn format_check_passes_on_the_bundled_data_and_the_float_regressions() {
    let run = Command::new(env!("CARGO_BIN_EXE_childwelfare"))
        .args(["format", "--check", "data/", "tests/regressions/floats.json"])
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0), "{}{}", text(&run.stdout), text(&run.stderr));
    assert_eq!(text(&run.stdout), "");
}
