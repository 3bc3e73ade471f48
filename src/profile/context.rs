//! Building `context_data` from the values the user fields cannot hold.
//!
//! # Rules
//!
//! - Keys follow [`context_key`](super::context_key)'s rules; nested objects are flattened,
//!   their keys joined with `-` (`{"address": {"city": ..}}` → `address-city`), down to the
//!   mapper's depth limit.
//! - Values are sent as text: strings as they are, numbers and booleans as their JSON text.
//!   Lists of such values are kept as lists of text; list elements that are lists or objects
//!   are dropped. `null`, `[]` and `{}` are dropped (Engage treats them as absent).
//! - Texts longer than the mapper's limit are cut on a character boundary.
//! - No two fields ever share a key. Keys are handed out in this order: values moved from known
//!   fields, then custom fields whose name is already a valid key, then the others sorted by
//!   their source path. A key already taken gets the first free suffix among `-two`,
//!   `-three`, ... (so `accepted-gdpr` keeps its name and `accepted_gdpr` becomes
//!   `accepted-gdpr-two`). The result depends only on the input, never on map ordering.
//! - Past the mapper's field limit, the remaining fields (in that same order) are dropped.

use serde_json::{Map, Value};

use super::keys::{is_clean, sanitize, MAX_KEY_CHARS, UNNAMED_KEY};
use super::report::{Change, DropReason, MappingReport};
use super::truncate;

/// Limits applied while building `context_data`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    pub max_value_chars: usize,
    pub max_fields: usize,
    pub max_depth: usize,
}

struct Leaf {
    /// 0: moved from a known field, 1: custom with a valid name, 2: custom renamed.
    rank: u8,
    /// Where the value came from, when that is not `key` itself.
    source: Option<String>,
    key: String,
    value: Value,
}

impl Leaf {
    fn source(&self) -> &str {
        self.source.as_deref().unwrap_or(&self.key)
    }
}

/// Collects values, then hands out keys.
pub(crate) struct ContextBuilder<'r> {
    limits: Limits,
    report: &'r mut MappingReport,
    leaves: Vec<Leaf>,
}

impl<'r> ContextBuilder<'r> {
    pub fn new(limits: Limits, report: &'r mut MappingReport) -> Self {
        ContextBuilder {
            limits,
            report,
            leaves: Vec::new(),
        }
    }

    /// A value moved from a known field under a fixed key; already text and already cut.
    pub fn moved(&mut self, source: &str, key: &str, value: Value) {
        self.report
            .push(source, Change::MovedToContext { key: key.to_owned() });
        let source = (source != key).then(|| source.to_owned());
        self.leaves.push(Leaf {
            rank: 0,
            source,
            key: key.to_owned(),
            value,
        });
    }

    /// A value with a fixed key and no report entry (`birthday`, `locale`).
    pub fn fixed(&mut self, key: &str, value: Value) {
        self.leaves.push(Leaf {
            rank: 0,
            source: None,
            key: key.to_owned(),
            value,
        });
    }

    /// The custom fields of a profile, taken by value so their text is moved, not copied.
    pub fn custom(&mut self, custom: Map<String, Value>) {
        self.leaves.reserve(custom.len());
        for (name, value) in custom {
            if is_clean(&name) {
                self.flatten(None, name, value, 0);
            } else {
                let key = sanitize(&name);
                self.flatten(Some(name), key, value, 0);
            }
        }
    }

