//! The failing toolkit fixtures, written once.
//!
//! Most failing definitions are the base definition (`pass_five_point_four_areas.json`) with one
//! fault put in. Each of those is a JSON Patch (RFC 6902) in `fail/<name>.patch.json`, and the
//! definition under test is built here, in memory: the base with the patch applied, written back
//! in the base's own layout. Member order is kept, so the line and column numbers the parser
//! reports point where they would in a hand-edited copy of the base. The few fixtures that are
//! not a definition with a fault (an empty file, bytes that are not JSON or not UTF-8, a file cut
//! short) are kept as raw files in `fail/`: their bytes are what is under test.

use super::fixtures;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::{Path, PathBuf};

/// The valid definition every patch applies to.
pub const BASE: &str = "pass_five_point_four_areas.json";

/// How a patch file's name ends.
const PATCH_SUFFIX: &str = ".patch.json";

/// A JSON value whose objects keep their members in the order written.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as the parser read it.
    Number(serde_json::Number),
    /// A string.
    String(String),
    /// A list.
    Array(Vec<Json>),
    /// An object, members in file order.
    Object(Vec<(String, Json)>),
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct JsonVisitor;
        impl<'de> Visitor<'de> for JsonVisitor {
            type Value = Json;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_unit<E>(self) -> Result<Json, E> {
                Ok(Json::Null)
            }
            fn visit_bool<E>(self, b: bool) -> Result<Json, E> {
                Ok(Json::Bool(b))
            }
            fn visit_u64<E>(self, n: u64) -> Result<Json, E> {
                Ok(Json::Number(n.into()))
            }
            fn visit_i64<E>(self, n: i64) -> Result<Json, E> {
                Ok(Json::Number(n.into()))
            }
            fn visit_f64<E: de::Error>(self, n: f64) -> Result<Json, E> {
                serde_json::Number::from_f64(n)
                    .map(Json::Number)
                    .ok_or_else(|| E::custom("a number that is not finite"))
            }
            fn visit_str<E>(self, s: &str) -> Result<Json, E> {
                Ok(Json::String(s.to_owned()))
            }
            fn visit_string<E>(self, s: String) -> Result<Json, E> {
                Ok(Json::String(s))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
                let mut items = Vec::new();
                while let Some(v) = seq.next_element()? {
                    items.push(v);
                }
                Ok(Json::Array(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
                let mut members: Vec<(String, Json)> = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, Json>()? {
                    if members.iter().any(|(seen, _)| *seen == k) {
                        return Err(de::Error::custom(format!("the key {k:?} appears twice")));
                    }
                    members.push((k, v));
                }
                Ok(Json::Object(members))
            }
        }
        d.deserialize_any(JsonVisitor)
    }
}

impl Serialize for Json {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Json::Null => s.serialize_unit(),
            Json::Bool(b) => s.serialize_bool(*b),
            Json::Number(n) => n.serialize(s),
            Json::String(t) => s.serialize_str(t),
            Json::Array(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for v in items {
                    seq.serialize_element(v)?;
                }
                seq.end()
            }
            Json::Object(members) => {
                let mut map = s.serialize_map(Some(members.len()))?;
                for (k, v) in members {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

impl Json {
    /// Parse JSON text, keeping member order.
    pub fn parse(bytes: &[u8]) -> Result<Json, String> {
        serde_json::from_slice(bytes).map_err(|e| e.to_string())
    }

    /// The layout of the fixture files: two-space indent and a final newline.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = serde_json::to_vec_pretty(self).expect("a JSON value always serialises");
        out.push(b'\n');
        out
    }
}

/// One operation of a JSON Patch: the subset of RFC 6902 the fixtures need.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(tag = "op", rename_all = "lowercase", deny_unknown_fields)]
pub enum Op {
    /// Insert into a list (before the index, or at the end for `-`) or set an object member.
    Add {
        /// Where.
        path: String,
        /// What.
        value: Json,
    },
    /// Take out a value that must exist.
    Remove {
        /// Where.
        path: String,
    },
    /// Put a value in place of one that must exist.
    Replace {
        /// Where.
        path: String,
        /// What.
        value: Json,
    },
    /// Remove the value at `from` and add it at `path`.
    Move {
        /// Where it is.
        from: String,
        /// Where it goes, read after the removal.
        path: String,
    },
    /// Add a copy of the value at `from` at `path`.
    Copy {
        /// Where the original is.
        from: String,
        /// Where the copy goes.
        path: String,
    },
}

/// A patch file: the fault it puts into the base, in one line, and the operations that do it.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Patch {
    /// Set from the file name (without `.patch.json`), not from the file.
    #[serde(skip)]
    pub name: String,
    /// What is wrong with the patched definition.
    pub fault: String,
    /// The operations, applied in order.
    pub patch: Vec<Op>,
}

/// The tokens of a JSON Pointer (RFC 6901); `""` is the whole document.
fn tokens(pointer: &str) -> Result<Vec<String>, String> {
    if pointer.is_empty() {
        return Ok(Vec::new());
    }
    let rest = pointer
        .strip_prefix('/')
        .ok_or_else(|| format!("the pointer {pointer:?} does not start with /"))?;
    Ok(rest
        .split('/')
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect())
}

/// A list index as a pointer writes it: digits, no leading zero.
fn index(token: &str) -> Option<usize> {
    let digits = !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit());
    if digits && (token == "0" || !token.starts_with('0')) {
        token.parse().ok()
    } else {
        None
    }
}

