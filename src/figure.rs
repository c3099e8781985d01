//! Arithmetic on reported figures that keeps their exactness.
//!
//! Adding counts follows one table, so that a total is never more exact than
//! its parts:
//!
//! | a + b | exact | approximate | at least | at most |
//! | --- | --- | --- | --- | --- |
//! | **exact** | exact | approximate | at least | at most |
//! | **approximate** | approximate | approximate | approximate | approximate |
//! | **at least** | at least | approximate | at least | approximate |
//! | **at most** | at most | approximate | approximate | at most |
//!
//! Exact is the identity; two bounds of the same side stay that bound;
//! anything else is "about". A sum beyond `u64::MAX` stays at `u64::MAX` as
//! "at least", which is still true.
//!
//! Figures whose parts may overlap (an event's participants may or may not
//! be included in another's, see [`PossibleOverlap`](crate::PossibleOverlap))
//! are not added into a guess: their total is a [`Total`] range from the
//! lowest possible to the highest possible figure.
//!
//! ```
//! use childwelfare::{Count, Total};
//!
//! // LUMO: 3 667 participants in the whole area, and about 1 000 in local events.
//! let sum = Count::exact(3667) + Count::approximate(1000);
//! assert_eq!(sum, Count::approximate(4667));
//! assert_eq!(sum.to_string(), "about 4 667");
//!
//! // About 400 who may be among the 963 already counted: 963 to 1 363.
//! let total = Total::range(Count::exact(963), Count::approximate(1363));
//! assert_eq!(total.to_string(), "963–about 1 363");
//! ```
//!
//! Money adds exactly to the cent: summing [`Euros`] gives an
//! `Option<Euros>`, `None` only when the sum would not fit.
//!
//! ```
//! use childwelfare::Euros;
//!
//! let parts = [Euros::from_cents(12_800_000), Euros::from_cents(3_200_000)];
//! let total: Option<Euros> = parts.iter().sum();
//! assert_eq!(total.map(|t| t.to_string()), Some("160 000 €".to_owned()));
//! let too_much: Option<Euros> = [Euros::from_cents(u64::MAX), Euros::from_cents(1)].into_iter().sum();
//! assert_eq!(too_much, None);
//! ```

use std::fmt;
use std::iter::Sum;
use std::ops::Add;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{Count, Euros, Exactness};

/// The exactness of a sum of two figures (the table in [the module docs](self)).
pub(crate) fn combine(a: Exactness, b: Exactness) -> Exactness {
    use Exactness::{Approximate, AtLeast, AtMost, Exact};
    match (a, b) {
        (Exact, other) | (other, Exact) => other,
        (AtLeast, AtLeast) => AtLeast,
        (AtMost, AtMost) => AtMost,
        _ => Approximate,
    }
}

impl Add for Count {
    type Output = Count;

    /// The sum, as exact as the least exact part (see [the table](crate::figure)).
    fn add(self, other: Count) -> Count {
        match self.value.checked_add(other.value) {
            Some(value) => Count { value, exactness: combine(self.exactness, other.exactness) },
            None => Count::at_least(u64::MAX),
        }
    }
}

impl Count {
    /// What is left of a total once its parts are taken out: the total less
    /// the parts, as exact as both allow. An exact total less exact parts is
    /// exact; a bound less an exact figure stays that bound; a total less
    /// parts that are at least (at most) a figure is at most (at least) what
    /// is left; anything else is "about". Parts larger than the total (which
    /// validation reports) leave about nothing.
    ///
    /// ```
    /// use childwelfare::Count;
    ///
    /// // LUMO's participation theme: 192 people, 21 + 12 of them in webinars.
    /// assert_eq!(Count::exact(192).remainder(Count::exact(33)), Count::exact(159));
    /// assert_eq!(Count::approximate(1000).remainder(Count::exact(400)), Count::approximate(600));
    /// assert_eq!(Count::exact(100).remainder(Count::at_least(30)), Count::at_most(70));
    /// assert_eq!(Count::exact(10).remainder(Count::exact(30)), Count::approximate(0));
    /// ```
    pub fn remainder(self, parts: Count) -> Count {
        use Exactness::{Approximate, AtLeast, AtMost, Exact};
        let Some(value) = self.value.checked_sub(parts.value) else { return Count::approximate(0) };
        let exactness = match (self.exactness, parts.exactness) {
            (total, Exact) => total,
            (Exact | AtLeast, AtMost) => AtLeast,
            (Exact | AtMost, AtLeast) => AtMost,
            _ => Approximate,
        };
        Count { value, exactness }
    }
}

