//! Folders: saved thread searches shown in the agent interface.

use serde::{Deserialize, Serialize};

use super::{FolderId, RoleId, TeamId, Timestamp, UserId};

/// A folder of threads, defined by a search query.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Folder {
    /// The folder's id.
    pub id: FolderId,
    /// The label shown in the interface.
    #[serde(default)]
    pub label: Option<String>,
    /// The parent folder, for a sub-folder.
    #[serde(default)]
    pub parent_id: Option<FolderId>,
    /// The folder's position among its siblings.
    #[serde(default)]
    pub position: Option<i64>,
    /// The search query selecting the folder's threads, e.g. `active_and_assigned_to_me:true`.
    #[serde(default)]
    pub query: Option<String>,
    /// Whether the interface shows the number of threads.
    #[serde(default)]
    pub render_threads_count: Option<bool>,
    /// The roles allowed to see the folder.
    #[serde(default)]
    pub role_restriction: Option<Restriction<RoleId>>,
    /// The teams allowed to see the folder.
    #[serde(default)]
    pub team_restriction: Option<Restriction<TeamId>>,
    /// The users allowed to see the folder.
    #[serde(default)]
    pub user_restriction: Option<Restriction<UserId>>,
    /// The user who owns the folder, for a personal folder.
    #[serde(default)]
    pub user_id: Option<UserId>,
    /// Creation time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub created_at: Option<Timestamp>,
    /// Last update time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub updated_at: Option<Timestamp>,
}

/// Who may see a folder: `{"only": [ids]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Restriction<Id> {
    /// Only these roles, teams or users.
    #[serde(default = "Vec::new")]
    pub only: Vec<Id>,
}
