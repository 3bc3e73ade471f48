//! One handler per REST resource, reached from [`Client`](crate::Client):
//! `client.users().list()`, `client.roles().get(..)`, ...

mod crud;
pub mod custom_fields;
pub mod folders;
pub mod locales;
pub mod operations;
pub mod reply_assistant;
pub mod settings;
pub mod surveys;
pub mod tags;
pub mod time_sheets;
pub mod topologies;
pub mod users;

pub use custom_fields::{CreateCustomField, CustomFields, UpdateCustomField};
pub use folders::{CreateFolder, Folders, UpdateFolder};
pub use locales::{InterfaceLocales, Locales, Timezones};
pub use reply_assistant::{
    CreateReplyAssistantEntry, CreateReplyAssistantGroup, CreateReplyAssistantVersion, ReplyAssistantEntries,
    ReplyAssistantGroups, ReplyAssistantVersions, UpdateReplyAssistantEntry, UpdateReplyAssistantGroup,
    UpdateReplyAssistantVersion,
};
pub use settings::{Settings, UpdateSettings};
pub use surveys::{SurveyResponses, Surveys};
pub use tags::{CreateTag, Tags, UpdateTag};
pub use time_sheets::{CreateTimeSheet, TimeSheets, UpdateTimeSheet};
pub use topologies::{CreateTopology, Topologies, UpdateTopology};
pub use users::{CreateUser, InviteUser, UpdateUser, Users};
