//! The report as one self-contained HTML page (feature `html`): no script,
//! no request, no file beside it, so that it opens from a USB stick or an
//! e-mail attachment, reads on a phone and prints on A4.
//!
//! The page has the tables of the text report, bar charts drawn as inline
//! SVG where a chart helps (participation by project, theme, county and
//! year; judgements by project; money by funder and by funding kind), and,
//! when the summary was made with derivations, each table's derivations in
//! `<details>` under it. Every text is escaped by the template engine
//! ([askama](https://askama.rs), checked at compile time), and control
//! characters are shown as `\u{1b}`, as in the text report.
//!
//! Each figure of the summary in the page is marked with where it is in
//! `report --format json` (`data-figure`, a JSON Pointer into that JSON) and
//! with that JSON's fields: `data-low`, `data-high`, `data-exactness` (or
//! `data-low-exactness` and `data-high-exactness`) for a total (`data-low`
//! and `data-high` for days between two dates), `data-value` for a count, a
//! number or a date, `data-euros` for money, and
//! `data-none` for a figure the sources do not give (`null` or absent in
//! JSON). A program can so read the figures off the page and compare them.
//!
//! ```
//! use childwelfare::{Language, aggregate, data, report};
//!
//! let summary = aggregate::summarise(&data::seed(), true);
//! let options = report::Options::new(report::Format::Html).language(Language::En).explain(true);
//! let page = report::render_with(&summary, &options);
//! assert!(page.starts_with("<!DOCTYPE html>"));
//! assert!(page.contains(r#"<html lang="en">"#));
//! // LUMO's attendances, marked with their place in the JSON summary.
//! // (the fields in alphabetical order).
//! assert!(page.contains(
//!     r#"data-figure="/project_rows/0/attendances" data-exactness="approximate" data-high="4667" data-low="4667""#
//! ));
//! assert!(!page.contains("<script"));
//! ```

use askama::Template;
use serde::Serialize;

use crate::aggregate::figure_json::Bare;
use crate::aggregate::{Derivation, Dimension, Figure, Omitted, Summary};
use crate::{Language, Money, Total};

mod chart;
mod page;
mod participants;
mod words;

use super::local::Local;
use chart::Chart;
use words::Words;

/// Where a figure of the summary is in its JSON, and that JSON's fields.
#[derive(Debug, Clone)]
struct Mark {
    /// A JSON Pointer into `report --format json`.
    pointer: String,
    /// `data-` attributes: the JSON fields of the figure (`low`, `high`, `exactness` …).
    attrs: Vec<(String, String)>,
}

/// The mark of the figure at `pointer`, whose JSON is `value`'s.
fn mark(pointer: String, value: &impl Serialize) -> Mark {
    use serde_json::Value;
    let scalar = |value: &Value| match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    };
    let json = serde_json::to_value(value).unwrap_or(Value::Null);
    let attrs = match &json {
        Value::Null => vec![("none".to_owned(), String::new())],
        Value::Object(fields) => fields
            .iter()
            .filter(|(name, _)| !matches!(name.as_str(), "text" | "derivation" | "date" | "note"))
            .filter_map(|(name, value)| Some((name.replace('_', "-"), scalar(value)?)))
            .collect(),
        other => scalar(other).map(|s| vec![("value".to_owned(), s)]).unwrap_or_default(),
    };
    Mark { pointer, attrs }
}

/// A cell of a table: its text, whether it is a figure (right-aligned),
/// and where that figure is in the JSON.
#[derive(Debug, Clone)]
struct Cell {
    text: String,
    number: bool,
    mark: Option<Mark>,
}

impl Cell {
    /// A text from the documents or a word.
    fn text(text: impl AsRef<str>) -> Self {
        Cell { text: readable(text.as_ref()), number: false, mark: None }
    }

    /// A figure shown as `text`, at `pointer` in the JSON, whose JSON is `value`'s.
    fn figure(text: impl AsRef<str>, pointer: String, value: &impl Serialize) -> Self {
        Cell { text: readable(text.as_ref()), number: true, mark: Some(mark(pointer, value)) }
    }
}

/// A table: its caption, column headers, rows (the first cell of each
/// heads its row) and the derivations of its figures.
#[derive(Debug, Clone)]
struct Table {
    caption: String,
    headers: Vec<String>,
    rows: Vec<Vec<Cell>>,
}

/// How one figure was made, for people.
#[derive(Debug, Clone)]
struct Explained {
    what: String,
    rule: String,
    records: Vec<String>,
    sources: Vec<String>,
    left_out: String,
    left_out_records: Vec<String>,
}

