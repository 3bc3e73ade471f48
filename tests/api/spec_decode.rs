//! Every success-response schema of the vendored OpenAPI spec, filled with values generated from
//! the schema itself, decodes into the crate's type for it: integers at the edges (negative,
//! zero, larger than 32 bits), strings where the spec declares strings, every declared field
//! present. The table of types is checked against the spec, so a schema cannot be forgotten.

use std::collections::{BTreeMap, BTreeSet};

use ringcentral_engage::models::*;
use ringcentral_engage::Page;
use serde::de::DeserializeOwned;
use serde_json::{json, Map, Value as Json};
use serde_yaml_ng::Value;

type Decoder = fn(Json) -> Result<(), String>;

fn decode<T: DeserializeOwned>(value: Json) -> Result<(), String> {
    serde_path_to_error::deserialize::<_, T>(value)
        .map(drop)
        .map_err(|e| format!("at `{}`: {}", e.path(), e.inner()))
}

/// The crate's type for each response schema the spec's operations answer with.
fn decoders() -> BTreeMap<&'static str, Decoder> {
    let table: [(&str, Decoder); 69] = [
        ("AgentStatus", decode::<AgentStatus>),
        ("[AgentStatus]", decode::<Vec<AgentStatus>>),
        ("Attachment", decode::<Attachment>),
        ("GetAllAttachmentsResponse", decode::<Page<Attachment>>),
        ("BotCompleteResponse", decode::<BotResponse>),
        ("HandoverFromBotToAgentResponse", decode::<BotResponse>),
        ("Category", decode::<Category>),
        ("GetAllCategoriesResponse", decode::<Page<Category>>),
        ("Channel", decode::<Channel>),
        ("GetAllChannelsResponse", decode::<Page<Channel>>),
        ("Community", decode::<Community>),
        ("GetAllCommunitiesResponse", decode::<Page<Community>>),
        ("Content", decode::<Content>),
        ("GetAllContentsResponse", decode::<Page<Content>>),
        ("CustomField", decode::<CustomField>),
        ("GetAllCustomFieldsResponse", decode::<Page<CustomField>>),
        ("Event", decode::<Event>),
        ("GetAllEventsResponse", decode::<Page<Event>>),
        ("Folder", decode::<Folder>),
        ("GetAllFoldersResponse", decode::<Page<Folder>>),
        ("Identity", decode::<Identity>),
        ("GetAllIdentitiesResponse", decode::<Page<Identity>>),
        ("IdentityGroup", decode::<IdentityGroup>),
        ("GetAllIdentityGroupsResponse", decode::<Page<IdentityGroup>>),
        ("Intervention", decode::<Intervention>),
        ("GetAllInterventionsResponse", decode::<Page<Intervention>>),
        ("InterventionComment", decode::<InterventionComment>),
        (
            "GetAllInterventionCommentsResponse",
            decode::<Page<InterventionComment>>,
        ),
        ("[Locale]", decode::<Vec<Locale>>),
        ("[UiLocale]", decode::<Vec<InterfaceLocale>>),
        ("[Timezone]", decode::<Vec<Timezone>>),
        ("MessagingThread", decode::<Thread>),
        ("PresenceStatus", decode::<PresenceStatus>),
        ("GetAllPresenceStatusResponse", decode::<Page<PresenceStatus>>),
        ("ReplyAssistantEntry", decode::<ReplyAssistantEntry>),
        (
            "GetAllReplyAssistantEntriesResponse",
            decode::<Page<ReplyAssistantEntry>>,
        ),
        ("ReplyAssistantGroup", decode::<ReplyAssistantGroup>),
        (
            "GetAllReplyAssistantGroupsResponse",
            decode::<Page<ReplyAssistantGroup>>,
        ),
        ("ReplyAssistantVersion", decode::<ReplyAssistantVersion>),
        (
            "GetAllReplyAssistantVersionsResponse",
            decode::<Page<ReplyAssistantVersion>>,
        ),
        ("Role", decode::<Role>),
        ("GetAllRolesResponse", decode::<Page<Role>>),
        ("Settings", decode::<DomainSettings>),
        ("Source", decode::<Source>),
        ("GetAllSourcesResponse", decode::<Page<Source>>),
        ("Survey", decode::<Survey>),
        ("getAllSurveysResponse", decode::<Page<Survey>>),
        ("SurveyResponse", decode::<SurveyResponse>),
        ("Tag", decode::<Tag>),
        ("GetAllTagsResponse", decode::<Page<Tag>>),
        ("Task", decode::<Task>),
        ("GetAllTasksResponse", decode::<Page<Task>>),
        ("Team", decode::<Team>),
        ("GetAllTeamsResponse", decode::<Page<Team>>),
        ("Thread", decode::<Thread>),
        ("GetAllThreadsResponse", decode::<Page<Thread>>),
        ("TimeSheet", decode::<TimeSheet>),
        ("GetAllTimeSheetsResponse", decode::<Page<TimeSheet>>),
        ("Topology", decode::<Topology>),
        ("GetAllTopologiesResponse", decode::<Page<Topology>>),
        ("User", decode::<User>),
        ("GetAllUsersResponse", decode::<Page<User>>),
        ("UserCapacity", decode::<UserCapacity>),
        ("GetAllUserCapacitiesResponse", decode::<Page<UserCapacity>>),
        ("UserSignature", decode::<UserSignature>),
        ("GetAllUserSignaturesResponse", decode::<Page<UserSignature>>),
        ("UserSourcesPermissions", decode::<UserSourcesPermissions>),
        ("Webhook", decode::<Webhook>),
        ("GetAllWebhooksResponse", decode::<Page<Webhook>>),
    ];
    table.into_iter().collect()
}

