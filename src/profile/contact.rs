//! [`ContactProfile`]: a contact as a bot holds it.

use serde_json::{Map, Value};
use time::format_description::well_known::Rfc3339;
use time::{Date, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

use super::{FieldMap, ProfileField};
use crate::models::{IdentityGroupId, IdentityId, Timestamp};
use crate::{Error, Result};

/// A bot's contact profile: the known fields, plus any custom fields.
///
/// Build it from the JSON the bot holds with [`ContactProfile::from_value`] or
/// [`ContactProfile::from_map`], or start from [`ContactProfile::new`] and set fields; turn it into
/// an Engage user with [`ProfileMapper`](super::ProfileMapper).
///
/// Emails and phones are lists (the first usable one is the primary), because Engage's identity
/// groups keep several.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct ContactProfile {
    /// The contact's id on the bot's side; required to build an Engage user.
    pub id: Option<String>,
    /// First name.
    pub first_name: Option<String>,
    /// Last name.
    pub last_name: Option<String>,
    /// The name to display.
    pub screen_name: Option<String>,
    /// Email addresses, primary first.
    pub emails: Vec<String>,
    /// Mobile phone numbers, primary first.
    pub mobile_phones: Vec<String>,
    /// Home phone numbers, primary first.
    pub home_phones: Vec<String>,
    /// Gender, as spelled by the source (`man`, `female`, `F`, `non-binary`...).
    pub gender: Option<String>,
    /// URL of the contact's picture.
    pub avatar_url: Option<String>,
    /// Date of birth, as text.
    pub birthday: Option<String>,
    /// Locale or language, as text.
    pub locale: Option<String>,
    /// When the contact was created.
    pub created_at: Option<Timestamp>,
    /// When the contact was last updated.
    pub updated_at: Option<Timestamp>,
    /// The Engage identity this profile was read from, if any.
    pub identity_id: Option<IdentityId>,
    /// The Engage identity group this profile was read from, if any.
    pub identity_group_id: Option<IdentityGroupId>,
    /// Every other field, as received.
    pub custom: Map<String, Value>,
}

impl ContactProfile {
    /// An empty profile with only an id.
    pub fn new(id: impl Into<String>) -> Self {
        ContactProfile {
            id: Some(id.into()),
            ..Self::default()
        }
    }

    /// Reads a profile from a JSON object, using `fields` to find the known fields.
    ///
    /// Fails only when `value` is not an object.
    pub fn from_value(value: &Value, fields: &FieldMap) -> Result<Self> {
        match value {
            Value::Object(map) => Ok(Self::from_map(map, fields)),
            _ => Err(Error::invalid_argument("profile", "must be a JSON object")),
        }
    }

    /// Reads a profile from a JSON map, using `fields` to find the known fields.
    ///
    /// A key is taken for a known field only when its value fits that field: text fields take
    /// a non-blank string or a number (written as decimal text); emails and phones also take a
    /// list of them; dates take an RFC 3339 date-time, a `YYYY-MM-DD` date (midnight UTC), or a
    /// Unix time in seconds (or milliseconds, from 100,000,000,000 up). Any key not taken,
    /// including a second spelling of an already-found field or a value that does not fit,
    /// stays in [`custom`](Self::custom) unchanged, so nothing is lost.
    pub fn from_map(map: &Map<String, Value>, fields: &FieldMap) -> Self {
        let mut profile = ContactProfile::default();
        // The keys spelling a known field, by field then preference.
        let mut candidates: Vec<(ProfileField, usize, &String, &Value)> = map
            .iter()
            .filter_map(|(k, v)| fields.lookup(k).map(|(field, rank)| (field, rank, k, v)))
            .collect();
        candidates.sort_unstable_by_key(|c| (c.0, c.1));
        let mut taken: Vec<&String> = Vec::with_capacity(candidates.len());
        let mut done: Option<ProfileField> = None;
        for (field, _, key, value) in candidates {
            if done != Some(field) && profile.take(field, value) {
                taken.push(key);
                done = Some(field);
            }
        }
        profile.custom = map
            .iter()
            .filter(|(k, _)| !taken.iter().any(|t| std::ptr::eq(*t, *k)))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        profile
    }

