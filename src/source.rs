//! Where each fact comes from: source documents, references to their
//! sections, and links.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::code_list::code_list;
use crate::value::validated_string;
use crate::{Id, Language, PartialDate, Text};

fn check_url(value: &str) -> Result<(), &'static str> {
    let rest = value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"))
        .ok_or("a link must start with http:// or https://")?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if host.is_empty() || host.starts_with('.') || host.ends_with('.') || !host.contains('.') && host != "localhost" {
        return Err("a link needs a host name such as innokyla.fi");
    }
    if value.chars().any(|c| c.is_whitespace() || c.is_control() || c == '\u{feff}') {
        return Err("a link cannot contain spaces or control characters");
    }
    Ok(())
}

validated_string! {
    /// An absolute `http` or `https` link with a host and no spaces.
    ///
    /// ```
    /// use childwelfare::Url;
    ///
    /// assert!("https://innokyla.fi/fi/toimintamalli/x".parse::<Url>().is_ok());
    /// assert_eq!(
    ///     "innokyla.fi".parse::<Url>().unwrap_err().to_string(),
    ///     "invalid link `innokyla.fi`: a link must start with http:// or https://"
    /// );
    /// ```
    pub struct Url;
    what = "link";
    check = check_url;
    schema = {
        "description": "An absolute http or https link.",
        "type": "string",
"pattern": "^https?://(localhost|[^\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff/?#.][^\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff/?#]*\\.[^\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff/?#]*[^\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff/?#.])([/?#][^\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]*)?$"
    };
}

code_list! {
    /// What kind of document a source is.
    pub enum SourceKind ("source kind") {
        /// A project page in the Innokylä registry (*kokonaisuus*).
        RegistryPage = "registry_page" { fi: "Innokylän kokonaisuus", sv: "Innokylä-sida", en: "registry page" },
        /// A project's final report (*loppuraportti*).
        FinalReport = "final_report" { fi: "loppuraportti", sv: "slutrapport", en: "final report" },
        /// A presentation slide.
        Slide = "slide" { fi: "esitysdia", sv: "presentationsbild", en: "slide" },
        /// A project plan (*hankesuunnitelma*).
        ProjectPlan = "project_plan" { fi: "hankesuunnitelma", sv: "projektplan", en: "project plan" },
        /// An evaluation report.
        EvaluationReport = "evaluation_report" { fi: "arviointiraportti", sv: "utvärderingsrapport", en: "evaluation report" },
        /// A funder's announcement or decision.
        Announcement = "announcement" { fi: "tiedote", sv: "meddelande", en: "announcement" },
        /// A web page other than a registry page (since 1.1).
        WebPage = "web_page" { fi: "verkkosivu", sv: "webbsida", en: "web page" },
        /// A news item (since 1.1).
        NewsItem = "news_item" { fi: "uutinen", sv: "nyhet", en: "news item" },
        /// A press release (*tiedote*, *lehdistötiedote*) (since 1.1).
        PressRelease = "press_release" { fi: "lehdistötiedote", sv: "pressmeddelande", en: "press release" },
        /// A brief or summary compiled from other sources.
        Brief = "brief" { fi: "tiivistelmä", sv: "sammanfattning", en: "brief" },
        /// Any other kind of document.
        Other = "other" { fi: "muu", sv: "annan", en: "other" },
    }
}

/// A document that facts are taken from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct SourceDocument {
    /// Identifier that [`SourceRef::document`] refers to.
    pub id: Id,
    /// The document's title as written.
    pub title: Text,
    /// What kind of document it is.
    pub kind: SourceKind,
    /// A file name where the document is kept, for example a seed file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// Where the document is published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Url>,
    /// The language the document is written in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
    /// When the document was published or last changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    /// Remarks about the document (for example OCR damage).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

impl SourceDocument {
    /// A source document with its required fields `id`, `title`, `kind`; every other field is empty or at its default.
    pub fn new(id: Id, title: Text, kind: SourceKind) -> Self {
        SourceDocument { id, title, kind, file: None, url: None, language: None, date: None, note: None }
    }
}

/// A reference from a record to the place in a source document it was taken from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct SourceRef {
    /// The [`SourceDocument`] referred to.
    pub document: Id,
    /// The section heading (as written in the source) or another locator;
    /// for a page without headings a quoted phrase, or nothing (optional
    /// since 1.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
}

impl SourceRef {
    /// A source reference with its required fields `document`; every other field is empty or at its default.
    pub fn new(document: Id) -> Self {
        SourceRef { document, section: None }
    }
}

/// A link with an optional title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Link {
    /// Where the link points.
    pub url: Url,
    /// What is behind the link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Text>,
}

impl Link {
    /// A link with its required fields `url`; every other field is empty or at its default.
    pub fn new(url: Url) -> Self {
        Link { url, title: None }
    }
}
