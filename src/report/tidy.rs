//! Every table of the report as one tidy table: a row per figure, with the
//! table, the group it belongs to and what it measures, as `report --format
//! csv` writes it.
//!
//! The rows are read off the summary's JSON, so that every table of the
//! report, and every figure of a row, is there without a list to keep in
//! step: a field that is a figure (a flat object with its `text`), a whole
//! number, a yes or no, a list of names or nothing (`–`: not known) is a
//! measure; the row's other texts name the group.

use serde_json::{Map, Value};

use crate::aggregate::Summary;
use crate::export::{Cell, Row};

/// The columns of the tidy table.
const COLUMNS: [&str; 11] =
    ["table", "by", "key", "label", "qualifiers", "measure", "value", "low", "high", "exactness", "text"];

/// Every figure of every table of `summary`, a row each (see the module docs).
///
/// ```
/// use childwelfare::{aggregate, data, report};
///
/// let summary = aggregate::summarise(&data::seed(), false);
/// let rows = report::tidy(&summary);
/// let lumo = rows
///     .iter()
///     .find(|r| r.get("table") == Some(&"participation".into()) && r.get("key") == Some(&"lumo".into())
///         && r.get("measure") == Some(&"attendances".into()))
///     .unwrap();
/// assert_eq!(lumo.get("text"), Some(&"about 4 667".into()));
/// assert_eq!(lumo.get("exactness"), Some(&"approximate".into()));
/// ```
pub fn tidy(summary: &Summary) -> Vec<Row> {
    let Ok(Value::Object(tables)) = serde_json::to_value(summary.without_derivations()) else { return Vec::new() };
    let mut rows = Vec::new();
    for (name, value) in &tables {
        table(&mut rows, name, value);
    }
    rows
}

/// The rows of the table `name` of the summary's JSON.
fn table(rows: &mut Vec<Row>, name: &str, value: &Value) {
    match value {
        Value::Array(items) if name == "participation" => {
            for table in items {
                let by = table.get("dimension").and_then(Value::as_str).unwrap_or_default();
                if let Some(Value::Object(left_out)) = table.get("omitted") {
                    rows.push(left_out_row(name, by, left_out));
                    continue;
                }
                let Some(Value::Array(table_rows)) = table.get("rows") else { continue };
                for row in table_rows.iter().filter_map(Value::as_object) {
                    rows.extend(of_row(name, by, row));
                }
                if let Some(total) = table.get("total") {
                    rows.push(measure(name, by, ("", "total", ""), "total", total));
                }
            }
        }
        Value::Array(items) => {
            for row in items.iter().filter_map(Value::as_object) {
                let by = row.get("by").and_then(Value::as_str).unwrap_or_default();
                rows.extend(of_row(name, by, row));
            }
        }
        // A table left out past the per-project limit says so.
        Value::Object(left_out) if left_out.contains_key("limit") => rows.push(left_out_row(name, "", left_out)),
        // A table in parts (the rows always kept, and those per project).
        Value::Object(parts) if parts.contains_key("complete") => {
            for part in parts.values() {
                table(rows, name, part);
            }
        }
        other => rows.push(measure("summary", "", ("", "", ""), name, other)),
    }
}

/// The row saying that a table was left out past the per-project limit.
fn left_out_row(table: &str, by: &str, left_out: &Map<String, Value>) -> Row {
    let text = format!(
        "left out past {} projects ({} added)",
        left_out.get("limit").unwrap_or(&Value::Null),
        left_out.get("projects").unwrap_or(&Value::Null)
    );
    measure(table, by, ("", "", ""), "left_out", &Value::String(text))
}

/// The rows of one table row: a row per measure, each with the row's group.
fn of_row(table: &str, by: &str, row: &Map<String, Value>) -> Vec<Row> {
    let group = row.get("group").and_then(Value::as_object);
    let text = |field: &str| row.get(field).or_else(|| group.and_then(|g| g.get(field))).and_then(Value::as_str);
    // The group: its key (the first of these the row has) and its label.
    let key_field = ["key", "id", "programme", "project"].into_iter().find(|f| text(f).is_some());
    let key = key_field.and_then(text).unwrap_or_default();
    let label = ["label", "name"].into_iter().find_map(text).unwrap_or_default();
    let names = |field: &str| {
        ["by", "group", "derivation", "dimension", "label", "name"].contains(&field) || Some(field) == key_field
    };
    // The row's other texts qualify the group (`rating=largely_achieved`).
    let qualifiers: Vec<String> = row
        .iter()
        .filter(|(field, value)| !names(field) && value.is_string())
        .map(|(field, value)| format!("{field}={}", value.as_str().unwrap_or_default()))
        .collect();
    let qualifiers = qualifiers.join("; ");
    let mut rows = Vec::new();
    for (field, value) in row.iter().filter(|(field, value)| !names(field) && !value.is_string()) {
        measures(&mut rows, (table, by, (key, label, &qualifiers)), field, value);
    }
    rows
}

