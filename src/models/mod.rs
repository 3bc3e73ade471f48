//! Typed models of the resources Engage Digital's REST API returns.
//!
//! Every struct is `#[non_exhaustive]`, every field the API may omit is an `Option` or defaults,
//! and every field Engage adds later is ignored by decoding rather than breaking it.

mod custom_field;
mod folder;
pub mod ids;
mod locale;
mod reply_assistant;
mod settings;
mod string_enum;
mod survey;
mod tag;
mod time_sheet;
mod topology;
mod user;

pub use custom_field::{CustomField, CustomFieldOwner, CustomFieldType};
pub use folder::{Folder, Restriction};
pub use ids::*;
pub use locale::{InterfaceLocale, Locale, Timezone};
pub use reply_assistant::{ReplyAssistantEntry, ReplyAssistantGroup, ReplyAssistantVersion, ReplyFormat};
pub use settings::{DomainSettings, DomainType};
pub use survey::{
    Survey, SurveyChoice, SurveyProvider, SurveyQuestion, SurveyResponse, SurveyResponseQuestion,
};
pub use tag::Tag;
pub use time_sheet::{Holiday, TimeSheet};
pub use topology::Topology;
pub use user::{Gender, User};

/// A point in time as Engage sends it (RFC 3339, e.g. `2012-05-21T01:19:49Z`).
pub type Timestamp = time::OffsetDateTime;
