//! REST representations, built as the crate's own models (`crate::models`) and serialized, so
//! the simulator answers exactly what the client decodes: a field added to a model must be
//! filled here too (the struct literals do not compile otherwise). `tests/sim/models.rs`
//! checks every kind against the schemas of `openapi3.yaml`. Fields only the Channel SDK
//! knows, such as `structured_content`, stay in the records for inspection.

use serde::Serialize;
use serde_json::{Map, Value};
use time::OffsetDateTime;

use crate::models::{
    AgentStatus, Attachment, AttachmentId, Availability, BodyInputFormat, Busyness, Category, ChannelStatus,
    Content, EmailSettings, Identity, IdentityGroup, Intervention, Role, RolePermissions, SlaExpiredStrategy,
    Source, Thread, User,
};

use super::clock;
use super::records::*;
use super::state::{CategoryRow, RoleRow, SimState, UserRow};

/// The JSON of `model`. The models serialize only strings, numbers and string-keyed maps, and
/// the simulator's timestamps are current ones, so this cannot fail; were it to, the answer
/// would be `null` and the error logged.
pub(crate) fn to_json<T: Serialize>(model: &T) -> Value {
    serde_json::to_value(model).unwrap_or_else(|e| {
        tracing::error!(error = %e, "the simulator could not serialize a model");
        Value::Null
    })
}

/// A model's timestamp: `t` at Engage's precision.
fn ms(t: OffsetDateTime) -> Option<OffsetDateTime> {
    Some(clock::millis(t))
}

/// A JSON object as a map; anything else (never stored by the simulator) as an empty one.
fn object(value: Option<&Value>) -> Map<String, Value> {
    value.and_then(Value::as_object).cloned().unwrap_or_default()
}

pub(crate) fn user(u: &UserRow) -> Value {
    to_json(&User {
        id: u.id.clone(),
        firstname: Some(u.firstname.clone()),
        lastname: Some(u.lastname.clone()),
        nickname: Some(format!("{} {}", u.firstname, u.lastname).trim().to_owned()),
        email: Some(u.email.clone()),
        gender: None,
        enabled: Some(true),
        invitation_pending: Some(false),
        external_id: None,
        rc_user_id: u.rc_user_id.clone(),
        role_id: Some(u.role_id.clone()),
        category_ids: u.category_ids.clone(),
        team_ids: Vec::new(),
        identity_ids: u.identity_ids.clone(),
        spoken_languages: vec!["en".to_owned()],
        locale: Some("en".to_owned()),
        timezone: Some("UTC".to_owned()),
        user_capacity_id: None,
        no_password: Some(false),
        created_at: ms(u.created_at),
        updated_at: ms(u.created_at),
        extra: Map::new(),
    })
}

pub(crate) fn role(r: &RoleRow) -> Value {
    let mut permissions = RolePermissions::default();
    let base = [
        ("access_help_center", true),
        ("access_previous_messages", true),
        ("access_pull_mode", true),
        ("admin_stamp_answer", r.admin),
        ("approve_content", r.admin),
        ("assign_intervention", r.admin),
        ("close_content_thread", true),
        ("escalate_to_video", false),
        ("create_user", r.admin),
        ("manage_roles", r.admin),
        ("monitor_tasks", r.admin),
        ("read_stats", r.admin),
        ("read_user", true),
        ("receive_tasks", !r.admin),
        ("reply_with_assistant", true),
        ("update_user", r.admin),
    ];
    let mut extra = Map::new();
    let flags = base
        .into_iter()
        .chain(r.flags.iter().map(|(f, g)| (f.as_str(), *g)));
    for (flag, granted) in flags {
        // A flag the models do not type is still answered, as Engage would.
        if !permissions.set(flag, granted) {
            extra.insert(flag.to_owned(), Value::Bool(granted));
        }
    }
    to_json(&Role {
        id: r.id.clone(),
        label: Some(r.label.clone()),
        created_at: None,
        updated_at: None,
        permissions,
        extra,
    })
}

pub(crate) fn category(s: &SimState, c: &CategoryRow) -> Value {
    to_json(&Category {
        id: c.id.clone(),
        name: Some(c.name.clone()),
        parent_id: None,
        color: Some(i64::from(c.color)),
        mandatory: Some(false),
        multiple: Some(true),
        post_qualification: Some(false),
        unselectable: Some(false),
        source_ids: vec![s.source.id.clone()],
        created_at: ms(c.created_at),
        updated_at: ms(c.created_at),
        extra: Map::new(),
    })
}

