//! Handing a conversation from a bot to human agents, and taking it back.
//!
//! [`HandoverProvider`] is the provider-agnostic contract; [`EngageHandover`] implements it on
//! Engage Digital. A [`SessionStore`] keeps each handover's state so that a restarted process
//! carries on where the previous one stopped.

mod availability;
mod engage;
mod event;
mod inactivity;
mod provider;
mod request;
mod store;
mod thresholds;

pub use availability::AvailabilityDetail;
pub use engage::{
    DateOrder, EngageConfig, EngageConfigBuilder, EngageHandover, MirrorMode, NoShowAction, TimeSheetError,
};
pub use event::{
    AcceptMode, AfterEnd, AgentInfo, EndReason, EndedBy, HandoverEvent, HandoverStatus, HandoverUpdate,
};
pub use inactivity::UserInactivity;
pub use provider::{
    Availability, HandoverError, HandoverEvents, HandoverProvider, MessageReceipt, ProviderCapabilities,
    StartedHandover, UserMessage,
};
pub use request::{
    ConversationId, HandoverId, HandoverOptions, HandoverRequest, Priority, Routing, Speaker, TranscriptEntry,
};
pub use store::{MemorySessionStore, OutboxEntry, Session, SessionStore, StoreError, SEEN_IDS};
pub use thresholds::{QueueLimit, QueueThresholds, ThresholdAction};
