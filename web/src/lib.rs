//! The `childwelfare` crate for a web page, compiled to WebAssembly with
//! `wasm-bindgen`: the page hands it the bytes of the files a person dropped
//! and shows what it gives back. A thin layer over the library's public API:
//! every rule, figure, message and translation is the library's.

use childwelfare::aggregate::Aggregator;
use childwelfare::export::{self, Writer};
use childwelfare::load::{self, Loaded};
use childwelfare::report::{self, Phrase};
use childwelfare::validation::{self, Diagnostic, Grouped};
use childwelfare::{Language, export::Table};
use serde_json::{Value, json};
use wasm_bindgen::prelude::*;

/// Sets up the module: a panic's message goes to the browser's console.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

fn language(code: &str) -> Result<Language, JsError> {
    code.parse::<Language>().map_err(|error| JsError::new(&error.to_string()))
}

/// The documents a person gave the page, kept in memory (nothing is
/// written anywhere), and what validating them found.
#[wasm_bindgen]
#[derive(Default)]
pub struct Corpus {
    loaded: Vec<Loaded>,
    diagnostics: Vec<Diagnostic>,
}

#[wasm_bindgen]
impl Corpus {
    /// An empty corpus.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Corpus {
        Corpus::default()
    }

    /// Adds the bytes of a file named `name` (a `.jsonl` file is read a
    /// line at a time); `in_folder` when it came in a folder, so that JSON
    /// that is not a document is skipped as the command-line tool skips it.
    /// Returns how many documents (or failures) the file held.
    pub fn add(&mut self, name: &str, bytes: &[u8], in_folder: bool) -> usize {
        let loaded = load::from_bytes(name, bytes, in_folder);
        let count = loaded.len();
        self.loaded.extend(loaded);
        count
    }

    /// Validates every document by every rule, as `childwelfare validate`
    /// does, and returns the problems grouped by rule as JSON: `documents`,
    /// `errors`, `warnings`, `valid`, `groups` (each with its `code`,
    /// `severity`, `count`, what the rule `checks` and the first
    /// `examples`: file, line, column, pointer, message), `not_run` and
    /// `skipped`.
    pub fn validate(&mut self) -> String {
        let mut diagnostics = Vec::new();
        let mut grouped = Grouped::default();
        let found = validation::validate_loaded(self.loaded.iter().cloned(), |diagnostic| {
            grouped.add(&diagnostic);
            diagnostics.push(diagnostic);
        });
        self.diagnostics = diagnostics;
        let groups: Vec<Value> = grouped
            .groups()
            .into_iter()
            .map(|group| {
                json!({
                    "code": group.code,
                    "severity": group.severity,
                    "count": group.count,
                    "checks": validation::rule(&group.code).map(|rule| rule.checks),
                    "examples": group.examples,
                })
            })
            .collect();
        let skipped: Vec<String> = self
            .loaded
            .iter()
            .filter_map(|loaded| match loaded {
                Loaded::Skipped(skipped) => Some(skipped.to_string()),
                _ => None,
            })
            .collect();
        json!({
            "documents": found.report.documents,
            "errors": found.errors,
            "warnings": found.warnings,
            "valid": found.is_valid(),
            "groups": groups,
            "not_run": found.report.not_run,
            "skipped": skipped,
        })
        .to_string()
    }

    /// Every problem [`Corpus::validate`] found, a row each, as
    /// `childwelfare validate --format csv` writes them.
    pub fn problems_csv(&self) -> Result<String, JsError> {
        let mut writer = Writer::new(export::Format::Csv, Vec::new());
        for diagnostic in &self.diagnostics {
            writer.write(&diagnostic.to_row()).map_err(|e| JsError::new(&e.to_string()))?;
        }
        csv_text(writer)
    }

    fn summary(&self, language: Language, explain: bool) -> childwelfare::aggregate::Summary {
        let mut aggregator = Aggregator::new().language(language).explain(explain);
        self.loaded.iter().for_each(|loaded| aggregator.add_loaded(loaded));
        aggregator.finish()
    }

    /// The report in `format` (`html`, `text`, `markdown` or `json`) and
    /// `lang` (`fi`, `sv` or `en`), as `childwelfare report` writes it: the
    /// HTML report is the command-line tool's, byte for byte.
    pub fn report(&self, format: &str, lang: &str, explain: bool) -> Result<String, JsError> {
        let format = match format {
            "html" => report::Format::Html,
            "text" => report::Format::Text,
            "markdown" => report::Format::Markdown,
            "json" => report::Format::Json,
            other => return Err(JsError::new(&format!("unknown report format `{other}`"))),
        };
        let language = language(lang)?;
        let options = report::Options::new(format).language(language).explain(explain);
        Ok(report::render_with(&self.summary(language, explain), &options))
    }

    /// The export table `table` as CSV, as `childwelfare export` writes it
    /// (texts a spreadsheet would run as formulas get a `'`).
    pub fn export_csv(&self, table: &str, lang: &str) -> Result<String, JsError> {
        let table = table.parse::<Table>().map_err(|error| JsError::new(&error.to_string()))?;
        let language = language(lang)?;
        let mut writer = Writer::new(export::Format::Csv, Vec::new());
        for loaded in &self.loaded {
            if let Loaded::Document(document, _) = loaded {
                for row in export::rows(document, table, language) {
                    writer.write(&row).map_err(|e| JsError::new(&e.to_string()))?;
                }
            }
        }
        csv_text(writer)
    }
}

fn csv_text(writer: Writer<Vec<u8>>) -> Result<String, JsError> {
    let bytes = writer.finish().map_err(|e| JsError::new(&e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| JsError::new(&e.to_string()))
}

/// The names of the export tables.
#[wasm_bindgen]
pub fn tables() -> Vec<String> {
    Table::ALL.iter().map(|table| table.name().to_owned()).collect()
}

/// The page's words in `lang` as a JSON object, `{"PageTitle": "…", …}`:
/// the same catalogue as the command-line tool's reports.
#[wasm_bindgen]
pub fn phrases(lang: &str) -> Result<String, JsError> {
    let language = language(lang)?;
    let words: serde_json::Map<String, Value> =
        Phrase::ALL.iter().map(|phrase| (format!("{phrase:?}"), Value::from(phrase.text(language)))).collect();
    Ok(Value::Object(words).to_string())
}
