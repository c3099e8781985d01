//! How a figure was made ([`Derivation`]), and why a record is left out
//! of one ([`Omission`]).

use std::collections::BTreeMap;
use std::fmt;

use schemars::JsonSchema;
use serde::Serialize;

use crate::Language;
use crate::report::Phrase;

/// How a figure was made: the rule that combined it, the records it came
/// from (`project/record = figure [source "section"]`), and the records of
/// its group that it leaves out, each with why, so that it can be checked
/// by hand and a lower bound recognised as one.
///
/// ```
/// use childwelfare::aggregate::{Aggregator, Dimension};
///
/// let mut aggregator = Aggregator::new().explain(true);
/// childwelfare::data::seed().iter().for_each(|d| aggregator.add(d));
/// let summary = aggregator.finish();
/// let lumo = summary.participation(Dimension::Project)?.find(|r| r.group.key == "lumo").unwrap();
/// let derivation = lumo.attendances.as_ref().unwrap().derivation.as_ref().unwrap();
/// // Each record used names its source; the parts of the area total are left out as inside it.
/// assert!(derivation.records[0].starts_with("lumo/lumo-ev-yta-all = 3 667 [seed-"), "{}", derivation.records[0]);
/// assert!(derivation.sources[0].sources[0].section.is_some());
/// assert!(derivation.left_out.iter().any(|l| l.record == "lumo/lumo-ev-theme-systemic"
///     && l.why.to_string() == "inside the figure of lumo/lumo-ev-yta-all"));
/// # Ok::<(), childwelfare::aggregate::Omitted>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct Derivation {
    /// The rule, in English (the text and HTML reports write it in the
    /// reader's language).
    pub rule: String,
    /// The records used, each with its figure and where it is stated, in
    /// English (the text and HTML reports write them in the reader's
    /// language).
    pub records: Vec<String>,
    /// Where each record used is stated: its source documents and sections.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Cited>,
    /// The records of the group left out of the figure, each with why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub left_out: Vec<LeftOut>,
    /// The rule's clauses, to write it in any language: `rule` is them in
    /// English, joined by "; ".
    #[serde(skip)]
    clauses: Vec<Clause>,
    /// The records as words, to write them in any language: `records` is
    /// them in English.
    #[serde(skip)]
    used: Vec<Used>,
}

impl Derivation {
    /// A derivation by `rule` from `records`, leaving nothing out.
    pub(crate) fn new(rule: Clause, records: Vec<Used>) -> Self {
        Derivation {
            rule: rule.text(Language::En),
            records: records.iter().map(|record| record.text_in(Language::En)).collect(),
            sources: Vec::new(),
            left_out: Vec::new(),
            clauses: vec![rule],
            used: records,
        }
    }

    /// Adds `clause` to the rule.
    pub(crate) fn add_clause(&mut self, clause: Clause) {
        self.rule.push_str("; ");
        self.rule.push_str(&clause.text(Language::En));
        self.clauses.push(clause);
    }

    /// Joins `other`, a derivation of the same group in another project:
    /// its rule, unless this one's already says it, its records, sources
    /// and what it leaves out.
    pub(crate) fn join(&mut self, other: Derivation) {
        if self.rule != other.rule && !self.rule.contains(&other.rule) {
            self.rule = format!("{}; {}", self.rule, other.rule);
            self.clauses.extend(other.clauses);
        }
        self.records.extend(other.records);
        self.used.extend(other.used);
        self.sources.extend(other.sources);
        self.left_out.extend(other.left_out);
    }

    /// The records in `language`; in English, [`Derivation::records`].
    pub(crate) fn records_in(&self, language: Language) -> Vec<std::borrow::Cow<'_, str>> {
        if language == Language::En || self.used.len() != self.records.len() {
            return self.records.iter().map(|record| std::borrow::Cow::Borrowed(record.as_str())).collect();
        }
        self.used.iter().map(|record| std::borrow::Cow::Owned(record.text_in(language))).collect()
    }

    /// The rule in `language`; in English, [`Derivation::rule`].
    pub(crate) fn rule_in(&self, language: Language) -> std::borrow::Cow<'_, str> {
        if language == Language::En || self.clauses.is_empty() {
            return std::borrow::Cow::Borrowed(&self.rule);
        }
        let clauses: Vec<String> = self.clauses.iter().map(|clause| clause.text(language)).collect();
        std::borrow::Cow::Owned(clauses.join("; "))
    }

    /// Notes where `record` (`project/record`) is stated.
    pub(crate) fn cite(&mut self, record: String, sources: &[crate::SourceRef]) {
        if !sources.is_empty() {
            self.sources.push(Cited { record, sources: sources.to_vec() });
        }
    }
}

