//! Measures other than participants: context and baseline figures, and
//! counted results (trainers trained, counties that adopted a model).

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::code_list::code_list;
use crate::{Count, County, DatedCount, Id, PartialDate, PossibleOverlap, SourceRef, Text};

code_list! {
    /// What a measure describes.
    pub enum MeasureKind ("measure kind") {
        /// The setting the project worked in (children living in the area).
        Context = "context" { fi: "toimintaympäristö", sv: "kontext", en: "context" },
        /// A baseline before the project.
        Baseline = "baseline" { fi: "lähtötaso", sv: "utgångsläge", en: "baseline" },
        /// Something the project did (meetings held, views of a recording).
        Activity = "activity" { fi: "toiminta", sv: "verksamhet", en: "activity" },
        /// A result the project achieved.
        Result = "result" { fi: "tulos", sv: "resultat", en: "result" },
    }
}

/// A counted figure that is not an event's participation or an output's count.
///
/// ```
/// use childwelfare::{Measure, MeasureKind};
///
/// let trainers: Measure = serde_json::from_str(r#"{
///     "id": "lumo-m-trainers",
///     "kind": "result",
///     "description": {"fi": "uudet THL:n kouluttajakoulutuksen käyneet syty-kouluttajat"},
///     "value": {"value": 8},
///     "unit": {"en": "trainers"}
/// }"#).unwrap();
/// assert_eq!(trainers.kind, MeasureKind::Result);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Measure {
    /// Identifier.
    pub id: Id,
    /// What the figure describes.
    pub kind: MeasureKind,
    /// What was counted.
    pub description: Text,
    /// The figure.
    pub value: Count,
    /// The unit ("trainers", "views").
    pub unit: Text,
    /// The figure the project aimed at, with the date it was to be reached
    /// by (since 1.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<DatedCount>,
    /// The figure before the project, with the date it was measured
    /// (since 1.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<DatedCount>,
    /// When the figure applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    /// Counties it concerns.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub counties: Vec<County>,
    /// The measure whose figure already includes this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part_of: Option<Id>,
    /// Figures this one may or may not be included in.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub possible_overlaps: Vec<PossibleOverlap>,
    /// The work packages it belongs to.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub work_packages: Vec<Id>,
    /// The objectives it shows progress on.
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

impl Measure {
    /// A measure with its required fields `id`, `kind`, `description`, `value`, `unit`; every other field is empty or at its default.
    pub fn new(id: Id, kind: MeasureKind, description: Text, value: Count, unit: Text) -> Self {
        Measure {
            id,
            kind,
            description,
            value,
            unit,
            target: None,
            baseline: None,
            date: None,
            counties: Vec::new(),
            part_of: None,
            possible_overlaps: Vec::new(),
            work_packages: Vec::new(),
            objectives: Vec::new(),
            note: None,
            sources: Vec::new(),
            extensions: BTreeMap::new(),
        }
    }
}
