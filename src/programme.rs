//! The programme document: a set of projects under one funder and change
//! programme.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{
    AlternativeStatement, CollaborativeArea, County, FundingRule, Id, Money, PartialDate, Period, ProgrammeActivity,
    ProgrammeAim, SchemaVersion, SourceDocument, SourceRef, Text, Theme,
};

/// The marker `"document_type": "programme"` at the top of a programme document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
pub enum ProgrammeDocumentType {
    /// A programme document.
    #[default]
    #[serde(rename = "programme")]
    Programme,
}

/// One project as the programme lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ProgrammeProject {
    /// The project's identifier (the `id` of its project document, if there is one).
    pub id: Id,
    /// The project's name.
    pub name: Text,
    /// Its full official name, where it differs; a bilingual name keeps its
    /// Finnish and Swedish parts in `fi` and `sv` (since 1.2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub official_name: Option<Text>,
    /// An acronym.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acronym: Option<String>,
    /// The collaborative area.
    pub collaborative_area: CollaborativeArea,
    /// Counties named for the project in the programme listing.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub counties: Vec<County>,
    /// The administrator, as named.
    pub administrator: Text,
    /// The coordinator, where it is not the administrator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coordinator: Option<Text>,
    /// The project document's file name, relative to this document, where
    /// the project has data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    /// Remarks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// Where this record's facts come from.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRef>,
}

impl ProgrammeProject {
    /// A programme's listing of a project with its required fields `id`, `name`, `collaborative_area`, `administrator`; every other field is empty or at its default.
    pub fn new(id: Id, name: Text, collaborative_area: CollaborativeArea, administrator: Text) -> Self {
        ProgrammeProject {
            id,
            name,
            official_name: None,
            acronym: None,
            collaborative_area,
            counties: Vec::new(),
            administrator,
            coordinator: None,
            document: None,
            note: None,
            sources: Vec::new(),
        }
    }
}

/// A programme: projects under one funder and change programme, with
/// shared themes.
///
/// ```
/// use childwelfare::Programme;
///
/// let programme = Programme::from_json(r#"{
///     "document_type": "programme",
///     "schema_version": "1.0",
///     "id": "demo-programme",
///     "name": {"en": "Demo programme"},
///     "funder": {"en": "Ministry"}
/// }"#).unwrap();
/// assert!(programme.projects.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Programme {
    /// Always `"programme"`.
    pub document_type: ProgrammeDocumentType,
    /// The version of this format the document follows.
    pub schema_version: SchemaVersion,
    /// Identifier.
    pub id: Id,
    /// The programme's name.
    pub name: Text,
    /// What the programme is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// The funder, as named.
    pub funder: Text,
    /// The wider programme it is part of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part_of: Option<Text>,
    /// When funding began.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<PartialDate>,
    /// The programme's period (since 1.2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// Its aims, which projects' objectives can point to (since 1.2).
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub aims: Vec<ProgrammeAim>,
    /// The contents the funder named for the projects, as written (since 1.2).
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub contents: Vec<Text>,
    /// How each project's budget is split between the state grant and the
    /// implementers (since 1.2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funding_rule: Option<FundingRule>,
    /// Work of the programme's own, outside any one project (since 1.2).
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub activities: Vec<ProgrammeActivity>,
    /// The funding for all projects together.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_funding: Option<Money>,
    /// The date of the announcement the funding figure comes from.
    #[serde(default, deserialize_with = "crate::date::optional_iso_date", skip_serializing_if = "Option::is_none")]
    pub announced: Option<NaiveDate>,
    /// Themes shared by all projects.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub shared_themes: Vec<Theme>,
    /// The projects.
    #[serde(default, deserialize_with = "crate::listing::projects", skip_serializing_if = "Vec::is_empty")]
    pub projects: Vec<ProgrammeProject>,
    /// Remarks on the document as a whole.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Text>,
    /// Statements of the programme's facts that other sources give
    /// differently (a press release's figure against the ministry's), with
    /// which was kept and why (since 1.2).
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<AlternativeStatement>,
    /// The documents the facts come from.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub source_documents: Vec<SourceDocument>,
    /// Where the top-level facts come from.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRef>,
    /// Custom data, kept unchanged on a round trip; a key may not repeat, and
    /// lists and objects nest at most 128 levels deep.
    #[serde(default, deserialize_with = "crate::value::extensions", skip_serializing_if = "BTreeMap::is_empty")]
    pub extensions: BTreeMap<String, serde_json::Value>,
}

impl Programme {
    /// A programme with its required fields `id`, `name`, `funder`; every other field is empty or at its default.
    /// The document carries this crate's [`SCHEMA_VERSION`](crate::SCHEMA_VERSION).
    pub fn new(id: Id, name: Text, funder: Text) -> Self {
        Programme {
            document_type: Default::default(),
            schema_version: crate::SCHEMA_VERSION,
            id,
            name,
            description: None,
            funder,
            part_of: None,
            start: None,
            period: None,
            aims: Vec::new(),
            contents: Vec::new(),
            funding_rule: None,
            activities: Vec::new(),
            total_funding: None,
            announced: None,
            shared_themes: Vec::new(),
            projects: Vec::new(),
            notes: Vec::new(),
            alternatives: Vec::new(),
            source_documents: Vec::new(),
            sources: Vec::new(),
            extensions: BTreeMap::new(),
        }
    }
}

impl Programme {
    /// Parses a programme document from JSON.
    ///
    /// # Errors
    /// A [`ParseError`](crate::ParseError) naming the line, column and JSON
    /// path of the first problem.
    pub fn from_json(json: &str) -> Result<Self, crate::ParseError> {
        crate::json::from_str(json)
    }

    /// Writes the document as pretty-printed JSON with a final newline.
    pub fn to_json(&self) -> String {
        crate::json::model_to_string(self)
    }
}
