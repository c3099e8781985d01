//! A [`Figure`] in JSON: one flat object, the figure's ends or amount, its
//! exactness, the text a report shows, and beside them (when explained) its
//! derivation, so that a reader gets `row.attendances.low`, never
//! `row.attendances.value.low.value`. Every figure of a summary is written
//! this way: the [`Figure`]s, and the bare figures beside them (a table's
//! `total`, a project's `attendances` and `budget`, a programme's
//! `stated_funding`, a target and its actual figure, an assessment's
//! occasions and participation), which have no derivation. The document
//! model's types ([`Count`], [`Total`], [`Money`], [`DatedCount`],
//! [`Participation`]) keep their own JSON.
//!
//! | figure | JSON |
//! | --- | --- |
//! | `Figure<Total>` | `{"low": 3667, "high": 3667, "exactness": "exact", "text": "3 667"}`; when the ends differ in exactness, `low_exactness` and `high_exactness` instead of `exactness` |
//! | `Figure<Count>` | `{"value": 12, "exactness": "at_least", "text": "at least 12"}` |
//! | `Figure<Money>` | `{"euros": "1152000.00", "exactness": "exact", "text": "1 152 000 €"}` (euros exact to the cent, as a string, as in the documents) |
//! | `Figure<u64>` | `{"value": 3, "exactness": "exact", "text": "3"}` |
//! | a target ([`DatedCount`]) | `{"value": 40, "exactness": "exact", "text": "40", "date": "2025-12"}`, with `note` when stated |
//!
//! ```
//! use childwelfare::aggregate::{Aggregator, Dimension};
//! use childwelfare::data;
//!
//! let mut aggregator = Aggregator::new();
//! data::seed().iter().for_each(|document| aggregator.add(document));
//! let summary = aggregator.finish();
//! let lumo = summary.participation(Dimension::Project)?.find(|row| row.group.key == "lumo").unwrap();
//! let json = serde_json::to_value(&lumo.attendances)?;
//! assert_eq!(json, serde_json::json!({"low": 4667, "high": 4667, "exactness": "approximate", "text": "about 4 667"}));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value, json};

use super::{Derivation, Figure};
use crate::{Count, DatedCount, Exactness, Money, Participation, Total};

/// Writes the map of a figure: `fields`, then `text`, then the derivation
/// when there is one.
fn flat<S: Serializer>(
    serializer: S,
    fields: impl FnOnce(&mut S::SerializeMap) -> Result<(), S::Error>,
    text: String,
    derivation: Option<&Derivation>,
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(None)?;
    fields(&mut map)?;
    map.serialize_entry("text", &text)?;
    if let Some(derivation) = derivation {
        map.serialize_entry("derivation", derivation)?;
    }
    map.end()
}

/// A figure kind with a flat JSON shape: what one function per kind writes,
/// for a [`Figure`] (with its derivation) and for a bare field of a summary
/// (through [`bare`] and [`bare_option`]).
pub(crate) trait Flat {
    /// Writes the figure as one flat object, with `derivation` when there is one.
    fn flat<S: Serializer>(&self, derivation: Option<&Derivation>, serializer: S) -> Result<S::Ok, S::Error>;
}

impl Flat for Total {
    fn flat<S: Serializer>(&self, derivation: Option<&Derivation>, serializer: S) -> Result<S::Ok, S::Error> {
        let Total { low, high } = *self;
        let fields = |map: &mut S::SerializeMap| {
            map.serialize_entry("low", &low.value)?;
            map.serialize_entry("high", &high.value)?;
            if low.exactness == high.exactness {
                map.serialize_entry("exactness", &low.exactness)
            } else {
                map.serialize_entry("low_exactness", &low.exactness)?;
                map.serialize_entry("high_exactness", &high.exactness)
            }
        };
        flat(serializer, fields, self.to_string(), derivation)
    }
}

impl Flat for Count {
    fn flat<S: Serializer>(&self, derivation: Option<&Derivation>, serializer: S) -> Result<S::Ok, S::Error> {
        let Count { value, exactness } = *self;
        let fields = |map: &mut S::SerializeMap| {
            map.serialize_entry("value", &value)?;
            map.serialize_entry("exactness", &exactness)
        };
        flat(serializer, fields, self.to_string(), derivation)
    }
}

