//! Interventions (an agent's handling of part of a thread) and their comments.

use serde::{Deserialize, Serialize};

use super::de::lenient_int;
use serde_json::{Map, Value};

use super::string_enum::string_enum;
use super::{
    CategoryId, ContentId, IdentityGroupId, IdentityId, InterventionCommentId, InterventionId, SourceId,
    SurveyId, SurveyResponseId, ThreadId, Timestamp, UserId,
};

/// An intervention: one agent's work on a thread, from its opening to its closing.
///
/// Fields this crate does not know yet land in [`extra`](Intervention::extra) and are written back
/// unchanged when the intervention is serialized.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Intervention {
    /// The intervention's id.
    pub id: InterventionId,
    /// The content it was opened on.
    #[serde(default)]
    pub content_id: Option<ContentId>,
    /// Its thread.
    #[serde(default)]
    pub thread_id: Option<ThreadId>,
    /// Its source.
    #[serde(default)]
    pub source_id: Option<SourceId>,
    /// The agent it is assigned to.
    #[serde(default)]
    pub user_id: Option<UserId>,
    /// The customer's identity.
    #[serde(default)]
    pub identity_id: Option<IdentityId>,
    /// The customer's identity group.
    #[serde(default)]
    pub identity_group_id: Option<IdentityGroupId>,
    /// Whether it is closed.
    #[serde(default)]
    pub closed: Option<bool>,
    /// A human-readable status. Engage localizes it (the docs' sample says `Fermée`), so
    /// test [`closed`](Intervention::closed) and [`deferred_at`](Intervention::deferred_at)
    /// rather than this text.
    #[serde(default)]
    pub status: Option<String>,
    /// Its categories.
    #[serde(default)]
    pub category_ids: Vec<CategoryId>,
    /// Custom field values keyed by custom field key.
    #[serde(default)]
    pub custom_fields: Option<serde_json::Map<String, serde_json::Value>>,
    /// The number of comments.
    #[serde(default, deserialize_with = "lenient_int")]
    pub comments_count: Option<i64>,
    /// The number of agent replies.
    #[serde(default, deserialize_with = "lenient_int")]
    pub user_replies_count: Option<i64>,
    /// The first agent reply.
    #[serde(default)]
    pub first_user_reply_id: Option<ContentId>,
    /// Seconds until the first agent reply.
    #[serde(default)]
    pub first_user_reply_in: Option<i64>,
    /// Seconds until the first agent reply, in business hours.
    #[serde(default)]
    pub first_user_reply_in_bh: Option<i64>,
    /// Seconds until the last agent reply.
    #[serde(default)]
    pub last_user_reply_in: Option<i64>,
    /// Seconds until the last agent reply, in business hours.
    #[serde(default)]
    pub last_user_reply_in_bh: Option<i64>,
    /// Average agent reply time in seconds.
    #[serde(default)]
    pub user_reply_in_average: Option<i64>,
    /// Average agent reply time in seconds, in business hours.
    #[serde(default)]
    pub user_reply_in_average_bh: Option<i64>,
    /// The number of replies the average is over.
    #[serde(default, deserialize_with = "lenient_int")]
    pub user_reply_in_average_count: Option<i64>,
    /// The language detected on the first content (auto-translation only).
    #[serde(default)]
    pub detected_language: Option<String>,
    /// Whether translation was on when it was created (auto-translation only).
    #[serde(default)]
    pub translation_enabled: Option<bool>,
    /// The satisfaction grade (satisfaction extension only).
    #[serde(default)]
    pub satisfaction_grade: Option<i64>,
    /// When the customer answered the survey.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub satisfaction_answered_at: Option<Timestamp>,
    /// When the survey was sent.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub satisfaction_sent_at: Option<Timestamp>,
    /// The survey response.
    #[serde(default)]
    pub survey_response_id: Option<SurveyResponseId>,
    /// The survey.
    #[serde(default)]
    pub survey_id: Option<SurveyId>,
    /// When it was deferred, if it is.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub deferred_at: Option<Timestamp>,
    /// When it was closed.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub closed_at: Option<Timestamp>,
    /// Creation time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub created_at: Option<Timestamp>,
    /// Last update time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub updated_at: Option<Timestamp>,
    /// Every other field of the answer, such as fields Engage added after this crate.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// An agent's comment on an intervention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InterventionComment {
    /// The comment's id.
    pub id: InterventionCommentId,
    /// The text.
    #[serde(default)]
    pub body: Option<String>,
    /// Its intervention.
    #[serde(default)]
    pub intervention_id: Option<InterventionId>,
    /// Its thread.
    #[serde(default)]
    pub thread_id: Option<ThreadId>,
    /// Its author.
    #[serde(default)]
    pub user_id: Option<UserId>,
    /// The identity of the author (`videntity_id` in the JSON).
    #[serde(default, rename = "videntity_id")]
    pub identity_id: Option<IdentityId>,
    /// Creation time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub created_at: Option<Timestamp>,
    /// Last update time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub updated_at: Option<Timestamp>,
}

string_enum! {
    /// The `status` filter of `GET /interventions`.
    InterventionStatus {
        /// Open and not deferred.
        Active = "active",
        /// Closed.
        Closed = "closed",
        /// Deferred.
        Deferred = "deferred",
        /// Open (deferred or not).
        Opened = "opened",
        /// Reopened.
        Reopened = "reopened",
    }
}

string_enum! {
    /// The `sort` of `GET /interventions`.
    InterventionSort {
        /// By creation time.
        CreatedAt = "created_at",
        /// By last update time.
        UpdatedAt = "updated_at",
    }
}
