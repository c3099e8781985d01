//! The text report as a reader in a terminal gets it: every line fits the
//! width, and every word is in the language asked for.

use std::collections::BTreeSet;

use childwelfare::Language;
use childwelfare::report::{DEFAULT_WIDTH, Phrase};

use crate::cli::{run, stdout};
use crate::common::root;

fn report(args: &[&str]) -> String {
    let output = run(&[&["report"], args].concat(), root());
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    stdout(&output)
}

fn widest(text: &str) -> usize {
    text.lines().map(|line| line.chars().count()).max().unwrap_or(0)
}

#[test]
fn the_first_command_of_the_readme_fits_in_100_columns_in_every_language() {
    for lang in ["fi", "sv", "en"] {
        for explain in [false, true] {
            let args: &[&str] = if explain { &["--lang", lang, "--explain"] } else { &["--lang", lang] };
            let text = report(args);
            assert!(widest(&text) <= DEFAULT_WIDTH, "{lang}: {text}");
        }
        let narrow = report(&["--lang", lang, "--width", "60"]);
        assert!(widest(&narrow) <= 60, "{lang}: {narrow}");
    }
    // Without a limit, the projects are one wide table again.
    assert!(widest(&report(&["--width", "0"])) > DEFAULT_WIDTH);
}

#[test]
fn a_narrow_report_keeps_every_figure_of_the_wide_one() {
    let figures = |text: &str| -> Vec<String> {
        let mut found: Vec<String> =
            text.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty()).map(str::to_owned).collect();
        found.sort();
        found
    };
    // Figures may wrap between lines but are never cut: thousands are
    // written with a space, so compare the digit groups.
    let wide = report(&["--lang", "en", "--width", "0"]);
    let narrow = report(&["--lang", "en", "--width", "60"]);
    assert_eq!(figures(&wide), figures(&narrow));
}

/// The words of `text`, lower case, of four letters or more; ids from the
/// documents (`lumo-as-steering-group`) are data, not words.
fn words(text: &str) -> BTreeSet<String> {
    let id = |token: &&str| {
        token.contains(['-', '/'])
            && token.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-/_".contains(c))
    };
    text.split_whitespace()
        .filter(|token| !id(token))
        .flat_map(|token| token.split(|c: char| !c.is_alphabetic()))
        .filter(|w| w.chars().count() >= 4)
        .map(str::to_lowercase)
        .collect()
}

#[test]
fn the_report_is_wholly_in_the_language_asked_for() {
    // English words the reports use that neither Finnish nor Swedish does.
    let english: BTreeSet<String> = Phrase::ALL.iter().flat_map(|p| words(p.text(Language::En))).collect();
    let local: BTreeSet<String> = Phrase::ALL
        .iter()
        .flat_map(|p| words(p.text(Language::Fi)).into_iter().chain(words(p.text(Language::Sv))))
        .collect();
    // Words that are Swedish (or Finnish) too, as the code lists' labels use
    // them ("regional" scope).
    let shared: BTreeSet<String> = ["regional"].into_iter().map(str::to_owned).collect();
    let local: BTreeSet<String> = local.union(&shared).cloned().collect();
    let english_only: BTreeSet<&String> = english.difference(&local).collect();
    assert!(english_only.len() > 50, "{english_only:?}");
    for lang in ["fi", "sv"] {
        let text = report(&["--lang", lang]);
        let found: Vec<&String> = words(&text).iter().filter_map(|w| english_only.get(w).copied()).collect();
        assert!(found.is_empty(), "English in the {lang} report: {found:?}\n{text}");
        assert!(words(&text).contains(Phrase::Attendances.text(if lang == "fi" {
            Language::Fi
        } else {
            Language::Sv
        })));
    }
}
