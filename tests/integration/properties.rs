//! Property tests: arbitrary model values round-trip through JSON, and what
//! the Rust types write always validates against the generated JSON Schema.
//! Where a newtype's Rust check and its schema pattern are separate code,
//! a property keeps the two in step.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use childwelfare::*;
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;

fn code<T: Copy + std::fmt::Debug + 'static>(all: &'static [T]) -> impl Strategy<Value = T> {
    proptest::sample::select(all)
}

fn id() -> impl Strategy<Value = Id> {
    "[a-z0-9]([a-z0-9._-]{0,20}[a-z0-9])?".prop_map(|s| Id::new(s).expect("pattern matches the rule"))
}

fn text() -> impl Strategy<Value = Text> {
    (option::of(".{0,12}"), option::of(".{0,12}"), option::of(".{0,12}"))
        .prop_filter_map("at least one language", |(fi, sv, en)| Text::from_parts(fi, sv, en).ok())
}

fn partial_date() -> impl Strategy<Value = PartialDate> {
    prop_oneof![
        (1900..2100i32).prop_map(PartialDate::Year),
        (1900..2100i32, code(Season::ALL)).prop_map(|(y, s)| PartialDate::Season(y, s)),
        (1900..2100i32, 1..=12u32).prop_map(|(y, m)| PartialDate::Month(y, m)),
        (1900..2100i32, 1..=366u32)
            .prop_filter_map("a real day", |(y, d)| { chrono::NaiveDate::from_yo_opt(y, d).map(PartialDate::Day) }),
    ]
}

fn period() -> impl Strategy<Value = Period> {
    (option::of(partial_date()), option::of(partial_date())).prop_map(|(start, end)| Period { start, end })
}

fn count() -> impl Strategy<Value = Count> {
    (any::<u64>(), code(Exactness::ALL)).prop_map(|(value, exactness)| Count { value, exactness })
}

fn percent() -> impl Strategy<Value = Percent> {
    (0..=10_000u32).prop_map(|h| Percent::from_hundredths(h).expect("in range"))
}

fn money() -> impl Strategy<Value = Money> {
    (0..=999_999_999_999_999u64, code(Exactness::ALL))
        .prop_map(|(cents, exactness)| Money { euros: Euros::from_cents(cents), exactness })
}

fn participation() -> impl Strategy<Value = Participation> {
    (option::of(count()), option::of(count()))
        .prop_map(|(attendances, distinct_people)| Participation::new(attendances, distinct_people))
}
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        (-1.0e9..1.0e9f64).prop_map(serde_json::Value::from),
        ".{0,8}".prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
            proptest::collection::btree_map("[a-z]{1,6}", inner, 0..4)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

fn extensions() -> impl Strategy<Value = BTreeMap<String, serde_json::Value>> {
    proptest::collection::btree_map(".{1,8}", json_value(), 0..3)
}

fn sources() -> impl Strategy<Value = Vec<SourceRef>> {
    vec(
        (id(), option::of(".{0,10}")).prop_map(|(document, section)| {
            let mut source = SourceRef::new(document);
            source.section = section;
            source
        }),
        0..2,
    )
}

fn url() -> impl Strategy<Value = Url> {
    "https://[a-z]{1,8}\\.fi(/[a-z0-9-]{0,10}){0,2}".prop_map(|s| Url::new(s).expect("a valid link"))
}

fn implementer() -> impl Strategy<Value = Implementer> {
    (
        (id(), option::of(text()), option::of("[A-Za-z ]{1,10}"), vec(text(), 0..2), code(OrganisationKind::ALL)),
        (vec(code(ImplementerRole::ALL), 0..3), vec(code(Contribution::ALL), 0..2), vec(code(County::ALL), 0..3)),
        (option::of(text()), sources(), extensions()),
    )
        .prop_map(
            |(
                (id, name, short_name, other_names, kind),
                (roles, contributions, counties),
                (note, sources, extensions),
            )| {
                let mut implementer = match name {
                    Some(name) => Implementer::new(id, name, kind),
                    None => {
                        let mut unnamed = Implementer::unnamed(id, counties.clone());
                        unnamed.kind = kind;
                        unnamed
                    }
                };
                implementer.parent = short_name.as_ref().map(|_| Id::new("parent-org").expect("valid"));
                implementer.short_name = short_name;
                implementer.other_names = other_names;
                implementer.roles = roles;
                implementer.contributions = contributions;
                implementer.business_id = Some(BusinessId::new("0245437-2").expect("valid"));
                implementer.counties = counties;
                implementer.note = note;
                implementer.sources = sources;
                implementer.extensions = extensions;
                implementer
            },
        )
}

