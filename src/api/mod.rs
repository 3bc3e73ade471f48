//! One handler per REST resource, reached from [`Client`](crate::Client):
//! `client.users().list()`, `client.roles().get(..)`, ...

pub mod operations;
pub mod users;

pub use users::{CreateUser, InviteUser, UpdateUser, Users};
