//! Who the events reached: held, cancelled and planned events, attendances
//! and distinct people, grouped by a [`Dimension`], each figure counted once.

// foldhash rather than SipHash: the keys are ids and addresses of one
// document, hashed several times an event.
use foldhash::{HashMap, HashMapExt, HashSet};

use schemars::JsonSchema;
use serde::Serialize;

use super::contribution::{Contribution, Contributions, Counting, Holders};
use super::counted::{Counted, all_counted, counted_figures};
use super::forest::Forest;
use super::groups::Groups;
use super::{Clause, Derivation, Figure, Group, LeftOut, Omission, record};
use crate::report::Phrase;
use crate::{Count, Event, EventStatus, Language, PartialDate, Project, Total};

/// What participation is grouped by. Each dimension's table is a partition
/// or overlapping ([`Dimension::kind`]): an event with several counties is
/// in one row that names them all, an event with several themes (kinds,
/// work packages) in the row of each, so that the rows of an overlapping
/// table may add up to more than the project's total (its own row,
/// [`Dimension::Project`]).
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

    /// Whether the table's rows partition its total or overlap (see
    /// [`TableKind`]): county, scope, year, quarter and project are
    /// partitions (a figure happened in one place and at one time; an
    /// area-wide figure belongs to the area, not to each county); theme,
    /// event kind and work package are tags (an event on two themes reached
    /// its people on both), so a figure counts in each of its groups.
    pub const fn kind(self) -> TableKind {
        match self {
            Dimension::Theme | Dimension::EventKind | Dimension::WorkPackage => TableKind::Overlapping,
            _ => TableKind::Partition,
        }
    }

    /// The dimension's values in the plural: "counties".
    pub const fn plural(self) -> &'static str {
        match self {
            Dimension::Project => "projects",
            Dimension::Theme => "themes",
            Dimension::EventKind => "event kinds",
            Dimension::Scope => "scopes",
            Dimension::County => "counties",
            Dimension::Year => "years",
            Dimension::Quarter => "quarters",
            Dimension::WorkPackage => "work packages",
        }
    }

    /// One of the dimension's values: "county".
    pub const fn singular(self) -> &'static str {
        match self {
            Dimension::Project => "project",
            Dimension::Theme => "theme",
            Dimension::EventKind => "event kind",
            Dimension::Scope => "scope",
            Dimension::County => "county",
            Dimension::Year => "year",
            Dimension::Quarter => "quarter",
            Dimension::WorkPackage => "work package",
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

/// How the rows of a grouped table relate to its total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TableKind {
    /// Each figure is in one row (a record with several values of the
    /// dimension is in one row that names them all): the rows add up to the
    /// total.
    Partition,
    /// A figure counts in each of its groups, like a tag: the rows may add
    /// up to more than the total, which is shown beside them.
    Overlapping,
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
    /// Meetings (`sessions`) of the held events in the group, counted once
    /// as attendances are: a figure that is part of another counted one of
    /// the group is not added again. Meetings do not overlap as people may,
    /// so this is never a range.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sessions: Option<Figure<Count>>,
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
    pub(super) fn new(group: Group) -> Self {
        ParticipationRow {
            group,
            events_held: 0,
            events_cancelled: 0,
            events_planned: 0,
            sessions: None,
            attendances: None,
            distinct_people: None,
        }
    }

    /// Adds another project's row of the same group.
    pub(crate) fn merge(&mut self, other: ParticipationRow) {
        self.events_held += other.events_held;
        self.events_cancelled += other.events_cancelled;
        self.events_planned += other.events_planned;
        self.sessions = Figure::merge(self.sessions.take(), other.sessions, |a, b| a + b);
        self.attendances = Figure::merge(self.attendances.take(), other.attendances, |a, b| a + b);
        self.distinct_people = Figure::merge(self.distinct_people.take(), other.distinct_people, distinct_union);
    }
}