/// A section of the page: a heading, a note, charts, a table (or why it
/// was left out) and its derivations.
#[derive(Debug, Clone)]
struct Section {
    id: String,
    title: String,
    note: Option<String>,
    omitted: Option<String>,
    charts: Vec<Chart>,
    table: Option<Table>,
    explained: Vec<Explained>,
}

impl Section {
    fn new(id: impl Into<String>, title: impl Into<String>, table: Option<Table>) -> Self {
        Section {
            id: id.into(),
            title: title.into(),
            note: None,
            omitted: None,
            charts: Vec::new(),
            table,
            explained: Vec::new(),
        }
    }

    /// The section of a table left out past the per-project limit.
    fn left_out(id: impl Into<String>, title: impl Into<String>, omitted: Omitted, words: &Words) -> Self {
        let mut section = Section::new(id, title, None);
        let (limit, projects) = (crate::value::thousands(omitted.limit), crate::value::thousands(omitted.projects));
        section.omitted = Some(crate::report::Phrase::LeftOut.fill(words.language, &[&limit, &projects]));
        section
    }

    /// Adds the derivation of `figure`, when it has one, as `what`.
    fn explain<T>(&mut self, language: Language, what: impl AsRef<str>, figure: Option<&Figure<T>>) {
        if let Some(derivation) = figure.and_then(|f| f.derivation.as_ref()) {
            self.explained.push(explained(what.as_ref(), derivation, language));
        }
    }
}

fn explained(what: &str, derivation: &Derivation, language: Language) -> Explained {
    let sources = derivation
        .sources
        .iter()
        .map(|cited| {
            let places: Vec<String> = cited
                .sources
                .iter()
                .map(|source| match &source.section {
                    Some(section) => format!("{} “{section}”", source.document),
                    None => source.document.to_string(),
                })
                .collect();
            readable(&format!("{}: {}", cited.record, places.join("; ")))
        })
        .collect();
    Explained {
        what: readable(what),
        rule: readable(&derivation.rule_in(language)),
        records: derivation.records_in(language).iter().map(|r| readable(r)).collect(),
        sources,
        left_out: readable(&crate::aggregate::left_out_summary(&derivation.left_out, language)),
        left_out_records: derivation
            .left_out
            .iter()
            .map(|l| readable(&format!("{}: {}", l.record_in(language), l.why.why_in(language))))
            .collect(),
    }
}

/// A text as the page shows it: control characters (which HTML does not
/// allow) and noncharacters written as visible escapes, as in the text report.
fn readable(text: &str) -> String {
    let noncharacter = |c: char| matches!(u32::from(c), 0xFDD0..=0xFDEF) || u32::from(c) & 0xFFFE == 0xFFFE;
    if !text.chars().any(|c| c.is_control() || noncharacter(c)) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if noncharacter(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else if c.is_control() {
            out.push_str(&crate::value::Visible(c.encode_utf8(&mut [0; 4])).to_string());
        } else {
            out.push(c);
        }
    }
    out
}

/// The page of `summary` as `options` say: its words and figures in
/// `options.language` (names and labels from the documents are in the
/// language the summary was made in,
/// [`Aggregator::language`](crate::aggregate::Aggregator::language)), with
/// each table's derivations when `options.explain` is set and the summary
/// has them. The format and width of `options` are not used:
/// [`report::render_with`](crate::report::render_with) with
/// [`Format::Html`](crate::report::Format::Html) comes here.
///
/// ```
/// use childwelfare::{Language, aggregate, data, report};
///
/// let summary = aggregate::summarise(&data::seed(), false);
/// let options = report::Options::new(report::Format::Html).language(Language::Fi);
/// let page = report::html::render(&summary, &options);
/// assert!(page.contains(r#"<html lang="fi">"#));
/// assert!(page.contains("noin 4 667"));
/// assert!(!page.contains("<details class=\"derivations\""));
/// assert_eq!(report::render_with(&summary, &options), page);
/// ```
pub fn render(summary: &Summary, options: &crate::report::Options) -> String {
    let words = Words::of(options.language);
    let page = page::build(summary, &words, options.explain);
    // The template's values are all `Display` types that cannot fail.
    page.render().unwrap_or_else(|error| format!("<!DOCTYPE html><title>error</title><p>{error}</p>"))
}

