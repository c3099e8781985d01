//! Typed links between projects (since 1.2): a sister project, a
//! predecessor, a follow-up, by the other project's id.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::code_list::code_list;
use crate::{Id, SourceRef, Text};

code_list! {
    /// How a project is related to another.
    pub enum RelationKind ("relation kind") {
        /// A sister project (*sisarhanke*): a parallel project of the same
        /// programme that the sources pair with this one.
        SisterProject = "sister_project" { fi: "sisarhanke", sv: "systerprojekt", en: "sister project" },
        /// The project this one continues.
        Predecessor = "predecessor" { fi: "edeltävä hanke", sv: "föregående projekt", en: "predecessor" },
        /// A project that continues this one.
        Successor = "successor" { fi: "jatkohanke", sv: "uppföljande projekt", en: "successor" },
        /// Another relation; say which in `note`.
        Other = "other" { fi: "muu yhteys", sv: "annan koppling", en: "other relation" },
    }
}

/// A link from a project to another project, by the other's id.
///
/// The other project is checked across documents like other references:
/// it is a project document given alongside, or listed by a programme
/// given alongside (rule `cross.related_project_unknown`).
///
/// ```
/// use childwelfare::{Id, ProjectRelation, RelationKind};
///
/// let sister = ProjectRelation::new(Id::new("monni")?, RelationKind::SisterProject);
/// assert_eq!(serde_json::to_string(&sister).unwrap(), r#"{"project":"monni","kind":"sister_project"}"#);
/// # Ok::<(), childwelfare::InvalidValue>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ProjectRelation {
    /// The other project's id (the `id` of its project document or of its
    /// entry in a programme).
    pub project: Id,
    /// How the two are related.
    pub kind: RelationKind,
    /// What the source says of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// Where this record's facts come from.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRef>,
}

impl ProjectRelation {
    /// A relation of `kind` to `project`, with no note or sources.
    pub fn new(project: Id, kind: RelationKind) -> Self {
        ProjectRelation { project, kind, note: None, sources: Vec::new() }
    }
}

/// A statement of a fact that another source gives differently (since 1.2).
///
/// The record keeps the value it uses in its own field; an alternative
/// keeps the other source's statement, the field it concerns, and which was
/// kept and why. Alternatives never change a figure: aggregation and
/// validation read only the record's own fields.
///
/// ```
/// use childwelfare::{AlternativeStatement, Id, SourceRef, Text};
///
/// let mut press = AlternativeStatement::new("total_funding", Text::fi("5,8 miljoonaa euroa Itä-Suomen hankkeelle"));
/// press.sources.push(SourceRef::new(Id::new("src-press")?));
/// press.kept = Some(Text::en("The ministry says 5.8 million is the total for all five projects."));
/// assert_eq!(press.field, "total_funding");
/// # Ok::<(), childwelfare::InvalidValue>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct AlternativeStatement {
    /// The field of the record the statement concerns, by its JSON name
    /// (`total_funding`, `statement`, `working_area`).
    pub field: String,
    /// What the other source states, as written.
    pub statement: Text,
    /// Which statement the record keeps, and why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kept: Option<Text>,
    /// The source of the alternative statement (rule
    /// `source.alternative_unsourced` asks for one).
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRef>,
}

impl AlternativeStatement {
    /// An alternative `statement` of `field`, with no note or sources.
    pub fn new(field: impl Into<String>, statement: Text) -> Self {
        AlternativeStatement { field: field.into(), statement, kept: None, sources: Vec::new() }
    }
}
