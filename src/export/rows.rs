//! The rows of each table, built from one project at a time.

use std::collections::{BTreeSet, HashMap};

use super::{Cell, Row, Table};
use crate::{Count, Document, EventStatus, Language, Money, Project, Text};

pub(super) struct Builder(Vec<(&'static str, Cell)>);

impl Builder {
    pub(super) fn new() -> Self {
        Builder(Vec::new())
    }

    pub(super) fn col(mut self, name: &'static str, value: impl Into<Cell>) -> Self {
        self.0.push((name, value.into()));
        self
    }

    pub(super) fn text(self, name: &'static str, text: Option<&Text>, language: Language) -> Self {
        self.col(name, text.map_or("", |t| t.best(language)))
    }

    pub(super) fn list<T: AsRef<str>>(self, name: &'static str, items: impl IntoIterator<Item = T>) -> Self {
        let items: Vec<String> = items.into_iter().map(|i| i.as_ref().to_owned()).collect();
        self.col(name, items.join(";"))
    }

    pub(super) fn date(self, name: &'static str, date: Option<crate::PartialDate>) -> Self {
        self.col(name, date.map(|d| d.to_string()))
    }

    /// The earliest and the latest day a partial date covers, as two columns.
    pub(super) fn date_range(
        self,
        earliest: &'static str,
        latest: &'static str,
        date: Option<crate::PartialDate>,
    ) -> Self {
        self.col(earliest, date.map(|d| Cell::Date(d.earliest()))).col(latest, date.map(|d| Cell::Date(d.latest())))
    }

    /// A count as two columns: `name` (the number) and `name_exactness`.
    pub(super) fn count(self, name: &'static str, exactness: &'static str, count: Option<Count>) -> Self {
        self.col(name, count.map(|c| c.value)).col(exactness, count.map(|c| c.exactness.code()))
    }

    /// An amount as two columns: euros with cents (`"160000.00"`) and its exactness.
    pub(super) fn money(self, name: &'static str, exactness: &'static str, money: Option<Money>) -> Self {
        self.col(name, money.map(|m| m.euros.to_plain_string())).col(exactness, money.map(|m| m.exactness.code()))
    }

    pub(super) fn done(self) -> Row {
        Row(self.0)
    }
}

/// The rows of `table` for one document (a programme has rows only in no
/// table; its projects are their own documents).
pub fn rows(document: &Document, table: Table, language: Language) -> Vec<Row> {
    let Document::Project(project) = document else { return Vec::new() };
    let rows = match table {
        Table::Events => events(project, language),
        Table::Objectives => objectives(project, language),
        Table::Outputs => outputs(project, language),
        Table::Measures => measures(project, language),
        Table::FundingParts => funding_parts(project, language),
        Table::Implementers => implementers(project, language),
        Table::Projects => vec![project_row(project, language)],
        Table::Placements => placements(project, language),
        Table::ParticipantGroups => super::additions::participant_groups(project, language),
        Table::Milestones => super::additions::milestones(project, language),
        Table::RegionalParts => super::additions::regional_parts(project, language),
    };
    debug_assert!(
        rows.iter().all(|row| row.columns().eq(table.columns().iter().map(|c| c.name))),
        "the rows of {table} have the columns its description lists"
    );
    rows
}

fn placements(project: &Project, language: Language) -> Vec<Row> {
    let total = |builder: Builder, total: Option<crate::Total>| {
        builder.count("attendances_low", "attendances_low_exactness", total.map(|t| t.low)).count(
            "attendances_high",
            "attendances_high_exactness",
            total.map(|t| t.high),
        )
    };
    crate::aggregate::placements(project, language)
        .into_iter()
        .map(|placed| {
            let builder = Builder::new()
                .col("project", &project.id)
                .col("dimension", placed.dimension.code())
                .col("group", placed.key.as_str())
                .col("group_label", placed.label.as_str())
                .col("event", &placed.event)
                .col("status", placed.status.code());
            total(builder, placed.attendances)
                .col("remainder", placed.remainder)
                .count("distinct_people", "distinct_people_exactness", placed.distinct_people)
                .done()
        })
        .collect()
}

/// The ids of the events whose attendances a project total adds: held, with
/// a figure, and not part of an event with a figure.
fn counted_events(project: &Project, figure: impl Fn(&crate::Event) -> Option<Count>) -> BTreeSet<&str> {
    let by_id: HashMap<&str, &crate::Event> = project.events.iter().map(|e| (e.id.as_str(), e)).collect();
    let with_figure: BTreeSet<&str> = project
        .events
        .iter()
        .filter(|e| e.status == EventStatus::Held && figure(e).is_some())
        .map(|e| e.id.as_str())
        .collect();
    with_figure
        .iter()
        .copied()
        .filter(|id| {
            by_id
                .get(id)
                .is_none_or(|event| !crate::aggregate::ancestors(event, &by_id).iter().any(|a| with_figure.contains(a)))
        })
        .collect()
}

fn events(project: &Project, language: Language) -> Vec<Row> {
    let counted = counted_events(project, |e| e.participation.and_then(|p| p.attendances));
    let counted_people = counted_events(project, |e| e.participation.and_then(|p| p.distinct_people));
    project
        .events
        .iter()
        .map(|event| {
            let period = event.period.unwrap_or_default();
            Builder::new()
                .col("project", &project.id)
                .col("event", &event.id)
                .text("title", event.title.as_ref(), language)
                .col("status", event.status.code())
                .list("kinds", event.kinds.iter().map(|k| k.code()))
                .col("scope", event.scope.map_or("", |s| s.code()))
                .list("themes", event.themes.iter().map(|t| t.code()))
                .list("counties", event.counties.iter().map(|c| c.code()))
                .list("work_packages", event.work_packages.iter().map(|w| w.as_str()))
                .date("start", period.start)
                .date("end", period.end)
                .col("part_of", event.part_of.as_ref().map_or("", |p| p.as_str()))
                .list("possible_overlaps", event.possible_overlaps.iter().map(|o| o.with.as_str()))
                .count("attendances", "attendances_exactness", event.participation.and_then(|p| p.attendances))
                .col("attendances_counted", counted.contains(event.id.as_str()))
                .count(
                    "distinct_people",
                    "distinct_people_exactness",
                    event.participation.and_then(|p| p.distinct_people),
                )
                .col("distinct_people_counted", counted_people.contains(event.id.as_str()))
                .count("sessions", "sessions_exactness", event.sessions)
                .date_range("start_earliest", "start_latest", period.start)
                .date_range("end_earliest", "end_latest", period.end)
                .list("kind_labels", event.kinds.iter().map(|k| k.label(language)))
                .list("theme_labels", event.themes.iter().map(|t| t.label(language)))
                .list("county_labels", event.counties.iter().map(|c| c.label(language)))
                .done()
        })
        .collect()
}

fn objectives(project: &Project, language: Language) -> Vec<Row> {
    let mut rows = Vec::new();
    for objective in &project.objectives {
        let base = || {
            Builder::new()
                .col("project", &project.id)
                .col("objective", &objective.id)
                .col("level", objective.level.code())
                .col("number", objective.number.as_deref().unwrap_or(""))
                .col("parent", objective.parent.as_ref().map_or("", |p| p.as_str()))
                .text("statement", Some(&objective.statement), language)
                .list("work_packages", objective.work_packages.iter().map(|w| w.as_str()))
        };
        let mut judged = false;
        for assessment in &project.assessments {
            for judgement in assessment.judgements.iter().filter(|j| j.objective == objective.id) {
                judged = true;
                rows.push(
                    base()
                        .col("assessment", &assessment.id)
                        .col("assessment_source", assessment.source.code())
                        .col("rating", judgement.rating.code())
                        .done(),
                );
            }
        }
        if !judged {
            rows.push(base().col("assessment", "").col("assessment_source", "").col("rating", "").done());
        }
    }
    rows
}

fn outputs(project: &Project, language: Language) -> Vec<Row> {
    project
        .outputs
        .iter()
        .map(|output| {
            Builder::new()
                .col("project", &project.id)
                .col("output", &output.id)
                .col("kind", output.kind.code())
                .col("status", output.status.code())
                .text("title", output.title.as_ref(), language)
                .date("date", output.date)
                .count("count", "count_exactness", output.count)
                .col("part_of", output.part_of.as_ref().map_or("", |p| p.as_str()))
                .count("target", "target_exactness", output.target.as_ref().map(|t| t.value))
                .list("work_packages", output.work_packages.iter().map(|w| w.as_str()))
                .date_range("date_earliest", "date_latest", output.date)
                .col("kind_label", output.kind.label(language))
                .list("makers", output.makers.iter().map(|m| m.as_str()))
                .list("sectors", output.sectors.iter().map(|s| s.code()))
                .list("used_in", output.used_in.iter().map(|t| t.best(language)))
                .col("shared", output.shared.as_ref().map_or("", |s| s.id.as_str()))
                .done()
        })
        .collect()
}

fn measures(project: &Project, language: Language) -> Vec<Row> {
    project
        .measures
        .iter()
        .map(|measure| {
            Builder::new()
                .col("project", &project.id)
                .col("measure", &measure.id)
                .col("kind", measure.kind.code())
                .text("description", Some(&measure.description), language)
                .count("value", "value_exactness", Some(measure.value))
                .text("unit", Some(&measure.unit), language)
                .date("date", measure.date)
                .count("target", "target_exactness", measure.target.as_ref().map(|t| t.value))
                .count("baseline", "baseline_exactness", measure.baseline.as_ref().map(|t| t.value))
                .col("part_of", measure.part_of.as_ref().map_or("", |p| p.as_str()))
                .date_range("date_earliest", "date_latest", measure.date)
                .col("kind_label", measure.kind.label(language))
                .done()
        })
        .collect()
}

/// A row per funding part of the project and of its regional parts, and per
/// rest of a budget not broken down into parts (`kind` empty), each as the
/// report's money tables count it ([the money rule](crate::aggregate::money)):
/// summing `amount` over the rows with `counted_in_report`, grouped by
/// `project`, `funder`, `kind` or `paid_by`, gives the report's money by
/// project, funder, funding kind and implementer; the rows without an
/// `amount` are its parts without an amount.
fn funding_parts(project: &Project, language: Language) -> Vec<Row> {
    crate::aggregate::money::contributions(project)
        .iter()
        .map(|contribution| {
            let part = contribution.part;
            Builder::new()
                .col("project", &project.id)
                .col("scope", contribution.scope)
                .col("budget_relation", contribution.relation.map_or("", |r| r.code()))
                .col("counted_in_report", contribution.counted)
                .col("funder", &*contribution.funder_key())
                .col("kind", contribution.kind_code())
                .col("share", part.and_then(|p| p.share).map(|s| s.to_plain_string()))
                .money("amount", "amount_exactness", contribution.amount)
                .col("amount_source", contribution.source.code())
                .col("paid_by", &*contribution.implementer_key())
                .text("note", part.and_then(|p| p.note.as_ref()), language)
                .col("kind_label", part.map_or("", |p| p.kind.label(language)))
                .done()
        })
        .collect()
}

fn implementers(project: &Project, language: Language) -> Vec<Row> {
    let mut rows = Vec::new();
    for implementer in &project.implementers {
        let roles: Vec<Option<crate::ImplementerRole>> = if implementer.roles.is_empty() {
            vec![None]
        } else {
            implementer.roles.iter().copied().map(Some).collect()
        };
        for role in roles {
            rows.push(
                Builder::new()
                    .col("project", &project.id)
                    .col("implementer", &implementer.id)
                    .col("name", implementer.display_name(language))
                    .col("kind", implementer.kind.code())
                    .col("role", role.map_or("", |r| r.code()))
                    .col("iati_role", role.map(|r| u64::from(r.iati_role().code())))
                    .col("parent", implementer.parent.as_ref().map_or("", |p| p.as_str()))
                    .list("counties", implementer.counties.iter().map(|c| c.code()))
                    .col("business_id", implementer.business_id.as_ref().map_or("", |b| b.as_str()))
                    .col("kind_label", implementer.kind.label(language))
                    .list("county_labels", implementer.counties.iter().map(|c| c.label(language)))
                    .done(),
            );
        }
    }
    rows
}

fn project_row(project: &Project, language: Language) -> Row {
    let summary = crate::aggregate::summarise(&[Document::Project(Box::new(project.clone()))], false);
    // One project is under any per-project limit: the row is kept.
    let row = summary.project_rows.into_rows().ok().and_then(|rows| rows.into_iter().next());
    let attendances = row.as_ref().and_then(|r| r.attendances);
    Builder::new()
        .col("project", &project.id)
        .col("name", project.name.best(language))
        .col("status", project.status.code())
        .date("start", project.period.and_then(|p| p.start))
        .date("end", project.period.and_then(|p| p.end))
        .col("collaborative_area", project.collaborative_area.map_or("", |a| a.code()))
        .col("implementers", project.implementers.len())
        .col("work_packages", project.work_packages.len())
        .col("objectives", project.objectives.len())
        .col("events_held", row.as_ref().map_or(0, |r| r.events_held))
        .count("attendances_low", "attendances_low_exactness", attendances.map(|t| t.low))
        .count("attendances_high", "attendances_high_exactness", attendances.map(|t| t.high))
        .count("outputs", "outputs_exactness", row.as_ref().and_then(|r| r.outputs))
        .money("budget", "budget_exactness", row.as_ref().and_then(|r| r.budget))
        .col("budget_parts_without_amount", row.as_ref().map_or(0, |r| r.budget_parts_without_amount))
        .col("unjudged_objectives", row.as_ref().and_then(|r| r.unjudged_objectives))
        .col("state_grant_share", row.as_ref().and_then(|r| r.state_grant_share).map(|s| s.to_plain_string()))
        .date_range("start_earliest", "start_latest", project.period.and_then(|p| p.start))
        .date_range("end_earliest", "end_latest", project.period.and_then(|p| p.end))
        .col("collaborative_area_label", project.collaborative_area.map_or("", |a| a.label(language)))
        .done()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Exactness;

    #[test]
    fn exactness_has_its_own_column() {
        let row = Builder::new().count("n", "n_exactness", Some(Count::approximate(1000))).done();
        assert_eq!(row.get("n"), Some(&Cell::Number(1000)));
        assert_eq!(row.get("n_exactness"), Some(&Cell::from(Exactness::Approximate.code())));
    }
}
