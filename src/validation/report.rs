//! Diagnostics and the report that collects them.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::rules::Rule;
use crate::ParseError;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Severity {
    /// The document is wrong and is rejected.
    Error,
    /// Worth a look; the document is still accepted.
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    pub const fn code(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The group a rule belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Category {
    /// Syntax and shape: the document could not be parsed.
    Parse,
    /// Identifiers.
    Identifiers,
    /// References between records.
    References,
    /// Implementers and their roles.
    Organisations,
    /// Funding and staffing.
    Funding,
    /// Dates and periods.
    Dates,
    /// Participation figures.
    Participation,
    /// Assessments and judgements.
    Assessments,
    /// Targets against actual results.
    Results,
    /// Text, numbering and links.
    Text,
    /// Rules across the documents given together.
    CrossDocument,
}

impl Category {
    /// A short human-readable label.
    pub const fn label(self) -> &'static str {
        match self {
            Category::Parse => "syntax and shape",
            Category::Identifiers => "identifiers",
            Category::References => "references",
            Category::Organisations => "organisations",
            Category::Funding => "funding",
            Category::Dates => "dates",
            Category::Participation => "participation",
            Category::Assessments => "assessments",
            Category::Results => "results",
            Category::Text => "text and links",
            Category::CrossDocument => "across documents",
        }
    }
}

/// One problem found in a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Diagnostic {
    /// The rule's stable code (`ref.unresolved`); see the rule table.
    pub code: String,
    /// Error or warning.
    pub severity: Severity,
    /// The rule's group.
    pub category: Category,
    /// The file, when the document was read from one (`data/lumo.json`). A
    /// rule across documents that came from several files names them all
    /// (`a.json, b.jsonl:3`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// The identifier of the document, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    /// The JSON Pointer (RFC 6901) of the offending value; empty for the whole document.
    pub pointer: String,
    /// The line in the file: of the problem for parse errors, of the
    /// document for a document on one line of a JSON Lines file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// The column of the problem in the file, for parse errors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// What is wrong, naming the values involved.
    pub message: String,
    /// The nearest valid field name or code, for a misspelt one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
}

impl Diagnostic {
    pub(crate) fn new(rule: &Rule, document: Option<&str>, pointer: String, message: String) -> Self {
        Diagnostic {
            code: rule.code.to_owned(),
            severity: rule.severity,
            category: rule.category,
            file: None,
            document: document.map(str::to_owned),
            pointer,
            line: None,
            column: None,
            message,
            suggestion: None,
        }
    }

    /// The diagnostic for a document that could not be parsed.
    ///
    /// ```
    /// use childwelfare::{Project, validation::Diagnostic};
    ///
    /// let err = Project::from_json("{").unwrap_err();
    /// let diagnostic = Diagnostic::from_parse_error(&err, Some("broken.json"));
    /// assert_eq!(diagnostic.code, "parse.eof");
    /// assert_eq!(diagnostic.to_string(), "broken.json:1:1: error[parse.eof]: EOF while parsing an object");
    /// ```
    pub fn from_parse_error(error: &ParseError, file: Option<&str>) -> Self {
        use super::rules::{PARSE_DATA, PARSE_EOF, PARSE_IO, PARSE_SYNTAX};
        let rule = match error.kind() {
            crate::ParseErrorKind::Syntax => &PARSE_SYNTAX,
            crate::ParseErrorKind::Eof => &PARSE_EOF,
            crate::ParseErrorKind::Io => &PARSE_IO,
            _ => &PARSE_DATA,
        };
        let message = if error.path().is_empty() {
            error.message().to_owned()
        } else {
            format!("at `{}`: {}", error.path(), error.message())
        };
        Diagnostic {
            file: file.map(str::to_owned),
            line: error.line(),
            column: error.column(),
            suggestion: error.suggestion().map(str::to_owned),
            ..Diagnostic::new(rule, None, error.pointer(), message)
        }
    }
}