fn spec() -> Value {
    serde_yaml_ng::from_str(include_str!("../fixtures/openapi3.yaml")).expect("valid YAML")
}

/// The name of a `$ref`'d schema, or `[Name]` for an array of one.
fn schema_name(schema: &Value) -> Option<String> {
    let name = |s: &Value| {
        s.get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.rsplit('/').next())
            .map(str::to_owned)
    };
    name(schema).or_else(|| schema.get("items").and_then(name).map(|n| format!("[{n}]")))
}

/// Every schema a 2xx JSON answer of the spec is declared with.
fn response_schemas(spec: &Value) -> BTreeMap<String, Value> {
    let mut found = BTreeMap::new();
    for (_, item) in spec["paths"].as_mapping().unwrap() {
        for (_, operation) in item.as_mapping().unwrap() {
            let Some(responses) = operation.get("responses").and_then(Value::as_mapping) else {
                continue;
            };
            for (code, response) in responses {
                let code = code
                    .as_str()
                    .map(str::to_owned)
                    .or_else(|| code.as_u64().map(|c| c.to_string()));
                if !code.is_some_and(|c| c.starts_with('2')) {
                    continue;
                }
                let Some(schema) = response
                    .get("content")
                    .and_then(|c| c.get("application/json"))
                    .and_then(|j| j.get("schema"))
                else {
                    continue;
                };
                let name = schema_name(schema).expect("response schemas are references");
                found.insert(name, schema.clone());
            }
        }
    }
    found
}

/// How the generated documents fill integers.
#[derive(Clone, Copy, Debug)]
enum Ints {
    Negative,
    Zero,
    Large,
}

/// A JSON value for `schema`, every declared property present.
fn generate(spec: &Value, schema: &Value, ints: Ints, depth: usize) -> Json {
    if depth > 12 {
        return Json::Null;
    }
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let name = reference.rsplit('/').next().unwrap();
        return generate(spec, &spec["components"]["schemas"][name], ints, depth + 1);
    }
    if let Some(parts) = schema.get("allOf").and_then(Value::as_sequence) {
        let mut merged = Map::new();
        for part in parts {
            if let Json::Object(fields) = generate(spec, part, ints, depth + 1) {
                merged.extend(fields);
            }
        }
        return Json::Object(merged);
    }
    if let Some(first) = ["oneOf", "anyOf"].iter().find_map(|k| {
        schema
            .get(*k)
            .and_then(Value::as_sequence)
            .and_then(|s| s.first())
    }) {
        return generate(spec, first, ints, depth + 1);
    }
    if let Some(first) = schema
        .get("enum")
        .and_then(Value::as_sequence)
        .and_then(|e| e.first())
    {
        return serde_json::to_value(first).unwrap();
    }
    // A few properties carry their type in `format` only (`Timezone.name`).
    let kind = schema.get("type").and_then(Value::as_str).or_else(|| {
        schema
            .get("format")
            .and_then(Value::as_str)
            .filter(|f| ["string", "integer", "number", "boolean"].contains(f))
    });
    match kind {
        Some("integer") => match ints {
            Ints::Negative => json!(-2_147_483_648i64),
            Ints::Zero => json!(0),
            Ints::Large => json!(9_007_199_254_740_993i64),
        },
        Some("number") => json!(-1.5),
        Some("boolean") => json!(true),
        Some("string") => match schema.get("format").and_then(Value::as_str) {
            Some("date-time") => json!("2020-05-21T01:19:49Z"),
            Some("date") => json!("2020-05-21"),
            _ => json!("x1"),
        },
        Some("array") => match schema.get("items") {
            Some(items) => json!([generate(spec, items, ints, depth + 1)]),
            None => json!([]),
        },
        _ => {
            let mut fields = Map::new();
            if let Some(properties) = schema.get("properties").and_then(Value::as_mapping) {
                for (name, property) in properties {
                    let name = name.as_str().unwrap().trim_end_matches("[]");
                    fields.insert(name.to_owned(), generate(spec, property, ints, depth + 1));
                }
            }
            Json::Object(fields)
        }
    }
}

#[test]
fn the_table_names_every_response_schema() {
    let spec = spec();
    let declared: BTreeSet<String> = response_schemas(&spec).into_keys().collect();
    let mapped: BTreeSet<String> = decoders().into_keys().map(str::to_owned).collect();
    assert_eq!(declared, mapped);
}

#[test]
fn every_response_schema_decodes_generated_values() {
    let spec = spec();
    let decoders = decoders();
    let mut failures = Vec::new();
    for (name, schema) in response_schemas(&spec) {
        for ints in [Ints::Negative, Ints::Zero, Ints::Large] {
            let document = generate(&spec, &schema, ints, 0);
            if let Err(e) = decoders[name.as_str()](document) {
                failures.push(format!("{name} ({ints:?} integers) {e}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
