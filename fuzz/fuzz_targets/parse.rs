//! Any bytes: parsing never panics, and a failure names what and where.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(error) = childwelfare::Document::from_slice(data) {
        // Every problem has a message; displaying them never panics.
        for problem in error.problems() {
            assert!(!problem.message().is_empty());
            let _ = problem.to_string();
        }
    }
});
