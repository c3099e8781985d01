//! The page template and the sections after participation: assessments,
//! judgements, objectives, targets, outputs, (participant groups,
//! timelines and regional parts from `participants`), money and staffing.

use askama::Template;

use super::words::Words;
use super::{Cell, Section, Table, chart, readable};
use crate::aggregate::figure_json::Bare;
use crate::aggregate::{FundingDimension, Summary};
use crate::report::Phrase;
use crate::report::local::Local;
use crate::report::tables::achievement_label;

/// The page (`page.html`, with its style in `style.css`).
#[derive(Template)]
#[template(path = "page.html", config = "src/report/html/askama.toml")]
pub(super) struct Page {
    lang: &'static str,
    title: String,
    heading: String,
    lines: Vec<String>,
    incomplete: Option<(String, Vec<String>)>,
    attendances: Option<(String, super::Mark)>,
    attendances_words: &'static str,
    contents: &'static str,
    sections: Vec<Section>,
    how_made: &'static str,
    sources: &'static str,
    chart_note: &'static str,
    how_to_read: &'static str,
    legend: Vec<&'static str>,
}

/// The page of `summary`.
pub(super) fn build(summary: &Summary, words: &Words, explain: bool) -> Page {
    let (language, local) = (words.language, words.local);
    let read = crate::value::thousands(summary.projects + summary.programmes);
    let unread = crate::value::thousands(summary.left_out.len() as u64);
    let mut lines = vec![Phrase::Covers.fill(language, &[&read, &unread])];
    if let Some(period) = summary.period {
        lines.push(Phrase::Period.fill(language, &[&local.period_text(&period.to_string())]));
    }
    if let Some(limit) = summary.per_project_omitted {
        let attendances = local.or_dash(summary.attendances, Local::total);
        lines.push(Phrase::PerProjectOmitted.fill(language, &[&crate::value::thousands(limit), &attendances]));
    }
    let incomplete = (!summary.left_out.is_empty()).then(|| {
        let what = Phrase::Incomplete.fill(language, &[&unread]);
        (what, summary.left_out.iter().map(|place| readable(place)).collect())
    });
    Page {
        lang: words.lang(),
        title: words.title.to_owned(),
        heading: words.heading(summary.projects, summary.programmes),
        lines,
        incomplete,
        attendances: summary
            .attendances
            .map(|total| (local.total(total), super::mark("/attendances".to_owned(), &Bare(&total)))),
        attendances_words: words.all_attendances,
        contents: words.contents,
        sections: super::sections(summary, words, explain),
        how_made: words.how_made,
        sources: words.sources,
        chart_note: words.chart_note,
        how_to_read: words.how_to_read,
        legend: words.legend(),
    }
}

/// The sections after participation, in the text report's order.
pub(super) fn resources(summary: &Summary, words: &Words) -> Vec<Section> {
    let mut sections = Vec::new();
    sections.extend(assessments(summary, words));
    for by in ["project", "work_package", "assessment_source"] {
        sections.extend(judgements(summary, words, by));
    }
    sections.extend(unjudged(summary, words));
    sections.extend(targets(summary, words));
    sections.extend(outputs(summary, words));
    sections.extend(super::participants::sections(summary, words));
    for by in FundingDimension::ALL {
        sections.extend(money(summary, words, by));
    }
    sections.extend(staffing(summary, words));
    sections
}

/// A section with `table`, or none when the table has no rows.
pub(super) fn with_table(id: &str, title: &str, headers: Vec<String>, rows: Vec<Vec<Cell>>) -> Option<Section> {
    (!rows.is_empty()).then(|| Section::new(id, title, Some(Table { caption: title.to_owned(), headers, rows })))
}

fn assessments(summary: &Summary, words: &Words) -> Option<Section> {
    let rows = match summary.assessments.rows() {
        Ok(rows) => rows,
        Err(omitted) => return Some(Section::left_out("assessments", words.assessments, omitted, words)),
    };
    let (local, language) = (words.local, words.language);
    let rows = rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let here = format!("/assessments/{i}");
            let participation = row.participation.unwrap_or_default();
            vec![
                Cell::text(format!("{}/{}", row.project, row.assessment)),
                Cell::text(crate::report::tables::label(row.source, |s: crate::AssessmentSource| s.label(language))),
                Cell::figure(
                    local.or_dash(row.occasions, Local::count),
                    format!("{here}/occasions"),
                    &row.occasions.as_ref().map(Bare),
                ),
                Cell::figure(
                    local.or_dash(participation.attendances, Local::count),
                    format!("{here}/participation/attendances"),
                    &participation.attendances.as_ref().map(Bare),
                ),
                Cell::figure(
                    local.or_dash(participation.distinct_people, Local::count),
                    format!("{here}/participation/distinct_people"),
                    &participation.distinct_people.as_ref().map(Bare),
                ),
                Cell::figure(row.judgements.to_string(), format!("{here}/judgements"), &row.judgements),
            ]
        })
        .collect();
    with_table("assessments", words.assessments, words.assessment_headers(), rows)
}

