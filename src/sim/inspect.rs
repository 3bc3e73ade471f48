//! The inspection handle: snapshots of everything the simulator stored and recorded, and
//! waiting helpers so tests never sleep blindly.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use tokio::time::Instant;

use super::records::*;
use super::shared::Shared;
use super::state::SimState;

/// A condition did not become true in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WaitTimeout(pub Duration);

impl fmt::Display for WaitTimeout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "condition not met within {:?}", self.0)
    }
}

impl std::error::Error for WaitTimeout {}

/// Reads the simulator's state. Cheap to clone; get one with
/// [`SimHandle::inspect`](super::SimHandle::inspect).
#[derive(Clone)]
pub struct Inspector {
    shared: Arc<Shared>,
}

impl fmt::Debug for Inspector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Inspector")
    }
}

macro_rules! snapshots {
    ($($(#[$doc:meta])* $name:ident -> $ty:ty;)+) => {$(
        $(#[$doc])*
        pub fn $name(&self) -> Vec<$ty> {
            self.read(|s| s.$name().to_vec())
        }
    )+};
}

impl Inspector {
    pub(crate) fn new(shared: Arc<Shared>) -> Self {
        Inspector { shared }
    }

    /// Runs `f` on the current state (keep it short: the simulator waits meanwhile).
    pub fn read<R>(&self, f: impl FnOnce(&SimState) -> R) -> R {
        self.shared.read(f)
    }

    snapshots! {
        /// Stored contents, oldest first, with their direction and author.
        contents -> ContentRecord;
        /// Threads with their categories.
        threads -> ThreadRecord;
        /// Identities.
        identities -> IdentityRecord;
        /// Interventions.
        interventions -> InterventionRecord;
        /// Routing tasks, real and phantom.
        tasks -> TaskRecord;
        /// Calls to the service's SDK endpoint and their responses.
        actions -> ActionRecord;
        /// Webhook delivery attempts and their responses.
        webhooks -> WebhookRecord;
        /// Webhook validation requests.
        validations -> ValidationRecord;
        /// `status.mark_as_read` calls.
        read_marks -> ReadMark;
        /// Typing events.
        typing -> TypingEvent;
        /// Send API requests and answers.
        send_api_calls -> SendApiCall;
        /// Protocol errors of the service.
        protocol_errors -> ProtocolError;
        /// Simulated agents and their load.
        agents -> AgentRecord;
    }

    /// The `params` of every `messaging.queuing_update` sent, in order.
    pub fn queue_updates(&self) -> Vec<serde_json::Value> {
        self.read(|s| {
            s.actions_named("messaging.queuing_update")
                .map(ActionRecord::params)
                .collect()
        })
    }

    /// Waits until `predicate` holds (checked after every change), or fails after
    /// `timeout` (real time).
    pub async fn wait_for(
        &self,
        mut predicate: impl FnMut(&SimState) -> bool,
        timeout: Duration,
    ) -> Result<(), WaitTimeout> {
        self.wait_for_value(|s| predicate(s).then_some(()), timeout).await
    }

    /// Waits until `f` returns `Some`, and returns that value.
    pub async fn wait_for_value<T>(
        &self,
        mut f: impl FnMut(&SimState) -> Option<T>,
        timeout: Duration,
    ) -> Result<T, WaitTimeout> {
        let deadline = Instant::now() + timeout;
        loop {
            let changed = self.shared.changed.notified();
            tokio::pin!(changed);
            changed.as_mut().enable();
            if let Some(v) = self.shared.read(&mut f) {
                return Ok(v);
            }
            // Also re-check periodically, in case a change raced the registration.
            let wake = (Instant::now() + Duration::from_millis(50)).min(deadline);
            if tokio::time::timeout_at(wake, changed).await.is_err() && Instant::now() >= deadline {
                return self.shared.read(&mut f).ok_or(WaitTimeout(timeout));
            }
        }
    }
}
