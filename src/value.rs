//! Small validated values shared by the records: the error for a value that
//! does not fit its type, and the macro that defines validated string types.

use std::fmt;

use serde::Deserialize;

/// A value that does not fit its type: an identifier with a space in it, a
/// date that does not exist, a share over 100 %.
///
/// Parsing a document reports this inside a [`ParseError`](crate::ParseError)
/// together with the line, column and JSON path of the value.
///
/// ```
/// use childwelfare::Id;
///
/// let err = "Work package 1".parse::<Id>().unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "invalid identifier `Work package 1`: use 1-64 characters a-z, 0-9, `-`, `_` or `.`, starting and ending with a letter or digit"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid {what} `{value}`: {reason}")]
pub struct InvalidValue {
    what: &'static str,
    value: String,
    reason: String,
}

impl InvalidValue {
    pub(crate) fn new(what: &'static str, value: impl fmt::Display, reason: impl Into<String>) -> Self {
        InvalidValue { what, value: value.to_string(), reason: reason.into() }
    }

    /// What kind of value was expected, for example `identifier` or `date`.
    pub fn what(&self) -> &'static str {
        self.what
    }

    /// The value as given.
    pub fn value(&self) -> &str {
        &self.value
    }

    /// Why the value was rejected.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

/// Defines a string newtype whose constructor checks a rule, with serde and
/// JSON Schema support. The schema is given explicitly so that it states the
/// same rule as the Rust check (a property test keeps the two in step).
macro_rules! validated_string {
    (
        $(#[$meta:meta])*
        pub struct $name:ident;
        what = $what:literal;
        check = $check:path;
        schema = $schema:tt;
    ) => {
        $(#[$meta])*
        //
        // Kept in a `CompactString`: up to 24 bytes in place, so that the
        // many short identifiers of a document cost no allocation each.
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(compact_str::CompactString);

        impl $name {
            /// Checks `value` and wraps it.
            ///
            /// # Errors
            /// Returns [`InvalidValue`](crate::InvalidValue) naming the value and the rule it breaks.
            pub fn new(value: impl Into<String>) -> Result<Self, $crate::InvalidValue> {
                let value = value.into();
                match $check(&value) {
                    Ok(()) => Ok($name(compact_str::CompactString::from(value))),
                    Err(reason) => Err($crate::InvalidValue::new($what, value, reason)),
                }
            }

            /// Checks `value` and copies it, with no `String` in between.
            fn from_text(value: &str) -> Result<Self, $crate::InvalidValue> {
                match $check(value) {
                    Ok(()) => Ok($name(compact_str::CompactString::new(value))),
                    Err(reason) => Err($crate::InvalidValue::new($what, value, reason)),
                }
            }

            /// The value as a string slice.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = $crate::InvalidValue;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                $name::new(value)
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.0.into_string()
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::InvalidValue;
            fn from_str(value: &str) -> Result<Self, Self::Err> {
                $name::from_text(value)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::value::parse_str(deserializer)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0.as_str() == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0.as_str() == *other
            }
        }

        impl PartialEq<$name> for str {
            fn eq(&self, other: &$name) -> bool {
                self == other.0.as_str()
            }
        }

        impl PartialEq<$name> for &str {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0.as_str()
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!($schema)
            }
        }
    };
}

pub(crate) use validated_string;

/// Text for a terminal: every control character (C0, DEL, C1, so also the
/// escape that starts an ANSI sequence) written as a visible escape (`\n`,
/// `\t`, `\r`, `\u{1b}`), the rest as it is.
pub(crate) struct Visible<'a>(pub(crate) &'a str);

impl fmt::Display for Visible<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some(at) = rest.find(char::is_control) {
            f.write_str(&rest[..at])?;
            let control = rest[at..].chars().next().unwrap_or_default();
            match control {
                '\n' => f.write_str("\\n")?,
                '\t' => f.write_str("\\t")?,
                '\r' => f.write_str("\\r")?,
                other => write!(f, "\\u{{{:x}}}", u32::from(other))?,
            }
            rest = &rest[at + control.len_utf8()..];
        }
        f.write_str(rest)
    }
}

/// The Levenshtein distance between two strings, for "did you mean" hints.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    #[cfg(test)]
    CELLS.with(|cells| cells.set(cells.get() + (a.chars().count() * b.len()) as u64));
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
thread_local! {
    /// How many cells [`edit_distance`] has filled on this thread: the work
    /// a "did you mean" costs, for tests that bound it without a clock.
    pub(crate) static CELLS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Deserializes a field that has a default so that `null` means absent, as
/// it does for an optional field: what pydantic and many JSON writers emit
/// for a value they do not have.
pub(crate) fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// As [`null_as_default`] for a `bool` field that is `true` when absent.
pub(crate) fn null_as_yes<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    Ok(Option::<bool>::deserialize(deserializer)?.unwrap_or(true))
}

