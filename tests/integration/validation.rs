//! Validation: for every rule, a valid document broken in exactly that way
//! gives that rule's code, severity and pointer, and nothing else; the seed
//! data has no errors; random valid documents pass and random single
//! mutations are caught.

use std::collections::BTreeSet;

use childwelfare::Document;
use childwelfare::validation::{self, RULES, Report, Severity};
use proptest::prelude::*;
use serde_json::{Value, json};

use crate::common::{RECORD_LISTS, data_files};

/// A small project that breaks no rule.
pub(crate) fn base() -> Value {
    json!({
        "document_type": "project",
        "schema_version": "1.0",
        "id": "p",
        "name": {"fi": "Hanke"},
        "programme": "prog",
        "status": "ended",
        "period": {"start": "2020-08-01", "end": "2022-12-31"},
        "collaborative_area": "eastern_finland",
        "working_area": {"counties": ["etela_savo", "keski_suomi"]},
        "implementers": [
            {"id": "admin", "name": {"fi": "Hallinnoija"}, "kind": "competence_centre", "roles": ["administrator"], "business_id": "0245437-2"},
            {"id": "org-b", "name": {"fi": "Osatoteuttaja"}, "kind": "municipality", "roles": ["co_implementer"], "counties": ["keski_suomi"]},
            {"id": "stm", "name": {"fi": "STM"}, "kind": "ministry", "roles": ["funder"]}
        ],
        "funding": {
            "funder": "stm",
            "total": {"euros": "100000.00"},
            "parts": [
                {"kind": "state_grant", "share": 80, "amount": {"euros": "80000.00"}},
                {"kind": "self_financing", "share": 20, "paid_by": ["admin", "org-b"]}
            ]
        },
        "staffing": [{"implementer": "admin", "role": {"fi": "koordinaattori"}, "posts": 1, "share_of_full_time": 50, "period": {"start": "2021", "end": "2022"}}],
        "contacts": [{"name": "N.N.", "organisation": "admin", "email": "nn@example.fi"}],
        "record_dates": {"created": "2022-02-22", "last_modified": "2022-12-19"},
        "work_packages": [
            {"id": "wp-1", "number": "1", "title": {"fi": "Yksi"}},
            {"id": "wp-2", "number": "2", "title": {"fi": "Kaksi"}}
        ],
        "objectives": [
            {"id": "aim", "level": "overall_aim", "statement": {"fi": "Päämäärä"}},
            {"id": "o-1", "level": "objective", "parent": "aim", "statement": {"fi": "Tavoite 1"}, "work_packages": ["wp-1"]},
            {"id": "o-2", "level": "objective", "parent": "aim", "statement": {"fi": "Tavoite 2"}, "work_packages": ["wp-2"]}
        ],
        "events": [
            {"id": "e-total", "participation": {"attendances": {"value": 30}}, "parts_complete": true, "counties": ["etela_savo"]},
            {"id": "e-a", "kinds": ["webinar"], "part_of": "e-total", "participation": {"attendances": {"value": 10}, "distinct_people": {"value": 8}}, "period": {"start": "2021-03", "end": "2021-03"}},
            {"id": "e-b", "kinds": ["training"], "part_of": "e-total", "participation": {"attendances": {"value": 20}}, "work_packages": ["wp-2"], "objectives": ["o-2"]},
            {"id": "e-c", "kinds": ["webinar"], "status": "cancelled"}
        ],
        "outputs": [
            {"id": "out-articles", "kind": "article", "count": {"value": 2}, "parts_complete": true},
            {"id": "out-a1", "kind": "article", "part_of": "out-articles", "date": "2022"},
            {"id": "out-a2", "kind": "article", "part_of": "out-articles", "sources": [{"document": "src", "section": "Tuotokset"}]}
        ],
        "measures": [{"id": "m-1", "kind": "result", "description": {"fi": "kouluttajat"}, "value": {"value": 8}, "unit": {"en": "trainers"}}],
        "assessments": [
            {"id": "as-1", "source": "final_report", "period": {"start": "2022-12"}, "judgements": [
                {"objective": "aim", "rating": "achieved"},
                {"objective": "o-1", "rating": "partly_achieved"},
                {"objective": "o-2", "rating": "not_achieved"}
            ]}
        ],
        "factors": [{"id": "f-1", "kind": "covid19", "effect": "hindered", "description": {"fi": "Korona"}, "assessment": "as-1"}],
        "lessons": [{"id": "l-1", "statement": {"fi": "Oppi"}, "regional_part": "rp-1"}],
        "recommendations": [{"id": "r-1", "statement": {"fi": "Suositus"}, "assessment": "as-1"}],
        "regional_parts": [{"id": "rp-1", "name": {"fi": "Alue"}, "counties": ["keski_suomi"], "period": {"start": "2021", "end": "2022"}, "implementer": "org-b", "work_packages": ["wp-1"]}],
        "source_documents": [{"id": "src", "title": {"fi": "Loppuraportti"}, "kind": "final_report"}],
        "sources": [{"document": "src", "section": "Johdanto"}]
    })
}

