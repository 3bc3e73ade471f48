//! Escalate to Video readiness: can an agent turn a conversation into a RingCentral Video call?
//!
//! Two things on the Engage side must hold: the agent's role grants the `escalate_to_video`
//! permission, and the agent's profile carries their RingCentral user id (`rc_user_id`). The
//! domain's link to a RingCentral account is outside what the REST API shows.

use crate::api::users::Users;
use crate::models::{Role, RoleId, User, UserId};
use crate::Result;

/// The name of the role permission Escalate to Video needs.
pub const ESCALATE_TO_VIDEO: &str = "escalate_to_video";

/// One thing an agent lacks for Escalate to Video.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MissingRequirement {
    /// The user has no role.
    Role,
    /// The user's role does not grant `escalate_to_video`; grant it with
    /// [`Roles::grant_escalate_to_video`](crate::api::Roles::grant_escalate_to_video).
    EscalateToVideoPermission {
        /// The role to change.
        role_id: RoleId,
    },
    /// The user has no RingCentral user id; set it with `client.users().update(..).rc_user_id(..)`.
    RcUserId,
}

impl std::fmt::Display for MissingRequirement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MissingRequirement::Role => f.write_str("the user has no role"),
            MissingRequirement::EscalateToVideoPermission { role_id } => {
                write!(f, "role {role_id} does not grant escalate_to_video")
            }
            MissingRequirement::RcUserId => f.write_str("the user has no RingCentral user id"),
        }
    }
}

/// Whether an agent is ready for Escalate to Video, and what is missing when not.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct VideoReadiness {
    /// The agent checked.
    pub user_id: UserId,
    /// `true` when nothing is missing.
    pub ready: bool,
    /// What the agent lacks, empty when ready.
    pub missing: Vec<MissingRequirement>,
}

impl VideoReadiness {
    /// Checks `user` against `role`, which should be the user's role (`None` when the user has
    /// none). A role with another id than the user's `role_id` is treated as no role.
    pub fn check(user: &User, role: Option<&Role>) -> Self {
        let mut missing = Vec::new();
        let role = role.filter(|r| user.role_id.as_ref() == Some(&r.id));
        match (role, &user.role_id) {
            (Some(role), _) if role.grants(ESCALATE_TO_VIDEO) => {}
            (Some(role), _) => missing.push(MissingRequirement::EscalateToVideoPermission {
                role_id: role.id.clone(),
            }),
            (None, Some(role_id)) => missing.push(MissingRequirement::EscalateToVideoPermission {
                role_id: role_id.clone(),
            }),
            (None, None) => missing.push(MissingRequirement::Role),
        }
        let has_rc_id = user.rc_user_id.as_deref().is_some_and(|id| !id.trim().is_empty());
        if !has_rc_id {
            missing.push(MissingRequirement::RcUserId);
        }
        VideoReadiness {
            user_id: user.id.clone(),
            ready: missing.is_empty(),
            missing,
        }
    }
}

impl Users {
    /// Checks whether an agent is ready for Escalate to Video: fetches the user
    /// (`GET /users/{id}`) and their role (`GET /roles/{id}`), then applies
    /// [`VideoReadiness::check`].
    pub async fn video_readiness(&self, id: &UserId) -> Result<VideoReadiness> {
        let user = self.get(id).await?;
        let role = match &user.role_id {
            Some(role_id) => Some(self.client.roles().get(role_id).await?),
            None => None,
        };
        Ok(VideoReadiness::check(&user, role.as_ref()))
    }
}
