//! Mapping contact profiles to Engage users: the usual case and every kind of bad input.

use ringcentral_engage::models::{Identity, IdentityGroup};
use ringcentral_engage::profile::{
    Change, ContactProfile, DropReason, FieldMap, ProfileField, ProfileMapper, DEFAULT_MAX_VALUE_CHARS,
};
use ringcentral_engage::sdk::objects::{is_context_key, Gender};
use serde_json::{json, Map, Value};
use time::macros::datetime;

fn mapper() -> ProfileMapper {
    ProfileMapper::new().now(datetime!(2025-06-01 12:00 UTC))
}

/// A Cognigy-style contact profile.
fn cognigy_profile() -> Value {
    json!({
        "userId": "cognigy-user-7",
        "firstname": "Ada",
        "lastname": "Lovelace",
        "gender": "female",
        "email": "ada@example.com",
        "profilepic": "https://cdn.example.com/ada.png",
        "birthday": "1815-12-10",
        "location": "London",
        "accepted_gdpr": true,
        "age": 36,
        "createdAt": "2024-02-03T04:05:06Z",
    })
}

#[test]
fn a_cognigy_profile_maps_to_a_valid_user() {
    let mapped = mapper().map_json(&cognigy_profile()).unwrap();
    let profile = ContactProfile::from_value(&cognigy_profile(), &FieldMap::default()).unwrap();
    assert_eq!(mapper().map(&profile).unwrap(), mapped);
    assert_eq!(mapper().map_owned(profile).unwrap(), mapped);
    let user = &mapped.user;
    assert_eq!(user.id, "cognigy-user-7");
    assert_eq!(user.screenname, "Ada Lovelace");
    assert_eq!(user.firstname.as_deref(), Some("Ada"));
    assert_eq!(user.lastname.as_deref(), Some("Lovelace"));
    assert_eq!(user.email.as_deref(), Some("ada@example.com"));
    assert_eq!(
        user.avatar_url.as_deref(),
        Some("https://cdn.example.com/ada.png")
    );
    assert_eq!(user.gender, Some(Gender::Woman));
    assert_eq!(user.created_at, datetime!(2024-02-03 04:05:06 UTC));
    assert_eq!(user.updated_at, datetime!(2025-06-01 12:00 UTC));
    assert!(!user.puppetizable);
    assert_eq!(
        Value::Object(user.context_data.clone()),
        json!({"birthday": "1815-12-10", "location": "London", "accepted-gdpr": "true", "age": "36"})
    );
    user.validate().unwrap();
    let json = serde_json::to_value(user).unwrap();
    assert_eq!(json["gender"], "woman");
    assert_eq!(json["created_at"], "2024-02-03T04:05:06Z");
    let entries: Vec<String> = mapped.report.entries().iter().map(ToString::to_string).collect();
    assert!(
        entries.contains(&"accepted_gdpr: sent as `accepted-gdpr`".to_owned()),
        "{entries:?}"
    );
    assert!(
        entries.contains(&"updated_at: missing, set to now".to_owned()),
        "{entries:?}"
    );
}

#[test]
fn empty_profile_with_only_an_id() {
    let mapped = mapper().map(&ContactProfile::new("only-id")).unwrap();
    let user = &mapped.user;
    assert_eq!(user.id, "only-id");
    assert_eq!(user.screenname, "only-id");
    assert_eq!(user.created_at, datetime!(2025-06-01 12:00 UTC));
    assert_eq!(user.updated_at, datetime!(2025-06-01 12:00 UTC));
    assert!(user.context_data.is_empty() && user.email.is_none() && user.gender.is_none());
    let changes: Vec<_> = mapped
        .report
        .entries()
        .iter()
        .map(|e| (e.source.as_str(), &e.change))
        .collect();
    assert_eq!(
        changes,
        [
            (
                "screen_name",
                &Change::Derived {
                    from: ProfileField::Id
                }
            ),
            ("created_at", &Change::DefaultedToNow),
            ("updated_at", &Change::DefaultedToNow),
        ]
    );
}

#[test]
fn a_profile_without_id_is_refused() {
    assert!(mapper().map(&ContactProfile::default()).is_err());
    assert!(mapper().map(&ContactProfile::new("   ")).is_err());
    assert!(mapper().map_json(&json!({"firstname": "Ada"})).is_err());
    assert!(mapper().map_json(&json!("not an object")).is_err());
}

