//! The field-by-field review of a household received by hand-over while it was already stored:
//! [`diff`] lists every field where the stored and the incoming versions differ, and [`apply`]
//! builds the merged household from the practitioner's choice for each field.
//!
//! The comparison is made on the JSON form of the records, so a field added to the model later
//! is compared without a change here:
//!
//! - the household's own fields (carers, address and other agencies each as one field);
//! - each child present in both, field by field; a child only in the incoming version, whole;
//! - each assessment present in both, field by field, with its status and history as one field
//!   and each rating (by item and subject) as one field; an assessment only in the incoming
//!   version, whole;
//! - each chronology entry only on one side, or differing, whole.
//!
//! Children and assessments only in the stored version are kept: removing them could leave
//! ratings or entries about no one. Every choice not made keeps the stored value.

use crate::assessment::{Assessment, Household, Id};
use crate::chronology::ChronologyEntry;
use crate::words;
use serde::Serialize;
use serde_json::{Map, Value};

/// One version of a household with what belongs to it.
#[derive(Debug, Clone, PartialEq)]
pub struct Version {
    /// The household.
    pub household: Household,
    /// Its assessments.
    pub assessments: Vec<Assessment>,
    /// Its chronology.
    pub chronology: Vec<ChronologyEntry>,
}

/// One field that differs, as the review screen shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConflictField {
    /// Names the field in a choice ([`apply`]); stable while neither version changes.
    pub key: String,
    /// The heading it is shown under ("The household", "Child: ...", an assessment, the
    /// chronology).
    pub group: String,
    /// What the field is.
    pub label: String,
    /// The stored value in words.
    pub stored: String,
    /// The incoming value in words.
    pub incoming: String,
    /// Whether the stored version has it at all.
    pub in_stored: bool,
    /// Whether the incoming version has it at all.
    pub in_incoming: bool,
}

/// Where a field is.
#[derive(Debug, Clone, PartialEq)]
enum At {
    Household(String),
    Child(Id, Option<String>),
    Assessment(Id, Option<String>),
    Status(Id),
    Rating(Id, usize),
    Entry(Id),
}

struct Found {
    at: At,
    field: ConflictField,
    incoming: Option<Value>,
}

fn json<T: Serialize>(x: &T) -> Map<String, Value> {
    match serde_json::to_value(x) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    }
}

/// A value in words: text as it is, yes/no, lists one item a line, records as "Label: value".
fn text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Bool(b) => (if *b {
            words::CONFLICT_YES
        } else {
            words::CONFLICT_NO
        })
        .into(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        Value::Array(a) => a
            .iter()
            .map(text)
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("\n"),
        Value::Object(m) => m
            .iter()
            .filter(|(k, _)| k.as_str() != "id")
            .map(|(k, v)| (k, text(v)))
            .filter(|(_, t)| !t.is_empty())
            .map(|(k, t)| format!("{}: {t}", words::field_label(k)))
            .collect::<Vec<_>>()
            .join("; "),
    }
}

fn shown(v: Option<&Value>) -> String {
    match v {
        None => words::CONFLICT_ABSENT.into(),
        Some(v) => match text(v) {
            t if t.trim().is_empty() => words::CONFLICT_EMPTY.into(),
            t => t,
        },
    }
}

fn entry_text(e: &ChronologyEntry) -> String {
    let who = [e.source.agency.trim(), e.source.role.trim()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "{}: {} ({who}). {} {}",
        words::entry_date_text(e.date),
        e.event,
        words::impact_text(e.impact),
        e.impact_note
    )
    .trim()
    .to_string()
}

/// The fields of two records of the same kind that differ, `skip` left out.
fn differing(a: &Map<String, Value>, b: &Map<String, Value>, skip: &[&str]) -> Vec<String> {
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| !skip.contains(&k.as_str()))
        .filter(|k| a.get(*k).unwrap_or(&Value::Null) != b.get(*k).unwrap_or(&Value::Null))
        .cloned()
        .collect()
}

