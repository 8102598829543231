//! Validation of a parsed definition. Every fault names the JSON path where it was found and says
//! what is wrong and what is expected, so a partnership authoring its own wording can fix its
//! file in one pass: the validator reports every fault it finds, not just the first.
//!
//! The types in [`super::definition`] already guarantee the shape of the file (serde rejects
//! wrong types and unknown fields); this module checks the rules the types cannot express, such
//! as "exactly one descriptor per scale level" or "age bands do not overlap".

use super::definition::*;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt;

/// The smallest number of levels a scale may have.
pub const MIN_LEVELS: usize = 2;
/// The largest number of levels a scale may have.
pub const MAX_LEVELS: usize = 10;
/// The longest identifier accepted (ids are stored with every assessment).
pub const MAX_ID_CHARS: usize = 64;
/// The highest age, in years, a definition may set for a young person's own placement (a child
/// is a child until 18).
pub const MAX_SELF_PLACEMENT_YEARS: u32 = 17;

/// One fault in a definition, at a JSON path such as `$.areas[4].items[1].descriptors`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    /// Where, as a JSON path from the root `$`.
    pub path: String,
    /// What is wrong, and what is expected instead.
    pub message: String,
}

impl Fault {
    /// A fault at `path`.
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Turn a parse error into a path-named fault with a plain message.
pub(crate) fn from_serde(e: &serde_path_to_error::Error<serde_json::Error>) -> Fault {
    use serde_json::error::Category;
    let inner = e.inner();
    let path = json_path(&e.path().to_string());
    let at = format!("line {} column {}", inner.line(), inner.column());
    // serde names a missing field only in its message; put it in the path, where it belongs.
    let text = inner.to_string();
    if let Some(field) = text
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split_once('`'))
        .map(|(field, _)| field)
    {
        let path = if path == "$" {
            format!("$.{field}")
        } else {
            format!("{path}.{field}")
        };
        return Fault::new(
            path,
            format!(
                "the required field {field:?} is missing (the object ends at {at}); add it, \
                 see docs/toolkit-format.md"
            ),
        );
    }
    let message = match inner.classify() {
        Category::Eof => format!(
            "the file ends too early, at {at}; it looks cut off: check that it was copied \
             completely and that every bracket and quote is closed"
        ),
        Category::Syntax => format!(
            "this is not valid JSON ({}); a toolkit definition must be a JSON object",
            plain_serde_message(inner)
        ),
        Category::Data => format!(
            "{}; see docs/toolkit-format.md for the expected form",
            plain_serde_message(inner)
        ),
        Category::Io => format!(
            "the file could not be read ({})",
            plain_serde_message(inner)
        ),
    };
    Fault::new(path, message)
}

/// A serde_path_to_error path (`areas[1].number`, `.`, `areas[0].?`) as a JSON path from `$`.
/// Unknown trailing segments (`?`, where the parser stopped inside a key) are dropped.
fn json_path(raw: &str) -> String {
    let mut p = raw;
    while let Some(rest) = p.strip_suffix(".?").or_else(|| p.strip_suffix('?')) {
        p = rest;
    }
    let p = p.trim_matches('.');
    if p.is_empty() {
        "$".to_string()
    } else if p.starts_with('[') {
        format!("${p}")
    } else {
        format!("$.{p}")
    }
}

/// serde_json's message with its position, with Rust type names put in plain words.
fn plain_serde_message(e: &serde_json::Error) -> String {
    e.to_string()
        .replace("expected u8", "expected a whole number from 0 to 255")
        .replace("expected u32", "expected a whole number")
        .replace("expected a sequence", "expected a list in [ ]")
        .replace("invalid type: map", "invalid type: an object")
        .replace("invalid type: sequence", "invalid type: a list")
}

/// Check everything the types alone cannot: every fault found, in document order.
pub fn validate(def: &ToolkitDefinition) -> Vec<Fault> {
    let mut v = Validator::default();
    v.header(def);
    // With broken level codes every descriptor would be reported against a guess of what was
    // meant; report the scale alone and check levels once it is right.
    let codes = v.scale(&def.scale);
    let bands = v.age_bands(&def.age_bands);
    v.areas(&def.areas, codes.as_ref(), &bands);
    v.guidance(&def.guidance);
    v.placements(def, &bands);
    v.decision_options(&def.decision_options);
    v.contacts(&def.contacts);
    v.review_questions(&def.review_questions);
    v.chronology_categories(&def.chronology_categories);
    v.handover_recipients(&def.handover_recipients);
    v.faults
}

