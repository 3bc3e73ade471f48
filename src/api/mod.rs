//! One handler per REST resource, reached from [`Client`](crate::Client):
//! `client.users().list()`, `client.roles().get(..)`, ...
//!
//! A note on Engage's published spec: it declares a `bearerAuth` security scheme but attaches
//! it to no operation (there is no top-level `security` either), and many operations list
//! `access_token` as a query parameter instead. The crate sends the token in the
//! `Authorization: Bearer` header on every call, which Engage accepts everywhere.
//!
//! # Adding an endpoint
//!
//! Every resource file has the same shape, top to bottom:
//!
//! 1. `operations![..]`: the spec's operation ids the file implements (checked against
//!    `openapi3.yaml` by a test).
//! 2. `resource_handler! { .. }`: the handler struct, its `Client` accessor, a private
//!    `call(method, tail)` that builds every request under the handler's path, and whichever
//!    of the shared methods apply (`list`, `list_all`, `get`, `delete`, `get_singleton`; see
//!    `crud.rs`). The same invocation declares a collection (`/tags`), a collection nested
//!    under another record (`user_signatures(user: UserId), "users/{user}/signatures"`), a
//!    singleton (`/settings`) and a set of actions (`/bots`, no shared method).
//! 3. An `impl` block for what differs per resource: `create`, `update`, actions, deletes
//!    that take parameters, each reaching its path with `self.call(Method::PUT, &[id.as_str(),
//!    "close"])`. Those taking optional parameters return a builder declared with
//!    `request_builder!`.
//! 4. `setters!(Builder, .. { .. })`: the builders' optional parameters, one line each
//!    (see `params.rs` for the kinds, keyed names such as `custom_field_values[{}]` and
//!    arrays of objects); builders sharing fields are listed together. A setter made of
//!    other setters goes in the invocation's `@custom { .. }` block.
//!
//! What stays written by hand is not an endpoint: conveniences built on the handlers
//! (`Users::video_readiness`, `AgentStatuses::available_on`, `Roles::grant_escalate_to_video`,
//! `Contents::reply`), the [`SearchQuery`] builder, and [`UploadAttachment`], whose size check
//! must run before sending.

mod crud;
pub mod custom_fields;
pub mod folders;
pub mod locales;
pub mod operations;
mod params;
pub mod reply_assistant;
pub mod settings;
pub mod surveys;
pub mod tags;
pub mod time_sheets;
pub mod topologies;

pub mod attachments;
pub mod bots;
pub mod channels;
pub mod communities;
pub mod contents;
pub mod events;
pub mod identities;
pub mod intervention_comments;
pub mod interventions;
pub mod search;
pub mod sources;
pub mod tasks;
pub mod threads;
pub mod users;
pub mod webhooks;

pub use attachments::{Attachments, UploadAttachment, DEFAULT_MAX_UPLOAD_SIZE};
pub use bots::{Bots, CompleteBot, HandoverBot};
pub use channels::{Channels, UpdateChannel};
pub use communities::Communities;
pub use contents::{Contents, CreateContent};
pub use custom_fields::{CreateCustomField, CustomFields, UpdateCustomField};
pub use events::Events;
pub use folders::{CreateFolder, Folders, UpdateFolder};
pub use identities::{Identities, IdentityGroups, IdentitySort, ImportIdentity, UpdateIdentityGroup};
pub use intervention_comments::InterventionComments;
pub use interventions::{Interventions, UpdateIntervention};
pub use locales::{InterfaceLocales, Locales, Timezones};
pub use reply_assistant::{
    CreateReplyAssistantEntry, CreateReplyAssistantGroup, CreateReplyAssistantVersion, ReplyAssistantEntries,
    ReplyAssistantGroups, ReplyAssistantVersions, UpdateReplyAssistantEntry, UpdateReplyAssistantGroup,
    UpdateReplyAssistantVersion,
};
pub use search::{SearchDate, SearchQuery, SortDirection, SortField, ThreadStatus};
pub use settings::{Settings, UpdateSettings};
pub use sources::{Sources, UpdateEmailCredentials, UpdateSource};
pub use surveys::{SurveyResponses, Surveys};
pub use tags::{CreateTag, Tags, UpdateTag};
pub use tasks::{Tasks, TransferTask};
pub use threads::Threads;
pub use time_sheets::{CreateTimeSheet, TimeSheets, UpdateTimeSheet};
pub use topologies::{CreateTopology, Topologies, UpdateTopology};
pub use users::{CreateUser, InviteUser, UpdateUser, Users};
pub use webhooks::{CreateWebhook, UpdateWebhook, Webhooks};
pub mod agent_status;
pub mod availability;
pub mod categories;
pub mod presence_statuses;
pub mod roles;
pub mod teams;
pub mod user_capacities;
pub mod user_signatures;
pub mod user_sources_permissions;
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
pub use video::{MissingRequirement, VideoReadiness};
