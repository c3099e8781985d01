//! Who the events reached: held, cancelled and planned events, attendances
//! and distinct people, grouped by a [`Dimension`], each figure counted once.

use std::collections::{BTreeMap, HashMap, HashSet};

use schemars::JsonSchema;
use serde::Serialize;

use super::forest::Forest;
use super::{Derivation, Figure, Group, record};
use crate::{Count, Event, EventStatus, Language, PartialDate, Project, Total};

/// What participation is grouped by. An event with several themes (kinds,
/// counties, work packages) is in the group of each, so the rows of one
/// table may add up to more than the project's total: the total is its own
/// row, [`Dimension::Project`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Dimension {
    /// The project (one row per project: its totals).
    Project,
    /// The event's themes.
    Theme,
    /// The event's kinds.
    EventKind,
    /// The event's scope (whole collaborative area, regional, local).
    Scope,
    /// The event's counties.
    County,
    /// The year the event started.
    Year,
    /// The quarter the event started, when the date says it (`2021-Q3`).
    Quarter,
    /// The work packages the event belongs to.
    WorkPackage,
}

impl Dimension {
    /// Whether the dimension has a row per project (by project, by work
    /// package), left out past [`Aggregator::per_project_limit`](super::Aggregator::per_project_limit).
    pub const fn is_per_project(self) -> bool {
        matches!(self, Dimension::Project | Dimension::WorkPackage)
    }

    /// Every dimension, in report order.
    pub const ALL: [Dimension; 8] = [
        Dimension::Project,
        Dimension::Theme,
        Dimension::EventKind,
        Dimension::Scope,
        Dimension::County,
        Dimension::Year,
        Dimension::Quarter,
        Dimension::WorkPackage,
    ];

    /// A stable name: `project`, `theme`, `event_kind` …
    pub const fn code(self) -> &'static str {
        match self {
            Dimension::Project => "project",
            Dimension::Theme => "theme",
            Dimension::EventKind => "event_kind",
            Dimension::Scope => "scope",
            Dimension::County => "county",
            Dimension::Year => "year",
            Dimension::Quarter => "quarter",
            Dimension::WorkPackage => "work_package",
        }
    }

    /// A heading for people: "by theme".
    pub const fn heading(self) -> &'static str {
        match self {
            Dimension::Project => "by project",
            Dimension::Theme => "by theme",
            Dimension::EventKind => "by event kind",
            Dimension::Scope => "by scope",
            Dimension::County => "by county",
            Dimension::Year => "by year",
            Dimension::Quarter => "by quarter",
            Dimension::WorkPackage => "by work package",
        }
    }
}

/// The participation of one group of events.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct ParticipationRow {
    /// The group.
    pub group: Group,
    /// Held event records in the group.
    pub events_held: u64,
    /// Cancelled event records in the group, apart from the held ones.
    pub events_cancelled: u64,
    /// Planned event records in the group, apart from the held ones.
    pub events_planned: u64,
    /// Attendances (a person once per event), counted once: a figure that
    /// is part of another counted one is not added again; possible overlaps
    /// make the total a range.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attendances: Option<Figure<Total>>,
    /// Distinct people. Over several events this is a range: from the
    /// largest single figure (everyone came to every event) to the sum
    /// (nobody came twice).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub distinct_people: Option<Figure<Total>>,
}

impl ParticipationRow {
    fn new(group: Group) -> Self {
        ParticipationRow {
            group,
            events_held: 0,
            events_cancelled: 0,
            events_planned: 0,
            attendances: None,
            distinct_people: None,
        }
    }

    /// Adds another project's row of the same group.
    pub(crate) fn merge(&mut self, other: ParticipationRow) {
        self.events_held += other.events_held;
        self.events_cancelled += other.events_cancelled;
        self.events_planned += other.events_planned;
        self.attendances = Figure::merge(self.attendances.take(), other.attendances, |a, b| a + b);
        self.distinct_people = Figure::merge(self.distinct_people.take(), other.distinct_people, distinct_union);
    }
}

