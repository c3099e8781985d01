//! Regional parts: a county's own plan inside a project.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{BudgetRelation, County, Funding, Id, Period, SourceRef, Text};

/// A regional part (*alueellinen osakokonaisuus*): a county's own plan and
/// work inside a project, with its goal, means, what was planned, done and
/// learned. It may have its own period, budget and implementers, and list
/// its municipalities and objectives. Whether its budget is inside the
/// project's total or on top of it is stated by `budget_relation`.
///
/// ```
/// use childwelfare::{County, RegionalPart};
///
/// let part: RegionalPart = serde_json::from_str(r#"{
///     "id": "tl-itainen-uusimaa",
///     "name": {"fi": "Itäinen Uusimaa"},
///     "counties": ["ita_uusimaa"]
/// }"#).unwrap();
/// assert_eq!(part.counties, [County::ItaUusimaa]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct RegionalPart {
    /// Identifier.
    pub id: Id,
    /// The part's name as written.
    pub name: Text,
    /// The counties it covers.
    pub counties: Vec<County>,
    /// The municipalities and cities it covers, as the source names them.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub municipalities: Vec<String>,
    /// Its own period, when it differs from the project's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// The implementer responsible for it, where the source names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub implementer: Option<Id>,
    /// Further implementers that carry it out with the responsible one
    /// (since 1.1).
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub implementers: Vec<Id>,
    /// Its own budget, where stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funding: Option<Funding>,
    /// Whether its budget is included in the project's total or comes on
    /// top of it; unknown when absent (since 1.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_relation: Option<BudgetRelation>,
    /// The goal (*tavoite*).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goal: Option<Text>,
    /// The means (*keino*).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub means: Option<Text>,
    /// What was planned (*mitä suunniteltiin*).
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub planned: Vec<Text>,
    /// What was done (*mitä toteutettiin*).
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub done: Vec<Text>,
    /// What was learned (*mitä opittiin*).
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub learned: Vec<Text>,
    /// The work packages it emphasised.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub work_packages: Vec<Id>,
    /// The project objectives it works towards (since 1.1).
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub objectives: Vec<Id>,
    /// Remarks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// Where this record's facts come from.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRef>,
    /// Custom data, kept unchanged on a round trip; a key may not repeat, and
    /// lists and objects nest at most 128 levels deep.
    #[serde(default, deserialize_with = "crate::value::extensions", skip_serializing_if = "BTreeMap::is_empty")]
    pub extensions: BTreeMap<String, serde_json::Value>,
}

impl RegionalPart {
    /// A regional part with its required fields `id`, `name`, `counties`; every other field is empty or at its default.
    pub fn new(id: Id, name: Text, counties: Vec<County>) -> Self {
        RegionalPart {
            id,
            name,
            counties,
            municipalities: Vec::new(),
            period: None,
            implementer: None,
            implementers: Vec::new(),
            funding: None,
            budget_relation: None,
            goal: None,
            means: None,
            planned: Vec::new(),
            done: Vec::new(),
            learned: Vec::new(),
            work_packages: Vec::new(),
            objectives: Vec::new(),
            note: None,
            sources: Vec::new(),
            extensions: BTreeMap::new(),
        }
    }
}
