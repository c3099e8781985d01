//! Regional parts: a county's own plan inside a project.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::code_list::code_list;
use crate::{BudgetRelation, County, Funding, Id, Period, ServiceSector, SourceRef, Text, Theme};

code_list! {
    /// What a regional part is (since 1.2).
    pub enum RegionalPartKind ("regional part kind") {
        /// A sub-project (*osahanke*) with its own plan, and often its own
        /// money and implementer.
        SubProject = "sub_project" { fi: "osahanke", sv: "delprojekt", en: "sub-project" },
        /// A regional emphasis (*painotus*) of the project's common work,
        /// such as one interface a province took on.
        Emphasis = "emphasis" { fi: "alueellinen painotus", sv: "regional tyngdpunkt", en: "regional emphasis" },
    }
}

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
    /// The part's name as written; optional since 1.2, for a part the
    /// sources give no name (a province's emphasis).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Text>,
    /// Whether it is a sub-project or an emphasis; not stated when absent
    /// (since 1.2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<RegionalPartKind>,
    /// The service sectors it worked with (child protection with
    /// substance-abuse services) (since 1.2).
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub sectors: Vec<ServiceSector>,
    /// Its themes (since 1.2).
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub themes: Vec<Theme>,
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
    /// A regional part with its `id`, `name` and `counties`; every other field is empty or at its default.
    pub fn new(id: Id, name: Text, counties: Vec<County>) -> Self {
        RegionalPart { name: Some(name), ..RegionalPart::unnamed(id, counties) }
    }

    /// A regional part the sources give no name, with its `id` and
    /// `counties` (since 1.2).
    ///
    /// ```
    /// use childwelfare::{County, Id, RegionalPart, RegionalPartKind, ServiceSector};
    ///
    /// // One province's emphasis: child protection with substance-abuse services.
    /// let mut emphasis = RegionalPart::unnamed(Id::new("rp-1")?, vec![County::KeskiSuomi]);
    /// emphasis.kind = Some(RegionalPartKind::Emphasis);
    /// emphasis.sectors = vec![ServiceSector::ChildProtection, ServiceSector::SubstanceAbuseServices];
    /// assert_eq!(emphasis.label(), "rp-1");
    /// # Ok::<(), childwelfare::InvalidValue>(())
    /// ```
    pub fn unnamed(id: Id, counties: Vec<County>) -> Self {
        RegionalPart {
            id,
            name: None,
            kind: None,
            sectors: Vec::new(),
            themes: Vec::new(),
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

impl RegionalPart {
    /// Its name in Finnish (or the best language there is), or its id when
    /// it has no name.
    pub fn label(&self) -> String {
        self.name.as_ref().map_or_else(|| self.id.to_string(), |name| name.best(crate::Language::Fi).to_owned())
    }
}
