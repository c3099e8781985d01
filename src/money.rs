//! Money in euros exact to the cent, and percentage shares.

use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{Exactness, InvalidValue};

/// An amount of euros, exact to the cent, never a floating-point number.
///
/// In JSON it is a string with an optional two-digit cent part, so that no
/// reader rounds it: `"5800000"`, `"124999.50"`. It is written back with
/// cents (`"5800000.00"`, see [`Euros::to_plain_string`]).
///
/// For people it displays as every figure in this crate's messages does:
/// digits grouped by three with a space, whole euros without cents, and the
/// euro sign after the amount (`1 152 000 €`, `124 999.50 €`).
///
/// ```
/// use childwelfare::Euros;
///
/// let grant: Euros = "124999.50".parse().unwrap();
/// assert_eq!(grant.cents(), 12_499_950);
/// assert_eq!(grant.to_string(), "124 999.50 €");
/// assert_eq!(grant.to_plain_string(), "124999.50");
/// assert_eq!(Euros::from_cents(115_200_000).to_string(), "1 152 000 €");
/// assert!("124999.5".parse::<Euros>().is_err());
/// assert!("12.345".parse::<Euros>().is_err());
/// assert!("1e6".parse::<Euros>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Euros(u64);

/// The pattern of [`Euros`] in the JSON Schema.
pub const EUROS_PATTERN: &str = "^(0|[1-9][0-9]{0,14})(\\.[0-9]{2})?$";

impl Euros {
    /// An amount from whole cents.
    pub const fn from_cents(cents: u64) -> Self {
        Euros(cents)
    }

    /// The amount in cents.
    pub const fn cents(self) -> u64 {
        self.0
    }

    /// The amount in whole euros, if it has no cents.
    pub const fn whole_euros(self) -> Option<u64> {
        if self.0 % 100 == 0 { Some(self.0 / 100) } else { None }
    }

    /// The sum, or `None` on overflow.
    pub fn checked_add(self, other: Euros) -> Option<Euros> {
        self.0.checked_add(other.0).map(Euros)
    }

    /// The amount as written in JSON: whole euros, a point and two cent
    /// digits, no grouping (`"1152000.00"`).
    pub fn to_plain_string(self) -> String {
        format!("{}.{:02}", self.0 / 100, self.0 % 100)
    }
}

/// Writes an amount of cents, which may exceed the range of [`Euros`] (a
/// sum or a product), in the display convention of [`Euros`].
pub(crate) fn cents_text(cents: u128) -> String {
    let mut text = String::with_capacity(24);
    push_cents_text(&mut text, cents);
    text
}

/// [`cents_text`] appended to `text`: pushed rather than formatted, as a
/// report writes thousands of amounts.
pub(crate) fn push_cents_text(text: &mut String, cents: u128) {
    crate::value::push_thousands(text, cents / 100);
    let rest = cents % 100;
    if rest > 0 {
        text.push('.');
        if rest < 10 {
            text.push('0');
        }
        crate::value::push_digits(text, rest as u64);
    }
    text.push_str(" €");
}

impl FromStr for Euros {
    type Err = InvalidValue;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let invalid = || {
            InvalidValue::new(
                "amount of euros",
                text,
                "write whole euros with an optional two-digit cent part, like \"1500\" or \"1500.50\", without spaces or a leading zero",
            )
        };
        let (whole, cents) = match text.split_once('.') {
            Some((whole, cents)) if cents.len() == 2 && cents.bytes().all(|b| b.is_ascii_digit()) => (whole, cents),
            Some(_) => return Err(invalid()),
            None => (text, "00"),
        };
        let digits_ok = !whole.is_empty()
            && whole.len() <= 15
            && whole.bytes().all(|b| b.is_ascii_digit())
            && (whole == "0" || !whole.starts_with('0'));
        if !digits_ok {
            return Err(invalid());
        }
        let whole: u64 = whole.parse().map_err(|_| invalid())?;
        let cents: u64 = cents.parse().map_err(|_| invalid())?;
        Ok(Euros(whole * 100 + cents))
    }
}

impl fmt::Display for Euros {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&cents_text(u128::from(self.0)))
    }
}

impl Serialize for Euros {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_plain_string())
    }
}

impl<'de> Deserialize<'de> for Euros {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::value::parse_str(deserializer)
    }
}

impl JsonSchema for Euros {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Euros".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "An amount of euros as a string, exact to the cent: whole euros with an optional two-digit cent part, e.g. \"1500\" or \"1500.50\".",
            "type": "string",
            "pattern": EUROS_PATTERN
        })
    }
}

/// An amount of money as reported, with its exactness ("5,8 miljoonaa euroa"
/// is an approximate amount).
///
/// ```
/// use childwelfare::{Euros, Exactness, Money};
///
/// let programme = Money { euros: Euros::from_cents(580_000_000), exactness: Exactness::Approximate };
/// assert_eq!(programme.to_string(), "about 5 800 000 €");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Money {
    /// The amount.
    pub euros: Euros,
    /// How exact the amount is; `exact` when absent.
    #[schemars(extend("default" = "exact"))]
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Exactness::is_exact")]
    pub exactness: Exactness,
}

impl Money {
    /// An exact amount.
    pub const fn exact(euros: Euros) -> Self {
        Money { euros, exactness: Exactness::Exact }
    }

