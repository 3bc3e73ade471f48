//! Identities (a customer's account on one source) and identity groups (the customer profile
//! that merges identities), as `GET /identities/{id}` and `GET /identity_groups/{id}` return them.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::de::null_as_default;
use super::{CommunityId, IdentityGroupId, IdentityId, TagId, Timestamp, UserId};

/// A customer's identity on one community (an email address, a Facebook account, a Source SDK
/// user...).
///
/// For a Source SDK source, `foreign_id` is the `id` the service gave the [`User`] it pushed.
///
/// [`User`]: crate::sdk::objects::User
///
/// Fields this crate does not know yet land in [`extra`](Identity::extra) and are written back
/// unchanged when the identity is serialized.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Identity {
    /// The identity's Engage id.
    pub id: IdentityId,
    /// An Engage-wide unique id of the identity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    /// The identity's id on its community (for a Source SDK source: the service's user id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub foreign_id: Option<String>,
    /// The community the identity belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub community_id: Option<CommunityId>,
    /// A link to the identity's page on its community, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub community_url: Option<String>,
    /// The identity group holding the customer's profile; `None` when the identity has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_group_id: Option<IdentityGroupId>,
    /// The kind of identity, as Engage names it.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The name shown for the identity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub screenname: Option<String>,
    /// A display name, when the community has one distinct from the screen name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub firstname: Option<String>,
    /// Last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lastname: Option<String>,
    /// Email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Home phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub home_phone: Option<String>,
    /// Mobile phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile_phone: Option<String>,
    /// `man`, `woman`, or absent; kept as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<String>,
    /// Company name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    /// URL of the identity's picture.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avatar_url: Option<String>,
    /// Free-form values stored on the identity (where a Source SDK user's `context_data` lands).
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Map::is_empty"
    )]
    pub extra_values: Map<String, Value>,
    /// The Engage users (agents) linked to the identity.
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub user_ids: Vec<UserId>,
    /// Creation time.
    #[serde(
        default,
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub created_at: Option<Timestamp>,
    /// Last update time.
    #[serde(
        default,
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub updated_at: Option<Timestamp>,
    /// Every other field of the answer, such as fields Engage added after this crate.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A customer profile grouping one or more identities, with the details agents edit.
///
/// Fields this crate does not know yet land in [`extra`](IdentityGroup::extra) and are written back
/// unchanged when the identity group is serialized.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct IdentityGroup {
    /// The group's Engage id.
    pub id: IdentityGroupId,
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub firstname: Option<String>,
    /// Last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lastname: Option<String>,
    /// `man`, `woman`, or absent; kept as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<String>,
    /// Company name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    /// URL of the customer's picture.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avatar_url: Option<String>,
    /// Email addresses.
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub emails: Vec<String>,
    /// Home phone numbers.
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub home_phones: Vec<String>,
    /// Mobile phone numbers.
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub mobile_phones: Vec<String>,
    /// Agents' notes about the customer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Values of the domain's custom fields, by field key.
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Map::is_empty"
    )]
    pub custom_field_values: Map<String, Value>,
    /// The identities in the group.
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub identity_ids: Vec<IdentityId>,
    /// Tags applied to the customer.
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub tag_ids: Vec<TagId>,
    /// Creation time.
    #[serde(
        default,
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub created_at: Option<Timestamp>,
    /// Last update time.
    #[serde(
        default,
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub updated_at: Option<Timestamp>,
    /// Every other field of the answer, such as fields Engage added after this crate.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn identity_parses_every_documented_field() {
        let identity: Identity = serde_json::from_value(json!({
            "id": "5a1e7f4b7765627ab9000001",
            "uuid": "0b7e-4c",
            "foreign_id": "cognigy-user-1",
            "community_id": "5a1e7f4b7765627ab9000002",
            "community_url": null,
            "identity_group_id": "5a1e7f4b7765627ab9000003",
            "type": "SourceSdk::Identity",
            "screenname": "Ada L.",
            "display_name": "Ada Lovelace",
            "firstname": "Ada",
            "lastname": "Lovelace",
            "email": "ada@example.com",
            "home_phone": "+33100000000",
            "mobile_phone": "+33600000000",
            "gender": "woman",
            "company": "Analytical Engines",
            "avatar_url": "https://example.com/a.png",
            "extra_values": {"accepted-gdpr": "true"},
            "user_ids": null,
            "created_at": "2024-01-02T03:04:05Z",
            "updated_at": "2024-01-03T03:04:05Z",
            "some_future_field": 1
        }))
        .unwrap();
        assert_eq!(identity.foreign_id.as_deref(), Some("cognigy-user-1"));
        assert_eq!(identity.kind.as_deref(), Some("SourceSdk::Identity"));
        assert!(identity.user_ids.is_empty());
        assert_eq!(identity.extra_values["accepted-gdpr"], "true");
        let back = serde_json::to_value(&identity).unwrap();
        assert_eq!(back["type"], "SourceSdk::Identity");
        assert_eq!(back["created_at"], "2024-01-02T03:04:05Z");
    }

    #[test]
    fn identity_group_needs_only_an_id() {
        let group: IdentityGroup = serde_json::from_value(json!({"id": "g1"})).unwrap();
        assert!(group.emails.is_empty() && group.created_at.is_none());
        let group: IdentityGroup = serde_json::from_value(json!({
            "id": "g1", "emails": ["a@example.com"], "home_phones": null, "mobile_phones": ["+1"],
            "notes": "VIP", "custom_field_values": {"plan": "gold"}, "identity_ids": ["i1"],
            "tag_ids": ["t1"], "gender": "man", "company": null
        }))
        .unwrap();
        assert_eq!(group.emails, ["a@example.com"]);
        assert_eq!(group.identity_ids, [IdentityId::new("i1")]);
        assert!(serde_json::from_value::<IdentityGroup>(json!({})).is_err());
    }
}
