//! Typed models of the resources Engage Digital's REST API returns.
//!
//! Every struct is `#[non_exhaustive]`, every field the API may omit is an `Option` or defaults,
//! and every field Engage adds later is ignored by decoding rather than breaking it.

mod agent_status;
mod category;
pub mod ids;
mod presence_status;
mod role;
mod sources_permissions;
mod string_enum;
mod team;
mod user;
mod user_capacity;
mod user_signature;

pub use agent_status::{AgentStatus, Availability, Busyness, ChannelStatus, CustomStatus};
pub use category::Category;
pub use ids::*;
pub use presence_status::PresenceStatus;
pub(crate) use role::role_flags;
pub use role::{Role, RolePermissions};
pub use sources_permissions::{SourcePermission, UserSourcesPermissions};
pub use team::Team;
pub use user::{Gender, User};
pub use user_capacity::{ChannelCapacity, UserCapacity};
pub use user_signature::UserSignature;

/// A point in time as Engage sends it (RFC 3339, e.g. `2012-05-21T01:19:49Z`).
pub type Timestamp = time::OffsetDateTime;
