//! Built-in simulator tests: REST, the Send API, routing, webhooks and its models against the spec.
//! One test binary per area keeps link time and disk use down.

mod bot_proxy;
mod load;
mod models;
mod raw_http;
mod rest;
mod routing;
mod send_api;
mod support;
mod webhooks;

/// The `bot_proxy` example, compiled once for every module here.
#[allow(dead_code)]
#[path = "../../examples/bot_proxy.rs"]
mod proxy;

/// The load-test adapter for `bot_proxy`'s user API.
#[allow(dead_code)]
#[path = "../../examples/bot_proxy/load_adapter.rs"]
mod load_adapter;