/// People counted in two separate places may be the same people: the union
/// is at least the larger and at most the sum.
pub(crate) fn distinct_union(a: Total, b: Total) -> Total {
    let low = if a.low.value >= b.low.value { a.low } else { b.low };
    Total::range(low, a.high + b.high)
}

/// The group keys of an event in `dimension`, each with its label.
pub(super) fn keys(
    project: &Project,
    event: &Event,
    dimension: Dimension,
    language: Language,
) -> Vec<(String, String)> {
    let code_label = |code: &str, label: &str| (code.to_owned(), label.to_owned());
    let keys: Vec<(String, String)> = match dimension {
        Dimension::Project => vec![(project.id.to_string(), project.name.best(language).to_owned())],
        Dimension::Theme => event.themes.iter().map(|t| code_label(t.code(), t.label(language))).collect(),
        Dimension::EventKind => event.kinds.iter().map(|k| code_label(k.code(), k.label(language))).collect(),
        Dimension::Scope => event.scope.iter().map(|s| code_label(s.code(), s.label(language))).collect(),
        Dimension::County => event.counties.iter().map(|c| code_label(c.code(), c.label(language))).collect(),
        Dimension::Year => event
            .period
            .and_then(|p| p.start)
            .map(|d| d.year().to_string())
            .map(|y| (y.clone(), y))
            .into_iter()
            .collect(),
        Dimension::Quarter => {
            event.period.and_then(|p| p.start).and_then(|d| quarter(&d)).map(|q| (q.clone(), q)).into_iter().collect()
        }
        Dimension::WorkPackage => event
            .work_packages
            .iter()
            .map(|id| {
                let title = project
                    .work_packages
                    .iter()
                    .find(|wp| wp.id == *id)
                    .map_or_else(|| id.to_string(), |wp| format!("{} {}", wp.number, wp.title.best(language)));
                (format!("{}/{id}", project.id), title)
            })
            .collect(),
    };
    if keys.is_empty() { vec![(String::new(), "not stated".to_owned())] } else { keys }
}

/// `2021-Q3` when the date falls within one quarter.
fn quarter(date: &PartialDate) -> Option<String> {
    use chrono::Datelike;
    let (first, last) = (date.earliest(), date.latest());
    let q = |d: chrono::NaiveDate| (d.month() - 1) / 3 + 1;
    (first.year() == last.year() && q(first) == q(last)).then(|| format!("{}-Q{}", first.year(), q(first)))
}

/// The participation rows of one project in `dimension`; `forest` is the
/// project's `part_of` graph.
pub(crate) fn of_project(
    project: &Project,
    forest: &Forest<'_>,
    dimension: Dimension,
    language: Language,
    explain: bool,
) -> Vec<ParticipationRow> {
    let mut groups: BTreeMap<String, (String, Vec<&Event>)> = BTreeMap::new();
    for event in &project.events {
        for (key, label) in keys(project, event, dimension, language) {
            groups.entry(key).or_insert_with(|| (label, Vec::new())).1.push(event);
        }
    }
    groups
        .into_iter()
        .map(|(key, (label, events))| {
            let mut row = ParticipationRow::new(Group { dimension, key, label });
            for event in &events {
                match event.status {
                    EventStatus::Held => row.events_held += 1,
                    EventStatus::Cancelled => row.events_cancelled += 1,
                    EventStatus::Planned => row.events_planned += 1,
                }
            }
            let held: Vec<&Event> = events.iter().copied().filter(|e| e.status == EventStatus::Held).collect();
            row.attendances =
                counted(project, &held, forest, |e| e.participation.and_then(|p| p.attendances), explain, false);
            row.distinct_people =
                counted(project, &held, forest, |e| e.participation.and_then(|p| p.distinct_people), explain, true);
            row
        })
        .collect()
}

