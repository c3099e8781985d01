//! Schema 1.1: what real reports beyond the seeds need, as their sources
//! state it: partial funding breakdowns, exact share-against-amount checks,
//! regional budgets, staff without a share, organisations inside others or
//! known only by region, milestones, targets and baselines, awards, web
//! sources; and the promise that every 1.0 document keeps its meaning.

use std::collections::BTreeSet;

use childwelfare::validation::{self, Report};
use childwelfare::*;
use serde_json::{Value, json};

use crate::common::root;
use crate::validation::{base, programme, set, validate};

/// The (code, pointer, message) of every diagnostic.
fn found(report: &Report) -> Vec<(String, String, String)> {
    report.diagnostics.iter().map(|d| (d.code.clone(), d.pointer.clone(), d.message.clone())).collect()
}

fn one(code: &str, pointer: &str, message: &str) -> Vec<(String, String, String)> {
    vec![(code.to_owned(), pointer.to_owned(), message.to_owned())]
}

/// The base project with a funding that gives only the state grant.
fn state_grant_only(parts_complete: Option<bool>) -> Value {
    let mut v = base();
    let mut funding = json!({
        "funder": "stm",
        "total": {"euros": "160000"},
        "parts": [{"kind": "state_grant", "share": 80, "amount": {"euros": "128000"}}]
    });
    if let Some(complete) = parts_complete {
        funding["parts_complete"] = json!(complete);
    }
    set(&mut v, "/funding", funding);
    v
}

#[test]
fn a_source_that_gives_only_the_state_grant_validates_without_inventing_a_part() {
    let report = validate(&[state_grant_only(Some(false)), programme()]);
    assert!(report.diagnostics.is_empty(), "{report}");
    let Document::Project(project) = Document::from_json(&state_grant_only(Some(false)).to_string()).unwrap() else {
        panic!("a project")
    };
    assert!(!project.funding.as_ref().unwrap().parts_complete);
}

#[test]
fn a_breakdown_is_complete_unless_it_says_otherwise_and_one_part_is_not_repeated() {
    let report = validate(&[state_grant_only(None), programme()]);
    let mut expected = one("funding.shares_total", "/funding/parts", "the funding shares add up to 80 %, not 100 %");
    expected.extend(one(
        "funding.parts_total",
        "/funding/parts",
        "the funding parts add up to only 128 000 € but the total is 160 000 €; difference 32 000 €",
    ));
    assert_eq!(found(&report), expected);
}

#[test]
fn a_partial_breakdown_may_fall_short_of_the_total_but_never_exceed_it() {
    let mut v = state_grant_only(Some(false));
    v["funding"]["parts"]
        .as_array_mut()
        .unwrap()
        .push(json!({"kind": "self_financing", "share": 30, "amount": {"euros": "40000"}}));
    let report = validate(&[v, programme()]);
    assert_eq!(
        found(&report),
        [
            one("funding.shares_total", "/funding/parts", "the funding shares add up to 110 % (80 % + 30 %), more than 100 %"),
            one(
                "funding.parts_total",
                "/funding/parts",
                "the funding parts already add up to 168 000 € (128 000 € + 40 000 €) but the total is 160 000 €; difference 8 000 €"
            ),
            one(
                "funding.amount_share_mismatch",
                "/funding/parts/1",
                "the self-financing share of 40 000 € is 25 % of 160 000 €, stated as 30 %; 30 % would be 48 000 €, 8 000 € more, beyond what 30 % can be a rounding of (29.5–30.5 %)"
            )
            .into_iter()
            .map(|(_, p, m)| ("funding.amount_share_conflict".to_owned(), p, m))
            .collect(),
        ]
        .concat()
    );
}

#[test]
fn a_regional_part_funding_can_be_partial_too() {
    let mut v = base();
    set(
        &mut v,
        "/regional_parts/0/funding",
        json!({"total": {"euros": "50000"}, "parts": [{"kind": "state_grant", "share": 80}], "parts_complete": false}),
    );
    set(&mut v, "/regional_parts/0/budget_relation", json!("additional_to_project"));
    assert!(validate(&[v.clone(), programme()]).diagnostics.is_empty());
    set(&mut v, "/regional_parts/0/funding/parts_complete", json!(true));
    assert_eq!(
        found(&validate(&[v, programme()])),
        one("funding.shares_total", "/regional_parts/0/funding/parts", "the funding shares add up to 80 %, not 100 %")
    );
}

