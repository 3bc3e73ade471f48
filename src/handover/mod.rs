//! Handing a conversation from a bot to human agents, and taking it back.
//!
//! [`HandoverProvider`] is the provider-agnostic contract; [`EngageHandover`] implements it on
//! Engage Digital. A [`SessionStore`] keeps each handover's state so that a restarted process
//! carries on where the previous one stopped; a [`Backend`] keeps all the
//! state handovers share (sessions, events, deduplication, timers), so that several replicas
//! serve the same handovers.

pub mod backend;
mod engage;
mod event;
mod provider;
mod request;
mod store;

pub use backend::{Backend, MemoryBackend};
pub use engage::{EngageConfig, EngageConfigBuilder, EngageHandover, MirrorMode, NoShowAction};
pub use event::{AfterEnd, AgentInfo, EndReason, EndedBy, HandoverEvent, HandoverStatus, HandoverUpdate};
pub use provider::{
    Availability, HandoverError, HandoverEvents, HandoverProvider, MessageReceipt, ProviderCapabilities,
    StartedHandover, UserMessage,
};
pub use request::{
    ConversationId, HandoverId, HandoverOptions, HandoverRequest, Priority, Routing, Speaker, TranscriptEntry,
};
pub use store::{MemorySessionStore, OutboxEntry, Session, SessionStore, StoreError, SEEN_IDS};
