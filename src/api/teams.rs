//! `/teams`: list, get, create, update and delete teams.

use http::Method;

use super::crud::resource_handler;
use crate::api::operations::operations;
use crate::api::params::setters;
use crate::client::request_builder;
use crate::models::{CategoryId, Team, TeamId, UserId};

operations![
    ("getAllTeams", "GET", "/teams", "Teams::list"),
    ("getTeam", "GET", "/teams/{teamId}", "Teams::get"),
    ("createTeam", "POST", "/teams", "Teams::create"),
    ("updateTeam", "PUT", "/teams/{teamId}", "Teams::update"),
    ("deleteTeam", "DELETE", "/teams/{teamId}", "Teams::delete"),
];

resource_handler! {
    /// The `/teams` endpoints. Get one with [`Client::teams`](crate::Client::teams).
    Teams => teams, "teams", Team, TeamId, one "team", many "teams", [list, get]
}

impl Teams {
    /// Creates a team (`POST /teams`).
    pub fn create(&self, name: impl Into<String>) -> CreateTeam {
        CreateTeam::from_call(self.call(Method::POST, &[])).param("name", name.into())
    }

    /// Updates a team (`PUT /teams/{id}`); only the fields you set are sent.
    pub fn update(&self, id: &TeamId) -> UpdateTeam {
        UpdateTeam::from_call(self.call(Method::PUT, &[id.as_str()]))
    }

    /// Deletes a team (`DELETE /teams/{id}`); awaiting the builder returns the deleted team.
    pub fn delete(&self, id: &TeamId) -> DeleteTeam {
        DeleteTeam::from_call(self.call(Method::DELETE, &[id.as_str()]))
    }
}

request_builder! {
    /// `POST /teams`, from [`Teams::create`].
    CreateTeam -> Team
}
request_builder! {
    /// `PUT /teams/{id}`, from [`Teams::update`].
    UpdateTeam -> Team
}
request_builder! {
    /// `DELETE /teams/{id}`, from [`Teams::delete`].
    DeleteTeam -> Team
}

// The team fields create and update share.
setters!(CreateTeam, UpdateTeam {
    /// The team's leaders (replaces the list).
    leader_ids: ids<UserId> = "leader_ids";
    /// The team's members (replaces the list).
    user_ids: ids<UserId> = "user_ids";
});

setters!(UpdateTeam {
    /// The team name.
    name: str = "name";
});

setters!(DeleteTeam {
    /// The category to move the team's conversations to (Engage's `take_over_category_id`).
    take_over_category_id: id<CategoryId> = "take_over_category_id";
});
