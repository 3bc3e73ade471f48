//! Topologies: the routing configurations of a domain, one of which is active.

use serde::{Deserialize, Serialize};

use super::{Timestamp, TopologyId};

/// A routing topology.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Topology {
    /// The topology's id.
    pub id: TopologyId,
    /// The topology's name.
    #[serde(default)]
    pub name: Option<String>,
    /// The routing configuration, as Engage's routing engine reads it.
    #[serde(default)]
    pub config: Option<serde_json::Value>,
    /// Whether this is the domain's active topology, when Engage says so.
    #[serde(default)]
    pub active: Option<bool>,
    /// Creation time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub created_at: Option<Timestamp>,
    /// Last update time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub updated_at: Option<Timestamp>,
}
