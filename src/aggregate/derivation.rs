//! How a figure was made ([`Derivation`]), and why a record is left out
//! of one ([`Omission`]).

use std::collections::BTreeMap;
use std::fmt;

use schemars::JsonSchema;
use serde::Serialize;

/// How a figure was made: the rule that combined it, the records it came
/// from (`project/record = figure [source "section"]`), and the records of
/// its group that it leaves out, each with why, so that it can be checked
/// by hand and a lower bound recognised as one.
///
/// ```
/// use childwelfare::aggregate::{Aggregator, Dimension};
///
/// let mut aggregator = Aggregator::new().explain(true);
/// childwelfare::data::seed().iter().for_each(|d| aggregator.add(d));
/// let summary = aggregator.finish();
/// let lumo = summary.participation(Dimension::Project)?.find(|r| r.group.key == "lumo").unwrap();
/// let derivation = lumo.attendances.as_ref().unwrap().derivation.as_ref().unwrap();
/// // Each record used names its source; the parts of the area total are left out as inside it.
/// assert!(derivation.records[0].starts_with("lumo/lumo-ev-yta-all = 3 667 [seed-"), "{}", derivation.records[0]);
/// assert!(derivation.sources[0].sources[0].section.is_some());
/// assert!(derivation.left_out.iter().any(|l| l.record == "lumo/lumo-ev-theme-systemic"
///     && l.why.to_string() == "inside the figure of lumo/lumo-ev-yta-all"));
/// # Ok::<(), childwelfare::aggregate::Omitted>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct Derivation {
    /// The rule.
    pub rule: String,
    /// The records used, each with its figure and where it is stated.
    pub records: Vec<String>,
    /// Where each record used is stated: its source documents and sections.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Cited>,
    /// The records of the group left out of the figure, each with why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub left_out: Vec<LeftOut>,
}

impl Derivation {
    /// A derivation by `rule` from `records`, leaving nothing out.
    pub(crate) fn new(rule: impl Into<String>, records: Vec<String>) -> Self {
        Derivation { rule: rule.into(), records, sources: Vec::new(), left_out: Vec::new() }
    }

    /// Notes where `record` (`project/record`) is stated.
    pub(crate) fn cite(&mut self, record: String, sources: &[crate::SourceRef]) {
        if !sources.is_empty() {
            self.sources.push(Cited { record, sources: sources.to_vec() });
        }
    }
}

/// Where a record used by a derivation is stated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct Cited {
    /// The record, `project/record`.
    pub record: String,
    /// Its sources: the document (an id of the project's `source_documents`) and the section.
    pub sources: Vec<crate::SourceRef>,
}

/// A record of a group that a figure leaves out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct LeftOut {
    /// The record, `project/record`.
    pub record: String,
    /// Why it is left out.
    pub why: Omission,
}

/// Why a record is left out of a figure.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case", tag = "reason", content = "within")]
#[non_exhaustive]
pub enum Omission {
    /// A cancelled event.
    Cancelled,
    /// A planned event.
    Planned,
    /// The record states no figure.
    NoFigure,
    /// A total whose parts are complete, represented by them.
    RepresentedByItsParts,
    /// Inside another figure (it is `part_of` it): the record of the
    /// nearest such figure, which is counted or is inside another in turn.
    InsideTheFigureOf(String),
    /// In a `part_of` cycle, where every figure is inside another: none is
    /// counted.
    InACycle,
    /// A funding part (or rest of a budget) whose amount is not known: the
    /// sum is "at least".
    NoAmount,
}

impl fmt::Display for Omission {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Omission::Cancelled => f.write_str("cancelled"),
            Omission::Planned => f.write_str("planned"),
            Omission::NoFigure => f.write_str("no figure"),
            Omission::RepresentedByItsParts => f.write_str("represented by its parts"),
            Omission::InsideTheFigureOf(record) => write!(f, "inside the figure of {record}"),
            Omission::InACycle => f.write_str("in a part_of cycle, inside another figure"),
            Omission::NoAmount => f.write_str("no amount"),
        }
    }
}

impl Omission {
    /// A short name of the reason for a count of left-out records:
    /// "inside another figure" for every [`Omission::InsideTheFigureOf`].
    pub fn kind(&self) -> &'static str {
        match self {
            Omission::Cancelled => "cancelled",
            Omission::Planned => "planned",
            Omission::NoFigure => "no figure",
            Omission::RepresentedByItsParts => "represented by its parts",
            Omission::InsideTheFigureOf(_) => "inside another figure",
            Omission::InACycle => "in a part_of cycle",
            Omission::NoAmount => "no amount",
        }
    }
}

/// What a derivation leaves out, in a few words: `left out: 2 cancelled, 5
/// no figure`; empty when nothing is.
pub(crate) fn left_out_summary(left_out: &[LeftOut]) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for left in left_out {
        *counts.entry(left.why.kind()).or_default() += 1;
    }
    let parts: Vec<String> = counts.iter().map(|(kind, n)| format!("{n} {kind}")).collect();
    if parts.is_empty() { String::new() } else { format!("left out: {}", parts.join(", ")) }
}

impl fmt::Display for Derivation {
    /// The rule, then one record a line, then what was left out, counted
    /// by reason (the records left out are listed in JSON).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.rule)?;
        for record in &self.records {
            write!(f, "\n  - {record}")?;
        }
        if !self.left_out.is_empty() {
            write!(f, "\n  {}", left_out_summary(&self.left_out))?;
        }
        Ok(())
    }
}
