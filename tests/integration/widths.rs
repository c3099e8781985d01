//! The text report at every width a reader may ask for: no line is wider,
//! headings included; and `report::wrap_lines`, which `validate --width`
//! uses, on any text.

use childwelfare::aggregate::Aggregator;
use childwelfare::report::{self, NARROWEST_WIDTH, Phrase};
use childwelfare::{Language, corpus, data};
use proptest::prelude::*;

#[test]
fn every_line_of_the_text_report_fits_every_width_in_every_language() {
    let generator = corpus::Generator::new(3);
    for &language in Language::ALL {
        let mut aggregator = Aggregator::new().explain(true).language(language);
        for document in data::seed() {
            aggregator.add(&document);
        }
        (0..3).for_each(|index| aggregator.add_project(&generator.project(index)));
        let summary = aggregator.finish();
        for width in NARROWEST_WIDTH..=120 {
            for explain in [false, true] {
                let options =
                    report::Options::new(report::Format::Text).language(language).explain(explain).width(width);
                let text = report::render_with(&summary, &options);
                let wide = text.lines().find(|line| line.chars().count() > width);
                assert_eq!(wide, None, "{language:?} at {width}, explain {explain}");
            }
        }
    }
}

#[test]
fn a_heading_longer_than_the_width_wraps_and_is_underlined_as_wide_as_its_lines() {
    let mut aggregator = Aggregator::new().language(Language::Fi);
    data::seed().iter().for_each(|document| aggregator.add(document));
    let summary = aggregator.finish();
    let title = Phrase::UnjudgedObjectives.text(Language::Fi);
    assert!(title.chars().count() > NARROWEST_WIDTH, "{title}");
    let options = report::Options::new(report::Format::Text).language(Language::Fi).width(NARROWEST_WIDTH);
    let text = report::render_with(&summary, &options);
    let lines: Vec<&str> = text.lines().collect();
    let first = title.split(' ').next().unwrap();
    let start = lines.iter().position(|line| line.starts_with(first) && title.starts_with(line)).expect("the heading");
    let end = start + lines[start..].iter().position(|line| line.starts_with('=')).expect("its underline");
    assert!(end - start > 1, "{:?}", &lines[start..=end]);
    assert_eq!(lines[start..end].join(" "), title);
    let widest = lines[start..end].iter().map(|line| line.chars().count()).max().unwrap();
    assert_eq!(lines[end], "=".repeat(widest));
}

/// Lines of words (some longer than any line, some not ASCII, some empty
/// from runs of spaces), each line indented by a few spaces.
fn lines() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        4 => "[a-zåäö`/._:-]{1,12}",
        1 => "[a-z/._-]{40,130}",
        1 => Just(String::new()),
        1 => "[ä€漢🙂]{1,6}",
    ];
    let line = (0..6usize, proptest::collection::vec(word, 0..40))
        .prop_map(|(indent, words)| format!("{}{}", " ".repeat(indent), words.join(" ")));
    proptest::collection::vec(line, 1..5).prop_map(|lines| lines.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Each line of `text` comes out as pieces: the first with the line's
    /// indentation, the others four columns further in; joined again with a
    /// space they are the line. A piece wider than the width is one word,
    /// which is never cut.
    #[test]
    fn wrapping_only_breaks_at_spaces_and_every_piece_fits_or_is_one_word(text in lines(), width in 0..130usize) {
        let wrapped = report::wrap_lines(&text, width);
        if width == 0 {
            prop_assert_eq!(wrapped, text);
            return Ok(());
        }
        let width = width.max(NARROWEST_WIDTH);
        let mut out = wrapped.split('\n');
        for line in text.split('\n') {
            let indent = line.len() - line.trim_start_matches(' ').len();
            let first = out.next();
            prop_assert!(first.is_some(), "{:?} is missing", line);
            let mut pieces = vec![first.unwrap_or_default()];
            let continuation = " ".repeat(indent + 4);
            while line.chars().count() > width
                && pieces.iter().map(|p| p.len()).sum::<usize>() + pieces.len() - 1 < line.len()
            {
                let piece = out.next();
                prop_assert!(piece.is_some(), "the rest of {:?} is missing", line);
                let piece = piece.unwrap_or_default();
                prop_assert!(piece.starts_with(&continuation), "{:?} continues {:?}", piece, line);
                pieces.push(&piece[indent + 4..]);
            }
            prop_assert_eq!(pieces.join(" "), line);
            for (at, piece) in pieces.iter().enumerate() {
                let columns = piece.chars().count() + if at == 0 { 0 } else { indent + 4 };
                let words = piece[if at == 0 { indent } else { 0 }..].split(' ').count();
                prop_assert!(columns <= width || words == 1, "{:?} is {} columns wide at {}", piece, columns, width);
            }
        }
        prop_assert_eq!(out.next(), None);
    }
}
