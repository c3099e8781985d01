//! The counting model (`docs/counting.md`): every rule shown on data, the
//! expected figures computed from the records, never copied.

use childwelfare::aggregate::{self, Dimension, Summary, TableKind};
use childwelfare::corpus::Generator;
use childwelfare::{Count, Document, Event, Project, Total, data};

fn event<'a>(project: &'a Project, id: &str) -> &'a Event {
    project.events.iter().find(|e| e.id.as_str() == id).unwrap_or_else(|| panic!("no event {id}"))
}

fn attendances(event: &Event) -> Count {
    event.participation.and_then(|p| p.attendances).unwrap()
}

fn table(summary: &Summary, dimension: Dimension) -> &aggregate::ParticipationTable {
    summary.participation.iter().find(|t| t.dimension == dimension).unwrap()
}

fn figure(row: &aggregate::ParticipationRow) -> Option<Total> {
    row.attendances.as_ref().map(|f| f.value)
}

#[test]
fn lumo_by_theme_is_its_themed_parts_and_the_unthemed_remainder_with_no_row_repeating_the_area_total() {
    let lumo = data::lumo();
    let summary = aggregate::summarise(&[Document::Project(Box::new(lumo.clone()))], true);
    let area = event(&lumo, "lumo-ev-yta-all");
    assert!(area.parts_complete && area.themes.is_empty());
    let parts: Vec<&Event> = lumo.events.iter().filter(|e| e.part_of.as_ref().is_some_and(|p| *p == area.id)).collect();
    assert_eq!(parts.len(), 3);
    let themes = table(&summary, Dimension::Theme);
    assert_eq!(themes.kind, TableKind::Overlapping);
    // Each part is in the rows of its themes, with its own figure.
    for part in &parts {
        for theme in &part.themes {
            let row = themes.rows.iter().find(|r| r.group.key == theme.code()).unwrap();
            assert_eq!(figure(row), Some(Total::from(attendances(part))), "{}", theme.code());
        }
    }
    // Not stated: the counted figures of events that state no theme and are
    // part of none that does (the local events), not the area total.
    let unthemed: Count = lumo
        .events
        .iter()
        .filter(|e| e.part_of.is_none() && e.themes.is_empty() && e.id != area.id)
        .filter_map(|e| e.participation.and_then(|p| p.attendances))
        .sum();
    let not_stated = themes.rows.iter().find(|r| r.group.key.is_empty()).unwrap();
    assert_eq!(figure(not_stated), Some(Total::from(unthemed)));
    assert_eq!(unthemed, attendances(event(&lumo, "lumo-ev-local")));
    assert!(themes.rows.iter().all(|r| figure(r) != Some(Total::from(attendances(area)))));
}

#[test]
fn lumo_by_county_adds_up_to_its_total_and_the_webinars_take_their_events_counties() {
    let lumo = data::lumo();
    let summary = aggregate::summarise(&[Document::Project(Box::new(lumo.clone()))], true);
    let total = figure(summary.participation(Dimension::Project).unwrap().next().unwrap()).unwrap();
    let counties = table(&summary, Dimension::County);
    assert_eq!(counties.kind, TableKind::Partition);
    assert_eq!(counties.total, Some(total));
    assert!(counties.adds_up);
    let sum: Total = counties.rows.iter().filter_map(figure).sum();
    assert_eq!(sum, total);
    // The webinars state no county; the event they are part of names four:
    // they are in that event's row, which names all four, and in no other.
    let webinar = event(&lumo, "lumo-ev-webinar-1");
    assert!(webinar.counties.is_empty());
    let enclosing = event(&lumo, webinar.part_of.as_ref().unwrap().as_str());
    let enclosing = if enclosing.counties.is_empty() {
        event(&lumo, enclosing.part_of.as_ref().unwrap().as_str())
    } else {
        enclosing
    };
    let key: Vec<&str> = enclosing.counties.iter().map(|c| c.code()).collect();
    let row = counties.rows.iter().find(|r| r.group.key == key.join("+")).unwrap();
    assert!(row.group.label.starts_with("several counties: "), "{}", row.group.label);
    let derivation = row.attendances.as_ref().unwrap().derivation.as_ref().unwrap();
    assert!(derivation.records.iter().any(|r| r.starts_with("lumo/lumo-ev-webinar-1 = ")), "{derivation:?}");
}