#[test]
fn share_against_amount_is_exact_within_one_euro_and_tiered_beyond() {
    let with_amount = |total: Value, euros: &str| {
        let mut v = base();
        set(&mut v, "/funding/total", total);
        set(&mut v, "/funding/parts/0/amount", json!({"euros": euros}));
        validate(&[v, programme()])
    };
    let exact = json!({"euros": "100000"});
    // Within 1 € of 80 % × 100 000 €: nothing to say.
    assert!(with_amount(exact.clone(), "80000.99").diagnostics.is_empty());
    assert!(with_amount(exact.clone(), "79999.00").diagnostics.is_empty());
    // 1.01 € off, within what 80 % rounds from: a warning with the exact figures.
    assert_eq!(
        found(&with_amount(exact.clone(), "79998.99")),
        one(
            "funding.amount_share_mismatch",
            "/funding/parts/0",
            "the state grant of 79 998.99 € is about 80 % of 100 000 €, stated as 80 %; 80 % would be 80 000 €, 1.01 € more"
        )
    );
    // The edge of the rounding range: 79.5 % is still 80 %, 79.49 % is not.
    assert_eq!(with_amount(exact.clone(), "79500").diagnostics[0].code, "funding.amount_share_mismatch");
    assert_eq!(with_amount(exact.clone(), "79490").diagnostics[0].code, "funding.amount_share_conflict");
    assert_eq!(with_amount(exact.clone(), "80500").diagnostics[0].code, "funding.amount_share_mismatch");
    assert_eq!(with_amount(exact, "80500.01").diagnostics[0].code, "funding.amount_share_conflict");
    // With an approximate total only an impossible share is reported, as a warning.
    let about = json!({"euros": "100000", "exactness": "approximate"});
    assert!(with_amount(about.clone(), "79600").diagnostics.is_empty());
    let report = with_amount(about, "70000");
    assert_eq!(
        found(&report),
        one(
            "funding.amount_share_mismatch",
            "/funding/parts/0",
            "the state grant of 70 000 € is 70 % of about 100 000 €, stated as 80 %; 80 % would be 80 000 €, 10 000 € more, beyond what 80 % can be a rounding of (79.5–80.5 %)"
        )
    );
}

#[test]
fn a_share_with_decimals_is_as_precise_as_it_is_written() {
    let mut v = base();
    set(&mut v, "/funding/total", json!({"euros": "100000"}));
    set(&mut v, "/funding/parts/0/share", json!(75.5));
    set(&mut v, "/funding/parts/1/share", json!(24.5));
    set(&mut v, "/funding/parts/0/amount", json!({"euros": "75540"}));
    // 75.54 % is within 75.45–75.55 %.
    assert_eq!(validate(&[v.clone(), programme()]).diagnostics[0].code, "funding.amount_share_mismatch");
    set(&mut v, "/funding/parts/0/amount", json!({"euros": "75560"}));
    let report = validate(&[v, programme()]);
    assert_eq!(report.diagnostics[0].code, "funding.amount_share_conflict");
    assert!(report.diagnostics[0].message.ends_with("(75.45–75.55 %)"), "{report}");
}

