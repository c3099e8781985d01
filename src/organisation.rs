//! Implementers: the organisations that run, fund and take part in a
//! project, their roles, staffing and contacts.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::code_list::code_list;
use crate::value::validated_string;
use crate::{County, Id, Percent, Period, SourceRef, Text};

code_list! {
    /// What kind of organisation an implementer is.
    pub enum OrganisationKind ("organisation kind") {
        /// A social welfare competence centre (*sosiaalialan osaamiskeskus*).
        CompetenceCentre = "competence_centre" { fi: "sosiaalialan osaamiskeskus", sv: "kompetenscenter inom det sociala området", en: "social welfare competence centre" },
        /// A joint municipal authority (*kuntayhtymä*).
        JointMunicipalAuthority = "joint_municipal_authority" { fi: "kuntayhtymä", sv: "samkommun", en: "joint municipal authority" },
        /// A city or municipality.
        Municipality = "municipality" { fi: "kunta tai kaupunki", sv: "kommun eller stad", en: "municipality or city" },
        /// A wellbeing services county (*hyvinvointialue*).
        WellbeingServicesCounty = "wellbeing_services_county" { fi: "hyvinvointialue", sv: "välfärdsområde", en: "wellbeing services county" },
        /// A non-governmental organisation (*järjestö*).
        Ngo = "ngo" { fi: "järjestö", sv: "organisation", en: "non-governmental organisation" },
        /// A ministry.
        Ministry = "ministry" { fi: "ministeriö", sv: "ministerium", en: "ministry" },
        /// A hospital district or the joint authority for specialised healthcare.
        HospitalDistrict = "hospital_district" { fi: "sairaanhoitopiiri", sv: "sjukvårdsdistrikt", en: "hospital district" },
        /// A government agency or research institute (such as THL).
        GovernmentAgency = "government_agency" { fi: "valtion virasto tai laitos", sv: "statlig myndighet eller inrättning", en: "government agency" },
        /// A university or other higher-education institution.
        University = "university" { fi: "korkeakoulu", sv: "högskola", en: "university" },
        /// A company.
        Company = "company" { fi: "yritys", sv: "företag", en: "company" },
        /// Any other kind.
        Other = "other" { fi: "muu", sv: "annan", en: "other" },
        /// Not known: the source names no organisation, only a region (since 1.1).
        Unknown = "unknown" { fi: "ei tiedossa", sv: "okänd", en: "unknown" },
    }
}

impl OrganisationKind {
    /// The closest IATI OrganisationType code.
    ///
    /// Competence centres are owned by municipalities or their joint
    /// authorities, so they map to *Other Public Sector* (15).
    pub const fn iati_organisation_type(self) -> IatiOrganisationType {
        use IatiOrganisationType as T;
        match self {
            OrganisationKind::Ministry | OrganisationKind::GovernmentAgency => T::Government,
            OrganisationKind::Municipality
            | OrganisationKind::WellbeingServicesCounty
            | OrganisationKind::JointMunicipalAuthority => T::LocalGovernment,
            OrganisationKind::CompetenceCentre | OrganisationKind::HospitalDistrict => T::OtherPublicSector,
            OrganisationKind::Ngo => T::NationalNgo,
            OrganisationKind::University => T::AcademicTrainingAndResearch,
            OrganisationKind::Company => T::PrivateSector,
            OrganisationKind::Other | OrganisationKind::Unknown => T::Other,
        }
    }
}

/// IATI OrganisationType codes that [`OrganisationKind`] maps to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum IatiOrganisationType {
    /// 10 Government.
    Government,
    /// 11 Local Government.
    LocalGovernment,
    /// 15 Other Public Sector.
    OtherPublicSector,
    /// 22 National NGO.
    NationalNgo,
    /// 70 Private Sector.
    PrivateSector,
    /// 80 Academic, Training and Research.
    AcademicTrainingAndResearch,
    /// 90 Other.
    Other,
}

impl IatiOrganisationType {
    /// The numeric IATI code.
    pub const fn code(self) -> u8 {
        match self {
            IatiOrganisationType::Government => 10,
            IatiOrganisationType::LocalGovernment => 11,
            IatiOrganisationType::OtherPublicSector => 15,
            IatiOrganisationType::NationalNgo => 22,
            IatiOrganisationType::PrivateSector => 70,
            IatiOrganisationType::AcademicTrainingAndResearch => 80,
            IatiOrganisationType::Other => 90,
        }
    }
}

