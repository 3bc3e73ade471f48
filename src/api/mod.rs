//! One handler per REST resource, reached from [`Client`](crate::Client):
//! `client.users().list()`, `client.roles().get(..)`, ...

mod params;

pub mod bots;
pub mod contents;
pub mod intervention_comments;
pub mod interventions;
pub mod operations;
pub mod search;
pub mod tasks;
pub mod threads;
pub mod users;

pub use bots::{Bots, CompleteBot, HandoverBot};
pub use contents::{Contents, CreateContent};
pub use intervention_comments::InterventionComments;
pub use interventions::{Interventions, UpdateIntervention};
pub use search::{SearchDate, SearchQuery, SortDirection, SortField, ThreadStatus};
pub use tasks::{Tasks, TransferTask};
pub use threads::Threads;
pub use users::{CreateUser, InviteUser, UpdateUser, Users};