#[test]
fn the_clock_is_used_when_no_time_is_fixed() {
    let before = time::OffsetDateTime::now_utc() - time::Duration::seconds(1);
    let user = ProfileMapper::new().map(&ContactProfile::new("x")).unwrap().user;
    assert!(user.created_at >= before && user.created_at.nanosecond() == 0);
}

#[test]
fn non_string_values() {
    let mapped = mapper()
        .map_json(&json!({
            "id": 12345,
            "firstname": 42,
            "lastname": false,
            "phone": 33612345678u64,
            "score": 9.5,
            "vip": true,
            "tags": ["a", 1, true, null, {"x": 1}, ["y"]],
            "nothing": null,
            "created_at": {"not": "a date"},
        }))
        .unwrap();
    let user = &mapped.user;
    assert_eq!(user.id, "12345");
    assert_eq!(user.firstname.as_deref(), Some("42"));
    assert_eq!(user.lastname, None);
    assert_eq!(user.mobile_phone.as_deref(), Some("33612345678"));
    let ctx = &user.context_data;
    assert_eq!(ctx["lastname"], "false");
    assert_eq!(ctx["score"], "9.5");
    assert_eq!(ctx["vip"], "true");
    assert_eq!(ctx["tags"], json!(["a", "1", "true"]));
    assert_eq!(ctx["created-at-not"], "a date");
    assert!(!ctx.contains_key("nothing"));
    let dropped: Vec<_> = mapped.report.dropped().collect();
    assert_eq!(
        dropped,
        [
            ("nothing", DropReason::Null),
            ("tags[3]", DropReason::Null),
            ("tags[4]", DropReason::NestedInList),
            ("tags[5]", DropReason::NestedInList),
        ]
    );
    assert!(mapped.report.about("vip").any(|c| *c == Change::Stringified));
}

#[test]
fn very_long_values_are_cut_on_char_boundaries() {
    let long = "é".repeat(5_000);
    let mapped = mapper()
        .map_json(&json!({"id": "x".repeat(3_000), "firstname": long, "bio": long, "list": [long]}))
        .unwrap();
    let user = &mapped.user;
    assert_eq!(user.id.len(), 3_000, "ids are never cut");
    assert_eq!(
        user.firstname.as_ref().unwrap().chars().count(),
        DEFAULT_MAX_VALUE_CHARS
    );
    assert_eq!(user.screenname.chars().count(), DEFAULT_MAX_VALUE_CHARS);
    assert_eq!(
        user.context_data["bio"].as_str().unwrap().chars().count(),
        DEFAULT_MAX_VALUE_CHARS
    );
    assert_eq!(
        user.context_data["list"][0].as_str().unwrap().chars().count(),
        DEFAULT_MAX_VALUE_CHARS
    );
    let cut = Change::Truncated {
        original_chars: 5_000,
        kept_chars: DEFAULT_MAX_VALUE_CHARS,
    };
    assert!(mapped.report.about("first_name").any(|c| *c == cut));
    assert!(mapped.report.about("bio").any(|c| *c == cut));
    assert!(mapped.report.about("list[0]").any(|c| *c == cut));

    let short = mapper()
        .max_value_chars(3)
        .map_json(&json!({"id": "1", "note": "日本語です"}))
        .unwrap();
    assert_eq!(short.user.context_data["note"], "日本語");
}

#[test]
fn keys_that_sanitize_to_empty() {
    let mapped = mapper()
        .map_json(&json!({"id": "1", "名前": "Taro", "__": "x", "": "y"}))
        .unwrap();
    let ctx = &mapped.user.context_data;
    assert_eq!(ctx.len(), 3, "{ctx:?}");
    // Sorted by source path: "" < "__" < "名前".
    assert_eq!(ctx["unnamed"], "y");
    assert_eq!(ctx["unnamed-two"], "x");
    assert_eq!(ctx["unnamed-three"], "Taro");
    assert!(mapped
        .report
        .about("名前")
        .any(|c| matches!(c, Change::Suffixed { key } if key == "unnamed-three")));
}

#[test]
fn keys_never_merge() {
    let mapped = mapper()
        .map_json(&json!({
            "id": "1",
            "accepted_gdpr": "a", "accepted-gdpr": "b", "Accepted GDPR": "c",
            "age2": "d", "age-two": "e",
            "address": {"city": "Paris"}, "address_city": "Lyon",
        }))
        .unwrap();
    let ctx = mapped.user.context_data;
    assert_eq!(ctx["accepted-gdpr"], "b");
    assert_eq!(ctx["accepted-gdpr-two"], "a");
    assert_eq!(ctx["Accepted-GDPR"], "c");
    assert_eq!(ctx["age-two"], "e");
    assert_eq!(ctx["age-two-two"], "d");
    assert_eq!(ctx["address-city"], "Paris");
    assert_eq!(ctx["address-city-two"], "Lyon");
    assert_eq!(ctx.len(), 7);
}