code_list! {
    /// The role an organisation has in a project. An organisation may hold
    /// several (administrator *and* coordinator).
    ///
    /// ```
    /// use childwelfare::{ImplementerRole, IatiOrganisationRole};
    ///
    /// assert_eq!(ImplementerRole::Administrator.iati_role(), IatiOrganisationRole::Accountable);
    /// assert_eq!(ImplementerRole::Funder.iati_role().code(), 1);
    /// ```
    pub enum ImplementerRole ("implementer role") {
        /// Administers the grant and answers for the project (*hallinnoija*).
        Administrator = "administrator" { fi: "hallinnoija", sv: "förvaltare", en: "administrator" },
        /// Coordinates the development work (*koordinoija*).
        Coordinator = "coordinator" { fi: "koordinoija", sv: "koordinator", en: "coordinator" },
        /// Carries out part of the project with its own share (*osatoteuttaja*).
        CoImplementer = "co_implementer" { fi: "osatoteuttaja", sv: "delgenomförare", en: "co-implementer" },
        /// Takes part without being an implementer (*yhteistyökumppani*).
        Partner = "partner" { fi: "yhteistyökumppani", sv: "samarbetspartner", en: "partner" },
        /// Funds the project (*rahoittaja*).
        Funder = "funder" { fi: "rahoittaja", sv: "finansiär", en: "funder" },
        /// Takes part only through its own money or work in kind, without
        /// carrying out a part of its own (a municipality that pays its
        /// self-financing share, an organisation lending staff); what it gives
        /// is in `contributions` (since 1.1).
        Contributor = "contributor" { fi: "osallistuja omalla panoksella", sv: "bidragsgivare", en: "contributor" },
        /// Has committed to the project (all municipalities of an area
        /// "sitoutuneet" to it) without the source stating money or work of
        /// its own (since 1.2).
        Committed = "committed" { fi: "sitoutunut", sv: "förbunden", en: "committed" },
    }
}

impl ImplementerRole {
    /// The IATI OrganisationRole this role corresponds to.
    ///
    /// The administrator answers to the funder for the grant (2 Accountable);
    /// a coordinator directs the work on the administrator's behalf
    /// (3 Extending); co-implementers and partners carry it out
    /// (4 Implementing). A contributor gives its own money or work in kind,
    /// which IATI counts as funding (1 Funding). A committed organisation
    /// takes part in carrying the work (4 Implementing) without a stated
    /// contribution.
    pub const fn iati_role(self) -> IatiOrganisationRole {
        match self {
            ImplementerRole::Funder | ImplementerRole::Contributor => IatiOrganisationRole::Funding,
            ImplementerRole::Administrator => IatiOrganisationRole::Accountable,
            ImplementerRole::Coordinator => IatiOrganisationRole::Extending,
            ImplementerRole::CoImplementer | ImplementerRole::Partner | ImplementerRole::Committed => {
                IatiOrganisationRole::Implementing
            }
        }
    }
}

/// IATI OrganisationRole codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum IatiOrganisationRole {
    /// 1 Funding.
    Funding,
    /// 2 Accountable.
    Accountable,
    /// 3 Extending.
    Extending,
    /// 4 Implementing.
    Implementing,
}

impl IatiOrganisationRole {
    /// The numeric IATI code.
    pub const fn code(self) -> u8 {
        match self {
            IatiOrganisationRole::Funding => 1,
            IatiOrganisationRole::Accountable => 2,
            IatiOrganisationRole::Extending => 3,
            IatiOrganisationRole::Implementing => 4,
        }
    }
}

code_list! {
    /// What an organisation contributes to a project.
    pub enum Contribution ("contribution") {
        /// Money: a grant or a self-financing share.
        Funding = "funding" { fi: "rahoitus", sv: "finansiering", en: "funding" },
        /// Work input: staff time.
        WorkInput = "work_input" { fi: "työpanos", sv: "arbetsinsats", en: "work input" },
        /// Premises, materials or other contributions in kind.
        InKind = "in_kind" { fi: "muu panos", sv: "naturaprestation", en: "in kind" },
    }
}

fn check_business_id(value: &str) -> Result<(), &'static str> {
    let shape = "a Finnish business ID has seven digits, a hyphen and a check digit, like 0245437-2";
    let (digits, check) = value.split_once('-').ok_or(shape)?;
    if digits.len() != 7 || check.len() != 1 || !digits.bytes().chain(check.bytes()).all(|b| b.is_ascii_digit()) {
        return Err(shape);
    }
    let weights = [7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = digits.bytes().zip(weights).map(|(b, w)| u32::from(b - b'0') * w).sum();
    let expected = match sum % 11 {
        0 => 0,
        1 => return Err("no business ID can have these seven digits (remainder 1)"),
        r => 11 - r,
    };
    if u32::from(check.as_bytes()[0] - b'0') == expected { Ok(()) } else { Err("the check digit does not match") }
}

