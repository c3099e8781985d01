//! Schema 1.2 (issue 20): real reports as stated — who took part, where
//! outputs were used and by whom, one artefact of several projects, the
//! programme, related projects, conflicting statements, regional emphases
//! and the smaller gaps; their rules, aggregation and export.

use childwelfare::aggregate::{self, Aggregator};
use childwelfare::export::{self, Cell, Table};
use childwelfare::validation::{self, Report};
use childwelfare::*;
use serde_json::{Value, json};

use crate::validation::{base, programme, rename_records, set, validate};

fn codes(report: &Report) -> Vec<(String, String)> {
    report.diagnostics.iter().map(|d| (d.code.clone(), d.pointer.clone())).collect()
}

/// Asserts that a value built in Rust writes exactly `json` and that `json`
/// reads back to the same value.
fn same_in_rust_and_json<T>(rust: T, json: Value)
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    assert_eq!(serde_json::to_value(&rust).unwrap(), json, "{rust:?} in JSON");
    assert_eq!(serde_json::from_value::<T>(json.clone()).unwrap(), rust, "{json} in Rust");
}

fn id(s: &str) -> Id {
    Id::new(s).unwrap()
}

#[test]
fn every_addition_of_schema_1_2_is_built_in_rust_as_it_is_written_in_json() {
    // 3. Participant groups, with and without figures, and leaders.
    let mut event = Event::new(id("nvr"));
    event.participant_groups = vec![
        ParticipantGroup::new(ParticipantGroupKind::ParentsAndFamilies).with_distinct_people(Count::exact(8)),
        ParticipantGroup::new(ParticipantGroupKind::Professionals)
            .with_sector(ServiceSector::SubstanceAbuseServices)
            .with_role(ParticipantRole::Leader),
    ];
    same_in_rust_and_json(
        event,
        json!({"id": "nvr", "participant_groups": [
            {"kind": "parents_and_families", "distinct_people": {"value": 8}},
            {"kind": "professionals", "sector": "substance_abuse_services", "role": "leader"}
        ]}),
    );

    // 1. and 2. Where an output was used, by whom it was made, its page, and one artefact of two projects.
    let mut cards = Output::new(id("cards"), OutputKind::ActionCard);
    cards.makers = vec![id("org-lsks")];
    cards.sectors = vec![ServiceSector::BasicEducation, ServiceSector::HealthCare];
    cards.used_in = vec![Text::fi("Lapinlahti"), Text::fi("Essote")];
    cards.place = Some(Text::fi("Pohjois-Savo"));
    cards.regions = vec![Text::fi("Uusimaa")];
    let mut page = RecordDates::new();
    page.created = Some("2021-05-03".parse().unwrap());
    cards.record_dates = Some(page);
    cards.shared = Some(SharedOutput::new(id("joint-cards"), vec![id("p"), id("q")]));
    same_in_rust_and_json(
        cards,
        json!({
            "id": "cards", "kind": "action_card", "makers": ["org-lsks"],
            "sectors": ["basic_education", "health_care"],
            "used_in": [{"fi": "Lapinlahti"}, {"fi": "Essote"}], "place": {"fi": "Pohjois-Savo"},
            "regions": [{"fi": "Uusimaa"}], "record_dates": {"created": "2021-05-03"},
            "shared": {"id": "joint-cards", "projects": ["p", "q"]}
        }),
    );
    let mut paper = Publication::new(Text::fi("Kohti monitoimijaista lastensuojelua"));
    paper.id = Some(id("thl-paper"));
    same_in_rust_and_json(paper, json!({"id": "thl-paper", "title": {"fi": "Kohti monitoimijaista lastensuojelua"}}));

    // 4. The programme's period, aims, contents, funding rule and work of its own.
    let mut programme = Programme::new(id("prog"), Text::fi("Ohjelma"), Text::fi("STM"));
    programme.period = Some(Period::new("2020-autumn".parse().unwrap(), "2022".parse().unwrap()));
    programme.aims = vec![ProgrammeAim::new(id("aim-1"), Text::fi("Monialaisuus"))];
    programme.contents = vec![Text::fi("systeeminen toimintamalli")];
    programme.funding_rule = Some(FundingRule::new(Percent::new(80.0).unwrap(), Percent::new(20.0).unwrap()));
    let mut survey = ProgrammeActivity::new(id("survey"), Text::fi("Kysely"));
    survey.carried_out_by = vec![Text::fi("sosiaalialan osaamiskeskukset")];
    programme.activities = vec![survey];
    let written: Value = serde_json::from_str(&programme.to_json()).unwrap();
    assert_eq!(written["funding_rule"], json!({"state_grant_share": 80, "self_financing_share": 20}));
    assert_eq!(written["aims"][0]["id"], "aim-1");
    assert_eq!(Programme::from_json(&programme.to_json()).unwrap(), programme);

    // 5., 6., 7. and 9. Related projects, languages, target groups, alternatives, the status not stated.
    let mut project = Project::new(id("top"), Text::fi("TOP"), ProjectStatus::NotStated);
    project.official_name = Some(
        Text::from_parts(Some("Tuki oikeasta paikasta".into()), Some("Stöd från rätt plats".into()), None).unwrap(),
    );
    project.languages = vec![Language::Fi, Language::Sv];
    project.target_groups = vec![Text::fi("lapset ja nuoret")];
    project.related_projects = vec![ProjectRelation::new(id("monni"), RelationKind::SisterProject)];
    let mut press = AlternativeStatement::new("funding", Text::fi("5,8 miljoonaa euroa"));
    press.sources = vec![SourceRef::new(id("src-press"))];
    project.alternatives = vec![press];
    let written: Value = serde_json::from_str(&project.to_json()).unwrap();
    assert_eq!(written["status"], "not_stated");
    assert_eq!(written["languages"], json!(["fi", "sv"]));
    assert_eq!(written["related_projects"], json!([{"project": "monni", "kind": "sister_project"}]));
    assert_eq!(
        written["alternatives"],
        json!([{"field": "funding", "statement": {"fi": "5,8 miljoonaa euroa"}, "sources": [{"document": "src-press"}]}])
    );
    assert_eq!(ProjectStatus::NotStated.iati_activity_status(), None);

    // 8. A regional emphasis without a name.
    let mut emphasis = RegionalPart::unnamed(id("rp-ks"), vec![County::KeskiSuomi]);
    emphasis.kind = Some(RegionalPartKind::Emphasis);
    emphasis.sectors = vec![ServiceSector::ChildProtection, ServiceSector::SubstanceAbuseServices];
    emphasis.themes = vec![Theme::SubstanceAbuse];
    same_in_rust_and_json(
        emphasis,
        json!({"id": "rp-ks", "kind": "emphasis", "sectors": ["child_protection", "substance_abuse_services"],
               "themes": ["substance_abuse"], "counties": ["keski_suomi"]}),
    );

    // 9. An expected milestone in one county, a planned collaboration, a committed municipality.
    let mut decision = Milestone::new(MilestoneKind::GrantDecision, "2020-summer".parse().unwrap());
    decision.expected = true;
    decision.counties = vec![County::KeskiSuomi];
    same_in_rust_and_json(
        decision,
        json!({"kind": "grant_decision", "date": "2020-summer", "expected": true, "counties": ["keski_suomi"]}),
    );
    let mut planned = Collaboration::new(Text::fi("Perhekeskushanke"));
    planned.status = Some(CollaborationStatus::Planned);
    same_in_rust_and_json(planned, json!({"partner": {"fi": "Perhekeskushanke"}, "status": "planned"}));
    let committed = Implementer::unnamed(id("kunnat"), vec![County::PohjoisSavo]).with_role(ImplementerRole::Committed);
    assert_eq!(committed.roles[0].iati_role(), IatiOrganisationRole::Implementing);
}

