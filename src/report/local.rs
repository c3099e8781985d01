//! Figures, amounts and dates written in the reader's language: "noin 4 667"
//! and "1 500,50 €" in Finnish, "cirka 4 667" in Swedish, "about 4 667" and
//! "1 500.50 €" in English.

use crate::{Count, Exactness, Language, Money, PartialDate, Total};

/// The text `write` appends to an empty one: a cell's text of its own,
/// from what is otherwise written straight into a table.
pub(crate) fn written(write: impl FnOnce(&mut String)) -> String {
    let mut out = String::new();
    write(&mut out);
    out
}

/// Writes figures in one language.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Local(pub(crate) Language);

impl Local {
    /// The decimal points written since `start` of `out` as the language
    /// writes them (thousands are already separated by spaces).
    fn decimal_from(self, out: &mut String, start: usize) {
        if self.0 != Language::En {
            // One byte for another: the text stays whole.
            while let Some(at) = out[start..].find('.') {
                out.replace_range(start + at..start + at + 1, ",");
            }
        }
    }

    /// `about 4 667`.
    pub(crate) fn count(self, count: Count) -> String {
        written(|out| self.push_count(out, count))
    }

    /// A figure's exactness and a space (`about `), or nothing for an exact one.
    fn push_exactness(self, out: &mut String, exactness: Exactness) {
        if exactness != Exactness::Exact {
            out.push_str(exactness.label(self.0));
            out.push(' ');
        }
    }

    /// [`Local::count`] appended to `out`.
    pub(crate) fn push_count(self, out: &mut String, count: Count) {
        self.push_exactness(out, count.exactness);
        crate::value::push_thousands(out, count.value);
    }

    /// One figure or a range, `963–about 1 363`.
    pub(crate) fn total(self, total: Total) -> String {
        written(|out| self.push_total(out, total))
    }

    /// [`Local::total`] appended to `out`.
    pub(crate) fn push_total(self, out: &mut String, total: Total) {
        match total.single() {
            Some(count) => self.push_count(out, count),
            None => {
                self.push_count(out, total.low);
                out.push('–');
                self.push_count(out, total.high);
            }
        }
    }

    /// `about 1 500,50 €`.
    pub(crate) fn money(self, money: Money) -> String {
        written(|out| self.push_money(out, money))
    }

    /// [`Local::money`] appended to `out`: the exactness, then the amount
    /// with its decimal point as the language writes it.
    pub(crate) fn push_money(self, out: &mut String, money: Money) {
        self.push_exactness(out, money.exactness);
        let start = out.len();
        crate::money::push_cents_text(out, u128::from(money.euros.cents()));
        self.decimal_from(out, start);
    }

    /// `33,33 %`, or any text with a decimal point.
    pub(crate) fn number(self, text: impl std::fmt::Display) -> String {
        written(|out| self.push_number(out, text))
    }

    /// [`Local::number`] appended to `out`.
    pub(crate) fn push_number(self, out: &mut String, text: impl std::fmt::Display) {
        use std::fmt::Write as _;
        let start = out.len();
        let _ = write!(out, "{text}");
        self.decimal_from(out, start);
    }

    /// A date as written in the language: `syksy 2020`, `9/2020`,
    /// `1.9.2020` in Finnish; `hösten 2020`… ISO days in Swedish and English.
    pub(crate) fn date(self, date: PartialDate) -> String {
        written(|out| self.push_date(out, date))
    }

    /// [`Local::date`] appended to `out`.
    pub(crate) fn push_date(self, out: &mut String, date: PartialDate) {
        use std::fmt::Write as _;
        let _ = match (date, self.0) {
            (PartialDate::Season(year, season), _) => write!(out, "{} {year}", season.label(self.0)),
            (PartialDate::Month(year, month), Language::Fi) => write!(out, "{month}/{year}"),
            (PartialDate::Day(day), Language::Fi) => {
                use chrono::Datelike as _;
                write!(out, "{}.{}.{}", day.day(), day.month(), day.year())
            }
            (other, _) => write!(out, "{other}"),
        };
    }

    /// A period as [`Period`](crate::Period) displays it (`2020-09-01 –
    /// 2022-12-31`, `…` for an open end), its dates in the language.
    pub(crate) fn period_text(self, text: &str) -> String {
        written(|out| self.push_period_text(out, text))
    }

    /// [`Local::period_text`] appended to `out`.
    pub(crate) fn push_period_text(self, out: &mut String, text: &str) {
        let date = |out: &mut String, part: &str| match part.parse::<PartialDate>() {
            Ok(date) => self.push_date(out, date),
            Err(_) => out.push_str(part),
        };
        match text.split_once(" – ") {
            Some((start, end)) => {
                date(out, start);
                out.push_str(" – ");
                date(out, end);
            }
            None => out.push_str(text),
        }
    }

