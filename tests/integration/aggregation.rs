//! Aggregation, reports and exports: the figures the seed documents state,
//! computed by the library from the data, each counted once; the arithmetic
//! of exactness; and properties that hold for any set of projects.

use childwelfare::aggregate::{self, Dimension, Summary};
use childwelfare::export::{self, Cell, Table};
use childwelfare::{Count, Document, Event, Exactness, Language, Project, Total, data};
use proptest::prelude::*;

fn event<'a>(project: &'a Project, id: &str) -> &'a Event {
    project.events.iter().find(|e| e.id == id).unwrap_or_else(|| panic!("no event {id}"))
}

fn attendances(event: &Event) -> Count {
    event.participation.and_then(|p| p.attendances).expect("the event states its attendances")
}

fn row<'a>(summary: &'a Summary, dimension: Dimension, key: &str) -> &'a aggregate::ParticipationRow {
    summary
        .participation(dimension)
        .expect("the seed data is under the per-project limit")
        .find(|r| r.group.key == key)
        .unwrap_or_else(|| panic!("no {dimension:?} row {key}"))
}

#[test]
fn lumo_reached_its_stated_figures_by_theme_and_in_all_each_counted_once() {
    let lumo = data::lumo();
    let summary = aggregate::summarise(&data::seed(), true);

    // Each thematic group of events is its own stated figure; its webinars,
    // part of it, are not added on top.
    for (theme, group) in [
        ("client_participation", "lumo-ev-theme-participation"),
        ("multi_agency_working", "lumo-ev-theme-multiagency"),
        ("systemic_practice", "lumo-ev-theme-systemic"),
    ] {
        let stated = attendances(event(&lumo, group));
        assert_eq!(
            row(&summary, Dimension::Theme, theme).attendances.as_ref().unwrap().value,
            Total::from(stated),
            "{theme}"
        );
    }

    // In all: the whole-area total (which includes the thematic groups) plus
    // the local events, and "about" because the local figure is.
    let area = attendances(event(&lumo, "lumo-ev-yta-all"));
    let local = attendances(event(&lumo, "lumo-ev-local"));
    let thematic: Count = ["lumo-ev-theme-participation", "lumo-ev-theme-multiagency", "lumo-ev-theme-systemic"]
        .iter()
        .map(|id| attendances(event(&lumo, id)))
        .sum();
    assert_eq!(thematic, area, "the data's thematic groups add up to the whole-area figure");
    let total = row(&summary, Dimension::Project, "lumo").attendances.as_ref().unwrap();
    assert_eq!(total.value, Total::from(area + local));
    assert_eq!(total.value.single().unwrap().exactness, Exactness::Approximate);
    assert_eq!(total.value.to_string(), format!("{}", area + local));
    let derivation = total.derivation.as_ref().unwrap();
    // Each record with the documents that state it.
    let cited = |id: &str| {
        let documents: Vec<String> = event(&lumo, id).sources.iter().map(|s| s.document.to_string()).collect();
        format!(" [{}]", documents[..1].join(", "))
    };
    assert_eq!(
        derivation.records,
        [
            format!("lumo/lumo-ev-yta-all = {area}{}", cited("lumo-ev-yta-all")),
            format!("lumo/lumo-ev-local = {local}{}", cited("lumo-ev-local"))
        ]
    );
    assert_eq!(derivation.sources.len(), 2);
    assert_eq!(derivation.sources[0].sources, event(&lumo, "lumo-ev-yta-all").sources);

    // The cancelled webinar is apart.
    let webinars = row(&summary, Dimension::EventKind, "webinar");
    let cancelled = lumo
        .events
        .iter()
        .filter(|e| {
            e.kinds.contains(&childwelfare::EventKind::Webinar) && e.status == childwelfare::EventStatus::Cancelled
        })
        .count();
    assert_eq!(webinars.events_cancelled, cancelled as u64);
    assert!(cancelled > 0);
}

