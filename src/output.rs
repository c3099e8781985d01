//! Outputs (*tuotokset*): operating models, action cards, videos,
//! newsletters, articles and the rest of what a project produced.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::code_list::code_list;
use crate::{
    AlternativeStatement, Count, County, DatedCount, Id, Link, PartialDate, PossibleOverlap, RecordDates,
    ServiceSector, SourceRef, Text,
};

code_list! {
    /// What kind of output.
    pub enum OutputKind ("output kind") {
        /// An operating model (*toimintamalli*).
        OperatingModel = "operating_model" { fi: "toimintamalli", sv: "verksamhetsmodell", en: "operating model" },
        /// Action cards (*toimintakortit*).
        ActionCard = "action_card" { fi: "toimintakortti", sv: "åtgärdskort", en: "action card" },
        /// A video.
        Video = "video" { fi: "video", sv: "video", en: "video" },
        /// A newsletter (*hankekirje*, *uutiskirje*).
        Newsletter = "newsletter" { fi: "uutiskirje", sv: "nyhetsbrev", en: "newsletter" },
        /// A news item.
        NewsItem = "news_item" { fi: "uutinen", sv: "nyhet", en: "news item" },
        /// A blog post.
        BlogPost = "blog_post" { fi: "blogikirjoitus", sv: "blogginlägg", en: "blog post" },
        /// An article in a publication.
        Article = "article" { fi: "artikkeli", sv: "artikel", en: "article" },
        /// A report.
        Report = "report" { fi: "raportti", sv: "rapport", en: "report" },
        /// An information package (*infopaketti*).
        InformationPackage = "information_package" { fi: "infopaketti", sv: "informationspaket", en: "information package" },
        /// A brochure (*esite*).
        Brochure = "brochure" { fi: "esite", sv: "broschyr", en: "brochure" },
        /// Training or coaching material.
        TrainingMaterial = "training_material" { fi: "koulutusmateriaali", sv: "utbildningsmaterial", en: "training material" },
        /// A structure or a proposal for one (*rakenne*, *rakenne-ehdotus*).
        Structure = "structure" { fi: "rakenne", sv: "struktur", en: "structure" },
        /// A plan (a communication plan, a training plan).
        Plan = "plan" { fi: "suunnitelma", sv: "plan", en: "plan" },
        /// A process description (*prosessikuvaus*).
        ProcessDescription = "process_description" { fi: "prosessikuvaus", sv: "processbeskrivning", en: "process description" },
        /// A visual identity.
        VisualIdentity = "visual_identity" { fi: "visuaalinen ilme", sv: "visuell identitet", en: "visual identity" },
        /// A summary.
        Summary = "summary" { fi: "tiivistelmä", sv: "sammanfattning", en: "summary" },
        /// Any other kind.
        Other = "other" { fi: "muu tuotos", sv: "annan produkt", en: "other output" },
    }
}

code_list! {
    /// How far an output got.
    pub enum OutputStatus ("output status") {
        /// Planned, not produced.
        Planned = "planned" { fi: "suunniteltu", sv: "planerad", en: "planned" },
        /// Produced.
        Produced = "produced" { fi: "tuotettu", sv: "producerad", en: "produced" },
        /// Tried out in practice.
        Piloted = "piloted" { fi: "pilotoitu", sv: "pilottestad", en: "piloted" },
        /// Taken into use, for example written into a service description.
        Adopted = "adopted" { fi: "käyttöönotettu", sv: "införd", en: "adopted" },
    }
}

// The enum is defined by `code_list!`, which cannot mark a default variant.
#[allow(clippy::derivable_impls)]
impl Default for OutputStatus {
    fn default() -> Self {
        OutputStatus::Produced
    }
}

impl OutputStatus {
    fn is_produced(&self) -> bool {
        *self == OutputStatus::Produced
    }
}

