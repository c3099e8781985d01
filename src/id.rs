//! Stable identifiers for records that other records refer to.

use crate::value::validated_string;

/// The rule an [`Id`] follows, as a regular expression (also used in the JSON Schema).
pub const ID_PATTERN: &str = "^[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?$";

fn check_id(value: &str) -> Result<(), &'static str> {
    let bytes = value.as_bytes();
    let allowed = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'.');
    let edge = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    let ok = (1..=64).contains(&bytes.len())
        && bytes.iter().all(|&b| allowed(b))
        && bytes.first().is_some_and(edge)
        && bytes.last().is_some_and(edge);
    if ok {
        Ok(())
    } else {
        Err("use 1-64 characters a-z, 0-9, `-`, `_` or `.`, starting and ending with a letter or digit")
    }
}

validated_string! {
    /// A stable identifier of a record (`lumo`, `lumo-wp-1`, `socca`): 1–64
    /// characters of lowercase ASCII letters, digits, `-`, `_` and `.`,
    /// starting and ending with a letter or digit.
    ///
    /// Identifiers are how records refer to each other (an objective to its
    /// work packages, a figure to the total it is part of), so they are kept
    /// exactly as written and never generated.
    ///
    /// ```
    /// use childwelfare::Id;
    ///
    /// let id: Id = "lumo-wp-1".parse().unwrap();
    /// assert_eq!(id.as_str(), "lumo-wp-1");
    /// assert!("LUMO".parse::<Id>().is_err());
    /// assert!("-lumo".parse::<Id>().is_err());
    ///
    /// // Compared with and looked up by plain strings:
    /// assert!(id == "lumo-wp-1");
    /// let titles = std::collections::HashMap::from([(id, "Monialaisuus")]);
    /// assert_eq!(titles.get("lumo-wp-1"), Some(&"Monialaisuus"));
    /// ```
    pub struct Id;
    what = "identifier";
    check = check_id;
    schema = {
        "description": "A stable identifier: 1-64 characters a-z, 0-9, `-`, `_` or `.`, starting and ending with a letter or digit.",
        "type": "string",
        "pattern": "^[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?$"
    };
}
