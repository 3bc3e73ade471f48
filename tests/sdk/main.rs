//! Channel (Source) SDK tests: signatures, actions, objects, the endpoint, its axum router and the Send API client.
//! One test binary per area keeps link time and disk use down.

mod actions;
mod axum_router;
mod endpoint;
mod objects;
mod proptest_roundtrip;
mod send;
mod signature;
mod stalled_connections;
