//! `report --format html`: the library's page, to a file or standard output.

use std::process::Command;

use childwelfare::aggregate::Aggregator;
use childwelfare::{Language, data, report};

use crate::common::{Scratch, root};

#[test]
fn report_format_html_writes_the_page_to_a_file_in_finnish_unless_asked() {
    let dir = Scratch::new("html-output");
    let file = dir.join("report.html");
    let run = |args: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_childwelfare"))
            .args(args)
            .current_dir(root())
            .output()
            .expect("the binary runs");
        assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
        output
    };
    let output = run(&["report", "--format", "html", "--output", file.to_str().unwrap()]);
    assert!(output.stdout.is_empty());
    let written = std::fs::read_to_string(&file).unwrap();
    // The default language, Finnish, as the library writes it from the seed data.
    let mut aggregator = Aggregator::new().language(Language::Fi);
    data::seed().iter().for_each(|document| aggregator.add(document));
    assert_eq!(
        written,
        report::render_with(&aggregator.finish(), &report::Options::new(report::Format::Html).language(Language::Fi))
    );
    assert!(written.contains("<html lang=\"fi\">"));
    // In Swedish, with the derivations, to standard output.
    let output = run(&["report", "--format", "html", "--lang", "sv", "--explain"]);
    let page = String::from_utf8(output.stdout).unwrap();
    assert!(page.contains("<html lang=\"sv\">") && page.contains("<details class=\"derivations\">"));
}
