//! Objectives: the hierarchy from overall aim to intended results, with
//! target groups and links to work packages.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::code_list::code_list;
use crate::{Id, SourceRef, Text, Theme};

code_list! {
    /// The level of an objective in a project's hierarchy.
    pub enum ObjectiveLevel ("objective level") {
        /// The overall aim (*päämäärä*, *päätavoite*).
        OverallAim = "overall_aim" { fi: "päämäärä", sv: "övergripande mål", en: "overall aim" },
        /// An objective (*tavoite*).
        Objective = "objective" { fi: "tavoite", sv: "mål", en: "objective" },
        /// A sub-objective (*osatavoite*).
        SubObjective = "sub_objective" { fi: "osatavoite", sv: "delmål", en: "sub-objective" },
        /// An intended result (*tavoiteltava tulos*).
        IntendedResult = "intended_result" { fi: "tavoiteltava tulos", sv: "eftersträvat resultat", en: "intended result" },
    }
}

/// An objective at any level of the hierarchy.
///
/// ```
/// use childwelfare::{Objective, ObjectiveLevel};
///
/// let objective: Objective = serde_json::from_str(r#"{
///     "id": "lumo-obj-1",
///     "level": "objective",
///     "number": "1",
///     "statement": {"fi": "parantaa ja vahvistaa lastensuojelun asiakkaiden osallisuutta omissa asioissaan"}
/// }"#).unwrap();
/// assert_eq!(objective.level, ObjectiveLevel::Objective);
/// assert!(objective.parent.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Objective {
    /// Identifier.
    pub id: Id,
    /// The level in the hierarchy.
    pub level: ObjectiveLevel,
    /// The objective's number or label in the source, if it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// The objective one level up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<Id>,
    /// The objective as stated.
    pub statement: Text,
    /// Who the objective is for ("10–18-year-old clients falling through the cracks").
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub target_groups: Vec<Text>,
    /// The work packages that pursue it.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub work_packages: Vec<Id>,
    /// Themes of the objective.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub themes: Vec<Theme>,
    /// The aims of the project's programme it works towards, by the ids of
    /// the programme's `aims` (since 1.2).
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub programme_aims: Vec<Id>,
    /// Remarks, for example how a link to a work package was read from the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// Other wordings of it in other sources (the application against the
    /// registry), with which was kept and why (since 1.2).
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<crate::AlternativeStatement>,
    /// Where this record's facts come from.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRef>,
    /// Custom data, kept unchanged on a round trip; a key may not repeat, and
    /// lists and objects nest at most 128 levels deep.
    #[serde(default, deserialize_with = "crate::value::extensions", skip_serializing_if = "BTreeMap::is_empty")]
    pub extensions: BTreeMap<String, serde_json::Value>,
}

impl Objective {
    /// An objective with its required fields `id`, `level`, `statement`; every other field is empty or at its default.
    pub fn new(id: Id, level: ObjectiveLevel, statement: Text) -> Self {
        Objective {
            id,
            level,
            number: None,
            parent: None,
            statement,
            target_groups: Vec::new(),
            work_packages: Vec::new(),
            themes: Vec::new(),
            programme_aims: Vec::new(),
            note: None,
            alternatives: Vec::new(),
            sources: Vec::new(),
            extensions: BTreeMap::new(),
        }
    }
}