#[test]
fn a_total_with_incomplete_parts_counts_its_remainder_in_its_own_group() {
    let lumo = data::lumo();
    let theme = event(&lumo, "lumo-ev-theme-participation");
    assert!(!theme.parts_complete);
    let parts: Count = lumo
        .events
        .iter()
        .filter(|e| e.part_of.as_ref().is_some_and(|p| *p == theme.id) && e.status == childwelfare::EventStatus::Held)
        .filter_map(|e| e.participation.and_then(|p| p.attendances))
        .sum();
    let summary = aggregate::summarise(&[Document::Project(Box::new(lumo.clone()))], true);
    let scopes = table(&summary, Dimension::Scope);
    let records: Vec<String> = scopes
        .rows
        .iter()
        .flat_map(|r| r.attendances.iter().flat_map(|f| f.derivation.iter().flat_map(|d| d.records.clone())))
        .collect();
    let remainder = attendances(theme).remainder(parts);
    assert!(
        records
            .iter()
            .any(|r| r.starts_with("lumo/lumo-ev-theme-participation = ")
                && r.contains(&format!("= {remainder} [seed-"))),
        "{records:?}"
    );
}

/// Every partition table of `summary` adds up to its total, low and high
/// ends and exactness alike; every overlapping table's rows are at least
/// its total.
fn assert_partitions_add_up(summary: &Summary) {
    for table in &summary.participation {
        let sum: Option<Total> = table.rows.iter().filter_map(figure).reduce(|a, b| a + b);
        match table.kind {
            TableKind::Partition => {
                if table.dimension.is_per_project() && summary.per_project_omitted.is_some() {
                    continue;
                }
                assert_eq!(sum, table.total, "{:?}", table.dimension);
                assert!(table.adds_up, "{:?}", table.dimension);
            }
            TableKind::Overlapping => {
                if let (Some(sum), Some(total)) = (sum, table.total) {
                    assert!(sum.high.value >= total.high.value, "{:?}", table.dimension);
                }
                assert_eq!(table.adds_up, sum == table.total);
            }
            _ => {}
        }
    }
}

#[test]
fn on_generated_corpora_every_partition_table_adds_up_to_its_total() {
    for seed in [1, 2, 3] {
        let generator = Generator::new(seed);
        let documents: Vec<Document> = (0..60).map(|i| generator.document(i)).collect();
        let summary = aggregate::summarise(&documents, false);
        let total = summary.total_attendances();
        assert!(total.is_some());
        assert!(summary.participation.iter().all(|t| t.total == total));
        assert_partitions_add_up(&summary);
    }
    assert_partitions_add_up(&aggregate::summarise(&data::seed(), true));
}

/// The participation rows rebuilt from the placements alone, by a plain
/// group-by: (dimension, key) → (held, cancelled, planned, attendances,
/// distinct people).
type Rebuilt = std::collections::BTreeMap<(String, String), (u64, u64, u64, Option<Total>, Option<Total>)>;

