//! Webhook registrations (the delivered events themselves live in the webhook module).

use serde::{Deserialize, Serialize};

use super::string_enum::string_enum;
use super::{Timestamp, WebhookId};
use crate::Secret;

/// A webhook registration.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Webhook {
    /// The webhook's id.
    pub id: WebhookId,
    /// Its name.
    #[serde(default)]
    pub name: Option<String>,
    /// The URL events are posted to.
    #[serde(default)]
    pub url: Option<String>,
    /// Whether it is enabled.
    #[serde(default)]
    pub active: Option<bool>,
    /// Whether it runs in staging.
    #[serde(default)]
    pub staging_use: Option<bool>,
    /// The events it subscribes to.
    #[serde(default)]
    pub registered_events: Vec<WebhookEventName>,
    /// The token echoed in the validation handshake; redacted in `Debug`.
    #[serde(default, with = "super::de::secret_opt")]
    pub verify_token: Option<Secret>,
    /// Its delivery status.
    #[serde(default)]
    pub webhook_status: Option<String>,
    /// The API access token events are attributed to.
    #[serde(default)]
    pub api_access_token: Option<WebhookAccessToken>,
}

/// The access token a webhook is bound to (its id, never its value).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WebhookAccessToken {
    /// The token's id.
    pub id: String,
    /// Creation time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub created_at: Option<Timestamp>,
    /// Last update time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub updated_at: Option<Timestamp>,
}

string_enum! {
    /// An event a webhook may subscribe to (`registered_events[]`).
    WebhookEventName {
        /// `content.approved`
        ContentApproved = "content.approved",
        /// `content.discussion_initiated`
        ContentDiscussionInitiated = "content.discussion_initiated",
        /// `content.exported`
        ContentExported = "content.exported",
        /// `content.imported`
        ContentImported = "content.imported",
        /// `content.replied`
        ContentReplied = "content.replied",
        /// `content.update_exported`
        ContentUpdateExported = "content.update_exported",
        /// `identity.merged`
        IdentityMerged = "identity.merged",
        /// `identity.unmerged`
        IdentityUnmerged = "identity.unmerged",
        /// `intervention.assigned`
        InterventionAssigned = "intervention.assigned",
        /// `intervention.canceled`
        InterventionCanceled = "intervention.canceled",
        /// `intervention.closed`
        InterventionClosed = "intervention.closed",
        /// `intervention.custom_fields_updated`
        InterventionCustomFieldsUpdated = "intervention.custom_fields_updated",
        /// `intervention.deferred`
        InterventionDeferred = "intervention.deferred",
        /// `intervention.opened`
        InterventionOpened = "intervention.opened",
        /// `intervention.reactivated`
        InterventionReactivated = "intervention.reactivated",
        /// `intervention.recategorized`
        InterventionRecategorized = "intervention.recategorized",
        /// `intervention.reopened`
        InterventionReopened = "intervention.reopened",
        /// `intervention.user_updated`
        InterventionUserUpdated = "intervention.user_updated",
        /// `push_agent.accept_task`
        PushAgentAcceptTask = "push_agent.accept_task",
        /// `push_agent.availability_change`
        PushAgentAvailabilityChange = "push_agent.availability_change",
        /// `push_agent.busyness_change`
        PushAgentBusynessChange = "push_agent.busyness_change",
        /// `push_agent.connected`
        PushAgentConnected = "push_agent.connected",
        /// `push_agent.disconnected`
        PushAgentDisconnected = "push_agent.disconnected",
        /// `push_agent.missed_task`
        PushAgentMissedTask = "push_agent.missed_task",
        /// `push_agent.reconnected`
        PushAgentReconnected = "push_agent.reconnected",
        /// `push_agent.request_task`
        PushAgentRequestTask = "push_agent.request_task",
        /// `survey_response.imported`
        SurveyResponseImported = "survey_response.imported",
        /// `task.assigned`
        TaskAssigned = "task.assigned",
        /// `task.completed`
        TaskCompleted = "task.completed",
        /// `task.created`
        TaskCreated = "task.created",
        /// `task.destroyed`
        TaskDestroyed = "task.destroyed",
        /// `task.expired_from_step`
        TaskExpiredFromStep = "task.expired_from_step",
        /// `task.expired_from_workbin`
        TaskExpiredFromWorkbin = "task.expired_from_workbin",
        /// `task.recategorized`
        TaskRecategorized = "task.recategorized",
        /// `task.resume`
        TaskResume = "task.resume",
        /// `task.supervisor_assigned`
        TaskSupervisorAssigned = "task.supervisor_assigned",
        /// `task.taken`
        TaskTaken = "task.taken",
        /// `task.transferred`
        TaskTransferred = "task.transferred",
        /// `task.undelivered`
        TaskUndelivered = "task.undelivered",
    }
}
