//! The structure-aware mutation harness: mutants of the bundled documents
//! (keys deleted, elements duplicated, types changed, extreme numbers, odd
//! Unicode, dangling references, impossible dates, deep nesting, records
//! written as lists, floats in `extensions`). For each mutant: no panic in
//! parsing or validation, a lossless round trip when it parses, and the
//! parser and the committed JSON Schema (checked by the `jsonschema` crate)
//! agree on whether it is well-formed, except the documented exceptions.
//!
//! CI runs a bounded number of mutants; `CHILDWELFARE_MUTANTS=100000 cargo
//! test --release --all-features --test integration mutation` runs more, and
//! `CHILDWELFARE_MUTATION_SEED` changes the sequence. A mutant that ever
//! failed is kept under `tests/regressions/` and checked by `reliability.rs`.

use childwelfare::{Document, DocumentKind, validation};
use serde_json::{Value, json};

use crate::common::{committed_validator, data_files, root};

/// A small deterministic generator (xorshift64*), so that a failure names
/// a seed and a mutant number that reproduce it.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Every place in a value, as JSON Pointers.
fn places(value: &Value, pointer: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, item) in map {
                places(item, format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                places(item, format!("{pointer}/{index}"), out);
            }
        }
        _ => {}
    }
    out.push(pointer);
}

/// The documented exceptions (README, "Where the schema and the parser
/// differ"): documents the schema accepts and the parser rejects, known by
/// the parser's message.
const EXCEPTIONS: &[(&str, &str)] = &[
    // Rules a pattern cannot state: a day that does not exist, a share's
    // decimals, a business ID's check digit.
    ("date that does not exist", "no such day in the calendar"),
    ("share with more decimals", "use at most two decimals"),
    ("business ID check digit", "the check digit does not match"),
    ("business ID check digit", "no business ID can have these seven digits"),
    // An integer written as `100.0` or `1e2` is an integer to JSON Schema,
    // a float to the parser.
    ("integral float", "invalid type: floating point"),
    // A text whose every language is `null`: the schema counts the keys.
    ("all languages null", "a text needs at least one of `fi`, `sv` or `en`"),
    // More than 128 levels of lists and objects: the parser stops there to
    // protect its stack; the schema has no limit.
    ("deep nesting", "nested too deep"),
];

fn mutate(rng: &mut Rng, document: &mut Value) -> String {
    let mut all = Vec::new();
    places(document, String::new(), &mut all);
    let pointer = rng.pick(&all).clone();
    let target = document.pointer_mut(&pointer).expect("a place of the document");
    let odd_strings = [
        "",
        " ",
        "\u{feff}lumo",
        "ä\u{0}",
        "\u{202e}rtl",
        "x\u{200b}",
        "nonexistent-id",
        "LUMO",
        "2022-02-30",
        "2022-1-5",
        " 2022-01-01",
        "+2022-01-01",
        "2022-13",
        "2021-autumn",
        "1.8.2020",
        "https://innokyla.fi/x",
        "https://innokyla.fi/\u{a0}x",
        "http://localhost",
        "name@example.fi",
        "a..b@example.fi",
        "name@-example.fi",
        "1152000.00",
        "12.345",
        "1e6",
        "ended",
        "1.1",
        "1.0",
        "2.0",
        "ⅷ",
    ];
    let extreme_numbers = [
        json!(0),
        json!(-1),
        json!(-0),
        json!(u64::MAX),
        json!(u32::MAX),
        json!(u64::from(u32::MAX) + 1),
        json!(100.0),
        json!(1e2),
        json!(0.5),
        json!(80.005),
        json!(100.01),
        json!(1e308),
        json!(f64::MIN_POSITIVE),
    ];
    let kind = rng.below(11);
    let description = format!("mutation {kind} at `{pointer}`");
    match kind {
        // Delete a key (or empty a list).
        0 => {
            let (parent, key) = pointer.rsplit_once('/').unwrap_or(("", ""));
            match document.pointer_mut(parent) {
                Some(Value::Object(map)) => {
                    map.remove(&key.replace("~1", "/").replace("~0", "~"));
                }
                Some(Value::Array(items)) => {
                    if let Ok(index) = key.parse::<usize>() {
                        items.remove(index);
                    }
                }
                _ => *document = json!({}),
            }
        }
        // Duplicate an element of a list.
        1 => {
            let (parent, key) = pointer.rsplit_once('/').unwrap_or(("", ""));
            if let (Some(Value::Array(items)), Ok(index)) = (document.pointer_mut(parent), key.parse::<usize>()) {
                let copy = items[index].clone();
                items.insert(index, copy);
            }
        }
        // Change the type.
        2 => *target = rng.pick(&[json!(null), json!(true), json!("text"), json!(7), json!([]), json!({})]).clone(),
        // An extreme or odd number.
        3 => {
            *target = rng.pick(&extreme_numbers).clone();
        }
        // An odd string: Unicode, dates, identifiers, links, amounts.
        4 | 5 => *target = Value::String((*rng.pick(&odd_strings)).to_owned()),
        // Deep nesting.
        6 => {
            let depth = 100 + rng.below(100);
            let mut nested = json!([]);
            for _ in 0..depth {
                nested = json!([nested]);
            }
            *target = nested;
        }
        // A record written as a list of its values.
        7 => {
            if let Value::Object(map) = target {
                *target = Value::Array(map.values().cloned().collect());
            }
        }
        // A float in `extensions`.
        8 => {
            let float = f64::from_bits(rng.next());
            if let (true, Value::Object(map)) = (float.is_finite(), document) {
                map.insert("extensions".to_owned(), json!({ "x": float, "list": [float, {"y": float}] }));
            }
        }
        // A language of a text set to null.
        9 => {
            if let Value::Object(map) = target
                && map.keys().all(|key| matches!(key.as_str(), "fi" | "sv" | "en"))
                && !map.is_empty()
            {
                let key = map.keys().nth(rng.below(map.len())).cloned().unwrap_or_default();
                map.insert(key, Value::Null);
            }
        }
        // An unknown key.
        _ => {
            if let Value::Object(map) = target {
                map.insert(rng.pick(&["statu", "x", "", "ä"]).to_string(), json!(1));
            }
        }
    }
    description
}

