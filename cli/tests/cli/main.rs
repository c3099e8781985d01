//! The `childwelfare` command-line tool's tests: the binary run as a user
//! runs it, its output checked against what the library computes from the
//! same documents. Built as one binary to keep compile times down.

// The library's test helpers, shared rather than copied; this binary uses
// some of them.
#[allow(dead_code)]
#[path = "../../../tests/integration/common.rs"]
mod common;

mod cli;
mod ecosystem;
#[cfg(unix)]
mod hardening;
mod html;
mod reliability;
mod report_text;
mod summary_json;
