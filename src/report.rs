//! A readable summary of an [`aggregate::Summary`](crate::aggregate::Summary):
//! aligned text tables, Markdown, or JSON, optionally with the derivation of
//! every figure.
//!
//! Texts from the documents (names, labels, statements) are written so that
//! they cannot change the output around them. In text, every control
//! character (a newline, a tab, the escape that starts a terminal's colour
//! sequence, DEL, C1) is shown as a visible escape (`\n`, `\u{1b}`). In
//! Markdown, a newline or tab becomes a space, `\`, `` ` ``, `*`, `_` (but
//! not inside a word), `[`, `]`, `|`, `~` and `$` get a backslash before
//! them, and `<`, `>` and `&`
//! are written as `&lt;`, `&gt;` and `&amp;`, so that a text stays one cell
//! of its table and no HTML reaches a renderer. JSON writes texts as they
//! are (its string escaping is enough).
//!
//! ```
//! use childwelfare::{aggregate, data, report};
//!
//! let summary = aggregate::summarise(&data::seed(), true);
//! let text = report::render(&summary, report::Format::Text, true);
//! assert!(text.contains("about 4 667"));
//! let markdown = report::render(&summary, report::Format::Markdown, false);
//! assert!(markdown.contains("| LUMO"));
//! ```

use std::fmt::Write as _;

use crate::Total;
use crate::aggregate::{
    Derivation, Dimension, Figure, FundingDimension, Omitted, ParticipationTable, Summary, TableKind,
};
use crate::value::Visible;

/// How a report is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// Aligned plain-text tables.
    Text,
    /// Markdown tables.
    Markdown,
    /// The summary as JSON (derivations included when explained).
    Json,
}

mod tidy;

pub use tidy::tidy;

struct Table {
    title: String,
    headers: Vec<&'static str>,
    rows: Vec<Vec<String>>,
    /// Derivations of the table's figures: (what, derivation).
    derivations: Vec<(String, Derivation)>,
    /// A line under the title: how the rows relate to the total.
    note: Option<String>,
    /// Why the rows were left out, when they were: the table is then its
    /// title and this, never an empty table.
    omitted: Option<Omitted>,
}

