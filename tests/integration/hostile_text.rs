//! Texts from documents that would change the output around them: formulas
//! in CSV cells, table breaks and HTML in Markdown, escape sequences on a
//! terminal. Each output keeps them as text.

use childwelfare::export::{self, Cell, Table};
use childwelfare::validation::Diagnostic;
use childwelfare::{Document, Language, Text, aggregate, data, report};

/// The characters that make a spreadsheet run a cell as a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The string values of `value` with their JSON Pointers.
fn strings(value: &serde_json::Value, pointer: String, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(_) => out.push(pointer),
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                strings(item, format!("{pointer}/{i}"), out);
            }
        }
        serde_json::Value::Object(map) => {
            for (key, item) in map {
                strings(item, format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        _ => {}
    }
}

/// `document` with every string the model accepts so starting with a
/// formula character (the six in turn): all are changed, then those the
/// parser rejects are put back until the document parses.
fn with_formulas(document: &Document) -> Document {
    let original = serde_json::to_value(document).unwrap();
    let mut pointers = Vec::new();
    strings(&original, String::new(), &mut pointers);
    let mut hostile = original.clone();
    for (i, pointer) in pointers.iter().enumerate() {
        if let Some(serde_json::Value::String(text)) = hostile.pointer_mut(pointer) {
            text.insert(0, FORMULA_STARTS[i % FORMULA_STARTS.len()]);
        }
    }
    for _ in 0..50 {
        let error = match Document::from_json(&hostile.to_string()) {
            Ok(document) => return document,
            Err(error) => error,
        };
        for problem in error.problems() {
            let pointer = problem.pointer();
            assert!(!pointer.is_empty(), "{problem}");
            *hostile.pointer_mut(&pointer).unwrap() = original.pointer(&pointer).unwrap().clone();
        }
    }
    panic!("the document does not parse after 50 rounds");
}

fn csv(rows: &[export::Row], raw: bool) -> Vec<csv::StringRecord> {
    let mut writer = export::CsvWriter::new(Vec::new()).raw_text(raw);
    for row in rows {
        writer.write(row).unwrap();
    }
    let bytes = writer.finish().unwrap();
    csv::Reader::from_reader(bytes.as_slice()).records().map(Result::unwrap).collect()
}

#[test]
fn no_csv_cell_of_any_table_starts_a_formula_unless_raw_text_is_asked() {
    let documents: Vec<Document> = data::seed().iter().map(with_formulas).collect();
    for table in Table::ALL {
        let rows: Vec<export::Row> = documents.iter().flat_map(|d| export::rows(d, table, Language::Fi)).collect();
        let texts = |row: &export::Row| -> Vec<String> {
            row.columns().map(|column| row.get(column).unwrap().to_string()).collect()
        };
        let hostile = rows
            .iter()
            .flat_map(|row| row.columns().map(|c| row.get(c).unwrap()))
            .filter(|cell| matches!(cell, Cell::Text(text) if text.starts_with(FORMULA_STARTS)))
            .count();
        assert!(hostile > 0, "{table}: the test document has no text starting with a formula character");

        let guarded = csv(&rows, false);
        let raw = csv(&rows, true);
        assert_eq!((guarded.len(), raw.len()), (rows.len(), rows.len()), "{table}");
        for ((row, guarded), raw) in rows.iter().zip(&guarded).zip(&raw) {
            for (((column, text), guarded), raw) in row.columns().zip(texts(row)).zip(guarded).zip(raw) {
                assert!(!guarded.starts_with(FORMULA_STARTS), "{table}.{column}: {guarded:?}");
                assert_eq!(raw, text, "{table}.{column}: raw text is written unchanged");
                match row.get(column).unwrap() {
                    Cell::Text(text) if text.starts_with(FORMULA_STARTS) => {
                        assert_eq!(guarded, format!("'{text}"), "{table}.{column}");
                    }
                    _ => assert_eq!(guarded, text, "{table}.{column}: only such texts change"),
                }
            }
        }

        // JSON is not a spreadsheet format: its texts are as they are.
        let mut json = export::JsonWriter::new(Vec::new());
        for row in &rows {
            json.write(row).unwrap();
        }
        let written: serde_json::Value = serde_json::from_slice(&json.finish().unwrap()).unwrap();
        assert_eq!(written, serde_json::to_value(&rows).unwrap(), "{table}");
    }
}

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
        assert!(text.lines().all(|line| line.chars().count() <= report::DEFAULT_WIDTH), "{text}");
        // Without a width, each project is one line of its table.
        let options = report::Options::new(report::Format::Text).explain(explain).unlimited_width();
        let text = report::render_with(&summary, &options);
        let projects = text.split("\n\n").find(|t| t.starts_with("Projects side by side\n")).unwrap();
        assert_eq!(projects.lines().count(), 3 + summary.project_rows.rows().unwrap().len(), "{projects}");
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

#[cfg(feature = "html")]
#[test]
fn html_shows_hostile_text_as_text_and_runs_none_of_it() {
    let summary = hostile_summary();
    for explain in [false, true] {
        let page = crate::html::html(&summary, Language::En, explain);
        // Text, never markup: no script element, no attribute broken out of.
        assert!(!page.contains("<script"), "{page}");
        assert!(!page.contains("alert(1)</"), "{page}");
        // Control characters (which HTML does not allow) shown as in the text report.
        assert!(!page.chars().any(|c| c.is_control() && c != '\n'), "control characters in the page");
        let tags = crate::html::tags(&page);
        let shown =
            r"A|B\nC <script>alert(1)</script> \u{1b}[31mred\u{1b}[0m & *x* _y_ `z` [l](http://e) \|\u{7}\u{85}";
        // The project's name is a row heading and a chart label, exactly as written.
        let texts: Vec<&str> = tags.iter().map(|(_, text)| text.as_str()).collect();
        assert!(texts.contains(&shown), "{shown}");
        assert!(tags.iter().any(|(tag, text)| tag.name == "text" && shown.starts_with(text.trim_end_matches('…'))));
        // No tag or attribute comes from a text: no handler, no link out of the page.
        assert!(tags.iter().all(|(tag, _)| tag.name != "script"));
        for (tag, _) in &tags {
            for (name, value) in &tag.attributes {
                assert!(!name.starts_with("on"), "{tag:?}");
                if name == "href" {
                    assert!(value.starts_with('#') || value == "data:,", "{tag:?}");
                }
            }
        }
    }
}