impl Sum for Count {
    /// The sum of the counts; `Count::exact(0)` for none.
    fn sum<I: Iterator<Item = Count>>(iter: I) -> Count {
        iter.fold(Count::exact(0), Add::add)
    }
}

impl<'a> Sum<&'a Count> for Count {
    fn sum<I: Iterator<Item = &'a Count>>(iter: I) -> Count {
        iter.copied().sum()
    }
}

impl Sum<Euros> for Option<Euros> {
    /// The exact sum, or `None` when it would not fit in [`Euros`].
    fn sum<I: Iterator<Item = Euros>>(mut iter: I) -> Option<Euros> {
        iter.try_fold(Euros::from_cents(0), Euros::checked_add)
    }
}

impl<'a> Sum<&'a Euros> for Option<Euros> {
    fn sum<I: Iterator<Item = &'a Euros>>(iter: I) -> Option<Euros> {
        iter.copied().sum()
    }
}

/// A total that may be a range: the lowest and the highest figure the parts
/// allow, when some of them may overlap. Equal ends are a single figure.
///
/// ```
/// use childwelfare::{Count, Total};
///
/// let one = Total::from(Count::exact(192));
/// assert_eq!(one.single(), Some(Count::exact(192)));
/// let both = one + Total::range(Count::exact(0), Count::approximate(400));
/// assert_eq!(both.to_string(), "192–about 592");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Total {
    /// The lowest figure the parts allow.
    pub low: Count,
    /// The highest figure the parts allow.
    pub high: Count,
}

impl Total {
    /// A range from `low` to `high`.
    pub const fn range(low: Count, high: Count) -> Self {
        Total { low, high }
    }

    /// Zero, exactly.
    pub const fn zero() -> Self {
        Total { low: Count::exact(0), high: Count::exact(0) }
    }

    /// The single figure, when the total is not a range.
    pub fn single(&self) -> Option<Count> {
        (self.low == self.high).then_some(self.low)
    }

    /// Whether the total is a range of different figures.
    pub fn is_range(&self) -> bool {
        self.low != self.high
    }
}

impl From<Count> for Total {
    fn from(count: Count) -> Self {
        Total { low: count, high: count }
    }
}

impl Add for Total {
    type Output = Total;

    fn add(self, other: Total) -> Total {
        Total { low: self.low + other.low, high: self.high + other.high }
    }
}

impl Sum for Total {
    fn sum<I: Iterator<Item = Total>>(iter: I) -> Total {
        iter.fold(Total::zero(), Add::add)
    }
}

impl fmt::Display for Total {
    /// One figure (`about 4 667`) or a range (`963–about 1 363`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.single() {
            Some(count) => write!(f, "{count}"),
            None => write!(f, "{}–{}", self.low, self.high),
        }
    }
}

impl crate::Money {
    /// The sum, as exact as the less exact amount; `None` when it would not
    /// fit in [`Euros`].
    ///
    /// ```
    /// use childwelfare::{Euros, Exactness, Money};
    ///
    /// let grant = Money::exact(Euros::from_cents(12_800_000));
    /// let own = Money::approximate(Euros::from_cents(3_200_000));
    /// assert_eq!(grant.checked_add(own).unwrap().to_string(), "about 160 000 €");
    /// ```
    pub fn checked_add(self, other: crate::Money) -> Option<crate::Money> {
        Some(crate::Money {
            euros: self.euros.checked_add(other.euros)?,
            exactness: combine(self.exactness, other.exactness),
        })
    }
}

impl Sum<crate::Money> for Option<crate::Money> {
    /// The sum of the amounts, or `None` when it would not fit.
    fn sum<I: Iterator<Item = crate::Money>>(mut iter: I) -> Option<crate::Money> {
        iter.try_fold(crate::Money::exact(Euros::from_cents(0)), crate::Money::checked_add)
    }
}
