//! Built-in simulator tests: REST, the Send API, routing, webhooks and its models against the spec.
//! One test binary per area keeps link time and disk use down.

mod load;
mod models;
mod raw_http;
mod rest;
mod routing;
mod send_api;
mod support;
mod webhooks;