/// People counted in two separate places may be the same people, or not:
/// all that is known of them together is that they are at least as many
/// as the larger figure. (A range up to the sum was true but useless:
/// `200–85 776`.) A figure stated for both together is a figure of its
/// own, of which the two are `part_of`.
pub(crate) fn distinct_union(a: Total, b: Total) -> Total {
    let larger = if a.low.value >= b.low.value { a.low } else { b.low };
    Total::from(Count::at_least(larger.value))
}

/// One group of an event in one dimension, borrowed from the project: no
/// text is made per event. The group's key and label are written once per
/// group ([`Key::write_code`], [`Key::label`]), the same texts as [`keys`]
/// makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Key<'a> {
    /// The record states no value of the dimension (key empty).
    NotStated,
    /// The project's own row.
    Project,
    /// A theme.
    Theme(crate::Theme),
    /// An event kind.
    Kind(crate::EventKind),
    /// A scope.
    Scope(crate::EventScope),
    /// One county, or several making one group (a partition).
    Counties(&'a [crate::County]),
    /// The year an event started.
    Year(i32),
    /// The year and quarter an event started.
    Quarter(i32, u32),
    /// A work package, by its id.
    WorkPackage(&'a str),
}

impl Key<'_> {
    /// Writes the group's key: a code, codes joined by `+`, `project/work-package`
    /// or nothing for "not stated".
    pub(crate) fn write_code(&self, project: &Project, out: &mut String) {
        // A year's digits pushed, as `{year}` writes them.
        let push_year = |out: &mut String, year: i32| {
            if year < 0 {
                out.push('-');
            }
            crate::value::push_digits(out, u64::from(year.unsigned_abs()));
        };
        match *self {
            Key::NotStated => {}
            Key::Project => out.push_str(project.id.as_str()),
            Key::Theme(theme) => out.push_str(theme.code()),
            Key::Kind(kind) => out.push_str(kind.code()),
            Key::Scope(scope) => out.push_str(scope.code()),
            Key::Counties(counties) => {
                for (at, county) in counties.iter().enumerate() {
                    if at > 0 {
                        out.push('+');
                    }
                    out.push_str(county.code());
                }
            }
            Key::Year(year) => push_year(out, year),
            Key::Quarter(year, quarter) => {
                push_year(out, year);
                out.push_str("-Q");
                crate::value::push_digits(out, u64::from(quarter));
            }
            Key::WorkPackage(id) => super::push_record(out, project, id),
        }
    }

    /// The group's key as a new string.
    pub(crate) fn code(&self, project: &Project) -> String {
        let mut out = String::new();
        self.write_code(project, &mut out);
        out
    }

    /// The group's label in `language`.
    pub(crate) fn label(&self, project: &Project, language: Language) -> String {
        match *self {
            Key::NotStated => "not stated".to_owned(),
            Key::Project => project.name.best(language).to_owned(),
            Key::Theme(theme) => theme.label(language).to_owned(),
            Key::Kind(kind) => kind.label(language).to_owned(),
            Key::Scope(scope) => scope.label(language).to_owned(),
            Key::Counties([county]) => county.label(language).to_owned(),
            Key::Counties(counties) => {
                let labels: Vec<&str> = counties.iter().map(|c| c.label(language)).collect();
                format!("several {}: {}", Dimension::County.plural(), labels.join(", "))
            }
            Key::Year(_) | Key::Quarter(..) => self.code(project),
            Key::WorkPackage(id) => super::work_package_label(project, id, language),
        }
    }
}

/// A [`Key`] that owns what it would borrow from its project, so that a
/// project's rows can be kept apart from the project's borrow (and added
/// to the summary by another thread). Only the keys of several counties
/// and of work packages own anything: the rest are kept as they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum OwnedKey {
    /// A key that borrows nothing from its project.
    Plain(Key<'static>),
    /// One county, or several making one group.
    Counties(Box<[crate::County]>),
    /// A work package, by its id.
    WorkPackage(Box<str>),
}

