//! Dates as precise as the sources give them, and periods.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::InvalidValue;
use crate::code_list::code_list;

code_list! {
    /// A season, for dates such as "syksyllä 2020" (autumn 2020).
    ///
    /// Seasons follow the meteorological convention: spring is March–May,
    /// summer June–August, autumn September–November and winter December of
    /// the year through February of the next.
    pub enum Season ("season") {
        /// March to May.
        Spring = "spring" { fi: "kevät", sv: "vår", en: "spring" },
        /// June to August.
        Summer = "summer" { fi: "kesä", sv: "sommar", en: "summer" },
        /// September to November.
        Autumn = "autumn" { fi: "syksy", sv: "höst", en: "autumn" },
        /// December to February of the next year.
        Winter = "winter" { fi: "talvi", sv: "vinter", en: "winter" },
    }
}

/// A date known to a year, a season, a month or a day.
///
/// In JSON: `"2021"`, `"2020-autumn"`, `"2021-11"` or `"2022-12-31"`.
///
/// ```
/// use childwelfare::PartialDate;
///
/// let start: PartialDate = "2020-autumn".parse().unwrap();
/// assert_eq!(start.earliest().to_string(), "2020-09-01");
/// assert_eq!(start.latest().to_string(), "2020-11-30");
///
/// // Finnish notation, as met in sources:
/// assert_eq!(PartialDate::from_finnish("1.8.2020").unwrap().to_string(), "2020-08-01");
/// assert!("2022-02-30".parse::<PartialDate>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PartialDate {
    /// A whole year.
    Year(i32),
    /// A season of a year.
    Season(i32, Season),
    /// A month (1–12) of a year.
    Month(i32, u32),
    /// A day.
    Day(NaiveDate),
}

fn parse_year(text: &str) -> Option<i32> {
    (text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit())).then(|| text.parse().ok())?
}

fn parse_two_digits(text: &str) -> Option<u32> {
    (text.len() == 2 && text.bytes().all(|b| b.is_ascii_digit())).then(|| text.parse().ok())?
}

const DATE_RULE: &str = "use YYYY, YYYY-MM, YYYY-MM-DD or YYYY-spring/summer/autumn/winter";

impl PartialDate {
    /// The first day the date can mean.
    pub fn earliest(&self) -> NaiveDate {
        match *self {
            PartialDate::Year(y) => ymd(y, 1, 1),
            PartialDate::Season(y, s) => ymd(y, season_start_month(s), 1),
            PartialDate::Month(y, m) => ymd(y, m, 1),
            PartialDate::Day(d) => d,
        }
    }

    /// The last day the date can mean.
    pub fn latest(&self) -> NaiveDate {
        match *self {
            PartialDate::Year(y) => ymd(y, 12, 31),
            PartialDate::Season(y, Season::Winter) => last_of_month(y + 1, 2),
            PartialDate::Season(y, s) => last_of_month(y, season_start_month(s) + 2),
            PartialDate::Month(y, m) => last_of_month(y, m),
            PartialDate::Day(d) => d,
        }
    }

    /// The year the date starts in (read from the date as it is stated, so
    /// without making its first day).
    pub fn year(&self) -> i32 {
        // A season starts in its own year (winter in its December).
        match *self {
            PartialDate::Year(y) | PartialDate::Season(y, _) | PartialDate::Month(y, _) => y,
            PartialDate::Day(d) => d.year(),
        }
    }

    /// Parses Finnish date notation: `1.8.2020`, `05.09.2022`, `11.2021`
    /// (a month) or `2021` (a year).
    ///
    /// # Errors
    /// [`InvalidValue`] when the text is not such a date or the day does not exist.
    pub fn from_finnish(text: &str) -> Result<Self, InvalidValue> {
        let invalid = |reason: &str| InvalidValue::new("Finnish date", text, reason);
        let parts: Vec<&str> = text.trim().trim_end_matches('.').split('.').collect();
        let number = |part: &str| -> Option<u32> {
            (!part.is_empty() && part.len() <= 2 && part.bytes().all(|b| b.is_ascii_digit()))
                .then(|| part.parse().ok())?
        };
        let rule = "use D.M.YYYY, M.YYYY or YYYY";
        match parts.as_slice() {
            [year] => parse_year(year).map(PartialDate::Year).ok_or_else(|| invalid(rule)),
            [month, year] => {
                let (m, y) = number(month).zip(parse_year(year)).ok_or_else(|| invalid(rule))?;
                if (1..=12).contains(&m) {
                    Ok(PartialDate::Month(y, m))
                } else {
                    Err(invalid("the month must be 1-12"))
                }
            }
            [day, month, year] => {
                let ((d, m), y) = number(day).zip(number(month)).zip(parse_year(year)).ok_or_else(|| invalid(rule))?;
                NaiveDate::from_ymd_opt(y, m, d)
                    .map(PartialDate::Day)
                    .ok_or_else(|| invalid("no such day in the calendar"))
            }
            _ => Err(invalid(rule)),
        }
    }
}

