//! The project document: one development project with everything reported
//! about it.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::code_list::code_list;
use crate::{
    AlternativeStatement, Assessment, CollaborativeArea, Contact, County, Event, Factor, Funding, Id, Implementer,
    Language, Lesson, Link, Measure, Milestone, Objective, Output, Period, ProjectRelation, Recommendation,
    RegionalPart, SchemaVersion, ServiceSector, SourceDocument, SourceRef, StaffingEntry, Text, Theme, WorkPackage,
};

code_list! {
    /// Where a project stands.
    pub enum ProjectStatus ("project status") {
        /// Planned, not started.
        Planned = "planned" { fi: "suunniteltu", sv: "planerat", en: "planned" },
        /// Under way.
        Ongoing = "ongoing" { fi: "käynnissä", sv: "pågående", en: "ongoing" },
        /// Ended.
        Ended = "ended" { fi: "päättynyt", sv: "avslutat", en: "ended" },
        /// Cancelled.
        Cancelled = "cancelled" { fi: "keskeytetty", sv: "avbrutet", en: "cancelled" },
        /// The sources do not say (*ei ilmoitettu*), rather than an invented
        /// `ended` (since 1.2).
        NotStated = "not_stated" { fi: "ei ilmoitettu", sv: "inte angivet", en: "not stated" },
    }
}

impl ProjectStatus {
    /// The IATI ActivityStatus code (1 Pipeline, 2 Implementation, 4 Closed,
    /// 5 Cancelled); `None` for [`ProjectStatus::NotStated`], which IATI has
    /// no code for.
    ///
    /// ```
    /// use childwelfare::ProjectStatus;
    ///
    /// assert_eq!(ProjectStatus::Ended.iati_activity_status(), Some(4));
    /// assert_eq!(ProjectStatus::NotStated.iati_activity_status(), None);
    /// ```
    pub const fn iati_activity_status(self) -> Option<u8> {
        match self {
            ProjectStatus::Planned => Some(1),
            ProjectStatus::Ongoing => Some(2),
            ProjectStatus::Ended => Some(4),
            ProjectStatus::Cancelled => Some(5),
            ProjectStatus::NotStated => None,
        }
    }
}

code_list! {
    /// How far a collaboration got (since 1.2).
    pub enum CollaborationStatus ("collaboration status") {
        /// Only planned (*suunniteltu*): the source does not say it happened.
        Planned = "planned" { fi: "suunniteltu", sv: "planerat", en: "planned" },
        /// Under way.
        Ongoing = "ongoing" { fi: "käynnissä", sv: "pågående", en: "ongoing" },
        /// Carried out.
        Realised = "realised" { fi: "toteutunut", sv: "genomfört", en: "realised" },
    }
}

/// The marker `"document_type": "project"` at the top of a project document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
pub enum ProjectDocumentType {
    /// A project document.
    #[default]
    #[serde(rename = "project")]
    Project,
}

/// Where the project worked: the counties and cities, kept explicit.
///
/// A source that says "six counties" without naming them all keeps the
/// stated number beside the names it gives.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct WorkingArea {
    /// The counties (and Helsinki, HUS) the sources name.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub counties: Vec<County>,
    /// How many counties the source says the project worked in, when it
    /// does not name them all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stated_county_count: Option<u32>,
    /// Cities and municipalities named.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub municipalities: Vec<String>,
    /// Remarks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

impl WorkingArea {
    /// A working area with nothing stated; every other field is empty or at its default.
    pub fn new() -> Self {
        WorkingArea { counties: Vec::new(), stated_county_count: None, municipalities: Vec::new(), note: None }
    }
}

/// When the record in the source registry was created and last changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct RecordDates {
    /// Created (*luotu*).
    #[serde(default, deserialize_with = "crate::date::optional_iso_date", skip_serializing_if = "Option::is_none")]
    pub created: Option<NaiveDate>,
    /// Last modified (*viimeksi muokattu*).
    #[serde(default, deserialize_with = "crate::date::optional_iso_date", skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<NaiveDate>,
}

impl RecordDates {
    /// Record dates with nothing stated; every other field is empty or at its default.
    pub fn new() -> Self {
        RecordDates { created: None, last_modified: None }
    }
}

/// Cooperation with another project, programme or network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Collaboration {
    /// The partner as named in the source.
    pub partner: Text,
    /// What was done together.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// Counties where it took place.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub counties: Vec<County>,
    /// How far it got; not stated when absent (since 1.2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<CollaborationStatus>,
    /// Where this record's facts come from.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRef>,
}

impl Collaboration {
    /// A collaboration with its required fields `partner`; every other field is empty or at its default.
    ///
    /// ```
    /// use childwelfare::{Collaboration, CollaborationStatus, Text};
    ///
    /// let mut planned = Collaboration::new(Text::fi("Perhekeskushanke"));
    /// planned.status = Some(CollaborationStatus::Planned);
    /// assert_eq!(serde_json::to_value(&planned).unwrap()["status"], "planned");
    /// ```
    pub fn new(partner: Text) -> Self {
        Collaboration { partner, description: None, counties: Vec::new(), status: None, sources: Vec::new() }
    }
}