#[test]
fn participant_groups_never_exceed_the_event_and_leaders_are_not_counted_among_participants() {
    let mut v = base();
    // Five parents and three leaders at an event of eight people: the leaders are not participants.
    set(
        &mut v,
        "/events/1/participant_groups",
        json!([
            {"kind": "parents_and_families", "distinct_people": {"value": 5}},
            {"kind": "experts_by_experience", "role": "leader", "distinct_people": {"value": 3}},
            {"kind": "professionals", "attendances": {"value": 10, "exactness": "approximate"}}
        ]),
    );
    assert_eq!(codes(&validate(&[v.clone(), programme()])), []);
    // "About 11" can still be 10 or fewer: no finding; 13 cannot be.
    set(&mut v, "/events/1/participant_groups/2/attendances", json!({"value": 11, "exactness": "approximate"}));
    assert_eq!(codes(&validate(&[v.clone(), programme()])), []);
    set(&mut v, "/events/1/participant_groups/2/attendances", json!({"value": 13}));
    assert_eq!(
        codes(&validate(&[v.clone(), programme()])),
        [("participation.groups_exceed_total".to_owned(), "/events/1/participant_groups".to_owned())]
    );
    // A cancelled event's groups reach no one.
    let mut v = base();
    set(
        &mut v,
        "/events/3/participant_groups",
        json!([{"kind": "parents_and_families", "distinct_people": {"value": 2}}]),
    );
    assert_eq!(
        codes(&validate(&[v, programme()])),
        [("participation.cancelled_with_participants".to_owned(), "/events/3/participant_groups/0".to_owned())]
    );
}