#[test]
fn a_thousand_custom_fields() {
    let mut profile = Map::new();
    profile.insert("id".into(), json!("many"));
    for i in 0..1_000 {
        profile.insert(format!("field_{i}"), json!(i));
    }
    let mapped = mapper().map_json(&Value::Object(profile.clone())).unwrap();
    let ctx = &mapped.user.context_data;
    assert_eq!(ctx.len(), 1_000);
    assert_eq!(ctx["field-nine-nine-nine"], "999");
    assert!(ctx.keys().all(|k| is_context_key(k)));
    assert_eq!(mapped.report.dropped().count(), 0);

    profile.insert("extra".into(), json!("one too many"));
    let capped = mapper().map_json(&Value::Object(profile)).unwrap();
    assert_eq!(capped.user.context_data.len(), 1_000);
    // Valid names claim keys first, so the field dropped is the last renamed one in order.
    assert!(capped.user.context_data.contains_key("extra"));
    assert_eq!(
        capped.report.dropped().collect::<Vec<_>>(),
        [("field_999", DropReason::TooManyFields)]
    );
}

#[test]
fn gender_is_mapped_only_when_clear() {
    let cases = [
        ("man", Some(Gender::Man)),
        ("Male", Some(Gender::Man)),
        (" M ", Some(Gender::Man)),
        ("woman", Some(Gender::Woman)),
        ("FEMALE", Some(Gender::Woman)),
        ("f", Some(Gender::Woman)),
        ("non-binary", None),
        ("homme", None),
    ];
    for (raw, expected) in cases {
        let mapped = mapper().map_json(&json!({"id": "1", "gender": raw})).unwrap();
        assert_eq!(mapped.user.gender, expected, "{raw}");
        if expected.is_none() {
            assert_eq!(mapped.user.context_data["gender"], raw);
            assert!(mapped
                .report
                .about("gender")
                .any(|c| matches!(c, Change::MovedToContext { .. })));
        }
    }
}

#[test]
fn unusable_known_values_move_to_context() {
    let mapped = mapper()
        .map_json(&json!({
            "id": "1",
            "emails": ["not-an-email", "ada@example.com", "second@example.com"],
            "avatar": "javascript:alert(1)",
            "mobile": ["+33600000001", "+33600000002"],
        }))
        .unwrap();
    let user = &mapped.user;
    assert_eq!(user.email.as_deref(), Some("ada@example.com"));
    assert_eq!(user.screenname, "ada", "derived from the email's local part");
    assert_eq!(user.avatar_url, None);
    assert_eq!(user.mobile_phone.as_deref(), Some("+33600000001"));
    assert_eq!(
        user.context_data["other-emails"],
        json!(["not-an-email", "second@example.com"])
    );
    assert_eq!(user.context_data["other-mobile-phones"], json!(["+33600000002"]));
    assert_eq!(user.context_data["avatar-url"], "javascript:alert(1)");
}

#[test]
fn screenname_prefers_the_given_one_then_names() {
    let m = mapper();
    assert_eq!(
        m.map_json(&json!({"id": "1", "nickname": "Ace", "firstname": "Ada"}))
            .unwrap()
            .user
            .screenname,
        "Ace"
    );
    assert_eq!(
        m.map_json(&json!({"id": "1", "lastname": "Lovelace"}))
            .unwrap()
            .user
            .screenname,
        "Lovelace"
    );
    assert_eq!(
        m.map_json(&json!({"id": "1", "screenname": "  "}))
            .unwrap()
            .user
            .screenname,
        "1"
    );
}

#[test]
fn dates_never_become_invalid() {
    let m = mapper();
    let user = m
        .map_json(&json!({"id": "1", "created_at": "2024-01-01T10:00:00+02:00", "updated_at": 99_999_999_999_999i64}))
        .unwrap()
        .user;
    assert_eq!(user.created_at, datetime!(2024-01-01 08:00 UTC));
    // Year 5138 in milliseconds is fine; a value beyond year 9999 falls back to now.
    assert_eq!(user.updated_at.year(), 5138);
    let user = m
        .map_json(&json!({"id": "1", "updated_at": i64::MAX}))
        .unwrap()
        .user;
    assert_eq!(user.updated_at, datetime!(2025-06-01 12:00 UTC));
    assert!(serde_json::to_string(&user).is_ok());
}

