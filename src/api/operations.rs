//! The map from every operation of Engage's OpenAPI spec to the method that performs it.
//!
//! Each handler module lists its own operations next to its code; [`OPERATIONS`] joins them.
//! A test reads the vendored spec and checks that every `operationId` is here with the same
//! HTTP method and path template.

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
pub const OPERATIONS: &[&[Operation]] = &[super::users::OPERATIONS];

/// Iterates over every operation the crate performs.
pub fn all() -> impl Iterator<Item = &'static Operation> {
    OPERATIONS.iter().flat_map(|ops| ops.iter())
}