#[test]
fn participant_groups_are_aggregated_once_and_exported_with_what_is_counted() {
    // The seed data: groups named without figures.
    let summary = aggregate::summarise(&data::seed(), false);
    let lumo = Document::from_json(data::LUMO_JSON).unwrap();
    let Document::Project(project) = &lumo else { panic!() };
    let named: usize = project.events.iter().map(|e| e.participant_groups.len()).sum();
    let in_rows: u64 = summary
        .participant_groups
        .iter()
        .filter(|row| row.role == "participant")
        .map(|row| row.events_without_figure)
        .sum();
    assert!(named > 0);
    assert!(in_rows >= named as u64, "every group of LUMO is in a row: {in_rows} < {named}");
    assert!(summary.participant_groups.iter().all(|row| row.attendances.is_none() && row.distinct_people.is_none()));
    let leaders: Vec<&str> =
        summary.participant_groups.iter().filter(|row| row.role == "leader").map(|row| row.key.as_str()).collect();
    assert_eq!(leaders, ["experts_by_experience", "professionals/substance_abuse_services"]);

    // Figures: a group inside its parent's figure for the same group is not added again.
    let mut v = base();
    set(
        &mut v,
        "/events/0/participant_groups",
        json!([{"kind": "parents_and_families", "attendances": {"value": 12}}]),
    );
    set(&mut v, "/events/1/participant_groups", json!([{"kind": "parents_and_families", "attendances": {"value": 4}}]));
    set(&mut v, "/events/2/participant_groups", json!([{"kind": "students", "attendances": {"value": 3}}]));
    let document = Document::from_json(&v.to_string()).unwrap();
    let mut aggregator = Aggregator::new().explain(true);
    aggregator.add(&document);
    let summary = aggregator.finish();
    let parents = summary.participant_groups.iter().find(|r| r.key == "parents_and_families").unwrap();
    let exported: Vec<export::Row> = export::rows(&document, Table::ParticipantGroups, Language::En);
    let counted: u64 = exported
        .iter()
        .filter(|row| row.get("group") == Some(&Cell::Text("parents_and_families".into())))
        .filter(|row| row.get("attendances_counted") == Some(&Cell::Bool(true)))
        .map(|row| match row.get("attendances") {
            Some(Cell::Number(n)) => *n,
            _ => 0,
        })
        .sum();
    assert_eq!(parents.events, 2);
    assert_eq!(parents.attendances.as_ref().map(|f| f.value.value), Some(counted));
    let records = &parents.attendances.as_ref().unwrap().derivation.as_ref().unwrap().records;
    assert_eq!(records.len(), 1, "{records:?}");
}

