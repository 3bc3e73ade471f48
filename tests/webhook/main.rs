//! Webhook tests: events, the receiver, deduplication and the axum router.
//! One test binary per area keeps link time and disk use down.

mod axum_router;
mod batch;
mod dedup;
mod events;
mod receiver;
