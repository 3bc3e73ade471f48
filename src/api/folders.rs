//! `/folders`: list, get, create, update and delete thread folders (saved searches).

use http::Method;

use super::crud::{collection_call, record_call, resource_handler};
use crate::api::operations::operations;
use crate::client::request_builder;
use crate::models::{Folder, FolderId, RoleId, TeamId, UserId};

operations![
    ("getAllFolders", "GET", "/folders", "Folders::list"),
    ("getFolder", "GET", "/folders/{folderId}", "Folders::get"),
    ("createFolder", "POST", "/folders", "Folders::create"),
    ("updateFolder", "PUT", "/folders/{folderId}", "Folders::update"),
    ("deleteFolder", "DELETE", "/folders/{folderId}", "Folders::delete"),
];

resource_handler! {
    /// The `/folders` endpoints. Get one with [`Client::folders`](crate::Client::folders).
    Folders => folders, "folders", Folder, FolderId, one "folder", many "folders",
    [list, get, delete]
}

impl Folders {
    /// Creates a folder (`POST /folders`); Engage requires its label.
    pub fn create(&self, label: impl Into<String>) -> CreateFolder {
        CreateFolder::from_call(collection_call(&self.client, Method::POST, "folders"))
            .param("label", label.into())
    }

    /// Updates a folder (`PUT /folders/{id}`); only the fields you set are sent.
    pub fn update(&self, id: &FolderId) -> UpdateFolder {
        UpdateFolder::from_call(record_call(&self.client, Method::PUT, "folders", id.as_str()))
    }
}

request_builder! {
    /// `POST /folders`, from [`Folders::create`].
    CreateFolder -> Folder
}
request_builder! {
    /// `PUT /folders/{id}`, from [`Folders::update`].
    UpdateFolder -> Folder
}

/// The fields create and update share.
macro_rules! folder_fields {
    ($($builder:ident),+) => {$(
        impl $builder {
            /// The label shown in the interface.
            pub fn label(self, label: impl Into<String>) -> Self {
                self.param("label", label.into())
            }

            /// Makes the folder a sub-folder of `parent`.
            pub fn parent_id(self, parent: &FolderId) -> Self {
                self.param("parent_id", parent)
            }

            /// The folder's position among its siblings.
            pub fn position(self, position: i64) -> Self {
                self.param("position", position)
            }

            /// The search query selecting the folder's threads, e.g.
            /// `active_and_assigned_to_me:true`.
            pub fn query(self, query: impl Into<String>) -> Self {
                self.param("query", query.into())
            }

            /// Whether the interface shows the number of threads.
            pub fn render_threads_count(self, render: bool) -> Self {
                self.param("render_threads_count", render)
            }

            /// Only these roles may see the folder (`role_restriction[only][]`, replaces the list).
            pub fn role_restriction<'a>(self, ids: impl IntoIterator<Item = &'a RoleId>) -> Self {
                self.list_param("role_restriction[only]", ids)
            }

            /// Only these teams may see the folder (`team_restriction[only][]`, replaces the list).
            pub fn team_restriction<'a>(self, ids: impl IntoIterator<Item = &'a TeamId>) -> Self {
                self.list_param("team_restriction[only]", ids)
            }

            /// Only these users may see the folder (`user_restriction[only][]`, replaces the list).
            pub fn user_restriction<'a>(self, ids: impl IntoIterator<Item = &'a UserId>) -> Self {
                self.list_param("user_restriction[only]", ids)
            }
        }
    )+};
}
folder_fields!(CreateFolder, UpdateFolder);
