//! The handover runtime on a real Redis: each test starts its own private `redis-server`.
#![cfg(all(feature = "redis", feature = "simulator"))]

mod backend;
mod crash;
mod failover_demo;
mod kill;
mod replicas;
mod round_robin;
mod server;
#[path = "../handover/support.rs"]
mod support;
