//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};

use childwelfare::DocumentKind;

/// The lists of a project document whose records have identifiers of their
/// own (all but implementers, which are shared across projects).
pub const RECORD_LISTS: &[&str] = &[
    "work_packages",
    "objectives",
    "events",
    "outputs",
    "measures",
    "assessments",
    "factors",
    "lessons",
    "recommendations",
    "regional_parts",
];

/// The workspace's root, where `data/`, `schema/` and `tests/regressions/`
/// are: the library's package root, and the parent of the command-line
/// tool's (`cli/`, whose tests include this file).
pub fn root() -> &'static Path {
    let package = Path::new(env!("CARGO_MANIFEST_DIR"));
    if package.join("data").is_dir() { package } else { package.parent().expect("cli/ is inside the workspace") }
}

/// Every `.json` file under `data/`, sorted.
pub fn data_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("data"))
        .expect("data/ is readable")
        .map(|entry| entry.expect("data/ entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    files
}

/// A validator for the committed schema of `kind`, checking formats too.
pub fn committed_validator(kind: DocumentKind) -> jsonschema::Validator {
    let path = root().join("schema").join(childwelfare::schema::file_name(kind));
    let text = std::fs::read_to_string(&path).expect("committed schema is readable");
    let schema: serde_json::Value = serde_json::from_str(&text).expect("committed schema is JSON");
    jsonschema::options().should_validate_formats(true).build(&schema).expect("committed schema compiles")
}

/// The schema errors of `instance`, one line each.
pub fn schema_errors(validator: &jsonschema::Validator, instance: &serde_json::Value) -> Vec<String> {
    validator.iter_errors(instance).map(|error| format!("{}: {error}", error.instance_path())).collect()
}

/// Writes `projects` generated projects as JSON Lines to `path`, then,
/// when `last` is given, that line.
pub fn write_corpus(path: &Path, projects: u64, last: Option<&str>) {
    use std::io::Write;
    let generator = childwelfare::corpus::Generator::new(1);
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("the corpus is writable"));
    for index in 0..projects {
        serde_json::to_writer(&mut out, &generator.document(index)).unwrap();
        out.write_all(b"\n").unwrap();
    }
    if let Some(last) = last {
        writeln!(out, "{last}").unwrap();
    }
    out.flush().unwrap();
}

/// A folder holding `lumo.json`, symbolic links inside it (`self` and
/// `self2` to the folder, `link.json` to `lumo.json`) and a FIFO, `zz.json`.
#[cfg(unix)]
pub fn links_and_a_fifo(name: &str) -> Scratch {
    let dir = Scratch::new(name);
    std::fs::write(dir.join("lumo.json"), childwelfare::data::LUMO_JSON).unwrap();
    std::os::unix::fs::symlink(".", dir.join("self")).unwrap();
    std::os::unix::fs::symlink(".", dir.join("self2")).unwrap();
    std::os::unix::fs::symlink("lumo.json", dir.join("link.json")).unwrap();
    let fifo = std::process::Command::new("mkfifo").arg(dir.join("zz.json")).status();
    assert!(fifo.is_ok_and(|status| status.success()), "mkfifo");
    dir
}

/// A directory of its own under the system's temporary directory, removed
/// when dropped, whether the test passes or fails.
pub struct Scratch(PathBuf);

impl Scratch {
    /// An empty directory `childwelfare-{name}-{pid}`.
    pub fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("childwelfare-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("the temporary directory is writable");
        Scratch(dir)
    }
}

impl std::ops::Deref for Scratch {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
