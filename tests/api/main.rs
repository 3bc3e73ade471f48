//! REST client tests: every resource against wiremock fixtures, the client core, rate limiting and the spec coverage check.
//! One test binary per area keeps link time and disk use down.

mod admin;
mod admin_kb;
mod agents;
mod bad_inputs;
mod client_core;
mod common;
mod conversation_models;
mod conversation_routing;
mod conversation_setup;
mod conversations;
mod directory;
mod identities;
mod rate_limit_burst;
mod spec_coverage;
mod spec_decode;
mod users;
