//! One way for unit tests to build a [`Session`].

use crate::handover::event::HandoverStatus;
use crate::handover::request::{ConversationId, HandoverId};
use crate::handover::store::Session;
use crate::models::Timestamp;
use crate::sdk::objects::User;

/// A session of conversation `c`, handover `h`, thread `th`, started at `started_at`, with
/// nothing else set.
pub(super) fn session(status: HandoverStatus, started_at: Timestamp) -> Session {
    let author = User::new("u", "User", started_at, started_at).unwrap();
    let mut session = Session::new(ConversationId::new("c"), HandoverId::new("h"), author);
    session.status = status;
    session.thread_id = Some("th".into());
    session.started_at = started_at;
    session
}
