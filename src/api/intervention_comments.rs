//! `/intervention_comments`: agents' internal notes on interventions.

use http::Method;

use super::crud::resource_handler;
use crate::api::operations::operations;
use crate::api::params::setters;
use crate::client::List;
use crate::models::{
    IdentityId, InterventionComment, InterventionCommentId, InterventionId, ThreadId, UserId,
};
use crate::Result;

operations![
    (
        "getAllInterventionComments",
        "GET",
        "/intervention_comments",
        "InterventionComments::list"
    ),
    (
        "getInterventionComment",
        "GET",
        "/intervention_comments/{interventionCommentId}",
        "InterventionComments::get"
    ),
    (
        "createInterventionComment",
        "POST",
        "/intervention_comments",
        "InterventionComments::create"
    ),
    (
        "deleteInterventionComment",
        "DELETE",
        "/intervention_comments/{interventionCommentId}",
        "InterventionComments::delete"
    ),
];

resource_handler! {
    /// The `/intervention_comments` endpoints. Get one with
    /// [`Client::intervention_comments`](crate::Client::intervention_comments).
    InterventionComments => intervention_comments, "intervention_comments", InterventionComment,
    InterventionCommentId, one "intervention comment", many "intervention comments",
    [list, get, delete]
}

impl InterventionComments {
    /// Comments on an intervention as `user_id` (`POST /intervention_comments`).
    pub async fn create(
        &self,
        intervention_id: &InterventionId,
        user_id: &UserId,
        body: impl Into<String>,
    ) -> Result<InterventionComment> {
        self.call(Method::POST, &[])
            .param("body", body.into())
            .param("intervention_id", intervention_id)
            .param("user_id", user_id)
            .send()
            .await
    }
}

setters!(List<InterventionComment> {
    /// Only comments on this intervention.
    intervention_id: id<InterventionId> = "intervention_id";
    /// Only comments in this thread.
    thread_id: id<ThreadId> = "thread_id";
    /// Only comments by this user.
    user_id: id<UserId> = "user_id";
    /// Only comments by this identity.
    identity_id: id<IdentityId> = "identity_id";
});