pub(crate) fn programme() -> Value {
    json!({
        "document_type": "programme",
        "schema_version": "1.0",
        "id": "prog",
        "name": {"fi": "Ohjelma"},
        "funder": {"fi": "STM"},
        "projects": [{"id": "p", "name": {"fi": "Hanke"}, "collaborative_area": "eastern_finland", "administrator": {"fi": "Hallinnoija"}, "document": "p.json"}]
    })
}

fn document(value: &Value) -> Document {
    Document::from_json(&value.to_string()).unwrap_or_else(|e| panic!("test document does not parse: {e}\n{value:#}"))
}

pub(crate) fn validate(values: &[Value]) -> Report {
    let documents: Vec<Document> = values.iter().map(document).collect();
    validation::validate_documents(&documents)
}

/// Asserts that `validate_files` finds in `values`, given as the lines of
/// one JSON Lines file (each project digested for the rules across
/// documents on the thread that parsed it, then dropped), what
/// [`validate`] finds in them as documents, each diagnostic with its place
/// (the lines of every document a repeated id names).
pub(crate) fn assert_found_alike_in_lines(name: &str, values: &[Value]) {
    let dir = crate::common::Scratch::new(&format!("lines-{name}"));
    let path = dir.join("corpus.jsonl");
    let text: String = values.iter().map(|value| format!("{value}\n")).collect();
    std::fs::write(&path, text).unwrap();
    let found = validation::validate_files(&childwelfare::load::walk(&[&path]).unwrap());
    let what = |d: &validation::Diagnostic| (d.code.clone(), d.pointer.clone(), d.message.clone(), d.document.clone());
    let mut in_lines: Vec<_> = found.report.diagnostics.iter().map(what).collect();
    let mut expected: Vec<_> = validate(values).diagnostics.iter().map(what).collect();
    in_lines.sort();
    expected.sort();
    assert_eq!(in_lines, expected, "{name}");
    assert!(found.report.diagnostics.iter().all(|d| d.file.as_deref().is_some_and(|f| f.contains(".jsonl"))));
}

/// Sets the value at `pointer`, adding the last key to its object if needed.
pub(crate) fn set(value: &mut Value, pointer: &str, new: Value) {
    let (parent, key) = pointer.rsplit_once('/').expect("a pointer");
    let parent = value.pointer_mut(parent).unwrap_or_else(|| panic!("no {parent}"));
    match parent {
        Value::Array(items) => items[key.parse::<usize>().expect("an index")] = new,
        Value::Object(map) => {
            map.insert(key.to_owned(), new);
        }
        _ => panic!("{pointer} is inside a scalar"),
    }
}

#[test]
fn the_base_documents_break_no_rule() {
    let report = validate(&[base(), programme()]);
    assert!(report.diagnostics.is_empty(), "{report}");
    assert_eq!(report.documents, 2);
    assert!(report.not_run.is_empty(), "{report}");
}

#[test]
fn the_seed_data_has_no_errors_and_only_explained_warnings() {
    let documents: Vec<Document> =
        data_files().iter().map(|path| Document::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()).collect();
    let report = validation::validate_documents(&documents);
    assert_eq!(report.error_count(), 0, "{report}");
    // Tulevaisuuden lastensuojelu's sources give no judgement per objective
    // (they are in the evaluation's final report, which is not a source here).
    let warnings: BTreeSet<(&str, Option<&str>)> =
        report.diagnostics.iter().map(|d| (d.code.as_str(), d.document.as_deref())).collect();
    assert_eq!(warnings, BTreeSet::from([("assessment.objective_unjudged", Some("tulevaisuuden-lastensuojelu"))]));
    assert_eq!(report.warning_count(), 10);
    let not_run: Vec<&str> = report.not_run.iter().map(|n| n.code.as_str()).collect();
    assert_eq!(not_run, ["cross.programme_totals"]);
}