fn rebuild(documents: &[Document]) -> Rebuilt {
    let mut rows = Rebuilt::new();
    let mut people: std::collections::BTreeMap<(String, String), Vec<Count>> = Default::default();
    for document in documents {
        let Document::Project(project) = document else { continue };
        for placed in aggregate::placements(project, childwelfare::Language::Fi) {
            let key = (placed.dimension.code().to_owned(), placed.key.clone());
            let row = rows.entry(key.clone()).or_default();
            match placed.status {
                childwelfare::EventStatus::Held => row.0 += 1,
                childwelfare::EventStatus::Cancelled => row.1 += 1,
                _ => row.2 += 1,
            }
            if let Some(value) = placed.attendances {
                row.3 = Some(row.3.map_or(value, |sum| sum + value));
            }
            people.entry(key).or_default().extend(placed.distinct_people);
        }
    }
    for (key, counts) in people {
        let row = rows.entry(key).or_default();
        row.4 = match counts.as_slice() {
            [] => None,
            [one] => Some(Total::from(*one)),
            many => Some(Total::from(Count::at_least(many.iter().map(|c| c.value).max().unwrap_or(0)))),
        };
    }
    rows
}

fn report_rows(summary: &Summary) -> Rebuilt {
    summary
        .participation
        .iter()
        .flat_map(|table| &table.rows)
        .map(|row| {
            (
                (row.group.dimension.code().to_owned(), row.group.key.clone()),
                (
                    row.events_held,
                    row.events_cancelled,
                    row.events_planned,
                    row.attendances.as_ref().map(|f| f.value),
                    row.distinct_people.as_ref().map(|f| f.value),
                ),
            )
        })
        .collect()
}

#[test]
fn every_participation_table_is_a_group_by_of_the_placements() {
    let generator = Generator::new(5);
    let corpora: Vec<Vec<Document>> = vec![data::seed(), (0..80).map(|i| generator.document(i)).collect()];
    for documents in corpora {
        let summary = aggregate::summarise(&documents, false);
        assert_eq!(rebuild(&documents), report_rows(&summary));
    }
}

#[test]
fn every_derivation_names_the_records_that_give_its_figure_and_why_the_others_are_left_out() {
    let generator = Generator::new(9);
    let mut documents: Vec<Document> = (0..40).map(|i| generator.document(i)).collect();
    documents.extend(data::seed());
    let summary = aggregate::summarise(&documents, true);
    // What each event adds to each group, from the placements.
    let mut adds: std::collections::HashMap<(String, String, String), Total> = Default::default();
    let mut events = 0;
    for document in &documents {
        let Document::Project(project) = document else { continue };
        events += project.events.len();
        for placed in aggregate::placements(project, childwelfare::Language::Fi) {
            if let Some(value) = placed.attendances {
                let record = format!("{}/{}", project.id, placed.event);
                adds.insert((placed.dimension.code().to_owned(), placed.key.clone(), record), value);
            }
        }
    }
    for table in &summary.participation {
        for row in &table.rows {
            let Some(figure) = &row.attendances else { continue };
            let derivation = figure.derivation.as_ref().unwrap();
            let used: Vec<String> =
                derivation.records.iter().map(|r| r.split(" = ").next().unwrap().to_owned()).collect();
            let sum: Total = used
                .iter()
                .map(|record| adds[&(table.dimension.code().to_owned(), row.group.key.clone(), record.clone())])
                .sum();
            assert_eq!(sum, figure.value, "{:?} {}: {derivation}", table.dimension, row.group.key);
            // No record is both used and left out.
            assert!(derivation.left_out.iter().all(|l| !used.contains(&l.record)));
        }
    }
    assert!(events > 0);
    // Of one project, the records used and left out are the group's
    // records, each once. (Across projects a row merges the derivations of
    // the projects that have a figure in it.)
    for document in &documents {
        let summary = aggregate::summarise(std::slice::from_ref(document), true);
        for row in summary.participation.iter().flat_map(|t| &t.rows) {
            let Some(derivation) = row.attendances.as_ref().and_then(|f| f.derivation.as_ref()) else { continue };
            assert_eq!(
                (derivation.records.len() + derivation.left_out.len()) as u64,
                row.events_held + row.events_cancelled + row.events_planned,
                "{} {:?} {}",
                document.id(),
                row.group.dimension,
                row.group.key
            );
        }
    }
}