fn child_mut<'a>(v: &'a mut Json, token: &str) -> Option<&'a mut Json> {
    match v {
        Json::Object(members) => members.iter_mut().find(|(k, _)| k == token).map(|(_, v)| v),
        Json::Array(items) => index(token).and_then(|i| items.get_mut(i)),
        _ => None,
    }
}

/// The value at `pointer`, which must exist.
fn at_mut<'a>(doc: &'a mut Json, pointer: &str) -> Result<&'a mut Json, String> {
    let mut here = doc;
    for t in tokens(pointer)? {
        here = child_mut(here, &t).ok_or_else(|| format!("{pointer} does not exist"))?;
    }
    Ok(here)
}

/// The container that holds `pointer`'s last token, and that token.
fn parent_mut<'a>(doc: &'a mut Json, pointer: &str) -> Result<(&'a mut Json, String), String> {
    let mut path = tokens(pointer)?;
    let last = path
        .pop()
        .ok_or_else(|| "the whole document cannot be added to or removed".to_owned())?;
    let mut here = doc;
    for t in &path {
        here =
            child_mut(here, t).ok_or_else(|| format!("the parent of {pointer} does not exist"))?;
    }
    Ok((here, last))
}

fn add(doc: &mut Json, pointer: &str, value: Json) -> Result<(), String> {
    if pointer.is_empty() {
        *doc = value;
        return Ok(());
    }
    let (parent, last) = parent_mut(doc, pointer)?;
    match parent {
        Json::Object(members) => match members.iter_mut().find(|(k, _)| *k == last) {
            Some((_, v)) => *v = value,
            None => members.push((last, value)),
        },
        Json::Array(items) if last == "-" => items.push(value),
        Json::Array(items) => match index(&last) {
            Some(i) if i <= items.len() => items.insert(i, value),
            _ => {
                return Err(format!(
                    "{pointer}: no position {last:?} in a list of {}",
                    items.len()
                ))
            }
        },
        _ => {
            return Err(format!(
                "{pointer}: the parent is neither an object nor a list"
            ))
        }
    }
    Ok(())
}

fn remove(doc: &mut Json, pointer: &str) -> Result<Json, String> {
    let (parent, last) = parent_mut(doc, pointer)?;
    let missing = || format!("{pointer} does not exist");
    match parent {
        Json::Object(members) => {
            let i = members
                .iter()
                .position(|(k, _)| *k == last)
                .ok_or_else(missing)?;
            Ok(members.remove(i).1)
        }
        Json::Array(items) => match index(&last) {
            Some(i) if i < items.len() => Ok(items.remove(i)),
            _ => Err(missing()),
        },
        _ => Err(missing()),
    }
}

impl Op {
    /// The operation and where it acts, e.g. `replace /format`, for messages.
    fn describe(&self) -> String {
        match self {
            Op::Add { path, .. } => format!("add {path}"),
            Op::Remove { path } => format!("remove {path}"),
            Op::Replace { path, .. } => format!("replace {path}"),
            Op::Move { from, path } => format!("move {from} to {path}"),
            Op::Copy { from, path } => format!("copy {from} to {path}"),
        }
    }