/// A single-document case: mutate the base, expect exactly one diagnostic.
struct Case {
    code: &'static str,
    pointer: &'static str,
    mutate: fn(&mut Value),
    message: Option<&'static str>,
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            code: "id.duplicate",
            pointer: "/measures/1/id",
            message: Some("measure id `m-1` is already used by /measures/0"),
            mutate: |v| {
                let m = v["measures"][0].clone();
                v["measures"].as_array_mut().unwrap().push(m);
            },
        },
        Case {
            code: "ref.unresolved",
            pointer: "/objectives/1/work_packages/0",
            message: Some("objective `o-1` refers to work package `wp-9`, which does not exist"),
            mutate: |v| set(v, "/objectives/1/work_packages/0", json!("wp-9")),
        },
        Case {
            code: "ref.cycle",
            pointer: "/events/0/part_of",
            message: Some("`part_of` goes round in a circle: /events/0 → /events/1 → back to the start"),
            mutate: |v| set(v, "/events/0/part_of", json!("e-a")),
        },
        Case {
            code: "ref.objective_level",
            pointer: "/objectives/1/parent",
            message: None,
            mutate: |v| set(v, "/objectives/1/level", json!("overall_aim")),
        },
        Case {
            code: "ref.overlap_and_part_of",
            pointer: "/events/1/possible_overlaps/0/with",
            message: None,
            mutate: |v| set(v, "/events/1/possible_overlaps", json!([{"with": "e-total"}])),
        },
        Case {
            code: "org.administrator_count",
            pointer: "/implementers",
            message: Some("a project has exactly one administrator; found 2 (`admin`, `org-b`)"),
            mutate: |v| set(v, "/implementers/1/roles", json!(["co_implementer", "administrator"])),
        },
        Case {
            code: "org.no_funder",
            pointer: "/implementers",
            message: Some("no implementer has the funder role"),
            mutate: |v| set(v, "/implementers/2/roles", json!(["partner"])),
        },
        Case {
            code: "org.unnamed_without_region",
            pointer: "/implementers/1",
            message: Some(
                "implementer `org-b` has neither a name nor counties; an organisation the source does not name needs the region it is known by",
            ),
            mutate: |v| {
                let org = v["implementers"][1].as_object_mut().unwrap();
                org.remove("name");
                org.remove("counties");
            },
        },
        Case {
            code: "org.no_roles",
            pointer: "/implementers/1/roles",
            message: None,
            mutate: |v| set(v, "/implementers/1/roles", json!([])),
        },
        Case {
            code: "org.duplicate_role",
            pointer: "/implementers/1/roles/1",
            message: None,
            mutate: |v| set(v, "/implementers/1/roles", json!(["co_implementer", "co_implementer"])),
        },
        Case {
            code: "org.county_outside_area",
            pointer: "/events/0/counties/0",
            message: Some(
                "event `e-total` names Lapland (lappi), which belongs to the Northern Finland collaborative area, not the Eastern Finland collaborative area",
            ),
            mutate: |v| set(v, "/events/0/counties", json!(["lappi"])),
        },
        Case {
            code: "funding.funder_role",
            pointer: "/funding/funder",
            message: None,
            mutate: |v| set(v, "/funding/funder", json!("org-b")),
        },
        Case {
            code: "funding.shares_total",
            pointer: "/funding/parts",
            message: Some("the funding shares add up to 110 % (80 % + 30 %), more than 100 %"),
            mutate: |v| set(v, "/funding/parts/1/share", json!(30)),
        },
        Case {
            code: "funding.parts_total",
            pointer: "/funding/parts",
            message: Some(
                "the funding parts add up to 105 000 € (80 000 € + 25 000 €) but the total is 100 000 €; difference 5 000 €",
            ),
            mutate: |v| {
                v["funding"]["parts"][1].as_object_mut().unwrap().remove("share");
                v["funding"]["parts"][0].as_object_mut().unwrap().remove("share");
                set(v, "/funding/parts/1/amount", json!({"euros": "25000.00"}));
            },
        },
        Case {
            code: "funding.amount_share_mismatch",
            pointer: "/funding/parts/0",
            message: Some(
                "the state grant of 7 503 € is 75.03 % of 10 000 €, stated as 75 %; 75 % would be 7 500 €, 3 € less",
            ),
            mutate: |v| {
                set(v, "/funding/total", json!({"euros": "10000"}));
                set(v, "/funding/parts/0/share", json!(75));
                set(v, "/funding/parts/1/share", json!(25));
                set(v, "/funding/parts/0/amount", json!({"euros": "7503"}));
            },
        },
        Case {
            code: "funding.amount_share_conflict",
            pointer: "/funding/parts/0",
            message: Some(
                "the state grant of 70 000 € is 70 % of 100 000 €, stated as 80 %; 80 % would be 80 000 €, 10 000 € more, beyond what 80 % can be a rounding of (79.5–80.5 %)",
            ),
            mutate: |v| set(v, "/funding/parts/0/amount", json!({"euros": "70000.00"})),
        },
        Case {
            code: "funding.regional_parts_exceed",
            pointer: "/regional_parts",
            message: Some(
                "the budgets of the regional parts included in the project's budget add up to 150 000 € but the project's total is 100 000 €; difference 50 000 €",
            ),
            mutate: |v| {
                set(v, "/regional_parts/0/funding", json!({"total": {"euros": "150000"}}));
                set(v, "/regional_parts/0/budget_relation", json!("included_in_project"));
            },
        },
        Case {
            code: "funding.staffing_empty",
            pointer: "/staffing/0",
            message: None,
            mutate: |v| set(v, "/staffing/0/share_of_full_time", json!(0)),
        },
        Case {
            code: "dates.period_order",
            pointer: "/events/1/period",
            message: Some("event `e-a` starts 2022 but ends 2021"),
            mutate: |v| set(v, "/events/1/period", json!({"start": "2022", "end": "2021"})),
        },
        Case {
            code: "dates.outside_project",
            pointer: "/events/1/period",
            message: Some(
                "event `e-a` (2019-05 – 2019-06) is not inside the project's period (2020-08-01 – 2022-12-31)",
            ),
            mutate: |v| set(v, "/events/1/period", json!({"start": "2019-05", "end": "2019-06"})),
        },
        Case {
            code: "dates.milestone_order",
            pointer: "/milestones/1/date",
            message: Some("the grant decision is dated 2020-06 but the application submitted comes later, 2020-09"),
            mutate: |v| {
                set(
                    v,
                    "/milestones",
                    json!([{"kind": "application", "date": "2020-09"}, {"kind": "grant_decision", "date": "2020-06"}]),
                )
            },
        },
        Case {
            code: "dates.record_dates",
            pointer: "/record_dates/last_modified",
            message: None,
            mutate: |v| set(v, "/record_dates/last_modified", json!("2021-01-01")),
        },
        Case {
            code: "participation.total_mismatch",
            pointer: "/events/0/participation/attendances",
            message: Some(
                "the parts of event `e-total` (attendances) add up to 30 (10 (`e-a`) + 20 (`e-b`)) but the total is 31; difference 1",
            ),
            mutate: |v| set(v, "/events/0/participation/attendances/value", json!(31)),
        },
        Case {
            code: "participation.total_mismatch",
            pointer: "/outputs/0/count",
            message: Some(
                "the parts of output `out-articles` add up to 2 (1 (`out-a1`) + 1 (`out-a2`)) but the total is 3; difference 1",
            ),
            mutate: |v| set(v, "/outputs/0/count/value", json!(3)),
        },
        Case {
            code: "participation.total_inconsistent",
            pointer: "/events/0/participation/attendances",
            message: None,
            mutate: |v| {
                set(v, "/events/1/participation/attendances", json!({"value": 10, "exactness": "approximate"}));
                set(v, "/events/0/participation/attendances/value", json!(40));
            },
        },
        Case {
            code: "participation.people_exceed_attendances",
            pointer: "/events/1/participation/distinct_people",
            message: Some("event `e-a` reports 11 distinct people but only 10 attendances"),
            mutate: |v| set(v, "/events/1/participation/distinct_people/value", json!(11)),
        },
        Case {
            code: "participation.cancelled_with_participants",
            pointer: "/events/3",
            message: Some("event `e-c` is cancelled but reports 5 attendances"),
            mutate: |v| set(v, "/events/3/participation", json!({"attendances": {"value": 5}})),
        },
        Case {
            code: "assessment.objective_unjudged",
            pointer: "/objectives/2",
            message: Some("the project has ended but no assessment judges objective `o-2`"),
            mutate: |v| {
                v["assessments"][0]["judgements"].as_array_mut().unwrap().pop();
            },
        },
        Case {
            code: "assessment.duplicate_judgement",
            pointer: "/assessments/0/judgements/3",
            message: None,
            mutate: |v| {
                v["assessments"][0]["judgements"]
                    .as_array_mut()
                    .unwrap()
                    .push(json!({"objective": "o-1", "rating": "achieved"}));
            },
        },
        Case {
            code: "results.target_missed",
            pointer: "/measures/0/target",
            message: Some(
                "measure `m-1` reached 8 against a target of 10, and neither a note on the target nor a judgement of its objectives says so",
            ),
            mutate: |v| set(v, "/measures/0/target", json!({"value": {"value": 10}, "date": "2022-12"})),
        },
        Case {
            code: "text.empty",
            pointer: "/work_packages/0/title/fi",
            message: Some("the text is empty"),
            mutate: |v| set(v, "/work_packages/0/title/fi", json!("  ")),
        },
        Case {
            code: "text.numbering_duplicate",
            pointer: "/work_packages/1/number",
            message: None,
            mutate: |v| set(v, "/work_packages/1/number", json!("1")),
        },
        Case {
            code: "text.numbering_gap",
            pointer: "/work_packages",
            message: Some("work packages are numbered up to 3 but number 2 is missing"),
            mutate: |v| set(v, "/work_packages/1/number", json!("3")),
        },
        Case {
            code: "text.numbering_mixed",
            pointer: "/work_packages/1/number",
            message: None,
            mutate: |v| set(v, "/work_packages/1/number", json!("II")),
        },
        Case {
            code: "participation.groups_exceed_total",
            pointer: "/events/1/participant_groups",
            message: Some(
                "the participant groups of event `e-a` add up to 9 (5 + 4) distinct_people, more than the event's 8",
            ),
            mutate: |v| {
                set(
                    v,
                    "/events/1/participant_groups",
                    json!([
                        {"kind": "parents_and_families", "distinct_people": {"value": 5}},
                        {"kind": "professionals", "sector": "child_protection", "distinct_people": {"value": 4}},
                        {"kind": "experts_by_experience", "role": "leader", "distinct_people": {"value": 2}},
                        {"kind": "decision_makers"}
                    ]),
                )
            },
        },
        Case {
            code: "output.shared_projects",
            pointer: "/outputs/0/shared/projects",
            message: Some(
                "output `out-articles` is shared artefact `joint` but does not list its own project `p` among its projects",
            ),
            mutate: |v| set(v, "/outputs/0/shared", json!({"id": "joint", "projects": ["q"]})),
        },
        Case {
            code: "source.alternative_unsourced",
            pointer: "/objectives/1/alternatives/0",
            message: Some("the alternative statement of `statement` names no source"),
            mutate: |v| {
                set(v, "/objectives/1/alternatives", json!([{"field": "statement", "statement": {"fi": "Toisin"}}]))
            },
        },
    ]
}