#[test]
fn euros_percent_and_counts_share_one_display_convention() {
    assert_eq!(Euros::from_cents(115_200_000).to_string(), "1 152 000 €");
    assert_eq!(Euros::from_cents(12_345).to_string(), "123.45 €");
    assert_eq!(Euros::from_cents(115_200_000).to_plain_string(), "1152000.00");
    assert_eq!(Percent::new(33.3).unwrap().to_string(), "33.3 %");
    assert_eq!(Count::approximate(1000).to_string(), "about 1 000");
    assert_eq!(Count::exact(3667).to_string(), "3 667");
    // JSON keeps the plain forms.
    assert_eq!(serde_json::to_string(&Euros::from_cents(115_200_000)).unwrap(), r#""1152000.00""#);
}

#[test]
fn regional_budgets_included_in_the_project_are_counted_inside_it() {
    let mut v = base();
    set(&mut v, "/regional_parts/0/funding", json!({"total": {"euros": "60000"}}));
    set(&mut v, "/regional_parts/0/budget_relation", json!("included_in_project"));
    assert!(validate(&[v.clone(), programme()]).diagnostics.is_empty());
    // Inside the project's 100 000 €, 100 000.01 € is too much.
    set(&mut v, "/regional_parts/0/funding/total/euros", json!("100000.01"));
    assert_eq!(found(&validate(&[v.clone(), programme()]))[0].0, "funding.regional_parts_exceed");
    // On top of the project's budget, any amount is possible.
    set(&mut v, "/regional_parts/0/funding/total/euros", json!("600000"));
    set(&mut v, "/regional_parts/0/budget_relation", json!("additional_to_project"));
    assert!(validate(&[v, programme()]).diagnostics.is_empty());
}

#[test]
fn staff_and_contacts_can_be_people_with_dates_and_no_share() {
    let mut v = base();
    set(
        &mut v,
        "/staffing/0",
        json!({"implementer": "admin", "role": {"fi": "projektipäällikkö"}, "person": "N.N.", "period": {"start": "2021-03-01", "end": "2022-12-31"}}),
    );
    set(&mut v, "/contacts/0/period", json!({"start": "2021-03"}));
    assert!(validate(&[v.clone(), programme()]).diagnostics.is_empty());
    let Document::Project(project) = Document::from_json(&v.to_string()).unwrap() else { panic!() };
    assert_eq!(project.staffing[0].share_of_full_time, None);
    assert_eq!(project.staffing[0].person.as_deref(), Some("N.N."));
    // A stated share of 0 % is still reported.
    set(&mut v, "/staffing/0/share_of_full_time", json!(0));
    assert_eq!(found(&validate(&[v, programme()]))[0].0, "funding.staffing_empty");
}

#[test]
fn an_organisation_inside_another_is_referenced_and_never_its_own_ancestor() {
    let mut v = base();
    set(&mut v, "/implementers/0/parent", json!("org-b"));
    assert!(validate(&[v.clone(), programme()]).diagnostics.is_empty());
    set(&mut v, "/implementers/0/parent", json!("nobody"));
    assert_eq!(
        found(&validate(&[v.clone(), programme()])),
        one(
            "ref.unresolved",
            "/implementers/0/parent",
            "implementer `admin` refers to implementer `nobody`, which does not exist"
        )
    );
    set(&mut v, "/implementers/0/parent", json!("org-b"));
    set(&mut v, "/implementers/1/parent", json!("admin"));
    assert_eq!(
        found(&validate(&[v, programme()])),
        one(
            "ref.cycle",
            "/implementers/0/parent",
            "`parent` goes round in a circle: /implementers/0 → /implementers/1 → back to the start"
        )
    );
}

#[test]
fn an_implementer_known_only_by_its_region_is_unnamed_not_a_county() {
    let mut v = base();
    v["implementers"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "lappi-org", "kind": "unknown", "roles": ["co_implementer"], "counties": ["etela_savo"]}));
    assert!(validate(&[v.clone(), programme()]).diagnostics.is_empty());
    let Document::Project(project) = Document::from_json(&v.to_string()).unwrap() else { panic!() };
    let unnamed = project.implementer(&Id::new("lappi-org").unwrap()).unwrap();
    assert_eq!(unnamed.name, None);
    assert_eq!(unnamed.display_name(Language::En), "unnamed organisation (South Savo)");
    assert_eq!(unnamed.kind.iati_organisation_type().code(), 90);
    // Another document that names the organisation does not conflict with it.
    let mut other = base();
    set(&mut other, "/id", json!("p2"));
    for list in crate::common::RECORD_LISTS {
        for record in other[*list].as_array_mut().unwrap() {
            let id = format!("p2-{}", record["id"].as_str().unwrap());
            record["id"] = json!(id);
        }
    }
    let report = validation::validate_documents(&[
        Document::from_json(&v.to_string()).unwrap(),
        Document::from_json(&other.to_string()).unwrap(),
    ]);
    assert!(report.diagnostics.iter().all(|d| d.code != "cross.organisation_name"), "{report}");
}

#[test]
fn a_contributor_gives_money_or_work_in_kind_and_maps_to_iati_funding() {
    let mut v = base();
    set(&mut v, "/implementers/1/roles", json!(["contributor"]));
    set(&mut v, "/implementers/1/contributions", json!(["funding", "in_kind"]));
    assert!(validate(&[v, programme()]).diagnostics.is_empty());
    assert_eq!(ImplementerRole::Contributor.iati_role(), IatiOrganisationRole::Funding);
    assert_eq!(ImplementerRole::Contributor.label(Language::En), "contributor");
}

