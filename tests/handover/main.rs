//! Engage handover tests against the built-in simulator: end to end, under faults, and under load.
//! One test binary per area keeps link time and disk use down.

mod config;
mod custom_provider;
mod e2e;
mod faults;
mod inbound;
mod lifecycle;
mod load;
mod signals;
mod support;