    /// An optional figure, `–` when there is none.
    pub(crate) fn or_dash<T>(self, value: Option<T>, show: impl FnOnce(Self, T) -> String) -> String {
        value.map_or_else(|| Self::DASH.to_owned(), |v| show(self, v))
    }

    /// What stands for a figure there is none of.
    pub(crate) const DASH: &str = "–";

    /// [`Local::or_dash`] of an optional count, appended to `out`.
    pub(crate) fn push_count_or_dash(self, out: &mut String, count: Option<Count>) {
        match count {
            Some(count) => self.push_count(out, count),
            None => out.push_str(Self::DASH),
        }
    }

    /// [`Local::or_dash`] of an optional total, appended to `out`.
    pub(crate) fn push_total_or_dash(self, out: &mut String, total: Option<Total>) {
        match total {
            Some(total) => self.push_total(out, total),
            None => out.push_str(Self::DASH),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_appended_are_the_figures_as_texts() {
        let counts = [Count::exact(0), Count::approximate(4667), Count::at_least(1_234_567)];
        let amounts = ["0", "1500.50", "1234567.05"].map(|euros| euros.parse().unwrap());
        let moneys = amounts.into_iter().flat_map(|euros| [Money::exact(euros), Money::approximate(euros)]);
        for language in [Language::Fi, Language::Sv, Language::En] {
            let local = Local(language);
            for low in counts {
                for high in counts {
                    let total = Total { low, high };
                    let mut out = String::from("before ");
                    local.push_total(&mut out, total);
                    assert_eq!(out, format!("before {}", local.total(total)));
                    for total in [Some(total), None] {
                        let mut out = String::from("x");
                        local.push_total_or_dash(&mut out, total);
                        assert_eq!(out, format!("x{}", local.or_dash(total, Local::total)));
                    }
                }
                for count in [Some(low), None] {
                    let mut out = String::from("x");
                    local.push_count_or_dash(&mut out, count);
                    assert_eq!(out, format!("x{}", local.or_dash(count, Local::count)));
                }
            }
            for money in moneys.clone() {
                // The old way: the amount's text, its point as the language writes it, then its exactness.
                let text = money.euros.to_string();
                let text = if language == Language::En { text } else { text.replace('.', ",") };
                let expected = match money.exactness {
                    Exactness::Exact => text,
                    other => format!("{} {text}", other.label(language)),
                };
                let mut out = String::from("before. ");
                local.push_money(&mut out, money);
                assert_eq!(out, format!("before. {expected}"));
                assert_eq!(local.money(money), expected);
            }
        }
    }

    #[test]
    fn dates_periods_and_numbers_appended_are_those_formatted() {
        use chrono::Datelike as _;
        let dates = ["2020", "2020-autumn", "2021-03", "2022-12-31", "2020-spring"].map(|d| d.parse().unwrap());
        for language in [Language::Fi, Language::Sv, Language::En] {
            let local = Local(language);
            for date in dates {
                // The old way: each text formatted on its own.
                let expected = match (date, language) {
                    (PartialDate::Season(year, season), _) => format!("{} {year}", season.label(language)),
                    (PartialDate::Month(year, month), Language::Fi) => format!("{month}/{year}"),
                    (PartialDate::Day(day), Language::Fi) => format!("{}.{}.{}", day.day(), day.month(), day.year()),
                    (other, _) => other.to_string(),
                };
                assert_eq!(local.date(date), expected);
                for (start, end) in dates.iter().map(|end| (date.to_string(), end.to_string())) {
                    for text in [format!("{start} – {end}"), format!("{start} – …"), start.clone(), "no date".into()]
                    {
                        let expected = match text.split_once(" – ") {
                            Some((start, end)) => {
                                let date =
                                    |part: &str| part.parse().map_or_else(|_| part.to_owned(), |d| local.date(d));
                                format!("{} – {}", date(start), date(end))
                            }
                            None => text.clone(),
                        };
                        let mut out = String::from("before. ");
                        local.push_period_text(&mut out, &text);
                        assert_eq!(out, format!("before. {expected}"));
                    }
                }
            }
            for text in ["1.50", "0.05", "12", "1 234.5 %"] {
                let expected = if language == Language::En { text.to_owned() } else { text.replace('.', ",") };
                let mut out = String::from("before. ");
                local.push_number(&mut out, text);
                assert_eq!(out, format!("before. {expected}"));
                assert_eq!(local.number(text), expected);
            }
        }
    }

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
