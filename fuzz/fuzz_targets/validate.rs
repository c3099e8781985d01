//! Any bytes that parse: validation never panics, alone or with the seeds.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(document) = childwelfare::Document::from_slice(data) {
        let mut documents = childwelfare::data::seed();
        let _ = childwelfare::validation::validate_documents(std::slice::from_ref(&document));
        documents.push(document);
        let report = childwelfare::validation::validate_documents(&documents);
        let _ = report.to_string();
    }
});