/// The default of a `bool` field that is `true` when absent.
pub(crate) const fn yes() -> bool {
    true
}

/// Whether a `bool` field that is `true` when absent can be left out.
#[allow(clippy::trivially_copy_pass_by_ref)] // serde's `skip_serializing_if` passes a reference
pub(crate) const fn is_true(value: &bool) -> bool {
    *value
}

/// Writes a whole number with a space every three digits, the one
/// convention for figures in every message and display: `1 152 000`.
pub(crate) fn thousands(n: impl Into<u128>) -> String {
    let mut out = String::new();
    push_thousands(&mut out, n);
    out
}

/// [`thousands`] appended to `out`, without a text of its own: the digits
/// are made in a buffer on the stack (by 64-bit division when the number
/// fits, as nearly every figure does).
pub(crate) fn push_thousands(out: &mut String, n: impl Into<u128>) {
    let mut buffer = [0u8; 39];
    let digits = digits(&mut buffer, n.into());
    out.reserve(digits.len() + digits.len() / 3);
    for (i, &digit) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(' ');
        }
        out.push(char::from(digit));
    }
}

/// The digits of `n` appended to `out`, with no separator: what `{n}`
/// writes, without the formatting machinery.
pub(crate) fn push_digits(out: &mut String, n: u64) {
    let mut buffer = [0u8; 39];
    digits(&mut buffer, u128::from(n)).iter().for_each(|&digit| out.push(char::from(digit)));
}

/// The decimal digits of `n`, made at the end of `buffer` (by 64-bit
/// division when the number fits, as nearly every figure does).
fn digits(buffer: &mut [u8; 39], mut n: u128) -> &[u8] {
    // u128::MAX has 39 digits.
    let mut start = buffer.len();
    while n > u128::from(u64::MAX) {
        start -= 1;
        buffer[start] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    let mut small = n as u64;
    loop {
        start -= 1;
        buffer[start] = b'0' + (small % 10) as u8;
        small /= 10;
        if small == 0 {
            break;
        }
    }
    &buffer[start..]
}

/// The candidate closest to `given`, if it is close enough to be a likely typo.
pub(crate) fn nearest<'a>(given: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (given.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|candidate| (edit_distance(given, candidate), candidate))
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// Reads an `extensions` object, rejecting a key given twice at any depth
/// (serde_json's `Value` keeps the last silently; everywhere else in a
/// document a repeated field is an error). `null` means absent.
pub(crate) fn extensions<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<std::collections::BTreeMap<String, serde_json::Value>, D::Error> {
    match Option::<UniqueKeys>::deserialize(deserializer)? {
        None => Ok(std::collections::BTreeMap::new()),
        Some(UniqueKeys(serde_json::Value::Object(map))) => Ok(map.into_iter().collect()),
        Some(UniqueKeys(other)) => Err(serde::de::Error::custom(format_args!(
            "invalid type: {}, expected an object",
            crate::value::json_type(&other)
        ))),
    }
}

/// A JSON value whose objects have no repeated keys.
struct UniqueKeys(serde_json::Value);

impl<'de> Deserialize<'de> for UniqueKeys {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(UniqueKeysVisitor).map(UniqueKeys)
    }
}

struct UniqueKeysVisitor;

impl<'de> serde::de::Visitor<'de> for UniqueKeysVisitor {
    type Value = serde_json::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Self::Value, E> {
        Ok(value.into())
    }

    fn visit_i64<E>(self, value: i64) -> Result<Self::Value, E> {
        Ok(value.into())
    }

    fn visit_u64<E>(self, value: u64) -> Result<Self::Value, E> {
        Ok(value.into())
    }

    fn visit_f64<E>(self, value: f64) -> Result<Self::Value, E> {
        Ok(serde_json::Number::from_f64(value).map_or(serde_json::Value::Null, serde_json::Value::Number))
    }

    fn visit_str<E>(self, value: &str) -> Result<Self::Value, E> {
        Ok(value.into())
    }

    fn visit_string<E>(self, value: String) -> Result<Self::Value, E> {
        Ok(value.into())
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }

    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        UniqueKeys::deserialize(deserializer).map(|value| value.0)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(UniqueKeys(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(serde_json::Value::Array(items))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut object = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if object.contains_key(&key) {
                return Err(serde::de::Error::custom(format_args!("duplicate key `{key}`")));
            }
            let UniqueKeys(value) = map.next_value()?;
            object.insert(key, value);
        }
        Ok(serde_json::Value::Object(object))
    }
}

/// The JSON type of a value, as serde's messages name it.
pub(crate) fn json_type(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "boolean",
        serde_json::Value::Number(_) => "number",
        serde_json::Value::String(_) => "string",
        serde_json::Value::Array(_) => "sequence",
        serde_json::Value::Object(_) => "map",
    }
}