impl From<Key<'_>> for OwnedKey {
    fn from(key: Key<'_>) -> Self {
        match key {
            Key::NotStated => OwnedKey::Plain(Key::NotStated),
            Key::Project => OwnedKey::Plain(Key::Project),
            Key::Theme(theme) => OwnedKey::Plain(Key::Theme(theme)),
            Key::Kind(kind) => OwnedKey::Plain(Key::Kind(kind)),
            Key::Scope(scope) => OwnedKey::Plain(Key::Scope(scope)),
            Key::Year(year) => OwnedKey::Plain(Key::Year(year)),
            Key::Quarter(year, quarter) => OwnedKey::Plain(Key::Quarter(year, quarter)),
            Key::Counties(counties) => OwnedKey::Counties(counties.into()),
            Key::WorkPackage(id) => OwnedKey::WorkPackage(id.into()),
        }
    }
}

impl OwnedKey {
    /// The key, borrowing from this one.
    pub(crate) fn key(&self) -> Key<'_> {
        match self {
            OwnedKey::Plain(key) => *key,
            OwnedKey::Counties(counties) => Key::Counties(counties),
            OwnedKey::WorkPackage(id) => Key::WorkPackage(id),
        }
    }
}

/// The groups `event` itself states in `dimension`, into `out` (cleared
/// first): a value of an overlapping dimension as often as the event lists
/// it, several counties as one group, "not stated" when it states none.
fn keys_into<'a>(event: &'a Event, dimension: Dimension, out: &mut Vec<Key<'a>>) {
    out.clear();
    let start = event.period.and_then(|p| p.start);
    match dimension {
        Dimension::Project => out.push(Key::Project),
        Dimension::Theme => out.extend(event.themes.iter().map(|&t| Key::Theme(t))),
        Dimension::EventKind => out.extend(event.kinds.iter().map(|&k| Key::Kind(k))),
        Dimension::Scope => out.extend(event.scope.map(Key::Scope)),
        Dimension::County => {
            if !event.counties.is_empty() {
                out.push(Key::Counties(&event.counties));
            }
        }
        Dimension::Year => out.extend(start.map(|d| Key::Year(d.year()))),
        Dimension::Quarter => out.extend(start.and_then(|d| quarter(&d)).map(|(y, q)| Key::Quarter(y, q))),
        Dimension::WorkPackage => out.extend(event.work_packages.iter().map(|id| Key::WorkPackage(id.as_str()))),
    }
    if out.is_empty() {
        out.push(Key::NotStated);
    }
}

/// The group keys of an event in `dimension`, each with its label, as they
/// were made before [`Key`]: the reference the tests compare with.
#[cfg(test)]
pub(super) fn keys(
    project: &Project,
    event: &Event,
    dimension: Dimension,
    language: Language,
) -> Vec<(String, String)> {
    let code_label = |code: &str, label: &str| (code.to_owned(), label.to_owned());
    let quarter = |d: &PartialDate| quarter(d).map(|(y, q)| format!("{y}-Q{q}"));
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

/// The year and quarter (`2021-Q3`) when the date falls within one quarter.
fn quarter(date: &PartialDate) -> Option<(i32, u32)> {
    use chrono::Datelike;
    let (first, last) = (date.earliest(), date.latest());
    let q = |d: chrono::NaiveDate| (d.month() - 1) / 3 + 1;
    (first.year() == last.year() && q(first) == q(last)).then(|| (first.year(), q(first)))
}

/// Whether `event` itself states a value of `dimension` (the project: always).
#[inline]
fn states(event: &Event, dimension: Dimension) -> bool {
    match dimension {
        Dimension::Project => true,
        Dimension::Theme => !event.themes.is_empty(),
        Dimension::EventKind => !event.kinds.is_empty(),
        Dimension::Scope => event.scope.is_some(),
        Dimension::County => !event.counties.is_empty(),
        Dimension::Year => event.period.and_then(|p| p.start).is_some(),
        Dimension::Quarter => event.period.and_then(|p| p.start).and_then(|d| quarter(&d)).is_some(),
        Dimension::WorkPackage => !event.work_packages.is_empty(),
    }
}

/// The groups of an event (at `place` in its project) in `dimension`,
/// into `out`: its own values, or those of the nearest event it is
/// `part_of` that states some, or "not stated"; in a partition table,
/// several values make one group that names them all.
#[inline]
pub(crate) fn groups_of<'a>(
    event: &'a Event,
    place: usize,
    dimension: Dimension,
    holders: &mut Holders<'a, '_>,
    out: &mut Vec<Key<'a>>,
) {
    let holder = holders.of(place, |e| states(e, dimension)).unwrap_or(event);
    keys_into(holder, dimension, out);
}

