//! Assessments: who judged how well the objectives were met, the judgement
//! per objective, and the factors, lessons and recommendations they drew.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::code_list::code_list;
use crate::{Count, Id, Participation, Period, SourceRef, Text};

code_list! {
    /// Who carried out an assessment.
    pub enum AssessmentSource ("assessment source") {
        /// Dialogic evaluation workshops (*dialoginen arviointi*).
        DialogicEvaluation = "dialogic_evaluation" { fi: "dialoginen arviointi", sv: "dialogisk utvärdering", en: "dialogic evaluation" },
        /// The steering group (*ohjausryhmä*).
        SteeringGroup = "steering_group" { fi: "ohjausryhmä", sv: "styrgrupp", en: "steering group" },
        /// The management group (*johtoryhmä*).
        ManagementGroup = "management_group" { fi: "johtoryhmä", sv: "ledningsgrupp", en: "management group" },
        /// The project team (*hanketiimi*).
        ProjectTeam = "project_team" { fi: "hanketiimi", sv: "projektteam", en: "project team" },
        /// A self-assessment survey (*itsearviointikysely*).
        SelfAssessmentSurvey = "self_assessment_survey" { fi: "itsearviointikysely", sv: "självvärderingsenkät", en: "self-assessment survey" },
        /// Experts by experience (*kokemusasiantuntijat*).
        ExpertsByExperience = "experts_by_experience" { fi: "kokemusasiantuntijat", sv: "erfarenhetsexperter", en: "experts by experience" },
        /// Regular monitoring reports (for example monthly reporting).
        MonitoringReport = "monitoring_report" { fi: "seurantaraportointi", sv: "uppföljningsrapportering", en: "monitoring report" },
        /// Feedback from participants or clients.
        ParticipantFeedback = "participant_feedback" { fi: "osallistujapalaute", sv: "deltagarrespons", en: "participant feedback" },
        /// An external evaluator.
        ExternalEvaluation = "external_evaluation" { fi: "ulkoinen arviointi", sv: "extern utvärdering", en: "external evaluation" },
        /// The project's own final report.
        FinalReport = "final_report" { fi: "loppuraportti", sv: "slutrapport", en: "final report" },
    }
}

code_list! {
    /// How well an objective was met.
    pub enum AchievementRating ("achievement rating") {
        /// Achieved.
        Achieved = "achieved" { fi: "saavutettu", sv: "uppnått", en: "achieved" },
        /// Partly achieved.
        PartlyAchieved = "partly_achieved" { fi: "osittain saavutettu", sv: "delvis uppnått", en: "partly achieved" },
        /// Not achieved.
        NotAchieved = "not_achieved" { fi: "ei saavutettu", sv: "inte uppnått", en: "not achieved" },
        /// The objective was revised during the project.
        Revised = "revised" { fi: "muutettu", sv: "reviderat", en: "revised" },
        /// Not yet tried out in practice.
        NotYetTried = "not_yet_tried" { fi: "ei vielä kokeiltu", sv: "ännu inte prövat", en: "not yet tried" },
    }
}

/// A judgement of how well one objective was met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Judgement {
    /// The objective judged.
    pub objective: Id,
    /// The rating.
    pub rating: AchievementRating,
    /// The judgement as the source words it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statement: Option<Text>,
    /// Evidence the source gives.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Text>,
    /// Remarks, for example how the rating was read from the wording.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

impl Judgement {
    /// A judgement with its required fields `objective`, `rating`; every other field is empty or at its default.
    pub fn new(objective: Id, rating: AchievementRating) -> Self {
        Judgement { objective, rating, statement: None, evidence: Vec::new(), note: None }
    }
}

/// An assessment: an evaluation by one body or method.
///
/// ```
/// use childwelfare::{Assessment, AssessmentSource, Count};
///
/// let steering: Assessment = serde_json::from_str(r#"{
///     "id": "lumo-as-steering",
///     "source": "steering_group",
///     "occasions": {"value": 7}
/// }"#).unwrap();
/// assert_eq!(steering.source, AssessmentSource::SteeringGroup);
/// assert_eq!(steering.occasions, Some(Count::exact(7)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Assessment {
    /// Identifier.
    pub id: Id,
    /// Who assessed.
    pub source: AssessmentSource,
    /// How it was done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<Text>,
    /// When.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// How many times (meetings, rounds, surveys).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occasions: Option<Count>,
    /// Who took part.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participation: Option<Participation>,
    /// Who took part, as the source describes them.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<Text>,
    /// The overall conclusion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conclusion: Option<Text>,
    /// Further findings.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<Text>,
    /// A judgement per objective.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub judgements: Vec<Judgement>,
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

impl Assessment {
    /// An assessment with its required fields `id`, `source`; every other field is empty or at its default.
    pub fn new(id: Id, source: AssessmentSource) -> Self {
        Assessment {
            id,
            source,
            method: None,
            period: None,
            occasions: None,
            participation: None,
            participants: Vec::new(),
            conclusion: None,
            findings: Vec::new(),
            judgements: Vec::new(),
            note: None,
            sources: Vec::new(),
            extensions: BTreeMap::new(),
        }
    }
}