/// Judgements grouped `by`, a row per group and a column per rating; by
/// project, a stacked bar per project too.
fn judgements(summary: &Summary, words: &Words, by: &str) -> Option<Section> {
    let title = words.judgements_title(by).to_owned();
    let id = format!("judgements-{}", by.replace('_', "-"));
    let per_project = by != "assessment_source";
    let (part, rows) = if per_project {
        ("per_project", summary.achievement.per_project.rows())
    } else {
        ("complete", Ok(summary.achievement.complete.as_slice()))
    };
    let rows = match rows {
        Ok(rows) => rows,
        Err(omitted) => return Some(Section::left_out(id, title, omitted, words)),
    };
    let ratings = words.ratings();
    // The groups in the order of the rows, each with its rows' places.
    let mut groups: Vec<(&str, std::borrow::Cow<'_, str>, Vec<usize>)> = Vec::new();
    for (i, row) in rows.iter().enumerate().filter(|(_, row)| row.by == by) {
        match groups.last_mut() {
            Some((key, _, places)) if *key == row.key => places.push(i),
            _ => groups.push((&row.key, achievement_label(row), vec![i])),
        }
    }
    let mut section = Section::new(id.clone(), title.clone(), None);
    let mut table_rows = Vec::new();
    let mut values = Vec::new();
    for (_, label, places) in &groups {
        let mut cells = vec![Cell::text(label)];
        let mut parts = Vec::new();
        let mut texts = Vec::new();
        for &(code, name, class) in &ratings {
            match places.iter().find(|&&i| rows[i].rating == code) {
                Some(&i) => {
                    let judgements = &rows[i].judgements;
                    let pointer = format!("/achievement/{part}/{i}/judgements");
                    cells.push(Cell::figure(judgements.value.to_string(), pointer, judgements));
                    #[allow(clippy::cast_precision_loss)] // a bar's length needs no more
                    parts.push((judgements.value as f64, class));
                    texts.push(format!("{name} {}", judgements.value));
                }
                None => cells.push(Cell { text: "0".to_owned(), number: true, mark: None }),
            }
        }
        for &i in places {
            let rating =
                crate::report::tables::label(rows[i].rating, |r: crate::AchievementRating| r.label(words.language));
            section.explain(
                words.language,
                format!("{}, {rating}", achievement_label(&rows[i])),
                Some(&rows[i].judgements),
            );
        }
        table_rows.push(cells);
        values.push(chart::Value { label: readable(label), parts, text: texts.join(", "), mark: None });
    }
    if table_rows.is_empty() {
        return None;
    }
    if by == "project" {
        let keys = ratings.iter().map(|(_, name, class)| (*class, (*name).to_owned())).collect();
        section.charts.push(chart::chart(format!("chart-{id}"), words.judgements_title.to_owned(), values, keys));
    }
    section.table = Some(Table { caption: title, headers: words.judgement_headers(), rows: table_rows });
    Some(section)
}

fn unjudged(summary: &Summary, words: &Words) -> Option<Section> {
    let rows = match summary.unjudged_objectives.rows() {
        Ok(rows) => rows,
        Err(omitted) => return Some(Section::left_out("unjudged", words.unjudged, omitted, words)),
    };
    let rows = rows
        .iter()
        .map(|row| vec![Cell::text(&row.project), Cell::text(&row.objective), Cell::text(&row.statement)])
        .collect();
    with_table("unjudged", words.unjudged, words.unjudged_headers(), rows)
}

fn targets(summary: &Summary, words: &Words) -> Option<Section> {
    let rows = match summary.targets.rows() {
        Ok(rows) => rows,
        Err(omitted) => return Some(Section::left_out("targets", words.targets, omitted, words)),
    };
    let rows = rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let here = format!("/targets/{i}");
            let met = row.met.map_or(words.cannot_say, |met| if met { words.yes } else { words.no });
            let kind = match row.kind {
                "output" => Phrase::TargetOfOutput.text(words.language),
                "measure" => Phrase::TargetOfMeasure.text(words.language),
                other => other,
            };
            let local = words.local;
            vec![
                Cell::text(format!("{}/{}", row.project, row.record)),
                Cell::text(kind),
                Cell::figure(local.count(row.target.value), format!("{here}/target"), &Bare(&row.target)),
                Cell::figure(
                    local.or_dash(row.actual, Local::count),
                    format!("{here}/actual"),
                    &row.actual.as_ref().map(Bare),
                ),
                Cell::figure(met, format!("{here}/met"), &row.met),
            ]
        })
        .collect();
    with_table("targets", words.targets, words.target_headers(), rows)
}

