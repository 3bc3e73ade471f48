//! [`MappingReport`]: what the mapping changed, moved or dropped.

use std::fmt;

use super::ProfileField;

/// Everything the mapping did to the profile beyond copying a value to its place.
///
/// A clean mapping has an empty report. Entries come in the order the mapping made them: known
/// fields first, then `context_data`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MappingReport {
    entries: Vec<ReportEntry>,
}

/// One change made by the mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReportEntry {
    /// Where the value came from: a [`ProfileField::name`] for known fields, or the custom
    /// field's path (`address.city`, `tags[2]`) for custom ones.
    pub source: String,
    /// What happened to it.
    pub change: Change,
}

/// What happened to a value.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Change {
    /// The field's name was turned into this `context_data` key
    /// (see [`context_key`](super::context_key)).
    Renamed {
        /// The key used.
        key: String,
    },
    /// The field's key was already taken, so this one got a suffix: `-two`, `-three`... (the
    /// occurrence number, spelled like digits in keys), the first free one.
    Suffixed {
        /// The key used.
        key: String,
    },
    /// A number or boolean was written as text (`34` → `"34"`), as Engage expects text.
    Stringified,
    /// A text longer than the mapper's limit was cut on a character boundary.
    Truncated {
        /// Length before, in characters.
        original_chars: usize,
        /// Length kept, in characters.
        kept_chars: usize,
    },
    /// A known field whose value does not fit the Engage user field (an unrecognized gender, an
    /// email without `@`, a non-HTTP avatar, a second email) was put in `context_data` instead.
    MovedToContext {
        /// The `context_data` key used.
        key: String,
    },
    /// The screen name was derived from another field.
    Derived {
        /// The field it was derived from.
        from: ProfileField,
    },
    /// A required date was missing and set to the current time.
    DefaultedToNow,
    /// The value was not sent.
    Dropped(DropReason),
}

/// Why a value was not sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DropReason {
    /// It was `null`, which Engage treats as absent anyway.
    Null,
    /// It was an empty list or object, which Engage treats as absent anyway.
    Empty,
    /// A list element that is itself a list or an object: `context_data` lists hold text only.
    NestedInList,
    /// Nested deeper than the mapper's depth limit.
    TooDeep,
    /// Beyond the mapper's limit on the number of `context_data` fields.
    TooManyFields,
    /// An Engage id (identity, identity group): Engage already knows it.
    EngageId,
}

impl MappingReport {
    pub(crate) fn push(&mut self, source: impl Into<String>, change: Change) {
        if self.entries.capacity() == 0 {
            self.entries.reserve(16);
        }
        self.entries.push(ReportEntry {
            source: source.into(),
            change,
        });
    }

    /// All entries, in order.
    pub fn entries(&self) -> &[ReportEntry] {
        &self.entries
    }

    /// Whether the mapping changed nothing worth reporting.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The values that were not sent, with the reason.
    pub fn dropped(&self) -> impl Iterator<Item = (&str, DropReason)> {
        self.entries.iter().filter_map(|e| match e.change {
            Change::Dropped(reason) => Some((e.source.as_str(), reason)),
            _ => None,
        })
    }

    /// The entries about `source`.
    pub fn about<'a>(&'a self, source: &'a str) -> impl Iterator<Item = &'a Change> + 'a {
        self.entries
            .iter()
            .filter(move |e| e.source == source)
            .map(|e| &e.change)
    }
}

impl fmt::Display for ReportEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let source = &self.source;
        match &self.change {
            Change::Renamed { key } => write!(f, "{source}: sent as `{key}`"),
            Change::Suffixed { key } => write!(f, "{source}: key taken, sent as `{key}`"),
            Change::Stringified => write!(f, "{source}: sent as text"),
            Change::Truncated {
                original_chars,
                kept_chars,
            } => {
                write!(
                    f,
                    "{source}: cut from {original_chars} to {kept_chars} characters"
                )
            }
            Change::MovedToContext { key } => {
                write!(f, "{source}: not usable as is, sent in context_data as `{key}`")
            }
            Change::Derived { from } => write!(f, "{source}: derived from {}", from.name()),
            Change::DefaultedToNow => write!(f, "{source}: missing, set to now"),
            Change::Dropped(reason) => write!(f, "{source}: dropped ({reason:?})"),
        }
    }
}
