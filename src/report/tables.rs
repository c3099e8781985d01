//! The tables of a report, in the reader's language.

use super::cells::Rows;
use super::local::{Local, written};
use super::words::Phrase;
use crate::aggregate::{
    Derivation, Dimension, Figure, Omitted, ParticipantGroupRow, ParticipationTable, RegionalPartRow, TableKind,
    TimelineRow,
};
use crate::{Language, Total};

mod parts;

pub(crate) use parts::Part;

pub(crate) struct Table {
    pub(crate) title: String,
    pub(crate) headers: Vec<&'static str>,
    /// The leading columns that hold texts rather than figures.
    pub(crate) texts: usize,
    pub(crate) rows: Rows,
    /// Derivations of the table's figures: (what, derivation).
    pub(crate) derivations: Vec<(String, Derivation)>,
    /// A line under the title: how the rows relate to the total.
    pub(crate) note: Option<String>,
    /// Why the rows were left out, when they were: the table is then its
    /// title and this, never an empty table.
    pub(crate) omitted: Option<Omitted>,
}

impl Table {
    fn new(title: impl Into<String>, headers: Vec<&'static str>) -> Self {
        Table {
            title: title.into(),
            rows: Rows::new(headers.len()),
            headers,
            texts: 1,
            derivations: Vec::new(),
            note: None,
            omitted: None,
        }
    }

    /// The rows of a table with a row per project, or the reason it has none.
    fn rows_of<'a, T>(&mut self, rows: Result<impl IntoIterator<Item = &'a T>, Omitted>) -> Vec<&'a T>
    where
        T: 'a,
    {
        match rows {
            Ok(rows) => rows.into_iter().collect(),
            Err(omitted) => {
                self.omitted = Some(omitted);
                Vec::new()
            }
        }
    }

    /// Adds `figure`'s derivation, if it has one, as `what()` describes it
    /// (made only then: without `--explain` no figure has one).
    fn explain<T>(&mut self, what: impl FnOnce() -> String, figure: Option<&Figure<T>>) {
        if let Some(derivation) = figure.and_then(|f| f.derivation.clone()) {
            self.derivations.push((what(), *derivation));
        }
    }
}

/// The columns of the projects side by side (text and HTML reports).
pub(crate) const PROJECT_COLUMNS: [Phrase; 13] = [
    Phrase::Project,
    Phrase::Status,
    Phrase::PeriodColumn,
    Phrase::EventsHeld,
    Phrase::Cancelled,
    Phrase::Attendances,
    Phrase::Outputs,
    Phrase::Achieved,
    Phrase::Partly,
    Phrase::NotAchieved,
    Phrase::Unjudged,
    Phrase::Budget,
    Phrase::StateGrant,
];

/// The columns of the programmes against their projects.
pub(crate) const PROGRAMME_COLUMNS: [Phrase; 7] = [
    Phrase::Programme,
    Phrase::ProjectsListed,
    Phrase::Given,
    Phrase::StatedFunding,
    Phrase::ProjectsBudgets,
    Phrase::WithoutBudget,
    Phrase::Attendances,
];

/// The columns of a participation table.
pub(crate) const PARTICIPATION_COLUMNS: [Phrase; 7] = [
    Phrase::Group,
    Phrase::Held,
    Phrase::Cancelled,
    Phrase::Planned,
    Phrase::Meetings,
    Phrase::Attendances,
    Phrase::DistinctPeople,
];

/// The columns of the assessments.
pub(crate) const ASSESSMENT_COLUMNS: [Phrase; 6] = [
    Phrase::Assessment,
    Phrase::Source,
    Phrase::Occasions,
    Phrase::Attendances,
    Phrase::DistinctPeople,
    Phrase::Judgements,
];

/// The columns of a money table.
pub(crate) const MONEY_COLUMNS: [Phrase; 3] = [Phrase::Group, Phrase::Parts, Phrase::Amount];

/// The columns of the objectives no assessment judges.
pub(crate) const UNJUDGED_COLUMNS: [Phrase; 3] = [Phrase::Project, Phrase::Objective, Phrase::Statement];

/// Headers in `language`.
fn headers(language: Language, phrases: &[Phrase]) -> Vec<&'static str> {
    phrases.iter().map(|p| p.text(language)).collect()
}

