//! Documents at the limits of what aggregation has to bear (issue 19): a
//! `part_of` chain or cycle thousands of events long, and more funding parts
//! than a 32-bit sum of shares can hold. Each is built in code from a
//! generated project, and its figures computed by the library from the
//! data.

use childwelfare::aggregate::{self, Dimension, Summary};
use childwelfare::corpus::Generator;
use childwelfare::export::{self, Cell, Table};
use childwelfare::{Document, FundingKind, FundingPart, Language, Percent, Project, Total, report};

fn project_row<'a>(summary: &'a Summary, project: &Project) -> &'a aggregate::ParticipationRow {
    summary
        .participation(Dimension::Project)
        .unwrap()
        .find(|r| r.group.key == project.id.as_str())
        .expect("a project row")
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
    let project = Generator::new(19).chain(4, 2_000, false);
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
    let project = Generator::new(19).chain(4, 2_000, true);
    let summary = aggregate::summarise(&[Document::Project(Box::new(project.clone()))], true);
    let row = project_row(&summary, &project);
    assert_eq!(row.events_held, 2_000);
    // Round a cycle, each event's figure is within another's: none is the outermost.
    assert_eq!((row.attendances.as_ref(), row.distinct_people.as_ref()), (None, None));
    assert_eq!(summary.total_attendances(), None);
    assert!(counted_in_export(&project).is_empty());
}

/// A generated project whose funding is `parts` state-grant parts of
/// `share` each, without amounts.
fn state_grant_parts(parts: usize, share: Percent) -> Project {
    let mut project = Generator::new(19).project(7);
    let funding = project.funding.as_mut().expect("generated projects are funded");
    let mut part = FundingPart::new(FundingKind::StateGrant);
    part.share = Some(share);
    funding.parts = vec![part; parts];
    funding.total = None;
    project
}

/// The state grant's share as `report` and `export projects` show it.
fn shown_share(project: &Project) -> (Option<Percent>, String, export::Cell) {
    let document = Document::Project(Box::new(project.clone()));
    let summary = aggregate::summarise(std::slice::from_ref(&document), false);
    let text = report::render(&summary, report::Format::Text, false);
    let exported = export::rows(&document, Table::Projects, Language::Fi);
    let cell = exported[0].get("state_grant_share").cloned().expect("a state_grant_share column");
    (summary.project_rows.rows().unwrap()[0].state_grant_share, text, cell)
}

#[test]
fn state_grant_shares_over_100_percent_show_no_share_however_many_parts_and_never_wrap() {
    // The fewest parts of 100 % whose shares overflow a 32-bit sum of hundredths.
    let full = Percent::FULL.hundredths();
    let parts = usize::try_from(u32::MAX / full + 1).unwrap();
    let wrapped = Percent::from_hundredths(full.wrapping_mul(u32::try_from(parts).unwrap()))
        .expect("a wrapped sum looks like a share, which is the bug");

    let (share, text, cell) = shown_share(&state_grant_parts(parts, Percent::FULL));
    assert_eq!(share, None, "{parts} parts of 100 % are no share of a budget");
    assert_eq!(cell, Cell::Empty);
    assert!(!text.contains(&wrapped.to_string()), "the report shows the wrapped {wrapped}");

    // Two parts of 100 % are over 100 % as well; two halves are the whole.
    assert_eq!(shown_share(&state_grant_parts(2, Percent::FULL)).0, None);
    let half = Percent::from_hundredths(full / 2).unwrap();
    let (share, text, cell) = shown_share(&state_grant_parts(2, half));
    assert_eq!(share, Some(Percent::FULL));
    assert_eq!(cell, Cell::Text(Percent::FULL.to_plain_string()));
    assert!(text.contains(&Percent::FULL.to_string()));
}
