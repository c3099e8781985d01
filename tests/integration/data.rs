//! The seed data under `data/`: every file parses, round-trips losslessly,
//! writes deterministically and validates against the committed schema.

use childwelfare::{
    AchievementRating, County, Document, DocumentKind, Exactness, ImplementerRole, Percent, Project, ProjectStatus,
};

use crate::common::{RECORD_LISTS, committed_validator, data_files, root, schema_errors};

fn load(name: &str) -> Document {
    let json = std::fs::read_to_string(root().join("data").join(name)).expect("data file is readable");
    Document::from_json(&json).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn project(name: &str) -> Project {
    match load(name) {
        Document::Project(project) => *project,
        other => panic!("{name} is a {}", other.kind()),
    }
}

#[test]
fn there_are_three_seed_documents() {
    let names: Vec<String> =
        data_files().iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["lumo.json", "programme.json", "tulevaisuuden-lastensuojelu.json"]);
}

#[test]
fn every_data_file_round_trips_losslessly_and_deterministically() {
    for path in data_files() {
        let text = std::fs::read_to_string(&path).unwrap();
        let document = Document::from_json(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let written = document.to_json();
        let reparsed = Document::from_json(&written).unwrap();
        assert_eq!(reparsed, document, "{}", path.display());
        assert_eq!(reparsed.to_json(), written, "writing is deterministic for {}", path.display());
        // Nothing is dropped or changed: the written JSON equals the file's JSON.
        let original: serde_json::Value = serde_json::from_str(&text).unwrap();
        let rewritten: serde_json::Value = serde_json::from_str(&written).unwrap();
        assert_eq!(rewritten, original, "{} changes on a round trip", path.display());
    }
}

#[test]
fn every_data_file_validates_against_the_committed_schema() {
    for path in data_files() {
        let text = std::fs::read_to_string(&path).unwrap();
        let instance: serde_json::Value = serde_json::from_str(&text).unwrap();
        let kind = match instance["document_type"].as_str() {
            Some("project") => DocumentKind::Project,
            Some("programme") => DocumentKind::Programme,
            other => panic!("{}: document_type {other:?}", path.display()),
        };
        let errors = schema_errors(&committed_validator(kind), &instance);
        assert!(errors.is_empty(), "{}:\n{}", path.display(), errors.join("\n"));
    }
}

#[test]
fn lumo_participation_figures_are_encoded_with_their_nesting() {
    let lumo = project("lumo.json");
    let event = |id: &str| lumo.events.iter().find(|e| e.id.as_str() == id).unwrap_or_else(|| panic!("{id}"));
    let attendances = |id: &str| event(id).participation.and_then(|p| p.attendances).map(|c| (c.value, c.exactness));

    assert_eq!(attendances("lumo-ev-yta-all"), Some((3667, Exactness::Exact)));
    let parts: Vec<u64> = lumo
        .events
        .iter()
        .filter(|e| e.part_of.as_ref().is_some_and(|p| p.as_str() == "lumo-ev-yta-all"))
        .map(|e| e.participation.unwrap().attendances.unwrap().value)
        .collect();
    assert_eq!(parts, [192, 2512, 963]);
    assert_eq!(parts.iter().sum::<u64>(), 3667);

    assert_eq!(attendances("lumo-ev-webinar-1"), Some((21, Exactness::Exact)));
    assert_eq!(attendances("lumo-ev-webinar-2"), Some((12, Exactness::Exact)));
    assert_eq!(event("lumo-ev-webinar-1").part_of.as_ref().unwrap().as_str(), "lumo-ev-theme-participation");
    assert_eq!(event("lumo-ev-webinar-3").status, childwelfare::EventStatus::Cancelled);
    assert_eq!(attendances("lumo-ev-local"), Some((1000, Exactness::Approximate)));

    let regional = event("lumo-ev-regional-systemic-trainings");
    let people = regional.participation.unwrap().distinct_people.unwrap();
    assert_eq!((people.value, people.exactness), (400, Exactness::Approximate));
    assert!(regional.part_of.is_none(), "the source does not say which total the 400 belong to");
    let overlaps: Vec<&str> = regional.possible_overlaps.iter().map(|o| o.with.as_str()).collect();
    assert_eq!(overlaps, ["lumo-ev-theme-systemic", "lumo-ev-local"]);
}

#[test]
fn lumo_organisation_funding_staffing_and_outputs() {
    let lumo = project("lumo.json");
    assert_eq!(lumo.status, ProjectStatus::Ended);
    assert_eq!(lumo.period.unwrap().to_string(), "2020-08-01 – 2022-12-31");
    let iso = lumo.implementer(&"iso".parse().unwrap()).unwrap();
    assert_eq!(iso.roles, [ImplementerRole::Administrator, ImplementerRole::Coordinator]);
    let co_implementers = lumo.implementers.iter().filter(|i| i.has_role(ImplementerRole::CoImplementer)).count();
    assert_eq!(co_implementers, 4);

    let funding = lumo.funding.as_ref().unwrap();
    let shares: Vec<Percent> = funding.parts.iter().filter_map(|p| p.share).collect();
    assert_eq!(shares, [Percent::new(80.0).unwrap(), Percent::new(20.0).unwrap()]);
    assert_eq!(funding.parts[1].paid_by.len(), 5, "every implementer pays its own share");

    let staffing: Vec<(Option<&str>, Option<u32>, bool)> = lumo
        .staffing
        .iter()
        .map(|s| {
            (
                s.implementer.as_ref().map(|i| i.as_str()),
                s.share_of_full_time.map(|share| share.hundredths() / 100),
                s.additional,
            )
        })
        .collect();
    assert_eq!(
        staffing,
        [
            (None, Some(100), false),
            (Some("siun-sote"), Some(50), true),
            (Some("essote"), Some(20), true),
            (Some("iso"), Some(50), false)
        ]
    );

    let count = |id: &str| lumo.outputs.iter().find(|o| o.id.as_str() == id).unwrap().count.unwrap().value;
    assert_eq!(
        [
            count("lumo-out-newsletters"),
            count("lumo-out-news"),
            count("lumo-out-blogs"),
            count("lumo-out-videos"),
            count("lumo-out-articles")
        ],
        [5, 15, 20, 7, 3]
    );
    let pages: Vec<&str> = lumo
        .outputs
        .iter()
        .filter(|o| o.part_of.as_ref().is_some_and(|p| p.as_str() == "lumo-out-articles"))
        .map(|o| o.publication.as_ref().unwrap().pages.as_deref().unwrap())
        .collect();
    assert_eq!(pages, ["162–169", "170–180", "212–223"]);
}

#[test]
fn lumo_assessments_judge_every_objective() {
    let lumo = project("lumo.json");
    let report = lumo.assessments.iter().find(|a| a.id.as_str() == "lumo-as-final-report").unwrap();
    let ratings: Vec<(&str, AchievementRating)> =
        report.judgements.iter().map(|j| (j.objective.as_str(), j.rating)).collect();
    assert_eq!(
        ratings,
        [
            ("lumo-obj-1", AchievementRating::PartlyAchieved),
            ("lumo-obj-2", AchievementRating::PartlyAchieved),
            ("lumo-obj-3", AchievementRating::PartlyAchieved)
        ]
    );
    let occasions = |id: &str| lumo.assessments.iter().find(|a| a.id.as_str() == id).unwrap().occasions.unwrap().value;
    assert_eq!(occasions("lumo-as-steering-group"), 7);
    assert_eq!(occasions("lumo-as-self-assessment"), 5);
    let hindrances: Vec<&str> = lumo.factors.iter().map(|f| f.kind.code()).collect();
    for kind in
        ["covid19", "health_and_social_services_reform", "war_in_ukraine", "staff_turnover", "fragmented_funding"]
    {
        assert!(hindrances.contains(&kind), "{kind}");
    }
}

#[test]
fn tulevaisuuden_lastensuojelu_and_its_regional_part() {
    let tl = project("tulevaisuuden-lastensuojelu.json");
    assert_eq!(tl.period.unwrap().start.unwrap().to_string(), "2020-autumn");
    let numbers: Vec<String> = tl.work_packages.iter().map(|wp| wp.number.to_string()).collect();
    assert_eq!(numbers, ["1", "2", "3", "4", "5", "6"]);
    let area = tl.working_area.as_ref().unwrap();
    assert_eq!(area.stated_county_count, Some(6));
    assert!(area.counties.contains(&County::ItaUusimaa));

    let dialogic = tl.assessments.iter().find(|a| a.id.as_str() == "tl-as-dialogic").unwrap();
    assert_eq!(dialogic.occasions.unwrap().value, 3);
    assert_eq!(dialogic.participation.unwrap().distinct_people.unwrap().value, 99);
    assert_eq!(dialogic.participation.unwrap().attendances, None);

    let part = &tl.regional_parts[0];
    assert_eq!(part.counties, [County::ItaUusimaa]);
    assert_eq!(part.period.unwrap().to_string(), "2021 – 2022");
    let nvr = tl.events.iter().find(|e| e.id.as_str() == "tl-ev-iu-nvr-group").unwrap();
    assert_eq!(nvr.sessions.unwrap().value, 13);
    assert_eq!(nvr.period.unwrap().to_string(), "2021-11 – 2022-04");
    assert_eq!(nvr.regional_part.as_ref(), Some(&part.id));
    let contact = &tl.contacts[0];
    assert_eq!(contact.email.as_ref().unwrap().as_str(), "jaana.leppakorpi@hus.fi");
    assert_eq!(tl.record_dates.unwrap().created.unwrap().to_string(), "2022-02-22");
}

#[test]
fn the_programme_lists_five_projects_and_links_the_two_with_data() {
    let Document::Programme(programme) = load("programme.json") else { panic!("programme.json") };
    assert_eq!(programme.projects.len(), 5);
    let linked: Vec<&str> = programme.projects.iter().filter_map(|p| p.document.as_deref()).collect();
    assert_eq!(linked, ["tulevaisuuden-lastensuojelu.json", "lumo.json"]);
    for file in linked {
        let Document::Project(project) = load(file) else { panic!("{file}") };
        assert_eq!(project.programme.as_ref(), Some(&programme.id));
        assert!(programme.projects.iter().any(|p| p.id == project.id));
    }
    let total = programme.total_funding.unwrap();
    assert_eq!((total.euros.cents(), total.exactness), (580_000_000, Exactness::Approximate));
}

#[test]
fn every_record_cites_a_source_document_that_exists() {
    for path in data_files() {
        let text = std::fs::read_to_string(&path).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let known: Vec<&str> =
            value["source_documents"].as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap()).collect();
        let mut cited = Vec::new();
        collect_cited(&value, &mut cited);
        assert!(!cited.is_empty());
        for document in cited {
            assert!(known.contains(&document.as_str()), "{} cites unknown {document}", path.display());
        }
        for list in RECORD_LISTS.iter().chain(&["implementers", "projects"]) {
            for record in value[list].as_array().into_iter().flatten() {
                assert!(
                    record["sources"].as_array().is_some_and(|s| !s.is_empty()),
                    "{}: {} {} has no source",
                    path.display(),
                    list,
                    record["id"]
                );
            }
        }
    }
}

fn collect_cited(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            if let Some(serde_json::Value::Array(sources)) = map.get("sources") {
                out.extend(sources.iter().filter_map(|s| s["document"].as_str().map(str::to_owned)));
            }
            map.values().for_each(|v| collect_cited(v, out));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_cited(v, out)),
        _ => {}
    }
}