/// The sections of the page, in the text report's order.
fn sections(summary: &Summary, words: &Words, explain: bool) -> Vec<Section> {
    let mut sections = Vec::new();
    sections.push(projects(summary, words));
    if !summary.programme_totals.is_empty() {
        sections.push(programmes(summary, words));
    }
    for (at, table) in summary.participation.iter().enumerate() {
        let title = words.participation_title(table.dimension);
        let id = format!("participation-{}", table.dimension.code());
        let base = format!("/participation/{at}");
        let total_row = |total: Total| {
            let mut row = vec![Cell::text(words.total)];
            row.extend((0..4).map(|_| Cell::text("")));
            row.push(Cell::figure(words.local.total(total), format!("{base}/total"), &Bare(&total)));
            row.push(Cell::text(""));
            row
        };
        if let Some(omitted) = table.omitted {
            let mut section = Section::left_out(id, title, omitted, words);
            // The total is kept past the limit.
            if let Some(total) = table.total {
                let headers = words.participation_headers();
                section.table = Some(Table { caption: title.to_owned(), headers, rows: vec![total_row(total)] });
            }
            sections.push(section);
            continue;
        }
        // A table whose every event leaves the dimension unstated says nothing.
        if table.rows.iter().all(|r| r.group.key.is_empty()) && table.dimension != Dimension::Project {
            continue;
        }
        let mut section = Section::new(id, title, None);
        section.note = Some(super::tables::rows_and_total(table, words.local));
        let mut rows = Vec::new();
        let mut values = Vec::new();
        let local = words.local;
        for (i, row) in table.rows.iter().enumerate() {
            let here = format!("{base}/rows/{i}");
            let label = super::tables::group_label(table.dimension, &row.group.key, &row.group.label, words.language);
            let attendances = row.attendances.as_ref();
            let people = row.distinct_people.as_ref();
            rows.push(vec![
                Cell::text(&label),
                Cell::figure(row.events_held.to_string(), format!("{here}/events_held"), &row.events_held),
                Cell::figure(
                    row.events_cancelled.to_string(),
                    format!("{here}/events_cancelled"),
                    &row.events_cancelled,
                ),
                Cell::figure(row.events_planned.to_string(), format!("{here}/events_planned"), &row.events_planned),
                Cell::figure(
                    local.or_dash(row.sessions.as_ref().map(|f| f.value), Local::count),
                    format!("{here}/sessions"),
                    &row.sessions,
                ),
                Cell::figure(
                    local.or_dash(attendances.map(|f| f.value), Local::total),
                    format!("{here}/attendances"),
                    &attendances,
                ),
                Cell::figure(
                    local.or_dash(people.map(|f| f.value), Local::total),
                    format!("{here}/distinct_people"),
                    &people,
                ),
            ]);
            if let Some(figure) = attendances {
                values.push(total_bar(&label, figure.value, local, format!("{here}/attendances")));
            }
            section.explain(words.language, format!("{label}, {}", words.meetings), row.sessions.as_ref());
            section.explain(words.language, format!("{label}, {}", words.attendances), attendances);
            section.explain(words.language, format!("{label}, {}", words.distinct_people), people);
        }
        if let Some(total) = table.total {
            rows.push(total_row(total));
        }
        if let Some(chart_title) = words.chart_title(table.dimension).filter(|_| !values.is_empty()) {
            let keys = range_keys(words, &values);
            let id = format!("chart-participation-{}", table.dimension.code());
            section.charts.push(chart::chart(id, chart_title.to_owned(), values, keys));
        }
        section.table = Some(Table { caption: title.to_owned(), headers: words.participation_headers(), rows });
        sections.push(section);
    }
    sections.extend(page::resources(summary, words));
    if !explain {
        for section in &mut sections {
            section.explained.clear();
        }
    }
    sections
}

/// The legend of a chart whose bars may be ranges: none when no bar is one.
fn range_keys(words: &Words, values: &[chart::Value]) -> Vec<(&'static str, String)> {
    let ranges = values.iter().any(|v| v.parts.iter().any(|&(x, class)| class == "range" && x > 0.0));
    if ranges { vec![("bar", words.key_figure.to_owned()), ("range", words.key_range.to_owned())] } else { Vec::new() }
}

/// The bar of a total: solid to its low end, hatched to its high end.
fn total_bar(label: &str, total: Total, local: Local, pointer: String) -> chart::Value {
    #[allow(clippy::cast_precision_loss)] // a bar's length needs no more
    let (low, high) = (total.low.value as f64, total.high.value as f64);
    chart::Value {
        label: readable(label),
        parts: vec![(low, "bar"), (high - low, "range")],
        text: local.total(total),
        mark: Some(mark(pointer, &Bare(&total))),
    }
}