const HOUSEHOLD_SKIP: &[&str] = &["id", "children", "created_at", "updated_at"];
const CHILD_SKIP: &[&str] = &["id"];
const ASSESSMENT_SKIP: &[&str] = &[
    "id",
    "household_id",
    "ratings",
    "status",
    "history",
    "household_snapshot",
    "created_at",
    "updated_at",
];

fn rating_key(r: &crate::assessment::Rating) -> (String, String) {
    (
        r.item.clone(),
        serde_json::to_string(&r.subject).unwrap_or_default(),
    )
}

fn subject_name(h: &Household, r: &crate::assessment::Rating) -> String {
    match &r.subject {
        crate::assessment::Subject::Household => words::THE_HOUSEHOLD.to_string(),
        crate::assessment::Subject::Child(id) => {
            h.children.iter().find(|c| &c.id == id).map_or_else(
                || words::CHILD_NOT_IN_HOUSEHOLD.to_string(),
                |c| c.name.clone(),
            )
        }
    }
}

fn find(stored: &Version, incoming: &Version) -> Vec<Found> {
    let mut out = Vec::new();
    let mut push = |at: At,
                    key: String,
                    group: &str,
                    label: String,
                    s: Option<&Value>,
                    i: Option<&Value>,
                    s_text: Option<String>,
                    i_text: Option<String>| {
        out.push(Found {
            at,
            field: ConflictField {
                key,
                group: group.to_string(),
                label,
                stored: s_text.unwrap_or_else(|| shown(s)),
                incoming: i_text.unwrap_or_else(|| shown(i)),
                in_stored: s.is_some(),
                in_incoming: i.is_some(),
            },
            incoming: i.cloned(),
        })
    };

    // The household's own fields.
    let (sh, ih) = (json(&stored.household), json(&incoming.household));
    for k in differing(&sh, &ih, HOUSEHOLD_SKIP) {
        push(
            At::Household(k.clone()),
            format!("household.{k}"),
            words::CONFLICT_HOUSEHOLD,
            words::field_label(&k),
            sh.get(&k),
            ih.get(&k),
            None,
            None,
        );
    }
    // Children: in both, field by field; only incoming, whole.
    for ic in &incoming.household.children {
        let group = words::conflict_child(&ic.name);
        let ij = json(ic);
        match stored.household.children.iter().find(|c| c.id == ic.id) {
            Some(sc) => {
                let sj = json(sc);
                for k in differing(&sj, &ij, CHILD_SKIP) {
                    push(
                        At::Child(ic.id.clone(), Some(k.clone())),
                        format!("child.{}.{k}", ic.id),
                        &group,
                        words::field_label(&k),
                        sj.get(&k),
                        ij.get(&k),
                        None,
                        None,
                    );
                }
            }
            None => {
                let v = Value::Object(ij);
                push(
                    At::Child(ic.id.clone(), None),
                    format!("child.{}", ic.id),
                    &group,
                    words::CONFLICT_WHOLE_RECORD.into(),
                    None,
                    Some(&v),
                    None,
                    None,
                );
            }
        }
    }
    // Assessments: in both, field by field, the status with its history, each rating; only
    // incoming, whole.
    for ia in &incoming.assessments {
        let group = words::conflict_assessment(words::kind_text(&ia.kind), ia.created_at);
        let ij = json(ia);
        let Some(sa) = stored.assessments.iter().find(|a| a.id == ia.id) else {
            let v = Value::Object(ij);
            let summary = format!(
                "{}; {}",
                words::status_text(ia.status),
                ia.ratings.iter().filter(|r| r.level.is_some()).count()
            );
            push(
                At::Assessment(ia.id.clone(), None),
                format!("assessment.{}", ia.id),
                &group,
                words::CONFLICT_WHOLE_RECORD.into(),
                None,
                Some(&v),
                None,
                Some(format!(
                    "{summary} {}",
                    words::field_label("ratings").to_lowercase()
                )),
            );
            continue;
        };
        let sj = json(sa);
        for k in differing(&sj, &ij, ASSESSMENT_SKIP) {
            push(
                At::Assessment(ia.id.clone(), Some(k.clone())),
                format!("assessment.{}.{k}", ia.id),
                &group,
                words::field_label(&k),
                sj.get(&k),
                ij.get(&k),
                None,
                None,
            );
        }
        if sa.status != ia.status || sa.history != ia.history {
            let st = |a: &Assessment| Value::String(words::status_text(a.status).to_string());
            push(
                At::Status(ia.id.clone()),
                format!("assessment.{}.status", ia.id),
                &group,
                words::CONFLICT_STATUS.into(),
                Some(&st(sa)),
                Some(&st(ia)),
                Some(format!(
                    "{} ({})",
                    words::status_text(sa.status),
                    sa.history.len()
                )),
                Some(format!(
                    "{} ({})",
                    words::status_text(ia.status),
                    ia.history.len()
                )),
            );
        }
        let mut keys: Vec<(String, String)> = sa.ratings.iter().map(rating_key).collect();
        for r in &ia.ratings {
            if !keys.contains(&rating_key(r)) {
                keys.push(rating_key(r));
            }
        }
        for (n, key) in keys.iter().enumerate() {
            let s = sa.ratings.iter().find(|r| &rating_key(r) == key);
            let i = ia.ratings.iter().find(|r| &rating_key(r) == key);
            if s == i {
                continue;
            }
            let any = s.or(i).expect("the key came from one of them");
            let (sv, iv) = (
                s.map(|r| Value::Object(json(r))),
                i.map(|r| Value::Object(json(r))),
            );
            let rtext = |v: &Option<Value>| {
                v.as_ref().map(|v| match v {
                    Value::Object(m) => {
                        let mut m = m.clone();
                        m.remove("item");
                        m.remove("subject");
                        shown(Some(&Value::Object(m)))
                    }
                    v => shown(Some(v)),
                })
            };
            push(
                At::Rating(ia.id.clone(), n),
                format!("rating.{}.{}.{}", ia.id, key.1, key.0),
                &group,
                words::conflict_rating(&any.item, &subject_name(&incoming.household, any)),
                sv.as_ref(),
                iv.as_ref(),
                rtext(&sv),
                rtext(&iv),
            );
        }
    }
    // The chronology: entries only on one side, or recorded differently.
    let mut ids: Vec<&Id> = stored.chronology.iter().map(|e| &e.id).collect();
    for e in &incoming.chronology {
        if !ids.contains(&&e.id) {
            ids.push(&e.id);
        }
    }
    for id in ids {
        let s = stored.chronology.iter().find(|e| &e.id == id);
        let i = incoming.chronology.iter().find(|e| &e.id == id);
        if s == i {
            continue;
        }
        let (sv, iv) = (
            s.map(|e| Value::Object(json(e))),
            i.map(|e| Value::Object(json(e))),
        );
        push(
            At::Entry(id.clone()),
            format!("chronology.{id}"),
            words::CONFLICT_CHRONOLOGY,
            words::CONFLICT_WHOLE_RECORD.into(),
            sv.as_ref(),
            iv.as_ref(),
            s.map(entry_text),
            i.map(entry_text),
        );
    }
    out
}