pub(crate) fn source(s: &SimState) -> Value {
    let src = &s.source;
    to_json(&Source {
        id: src.id.clone(),
        name: Some(src.name.clone()),
        kind: Some("dimelo_sdk".to_owned()),
        active: Some(true),
        status: Some("ok".to_owned()),
        error_message: None,
        channel_id: Some(src.channel_id.clone()),
        community_id: None,
        color: Some(0),
        color_hex: Some("#2E86C1".to_owned()),
        default_category_ids: vec![src.bot_category.clone()],
        user_thread_default_category_ids: Vec::new(),
        time_sheet_ids: Vec::new(),
        sla_response: Some(3600),
        sla_threshold: None,
        sla_expired_strategy: Some(SlaExpiredStrategy::Max),
        sla_filtering_categories_strategy: None,
        sla_filtering_category_ids: Vec::new(),
        attachments_security_level: None,
        intervention_messages_boost: Some(0),
        transferred_tasks_boost: Some(0),
        default_task_priority: Some(0),
        hidden_from_stats: Some(false),
        default_content_language: Some("en".to_owned()),
        auto_detect_content_language: Some(false),
        content_languages: vec!["en".to_owned()],
        content_archiving: Some(false),
        content_archiving_period: Some(0),
        auto_response_triggers: Vec::new(),
        auto_response_trigger_enabled: None,
        auto_response_trigger_grace_periods: None,
        signatures: Vec::new(),
        from_name: None,
        live_chat: None,
        enable_android: None,
        enable_ios: None,
        enable_web: None,
        template_message_namespace: None,
        template_messages: Vec::new(),
        email: EmailSettings::default(),
        created_at: ms(src.created_at),
        updated_at: ms(src.created_at),
        extra: Map::new(),
    })
}

pub(crate) fn agent_status(s: &SimState, a: &AgentRecord) -> Value {
    to_json(&AgentStatus {
        agent_id: a.user_id.clone(),
        channels: vec![ChannelStatus {
            id: Some(s.source.channel_id.clone()),
            name: Some(s.source.channel_name.clone()),
            status: Some(if a.available {
                Availability::Available
            } else {
                Availability::Away
            }),
            busyness: Some(Busyness::from(a.busyness())),
        }],
        custom_status: None,
    })
}

pub(crate) fn thread(s: &SimState, t: &ThreadRecord) -> Value {
    let count = |n: usize| Some(i64::try_from(n).unwrap_or(i64::MAX));
    to_json(&Thread {
        id: t.id.clone(),
        title: t.title.clone(),
        source_id: Some(t.source_id.clone()),
        foreign_id: Some(t.foreign_id.clone()),
        closed: Some(t.closed),
        interventions_count: count(s.ix.interventions_of_thread.get(&t.id).map_or(0, Vec::len)),
        contents_count: count(s.ix.contents_of_thread.get(&t.id).map_or(0, Vec::len)),
        category_ids: t.category_ids.clone(),
        thread_category_ids: t.category_ids.clone(),
        extra_data: Some(Map::new()),
        disable_text_input: Some(false),
        created_at: ms(t.created_at),
        updated_at: ms(t.updated_at),
        extra: Map::new(),
    })
}

/// A Channel SDK attachment (`url`, `filename`) as the REST API lists it: Engage stores the
/// file and gives it an id, here derived from the content's. The SDK's `type` is a media kind
/// (`image`), not the MIME type `content_type` holds, so that stays unknown; so do `embed` and
/// `public?`, which the spec types as strings and the model as booleans.
fn attachment(c: &ContentRecord, i: usize, sdk: &Value) -> Attachment {
    let text = |key: &str| sdk.get(key).and_then(Value::as_str).map(str::to_owned);
    Attachment {
        id: AttachmentId::new(format!("{}{:02x}", c.id, i)),
        content_type: None,
        filename: text("filename"),
        size: None,
        url: text("url"),
        embed: None,
        public: None,
        foreign_id: None,
        video_metadata: Vec::new(),
        created_at: ms(c.created_at),
        updated_at: ms(c.created_at),
    }
}

pub(crate) fn content(s: &SimState, c: &ContentRecord) -> Value {
    let first = s.contents_in(&c.thread_id).first().map(|x| &x.id) == Some(&c.id);
    let reply_to = c.in_reply_to_id.as_ref().and_then(|id| s.content(id));
    let status = match (c.direction, reply_to.is_some()) {
        (Direction::Inbound, _) if s.ix.replied.contains(&c.id) => "replied",
        (Direction::Inbound, _) => "new",
        (Direction::Outbound, true) => "user_reply",
        (Direction::Outbound, false) => "user_initiated",
    };
    let attachments: Vec<Attachment> = c
        .attachments
        .iter()
        .enumerate()
        .map(|(i, a)| attachment(c, i, a))
        .collect();
    to_json(&Content {
        id: c.id.clone(),
        body: Some(c.body.clone()),
        body_formatted: None,
        body_input_format: Some(BodyInputFormat::from(c.format.as_str())),
        title: s.thread(&c.thread_id).and_then(|t| t.title.clone()),
        author_id: Some(c.identity_id.clone()),
        creator_id: c.user_id.clone(),
        identity_group_id: s.identity(&c.identity_id).map(|i| i.identity_group_id.clone()),
        source_id: Some(c.source_id.clone()),
        source_type: Some("dimelo_sdk".to_owned()),
        source_url: None,
        thread_id: Some(c.thread_id.clone()),
        intervention_id: c.intervention_id.clone(),
        in_reply_to_id: c.in_reply_to_id.clone(),
        in_reply_to_author_id: reply_to.map(|r| r.identity_id.clone()),
        foreign_id: c.foreign_id.clone(),
        kind: Some(c.kind.type_name().to_owned()),
        created_from: Some(
            if c.direction == Direction::Inbound {
                "synchronizer"
            } else {
                "interface"
            }
            .to_owned(),
        ),
        private_message: Some(c.kind == ContentKind::PrivateMessage),
        status: Some(status.to_owned()),
        language: Some("en".to_owned()),
        auto_submitted: Some(false),
        first_in_thread: Some(first),
        category_ids: c.category_ids.clone(),
        foreign_categories: Vec::new(),
        context_data: c.context_data.as_ref().map(|v| object(Some(v))),
        headers: None,
        attachments_count: Some(i64::try_from(attachments.len()).unwrap_or(i64::MAX)),
        attachments,
        approval_required: Some(false),
        published: Some(true),
        remotely_deleted: Some(false),
        synchronization_status: c.synchronization_status.clone(),
        synchronization_error: None,
        rating: None,
        rated_with: None,
        rating_reason: None,
        original_body: None,
        translated_body: None,
        source_language: None,
        target_language: None,
        translation_status: None,
        translation_error: None,
        capabilities_supported: Vec::new(),
        created_at: ms(c.created_at),
        updated_at: ms(c.created_at),
        extra: Map::new(),
    })
}

