//! The tables of a report, one function each.

use super::{
    ASSESSMENT_COLUMNS, MONEY_COLUMNS, PARTICIPANT_GROUP_HEADERS, PARTICIPATION_COLUMNS, PROGRAMME_COLUMNS,
    PROJECT_COLUMNS, REGIONAL_PART_HEADERS, TIMELINE_HEADERS, Table, UNJUDGED_COLUMNS, group_label, headers, label,
    label_of, participant_group_cells, participant_group_what, push_achievement_label, push_amount_text,
    push_group_label, push_path, push_state_grant_text, push_total, regional_part_cells, rows_and_total,
    timeline_cells,
};
use crate::aggregate::{Dimension, FundingDimension, Summary};
use crate::report::local::Local;
use crate::report::words::{Phrase, money_title, participation_title};

/// One table of a report, made from the summary on its own, so that the
/// tables can be made on several threads at once. They are written in the
/// order of [`Part::all`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Part {
    /// The projects side by side.
    Projects,
    /// The programmes against their projects.
    Programmes,
    /// Participation by a dimension.
    Participation(Dimension),
    /// The assessments.
    Assessments,
    /// Judgements by a grouping of the achievement rows (`project`,
    /// `work_package` or `assessment_source`), under a title.
    Judgements(&'static str, Phrase),
    /// The objectives no assessment judges.
    Unjudged,
    /// Targets against what was done.
    Targets,
    /// Outputs by kind and status.
    Outputs,
    /// The participant groups.
    ParticipantGroups,
    /// From application to the start of work.
    Timelines,
    /// The regional parts.
    RegionalParts,
    /// Money by a funding dimension.
    Funding(FundingDimension),
    /// The staffing.
    Staffing,
}

impl Part {
    /// Every table of a report, in the order they are written.
    pub(crate) fn all() -> impl Iterator<Item = Part> {
        use Part as T;
        [T::Projects, T::Programmes]
            .into_iter()
            .chain(Dimension::ALL.map(T::Participation))
            .chain([
                T::Assessments,
                T::Judgements("project", Phrase::JudgementsByProject),
                T::Judgements("work_package", Phrase::JudgementsByWorkPackage),
                T::Judgements("assessment_source", Phrase::JudgementsBySource),
                T::Unjudged,
                T::Targets,
                T::Outputs,
                T::ParticipantGroups,
                T::Timelines,
                T::RegionalParts,
            ])
            .chain(FundingDimension::ALL.map(T::Funding))
            .chain([T::Staffing])
    }

    /// The table, in `local`'s language; none for a participation table
    /// that would say nothing (every event leaves its dimension unstated).
    pub(crate) fn make(self, summary: &Summary, local: Local) -> Option<Table> {
        Some(match self {
            Part::Projects => projects(summary, local),
            Part::Programmes => programmes(summary, local),
            Part::Participation(dimension) => return participation(summary, local, dimension),
            Part::Assessments => assessments(summary, local),
            Part::Judgements(by, title) => judgements(summary, local, by, title),
            Part::Unjudged => unjudged(summary, local),
            Part::Targets => targets(summary, local),
            Part::Outputs => outputs(summary, local),
            Part::ParticipantGroups => participant_groups(summary, local),
            Part::Timelines => timelines(summary, local),
            Part::RegionalParts => regional_parts(summary, local),
            Part::Funding(by) => funding(summary, local, by),
            Part::Staffing => staffing(summary, local),
        })
    }
}