/// The participation rows of one project in `dimension`, each with its
/// group's [`Key`] (the row's [`Group`] is left empty: the caller writes it
/// once per group), counted with `counting` and added to `out`.
pub(crate) fn of_project<'a>(
    project: &'a Project,
    counting: &Counting<'a, '_>,
    dimension: Dimension,
    explain: bool,
    holders: &mut Holders<'a, '_>,
    groups: &mut Groups<'a>,
    out: &mut Vec<(Key<'a>, ParticipationRow)>,
) {
    // Where every figure is counted whole, the rows are added up event by
    // event: the same rows (see `tally`), without a list of each group's
    // events and a look at each list for each figure.
    if !explain && counting.event_by_event && dimension != Dimension::Project {
        return super::tally::rows(project, counting, dimension, holders, groups, out);
    }
    let Counting { forest, contributions, nesting, .. } = counting;
    // The held events of a group, in a buffer used again from group to
    // group and from project to project.
    let mut held = groups.take_held();
    groups.fill(project, dimension, holders);
    out.extend(groups.iter().map(|(key, events)| {
        let group = Group { dimension, key: String::new(), label: String::new() };
        let mut row = ParticipationRow::new(group);
        for event in events {
            match event.status {
                EventStatus::Held => row.events_held += 1,
                EventStatus::Cancelled => row.events_cancelled += 1,
                EventStatus::Planned => row.events_planned += 1,
            }
        }
        held.clear();
        held.extend(events.iter().copied().filter(|e| e.status == EventStatus::Held));
        row.attendances = if dimension == Dimension::Project {
            project_total(project, events, &held, forest, explain)
        } else {
            placed_total(project, dimension, contributions, events, explain)
        };
        row.distinct_people =
            counted(project, events, &held, forest, Counts::People { may_nest: nesting.people }, explain);
        row.sessions = sessions(project, &held, forest, nesting.sessions, explain);
        (key, row)
    }));
    groups.give_back_held(held);
}

/// The attendances of a project's row by project: its events' figures,
/// each counted once.
fn project_total(
    project: &Project,
    events: &[&Event],
    held: &[&Event],
    forest: &Forest<'_>,
    explain: bool,
) -> Option<Figure<Total>> {
    counted(project, events, held, forest, Counts::Attendances, explain)
}

/// The attendances of `project`'s row by project, as [`of_project`] makes
/// them, without the rest of the row or a derivation: what the summary
/// needs of a project past the per-project limit (the total attendances).
pub(crate) fn project_attendances(project: &Project, forest: &Forest<'_>) -> Option<Total> {
    // Every event states its project: its one group is all its events, in
    // order, as `Groups::fill` makes it (and none for a project without events).
    if project.events.is_empty() {
        return None;
    }
    let events: Vec<&Event> = project.events.iter().collect();
    let held: Vec<&Event> = events.iter().copied().filter(|e| e.status == EventStatus::Held).collect();
    project_total(project, &events, &held, forest, false).map(|figure| figure.value)
}

/// [`of_project`] for one dimension of a project on its own, as tests
/// need it: the rows in key order, with their groups.
#[cfg(test)]
pub(crate) fn rows_of(
    project: &Project,
    dimension: Dimension,
    language: Language,
    explain: bool,
) -> Vec<ParticipationRow> {
    let forest = Forest::new(project);
    let counting = Counting::new(project, &forest);
    let mut holders = Holders::new(project, &forest);
    let mut made = Vec::new();
    of_project(project, &counting, dimension, explain, &mut holders, &mut Groups::default(), &mut made);
    let mut rows: Vec<ParticipationRow> = made
        .into_iter()
        .map(|(key, mut row)| {
            row.group.key = key.code(project);
            row.group.label = key.label(project, language);
            row
        })
        .collect();
    rows.sort_by(|a, b| a.group.key.cmp(&b.group.key));
    rows
}

