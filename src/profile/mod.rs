//! A bot's contact profile, mapped to the Channel SDK [`User`](crate::sdk::objects::User) that
//! Engage shows agents, and back.
//!
//! Engage knows a fixed set of user fields (`firstname`, `email`, `gender`...); everything else
//! travels in `context_data`, whose keys may only hold ASCII letters and `-`. This module:
//!
//! - reads a profile as a bot holds it ([`ContactProfile::from_value`]), accepting the common
//!   spellings of each known field through a configurable [`FieldMap`];
//! - maps it to a valid [`User`](crate::sdk::objects::User) with [`ProfileMapper`], turning every
//!   unmatched field into a `context_data` entry by documented, deterministic rules (see
//!   [`context_key`] for names), and says in a [`MappingReport`] what it renamed, moved, cut or
//!   dropped;
//! - reads Engage's [`Identity`](crate::models::Identity) and
//!   [`IdentityGroup`](crate::models::IdentityGroup) back into a [`ContactProfile`].
//!
//! # `context_data` rules
//!
//! - Keys: see [`context_key`]. Nested objects are flattened, keys joined with `-`
//!   (`{"address": {"city": ..}}` → `address-city`), down to [`DEFAULT_MAX_DEPTH`] levels.
//! - Values are text: numbers and booleans are written as their JSON text (`34` → `"34"`),
//!   lists of scalars stay lists of text, list elements that are lists or objects are dropped,
//!   `null`, `[]` and `{}` are dropped (Engage treats them as absent).
//! - Every text value is cut to [`DEFAULT_MAX_VALUE_CHARS`] characters on a character boundary
//!   (configurable); the user's id is never cut.
//! - No two fields share a key: keys are handed out to values moved from known fields first,
//!   then to custom fields whose name is already a valid key, then to the others sorted by
//!   source path; a taken key gets the first free suffix among `-two`, `-three`, ...
//! - At most [`DEFAULT_MAX_CONTEXT_FIELDS`] fields (configurable); the rest are dropped.
//!
//! Every one of these changes is listed in the [`MappingReport`].
//!
//! ```
//! use ringcentral_engage::profile::ProfileMapper;
//! use serde_json::json;
//!
//! let profile = json!({
//!     "userId": "cognigy-42",
//!     "firstname": "Ada",
//!     "lastname": "Lovelace",
//!     "gender": "F",
//!     "email": "ada@example.com",
//!     "accepted_gdpr": true,
//!     "age2": 36,
//! });
//! let mapped = ProfileMapper::new().map_json(&profile)?;
//! let user = &mapped.user;
//! assert_eq!(user.screenname, "Ada Lovelace");
//! assert_eq!(user.context_data["accepted-gdpr"], "true");
//! assert_eq!(user.context_data["age-two"], "36");
//! # Ok::<(), ringcentral_engage::Error>(())
//! ```

mod contact;
mod context;
mod field_map;
mod keys;
mod mapper;
mod report;
mod reverse;

pub use contact::ContactProfile;
pub use field_map::{FieldMap, ProfileField};
pub use keys::{context_key, MAX_KEY_CHARS, UNNAMED_KEY};
pub use mapper::{
    MappedUser, ProfileMapper, DEFAULT_MAX_CONTEXT_FIELDS, DEFAULT_MAX_DEPTH, DEFAULT_MAX_VALUE_CHARS,
};
pub use report::{Change, DropReason, MappingReport, ReportEntry};

/// Cuts `text` to at most `max_chars` characters, on a character boundary.
///
/// Returns `(original_chars, kept_chars)` when it cut anything.
pub(crate) fn truncate(text: &mut String, max_chars: usize) -> Option<(usize, usize)> {
    if text.len() <= max_chars {
        return None; // at most `len` characters
    }
    let (cut_at, _) = text.char_indices().nth(max_chars)?;
    let original_chars = max_chars + text[cut_at..].chars().count();
    text.truncate(cut_at);
    Some((original_chars, max_chars))
}

#[cfg(test)]
mod tests {
    use super::truncate;

    #[test]
    fn truncate_on_char_boundaries() {
        let mut s = "héllo".to_owned();
        assert_eq!(truncate(&mut s, 2), Some((5, 2)));
        assert_eq!(s, "hé");
        let mut s = "日本語".to_owned();
        assert_eq!(truncate(&mut s, 3), None);
        assert_eq!(truncate(&mut s, 1), Some((3, 1)));
        assert_eq!(s, "日");
    }
}
