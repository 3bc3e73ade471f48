//! The seam between a load run and the bot service under test: the service's user-facing
//! side, as a customer sees it.

use tokio::sync::mpsc;

/// Something the bot service showed the customer.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum UserEvent {
    /// A message written by the bot.
    Bot(String),
    /// A message written by an agent (relayed from Engage).
    Agent(String),
    /// A queue notice ("you are number 3 in line").
    QueueNotice,
    /// The agent conversation ended; the bot has the customer back.
    Ended,
}

/// Where an adapter delivers what the service shows one customer. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Inbox {
    tx: mpsc::UnboundedSender<UserEvent>,
}

impl Inbox {
    pub(crate) fn new() -> (Self, mpsc::UnboundedReceiver<UserEvent>) {
        let (tx, rx) = mpsc::unbounded_channel();
        (Inbox { tx }, rx)
    }

    /// Delivers one event to the customer; `false` once the customer has left.
    pub fn push(&self, event: UserEvent) -> bool {
        self.tx.send(event).is_ok()
    }

    /// Whether the customer has left (the adapter may stop listening).
    pub fn is_closed(&self) -> bool {
        self.tx.is_closed()
    }

    /// Waits until the customer has left (to end a listening task).
    pub async fn closed(&self) {
        self.tx.closed().await;
    }
}

/// A failure of the adapter (the service refused a message, a stream broke, ...).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct AdapterError(pub String);

impl AdapterError {
    /// An error with this message.
    pub fn new(message: impl Into<String>) -> Self {
        AdapterError(message.into())
    }
}

/// The user-facing side of a bot service, implemented by the user for a load run: how a
/// customer connects, and how a customer's message reaches the service.
///
/// The run calls [`connect`](LoadAdapter::connect) once per customer before the first
/// message; the adapter then pushes what the service shows that customer to the
/// [`Inbox`] until [`Inbox::is_closed`] (e.g. from a server-sent event stream or a
/// websocket it reads in a task of its own).
#[async_trait::async_trait]
pub trait LoadAdapter: Send + Sync + 'static {
    /// Opens customer `conversation`'s channel; events arrive in `inbox`.
    async fn connect(&self, conversation: &str, inbox: Inbox) -> Result<(), AdapterError>;

    /// Sends a customer message with a unique `message_id` (a retry reuses it).
    async fn send(&self, conversation: &str, message_id: &str, text: &str) -> Result<(), AdapterError>;
}
