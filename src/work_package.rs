//! Work packages (*työpaketti*): the numbered parts a project's work is split into.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{County, Id, InvalidValue, Language, ServiceSector, SourceRef, Text, Theme};

/// A work package number as the source writes it: Arabic (`"1"`–`"99"`)
/// or Roman (`"I"`–`"XXXIX"`).
///
/// ```
/// use childwelfare::WorkPackageNumber;
///
/// let two: WorkPackageNumber = "II".parse().unwrap();
/// assert_eq!(two.value(), 2);
/// assert!(two.is_roman());
/// assert_eq!(two.to_string(), "II");
/// assert!("IIII".parse::<WorkPackageNumber>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct WorkPackageNumber {
    value: u8,
    roman: bool,
}

/// `value` in Roman numerals, a letter or a pair of them at a time.
fn roman(mut value: u8) -> impl Iterator<Item = &'static str> {
    const NUMERALS: [(u8, &str); 5] = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")];
    let mut at = 0;
    std::iter::from_fn(move || {
        while NUMERALS.get(at).is_some_and(|&(unit, _)| value < unit) {
            at += 1;
        }
        let &(unit, letters) = NUMERALS.get(at)?;
        value -= unit;
        Some(letters)
    })
}

impl WorkPackageNumber {
    /// An Arabic number, 1–99.
    ///
    /// # Errors
    /// [`InvalidValue`] outside 1–99.
    pub fn arabic(value: u8) -> Result<Self, InvalidValue> {
        if (1..=99).contains(&value) {
            Ok(WorkPackageNumber { value, roman: false })
        } else {
            Err(InvalidValue::new("work package number", value, "use 1-99 or I-XXXIX"))
        }
    }

    /// A Roman number, I–XXXIX.
    ///
    /// # Errors
    /// [`InvalidValue`] outside 1–39.
    pub fn roman(value: u8) -> Result<Self, InvalidValue> {
        if (1..=39).contains(&value) {
            Ok(WorkPackageNumber { value, roman: true })
        } else {
            Err(InvalidValue::new("work package number", value, "use 1-99 or I-XXXIX"))
        }
    }

    /// The number's value.
    pub const fn value(self) -> u8 {
        self.value
    }

    /// Whether it is written in Roman numerals.
    pub const fn is_roman(self) -> bool {
        self.roman
    }
}

impl FromStr for WorkPackageNumber {
    type Err = InvalidValue;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let invalid = || InvalidValue::new("work package number", text, "use 1-99 or I-XXXIX, as the source writes it");
        if !text.is_empty() && text.len() <= 2 && text.bytes().all(|b| b.is_ascii_digit()) && !text.starts_with('0') {
            let value: u8 = text.parse().map_err(|_| invalid())?;
            return WorkPackageNumber::arabic(value);
        }
        if text.is_empty() || !text.bytes().all(|b| matches!(b, b'I' | b'V' | b'X')) {
            return Err(invalid());
        }
        (1..=39u8)
            .find(|&value| {
                // The numerals of `value`, in turn, are the whole text.
                let mut rest = text;
                roman(value).all(|letters| rest.strip_prefix(letters).map(|after| rest = after).is_some())
                    && rest.is_empty()
            })
            .map(|value| WorkPackageNumber { value, roman: true })
            .ok_or_else(invalid)
    }
}

impl fmt::Display for WorkPackageNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.roman {
            roman(self.value).try_for_each(|letters| f.write_str(letters))
        } else {
            write!(f, "{}", self.value)
        }
    }
}

impl WorkPackageNumber {
    /// The number as written, appended to `out`: what `to_string` gives,
    /// without the formatting machinery.
    fn push_to(self, out: &mut String) {
        if self.roman {
            roman(self.value).for_each(|letters| out.push_str(letters));
        } else {
            crate::value::push_digits(out, u64::from(self.value));
        }
    }
}

impl Serialize for WorkPackageNumber {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for WorkPackageNumber {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::value::parse_str(deserializer)
    }
}

impl JsonSchema for WorkPackageNumber {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "WorkPackageNumber".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A work package number as written in the source: Arabic 1-99 or Roman I-XXXIX.",
            "type": "string",
            "minLength": 1,
            "pattern": "^([1-9][0-9]?|(X{0,3})(IX|IV|V?I{0,3}))$"
        })
    }
}

/// A work package (*työpaketti*).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct WorkPackage {
    /// Identifier.
    pub id: Id,
    /// The number as written (`"1"`, `"II"`).
    pub number: WorkPackageNumber,
    /// The title.
    pub title: Text,
    /// What the work package was about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// The actions (*toimenpiteet*) carried out.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<Text>,
    /// Themes of the work package.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub themes: Vec<Theme>,
    /// Service sectors involved.
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub sectors: Vec<ServiceSector>,
    /// The counties the work package worked in, where it did not cover the
    /// whole project area (since 1.1).
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub counties: Vec<County>,
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

impl WorkPackage {
    /// The work package as tables name it: its number and its title in
    /// `language` (or the nearest), `2 Training`.
    pub(crate) fn label(&self, language: Language) -> String {
        let title = self.title.best(language);
        let mut label = String::with_capacity(7 + title.len());
        self.number.push_to(&mut label);
        label.push(' ');
        label.push_str(title);
        label
    }

    /// A work package with its required fields `id`, `number`, `title`; every other field is empty or at its default.
    pub fn new(id: Id, number: WorkPackageNumber, title: Text) -> Self {
        WorkPackage {
            id,
            number,
            title,
            description: None,
            actions: Vec::new(),
            themes: Vec::new(),
            sectors: Vec::new(),
            counties: Vec::new(),
            note: None,
            sources: Vec::new(),
            extensions: BTreeMap::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_roman_number_is_written_and_read_back_as_the_plain_rule_writes_it() {
        for value in 1..=39u8 {
            // The plain rule: the largest numeral that fits, again and again.
            let (mut expected, mut left) = (String::new(), value);
            for (unit, letters) in [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")] {
                while left >= unit {
                    expected.push_str(letters);
                    left -= unit;
                }
            }
            let number: WorkPackageNumber = expected.parse().unwrap();
            assert_eq!((number.value, number.roman), (value, true));
            assert_eq!(number.to_string(), expected);
            let mut pushed = String::new();
            number.push_to(&mut pushed);
            assert_eq!(pushed, expected);
        }
        for text in ["IIII", "VV", "IXI", "XL", "IL", "XXXX", "I V"] {
            assert!(text.parse::<WorkPackageNumber>().is_err(), "{text}");
        }
    }

    #[test]
    fn a_work_package_is_labelled_with_its_number_as_written_and_its_title() {
        for text in ["1", "12", "99", "I", "IV", "IX", "XIV", "XXXIX"] {
            let number: WorkPackageNumber = text.parse().unwrap();
            assert_eq!(number.to_string(), text);
            let package = WorkPackage::new(Id::new("wp").unwrap(), number, Text::fi("Koulutus"));
            for language in [Language::Fi, Language::Sv, Language::En] {
                let title = package.title.best(language);
                assert_eq!(package.label(language), format!("{text} {title}"));
            }
        }
    }
}
