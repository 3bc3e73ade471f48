//! The reply assistant, time sheet and reference-list handlers against wiremock, and the admin
//! fixtures (shaped like the spec's schemas) decoding into the typed models.

use crate::common;

use common::{expect, fixture, page, setup};
use ringcentral_engage::models::*;
use serde_json::json;

#[tokio::test]
async fn reply_assistant_entries() {
    let (server, c) = setup().await;
    let record = fixture("admin", "reply_assistant_entry");
    let id = ReplyAssistantEntryId::new("5e8a1c2b9a1f4d0012a1b2d0");
    let path = "/reply_assistant/entries/5e8a1c2b9a1f4d0012a1b2d0";
    expect(
        &server,
        "GET",
        "/reply_assistant/entries",
        &[("limit", "1")],
        page(vec![record.clone()]),
    )
    .await;
    let got = c.reply_assistant_entries().list().limit(1).send().await.unwrap();
    assert_eq!(got.records[0].shortcuts, ["hours"]);

    expect(&server, "GET", path, &[], record.clone()).await;
    let got = c.reply_assistant_entries().get(&id).await.unwrap();
    assert_eq!(
        got.version_ids,
        [ReplyAssistantVersionId::new("5e8a1c2b9a1f4d0012a1b2d2")]
    );

    expect(
        &server,
        "POST",
        "/reply_assistant/entries",
        &[("label", "Opening hours")],
        record.clone(),
    )
    .await;
    let got = c.reply_assistant_entries().create("Opening hours").await.unwrap();
    assert_eq!(got.id, id);

    expect(
        &server,
        "PUT",
        path,
        &[
            ("label", "Hours"),
            ("foreign_id", "kb-12"),
            ("category_ids[]", "c1"),
            ("shortcuts[]", "hours"),
            ("shortcuts[]", "open"),
            ("entry_group_id", "g1"),
            ("source_ids[]", "s1"),
        ],
        record.clone(),
    )
    .await;
    let got = c
        .reply_assistant_entries()
        .update(&id)
        .label("Hours")
        .foreign_id("kb-12")
        .category_ids([&CategoryId::new("c1")])
        .shortcuts(["hours", "open"])
        .entry_group_id(&ReplyAssistantGroupId::new("g1"))
        .source_ids([&SourceId::new("s1")])
        .await
        .unwrap();
    assert_eq!(got.foreign_id.as_deref(), Some("kb-12"));

    expect(&server, "DELETE", path, &[], record).await;
    assert_eq!(c.reply_assistant_entries().delete(&id).await.unwrap().id, id);
    server.verify().await;
}

#[tokio::test]
async fn reply_assistant_groups() {
    let (server, c) = setup().await;
    let record = fixture("admin", "reply_assistant_group");
    let id = ReplyAssistantGroupId::new("5e8a1c2b9a1f4d0012a1b2d1");
    let path = "/reply_assistant/groups/5e8a1c2b9a1f4d0012a1b2d1";
    expect(
        &server,
        "GET",
        "/reply_assistant/groups",
        &[],
        page(vec![record.clone()]),
    )
    .await;
    let got = c.reply_assistant_groups().list().send().await.unwrap();
    assert_eq!(got.records[0].autocomplete, Some(true));

    expect(&server, "GET", path, &[], record.clone()).await;
    assert_eq!(
        c.reply_assistant_groups().get(&id).await.unwrap().position,
        Some(3)
    );

    let fields = [
        ("name", "Practical"),
        ("entry_ids[]", "e1"),
        ("entry_ids[]", "e2"),
        ("autocomplete", "true"),
        ("position", "3"),
    ];
    let entries = [ReplyAssistantEntryId::new("e1"), ReplyAssistantEntryId::new("e2")];
    expect(
        &server,
        "POST",
        "/reply_assistant/groups",
        &fields,
        record.clone(),
    )
    .await;
    let got = c
        .reply_assistant_groups()
        .create("Practical")
        .entry_ids(&entries)
        .autocomplete(true)
        .position(3)
        .await
        .unwrap();
    assert_eq!(got.id, id);

    expect(&server, "PUT", path, &fields, record.clone()).await;
    let got = c
        .reply_assistant_groups()
        .update(&id)
        .name("Practical")
        .entry_ids(&entries)
        .autocomplete(true)
        .position(3)
        .await
        .unwrap();
    assert_eq!(got.name.as_deref(), Some("Practical"));

    expect(&server, "DELETE", path, &[], record).await;
    assert_eq!(c.reply_assistant_groups().delete(&id).await.unwrap().id, id);
    server.verify().await;
}