#[test]
fn the_dialogic_evaluation_reached_its_stated_distinct_people_and_lumo_its_state_grant_share() {
    let tl = data::tulevaisuuden_lastensuojelu();
    let summary = aggregate::summarise(&data::seed(), false);
    let dialogic =
        tl.assessments.iter().find(|a| a.source == childwelfare::AssessmentSource::DialogicEvaluation).unwrap();
    let row = summary.assessments.rows().unwrap().iter().find(|r| r.assessment == dialogic.id).unwrap();
    assert_eq!(
        row.participation.and_then(|p| p.distinct_people),
        dialogic.participation.and_then(|p| p.distinct_people)
    );
    assert!(row.participation.and_then(|p| p.distinct_people).is_some());

    let lumo = data::lumo();
    let stated = lumo
        .funding
        .as_ref()
        .unwrap()
        .parts
        .iter()
        .find(|p| p.kind == childwelfare::FundingKind::StateGrant)
        .unwrap()
        .share;
    let project = summary.project_rows.rows().unwrap().iter().find(|r| r.id == "lumo").unwrap();
    assert_eq!(project.state_grant_share, stated);
    assert_eq!(project.state_grant_share.map(|s| s.to_string()).as_deref(), Some("80 %"));
}

#[test]
fn possible_overlaps_make_a_range_and_distinct_people_of_several_events_too() {
    let mut project =
        Project::new("demo".parse().unwrap(), childwelfare::Text::fi("x"), childwelfare::ProjectStatus::Ended);
    let mut a = Event::new("a".parse().unwrap());
    a.participation = Some(childwelfare::Participation::new(Some(Count::exact(963)), Some(Count::exact(50))));
    let mut b = Event::new("b".parse().unwrap());
    b.participation = Some(childwelfare::Participation::new(Some(Count::approximate(400)), Some(Count::exact(30))));
    b.possible_overlaps = vec![childwelfare::PossibleOverlap::new("a".parse().unwrap())];
    project.events = vec![a, b];
    let summary = aggregate::summarise(&[Document::Project(Box::new(project.clone()))], true);
    let row = row(&summary, Dimension::Project, "demo");
    let attendances = row.attendances.as_ref().unwrap();
    assert_eq!(attendances.value, Total::range(Count::exact(963), Count::exact(963) + Count::approximate(400)));
    assert_eq!(attendances.value.to_string(), "963–about 1 363");
    assert!(attendances.derivation.as_ref().unwrap().rule.contains("demo/b may overlap demo/a"));
    // Distinct people of two events: at least the larger figure, not a
    // range up to the sum (which grows useless over many events).
    let distinct = |project: &Project, id: &str| {
        project.events.iter().find(|e| e.id.as_str() == id).and_then(|e| e.participation?.distinct_people).unwrap()
    };
    let (a, b) = (distinct(&project, "a"), distinct(&project, "b"));
    let people = &row.distinct_people.as_ref().unwrap();
    assert_eq!(people.value, Total::from(Count::at_least(a.value.max(b.value))));
    assert_eq!(people.value.to_string(), format!("at least {}", a.value.max(b.value)));
    assert!(
        people.derivation.as_ref().unwrap().rule.starts_with("distinct people of several events: at least the largest")
    );
}

#[test]
fn exactness_follows_the_table_and_never_gains() {
    use Exactness::*;
    let table = [
        (Exact, Exact, Exact),
        (Exact, Approximate, Approximate),
        (Exact, AtLeast, AtLeast),
        (Exact, AtMost, AtMost),
        (Approximate, Approximate, Approximate),
        (Approximate, AtLeast, Approximate),
        (Approximate, AtMost, Approximate),
        (AtLeast, AtLeast, AtLeast),
        (AtLeast, AtMost, Approximate),
        (AtMost, AtMost, AtMost),
    ];
    for (a, b, sum) in table {
        let count = |value, exactness| Count { value, exactness };
        assert_eq!((count(1, a) + count(2, b)).exactness, sum, "{a:?} + {b:?}");
        assert_eq!((count(2, b) + count(1, a)).exactness, sum, "{b:?} + {a:?}");
    }
    assert_eq!(Count::exact(u64::MAX) + Count::exact(1), Count::at_least(u64::MAX));
    assert_eq!([Count::exact(3667), Count::approximate(1000)].iter().sum::<Count>().to_string(), "about 4 667");
}

