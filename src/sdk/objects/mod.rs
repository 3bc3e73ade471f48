//! The objects exchanged with Engage through the Channel SDK.
//!
//! - What Engage posts to us: [`PostedMessage`], [`PostedPrivateMessage`], [`PostedThread`].
//! - What we answer to a `create`: [`Created`] (our id, nothing else to check).
//! - What we give Engage: [`Message`], [`PrivateMessage`], [`Thread`], [`User`], [`Status`],
//!   [`Typing`]. Their builders or checked constructors refuse a value missing a field Engage
//!   requires, so it fails here rather than being silently dropped by Engage.

mod common;
mod content;
mod created;
mod posted;
mod signals;
mod user;

pub use common::{Attachment, Format, MAX_BODY_CHARS};
pub use content::{Message, MessageBuilder, PrivateMessage, PrivateMessageBuilder, Thread, ThreadBuilder};
pub use created::Created;
pub use posted::{PostedMessage, PostedPrivateMessage, PostedThread};
pub use signals::{Status, Typing};
pub use user::{is_context_key, Gender, User};