impl Table {
    fn new(title: impl Into<String>, headers: Vec<&'static str>) -> Self {
        Table { title: title.into(), headers, rows: Vec::new(), derivations: Vec::new(), note: None, omitted: None }
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

    fn explain<T>(&mut self, what: String, figure: Option<&Figure<T>>) {
        if let Some(derivation) = figure.and_then(|f| f.derivation.clone()) {
            self.derivations.push((what, derivation));
        }
    }

    fn write(&self, out: &mut String, format: Format, explain: bool) {
        if let Some(omitted) = &self.omitted {
            let _ = match format {
                Format::Markdown => writeln!(
                    out,
                    "## {}

Left out: {omitted}.
",
                    self.title
                ),
                _ => writeln!(
                    out,
                    "{}
{}
Left out: {omitted}.
",
                    self.title,
                    "=".repeat(self.title.chars().count())
                ),
            };
            return;
        }
        if self.rows.is_empty() {
            return;
        }
        let rows: Vec<Vec<String>> =
            self.rows.iter().map(|row| row.iter().map(|cell| escape(cell, format)).collect()).collect();
        match format {
            Format::Markdown => {
                let _ = writeln!(out, "## {}\n", self.title);
                if let Some(note) = &self.note {
                    let _ = writeln!(out, "{}\n", escape(note, format));
                }
                let _ = writeln!(out, "| {} |", self.headers.join(" | "));
                let _ = writeln!(out, "|{}", " --- |".repeat(self.headers.len()));
                for row in &rows {
                    let _ = writeln!(out, "| {} |", row.join(" | "));
                }
            }
            _ => {
                let _ = writeln!(out, "{}", self.title);
                let _ = writeln!(out, "{}", "=".repeat(self.title.chars().count()));
                if let Some(note) = &self.note {
                    let _ = writeln!(out, "{}", escape(note, format));
                }
                let widths: Vec<usize> = (0..self.headers.len())
                    .map(|i| {
                        rows.iter()
                            .map(|r| r[i].chars().count())
                            .chain(std::iter::once(self.headers[i].chars().count()))
                            .max()
                            .unwrap_or(0)
                    })
                    .collect();
                let line = |cells: &[String]| {
                    let padded: Vec<String> = cells
                        .iter()
                        .zip(&widths)
                        .enumerate()
                        .map(|(i, (cell, width))| {
                            let pad = width - cell.chars().count();
                            // Figures right-aligned, the first column left.
                            if i == 0 {
                                format!("{cell}{}", " ".repeat(pad))
                            } else {
                                format!("{}{cell}", " ".repeat(pad))
                            }
                        })
                        .collect();
                    padded.join("  ").trim_end().to_owned()
                };
                let headers: Vec<String> = self.headers.iter().map(|h| (*h).to_owned()).collect();
                let _ = writeln!(out, "{}", line(&headers));
                for row in &rows {
                    let _ = writeln!(out, "{}", line(row));
                }
            }
        }
        if explain && !self.derivations.is_empty() {
            let _ = writeln!(out, "\nHow the figures were made:");
            for (what, derivation) in &self.derivations {
                let _ = write!(out, "- {}: {}", escape(what, format), escape(&derivation.rule, format));
                for record in &derivation.records {
                    let _ = write!(out, "\n    - {}", escape(record, format));
                }
                // Compact: what was left out, counted by reason (listed in JSON).
                let left_out = crate::aggregate::left_out_summary(&derivation.left_out);
                if !left_out.is_empty() {
                    let _ = write!(out, "\n    - {}", escape(&left_out, format));
                }
                out.push('\n');
            }
        }
        out.push('\n');
    }
}

/// A text from the documents as `format` needs it (see the module docs).
fn escape(text: &str, format: Format) -> String {
    match format {
        Format::Markdown => {
            let mut out = String::with_capacity(text.len());
            let (mut previous, mut chars) = (' ', text.chars().peekable());
            while let Some(c) = chars.next() {
                match c {
                    '\n' | '\r' | '\t' => out.push(' '),
                    // Inside a word (`final_report`) `_` cannot start emphasis.
                    '_' if previous.is_alphanumeric() && chars.peek().is_some_and(|n| n.is_alphanumeric()) => {
                        out.push(c);
                    }
                    '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '$' => {
                        out.push('\\');
                        out.push(c);
                    }
                    '<' => out.push_str("&lt;"),
                    '>' => out.push_str("&gt;"),
                    '&' => out.push_str("&amp;"),
                    c if c.is_control() => {
                        let _ = write!(out, "{}", Visible(c.encode_utf8(&mut [0; 4])));
                    }
                    c => out.push(c),
                }
                previous = c;
            }
            out
        }
        _ => Visible(text).to_string(),
    }
}

/// How a participation table's rows relate to its total, for people.
fn rows_and_total(table: &ParticipationTable) -> String {
    let total = table.total.map_or_else(|| "no figure".to_owned(), |t| t.to_string());
    match (table.kind, table.adds_up) {
        (TableKind::Partition, true) => {
            format!("Each figure in one row: the attendances add up to the total, {total}.")
        }
        (TableKind::Partition, false) => format!(
            "Each figure in one row, but the attendances do not add up to the total, {total}: a total's parts are \
             less exact than it, so what is left of it is only bounded."
        ),
        (_, true) => format!(
            "A figure counts in each of its groups; here none is in two, so the rows add up to the total, {total}."
        ),
        _ => format!(
            "A figure counts in each of its groups, so the rows may add up to more than the total, each counted once: {total}."
        ),
    }
}

fn total(figure: Option<&Figure<Total>>) -> String {
    figure.map_or_else(|| "–".to_owned(), |f| f.value.to_string())
}

fn or_dash<T: ToString>(value: Option<T>) -> String {
    value.map_or_else(|| "–".to_owned(), |v| v.to_string())
}