pub(crate) fn intervention(s: &SimState, i: &InterventionRecord) -> Value {
    let first_reply = s.ix.first_reply.get(&i.id).map(|&at| &s.contents[at]);
    to_json(&Intervention {
        id: i.id.clone(),
        content_id: Some(i.content_id.clone()),
        thread_id: Some(i.thread_id.clone()),
        source_id: Some(s.source.id.clone()),
        user_id: Some(i.user_id.clone()),
        identity_id: Some(i.identity_id.clone()),
        identity_group_id: s.identity(&i.identity_id).map(|x| x.identity_group_id.clone()),
        closed: Some(i.status != InterventionStatus::Open),
        status: Some(
            match i.status {
                InterventionStatus::Open => "opened",
                InterventionStatus::Closed => "closed",
                InterventionStatus::Canceled => "canceled",
            }
            .to_owned(),
        ),
        category_ids: i.category_ids.clone(),
        custom_fields: Some(Map::new()),
        comments_count: Some(0),
        user_replies_count: Some(i64::from(i.user_replies_count)),
        first_user_reply_id: first_reply.map(|c| c.id.clone()),
        first_user_reply_in: None,
        first_user_reply_in_bh: None,
        last_user_reply_in: None,
        last_user_reply_in_bh: None,
        user_reply_in_average: None,
        user_reply_in_average_bh: None,
        user_reply_in_average_count: None,
        detected_language: Some("en".to_owned()),
        translation_enabled: Some(false),
        satisfaction_grade: None,
        satisfaction_answered_at: None,
        satisfaction_sent_at: None,
        survey_response_id: None,
        survey_id: None,
        deferred_at: None,
        closed_at: i.closed_at.and_then(ms),
        created_at: ms(i.created_at),
        updated_at: ms(i.updated_at),
        extra: Map::new(),
    })
}

pub(crate) fn identity(i: &IdentityRecord) -> Value {
    let display = match (&i.firstname, &i.lastname) {
        (Some(f), Some(l)) => format!("{f} {l}"),
        (Some(f), None) => f.clone(),
        _ => i.screenname.clone(),
    };
    to_json(&Identity {
        id: i.id.clone(),
        uuid: Some(i.id.to_string()),
        foreign_id: Some(i.foreign_id.clone()),
        community_id: None,
        community_url: None,
        identity_group_id: Some(i.identity_group_id.clone()),
        kind: Some("dimelo_sdk".to_owned()),
        screenname: Some(i.screenname.clone()),
        display_name: Some(display),
        firstname: i.firstname.clone(),
        lastname: i.lastname.clone(),
        email: i.email.clone(),
        home_phone: i.home_phone.clone(),
        mobile_phone: i.mobile_phone.clone(),
        gender: i.gender.clone(),
        company: None,
        avatar_url: i.avatar_url.clone(),
        extra_values: object(i.context_data.as_ref()),
        user_ids: i.user_id.iter().cloned().collect(),
        created_at: ms(i.created_at),
        updated_at: ms(i.updated_at),
        extra: Map::new(),
    })
}

pub(crate) fn identity_group(i: &IdentityRecord) -> Value {
    to_json(&IdentityGroup {
        id: i.identity_group_id.clone(),
        firstname: i.firstname.clone(),
        lastname: i.lastname.clone(),
        gender: i.gender.clone(),
        company: None,
        avatar_url: i.avatar_url.clone(),
        emails: i.email.iter().cloned().collect(),
        home_phones: i.home_phone.iter().cloned().collect(),
        mobile_phones: i.mobile_phone.iter().cloned().collect(),
        notes: None,
        custom_field_values: object(i.context_data.as_ref()),
        identity_ids: vec![i.id.clone()],
        tag_ids: Vec::new(),
        created_at: ms(i.created_at),
        updated_at: ms(i.updated_at),
        extra: Map::new(),
    })
}