/// The bar of an amount of money.
fn money_bar(label: &str, money: Money, local: Local, pointer: String) -> chart::Value {
    #[allow(clippy::cast_precision_loss)] // a bar's length needs no more
    let euros = money.euros.cents() as f64 / 100.0;
    chart::Value {
        label: readable(label),
        parts: vec![(euros, "bar")],
        text: local.money(money),
        mark: Some(mark(pointer, &Bare(&money))),
    }
}

/// The projects side by side.
fn projects(summary: &Summary, words: &Words) -> Section {
    let title = words.projects;
    let rows = match summary.project_rows.rows() {
        Ok(rows) => rows,
        Err(omitted) => return Section::left_out("projects", title, omitted, words),
    };
    let (local, language) = (words.local, words.language);
    let mut table_rows = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let here = format!("/project_rows/{i}");
        let budget = super::amount_text(language, row.budget, row.budget_parts_without_amount);
        // As the text report writes it.
        let grant = super::tables::state_grant_text(local, row);
        let unjudged = row.unjudged_objectives.map_or_else(|| words.no_objectives.to_owned(), |n| n.to_string());
        let status = super::tables::label(row.status, |s: crate::ProjectStatus| s.label(language));
        table_rows.push(vec![
            Cell::text(&row.name),
            Cell::text(status),
            Cell::text(local.or_dash(row.period.as_deref(), Local::period_text)),
            Cell::figure(row.events_held.to_string(), format!("{here}/events_held"), &row.events_held),
            Cell::figure(row.events_cancelled.to_string(), format!("{here}/events_cancelled"), &row.events_cancelled),
            Cell::figure(
                local.or_dash(row.attendances, Local::total),
                format!("{here}/attendances"),
                &row.attendances.as_ref().map(Bare),
            ),
            Cell::figure(
                row.outputs.map_or_else(|| words.none_recorded.to_owned(), |c| local.count(c)),
                format!("{here}/outputs"),
                &row.outputs.as_ref().map(Bare),
            ),
            Cell::figure(row.achieved.to_string(), format!("{here}/achieved"), &row.achieved),
            Cell::figure(row.partly_achieved.to_string(), format!("{here}/partly_achieved"), &row.partly_achieved),
            Cell::figure(row.not_achieved.to_string(), format!("{here}/not_achieved"), &row.not_achieved),
            Cell::figure(unjudged, format!("{here}/unjudged_objectives"), &row.unjudged_objectives),
            Cell::figure(budget, format!("{here}/budget"), &row.budget.as_ref().map(Bare)),
            Cell::figure(grant, format!("{here}/state_grant"), &row.state_grant.as_ref().map(Bare)),
        ]);
    }
    let table = Table { caption: title.to_owned(), headers: words.project_headers(), rows: table_rows };
    Section::new("projects", title, Some(table))
}

/// Each programme against its projects.
fn programmes(summary: &Summary, words: &Words) -> Section {
    let mut rows = Vec::new();
    let mut section = Section::new("programmes", words.programmes, None);
    let local = words.local;
    for (i, row) in summary.programme_totals.iter().enumerate() {
        let here = format!("/programme_totals/{i}");
        let budget = row.projects_budget.as_ref();
        rows.push(vec![
            Cell::text(&row.name),
            Cell::figure(row.listed_projects.to_string(), format!("{here}/listed_projects"), &row.listed_projects),
            Cell::figure(row.projects_given.to_string(), format!("{here}/projects_given"), &row.projects_given),
            Cell::figure(
                local.or_dash(row.stated_funding, Local::money),
                format!("{here}/stated_funding"),
                &row.stated_funding.as_ref().map(Bare),
            ),
            Cell::figure(
                local.or_dash(budget.map(|f| f.value), Local::money),
                format!("{here}/projects_budget"),
                &budget,
            ),
            Cell::text(row.projects_without_budget.len().to_string()),
            Cell::figure(
                local.or_dash(row.attendances, Local::total),
                format!("{here}/attendances"),
                &row.attendances.as_ref().map(Bare),
            ),
        ]);
        section.explain(words.language, format!("{}, {}", row.name, words.projects_budget), budget);
    }
    section.table = Some(Table { caption: words.programmes.to_owned(), headers: words.programme_headers(), rows });
    section
}
