//! Figures, amounts and dates written in the reader's language: "noin 4 667"
//! and "1 500,50 €" in Finnish, "cirka 4 667" in Swedish, "about 4 667" and
//! "1 500.50 €" in English.

use crate::{Count, Exactness, Language, Money, PartialDate, Total};

/// Writes figures in one language.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Local(pub(crate) Language);

impl Local {
    /// A number with a decimal point written as the language writes it
    /// (thousands are already separated by spaces).
    fn decimal(self, text: String) -> String {
        match self.0 {
            Language::En => text,
            _ => text.replace('.', ","),
        }
    }

    fn exactness(self, exactness: Exactness, value: String) -> String {
        match exactness {
            Exactness::Exact => value,
            other => format!("{} {value}", other.label(self.0)),
        }
    }

    /// `about 4 667`.
    pub(crate) fn count(self, count: Count) -> String {
        let mut out = String::new();
        self.push_count(&mut out, count);
        out
    }

    /// [`Local::count`] appended to `out`.
    fn push_count(self, out: &mut String, count: Count) {
        if count.exactness != Exactness::Exact {
            out.push_str(count.exactness.label(self.0));
            out.push(' ');
        }
        crate::value::push_thousands(out, count.value);
    }

    /// One figure or a range, `963–about 1 363`.
    pub(crate) fn total(self, total: Total) -> String {
        match total.single() {
            Some(count) => self.count(count),
            None => {
                let mut out = String::new();
                self.push_count(&mut out, total.low);
                out.push('–');
                self.push_count(&mut out, total.high);
                out
            }
        }
    }

    /// `about 1 500,50 €`.
    pub(crate) fn money(self, money: Money) -> String {
        self.exactness(money.exactness, self.decimal(money.euros.to_string()))
    }

    /// `33,33 %`, or any text with a decimal point.
    pub(crate) fn number(self, text: impl ToString) -> String {
        self.decimal(text.to_string())
    }

    /// A date as written in the language: `syksy 2020`, `9/2020`,
    /// `1.9.2020` in Finnish; `hösten 2020`… ISO days in Swedish and English.
    pub(crate) fn date(self, date: PartialDate) -> String {
        match (date, self.0) {
            (PartialDate::Season(year, season), _) => format!("{} {year}", season.label(self.0)),
            (PartialDate::Month(year, month), Language::Fi) => format!("{month}/{year}"),
            (PartialDate::Day(day), Language::Fi) => {
                use chrono::Datelike as _;
                format!("{}.{}.{}", day.day(), day.month(), day.year())
            }
            (other, _) => other.to_string(),
        }
    }

    /// A period as [`Period`](crate::Period) displays it (`2020-09-01 –
    /// 2022-12-31`, `…` for an open end), its dates in the language.
    pub(crate) fn period_text(self, text: &str) -> String {
        let date = |part: &str| part.parse::<PartialDate>().map_or_else(|_| part.to_owned(), |d| self.date(d));
        match text.split_once(" – ") {
            Some((start, end)) => format!("{} – {}", date(start), date(end)),
            None => text.to_owned(),
        }
    }

    /// An optional figure, `–` when there is none.
    pub(crate) fn or_dash<T>(self, value: Option<T>, show: impl FnOnce(Self, T) -> String) -> String {
        value.map_or_else(|| "–".to_owned(), |v| show(self, v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_in_each_language() {
        let fi = Local(Language::Fi);
        assert_eq!(fi.count(Count::approximate(4667)), "noin 4 667");
        assert_eq!(Local(Language::Sv).count(Count::at_least(50)), "minst 50");
        let range = Total { low: Count::exact(963), high: Count::approximate(1363) };
        assert_eq!(Local(Language::En).total(range), "963–about 1 363");
        let money = Money::approximate("1500.50".parse().unwrap());
        assert_eq!(fi.money(money), "noin 1 500,50 €");
        assert_eq!(Local(Language::En).money(money), "about 1 500.50 €");
        assert_eq!(fi.period_text("2020-autumn – 2022-12-31"), "syksy 2020 – 31.12.2022");
        assert_eq!(fi.period_text("2021-03 – …"), "3/2021 – …");
        assert_eq!(Local(Language::Sv).period_text("2020-autumn – 2022"), "höst 2020 – 2022");
    }
}
