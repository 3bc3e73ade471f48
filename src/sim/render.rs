//! REST representations, shaped like the schemas of `openapi3.yaml`: every field is one the
//! spec lists, with its type (`tests/sim/models.rs` checks it). Fields only the Channel SDK
//! knows, such as `structured_content`, stay in the records for inspection.

use serde_json::{json, Value};

use super::clock::rfc3339;
use super::records::*;
use super::state::{CategoryRow, RoleRow, SimState, UserRow};

pub(crate) fn user(u: &UserRow) -> Value {
    json!({
        "id": u.id,
        "firstname": u.firstname,
        "lastname": u.lastname,
        "nickname": format!("{} {}", u.firstname, u.lastname).trim(),
        "email": u.email,
        "enabled": true,
        "invitation_pending": false,
        "external_id": null,
        "rc_user_id": u.rc_user_id,
        "gender": null,
        "locale": "en",
        "timezone": "UTC",
        "role_id": u.role_id,
        "category_ids": u.category_ids,
        "team_ids": [],
        "identity_ids": u.identity_ids,
        "spoken_languages": ["en"],
        "user_capacity_id": null,
        "no_password": false,
        "created_at": rfc3339(u.created_at),
        "updated_at": rfc3339(u.created_at),
    })
}

pub(crate) fn role(r: &RoleRow) -> Value {
    let mut json = json!({
        "id": r.id,
        "label": r.label,
        "access_help_center": true,
        "access_previous_messages": true,
        "access_pull_mode": true,
        "admin_stamp_answer": r.admin,
        "approve_content": r.admin,
        "assign_intervention": r.admin,
        "close_content_thread": true,
        "escalate_to_video": false,
        "create_user": r.admin,
        "manage_roles": r.admin,
        "monitor_tasks": r.admin,
        "read_stats": r.admin,
        "read_user": true,
        "receive_tasks": !r.admin,
        "reply_with_assistant": true,
        "update_user": r.admin,
    });
    if let Some(map) = json.as_object_mut() {
        for (flag, granted) in &r.flags {
            map.insert(flag.clone(), Value::Bool(*granted));
        }
    }
    json
}

pub(crate) fn category(s: &SimState, c: &CategoryRow) -> Value {
    json!({
        "id": c.id,
        "name": c.name,
        "color": c.color,
        "mandatory": false,
        "multiple": true,
        "parent_id": null,
        "post_qualification": false,
        "source_ids": [s.source.id],
        "unselectable": false,
        "created_at": rfc3339(c.created_at),
        "updated_at": rfc3339(c.created_at),
    })
}

pub(crate) fn source(s: &SimState) -> Value {
    let src = &s.source;
    json!({
        "id": src.id,
        "name": src.name,
        "type": "dimelo_sdk",
        "active": true,
        "channel_id": src.channel_id,
        "community_id": null,
        "color": 0,
        "color_hex": "#2E86C1",
        "auto_detect_content_language": false,
        "content_archiving": false,
        "content_archiving_period": 0,
        "content_languages": ["en"],
        "default_content_language": "en",
        "default_category_ids": [src.bot_category],
        "user_thread_default_category_ids": [],
        "default_task_priority": 0,
        "hidden_from_stats": false,
        "intervention_messages_boost": 0,
        "transferred_tasks_boost": 0,
        "sla_response": 3600,
        "sla_expired_strategy": "max",
        "status": "ok",
        "error_message": null,
        "time_sheet_ids": [],
        "created_at": rfc3339(src.created_at),
        "updated_at": rfc3339(src.created_at),
    })
}

pub(crate) fn agent_status(s: &SimState, a: &AgentRecord) -> Value {
    json!({
        "agent_id": a.user_id,
        "channels": [{
            "id": s.source.channel_id,
            "name": s.source.channel_name,
            "status": if a.available { "available" } else { "away" },
            "busyness": a.busyness(),
        }],
        "custom_status": null,
    })
}

pub(crate) fn thread(s: &SimState, t: &ThreadRecord) -> Value {
    json!({
        "id": t.id,
        "foreign_id": t.foreign_id,
        "source_id": t.source_id,
        "title": t.title,
        "closed": t.closed,
        "category_ids": t.category_ids,
        "thread_category_ids": t.category_ids,
        "contents_count": s.ix.contents_of_thread.get(&t.id).map_or(0, Vec::len),
        "interventions_count": s.ix.interventions_of_thread.get(&t.id).map_or(0, Vec::len),
        "extra_data": {},
        "disable_text_input": false,
        "created_at": rfc3339(t.created_at),
        "updated_at": rfc3339(t.updated_at),
    })
}

