//! A [`Figure`] in JSON: one flat object, the figure's ends or amount, its
//! exactness, the text a report shows, and beside them (when explained) its
//! derivation, so that a reader gets `row.attendances.low`, never
//! `row.attendances.value.low.value`. The document model's types ([`Count`],
//! [`Total`], [`Money`]) keep their own JSON; only a summary's figures are
//! written this way.
//!
//! | figure | JSON |
//! | --- | --- |
//! | `Figure<Total>` | `{"low": 3667, "high": 3667, "exactness": "exact", "text": "3 667"}`; when the ends differ in exactness, `low_exactness` and `high_exactness` instead of `exactness` |
//! | `Figure<Count>` | `{"value": 12, "exactness": "at_least", "text": "at least 12"}` |
//! | `Figure<Money>` | `{"euros": "1152000.00", "exactness": "exact", "text": "1 152 000 €"}` (euros exact to the cent, as a string, as in the documents) |
//! | `Figure<u64>` | `{"value": 3, "exactness": "exact", "text": "3"}` |
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
use crate::{Count, Exactness, Money, Total};

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

impl Serialize for Figure<Total> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Total { low, high } = self.value;
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
        flat(serializer, fields, self.value.to_string(), self.derivation.as_ref())
    }
}

impl Serialize for Figure<Count> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Count { value, exactness } = self.value;
        let fields = |map: &mut S::SerializeMap| {
            map.serialize_entry("value", &value)?;
            map.serialize_entry("exactness", &exactness)
        };
        flat(serializer, fields, self.value.to_string(), self.derivation.as_ref())
    }
}

impl Serialize for Figure<Money> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Money { euros, exactness } = self.value;
        let fields = |map: &mut S::SerializeMap| {
            map.serialize_entry("euros", &euros)?;
            map.serialize_entry("exactness", &exactness)
        };
        flat(serializer, fields, self.value.to_string(), self.derivation.as_ref())
    }
}

impl Serialize for Figure<u64> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let fields = |map: &mut S::SerializeMap| {
            map.serialize_entry("value", &self.value)?;
            map.serialize_entry("exactness", &Exactness::Exact)
        };
        flat(serializer, fields, crate::value::thousands(self.value), self.derivation.as_ref())
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