code_list! {
    /// How an output fared for an award.
    pub enum AwardResult ("award result") {
        /// Nominated (*ehdolla*).
        Nominated = "nominated" { fi: "ehdolla", sv: "nominerad", en: "nominated" },
        /// Among the finalists (*finalisti*).
        Finalist = "finalist" { fi: "finalisti", sv: "finalist", en: "finalist" },
        /// Won (*voitti*).
        Won = "won" { fi: "voittaja", sv: "vinnare", en: "won" },
    }
}

/// An award or a nomination an output received.
///
/// ```
/// use childwelfare::{Award, AwardResult, Text};
///
/// let award: Award = serde_json::from_str(
///     r#"{"name": {"fi": "Vuoden sosiaaliteko"}, "result": "nominated", "date": "2022"}"#,
/// ).unwrap();
/// assert_eq!(award.result, AwardResult::Nominated);
/// assert_eq!(Award::new(Text::fi("Vuoden sosiaaliteko"), AwardResult::Won).result, AwardResult::Won);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Award {
    /// The award or competition.
    pub name: Text,
    /// Who gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub awarded_by: Option<Text>,
    /// When.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    /// How the output fared.
    pub result: AwardResult,
    /// Remarks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// Where this record's facts come from.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRef>,
}

impl Award {
    /// An award `name` with `result`, with no giver, date, note or sources.
    pub fn new(name: Text, result: AwardResult) -> Self {
        Award { name, awarded_by: None, date: None, result, note: None, sources: Vec::new() }
    }
}

/// Where an article or report was published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Publication {
    /// The publication's identifier across projects, where several
    /// projects' outputs appear in it (one working paper holding articles
    /// from all five projects): every record naming it is the same
    /// publication, counted once (since 1.2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Id>,
    /// The publication's title.
    pub title: Text,
    /// Editors, as written ("Yliruka ym. (toim.)").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub editors: Option<String>,
    /// Series and number ("Työpaperi 52/2022").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series: Option<String>,
    /// Publisher.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Place of publication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Year or date of publication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    /// Pages, as written ("162–169").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<String>,
    /// Where the publication is available.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<crate::Url>,
}

impl Publication {
    /// A publication with its required fields `title`; every other field is empty or at its default.
    pub fn new(title: Text) -> Self {
        Publication {
            id: None,
            title,
            editors: None,
            series: None,
            publisher: None,
            place: None,
            date: None,
            pages: None,
            url: None,
        }
    }
}

/// One artefact that belongs to several projects (a teaching video made
/// jointly by two projects): each project's record names the artefact's
/// shared `id` and every project it belongs to, so that counts across
/// projects count it once (since 1.2).
///
/// ```
/// use childwelfare::{Id, SharedOutput};
///
/// let video = SharedOutput::new(Id::new("weekly-meeting-video")?, vec![Id::new("lumo")?, Id::new("tulevaisuuden-lastensuojelu")?]);
/// assert_eq!(video.projects.len(), 2);
/// # Ok::<(), childwelfare::InvalidValue>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct SharedOutput {
    /// The artefact's identifier, the same in every project's record of it.
    pub id: Id,
    /// Every project it belongs to, this one included, by project id.
    pub projects: Vec<Id>,
}

impl SharedOutput {
    /// The artefact `id` of `projects`.
    pub fn new(id: Id, projects: Vec<Id>) -> Self {
        SharedOutput { id, projects }
    }
}