/// Every field where the two versions differ, in the order the review shows them: the
/// household, its children, each assessment, the chronology.
pub fn diff(stored: &Version, incoming: &Version) -> Vec<ConflictField> {
    find(stored, incoming)
        .into_iter()
        .map(|f| f.field)
        .collect()
}

/// What [`apply`] made: the merged household and what must be written.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    /// The household with the fields chosen.
    pub household: Household,
    /// The assessments changed or added (stored ones left as they are are not listed).
    pub assessments: Vec<Assessment>,
    /// The whole chronology after the choices.
    pub chronology: Vec<ChronologyEntry>,
    /// How many fields were taken from the incoming version.
    pub taken: usize,
}

fn from_json<T: serde::de::DeserializeOwned>(
    m: Map<String, Value>,
    what: &str,
) -> Result<T, String> {
    serde_json::from_value(Value::Object(m))
        .map_err(|e| format!("{what} could not be put together: {e}"))
}

/// Merge the two versions: every field whose key is in `take_incoming` takes the incoming value
/// (a record only in the incoming version is added, an entry only in the stored one is left
/// out), every other keeps the stored one. A key that names no differing field is refused: the
/// versions changed since the review was shown.
pub fn apply(
    stored: &Version,
    incoming: &Version,
    take_incoming: &[String],
) -> Result<Merged, String> {
    let found = find(stored, incoming);
    for k in take_incoming {
        if !found.iter().any(|f| &f.field.key == k) {
            return Err(format!(
                "'{k}' is not one of the fields that differ; open the review again, as the household may have changed."
            ));
        }
    }
    let chosen: Vec<&Found> = found
        .iter()
        .filter(|f| take_incoming.contains(&f.field.key))
        .collect();

    // The household and its children.
    let mut h = json(&stored.household);
    let mut children: Vec<Map<String, Value>> =
        stored.household.children.iter().map(json).collect();
    for f in &chosen {
        match &f.at {
            At::Household(k) => {
                h.insert(k.clone(), f.incoming.clone().unwrap_or(Value::Null));
            }
            At::Child(id, Some(k)) => {
                if let Some(c) = children
                    .iter_mut()
                    .find(|c| c.get("id") == Some(&Value::String(id.to_string())))
                {
                    c.insert(k.clone(), f.incoming.clone().unwrap_or(Value::Null));
                }
            }
            At::Child(_, None) => {
                if let Some(Value::Object(c)) = &f.incoming {
                    children.push(c.clone());
                }
            }
            _ => {}
        }
    }
    h.insert(
        "children".into(),
        Value::Array(children.into_iter().map(Value::Object).collect()),
    );
    let household: Household = from_json(h, "The household")?;

    // The assessments.
    let mut assessments = Vec::new();
    for ia in &incoming.assessments {
        let mine: Vec<&&Found> = chosen
            .iter()
            .filter(|f| match &f.at {
                At::Assessment(id, _) | At::Status(id) | At::Rating(id, _) => id == &ia.id,
                _ => false,
            })
            .collect();
        if mine.is_empty() {
            continue;
        }
        let Some(sa) = stored.assessments.iter().find(|a| a.id == ia.id) else {
            assessments.push(ia.clone());
            continue;
        };
        let mut a = json(sa);
        let ij = json(ia);
        for f in &mine {
            match &f.at {
                At::Assessment(_, Some(k)) => {
                    a.insert(k.clone(), ij.get(k).cloned().unwrap_or(Value::Null));
                }
                At::Status(_) => {
                    for k in ["status", "history", "household_snapshot"] {
                        match ij.get(k) {
                            Some(v) => a.insert(k.into(), v.clone()),
                            None => a.remove(k),
                        };
                    }
                }
                _ => {}
            }
        }
        let mut merged: Assessment = from_json(a, "An assessment")?;
        // Ratings: the stored ones in their order, each replaced, removed or added as chosen.
        let mut keys: Vec<(String, String)> = sa.ratings.iter().map(rating_key).collect();
        for r in &ia.ratings {
            if !keys.contains(&rating_key(r)) {
                keys.push(rating_key(r));
            }
        }
        merged.ratings = keys
            .iter()
            .enumerate()
            .filter_map(|(n, key)| {
                let take = mine
                    .iter()
                    .any(|f| matches!(&f.at, At::Rating(id, m) if id == &ia.id && *m == n));
                let from = if take { &ia.ratings } else { &sa.ratings };
                from.iter().find(|r| &rating_key(r) == key).cloned()
            })
            .collect();
        assessments.push(merged);
    }

    // The chronology.
    let mut chronology = stored.chronology.clone();
    for f in &chosen {
        if let At::Entry(id) = &f.at {
            let incoming_entry = incoming.chronology.iter().find(|e| &e.id == id);
            match (chronology.iter().position(|e| &e.id == id), incoming_entry) {
                (Some(p), Some(e)) => chronology[p] = e.clone(),
                (Some(p), None) => {
                    chronology.remove(p);
                }
                (None, Some(e)) => chronology.push(e.clone()),
                (None, None) => {}
            }
        }
    }
    Ok(Merged {
        household,
        assessments,
        chronology,
        taken: chosen.len(),
    })
}
