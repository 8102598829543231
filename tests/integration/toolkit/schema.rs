//! The JSON Schema in `assets/toolkit.schema.json` must describe exactly the fields the types
//! serialise, with the same required fields, so that the schema and the code cannot drift apart.

use super::fixtures;
use ntk_core::toolkit::{GuidancePlace, ToolkitDefinition};
use serde_json::{Map, Value};
use std::collections::BTreeSet;

fn schema() -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/toolkit.schema.json");
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// The five-point fixture with the optional fields added after the first release set, through
/// the types, so that every property the types can write appears in some instance:
/// `self_placement_from_years`, a before-birth band (at `/age_bands/3`) and an item's
/// `applies_to` and `about_home` (on `/areas/0/items/0`), two review questions, a guidance
/// placement naming every condition (at `/guidance/0/applies/0`), `chronology_categories` and
/// `handover_recipients`.
fn five_point() -> Value {
    let text = std::fs::read(fixtures().join("pass_five_point_four_areas.json")).unwrap();
    let mut def: ToolkitDefinition = serde_json::from_slice(&text).unwrap();
    def.self_placement_from_years = Some(13);
    let mut unborn = def.age_bands[0].clone();
    unborn.id = "unborn".into();
    unborn.to_months = None;
    unborn.before_birth = true;
    def.age_bands.push(unborn);
    def.areas[0].items[0].applies_to = Some(vec![def.age_bands[0].id.clone()]);
    def.review_questions = vec![
        ntk_core::toolkit::ReviewQuestion {
            id: "support-working".into(),
            text: "Is the support working?".into(),
            hint: "Think of the child's day.".into(),
        },
        ntk_core::toolkit::ReviewQuestion {
            id: "harm".into(),
            text: "Any sign of significant harm?".into(),
            hint: String::new(),
        },
    ];
    def.areas[0].items[0].about_home = true;
    def.guidance[0].applies = vec![GuidancePlace {
        item: Some(def.areas[0].items[0].number.clone()),
        field: Some("child_view".into()),
        band: Some(def.age_bands[0].id.clone()),
        characteristic: Some("disability".into()),
    }];
    def.chronology_categories = vec![ntk_core::toolkit::ChronologyCategory {
        code: "no-access-visit".into(),
        label: "No-access visit".into(),
    }];
    def.handover_recipients = vec![ntk_core::toolkit::HandoverRecipient {
        name: "Exampletown MASH".into(),
        public_key: "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p".into(),
    }];
    serde_json::to_value(def).unwrap()
}

/// Each object type of the schema, with JSON pointers to instances of it in the five-point
/// fixture (several where optional fields appear only on some).
const KINDS: &[(&str, &[&str])] = &[
    ("", &[""]),
    ("Scale", &["/scale"]),
    ("ScaleLevel", &["/scale/levels/0"]),
    ("AgeBand", &["/age_bands/0", "/age_bands/2", "/age_bands/3"]),
    ("Area", &["/areas/0"]),
    (
        "Item",
        &["/areas/0/items/0", "/areas/1/items/0", "/areas/1/items/1"],
    ),
    ("Descriptor", &["/areas/0/items/0/descriptors/0"]),
    ("AgeDescriptors", &["/areas/1/items/0/age_descriptors/0"]),
    ("Alert", &["/areas/1/items/1/alerts/0"]),
    ("Guidance", &["/guidance/0"]),
    ("GuidancePlace", &["/guidance/0/applies/0"]),
    ("DecisionOption", &["/decision_options/0"]),
    ("Contact", &["/contacts/0"]),
    (
        "ReviewQuestion",
        &["/review_questions/0", "/review_questions/1"],
    ),
    ("ChronologyCategory", &["/chronology_categories/0"]),
    ("HandoverRecipient", &["/handover_recipients/0"]),
];

fn schema_object<'a>(schema: &'a Value, kind: &str) -> &'a Map<String, Value> {
    let node = if kind.is_empty() {
        schema
    } else {
        &schema["$defs"][kind]
    };
    node.as_object()
        .unwrap_or_else(|| panic!("no $defs/{kind} in the schema"))
}

fn names(v: &Value) -> BTreeSet<String> {
    match v {
        Value::Object(m) => m.keys().cloned().collect(),
        Value::Array(a) => a
            .iter()
            .filter_map(|s| s.as_str().map(String::from))
            .collect(),
        _ => BTreeSet::new(),
    }
}

#[test]
fn the_schema_declares_draft_2020_12() {
    assert_eq!(
        schema()["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
}

#[test]
fn schema_properties_match_the_serialised_fields() {
    let schema = schema();
    let doc = five_point();
    let defs = names(&schema["$defs"]);
    let kinds: BTreeSet<String> = KINDS
        .iter()
        .filter(|(k, _)| !k.is_empty())
        .map(|(k, _)| k.to_string())
        .collect();
    assert_eq!(defs, kinds, "the schema's $defs and the types differ");
    for (kind, pointers) in KINDS {
        let obj = schema_object(&schema, kind);
        assert_eq!(
            obj.get("additionalProperties"),
            Some(&Value::Bool(false)),
            "{kind}"
        );
        let mut serialised = BTreeSet::new();
        for p in *pointers {
            let instance = doc
                .pointer(p)
                .unwrap_or_else(|| panic!("no {p} in the fixture"));
            serialised.extend(names(instance));
        }
        assert_eq!(
            names(&obj["properties"]),
            serialised,
            "properties of {kind:?}"
        );
    }
}

#[test]
fn schema_required_fields_are_the_ones_the_parser_requires() {
    let schema = schema();
    let doc = five_point();
    for (kind, pointers) in KINDS {
        let obj = schema_object(&schema, kind);
        let required = names(obj.get("required").unwrap_or(&Value::Null));
        for field in names(&obj["properties"]) {
            // Remove the field from the first instance that has it and try to parse.
            let Some(p) = pointers
                .iter()
                .find(|p| doc.pointer(p).unwrap().get(&field).is_some())
            else {
                continue;
            };
            let mut cut = doc.clone();
            cut.pointer_mut(p)
                .unwrap()
                .as_object_mut()
                .unwrap()
                .remove(&field);
            let parsed = serde_json::from_value::<ToolkitDefinition>(cut);
            assert_eq!(
                parsed.is_err(),
                required.contains(&field),
                "{kind:?}.{field}: the schema says required = {}, the parser disagrees",
                required.contains(&field)
            );
        }
    }
}
