//! [`FieldMap`]: which keys of a bot's profile hold which known field.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A known field of a [`ContactProfile`](super::ContactProfile).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ProfileField {
    /// The contact's id on the bot's side; becomes the Engage user's `id`.
    Id,
    /// First name.
    FirstName,
    /// Last name.
    LastName,
    /// The name to display.
    ScreenName,
    /// Email addresses (a string or a list).
    Email,
    /// Mobile phone numbers (a string, a number or a list).
    MobilePhone,
    /// Home phone numbers (a string, a number or a list).
    HomePhone,
    /// Gender, as the bot spells it.
    Gender,
    /// URL of the contact's picture.
    AvatarUrl,
    /// Date of birth, kept as text.
    Birthday,
    /// Locale or language, kept as text.
    Locale,
    /// When the contact was created.
    CreatedAt,
    /// When the contact was last updated.
    UpdatedAt,
}

impl ProfileField {
    /// Every known field, in the order the mapping reads them.
    pub const ALL: [ProfileField; 13] = [
        ProfileField::Id,
        ProfileField::FirstName,
        ProfileField::LastName,
        ProfileField::ScreenName,
        ProfileField::Email,
        ProfileField::MobilePhone,
        ProfileField::HomePhone,
        ProfileField::Gender,
        ProfileField::AvatarUrl,
        ProfileField::Birthday,
        ProfileField::Locale,
        ProfileField::CreatedAt,
        ProfileField::UpdatedAt,
    ];

    /// A stable snake_case name for the field, used in [`MappingReport`](super::MappingReport)s.
    pub fn name(self) -> &'static str {
        match self {
            ProfileField::Id => "id",
            ProfileField::FirstName => "first_name",
            ProfileField::LastName => "last_name",
            ProfileField::ScreenName => "screen_name",
            ProfileField::Email => "email",
            ProfileField::MobilePhone => "mobile_phone",
            ProfileField::HomePhone => "home_phone",
            ProfileField::Gender => "gender",
            ProfileField::AvatarUrl => "avatar_url",
            ProfileField::Birthday => "birthday",
            ProfileField::Locale => "locale",
            ProfileField::CreatedAt => "created_at",
            ProfileField::UpdatedAt => "updated_at",
        }
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }

    fn default_spellings(self) -> &'static [&'static str] {
        match self {
            ProfileField::Id => &["id", "userId", "user_id", "contactId", "contact_id"],
            ProfileField::FirstName => &["firstname", "firstName", "first_name", "given_name", "givenName"],
            ProfileField::LastName => &[
                "lastname",
                "lastName",
                "last_name",
                "family_name",
                "familyName",
                "surname",
            ],
            ProfileField::ScreenName => &[
                "screenname",
                "screenName",
                "screen_name",
                "displayName",
                "display_name",
                "nickname",
            ],
            ProfileField::Email => &["email", "emails", "emailAddress", "email_address", "mail"],
            ProfileField::MobilePhone => &[
                "mobile_phone",
                "mobilePhone",
                "mobile",
                "phone",
                "phoneNumber",
                "phone_number",
                "phones",
            ],
            ProfileField::HomePhone => &["home_phone", "homePhone", "landline"],
            ProfileField::Gender => &["gender", "sex"],
            ProfileField::AvatarUrl => &[
                "avatar_url",
                "avatarUrl",
                "avatar",
                "profilepic",
                "profilePic",
                "profile_pic",
                "picture",
            ],
            ProfileField::Birthday => &[
                "birthday",
                "birthdate",
                "birthDate",
                "birth_date",
                "date_of_birth",
                "dob",
            ],
            ProfileField::Locale => &["locale", "language", "lang"],
            ProfileField::CreatedAt => &["created_at", "createdAt"],
            ProfileField::UpdatedAt => &["updated_at", "updatedAt"],
        }
    }
}

/// FNV-1a: field names are short and not attacker-chosen keys of a long-lived table (the index is
/// built from the map's own spellings), so a simple fast hash is enough.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            hash ^= u64::from(*b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }
}

