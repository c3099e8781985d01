//! How each figure was made (`--explain`), written in the reader's
//! language: the rule, the records used and what was left out, in
//! Finnish and Swedish as in English, with the figures written as each
//! language writes them.

use childwelfare::aggregate;
use childwelfare::corpus::Generator;
use childwelfare::{
    Count, Document, Euros, Event, Language, Money, ParticipantGroup, ParticipantGroupKind, Participation,
    PossibleOverlap, Project, ProjectStatus, Text, data, report,
};

/// Documents whose derivations use every kind of rule and record: the
/// seeds, generated projects (outputs, judgements, participant groups,
/// `part_of` totals), amounts from a share of a total and from the rest of
/// one, and figures that may overlap.
fn documents() -> Vec<Document> {
    let mut documents = data::seed();
    let generator = Generator::new(7);
    documents.extend((0..12).map(|index| Document::from(generator.project(index))));

    // LUMO with a stated total: its parts' amounts follow from their shares.
    let mut shares = data::lumo();
    shares.id = "lumo-shares".parse().unwrap();
    shares.funding.as_mut().expect("LUMO is funded").total = Some(Money::exact(Euros::from_cents(16_000_050)));
    documents.push(shares.into());

    // A total and one part with an amount: the rest is the total less it.
    let mut rest = data::lumo();
    rest.id = "lumo-rest".parse().unwrap();
    let funding = rest.funding.as_mut().expect("LUMO is funded");
    funding.total = Some(Money::exact(Euros::from_cents(10_000_000)));
    funding.parts.truncate(1);
    funding.parts[0].share = None;
    funding.parts[0].amount = Some(Money::exact(Euros::from_cents(6_000_000)));
    funding.parts_complete = false;
    documents.push(rest.into());

    // Two events that may overlap.
    let mut overlaps = Project::new("demo".parse().unwrap(), Text::fi("Päällekkäiset"), ProjectStatus::Ended);
    let mut a = Event::new("a".parse().unwrap());
    a.participation = Some(Participation::new(Some(Count::exact(963)), Some(Count::exact(50))));
    let mut b = Event::new("b".parse().unwrap());
    b.participation = Some(Participation::new(Some(Count::approximate(400)), Some(Count::exact(30))));
    b.possible_overlaps = vec![PossibleOverlap::new("a".parse().unwrap())];
    // A participant group at both, with its own figures.
    for (event, count) in [(&mut a, 40), (&mut b, 25)] {
        let mut group = ParticipantGroup::new(ParticipantGroupKind::Professionals);
        group.attendances = Some(Count::exact(count));
        group.distinct_people = Some(Count::exact(count));
        event.participant_groups = vec![group];
    }
    overlaps.events = vec![a, b];
    documents.push(overlaps.into());
    documents
}

/// The report explained, as text and (with the `html` feature) as HTML,
/// in `language`.
fn explained(summary: &aggregate::Summary, language: Language) -> String {
    let mut out = String::new();
    #[allow(unused_mut)]
    let mut formats = vec![report::Format::Text];
    #[cfg(feature = "html")]
    formats.push(report::Format::Html);
    for format in formats {
        let options = report::Options::new(format).language(language).explain(true).unlimited_width();
        out.push_str(&report::render_with(summary, &options));
    }
    out
}

/// English words of the rules and records, each of which the corpus uses.
const ENGLISH: [&str; 18] = [
    "sum of the figures placed here",
    "a record that states no theme takes that of the event",
    "sum of the held events' meetings",
    "sum of the held events' figures",
    "distinct people of several events",
    "the low end leaving out what may overlap (demo/b may overlap demo/a)",
    "attendances of the group at held events",
    "judgements counted",
    "items: the outputs' counts",
    "who the money comes from",
    " less its parts ",
    "no count, at least one item",
    "computed from its share",
    "computed as the total",
    " judges ",
    "left out: ",
    "may lie within another figure",
    "not broken down into parts",
];

#[test]
fn an_explained_report_in_finnish_or_swedish_has_no_english_rule_or_record() {
    let summary = aggregate::summarise(&documents(), true);
    let english = explained(&summary, Language::En);
    // The corpus uses every one of them, so their absence below says something.
    for words in ENGLISH {
        assert!(english.contains(words), "the English report lacks {words:?}");
    }
    for language in [Language::Fi, Language::Sv] {
        let text = explained(&summary, language);
        for words in ENGLISH.iter().chain(&["about ", "at least ", "inside another figure", "no figure"]) {
            assert!(!text.contains(words), "{language:?}: {words:?} in {}", around(&text, words));
        }
    }
}

#[test]
fn records_are_written_with_the_figures_of_the_readers_language() {
    let summary = aggregate::summarise(&documents(), true);
    let finnish = explained(&summary, Language::Fi);
    let swedish = explained(&summary, Language::Sv);
    // LUMO's local events, "about 1 000" in English.
    assert!(finnish.contains("lumo/lumo-ev-local = noin 1 000"));
    assert!(swedish.contains("lumo/lumo-ev-local = cirka 1 000"));
    // A total whose parts are not complete is counted by its remainder.
    assert!(finnish.contains("lumo/lumo-ev-theme-participation = 192 miinus osat 21 (lumo/lumo-ev-webinar-1)"));
    assert!(swedish.contains("lumo/lumo-ev-theme-participation = 192 minus delarna 21 (lumo/lumo-ev-webinar-1)"));
    // An amount from a share of the total, with the decimal comma.
    assert!(
        finnish.contains("(state_grant) = 128 000,40 €, laskettu osuudesta 80 % kokonaissummasta 160 000,50 €"),
        "{}",
        around(&finnish, "osuudesta")
    );
    // Left out, counted by reason.
    assert!(finnish.contains("jätetty pois: peruttu 1"));
    assert!(swedish.contains("utelämnade: inställt 1"));
}

#[test]
fn the_summary_keeps_its_derivations_in_english_whatever_the_language() {
    let summary = aggregate::summarise(&documents(), true);
    let json = |language| {
        report::render_with(&summary, &report::Options::new(report::Format::Json).language(language).explain(true))
    };
    let english = json(Language::En);
    assert!(english.contains("less its parts"));
    assert_eq!(json(Language::Fi), english);
}

/// Up to 100 characters either side of `words` in `text`, to show where.
fn around<'t>(text: &'t str, words: &str) -> &'t str {
    let Some(at) = text.find(words) else { return "" };
    let mut start = at.saturating_sub(100);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (at + words.len() + 100).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    &text[start..end]
}
