//! Counts that are exact, approximate or bounds, and participation figures
//! that keep distinct people apart from attendances.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::code_list::code_list;

code_list! {
    /// How exact a reported figure is.
    pub enum Exactness ("exactness") {
        /// The figure is exact ("192 osallistujaa").
        Exact = "exact" { fi: "tarkka", sv: "exakt", en: "exact" },
        /// The figure is an approximation ("noin 1 000", "about 1 000").
        Approximate = "approximate" { fi: "noin", sv: "cirka", en: "about" },
        /// The true figure is at least this, or more ("yli 50", "over 50").
        AtLeast = "at_least" { fi: "vähintään", sv: "minst", en: "at least" },
        /// The true figure is at most this ("alle 50", "under 50").
        AtMost = "at_most" { fi: "enintään", sv: "högst", en: "at most" },
    }
}

impl Exactness {
    /// Whether this is [`Exactness::Exact`].
    pub fn is_exact(&self) -> bool {
        *self == Exactness::Exact
    }
}

// The enum is defined by `code_list!`, which cannot mark a default variant.
#[allow(clippy::derivable_impls)]
impl Default for Exactness {
    fn default() -> Self {
        Exactness::Exact
    }
}

/// A reported count with its exactness. In JSON, `{"value": 192}` is exact;
/// `{"value": 1000, "exactness": "approximate"}` is "about 1 000".
///
/// ```
/// use childwelfare::{Count, Exactness};
///
/// let about: Count = serde_json::from_str(r#"{"value": 1000, "exactness": "approximate"}"#).unwrap();
/// assert_eq!(about, Count::approximate(1000));
/// assert_eq!(about.to_string(), "about 1 000");
/// assert_eq!(serde_json::to_string(&Count::exact(192)).unwrap(), r#"{"value":192}"#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Count {
    /// The figure as reported: an integer written without a fraction or
    /// exponent (`100`, not `100.0` or `1e2`).
    pub value: u64,
    /// How exact the figure is; `exact` when absent.
    #[schemars(extend("default" = "exact"))]
    #[serde(default, deserialize_with = "crate::value::null_as_default", skip_serializing_if = "Exactness::is_exact")]
    pub exactness: Exactness,
}

impl Count {
    /// An exact count.
    pub const fn exact(value: u64) -> Self {
        Count { value, exactness: Exactness::Exact }
    }

    /// An approximate count ("about").
    pub const fn approximate(value: u64) -> Self {
        Count { value, exactness: Exactness::Approximate }
    }

    /// A lower bound ("over", "at least").
    pub const fn at_least(value: u64) -> Self {
        Count { value, exactness: Exactness::AtLeast }
    }

    /// An upper bound ("under", "at most").
    pub const fn at_most(value: u64) -> Self {
        Count { value, exactness: Exactness::AtMost }
    }
}

impl std::fmt::Display for Count {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let value = crate::value::thousands(self.value);
        match self.exactness {
            Exactness::Exact => write!(f, "{value}"),
            Exactness::Approximate => write!(f, "about {value}"),
            Exactness::AtLeast => write!(f, "at least {value}"),
            Exactness::AtMost => write!(f, "at most {value}"),
        }
    }
}

/// Who an event or set of events reached.
///
/// `attendances` counts every participation (one person at three events
/// counts three times); `distinct_people` counts each person once. Reports
/// that sum participants over several events give attendances; "99 eri
/// osallistujaa" (99 different participants) is a count of distinct people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Participation {
    /// Participations, counting a person once per event attended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attendances: Option<Count>,
    /// Different people, each counted once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distinct_people: Option<Count>,
}

impl Participation {
    /// Participation with the given attendances and distinct people.
    ///
    /// ```
    /// use childwelfare::{Count, Participation};
    ///
    /// let evaluation = Participation::new(None, Some(Count::exact(99)));
    /// assert_eq!(evaluation.distinct_people, Some(Count::exact(99)));
    /// ```
    pub const fn new(attendances: Option<Count>, distinct_people: Option<Count>) -> Self {
        Participation { attendances, distinct_people }
    }
}

/// A target or a baseline beside an actual figure, as results frameworks
/// (logframes, IATI results) state them: the figure, when it applies, and a
/// remark.
///
/// ```
/// use childwelfare::{Count, DatedCount};
///
/// let target: DatedCount = serde_json::from_str(r#"{"value": {"value": 300}, "date": "2022-12"}"#).unwrap();
/// assert_eq!(target.value, Count::exact(300));
/// assert_eq!(DatedCount::new(Count::exact(300)).date, None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct DatedCount {
    /// The figure.
    pub value: Count,
    /// When it applies: the date a target was to be met by, or a baseline
    /// was measured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<crate::PartialDate>,
    /// Remarks, for example why a target was not met.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<crate::Text>,
}

impl DatedCount {
    /// The figure `value`, with no date or note.
    pub fn new(value: Count) -> Self {
        DatedCount { value, date: None, note: None }
    }
}