/// The keys, in order of preference, under which each known field may appear in a bot's profile.
///
/// Keys are matched exactly (case matters) at the top level of the profile. For each field the
/// first key holding a usable value wins; any other key is left with the custom fields (and so
/// reaches `context_data`), so two spellings of one field never silently overwrite each other.
///
/// [`FieldMap::default`] accepts the common spellings (`firstname`, `firstName`, `first_name`,
/// `given_name`, `email`/`emails`, `phone`/`mobile`, `profilepic`...); [`FieldMap::empty`]
/// accepts none, for a fully custom mapping.
///
/// ```
/// use ringcentral_engage::profile::{FieldMap, ProfileField};
///
/// let map = FieldMap::default().with_spelling(ProfileField::FirstName, "prenom");
/// assert!(map.spellings(ProfileField::FirstName).iter().any(|k| k == "prenom"));
/// ```
#[derive(Clone)]
pub struct FieldMap {
    spellings: Vec<Vec<String>>,
    /// Every spelling, with its field and rank among that field's spellings.
    index: HashMap<String, (ProfileField, usize), BuildHasherDefault<Fnv>>,
}

impl std::fmt::Debug for FieldMap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut map = f.debug_map();
        for field in ProfileField::ALL {
            map.entry(&field, &self.spellings(field));
        }
        map.finish()
    }
}

impl PartialEq for FieldMap {
    fn eq(&self, other: &Self) -> bool {
        self.spellings == other.spellings
    }
}

impl Eq for FieldMap {}

impl Default for FieldMap {
    fn default() -> Self {
        FieldMap::from_spellings(
            ProfileField::ALL
                .iter()
                .map(|f| f.default_spellings().iter().map(|s| (*s).to_owned()).collect())
                .collect(),
        )
    }
}

impl FieldMap {
    fn from_spellings(spellings: Vec<Vec<String>>) -> Self {
        let mut map = FieldMap {
            spellings,
            index: HashMap::default(),
        };
        map.reindex();
        map
    }

    fn reindex(&mut self) {
        self.index.clear();
        for field in ProfileField::ALL {
            for (rank, key) in self.spellings[field.index()].iter().enumerate() {
                // A key listed for two fields belongs to the first one.
                self.index.entry(key.clone()).or_insert((field, rank));
            }
        }
    }

    /// The field `key` spells and its rank among that field's spellings (0 = preferred).
    pub(crate) fn lookup(&self, key: &str) -> Option<(ProfileField, usize)> {
        self.index.get(key).copied()
    }

    /// A map that recognizes no key at all: every key of the profile is a custom field.
    pub fn empty() -> Self {
        FieldMap::from_spellings(vec![Vec::new(); ProfileField::ALL.len()])
    }

    /// The keys read for `field`, most preferred first.
    pub fn spellings(&self, field: ProfileField) -> &[String] {
        &self.spellings[field.index()]
    }

    /// Adds `key` as the least preferred spelling of `field` (no effect if already present).
    pub fn with_spelling(mut self, field: ProfileField, key: impl Into<String>) -> Self {
        let key = key.into();
        let list = &mut self.spellings[field.index()];
        if !list.contains(&key) {
            list.push(key);
            self.reindex();
        }
        self
    }

    /// Replaces the spellings of `field` with `keys`, most preferred first (an empty list turns
    /// the field off).
    pub fn with_spellings<I, S>(mut self, field: ProfileField, keys: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.spellings[field.index()] = keys.into_iter().map(Into::into).collect();
        self.reindex();
        self
    }

    /// The field `key` is a spelling of, if any (the first one, if it is listed for several).
    pub fn field_of(&self, key: &str) -> Option<ProfileField> {
        self.lookup(key).map(|(field, _)| field)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_overrides() {
        let map = FieldMap::default();
        assert_eq!(map.field_of("given_name"), Some(ProfileField::FirstName));
        assert_eq!(map.field_of("emails"), Some(ProfileField::Email));
        assert_eq!(map.field_of("accepted_gdpr"), None);
        let map = map
            .with_spellings(ProfileField::Gender, ["genre"])
            .with_spelling(ProfileField::Gender, "genre");
        assert_eq!(map.spellings(ProfileField::Gender), ["genre"]);
        assert_eq!(FieldMap::empty().field_of("email"), None);
        for (i, f) in ProfileField::ALL.into_iter().enumerate() {
            assert_eq!(f.index(), i);
        }
    }
}