#[tokio::test]
async fn reply_assistant_versions() {
    let (server, c) = setup().await;
    let record = fixture("admin", "reply_assistant_version");
    let id = ReplyAssistantVersionId::new("5e8a1c2b9a1f4d0012a1b2d2");
    let entry = ReplyAssistantEntryId::new("5e8a1c2b9a1f4d0012a1b2d0");
    let path = "/reply_assistant/versions/5e8a1c2b9a1f4d0012a1b2d2";
    expect(
        &server,
        "GET",
        "/reply_assistant/versions",
        &[],
        page(vec![record.clone()]),
    )
    .await;
    let got = c.reply_assistant_versions().list().send().await.unwrap();
    assert_eq!(got.records[0].format, Some(ReplyFormat::Html));

    expect(&server, "GET", path, &[], record.clone()).await;
    let got = c.reply_assistant_versions().get(&id).await.unwrap();
    assert_eq!(got.entry_id, Some(entry.clone()));

    expect(
        &server,
        "POST",
        "/reply_assistant/versions",
        &[
            ("entry_id", "5e8a1c2b9a1f4d0012a1b2d0"),
            ("body", "We are open & ready"),
            ("source_ids[]", "s1"),
            ("format", "text"),
            ("language", "en"),
        ],
        record.clone(),
    )
    .await;
    let got = c
        .reply_assistant_versions()
        .create(&entry, "We are open & ready")
        .source_ids([&SourceId::new("s1")])
        .format(ReplyFormat::Text)
        .language("en")
        .await
        .unwrap();
    assert_eq!(got.id, id);

    expect(
        &server,
        "PUT",
        path,
        &[
            ("body", "<b>Open</b>"),
            ("entry_id", "e9"),
            ("source_ids[]", ""),
            ("format", "html"),
            ("language", "fr"),
        ],
        record.clone(),
    )
    .await;
    let got = c
        .reply_assistant_versions()
        .update(&id)
        .body("<b>Open</b>")
        .entry_id(&ReplyAssistantEntryId::new("e9"))
        .source_ids(&[] as &[SourceId])
        .format(ReplyFormat::Html)
        .language("fr")
        .await
        .unwrap();
    assert_eq!(got.attachments_count, Some(0));

    expect(&server, "DELETE", path, &[], record).await;
    assert_eq!(c.reply_assistant_versions().delete(&id).await.unwrap().id, id);
    server.verify().await;
}