impl Flat for Money {
    fn flat<S: Serializer>(&self, derivation: Option<&Derivation>, serializer: S) -> Result<S::Ok, S::Error> {
        let Money { euros, exactness } = *self;
        let fields = |map: &mut S::SerializeMap| {
            map.serialize_entry("euros", &euros)?;
            map.serialize_entry("exactness", &exactness)
        };
        flat(serializer, fields, self.to_string(), derivation)
    }
}

impl Flat for u64 {
    fn flat<S: Serializer>(&self, derivation: Option<&Derivation>, serializer: S) -> Result<S::Ok, S::Error> {
        let fields = |map: &mut S::SerializeMap| {
            map.serialize_entry("value", self)?;
            map.serialize_entry("exactness", &Exactness::Exact)
        };
        flat(serializer, fields, crate::value::thousands(*self), derivation)
    }
}

/// A target or baseline: the count's fields, then its date and note.
impl Flat for DatedCount {
    fn flat<S: Serializer>(&self, derivation: Option<&Derivation>, serializer: S) -> Result<S::Ok, S::Error> {
        let DatedCount { value, date, note } = self;
        let fields = |map: &mut S::SerializeMap| {
            map.serialize_entry("value", &value.value)?;
            map.serialize_entry("exactness", &value.exactness)?;
            if let Some(date) = date {
                map.serialize_entry("date", date)?;
            }
            if let Some(note) = note {
                map.serialize_entry("note", note)?;
            }
            Ok(())
        };
        flat(serializer, fields, value.to_string(), derivation)
    }
}

impl Serialize for Figure<Total> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.flat(self.derivation.as_deref(), serializer)
    }
}

impl Serialize for Figure<Count> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.flat(self.derivation.as_deref(), serializer)
    }
}

impl Serialize for Figure<Money> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.flat(self.derivation.as_deref(), serializer)
    }
}

impl Serialize for Figure<u64> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.flat(self.derivation.as_deref(), serializer)
    }
}

/// `#[serde(serialize_with = "…")]` for a bare figure of a summary (a
/// [`Total`], [`Count`], [`Money`] or [`DatedCount`] that is not a
/// [`Figure`]): the same flat object, without a derivation. Its schema is
/// that of the [`Figure`] (`#[schemars(with = "Figure<Total>")]`).
pub(crate) fn bare<T: Flat, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    value.flat(None, serializer)
}

/// A bare figure of a summary as JSON writes it (through [`bare`]), for
/// code that needs its JSON apart from the summary's (the HTML report marks
/// each figure with its fields).
#[cfg_attr(not(feature = "html"), allow(dead_code))]
pub(crate) struct Bare<'a, T>(pub(crate) &'a T);

impl<T: Flat> Serialize for Bare<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.flat(None, serializer)
    }
}

/// [`bare`] for an optional figure: `null` when there is none.
pub(crate) fn bare_option<T: Flat, S: Serializer>(value: &Option<T>, serializer: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(value) => value.flat(None, serializer),
        None => serializer.serialize_none(),
    }
}

/// Who an assessment reached: its attendances and distinct people, each a
/// flat count figure.
#[derive(serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ParticipationFigures {
    /// Participations, counting a person once per event attended.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "bare_option")]
    #[schemars(with = "Option<Figure<Count>>")]
    attendances: Option<Count>,
    /// Different people, each counted once.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "bare_option")]
    #[schemars(with = "Option<Figure<Count>>")]
    distinct_people: Option<Count>,
}

/// `#[serde(serialize_with = "…")]` for an optional [`Participation`] of a
/// summary: its counts flat figures (schema: [`ParticipationFigures`]).
pub(crate) fn participation<S: Serializer>(value: &Option<Participation>, serializer: S) -> Result<S::Ok, S::Error> {
    value
        .map(|p| ParticipationFigures { attendances: p.attendances, distinct_people: p.distinct_people })
        .serialize(serializer)
}

/// The schema of a bare [`DatedCount`] of a summary: a count figure with
/// its date and note.
pub(crate) struct DatedCountFigure;