#[test]
fn milestones_hold_the_key_dates_and_run_in_order() {
    let mut v = base();
    set(
        &mut v,
        "/milestones",
        json!([
            {"kind": "application", "date": "2020-06"},
            {"kind": "grant_decision", "date": "2020-10", "note": {"en": "decision of the ministry"}},
            {"kind": "start_of_work", "date": "2020-11-02"},
            {"kind": "other", "date": "2019"}
        ]),
    );
    assert!(validate(&[v.clone(), programme()]).diagnostics.is_empty());
    let Document::Project(project) = Document::from_json(&v.to_string()).unwrap() else { panic!() };
    let kinds: Vec<MilestoneKind> = project.milestones.iter().map(|m| m.kind).collect();
    assert_eq!(
        kinds,
        [MilestoneKind::Application, MilestoneKind::GrantDecision, MilestoneKind::StartOfWork, MilestoneKind::Other]
    );
    assert_eq!(project.milestones[1].date, PartialDate::Month(2020, 10));
    // Months that overlap the other date are not reported: only a surely later date is.
    set(&mut v, "/milestones/0/date", json!("2020-10-15"));
    assert!(validate(&[v, programme()]).diagnostics.is_empty());
}

#[test]
fn regional_parts_list_municipalities_objectives_and_implementers_and_work_packages_list_counties() {
    let mut v = base();
    set(&mut v, "/regional_parts/0/municipalities", json!(["Jyväskylä", "Äänekoski"]));
    set(&mut v, "/regional_parts/0/implementers", json!(["admin", "org-b"]));
    set(&mut v, "/regional_parts/0/objectives", json!(["o-1"]));
    set(&mut v, "/work_packages/0/counties", json!(["keski_suomi"]));
    assert!(validate(&[v.clone(), programme()]).diagnostics.is_empty());
    set(&mut v, "/regional_parts/0/implementers/1", json!("org-x"));
    set(&mut v, "/regional_parts/0/objectives/0", json!("o-9"));
    set(&mut v, "/work_packages/0/counties/0", json!("lappi"));
    let codes: BTreeSet<(String, String)> =
        found(&validate(&[v, programme()])).into_iter().map(|(c, p, _)| (c, p)).collect();
    assert_eq!(
        codes,
        BTreeSet::from([
            ("org.county_outside_area".to_owned(), "/work_packages/0/counties/0".to_owned()),
            ("ref.unresolved".to_owned(), "/regional_parts/0/implementers/1".to_owned()),
            ("ref.unresolved".to_owned(), "/regional_parts/0/objectives/0".to_owned()),
        ])
    );
}

#[test]
fn the_service_sectors_of_multi_agency_reports_are_on_the_list() {
    let expected = [
        ("disability_services", "vammaispalvelut", "disability services"),
        ("adult_social_work", "aikuissosiaalityö", "adult social work"),
        ("family_counselling", "kasvatus- ja perheneuvonta", "child guidance and family counselling"),
        ("child_health_clinics", "lastenneuvola", "child health clinics"),
        ("family_centres", "perhekeskus", "family centres"),
        ("early_childhood_education", "varhaiskasvatus", "early childhood education and care"),
        ("youth_services", "nuorisopalvelut", "youth services"),
        ("police", "poliisi", "police"),
    ];
    for (code, fi, en) in expected {
        let sector: ServiceSector = code.parse().unwrap();
        assert_eq!((sector.label(Language::Fi), sector.label(Language::En)), (fi, en));
        assert!(!sector.label(Language::Sv).is_empty());
    }
}

