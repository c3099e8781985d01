//! The text report at every width a reader may ask for: no line is wider,
//! headings included.

use childwelfare::aggregate::Aggregator;
use childwelfare::report::{self, NARROWEST_WIDTH, Phrase};
use childwelfare::{Language, corpus, data};

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
