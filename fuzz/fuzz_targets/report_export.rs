//! Any bytes that parse: the aggregator, the report in every format and
//! language, and every export table in every format never panic; a text
//! report keeps every line within its width (from 40 to 120 characters,
//! chosen by the input's length, which white space changes without
//! changing the document).
#![no_main]

use childwelfare::aggregate::Aggregator;
use childwelfare::{Language, export, report};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(document) = childwelfare::Document::from_slice(data) else { return };
    let width = report::NARROWEST_WIDTH + data.len() % 81;
    for explain in [false, true] {
        for &language in Language::ALL {
            let mut aggregator = Aggregator::new().explain(explain).language(language);
            aggregator.add(&document);
            let summary = aggregator.finish();
            for format in [report::Format::Text, report::Format::Markdown, report::Format::Json] {
                let options = report::Options::new(format).language(language).explain(explain).width(width);
                let written = report::render_with(&summary, &options);
                if format == report::Format::Text {
                    let wide = written.lines().find(|line| line.chars().count() > width);
                    assert!(wide.is_none(), "a line wider than {width}: {wide:?}");
                }
            }
        }
    }
    for table in export::Table::ALL {
        let rows = export::rows(&document, table, Language::Fi);
        for format in [export::Format::Csv, export::Format::Json] {
            for raw in [false, true] {
                let mut writer = export::Writer::new(format, Vec::new()).raw_text(raw);
                for row in &rows {
                    writer.write(row).expect("writing to a Vec does not fail");
                }
                writer.finish().expect("writing to a Vec does not fail");
            }
        }
    }
});
