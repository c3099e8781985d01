//! The validation report in JSON: written whole ([`Report::to_json`]) or a
//! diagnostic at a time ([`JsonReportWriter`]), the same bytes either way,
//! with a `valid` field that a CI gate can read.

use std::borrow::Cow;
use std::io::{self, Write};

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Serialize};

use super::report::{Diagnostic, NotRun, Report};

// The shape a report has in JSON, read and published; `Report` is the
// same without `valid`, which it works out.
/// The result of validating one or more documents: every problem found, and
/// the rules that could not run.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename = "Report")]
pub(crate) struct Stored {
    /// The version of the `childwelfare` crate that produced the report.
    crate_version: String,
    /// The document schema version the crate reads.
    schema_version: String,
    /// Every problem found, in the order found.
    diagnostics: Vec<Diagnostic>,
    /// How many documents were checked (parsed or not).
    documents: usize,
    /// Whether the documents passed: no diagnostic is an error and every
    /// rule could run (none `failed` in `not_run`). Reports written before
    /// this field existed lack it.
    #[schemars(with = "bool")]
    #[allow(dead_code)] // Read to be accepted; `Report::is_valid` works it out again.
    valid: Option<bool>,
    /// Rules that could not run.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    not_run: Vec<NotRun>,
}

impl From<Stored> for Report {
    fn from(stored: Stored) -> Self {
        Report {
            crate_version: stored.crate_version,
            schema_version: stored.schema_version,
            documents: stored.documents,
            diagnostics: stored.diagnostics,
            not_run: stored.not_run,
        }
    }
}

/// What is written after the diagnostics.
#[derive(Serialize)]
struct Tail<'a> {
    documents: usize,
    valid: bool,
    #[serde(skip_serializing_if = "<[NotRun]>::is_empty")]
    not_run: &'a [NotRun],
}

impl Serialize for Report {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = serializer.serialize_struct("Report", 6)?;
        out.serialize_field("crate_version", &self.crate_version)?;
        out.serialize_field("schema_version", &self.schema_version)?;
        out.serialize_field("diagnostics", &self.diagnostics)?;
        out.serialize_field("documents", &self.documents)?;
        out.serialize_field("valid", &self.is_valid())?;
        if self.not_run.is_empty() {
            out.skip_field("not_run")?;
        } else {
            out.serialize_field("not_run", &self.not_run)?;
        }
        out.end()
    }
}

impl JsonSchema for Report {
    fn schema_name() -> Cow<'static, str> {
        Stored::schema_name()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        Stored::json_schema(generator)
    }
}

/// Writes a validation report in JSON a diagnostic at a time, so that a
/// report of millions of diagnostics never has to be held in memory; the
/// bytes are those of [`Report::to_json`] for the same report.
///
/// ```
/// use childwelfare::validation::{JsonReportWriter, Report};
///
/// let report = Report::new();
/// let mut writer = JsonReportWriter::new(Vec::new())?;
/// for diagnostic in &report.diagnostics {
///     writer.diagnostic(diagnostic)?;
/// }
/// let bytes = writer.finish(report.documents, report.is_valid(), &report.not_run)?;
/// assert_eq!(String::from_utf8(bytes).unwrap(), report.to_json());
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Debug)]
pub struct JsonReportWriter<W: Write> {
    out: W,
    /// How many diagnostics were written.
    written: usize,
}

impl<W: Write> JsonReportWriter<W> {
    /// Writes the start of the report to `out`.
    ///
    /// # Errors
    /// When writing fails.
    pub fn new(mut out: W) -> io::Result<Self> {
        let report = Report::new();
        write!(
            out,
            "{{\n  \"crate_version\": {},\n  \"schema_version\": {},\n  \"diagnostics\": [",
            json(&report.crate_version),
            json(&report.schema_version)
        )?;
        Ok(JsonReportWriter { out, written: 0 })
    }

    /// Writes one diagnostic.
    ///
    /// # Errors
    /// When writing fails.
    pub fn diagnostic(&mut self, diagnostic: &Diagnostic) -> io::Result<()> {
        let separator = if self.written == 0 { "\n    " } else { ",\n    " };
        self.written += 1;
        let text = crate::json::model_to_string(diagnostic);
        self.out.write_all(separator.as_bytes())?;
        self.out.write_all(text.trim_end().replace('\n', "\n    ").as_bytes())
    }

    /// Writes the end of the report: how many documents were checked,
    /// whether they are valid and the rules that could not run; returns
    /// the writer, flushed.
    ///
    /// # Errors
    /// When writing fails.
    pub fn finish(mut self, documents: usize, valid: bool, not_run: &[NotRun]) -> io::Result<W> {
        if self.written > 0 {
            self.out.write_all(b"\n  ")?;
        }
        // The tail is an object of its own whose fields are indented as the
        // report's: its fields, and its closing brace, end the report.
        let tail = crate::json::model_to_string(&Tail { documents, valid, not_run });
        write!(self.out, "],\n{}", tail.strip_prefix("{\n").unwrap_or(&tail))?;
        self.out.flush()?;
        Ok(self.out)
    }
}

/// A string as JSON.
fn json(text: &str) -> String {
    serde_json::Value::from(text).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::{Severity, validate_documents};

    fn streamed(report: &Report) -> String {
        let mut writer = JsonReportWriter::new(Vec::new()).unwrap();
        for diagnostic in &report.diagnostics {
            writer.diagnostic(diagnostic).unwrap();
        }
        String::from_utf8(writer.finish(report.documents, report.is_valid(), &report.not_run).unwrap()).unwrap()
    }

    #[test]
    fn a_report_streamed_is_the_report_written_whole_and_reads_back() {
        let generator = crate::corpus::Generator::new(11);
        let mut documents: Vec<_> = (0..4).map(|i| generator.document(i)).collect();
        documents.push(generator.inject(4, 9).0.into());
        let with_findings = validate_documents(&documents);
        assert!(with_findings.diagnostics.len() > 1);
        assert!(with_findings.diagnostics.iter().any(|d| d.severity == Severity::Error));
        let seed = validate_documents(&crate::data::seed());
        assert!(!seed.not_run.is_empty());
        let mut one = Report::new();
        one.diagnostics.push(with_findings.diagnostics[0].clone());
        one.documents = 1;
        let mut failed = seed.clone();
        failed.not_run[0].failed = true;

        for report in [Report::new(), one, with_findings, seed, failed] {
            let whole = report.to_json();
            assert_eq!(streamed(&report), whole);
            let read: Report = serde_json::from_str(&whole).unwrap();
            assert_eq!(read, report);
            let value: serde_json::Value = serde_json::from_str(&whole).unwrap();
            assert_eq!(value["valid"], report.is_valid(), "{whole}");
        }
    }

    #[test]
    fn a_report_written_before_the_valid_field_still_reads() {
        let old = r#"{"crate_version": "0.1.0", "schema_version": "1.1", "documents": 2, "diagnostics": []}"#;
        let report: Report = serde_json::from_str(old).unwrap();
        assert_eq!(report.documents, 2);
        assert!(report.is_valid());
    }
}