/// One clause of a derivation's rule, kept as words so that it can be
/// written in any language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Clause {
    phrase: Phrase,
    fill: Fill,
}

/// What fills a clause's placeholder.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Fill {
    Nothing,
    /// A value of a dimension: "a record that states no theme".
    Dimension(super::Dimension),
    /// Pairs of records that may overlap.
    Overlaps(Vec<(String, String)>),
}

impl Clause {
    /// A clause that is `phrase` as it stands.
    pub(crate) const fn new(phrase: Phrase) -> Self {
        Clause { phrase, fill: Fill::Nothing }
    }

    /// The rule of a participation figure by `dimension`.
    pub(crate) const fn placed_here(dimension: super::Dimension) -> Self {
        Clause { phrase: Phrase::RulePlacedHere, fill: Fill::Dimension(dimension) }
    }

    /// A range whose low end leaves out the figures of `pairs` that may
    /// overlap (`project/record`, `project/record`).
    pub(crate) fn overlaps(pairs: Vec<(String, String)>) -> Self {
        Clause { phrase: Phrase::RuleOverlaps, fill: Fill::Overlaps(pairs) }
    }

    /// The clause in `language`.
    fn text(&self, language: Language) -> String {
        match &self.fill {
            Fill::Nothing => self.phrase.text(language).to_owned(),
            Fill::Dimension(dimension) => {
                self.phrase.fill(language, &[crate::report::dimension_value(*dimension).text(language)])
            }
            Fill::Overlaps(pairs) => {
                let pairs: Vec<String> =
                    pairs.iter().map(|(a, b)| Phrase::MayOverlap.fill(language, &[a, b])).collect();
                self.phrase.fill(language, &[&pairs.join(", ")])
            }
        }
    }
}

/// A record used by a derivation, kept as words so that it can be written
/// in any language: `project/record = about 1 000 [source]`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Used(Vec<Piece>);

/// A piece of a [`Used`].
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    Count(crate::Count),
    Money(crate::Money),
    Phrase(Phrase),
    /// A rating: its code in English (as the JSON has it), its label in
    /// another language.
    Rating(crate::AchievementRating),
    /// A phrase with its placeholders filled.
    Fill(Phrase, Vec<Used>),
}

impl Used {
    /// A record that starts with `text` (as a rule, `project/record`).
    pub(crate) fn new(text: impl Into<String>) -> Self {
        Used(vec![Piece::Text(text.into())])
    }

    /// `text` added, as it stands.
    pub(crate) fn text(mut self, text: impl Into<String>) -> Self {
        self.0.push(Piece::Text(text.into()));
        self
    }

    /// A figure added.
    pub(crate) fn count(mut self, count: crate::Count) -> Self {
        self.0.push(Piece::Count(count));
        self
    }

    /// An amount added.
    pub(crate) fn money(mut self, money: crate::Money) -> Self {
        self.0.push(Piece::Money(money));
        self
    }

    /// A phrase added.
    pub(crate) fn phrase(mut self, phrase: Phrase) -> Self {
        self.0.push(Piece::Phrase(phrase));
        self
    }

    /// A rating added.
    pub(crate) fn rating(mut self, rating: crate::AchievementRating) -> Self {
        self.0.push(Piece::Rating(rating));
        self
    }

    /// `phrase` added, its placeholders filled by `args`.
    pub(crate) fn fill(mut self, phrase: Phrase, args: Vec<Used>) -> Self {
        self.0.push(Piece::Fill(phrase, args));
        self
    }

    /// The record in `language`.
    pub(crate) fn text_in(&self, language: Language) -> String {
        let mut out = String::new();
        self.push_in(&mut out, language);
        out
    }

    fn push_in(&self, out: &mut String, language: Language) {
        let local = crate::report::Local(language);
        for piece in &self.0 {
            match piece {
                Piece::Text(text) => out.push_str(text),
                Piece::Count(count) => local.push_count(out, *count),
                Piece::Money(money) => local.push_money(out, *money),
                Piece::Phrase(phrase) => out.push_str(phrase.text(language)),
                Piece::Rating(rating) if language == Language::En => out.push_str(rating.code()),
                Piece::Rating(rating) => out.push_str(rating.label(language)),
                Piece::Fill(phrase, args) => {
                    let args: Vec<String> = args.iter().map(|arg| arg.text_in(language)).collect();
                    let args: Vec<&str> = args.iter().map(String::as_str).collect();
                    out.push_str(&phrase.fill(language, &args));
                }
            }
        }
    }
}

