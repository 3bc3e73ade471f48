//! [`ProfileMapper`]: a [`ContactProfile`] to an Engage [`User`].

use serde_json::Value;
use time::OffsetDateTime;

use super::context::{ContextBuilder, Limits};
use super::report::{Change, DropReason, MappingReport};
use super::{truncate, ContactProfile, FieldMap, ProfileField};
use crate::models::Timestamp;
use crate::sdk::objects::{Gender, User};
use crate::{Error, Result};

/// The default limit on the length of a text value, in characters.
pub const DEFAULT_MAX_VALUE_CHARS: usize = 1024;
/// The default limit on the number of `context_data` fields.
pub const DEFAULT_MAX_CONTEXT_FIELDS: usize = 1000;
/// The default limit on how deep nested objects are flattened.
pub const DEFAULT_MAX_DEPTH: usize = 8;

/// A mapped user and what the mapping changed to get there.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct MappedUser {
    /// The user to send to Engage; it passes [`User::validate`].
    pub user: User,
    /// What was renamed, moved, cut, derived or dropped.
    pub report: MappingReport,
}

/// Maps a bot's contact profile to the Channel SDK [`User`] object.
///
/// # What goes where
///
/// - `id`: the profile's id, trimmed, never cut (cutting could merge two users). Required.
/// - `firstname`, `lastname`, `mobile_phone`, `home_phone`: the (first) value, cut to
///   [`max_value_chars`](Self::max_value_chars).
/// - `email`: the first email that looks like one (`local@domain`, no spaces).
/// - `avatar_url`: the avatar when it looks like an `http` or `https` URL (scheme, non-empty
///   host, no spaces).
/// - `gender`: `man` for `man`/`male`/`m`, `woman` for `woman`/`female`/`f`, ignoring case
///   and surrounding spaces; any other value is not guessed: it goes to `context_data` as
///   `gender`.
/// - `screenname`: the screen name, else first and last name, else the email's local part,
///   else the id (reported as [`Change::Derived`]).
/// - `created_at`, `updated_at`: the profile's dates in UTC to the second; a missing one is
///   set to the current time ([`Change::DefaultedToNow`]).
/// - `puppetizable`: as set on the mapper (`false` by default).
/// - `context_data`: `birthday`, `locale`, unusable known values (an email without `@`...),
///   extra emails and phones (`other-emails`, `other-mobile-phones`, `other-home-phones`) and
///   every custom field, following the `context_data` rules in the [module docs](super).
///
/// The profile's Engage identity and group ids are not sent ([`DropReason::EngageId`]).
#[derive(Debug, Clone)]
pub struct ProfileMapper {
    fields: FieldMap,
    max_value_chars: usize,
    max_context_fields: usize,
    max_depth: usize,
    puppetizable: bool,
    now: Option<Timestamp>,
}

impl Default for ProfileMapper {
    fn default() -> Self {
        ProfileMapper {
            fields: FieldMap::default(),
            max_value_chars: DEFAULT_MAX_VALUE_CHARS,
            max_context_fields: DEFAULT_MAX_CONTEXT_FIELDS,
            max_depth: DEFAULT_MAX_DEPTH,
            puppetizable: false,
            now: None,
        }
    }
}

impl ProfileMapper {
    /// A mapper with the default field map and limits.
    pub fn new() -> Self {
        Self::default()
    }

    /// Uses `fields` to read JSON profiles in [`map_json`](Self::map_json).
    pub fn field_map(mut self, fields: FieldMap) -> Self {
        self.fields = fields;
        self
    }

    /// Cuts every text value (but the id) to at most `chars` characters (at least 1).
    /// Default: [`DEFAULT_MAX_VALUE_CHARS`].
    pub fn max_value_chars(mut self, chars: usize) -> Self {
        self.max_value_chars = chars.max(1);
        self
    }

    /// Sends at most `fields` `context_data` fields. Default: [`DEFAULT_MAX_CONTEXT_FIELDS`].
    pub fn max_context_fields(mut self, fields: usize) -> Self {
        self.max_context_fields = fields;
        self
    }

    /// Flattens nested objects down to `depth` levels. Default: [`DEFAULT_MAX_DEPTH`].
    pub fn max_depth(mut self, depth: usize) -> Self {
        self.max_depth = depth;
        self
    }

    /// Whether Engage may author messages as the user. Default: `false`.
    pub fn puppetizable(mut self, puppetizable: bool) -> Self {
        self.puppetizable = puppetizable;
        self
    }

    /// Uses `now` instead of the clock for missing dates (for reproducible output). It is
    /// taken in UTC to the second; a time outside years 1 to 9999 is ignored.
    pub fn now(mut self, now: Timestamp) -> Self {
        self.now = super::contact::normalize_date(now);
        self
    }

