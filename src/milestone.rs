//! Milestones: the dated key events of a project beyond its planned and
//! actual period (the application, the grant decision, the start of work).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::code_list::code_list;
use crate::{County, PartialDate, SourceRef, Text};

code_list! {
    /// What a milestone marks. The IATI activity dates (planned and actual
    /// start and end) are the project's `period` and `actual_period`; these
    /// are the other dates reports give.
    pub enum MilestoneKind ("milestone kind") {
        /// The funding application was submitted (*hakemus jätetty*).
        Application = "application" { fi: "hakemus jätetty", sv: "ansökan inlämnad", en: "application submitted" },
        /// The funder's grant decision (*avustuspäätös*).
        GrantDecision = "grant_decision" { fi: "avustuspäätös", sv: "beslut om understöd", en: "grant decision" },
        /// The work actually started (*työ käynnistyi*), which may be later than the decided period.
        StartOfWork = "start_of_work" { fi: "työ käynnistyi", sv: "arbetet inleddes", en: "start of work" },
        /// The work actually ended.
        EndOfWork = "end_of_work" { fi: "työ päättyi", sv: "arbetet avslutades", en: "end of work" },
        /// The final report was submitted (*loppuraportti jätetty*).
        FinalReport = "final_report" { fi: "loppuraportti jätetty", sv: "slutrapport inlämnad", en: "final report submitted" },
        /// Any other dated event of the project.
        Other = "other" { fi: "muu", sv: "annan", en: "other" },
    }
}

impl MilestoneKind {
    /// Where the kind stands in the order a project runs through
    /// (application, grant decision, start of work, end of work, final
    /// report), `None` for [`MilestoneKind::Other`].
    ///
    /// ```
    /// use childwelfare::MilestoneKind;
    ///
    /// assert!(MilestoneKind::Application.order() < MilestoneKind::GrantDecision.order());
    /// assert_eq!(MilestoneKind::Other.order(), None);
    /// ```
    pub const fn order(self) -> Option<u8> {
        match self {
            MilestoneKind::Application => Some(0),
            MilestoneKind::GrantDecision => Some(1),
            MilestoneKind::StartOfWork => Some(2),
            MilestoneKind::EndOfWork => Some(3),
            MilestoneKind::FinalReport => Some(4),
            MilestoneKind::Other => None,
        }
    }
}

/// A dated key event of a project ("the grant decision, October 2020").
///
/// ```
/// use childwelfare::{Milestone, MilestoneKind, PartialDate};
///
/// let decision: Milestone = serde_json::from_str(r#"{"kind": "grant_decision", "date": "2020-10"}"#).unwrap();
/// assert_eq!(decision, Milestone::new(MilestoneKind::GrantDecision, "2020-10".parse::<PartialDate>().unwrap()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Milestone {
    /// What the milestone marks.
    pub kind: MilestoneKind,
    /// When, as precisely as the source says.
    pub date: PartialDate,
    /// Whether the source only expected it then ("the decision is expected
    /// during the summer"), without saying it happened (since 1.2).
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "std::ops::Not::not")]
    pub expected: bool,
    /// The counties where it happened, where it concerns only some (work
    /// began in Keski-Suomi in mid-November) (since 1.2).
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub counties: Vec<County>,
    /// What the source says of it, for example what an `other` milestone is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// Where this record's facts come from.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRef>,
}

impl Milestone {
    /// A milestone of `kind` on `date`, with no note or sources.
    ///
    /// ```
    /// use childwelfare::{County, Milestone, MilestoneKind, PartialDate};
    ///
    /// // "Työ käynnistyi Keski-Suomessa marraskuun puolivälissä."
    /// let mut start = Milestone::new(MilestoneKind::StartOfWork, "2020-11".parse::<PartialDate>().unwrap());
    /// start.counties = vec![County::KeskiSuomi];
    /// // "Päätös on odotettavissa kesän aikana."
    /// let mut decision = Milestone::new(MilestoneKind::GrantDecision, "2020-summer".parse::<PartialDate>().unwrap());
    /// decision.expected = true;
    /// assert_eq!(serde_json::to_value(&decision).unwrap()["expected"], true);
    /// ```
    pub fn new(kind: MilestoneKind, date: PartialDate) -> Self {
        Milestone { kind, date, expected: false, counties: Vec::new(), note: None, sources: Vec::new() }
    }
}