/// Writes the summary in `format`; with `explain`, each table is followed by
/// the derivation of its figures (when the summary was made with them).
pub fn render(summary: &Summary, format: Format, explain: bool) -> String {
    if format == Format::Json {
        return if explain {
            crate::json::model_to_string(summary)
        } else {
            crate::json::model_to_string(&summary.without_derivations())
        };
    }
    let mut out = String::new();
    let count =
        |n: u64, one: &str, many: &str| format!("{} {}", crate::value::thousands(n), if n == 1 { one } else { many });
    let heading = format!(
        "{}, {}",
        count(summary.projects, "project", "projects"),
        count(summary.programmes, "programme", "programmes")
    );
    match format {
        Format::Markdown => {
            let _ = writeln!(out, "# Summary: {heading}\n");
        }
        _ => {
            let _ = writeln!(out, "Summary: {heading}\n");
        }
    }
    if !summary.left_out.is_empty() {
        let n = summary.left_out.len() as u64;
        let first = format!(
            "Incomplete: {} given could not be read and {} left out of every figure below:",
            count(n, "document", "documents"),
            if n == 1 { "is" } else { "are" }
        );
        let _ = match format {
            Format::Markdown => writeln!(out, "> **{first}**"),
            _ => writeln!(out, "{first}"),
        };
        for place in &summary.left_out {
            let _ = match format {
                Format::Markdown => writeln!(out, "> - {}", escape(place, format)),
                _ => writeln!(out, "- {}", escape(place, format)),
            };
        }
        out.push('\n');
    }
    if let Some(period) = summary.period {
        let _ = writeln!(out, "Period: {period} (from the earliest start to the latest end of the projects)\n");
    }
    if let Some(limit) = summary.per_project_omitted {
        let _ = writeln!(
            out,
            "More than {} projects: the tables with a row per project, work package, assessment, record or \
             organisation are left out so that memory stays flat; `childwelfare export` writes those one row per \
             record. Attendances at all projects' events: {}.\n",
            crate::value::thousands(limit),
            summary.attendances.map_or_else(|| "none stated".to_owned(), |t| t.to_string())
        );
    }
    for table in tables(summary) {
        table.write(&mut out, format, explain);
    }
    let legend = match format {
        Format::Markdown => "## How to read the figures\n\n",
        _ => "How to read the figures\n=======================\n",
    };
    out.push_str(legend);
    for line in LEGEND {
        let _ = writeln!(out, "- {line}");
    }
    out
}

/// What the report's words and signs mean, at its end.
const LEGEND: [&str; 6] = [
    "attendances count a person once for each event attended; distinct people, each person once",
    "\"about\" is a figure the source gives as approximate; \"at least\" and \"at most\" are bounds",
    "a range such as 963–1 363: figures that may overlap, the low end counting the overlap once",
    "– is a figure the sources do not give (never zero); \"no objectives recorded\" says why",
    "each figure is counted once: one that is part of another is not added again (docs/counting.md)",
    "`--explain` lists each figure's records, their sources and what was left out",
];

