//! `/interventions`: an agent's handling of a thread — open, update, close, cancel, reassign.

use http::Method;

use super::crud::resource_handler;
use crate::api::operations::operations;
use crate::api::params::setters;
use crate::client::{request_builder, List};
use crate::models::{
    CategoryId, ContentId, IdentityGroupId, IdentityId, Intervention, InterventionId, InterventionSort,
    InterventionStatus, ThreadId, UserId,
};
use crate::Result;

operations![
    (
        "getAllInterventions",
        "GET",
        "/interventions",
        "Interventions::list"
    ),
    (
        "getIntervention",
        "GET",
        "/interventions/{interventionId}",
        "Interventions::get"
    ),
    (
        "createIntervention",
        "POST",
        "/interventions",
        "Interventions::create"
    ),
    (
        "updateIntervention",
        "PUT",
        "/interventions/{interventionId}",
        "Interventions::update"
    ),
    (
        "closeIntervention",
        "PUT",
        "/interventions/{interventionId}/close",
        "Interventions::close"
    ),
    (
        "cancelIntervention",
        "DELETE",
        "/interventions/{interventionId}/cancel",
        "Interventions::cancel"
    ),
    (
        "reassignIntervention",
        "PUT",
        "/interventions/{interventionId}/reassign",
        "Interventions::reassign"
    ),
    (
        "categorizeIntervention",
        "PUT",
        "/interventions/{interventionId}/update_categories",
        "Interventions::update_categories"
    ),
];

resource_handler! {
    /// The `/interventions` endpoints. Get one with [`Client::interventions`](crate::Client::interventions).
    Interventions =>
    /// Interventions: list, get, create, update custom fields, close, cancel, reassign, categorize.
    interventions, "interventions", Intervention, InterventionId,
    one "intervention", many "interventions", [list, get]
}

impl Interventions {
    /// Opens an intervention on a content, or reopens the existing one
    /// (`POST /interventions?content_id=..`). Engage answers 422 when it cannot.
    pub async fn create(&self, content_id: &ContentId) -> Result<Intervention> {
        self.call(Method::POST, &[])
            .param("content_id", content_id)
            .send()
            .await
    }

    /// Updates an intervention's custom field values (`PUT /interventions/{id}`).
    pub fn update(&self, id: &InterventionId) -> UpdateIntervention {
        UpdateIntervention::from_call(self.call(Method::PUT, &[id.as_str()]))
    }

    /// Closes an intervention (`PUT /interventions/{id}/close`). Engage answers 409 when a
    /// close is already under way, and 403 when the intervention has no agent reply yet or the
    /// token's user may not close it.
    pub async fn close(&self, id: &InterventionId) -> Result<Intervention> {
        self.call(Method::PUT, &[id.as_str(), "close"]).send().await
    }

    /// Cancels an intervention (`DELETE /interventions/{id}/cancel`, as the spec says).
    pub async fn cancel(&self, id: &InterventionId) -> Result<Intervention> {
        self.call(Method::DELETE, &[id.as_str(), "cancel"]).send().await
    }

    /// Gives an intervention to another agent (`PUT /interventions/{id}/reassign`).
    pub async fn reassign(&self, id: &InterventionId, user_id: &UserId) -> Result<Intervention> {
        self.call(Method::PUT, &[id.as_str(), "reassign"])
            .param("user_id", user_id)
            .send()
            .await
    }

    /// Replaces an intervention's categories (`PUT /interventions/{id}/update_categories`).
    pub async fn update_categories<'a>(
        &self,
        id: &InterventionId,
        category_ids: impl IntoIterator<Item = &'a CategoryId>,
    ) -> Result<Intervention> {
        self.call(Method::PUT, &[id.as_str(), "update_categories"])
            .list_param("category_ids", category_ids)
            .send()
            .await
    }
}

setters!(List<Intervention> {
    /// Only interventions of this thread.
    thread_id: id<ThreadId> = "thread_id";
    /// Only interventions of this agent.
    user_id: id<UserId> = "user_id";
    /// Only interventions of any identity of this identity group.
    identity_group_id: id<IdentityGroupId> = "identity_group_id";
    /// Only interventions of this identity.
    identity_id: id<IdentityId> = "identity_id";
    /// Only interventions of any of these identities (`identity_id[]`).
    identity_ids: ids<IdentityId> = "identity_id";
    /// Only interventions in this state.
    status: value<InterventionStatus> = "status";
    /// Sort on creation (default) or last update time.
    sort: value<InterventionSort> = "sort";
});

request_builder! {
    /// `PUT /interventions/{id}`, from [`Interventions::update`].
    UpdateIntervention -> Intervention
}

setters!(UpdateIntervention {
    /// Sets the custom field `key` to one value (`custom_field_values[key]=value`).
    ///
    /// The key is sent as given: it must be the custom field's key, without brackets.
    custom_field[str]: str = "custom_field_values[{}]";
    /// Sets a multiple-value custom field (`custom_field_values[key][]=a&...`); an empty list
    /// clears it.
    custom_field_values[str]: strs = "custom_field_values[{}]";
});