/// A development project (*hanke*): the top-level document.
///
/// ```
/// use childwelfare::Project;
///
/// let json = r#"{
///     "document_type": "project",
///     "schema_version": "1.0",
///     "id": "demo",
///     "name": {"fi": "Esimerkkihanke"},
///     "status": "ended"
/// }"#;
/// let project = Project::from_json(json).unwrap();
/// assert_eq!(project.name.to_string(), "Esimerkkihanke");
/// assert!(project.work_packages.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Project {
    /// Always `"project"`.
    pub document_type: ProjectDocumentType,
    /// The version of this format the document follows.
    pub schema_version: SchemaVersion,
    /// Identifier, unique across projects.
    pub id: Id,
    /// The project's name.
    pub name: Text,
    /// Its full official name or registry title, where it differs. A
    /// bilingual name keeps its Finnish and Swedish parts in `fi` and `sv`
    /// ("TOP – Tuki oikeasta paikasta" / "TOP – Stöd från rätt plats").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub official_name: Option<Text>,
    /// An acronym (`LUMO`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acronym: Option<String>,
    /// The programme the project belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub programme: Option<Id>,
    /// A short description (*lyhyt kuvaus*).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_description: Option<Text>,
    /// The purpose (*tarkoitus*).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<Text>,
    /// The starting point and strategic links (*lähtötilanne*).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background: Option<Text>,
    /// Where the project stands.
    pub status: ProjectStatus,
    /// The planned or decided period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// The period the work actually ran, where it differs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual_period: Option<Period>,
    /// Other key dates: the application, the grant decision, the start of
    /// work (since 1.1).
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub milestones: Vec<Milestone>,
    /// The collaborative area.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collaborative_area: Option<CollaborativeArea>,
    /// The counties and cities worked in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working_area: Option<WorkingArea>,
    /// Cross-cutting themes that run through all work packages.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub cross_cutting_themes: Vec<Theme>,
    /// Service sectors involved.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub sectors: Vec<ServiceSector>,
    /// The languages the work was carried out in ("the project was carried
    /// out in two languages") (since 1.2).
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<Language>,
    /// The project's target groups, as its application or registry page
    /// lists them (since 1.2).
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub target_groups: Vec<Text>,
    /// Organisations and their roles.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub implementers: Vec<Implementer>,
    /// Who pays, in what shares.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funding: Option<Funding>,
    /// Staff time.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub staffing: Vec<StaffingEntry>,
    /// Contact persons.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<Contact>,
    /// When the registry record was created and last modified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_dates: Option<RecordDates>,
    /// Work packages.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub work_packages: Vec<WorkPackage>,
    /// Objectives at every level.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub objectives: Vec<Objective>,
    /// Events and their participation.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<Event>,
    /// Outputs.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub outputs: Vec<Output>,
    /// Other counted figures.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub measures: Vec<Measure>,
    /// Assessments and judgements.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub assessments: Vec<Assessment>,
    /// Factors that helped or hindered.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub factors: Vec<Factor>,
    /// Lessons learned.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub lessons: Vec<Lesson>,
    /// Recommendations.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub recommendations: Vec<Recommendation>,
    /// Regional parts.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub regional_parts: Vec<RegionalPart>,
    /// Cooperation with other projects and programmes.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub collaborations: Vec<Collaboration>,
    /// Typed links to other projects by id: sister projects, predecessors,
    /// successors (since 1.2).
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub related_projects: Vec<ProjectRelation>,
    /// Links to the project's pages and materials.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    /// Remarks on the document as a whole (ambiguities in the sources).
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Text>,
    /// Statements of the project's top-level facts that other sources give
    /// differently, with which was kept and why (since 1.2).
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

impl Project {
    /// A project with its required fields `id`, `name`, `status`; every other field is empty or at its default.
    /// The document carries this crate's [`SCHEMA_VERSION`](crate::SCHEMA_VERSION).
    pub fn new(id: Id, name: Text, status: ProjectStatus) -> Self {
        Project {
            document_type: Default::default(),
            schema_version: crate::SCHEMA_VERSION,
            id,
            name,
            official_name: None,
            acronym: None,
            programme: None,
            short_description: None,
            purpose: None,
            background: None,
            status,
            period: None,
            actual_period: None,
            milestones: Vec::new(),
            collaborative_area: None,
            working_area: None,
            cross_cutting_themes: Vec::new(),
            sectors: Vec::new(),
            languages: Vec::new(),
            target_groups: Vec::new(),
            implementers: Vec::new(),
            funding: None,
            staffing: Vec::new(),
            contacts: Vec::new(),
            record_dates: None,
            work_packages: Vec::new(),
            objectives: Vec::new(),
            events: Vec::new(),
            outputs: Vec::new(),
            measures: Vec::new(),
            assessments: Vec::new(),
            factors: Vec::new(),
            lessons: Vec::new(),
            recommendations: Vec::new(),
            regional_parts: Vec::new(),
            collaborations: Vec::new(),
            related_projects: Vec::new(),
            links: Vec::new(),
            notes: Vec::new(),
            alternatives: Vec::new(),
            source_documents: Vec::new(),
            sources: Vec::new(),
            extensions: BTreeMap::new(),
        }
    }
}

impl Project {
    /// Parses a project document from JSON.
    ///
    /// # Errors
    /// A [`ParseError`](crate::ParseError) naming the line, column and JSON
    /// path of the first problem.
    pub fn from_json(json: &str) -> Result<Self, crate::ParseError> {
        crate::json::from_str(json)
    }

    /// Writes the document as pretty-printed JSON with a final newline.
    /// The output is deterministic: the same value always gives the same text.
    pub fn to_json(&self) -> String {
        crate::json::model_to_string(self)
    }

    /// The implementer with `id`.
    pub fn implementer(&self, id: &Id) -> Option<&Implementer> {
        self.implementers.iter().find(|implementer| &implementer.id == id)
    }

    /// The objectives that belong to `work_package`.
    pub fn objectives_of<'a>(&'a self, work_package: &'a Id) -> impl Iterator<Item = &'a Objective> + 'a {
        self.objectives.iter().filter(move |objective| objective.work_packages.contains(work_package))
    }
}