fn tables(summary: &Summary) -> Vec<Table> {
    let mut tables = Vec::new();

    let mut projects = Table::new(
        "Projects side by side",
        vec![
            "project",
            "status",
            "period",
            "events held",
            "cancelled",
            "attendances",
            "outputs",
            "achieved",
            "partly",
            "not achieved",
            "unjudged",
            "budget",
            "state grant",
        ],
    );
    for row in projects.rows_of(summary.project_rows.rows()) {
        let money = crate::aggregate::money::amount_text(row.state_grant, row.state_grant_parts_without_amount);
        let grant = match (row.state_grant, row.state_grant_share, row.state_grant_parts_without_amount) {
            (Some(_), Some(share), 0) => format!("{money} ({share})"),
            (Some(_), Some(share), _) => format!("{money}, {share}"),
            (None, Some(share), 0) => share.to_string(),
            (None, Some(share), 1) => format!("{share} (1 part without an amount)"),
            (None, Some(share), n) => format!("{share} ({} parts without an amount)", crate::value::thousands(n)),
            (_, None, _) => money,
        };
        projects.rows.push(vec![
            row.name.clone(),
            row.status.clone(),
            or_dash(row.period.clone()),
            row.events_held.to_string(),
            row.events_cancelled.to_string(),
            or_dash(row.attendances),
            row.outputs.map_or_else(|| "– (none recorded)".to_owned(), |items| items.to_string()),
            row.achieved.to_string(),
            row.partly_achieved.to_string(),
            row.not_achieved.to_string(),
            row.unjudged_objectives.map_or_else(|| "no objectives recorded".to_owned(), |n| n.to_string()),
            crate::aggregate::money::amount_text(row.budget, row.budget_parts_without_amount),
            grant,
        ]);
    }
    tables.push(projects);

    let mut programmes = Table::new(
        "Programmes against their projects",
        vec![
            "programme",
            "projects listed",
            "given",
            "stated funding",
            "projects' budgets",
            "without budget",
            "attendances",
        ],
    );
    for row in &summary.programme_totals {
        programmes.rows.push(vec![
            row.name.clone(),
            row.listed_projects.to_string(),
            row.projects_given.to_string(),
            or_dash(row.stated_funding),
            or_dash(row.projects_budget.as_ref().map(|f| f.value)),
            row.projects_without_budget.len().to_string(),
            or_dash(row.attendances),
        ]);
        programmes.explain(format!("{}, projects' budgets", row.name), row.projects_budget.as_ref());
    }
    tables.push(programmes);

    for dimension in Dimension::ALL {
        let headers = vec!["group", "held", "cancelled", "planned", "meetings", "attendances", "distinct people"];
        let Some(table) = summary.participation.iter().find(|t| t.dimension == dimension) else { continue };
        if let Some(omitted) = table.omitted {
            let mut out = Table::new(format!("Participation {}", dimension.heading()), headers);
            out.omitted = Some(omitted);
            tables.push(out);
            continue;
        }
        // A table whose every event leaves the dimension unstated says nothing.
        if table.rows.iter().all(|r| r.group.key.is_empty()) && table.dimension != Dimension::Project {
            continue;
        }
        let mut out = Table::new(format!("Participation {}", table.dimension.heading()), headers);
        out.note = Some(rows_and_total(table));
        for row in &table.rows {
            out.rows.push(vec![
                row.group.label.clone(),
                row.events_held.to_string(),
                row.events_cancelled.to_string(),
                row.events_planned.to_string(),
                or_dash(row.sessions.as_ref().map(|f| f.value)),
                total(row.attendances.as_ref()),
                total(row.distinct_people.as_ref()),
            ]);
            out.explain(format!("{}, meetings", row.group.label), row.sessions.as_ref());
            out.explain(format!("{}, attendances", row.group.label), row.attendances.as_ref());
            out.explain(format!("{}, distinct people", row.group.label), row.distinct_people.as_ref());
        }
        tables.push(out);
    }

    let mut assessments = Table::new(
        "Assessments",
        vec!["assessment", "source", "occasions", "attendances", "distinct people", "judgements"],
    );
    for row in assessments.rows_of(summary.assessments.rows()) {
        assessments.rows.push(vec![
            format!("{}/{}", row.project, row.assessment),
            row.source.clone(),
            or_dash(row.occasions),
            or_dash(row.participation.and_then(|p| p.attendances)),
            or_dash(row.participation.and_then(|p| p.distinct_people)),
            row.judgements.to_string(),
        ]);
    }
    tables.push(assessments);

    for by in ["project", "work_package", "assessment_source"] {
        let mut table = Table::new(
            format!("Judgements by {}", by.replace('_', " ")),
            vec!["group", "achieved", "partly achieved", "not achieved", "revised", "not yet tried"],
        );
        let rows = table.rows_of(summary.achievement(by));
        let mut keys: Vec<(&str, &str)> = rows.iter().map(|r| (r.key.as_str(), r.label.as_str())).collect();
        keys.dedup();
        let counts: std::collections::HashMap<(&str, &str), u64> =
            rows.iter().map(|r| ((r.key.as_str(), r.rating.as_str()), r.judgements.value)).collect();
        for (key, label) in keys {
            let count = |rating: &str| counts.get(&(key, rating)).copied().unwrap_or(0).to_string();
            table.rows.push(vec![
                label.to_owned(),
                count("achieved"),
                count("partly_achieved"),
                count("not_achieved"),
                count("revised"),
                count("not_yet_tried"),
            ]);
        }
        for row in rows {
            table.explain(format!("{}, {}", row.label, row.rating), Some(&row.judgements));
        }
        tables.push(table);
    }

    let mut unjudged = Table::new("Objectives no assessment judges", vec!["project", "objective", "statement"]);
    for row in unjudged.rows_of(summary.unjudged_objectives.rows()) {
        unjudged.rows.push(vec![row.project.to_string(), row.objective.to_string(), row.statement.clone()]);
    }
    tables.push(unjudged);

    let mut targets = Table::new("Targets against actual figures", vec!["record", "kind", "target", "actual", "met"]);
    for row in targets.rows_of(summary.targets.rows()) {
        targets.rows.push(vec![
            format!("{}/{}", row.project, row.record),
            row.kind.clone(),
            row.target.value.to_string(),
            or_dash(row.actual),
            row.met.map_or_else(|| "cannot say".to_owned(), |met| if met { "yes" } else { "no" }.to_owned()),
        ]);
    }
    tables.push(targets);

    let mut outputs =
        Table::new("Outputs by kind and status", vec!["kind", "status", "records", "without a count", "items"]);
    for row in &summary.outputs {
        outputs.rows.push(vec![
            row.label.clone(),
            row.status.clone(),
            row.records.to_string(),
            row.records_without_count.to_string(),
            row.count.as_ref().map_or_else(|| "– (counted as their parts)".to_owned(), |f| f.value.to_string()),
        ]);
        outputs.explain(format!("{} ({}), items", row.label, row.status), row.count.as_ref());
    }
    tables.push(outputs);

    let mut groups = Table::new(
        "Who took part, by participant group",
        vec!["group", "role", "events", "named without a figure", "attendances", "distinct people"],
    );
    for row in &summary.participant_groups {
        groups.rows.push(vec![
            row.label.clone(),
            row.role.clone(),
            row.events.to_string(),
            row.events_without_figure.to_string(),
            or_dash(row.attendances.as_ref().map(|f| f.value)),
            or_dash(row.distinct_people.as_ref().map(|f| f.value)),
        ]);
        groups.explain(format!("{} ({}), attendances", row.label, row.role), row.attendances.as_ref());
        groups.explain(format!("{} ({}), distinct people", row.label, row.role), row.distinct_people.as_ref());
    }
    tables.push(groups);

    let mut timelines = Table::new(
        "From application to the start of work",
        vec![
            "project",
            "application",
            "grant decision",
            "start of work",
            "days to decision",
            "days to start",
            "regional parts",
        ],
    );
    for row in timelines.rows_of(summary.timelines.rows()) {
        timelines.rows.push(vec![
            row.name.clone(),
            or_dash(row.application),
            or_dash(row.grant_decision),
            or_dash(row.start_of_work),
            or_dash(row.days_to_decision),
            or_dash(row.days_to_start),
            row.regional_parts.to_string(),
        ]);
    }
    tables.push(timelines);

    let mut parts = Table::new("Regional parts", vec!["project", "part", "kind", "counties", "period", "sectors"]);
    for row in parts.rows_of(summary.regional_parts.rows()) {
        parts.rows.push(vec![
            row.project.to_string(),
            row.label.clone(),
            or_dash(row.kind.as_ref()),
            row.counties.join(", "),
            or_dash(row.period.as_ref()),
            row.sectors.join(", "),
        ]);
    }
    tables.push(parts);

    for by in FundingDimension::ALL {
        let mut table = Table::new(format!("Money {}", by.heading()), vec!["group", "parts", "amount"]);
        for row in table.rows_of(summary.funding(by)) {
            table.rows.push(vec![row.label.clone(), row.parts.to_string(), row.amount_text()]);
            table.explain(format!("{}, amount", row.label), row.amount.as_ref());
        }
        tables.push(table);
    }

    let mut staffing = Table::new(
        "Staffing",
        vec!["project", "implementer", "entries", "posts", "full-time equivalents", "without share"],
    );
    for row in staffing.rows_of(summary.staffing.rows()) {
        staffing.rows.push(vec![
            row.project.to_string(),
            row.label.clone(),
            row.entries.to_string(),
            row.posts.to_string(),
            format!("{}.{:02}", row.full_time_hundredths / 100, row.full_time_hundredths % 100),
            row.entries_without_share.to_string(),
        ]);
    }
    tables.push(staffing);
    tables
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escapes_only_what_would_change_a_cell() {
        assert_eq!(escape("final_report", Format::Markdown), "final_report");
        assert_eq!(escape("_y_ a|b\n<i>&x__y", Format::Markdown), r"\_y\_ a\|b &lt;i&gt;&amp;x\_\_y");
        assert_eq!(escape("a|b\n\u{1b}[1m", Format::Text), r"a|b\n\u{1b}[1m");
    }
}