code_list! {
    /// A kind of factor that helped or hindered the work.
    pub enum FactorKind ("factor kind") {
        /// The COVID-19 pandemic.
        Covid19 = "covid19" { fi: "koronapandemia", sv: "coronapandemin", en: "COVID-19 pandemic" },
        /// The health and social services reform (*sote-uudistus*).
        HealthAndSocialServicesReform = "health_and_social_services_reform" { fi: "sote-uudistus", sv: "social- och hälsovårdsreformen", en: "health and social services reform" },
        /// The war in Ukraine.
        WarInUkraine = "war_in_ukraine" { fi: "Ukrainan sota", sv: "kriget i Ukraina", en: "war in Ukraine" },
        /// Staff turnover.
        StaffTurnover = "staff_turnover" { fi: "henkilöstön vaihtuvuus", sv: "personalomsättning", en: "staff turnover" },
        /// Fragmented project funding.
        FragmentedFunding = "fragmented_funding" { fi: "pirstaloitunut rahoitus", sv: "splittrad finansiering", en: "fragmented funding" },
        /// Workload and resources of the field.
        Workload = "workload" { fi: "kuormitus ja resurssit", sv: "arbetsbelastning och resurser", en: "workload and resources" },
        /// How the project was planned (vague or unrealistic objectives).
        ProjectDesign = "project_design" { fi: "hankesuunnittelu", sv: "projektplanering", en: "project design" },
        /// Commitment of organisations and their management.
        OrganisationalCommitment = "organisational_commitment" { fi: "organisaatioiden sitoutuminen", sv: "organisationernas engagemang", en: "organisational commitment" },
        /// The project team's expertise.
        TeamExpertise = "team_expertise" { fi: "hanketiimin osaaminen", sv: "projektteamets kompetens", en: "team expertise" },
        /// Contribution of experts by experience.
        ExpertsByExperience = "experts_by_experience" { fi: "kokemusasiantuntijoiden panos", sv: "erfarenhetsexperternas insats", en: "experts by experience" },
        /// Cooperation with other projects, networks and programmes.
        Cooperation = "cooperation" { fi: "yhteistyö", sv: "samarbete", en: "cooperation" },
        /// Communications.
        Communications = "communications" { fi: "viestintä", sv: "kommunikation", en: "communications" },
        /// The project's short duration.
        ShortDuration = "short_duration" { fi: "lyhyt hankeaika", sv: "kort projekttid", en: "short duration" },
        /// Availability and quality of services.
        ServiceAvailability = "service_availability" { fi: "palvelujen saatavuus", sv: "tjänsternas tillgänglighet", en: "service availability" },
        /// Support for the project team's own work.
        TeamSupport = "team_support" { fi: "hanketiimin tuki", sv: "stöd för projektteamet", en: "support for the team" },
        /// Any other factor.
        Other = "other" { fi: "muu tekijä", sv: "annan faktor", en: "other factor" },
    }
}

code_list! {
    /// Whether a factor helped or hindered.
    pub enum FactorEffect ("factor effect") {
        /// It helped.
        Helped = "helped" { fi: "edisti", sv: "främjade", en: "helped" },
        /// It hindered.
        Hindered = "hindered" { fi: "haittasi", sv: "hindrade", en: "hindered" },
        /// Both, or it varied.
        Mixed = "mixed" { fi: "vaihteli", sv: "varierade", en: "mixed" },
    }
}

/// A factor that helped or hindered the work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Factor {
    /// Identifier.
    pub id: Id,
    /// What kind of factor.
    pub kind: FactorKind,
    /// Whether it helped or hindered.
    pub effect: FactorEffect,
    /// The factor as the source describes it.
    pub description: Text,
    /// The assessment that identified it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessment: Option<Id>,
    /// Where this record's facts come from.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRef>,
}

impl Factor {
    /// A factor with its required fields `id`, `kind`, `effect`, `description`; every other field is empty or at its default.
    pub fn new(id: Id, kind: FactorKind, effect: FactorEffect, description: Text) -> Self {
        Factor { id, kind, effect, description, assessment: None, sources: Vec::new() }
    }
}

/// A lesson learned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Lesson {
    /// Identifier.
    pub id: Id,
    /// The lesson as stated.
    pub statement: Text,
    /// The assessment it came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessment: Option<Id>,
    /// The regional part it came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regional_part: Option<Id>,
    /// Where this record's facts come from.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRef>,
}

impl Lesson {
    /// A lesson with its required fields `id`, `statement`; every other field is empty or at its default.
    pub fn new(id: Id, statement: Text) -> Self {
        Lesson { id, statement, assessment: None, regional_part: None, sources: Vec::new() }
    }
}

/// A recommendation for further work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Recommendation {
    /// Identifier.
    pub id: Id,
    /// The recommendation as stated.
    pub statement: Text,
    /// Whom it is addressed to, where the source says (management, legislators).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub addressed_to: Option<Text>,
    /// The assessment it came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessment: Option<Id>,
    /// The regional part it came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regional_part: Option<Id>,
    /// Where this record's facts come from.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRef>,
}

impl Recommendation {
    /// A recommendation with its required fields `id`, `statement`; every other field is empty or at its default.
    pub fn new(id: Id, statement: Text) -> Self {
        Recommendation { id, statement, addressed_to: None, assessment: None, regional_part: None, sources: Vec::new() }
    }
}