/// How a participation table's rows relate to its total, for people.
pub(super) fn rows_and_total(table: &ParticipationTable, local: Local) -> String {
    let total = table.total.map_or_else(|| Phrase::NoFigure.text(local.0).to_owned(), |t| local.total(t));
    let phrase = match (table.kind, table.adds_up) {
        (TableKind::Partition, true) => Phrase::PartitionAddsUp,
        (TableKind::Partition, false) => Phrase::PartitionDoesNotAddUp,
        (_, true) => Phrase::OverlappingAddsUp,
        _ => Phrase::OverlappingDoesNotAddUp,
    };
    phrase.fill(local.0, &[&total])
}

/// `amount`, followed by how many parts lack one; `–` for no amount.
pub(crate) fn amount_text(local: Local, amount: Option<crate::Money>, parts_without_amount: u64) -> String {
    written(|out| push_amount_text(out, local, amount, parts_without_amount))
}

/// [`amount_text`] appended to `out`.
fn push_amount_text(out: &mut String, local: Local, amount: Option<crate::Money>, parts_without_amount: u64) {
    match amount {
        Some(amount) => local.push_money(out, amount),
        None => out.push_str(Local::DASH),
    }
    if let Some(parts) = without_amount(local, parts_without_amount) {
        push_in_brackets(out, &parts);
    }
}

/// `project/record`, as a record is named.
fn push_path(out: &mut String, project: &str, record: &str) {
    out.push_str(project);
    out.push('/');
    out.push_str(record);
}

/// ` (text)`.
fn push_in_brackets(out: &mut String, text: &str) {
    out.push_str(" (");
    out.push_str(text);
    out.push(')');
}

/// A project's state grant as both reports write it: the amount, its share
/// of the budget, and the parts without an amount.
#[cfg(feature = "html")]
pub(super) fn state_grant_text(local: Local, row: &crate::aggregate::ProjectRow) -> String {
    written(|out| push_state_grant_text(out, local, row))
}

/// A project's state grant as both reports write it (the HTML report as a
/// text of its own, `state_grant_text`), appended to `out`.
fn push_state_grant_text(out: &mut String, local: Local, row: &crate::aggregate::ProjectRow) {
    let money = |out: &mut String| push_amount_text(out, local, row.state_grant, row.state_grant_parts_without_amount);
    let share = row.state_grant_share.map(|s| local.number(s));
    match (row.state_grant, share, without_amount(local, row.state_grant_parts_without_amount)) {
        (Some(_), Some(share), None) => {
            money(out);
            push_in_brackets(out, &share);
        }
        (Some(_), Some(share), Some(_)) => {
            money(out);
            out.push_str(", ");
            out.push_str(&share);
        }
        (None, Some(share), None) => out.push_str(&share),
        (None, Some(share), Some(parts)) => {
            out.push_str(&share);
            push_in_brackets(out, &parts);
        }
        (_, None, _) => money(out),
    }
}

pub(super) fn without_amount(local: Local, parts: u64) -> Option<String> {
    match parts {
        0 => None,
        1 => Some(Phrase::OnePartWithoutAmount.text(local.0).to_owned()),
        n => Some(Phrase::PartsWithoutAmount.fill(local.0, &[&crate::value::thousands(n)])),
    }
}

/// An optional figure's total, or [`Local::DASH`].
fn total(local: Local, figure: Option<&Figure<Total>>) -> String {
    written(|out| push_total(out, local, figure))
}

/// [`total`] appended to `out`.
fn push_total(out: &mut String, local: Local, figure: Option<&Figure<Total>>) {
    local.push_total_or_dash(out, figure.map(|f| f.value));
}

/// A code's label in the language, or the code when it is not on `L`'s list.
pub(super) fn label<L: std::str::FromStr>(code: &str, label: impl Fn(L) -> &'static str) -> String {
    label_of(code, label).to_owned()
}

/// [`label`], borrowed.
fn label_of<L: std::str::FromStr>(code: &str, label: impl Fn(L) -> &'static str) -> &str {
    code.parse::<L>().map_or(code, |value| label(value))
}