#[test]
fn every_report_table_is_one_tidy_table_with_every_figure_and_what_is_not_known() {
    use childwelfare::export::Cell;
    use childwelfare::report;

    let summary = aggregate::summarise(&data::seed(), false);
    let rows = report::tidy(&summary);
    let text = |cell: Option<&Cell>| cell.map(ToString::to_string).unwrap_or_default();
    let find = |table: &str, by: &str, key: &str, measure: &str| {
        rows.iter().find(|r| {
            text(r.get("table")) == table
                && text(r.get("by")) == by
                && text(r.get("key")) == key
                && text(r.get("measure")) == measure
        })
    };
    // Every participation figure of the report, with its ends, exactness and text.
    for table in &summary.participation {
        for row in &table.rows {
            let by = table.dimension.code();
            let held = find("participation", by, &row.group.key, "events_held").unwrap();
            assert_eq!(held.get("value"), Some(&Cell::Number(row.events_held)));
            match &row.attendances {
                Some(figure) => {
                    let tidy = find("participation", by, &row.group.key, "attendances").unwrap();
                    assert_eq!(tidy.get("low"), Some(&Cell::Number(figure.value.low.value)));
                    assert_eq!(tidy.get("high"), Some(&Cell::Number(figure.value.high.value)));
                    assert_eq!(text(tidy.get("text")), figure.value.to_string());
                }
                // Not known is said, never 0.
                None => {
                    if let Some(tidy) = find("participation", by, &row.group.key, "attendances") {
                        assert_eq!(text(tidy.get("text")), "–");
                    }
                }
            }
        }
    }
    // Every money row, by each of its groupings, with its amount.
    for row in summary.funding.rows().unwrap() {
        // `by` as the JSON writes it.
        let by = serde_json::to_value(row.by).unwrap();
        let by = by.as_str().unwrap();
        let tidy = find("funding", by, &row.key, "amount").unwrap();
        assert_eq!(text(tidy.get("text")), row.amount.as_ref().map_or_else(|| "–".to_owned(), |f| f.value.to_string()));
        let parts = find("funding", by, &row.key, "parts").unwrap();
        assert_eq!(parts.get("value"), Some(&Cell::Number(row.parts)));
    }
    assert!(rows.iter().any(|r| text(r.get("table")) == "achievement"));
    assert!(rows.iter().all(|r| text(r.get("table")) != "summary" || text(r.get("measure")) != "funding"));
    // A table left out past the per-project limit says so.
    let generator = Generator::new(3);
    let mut aggregator = aggregate::Aggregator::new().per_project_limit(2);
    for i in 0..3 {
        aggregator.add(&generator.document(i));
    }
    let summary = aggregator.finish();
    // The tables by project and work package are there, empty, saying why,
    // where a reader of the field meets them.
    for dimension in [Dimension::Project, Dimension::WorkPackage] {
        let table = table(&summary, dimension);
        assert!(table.rows.is_empty());
        assert_eq!(table.omitted.map(|o| (o.limit, o.projects)), Some((2, 3)));
    }
    assert!(summary.participation.iter().filter(|t| !t.dimension.is_per_project()).all(|t| t.omitted.is_none()));
    let rows = report::tidy(&summary);
    for (table, by) in [("project_rows", ""), ("participation", "project"), ("participation", "work_package")] {
        let left_out = rows
            .iter()
            .find(|r| text(r.get("table")) == table && text(r.get("by")) == by && text(r.get("measure")) == "left_out")
            .unwrap_or_else(|| panic!("{table} {by}"));
        assert_eq!(text(left_out.get("text")), "left out past 2 projects (3 added)");
    }
}

