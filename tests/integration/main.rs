//! Integration tests, built as one binary to keep compile times down.

mod aggregation;
#[cfg(feature = "cli")]
mod cli;
mod common;
mod counting;
mod data;
mod ecosystem;
mod errors;
mod examples;
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
#[cfg(feature = "cli")]
mod report_text;
mod scale;
mod schema;
mod schema_1_2;
#[cfg(feature = "cli")]
mod summary_json;
mod tables;
mod validation;