fn projects(summary: &Summary, local: Local) -> Table {
    use Phrase as P;
    let language = local.0;
    let mut projects = Table::new(P::ProjectsSideBySide.text(language), headers(language, &PROJECT_COLUMNS));
    projects.texts = 3;
    for row in projects.rows_of(summary.project_rows.rows()) {
        // Cells written straight into the table where they need no text of
        // their own (a thousand projects' rows are 13 000 cells).
        projects
            .rows
            .row()
            .text(&row.name)
            .text(label_of(row.status, |s: crate::ProjectStatus| s.label(language)))
            .with(|out| match row.period.as_deref() {
                Some(period) => local.push_period_text(out, period),
                None => out.push_str(Local::DASH),
            })
            .integer(row.events_held)
            .integer(row.events_cancelled)
            .with(|out| local.push_total_or_dash(out, row.attendances))
            .with(|out| match row.outputs {
                Some(items) => local.push_count(out, items),
                None => out.push_str(P::NoneRecorded.text(language)),
            })
            .integer(row.achieved)
            .integer(row.partly_achieved)
            .integer(row.not_achieved)
            .with(|out| match row.unjudged_objectives {
                Some(n) => crate::value::push_digits(out, n),
                None => out.push_str(P::NoObjectivesRecorded.text(language)),
            })
            .with(|out| push_amount_text(out, local, row.budget, row.budget_parts_without_amount))
            .with(|out| push_state_grant_text(out, local, row));
    }
    projects
}

fn programmes(summary: &Summary, local: Local) -> Table {
    use Phrase as P;
    let language = local.0;
    let mut programmes = Table::new(P::ProgrammesAgainstProjects.text(language), headers(language, &PROGRAMME_COLUMNS));
    for row in &summary.programme_totals {
        programmes.rows.push([
            row.name.clone(),
            row.listed_projects.to_string(),
            row.projects_given.to_string(),
            local.or_dash(row.stated_funding, Local::money),
            local.or_dash(row.projects_budget.as_ref().map(|f| f.value), Local::money),
            row.projects_without_budget.len().to_string(),
            local.or_dash(row.attendances, Local::total),
        ]);
        let what = || format!("{}, {}", row.name, P::ProjectsBudgets.text(language));
        programmes.explain(what, row.projects_budget.as_ref());
    }
    programmes
}

fn participation(summary: &Summary, local: Local, dimension: Dimension) -> Option<Table> {
    use Phrase as P;
    let language = local.0;
    let table = summary.participation.iter().find(|t| t.dimension == dimension)?;
    let title = participation_title(dimension).text(language);
    if let Some(omitted) = table.omitted {
        let mut out = Table::new(title, headers(language, &PARTICIPATION_COLUMNS));
        out.omitted = Some(omitted);
        return Some(out);
    }
    // A table whose every event leaves the dimension unstated says nothing.
    if table.rows.iter().all(|r| r.group.key.is_empty()) && table.dimension != Dimension::Project {
        return None;
    }
    let mut out = Table::new(title, headers(language, &PARTICIPATION_COLUMNS));
    out.note = Some(rows_and_total(table, local));
    for row in &table.rows {
        let group = || group_label(dimension, &row.group.key, &row.group.label, language);
        out.rows
            .row()
            .with(|out| push_group_label(out, dimension, &row.group.key, &row.group.label, language))
            .integer(row.events_held)
            .integer(row.events_cancelled)
            .integer(row.events_planned)
            .with(|out| local.push_count_or_dash(out, row.sessions.as_ref().map(|f| f.value)))
            .with(|out| push_total(out, local, row.attendances.as_ref()))
            .with(|out| push_total(out, local, row.distinct_people.as_ref()));
        // The label made again, only for a figure that has a derivation.
        out.explain(|| format!("{}, {}", group(), P::Meetings.text(language)), row.sessions.as_ref());
        out.explain(|| format!("{}, {}", group(), P::Attendances.text(language)), row.attendances.as_ref());
        out.explain(|| format!("{}, {}", group(), P::DistinctPeople.text(language)), row.distinct_people.as_ref());
    }
    Some(out)
}