fn mutant_count() -> usize {
    std::env::var("CHILDWELFARE_MUTANTS").ok().and_then(|n| n.parse().ok()).unwrap_or(1000)
}

#[test]
fn mutants_never_panic_round_trip_losslessly_and_the_schema_agrees_with_the_parser() {
    let seed: u64 = std::env::var("CHILDWELFARE_MUTATION_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x5EED);
    let mut rng = Rng(seed | 1);
    let mut originals: Vec<Value> = data_files()
        .iter()
        .map(|path| serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap())
        .collect();
    for name in ["lumo.json", "programme.json"] {
        let text = std::fs::read_to_string(root().join("tests/compat/1.0").join(name)).unwrap();
        originals.push(serde_json::from_str(&text).unwrap());
    }
    let project = committed_validator(DocumentKind::Project);
    let programme = committed_validator(DocumentKind::Programme);
    let mut disagreements = Vec::new();
    let mut parsed = 0;
    for number in 0..mutant_count() {
        let mut mutant = rng.pick(&originals).clone();
        let mut mutations = Vec::new();
        for _ in 0..1 + rng.below(3) {
            mutations.push(mutate(&mut rng, &mut mutant));
        }
        let text = serde_json::to_string(&mutant).unwrap();
        let result = Document::from_json(&text);
        if let Ok(document) = &result {
            parsed += 1;
            let written = document.to_json();
            let again = Document::from_json(&written).expect("what the crate writes reads back");
            assert_eq!(&again, document, "round trip of mutant {number} ({mutations:?})");
            assert_eq!(again.to_json(), written, "second write of mutant {number}");
            // Custom data, floats included, comes back exactly as given.
            if mutant["extensions"].as_object().is_some_and(|map| !map.is_empty()) {
                let written: Value = serde_json::from_str(&written).unwrap();
                assert_eq!(written["extensions"], mutant["extensions"], "mutant {number} ({mutations:?}) lost data");
            }
            let _ = validation::validate_documents(std::slice::from_ref(document));
        }
        let validator = if mutant["document_type"] == "programme" { &programme } else { &project };
        let schema_ok = validator.is_valid(&mutant);
        if schema_ok != result.is_ok() {
            let excused = result.as_ref().err().is_some_and(|error| {
                schema_ok && error.problems().all(|p| EXCEPTIONS.iter().any(|(_, m)| p.message().contains(m)))
            });
            if !excused {
                disagreements.push(format!(
                    "mutant {number} ({mutations:?}): parser {}, schema {}",
                    result.as_ref().map_or_else(ToString::to_string, |_| "accepts".to_owned()),
                    if schema_ok {
                        "accepts".to_owned()
                    } else {
                        validator
                            .iter_errors(&mutant)
                            .map(|e| format!("{}: {e}", e.instance_path()))
                            .take(2)
                            .collect::<Vec<_>>()
                            .join("; ")
                    },
                ));
            }
        }
    }
    assert!(
        disagreements.is_empty(),
        "{} disagreements (seed {seed}):\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
    assert!(
        parsed > mutant_count() / 10,
        "only {parsed} mutants parsed: the mutations are too destructive to test round trips"
    );
}