/// Where a record used by a derivation is stated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct Cited {
    /// The record, `project/record`.
    pub record: String,
    /// Its sources: the document (an id of the project's `source_documents`) and the section.
    pub sources: Vec<crate::SourceRef>,
}

/// A record of a group that a figure leaves out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct LeftOut {
    /// The record, `project/record`.
    pub record: String,
    /// Why it is left out.
    pub why: Omission,
    /// The record as words, where its name has words of a language (a
    /// budget "not broken down into parts"): `record` is them in English.
    #[serde(skip)]
    named: Option<Used>,
}

impl LeftOut {
    /// `record` (`project/record`), left out for `why`.
    pub(crate) fn new(record: String, why: Omission) -> Self {
        LeftOut { record, why, named: None }
    }

    /// A record named in words, left out for `why`.
    pub(crate) fn named(record: Used, why: Omission) -> Self {
        LeftOut { record: record.text_in(Language::En), why, named: Some(record) }
    }

    /// The record in `language`; in English, [`LeftOut::record`].
    #[cfg(any(feature = "html", test))]
    pub(crate) fn record_in(&self, language: Language) -> std::borrow::Cow<'_, str> {
        match &self.named {
            Some(named) if language != Language::En => std::borrow::Cow::Owned(named.text_in(language)),
            _ => std::borrow::Cow::Borrowed(&self.record),
        }
    }
}

/// Why a record is left out of a figure.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case", tag = "reason", content = "within")]
#[non_exhaustive]
pub enum Omission {
    /// A cancelled event.
    Cancelled,
    /// A planned event.
    Planned,
    /// The record states no figure.
    NoFigure,
    /// A total whose parts are complete, represented by them.
    RepresentedByItsParts,
    /// Inside another figure (it is `part_of` it): the record of the
    /// nearest such figure, which is counted or is inside another in turn.
    InsideTheFigureOf(String),
    /// In a `part_of` cycle, where every figure is inside another: none is
    /// counted.
    InACycle,
    /// A funding part (or rest of a budget) whose amount is not known: the
    /// sum is "at least".
    NoAmount,
}

impl fmt::Display for Omission {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Omission::Cancelled => f.write_str("cancelled"),
            Omission::Planned => f.write_str("planned"),
            Omission::NoFigure => f.write_str("no figure"),
            Omission::RepresentedByItsParts => f.write_str("represented by its parts"),
            Omission::InsideTheFigureOf(record) => write!(f, "inside the figure of {record}"),
            Omission::InACycle => f.write_str("in a part_of cycle, inside another figure"),
            Omission::NoAmount => f.write_str("no amount"),
        }
    }
}

impl Omission {
    /// A short name of the reason for a count of left-out records:
    /// "inside another figure" for every [`Omission::InsideTheFigureOf`].
    pub fn kind(&self) -> &'static str {
        match self {
            Omission::Cancelled => "cancelled",
            Omission::Planned => "planned",
            Omission::NoFigure => "no figure",
            Omission::RepresentedByItsParts => "represented by its parts",
            Omission::InsideTheFigureOf(_) => "inside another figure",
            Omission::InACycle => "in a part_of cycle",
            Omission::NoAmount => "no amount",
        }
    }
}

impl Omission {
    /// [`Omission::kind`] as a phrase.
    fn kind_phrase(&self) -> Phrase {
        match self {
            Omission::Cancelled => Phrase::OmittedCancelled,
            Omission::Planned => Phrase::OmittedPlanned,
            Omission::NoFigure => Phrase::OmittedNoFigure,
            Omission::RepresentedByItsParts => Phrase::OmittedRepresentedByItsParts,
            Omission::InsideTheFigureOf(_) => Phrase::OmittedInsideAnother,
            Omission::InACycle => Phrase::OmittedInACycle,
            Omission::NoAmount => Phrase::OmittedNoAmount,
        }
    }

