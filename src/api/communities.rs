//! `/communities`: the networks sources belong to (read only).

use http::Method;

use crate::api::operations::operations;
use crate::client::{Call, Client, List};
use crate::models::{Community, CommunityId};
use crate::Result;

operations![
    ("getAllCommunities", "GET", "/communities", "Communities::list"),
    (
        "getCommunity",
        "GET",
        "/communities/{communityId}",
        "Communities::get"
    ),
];

/// The `/communities` endpoints. Get one with [`Client::communities`].
#[derive(Debug, Clone)]
pub struct Communities {
    client: Client,
}

impl Client {
    /// Communities: list, get.
    pub fn communities(&self) -> Communities {
        Communities { client: self.clone() }
    }
}

impl Communities {
    /// Lists communities (`GET /communities`).
    pub fn list(&self) -> List<Community> {
        List::new(&self.client, ["communities"])
    }

    /// Gets one community (`GET /communities/{id}`).
    pub async fn get(&self, id: &CommunityId) -> Result<Community> {
        Call::new(&self.client, Method::GET, ["communities", id.as_str()])
            .send()
            .await
    }
}