    /// Stores `value` as `field` if it fits; returns whether it did.
    fn take(&mut self, field: ProfileField, value: &Value) -> bool {
        let slot = match field {
            ProfileField::Id => &mut self.id,
            ProfileField::FirstName => &mut self.first_name,
            ProfileField::LastName => &mut self.last_name,
            ProfileField::ScreenName => &mut self.screen_name,
            ProfileField::Gender => &mut self.gender,
            ProfileField::AvatarUrl => &mut self.avatar_url,
            ProfileField::Birthday => &mut self.birthday,
            ProfileField::Locale => &mut self.locale,
            ProfileField::Email => return take_list(&mut self.emails, value),
            ProfileField::MobilePhone => return take_list(&mut self.mobile_phones, value),
            ProfileField::HomePhone => return take_list(&mut self.home_phones, value),
            ProfileField::CreatedAt => return take_date(&mut self.created_at, value),
            ProfileField::UpdatedAt => return take_date(&mut self.updated_at, value),
        };
        match text(value) {
            Some(t) => {
                *slot = Some(t);
                true
            }
            None => false,
        }
    }

    /// The profile as a JSON map, the known fields under the first spelling `fields` gives
    /// them (fields with no spelling are left out), then the custom fields that do not clash.
    ///
    /// Emails and phones are written as a string when there is one, a list when there are
    /// several; dates as RFC 3339.
    pub fn to_map(&self, fields: &FieldMap) -> Map<String, Value> {
        let mut out = Map::new();
        let mut put = |field: ProfileField, value: Value| {
            if let Some(key) = fields.spellings(field).first() {
                out.insert(key.clone(), value);
            }
        };
        let texts = [
            (ProfileField::Id, &self.id),
            (ProfileField::FirstName, &self.first_name),
            (ProfileField::LastName, &self.last_name),
            (ProfileField::ScreenName, &self.screen_name),
            (ProfileField::Gender, &self.gender),
            (ProfileField::AvatarUrl, &self.avatar_url),
            (ProfileField::Birthday, &self.birthday),
            (ProfileField::Locale, &self.locale),
        ];
        for (field, value) in texts {
            if let Some(v) = value {
                put(field, Value::from(v.as_str()));
            }
        }
        let lists = [
            (ProfileField::Email, &self.emails),
            (ProfileField::MobilePhone, &self.mobile_phones),
            (ProfileField::HomePhone, &self.home_phones),
        ];
        for (field, list) in lists {
            match list.as_slice() {
                [] => {}
                [one] => put(field, Value::from(one.as_str())),
                many => put(field, Value::from(many.to_vec())),
            }
        }
        for (field, date) in [
            (ProfileField::CreatedAt, self.created_at),
            (ProfileField::UpdatedAt, self.updated_at),
        ] {
            if let Some(text) = date.and_then(|d| d.format(&Rfc3339).ok()) {
                put(field, Value::from(text));
            }
        }
        for (k, v) in &self.custom {
            out.entry(k.clone()).or_insert_with(|| v.clone());
        }
        out
    }
}

/// A non-blank string (trimmed) or a number as decimal text.
fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn take_list(slot: &mut Vec<String>, value: &Value) -> bool {
    match value {
        Value::Array(items) => {
            let list: Option<Vec<String>> = items.iter().map(text).collect();
            match list {
                Some(list) if !list.is_empty() => {
                    *slot = list;
                    true
                }
                _ => false,
            }
        }
        other => match text(other) {
            Some(t) => {
                *slot = vec![t];
                true
            }
            None => false,
        },
    }
}

fn take_date(slot: &mut Option<Timestamp>, value: &Value) -> bool {
    *slot = parse_date(value);
    slot.is_some()
}