    /// Why, in `language`: what [`Omission`]'s `Display` writes in English.
    #[cfg(any(feature = "html", test))]
    pub(crate) fn why_in(&self, language: Language) -> String {
        match self {
            Omission::InsideTheFigureOf(record) => Phrase::OmittedInsideTheFigureOf.fill(language, &[record]),
            Omission::InACycle => Phrase::OmittedInACycleWhy.text(language).to_owned(),
            other => other.kind_phrase().text(language).to_owned(),
        }
    }
}

/// What a derivation leaves out, in a few words, in `language`: `left
/// out: 2 cancelled, 5 no figure`; empty when nothing is. The reasons are in
/// the order of their English names, whatever the language.
pub(crate) fn left_out_summary(left_out: &[LeftOut], language: Language) -> String {
    let mut counts: BTreeMap<&str, (usize, Phrase)> = BTreeMap::new();
    for left in left_out {
        counts.entry(left.why.kind()).or_insert((0, left.why.kind_phrase())).0 += 1;
    }
    let parts: Vec<String> = counts
        .values()
        .map(|(n, kind)| Phrase::LeftOutCount.fill(language, &[&n.to_string(), kind.text(language)]))
        .collect();
    if parts.is_empty() { String::new() } else { Phrase::RecordsLeftOut.fill(language, &[&parts.join(", ")]) }
}

impl fmt::Display for Derivation {
    /// The rule, then one record a line, then what was left out, counted
    /// by reason (the records left out are listed in JSON).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.rule)?;
        for record in &self.records {
            write!(f, "\n  - {record}")?;
        }
        if !self.left_out.is_empty() {
            write!(f, "\n  {}", left_out_summary(&self.left_out, Language::En))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregate::Dimension;

    /// The words of the reports in English are what the JSON says: the
    /// reasons, and the values of a dimension a rule names.
    #[test]
    fn english_words_are_those_of_the_json() {
        let reasons = [
            Omission::Cancelled,
            Omission::Planned,
            Omission::NoFigure,
            Omission::RepresentedByItsParts,
            Omission::InsideTheFigureOf("p/e".to_owned()),
            Omission::InACycle,
            Omission::NoAmount,
        ];
        for reason in reasons {
            assert_eq!(reason.why_in(Language::En), reason.to_string());
            assert_eq!(reason.kind_phrase().text(Language::En), reason.kind());
            assert_ne!(reason.why_in(Language::Fi), reason.to_string());
        }
        for dimension in Dimension::ALL {
            assert_eq!(Clause::placed_here(dimension).text(Language::En).matches(dimension.singular()).count(), 1);
            assert_eq!(crate::report::dimension_value(dimension).text(Language::En), dimension.singular());
        }
    }

    #[test]
    fn a_record_left_out_is_named_in_the_readers_language() {
        let named = |language| format!("p/funding, {}", Phrase::RecordNotBrokenDown.text(language));
        let left = LeftOut::named(Used::new("p/funding, ").phrase(Phrase::RecordNotBrokenDown), Omission::NoAmount);
        assert_eq!(left.record, named(Language::En));
        assert_eq!(left.record_in(Language::En), left.record);
        assert_eq!(left.record_in(Language::Fi), named(Language::Fi));
        assert_ne!(named(Language::Fi), named(Language::En));
        assert_eq!(LeftOut::new("p/e".to_owned(), Omission::Cancelled).record_in(Language::Sv), "p/e");
    }

    #[test]
    fn a_joined_rule_keeps_its_clauses_in_every_language() {
        let mut a = Derivation::new(
            Clause::new(Phrase::RuleHeldFigures),
            vec![Used::new("p/a = ").count(crate::Count::approximate(1000))],
        );
        let b = Derivation::new(
            Clause::new(Phrase::RuleDistinctOfSeveral),
            vec![Used::new("q/b = ").count(crate::Count::exact(5))],
        );
        a.join(b.clone());
        a.join(b);
        assert_eq!(a.rule.matches("; ").count(), 1, "{}", a.rule);
        assert_eq!(a.rule_in(Language::En), a.rule);
        let finnish = a.rule_in(Language::Fi);
        assert!(finnish.starts_with(Phrase::RuleHeldFigures.text(Language::Fi)), "{finnish}");
        assert!(finnish.ends_with(Phrase::RuleDistinctOfSeveral.text(Language::Fi)), "{finnish}");
        assert_eq!(a.records, ["p/a = about 1 000", "q/b = 5", "q/b = 5"]);
        assert_eq!(a.records_in(Language::Sv), ["p/a = cirka 1 000", "q/b = 5", "q/b = 5"]);
    }
}