#[test]
fn a_missed_target_is_explained_by_a_note_or_a_judgement() {
    let mut v = base();
    set(&mut v, "/measures/0/target", json!({"value": {"value": 10}}));
    set(&mut v, "/measures/0/baseline", json!({"value": {"value": 2}, "date": "2020-08"}));
    assert_eq!(found(&validate(&[v.clone(), programme()]))[0].0, "results.target_missed");
    // A note on the target explains it.
    set(&mut v, "/measures/0/target/note", json!({"en": "two trainers left"}));
    assert!(validate(&[v.clone(), programme()]).diagnostics.is_empty());
    // So does a judgement of an objective the measure serves.
    v["measures"][0]["target"].as_object_mut().unwrap().remove("note");
    set(&mut v, "/measures/0/objectives", json!(["o-1"]));
    assert!(validate(&[v.clone(), programme()]).diagnostics.is_empty());
    // An ongoing project has not missed anything yet.
    v["measures"][0].as_object_mut().unwrap().remove("objectives");
    set(&mut v, "/status", json!("ongoing"));
    assert!(validate(&[v.clone(), programme()]).diagnostics.is_empty());
    // "About 9" may be 10: not surely below.
    set(&mut v, "/status", json!("ended"));
    set(&mut v, "/measures/0/value", json!({"value": 9, "exactness": "approximate"}));
    assert!(validate(&[v.clone(), programme()]).diagnostics.is_empty());
    // An output record without a count stands for one item.
    set(&mut v, "/outputs/1/target", json!({"value": {"value": 3}, "date": "2022"}));
    assert_eq!(
        found(&validate(&[v, programme()])),
        one(
            "results.target_missed",
            "/outputs/1/target",
            "output `out-a1` reached 1 against a target of 3, and neither a note on the target nor a judgement of its objectives says so"
        )
    );
}

#[test]
fn outputs_record_awards_and_when_they_were_taken_into_use() {
    let mut v = base();
    set(
        &mut v,
        "/outputs/1/awards",
        json!([{"name": {"fi": "Vuoden sosiaaliteko"}, "awarded_by": {"fi": "Talentia"}, "date": "2022", "result": "finalist"}]),
    );
    set(&mut v, "/outputs/1/adopted_on", json!("2022-09"));
    set(&mut v, "/outputs/1/status", json!("adopted"));
    assert!(validate(&[v.clone(), programme()]).diagnostics.is_empty());
    let Document::Project(project) = Document::from_json(&v.to_string()).unwrap() else { panic!() };
    let output = &project.outputs[1];
    assert_eq!(output.awards[0].result, AwardResult::Finalist);
    assert_eq!(output.adopted_on, Some(PartialDate::Month(2022, 9)));
    assert_eq!(AwardResult::Won.label(Language::Fi), "voittaja");
}

#[test]
fn web_pages_news_items_and_press_releases_are_sources_with_an_optional_section() {
    let mut v = base();
    set(
        &mut v,
        "/source_documents",
        json!([
            {"id": "src", "title": {"fi": "Loppuraportti"}, "kind": "final_report"},
            {"id": "page", "title": {"fi": "Hankkeen sivu"}, "kind": "web_page", "url": "https://example.fi/hanke"},
            {"id": "news", "title": {"fi": "Uutinen"}, "kind": "news_item"},
            {"id": "release", "title": {"fi": "Tiedote"}, "kind": "press_release", "date": "2020-12-03"}
        ]),
    );
    set(
        &mut v,
        "/sources",
        json!([{"document": "page"}, {"document": "release", "section": "\"5,8 miljoonaa euroa\""}]),
    );
    assert!(validate(&[v.clone(), programme()]).diagnostics.is_empty());
    let Document::Project(project) = Document::from_json(&v.to_string()).unwrap() else { panic!() };
    assert_eq!(project.sources[0].section, None);
    assert_eq!(project.source_documents[3].kind, SourceKind::PressRelease);
}

/// The bundled data as it was under schema `version`, committed under
/// `tests/compat/{version}`.
fn compat_documents(version: &str) -> Vec<(String, String)> {
    let dir = root().join("tests/compat").join(version);
    let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .map(|path| (path.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&path).unwrap()))
        .collect();
    files.sort();
    assert_eq!(files.len(), 3, "the three {version} documents");
    files
}