    /// An approximate amount ("about").
    pub const fn approximate(euros: Euros) -> Self {
        Money { euros, exactness: Exactness::Approximate }
    }
}

impl fmt::Display for Money {
    /// The amount as [`Euros`] displays it, after "about", "at least" or
    /// "at most" when it is not exact.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.exactness {
            Exactness::Exact => write!(f, "{}", self.euros),
            Exactness::Approximate => write!(f, "about {}", self.euros),
            Exactness::AtLeast => write!(f, "at least {}", self.euros),
            Exactness::AtMost => write!(f, "at most {}", self.euros),
        }
    }
}

/// A percentage from 0 to 100 with at most two decimals (80, 20, 33.33).
///
/// Stored in hundredths of a percent, so sums are exact. In JSON it is a
/// number.
///
/// ```
/// use childwelfare::Percent;
///
/// let grant = Percent::new(80.0).unwrap();
/// let own = Percent::new(20.0).unwrap();
/// assert_eq!(grant.hundredths() + own.hundredths(), Percent::FULL.hundredths());
/// assert_eq!(grant.to_string(), "80 %");
/// assert_eq!(Percent::new(12.5).unwrap().to_string(), "12.5 %");
/// assert!(Percent::new(100.5).is_err());
/// assert!(Percent::new(33.333).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Percent(u32);

impl Percent {
    /// 100 %.
    pub const FULL: Percent = Percent(10_000);

    /// A share from a number of percent.
    ///
    /// # Errors
    /// [`InvalidValue`] when the number is outside 0–100 or has more than two decimals.
    pub fn new(percent: f64) -> Result<Self, InvalidValue> {
        let invalid = |reason: &str| InvalidValue::new("percentage", percent, reason);
        if !percent.is_finite() || !(0.0..=100.0).contains(&percent) {
            return Err(invalid("a share must be between 0 and 100"));
        }
        let scaled = percent * 100.0;
        let rounded = scaled.round();
        if (scaled - rounded).abs() > 1e-6 {
            return Err(invalid("use at most two decimals"));
        }
        // In range 0..=10_000 by the checks above.
        Ok(Percent(rounded as u32))
    }

    /// A share from hundredths of a percent (8000 is 80 %).
    ///
    /// # Errors
    /// [`InvalidValue`] above 10 000.
    pub fn from_hundredths(hundredths: u32) -> Result<Self, InvalidValue> {
        if hundredths <= 10_000 {
            Ok(Percent(hundredths))
        } else {
            Err(InvalidValue::new("percentage", f64::from(hundredths) / 100.0, "a share must be between 0 and 100"))
        }
    }

    /// The share in hundredths of a percent.
    pub const fn hundredths(self) -> u32 {
        self.0
    }

    /// The share as a number of percent.
    pub fn as_f64(self) -> f64 {
        f64::from(self.0) / 100.0
    }
}

/// Writes thousandths as a decimal number without trailing zeros:
/// 79 500 is `79.5`, 75 025 is `75.025`, 80 000 is `80`.
pub(crate) fn thousandths_text(thousandths: u128) -> String {
    let whole = crate::value::thousands(thousandths / 1000);
    match thousandths % 1000 {
        0 => whole,
        fraction => format!("{whole}.{}", format!("{fraction:03}").trim_end_matches('0')),
    }
}

/// Writes a share given in hundredths of a percent, which may exceed 100 %
/// (a sum), in the display convention of [`Percent`]: `80 %`, `33.3 %`.
pub(crate) fn percent_text(hundredths: u128) -> String {
    format!("{} %", thousandths_text(hundredths * 10))
}

impl Percent {
    /// The number as JSON writes it, without the sign: `80`, `33.33`, `12.5`.
    ///
    /// ```
    /// use childwelfare::Percent;
    ///
    /// assert_eq!(Percent::from_hundredths(3333)?.to_plain_string(), "33.33");
    /// assert_eq!(Percent::from_hundredths(8000)?.to_plain_string(), "80");
    /// # Ok::<(), childwelfare::InvalidValue>(())
    /// ```
    pub fn to_plain_string(self) -> String {
        thousandths_text(u128::from(self.0) * 10)
    }
}

impl fmt::Display for Percent {
    /// `80 %`, `33.33 %`, `12.5 %`: no trailing zeros, a space before the sign.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&percent_text(u128::from(self.0)))
    }
}

impl Serialize for Percent {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.0 % 100 == 0 { serializer.serialize_u32(self.0 / 100) } else { serializer.serialize_f64(self.as_f64()) }
    }
}

impl<'de> Deserialize<'de> for Percent {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let number = f64::deserialize(deserializer)?;
        Percent::new(number).map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for Percent {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Percent".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A percentage from 0 to 100 with at most two decimals.",
            "type": "number",
            "minimum": 0,
            "maximum": 100
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_amount_is_written_in_euros_with_its_cents_as_the_format_wrote_it() {
        for cents in [0u128, 1, 9, 10, 99, 100, 101, 110, 123_456, 100_000_050, u128::from(u64::MAX), u128::MAX] {
            let whole = crate::value::thousands(cents / 100);
            let expected = match cents % 100 {
                0 => format!("{whole} €"),
                rest => format!("{whole}.{rest:02} €"),
            };
            assert_eq!(cents_text(cents), expected);
        }
    }
}