    /// `source` is `None` for a top-level field whose name is already its key.
    fn flatten(&mut self, source: Option<String>, key: String, value: Value, depth: usize) {
        let path = |source: &Option<String>, key: &String| source.clone().unwrap_or_else(|| key.clone());
        match value {
            Value::Null => self
                .report
                .push(path(&source, &key), Change::Dropped(DropReason::Null)),
            Value::Array(items) if items.is_empty() => self
                .report
                .push(path(&source, &key), Change::Dropped(DropReason::Empty)),
            Value::Object(map) if map.is_empty() => self
                .report
                .push(path(&source, &key), Change::Dropped(DropReason::Empty)),
            Value::Object(_) if depth >= self.limits.max_depth => {
                self.report
                    .push(path(&source, &key), Change::Dropped(DropReason::TooDeep));
            }
            Value::Object(map) => {
                let parent = path(&source, &key);
                for (name, child) in map {
                    let child_key = join(&key, &sanitize(&name));
                    self.flatten(Some(concat(&parent, ".", &name)), child_key, child, depth + 1);
                }
            }
            Value::Array(items) => {
                let mut list = Vec::with_capacity(items.len());
                for (i, item) in items.into_iter().enumerate() {
                    let element = || format!("{}[{i}]", source.as_deref().unwrap_or(&key));
                    let reason = match item {
                        Value::Null => DropReason::Null,
                        Value::Array(_) | Value::Object(_) => DropReason::NestedInList,
                        scalar => {
                            list.push(Value::String(self.text(element, scalar)));
                            continue;
                        }
                    };
                    self.report.push(element(), Change::Dropped(reason));
                }
                if !list.is_empty() {
                    self.leaf(depth, source, key, Value::Array(list));
                }
            }
            scalar => {
                let text = self.text(|| path(&source, &key), scalar);
                self.leaf(depth, source, key, Value::String(text));
            }
        }
    }

    fn leaf(&mut self, depth: usize, source: Option<String>, key: String, value: Value) {
        let rank = if depth == 0 && source.is_none() { 1 } else { 2 };
        self.leaves.push(Leaf {
            rank,
            source,
            key,
            value,
        });
    }

    /// A scalar as text, cut to the limit, with the report entries that takes. `source` names
    /// the value, and is only called when there is something to report.
    fn text(&mut self, source: impl Fn() -> String, scalar: Value) -> String {
        let mut text = match scalar {
            Value::String(s) => s,
            other => {
                self.report.push(source(), Change::Stringified);
                match other {
                    Value::Bool(b) => if b { "true" } else { "false" }.to_owned(),
                    Value::Number(n) => n.to_string(),
                    scalar => scalar.to_string(),
                }
            }
        };
        if let Some((original_chars, kept_chars)) = truncate(&mut text, self.limits.max_value_chars) {
            self.report.push(
                source(),
                Change::Truncated {
                    original_chars,
                    kept_chars,
                },
            );
        }
        text
    }

    /// Hands out keys and returns `context_data`.
    pub fn finish(mut self) -> Map<String, Value> {
        let mut leaves = std::mem::take(&mut self.leaves);
        leaves.sort_by(|a, b| (a.rank, a.source()).cmp(&(b.rank, b.source())));
        let mut out = Map::new();
        for leaf in leaves {
            if out.len() >= self.limits.max_fields {
                let source = leaf.source().to_owned();
                self.report
                    .push(source, Change::Dropped(DropReason::TooManyFields));
                continue;
            }
            let Leaf {
                rank,
                source,
                key,
                value,
            } = leaf;
            let base = if key.is_empty() {
                UNNAMED_KEY.to_owned()
            } else {
                key
            };
            let key = if out.contains_key(&base) {
                let key = free_key(&out, &base);
                let source = source.unwrap_or(base);
                self.report.push(source, Change::Suffixed { key: key.clone() });
                key
            } else {
                match source {
                    Some(source) if rank != 0 && source != base => {
                        self.report.push(source, Change::Renamed { key: base.clone() });
                    }
                    _ => {}
                }
                base
            };
            out.insert(key, value);
        }
        out
    }
}

/// `a`, `sep` and `b` in one allocation (cheaper than `format!` on this hot path).
fn concat(a: &str, sep: &str, b: &str) -> String {
    let mut s = String::with_capacity(a.len() + sep.len() + b.len());
    s.push_str(a);
    s.push_str(sep);
    s.push_str(b);
    s
}