#[tokio::test]
async fn time_sheets() {
    let (server, c) = setup().await;
    let record = fixture("admin", "time_sheet");
    let id = TimeSheetId::new("5e8a1c2b9a1f4d0012a1b2d3");
    let path = "/time_sheets/5e8a1c2b9a1f4d0012a1b2d3";
    expect(&server, "GET", "/time_sheets", &[], page(vec![record.clone()])).await;
    let got = c.time_sheets().list().send().await.unwrap();
    assert_eq!(got.records[0].holidays, [Holiday::new("New year", "01/01/2022")]);

    expect(&server, "GET", path, &[], record.clone()).await;
    assert_eq!(
        c.time_sheets().get(&id).await.unwrap().saturday_hours.as_deref(),
        Some("")
    );

    let days = [
        ("monday_hours", "32400-64800"),
        ("tuesday_hours", "32400-43200,50400-64800"),
        ("wednesday_hours", "32400-64800"),
        ("thursday_hours", "32400-64800"),
        ("friday_hours", "32400-61200"),
        ("saturday_hours", ""),
        ("sunday_hours", ""),
    ];
    let holidays = [
        Holiday::new("New year", "01/01/2022"),
        Holiday::new("Labour day", "01/05/2022"),
    ];
    let mut create = vec![
        ("label", "Office hours"),
        ("holidays_region", "fr"),
        ("active", "true"),
        ("source_ids[]", "s1"),
        ("source_ids[]", "s2"),
        ("holidays[][name]", "New year"),
        ("holidays[][date]", "01/01/2022"),
        ("holidays[][name]", "Labour day"),
        ("holidays[][date]", "01/05/2022"),
    ];
    create.extend(days);
    expect(&server, "POST", "/time_sheets", &create, record.clone()).await;
    let got = c
        .time_sheets()
        .create("Office hours")
        .holidays_region("fr")
        .active(true)
        .source_ids([&SourceId::new("s1"), &SourceId::new("s2")])
        .holidays(&[Holiday::new("Replaced", "02/02/2022")])
        .holidays(&holidays)
        .monday_hours("32400-64800")
        .tuesday_hours("32400-43200,50400-64800")
        .wednesday_hours("32400-64800")
        .thursday_hours("32400-64800")
        .friday_hours("32400-61200")
        .saturday_hours("")
        .sunday_hours("")
        .await
        .unwrap();
    assert_eq!(got.id, id);

    let mut update = vec![("label", "Summer"), ("active", "false")];
    update.extend(days);
    expect(&server, "PUT", path, &update, record.clone()).await;
    let got = c
        .time_sheets()
        .update(&id)
        .label("Summer")
        .active(false)
        .monday_hours("32400-64800")
        .tuesday_hours("32400-43200,50400-64800")
        .wednesday_hours("32400-64800")
        .thursday_hours("32400-64800")
        .friday_hours("32400-61200")
        .saturday_hours("")
        .sunday_hours("")
        .await
        .unwrap();
    assert_eq!(got.source_ids.len(), 2);

    expect(&server, "DELETE", path, &[], record).await;
    assert_eq!(c.time_sheets().delete(&id).await.unwrap().id, id);
    server.verify().await;
}

#[tokio::test]
async fn locales_interface_locales_and_timezones() {
    let (server, c) = setup().await;
    expect(&server, "GET", "/locales", &[], fixture("admin", "locales")).await;
    let got = c.locales().list().await.unwrap();
    assert_eq!(got[1].code, "pt_BR");
    assert_eq!(got[0].interface, Some(true));

    expect(
        &server,
        "GET",
        "/interface_locales",
        &[],
        fixture("admin", "interface_locales"),
    )
    .await;
    let got = c.interface_locales().list().await.unwrap();
    assert_eq!(got[1].name.as_deref(), Some("Français"));

    expect(&server, "GET", "/timezones", &[], fixture("admin", "timezones")).await;
    let got = c.timezones().list().await.unwrap();
    assert_eq!((got[0].name.as_str(), got[0].utc_offset), ("Paris", Some(3600)));
    server.verify().await;
}

