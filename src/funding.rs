//! Funding: who pays, in what shares, and with what amounts.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::code_list::code_list;
use crate::{Id, Money, Percent, SourceRef, Text};

code_list! {
    /// What kind of money a funding part is.
    pub enum FundingKind ("funding kind") {
        /// A state grant (*valtionavustus*).
        StateGrant = "state_grant" { fi: "valtionavustus", sv: "statsunderstöd", en: "state grant" },
        /// The implementers' own share (*omarahoitusosuus*).
        SelfFinancing = "self_financing" { fi: "omarahoitusosuus", sv: "självfinansieringsandel", en: "self-financing share" },
        /// Other money.
        Other = "other" { fi: "muu rahoitus", sv: "annan finansiering", en: "other funding" },
    }
}

code_list! {
    /// Whether a regional part's (or sub-project's) budget is inside its
    /// project's total or comes on top of it, so that money summed over a
    /// project counts each euro once.
    pub enum BudgetRelation ("budget relation") {
        /// The part's budget is a share of the project's total.
        IncludedInProject = "included_in_project" { fi: "sisältyy hankkeen budjettiin", sv: "ingår i projektets budget", en: "included in the project's budget" },
        /// The part's budget comes on top of the project's total.
        AdditionalToProject = "additional_to_project" { fi: "hankkeen budjetin lisäksi", sv: "utöver projektets budget", en: "additional to the project's budget" },
    }
}

/// How a project is funded.
///
/// A breakdown may be partial: sources often give only the state grant
/// ("STM 80 %, 128 000 €") and say the rest is the participants' own money
/// without a figure. `"parts_complete": false` says so; the shares and
/// amounts may then add up to less than the total, never more.
///
/// ```
/// use childwelfare::{Funding, FundingKind};
///
/// let funding: Funding = serde_json::from_str(r#"{
///     "funder": "stm",
///     "parts": [
///         {"kind": "state_grant", "share": 80},
///         {"kind": "self_financing", "share": 20}
///     ]
/// }"#).unwrap();
/// assert_eq!(funding.parts[0].kind, FundingKind::StateGrant);
/// assert_eq!(funding.share_total_hundredths(), Some(10_000));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Funding {
    /// The implementer with the funder role that grants the money.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funder: Option<Id>,
    /// The project's whole budget, where stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<Money>,
    /// The parts of the funding, with shares and amounts where stated.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<FundingPart>,
    /// Whether the parts listed make up the whole budget; `true` when
    /// absent. `false`: the source names only some parts, so their shares
    /// and amounts may add up to less than the total, never more.
    #[schemars(extend("default" = true))]
    #[serde(
        default = "crate::value::yes",
        deserialize_with = "crate::value::null_as_yes",
        skip_serializing_if = "crate::value::is_true"
    )]
    pub parts_complete: bool,
    /// Remarks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// Where this record's facts come from.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRef>,
}

impl Default for Funding {
    /// No funder, total or parts; the (empty) list of parts is complete.
    fn default() -> Self {
        Funding { funder: None, total: None, parts: Vec::new(), parts_complete: true, note: None, sources: Vec::new() }
    }
}

impl Funding {
    /// The sum of the stated shares in hundredths of a percent, or `None`
    /// when no part states a share. The sum saturates at `u64::MAX` rather
    /// than wrap.
    pub fn share_total_hundredths(&self) -> Option<u64> {
        let shares: Vec<u64> =
            self.parts.iter().filter_map(|part| part.share.map(|share| u64::from(share.hundredths()))).collect();
        (!shares.is_empty()).then(|| shares.iter().fold(0, |sum: u64, &share| sum.saturating_add(share)))
    }
}

/// One part of a project's funding ("80 % state grant").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct FundingPart {
    /// What kind of money it is.
    pub kind: FundingKind,
    /// Its share of the total budget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<Percent>,
    /// Its amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Money>,
    /// The implementers who pay it. For a self-financing share that "every
    /// implementer pays for its own part", all of them.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub paid_by: Vec<Id>,
    /// How the part is arranged, as the source says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

impl FundingPart {
    /// A funding part with its required fields `kind`; every other field is empty or at its default.
    pub fn new(kind: FundingKind) -> Self {
        FundingPart { kind, share: None, amount: None, paid_by: Vec::new(), note: None }
    }
}