#[test]
fn every_single_document_rule_is_caught_with_code_severity_and_pointer() {
    for case in cases() {
        let mut project = base();
        (case.mutate)(&mut project);
        let report = validate(&[project, programme()]);
        let rule = validation::rule(case.code).unwrap_or_else(|| panic!("{} is not in the rule table", case.code));
        assert_eq!(report.diagnostics.len(), 1, "{}: expected one diagnostic, got:\n{report}", case.code);
        let d = &report.diagnostics[0];
        assert_eq!(
            (d.code.as_str(), d.severity, d.pointer.as_str()),
            (case.code, rule.severity, case.pointer),
            "{report}"
        );
        assert_eq!(d.category, rule.category);
        assert_eq!(d.document.as_deref(), Some("p"));
        if let Some(message) = case.message {
            assert_eq!(d.message, message);
        }
    }
}

#[test]
fn a_dangling_source_reference_is_unresolved() {
    let mut project = base();
    set(&mut project, "/outputs/2/sources/0/document", json!("nowhere"));
    let report = validate(&[project]);
    let d: Vec<_> = report.with_code("ref.unresolved").collect();
    assert_eq!(d.len(), 1, "{report}");
    assert_eq!(d[0].pointer, "/outputs/2/sources/0/document");
}

#[test]
fn two_duplicated_ids_give_two_diagnostics_and_references_to_them_do_not_cascade() {
    let mut project = base();
    let lessons = project["lessons"].as_array_mut().unwrap();
    lessons.push(json!({"id": "l-1", "statement": {"fi": "Toinen"}}));
    lessons.push(json!({"id": "l-1", "statement": {"fi": "Kolmas"}}));
    let report = validate(&[project]);
    let pointers: Vec<&str> = report.with_code("id.duplicate").map(|d| d.pointer.as_str()).collect();
    assert_eq!(pointers, ["/lessons/1/id", "/lessons/2/id"]);
    assert_eq!(report.diagnostics.len(), 2, "{report}");
}

