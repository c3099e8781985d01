//! Who took part in an event: participant groups (children and young
//! people, parents, professionals of a sector, experts by experience …),
//! each with a figure where the source gives one (since 1.2).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::code_list::code_list;
use crate::{Count, ServiceSector, SourceRef, Text};

code_list! {
    /// Who a participant group is. The groups a ministry analyst asks about
    /// first: children and young people, parents and families,
    /// professionals, experts by experience, decision makers.
    pub enum ParticipantGroupKind ("participant group kind") {
        /// Children and young people (*lapset ja nuoret*).
        ChildrenAndYoungPeople = "children_and_young_people" { fi: "lapset ja nuoret", sv: "barn och unga", en: "children and young people" },
        /// Parents and families (*vanhemmat ja perheet*).
        ParentsAndFamilies = "parents_and_families" { fi: "vanhemmat ja perheet", sv: "föräldrar och familjer", en: "parents and families" },
        /// Professionals (*ammattilaiset*), of the group's `sector` where stated.
        Professionals = "professionals" { fi: "ammattilaiset", sv: "yrkesverksamma", en: "professionals" },
        /// Managers and supervisors (*esihenkilöt*, *johto*).
        Managers = "managers" { fi: "esihenkilöt ja johto", sv: "chefer och ledning", en: "managers" },
        /// Experts by experience (*kokemusasiantuntijat*).
        ExpertsByExperience = "experts_by_experience" { fi: "kokemusasiantuntijat", sv: "erfarenhetsexperter", en: "experts by experience" },
        /// Elected decision makers (*päättäjät*).
        DecisionMakers = "decision_makers" { fi: "päättäjät", sv: "beslutsfattare", en: "decision makers" },
        /// Students (*opiskelijat*).
        Students = "students" { fi: "opiskelijat", sv: "studerande", en: "students" },
        /// Anyone else; say who in `description`.
        Other = "other" { fi: "muut", sv: "andra", en: "others" },
    }
}

code_list! {
    /// What part a group had in an event.
    pub enum ParticipantRole ("participant role") {
        /// Took part (attended, was trained, worked in the group).
        Participant = "participant" { fi: "osallistuja", sv: "deltagare", en: "participant" },
        /// Led or facilitated it (*ryhmänohjaaja*, *kouluttaja*); not counted
        /// among the event's participants.
        Leader = "leader" { fi: "ohjaaja", sv: "ledare", en: "leader" },
    }
}

// The enum is defined by `code_list!`, which cannot mark a default variant.
#[allow(clippy::derivable_impls)]
impl Default for ParticipantRole {
    fn default() -> Self {
        ParticipantRole::Participant
    }
}

impl ParticipantRole {
    fn is_participant(&self) -> bool {
        *self == ParticipantRole::Participant
    }
}

/// A group of people who took part in an event, with a figure where the
/// source gives one and without one where it only names the group.
///
/// The groups of an event need not cover all its participants; the figures
/// of its participant groups (role `participant`) never add up to more than
/// the event's own figure (rule `participation.groups_exceed_total`).
/// Leaders are not participants: their figures are not compared with the
/// event's.
///
/// ```
/// use childwelfare::{Count, ParticipantGroup, ParticipantGroupKind, ParticipantRole, ServiceSector};
///
/// // "Kehittämistyössä oli mukana lastensuojelun … ammattilaisia": named, no figure.
/// let professionals = ParticipantGroup::new(ParticipantGroupKind::Professionals)
///     .with_sector(ServiceSector::ChildProtection);
/// assert_eq!(professionals.attendances, None);
///
/// let parents: ParticipantGroup = serde_json::from_str(
///     r#"{"kind": "parents_and_families", "distinct_people": {"value": 8}}"#,
/// ).unwrap();
/// assert_eq!(parents.role, ParticipantRole::Participant);
/// assert_eq!(parents.distinct_people, Some(Count::exact(8)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ParticipantGroup {
    /// Who the group is.
    pub kind: ParticipantGroupKind,
    /// The service sector of professionals (child protection, education …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<ServiceSector>,
    /// Whether the group took part or led; `participant` when absent.
    #[schemars(extend("default" = "participant"))]
    #[serde(
        default,
        deserialize_with = "crate::value::null_as_default",
        skip_serializing_if = "ParticipantRole::is_participant"
    )]
    pub role: ParticipantRole,
    /// The group as the source describes it ("sosiaalityöntekijä Porvoon
    /// päihdeklinikalta").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// The group's attendances, where the source gives them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attendances: Option<Count>,
    /// The group's different people, where the source gives them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distinct_people: Option<Count>,
    /// Remarks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// Where this record's facts come from.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRef>,
}

impl ParticipantGroup {
    /// A participant group of `kind`, named without a figure; every other
    /// field is empty or at its default.
    pub fn new(kind: ParticipantGroupKind) -> Self {
        ParticipantGroup {
            kind,
            sector: None,
            role: ParticipantRole::Participant,
            description: None,
            attendances: None,
            distinct_people: None,
            note: None,
            sources: Vec::new(),
        }
    }

    /// The group with its professionals' `sector`.
    pub fn with_sector(mut self, sector: ServiceSector) -> Self {
        self.sector = Some(sector);
        self
    }

    /// The group with `role`.
    pub fn with_role(mut self, role: ParticipantRole) -> Self {
        self.role = role;
        self
    }

    /// The group with its number of different people.
    pub fn with_distinct_people(mut self, count: Count) -> Self {
        self.distinct_people = Some(count);
        self
    }

    /// The group with its attendances.
    pub fn with_attendances(mut self, count: Count) -> Self {
        self.attendances = Some(count);
        self
    }

    /// The key a table groups it by: its kind's code, and its sector's after
    /// a slash (`professionals/child_protection`).
    pub fn key(&self) -> String {
        match self.sector {
            Some(sector) => format!("{}/{}", self.kind.code(), sector.code()),
            None => self.kind.code().to_owned(),
        }
    }
}