    /// Reads a JSON profile with the mapper's field map, then maps it.
    pub fn map_json(&self, value: &Value) -> Result<MappedUser> {
        self.map_owned(ContactProfile::from_value(value, &self.fields)?)
    }

    /// Maps `profile` to a user. Fails only when the profile has no non-blank id.
    pub fn map(&self, profile: &ContactProfile) -> Result<MappedUser> {
        self.map_owned(profile.clone())
    }

    /// Like [`map`](Self::map), moving the profile's text into the user instead of copying it.
    pub fn map_owned(&self, profile: ContactProfile) -> Result<MappedUser> {
        let ContactProfile {
            id,
            first_name,
            last_name,
            screen_name,
            emails,
            mobile_phones,
            home_phones,
            gender,
            avatar_url,
            birthday,
            locale,
            created_at,
            updated_at,
            identity_id,
            identity_group_id,
            custom,
        } = profile;
        let id = match id.map(trimmed) {
            Some(id) if !id.is_empty() => id,
            _ => {
                return Err(Error::invalid_argument(
                    "profile.id",
                    "a non-blank id is required",
                ))
            }
        };
        let mut report = MappingReport::default();
        let mut moved: Vec<(&'static str, &'static str, Value)> = Vec::new();
        let cut = |field: ProfileField, value: String, report: &mut MappingReport| {
            let mut text = trimmed(value);
            if let Some((original_chars, kept_chars)) = truncate(&mut text, self.max_value_chars) {
                report.push(
                    field.name(),
                    Change::Truncated {
                        original_chars,
                        kept_chars,
                    },
                );
            }
            (!text.is_empty()).then_some(text)
        };

        let firstname = first_name.and_then(|v| cut(ProfileField::FirstName, v, &mut report));
        let lastname = last_name.and_then(|v| cut(ProfileField::LastName, v, &mut report));

        let (email, other_emails) = pick(emails, |e| looks_like_email(e.trim()));
        let email = email.and_then(|v| cut(ProfileField::Email, v, &mut report));
        let (mobile_phone, other_mobiles) = pick(mobile_phones, |p| !p.trim().is_empty());
        let mobile_phone = mobile_phone.and_then(|v| cut(ProfileField::MobilePhone, v, &mut report));
        let (home_phone, other_homes) = pick(home_phones, |p| !p.trim().is_empty());
        let home_phone = home_phone.and_then(|v| cut(ProfileField::HomePhone, v, &mut report));
        let others = [
            (ProfileField::Email, "other-emails", other_emails),
            (ProfileField::MobilePhone, "other-mobile-phones", other_mobiles),
            (ProfileField::HomePhone, "other-home-phones", other_homes),
        ];
        for (field, key, list) in others {
            let list: Vec<Value> = list
                .into_iter()
                .filter_map(|v| cut(field, v, &mut report).map(Value::String))
                .collect();
            if !list.is_empty() {
                moved.push((field.name(), key, Value::Array(list)));
            }
        }

        let avatar_url = match avatar_url.and_then(|v| cut(ProfileField::AvatarUrl, v, &mut report)) {
            Some(avatar) if is_http_url(&avatar) => Some(avatar),
            Some(other) => {
                moved.push((ProfileField::AvatarUrl.name(), "avatar-url", Value::String(other)));
                None
            }
            None => None,
        };
        let gender = match gender.and_then(|v| cut(ProfileField::Gender, v, &mut report)) {
            Some(raw) => {
                let parsed = parse_gender(&raw);
                if parsed.is_none() {
                    moved.push((ProfileField::Gender.name(), "gender", Value::String(raw)));
                }
                parsed
            }
            None => None,
        };
        let fixed = [
            (ProfileField::Birthday, "birthday", birthday),
            (ProfileField::Locale, "locale", locale),
        ];
        let mut fixed_leaves = Vec::new();
        for (field, key, value) in fixed {
            if let Some(text) = value.and_then(|v| cut(field, v, &mut report)) {
                fixed_leaves.push((key, Value::String(text)));
            }
        }

        let names = Names {
            given: screen_name,
            first: firstname.as_deref(),
            last: lastname.as_deref(),
            email: email.as_deref(),
            id: &id,
        };
        let screenname = self.screenname(names, &mut report);

        let now = self.now.unwrap_or_else(now_utc);
        let mut date = |field: ProfileField, value: Option<Timestamp>| {
            value.and_then(super::contact::normalize_date).unwrap_or_else(|| {
                report.push(field.name(), Change::DefaultedToNow);
                now
            })
        };
        let created_at = date(ProfileField::CreatedAt, created_at);
        let updated_at = date(ProfileField::UpdatedAt, updated_at);
        if identity_id.is_some() {
            report.push("identity_id", Change::Dropped(DropReason::EngageId));
        }
        if identity_group_id.is_some() {
            report.push("identity_group_id", Change::Dropped(DropReason::EngageId));
        }

        let limits = Limits {
            max_value_chars: self.max_value_chars,
            max_fields: self.max_context_fields,
            max_depth: self.max_depth,
        };
        let mut ctx = ContextBuilder::new(limits, &mut report);
        for (key, value) in fixed_leaves {
            ctx.fixed(key, value);
        }
        for (source, key, value) in moved {
            ctx.moved(source, key, value);
        }
        ctx.custom(custom);
        let context_data = ctx.finish();

        let mut user = User::new(id, screenname, created_at, updated_at)?;
        user.firstname = firstname;
        user.lastname = lastname;
        user.email = email;
        user.home_phone = home_phone;
        user.mobile_phone = mobile_phone;
        user.avatar_url = avatar_url;
        user.gender = gender;
        user.puppetizable = self.puppetizable;
        user.context_data = context_data;
        user.validate()?;
        Ok(MappedUser { user, report })
    }

