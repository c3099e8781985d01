//! Diagnostics grouped by rule, as `childwelfare validate` prints them: the
//! rule, its severity, how many times it was broken and the first few
//! places, in a memory that does not grow with the diagnostics.

use std::fmt;

use super::{Diagnostic, Severity, rule};

/// How many places each group shows.
pub const EXAMPLES: usize = 3;

/// Diagnostics grouped by rule: each rule's count and its first
/// [`EXAMPLES`] diagnostics, errors first, then in the order the rules were
/// first broken.
///
/// ```
/// use childwelfare::{data, validation};
///
/// let report = validation::validate_documents(&data::seed());
/// let mut grouped = validation::Grouped::default();
/// report.diagnostics.iter().for_each(|d| grouped.add(d));
/// let text = grouped.to_string();
/// // The seed data's ten warnings are one group.
/// assert_eq!(grouped.groups().len(), 1);
/// assert!(text.starts_with("warning[assessment.objective_unjudged] 10 times:"), "{text}");
/// assert!(text.contains("(7 more; `validate --all` lists every one)"), "{text}");
/// ```
#[derive(Debug, Clone, Default)]
pub struct Grouped {
    groups: Vec<Group>,
}

/// One rule's diagnostics: how many, and the first few.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Group {
    /// The rule's code.
    pub code: String,
    /// Its severity.
    pub severity: Severity,
    /// How many diagnostics it gave.
    pub count: usize,
    /// The first [`EXAMPLES`] of them.
    pub examples: Vec<Diagnostic>,
}

impl Grouped {
    /// Counts a diagnostic, keeping it if it is among the first of its rule.
    pub fn add(&mut self, diagnostic: &Diagnostic) {
        let group = match self.groups.iter_mut().position(|g| g.code == diagnostic.code) {
            Some(at) => &mut self.groups[at],
            None => {
                self.groups.push(Group {
                    code: diagnostic.code.clone(),
                    severity: diagnostic.severity,
                    count: 0,
                    examples: Vec::new(),
                });
                let last = self.groups.len() - 1;
                &mut self.groups[last]
            }
        };
        group.count += 1;
        if group.examples.len() < EXAMPLES {
            group.examples.push(diagnostic.clone());
        }
    }

    /// The groups, errors first, each severity in the order first seen.
    pub fn groups(&self) -> Vec<&Group> {
        let mut groups: Vec<&Group> = self.groups.iter().collect();
        groups.sort_by_key(|g| g.severity != Severity::Error);
        groups
    }
}

impl fmt::Display for Grouped {
    /// A group a block: `severity[code] N times: what the rule checks`, the
    /// first places indented, and how many more there are.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for group in self.groups() {
            let times = if group.count == 1 { "once".to_owned() } else { format!("{} times", group.count) };
            let checks = rule(&group.code).map_or("", |r| r.checks);
            writeln!(f, "{}[{}] {times}: {checks}", group.severity, group.code)?;
            for example in &group.examples {
                writeln!(f, "  {example}")?;
            }
            if group.count > group.examples.len() {
                writeln!(f, "  ({} more; `validate --all` lists every one)", group.count - group.examples.len())?;
            }
        }
        Ok(())
    }
}

impl Diagnostic {
    /// The diagnostic as a row of a table (`validate --format csv`): file,
    /// line, column, severity, code, category, document, pointer, message
    /// and suggestion, empty where not known.
    ///
    /// ```
    /// use childwelfare::{Project, validation::Diagnostic};
    ///
    /// let error = Project::from_json("{").unwrap_err();
    /// let row = Diagnostic::from_parse_error(&error, Some("broken.json")).to_row();
    /// assert_eq!(row.columns().collect::<Vec<_>>()[..5], ["file", "line", "column", "severity", "code"]);
    /// assert_eq!(row.get("code"), Some(&"parse.eof".into()));
    /// ```
    pub fn to_row(&self) -> crate::export::Row {
        use crate::export::Cell;
        let text = |value: Option<&str>| value.map_or(Cell::Empty, Cell::from);
        let number = |value: Option<usize>| value.map_or(Cell::Empty, Cell::from);
        crate::export::Row::from_cells(vec![
            ("file", text(self.file.as_deref())),
            ("line", number(self.line)),
            ("column", number(self.column)),
            ("severity", Cell::from(self.severity.code())),
            ("code", Cell::from(self.code.as_str())),
            ("category", Cell::from(self.category.label())),
            ("document", text(self.document.as_deref())),
            ("pointer", Cell::from(self.pointer.as_str())),
            ("message", Cell::from(self.message.as_str())),
            ("suggestion", text(self.suggestion.as_deref())),
        ])
    }
}
