//! Engage handover tests against the built-in simulator: end to end, under faults, and under load.
//! One test binary per area keeps link time and disk use down.

mod availability;
mod business_hours;
mod config;
mod custom_provider;
mod deadlines;
mod e2e;
mod faults;
mod inactivity;
mod inbound;
mod lifecycle;
mod load;
mod reconcile;
mod resume_budget;
mod routing;
mod signals;
mod support;
mod thresholds;
