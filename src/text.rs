//! Text in Finnish, Swedish and English.

use serde::{Deserialize, Serialize};

use crate::code_list::code_list;

code_list! {
    /// A language of the texts: Finnish, Swedish or English.
    ///
    /// ```
    /// use childwelfare::Language;
    ///
    /// assert_eq!(Language::Sv.code(), "sv");
    /// assert_eq!(Language::Sv.label(Language::Fi), "ruotsi");
    /// ```
    pub enum Language ("language") {
        /// Finnish (`fi`).
        Fi = "fi" { fi: "suomi", sv: "finska", en: "Finnish" },
        /// Swedish (`sv`).
        Sv = "sv" { fi: "ruotsi", sv: "svenska", en: "Swedish" },
        /// English (`en`).
        En = "en" { fi: "englanti", sv: "engelska", en: "English" },
    }
}

/// A text in one or more of Finnish (`fi`), Swedish (`sv`) and English
/// (`en`); at least one language is always present.
///
/// Sources are quoted in the language they were written in; a translation
/// is added only where a source gives one.
///
/// ```
/// use childwelfare::{Language, Text};
///
/// let name: Text = serde_json::from_str(r#"{"fi": "Työpaketti", "en": "Work package"}"#).unwrap();
/// assert_eq!(name.get(Language::Fi), Some("Työpaketti"));
/// assert_eq!(name.get(Language::Sv), None);
/// assert_eq!(name.best(Language::Sv), "Työpaketti");
///
/// let err = serde_json::from_str::<Text>("{}").unwrap_err();
/// assert!(err.to_string().starts_with("a text needs at least one of `fi`, `sv` or `en`"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "TextFields")]
pub struct Text {
    #[serde(skip_serializing_if = "Option::is_none")]
    fi: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sv: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    en: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TextFields {
    fi: Option<String>,
    sv: Option<String>,
    en: Option<String>,
}

/// The error for a text with no language at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a text needs at least one of `fi`, `sv` or `en`")]
pub struct EmptyText;

impl TryFrom<TextFields> for Text {
    type Error = EmptyText;
    fn try_from(fields: TextFields) -> Result<Self, Self::Error> {
        Text::from_parts(fields.fi, fields.sv, fields.en)
    }
}

impl Text {
    /// A text in Finnish only.
    pub fn fi(text: impl Into<String>) -> Self {
        Text { fi: Some(text.into()), sv: None, en: None }
    }

    /// A text in Swedish only.
    pub fn sv(text: impl Into<String>) -> Self {
        Text { fi: None, sv: Some(text.into()), en: None }
    }

    /// A text in English only.
    pub fn en(text: impl Into<String>) -> Self {
        Text { fi: None, sv: None, en: Some(text.into()) }
    }

    /// A text from optional language versions.
    ///
    /// # Errors
    /// [`EmptyText`] when all three are `None`.
    pub fn from_parts(fi: Option<String>, sv: Option<String>, en: Option<String>) -> Result<Self, EmptyText> {
        if fi.is_none() && sv.is_none() && en.is_none() { Err(EmptyText) } else { Ok(Text { fi, sv, en }) }
    }

    /// Adds or replaces the version in `language`.
    #[must_use]
    pub fn with(mut self, language: Language, text: impl Into<String>) -> Self {
        *self.slot(language) = Some(text.into());
        self
    }

    fn slot(&mut self, language: Language) -> &mut Option<String> {
        match language {
            Language::Fi => &mut self.fi,
            Language::Sv => &mut self.sv,
            Language::En => &mut self.en,
        }
    }

    /// The version in `language`, if there is one.
    pub fn get(&self, language: Language) -> Option<&str> {
        match language {
            Language::Fi => self.fi.as_deref(),
            Language::Sv => self.sv.as_deref(),
            Language::En => self.en.as_deref(),
        }
    }

    /// The version in `language`, else the first present of Finnish, Swedish, English.
    pub fn best(&self, language: Language) -> &str {
        self.get(language).or(self.fi.as_deref()).or(self.sv.as_deref()).or(self.en.as_deref()).unwrap_or_default()
    }

    /// The language versions present, in the order fi, sv, en.
    pub fn iter(&self) -> impl Iterator<Item = (Language, &str)> {
        Language::ALL.iter().filter_map(|&language| self.get(language).map(|text| (language, text)))
    }
}

impl std::fmt::Display for Text {
    /// Writes the Finnish version, else Swedish, else English.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.best(Language::Fi))
    }
}

impl schemars::JsonSchema for Text {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Text".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A text in one or more of Finnish (`fi`), Swedish (`sv`) and English (`en`); at least one language is present and not null.",
            "type": "object",
            "properties": {
                "fi": { "type": "string", "description": "Finnish." },
                "sv": { "type": "string", "description": "Swedish." },
                "en": { "type": "string", "description": "English." }
            },
            "additionalProperties": false,
            "minProperties": 1
        })
    }
}