/// Collects faults while walking a definition.
#[derive(Default)]
struct Validator {
    faults: Vec<Fault>,
}

/// Whether `s` is a valid identifier: lower-case letters, digits and single hyphens between them.
fn is_valid_id(s: &str) -> bool {
    !s.is_empty()
        && s.chars().count() <= MAX_ID_CHARS
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
}

/// Whether `s` is a colour written as `#rrggbb`.
fn is_colour(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 7 && b[0] == b'#' && b[1..].iter().all(u8::is_ascii_hexdigit)
}

/// Quote a user's value for a message, shortened so that a huge value cannot flood the output.
fn quoted(s: &str) -> String {
    const MAX: usize = 40;
    if s.chars().count() > MAX {
        let short: String = s.chars().take(MAX).collect();
        format!("{short:?}...")
    } else {
        format!("{s:?}")
    }
}

/// A list of numbers for a message: `1, 2 and 4`.
fn list<T: fmt::Display>(xs: impl IntoIterator<Item = T>) -> String {
    let xs: Vec<String> = xs.into_iter().map(|x| x.to_string()).collect();
    match xs.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

impl Validator {
    fn push(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.faults.push(Fault::new(path, message));
    }

    /// Report blank required text.
    fn text(&mut self, path: &str, value: &str, what: &str) {
        if value.trim().is_empty() {
            self.push(path, format!("{what} is blank; write {what} here"));
        }
    }

    /// Report an identifier that does not follow the id pattern.
    fn id(&mut self, path: &str, value: &str, what: &str) {
        if !is_valid_id(value) {
            self.push(
                path,
                format!(
                    "{what} {} is not a valid identifier; use 1 to {MAX_ID_CHARS} lower-case \
                     letters, digits and single hyphens, e.g. \"early-help\"",
                    quoted(value)
                ),
            );
        }
    }

    /// Report identifiers used twice in one list; `ids` are (path, id) pairs in order.
    fn unique<'a>(&mut self, ids: impl IntoIterator<Item = (String, &'a str)>, what: &str) {
        let mut seen: HashMap<&str, String> = HashMap::new();
        for (path, id) in ids {
            if let Some(first) = seen.get(id) {
                let msg = format!(
                    "{what} {} is used twice (first at {first}); each {what} must be unique",
                    quoted(id)
                );
                self.push(path, msg);
            } else {
                seen.insert(id, path);
            }
        }
    }

    fn header(&mut self, def: &ToolkitDefinition) {
        if def.format != FORMAT_VERSION {
            self.push(
                "$.format",
                format!(
                    "format {} is not supported; this version of the app reads format \
                     {FORMAT_VERSION}",
                    def.format
                ),
            );
        }
        self.id("$.id", &def.id, "the id");
        self.text("$.version", &def.version, "the version");
        self.text("$.title", &def.title, "the title");
        self.text("$.publisher", &def.publisher, "the publisher");
        if let Some(years) = def.self_placement_from_years {
            if !(1..=MAX_SELF_PLACEMENT_YEARS).contains(&years) {
                self.push(
                    "$.self_placement_from_years",
                    format!(
                        "self_placement_from_years {years} is not an age of a child; write a whole number of years from 1 to {MAX_SELF_PLACEMENT_YEARS}, or leave it out for the default of {DEFAULT_SELF_PLACEMENT_FROM_YEARS}"
                    ),
                );
            }
        }
    }

    /// Check the scale; returns the level codes that descriptors may use, or `None` when the
    /// codes themselves are wrong.
    fn scale(&mut self, scale: &Scale) -> Option<BTreeSet<u8>> {
        let mut codes_ok = true;
        let n = scale.levels.len();
        if !(MIN_LEVELS..=MAX_LEVELS).contains(&n) {
            codes_ok = false;
            self.push(
                "$.scale.levels",
                format!(
                    "the scale has {n} level(s); it needs between {MIN_LEVELS} and {MAX_LEVELS}"
                ),
            );
        }
        let mut codes = BTreeSet::new();
        for (i, level) in scale.levels.iter().enumerate() {
            let p = format!("$.scale.levels[{i}]");
            let expected = i + 1;
            if usize::from(level.code) != expected {
                codes_ok = false;
                self.push(
                    format!("{p}.code"),
                    format!(
                        "level code {} is out of order; codes run 1, 2, 3... without gaps, so \
                         this level should have code {expected}",
                        level.code
                    ),
                );
            }
            if level.code >= 1 {
                codes.insert(level.code);
            }
            self.text(&format!("{p}.label"), &level.label, "the label");
            self.text(&format!("{p}.meaning"), &level.meaning, "the meaning");
            if !is_colour(&level.colour) {
                self.push(
                    format!("{p}.colour"),
                    format!(
                        "colour {} is not a colour; write it as # and six hex digits, e.g. \
                         \"#9ccc65\"",
                        quoted(&level.colour)
                    ),
                );
            }
        }
        self.text(
            "$.scale.not_assessed_label",
            &scale.not_assessed_label,
            "the not-assessed label",
        );
        if n > 0 && (scale.concern_from < 1 || usize::from(scale.concern_from) > n) {
            self.push(
                "$.scale.concern_from",
                format!(
                    "concern_from {} is outside the scale; it must be a level code from 1 to {n}",
                    scale.concern_from
                ),
            );
        }
        codes_ok.then_some(codes)
    }

    /// Check the age bands; returns the set of band ids.
    fn age_bands<'a>(&mut self, bands: &'a [AgeBand]) -> HashSet<&'a str> {
        for (i, band) in bands.iter().enumerate() {
            let p = format!("$.age_bands[{i}]");
            self.id(&format!("{p}.id"), &band.id, "the age band id");
            self.text(&format!("{p}.label"), &band.label, "the label");
            if let Some(to) = band.to_months {
                if to <= band.from_months {
                    self.push(
                        format!("{p}.to_months"),
                        format!(
                            "to_months {to} is not after from_months {}; a band ends after it \
                             starts",
                            band.from_months
                        ),
                    );
                }
            }
            if band.before_birth {
                if i != 0 {
                    self.push(
                        format!("{p}.before_birth"),
                        "a before-birth band must be listed first, before the bands of ages after birth; move it to the start of $.age_bands",
                    );
                }
                if band.from_months != 0 || band.to_months.is_some() {
                    self.push(
                        format!("{p}.from_months"),
                        "a before-birth band holds no age in months; write from_months 0 and leave to_months out",
                    );
                }
                continue;
            }
            if let Some(prev) = i
                .checked_sub(1)
                .map(|j| &bands[j])
                .filter(|b| !b.before_birth)
            {
                match prev.to_months {
                    None => self.push(
                        format!("{p}.from_months"),
                        format!(
                            "this band overlaps age band {} at $.age_bands[{}], which has no \
                             to_months and so runs on for ever; only the last band may leave \
                             to_months out",
                            quoted(&prev.id),
                            i - 1
                        ),
                    ),
                    Some(prev_to) if band.from_months < prev_to => self.push(
                        format!("{p}.from_months"),
                        format!(
                            "from_months {} overlaps age band {} at $.age_bands[{}], which runs \
                             to {prev_to} months; bands are listed youngest first and must not \
                             overlap, so this one should start at {prev_to} or later",
                            band.from_months,
                            quoted(&prev.id),
                            i - 1
                        ),
                    ),
                    Some(_) => {}
                }
            }
        }
        self.unique(
            bands
                .iter()
                .enumerate()
                .map(|(i, b)| (format!("$.age_bands[{i}].id"), b.id.as_str())),
            "age band id",
        );
        for (i, _) in bands
            .iter()
            .enumerate()
            .filter(|(_, b)| b.before_birth)
            .skip(1)
        {
            self.push(
                format!("$.age_bands[{i}].before_birth"),
                "there is already a before-birth band; a toolkit has at most one",
            );
        }
        bands.iter().map(|b| b.id.as_str()).collect()
    }

    fn areas(&mut self, areas: &[Area], codes: Option<&BTreeSet<u8>>, bands: &HashSet<&str>) {
        if areas.is_empty() {
            self.push(
                "$.areas",
                "there are no areas; a toolkit needs at least one area",
            );
        }
        let mut seen_numbers: HashMap<u32, usize> = HashMap::new();
        let mut seen_items: HashMap<&str, String> = HashMap::new();
        for (a, area) in areas.iter().enumerate() {
            let p = format!("$.areas[{a}]");
            if let Some(first) = seen_numbers.get(&area.number) {
                self.push(
                    format!("{p}.number"),
                    format!(
                        "area number {} is used twice (first at $.areas[{first}]); each area \
                         needs its own number",
                        area.number
                    ),
                );
            } else {
                if area.number == 0 {
                    self.push(
                        format!("{p}.number"),
                        "area number 0 is not allowed; areas are numbered from 1",
                    );
                }
                if let Some(prev) = a.checked_sub(1).map(|j| &areas[j]) {
                    if area.number < prev.number {
                        self.push(
                            format!("{p}.number"),
                            format!(
                                "area {} comes after area {}; list areas in ascending order of \
                                 number",
                                area.number, prev.number
                            ),
                        );
                    }
                }
                seen_numbers.insert(area.number, a);
            }
            self.text(&format!("{p}.title"), &area.title, "the title");
            if area.items.is_empty() {
                self.push(
                    format!("{p}.items"),
                    "this area has no items; an area needs at least one item",
                );
            }
            for (i, item) in area.items.iter().enumerate() {
                let ip = format!("{p}.items[{i}]");
                self.item_number(&format!("{ip}.number"), &item.number, area.number);
                if let Some(first) = seen_items.get(item.number.as_str()) {
                    let msg = format!(
                        "item number {} is used twice (first at {first}); item numbers must be \
                         unique across the whole toolkit",
                        quoted(&item.number)
                    );
                    self.push(format!("{ip}.number"), msg);
                } else {
                    seen_items.insert(&item.number, ip.clone());
                }
                self.item(&ip, item, codes, bands);
            }
        }
    }

    /// An item number is `<area>.<n>` with `n` from 1, without leading zeros.
    fn item_number(&mut self, path: &str, number: &str, area: u32) {
        let well_formed = number.split_once('.').and_then(|(a, n)| {
            let digits = |s: &str| {
                !s.is_empty()
                    && s.bytes().all(|b| b.is_ascii_digit())
                    && !(s.len() > 1 && s.starts_with('0'))
            };
            if digits(a) && digits(n) {
                Some((a.parse::<u32>().ok()?, n.parse::<u32>().ok()?))
            } else {
                None
            }
        });
        match well_formed {
            None => self.push(
                path,
                format!(
                    "item number {} is not of the form <area>.<n>; for an item of area {area} \
                     write e.g. \"{area}.1\"",
                    quoted(number)
                ),
            ),
            Some((a, _)) if a != area => self.push(
                path,
                format!(
                    "item number {} does not match its area {area}; items of area {area} are \
                     numbered \"{area}.1\", \"{area}.2\" and so on",
                    quoted(number)
                ),
            ),
            Some((_, 0)) => self.push(
                path,
                format!(
                    "item number {} uses 0; items are numbered from \"{area}.1\"",
                    quoted(number)
                ),
            ),
            Some(_) => {}
        }
    }

    fn item(&mut self, p: &str, item: &Item, codes: Option<&BTreeSet<u8>>, bands: &HashSet<&str>) {
        self.text(&format!("{p}.title"), &item.title, "the title");
        self.descriptors(&format!("{p}.descriptors"), &item.descriptors, codes);
        let mut seen_bands: HashMap<&str, usize> = HashMap::new();
        for (k, ad) in item.age_descriptors.iter().enumerate() {
            let ap = format!("{p}.age_descriptors[{k}]");
            if !bands.contains(ad.band.as_str()) {
                let known = if bands.is_empty() {
                    "the toolkit defines no age bands; add them under $.age_bands".to_string()
                } else {
                    let mut ids: Vec<&str> = bands.iter().copied().collect();
                    ids.sort_unstable();
                    format!("use one of the ids in $.age_bands: {}", ids.join(", "))
                };
                self.push(
                    format!("{ap}.band"),
                    format!("age band {} does not exist; {known}", quoted(&ad.band)),
                );
            }
            if let Some(first) = seen_bands.get(ad.band.as_str()) {
                self.push(
                    format!("{ap}.band"),
                    format!(
                        "age band {} already has descriptors at {p}.age_descriptors[{first}]; \
                         give one set per band",
                        quoted(&ad.band)
                    ),
                );
            } else {
                seen_bands.insert(&ad.band, k);
            }
            self.descriptors(&format!("{ap}.descriptors"), &ad.descriptors, codes);
        }
        if let Some(applies) = &item.applies_to {
            self.applies_to(&format!("{p}.applies_to"), applies, bands);
        }
        for (k, prompt) in item.prompts.iter().enumerate() {
            self.text(&format!("{p}.prompts[{k}]"), prompt, "the prompt");
        }
        for (k, alert) in item.alerts.iter().enumerate() {
            let ap = format!("{p}.alerts[{k}]");
            self.id(&format!("{ap}.id"), &alert.id, "the alert id");
            if let Some(max) = codes
                .filter(|c| !c.contains(&alert.when_level_at_least))
                .map(|c| c.last().copied().unwrap_or(0))
            {
                self.push(
                    format!("{ap}.when_level_at_least"),
                    format!(
                        "level {} is not on the scale; the threshold must be a level code from \
                         1 to {max}",
                        alert.when_level_at_least
                    ),
                );
            }
            self.text(&format!("{ap}.title"), &alert.title, "the title");
            self.text(&format!("{ap}.text"), &alert.text, "the text");
        }
        self.unique(
            item.alerts
                .iter()
                .enumerate()
                .map(|(k, a)| (format!("{p}.alerts[{k}].id"), a.id.as_str())),
            "alert id",
        );
    }

    /// An item's list of age bands: not empty, every id a band, none twice.
    fn applies_to(&mut self, p: &str, applies: &[String], bands: &HashSet<&str>) {
        if applies.is_empty() {
            self.push(
                p,
                "applies_to is an empty list, so the item would apply to no child; list the age band ids it applies to, or leave applies_to out for every age",
            );
        }
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (k, id) in applies.iter().enumerate() {
            if !bands.contains(id.as_str()) {
                let mut ids: Vec<&str> = bands.iter().copied().collect();
                ids.sort_unstable();
                let known = if ids.is_empty() {
                    "the toolkit defines no age bands; add them under $.age_bands".to_string()
                } else {
                    format!("use one of the ids in $.age_bands: {}", ids.join(", "))
                };
                self.push(
                    format!("{p}[{k}]"),
                    format!("age band {} does not exist; {known}", quoted(id)),
                );
            }
            if let Some(first) = seen.get(id.as_str()) {
                self.push(
                    format!("{p}[{k}]"),
                    format!(
                        "age band {} is listed twice (first at {p}[{first}]); list each band once",
                        quoted(id)
                    ),
                );
            } else {
                seen.insert(id, k);
            }
        }
    }

    /// Exactly one descriptor per scale level: missing, duplicate and out-of-scale levels are
    /// all reported.
    fn descriptors(&mut self, p: &str, descriptors: &[Descriptor], codes: Option<&BTreeSet<u8>>) {
        for (k, d) in descriptors.iter().enumerate() {
            self.text(&format!("{p}[{k}].text"), &d.text, "the descriptor");
        }
        if let Some(codes) = codes {
            self.descriptor_levels(p, descriptors, codes);
        }
    }

    /// The levels of a list of descriptors against a valid scale.
    fn descriptor_levels(&mut self, p: &str, descriptors: &[Descriptor], codes: &BTreeSet<u8>) {
        let max = codes.last().copied().unwrap_or(0);
        let mut seen: HashMap<u8, usize> = HashMap::new();
        for (k, d) in descriptors.iter().enumerate() {
            let dp = format!("{p}[{k}]");
            if !codes.contains(&d.level) {
                self.push(
                    format!("{dp}.level"),
                    format!(
                        "level {} is not on the scale; descriptors are for level codes 1 to {max}",
                        d.level
                    ),
                );
            } else if let Some(first) = seen.get(&d.level) {
                self.push(
                    format!("{dp}.level"),
                    format!(
                        "level {} already has a descriptor at {p}[{first}]; write exactly one \
                         descriptor per level",
                        d.level
                    ),
                );
            } else {
                seen.insert(d.level, k);
            }
        }
        let missing: Vec<u8> = codes
            .iter()
            .copied()
            .filter(|c| !seen.contains_key(c))
            .collect();
        if !missing.is_empty() {
            let what = if missing.len() == 1 {
                "level"
            } else {
                "levels"
            };
            self.push(
                p,
                format!(
                    "no descriptor for {what} {}; write exactly one descriptor for each level \
                     from 1 to {max}",
                    list(&missing)
                ),
            );
        }
    }

    fn guidance(&mut self, guidance: &[Guidance]) {
        for (i, g) in guidance.iter().enumerate() {
            let p = format!("$.guidance[{i}]");
            self.id(&format!("{p}.id"), &g.id, "the guidance id");
            self.text(&format!("{p}.title"), &g.title, "the title");
            self.text(&format!("{p}.text"), &g.text, "the text");
        }
        self.unique(
            guidance
                .iter()
                .enumerate()
                .map(|(i, g)| (format!("$.guidance[{i}].id"), g.id.as_str())),
            "guidance id",
        );
    }

    /// Every placement of a guidance entry must say where it applies and match something that
    /// exists: a known item, field, age band and characteristic.
    fn placements(&mut self, def: &ToolkitDefinition, bands: &HashSet<&str>) {
        use super::guidance::{CHARACTERISTICS, GUIDANCE_FIELDS};
        for (i, g) in def.guidance.iter().enumerate() {
            for (k, place) in g.applies.iter().enumerate() {
                let p = format!("$.guidance[{i}].applies[{k}]");
                if place.item.is_none() && place.field.is_none() {
                    self.push(
                        &p,
                        "the placement names no item and no field, so it would be shown nowhere; give an \"item\" (e.g. \"5.2\") or a \"field\" (e.g. \"child_view\")",
                    );
                }
                if let Some(item) = &place.item {
                    if def.item(item).is_none() {
                        self.push(
                            format!("{p}.item"),
                            format!(
                                "there is no item {item:?} in this definition; use the number of \
                                 one of its items, e.g. \"5.2\""
                            ),
                        );
                    }
                }
                if let Some(field) = &place.field {
                    if !GUIDANCE_FIELDS.contains(&field.as_str()) {
                        self.push(
                            format!("{p}.field"),
                            format!(
                                "{field:?} is not a field guidance can be shown at; use one of {}",
                                GUIDANCE_FIELDS.join(", ")
                            ),
                        );
                    }
                }
                if let Some(band) = &place.band {
                    if !bands.contains(band.as_str()) {
                        self.push(
                            format!("{p}.band"),
                            format!(
                                "there is no age band {band:?}; use the id of one of the \
                                 definition's age_bands"
                            ),
                        );
                    }
                }
                if let Some(c) = &place.characteristic {
                    if !CHARACTERISTICS.contains(&c.as_str()) {
                        self.push(
                            format!("{p}.characteristic"),
                            format!(
                                "{c:?} is not a characteristic of a child the app knows; use one \
                                 of {}",
                                CHARACTERISTICS.join(", ")
                            ),
                        );
                    }
                }
            }
        }
    }

    fn decision_options(&mut self, options: &[DecisionOption]) {
        if options.is_empty() {
            self.push(
                "$.decision_options",
                "there are no decision options; list at least one, e.g. \"early-help\"",
            );
        }
        for (i, o) in options.iter().enumerate() {
            let p = format!("$.decision_options[{i}]");
            self.id(&format!("{p}.code"), &o.code, "the code");
            self.text(&format!("{p}.label"), &o.label, "the label");
        }
        self.unique(
            options
                .iter()
                .enumerate()
                .map(|(i, o)| (format!("$.decision_options[{i}].code"), o.code.as_str())),
            "decision code",
        );
        let kinds: Vec<(String, String)> = options
            .iter()
            .enumerate()
            .filter_map(|(i, o)| {
                o.kind.map(|k| {
                    let name = serde_json::to_value(k)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default();
                    (format!("$.decision_options[{i}].kind"), name)
                })
            })
            .collect();
        self.unique(
            kinds.iter().map(|(p, k)| (p.clone(), k.as_str())),
            "decision kind",
        );
    }

    fn review_questions(&mut self, questions: &[ReviewQuestion]) {
        for (i, q) in questions.iter().enumerate() {
            let p = format!("$.review_questions[{i}]");
            self.id(&format!("{p}.id"), &q.id, "the id");
            self.text(&format!("{p}.text"), &q.text, "the question");
        }
        self.unique(
            questions
                .iter()
                .enumerate()
                .map(|(i, q)| (format!("$.review_questions[{i}].id"), q.id.as_str())),
            "review question id",
        );
    }

    fn chronology_categories(&mut self, cats: &[ChronologyCategory]) {
        for (i, c) in cats.iter().enumerate() {
            let p = format!("$.chronology_categories[{i}]");
            self.id(&format!("{p}.code"), &c.code, "the code");
            self.text(&format!("{p}.label"), &c.label, "the label");
        }
        self.unique(
            cats.iter().enumerate().map(|(i, c)| {
                (
                    format!("$.chronology_categories[{i}].code"),
                    c.code.as_str(),
                )
            }),
            "chronology category code",
        );
    }

    fn handover_recipients(&mut self, recipients: &[HandoverRecipient]) {
        for (i, r) in recipients.iter().enumerate() {
            let p = format!("$.handover_recipients[{i}]");
            self.text(&format!("{p}.name"), &r.name, "the name");
            if <age::x25519::Recipient as std::str::FromStr>::from_str(r.public_key.trim()).is_err()
            {
                self.push(
                    format!("{p}.public_key"),
                    format!(
                        "{} is not an age public key; it starts with age1 and is 62 characters long",
                        quoted(&r.public_key)
                    ),
                );
            }
        }
    }

    fn contacts(&mut self, contacts: &[Contact]) {
        for (i, c) in contacts.iter().enumerate() {
            let p = format!("$.contacts[{i}]");
            self.id(&format!("{p}.id"), &c.id, "the contact id");
            self.text(&format!("{p}.name"), &c.name, "the name");
            let allowed = |ch: char| ch.is_ascii_digit() || " +-()".contains(ch);
            if !c.phone.chars().all(allowed) {
                self.push(
                    format!("{p}.phone"),
                    format!(
                        "phone number {} has characters other than digits, spaces, +, - and \
                         brackets; write only the number, or leave it empty",
                        quoted(&c.phone)
                    ),
                );
            }
        }
        self.unique(
            contacts
                .iter()
                .enumerate()
                .map(|(i, c)| (format!("$.contacts[{i}].id"), c.id.as_str())),
            "contact id",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_the_pattern() {
        for ok in ["ntk-default", "a", "area-5", "2026"] {
            assert!(is_valid_id(ok), "{ok}");
        }
        for bad in [
            "",
            "Ntk",
            "-a",
            "a-",
            "a--b",
            "a b",
            "a_b",
            "é",
            &"a".repeat(65),
        ] {
            assert!(!is_valid_id(bad), "{bad}");
        }
    }

    #[test]
    fn colours_are_six_hex_digits() {
        assert!(is_colour("#9ccc65"));
        assert!(is_colour("#ABCDEF"));
        for bad in ["9ccc65", "#9cc", "#9ccc6g", "#9ccc650", "#ééé"] {
            assert!(!is_colour(bad), "{bad}");
        }
    }

    #[test]
    fn lists_read_as_prose() {
        assert_eq!(list([1]), "1");
        assert_eq!(list([1, 2]), "1 and 2");
        assert_eq!(list([1, 2, 4]), "1, 2 and 4");
    }

    #[test]
    fn long_values_are_shortened_in_messages() {
        let q = quoted(&"x".repeat(1000));
        assert!(q.len() < 50, "{q}");
        assert!(q.ends_with("..."));
    }

    #[test]
    fn item_numbers_must_match_their_area() {
        let mut v = Validator::default();
        v.item_number("$", "5.2", 5);
        assert!(v.faults.is_empty());
        for bad in [
            "5", "5.", ".2", "4.2", "5.0", "05.2", "5.02", "5.2.1", "5.x",
        ] {
            let mut v = Validator::default();
            v.item_number("$", bad, 5);
            assert_eq!(v.faults.len(), 1, "{bad}");
        }
    }

    #[test]
    fn missing_duplicate_and_out_of_scale_descriptors_are_all_reported() {
        let codes: BTreeSet<u8> = [1, 2, 3, 4].into();
        let d = |level, text: &str| Descriptor {
            level,
            text: text.into(),
        };
        let mut v = Validator::default();
        v.descriptors(
            "$.d",
            &[d(1, "a"), d(1, "b"), d(7, "c"), d(2, " ")],
            Some(&codes),
        );
        let paths: Vec<&str> = v.faults.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            ["$.d[3].text", "$.d[1].level", "$.d[2].level", "$.d"]
        );
        assert!(v.faults[3].message.contains("levels 3 and 4"));
    }

    #[test]
    fn parser_paths_read_as_json_paths() {
        assert_eq!(json_path("."), "$");
        assert_eq!(json_path("?"), "$");
        assert_eq!(json_path("areas[1].number"), "$.areas[1].number");
        assert_eq!(
            json_path("areas[0].descriptors[3].?"),
            "$.areas[0].descriptors[3]"
        );
        assert_eq!(json_path("[0]"), "$[0]");
    }
}
