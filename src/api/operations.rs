//! The map from every operation of Engage's OpenAPI spec to the method that performs it.
//!
//! Each handler module lists its own operations next to its code; [`OPERATIONS`] joins them.
//! A test reads the vendored spec and checks that every `operationId` is here with the same
//! HTTP method and path template.
//!
//! # Spec notes
//!
//! The published spec (`openapi3.yaml`, version 1.0.1) disagrees with itself or with the API in
//! a few places; the crate follows the API's documented behaviour and keeps the spec's
//! operation ids, methods and paths as they are:
//!
//! - It declares a `bearerAuth` security scheme but attaches it to nothing: there is no
//!   top-level `security` and no operation has one. Every call does need
//!   `Authorization: Bearer <token>`, which the client always sends.
//! - `openThread` is a `GET` (`/content_threads/{threadId}/open`) although it changes the
//!   thread's state; the crate sends the `GET` the API expects, and retries it like any `GET`.
//! - `createTopology` and `updateTopology` take `name` and `json_config` in an
//!   `application/x-www-form-urlencoded` body, while every other write takes its fields in the
//!   query string. `json_config` is a string holding JSON, whereas the returned `Topology`
//!   carries a `config` object.
//! - Two response schemas name a field with brackets, as if it were a query parameter:
//!   `Settings.content_languages[]` and `TimeSheet.holidays[]`. The models accept both that
//!   name and the plain one.
//! - `ReplyAssistantEntry.shortcuts` is typed as one string, but `updateReplyAssistantEntry`
//!   takes `shortcuts[]` as an array; the model reads either.
//! - `updateSettings` takes `content_languages` as a string "(see format)" without giving the
//!   format, and `createTimeSheet` / `updateTimeSheet` type `holidays` as a string while
//!   describing an array of `{name, date}` hashes (the crate sends `holidays[][name]` and
//!   `holidays[][date]` pairs).
//! - `Timezone`'s properties have a `format` but no `type`.
//! - `createFolder` calls `label` mandatory but marks it `required: false`;
//!   `updateSettings`' `enable_auto_scroll_down` has no `required` at all.
//! - `getAllTopologies` and `getAllSurveys` answer a paged `{count, offset, limit, records}`
//!   object but list no `offset` / `limit` parameters; the crate's `List` offers them anyway.

/// One REST operation of the spec and the crate method that performs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Operation {
    /// The spec's `operationId`, e.g. `getAllUsers`.
    pub operation_id: &'static str,
    /// The HTTP method, upper case.
    pub method: &'static str,
    /// The spec's path template, e.g. `/users/{userId}`.
    pub path: &'static str,
    /// The crate method, e.g. `Users::list`.
    pub rust: &'static str,
}

/// Declares a handler module's operations: `operations![("getUser", "GET", "/users/{userId}", "Users::get"), ...]`.
macro_rules! operations {
    ($(($id:literal, $method:literal, $path:literal, $rust:literal)),+ $(,)?) => {
        /// The spec operations this module performs.
        pub(crate) const OPERATIONS: &[$crate::api::operations::Operation] = &[$(
            $crate::api::operations::Operation { operation_id: $id, method: $method, path: $path, rust: $rust },
        )+];
    };
}
pub(crate) use operations;

/// Every operation the crate performs, one slice per handler module.
pub const OPERATIONS: &[&[Operation]] = &[
    super::users::OPERATIONS,
    super::custom_fields::OPERATIONS,
    super::folders::OPERATIONS,
    super::tags::OPERATIONS,
    super::topologies::OPERATIONS,
    super::settings::OPERATIONS,
    super::surveys::OPERATIONS,
    super::reply_assistant::OPERATIONS,
    super::time_sheets::OPERATIONS,
    super::locales::OPERATIONS,
    super::contents::OPERATIONS,
    super::threads::OPERATIONS,
    super::interventions::OPERATIONS,
    super::intervention_comments::OPERATIONS,
    super::bots::OPERATIONS,
    super::tasks::OPERATIONS,
    super::sources::OPERATIONS,
    super::channels::OPERATIONS,
    super::communities::OPERATIONS,
    super::attachments::OPERATIONS,
    super::events::OPERATIONS,
    super::webhooks::OPERATIONS,
    super::identities::OPERATIONS,
    super::roles::OPERATIONS,
    super::agent_status::OPERATIONS,
    super::presence_statuses::OPERATIONS,
    super::teams::OPERATIONS,
    super::categories::OPERATIONS,
    super::user_capacities::OPERATIONS,
    super::user_signatures::OPERATIONS,
    super::user_sources_permissions::OPERATIONS,
];

/// Iterates over every operation the crate performs.
pub fn all() -> impl Iterator<Item = &'static Operation> {
    OPERATIONS.iter().flat_map(|ops| ops.iter())
}
