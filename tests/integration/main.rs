//! Integration tests, built as one binary to keep compile times down.

mod common;
mod data;
mod errors;
mod properties;
mod schema;