/// Cross-document cases: documents built from the base, exactly one diagnostic.
#[test]
fn every_cross_document_rule_is_caught() {
    type Build = fn() -> Vec<Value>;
    let cases: Vec<(&str, &str, Build)> = vec![
        ("cross.duplicate_document", "/id", || vec![base(), base(), programme()]),
        ("cross.duplicate_record", "/measures/0/id", || {
            let mut other = base();
            other["id"] = json!("q");
            other.as_object_mut().unwrap().remove("programme");
            for list in RECORD_LISTS.iter().filter(|&&l| l != "measures") {
                other.as_object_mut().unwrap().remove(*list);
            }
            other.as_object_mut().unwrap().remove("funding");
            other.as_object_mut().unwrap().remove("staffing");
            other.as_object_mut().unwrap().remove("contacts");
            vec![base(), other, programme()]
        }),
        ("cross.organisation_name", "/implementers/0/name", || {
            let mut other = base();
            other["id"] = json!("q");
            other.as_object_mut().unwrap().remove("programme");
            rename_records(&mut other);
            other["implementers"][0]["name"] = json!({"fi": "Toinen nimi"});
            vec![base(), other, programme()]
        }),
        ("cross.organisation_business_id", "/implementers/0/business_id", || {
            let mut other = base();
            other["id"] = json!("q");
            other.as_object_mut().unwrap().remove("programme");
            rename_records(&mut other);
            other["implementers"][0]["business_id"] = json!("1572860-0");
            vec![base(), other, programme()]
        }),
        ("cross.project_not_listed", "/programme", || {
            let mut p = programme();
            p["projects"][0]["id"] = json!("other");
            p["projects"][0].as_object_mut().unwrap().remove("document");
            vec![base(), p]
        }),
        ("cross.programme_mismatch", "/collaborative_area", || {
            let mut p = programme();
            p["projects"][0]["collaborative_area"] = json!("inner_finland");
            vec![base(), p]
        }),
        ("cross.document_missing", "/projects/0/document", || vec![programme()]),
        ("cross.programme_totals", "/total_funding", || {
            let mut p = programme();
            p["total_funding"] = json!({"euros": "200000.00"});
            vec![base(), p]
        }),
    ];
    for (code, pointer, build) in cases {
        let report = validate(&build());
        let rule = validation::rule(code).unwrap();
        assert_eq!(report.diagnostics.len(), 1, "{code}:\n{report}");
        let d = &report.diagnostics[0];
        assert_eq!((d.code.as_str(), d.severity, d.pointer.as_str()), (code, rule.severity, pointer), "{report}");
        assert_found_alike_in_lines(code, &build());
    }
}