/// Generated projects made harder: some totals' parts incomplete (the
/// total larger than its parts), parts that state no county or theme (they
/// take their total's), figures that may overlap, cancelled parts and, when
/// `approximate`, figures of every exactness.
fn harder(seed: u64, approximate: bool) -> Vec<Document> {
    use childwelfare::{EventStatus, Exactness, PossibleOverlap};
    let generator = Generator::new(seed);
    (0..30)
        .map(|i| {
            let mut project = generator.project(i);
            let n = project.events.len();
            let totals: Vec<usize> = (0..n).filter(|&k| project.events[k].parts_complete).collect();
            for (j, &k) in totals.iter().enumerate() {
                if (i + j as u64) % 2 == 0 {
                    let event = &mut project.events[k];
                    event.parts_complete = false;
                    if let Some(p) = &mut event.participation {
                        p.attendances = p.attendances.map(|c| Count { value: c.value + 17 * (j as u64 + 1), ..c });
                    }
                }
            }
            for k in 0..n {
                let event = &mut project.events[k];
                if event.part_of.is_some() && k % 3 == 0 {
                    event.counties.clear();
                    event.themes.clear();
                }
                if event.part_of.is_some() && k % 7 == 0 {
                    event.status = EventStatus::Cancelled;
                }
                if approximate && let Some(p) = &mut event.participation {
                    let exactness =
                        [Exactness::Exact, Exactness::Approximate, Exactness::AtLeast, Exactness::AtMost][k % 4];
                    p.attendances = p.attendances.map(|c| Count { exactness, ..c });
                }
            }
            // Local events that may overlap the one before.
            let locals: Vec<usize> =
                (0..n).filter(|&k| project.events[k].part_of.is_none() && !project.events[k].parts_complete).collect();
            for pair in locals.windows(2).step_by(2) {
                let with = project.events[pair[0]].id.clone();
                project.events[pair[1]].possible_overlaps.push(PossibleOverlap::new(with));
            }
            Document::Project(Box::new(project))
        })
        .collect()
}

#[test]
fn partitions_add_up_with_incomplete_parts_inherited_values_overlaps_and_any_exactness() {
    for seed in [11, 12, 13] {
        for approximate in [false, true] {
            let documents = harder(seed, approximate);
            let summary = aggregate::summarise(&documents, false);
            let total = summary.total_attendances().unwrap();
            assert!(total.is_range(), "the overlaps make the total a range");
            for table in summary.participation.iter().filter(|t| t.kind == TableKind::Partition) {
                let sum: Total = table.rows.iter().filter_map(figure).sum();
                // The ends always add up; with exact figures, the exactness too.
                assert_eq!(
                    (sum.low.value, sum.high.value),
                    (total.low.value, total.high.value),
                    "{:?}",
                    table.dimension
                );
                if !approximate {
                    assert!(table.adds_up, "{:?}", table.dimension);
                }
            }
            // And every table is a group-by of the placements.
            assert_eq!(rebuild(&documents), report_rows(&summary), "seed {seed}");
        }
    }
}

#[test]
fn the_report_says_the_period_it_covers_at_its_top_and_how_to_read_it_at_its_end() {
    use childwelfare::report;

    let documents = data::seed();
    let periods: Vec<childwelfare::Period> = documents
        .iter()
        .filter_map(|d| match d {
            Document::Project(p) => p.actual_period.or(p.period),
            _ => None,
        })
        .collect();
    let start = periods.iter().filter_map(|p| p.start).min_by_key(|d| d.earliest()).unwrap();
    let end = periods.iter().filter_map(|p| p.end).max_by_key(|d| d.latest()).unwrap();
    let summary = aggregate::summarise(&documents, false);
    let covered = summary.period.unwrap();
    // The same days (of equal ends, the first project's is kept).
    assert_eq!(covered.start.map(|d| d.earliest()), Some(start.earliest()));
    assert_eq!(covered.end.map(|d| d.latest()), Some(end.latest()));
    for format in [report::Format::Text, report::Format::Markdown] {
        let text = report::render(&summary, format, false);
        assert!(text.contains(&format!("Period: {covered}")), "{text}");
        let legend = text.rsplit("How to read the figures").next().unwrap();
        assert!(legend.contains("distinct people") && legend.contains("never zero"), "{legend}");
        assert!(legend.lines().all(|line| line.chars().count() <= 100), "{legend}");
    }
}
