//! [`Created`]: the answer to a `create` action.

use serde::{Deserialize, Serialize};

/// What the SDK endpoint answers to `messages.create`, `private_messages.create` and
/// `threads.create`: the id the service gave the new content (Engage keeps it to refer to the
/// content later, in `in_reply_to_id`, `show`, `delete`...), and the thread it is in.
///
/// It is deliberately not an echo of the posted content: Engage needs only the id, and an echo
/// of a large body would double the bytes to sign and send. No check applies to it: limits on
/// what the crate sends (body length, required text) are for contents pushed to Engage, not for
/// answers about what Engage pushed.
///
/// ```
/// use ringcentral_engage::sdk::objects::Created;
///
/// let created = Created::new("conv-1:agent:42").thread_id("conv-1");
/// assert_eq!(
///     serde_json::to_string(&created).unwrap(),
///     r#"{"id":"conv-1:agent:42","thread_id":"conv-1"}"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Created {
    /// Our id of the new content.
    pub id: String,
    /// Our id of the thread holding it, when it is in one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thread_id: Option<String>,
}

impl Created {
    /// A created content with our id `id`.
    pub fn new(id: impl Into<String>) -> Self {
        Created {
            id: id.into(),
            thread_id: None,
        }
    }

    /// Sets the thread holding the content.
    pub fn thread_id(mut self, thread_id: impl Into<String>) -> Self {
        self.thread_id = Some(thread_id.into());
        self
    }
}
