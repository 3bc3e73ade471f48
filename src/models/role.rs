//! Roles: named sets of permission flags given to users.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{RoleId, Timestamp};

/// Calls `$callback!` with every permission flag the crate knows: first the ones the create and
/// update endpoints take as parameters, then the ones Engage only returns. One list feeds both
/// the [`RolePermissions`] fields and the role builders' setters. Tokens after the callback's
/// name (`role_flags!(setters, @flags CreateRole;)`) are passed first, unchanged.
macro_rules! role_flags {
    ($callback:ident $(, $($prefix:tt)*)?) => {
        $callback! {
            $($($prefix)*)?
            settable: [
                (access_help_center, "Open the help center."),
                (access_previous_messages, "See a customer's earlier messages."),
                (access_pull_mode, "Pick tasks from the pull-mode inbox."),
                (admin_stamp_answer, "Mark an answer as the administrator's (stamp it)."),
                (approve_content, "Approve contents waiting for approval."),
                (ask_an_expert, "Ask an expert for help on a content."),
                (assign_intervention, "Assign interventions to other agents."),
                (author_block_content, "Block the authors of contents."),
                (close_content_thread, "Close conversations."),
                (create_and_destroy_extension, "Add and remove extensions."),
                (create_community, "Create communities."),
                (create_content_source, "Create sources (channel accounts)."),
                (create_user, "Create users."),
                (delay_export_content, "Schedule content exports."),
                (delete_content_thread, "Delete conversations."),
                (escalate_to_video, "Turn a conversation into a RingCentral Video call (Escalate to Video)."),
                (impersonate_user, "Act as another user."),
                (invite_user, "Invite users by email."),
                (manage_api_access_tokens, "Create and revoke API access tokens."),
                (manage_app_sdk_applications, "Manage App SDK applications."),
                (manage_automatic_exports_tasks, "Manage scheduled export tasks."),
                (manage_categories, "Create, edit and delete categories."),
                (manage_chat, "Configure Engage Chat."),
                (manage_custom_fields, "Configure custom fields."),
                (manage_custom_notifications, "Configure custom notifications."),
                (manage_emails_templates, "Edit email templates."),
                (manage_folders, "Configure folders."),
                (manage_ice, "Configure ICE (intelligent content engine) settings."),
                (manage_identities, "Manage identities."),
                (manage_own_notifications, "Change one's own notification settings."),
                (manage_reply_assistant, "Configure the reply assistant."),
                (manage_roles, "Create and edit roles."),
                (manage_rules_engine_rules, "Configure rules engine rules."),
                (manage_surveys, "Configure surveys."),
                (manage_tags, "Create, edit and delete tags."),
                (manage_teams, "Create, edit and delete teams."),
                (manage_topologies, "Configure routing topologies."),
                (manage_users_of_my_teams, "Manage the users of the teams one leads."),
                (monitor_tasks, "Watch the task view of every agent."),
                (monitor_team_tasks, "Watch the task view of one's teams."),
                (mute_content, "Mute contents."),
                (open_content_thread, "Reopen closed conversations."),
                (publish_content, "Publish (send) replies."),
                (read_community, "See communities."),
                (read_content_source, "See sources."),
                (read_event, "See the event log."),
                (read_export, "Download exports."),
                (read_identity, "See identities."),
                (read_own_stats, "See one's own statistics."),
                (read_presence, "See other agents' presence."),
                (read_stats, "See statistics."),
                (read_surveys, "See survey results."),
                (read_user, "See users."),
                (receive_tasks, "Be routed tasks (work as an agent)."),
                (reply_with_assistant, "Answer with the reply assistant."),
                (search_contents, "Search contents."),
                (search_event, "Search the event log."),
                (update_community, "Edit communities."),
                (update_content_source, "Edit sources."),
                (update_extension, "Edit extensions."),
                (update_identity, "Edit identities."),
                (update_intervention, "Edit any intervention."),
                (update_own_intervention, "Edit one's own interventions."),
                (update_settings, "Change the domain settings."),
                (update_time_sheet, "Edit time sheets."),
                (update_user, "Edit users."),
                (use_emoji, "Use emoji in replies."),
            ],
            read_only: [
                (anonymize_identity, "Anonymize identities."),
                (export_identity, "Export identities."),
                (lock_identity, "Lock identities."),
                (manage_messaging, "Configure Engage Messaging."),
                (use_cobrowsing, "Use co-browsing."),
            ],
        }
    };
}
pub(crate) use role_flags;

