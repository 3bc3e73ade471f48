//! `/communities`: the networks sources belong to (read only).

use super::crud::resource_handler;
use crate::api::operations::operations;
use crate::models::{Community, CommunityId};

operations![
    ("getAllCommunities", "GET", "/communities", "Communities::list"),
    (
        "getCommunity",
        "GET",
        "/communities/{communityId}",
        "Communities::get"
    ),
];

resource_handler! {
    /// The `/communities` endpoints. Get one with [`Client::communities`](crate::Client::communities).
    Communities => communities, "communities", Community, CommunityId,
    one "community", many "communities", [list, get]
}
