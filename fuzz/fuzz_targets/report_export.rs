//! Any bytes that parse: the aggregator, the report in every format and
//! every export table in every format never panic.
#![no_main]

use childwelfare::aggregate::Aggregator;
use childwelfare::{Language, export, report};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(document) = childwelfare::Document::from_slice(data) else { return };
    for explain in [false, true] {
        let mut aggregator = Aggregator::new().explain(explain).language(Language::En);
        aggregator.add(&document);
        let summary = aggregator.finish();
        for format in [report::Format::Text, report::Format::Markdown, report::Format::Json] {
            let _ = report::render(&summary, format, explain);
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
