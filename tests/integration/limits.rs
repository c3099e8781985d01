//! Documents at the limits of what aggregation has to bear (issue 19): a
//! `part_of` chain or cycle thousands of events long, and more funding parts
//! than a 32-bit sum of shares can hold. Each is built in code from a
//! generated project, and its figures computed by the library from the
//! data.

use childwelfare::aggregate::{self, Dimension, Summary};
use childwelfare::corpus::Generator;
use childwelfare::export::{self, Cell, Table};
use childwelfare::{Document, Id, Language, Project, Total};

/// A generated project whose events are a chain of `n` copies of one of its
/// events, event `i` part of event `i - 1`; the first part of the last when
/// `cycle`.
fn chain(n: usize, cycle: bool) -> Project {
    let mut project = Generator::new(19).project(4);
    let template = project.events.iter().find(|e| e.part_of.is_some()).cloned().expect("a generated part");
    let id = |i: usize| Id::new(format!("{}-chain-{i}", project.id)).unwrap();
    project.events = (0..n)
        .map(|i| {
            let mut event = template.clone();
            event.id = id(i);
            event.part_of = if i > 0 { Some(id(i - 1)) } else { cycle.then(|| id(n - 1)) };
            event
        })
        .collect();
    project
}

fn project_row<'a>(summary: &'a Summary, project: &Project) -> &'a aggregate::ParticipationRow {
    summary.participation(Dimension::Project).find(|r| r.group.key == project.id.as_str()).expect("a project row")
}

/// The events export's `attendances_counted` column.
fn counted_in_export(project: &Project) -> Vec<String> {
    let document = Document::Project(Box::new(project.clone()));
    export::rows(&document, Table::Events, Language::Fi)
        .iter()
        .filter(|row| row.get("attendances_counted") == Some(&Cell::Bool(true)))
        .filter_map(|row| row.get("event").map(ToString::to_string))
        .collect()
}

#[test]
fn a_2000_event_part_of_chain_counts_only_its_top_event() {
    let project = chain(2_000, false);
    let summary = aggregate::summarise(&[Document::Project(Box::new(project.clone()))], true);
    let row = project_row(&summary, &project);
    assert_eq!(row.events_held, 2_000);
    // Every other event's figure is within the top event's.
    let top = project.events.iter().find(|e| e.part_of.is_none()).unwrap();
    let attendances = row.attendances.as_ref().unwrap();
    assert_eq!(attendances.value, Total::from(top.participation.and_then(|p| p.attendances).unwrap()));
    assert_eq!(attendances.derivation.as_ref().unwrap().records.len(), 1);
    assert_eq!(summary.total_attendances(), Some(attendances.value));
    assert_eq!(counted_in_export(&project), [top.id.to_string()]);
}

#[test]
fn a_2000_event_part_of_cycle_is_aggregated_and_counts_no_event() {
    let project = chain(2_000, true);
    let summary = aggregate::summarise(&[Document::Project(Box::new(project.clone()))], true);
    let row = project_row(&summary, &project);
    assert_eq!(row.events_held, 2_000);
    // Round a cycle, each event's figure is within another's: none is the outermost.
    assert_eq!((row.attendances.as_ref(), row.distinct_people.as_ref()), (None, None));
    assert_eq!(summary.total_attendances(), None);
    assert!(counted_in_export(&project).is_empty());
}
