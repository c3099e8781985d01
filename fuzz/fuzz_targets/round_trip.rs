//! Any bytes that parse: writing and reading back gives the same document,
//! and the written form is a fixed point (floats in `extensions` included).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(document) = childwelfare::Document::from_slice(data) {
        let written = document.to_json();
        let again = childwelfare::Document::from_json(&written).expect("what the crate writes reads back");
        assert_eq!(again, document);
        assert_eq!(again.to_json(), written);
    }
});