/// An output (*tuotos*): one item, or a number of items of one kind.
///
/// ```
/// use childwelfare::{Count, Output, OutputKind};
///
/// let blogs: Output = serde_json::from_str(r#"{
///     "id": "lumo-out-blogs",
///     "kind": "blog_post",
///     "title": {"fi": "ISOblogit"},
///     "count": {"value": 20}
/// }"#).unwrap();
/// assert_eq!(blogs.kind, OutputKind::BlogPost);
/// assert_eq!(blogs.count, Some(Count::exact(20)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Output {
    /// Identifier.
    pub id: Id,
    /// What kind of output.
    pub kind: OutputKind,
    /// Title as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Text>,
    /// What it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// How many items, where the record stands for several.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<Count>,
    /// How far it got; `produced` when absent.
    #[schemars(extend("default" = "produced"))]
    #[serde(
        default,
        deserialize_with = "crate::value::null_as_default",
        skip_serializing_if = "OutputStatus::is_produced"
    )]
    pub status: OutputStatus,
    /// Authors, as written.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// Where an article or report was published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publication: Option<Publication>,
    /// When it was published or finished.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    /// When it was taken into use (since 1.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adopted_on: Option<PartialDate>,
    /// Awards and nominations it received (since 1.1).
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub awards: Vec<Award>,
    /// How many items the project aimed at, with the date they were due
    /// (since 1.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<DatedCount>,
    /// How many there were before the project (since 1.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<DatedCount>,
    /// Links to the output.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    /// Counties it was made for or in.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub counties: Vec<County>,
    /// Others it was made with (another project, a communications agency).
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub made_with: Vec<Text>,
    /// The implementers that made it, by id (an operating model written by a
    /// co-implementer) (since 1.2).
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub makers: Vec<Id>,
    /// The implementers that funded it, by id, where a registry page names a
    /// funder for it (since 1.2).
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub funders: Vec<Id>,
    /// The service sectors involved in making or using it (basic education,
    /// early childhood education, health care …) (since 1.2).
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub sectors: Vec<ServiceSector>,
    /// Where it is used: sites, municipalities and organisations as the
    /// source names them ("Lapinlahti", "Essote", a day-care centre)
    /// (since 1.2).
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub used_in: Vec<Text>,
    /// The place a registry page gives (*toteutuspaikka*) (since 1.2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<Text>,
    /// Regions as the source names them, which may mix levels (a province
    /// such as Uusimaa beside counties); the counties among them also go in
    /// `counties` (since 1.2).
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<Text>,
    /// When the page describing it (a registry's *toimintamalli* page) was
    /// created and last modified (since 1.2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_dates: Option<RecordDates>,
    /// The artefact it is, where several projects share it; counted once
    /// across projects (since 1.2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shared: Option<SharedOutput>,
    /// Whether the records `part_of` this one make up its whole figure, so
    /// that their sum must equal it (LUMO's 192 + 2 512 + 963 = 3 667). When
    /// `false`, the parts are only some of what the figure counts.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "std::ops::Not::not")]
    pub parts_complete: bool,
    /// The output whose count already includes this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part_of: Option<Id>,
    /// Outputs whose count may or may not include this one.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub possible_overlaps: Vec<PossibleOverlap>,
    /// The work packages it came from.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub work_packages: Vec<Id>,
    /// The objectives it served.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub objectives: Vec<Id>,
    /// The regional part it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regional_part: Option<Id>,
    /// Remarks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// Statements of its facts that other sources give differently (since 1.2).
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<AlternativeStatement>,
    /// Where this record's facts come from.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRef>,
    /// Custom data, kept unchanged on a round trip; a key may not repeat, and
    /// lists and objects nest at most 128 levels deep.
    #[serde(default, deserialize_with = "crate::value::extensions", skip_serializing_if = "BTreeMap::is_empty")]
    pub extensions: BTreeMap<String, serde_json::Value>,
}

impl Output {
    /// An output with its required fields `id`, `kind`; every other field is empty or at its default.
    pub fn new(id: Id, kind: OutputKind) -> Self {
        Output {
            id,
            kind,
            title: None,
            description: None,
            count: None,
            status: Default::default(),
            authors: Vec::new(),
            publication: None,
            date: None,
            adopted_on: None,
            awards: Vec::new(),
            target: None,
            baseline: None,
            links: Vec::new(),
            counties: Vec::new(),
            made_with: Vec::new(),
            makers: Vec::new(),
            funders: Vec::new(),
            sectors: Vec::new(),
            used_in: Vec::new(),
            place: None,
            regions: Vec::new(),
            record_dates: None,
            shared: None,
            parts_complete: false,
            part_of: None,
            possible_overlaps: Vec::new(),
            work_packages: Vec::new(),
            objectives: Vec::new(),
            regional_part: None,
            note: None,
            alternatives: Vec::new(),
            sources: Vec::new(),
            extensions: BTreeMap::new(),
        }
    }
}
