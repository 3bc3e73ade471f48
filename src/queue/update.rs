//! [`QueueUpdate`]: one `messaging.queuing_update`, decoded.

use serde_json::{json, Value};

use super::{EstimatedWait, QueuePosition};
use crate::models::Timestamp;

/// One queue update for a conversation, decoded from Engage's `messaging.queuing_update`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct QueueUpdate {
    /// The task's place in line (`1` = next), or unknown.
    pub position: QueuePosition,
    /// How long the conversation is expected to wait, or unknown.
    pub estimated_wait: EstimatedWait,
    /// The thread's id on the service's side (ours), when Engage sent it.
    pub thread_id: Option<String>,
    /// The id (ours) of the message the update relates to, when Engage sent it.
    pub in_reply_to_id: Option<String>,
    /// When the update was issued. Used by [`QueueTracker`](super::QueueTracker) to drop stale
    /// updates, so it should come from the same clock for every update of a conversation: the
    /// `time` of the SDK request when it has one, else the moment the request was received.
    pub observed_at: Timestamp,
}

impl QueueUpdate {
    /// Builds an update from the raw parameters of a `messaging.queuing_update` action.
    ///
    /// `estimated_wait_time` is in seconds, as Engage sends it. Neither value is ever refused:
    /// what cannot be read honestly becomes `Unknown` (see [`EstimatedWait`] and
    /// [`QueuePosition`]). `observed_at` is a wall-clock [`Timestamp`] rather than an
    /// `Instant` so that it can be taken from the request's own `time` and compared across
    /// processes; blank ids are treated as absent.
    pub fn from_raw(
        estimated_wait_time: Option<&Value>,
        position: Option<&Value>,
        thread_id: Option<String>,
        in_reply_to_id: Option<String>,
        observed_at: Timestamp,
    ) -> Self {
        let present = |id: Option<String>| id.filter(|s| !s.trim().is_empty());
        QueueUpdate {
            position: QueuePosition::from_value(position),
            estimated_wait: EstimatedWait::from_seconds_value(estimated_wait_time),
            thread_id: present(thread_id),
            in_reply_to_id: present(in_reply_to_id),
            observed_at,
        }
    }

    /// The update as Cognigy exposes it in `input.data.handover`:
    /// `{"estimatedWaitTime": <milliseconds>, "position": <rank>}`.
    ///
    /// Both keys are always present. An unknown wait or position is `null`, never `0` or `-1`,
    /// so a flow cannot mistake "unknown" for "no wait" or "first in line". Milliseconds are
    /// rounded to the nearest whole millisecond.
    pub fn to_cognigy_json(&self) -> Value {
        json!({
            "estimatedWaitTime": self.estimated_wait.as_millis(),
            "position": self.position.get(),
        })
    }

    /// Reads what [`to_cognigy_json`](Self::to_cognigy_json) writes (`estimatedWaitTime` in
    /// milliseconds, `position`), as observed at `observed_at`; no thread or message ids.
    pub fn from_cognigy_json(value: &Value, observed_at: Timestamp) -> Self {
        QueueUpdate {
            position: QueuePosition::from_value(value.get("position")),
            estimated_wait: EstimatedWait::from_millis_value(value.get("estimatedWaitTime")),
            thread_id: None,
            in_reply_to_id: None,
            observed_at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn update(wait: Value, position: Value) -> QueueUpdate {
        QueueUpdate::from_raw(
            Some(&wait),
            Some(&position),
            Some("t".into()),
            Some(" ".into()),
            datetime!(2024-01-01 0:00 UTC),
        )
    }

    #[test]
    fn cognigy_json_reads_back() {
        let u = update(json!(30), json!(2));
        let back = QueueUpdate::from_cognigy_json(&u.to_cognigy_json(), u.observed_at);
        assert_eq!(back.position.get(), Some(2));
        assert_eq!(back.estimated_wait.as_secs(), Some(30));
        let empty = QueueUpdate::from_cognigy_json(&json!({}), u.observed_at);
        assert_eq!(
            (empty.position.get(), empty.estimated_wait.as_secs()),
            (None, None)
        );
    }

    #[test]
    fn from_raw_decodes_everything() {
        let u = update(json!(30), json!(1));
        assert_eq!(u.position.get(), Some(1));
        assert_eq!(u.estimated_wait.as_secs(), Some(30));
        assert_eq!(u.thread_id.as_deref(), Some("t"));
        assert_eq!(u.in_reply_to_id, None);
    }

    #[test]
    fn cognigy_json() {
        assert_eq!(
            update(json!(30), json!(1)).to_cognigy_json(),
            json!({"estimatedWaitTime": 30_000, "position": 1})
        );
        assert_eq!(
            update(json!(-5), json!(0)).to_cognigy_json(),
            json!({"estimatedWaitTime": null, "position": null})
        );
        assert_eq!(
            update(json!(0.25), json!("2")).to_cognigy_json(),
            json!({"estimatedWaitTime": 250, "position": 2})
        );
    }
}
