//! `/user_capacities`: capacity profiles limiting how many tasks agents hold per channel.

use http::Method;

use super::crud::resource_handler;
use crate::api::operations::operations;
use crate::api::params::{setters, QueryObject};
use crate::client::request_builder;
use crate::models::{ChannelCapacity, UserCapacity, UserCapacityId};

operations![
    (
        "getAllUserCapacities",
        "GET",
        "/user_capacities",
        "UserCapacities::list"
    ),
    (
        "getUserCapacity",
        "GET",
        "/user_capacities/{userCapacityId}",
        "UserCapacities::get"
    ),
    (
        "createUserCapacity",
        "POST",
        "/user_capacities",
        "UserCapacities::create"
    ),
    (
        "updateUserCapacity",
        "PUT",
        "/user_capacities/{userCapacityId}",
        "UserCapacities::update"
    ),
    (
        "deleteUserCapacity",
        "DELETE",
        "/user_capacities/{userCapacityId}",
        "UserCapacities::delete"
    ),
];

resource_handler! {
    /// The `/user_capacities` endpoints. Get one with
    /// [`Client::user_capacities`](crate::Client::user_capacities).
    UserCapacities => user_capacities, "user_capacities", UserCapacity, UserCapacityId,
    one "user capacity", many "user capacities",
    [
        /// Lists user capacities, oldest first (`GET /user_capacities`).
        list,
        get,
        delete,
    ]
}

impl UserCapacities {
    /// Creates a user capacity called `name` (`POST /user_capacities`).
    pub fn create(&self, name: impl Into<String>) -> CreateUserCapacity {
        CreateUserCapacity::from_call(self.call(Method::POST, &[])).param("name", name.into())
    }

    /// Updates a user capacity (`PUT /user_capacities/{id}`); only the fields you set are sent.
    pub fn update(&self, id: &UserCapacityId) -> UpdateUserCapacity {
        UpdateUserCapacity::from_call(self.call(Method::PUT, &[id.as_str()]))
    }
}

impl QueryObject for ChannelCapacity {
    fn fields(&self) -> Vec<(&'static str, Option<String>)> {
        vec![
            ("channel_id", Some(self.id.to_string())),
            ("default_capacity", self.default_capacity.map(|c| c.to_string())),
            ("max_capacity", self.max_capacity.map(|c| c.to_string())),
        ]
    }
}

request_builder! {
    /// `POST /user_capacities`, from [`UserCapacities::create`].
    CreateUserCapacity -> UserCapacity
}
request_builder! {
    /// `PUT /user_capacities/{id}`, from [`UserCapacities::update`].
    UpdateUserCapacity -> UserCapacity
}

// The capacity fields create and update share.
setters!(CreateUserCapacity, UpdateUserCapacity {
    /// The limits per channel (replaces any set before). Each channel goes out as
    /// `channels[][channel_id]`, then its `channels[][default_capacity]` and
    /// `channels[][max_capacity]`, in that order, since Engage pairs the limits with
    /// the channel id just before them.
    channels: object_refs<ChannelCapacity> = "channels";
});

setters!(UpdateUserCapacity {
    /// The profile's name.
    name: str = "name";
});
