//! The `resource.metadata` object of each event group, as documented by Engage.
//!
//! Every field is optional (Engage omits or nulls many of them depending on the event), and every
//! field this crate does not know is kept in `extra`, so nothing Engage adds later is lost.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::de::{null_as_default, opt_text, string_enum};
use crate::models::{
    CategoryId, ChannelId, ContentId, IdentityGroupId, IdentityId, InterventionId, PresenceStatusId,
    SourceId, SurveyId, ThreadId, Timestamp, UserId,
};

/// Metadata of the `intervention.*` events.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InterventionMetadata {
    /// The source (channel account) the intervention's thread belongs to.
    #[serde(default)]
    pub source_id: Option<SourceId>,
    /// The thread the intervention is about.
    #[serde(default)]
    pub thread_id: Option<ThreadId>,
    /// The agent in charge of the intervention, if any.
    #[serde(default)]
    pub user_id: Option<UserId>,
    /// The customer identity that wrote the content behind the intervention.
    #[serde(default)]
    pub identity_id: Option<IdentityId>,
    /// The intervention's categories.
    #[serde(default, deserialize_with = "null_as_default")]
    pub category_ids: Vec<CategoryId>,
    /// When the intervention was closed (absent or `null` while open).
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub closed_at: Option<Timestamp>,
    /// When the intervention was deferred (absent or `null` unless deferred).
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub deferred_at: Option<Timestamp>,
    /// Custom field values by key; values are whatever the domain's custom fields hold.
    #[serde(default, deserialize_with = "null_as_default")]
    pub custom_field_values: Map<String, Value>,
    /// Fields not listed above.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Metadata of the `intervention_segment.*` events (conversation summaries).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InterventionSegmentMetadata {
    /// The intervention the segment is part of.
    #[serde(default)]
    pub intervention_id: Option<InterventionId>,
    /// The source of the conversation.
    #[serde(default)]
    pub content_source_id: Option<SourceId>,
    /// The agent who caused the event.
    #[serde(default)]
    pub user_id: Option<UserId>,
    /// The conversation thread.
    #[serde(default)]
    pub content_thread_id: Option<ThreadId>,
    /// The segment of the intervention the summary covers.
    #[serde(default, deserialize_with = "opt_text")]
    pub intervention_segment_id: Option<String>,
    /// The summary text (absent when generation failed).
    #[serde(default)]
    pub summary: Option<String>,
    /// Fields not listed above.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

string_enum! {
    /// Why a task was completed (`task.completed` only).
    TaskCompletionAction {
        /// The intervention was deferred.
        Deferred = "deferred",
        /// The intervention was closed.
        Closed = "closed",
    }
}

string_enum! {
    /// How an agent got a task (`task.taken` only).
    TaskTakeMode {
        /// The agent accepted a task that was ringing.
        Ring = "ring",
        /// The agent asked for a task.
        Request = "request",
    }
}

/// Metadata of the `task.*` events (routing tasks).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TaskMetadata {
    /// When the task was created.
    #[serde(
        default,
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub created_at: Option<Timestamp>,
    /// The channel routing the task.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_id: Option<ChannelId>,
    /// The source of the task's content.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_id: Option<SourceId>,
    /// The task's priority.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<f64>,
    /// The content the task was made for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_id: Option<ContentId>,
    /// The intervention the task belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intervention_id: Option<InterventionId>,
    /// The agents the task is (or was) assigned to.
    #[serde(default, deserialize_with = "null_as_default")]
    pub agent_ids: Vec<UserId>,
    /// The identity that wrote the task's content.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_id: Option<IdentityId>,
    /// Why the task was completed (`task.completed` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<TaskCompletionAction>,
    /// The workbin the task is in now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue: Option<String>,
    /// The thread the task belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thread_id: Option<ThreadId>,
    /// Whether the agent took a ringing task or asked for one (`task.taken` only); sent as `type`.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub take_mode: Option<TaskTakeMode>,
    /// The language of the task's content.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Starts at 1 and grows each time the task is closed, deferred or moved to another
    /// agent's workbin.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segment_index: Option<i64>,
    /// Fields not listed above.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Metadata of the `push_agent.*` events (agents in the push view).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PushAgentMetadata {
    /// The agent's state on each channel in push mode.
    #[serde(default, deserialize_with = "null_as_default")]
    pub channels: Vec<PushAgentChannel>,
    /// The custom (away) status the agent uses, when sent at this level.
    #[serde(default)]
    pub custom_status: Option<Value>,
    /// Fields not listed above.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One channel of a [`PushAgentMetadata`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PushAgentChannel {
    /// The channel.
    #[serde(default)]
    pub id: Option<ChannelId>,
    /// The channel's name.
    #[serde(default)]
    pub name: Option<String>,
    /// The agent's status on the channel.
    #[serde(default)]
    pub status: Option<String>,
    /// The agent's busyness on the channel.
    #[serde(default)]
    pub busyness: Option<String>,
    /// The custom (away) status the agent uses (Engage documents a hash holding its id).
    #[serde(default)]
    pub custom_status: Option<Value>,
    /// Fields not listed above.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl PushAgentChannel {
    /// The custom status id, when `custom_status` is an id or an object with an `id`.
    pub fn custom_status_id(&self) -> Option<PresenceStatusId> {
        let v = self.custom_status.as_ref()?;
        let id = v.get("id").unwrap_or(v);
        match id {
            Value::String(s) => Some(PresenceStatusId::new(s.clone())),
            Value::Number(n) => Some(PresenceStatusId::new(n.to_string())),
            _ => None,
        }
    }
}