impl Diagnostic {
    /// One diagnostic for each problem of a document that could not be
    /// parsed (see [`ParseError::problems`]), and a last one saying so when
    /// the search stopped at [`PROBLEM_LIMIT`](crate::json::PROBLEM_LIMIT).
    ///
    /// ```
    /// use childwelfare::Project;
    /// use childwelfare::validation::Diagnostic;
    ///
    /// let err = Project::from_json(r#"{"document_type": "project", "schema_version": "1.1",
    ///   "id": "Demo", "name": {"fi": "Esimerkki"}, "status": "done",
    ///   "period": {"start": "2022-13", "end": "2022"}}"#).unwrap_err();
    /// let diagnostics = Diagnostic::from_parse_problems(&err, Some("demo.json"));
    /// let places: Vec<_> = diagnostics.iter().map(|d| (d.pointer.as_str(), d.line)).collect();
    /// assert_eq!(places, [("/id", Some(2)), ("/status", Some(2)), ("/period/start", Some(3))]);
    /// assert_eq!(diagnostics[1].message, "at `status`: unknown variant `done`, expected one of `planned`, `ongoing`, `ended`, `cancelled`, `not_stated`");
    /// ```
    pub fn from_parse_problems(error: &ParseError, file: Option<&str>) -> Vec<Self> {
        let mut diagnostics: Vec<Diagnostic> =
            error.problems().map(|problem| Diagnostic::from_parse_error(problem, file)).collect();
        if error.stopped_at_limit() {
            let last = Diagnostic::from_parse_error(error, file);
            diagnostics.push(Diagnostic {
                line: None,
                column: None,
                suggestion: None,
                pointer: String::new(),
                message: format!(
                    "the search for problems stopped at {}; fix these and check again to see the rest",
                    crate::json::PROBLEM_LIMIT
                ),
                ..last
            });
        }
        diagnostics
    }

    /// The diagnostic for a file that could not be read.
    ///
    /// ```
    /// use childwelfare::validation::Diagnostic;
    ///
    /// let error = std::io::Error::new(std::io::ErrorKind::PermissionDenied, "permission denied");
    /// let diagnostic = Diagnostic::from_io_error(&error, "data/secret.json");
    /// assert_eq!(diagnostic.to_string(), "data/secret.json: error[parse.io]: cannot read the file: permission denied");
    /// ```
    pub fn from_io_error(error: &std::io::Error, file: &str) -> Self {
        Diagnostic {
            file: Some(file.to_owned()),
            ..Diagnostic::new(&super::rules::PARSE_IO, None, String::new(), format!("cannot read the file: {error}"))
        }
    }
}

impl fmt::Display for Diagnostic {
    /// One line; control characters quoted from a document or a file name
    /// are shown as visible escapes (`\u{1b}`), so that they cannot reach a
    /// terminal.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::value::Visible;
        if let Some(file) = &self.file {
            write!(f, "{}", Visible(file))?;
            match (self.line, self.column) {
                (Some(line), Some(column)) => write!(f, ":{line}:{column}")?,
                (Some(line), None) => write!(f, ":{line}")?,
                _ => {}
            }
            write!(f, ": ")?;
        }
        write!(f, "{}[{}]: ", self.severity, self.code)?;
        if let Some(document) = &self.document {
            write!(f, "{}", Visible(document))?;
            if !self.pointer.is_empty() {
                write!(f, " {}", Visible(&self.pointer))?;
            }
            write!(f, ": ")?;
        } else if !self.pointer.is_empty() && self.line.is_none() {
            write!(f, "{}: ", Visible(&self.pointer))?;
        }
        write!(f, "{}", Visible(&self.message))?;
        if let Some(suggestion) = &self.suggestion {
            write!(f, "; did you mean `{}`?", Visible(suggestion))?;
        }
        Ok(())
    }
}

/// A rule that could not run, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NotRun {
    /// The rule's code.
    pub code: String,
    /// The document concerned, if one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    /// Why it could not run.
    pub reason: String,
    /// Whether it could not run because reading or writing failed (a
    /// temporary file that could not be written, for example), not because
    /// of what the documents say: the documents were then not fully
    /// checked, and the report is not valid whatever its errors (see
    /// [`Report::is_complete`]).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub failed: bool,
}