macro_rules! define_permissions {
    (
        settable: [$(($flag:ident, $doc:literal)),+ $(,)?],
        read_only: [$(($ro:ident, $ro_doc:literal)),+ $(,)?] $(,)?
    ) => {
        /// Every permission flag of a [`Role`] the crate knows. `None` means the answer did not
        /// carry the flag.
        #[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
        #[non_exhaustive]
        pub struct RolePermissions {
            $(
                #[doc = $doc]
                #[serde(default, skip_serializing_if = "Option::is_none")]
                pub $flag: Option<bool>,
            )+
            $(
                #[doc = $ro_doc]
                #[doc = ""]
                #[doc = "Returned by Engage; its create and update endpoints do not take it."]
                #[serde(default, skip_serializing_if = "Option::is_none")]
                pub $ro: Option<bool>,
            )+
        }

        impl RolePermissions {
            /// The name of every typed flag.
            pub const NAMES: &'static [&'static str] = &[$(stringify!($flag),)+ $(stringify!($ro),)+];

            /// The flags the role create and update endpoints take.
            pub const SETTABLE: &'static [&'static str] = &[$(stringify!($flag),)+];

            /// The typed flag called `name`; `None` for an unknown name or an absent flag.
            pub fn get(&self, name: &str) -> Option<bool> {
                match name {
                    $(stringify!($flag) => self.$flag,)+
                    $(stringify!($ro) => self.$ro,)+
                    _ => None,
                }
            }

            /// Sets the typed flag called `name`; `false` (and nothing set) for a name the
            /// crate does not type.
            #[cfg_attr(not(feature = "simulator"), allow(dead_code))]
            pub(crate) fn set(&mut self, name: &str, granted: bool) -> bool {
                match name {
                    $(stringify!($flag) => self.$flag = Some(granted),)+
                    $(stringify!($ro) => self.$ro = Some(granted),)+
                    _ => return false,
                }
                true
            }

            /// Every typed flag with its value, in [`NAMES`](Self::NAMES) order.
            pub fn iter(&self) -> impl Iterator<Item = (&'static str, Option<bool>)> {
                [$((stringify!($flag), self.$flag),)+ $((stringify!($ro), self.$ro),)+].into_iter()
            }
        }
    };
}
role_flags!(define_permissions);

/// A role: a label and the permissions it grants.
///
/// Flags this crate does not know yet land in [`extra`](Role::extra) and are written back
/// unchanged when the role is serialized.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Role {
    /// The role's id.
    pub id: RoleId,
    /// The role's name.
    #[serde(default)]
    pub label: Option<String>,
    /// Creation time.
    #[serde(
        default,
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub created_at: Option<Timestamp>,
    /// Last update time.
    #[serde(
        default,
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub updated_at: Option<Timestamp>,
    /// The permission flags the crate knows.
    #[serde(flatten)]
    pub permissions: RolePermissions,
    /// Every other field of the answer, such as permission flags added after this crate.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Role {
    /// The flag called `name`, typed or not; `None` when the role does not carry it as a boolean.
    pub fn permission(&self, name: &str) -> Option<bool> {
        self.permissions
            .get(name)
            .or_else(|| self.extra.get(name).and_then(Value::as_bool))
    }

    /// Whether the role grants `name` (an absent flag grants nothing).
    pub fn grants(&self, name: &str) -> bool {
        self.permission(name) == Some(true)
    }

    /// The names of every permission the role grants, typed flags first, then unknown ones.
    pub fn granted(&self) -> impl Iterator<Item = &str> {
        let typed = self
            .permissions
            .iter()
            .filter(|(_, v)| *v == Some(true))
            .map(|(name, _)| name);
        let extra = self
            .extra
            .iter()
            .filter(|(_, v)| v.as_bool() == Some(true))
            .map(|(name, _)| name.as_str());
        typed.chain(extra)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_flags_are_kept_and_written_back() {
        let raw = serde_json::json!({
            "id": "r1", "label": "Agent", "escalate_to_video": true, "read_user": false,
            "use_teleport": true, "notes": "x"
        });
        let role: Role = serde_json::from_value(raw.clone()).unwrap();
        assert_eq!(role.permissions.escalate_to_video, Some(true));
        assert!(role.grants("use_teleport"));
        assert!(!role.grants("read_user"));
        assert_eq!(role.extra.len(), 2);
        assert_eq!(
            role.granted().collect::<Vec<_>>(),
            ["escalate_to_video", "use_teleport"]
        );
        assert_eq!(serde_json::to_value(&role).unwrap(), raw);
    }

    #[test]
    fn names_are_unique() {
        let mut names = RolePermissions::NAMES.to_vec();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), RolePermissions::NAMES.len());
        assert_eq!(RolePermissions::SETTABLE.len(), 67);
    }

    #[test]
    fn every_typed_flag_can_be_set_by_name() {
        let mut permissions = RolePermissions::default();
        for name in RolePermissions::NAMES {
            assert!(permissions.set(name, true), "{name}");
            assert_eq!(permissions.get(name), Some(true), "{name}");
        }
        assert!(!permissions.set("use_teleport", true));
        assert!(permissions.iter().all(|(_, v)| v == Some(true)));
    }
}
