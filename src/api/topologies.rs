//! `/topologies`: list, get, create, update, activate and delete routing topologies.
//!
//! Unlike the rest of the API, create and update take their fields (`name`, `json_config`) in
//! an `application/x-www-form-urlencoded` body, as the spec's `requestBody` says.

use http::Method;

use super::crud::resource_handler;
use crate::api::operations::operations;
use crate::api::params::setters;
use crate::client::request_builder;
use crate::models::{Topology, TopologyId};
use crate::Result;

operations![
    ("getAllTopologies", "GET", "/topologies", "Topologies::list"),
    (
        "getTopology",
        "GET",
        "/topologies/{topologyId}",
        "Topologies::get"
    ),
    ("createTopology", "POST", "/topologies", "Topologies::create"),
    (
        "updateTopology",
        "PUT",
        "/topologies/{topologyId}",
        "Topologies::update"
    ),
    (
        "activateTopology",
        "PUT",
        "/topologies/{topologyId}/activate",
        "Topologies::activate"
    ),
    (
        "deleteTopology",
        "DELETE",
        "/topologies/{topologyId}",
        "Topologies::delete"
    ),
];

resource_handler! {
    /// The `/topologies` endpoints (only users allowed to manage topologies may call them).
    /// Get one with [`Client::topologies`](crate::Client::topologies).
    Topologies => topologies, "topologies", Topology, TopologyId,
    one "topology", many "topologies", [list, get, delete]
}

impl Topologies {
    /// Creates a topology from its name and routing configuration (`POST /topologies`).
    pub fn create(&self, name: impl Into<String>, config: &serde_json::Value) -> CreateTopology {
        let call = self
            .call(Method::POST, &[])
            .form_param("name", name.into())
            .form_param("json_config", config);
        CreateTopology::from_call(call)
    }

    /// Updates an inactive topology (`PUT /topologies/{id}`); only the fields you set are sent.
    /// Engage refuses to change the active topology.
    pub fn update(&self, id: &TopologyId) -> UpdateTopology {
        UpdateTopology::from_call(self.call(Method::PUT, &[id.as_str()]))
    }

    /// Makes a topology the domain's active one (`PUT /topologies/{id}/activate`).
    pub async fn activate(&self, id: &TopologyId) -> Result<Topology> {
        self.call(Method::PUT, &[id.as_str(), "activate"]).send().await
    }
}

request_builder! {
    /// `POST /topologies`, from [`Topologies::create`].
    CreateTopology -> Topology
}
request_builder! {
    /// `PUT /topologies/{id}`, from [`Topologies::update`].
    UpdateTopology -> Topology
}

setters!(UpdateTopology {
    /// The topology's new name.
    name: form_str = "name";
    /// The topology's new routing configuration (sent as the JSON text `json_config`).
    config: form_json = "json_config";
});