pub(crate) fn rename_records(project: &mut Value) {
    for list in RECORD_LISTS {
        for record in project[list].as_array_mut().into_iter().flatten() {
            let id = record["id"].as_str().unwrap().to_owned();
            record["id"] = json!(format!("q-{id}"));
        }
    }
    // Re-point the references at the renamed records.
    let text = project.to_string();
    let mut text = text;
    for id in ["wp-1", "wp-2", "aim", "o-1", "o-2", "e-total", "e-a", "out-articles", "as-1", "rp-1"] {
        text = text.replace(&format!("\"{id}\""), &format!("\"q-{id}\""));
    }
    *project = serde_json::from_str(&text).unwrap();
}

#[test]
fn huge_documents_with_long_chains_validate_without_trouble() {
    let mut project = base();
    let n = 20_000;
    let events: Vec<Value> = (0..n)
        .map(|i| {
            let mut event = json!({"id": format!("chain-{i}")});
            if i + 1 < n {
                event["part_of"] = json!(format!("chain-{}", i + 1));
            }
            event
        })
        .collect();
    project["events"] = json!(events);
    let report = validate(&[project.clone()]);
    assert!(report.diagnostics.is_empty(), "{report}");
    // Close the chain into one long cycle: one diagnostic.
    project["events"][n - 1]["part_of"] = json!("chain-0");
    let report = validate(&[project]);
    let cycles: Vec<_> = report.with_code("ref.cycle").collect();
    assert_eq!(cycles.len(), 1);
    assert_eq!(cycles[0].pointer, "/events/0/part_of");
}