#[test]
fn a_shared_output_is_counted_once_across_projects_and_its_records_must_agree() {
    let seed = data::seed();
    let report = validation::validate_documents(&seed);
    assert_eq!(report.error_count(), 0, "{report}");
    let summary = aggregate::summarise(&seed, false);
    let videos = summary.outputs.iter().find(|row| row.kind == "video").unwrap();
    // Each project's own table counts the video; across projects it is one item.
    let per_project: u64 = seed
        .iter()
        .map(|d| aggregate::summarise(std::slice::from_ref(d), false))
        .flat_map(|s| s.outputs.into_iter().filter(|row| row.kind == "video"))
        .map(|row| row.records)
        .sum();
    assert_eq!(videos.records + 1, per_project);

    // A record naming another kind than the first is reported.
    let mut documents: Vec<Value> = seed.iter().map(|d| serde_json::from_str(&d.to_json()).unwrap()).collect();
    let tl = documents.iter_mut().find(|d| d["id"] == "tulevaisuuden-lastensuojelu").unwrap();
    let at = tl["outputs"].as_array().unwrap().iter().position(|o| o["shared"].is_object()).unwrap();
    tl["outputs"][at]["kind"] = json!("training_material");
    let report = validate(&documents);
    let found: Vec<&str> = report.with_code("cross.shared_output_mismatch").map(|d| d.message.as_str()).collect();
    assert_eq!(found.len(), 1, "{report}");
    assert!(found[0].starts_with("shared output `weekly-meeting-video` is also recorded by project"), "{}", found[0]);

    // A project the artefact belongs to, given, without a record of it.
    let tl = documents.iter_mut().find(|d| d["id"] == "tulevaisuuden-lastensuojelu").unwrap();
    tl["outputs"].as_array_mut().unwrap().remove(at);
    let report = validate(&documents);
    let found: Vec<&str> = report.with_code("cross.shared_output_mismatch").map(|d| d.message.as_str()).collect();
    assert_eq!(
        found,
        [
            "shared output `weekly-meeting-video` belongs to project `tulevaisuuden-lastensuojelu`, which is given but has no record of it"
        ]
    );
}

#[test]
fn reports_about_the_project_may_follow_its_end_by_half_a_year() {
    let mut v = base();
    // The project ends 2022-12-31; a regional report two months later is fine, an article two years later is not.
    set(&mut v, "/outputs/1/kind", json!("report"));
    set(&mut v, "/outputs/1/date", json!("2023-02"));
    assert_eq!(codes(&validate(&[v.clone(), programme()])), []);
    set(&mut v, "/outputs/1/date", json!("2024-02"));
    assert_eq!(
        codes(&validate(&[v.clone(), programme()])),
        [("dates.outside_project".to_owned(), "/outputs/1/date".to_owned())]
    );
    // Work itself (an operating model) is still expected inside the period.
    set(&mut v, "/outputs/1/kind", json!("operating_model"));
    set(&mut v, "/outputs/1/date", json!("2023-02"));
    assert_eq!(
        codes(&validate(&[v, programme()])),
        [("dates.outside_project".to_owned(), "/outputs/1/date".to_owned())]
    );
}