/// A participation group's label in `language`: "not stated" for the empty
/// key, a work package after its project's id ([`push_work_package`]), and
/// a group of several counties or scopes (codes joined with `+`) named as
/// such.
pub(super) fn group_label<'a>(
    dimension: Dimension,
    key: &str,
    label: &'a str,
    language: Language,
) -> std::borrow::Cow<'a, str> {
    fn several<L: std::str::FromStr>(key: &str, name: impl Fn(L) -> &'static str) -> Option<String> {
        let labels: Option<Vec<&str>> = key.split('+').map(|code| code.parse::<L>().ok().map(&name)).collect();
        labels.map(|labels| labels.join(", "))
    }
    if key.is_empty() {
        return Phrase::NotStated.text(language).into();
    }
    if dimension == Dimension::WorkPackage {
        let mut out = String::new();
        push_work_package(&mut out, key, label);
        return out.into();
    }
    if !key.contains('+') {
        return label.into();
    }
    let (phrase, labels) = match dimension {
        Dimension::County => (Phrase::SeveralCounties, several(key, |c: crate::County| c.label(language))),
        Dimension::Scope => (Phrase::SeveralScopes, several(key, |s: crate::EventScope| s.label(language))),
        _ => return label.into(),
    };
    labels.map_or_else(|| label.into(), |labels| phrase.fill(language, &[&labels]).into())
}

/// Appends a participation group's label as [`group_label`] gives it,
/// without a copy where it is the label as it stands.
pub(super) fn push_group_label(out: &mut String, dimension: Dimension, key: &str, label: &str, language: Language) {
    if dimension == Dimension::WorkPackage && !key.is_empty() {
        push_work_package(out, key, label);
    } else {
        out.push_str(&group_label(dimension, key, label, language));
    }
}

/// Appends a work package's label after its project's id (`lumo: I
/// Monialaisen …`), its key being `project/work-package`: a table by work
/// package holds every project's, and projects name theirs alike
/// ("Työpaketti 1").
pub(super) fn push_work_package(out: &mut String, key: &str, label: &str) {
    if let Some((project, _)) = key.split_once('/') {
        out.push_str(project);
        out.push_str(": ");
    }
    out.push_str(label);
}

/// Appends an achievement group's label: a work package after its
/// project's id, as in the participation tables.
pub(crate) fn push_achievement_label(out: &mut String, row: &crate::aggregate::AchievementRow) {
    if row.by == "work_package" {
        push_work_package(out, &row.key, &row.label);
    } else {
        out.push_str(&row.label);
    }
}

/// An achievement group's label, as [`push_achievement_label`] writes it:
/// borrowed where that is the row's own label. Only the HTML report (and a
/// test) uses it.
#[cfg(any(feature = "html", test))]
pub(crate) fn achievement_label(row: &crate::aggregate::AchievementRow) -> std::borrow::Cow<'_, str> {
    if row.by != "work_package" {
        return row.label.as_str().into();
    }
    let mut out = String::new();
    push_achievement_label(&mut out, row);
    out.into()
}

/// Makes the report's tables in order, giving each to `emit` as soon as it
/// is made.
#[cfg(test)]
pub(crate) fn tables(summary: &crate::aggregate::Summary, local: Local, emit: &mut dyn FnMut(Table)) {
    Part::all().filter_map(|part| part.make(summary, local)).for_each(emit);
}

/// The columns of the participant-group table.
pub(super) const PARTICIPANT_GROUP_HEADERS: [Phrase; 6] = [
    Phrase::Group,
    Phrase::Role,
    Phrase::Events,
    Phrase::NamedWithoutFigure,
    Phrase::Attendances,
    Phrase::DistinctPeople,
];

/// A participant group's row as the reports show it: its label and role
/// (texts), then its figures.
pub(super) fn participant_group_cells(row: &ParticipantGroupRow, local: Local) -> [String; 6] {
    [
        row.label.clone(),
        label(row.role, |r: crate::ParticipantRole| r.label(local.0)),
        row.events.to_string(),
        row.events_without_figure.to_string(),
        local.or_dash(row.attendances.as_ref().map(|f| f.value), Local::count),
        total(local, row.distinct_people.as_ref()),
    ]
}

/// What a derivation of a participant group's `measure` is of:
/// "children and young people (participant), attendances".
pub(super) fn participant_group_what(row: &ParticipantGroupRow, measure: Phrase, language: Language) -> String {
    let role = label(row.role, |r: crate::ParticipantRole| r.label(language));
    format!("{} ({role}), {}", row.label, measure.text(language))
}

