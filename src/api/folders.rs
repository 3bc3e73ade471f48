//! `/folders`: list, get, create, update and delete thread folders (saved searches).

use http::Method;

use super::crud::resource_handler;
use crate::api::operations::operations;
use crate::api::params::setters;
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
        CreateFolder::from_call(self.call(Method::POST, &[])).param("label", label.into())
    }

    /// Updates a folder (`PUT /folders/{id}`); only the fields you set are sent.
    pub fn update(&self, id: &FolderId) -> UpdateFolder {
        UpdateFolder::from_call(self.call(Method::PUT, &[id.as_str()]))
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

// The fields create and update share.
setters!(CreateFolder, UpdateFolder {
    /// The label shown in the interface.
    label: str = "label";
    /// Makes the folder a sub-folder of `parent`.
    parent_id: id<FolderId> = "parent_id";
    /// The folder's position among its siblings.
    position: int = "position";
    /// The search query selecting the folder's threads, e.g.
    /// `active_and_assigned_to_me:true`.
    query: str = "query";
    /// Whether the interface shows the number of threads.
    render_threads_count: bool = "render_threads_count";
    /// Only these roles may see the folder (`role_restriction[only][]`, replaces the list).
    role_restriction: ids<RoleId> = "role_restriction[only]";
    /// Only these teams may see the folder (`team_restriction[only][]`, replaces the list).
    team_restriction: ids<TeamId> = "team_restriction[only]";
    /// Only these users may see the folder (`user_restriction[only][]`, replaces the list).
    user_restriction: ids<UserId> = "user_restriction[only]";
});