string_enum! {
    /// Whether exporting a content to its source worked (`content.exported`,
    /// `content.update_exported`).
    SynchronizationStatus {
        /// The source accepted the content.
        Successful = "successful",
        /// The source refused the content or could not be reached.
        Unsuccessful = "unsuccessful",
    }
}

/// Metadata of the `content.*` events (messages).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ContentMetadata {
    /// The content's id (the resource id repeated).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<ContentId>,
    /// Whether the content waits for approval before being published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval_required: Option<bool>,
    /// The identity that wrote the content.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author_id: Option<IdentityId>,
    /// The text of the content.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// The body's format (`text`, `html`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_input_format: Option<String>,
    /// Where the content was created (`interface`, `api`, `synchronizer`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_from: Option<String>,
    /// The Engage user who created the content, for outgoing contents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creator_id: Option<UserId>,
    /// When the content was created, as Engage formats it (sometimes only a date).
    #[serde(
        default,
        deserialize_with = "opt_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub date: Option<String>,
    /// Whether the content opened its thread.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_in_thread: Option<bool>,
    /// Categories the source itself put on the content.
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub foreign_categories: Vec<String>,
    /// The content's id on the source's side.
    #[serde(
        default,
        deserialize_with = "opt_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub foreign_id: Option<String>,
    /// Whether the content has attachments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has_attachment: Option<bool>,
    /// The intervention the content belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intervention_id: Option<InterventionId>,
    /// The content's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The kind of content; sent as `type`.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// The author of the content this one answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_reply_to_author_id: Option<IdentityId>,
    /// The content this one answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_reply_to_id: Option<ContentId>,
    /// Whether the content is a private message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private: Option<bool>,
    /// The content's source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_id: Option<SourceId>,
    /// The kind of source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_type: Option<String>,
    /// The content's status (`new`, `assigned`, `replied`, `ignored`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Whether the export worked (export events only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub synchronization_status: Option<SynchronizationStatus>,
    /// The thread holding the content.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thread_id: Option<ThreadId>,
    /// The title of that thread.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thread_title: Option<String>,
    /// Which structured message kinds a reply to this content may use.
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub capabilities_supported: Vec<String>,
    /// Fields not listed above.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Metadata of the `identity.*` events (identity merges).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct IdentityMetadata {
    /// The identity group the identity belongs to after the change.
    #[serde(default)]
    pub new_identity_group_id: Option<IdentityGroupId>,
    /// The identity group the identity belonged to before the change.
    #[serde(default)]
    pub old_identity_group_id: Option<IdentityGroupId>,
    /// Fields not listed above.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Metadata of the `survey_response.*` events.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SurveyResponseMetadata {
    /// When the customer submitted the response.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub submitted_at: Option<Timestamp>,
    /// The result of the survey's main question.
    #[serde(default)]
    pub main_indicator: Option<f64>,
    /// The main result scaled to `0.0..=1.0`.
    #[serde(default)]
    pub main_indicator_scaled: Option<f64>,
    /// The intervention the survey is about.
    #[serde(default)]
    pub intervention_id: Option<InterventionId>,
    /// The survey.
    #[serde(default)]
    pub survey_id: Option<SurveyId>,
    /// The source the survey ran on.
    #[serde(default)]
    pub source_id: Option<SourceId>,
    /// The agent the survey is about.
    #[serde(default)]
    pub user_id: Option<UserId>,
    /// The questions with the customer's replies.
    #[serde(default, deserialize_with = "null_as_default")]
    pub questions: Vec<SurveyQuestion>,
    /// The response's id at the survey provider.
    #[serde(default, deserialize_with = "opt_text")]
    pub response_foreign_id: Option<String>,
    /// Deprecated by Engage in favour of `questions`; kept as sent.
    #[serde(default)]
    pub answers: Option<Value>,
    /// Deprecated by Engage in favour of the resource id; kept as sent.
    #[serde(default, deserialize_with = "opt_text")]
    pub foreign_id: Option<String>,
    /// Fields not listed above.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One question of a [`SurveyResponseMetadata`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SurveyQuestion {
    /// The question as shown to the customer.
    #[serde(default)]
    pub text: Option<String>,
    /// The question's id at the survey provider.
    #[serde(default, deserialize_with = "opt_text")]
    pub foreign_id: Option<String>,
    /// The customer's replies.
    #[serde(default, deserialize_with = "null_as_default")]
    pub replies: Vec<SurveyReply>,
    /// Fields not listed above.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One reply to a [`SurveyQuestion`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SurveyReply {
    /// The reply as shown.
    #[serde(default)]
    pub text: Option<String>,
    /// The reply's value (a number or a string, depending on the question).
    #[serde(default)]
    pub value: Option<Value>,
    /// Fields not listed above.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
