//! One way for unit tests to build a [`Session`].

use crate::handover::event::HandoverStatus;
use crate::handover::request::{ConversationId, HandoverId};
use crate::handover::store::Session;
use crate::models::Timestamp;
use crate::sdk::objects::User;

/// A session of conversation `c`, handover `h`, thread `th`, started at `started_at`, with
/// nothing else set.
pub(super) fn session(status: HandoverStatus, started_at: Timestamp) -> Session {
    Session {
        conversation_id: ConversationId::new("c"),
        handover_id: HandoverId::new("h"),
        idempotency_key: None,
        status,
        thread_id: Some("th".into()),
        intervention_id: None,
        agent: None,
        author: User::new("u", "User", started_at, started_at).unwrap(),
        outbox: Vec::new(),
        sent_ids: Default::default(),
        seen_ids: Default::default(),
        last_user_message_id: None,
        last_agent_message_at: None,
        agent_joined_at: None,
        queue_observed_at: None,
        announce: false,
        language: None,
        last_announcement: None,
        queue_threshold_exceeded: false,
        last_user_activity_at: None,
        user_inactive_reported: None,
        started_at,
        version: 0,
    }
}
