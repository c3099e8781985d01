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
mod limits;
mod model_fit;
mod money;
mod mutation;
mod properties;
mod reliability;
#[cfg(feature = "cli")]
mod report_text;
mod scale;
mod schema;
#[cfg(feature = "cli")]
mod summary_json;
mod tables;
mod validation;
