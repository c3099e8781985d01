//! Stable identifiers for records that other records refer to.

use crate::value::validated_string;

/// The rule an [`Id`] follows, as a regular expression (also used in the JSON Schema).
pub const ID_PATTERN: &str = "^[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?$";

/// What each byte may be in an id: 2 for a letter or digit (allowed
/// anywhere), 1 for `-`, `_` and `.` (allowed inside), 0 for anything else.
/// One look-up a byte: ids are the most frequent strings of a document.
const ID_BYTES: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = if byte.is_ascii_lowercase() || byte.is_ascii_digit() {
            2
        } else if matches!(byte, b'-' | b'_' | b'.') {
            1
        } else {
            0
        };
        b += 1;
    }
    table
};

fn check_id(value: &str) -> Result<(), &'static str> {
    let bytes = value.as_bytes();
    let ok = (1..=64).contains(&bytes.len())
        && bytes.iter().all(|&b| ID_BYTES[usize::from(b)] != 0)
        && bytes.first().is_some_and(|&b| ID_BYTES[usize::from(b)] == 2)
        && bytes.last().is_some_and(|&b| ID_BYTES[usize::from(b)] == 2);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The rule written out byte by byte, as the pattern says it.
    fn by_the_rule(value: &str) -> bool {
        let bytes = value.as_bytes();
        let inside = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'.');
        let edge = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit();
        (1..=64).contains(&bytes.len())
            && bytes.iter().all(|&b| inside(b))
            && bytes.first().is_some_and(edge)
            && bytes.last().is_some_and(edge)
    }

    #[test]
    fn the_byte_table_follows_the_rule_for_every_character_at_every_place() {
        for c in (0u8..=127).map(char::from).chain(['ä', 'é', '\u{2013}']) {
            for text in [c.to_string(), format!("a{c}"), format!("{c}a"), format!("a{c}a"), format!("{c}{c}")] {
                assert_eq!(check_id(&text).is_ok(), by_the_rule(&text), "{text:?}");
            }
        }
        assert!(check_id(&"a".repeat(64)).is_ok());
        assert!(check_id(&"a".repeat(65)).is_err());
        assert!(check_id("").is_err());
    }
}
