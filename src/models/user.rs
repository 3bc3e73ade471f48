//! Users: agents, supervisors, administrators and bot users of an Engage domain.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{CategoryId, IdentityId, RoleId, TeamId, Timestamp, UserCapacityId, UserId};

/// An Engage user (an agent when it takes conversations).
///
/// Fields this crate does not know yet land in [`extra`](User::extra) and are written back
/// unchanged when the user is serialized.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct User {
    /// The user's id.
    pub id: UserId,
    /// First name.
    #[serde(default)]
    pub firstname: Option<String>,
    /// Last name.
    #[serde(default)]
    pub lastname: Option<String>,
    /// Nickname, shown to customers on some channels.
    #[serde(default)]
    pub nickname: Option<String>,
    /// Email address (the login).
    #[serde(default)]
    pub email: Option<String>,
    /// `man` or `woman`, when set.
    #[serde(default)]
    pub gender: Option<String>,
    /// Whether the user may log in.
    #[serde(default)]
    pub enabled: Option<bool>,
    /// Whether an invitation is still waiting to be accepted.
    #[serde(default)]
    pub invitation_pending: Option<bool>,
    /// The id used for single sign-on.
    #[serde(default)]
    pub external_id: Option<String>,
    /// The user's RingCentral (RingEX) user id; Escalate to Video needs it.
    #[serde(default)]
    pub rc_user_id: Option<String>,
    /// The user's role.
    #[serde(default)]
    pub role_id: Option<RoleId>,
    /// Categories the user belongs to.
    #[serde(default)]
    pub category_ids: Vec<CategoryId>,
    /// Teams the user belongs to.
    #[serde(default)]
    pub team_ids: Vec<TeamId>,
    /// Identities the user answers as.
    #[serde(default)]
    pub identity_ids: Vec<IdentityId>,
    /// Locales of the languages the user speaks.
    #[serde(default)]
    pub spoken_languages: Vec<String>,
    /// Interface language.
    #[serde(default)]
    pub locale: Option<String>,
    /// Time zone name (empty means the domain's).
    #[serde(default)]
    pub timezone: Option<String>,
    /// The user's capacity profile.
    #[serde(default)]
    pub user_capacity_id: Option<UserCapacityId>,
    /// Whether the user logs in without a password (SSO).
    #[serde(default)]
    pub no_password: Option<bool>,
    /// Creation time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub created_at: Option<Timestamp>,
    /// Last update time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub updated_at: Option<Timestamp>,
    /// Every other field of the answer, such as fields Engage added after this crate.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl User {
    /// `firstname lastname`, else the nickname, else the email, else the id.
    pub fn display_name(&self) -> String {
        let name = [self.firstname.as_deref(), self.lastname.as_deref()]
            .into_iter()
            .flatten()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if !name.is_empty() {
            return name;
        }
        [self.nickname.as_deref(), self.email.as_deref()]
            .into_iter()
            .flatten()
            .find(|s| !s.trim().is_empty())
            .map_or_else(|| self.id.to_string(), str::to_owned)
    }
}

/// A user's gender as the REST API and the Channel SDK accept it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Gender {
    /// `man`
    Man,
    /// `woman`
    Woman,
}

impl Gender {
    /// `man` or `woman`.
    pub fn as_str(self) -> &'static str {
        match self {
            Gender::Man => "man",
            Gender::Woman => "woman",
        }
    }
}

impl std::fmt::Display for Gender {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