#[test]
fn figures_at_the_limits_of_u64_do_not_overflow() {
    let mut project = base();
    let max = json!({"value": u64::MAX});
    set(&mut project, "/events/0/participation/attendances", json!({"value": u64::MAX - 1}));
    set(&mut project, "/events/1/participation/attendances", max.clone());
    set(&mut project, "/events/2/participation/attendances", max);
    set(&mut project, "/funding/parts/1/amount", json!({"euros": "999999999999999.99"}));
    set(&mut project, "/funding/total", json!({"euros": "999999999999999.99"}));
    let report = validate(&[project]);
    let codes: BTreeSet<&str> = report.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert!(codes.contains("participation.total_mismatch"), "{report}");
    assert!(codes.contains("funding.amount_share_conflict"), "{report}");
    assert!(codes.contains("funding.parts_total"), "{report}");
}

#[test]
fn parse_rules_come_from_parse_errors() {
    let codes: Vec<String> = ["{", "{]", r#"{"document_type": "project", "nope": 1}"#]
        .iter()
        .map(|text| {
            let error = Document::from_json(text).unwrap_err();
            validation::Diagnostic::from_parse_error(&error, Some("x.json")).code
        })
        .collect();
    assert_eq!(codes, ["parse.eof", "parse.syntax", "parse.data"]);
    let io = std::io::Error::new(std::io::ErrorKind::NotFound, "gone");
    assert_eq!(validation::Diagnostic::from_io_error(&io, "x.json").code, "parse.io");
}

#[test]
fn the_rule_table_and_the_tests_cover_the_same_rules() {
    let tested: BTreeSet<&str> = cases()
        .iter()
        .map(|c| c.code)
        .chain([
            "cross.duplicate_document",
            "cross.duplicate_record",
            "cross.organisation_name",
            "cross.organisation_business_id",
            "cross.project_not_listed",
            "cross.programme_mismatch",
            "cross.document_missing",
            "cross.programme_totals",
            // Tested in schema_1_2:
            "cross.related_project_unknown",
            "cross.shared_output_mismatch",
            "cross.programme_aim_unknown",
            "cross.funding_rule",
            "parse.syntax",
            "parse.eof",
            "parse.data",
            "parse.io",
        ])
        .collect();
    let table: BTreeSet<&str> = RULES.iter().map(|r| r.code).collect();
    assert_eq!(tested, table);
    assert_eq!(table.len(), RULES.len(), "codes are unique");
}

#[test]
fn a_report_serialises_with_versions_and_validates_against_its_schema() {
    let mut project = base();
    set(&mut project, "/events/0/participation/attendances/value", json!(31));
    let report = validate(&[project]);
    let value: Value = serde_json::from_str(&report.to_json()).unwrap();
    assert_eq!(value["crate_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(value["schema_version"], childwelfare::SCHEMA_VERSION.to_string());
    assert_eq!(value["diagnostics"][0]["code"], "participation.total_mismatch");
    assert_eq!(value["diagnostics"][0]["severity"], "error");
    let committed: Value = serde_json::from_str(
        &std::fs::read_to_string(crate::common::root().join("schema/report.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::options().build(&committed).unwrap();
    assert!(validator.is_valid(&value));
    assert_eq!(
        report.to_string(),
        "error[participation.total_mismatch]: p /events/0/participation/attendances: the parts of event `e-total` (attendances) add up to 30 (10 (`e-a`) + 20 (`e-b`)) but the total is 31; difference 1\nnot run[cross.project_not_listed]: p: programme `prog` is not among the documents given, so its listing cannot be compared\n1 document checked: 1 error, 0 warnings"
    );
}

/// A random valid project: `n` work packages with one objective each, an
/// event total with `parts` exact parts, and funding split into shares.
fn valid_project(n: usize, parts: &[u64], shares: &[u32]) -> Value {
    let mut v = base();
    v["work_packages"] = json!(
        (1..=n)
            .map(|i| json!({"id": format!("wp-{i}"), "number": i.to_string(), "title": {"fi": format!("WP {i}")}}))
            .collect::<Vec<_>>()
    );
    let mut objectives = vec![json!({"id": "aim", "level": "overall_aim", "statement": {"fi": "Päämäärä"}})];
    objectives.extend((1..=n).map(|i| json!({"id": format!("o-{i}"), "level": "objective", "parent": "aim", "statement": {"fi": "T"}, "work_packages": [format!("wp-{i}")]})));
    v["objectives"] = json!(objectives);
    let mut judgements = vec![json!({"objective": "aim", "rating": "achieved"})];
    judgements.extend((1..=n).map(|i| json!({"objective": format!("o-{i}"), "rating": "partly_achieved"})));
    v["assessments"][0]["judgements"] = json!(judgements);
    let mut events = vec![
        json!({"id": "e-total", "participation": {"attendances": {"value": parts.iter().sum::<u64>()}}, "parts_complete": true}),
    ];
    events.extend(parts.iter().enumerate().map(|(i, value)| json!({"id": format!("e-{i}"), "part_of": "e-total", "participation": {"attendances": {"value": value}}})));
    v["events"] = json!(events);
    v["funding"]["parts"] =
        json!(shares.iter().map(|s| json!({"kind": "other", "share": f64::from(*s) / 100.0})).collect::<Vec<_>>());
    v["regional_parts"][0]["work_packages"] = json!(["wp-1"]);
    v["lessons"] = json!([]);
    v["recommendations"] = json!([]);
    v
}

fn split_shares() -> impl Strategy<Value = Vec<u32>> {
    proptest::collection::vec(1..10_000u32, 0..4).prop_map(|mut cuts| {
        cuts.sort_unstable();
        cuts.dedup();
        let mut shares = Vec::new();
        let mut previous = 0;
        for cut in cuts.into_iter().chain([10_000]) {
            shares.push(cut - previous);
            previous = cut;
        }
        shares
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_valid_projects_raise_no_errors(
        n in 1..6usize,
        parts in proptest::collection::vec(0..5_000u64, 1..6),
        shares in split_shares(),
    ) {
        let report = validate(&[valid_project(n, &parts, &shares)]);
        prop_assert!(report.diagnostics.is_empty(), "{}", report);
    }

    #[test]
    fn random_single_mutations_are_caught(
        n in 1..6usize,
        parts in proptest::collection::vec(0..5_000u64, 1..6),
        shares in split_shares(),
        which in 0..5usize,
        pick in any::<prop::sample::Index>(),
        delta in 1..1_000u64,
    ) {
        let mut v = valid_project(n, &parts, &shares);
        let expected = match which {
            0 => {
                let i = pick.index(n);
                v["objectives"][i + 1]["work_packages"][0] = json!("wp-missing");
                "ref.unresolved"
            }
            1 => {
                let i = pick.index(parts.len());
                let value = v["events"][i + 1]["participation"]["attendances"]["value"].as_u64().unwrap();
                v["events"][i + 1]["participation"]["attendances"]["value"] = json!(value + delta);
                "participation.total_mismatch"
            }
            2 => {
                let i = pick.index(shares.len());
                let share = shares[i] + u32::try_from(delta).unwrap();
                v["funding"]["parts"][i]["share"] = json!(f64::from(share.min(10_000)) / 100.0);
                if share >= 10_000 && shares.len() == 1 {
                    // Already 100 %: take some away instead.
                    v["funding"]["parts"][i]["share"] = json!(f64::from(10_000 - u32::try_from(delta).unwrap()) / 100.0);
                }
                "funding.shares_total"
            }
            3 => {
                let i = pick.index(n);
                let id = v["objectives"][i + 1]["id"].clone();
                v["objectives"][0]["id"] = id;
                "id.duplicate"
            }
            _ => {
                let i = pick.index(parts.len());
                v["events"][i + 1]["status"] = json!("cancelled");
                v["events"][i + 1]["sessions"] = json!({"value": delta});
                "participation.cancelled_with_participants"
            }
        };
        let report = validate(&[v]);
        prop_assert!(report.with_code(expected).any(|d| d.severity == Severity::Error), "{expected} not caught:\n{}", report);
    }
}

/// A programme not given is one note for all the projects that name it,
/// not one a project (100 000 projects made 100 000 notes): a project on
/// its own keeps its note, several are counted.
#[test]
fn a_programme_not_given_is_one_note_however_many_projects_name_it() {
    let named = |id: &str, programme: &str| {
        let mut project = base();
        set(&mut project, "/id", json!(id));
        set(&mut project, "/programme", json!(programme));
        project
    };
    let report = validate(&[named("p", "prog"), named("q", "prog"), named("s", "solo"), named("r", "prog")]);
    let notes: Vec<(&str, Option<&str>, &str)> = report
        .not_run
        .iter()
        .filter(|note| note.code == "cross.project_not_listed")
        .map(|note| (note.code.as_str(), note.document.as_deref(), note.reason.as_str()))
        .collect();
    assert_eq!(
        notes,
        [
            (
                "cross.project_not_listed",
                None,
                "programme `prog` is not among the documents given, so its listing cannot be compared with the 3 projects that name it (the first: `p`)"
            ),
            (
                "cross.project_not_listed",
                Some("s"),
                "programme `solo` is not among the documents given, so its listing cannot be compared"
            ),
        ]
    );
    assert!(report.is_complete(), "a programme not given is not a failure to check");
}
