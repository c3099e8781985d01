//! `report --format json`: every figure one flat object, the output valid
//! against the committed `schema/summary.schema.json`, and the meetings the
//! sources state in the participation rows.

use std::path::Path;
use std::process::Command;

use childwelfare::aggregate::{Aggregator, Dimension};
use childwelfare::{Document, EventStatus, Project, data, report};
use serde_json::Value;

use crate::common::{Scratch, root, schema_errors, write_corpus};

/// A validator for the committed summary schema, checking formats too.
fn summary_validator() -> jsonschema::Validator {
    let path = root().join("schema").join(childwelfare::schema::SUMMARY_FILE_NAME);
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::options().should_validate_formats(true).build(&schema).expect("the summary schema compiles")
}

/// `childwelfare report --format json` with `args`, parsed.
fn report_json(args: &[&str], dir: &Path) -> Value {
    let output = Command::new(env!("CARGO_BIN_EXE_childwelfare"))
        .args(["report", "--format", "json"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the binary runs");
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("the report is JSON")
}

/// The paths of the objects of `json` that hold a figure in the document
/// model's nested JSON (`{"low": {"value": …}}`, `{"value": {"value": …}}`)
/// or a figure without the text a person reads.
fn nested_figures(json: &Value, path: &str, found: &mut Vec<String>) {
    match json {
        Value::Object(object) => {
            let nested =
                ["low", "high", "value", "euros"].iter().any(|key| object.get(*key).is_some_and(Value::is_object));
            let without_text = object.contains_key("exactness") && !object.contains_key("text");
            if nested || without_text {
                found.push(format!("{path}: {json}"));
            }
            object.iter().for_each(|(key, value)| nested_figures(value, &format!("{path}.{key}"), found));
        }
        Value::Array(items) => {
            items
                .iter()
                .enumerate()
                .for_each(|(index, value)| nested_figures(value, &format!("{path}[{index}]"), found));
        }
        _ => {}
    }
}

/// Asserts that every figure of `json` is one flat object with its text.
fn assert_flat(json: &Value) {
    let mut found = Vec::new();
    nested_figures(json, "", &mut found);
    assert_eq!(found, Vec::<String>::new());
}

#[test]
fn report_json_on_the_seed_data_and_a_generated_corpus_is_valid_against_the_committed_schema() {
    let validator = summary_validator();
    let scratch = Scratch::new("summary-json");
    let corpus = scratch.join("corpus.jsonl");
    write_corpus(&corpus, 25, None);
    let corpus = corpus.display().to_string();
    for args in [vec!["data/"], vec!["--explain", "data/"], vec![corpus.as_str()], vec!["--explain", corpus.as_str()]] {
        let json = report_json(&args, root());
        assert_eq!(schema_errors(&validator, &json), Vec::<String>::new(), "{args:?}");
        assert_flat(&json);
        let explained = json["participation"][0]["rows"][0]["attendances"].get("derivation").is_some();
        assert_eq!(explained, args.contains(&"--explain"), "{args:?}");
    }
    // Past the per-project limit: the tables left out say so, and the
    // summary is still valid.
    let generator = childwelfare::corpus::Generator::new(1);
    let mut aggregator = Aggregator::new().per_project_limit(2).explain(true);
    (0..3).for_each(|index| aggregator.add(&generator.document(index)));
    let summary = aggregator.finish();
    for explain in [false, true] {
        let json: Value = serde_json::from_str(&report::render(&summary, report::Format::Json, explain)).unwrap();
        assert_eq!(schema_errors(&validator, &json), Vec::<String>::new());
        assert_flat(&json);
        let omitted = serde_json::json!({"limit": 2, "projects": 3});
        assert_eq!(json["staffing"], omitted);
        // The money and judgements by project say so too, beside the rows kept.
        for table in ["funding", "achievement"] {
            assert_eq!(json[table]["per_project"], omitted, "{table}");
            assert!(json[table]["complete"].is_array(), "{table}");
        }
        assert_eq!(json["funding"]["complete"].as_array().unwrap().len(), summary.funding.complete.len());
    }
}

#[test]
fn each_figure_is_one_flat_object_with_its_text() {
    let summary = childwelfare::aggregate::summarise(&data::seed(), true);
    let json: Value = serde_json::from_str(&report::render(&summary, report::Format::Json, true)).unwrap();
    let rows = |dimension: Dimension| {
        json["participation"].as_array().unwrap().iter().find(|t| t["dimension"] == dimension.code()).unwrap()["rows"]
            .as_array()
            .unwrap()
            .clone()
    };
    for (row, expected) in rows(Dimension::Project).iter().zip(summary.participation(Dimension::Project).unwrap()) {
        let Some(figure) = &expected.attendances else {
            assert!(row.get("attendances").is_none());
            continue;
        };
        let attendances = &row["attendances"];
        assert_eq!(attendances["low"], figure.value.low.value);
        assert_eq!(attendances["high"], figure.value.high.value);
        assert_eq!(attendances["text"], figure.value.to_string());
        if figure.value.low.exactness == figure.value.high.exactness {
            assert_eq!(attendances["exactness"], figure.value.low.exactness.code());
        } else {
            assert_eq!(attendances["low_exactness"], figure.value.low.exactness.code());
            assert_eq!(attendances["high_exactness"], figure.value.high.exactness.code());
        }
        assert_eq!(attendances["derivation"]["rule"], figure.derivation.as_ref().unwrap().rule);
    }
    let funding = &json["funding"];
    let rows = funding["complete"].as_array().unwrap().iter().chain(funding["per_project"].as_array().unwrap());
    for (row, expected) in rows.zip(summary.funding.rows().unwrap()) {
        let Some(amount) = &expected.amount else { continue };
        assert_eq!(row["amount"]["euros"], amount.value.euros.to_plain_string());
        assert_eq!(row["amount"]["exactness"], amount.value.exactness.code());
        assert_eq!(row["amount"]["text"], amount.value.to_string());
    }
}

/// The held events of `project` with `sessions` that no other such event of
/// `group` includes (through `part_of`), summed: the meetings of the group.
fn meetings(project: &Project, group: impl Fn(&childwelfare::Event) -> bool) -> u64 {
    let counted = |id: &str| {
        project.events.iter().any(|e| e.id == id && e.status == EventStatus::Held && e.sessions.is_some() && group(e))
    };
    project
        .events
        .iter()
        .filter(|e| e.status == EventStatus::Held && group(e))
        .filter_map(|e| {
            let mut parent = e.part_of.as_ref();
            let mut seen = 0;
            while let Some(id) = parent {
                if counted(id.as_str()) || seen > project.events.len() {
                    return None;
                }
                seen += 1;
                parent = project.events.iter().find(|p| p.id == *id).and_then(|p| p.part_of.as_ref());
            }
            e.sessions.map(|s| s.value)
        })
        .sum()
}

#[test]
fn the_meetings_the_sources_state_reach_the_report() {
    let Some(Document::Project(tl)) =
        data::seed().into_iter().find(|d| matches!(d, Document::Project(p) if p.id == "tulevaisuuden-lastensuojelu"))
    else {
        panic!("the seed data holds Tulevaisuuden lastensuojelu");
    };
    let nvr = tl.events.iter().find(|e| e.id == "tl-ev-iu-nvr-group").expect("the NVR parents' group");
    let stated = nvr.sessions.expect("the NVR group states its meetings");
    let theme = nvr.themes[0];
    let summary = childwelfare::aggregate::summarise(&[Document::Project(tl.clone())], true);
    // By theme, the group's meetings are among those of its theme.
    let row = summary.participation(Dimension::Theme).unwrap().find(|r| r.group.key == theme.code()).unwrap();
    let sessions = row.sessions.as_ref().expect("the theme's meetings");
    assert_eq!(sessions.value.value, meetings(&tl, |e| e.themes.contains(&theme)));
    let derivation = sessions.derivation.as_ref().unwrap();
    let record = format!("{}/{} = {stated} [{}]", tl.id, nvr.id, nvr.sources[0].document);
    assert!(derivation.records.contains(&record), "{derivation}");
    // By project, all the project's meetings.
    let row = summary.participation(Dimension::Project).unwrap().next().unwrap();
    assert_eq!(row.sessions.as_ref().map(|f| f.value.value), Some(meetings(&tl, |_| true)));
    // And in every format of the report.
    let json: Value = serde_json::from_str(&report::render(&summary, report::Format::Json, false)).unwrap();
    let theme_table =
        json["participation"].as_array().unwrap().iter().find(|t| t["dimension"] == "theme").unwrap().clone();
    let theme_row = theme_table["rows"].as_array().unwrap().iter().find(|r| r["group"]["key"] == theme.code()).unwrap();
    assert_eq!(theme_row["sessions"]["value"], sessions.value.value);
    let text = report::render(&summary, report::Format::Text, false);
    assert!(text.contains("meetings"), "{text}");
}

/// The flat object of a bare figure: `{"low", "high", "exactness", "text"}`
/// for a total whose ends have the same exactness (as the tests' figures do).
fn flat_total(total: childwelfare::Total) -> Value {
    assert_eq!(total.low.exactness, total.high.exactness);
    serde_json::json!({"low": total.low.value, "high": total.high.value,
        "exactness": total.low.exactness.code(), "text": total.to_string()})
}

fn flat_count(count: childwelfare::Count) -> Value {
    serde_json::json!({"value": count.value, "exactness": count.exactness.code(), "text": count.to_string()})
}

fn flat_money(money: childwelfare::Money) -> Value {
    serde_json::json!({"euros": money.euros.to_plain_string(), "exactness": money.exactness.code(), "text": money.to_string()})
}

#[test]
fn the_figures_that_are_not_explained_are_flat_too() {
    let generator = childwelfare::corpus::Generator::new(3);
    let mut documents: Vec<Document> = (0..25).map(|index| generator.document(index)).collect();
    // Targets on the first output of each project, dated and with a remark on some.
    for (index, document) in documents.iter_mut().enumerate() {
        let Document::Project(project) = document else { continue };
        let Some(output) = project.outputs.first_mut() else { continue };
        let mut target = childwelfare::DatedCount::new(childwelfare::Count::at_least(10 + index as u64));
        if index % 2 == 0 {
            target.date = Some("2024-12".parse().unwrap());
            target.note = Some(childwelfare::Text::fi("tavoite"));
        }
        output.target = Some(target);
    }
    let summary = childwelfare::aggregate::summarise(&documents, false);
    let json: Value = serde_json::to_value(&summary).unwrap();
    let or_null = |value: Option<Value>| value.unwrap_or(Value::Null);
    assert_eq!(json["attendances"], or_null(summary.attendances.map(flat_total)));
    for (table, expected) in json["participation"].as_array().unwrap().iter().zip(&summary.participation) {
        assert_eq!(table.get("total").cloned(), expected.total.map(flat_total));
    }
    for (row, expected) in json["project_rows"].as_array().unwrap().iter().zip(summary.project_rows.rows().unwrap()) {
        assert_eq!(row["attendances"], or_null(expected.attendances.map(flat_total)));
        assert_eq!(row["outputs"], or_null(expected.outputs.map(flat_count)));
        assert_eq!(row["budget"], or_null(expected.budget.map(flat_money)));
        assert_eq!(row["state_grant"], or_null(expected.state_grant.map(flat_money)));
    }
    let targets = summary.targets.rows().unwrap();
    assert!(!targets.is_empty(), "the generated corpus states targets");
    for (row, expected) in json["targets"].as_array().unwrap().iter().zip(targets) {
        let mut target = flat_count(expected.target.value);
        if let Some(date) = expected.target.date {
            target["date"] = serde_json::to_value(date).unwrap();
        }
        if let Some(note) = &expected.target.note {
            target["note"] = serde_json::to_value(note).unwrap();
        }
        assert_eq!(row["target"], target);
        assert_eq!(row["actual"], or_null(expected.actual.map(flat_count)));
    }
    for (row, expected) in json["assessments"].as_array().unwrap().iter().zip(summary.assessments.rows().unwrap()) {
        assert_eq!(row["occasions"], or_null(expected.occasions.map(flat_count)));
        let participation = expected.participation.map(|p| {
            let mut figures = serde_json::Map::new();
            p.attendances.map(|c| figures.insert("attendances".into(), flat_count(c)));
            p.distinct_people.map(|c| figures.insert("distinct_people".into(), flat_count(c)));
            Value::Object(figures)
        });
        assert_eq!(row["participation"], or_null(participation));
    }
    for (row, expected) in json["programme_totals"].as_array().unwrap().iter().zip(&summary.programme_totals) {
        assert_eq!(row["stated_funding"], or_null(expected.stated_funding.map(flat_money)));
        assert_eq!(row["attendances"], or_null(expected.attendances.map(flat_total)));
    }
    assert_flat(&json);
    assert_eq!(schema_errors(&summary_validator(), &json), Vec::<String>::new());
    // The document model keeps its own JSON.
    assert_eq!(serde_json::to_value(childwelfare::Count::exact(3)).unwrap(), serde_json::json!({"value": 3}));
}