#[test]
fn options_and_custom_field_maps() {
    let fields = FieldMap::default().with_spelling(ProfileField::FirstName, "prenom");
    let mapped = mapper()
        .field_map(fields)
        .puppetizable(true)
        .max_context_fields(1)
        .max_depth(1)
        .map_json(&json!({"id": "1", "prenom": "Ada", "a": {"b": {"c": 1}}, "z": "1"}))
        .unwrap();
    assert_eq!(mapped.user.firstname.as_deref(), Some("Ada"));
    assert!(mapped.user.puppetizable);
    assert_eq!(Value::Object(mapped.user.context_data), json!({"z": "1"}));
    assert_eq!(
        mapped.report.dropped().collect::<Vec<_>>(),
        [("a.b", DropReason::TooDeep)]
    );
}

#[test]
fn identity_back_to_profile_and_forward_again() {
    let identity: Identity = serde_json::from_value(json!({
        "id": "5a1e7f4b7765627ab9000001",
        "foreign_id": "cognigy-user-7",
        "identity_group_id": "5a1e7f4b7765627ab9000003",
        "screenname": "Ada Lovelace",
        "display_name": "Ada",
        "firstname": "Ada",
        "lastname": "Lovelace",
        "email": "ada@example.com",
        "mobile_phone": "+33600000000",
        "gender": "woman",
        "company": "Analytical Engines",
        "extra_values": {"accepted-gdpr": "true"},
        "created_at": "2024-02-03T04:05:06Z",
        "updated_at": "2024-02-04T04:05:06Z"
    }))
    .unwrap();
    let profile = ContactProfile::from(&identity);
    assert_eq!(profile.id.as_deref(), Some("cognigy-user-7"));
    assert_eq!(profile.screen_name.as_deref(), Some("Ada Lovelace"));
    assert_eq!(profile.emails, ["ada@example.com"]);
    assert_eq!(
        profile.identity_id.as_ref().map(|i| i.as_str()),
        Some("5a1e7f4b7765627ab9000001")
    );
    assert_eq!(profile.custom["company"], "Analytical Engines");
    assert_eq!(profile.custom["display_name"], "Ada");

    let mapped = mapper().map(&profile).unwrap();
    let user = mapped.user;
    assert_eq!(user.id, "cognigy-user-7");
    assert_eq!(user.gender, Some(Gender::Woman));
    assert_eq!(user.context_data["accepted-gdpr"], "true");
    assert_eq!(user.context_data["company"], "Analytical Engines");
    assert_eq!(user.updated_at, datetime!(2024-02-04 04:05:06 UTC));
    assert!(mapped
        .report
        .dropped()
        .any(|d| d == ("identity_id", DropReason::EngageId)));
}

#[test]
fn identity_group_back_to_profile() {
    let group: IdentityGroup = serde_json::from_value(json!({
        "id": "g1",
        "firstname": "Ada",
        "emails": ["ada@example.com", "ada@work.example"],
        "mobile_phones": ["+1", "+2"],
        "home_phones": null,
        "notes": "Prefers email",
        "custom_field_values": {"plan": "gold"},
        "tag_ids": ["t1"]
    }))
    .unwrap();
    let mut profile = ContactProfile::from(group);
    assert_eq!(profile.id, None);
    assert_eq!(profile.emails.len(), 2);
    assert_eq!(profile.custom["notes"], "Prefers email");
    assert_eq!(profile.custom["plan"], "gold");
    assert!(mapper().map(&profile).is_err(), "a group has no bot-side id");
    profile.id = Some("bot-1".into());
    let user = mapper().map(&profile).unwrap().user;
    assert_eq!(user.context_data["other-emails"], json!(["ada@work.example"]));
    assert_eq!(user.context_data["other-mobile-phones"], json!(["+2"]));
    let map = profile.to_map(&FieldMap::default());
    assert_eq!(map["email"], json!(["ada@example.com", "ada@work.example"]));
}