validated_string! {
    /// A Finnish business ID (*Y-tunnus*), checked with its check digit.
    ///
    /// ```
    /// use childwelfare::BusinessId;
    ///
    /// assert!("0245437-2".parse::<BusinessId>().is_ok());
    /// assert_eq!(
    ///     "0245437-3".parse::<BusinessId>().unwrap_err().to_string(),
    ///     "invalid business ID `0245437-3`: the check digit does not match"
    /// );
    /// ```
    pub struct BusinessId;
    what = "business ID";
    check = check_business_id;
    schema = {
        "description": "A Finnish business ID (Y-tunnus): seven digits, a hyphen and a check digit, which must be correct.",
        "type": "string",
        "pattern": "^[0-9]{7}-[0-9]$"
    };
}

fn check_email(value: &str) -> Result<(), &'static str> {
    let rule = "an e-mail address looks like name@example.fi";
    let (local, domain) = value.split_once('@').ok_or(rule)?;
    // The same rule as the schema's pattern: dot-separated atoms, labels of
    // 1-63 letters, digits and inner hyphens.
    let local_ok = !local.is_empty()
        && local.chars().all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c))
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..");
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        });
    if local_ok && domain_ok { Ok(()) } else { Err(rule) }
}

validated_string! {
    /// An e-mail address (`name@example.fi`).
    ///
    /// ```
    /// use childwelfare::Email;
    ///
    /// assert!("jaana.leppakorpi@hus.fi".parse::<Email>().is_ok());
    /// assert!("jaana.leppakorpi(at)hus.fi".parse::<Email>().is_err());
    /// ```
    pub struct Email;
    what = "e-mail address";
    check = check_email;
    schema = {
        "description": "An e-mail address.",
        "type": "string",
        "pattern": "^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"
    };
}

/// An organisation taking part in a project, with its roles.
///
/// The same organisation keeps the same `id` in every document, so that
/// documents can be compared and combined.
///
/// A source may name only a region ("Lapland") without the organisation:
/// leave `name` out, give the region in `counties` and the kind `unknown`.
/// Such an implementer is shown as unnamed ([`Implementer::display_name`]),
/// never as the county itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Implementer {
    /// Identifier, the same for the organisation in every document.
    pub id: Id,
    /// The organisation's name as the source gives it; absent when the
    /// source names only a region (since 1.1; required in 1.0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Text>,
    /// A short name or acronym (`Socca`, `ISO`, `Siun sote`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_name: Option<String>,
    /// Other names the sources use for the same organisation.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub other_names: Vec<Text>,
    /// What kind of organisation it is.
    pub kind: OrganisationKind,
    /// Its roles in this project; several are allowed.
    pub roles: Vec<ImplementerRole>,
    /// What it contributes, where the source says.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub contributions: Vec<Contribution>,
    /// Its Finnish business ID, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub business_id: Option<BusinessId>,
    /// The implementer it is part of (a competence centre run inside a
    /// joint municipal authority) (since 1.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<Id>,
    /// The counties it works for in this project.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub counties: Vec<County>,
    /// Remarks, for example on an ambiguity in the source.
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

impl Implementer {
    /// A named implementer with its required fields `id`, `name`, `kind`; every other field is empty or at its default.
    /// Add its roles to `roles`; for an organisation the source names only by
    /// its region, see [`Implementer::unnamed`].
    pub fn new(id: Id, name: Text, kind: OrganisationKind) -> Self {
        Implementer {
            id,
            name: Some(name),
            short_name: None,
            other_names: Vec::new(),
            kind,
            roles: Vec::new(),
            contributions: Vec::new(),
            business_id: None,
            parent: None,
            counties: Vec::new(),
            note: None,
            sources: Vec::new(),
            extensions: BTreeMap::new(),
        }
    }
}