impl JsonSchema for DatedCountFigure {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "DatedCountFigure".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let mut properties = Map::new();
        properties.insert("value".into(), integer("The figure."));
        properties.insert("exactness".into(), exactness(generator));
        properties.insert("date".into(), generator.subschema_for::<crate::PartialDate>().to_value());
        properties.insert("note".into(), generator.subschema_for::<crate::Text>().to_value());
        schema(
            generator,
            "A target or baseline: a count with its exactness, the text a report shows, and when stated the date \
             it applies to and a remark.",
            properties,
            &["value", "exactness"],
        )
    }
}

/// The schema of a flat figure: `properties` and `required` of its own,
/// with `text` and `derivation` added.
fn schema(
    generator: &mut SchemaGenerator,
    description: &str,
    mut properties: Map<String, Value>,
    required: &[&str],
) -> Schema {
    properties.insert("text".into(), json!({"description": "The figure as a report writes it.", "type": "string"}));
    properties.insert("derivation".into(), generator.subschema_for::<Derivation>().to_value());
    let mut required: Vec<&str> = required.to_vec();
    required.push("text");
    let mut schema = json!({
        "description": description,
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    });
    if properties_has(&schema, "low_exactness") {
        schema["oneOf"] = json!([{"required": ["exactness"]}, {"required": ["low_exactness", "high_exactness"]}]);
    }
    Schema::try_from(schema).unwrap_or_default()
}

fn properties_has(schema: &Value, name: &str) -> bool {
    schema["properties"].get(name).is_some()
}

/// The schema of a non-negative integer.
fn integer(description: &str) -> Value {
    json!({"description": description, "type": "integer", "minimum": 0})
}

fn exactness(generator: &mut SchemaGenerator) -> Value {
    generator.subschema_for::<Exactness>().to_value()
}

impl JsonSchema for Figure<Total> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "TotalFigure".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let mut properties = Map::new();
        properties.insert("low".into(), integer("The lowest figure the parts allow."));
        properties
            .insert("high".into(), integer("The highest figure the parts allow; equal to low for a single figure."));
        properties.insert("exactness".into(), exactness(generator));
        properties.insert("low_exactness".into(), exactness(generator));
        properties.insert("high_exactness".into(), exactness(generator));
        schema(
            generator,
            "A total that may be a range, from low to high, with its exactness (exactness when both ends have the \
             same, else low_exactness and high_exactness), the text a report shows and, when explained, its \
             derivation.",
            properties,
            &["low", "high"],
        )
    }
}

impl JsonSchema for Figure<Count> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "CountFigure".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let mut properties = Map::new();
        properties.insert("value".into(), integer("The figure."));
        properties.insert("exactness".into(), exactness(generator));
        schema(
            generator,
            "A count with its exactness, the text a report shows and, when explained, its derivation.",
            properties,
            &["value", "exactness"],
        )
    }
}

impl JsonSchema for Figure<Money> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "MoneyFigure".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let mut properties = Map::new();
        properties.insert("euros".into(), generator.subschema_for::<crate::Euros>().to_value());
        properties.insert("exactness".into(), exactness(generator));
        schema(
            generator,
            "An amount of money exact to the cent with its exactness, the text a report shows and, when explained, \
             its derivation.",
            properties,
            &["euros", "exactness"],
        )
    }
}

impl JsonSchema for Figure<u64> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "RecordsFigure".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let mut properties = Map::new();
        properties.insert("value".into(), integer("The number of records."));
        properties.insert("exactness".into(), json!({"const": "exact"}));
        schema(
            generator,
            "A number of records (always exact), the text a report shows and, when explained, its derivation.",
            properties,
            &["value", "exactness"],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_whose_ends_differ_in_exactness_names_each() {
        let figure = Figure { value: Total::range(Count::exact(192), Count::approximate(592)), derivation: None };
        assert_eq!(
            serde_json::to_value(&figure).unwrap(),
            json!({"low": 192, "high": 592, "low_exactness": "exact", "high_exactness": "approximate", "text": "192–about 592"})
        );
        let money = Figure { value: Money::approximate(crate::Euros::from_cents(12_345)), derivation: None };
        assert_eq!(
            serde_json::to_value(&money).unwrap(),
            json!({"euros": "123.45", "exactness": "approximate", "text": "about 123.45 €"})
        );
    }
}