/// The columns of the timeline table.
pub(super) const TIMELINE_HEADERS: [Phrase; 7] = [
    Phrase::Project,
    Phrase::Application,
    Phrase::GrantDecision,
    Phrase::StartOfWork,
    Phrase::DaysToDecision,
    Phrase::DaysToStart,
    Phrase::RegionalParts,
];

/// A project's timeline row as the reports show it: its name (a text),
/// then its dates, the days between them and its regional parts.
pub(super) fn timeline_cells(row: &TimelineRow, local: Local) -> [String; 7] {
    [
        row.name.clone(),
        local.or_dash(row.application, Local::date),
        local.or_dash(row.grant_decision, Local::date),
        local.or_dash(row.start_of_work, Local::date),
        local.or_dash(row.days_to_decision, |_, days| days.to_string()),
        local.or_dash(row.days_to_start, |_, days| days.to_string()),
        row.regional_parts.to_string(),
    ]
}

/// The columns of the regional-part table.
pub(super) const REGIONAL_PART_HEADERS: [Phrase; 6] =
    [Phrase::Project, Phrase::Part, Phrase::Kind, Phrase::Counties, Phrase::PeriodColumn, Phrase::Sectors];

/// A regional part's row as the reports show it (texts only).
pub(super) fn regional_part_cells(row: &RegionalPartRow, local: Local) -> [String; 6] {
    let language = local.0;
    let labels =
        |codes: &[String], name: &dyn Fn(&str) -> String| codes.iter().map(|c| name(c)).collect::<Vec<_>>().join(", ");
    [
        row.project.to_string(),
        row.label.clone(),
        local.or_dash(row.kind, |_, kind| label(kind, |k: crate::RegionalPartKind| k.label(language))),
        labels(&row.counties, &|code| label(code, |c: crate::County| c.label(language))),
        local.or_dash(row.period.as_deref(), Local::period_text),
        labels(&row.sectors, &|code| label(code, |s: crate::ServiceSector| s.label(language))),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregate::Aggregator;
    use crate::corpus::Generator;
    use crate::{AchievementRating, Text};

    #[test]
    fn a_state_grant_is_written_as_its_parts_say_in_every_case() {
        let summary = crate::aggregate::summarise(&crate::data::seed(), false);
        let mut row = summary.project_rows.rows().ok().and_then(|rows| rows.first()).cloned().expect("a project row");
        let amount = crate::Money::approximate("1234567.50".parse().unwrap());
        let share = crate::Percent::new(33.33).unwrap();
        for language in [Language::Fi, Language::Sv, Language::En] {
            let local = Local(language);
            for (state_grant, state_grant_share, parts) in [None, Some(amount)]
                .into_iter()
                .flat_map(|grant| [None, Some(share)].map(move |share| (grant, share)))
                .flat_map(|(grant, share)| [0, 1, 3].map(move |parts| (grant, share, parts)))
            {
                row.state_grant = state_grant;
                row.state_grant_share = state_grant_share;
                row.state_grant_parts_without_amount = parts;
                // As it was written before it was appended to a buffer.
                let money = {
                    let figure = local.or_dash(state_grant, Local::money);
                    match without_amount(local, parts) {
                        Some(parts) => format!("{figure} ({parts})"),
                        None => figure,
                    }
                };
                let share = state_grant_share.map(|s| local.number(s));
                let expected = match (state_grant, share, without_amount(local, parts)) {
                    (Some(_), Some(share), None) => format!("{money} ({share})"),
                    (Some(_), Some(share), Some(_)) => format!("{money}, {share}"),
                    (None, Some(share), None) => share,
                    (None, Some(share), Some(parts)) => format!("{share} ({parts})"),
                    (_, None, _) => money,
                };
                let mut out = String::from("before ");
                push_state_grant_text(&mut out, local, &row);
                assert_eq!(
                    out,
                    format!("before {expected}"),
                    "{language:?} {state_grant:?} {state_grant_share:?} {parts}"
                );
            }
        }
    }

    /// The rows of an achievement table made plainly: a row for each run
    /// of the same key and label, its counts looked up by key and rating.
    fn plainly(rows: &[&crate::aggregate::AchievementRow]) -> Vec<Vec<String>> {
        let mut keys: Vec<(&str, std::borrow::Cow<'_, str>)> =
            rows.iter().map(|r| (r.key.as_str(), achievement_label(r))).collect();
        keys.dedup();
        let count = |key: &str, rating: AchievementRating| {
            rows.iter().find(|r| r.key == key && r.rating == rating.code()).map_or(0, |r| r.judgements.value)
        };
        keys.into_iter()
            .map(|(key, label)| {
                let mut cells = vec![label.into_owned()];
                cells.extend(AchievementRating::ALL.iter().map(|&r| count(key, r).to_string()));
                cells
            })
            .collect()
    }

    #[test]
    fn an_achievement_table_has_a_row_for_each_run_of_a_group_and_its_label() {
        let generator = Generator::new(3);
        let mut aggregator = Aggregator::new();
        let mut projects: Vec<_> = (0..4).map(|index| generator.project(index)).collect();
        let rate = |project: &mut crate::Project, rating| {
            for judgement in project.assessments.iter_mut().flat_map(|a| &mut a.judgements) {
                judgement.rating = rating;
            }
        };
        rate(&mut projects[0], AchievementRating::Achieved);
        projects.iter().for_each(|project| aggregator.add_project(project));
        // The first project given again under another name, every judgement
        // rated otherwise: its rows of that rating carry the second name.
        let mut again = projects[0].clone();
        again.name = Text::fi("Toinen nimi");
        rate(&mut again, AchievementRating::NotAchieved);
        aggregator.add_project(&again);
        let summary = aggregator.finish();
        let mut tables = Vec::new();
        super::tables(&summary, Local(Language::Fi), &mut |table| tables.push(table));
        for (by, title) in [("project", Phrase::JudgementsByProject), ("work_package", Phrase::JudgementsByWorkPackage)]
        {
            let rows: Vec<_> = summary.achievement(by).unwrap().collect();
            let table = tables.iter().find(|t| t.title == title.text(Language::Fi)).unwrap();
            assert_eq!(table.rows.to_vecs(), plainly(&rows), "{by}");
        }
        let by_project = tables.iter().find(|t| t.title == Phrase::JudgementsByProject.text(Language::Fi)).unwrap();
        // Two rows for the first project (`achieved` under its name, then
        // `not_achieved` under the second), each with all its judgements.
        assert_eq!(by_project.rows.len(), projects.len() + 1, "{:?}", by_project.rows.to_vecs());
        assert!(by_project.rows.to_vecs().iter().any(|row| row[0] == "Toinen nimi"));
    }

    #[test]
    fn a_row_by_work_package_names_its_project_where_projects_name_their_work_packages_alike() {
        let generator = Generator::new(5);
        let first = generator.project(0);
        let mut second = generator.project(1);
        // The second project's work packages named and numbered as the first's.
        for (wp, named) in second.work_packages.iter_mut().zip(first.work_packages.iter().cycle()) {
            wp.number = named.number;
            wp.title = named.title.clone();
        }
        let mut aggregator = Aggregator::new();
        aggregator.add_project(&first);
        aggregator.add_project(&second);
        let summary = aggregator.finish();
        let mut tables = Vec::new();
        super::tables(&summary, Local(Language::En), &mut |table| tables.push(table));
        let not_stated = Phrase::NotStated.text(Language::En);
        for title in [Phrase::ParticipationByWorkPackage, Phrase::JudgementsByWorkPackage] {
            let title = title.text(Language::En);
            let table = tables.iter().find(|t| t.title == title).expect(title);
            let labels: Vec<String> =
                table.rows.to_vecs().into_iter().map(|row| row[0].clone()).filter(|l| l != not_stated).collect();
            // Without the projects' ids, the rows would repeat the same labels.
            let bare: std::collections::BTreeSet<&str> =
                labels.iter().map(|l| l.split_once(": ").map_or(l.as_str(), |(_, wp)| wp)).collect();
            assert!(bare.len() < labels.len(), "{title}: {labels:?}");
            let distinct: std::collections::BTreeSet<&String> = labels.iter().collect();
            assert_eq!(distinct.len(), labels.len(), "{title}: {labels:?}");
            for project in [&first, &second] {
                let named = labels.iter().filter(|l| l.starts_with(&format!("{}: ", project.id))).count();
                assert!(named > 0, "{title}: no row of {}: {labels:?}", project.id);
            }
            assert!(
                labels
                    .iter()
                    .all(|l| l.starts_with(&format!("{}: ", first.id)) || l.starts_with(&format!("{}: ", second.id)))
            );
        }
    }
}
