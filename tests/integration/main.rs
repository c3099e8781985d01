//! Integration tests, built as one binary to keep compile times down.

#[cfg(feature = "cli")]
mod cli;
mod common;
mod data;
mod errors;
mod properties;
mod schema;
mod validation;