impl Implementer {
    /// An implementer the source knows only by its region ("Lapland",
    /// organisation not given): no name, kind `unknown`, and the counties
    /// it is known by.
    ///
    /// ```
    /// use childwelfare::{County, Id, Implementer, ImplementerRole, Language};
    ///
    /// let lapland = Implementer::unnamed(Id::new("lapland")?, vec![County::Lappi])
    ///     .with_role(ImplementerRole::CoImplementer);
    /// assert_eq!(lapland.display_name(Language::En), "unnamed organisation (Lapland)");
    /// # Ok::<(), childwelfare::InvalidValue>(())
    /// ```
    pub fn unnamed(id: Id, counties: Vec<County>) -> Self {
        let mut implementer = Implementer::new(id, Text::en("unnamed"), OrganisationKind::Unknown);
        implementer.name = None;
        implementer.counties = counties;
        implementer
    }

    /// The implementer with `role` added to its roles.
    pub fn with_role(mut self, role: ImplementerRole) -> Self {
        self.roles.push(role);
        self
    }

    /// The name to show: the organisation's name in `language` (or the
    /// nearest language given), or for an unnamed one "unnamed organisation"
    /// with its counties.
    ///
    /// ```
    /// use childwelfare::{Implementer, Language};
    ///
    /// let lapland: Implementer = serde_json::from_str(
    ///     r#"{"id": "lapland", "kind": "unknown", "roles": ["co_implementer"], "counties": ["lappi"]}"#,
    /// ).unwrap();
    /// assert_eq!(lapland.display_name(Language::En), "unnamed organisation (Lapland)");
    /// assert_eq!(lapland.display_name(Language::Fi), "nimeämätön organisaatio (Lappi)");
    /// ```
    pub fn display_name(&self, language: crate::Language) -> String {
        self.name_in(language).into_owned()
    }

    /// [`Implementer::display_name`], borrowed where the implementer is named.
    pub(crate) fn name_in(&self, language: crate::Language) -> std::borrow::Cow<'_, str> {
        if let Some(name) = &self.name {
            return std::borrow::Cow::Borrowed(name.best(language));
        }
        let unnamed = match language {
            crate::Language::Fi => "nimeämätön organisaatio",
            crate::Language::Sv => "icke namngiven organisation",
            crate::Language::En => "unnamed organisation",
        };
        if self.counties.is_empty() {
            return std::borrow::Cow::Borrowed(unnamed);
        }
        let counties: Vec<&str> = self.counties.iter().map(|county| county.label(language)).collect();
        std::borrow::Cow::Owned(format!("{unnamed} ({})", counties.join(", ")))
    }

    /// Whether the implementer has `role`.
    pub fn has_role(&self, role: ImplementerRole) -> bool {
        self.roles.contains(&role)
    }
}

/// Staff time put into the project: a post or a number of posts at a share
/// of full time, possibly for one period ("+50 % in 2022"), or a named
/// person in a post whose share the source does not give.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct StaffingEntry {
    /// The employing implementer, where the source names it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub implementer: Option<Id>,
    /// The post or task (*hankekoordinaattori*, *lastensuojelun kehittäjä*).
    pub role: Text,
    /// The person in the post, where the source names one (since 1.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
    /// How many such posts, where the source gives a number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub posts: Option<u32>,
    /// Where the source gives no number, how the posts are counted ("one in each region").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub posts_description: Option<Text>,
    /// The share of full time of each post (100 for full-time), where the
    /// source gives one (optional since 1.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share_of_full_time: Option<Percent>,
    /// Whether this is extra staffing on top of the planned resources.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "std::ops::Not::not")]
    pub additional: bool,
    /// When the staffing applies, if not the whole project.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// Remarks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// Where this record's facts come from.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRef>,
}

impl StaffingEntry {
    /// A staffing entry with its required fields `role`; every other field is empty or at its default.
    pub fn new(role: Text) -> Self {
        StaffingEntry {
            implementer: None,
            role,
            person: None,
            posts: None,
            posts_description: None,
            share_of_full_time: None,
            additional: false,
            period: None,
            note: None,
            sources: Vec::new(),
        }
    }
}

/// A contact person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Contact {
    /// The person's name.
    pub name: String,
    /// The person's title (*projektipäällikkö*).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Text>,
    /// The implementer the person works for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<Id>,
    /// The organisation's name as the source writes it for the contact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation_name: Option<Text>,
    /// E-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<Email>,
    /// When the person was the contact, where the source says (since 1.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// Where this record's facts come from.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRef>,
}

impl Contact {
    /// A contact with its required fields `name`; every other field is empty or at its default.
    pub fn new(name: impl Into<String>) -> Self {
        Contact {
            name: name.into(),
            title: None,
            organisation: None,
            organisation_name: None,
            email: None,
            period: None,
            sources: Vec::new(),
        }
    }
}