fn outputs(summary: &Summary, words: &Words) -> Option<Section> {
    let mut section = Section::new("outputs", words.outputs, None);
    let mut rows = Vec::new();
    for (i, row) in summary.outputs.iter().enumerate() {
        let here = format!("/outputs/{i}");
        let status = crate::report::tables::label(row.status, |s: crate::OutputStatus| s.label(words.language));
        rows.push(vec![
            Cell::text(row.label),
            Cell::text(&status),
            Cell::figure(row.records.to_string(), format!("{here}/records"), &row.records),
            Cell::figure(
                row.records_without_count.to_string(),
                format!("{here}/records_without_count"),
                &row.records_without_count,
            ),
            Cell::figure(
                row.count.as_ref().map_or_else(|| words.counted_as_parts.to_owned(), |f| words.local.count(f.value)),
                format!("{here}/count"),
                &row.count,
            ),
        ]);
        section.explain(words.language, format!("{} ({status})", row.label), row.count.as_ref());
    }
    if rows.is_empty() {
        return None;
    }
    section.table = Some(Table { caption: words.outputs.to_owned(), headers: words.output_headers(), rows });
    Some(section)
}

/// Money grouped `by`, with a chart for funders and funding kinds.
fn money(summary: &Summary, words: &Words, by: FundingDimension) -> Option<Section> {
    let title = words.money_title(by).to_owned();
    let id = format!("money-{}", words.funding_code(by));
    let (part, rows) = if by.is_per_project() {
        ("per_project", summary.funding.per_project.rows())
    } else {
        ("complete", Ok(summary.funding.complete.as_slice()))
    };
    let rows = match rows {
        Ok(rows) => rows,
        Err(omitted) => return Some(Section::left_out(id, title, omitted, words)),
    };
    let mut section = Section::new(id.clone(), title.clone(), None);
    let mut table_rows = Vec::new();
    let mut values = Vec::new();
    for (i, row) in rows.iter().enumerate().filter(|(_, row)| row.by == by) {
        let here = format!("/funding/{part}/{i}");
        let amount = row.amount.as_ref();
        let group = match (row.key.is_empty(), by) {
            (false, _) => &row.label,
            (true, FundingDimension::FundingKind) => words.not_broken_down,
            (true, _) => words.not_stated,
        };
        let text = crate::report::amount_text(words.language, amount.map(|f| f.value), row.parts_without_amount);
        table_rows.push(vec![
            Cell::text(group),
            Cell::figure(row.parts.to_string(), format!("{here}/parts"), &row.parts),
            Cell::figure(text, format!("{here}/amount"), &amount),
        ]);
        if let Some(figure) = amount {
            values.push(super::money_bar(group, figure.value, words.local, format!("{here}/amount")));
        }
        section.explain(words.language, format!("{group}, {}", words.amount), amount);
    }
    if table_rows.is_empty() {
        return None;
    }
    if matches!(by, FundingDimension::Funder | FundingDimension::FundingKind) && !values.is_empty() {
        section.charts.push(chart::chart(format!("chart-{id}"), title.clone(), values, Vec::new()));
    }
    section.table = Some(Table { caption: title, headers: words.money_headers(), rows: table_rows });
    Some(section)
}

fn staffing(summary: &Summary, words: &Words) -> Option<Section> {
    let rows = match summary.staffing.rows() {
        Ok(rows) => rows,
        Err(omitted) => return Some(Section::left_out("staffing", words.staffing, omitted, words)),
    };
    let rows = rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let here = format!("/staffing/{i}");
            let fte = format!("{}.{:02}", row.full_time_hundredths / 100, row.full_time_hundredths % 100);
            let fte = words.local.number(fte);
            let implementer = if row.implementer.is_empty() { words.not_stated } else { &row.label };
            vec![
                Cell::text(&row.project),
                Cell::text(implementer),
                Cell::figure(row.entries.to_string(), format!("{here}/entries"), &row.entries),
                Cell::figure(row.posts.to_string(), format!("{here}/posts"), &row.posts),
                Cell::figure(fte, format!("{here}/full_time_hundredths"), &row.full_time_hundredths),
                Cell::figure(
                    row.entries_without_share.to_string(),
                    format!("{here}/entries_without_share"),
                    &row.entries_without_share,
                ),
            ]
        })
        .collect();
    with_table("staffing", words.staffing, words.staffing_headers(), rows)
}