fn assessments(summary: &Summary, local: Local) -> Table {
    use Phrase as P;
    let language = local.0;
    let mut assessments = Table::new(P::Assessments.text(language), headers(language, &ASSESSMENT_COLUMNS));
    assessments.texts = 2;
    for row in assessments.rows_of(summary.assessments.rows()) {
        assessments
            .rows
            .row()
            .with(|out| push_path(out, row.project.as_str(), row.assessment.as_str()))
            .text(label_of(row.source, |s: crate::AssessmentSource| s.label(language)))
            .with(|out| local.push_count_or_dash(out, row.occasions))
            .with(|out| local.push_count_or_dash(out, row.participation.and_then(|p| p.attendances)))
            .with(|out| local.push_count_or_dash(out, row.participation.and_then(|p| p.distinct_people)))
            .integer(row.judgements);
    }
    assessments
}

fn judgements(summary: &Summary, local: Local, by: &str, title: Phrase) -> Table {
    use Phrase as P;
    let language = local.0;
    let ratings = crate::AchievementRating::ALL;
    let mut columns = vec![P::Group.text(language)];
    columns.extend(ratings.iter().map(|r| r.label(language)));
    let mut table = Table::new(title.text(language), columns);
    let rows = table.rows_of(summary.achievement(by));
    // The rows come ordered by key and rating: a group's are together.
    // A group is a row for each label its rows give in turn (one, unless
    // projects given under one id name it differently), each with the
    // judgements of every rating of its key.
    let mut counts: Vec<u64> = Vec::with_capacity(ratings.len());
    for same_key in rows.chunk_by(|a, b| a.key == b.key) {
        // Each row's rating found once, rather than each rating's rows.
        counts.clear();
        counts.resize(ratings.len(), 0);
        for row in same_key {
            if let Some(at) = ratings.iter().position(|rating| rating.code() == row.rating) {
                counts[at] += row.judgements.value;
            }
        }
        for same_label in same_key.chunk_by(|a, b| a.label == b.label) {
            let mut cells = table.rows.row();
            cells.with(|out| push_achievement_label(out, same_label[0]));
            counts.iter().for_each(|count| {
                cells.integer(*count);
            });
        }
    }
    for row in rows {
        let what = || {
            let mut what = String::new();
            push_achievement_label(&mut what, row);
            what.push_str(", ");
            what.push_str(label_of(row.rating, |r: crate::AchievementRating| r.label(language)));
            what
        };
        table.explain(what, Some(&row.judgements));
    }
    table
}

fn unjudged(summary: &Summary, local: Local) -> Table {
    use Phrase as P;
    let language = local.0;
    let mut unjudged = Table::new(P::UnjudgedObjectives.text(language), headers(language, &UNJUDGED_COLUMNS));
    unjudged.texts = 3;
    for row in unjudged.rows_of(summary.unjudged_objectives.rows()) {
        unjudged.rows.row().text(row.project.as_str()).text(row.objective.as_str()).text(&row.statement);
    }
    unjudged
}

fn targets(summary: &Summary, local: Local) -> Table {
    use Phrase as P;
    let language = local.0;
    let mut targets = Table::new(
        P::TargetsAgainstActual.text(language),
        headers(language, &[P::Record, P::Kind, P::Target, P::Actual, P::Met]),
    );
    targets.texts = 2;
    for row in targets.rows_of(summary.targets.rows()) {
        let kind = match row.kind {
            "output" => P::TargetOfOutput.text(language),
            "measure" => P::TargetOfMeasure.text(language),
            other => other,
        };
        let met = match row.met {
            None => P::CannotSay,
            Some(true) => P::Yes,
            Some(false) => P::No,
        };
        targets
            .rows
            .row()
            .with(|out| push_path(out, row.project.as_str(), row.record.as_str()))
            .text(kind)
            .with(|out| local.push_count(out, row.target.value))
            .with(|out| local.push_count_or_dash(out, row.actual))
            .text(met.text(language));
    }
    targets
}