fn funding() -> impl Strategy<Value = Funding> {
    let part =
        (code(FundingKind::ALL), option::of(percent()), option::of(money()), vec(id(), 0..3), option::of(text()))
            .prop_map(|(kind, share, amount, paid_by, note)| {
                let mut part = FundingPart::new(kind);
                part.share = share;
                part.amount = amount;
                part.paid_by = paid_by;
                part.note = note;
                part
            });
    (option::of(id()), option::of(money()), vec(part, 0..3), any::<bool>(), option::of(text()), sources()).prop_map(
        |(funder, total, parts, parts_complete, note, sources)| {
            let mut funding = Funding::default();
            funding.funder = funder;
            funding.total = total;
            funding.parts = parts;
            funding.parts_complete = parts_complete;
            funding.note = note;
            funding.sources = sources;
            funding
        },
    )
}

fn work_package() -> impl Strategy<Value = WorkPackage> {
    (
        id(),
        prop_oneof![
            (1..=99u8).prop_map(|n| WorkPackageNumber::arabic(n).unwrap()),
            (1..=39u8).prop_map(|n| WorkPackageNumber::roman(n).unwrap())
        ],
        text(),
        (option::of(text()), vec(text(), 0..3), vec(code(Theme::ALL), 0..3)),
        (vec(code(ServiceSector::ALL), 0..2), vec(code(County::ALL), 0..2), extensions()),
    )
        .prop_map(|(id, number, title, (description, actions, themes), (sectors, counties, extensions))| {
            let mut work_package = WorkPackage::new(id, number, title);
            work_package.description = description;
            work_package.actions = actions;
            work_package.themes = themes;
            work_package.sectors = sectors;
            work_package.counties = counties;
            work_package.extensions = extensions;
            work_package
        })
}

fn objective() -> impl Strategy<Value = Objective> {
    (
        id(),
        code(ObjectiveLevel::ALL),
        option::of("[0-9]{1,2}"),
        option::of(id()),
        text(),
        vec(text(), 0..2),
        vec(id(), 0..2),
    )
        .prop_map(|(id, level, number, parent, statement, target_groups, work_packages)| {
            let mut objective = Objective::new(id, level, statement);
            objective.number = number;
            objective.parent = parent;
            objective.target_groups = target_groups;
            objective.work_packages = work_packages;
            objective.themes = vec![Theme::Dialogue];
            objective
        })
}

fn event() -> impl Strategy<Value = Event> {
    (
        (id(), vec(code(EventKind::ALL), 0..3), option::of(text()), vec(code(Theme::ALL), 0..2), vec(text(), 0..2)),
        (option::of(code(EventScope::ALL)), vec(code(County::ALL), 0..2), option::of(period()), option::of(count())),
        (code(EventStatus::ALL), option::of(participation()), option::of(id()), vec(id(), 0..2)),
        (sources(), extensions()),
    )
        .prop_map(
            |(
                (id, kinds, title, themes, audiences),
                (scope, counties, period, sessions),
                (status, participation, part_of, overlaps),
                (sources, extensions),
            )| {
                let mut event = Event::new(id);
                event.kinds = kinds;
                event.title = title;
                event.themes = themes;
                event.audiences = audiences;
                event.sectors = vec![ServiceSector::ChildProtection];
                event.scope = scope;
                event.counties = counties;
                event.period = period;
                event.sessions = sessions;
                event.status = status;
                event.participation = participation;
                event.part_of = part_of;
                event.possible_overlaps = overlaps.into_iter().map(PossibleOverlap::new).collect();
                event.sources = sources;
                event.extensions = extensions;
                event
            },
        )
}