#[test]
fn links_across_documents_resolve_and_follow_the_programme() {
    let mut v = base();
    v["related_projects"] = json!([{"project": "p2", "kind": "sister_project"}]);
    v["objectives"][1]["programme_aims"] = json!(["aim-1"]);
    v["outputs"][1]["makers"] = json!(["org-b"]);
    let mut p = programme();
    p["aims"] = json!([{"id": "aim-1", "statement": {"fi": "Ohjelman tavoite"}}]);
    p["funding_rule"] = json!({"state_grant_share": 80, "self_financing_share": 20});
    p["projects"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "p2", "name": {"fi": "Sisar"}, "collaborative_area": "eastern_finland", "administrator": {"fi": "X"}}));
    assert_eq!(codes(&validate(&[v.clone(), p.clone()])), []);
    // A maker that is no implementer, a project naming itself.
    v["outputs"][1]["makers"] = json!(["org-x"]);
    v["related_projects"] = json!([{"project": "p", "kind": "other"}]);
    assert_eq!(
        codes(&validate(&[v, p])),
        [
            ("ref.unresolved".to_owned(), "/outputs/1/makers/0".to_owned()),
            ("ref.unresolved".to_owned(), "/related_projects/0/project".to_owned())
        ]
    );
}

#[test]
fn milestones_and_regional_parts_are_exported() {
    let seed = data::seed();
    let milestones: Vec<export::Row> =
        seed.iter().flat_map(|d| export::rows(d, Table::Milestones, Language::Fi)).collect();
    let stated: usize = seed
        .iter()
        .map(|d| match d {
            Document::Project(p) => p.milestones.len(),
            _ => 0,
        })
        .sum();
    assert_eq!(milestones.len(), stated);
    // Days from the application, as a range over partial dates.
    let mut v = base();
    v["milestones"] = json!([
        {"kind": "application", "date": "2020-05-15"},
        {"kind": "grant_decision", "date": "2020-10"}
    ]);
    let document = Document::from_json(&v.to_string()).unwrap();
    let rows = export::rows(&document, Table::Milestones, Language::Fi);
    assert_eq!(rows[1].get("days_from_application_min"), Some(&Cell::Text("139".into())));
    assert_eq!(rows[1].get("days_from_application_max"), Some(&Cell::Text("169".into())));
    let parts = export::rows(&document, Table::RegionalParts, Language::Fi);
    assert_eq!(parts.len(), 1);
    assert_eq!(parts[0].get("regional_part"), Some(&Cell::Text("rp-1".into())));
}

#[test]
fn the_summary_and_the_report_give_each_projects_timeline_regional_parts_and_participant_groups() {
    let mut v = base();
    v["milestones"] = json!([
        {"kind": "application", "date": "2020-05-15"},
        {"kind": "grant_decision", "date": "2020-10"},
        {"kind": "start_of_work", "date": "2020-11-16", "counties": ["keski_suomi"]},
        {"kind": "final_report", "date": "2023-03", "expected": true}
    ]);
    let document = Document::from_json(&v.to_string()).unwrap();
    let summary = aggregate::summarise(std::slice::from_ref(&document), false);
    let timeline = &summary.timelines.rows().unwrap()[0];
    let Document::Project(project) = &document else { panic!() };
    let date = |i: usize| project.milestones[i].date;
    assert_eq!(timeline.days_to_decision, Some(aggregate::DayRange::between(date(0), date(1))));
    assert_eq!(timeline.days_to_start, Some(aggregate::DayRange::between(date(1), date(2))));
    assert_eq!(timeline.regional_parts, project.regional_parts.len() as u64);
    let parts = summary.regional_parts.rows().unwrap();
    assert_eq!(parts.iter().map(|r| r.regional_part.as_str()).collect::<Vec<_>>(), ["rp-1"]);

    // Past the per-project limit they are left out and say so.
    let mut aggregator = Aggregator::new().per_project_limit(0);
    aggregator.add(&document);
    let summary = aggregator.finish();
    assert!(summary.timelines.rows().is_err() && summary.regional_parts.rows().is_err());

    // The report shows who took part in the seed projects.
    let summary = aggregate::summarise(&data::seed(), false);
    let text = report::render(&summary, report::Format::Text, false);
    assert!(text.contains("Who took part, by participant group"), "{text}");
    assert!(text.contains("Regional parts"), "{text}");
}