/// Reads the documents of `version` through today's model: nothing is
/// added, dropped or changed, and the committed schema accepts them.
fn read_compat(version: &str) -> Vec<Document> {
    let mut documents = Vec::new();
    for (name, text) in compat_documents(version) {
        let original: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(original["schema_version"], version, "{name}");
        let document = Document::from_json(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let written: Value = serde_json::from_str(&document.to_json()).unwrap();
        assert_eq!(written, original, "{name}");
        if let Document::Project(project) = &document {
            assert!(project.funding.as_ref().is_none_or(|f| f.parts_complete), "{name}: a 1.0 breakdown is complete");
            assert!(project.implementers.iter().all(|i| i.name.is_some()), "{name}");
            // What 1.2 added is absent, and so means what it meant before.
            assert!(project.events.iter().all(|e| e.participant_groups.is_empty()), "{name}");
            assert!(project.outputs.iter().all(|o| o.shared.is_none() && o.makers.is_empty()), "{name}");
            assert!(project.related_projects.is_empty() && project.alternatives.is_empty(), "{name}");
            assert!(project.regional_parts.iter().all(|r| r.name.is_some() && r.kind.is_none()), "{name}");
        }
        let validator = crate::common::committed_validator(document.kind());
        assert_eq!(crate::common::schema_errors(&validator, &original), Vec::<String>::new(), "{name}");
        documents.push(document);
    }
    documents
}

#[test]
fn documents_written_under_schema_1_0_parse_validate_and_mean_the_same() {
    let documents = read_compat("1.0");
    let report = validation::validate_documents(&documents);
    assert_eq!(report.error_count(), 0, "{report}");
    let warnings: BTreeSet<&str> = report.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(warnings, BTreeSet::from(["assessment.objective_unjudged"]), "{report}");
}

#[test]
fn documents_written_under_schema_1_1_parse_validate_and_mean_the_same() {
    let documents = read_compat("1.1");
    let report = validation::validate_documents(&documents);
    assert_eq!(report.error_count(), 0, "{report}");
    // The same findings as under 1.1, but one: a report published after the
    // project's end is no longer outside it (issue 20, item 10).
    let codes: BTreeSet<&str> = report.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert!(codes.is_subset(&BTreeSet::from(["assessment.objective_unjudged", "dates.outside_project"])), "{report}");
    // Nothing of 1.2 appears in their summary.
    let summary = childwelfare::aggregate::summarise(&documents, false);
    assert!(summary.participant_groups.is_empty());
    assert_eq!(summary.projects, 2);
}

/// Asserts that a value built in Rust writes exactly `json` and that `json`
/// reads back to the same value: the two forms of one addition.
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

fn date(s: &str) -> PartialDate {
    s.parse().unwrap()
}

fn euros(s: &str) -> Money {
    serde_json::from_value(json!({"euros": s})).unwrap()
}

#[test]
fn every_addition_of_schema_1_1_is_built_in_rust_as_it_is_written_in_json() {
    // 1. A partial funding breakdown.
    let mut funding = Funding::default();
    funding.total = Some(euros("160000"));
    let mut grant = FundingPart::new(FundingKind::StateGrant);
    grant.share = Some(Percent::new(80.0).unwrap());
    grant.amount = Some(euros("128000"));
    funding.parts.push(grant);
    funding.parts_complete = false;
    same_in_rust_and_json(
        funding,
        json!({"total": {"euros": "160000.00"}, "parts": [{"kind": "state_grant", "share": 80, "amount": {"euros": "128000.00"}}], "parts_complete": false}),
    );

    // 3. A regional part's budget relation, municipalities, objectives and implementers.
    let mut part = RegionalPart::new(id("rp-pirkanmaa"), Text::fi("Pirkanmaan osahanke"), vec![County::Pirkanmaa]);
    part.budget_relation = Some(BudgetRelation::AdditionalToProject);
    part.municipalities = vec!["Tampere".to_owned()];
    part.objectives = vec![id("obj-1")];
    part.implementers = vec![id("org-tampere")];
    same_in_rust_and_json(
        part,
        json!({
            "id": "rp-pirkanmaa", "name": {"fi": "Pirkanmaan osahanke"}, "counties": ["pirkanmaa"],
            "municipalities": ["Tampere"], "implementers": ["org-tampere"],
            "budget_relation": "additional_to_project", "objectives": ["obj-1"]
        }),
    );

    // 5. Staff without a share, and a contact with a period.
    let mut staff = StaffingEntry::new(Text::fi("projektikoordinaattori"));
    staff.person = Some("Maija Meikäläinen".to_owned());
    staff.period = Some(Period::new(date("2021-03"), date("2022-12")));
    same_in_rust_and_json(
        staff,
        json!({"role": {"fi": "projektikoordinaattori"}, "person": "Maija Meikäläinen", "period": {"start": "2021-03", "end": "2022-12"}}),
    );
    let mut contact = Contact::new("Maija Meikäläinen");
    contact.period = Some(Period::new(date("2021"), date("2022")));
    same_in_rust_and_json(contact, json!({"name": "Maija Meikäläinen", "period": {"start": "2021", "end": "2022"}}));

    // 6. and 7. An organisation inside another, and one known only by its region, as a contributor.
    let mut centre = Implementer::new(id("org-centre"), Text::fi("Osaamiskeskus"), OrganisationKind::CompetenceCentre)
        .with_role(ImplementerRole::CoImplementer);
    centre.parent = Some(id("org-authority"));
    same_in_rust_and_json(
        centre,
        json!({"id": "org-centre", "name": {"fi": "Osaamiskeskus"}, "kind": "competence_centre", "roles": ["co_implementer"], "parent": "org-authority"}),
    );
    let unnamed = Implementer::unnamed(id("org-pirkanmaa-municipalities"), vec![County::Pirkanmaa])
        .with_role(ImplementerRole::Contributor);
    same_in_rust_and_json(
        unnamed,
        json!({"id": "org-pirkanmaa-municipalities", "kind": "unknown", "roles": ["contributor"], "counties": ["pirkanmaa"]}),
    );

    // 9. Milestones.
    let mut start = Milestone::new(MilestoneKind::StartOfWork, date("2020-autumn"));
    start.sources = vec![SourceRef::new(id("src-web"))];
    same_in_rust_and_json(
        start,
        json!({"kind": "start_of_work", "date": "2020-autumn", "sources": [{"document": "src-web"}]}),
    );

    // 10. and 11. Work package counties; the new service sectors.
    let mut package = WorkPackage::new(id("wp-1"), "1".parse().unwrap(), Text::fi("Perhekeskukset"));
    package.counties = vec![County::Pirkanmaa];
    package.sectors = vec![ServiceSector::FamilyCentres, ServiceSector::Police];
    same_in_rust_and_json(
        package,
        json!({"id": "wp-1", "number": "1", "title": {"fi": "Perhekeskukset"}, "sectors": ["family_centres", "police"], "counties": ["pirkanmaa"]}),
    );

    // 12. Targets and baselines on outputs and measures.
    let mut target = DatedCount::new(Count::at_least(500));
    target.date = Some(date("2022-12"));
    let mut measure =
        Measure::new(id("m-1"), MeasureKind::Activity, Text::fi("koulutetut"), Count::exact(420), Text::fi("henkilöä"));
    measure.target = Some(target.clone());
    measure.baseline = Some(DatedCount::new(Count::approximate(100)));
    same_in_rust_and_json(
        measure,
        json!({
            "id": "m-1", "kind": "activity", "description": {"fi": "koulutetut"}, "value": {"value": 420}, "unit": {"fi": "henkilöä"},
            "target": {"value": {"value": 500, "exactness": "at_least"}, "date": "2022-12"},
            "baseline": {"value": {"value": 100, "exactness": "approximate"}}
        }),
    );

    // 12. and 13. An output with a target, an award and the date it was taken into use.
    let mut award = Award::new(Text::fi("Vuoden sosiaaliteko"), AwardResult::Finalist);
    award.date = Some(date("2022"));
    let mut output = Output::new(id("out-model"), OutputKind::OperatingModel);
    output.adopted_on = Some(date("2023-01"));
    output.awards = vec![award];
    output.target = Some(target);
    same_in_rust_and_json(
        output,
        json!({
            "id": "out-model", "kind": "operating_model", "adopted_on": "2023-01",
            "awards": [{"name": {"fi": "Vuoden sosiaaliteko"}, "date": "2022", "result": "finalist"}],
            "target": {"value": {"value": 500, "exactness": "at_least"}, "date": "2022-12"}
        }),
    );

    // 14. Web sources, cited without a section.
    let press = SourceDocument::new(id("src-press"), Text::fi("Tiedote"), SourceKind::PressRelease);
    same_in_rust_and_json(press, json!({"id": "src-press", "title": {"fi": "Tiedote"}, "kind": "press_release"}));
    same_in_rust_and_json(SourceRef::new(id("src-press")), json!({"document": "src-press"}));
    for (kind, name) in [(SourceKind::WebPage, "web_page"), (SourceKind::NewsItem, "news_item")] {
        same_in_rust_and_json(kind, json!(name));
    }
}