/// The total of one figure over a group of held events, counted once.
fn counted(
    project: &Project,
    held: &[&Event],
    forest: &Forest<'_>,
    figure: impl Fn(&Event) -> Option<Count>,
    explain: bool,
    distinct: bool,
) -> Option<Figure<Total>> {
    // Each held event with a figure, with its id's node.
    let with_figure: Vec<(&Event, Count, Option<usize>)> =
        held.iter().filter_map(|e| figure(e).map(|c| (*e, c, forest.node(e.id.as_str())))).collect();
    // A figure is counted unless its chain of ancestors (cut where it comes
    // back to the event or repeats) passes an event of the group with a
    // figure, which already includes it: the first such on the chain from
    // its parent is none, or the event itself come round a cycle.
    let mut marked: Vec<usize> = with_figure.iter().filter_map(|(_, _, node)| *node).collect();
    let parents: Vec<Option<usize>> =
        with_figure.iter().map(|(e, _, _)| e.part_of.as_ref().and_then(|p| forest.node(p.as_str()))).collect();
    let inside = forest.first_marked(&mut marked, &parents);
    let counted: Vec<(&Event, Count, Option<usize>)> = with_figure
        .into_iter()
        .zip(inside)
        .filter(|((_, _, node), first)| first.is_none() || first == node)
        .map(|(counted, _)| counted)
        .collect();
    if counted.is_empty() {
        return None;
    }
    // The counted event a record's figure lies in: the first counted on its
    // chain, itself included; and each counted id's figure (the first, if
    // the id repeats).
    let mut heads: Vec<usize> = counted.iter().filter_map(|(_, _, node)| *node).collect();
    let mut value_of: HashMap<usize, Count> = HashMap::with_capacity(counted.len());
    for (_, count, node) in &counted {
        if let Some(node) = node {
            value_of.entry(*node).or_insert(*count);
        }
    }
    let withs: Vec<Option<usize>> = counted
        .iter()
        .flat_map(|(e, _, _)| e.possible_overlaps.iter().map(|overlap| forest.event_node(overlap.with.as_str())))
        .collect();
    let mut representatives = forest.first_marked(&mut heads, &withs).into_iter();
    let mut excluded: HashSet<Option<usize>> = HashSet::new();
    let mut overlaps = Vec::new();
    for (event, count, node) in &counted {
        for _ in &event.possible_overlaps {
            let Some(other) = representatives.next().flatten() else { continue };
            if Some(other) == *node {
                continue;
            }
            let other_count = value_of.get(&other).copied().unwrap_or(*count);
            // The smaller figure may lie within the larger: leave it out of the low end.
            let smaller = if count.value <= other_count.value { *node } else { Some(other) };
            if excluded.insert(smaller) {
                overlaps.push(format!(
                    "{} may overlap {}",
                    record(project, event.id.as_str()),
                    record(project, forest.name(other))
                ));
            }
        }
    }
    let high: Count = counted.iter().map(|(_, c, _)| *c).sum();
    let total = if distinct && counted.len() > 1 {
        counted.iter().map(|(_, c, _)| Total::from(*c)).reduce(distinct_union).unwrap_or_else(Total::zero)
    } else {
        let low: Count = counted.iter().filter(|(_, _, node)| !excluded.contains(node)).map(|(_, c, _)| *c).sum();
        if excluded.is_empty() { Total::from(high) } else { Total::range(low, high) }
    };
    let derivation = explain.then(|| {
        let mut rule = if distinct && counted.len() > 1 {
            "distinct people of several events: at least the largest figure, at most their sum".to_owned()
        } else {
            "sum of the held events' figures, leaving out figures that are part of another counted figure".to_owned()
        };
        if !overlaps.is_empty() {
            rule.push_str(&format!("; a range, the low end leaving out what may overlap ({})", overlaps.join(", ")));
        }
        Derivation {
            rule,
            records: counted.iter().map(|(e, c, _)| format!("{} = {c}", record(project, e.id.as_str()))).collect(),
        }
    });
    Some(Figure { value: total, derivation })
}