fn season_start_month(season: Season) -> u32 {
    match season {
        Season::Spring => 3,
        Season::Summer => 6,
        Season::Autumn => 9,
        Season::Winter => 12,
    }
}

fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
}

fn last_of_month(year: i32, month: u32) -> NaiveDate {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    ymd(year, month, days)
}

/// The number written in ASCII digits, if every byte is one.
fn digits(bytes: &[u8]) -> Option<u32> {
    bytes.iter().try_fold(0u32, |n, &b| b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0')))
}

/// `YYYY-MM-DD` and `YYYY-MM`, the usual forms, read without splitting;
/// `None` for anything else, which the full parser then reads (and
/// explains, if it is not a date).
fn parse_common(text: &str) -> Option<PartialDate> {
    let b = text.as_bytes();
    if (b.len() != 7 && b.len() != 10) || b[4] != b'-' {
        return None;
    }
    let year = i32::try_from(digits(&b[..4])?).ok()?;
    let month = digits(&b[5..7]).filter(|m| (1..=12).contains(m))?;
    if b.len() == 7 {
        return Some(PartialDate::Month(year, month));
    }
    if b[7] != b'-' {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, digits(&b[8..])?).map(PartialDate::Day)
}

impl FromStr for PartialDate {
    type Err = InvalidValue;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        parse_common(text).map_or_else(|| parse_any(text), Ok)
    }
}

/// Every form of [`PartialDate`], with the reason for a text that is none.
fn parse_any(text: &str) -> Result<PartialDate, InvalidValue> {
    let invalid = |reason: &str| InvalidValue::new("date", text, reason);
    let mut parts = text.splitn(3, '-');
    let year = parts.next().and_then(parse_year).ok_or_else(|| invalid(DATE_RULE))?;
    let Some(second) = parts.next() else {
        return Ok(PartialDate::Year(year));
    };
    // A month is digits; only words are tried as seasons (a failed code
    // lookup computes a suggestion, which costs more than the parse).
    if let Some(Ok(season)) = (!second.bytes().all(|b| b.is_ascii_digit())).then(|| Season::from_code(second)) {
        return match parts.next() {
            None => Ok(PartialDate::Season(year, season)),
            Some(_) => Err(invalid(DATE_RULE)),
        };
    }
    let month = parse_two_digits(second).ok_or_else(|| invalid(DATE_RULE))?;
    if !(1..=12).contains(&month) {
        return Err(invalid("the month must be 01-12"));
    }
    let Some(third) = parts.next() else {
        return Ok(PartialDate::Month(year, month));
    };
    let day = parse_two_digits(third).ok_or_else(|| invalid(DATE_RULE))?;
    NaiveDate::from_ymd_opt(year, month, day)
        .map(PartialDate::Day)
        .ok_or_else(|| invalid("no such day in the calendar"))
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PartialDate::Year(y) => write!(f, "{y:04}"),
            PartialDate::Season(y, s) => write!(f, "{y:04}-{s}"),
            PartialDate::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            // Chrono's `%Y-%m-%d` without parsing the format each time; a
            // year outside 0–9999 takes a sign, which chrono writes.
            PartialDate::Day(d) if (0..=9999).contains(&d.year()) => {
                write!(f, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
            }
            PartialDate::Day(d) => write!(f, "{}", d.format("%Y-%m-%d")),
        }
    }
}

impl From<NaiveDate> for PartialDate {
    fn from(date: NaiveDate) -> Self {
        PartialDate::Day(date)
    }
}

impl Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::value::parse_str(deserializer)
    }
}

/// The pattern of a [`PartialDate`] in the JSON Schema. The schema cannot
/// tell that 2022-02-30 does not exist; the Rust parser does.
pub const PARTIAL_DATE_PATTERN: &str =
    "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?|-(spring|summer|autumn|winter))?$";

impl JsonSchema for PartialDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PartialDate".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A date known to a year (`2021`), a season (`2020-autumn`), a month (`2021-11`) or a day (`2022-12-31`). Seasons: spring = March-May, summer = June-August, autumn = September-November, winter = December-February. A day must exist in the calendar (not 2022-02-30).",
            "type": "string",
            "pattern": PARTIAL_DATE_PATTERN
        })
    }
}

/// A period with an optional start and end, each a [`PartialDate`].
///
/// ```
/// use childwelfare::Period;
///
/// let period: Period = serde_json::from_str(r#"{"start": "2021-11", "end": "2022-04"}"#).unwrap();
/// assert_eq!(period.to_string(), "2021-11 – 2022-04");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// When the period began, as precisely as known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<PartialDate>,
    /// When the period ended, as precisely as known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<PartialDate>,
}

impl Period {
    /// A period from `start` to `end`.
    pub fn new(start: PartialDate, end: PartialDate) -> Self {
        Period { start: Some(start), end: Some(end) }
    }