fn output() -> impl Strategy<Value = Output> {
    (
        id(),
        code(OutputKind::ALL),
        option::of(text()),
        option::of(count()),
        code(OutputStatus::ALL),
        vec(url(), 0..2),
        option::of(partial_date()),
        (option::of(count()), option::of(code(AwardResult::ALL))),
    )
        .prop_map(|(id, kind, title, count, status, links, date, (target, award))| {
            let mut output = Output::new(id, kind);
            output.title = title.clone();
            output.count = count;
            output.status = status;
            output.authors = vec!["Huupponen".into()];
            output.publication = title.map(|title| {
                let mut publication = Publication::new(title);
                publication.series = Some("Työpaperi 52/2022".into());
                publication.date = date;
                publication.pages = Some("162–169".into());
                publication
            });
            output.date = date;
            output.adopted_on = date;
            output.awards = award.map(|result| Award::new(Text::fi("Vuoden teko"), result)).into_iter().collect();
            output.target = target.map(DatedCount::new);
            output.baseline = target.map(|value| {
                let mut baseline = DatedCount::new(value);
                baseline.date = date;
                baseline.note = Some(Text::en("before"));
                baseline
            });
            output.links = links.into_iter().map(Link::new).collect();
            output
        })
}

fn assessment() -> impl Strategy<Value = Assessment> {
    let judgement = (id(), code(AchievementRating::ALL), option::of(text()), vec(text(), 0..2)).prop_map(
        |(objective, rating, statement, evidence)| {
            let mut judgement = Judgement::new(objective, rating);
            judgement.statement = statement;
            judgement.evidence = evidence;
            judgement
        },
    );
    (
        id(),
        code(AssessmentSource::ALL),
        option::of(period()),
        option::of(count()),
        option::of(participation()),
        vec(judgement, 0..3),
    )
        .prop_map(|(id, source, period, occasions, participation, judgements)| {
            let mut assessment = Assessment::new(id, source);
            assessment.period = period;
            assessment.occasions = occasions;
            assessment.participation = participation;
            assessment.judgements = judgements;
            assessment
        })
}

fn project() -> impl Strategy<Value = Project> {
    (
        (
            id(),
            text(),
            option::of("[A-Z]{2,6}"),
            code(ProjectStatus::ALL),
            option::of(period()),
            option::of(code(CollaborativeArea::ALL)),
        ),
        (vec(implementer(), 0..3), option::of(funding()), vec(work_package(), 0..3), vec(objective(), 0..3)),
        (vec(event(), 0..4), vec(output(), 0..3), vec(assessment(), 0..2)),
        (extensions(), option::of(percent()), option::of(period()), vec(code(County::ALL), 0..3)),
    )
        .prop_map(
            |(
                (id, name, acronym, status, period, collaborative_area),
                (implementers, funding, work_packages, objectives),
                (events, outputs, assessments),
                (extensions, share, part_period, counties),
            )| {
                let mut project = Project::new(id.clone(), name.clone(), status);
                project.acronym = acronym.clone();
                project.period = period;
                project.milestones = period
                    .and_then(|p| p.start)
                    .map(|date| Milestone::new(MilestoneKind::StartOfWork, date))
                    .into_iter()
                    .collect();
                project.collaborative_area = collaborative_area;
                let mut working_area = WorkingArea::new();
                working_area.counties = counties.clone();
                working_area.stated_county_count = Some(6);
                working_area.municipalities = vec!["Kuopio".into()];
                project.working_area = Some(working_area);
                project.cross_cutting_themes = vec![Theme::SystemicPractice];
                project.staffing = share
                    .map(|share| {
                        let mut entry = StaffingEntry::new(name.clone());
                        entry.implementer = Some(id.clone());
                        entry.person = acronym.clone();
                        entry.posts = Some(1);
                        entry.share_of_full_time = (share.hundredths() % 2 == 0).then_some(share);
                        entry.additional = true;
                        entry.period = period;
                        entry
                    })
                    .into_iter()
                    .collect();
                let mut contact = Contact::new("Jaana Leppäkorpi");
                contact.email = Some(Email::new("jaana.leppakorpi@hus.fi").unwrap());
                contact.period = part_period;
                project.contacts = vec![contact];
                let mut record_dates = RecordDates::new();
                record_dates.created = chrono::NaiveDate::from_ymd_opt(2022, 2, 22);
                project.record_dates = Some(record_dates);
                let mut part = RegionalPart::new(id.clone(), name, counties);
                part.municipalities = vec!["Loviisa".into()];
                part.period = part_period;
                part.implementers = implementers.iter().map(|x| x.id.clone()).collect();
                part.budget_relation = share.map(|_| BudgetRelation::AdditionalToProject);
                part.objectives = objectives.iter().map(|o| o.id.clone()).collect();
                project.regional_parts = vec![part];
                project.implementers = implementers;
                project.funding = funding;
                project.work_packages = work_packages;
                project.objectives = objectives;
                project.events = events;
                project.outputs = outputs;
                project.assessments = assessments;
                project.extensions = extensions;
                project
            },
        )
}

