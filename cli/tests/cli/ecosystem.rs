//! Folders of mixed files, as the tool meets them: JSON that is not a
//! document is skipped in a folder and named when given.

use std::process::Command;

use crate::common::{Scratch, root};

#[test]
fn the_cli_skips_json_that_is_not_a_document_in_a_folder_and_names_it_when_given() {
    let dir = Scratch::new("ecosystem");
    std::fs::copy(root().join("data/lumo.json"), dir.join("lumo.json")).unwrap();
    std::fs::copy(root().join("schema/project.schema.json"), dir.join("project.schema.json")).unwrap();
    let report = Command::new(env!("CARGO_BIN_EXE_childwelfare"))
        .args(["validate", "--format", "json", "data/lumo.json"])
        .current_dir(root())
        .output()
        .unwrap();
    std::fs::write(dir.join("report.json"), &report.stdout).unwrap();

    let run = |path: &std::path::Path| {
        Command::new(env!("CARGO_BIN_EXE_childwelfare")).args(["validate", "--width", "0"]).arg(path).output().unwrap()
    };
    let folder = run(&dir);
    let (out, err) = (String::from_utf8_lossy(&folder.stdout), String::from_utf8_lossy(&folder.stderr));
    assert_eq!(folder.status.code(), Some(0), "{out}{err}");
    assert!(out.contains("\n1 document checked: 0 errors"), "{out}");
    let note = |file: &str, what: &str| {
        format!(
            "childwelfare: note: skipped `{}`: {what}, not a project or programme document\n",
            dir.join(file).display()
        )
    };
    assert_eq!(err, note("project.schema.json", "a JSON Schema") + &note("report.json", "a validation report"));

    let schema = run(&dir.join("project.schema.json"));
    let out = String::from_utf8_lossy(&schema.stdout);
    assert_eq!(schema.status.code(), Some(1), "{out}");
    assert!(
        out.contains("missing field `document_type`: this is a JSON Schema, not a project or programme document"),
        "{out}"
    );
}