/// The attendances of a group: the sum of the contributions placed in it.
/// `None` where none is.
fn placed_total(
    project: &Project,
    dimension: Dimension,
    contributions: &Contributions<'_>,
    events: &[&Event],
    explain: bool,
) -> Option<Figure<Total>> {
    // The group's contributions, in the order of the events: added up as
    // they are met, and listed only for a derivation.
    let mut placed = events.iter().filter_map(|e| contributions.of(e)).peekable();
    placed.peek()?;
    if !explain {
        return Some(Figure { value: placed.map(|c| c.value).sum(), derivation: None });
    }
    let here: Vec<&Contribution<'_>> = placed.collect();
    let value: Total = here.iter().map(|c| c.value).sum();
    let derivation = {
        let used: HashSet<*const Event> = here.iter().map(|c| std::ptr::from_ref(c.event)).collect();
        let figure = |e: &Event| e.participation.and_then(|p| p.attendances);
        let mut derivation =
            Derivation::new(Clause::placed_here(dimension), here.iter().map(|c| c.describe(project)).collect());
        for contribution in here {
            derivation.cite(record(project, contribution.event.id.as_str()), &contribution.event.sources);
        }
        derivation.left_out = left_out(project, events, figure, &used, &HashMap::new());
        derivation
    };
    Some(Figure { value, derivation: Some(Box::new(derivation)) })
}

/// Why each event of `events` that `used` does not hold is left out of a
/// figure ([`LeftOut`]): not held, no figure, represented by its parts,
/// inside another figure (`inside`), or in a cycle.
fn left_out(
    project: &Project,
    events: &[&Event],
    figure: impl Fn(&Event) -> Option<Count>,
    used: &HashSet<*const Event>,
    inside: &HashMap<*const Event, String>,
) -> Vec<LeftOut> {
    events
        .iter()
        .filter(|event| !used.contains(&std::ptr::from_ref(**event)))
        .map(|event| {
            let why = match event.status {
                EventStatus::Cancelled => Omission::Cancelled,
                EventStatus::Planned => Omission::Planned,
                _ if figure(event).is_none() => Omission::NoFigure,
                _ => match inside.get(&std::ptr::from_ref(*event)) {
                    Some(within) => Omission::InsideTheFigureOf(within.clone()),
                    None if event.parts_complete => Omission::RepresentedByItsParts,
                    None => Omission::InACycle,
                },
            };
            LeftOut::new(record(project, event.id.as_str()), why)
        })
        .collect()
}

/// The meetings of a group of held events: the sum of the `sessions` that
/// no other figure of the group includes (the rule of [`counted_figures`]).
/// Possible overlaps are about people, not meetings: none is left out.
fn sessions(
    project: &Project,
    held: &[&Event],
    forest: &Forest<'_>,
    may_nest: bool,
    explain: bool,
) -> Option<Figure<Count>> {
    // Without a derivation, where every figure is counted, the meetings are
    // added up as they are met, without a list of them.
    if !explain && all_counted(held, |e| e.sessions, may_nest) {
        let mut counts = held.iter().filter_map(|e| e.sessions).peekable();
        counts.peek()?;
        return Some(Figure { value: counts.sum(), derivation: None });
    }
    let Counted { figures, .. } = counted_figures(project, held, forest, |e| e.sessions, may_nest);
    if figures.is_empty() {
        return None;
    }
    let value: Count = figures.iter().map(|(_, c, _)| *c).sum();
    let derivation = explain.then(|| {
        let mut derivation = Derivation::new(
            Clause::new(Phrase::RuleMeetings),
            figures.iter().map(|(e, c, _)| super::used(project, e.id.as_str(), *c, &e.sources)).collect(),
        );
        for (event, _, _) in &figures {
            derivation.cite(record(project, event.id.as_str()), &event.sources);
        }
        derivation
    });
    Some(Figure { value, derivation: derivation.map(Box::new) })
}

