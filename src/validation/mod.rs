//! Validation: the rules a careful reviewer checks that the JSON shape alone
//! cannot express — identifiers and references, roles and funding shares,
//! periods, participation totals, assessments, text — within one document
//! and across documents given together.
//!
//! Validation reports *every* problem found as a [`Diagnostic`] with a stable
//! code, a severity, a category, the JSON Pointer (RFC 6901) of the offending
//! value and a message that names the values involved. One root cause gives
//! one diagnostic: a reference to a duplicated identifier is not also
//! reported as dangling, and a total whose parts cannot be resolved is not
//! compared. Rules that cannot run (a programme total when the projects
//! state no budgets) are listed in [`Report::not_run`].
//!
//! ```
//! use childwelfare::{Project, validation};
//!
//! let project = Project::from_json(r#"{
//!     "document_type": "project", "schema_version": "1.0",
//!     "id": "demo", "name": {"fi": "Esimerkki"}, "status": "ongoing",
//!     "objectives": [{"id": "o1", "level": "objective", "statement": {"fi": "Tavoite"},
//!                     "work_packages": ["wp-9"]}]
//! }"#).unwrap();
//! let report = validation::validate_project(&project);
//! assert!(!report.is_valid());
//! let diagnostic = &report.diagnostics[0];
//! assert_eq!(diagnostic.code, "ref.unresolved");
//! assert_eq!(diagnostic.pointer, "/objectives/0/work_packages/0");
//! assert_eq!(diagnostic.message, "objective `o1` refers to work package `wp-9`, which does not exist");
//! ```
//!
//! # The rules
//!
#![doc = include_str!("../../docs/validation-rules.md")]

mod additions;
mod arena;
mod checks;
mod cross;
mod dates;
mod digest;
mod files;
mod funding;
mod grouped;
mod links;
mod log;
mod programme;
mod projects;
mod record_ids;
mod references;
mod report;
mod report_json;
mod results;
pub mod rules;
mod sorted;
mod totals;
mod walk;

pub use cross::CrossIndex;
pub use files::{FilesReport, validate_files, validate_files_each, validate_loaded};
pub use grouped::{EXAMPLES, Group, Grouped};
pub use report::{Category, Diagnostic, NotRun, Report, Severity};
pub use report_json::JsonReportWriter;
pub use rules::{RULES, Rule, rule, rules_markdown};

use crate::{Document, Programme, Project};

/// Collects diagnostics for one document.
pub(crate) struct Sink<'r> {
    report: &'r mut Report,
    document: Option<String>,
}

impl<'r> Sink<'r> {
    pub(crate) fn new(report: &'r mut Report, document: Option<&str>) -> Self {
        Sink { report, document: document.map(str::to_owned) }
    }

    pub(crate) fn emit(&mut self, rule: &'static Rule, pointer: impl Into<String>, message: impl Into<String>) {
        let diagnostic = Diagnostic::new(rule, self.document.as_deref(), pointer.into(), message.into());
        self.report.diagnostics.push(diagnostic);
    }

    pub(crate) fn not_run(&mut self, rule: &'static Rule, reason: impl Into<String>) {
        self.report.not_run.push(NotRun {
            code: rule.code.to_owned(),
            document: self.document.clone(),
            reason: reason.into(),
            failed: false,
        });
    }

    /// A rule that could not run because reading or writing failed.
    pub(crate) fn failed(&mut self, rule: &'static Rule, reason: impl Into<String>) {
        self.report.not_run.push(NotRun {
            code: rule.code.to_owned(),
            document: self.document.clone(),
            reason: reason.into(),
            failed: true,
        });
    }
}

/// Validates one project document.
pub fn validate_project(project: &Project) -> Report {
    let mut report = Report { documents: 1, ..Report::new() };
    checks::check_project(project, &mut Sink::new(&mut report, Some(project.id.as_str())));
    report
}

/// Validates one programme document.
pub fn validate_programme(programme: &Programme) -> Report {
    let mut report = Report { documents: 1, ..Report::new() };
    programme::check_programme(programme, &mut Sink::new(&mut report, Some(programme.id.as_str())));
    report
}

/// Validates one document of either kind.
pub fn validate_document(document: &Document) -> Report {
    match document {
        Document::Project(project) => validate_project(project),
        Document::Programme(programme) => validate_programme(programme),
    }
}

/// Validates documents given together: each on its own (on every core,
/// with `rayon`; the diagnostics keep the documents' order), then the rules
/// across them (unique identifiers across projects, one name and business ID
/// per organisation, programme listings and totals).
pub fn validate_documents(documents: &[Document]) -> Report {
    use rayon::prelude::*;
    let reports: Vec<Report> = documents.par_iter().map(validate_document).collect();
    let mut report = Report::new();
    for own in reports {
        report.merge(own);
    }
    report.merge(validate_across_documents(documents));
    report
}

/// Runs only the rules across documents (see [`validate_documents`]); for
/// callers that validate each document on their own first, for example to
/// attach a file name to its diagnostics.
pub fn validate_across_documents(documents: &[Document]) -> Report {
    let mut report = Report::new();
    cross::check_documents(documents, &mut report);
    report
}
