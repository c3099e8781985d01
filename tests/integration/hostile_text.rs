//! Texts from documents that would change the output around them: formulas
//! in CSV cells, table breaks and HTML in Markdown, escape sequences on a
//! terminal. Each output keeps them as text.

use childwelfare::validation::Diagnostic;
use childwelfare::{Document, Language, Text, aggregate, data, report};

/// A text with everything that could break a table, a renderer or a terminal.
const HOSTILE: &str =
    "A|B\nC <script>alert(1)</script> \u{1b}[31mred\u{1b}[0m & *x* _y_ `z` [l](http://e) \\|\u{7}\u{85}";

fn hostile_summary() -> aggregate::Summary {
    let mut lumo = data::lumo();
    lumo.name = Text::fi(HOSTILE);
    for objective in &mut lumo.objectives {
        objective.statement = Text::fi(HOSTILE);
    }
    for implementer in &mut lumo.implementers {
        implementer.name = Some(Text::fi(format!("{HOSTILE} {}", implementer.id)));
    }
    for work_package in &mut lumo.work_packages {
        work_package.title = Text::fi(HOSTILE);
    }
    for event in &mut lumo.events {
        event.title = Some(Text::fi(HOSTILE));
    }
    let mut documents = data::seed();
    documents.retain(|d| !matches!(d, Document::Project(p) if p.id == "lumo"));
    documents.push(Document::from(lumo));
    aggregate::summarise(&documents, true)
}

/// The `|` that separate the cells of a Markdown table line (those after a
/// backslash are text).
fn separators(line: &str) -> usize {
    let (mut count, mut chars) = (0, line.chars());
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '|' => count += 1,
            _ => {}
        }
    }
    count
}

#[test]
fn markdown_keeps_every_text_in_its_cell_and_lets_no_html_through() {
    let summary = hostile_summary();
    for explain in [false, true] {
        let markdown = report::render(&summary, report::Format::Markdown, explain);
        assert!(markdown.contains(r"A\|B C &lt;script&gt;alert(1)&lt;/script&gt;"), "{markdown}");
        assert!(markdown.contains(r"&amp; \*x\* \_y\_ \`z\` \[l\](http://e) \\\|"), "{markdown}");
        assert!(!markdown.contains('<') && !markdown.contains('>'), "{markdown}");
        assert!(!markdown.chars().any(|c| c.is_control() && c != '\n'), "{markdown}");
        let mut tables = 0;
        for block in markdown.split("\n\n") {
            let lines: Vec<&str> = block.lines().filter(|line| line.starts_with('|')).collect();
            let Some(header) = lines.first() else { continue };
            tables += 1;
            for line in &lines {
                assert_eq!(separators(line), separators(header), "{line}");
            }
        }
        assert!(tables >= 10, "{markdown}");
    }
}

#[test]
fn text_output_shows_control_characters_instead_of_sending_them_to_the_terminal() {
    let summary = hostile_summary();
    for explain in [false, true] {
        let text = report::render(&summary, report::Format::Text, explain);
        assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text}");
        assert!(text.contains(r"A|B\nC <script>alert(1)</script> \u{1b}[31mred\u{1b}[0m"), "{text}");
        // Each project is one line of its table.
        let projects = text.split("\n\n").find(|t| t.starts_with("Projects side by side\n")).unwrap();
        assert_eq!(projects.lines().count(), 3 + summary.project_rows.len(), "{projects}");
    }
}

#[test]
fn a_diagnostic_shows_control_characters_it_quotes() {
    let json = r#"{"document_type": "project", "schema_version": "1.1", "id": "demo", "name": {"fi": "x"},
        "status": "ended", "\u001b[2J\u001b[31mfake": 1}"#;
    let error = Document::from_json(json).unwrap_err();
    let shown: Vec<String> =
        Diagnostic::from_parse_problems(&error, Some("demo\u{7}.json")).iter().map(ToString::to_string).collect();
    assert!(shown[0].starts_with(r"demo\u{7}.json:2:"), "{shown:?}");
    assert!(shown[0].contains(r"unknown field `\u{1b}[2J\u{1b}[31mfake`"), "{shown:?}");
    assert!(shown.iter().all(|line| !line.chars().any(char::is_control)), "{shown:?}");
}