/// The result of validating one or more documents: every problem found, and
/// the rules that could not run.
///
/// ```
/// use childwelfare::{Document, validation};
///
/// let json = std::fs::read_to_string("data/lumo.json").unwrap();
/// let document = Document::from_json(&json).unwrap();
/// let report = validation::validate_documents(&[document]);
/// assert!(report.is_valid());
/// assert_eq!(report.error_count(), 0);
/// ```
///
/// In JSON (see [`Report::to_json`]) the report also says whether it is
/// [valid](Report::is_valid), in a field `valid` that a CI gate can read.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(from = "super::report_json::Stored")]
pub struct Report {
    /// The version of the `childwelfare` crate that produced the report.
    pub crate_version: String,
    /// The document schema version the crate reads.
    pub schema_version: String,
    /// How many documents were checked (parsed or not).
    pub documents: usize,
    /// Every problem found, in the order found.
    pub diagnostics: Vec<Diagnostic>,
    /// Rules that could not run.
    pub not_run: Vec<NotRun>,
}

impl Default for Report {
    fn default() -> Self {
        Report {
            crate_version: env!("CARGO_PKG_VERSION").to_owned(),
            schema_version: crate::SCHEMA_VERSION.to_string(),
            documents: 0,
            diagnostics: Vec::new(),
            not_run: Vec::new(),
        }
    }
}

impl Report {
    /// An empty report.
    pub fn new() -> Self {
        Report::default()
    }

    /// Whether no diagnostic is an error (warnings are allowed) and every
    /// rule that the documents call for could run ([`Report::is_complete`]).
    pub fn is_valid(&self) -> bool {
        self.error_count() == 0 && self.is_complete()
    }

    /// Whether no rule failed to run for want of a resource (a temporary
    /// file that could not be written, for example: see
    /// [`NotRun::failed`]). An incomplete report cannot vouch for the
    /// documents, whatever it found.
    ///
    /// ```
    /// use childwelfare::validation::{NotRun, Report};
    ///
    /// let mut report = Report::new();
    /// assert!(report.is_complete() && report.is_valid());
    /// report.not_run.push(NotRun {
    ///     code: "cross.duplicate_record".into(),
    ///     document: None,
    ///     reason: "could not write a temporary file in /tmp: No space left on device".into(),
    ///     failed: true,
    /// });
    /// assert!(!report.is_complete() && !report.is_valid());
    /// ```
    pub fn is_complete(&self) -> bool {
        !self.not_run.iter().any(|note| note.failed)
    }

    /// The number of errors.
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == Severity::Error).count()
    }

    /// The number of warnings.
    pub fn warning_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == Severity::Warning).count()
    }

    /// The diagnostics with `code`.
    pub fn with_code<'a>(&'a self, code: &'a str) -> impl Iterator<Item = &'a Diagnostic> + 'a {
        self.diagnostics.iter().filter(move |d| d.code == code)
    }

    /// Adds the diagnostics and not-run notes of `other`.
    pub fn merge(&mut self, other: Report) {
        self.documents += other.documents;
        self.diagnostics.extend(other.diagnostics);
        self.not_run.extend(other.not_run);
    }

    /// Writes the report as pretty-printed JSON with a final newline, as
    /// [`JsonReportWriter`](super::JsonReportWriter) writes it a
    /// diagnostic at a time.
    ///
    /// ```
    /// let report = childwelfare::validation::Report::new();
    /// let json: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
    /// assert_eq!(json["valid"], true);
    /// ```
    pub fn to_json(&self) -> String {
        crate::json::model_to_string(self)
    }
}

impl fmt::Display for Report {
    /// One line a diagnostic, then the rules that could not run, then a summary line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in &self.diagnostics {
            writeln!(f, "{diagnostic}")?;
        }
        write_ending(f, self, self.error_count(), self.warning_count())
    }
}

/// The end of a report in text: the rules that could not run, then a
/// summary line (`3 documents checked: 0 errors, 1 warning`) that says when
/// the check was incomplete; `errors` and `warnings` count every
/// diagnostic, kept in `report` or not.
pub(crate) fn write_ending(f: &mut fmt::Formatter<'_>, report: &Report, errors: usize, warnings: usize) -> fmt::Result {
    for note in &report.not_run {
        match &note.document {
            Some(document) => writeln!(f, "not run[{}]: {document}: {}", note.code, note.reason)?,
            None => writeln!(f, "not run[{}]: {}", note.code, note.reason)?,
        }
    }
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    write!(
        f,
        "{} checked: {}, {}",
        plural(report.documents, "document"),
        plural(errors, "error"),
        plural(warnings, "warning")
    )?;
    if !report.is_complete() {
        f.write_str("; the check is incomplete, as a rule failed to run (see above)")?;
    }
    Ok(())
}
