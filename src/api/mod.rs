//! One handler per REST resource, reached from [`Client`](crate::Client):
//! `client.users().list()`, `client.roles().get(..)`, ...

pub mod agent_status;
pub mod availability;
pub mod categories;
pub mod operations;
pub mod presence_statuses;
pub mod roles;
pub mod teams;
pub mod user_capacities;
pub mod user_signatures;
pub mod user_sources_permissions;
pub mod users;
pub mod video;

pub use agent_status::{AgentStatuses, ChangeAgentStatus, ListAgentStatus};
pub use availability::{available_agents, ChannelSelector};
pub use categories::{Categories, CreateCategory, DeleteCategory, UpdateCategory};
pub use presence_statuses::PresenceStatuses;
pub use roles::{CreateRole, Roles, UpdateRole};
pub use teams::{CreateTeam, DeleteTeam, Teams, UpdateTeam};
pub use user_capacities::{CreateUserCapacity, UpdateUserCapacity, UserCapacities};
pub use user_signatures::{CreateUserSignature, UpdateUserSignature, UserSignatures};
pub use user_sources_permissions::{SourcesPermissions, UpdateUserSourcesPermissions};
pub use users::{CreateUser, InviteUser, UpdateUser, Users};
pub use video::{MissingRequirement, VideoReadiness};