    fn screenname(&self, names: Names<'_>, report: &mut MappingReport) -> String {
        let source = ProfileField::ScreenName.name();
        let given = names.given.map(trimmed).filter(|s| !s.is_empty());
        let (mut name, from) = if let Some(given) = given {
            (given, None)
        } else if let Some(full) = match (names.first, names.last) {
            (Some(f), Some(l)) => {
                let mut full = String::with_capacity(f.len() + 1 + l.len());
                full.push_str(f);
                full.push(' ');
                full.push_str(l);
                Some(full)
            }
            (Some(one), None) | (None, Some(one)) => Some(one.to_owned()),
            (None, None) => None,
        } {
            let from = if names.first.is_some() {
                ProfileField::FirstName
            } else {
                ProfileField::LastName
            };
            (full, Some(from))
        } else if let Some(local) = names
            .email
            .and_then(|e| e.split('@').next())
            .filter(|l| !l.is_empty())
        {
            (local.to_owned(), Some(ProfileField::Email))
        } else {
            (names.id.to_owned(), Some(ProfileField::Id))
        };
        if let Some(from) = from {
            report.push(source, Change::Derived { from });
        }
        if let Some((original_chars, kept_chars)) = truncate(&mut name, self.max_value_chars) {
            report.push(
                source,
                Change::Truncated {
                    original_chars,
                    kept_chars,
                },
            );
        }
        name
    }
}

/// What the screen name may be derived from.
struct Names<'a> {
    given: Option<String>,
    first: Option<&'a str>,
    last: Option<&'a str>,
    email: Option<&'a str>,
    id: &'a str,
}

/// `s` without surrounding whitespace, reusing its buffer when nothing is trimmed.
fn trimmed(s: String) -> String {
    let t = s.trim();
    if t.len() == s.len() {
        s
    } else {
        t.to_owned()
    }
}

/// The first item passing `ok`, and all the others (non-blank), in order.
fn pick(items: Vec<String>, ok: impl Fn(&str) -> bool) -> (Option<String>, Vec<String>) {
    let mut chosen = None;
    let mut others = Vec::new();
    for item in items {
        if chosen.is_none() && ok(&item) {
            chosen = Some(item);
        } else if !item.trim().is_empty() {
            others.push(item);
        }
    }
    (chosen, others)
}

fn looks_like_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.is_empty()
                && !domain.contains('@')
                && !s.chars().any(char::is_whitespace)
        }
        None => false,
    }
}

/// `http://` or `https://` (any case), a non-empty host, and no spaces or control characters.
fn is_http_url(s: &str) -> bool {
    let rest = match s.split_once("://") {
        Some((scheme, rest))
            if scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https") =>
        {
            rest
        }
        _ => return false,
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    !host.is_empty() && !s.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// `man`/`woman` from the usual spellings; `None` for anything else.
pub(crate) fn parse_gender(raw: &str) -> Option<Gender> {
    let raw = raw.trim();
    let is = |s: &str| raw.eq_ignore_ascii_case(s);
    if is("man") || is("male") || is("m") {
        Some(Gender::Man)
    } else if is("woman") || is("female") || is("f") {
        Some(Gender::Woman)
    } else {
        None
    }
}

fn now_utc() -> Timestamp {
    let now = OffsetDateTime::now_utc();
    now.replace_nanosecond(0).unwrap_or(now)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_and_email_checks() {
        assert!(is_http_url("https://cdn.example.com/a.png"));
        assert!(is_http_url("HTTP://example.com"));
        assert!(!is_http_url("https:///a.png"));
        assert!(!is_http_url("ftp://example.com/a.png"));
        assert!(!is_http_url("https://exa mple.com"));
        assert!(!is_http_url("javascript:alert(1)"));
        assert!(looks_like_email("a@b"));
        assert!(!looks_like_email("a@b@c"));
        assert!(!looks_like_email("@b"));
        assert!(!looks_like_email("a b@c"));
    }
}
