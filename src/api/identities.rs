//! `/identities` and `/identity_groups`: the customers' accounts on each source, and the
//! profiles that group them.

use http::Method;

use super::crud::resource_handler;
use crate::api::operations::operations;
use crate::api::params::setters;
use crate::client::{request_builder, List};
use crate::models::{
    CommunityId, Gender, Identity, IdentityGroup, IdentityGroupId, IdentityId, SourceId, TagId, UserId,
};
use crate::Result;

operations![
    ("getAllIdentities", "GET", "/identities", "Identities::list"),
    (
        "getIdentity",
        "GET",
        "/identities/{identityId}",
        "Identities::get"
    ),
    (
        "importIdentity",
        "POST",
        "/identities/import",
        "Identities::import"
    ),
    (
        "getAllIdentityGroups",
        "GET",
        "/identity_groups",
        "IdentityGroups::list"
    ),
    (
        "getIdentityGroup",
        "GET",
        "/identity_groups/{identityGroupId}",
        "IdentityGroups::get"
    ),
    (
        "updateIdentityGroup",
        "PUT",
        "/identity_groups/{identityGroupId}",
        "IdentityGroups::update"
    ),
    (
        "mergeIdentityGroup",
        "PUT",
        "/identity_groups/{identityGroupId}/merge",
        "IdentityGroups::merge"
    ),
];

resource_handler! {
    /// The `/identities` endpoints. Get one with [`Client::identities`](crate::Client::identities).
    Identities =>
    /// Identities: a customer's account on one community (an email address, a Messenger user...).
    identities, "identities", Identity, IdentityId, one "identity", many "identities",
    [
        /// Lists identities on sources the token's user can read (`GET /identities`).
        list,
        get,
    ]
}

resource_handler! {
    /// The `/identity_groups` endpoints. Get one with
    /// [`Client::identity_groups`](crate::Client::identity_groups).
    IdentityGroups =>
    /// Identity groups: customer profiles grouping identities.
    identity_groups, "identity_groups", IdentityGroup, IdentityGroupId,
    one "identity group", many "identity groups", [list, get]
}

/// How identities and identity groups are sorted (newest first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum IdentitySort {
    /// By creation date (the default).
    CreatedAt,
    /// By last update.
    UpdatedAt,
}

impl std::fmt::Display for IdentitySort {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            IdentitySort::CreatedAt => "created_at",
            IdentitySort::UpdatedAt => "updated_at",
        })
    }
}

impl Identities {
    /// Imports (or finds) an identity on an email or phone community (`POST /identities/import`).
    /// `identifier` is the email address or the international phone number.
    pub fn import(&self, community_id: &CommunityId, identifier: impl Into<String>) -> ImportIdentity {
        ImportIdentity::from_call(self.call(Method::POST, &["import"]))
            .param("community_id", community_id)
            .param("identifier", identifier.into())
    }
}

impl IdentityGroups {
    /// Updates an identity group (`PUT /identity_groups/{id}`); only the fields you set are sent.
    pub fn update(&self, id: &IdentityGroupId) -> UpdateIdentityGroup {
        UpdateIdentityGroup::from_call(self.call(Method::PUT, &[id.as_str()]))
    }

    /// Merges `identity` into the group (`PUT /identity_groups/{id}/merge`); on conflicting
    /// attributes the group's are kept.
    pub async fn merge(&self, id: &IdentityGroupId, identity: &IdentityId) -> Result<IdentityGroup> {
        self.call(Method::PUT, &[id.as_str(), "merge"])
            .param("associated_identity_id", identity)
            .send()
            .await
    }
}

setters!(List<Identity> {
    /// Only identities of this community.
    community_id: id<CommunityId> = "community_id";
    /// Only identities of this source's community (ignored with `community_id`).
    source_id: id<SourceId> = "source_id";
    /// Only identities of this group.
    identity_group_id: id<IdentityGroupId> = "identity_group_id";
    /// Only identities linked to this user.
    user_id: id<UserId> = "user_id";
    /// Only the identity with this foreign id (the id on the source's side).
    foreign_id: str = "foreign_id";
    /// Only the identity with this uuid.
    uuid: str = "uuid";
    /// The sort order.
    sort: value<IdentitySort> = "sort";
    /// Only identities of these groups (sent comma-separated, as Engage expects).
    identity_group_ids: csv<IdentityGroupId> = "identity_group_ids";
});

setters!(List<IdentityGroup> {
    /// Only groups with this first name.
    firstname: str = "firstname";
    /// Only groups with this last name.
    lastname: str = "lastname";
    /// Only groups having this email.
    email: str = "email";
    /// Only the group with this uuid.
    uuid: str = "uuid";
    /// The sort order.
    sort: value<IdentitySort> = "sort";
    /// Only these groups (sent comma-separated, as Engage expects).
    ids: csv<IdentityGroupId> = "ids";
});

request_builder! {
    /// `POST /identities/import`, from [`Identities::import`].
    ImportIdentity -> Identity
}

request_builder! {
    /// `PUT /identity_groups/{id}`, from [`IdentityGroups::update`].
    UpdateIdentityGroup -> IdentityGroup
}

setters!(ImportIdentity {
    /// The source whose community the identity belongs to.
    source_id: id<SourceId> = "source_id";
    /// Update the identity if it already exists.
    upsert: bool = "upsert";
    /// Company.
    company: str = "company";
    /// First name.
    firstname: str = "firstname";
    /// Last name.
    lastname: str = "lastname";
    /// Home phone.
    home_phone: str = "home_phone";
    /// Mobile phone.
    mobile_phone: str = "mobile_phone";
    /// Screen name.
    screenname: str = "screenname";
    /// Gender.
    gender: value<Gender> = "gender";
    /// Sets an extra value (`extra_values[key]=value`).
    extra_value[str]: str = "extra_values[{}]";
});

setters!(UpdateIdentityGroup {
    /// Company.
    company: str = "company";
    /// First name.
    firstname: str = "firstname";
    /// Last name.
    lastname: str = "lastname";
    /// Notes shown to agents.
    notes: str = "notes";
    /// Gender.
    gender: value<Gender> = "gender";
    /// Emails (replaces the list).
    emails: strs = "emails";
    /// Home phones (replaces the list).
    home_phones: strs = "home_phones";
    /// Mobile phones (replaces the list).
    mobile_phones: strs = "mobile_phones";
    /// Tags (replaces the list).
    tag_ids: ids<TagId> = "tag_ids";
    /// Sets the custom field `key` (`custom_field_values[key]=value`).
    custom_field[str]: str = "custom_field_values[{}]";
});