/// The identity Engage stores for a pushed user: the user's fields, its `id` as `foreign_id`
/// and its `context_data` as `extra_values`.
fn identity_of(user: &ringcentral_engage::sdk::objects::User) -> Identity {
    let mut json = serde_json::to_value(user).unwrap();
    let fields = json.as_object_mut().unwrap();
    let foreign = fields.remove("id").unwrap();
    let context = fields.remove("context_data").unwrap_or_else(|| json!({}));
    fields.remove("puppetizable");
    fields.insert("id".into(), json!("5a1e7f4b7765627ab9000001"));
    fields.insert("identity_group_id".into(), json!("5a1e7f4b7765627ab9000003"));
    fields.insert("foreign_id".into(), foreign);
    fields.insert("extra_values".into(), context);
    serde_json::from_value(json).unwrap()
}

/// A profile using every field a profile and an Engage identity both have.
fn shared_fields_profile() -> ContactProfile {
    let mut profile = ContactProfile::new("bot-user-9");
    profile.first_name = Some("Grace".into());
    profile.last_name = Some("Hopper".into());
    profile.screen_name = Some("Amazing Grace".into());
    profile.emails = vec!["grace@example.com".into()];
    profile.mobile_phones = vec!["+15550001".into()];
    profile.home_phones = vec!["+15550002".into()];
    profile.gender = Some("woman".into());
    profile.avatar_url = Some("https://cdn.example.com/grace.png".into());
    profile.birthday = Some("1906-12-09".into());
    profile.locale = Some("en-US".into());
    profile.created_at = Some(datetime!(2024-03-01 08:00 UTC));
    profile.updated_at = Some(datetime!(2024-03-02 09:30 UTC));
    profile.custom.insert("plan".into(), json!("gold"));
    profile
}

#[test]
fn profile_to_user_to_identity_and_back_keeps_the_shared_fields() {
    let profile = shared_fields_profile();
    let user = mapper().map(&profile).unwrap().user;
    assert_eq!(user.context_data["birthday"], "1906-12-09");
    assert_eq!(user.context_data["locale"], "en-US");

    let back = ContactProfile::from(&identity_of(&user));
    let mut expected = profile;
    expected.identity_id = Some("5a1e7f4b7765627ab9000001".into());
    expected.identity_group_id = Some("5a1e7f4b7765627ab9000003".into());
    assert_eq!(back, expected);
    assert!(!back.custom.contains_key("birthday") && !back.custom.contains_key("locale"));
}

#[test]
fn identity_to_profile_to_user_keeps_the_shared_fields() {
    let identity: Identity = serde_json::from_value(json!({
        "id": "5a1e7f4b7765627ab9000001",
        "foreign_id": "bot-user-9",
        "identity_group_id": "5a1e7f4b7765627ab9000003",
        "screenname": "Amazing Grace",
        "firstname": "Grace",
        "lastname": "Hopper",
        "email": "grace@example.com",
        "mobile_phone": "+15550001",
        "home_phone": "+15550002",
        "gender": "woman",
        "avatar_url": "https://cdn.example.com/grace.png",
        "extra_values": {"birthday": "1906-12-09", "locale": "en-US", "plan": "gold"},
        "created_at": "2024-03-01T08:00:00Z",
        "updated_at": "2024-03-02T09:30:00Z"
    }))
    .unwrap();
    let profile = ContactProfile::from(&identity);
    assert_eq!(profile.birthday.as_deref(), Some("1906-12-09"));
    assert_eq!(profile.locale.as_deref(), Some("en-US"));
    assert_eq!(
        Value::Object(profile.custom.clone()),
        json!({"plan": "gold"}),
        "birthday and locale are fields again, not custom fields"
    );

    let user = mapper().map(&profile).unwrap().user;
    assert_eq!(
        identity_of(&user),
        identity,
        "the same identity once stored again"
    );
}

#[test]
fn only_text_birthday_and_locale_are_read_back() {
    let identity: Identity = serde_json::from_value(json!({
        "id": "i1",
        "foreign_id": "u1",
        "extra_values": {"birthday": ["1906", "12"], "locale": "  "}
    }))
    .unwrap();
    let profile = ContactProfile::from(&identity);
    assert_eq!((profile.birthday, profile.locale), (None, None));
    assert_eq!(profile.custom["birthday"], json!(["1906", "12"]));
    assert_eq!(profile.custom["locale"], "  ");

    // A group has no place for them: a domain custom field of that name stays custom.
    let group: IdentityGroup = serde_json::from_value(json!({
        "id": "g1",
        "custom_field_values": {"birthday": "1906-12-09"}
    }))
    .unwrap();
    let profile = ContactProfile::from(&group);
    assert_eq!(profile.birthday, None);
    assert_eq!(profile.custom["birthday"], "1906-12-09");
}