#[test]
fn a_programme_states_unique_aims_and_a_funding_rule_that_makes_the_whole() {
    let mut p = programme();
    p["aims"] = json!([{"id": "aim-1", "statement": {"fi": "A"}}, {"id": "aim-1", "statement": {"fi": "B"}}]);
    p["funding_rule"] = json!({"state_grant_share": 80, "self_financing_share": 25});
    p["alternatives"] =
        json!([{"field": "total_funding", "statement": {"fi": "5,8 miljoonaa euroa yhdelle alueelle"}}]);
    assert_eq!(
        codes(&validate(&[base(), p])),
        [
            ("id.duplicate".to_owned(), "/aims/1/id".to_owned()),
            ("funding.shares_total".to_owned(), "/funding_rule".to_owned()),
            ("source.alternative_unsourced".to_owned(), "/alternatives/0".to_owned()),
            // The base project's 80 % follows the rule's state grant.
        ]
    );
}

#[test]
fn the_types_of_schema_1_2_are_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<ParticipantGroup>();
    assert_send_sync::<SharedOutput>();
    assert_send_sync::<ProjectRelation>();
    assert_send_sync::<AlternativeStatement>();
    assert_send_sync::<FundingRule>();
    assert_send_sync::<ProgrammeAim>();
    assert_send_sync::<ProgrammeActivity>();
    assert_send_sync::<aggregate::ParticipantGroupRow>();
    assert_send_sync::<aggregate::TimelineRow>();
    assert_send_sync::<aggregate::RegionalPartRow>();
}

/// The cross-document rules of 1.2: documents built from the base, exactly one diagnostic.
#[test]
fn every_cross_document_rule_of_schema_1_2_is_caught() {
    type Build = fn() -> Vec<Value>;
    let cases: Vec<(&str, &str, Build)> = vec![
        ("cross.related_project_unknown", "/related_projects/0/project", || {
            let mut v = base();
            v["related_projects"] = json!([{"project": "nobody", "kind": "sister_project"}]);
            vec![v, programme()]
        }),
        ("cross.shared_output_mismatch", "/outputs/0/shared", || {
            let mut v = base();
            v["outputs"][0]["shared"] = json!({"id": "joint", "projects": ["p", "q"]});
            let mut other = base();
            other["id"] = json!("q");
            other.as_object_mut().unwrap().remove("programme");
            rename_records(&mut other);
            other["outputs"][0]["shared"] = json!({"id": "joint", "projects": ["p", "q"]});
            other["outputs"][0]["kind"] = json!("report");
            vec![v, other, programme()]
        }),
        ("cross.programme_aim_unknown", "/objectives/1/programme_aims/0", || {
            let mut v = base();
            v["objectives"][1]["programme_aims"] = json!(["aim-9"]);
            let mut p = programme();
            p["aims"] = json!([{"id": "aim-1", "statement": {"fi": "Ohjelman tavoite"}}]);
            vec![v, p]
        }),
        ("cross.funding_rule", "/funding/parts/0/share", || {
            let mut p = programme();
            p["funding_rule"] = json!({"state_grant_share": 75, "self_financing_share": 25});
            vec![base(), p]
        }),
    ];
    for (code, pointer, build) in cases {
        let report = validate(&build());
        let rule = validation::rule(code).unwrap();
        assert_eq!(report.diagnostics.len(), 1, "{code}:\n{report}");
        let d = &report.diagnostics[0];
        assert_eq!((d.code.as_str(), d.severity, d.pointer.as_str()), (code, rule.severity, pointer), "{report}");
        crate::validation::assert_found_alike_in_lines(code, &build());
    }
}