static PROJECT_SCHEMA: LazyLock<jsonschema::Validator> = LazyLock::new(|| {
    let schema = childwelfare::schema::json_schema(DocumentKind::Project);
    jsonschema::options().should_validate_formats(true).build(&schema).expect("generated schema compiles")
});

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn projects_round_trip_and_agree_with_the_schema(project in project()) {
        let json = project.to_json();
        let parsed = Project::from_json(&json).map_err(|e| TestCaseError::fail(format!("{e}\n{json}")))?;
        prop_assert_eq!(&parsed, &project);
        prop_assert_eq!(parsed.to_json(), json.clone());
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        let errors: Vec<String> = PROJECT_SCHEMA.iter_errors(&value).map(|e| format!("{}: {e}", e.instance_path())).collect();
        prop_assert!(errors.is_empty(), "{}", errors.join("\n"));
    }

    #[test]
    fn validation_never_panics_and_only_emits_rules_from_the_table(project in project()) {
        let report = childwelfare::validation::validate_project(&project);
        for diagnostic in &report.diagnostics {
            let rule = childwelfare::validation::rule(&diagnostic.code);
            prop_assert!(rule.is_some(), "{} is not in the rule table", diagnostic.code);
            prop_assert_eq!(rule.map(|r| r.severity), Some(diagnostic.severity));
            prop_assert!(diagnostic.pointer.is_empty() || diagnostic.pointer.starts_with('/'));
        }
        let documents = [Document::Project(Box::new(project.clone())), Document::Project(Box::new(project))];
        let _ = childwelfare::validation::validate_documents(&documents);
    }

    #[test]
    fn id_check_and_schema_pattern_agree(candidate in "[a-zA-Z0-9._ -]{0,70}") {
        let pattern = regex_lite_match(ID_PATTERN, &candidate);
        prop_assert_eq!(Id::new(candidate.clone()).is_ok(), pattern, "{:?}", candidate);
    }

    #[test]
    fn euro_check_and_schema_pattern_agree(candidate in "[0-9]{0,17}(\\.[0-9]{0,3})?") {
        let pattern = regex_lite_match(EUROS_PATTERN, &candidate);
        prop_assert_eq!(candidate.parse::<Euros>().is_ok(), pattern, "{:?}", candidate);
        if let Ok(euros) = candidate.parse::<Euros>() {
            prop_assert_eq!(euros.to_plain_string().parse::<Euros>().unwrap(), euros);
        }
    }

    #[test]
    fn partial_dates_round_trip_through_text(date in partial_date()) {
        let text = date.to_string();
        prop_assert_eq!(text.parse::<PartialDate>().unwrap(), date);
        prop_assert!(regex_lite_match(PARTIAL_DATE_PATTERN, &text));
        prop_assert!(date.earliest() <= date.latest());
    }

    #[test]
    fn date_parser_accepts_what_the_pattern_accepts_except_impossible_days(candidate in "[0-9]{4}(-[0-9]{2}(-[0-9]{2})?|-(spring|autumn|fall))?") {
        let parsed = candidate.parse::<PartialDate>();
        let pattern = regex_lite_match(PARTIAL_DATE_PATTERN, &candidate);
        if parsed.is_ok() {
            prop_assert!(pattern, "{:?}", candidate);
        } else if pattern {
            prop_assert!(parsed.unwrap_err().reason() == "no such day in the calendar", "{:?}", candidate);
        }
    }

    #[test]
    fn percentages_with_two_decimals_round_trip(hundredths in 0..=10_000u32) {
        let percent = Percent::from_hundredths(hundredths).unwrap();
        let json = serde_json::to_string(&percent).unwrap();
        prop_assert_eq!(serde_json::from_str::<Percent>(&json).unwrap(), percent);
    }

    #[test]
    fn parsing_arbitrary_text_never_panics(text in ".{0,200}") {
        let _ = Document::from_json(&text);
    }
}

/// Matches `text` against a JSON-Schema `pattern` with the same regex engine
/// the schema validator uses.
fn regex_lite_match(pattern: &str, text: &str) -> bool {
    let schema = serde_json::json!({"type": "string", "pattern": pattern});
    jsonschema::is_valid(&schema, &serde_json::Value::from(text))
}
