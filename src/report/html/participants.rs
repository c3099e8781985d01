//! The sections of schema 1.2: who took part by participant group, each
//! project's timeline and its regional parts. Their cells are the text
//! report's (`report::tables`), with each figure marked.

use serde::Serialize;

use super::words::Words;
use super::{Cell, Section, Table};
use crate::aggregate::Summary;
use crate::report::Phrase;
use crate::report::tables::{
    PARTICIPANT_GROUP_HEADERS, REGIONAL_PART_HEADERS, TIMELINE_HEADERS, participant_group_cells,
    participant_group_what, regional_part_cells, timeline_cells,
};

/// The sections, in the text report's order.
pub(super) fn sections(summary: &Summary, words: &Words) -> Vec<Section> {
    [participant_groups(summary, words), timelines(summary, words), regional_parts(summary, words)]
        .into_iter()
        .flatten()
        .collect()
}

/// A row's cells: the first as texts, the last `figures.len()` as figures
/// at `here/field` whose JSON is the one given.
fn cells<const N: usize>(texts: [String; N], here: &str, figures: &[(&str, serde_json::Value)]) -> Vec<Cell> {
    let first = N - figures.len();
    texts
        .into_iter()
        .enumerate()
        .map(|(at, text)| match at.checked_sub(first).map(|i| &figures[i]) {
            None => Cell::text(text),
            Some((field, json)) => Cell::figure(text, format!("{here}/{field}"), json),
        })
        .collect()
}

/// A figure's JSON, as `report --format json` writes it.
fn json(value: &impl Serialize) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}

fn participant_groups(summary: &Summary, words: &Words) -> Option<Section> {
    let title = Phrase::ParticipantGroups.text(words.language);
    let mut section = Section::new("participant-groups", title, None);
    let mut rows = Vec::new();
    for (i, row) in summary.participant_groups.iter().enumerate() {
        let here = format!("/participant_groups/{i}");
        rows.push(cells(
            participant_group_cells(row, words.local),
            &here,
            &[
                ("events", json(&row.events)),
                ("events_without_figure", json(&row.events_without_figure)),
                ("attendances", json(&row.attendances)),
                ("distinct_people", json(&row.distinct_people)),
            ],
        ));
        let what = |measure| participant_group_what(row, measure, words.language);
        section.explain(words.language, what(Phrase::Attendances), row.attendances.as_ref());
        section.explain(words.language, what(Phrase::DistinctPeople), row.distinct_people.as_ref());
    }
    if rows.is_empty() {
        return None;
    }
    let headers = words.headers(&PARTICIPANT_GROUP_HEADERS);
    section.table = Some(Table { caption: title.to_owned(), headers, rows });
    Some(section)
}

fn timelines(summary: &Summary, words: &Words) -> Option<Section> {
    let title = Phrase::Timelines.text(words.language);
    let rows = match summary.timelines.rows() {
        Ok(rows) => rows,
        Err(omitted) => return Some(Section::left_out("timelines", title, omitted, words)),
    };
    let rows = rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            cells(
                timeline_cells(row, words.local),
                &format!("/timelines/{i}"),
                &[
                    ("application", json(&row.application)),
                    ("grant_decision", json(&row.grant_decision)),
                    ("start_of_work", json(&row.start_of_work)),
                    ("days_to_decision", json(&row.days_to_decision)),
                    ("days_to_start", json(&row.days_to_start)),
                    ("regional_parts", json(&row.regional_parts)),
                ],
            )
        })
        .collect();
    super::page::with_table("timelines", title, words.headers(&TIMELINE_HEADERS), rows)
}

fn regional_parts(summary: &Summary, words: &Words) -> Option<Section> {
    let title = Phrase::RegionalPartsTitle.text(words.language);
    let rows = match summary.regional_parts.rows() {
        Ok(rows) => rows,
        Err(omitted) => return Some(Section::left_out("regional-parts", title, omitted, words)),
    };
    let rows = rows.iter().map(|row| cells(regional_part_cells(row, words.local), "", &[])).collect();
    super::page::with_table("regional-parts", title, words.headers(&REGIONAL_PART_HEADERS), rows)
}
