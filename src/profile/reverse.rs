//! From Engage's identities and identity groups back to a [`ContactProfile`].

use serde_json::{Map, Value};

use super::ContactProfile;
use crate::models::{Identity, IdentityGroup};

fn some(list: &Option<String>) -> Vec<String> {
    list.iter().filter(|s| !s.trim().is_empty()).cloned().collect()
}

/// Removes `key` from `custom` and returns it when it holds non-blank text. Anything else
/// (a list, a number, blank text) stays where it is, as a custom field.
fn take_text(custom: &mut Map<String, Value>, key: &str) -> Option<String> {
    if !matches!(custom.get(key), Some(Value::String(s)) if !s.trim().is_empty()) {
        return None;
    }
    match custom.remove(key) {
        Some(Value::String(s)) => Some(s),
        _ => None,
    }
}

impl From<&Identity> for ContactProfile {
    /// The profile an identity describes.
    ///
    /// `id` is the identity's `foreign_id` (for a Source SDK identity, the id the service gave
    /// its user), `screen_name` its screen name (else its display name). `extra_values` (where
    /// `context_data` lands) become custom fields, and so do `company` and a display name that
    /// differs from the screen name. Engage-only details (community, type, uuid, linked agents)
    /// are left out; the identity and group ids are kept in their own fields.
    ///
    /// Engage's identity has no birthday or locale field: [`ProfileMapper`] sends them in
    /// `context_data` under the keys `birthday` and `locale`, so they are read back from those
    /// two `extra_values` entries (when they hold text) and do not appear among the custom
    /// fields.
    ///
    /// [`ProfileMapper`]: super::ProfileMapper
    fn from(identity: &Identity) -> Self {
        let mut custom = identity.extra_values.clone();
        let birthday = take_text(&mut custom, "birthday");
        let locale = take_text(&mut custom, "locale");
        if let Some(company) = &identity.company {
            custom.insert("company".to_owned(), Value::from(company.as_str()));
        }
        let screen_name = identity
            .screenname
            .clone()
            .or_else(|| identity.display_name.clone());
        if let Some(display) = &identity.display_name {
            if screen_name.as_ref() != Some(display) {
                custom.insert("display_name".to_owned(), Value::from(display.as_str()));
            }
        }
        ContactProfile {
            id: identity.foreign_id.clone(),
            first_name: identity.firstname.clone(),
            last_name: identity.lastname.clone(),
            screen_name,
            emails: some(&identity.email),
            mobile_phones: some(&identity.mobile_phone),
            home_phones: some(&identity.home_phone),
            gender: identity.gender.clone().filter(|g| !g.trim().is_empty()),
            avatar_url: identity.avatar_url.clone(),
            birthday,
            locale,
            created_at: identity.created_at,
            updated_at: identity.updated_at,
            identity_id: Some(identity.id.clone()),
            identity_group_id: identity.identity_group_id.clone(),
            custom,
        }
    }
}

impl From<&IdentityGroup> for ContactProfile {
    /// The profile an identity group describes.
    ///
    /// A group has no id on the bot's side, so `id` is `None` (set it before mapping the
    /// profile again). Every email and phone is kept, primary first; `custom_field_values`,
    /// `company` and `notes` become custom fields. Identity and tag ids are left out.
    ///
    /// `birthday` and `locale` stay `None`: a group has no field for them, and the
    /// `context_data` where [`ProfileMapper`](super::ProfileMapper) puts them is stored on the
    /// identity (its `extra_values`), not on the group. Read the identity for them. A domain
    /// custom field that happens to be named `birthday` or `locale` stays a custom field.
    fn from(group: &IdentityGroup) -> Self {
        let mut custom = group.custom_field_values.clone();
        for (key, value) in [("company", &group.company), ("notes", &group.notes)] {
            if let Some(value) = value {
                custom.insert(key.to_owned(), Value::from(value.as_str()));
            }
        }
        ContactProfile {
            id: None,
            first_name: group.firstname.clone(),
            last_name: group.lastname.clone(),
            screen_name: None,
            emails: group.emails.clone(),
            mobile_phones: group.mobile_phones.clone(),
            home_phones: group.home_phones.clone(),
            gender: group.gender.clone().filter(|g| !g.trim().is_empty()),
            avatar_url: group.avatar_url.clone(),
            birthday: None,
            locale: None,
            created_at: group.created_at,
            updated_at: group.updated_at,
            identity_id: None,
            identity_group_id: Some(group.id.clone()),
            custom,
        }
    }
}

impl From<Identity> for ContactProfile {
    /// See the `From<&Identity>` implementation.
    fn from(identity: Identity) -> Self {
        ContactProfile::from(&identity)
    }
}

impl From<IdentityGroup> for ContactProfile {
    /// See the `From<&IdentityGroup>` implementation.
    fn from(group: IdentityGroup) -> Self {
        ContactProfile::from(&group)
    }
}
