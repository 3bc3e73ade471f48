//! `/user_capacities`: capacity profiles limiting how many tasks agents hold per channel.

use http::Method;

use super::crud::resource_handler;
use crate::api::operations::operations;
use crate::api::params::setters;
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
    @custom {
        /// The limits per channel (replaces any set before). Each channel goes out as
        /// `channels[][channel_id]`, then its `channels[][default_capacity]` and
        /// `channels[][max_capacity]`, in that order, since Engage pairs the limits with
        /// the channel id just before them.
        pub fn channels<'a>(mut self, channels: impl IntoIterator<Item = &'a ChannelCapacity>) -> Self {
            let query = &mut self.call.request.query.0;
            query.retain(|(k, _)| !k.starts_with("channels[]"));
            for channel in channels {
                query.push(("channels[][channel_id]".into(), channel.id.to_string()));
                if let Some(default) = channel.default_capacity {
                    query.push(("channels[][default_capacity]".into(), default.to_string()));
                }
                if let Some(max) = channel.max_capacity {
                    query.push(("channels[][max_capacity]".into(), max.to_string()));
                }
            }
            self
        }
    }
});

setters!(UpdateUserCapacity {
    /// The profile's name.
    name: str = "name";
});