/// Where a measure belongs: its table, what the table is grouped by, and
/// the group (key, label and qualifiers).
type Place<'a> = (&'a str, &'a str, (&'a str, &'a str, &'a str));

/// The measures of a field: one, or, for an object of figures (an
/// assessment's `participation`), one per figure, named `participation.distinct_people`.
fn measures(rows: &mut Vec<Row>, place: Place<'_>, name: &str, value: &Value) {
    let (table, by, group) = place;
    match value {
        Value::Object(fields) if !["text", "value", "low", "euros"].iter().any(|f| fields.contains_key(*f)) => {
            for (field, value) in fields {
                measures(rows, place, &format!("{name}.{field}"), value);
            }
        }
        _ => rows.push(measure(table, by, group, name, value)),
    }
}

/// The exactness of a nested figure's end (`{"value": 3, "exactness": "approximate"}`).
fn inner_exactness(end: Option<&Value>) -> Option<&str> {
    end.and_then(|end| end.get("exactness")).and_then(Value::as_str)
}

/// One measure of a group: its value, ends and exactness, and its text.
fn measure(table: &str, by: &str, (key, label, qualifiers): (&str, &str, &str), name: &str, value: &Value) -> Row {
    let text_of = |value: &Value| Cell::Text(value.as_str().map_or_else(|| value.to_string(), str::to_owned));
    let mut cells = [Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty];
    let [value_cell, low, high, exactness, text] = &mut cells;
    match value {
        Value::Null => *text = Cell::Text("–".to_owned()),
        Value::Number(n) => {
            *value_cell = n.as_u64().map_or_else(|| text_of(value), Cell::Number);
            *text = text_of(value);
        }
        Value::Bool(b) => {
            *value_cell = Cell::Bool(*b);
            *text = Cell::Text(b.to_string());
        }
        Value::Array(items) => {
            let names: Vec<String> =
                items.iter().map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_owned)).collect();
            *value_cell = Cell::Number(items.len() as u64);
            *text = Cell::Text(names.join(", "));
        }
        Value::String(s) => *text = Cell::Text(s.clone()),
        Value::Object(figure) => {
            let number = |v: Option<&Value>| match v {
                Some(Value::Object(inner)) => inner.get("value").and_then(Value::as_u64).map(Cell::Number),
                Some(Value::Number(n)) => n.as_u64().map(Cell::Number),
                Some(Value::String(s)) => Some(Cell::Text(s.clone())),
                _ => None,
            };
            if let Some(v) = number(figure.get("value").or_else(|| figure.get("euros"))) {
                *value_cell = v;
            }
            if let (Some(l), Some(h)) = (number(figure.get("low")), number(figure.get("high"))) {
                (*low, *high) = (l, h);
            }
            let stated = figure.get("exactness").and_then(Value::as_str).map(str::to_owned).or_else(|| {
                let ends = [
                    figure.get("low_exactness").and_then(Value::as_str).or(inner_exactness(figure.get("low"))),
                    figure.get("high_exactness").and_then(Value::as_str).or(inner_exactness(figure.get("high"))),
                ];
                match ends {
                    [Some(a), Some(b)] if a == b => Some(a.to_owned()),
                    [Some(a), Some(b)] => Some(format!("{a}–{b}")),
                    _ => None,
                }
            });
            *exactness = stated.map_or(Cell::Empty, Cell::Text);
            // A figure without its text (`{"value": 7}`): its value, or its ends.
            *text = match (figure.get("text"), &*value_cell, &*low, &*high) {
                (Some(stated), ..) => text_of(stated),
                (None, Cell::Empty, low, high) if low == high => Cell::Text(low.to_string()),
                (None, Cell::Empty, low, high) => Cell::Text(format!("{low}–{high}")),
                (None, value, ..) => Cell::Text(value.to_string()),
            };
        }
    }
    let [value_cell, low, high, exactness, text] = cells;
    let fixed = [table, by, key, label, qualifiers, name].map(|s| Cell::Text(s.to_owned()));
    let cells: Vec<Cell> = fixed.into_iter().chain([value_cell, low, high, exactness, text]).collect();
    Row::from_cells(COLUMNS.iter().copied().zip(cells).collect())
}