    /// Whether some day of the period can lie within `other` (open ends are unbounded).
    pub fn may_overlap(&self, other: &Period) -> bool {
        let starts_before_other_ends = match (self.start, other.end) {
            (Some(s), Some(e)) => s.earliest() <= e.latest(),
            _ => true,
        };
        let ends_after_other_starts = match (self.end, other.start) {
            (Some(e), Some(s)) => e.latest() >= s.earliest(),
            _ => true,
        };
        starts_before_other_ends && ends_after_other_starts
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Each end written straight into `f`, without a string of its own.
        let show = |f: &mut fmt::Formatter<'_>, d: Option<PartialDate>| match d {
            Some(d) => fmt::Display::fmt(&d, f),
            None => f.write_str("…"),
        };
        show(f, self.start)?;
        f.write_str(" – ")?;
        show(f, self.end)
    }
}

/// Reads an optional calendar date written exactly `YYYY-MM-DD`, as the
/// JSON Schema's `format: date` requires (chrono alone also takes
/// `2022-1-5`, `+2022-01-01` and leading spaces). `null` means absent.
pub(crate) fn optional_iso_date<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<NaiveDate>, D::Error> {
    let Some(text) = Option::<String>::deserialize(deserializer)? else { return Ok(None) };
    match text.parse::<PartialDate>() {
        Ok(PartialDate::Day(date)) => Ok(Some(date)),
        Ok(_) => Err(serde::de::Error::custom(InvalidValue::new("date", &text, "use a whole date, YYYY-MM-DD"))),
        Err(error) if text.len() == 10 && error.reason() != DATE_RULE => Err(serde::de::Error::custom(error)),
        Err(_) => Err(serde::de::Error::custom(InvalidValue::new("date", &text, "use YYYY-MM-DD"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quick_forms_read_as_the_full_parser_reads_them() {
        let mut texts: Vec<String> = Vec::new();
        for year in ["0000", "1900", "2000", "2021", "2024", "9999", "20x1", "+202"] {
            for month in ["00", "01", "02", "09", "10", "12", "13", "1", "x1", "-1"] {
                texts.push(format!("{year}-{month}"));
                for day in ["00", "01", "28", "29", "30", "31", "32", "1", "x1", "+1"] {
                    texts.push(format!("{year}-{month}-{day}"));
                    texts.push(format!("{year}-{month}/{day}"));
                }
            }
            texts.push(format!("{year}-autumn"));
            texts.push(format!("{year}-autumn-01"));
        }
        let mut quick = 0;
        for text in &texts {
            match parse_common(text) {
                Some(date) => {
                    quick += 1;
                    assert_eq!(parse_any(text), Ok(date), "{text}");
                }
                // Every month and day the full parser reads is a quick form.
                None => assert!(!matches!(parse_any(text), Ok(PartialDate::Month(..) | PartialDate::Day(_))), "{text}"),
            }
            assert_eq!(text.parse::<PartialDate>(), parse_any(text), "{text}");
        }
        assert!(quick > 100, "{quick}");
    }

    #[test]
    fn a_dates_year_is_the_year_of_its_first_day() {
        for year in [0, 1999, 2020, 2024, 9999] {
            let mut dates = vec![PartialDate::Year(year), PartialDate::Day(ymd(year, 12, 31))];
            dates.extend((1..=12).map(|month| PartialDate::Month(year, month)));
            dates.extend(Season::ALL.iter().map(|&season| PartialDate::Season(year, season)));
            for date in dates {
                assert_eq!(date.year(), date.earliest().year(), "{date}");
            }
        }
    }

    #[test]
    fn the_last_day_of_a_month_is_the_day_before_the_first_of_the_next() {
        for year in [1900, 1999, 2000, 2020, 2021, 2022, 2024, 2100, 2400] {
            for month in 1..=12 {
                let next = if month == 12 { ymd(year + 1, 1, 1) } else { ymd(year, month + 1, 1) };
                assert_eq!(last_of_month(year, month), next.pred_opt().unwrap(), "{year}-{month}");
            }
        }
    }

    #[test]
    fn a_day_is_written_as_chrono_writes_it() {
        for (year, month, day) in [(2021, 3, 1), (0, 1, 1), (9999, 12, 31), (10_000, 1, 1), (-1, 6, 15), (5, 2, 3)] {
            let date = NaiveDate::from_ymd_opt(year, month, day).unwrap();
            assert_eq!(PartialDate::Day(date).to_string(), date.format("%Y-%m-%d").to_string());
        }
    }

    #[test]
    fn a_period_writes_its_ends_as_dates_write_themselves() {
        let dates = [
            None,
            Some(PartialDate::Year(2021)),
            Some(PartialDate::Season(2020, Season::Winter)),
            Some(PartialDate::Month(7, 3)),
            Some(PartialDate::Day(ymd(2022, 12, 31))),
            Some(PartialDate::Day(ymd(-1, 6, 15))),
        ];
        for start in dates {
            for end in dates {
                let show = |d: Option<PartialDate>| d.map_or_else(|| "…".to_owned(), |d| d.to_string());
                assert_eq!(Period { start, end }.to_string(), format!("{} – {}", show(start), show(end)));
            }
        }
    }
}