/// An event's figure of distinct people.
pub(crate) fn people(event: &Event) -> Option<Count> {
    event.participation.and_then(|p| p.distinct_people)
}

/// An event's figure of attendances.
fn attendances(event: &Event) -> Option<Count> {
    event.participation.and_then(|p| p.attendances)
}

/// The figure a row's total counts.
#[derive(Debug, Clone, Copy)]
enum Counts {
    /// Attendances, added up.
    Attendances,
    /// Distinct people, their union; `may_nest` unless the project's
    /// [`Nesting`](super::contribution::Nesting) says that none lies inside
    /// another.
    People { may_nest: bool },
}

/// The total of one figure over a group of held events, counted once.
fn counted(
    project: &Project,
    events: &[&Event],
    held: &[&Event],
    forest: &Forest<'_>,
    counts: Counts,
    explain: bool,
) -> Option<Figure<Total>> {
    let (figure, may_nest, distinct) = match counts {
        Counts::Attendances => (attendances as fn(&Event) -> Option<Count>, true, false),
        Counts::People { may_nest } => (people as fn(&Event) -> Option<Count>, may_nest, true),
    };
    // Without a derivation, where every figure is counted and none may
    // overlap another, the total is made as the figures are met, without a
    // list of them: what the rest of this function makes of that list.
    if !explain
        && all_counted(held, figure, may_nest)
        && held.iter().all(|e| figure(e).is_none() || e.possible_overlaps.is_empty())
    {
        let mut counts = held.iter().filter_map(|e| figure(e)).peekable();
        counts.peek()?;
        let total = if distinct {
            counts.map(Total::from).reduce(distinct_union).unwrap_or_else(Total::zero)
        } else {
            Total::from(counts.sum::<Count>())
        };
        return Some(Figure { value: total, derivation: None });
    }
    let Counted { figures: counted, excluded, overlaps, inside } =
        counted_figures(project, held, forest, figure, may_nest);
    if counted.is_empty() {
        return None;
    }
    let high: Count = counted.iter().map(|(_, c, _)| *c).sum();
    let total = if distinct && counted.len() > 1 {
        counted.iter().map(|(_, c, _)| Total::from(*c)).reduce(distinct_union).unwrap_or_else(Total::zero)
    } else {
        let low: Count = counted.iter().filter(|(_, _, node)| !excluded.contains(node)).map(|(_, c, _)| *c).sum();
        if excluded.is_empty() { Total::from(high) } else { Total::range(low, high) }
    };
    let derivation = explain.then(|| {
        let rule = Clause::new(if distinct && counted.len() > 1 {
            Phrase::RuleDistinctOfSeveral
        } else {
            Phrase::RuleHeldFigures
        });
        let records = counted.iter().map(|(e, c, _)| super::used(project, e.id.as_str(), *c, &e.sources)).collect();
        let mut derivation = Derivation::new(rule, records);
        if !overlaps.is_empty() {
            derivation.add_clause(Clause::overlaps(overlaps));
        }
        for (event, _, _) in &counted {
            derivation.cite(record(project, event.id.as_str()), &event.sources);
        }
        let used: HashSet<*const Event> = counted.iter().map(|(e, _, _)| std::ptr::from_ref(*e)).collect();
        // The figure directly above each one left out includes it (that one
        // may be inside another in turn, or, round a cycle, inside this one).
        let within: HashMap<*const Event, String> =
            inside.iter().map(|(e, node)| (std::ptr::from_ref(*e), record(project, forest.name(*node)))).collect();
        derivation.left_out = left_out(project, events, figure, &used, &within);
        derivation
    });
    Some(Figure { value: total, derivation: derivation.map(Box::new) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_years_and_a_quarters_codes_are_written_as_the_format_writes_them() {
        let project = crate::corpus::Generator::new(1).project(0);
        for year in [-12_345, -1, 0, 7, 2021, 9_999, 262_142] {
            assert_eq!(Key::Year(year).code(&project), format!("{year}"));
            for quarter in 1..=4 {
                assert_eq!(Key::Quarter(year, quarter).code(&project), format!("{year}-Q{quarter}"));
            }
        }
    }
}