fn outputs(summary: &Summary, local: Local) -> Table {
    use Phrase as P;
    let language = local.0;
    let mut outputs = Table::new(
        P::OutputsByKindAndStatus.text(language),
        headers(language, &[P::Kind, P::Status, P::Records, P::WithoutCount, P::Items]),
    );
    outputs.texts = 2;
    for row in &summary.outputs {
        let status = label(row.status, |s: crate::OutputStatus| s.label(language));
        outputs.rows.push([
            row.label.to_owned(),
            status.clone(),
            row.records.to_string(),
            row.records_without_count.to_string(),
            row.count.as_ref().map_or_else(|| P::CountedAsParts.text(language).to_owned(), |f| local.count(f.value)),
        ]);
        outputs.explain(|| format!("{} ({status}), {}", row.label, P::Items.text(language)), row.count.as_ref());
    }
    outputs
}

fn participant_groups(summary: &Summary, local: Local) -> Table {
    use Phrase as P;
    let language = local.0;
    let mut groups = Table::new(P::ParticipantGroups.text(language), headers(language, &PARTICIPANT_GROUP_HEADERS));
    groups.texts = 2;
    for row in &summary.participant_groups {
        groups.rows.push(participant_group_cells(row, local));
        groups.explain(|| participant_group_what(row, P::Attendances, language), row.attendances.as_ref());
        groups.explain(|| participant_group_what(row, P::DistinctPeople, language), row.distinct_people.as_ref());
    }
    groups
}

fn timelines(summary: &Summary, local: Local) -> Table {
    use Phrase as P;
    let language = local.0;
    let mut timelines = Table::new(P::Timelines.text(language), headers(language, &TIMELINE_HEADERS));
    for row in timelines.rows_of(summary.timelines.rows()) {
        timelines.rows.push(timeline_cells(row, local));
    }
    timelines
}

fn regional_parts(summary: &Summary, local: Local) -> Table {
    use Phrase as P;
    let language = local.0;
    let mut parts = Table::new(P::RegionalPartsTitle.text(language), headers(language, &REGIONAL_PART_HEADERS));
    parts.texts = 6;
    for row in parts.rows_of(summary.regional_parts.rows()) {
        parts.rows.push(regional_part_cells(row, local));
    }
    parts
}

fn funding(summary: &Summary, local: Local, by: FundingDimension) -> Table {
    use Phrase as P;
    let language = local.0;
    let mut table = Table::new(money_title(by).text(language), headers(language, &MONEY_COLUMNS));
    for row in table.rows_of(summary.funding(by)) {
        let amount = row.amount.as_ref().map(|f| f.value);
        let group = match (row.key.is_empty(), by) {
            (false, _) => &row.label,
            (true, FundingDimension::FundingKind) => P::NotBrokenDown.text(language),
            (true, _) => P::NotStated.text(language),
        };
        table
            .rows
            .row()
            .text(group)
            .integer(row.parts)
            .with(|out| push_amount_text(out, local, amount, row.parts_without_amount));
        table.explain(|| format!("{group}, {}", P::Amount.text(language)), row.amount.as_ref());
    }
    table
}

fn staffing(summary: &Summary, local: Local) -> Table {
    use Phrase as P;
    let language = local.0;
    let mut staffing = Table::new(
        P::Staffing.text(language),
        headers(language, &[P::Project, P::Implementer, P::Entries, P::Posts, P::FullTimeEquivalents, P::WithoutShare]),
    );
    staffing.texts = 2;
    for row in staffing.rows_of(summary.staffing.rows()) {
        staffing
            .rows
            .row()
            .text(row.project.as_str())
            .text(if row.implementer.is_empty() { P::NotStated.text(language) } else { &row.label })
            .integer(row.entries)
            .integer(row.posts)
            .with(|out| {
                let hundredths = row.full_time_hundredths;
                local.push_number(out, format_args!("{}.{:02}", hundredths / 100, hundredths % 100));
            })
            .integer(row.entries_without_share);
    }
    staffing
}