fn decode<T: serde::de::DeserializeOwned>(name: &str) -> T {
    serde_json::from_value(fixture("admin", name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn every_admin_fixture_decodes_into_its_model() {
    let field: CustomField = decode("custom_field");
    assert_eq!(field.choices, ["gold", "silver"]);
    assert_eq!(field.read_only, Some(true));
    assert!(field.created_at.is_some() && field.updated_at.is_some());
    let folder: Folder = decode("folder");
    assert_eq!(folder.team_restriction.unwrap().only, Vec::<TeamId>::new());
    let tag: Tag = decode("tag");
    assert_eq!(tag.name, "vip");
    let topology: Topology = decode("topology");
    assert_eq!(topology.config.unwrap()["children"][0]["type"], "queue");
    let settings: DomainSettings = decode("settings");
    assert_eq!(settings.intervention_defer_rates, [300, 900]);
    assert_eq!(settings.password_min_length, Some(12));
    let survey: Survey = decode("survey");
    assert_eq!(survey.instant_send_threshold, Some(30.5));
    assert_eq!(survey.questions[0].main, Some(true));
    let response: SurveyResponse = decode("survey_response");
    assert_eq!(response.intervention_id, Some(InterventionId::new("i1")));
    let entry: ReplyAssistantEntry = decode("reply_assistant_entry");
    assert_eq!(entry.category_ids, [CategoryId::new("c1")]);
    let group: ReplyAssistantGroup = decode("reply_assistant_group");
    assert_eq!(group.entry_ids.len(), 1);
    let version: ReplyAssistantVersion = decode("reply_assistant_version");
    assert_eq!(version.language.as_deref(), Some("en"));
    let sheet: TimeSheet = decode("time_sheet");
    assert_eq!(sheet.timezone.as_deref(), Some("Paris"));
    let locales: Vec<Locale> = decode("locales");
    assert_eq!(locales.len(), 2);
    let ui: Vec<InterfaceLocale> = decode("interface_locales");
    assert_eq!(ui[0].code, "en");
    let zones: Vec<Timezone> = decode("timezones");
    assert_eq!(zones[1].utc_offset, Some(0));
}

#[test]
fn minimal_records_and_new_fields_still_decode() {
    let field: CustomField = serde_json::from_value(json!({"id": "f", "brand_new": {"x": 1}})).unwrap();
    assert_eq!(field.label, None);
    assert!(field.choices.is_empty());
    let entry: ReplyAssistantEntry =
        serde_json::from_value(json!({"id": 7, "shortcuts": ["a", "b"]})).unwrap();
    assert_eq!((entry.id.as_str(), entry.shortcuts.len()), ("7", 2));
    let entry: ReplyAssistantEntry = serde_json::from_value(json!({"id": "e", "shortcuts": null})).unwrap();
    assert!(entry.shortcuts.is_empty());
    let sheet: TimeSheet =
        serde_json::from_value(json!({"id": "t", "holidays": [{"name": "x", "date": "y"}]})).unwrap();
    assert_eq!(sheet.holidays.len(), 1);
    let settings: DomainSettings = serde_json::from_value(json!({"content_languages": ["en"]})).unwrap();
    assert_eq!(settings.content_languages, ["en"]);
    assert!(serde_json::from_value::<Tag>(json!({"name": "no id"})).is_err());
}

#[test]
fn unknown_enum_values_are_kept_and_round_trip() {
    let field: CustomField =
        serde_json::from_value(json!({"id": "f", "type": "date", "associated_type_name": "Task"})).unwrap();
    assert_eq!(field.field_type, Some(CustomFieldType::Other("date".into())));
    assert_eq!(
        field.associated_type_name,
        Some(CustomFieldOwner::Other("Task".into()))
    );
    let back = serde_json::to_value(&field).unwrap();
    assert_eq!(
        (back["type"].as_str(), back["associated_type_name"].as_str()),
        (Some("date"), Some("Task"))
    );
    assert_eq!(CustomFieldType::from("float"), CustomFieldType::Float);
    assert_eq!(DomainType::Archived.to_string(), "archived");
    let survey: Survey = serde_json::from_value(json!({"id": "s", "type": "qualtrics"})).unwrap();
    assert_eq!(survey.provider.unwrap().as_str(), "qualtrics");
    let version: ReplyAssistantVersion =
        serde_json::from_value(json!({"id": "v", "format": "markdown"})).unwrap();
    assert_eq!(version.format, Some(ReplyFormat::Other("markdown".into())));
    assert!(serde_json::from_value::<ReplyAssistantVersion>(json!({"id": "v", "format": 3})).is_err());
}