/// Reads a date the way [`ContactProfile::from_map`] documents; `None` when it cannot.
pub(crate) fn parse_date(value: &Value) -> Option<Timestamp> {
    let parsed = match value {
        Value::String(s) => {
            let s = s.trim();
            OffsetDateTime::parse(s, &Rfc3339).ok().or_else(|| {
                let format = time::macros::format_description!("[year]-[month]-[day]");
                Date::parse(s, &format)
                    .ok()
                    .map(|d| PrimitiveDateTime::new(d, Time::MIDNIGHT).assume_utc())
            })?
        }
        Value::Number(n) => {
            let n = n.as_i64()?;
            let secs = if n.unsigned_abs() >= 100_000_000_000 {
                n / 1000
            } else {
                n
            };
            OffsetDateTime::from_unix_timestamp(secs).ok()?
        }
        _ => return None,
    };
    normalize_date(parsed)
}

/// The date in UTC, whole seconds, and within years 1..=9999 (what RFC 3339 can carry).
pub(crate) fn normalize_date(date: Timestamp) -> Option<Timestamp> {
    let utc = date.to_offset(UtcOffset::UTC);
    if !(1..=9999).contains(&utc.year()) {
        return None;
    }
    utc.replace_nanosecond(0).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use time::macros::datetime;

    #[test]
    fn reads_common_spellings() {
        let p = ContactProfile::from_value(
            &json!({
                "userId": "u1", "firstName": "Ada", "family_name": "Lovelace",
                "emails": ["ada@example.com", "a@example.org"], "phone": 33600000000u64,
                "createdAt": "2024-01-02", "updatedAt": 1_704_164_645_000u64, "accepted_gdpr": true
            }),
            &FieldMap::default(),
        )
        .unwrap();
        assert_eq!(p.id.as_deref(), Some("u1"));
        assert_eq!(p.first_name.as_deref(), Some("Ada"));
        assert_eq!(p.last_name.as_deref(), Some("Lovelace"));
        assert_eq!(p.emails, ["ada@example.com", "a@example.org"]);
        assert_eq!(p.mobile_phones, ["33600000000"]);
        assert_eq!(p.created_at, Some(datetime!(2024-01-02 0:00 UTC)));
        assert_eq!(p.updated_at, Some(datetime!(2024-01-02 03:04:05 UTC)));
        assert_eq!(p.custom.len(), 1);
        assert_eq!(p.custom["accepted_gdpr"], true);
    }

    #[test]
    fn unusable_and_duplicate_spellings_stay_custom() {
        let p = ContactProfile::from_map(
            json!({"id": "u", "firstname": {"x": 1}, "first_name": "Ada", "firstName": "Other",
                   "created_at": "yesterday", "email": ""})
            .as_object()
            .unwrap(),
            &FieldMap::default(),
        );
        // `firstname` does not fit, so the next spelling in order (`firstName`) wins.
        assert_eq!(p.first_name.as_deref(), Some("Other"));
        assert_eq!(p.created_at, None);
        let mut keys: Vec<_> = p.custom.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["created_at", "email", "first_name", "firstname"]);
        assert!(ContactProfile::from_value(&json!([1]), &FieldMap::default()).is_err());
    }

    #[test]
    fn dates_out_of_range_are_refused() {
        assert_eq!(parse_date(&json!(i64::MAX)), None);
        assert_eq!(parse_date(&json!("0000-01-01")), None);
        assert_eq!(parse_date(&json!(true)), None);
        assert_eq!(
            parse_date(&json!("2024-01-01T02:00:00.5+02:00")),
            Some(datetime!(2024-01-01 0:00 UTC))
        );
    }

    #[test]
    fn to_map_round_trips() {
        let fields = FieldMap::default();
        let source = json!({"id": "u", "firstname": "Ada", "emails": ["a@x.io", "b@x.io"], "plan": "gold"});
        let p = ContactProfile::from_value(&source, &fields).unwrap();
        let back = Value::Object(p.to_map(&fields));
        assert_eq!(
            back,
            json!({"id": "u", "firstname": "Ada", "email": ["a@x.io", "b@x.io"], "plan": "gold"})
        );
        assert_eq!(ContactProfile::from_value(&back, &fields).unwrap(), p);
    }
}
