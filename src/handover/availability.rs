//! [`AvailabilityDetail`]: how many agents can take a conversation, and how busy they are.

use serde::{Deserialize, Serialize};

/// The agents of the channel a handover would go to, counted by state; carried by
/// [`Availability`](super::Availability) so the bot can word its answer ("all our agents are
/// busy" is not "nobody is connected").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AvailabilityDetail {
    /// Agents connected on the channel, whatever their status.
    pub connected: usize,
    /// Agents who can take a conversation now.
    pub available: usize,
    /// Connected agents who take no new work (away, or a status the crate does not know).
    pub away: usize,
    /// Agents available but at their hard capacity (they count as not available).
    pub full: usize,
    /// Available agents above their soft capacity.
    pub busy: usize,
    /// Available agents below their soft capacity, with work in progress.
    pub ok: usize,
    /// Available agents with no work in progress.
    pub unoccupied: usize,
}

impl AvailabilityDetail {
    /// No agent at all (every count zero); fill in the counts a provider knows.
    pub fn new() -> Self {
        Self::default()
    }
}
