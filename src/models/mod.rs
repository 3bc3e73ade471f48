//! Typed models of the resources Engage Digital's REST API returns.
//!
//! Every struct is `#[non_exhaustive]`, every field the API may omit is an `Option` or defaults,
//! and a field Engage adds later never breaks decoding. The core records ([`User`], [`Thread`],
//! [`Content`], [`Intervention`], [`Identity`], [`IdentityGroup`], [`Category`], [`Source`],
//! [`Task`] and [`Role`]) keep such fields in their `extra` map and serialize them back; the
//! other models ignore them.

mod attachment;
mod bot;
mod channel;
mod content;
mod custom_field;
pub(crate) mod de;
mod event;
mod folder;
pub mod identity;
pub mod ids;
mod intervention;
mod locale;
mod reply_assistant;
mod settings;
mod source;
pub(crate) mod string_enum;
mod survey;
mod tag;
mod task;
mod thread;
mod time_sheet;
mod topology;
mod user;
mod webhook;

pub use attachment::Attachment;
pub use bot::{BotResponse, HandoverParty, HandoverType};
pub use channel::{Channel, Community};
pub use content::{BodyFormatted, BodyInputFormat, Content, RatedWith, TranslationStatus};
pub use custom_field::{CustomField, CustomFieldOwner, CustomFieldType};
pub use event::{Event, EventExtraInfo};
pub use folder::{Folder, Restriction};
pub use identity::*;
pub use ids::*;
pub use intervention::{Intervention, InterventionComment, InterventionSort, InterventionStatus};
pub use locale::{InterfaceLocale, Locale, Timezone};
pub use reply_assistant::{ReplyAssistantEntry, ReplyAssistantGroup, ReplyAssistantVersion, ReplyFormat};
pub use settings::{DomainSettings, DomainType};
pub use source::{
    AttachmentsSecurityLevel, AutoResponseSettings, AutoResponseTrigger, EmailAuthenticationType,
    EmailSettings, SlaExpiredStrategy, SlaFilteringCategoriesStrategy, Source, SourceSignature,
    SpamAssassinLevel, SslVerifyMode,
};
pub use survey::{
    Survey, SurveyChoice, SurveyProvider, SurveyQuestion, SurveyResponse, SurveyResponseQuestion,
};
pub use tag::Tag;
pub use task::Task;
pub use thread::Thread;
pub use time_sheet::{Holiday, TimeSheet};
pub use topology::Topology;
pub use user::{Gender, User};
pub use webhook::{Webhook, WebhookAccessToken, WebhookEventName};
mod agent_status;
mod category;
mod presence_status;
mod role;
mod sources_permissions;
mod team;
mod user_capacity;
mod user_signature;

pub use agent_status::{AgentStatus, Availability, Busyness, ChannelStatus, CustomStatus};
pub use category::Category;
pub use presence_status::PresenceStatus;
pub(crate) use role::role_flags;
pub use role::{Role, RolePermissions};
pub use sources_permissions::{SourcePermission, UserSourcesPermissions};
pub use team::Team;
pub use user_capacity::{ChannelCapacity, UserCapacity};
pub use user_signature::UserSignature;

/// A point in time as Engage sends it (RFC 3339, e.g. `2012-05-21T01:19:49Z`).
pub type Timestamp = time::OffsetDateTime;
