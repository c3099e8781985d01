//! What a programme holds beyond its listing of projects (since 1.2): its
//! aims, its funding rule and work of its own.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{Id, Percent, Period, SourceRef, Text};

/// An aim of a programme, which projects' objectives can point to
/// (`objectives[].programme_aims`).
///
/// ```
/// use childwelfare::{Id, ProgrammeAim, Text};
///
/// let aim = ProgrammeAim::new(Id::new("aim-multi-agency")?, Text::fi("Monialaisen lastensuojelun kehittäminen"));
/// assert_eq!(aim.id, "aim-multi-agency");
/// # Ok::<(), childwelfare::InvalidValue>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ProgrammeAim {
    /// Identifier, unique within the programme.
    pub id: Id,
    /// The aim as stated.
    pub statement: Text,
    /// Where this record's facts come from.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRef>,
}

impl ProgrammeAim {
    /// An aim `id` stating `statement`, with no sources.
    pub fn new(id: Id, statement: Text) -> Self {
        ProgrammeAim { id, statement, sources: Vec::new() }
    }
}

/// How a programme splits each project's budget: the state grant's share
/// and the implementers' own share ("the state grant covers 80 %, the
/// implementers 20 %"). A project of the programme whose stated state-grant
/// share differs is reported (rule `cross.funding_rule`).
///
/// ```
/// use childwelfare::{FundingRule, Percent};
///
/// let rule = FundingRule::new(Percent::new(80.0)?, Percent::new(20.0)?);
/// assert_eq!(rule.state_grant_share.to_string(), "80 %");
/// # Ok::<(), childwelfare::InvalidValue>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct FundingRule {
    /// The share of each project's budget the state grant covers.
    pub state_grant_share: Percent,
    /// The share the implementers pay themselves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_financing_share: Option<Percent>,
    /// Remarks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// Where this record's facts come from.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRef>,
}

impl FundingRule {
    /// A rule of `state_grant_share` and `self_financing_share`.
    pub fn new(state_grant_share: Percent, self_financing_share: Percent) -> Self {
        FundingRule {
            state_grant_share,
            self_financing_share: Some(self_financing_share),
            note: None,
            sources: Vec::new(),
        }
    }
}

/// Work of the programme's own, outside any one project (a national survey
/// run by all the competence centres in spring 2020).
///
/// ```
/// use childwelfare::{Id, ProgrammeActivity, Text};
///
/// let survey = ProgrammeActivity::new(Id::new("survey-2020")?, Text::fi("Valtakunnallinen kysely"));
/// assert!(survey.carried_out_by.is_empty());
/// # Ok::<(), childwelfare::InvalidValue>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ProgrammeActivity {
    /// Identifier, unique within the programme.
    pub id: Id,
    /// What was done.
    pub description: Text,
    /// When.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// Who carried it out, as named ("all the social welfare competence
    /// centres").
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub carried_out_by: Vec<Text>,
    /// Remarks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// Where this record's facts come from.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRef>,
}

impl ProgrammeActivity {
    /// An activity `id` described by `description`; every other field is empty.
    pub fn new(id: Id, description: Text) -> Self {
        ProgrammeActivity { id, description, period: None, carried_out_by: Vec::new(), note: None, sources: Vec::new() }
    }
}