/// `a-b`, or whichever part is not empty, cut to the key length limit.
fn join(prefix: &str, segment: &str) -> String {
    let mut key = match (prefix.is_empty(), segment.is_empty()) {
        (true, _) => segment.to_owned(),
        (false, true) => prefix.to_owned(),
        (false, false) => concat(prefix, "-", segment),
    };
    cap(&mut key);
    key
}

fn cap(key: &mut String) {
    if key.len() > MAX_KEY_CHARS {
        key.truncate(MAX_KEY_CHARS);
        while key.ends_with('-') {
            key.pop();
        }
    }
}

/// The first free key among `base-two`, `base-three`, ...
fn free_key(taken: &Map<String, Value>, base: &str) -> String {
    (2usize..)
        .map(|n| {
            let suffix = sanitize(&n.to_string());
            let mut stem = base.to_owned();
            // Keep room for the suffix within the key length limit.
            let room = MAX_KEY_CHARS.saturating_sub(suffix.len() + 1);
            if stem.len() > room {
                stem.truncate(room);
                while stem.ends_with('-') {
                    stem.pop();
                }
            }
            if stem.is_empty() {
                suffix
            } else {
                format!("{stem}-{suffix}")
            }
        })
        .find(|key| !taken.contains_key(key))
        .unwrap_or_else(|| UNNAMED_KEY.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn build(custom: Value) -> (Map<String, Value>, MappingReport) {
        let mut report = MappingReport::default();
        let limits = Limits {
            max_value_chars: 10,
            max_fields: 1000,
            max_depth: 3,
        };
        let mut ctx = ContextBuilder::new(limits, &mut report);
        ctx.custom(custom.as_object().unwrap().clone());
        let out = ctx.finish();
        (out, report)
    }

    #[test]
    fn flattens_and_stringifies() {
        let (out, report) = build(json!({
            "address": {"city": "Paris", "zip_code": 75001},
            "fruits": ["Apple", 2, null, {"x": 1}],
            "vip": true,
            "gone": null,
            "none": [],
            "deep": {"a": {"b": {"c": {"d": 1}}}}
        }));
        assert_eq!(
            Value::Object(out),
            json!({"address-city": "Paris", "address-zip-code": "75001", "fruits": ["Apple", "2"], "vip": "true"})
        );
        let dropped: Vec<_> = report.dropped().collect();
        assert!(dropped.contains(&("gone", DropReason::Null)));
        assert!(dropped.contains(&("none", DropReason::Empty)));
        assert!(dropped.contains(&("fruits[2]", DropReason::Null)));
        assert!(dropped.contains(&("fruits[3]", DropReason::NestedInList)));
        assert!(dropped.contains(&("deep.a.b.c", DropReason::TooDeep)));
        assert!(report.about("vip").any(|c| *c == Change::Stringified));
        assert!(report
            .about("address.city")
            .any(|c| matches!(c, Change::Renamed { key } if key == "address-city")));
    }

    #[test]
    fn collisions_get_stable_suffixes() {
        let (out, report) = build(json!({"accepted_gdpr": "a", "accepted-gdpr": "b", "accepted gdpr": "c"}));
        assert_eq!(out["accepted-gdpr"], "b");
        assert_eq!(out["accepted-gdpr-two"], "c");
        assert_eq!(out["accepted-gdpr-three"], "a");
        assert!(report
            .about("accepted_gdpr")
            .any(|c| matches!(c, Change::Suffixed { key } if key == "accepted-gdpr-three")));
    }

    #[test]
    fn long_keys_keep_room_for_suffixes() {
        let long_a = format!("{}_1", "k".repeat(80));
        let long_b = format!("{}_2", "k".repeat(80));
        let (out, _) = build(json!({ long_a: "x", long_b: "y" }));
        assert_eq!(out.len(), 2);
        assert!(out
            .keys()
            .all(|k| k.len() <= MAX_KEY_CHARS && crate::sdk::objects::is_context_key(k)));
    }
}