    /// Apply this operation to `doc`; an error says which path is wrong.
    pub fn apply(&self, doc: &mut Json) -> Result<(), String> {
        match self {
            Op::Add { path, value } => add(doc, path, value.clone()),
            Op::Remove { path } => remove(doc, path).map(drop),
            Op::Replace { path, value } => {
                *at_mut(doc, path)? = value.clone();
                Ok(())
            }
            Op::Move { from, path } => {
                if path.starts_with(&format!("{from}/")) {
                    return Err(format!("cannot move {from} into itself ({path})"));
                }
                let value = remove(doc, from)?;
                add(doc, path, value)
            }
            Op::Copy { from, path } => {
                let value = at_mut(doc, from)?.clone();
                add(doc, path, value)
            }
        }
    }
}

impl Patch {
    /// Read a patch file; its name is the file name without `.patch.json`.
    pub fn read(path: &Path) -> Patch {
        let file = path.file_name().and_then(|n| n.to_str()).unwrap_or("?");
        let name = file
            .strip_suffix(PATCH_SUFFIX)
            .unwrap_or_else(|| panic!("{file} does not end in {PATCH_SUFFIX}"));
        let text = std::fs::read(path).unwrap_or_else(|e| panic!("{file}: {e}"));
        let mut patch: Patch =
            serde_json::from_slice(&text).unwrap_or_else(|e| panic!("{file} is not a patch: {e}"));
        patch.name = name.to_owned();
        patch
    }

    /// The base with every operation applied in order, or the first that fails, named.
    pub fn apply(&self, base: &Json) -> Result<Json, String> {
        let mut doc = base.clone();
        for (i, op) in self.patch.iter().enumerate() {
            op.apply(&mut doc)
                .map_err(|e| format!("{}: operation {i} ({}): {e}", self.name, op.describe()))?;
        }
        Ok(doc)
    }
}

/// The folder of failing fixtures: patches and raw files.
pub fn fail_dir() -> PathBuf {
    fixtures().join("fail")
}

/// The base definition, parsed with its member order kept.
pub fn base() -> Json {
    let bytes = std::fs::read(fixtures().join(BASE)).expect("the base fixture exists");
    Json::parse(&bytes).unwrap_or_else(|e| panic!("{BASE}: {e}"))
}

/// Every file in `fail/`, sorted by name.
fn fail_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(fail_dir())
        .expect("the fail fixture folder exists")
        .map(|e| e.expect("a readable folder entry").path())
        .collect();
    files.sort();
    files
}

/// Every patch in `fail/`, sorted by name.
pub fn patches() -> Vec<Patch> {
    fail_files()
        .iter()
        .filter(|p| p.to_str().is_some_and(|n| n.ends_with(PATCH_SUFFIX)))
        .map(|p| Patch::read(p))
        .collect()
}

/// A definition that must be rejected: the name it is reported under and its bytes.
pub struct FailFixture {
    /// `fail_<fault>.json`, the name the fixture had when every one was a whole file.
    pub name: String,
    /// The bytes under test.
    pub bytes: Vec<u8>,
}

/// Every failing fixture, patched or raw, sorted by name.
pub fn fail_fixtures() -> Vec<FailFixture> {
    let base = base();
    let mut all: Vec<FailFixture> = Vec::new();
    for path in fail_files() {
        let file = path.file_name().and_then(|n| n.to_str()).unwrap_or("?");
        assert!(
            file.starts_with("fail_") && file.ends_with(".json"),
            "{file}: everything in fail/ is a fail_*.patch.json patch or a raw fail_*.json file"
        );
        let fixture = if file.ends_with(PATCH_SUFFIX) {
            let patch = Patch::read(&path);
            let doc = patch.apply(&base).unwrap_or_else(|e| panic!("{e}"));
            FailFixture {
                name: format!("{}.json", patch.name),
                bytes: doc.to_bytes(),
            }
        } else {
            FailFixture {
                name: file.to_owned(),
                bytes: std::fs::read(&path).unwrap_or_else(|e| panic!("{file}: {e}")),
            }
        };
        assert!(
            all.iter().all(|f| f.name != fixture.name),
            "{} is both a patch and a raw file",
            fixture.name
        );
        all.push(fixture);
    }
    all.sort_by(|a, b| a.name.cmp(&b.name));
    all
}

/// The failing fixture reported as `name`, e.g. `fail_missing_descriptor.json`.
pub fn fail_fixture(name: &str) -> FailFixture {
    fail_fixtures()
        .into_iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no failing fixture {name}"))
}