/// Deserializes a JSON string into a type that parses from text (a date, an
/// amount of euros), handing the parser the text as read, without copying
/// it into a `String` first. Errors read as they would through
/// `String::deserialize` and `str::parse`.
pub(crate) fn parse_str<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: std::str::FromStr,
    T::Err: fmt::Display,
{
    struct Parse<T>(std::marker::PhantomData<T>);

    impl<T: std::str::FromStr> serde::de::Visitor<'_> for Parse<T>
    where
        T::Err: fmt::Display,
    {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }

        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<T, E> {
            text.parse().map_err(E::custom)
        }
    }

    deserializer.deserialize_str(Parse(std::marker::PhantomData))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_become_visible() {
        let shown = Visible("a\u{1b}[31mred\u{7f}\u{85}\n\tb\r\u{0}é").to_string();
        assert_eq!(shown, "a\\u{1b}[31mred\\u{7f}\\u{85}\\n\\tb\\r\\u{0}é");
        assert!(!shown.chars().any(char::is_control));
    }

    #[test]
    fn edit_distance_counts_single_edits() {
        assert_eq!(edit_distance("webinar", "webinar"), 0);
        assert_eq!(edit_distance("webnar", "webinar"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(nearest("trainng", ["training", "webinar"]), Some("training"));
        assert_eq!(nearest("xyz", ["training", "webinar"]), None);
    }

    #[test]
    fn thousands_groups_digits_by_three() {
        assert_eq!(thousands(0u64), "0");
        assert_eq!(thousands(999u64), "999");
        assert_eq!(thousands(1000u64), "1 000");
        assert_eq!(thousands(1_152_000u64), "1 152 000");
        assert_eq!(thousands(u64::MAX), "18 446 744 073 709 551 615");
        assert_eq!(thousands(u128::from(u64::MAX) + 1), "18 446 744 073 709 551 616");
        assert_eq!(thousands(u128::MAX), "340 282 366 920 938 463 463 374 607 431 768 211 455");
        // Appended to what is there, as every width of number formats it.
        let mut out = String::from("x ");
        for n in [0u128, 7, 10, 999, 1000, 12_345, 1_000_000_000_000_000_000_000] {
            push_thousands(&mut out, n);
            out.push('|');
        }
        assert_eq!(out, "x 0|7|10|999|1 000|12 345|1 000 000 000 000 000 000 000|");
    }

    #[test]
    fn digits_are_what_display_writes() {
        let mut out = String::from("x ");
        let mut expected = out.clone();
        let mut n = 1u64;
        for k in 0..70 {
            // Powers of three, one below and one above, and the ends.
            for n in [n.saturating_sub(1), n, n.saturating_add(1), u64::MAX, k] {
                push_digits(&mut out, n);
                out.push('|');
                expected.push_str(&format!("{n}|"));
            }
            n = n.saturating_mul(3);
        }
        assert_eq!(out, expected);
    }

    #[test]
    fn values_read_from_borrowed_escaped_and_wrong_json_say_what_string_parsing_said() {
        use crate::{Euros, Id, PartialDate};
        // Borrowed from the input, and unescaped into a scratch buffer.
        let id: Id = serde_json::from_str(r#""lumo-wp-1""#).unwrap();
        assert_eq!(id, "lumo-wp-1");
        let id: Id = serde_json::from_str(r#""lumo\u002dwp-1""#).unwrap();
        assert_eq!(id, "lumo-wp-1");
        let long = "a".repeat(64);
        let id: Id = serde_json::from_str(&format!("\"{long}\"")).unwrap();
        assert_eq!(id.as_str(), long);
        assert_eq!(String::from(id), long);
        let date: PartialDate = serde_json::from_str(r#""2021\u002d11""#).unwrap();
        assert_eq!(date.to_string(), "2021-11");
        let euros: Euros = serde_json::from_str(r#""1200.50""#).unwrap();
        assert_eq!(euros.to_string(), "1 200.50 €");

        // What does not fit, and what is not a string, read as before.
        let error = serde_json::from_str::<Id>(r#""Lumo""#).unwrap_err().to_string();
        assert!(error.starts_with("invalid identifier `Lumo`: use 1-64 characters"), "{error}");
        let error = serde_json::from_str::<PartialDate>(r#""2022-02-30""#).unwrap_err().to_string();
        assert_eq!(error, format!("{} at line 1 column 12", "2022-02-30".parse::<PartialDate>().unwrap_err()));
        let as_string = |json: &str| serde_json::from_str::<String>(json).unwrap_err().to_string();
        let error = serde_json::from_str::<Id>("5").unwrap_err().to_string();
        assert_eq!(error, "invalid type: integer `5`, expected a string at line 1 column 1");
        assert_eq!(error, as_string("5"));
        let error = serde_json::from_str::<PartialDate>("[]").unwrap_err().to_string();
        assert_eq!(error, as_string("[]"));
    }
}