fn rank(exactness: Exactness) -> u8 {
    if exactness == Exactness::Exact {
        0
    } else if exactness == Exactness::Approximate {
        2
    } else {
        1
    }
}

fn exactness() -> impl Strategy<Value = Exactness> {
    prop_oneof![Just(Exactness::Exact), Just(Exactness::Approximate), Just(Exactness::AtLeast), Just(Exactness::AtMost)]
}

/// The seed projects, each copied `copies` times under new ids, with their
/// events in the order given by `rotate`.
fn projects(copies: usize, rotate: usize) -> Vec<Document> {
    let mut out = Vec::new();
    for copy in 0..copies {
        for document in data::seed() {
            if let Document::Project(mut project) = document {
                project.id = format!("{}-{copy}", project.id).parse().unwrap();
                let len = project.events.len().max(1);
                project.events.rotate_left(rotate % len);
                project.outputs.reverse();
                out.push(Document::Project(project));
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn a_sum_is_never_more_exact_than_its_parts(parts in proptest::collection::vec((0u64..1_000_000, exactness()), 1..8)) {
        let counts: Vec<Count> = parts.iter().map(|(v, e)| Count { value: *v, exactness: *e }).collect();
        let sum: Count = counts.iter().sum();
        prop_assert_eq!(sum.value, parts.iter().map(|(v, _)| v).sum::<u64>());
        let worst = counts.iter().map(|c| rank(c.exactness)).max().unwrap();
        prop_assert!(rank(sum.exactness) >= worst);
    }

    #[test]
    fn two_sets_of_projects_aggregate_to_the_sum_of_their_aggregates(split in 1usize..5, rotate in 0usize..20) {
        let all = projects(5, rotate);
        let cut = split * 2;
        let (first, second) = all.split_at(cut);
        let (whole, a, b) = (
            aggregate::summarise(&all, false),
            aggregate::summarise(first, false),
            aggregate::summarise(second, false),
        );
        for dimension in Dimension::ALL {
            for row in whole.participation(dimension).unwrap() {
                let part = |s: &Summary| s.participation(dimension).unwrap().find(|r| r.group.key == row.group.key).cloned();
                let (ra, rb) = (part(&a), part(&b));
                let held = ra.as_ref().map_or(0, |r| r.events_held) + rb.as_ref().map_or(0, |r| r.events_held);
                prop_assert_eq!(row.events_held, held);
                let sum = [ra.and_then(|r| r.attendances), rb.and_then(|r| r.attendances)]
                    .into_iter()
                    .flatten()
                    .map(|f| f.value)
                    .reduce(|x, y| x + y);
                prop_assert_eq!(row.attendances.as_ref().map(|f| f.value), sum);
            }
        }
        prop_assert_eq!(whole.total_attendances(), [a.total_attendances(), b.total_attendances()].into_iter().flatten().reduce(|x, y| x + y));
    }

    #[test]
    fn record_order_changes_no_figure(rotate in 1usize..20) {
        let plain = aggregate::summarise(&projects(1, 0), false);
        let rotated = aggregate::summarise(&projects(1, rotate), false);
        prop_assert_eq!(plain, rotated);
    }
}

#[test]
fn the_events_export_sums_to_the_report_totals() {
    let documents = data::seed();
    let summary = aggregate::summarise(&documents, false);
    let mut csv = export::CsvWriter::new(Vec::new());
    for document in &documents {
        for row in export::rows(document, Table::Events, Language::Fi) {
            csv.write(&row).unwrap();
        }
    }
    let bytes = csv.finish().unwrap();
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let mut sums: std::collections::BTreeMap<String, u64> = Default::default();
    for record in reader.records() {
        let record = record.unwrap();
        assert_eq!(record.len(), headers.len(), "one observation per row, every column");
        if &record[column("attendances_counted")] == "true" {
            *sums.entry(record[column("project")].to_owned()).or_default() +=
                record[column("attendances")].parse::<u64>().unwrap();
        }
    }
    for project in summary.project_rows.rows().unwrap() {
        let total = project.attendances.map(|t| t.high.value);
        assert_eq!(sums.get(project.id.as_str()).copied(), total, "{}", project.id);
    }
    assert!(!sums.is_empty());
}

#[test]
fn every_table_exports_one_observation_per_row_in_csv_and_json() {
    for table in Table::ALL {
        let rows: Vec<export::Row> = data::seed().iter().flat_map(|d| export::rows(d, table, Language::En)).collect();
        assert!(!rows.is_empty(), "{table}");
        let columns: Vec<&str> = rows[0].columns().collect();
        assert!(
            rows.iter().all(|r| r.columns().collect::<Vec<_>>() == columns),
            "{table}: the same columns in every row"
        );
        let mut json = export::JsonWriter::new(Vec::new());
        for row in &rows {
            json.write(row).unwrap();
        }
        let parsed: Vec<serde_json::Value> = serde_json::from_slice(&json.finish().unwrap()).unwrap();
        assert_eq!(parsed.len(), rows.len(), "{table}");
        assert_eq!(table.name().parse::<Table>().unwrap(), table);
    }
    let events = export::rows(&Document::Project(Box::new(data::lumo())), Table::Events, Language::Fi);
    let local = events.iter().find(|r| r.get("event") == Some(&Cell::from("lumo-ev-local"))).unwrap();
    assert_eq!(local.get("attendances_exactness"), Some(&Cell::from("approximate")));
}

#[test]
fn the_synthetic_corpus_is_valid_together_and_injected_violations_are_found_exactly() {
    use childwelfare::corpus::{Generator, Violation};
    use childwelfare::validation;
    let generator = Generator::new(42);
    let mut documents: Vec<Document> = (0..20).map(|i| generator.document(i)).collect();
    documents.push(generator.programme(20).into());
    let report = validation::validate_documents(&documents);
    assert!(report.diagnostics.iter().all(|d| !d.code.starts_with("parse")), "{report}");
    assert_eq!(report.error_count(), 0, "{report}");

    let (project, added) = generator.inject(0, 6);
    documents[0] = project.into();
    let report = validation::validate_documents(&documents);
    let mut found: Vec<&str> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == validation::Severity::Error)
        .map(|d| d.code.as_str())
        .collect();
    let mut expected: Vec<&str> = added.iter().map(|v| v.code()).collect();
    found.sort_unstable();
    expected.sort_unstable();
    // A second administrator is one problem of the project, however many are added.
    expected.dedup_by(|a, b| a == b && *a == Violation::SecondAdministrator.code());
    assert_eq!(found, expected, "{report}");
}

#[test]
fn past_the_per_project_limit_the_totals_stay_and_only_per_project_tables_go() {
    use childwelfare::aggregate::{Aggregator, Dimension};
    use childwelfare::corpus::Generator;
    let generator = Generator::new(3);
    let mut documents: Vec<Document> = (0..30).map(|i| generator.document(i)).collect();
    documents.push(generator.programme(30).into());
    let summarise = |limit: u64| {
        let mut aggregator = Aggregator::new().per_project_limit(limit);
        documents.iter().for_each(|d| aggregator.add(d));
        aggregator.finish()
    };
    let (all, flat) = (summarise(u64::MAX), summarise(10));
    assert_eq!(all.per_project_omitted, None);
    assert_eq!(flat.per_project_omitted, Some(10));
    assert_eq!(flat.projects, 30);
    let omitted = childwelfare::aggregate::Omitted { limit: 10, projects: 30 };
    assert_eq!(flat.omitted(), Some(omitted));
    // The totals are those of the complete summary.
    assert!(all.total_attendances().is_some());
    assert_eq!(flat.total_attendances(), all.total_attendances());
    assert_eq!(flat.programme_totals, all.programme_totals);
    assert_eq!(flat.outputs, all.outputs);
    for dimension in Dimension::ALL {
        let rows = |s: &childwelfare::aggregate::Summary| {
            s.participation(dimension).map(|rows| rows.cloned().collect::<Vec<_>>())
        };
        if dimension.is_per_project() {
            // Left out, and saying so where it is read: never an empty table.
            assert_eq!(rows(&flat), Err(omitted), "{dimension:?}");
            assert!(!rows(&all).unwrap().is_empty(), "{dimension:?}");
        } else {
            assert_eq!(rows(&flat), rows(&all), "{dimension:?}");
        }
    }
    use childwelfare::aggregate::{FundingDimension, PerProject};
    let money = |s: &childwelfare::aggregate::Summary, by| s.funding(by).map(|rows| rows.cloned().collect::<Vec<_>>());
    assert_eq!(money(&flat, FundingDimension::FundingKind), money(&all, FundingDimension::FundingKind));
    for by in [FundingDimension::Project, FundingDimension::Funder, FundingDimension::Implementer] {
        assert_eq!(money(&flat, by), Err(omitted), "{by:?}");
    }
    assert_eq!(flat.achievement("project").err(), Some(omitted));
    assert!(flat.achievement("assessment_source").is_ok());
    // What has a row per project is left out, and says so.
    assert_eq!(flat.project_rows, PerProject::Omitted(omitted));
    assert_eq!(flat.staffing, PerProject::Omitted(omitted));
    assert_eq!(flat.targets, PerProject::Omitted(omitted));
    assert_eq!(flat.assessments, PerProject::Omitted(omitted));
    assert_eq!(flat.unjudged_objectives, PerProject::Omitted(omitted));
    assert_eq!(all.project_rows.rows().unwrap().len(), 30);
    let text = childwelfare::report::render(&flat, childwelfare::report::Format::Text, false);
    assert!(text.contains("More than 10 projects: the tables with a row per project"), "{text}");
}

#[test]
fn a_table_left_out_past_the_per_project_limit_says_so_where_it_is_read() {
    use childwelfare::aggregate::{Aggregator, FundingDimension, Omitted, PerProject};
    use childwelfare::corpus::Generator;
    let generator = Generator::new(7);
    let summarise = |limit: u64| {
        let mut aggregator = Aggregator::new().per_project_limit(limit);
        (0..3).for_each(|index| aggregator.add(&generator.document(index)));
        aggregator.finish()
    };
    // Over the limit: every per-project table says it was left out, and why.
    let over = summarise(2);
    let omitted = Omitted { limit: 2, projects: 3 };
    assert_eq!(over.participation(Dimension::Project).err(), Some(omitted));
    assert_eq!(over.participation(Dimension::WorkPackage).err(), Some(omitted));
    assert_eq!(over.funding(FundingDimension::Funder).err(), Some(omitted));
    assert_eq!(over.project_rows.rows(), Err(omitted));
    assert_eq!(
        omitted.to_string(),
        "the tables with a row per project are left out past 2 projects (3 were added); set \
         Aggregator::per_project_limit or use childwelfare export"
    );
    let text = childwelfare::report::render(&over, childwelfare::report::Format::Text, false);
    let left_out = "Projects side by side\n=====================\nLeft out: more than 2 projects (3 read);";
    assert!(text.contains(left_out), "{text}");
    let json: serde_json::Value =
        serde_json::from_str(&childwelfare::report::render(&over, childwelfare::report::Format::Json, false)).unwrap();
    assert_eq!(json["project_rows"], serde_json::json!({"limit": 2, "projects": 3}));
    // Under the limit: the rows, one per project.
    let under = summarise(3);
    assert_eq!(under.participation(Dimension::Project).unwrap().count(), 3);
    assert_eq!(under.project_rows.rows().unwrap().len(), 3);
    assert!(matches!(under.staffing, PerProject::Kept(_)));
    // In JSON the table by project is there, empty, and says why.
    let by_project = json["participation"].as_array().unwrap().iter().find(|t| t["dimension"] == "project").unwrap();
    assert_eq!(by_project["omitted"], serde_json::json!({"limit": 2, "projects": 3}));
    assert_eq!(by_project["rows"], serde_json::json!([]));
}

#[test]
fn money_and_judgements_keep_their_complete_groupings_apart_from_those_left_out_past_the_limit() {
    use childwelfare::aggregate::{Aggregator, FundingDimension, Omitted, PerProject};
    use childwelfare::corpus::Generator;
    let generator = Generator::new(7);
    let summarise = |limit: u64| {
        let mut aggregator = Aggregator::new().per_project_limit(limit).explain(true);
        (0..3).for_each(|index| aggregator.add(&generator.document(index)));
        aggregator.finish()
    };
    let (over, under) = (summarise(2), summarise(3));
    let omitted = Omitted { limit: 2, projects: 3 };
    // Over the limit, the field itself says what is missing: no per-project
    // group can be read as an empty one.
    assert_eq!(over.funding.per_project, PerProject::Omitted(omitted));
    assert_eq!(over.achievement.per_project, PerProject::Omitted(omitted));
    assert_eq!(over.funding.rows().err(), Some(omitted));
    assert_eq!(over.achievement.rows().err(), Some(omitted));
    // What is complete stays, the same as under the limit.
    assert_eq!(over.funding.complete, under.funding.complete);
    assert_eq!(over.achievement.complete, under.achievement.complete);
    assert!(over.funding.complete.iter().all(|row| row.by == FundingDimension::FundingKind));
    assert!(over.achievement.complete.iter().all(|row| row.by == "assessment_source"));
    assert!(!over.funding.complete.is_empty());
    // Under the limit, every grouping is there, each in its part.
    let per_project = under.funding.per_project.rows().unwrap();
    for by in FundingDimension::ALL {
        let rows: Vec<_> = under.funding(by).unwrap().collect();
        assert!(!rows.is_empty(), "{by:?}");
        let part = if by.is_per_project() { per_project } else { &under.funding.complete };
        assert_eq!(rows, part.iter().filter(|row| row.by == by).collect::<Vec<_>>(), "{by:?}");
    }
    assert_eq!(under.funding.rows().unwrap().count(), under.funding.complete.len() + per_project.len());
    let judged: Vec<_> = under.achievement.per_project.rows().unwrap().iter().map(|row| row.by).collect();
    assert!(judged.iter().all(|by| ["project", "work_package"].contains(by)), "{judged:?}");
    assert_eq!(under.achievement("project").unwrap().count(), judged.iter().filter(|by| **by == "project").count());
    // Without derivations, both parts lose theirs.
    let plain = under.without_derivations();
    assert!(plain.funding.rows().unwrap().all(|row| row.amount.as_ref().is_none_or(|f| f.derivation.is_none())));
    assert!(plain.achievement.rows().unwrap().all(|row| row.judgements.derivation.is_none()));
    assert!(under.funding.rows().unwrap().any(|row| row.amount.as_ref().is_some_and(|f| f.derivation.is_some())));
}

/// A project given twice (an error, `cross.duplicate_document`) is in the
/// total as in its row by project, twice, within the per-project limit and
/// past it: the total took the first copy's attendances a second time
/// (three times in all) while it kept the row.
#[test]
fn a_project_given_twice_is_in_the_total_as_in_its_row_by_project() {
    let lumo = Document::from_json(data::LUMO_JSON).unwrap();
    let summarise = |limit: u64, copies: usize| {
        let mut aggregator = aggregate::Aggregator::new().per_project_limit(limit);
        (0..copies).for_each(|_| aggregator.add(&lumo));
        aggregator.finish()
    };
    let once = summarise(10, 1).total_attendances().unwrap();
    let twice = summarise(10, 2);
    let total = twice.total_attendances().unwrap();
    assert_eq!(total, once + once);
    let by_project = row(&twice, Dimension::Project, "lumo").attendances.as_ref().unwrap().value;
    assert_eq!(total, by_project);
    // Past the limit, where the row by project is not kept, the same.
    assert_eq!(summarise(0, 2).total_attendances(), Some(total));
    assert_eq!(summarise(1, 2).total_attendances(), Some(total));
}
