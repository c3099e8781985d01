//! Integration tests of the library, built as one binary to keep compile
//! times down (the command-line tool's are in `cli/tests/`).

mod aggregation;
mod common;
mod counting;
mod data;
mod ecosystem;
mod errors;
mod examples;
mod explained;
mod hardening;
mod hostile_text;
#[cfg(feature = "html")]
mod html;
mod limits;
mod memory;
mod model_fit;
mod money;
mod mutation;
mod properties;
mod reliability;
mod scale;
mod schema;
mod schema_1_2;
mod tables;
mod validation;
mod widths;