pub(crate) fn content(s: &SimState, c: &ContentRecord) -> Value {
    let first = s.contents_in(&c.thread_id).first().map(|x| &x.id) == Some(&c.id);
    let reply_to = c.in_reply_to_id.as_ref().and_then(|id| s.content(id));
    let status = match (c.direction, reply_to.is_some()) {
        (Direction::Inbound, _) => {
            if s.ix.replied.contains(&c.id) {
                "replied"
            } else {
                "new"
            }
        }
        (Direction::Outbound, true) => "user_reply",
        (Direction::Outbound, false) => "user_initiated",
    };
    let thread = s.thread(&c.thread_id);
    json!({
        "id": c.id,
        "foreign_id": c.foreign_id,
        "thread_id": c.thread_id,
        "source_id": c.source_id,
        "source_type": "dimelo_sdk",
        "type": c.kind.type_name(),
        "private_message": c.kind == ContentKind::PrivateMessage,
        "author_id": c.identity_id,
        "creator_id": c.user_id,
        "identity_group_id": s.identity(&c.identity_id).map(|i| i.identity_group_id.clone()),
        "body": c.body,
        "body_input_format": c.format,
        "title": thread.and_then(|t| t.title.clone()),
        "category_ids": c.category_ids,
        "context_data": c.context_data,
        "attachments": c.attachments,
        "attachments_count": c.attachments.len(),
        "first_in_thread": first,
        "in_reply_to_id": c.in_reply_to_id,
        "in_reply_to_author_id": reply_to.map(|r| r.identity_id.clone()),
        "intervention_id": c.intervention_id,
        "created_from": if c.direction == Direction::Inbound { "synchronizer" } else { "interface" },
        "status": status,
        "synchronization_status": c.synchronization_status,
        "published": true,
        "approval_required": false,
        "auto_submitted": false,
        "remotely_deleted": false,
        "language": "en",
        "foreign_categories": [],
        "created_at": rfc3339(c.created_at),
        "updated_at": rfc3339(c.created_at),
    })
}

pub(crate) fn intervention(s: &SimState, i: &InterventionRecord) -> Value {
    let first_reply = s.ix.first_reply.get(&i.id).map(|&at| &s.contents[at]);
    json!({
        "id": i.id,
        "thread_id": i.thread_id,
        "content_id": i.content_id,
        "user_id": i.user_id,
        "identity_id": i.identity_id,
        "identity_group_id": s.identity(&i.identity_id).map(|x| x.identity_group_id.clone()),
        "source_id": s.source.id,
        "category_ids": i.category_ids,
        "closed": i.status != InterventionStatus::Open,
        "status": match i.status {
            InterventionStatus::Open => "opened",
            InterventionStatus::Closed => "closed",
            _ => "canceled",
        },
        "closed_at": i.closed_at.map(rfc3339),
        "deferred_at": null,
        "comments_count": 0,
        "custom_fields": {},
        "detected_language": "en",
        "first_user_reply_id": first_reply.map(|c| c.id.clone()),
        "user_replies_count": i.user_replies_count,
        "translation_enabled": false,
        "created_at": rfc3339(i.created_at),
        "updated_at": rfc3339(i.updated_at),
    })
}

pub(crate) fn identity(i: &IdentityRecord) -> Value {
    let display = match (&i.firstname, &i.lastname) {
        (Some(f), Some(l)) => format!("{f} {l}"),
        (Some(f), None) => f.clone(),
        _ => i.screenname.clone(),
    };
    json!({
        "id": i.id,
        "uuid": i.id,
        "foreign_id": i.foreign_id,
        "identity_group_id": i.identity_group_id,
        "type": "dimelo_sdk",
        "screenname": i.screenname,
        "display_name": display,
        "firstname": i.firstname,
        "lastname": i.lastname,
        "email": i.email,
        "home_phone": i.home_phone,
        "mobile_phone": i.mobile_phone,
        "gender": i.gender,
        "avatar_url": i.avatar_url,
        "company": null,
        "community_id": null,
        "extra_values": i.context_data.clone().unwrap_or_else(|| json!({})),
        "user_ids": i.user_id.iter().collect::<Vec<_>>(),
        "created_at": rfc3339(i.created_at),
        "updated_at": rfc3339(i.updated_at),
    })
}

pub(crate) fn identity_group(i: &IdentityRecord) -> Value {
    json!({
        "id": i.identity_group_id,
        "firstname": i.firstname,
        "lastname": i.lastname,
        "gender": i.gender,
        "avatar_url": i.avatar_url,
        "company": null,
        "emails": i.email.iter().collect::<Vec<_>>(),
        "home_phones": i.home_phone.iter().collect::<Vec<_>>(),
        "mobile_phones": i.mobile_phone.iter().collect::<Vec<_>>(),
        "identity_ids": [i.id],
        "custom_field_values": i.context_data.clone().unwrap_or_else(|| json!({})),
        "notes": null,
        "tag_ids": [],
        "created_at": rfc3339(i.created_at),
        "updated_at": rfc3339(i.updated_at),
    })
}
