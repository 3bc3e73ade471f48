//! Properties of the profile mapping over arbitrary input.

use proptest::prelude::*;
use ringcentral_engage::profile::{context_key, ProfileMapper};
use ringcentral_engage::sdk::objects::is_context_key;
use serde_json::{Map, Value};
use time::macros::datetime;

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        ".{0,40}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(".{0,12}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn any_key_becomes_a_valid_key(name in ".{0,80}") {
        let key = context_key(&name);
        prop_assert!(is_context_key(&key), "{:?} -> {:?}", name, key);
        prop_assert_eq!(context_key(&name), key, "deterministic");
    }

    #[test]
    fn any_profile_maps_to_a_valid_user(
        fields in prop::collection::btree_map(".{0,16}", json_value(), 0..24),
        id in "[a-z0-9]{1,8}",
    ) {
        let mut profile: Map<String, Value> = fields.into_iter().collect();
        profile.insert("id".into(), Value::from(id.clone()));
        let mapper = ProfileMapper::new().now(datetime!(2025-01-01 0:00 UTC)).max_value_chars(20);
        let mapped = mapper.map_json(&Value::Object(profile.clone())).unwrap();
        let user = &mapped.user;
        prop_assert_eq!(&user.id, &id);
        prop_assert!(user.validate().is_ok());
        prop_assert!(user.context_data.keys().all(|k| is_context_key(k)));
        for value in user.context_data.values() {
            match value {
                Value::String(s) => prop_assert!(s.chars().count() <= 20),
                Value::Array(items) => prop_assert!(items.iter().all(Value::is_string)),
                other => prop_assert!(false, "unexpected value {:?}", other),
            }
        }
        prop_assert!(serde_json::to_string(user).is_ok());
        // Same input, same output.
        prop_assert_eq!(mapper.map_json(&Value::Object(profile)).unwrap(), mapped);
    }
}
