//! `/tags`: list, get, create, rename and delete tags.

use http::Method;

use super::crud::resource_handler;
use crate::api::operations::operations;
use crate::api::params::setters;
use crate::client::{request_builder, List};
use crate::models::{Tag, TagId};

operations![
    ("getAllTags", "GET", "/tags", "Tags::list"),
    ("getTag", "GET", "/tags/{tagId}", "Tags::get"),
    ("createTag", "POST", "/tags", "Tags::create"),
    ("updateTag", "PUT", "/tags/{tagId}", "Tags::update"),
    ("deleteTag", "DELETE", "/tags/{tagId}", "Tags::delete"),
];

resource_handler! {
    /// The `/tags` endpoints. Get one with [`Client::tags`](crate::Client::tags).
    Tags => tags, "tags", Tag, TagId, one "tag", many "tags", [list, get, delete]
}

impl Tags {
    /// Creates a tag (`POST /tags`).
    pub fn create(&self, name: impl Into<String>) -> CreateTag {
        CreateTag::from_call(self.call(Method::POST, &[])).param("name", name.into())
    }

    /// Renames a tag (`PUT /tags/{id}`).
    pub fn update(&self, id: &TagId, name: impl Into<String>) -> UpdateTag {
        UpdateTag::from_call(self.call(Method::PUT, &[id.as_str()])).param("name", name.into())
    }
}

setters!(List<Tag> {
    /// Only these tags (sent as one comma-separated `ids` parameter, as Engage expects).
    ids: csv<TagId> = "ids";
});

request_builder! {
    /// `POST /tags`, from [`Tags::create`].
    CreateTag -> Tag
}
request_builder! {
    /// `PUT /tags/{id}`, from [`Tags::update`].
    UpdateTag -> Tag
}
