//! How long mapping one contact profile to an Engage user takes.
//!
//! The profile has 20 fields: the usual known ones plus custom fields needing renames, a
//! nested object and a list, as a bot typically holds it.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use ringcentral_engage::profile::{ContactProfile, FieldMap, ProfileMapper};
use serde_json::{json, Value};
use time::macros::datetime;

fn twenty_field_profile() -> Value {
    json!({
        "userId": "cognigy-user-7",
        "firstname": "Ada",
        "lastname": "Lovelace",
        "gender": "female",
        "email": "ada@example.com",
        "phone": "+33600000000",
        "profilepic": "https://cdn.example.com/ada.png",
        "birthday": "1815-12-10",
        "locale": "en-GB",
        "createdAt": "2024-02-03T04:05:06Z",
        "updatedAt": "2024-02-04T04:05:06Z",
        "location": "London",
        "accepted_gdpr": true,
        "age": 36,
        "plan": "gold",
        "last_order_id": "A-1234",
        "newsletter": false,
        "address": {"city": "London", "zip_code": "W1"},
        "interests": ["mathematics", "poetry"],
        "Préférence": "email",
    })
}

fn bench(c: &mut Criterion) {
    let value = twenty_field_profile();
    assert_eq!(value.as_object().map(|m| m.len()), Some(20));
    let mapper = ProfileMapper::new().now(datetime!(2025-06-01 12:00 UTC));
    let fields = FieldMap::default();
    let profile = ContactProfile::from_value(&value, &fields).unwrap();

    let mut group = c.benchmark_group("profile");
    group.throughput(Throughput::Elements(1));
    group.bench_function("map_json (20 fields, per profile)", |b| {
        b.iter(|| mapper.map_json(black_box(&value)).unwrap())
    });
    group.bench_function("map (parsed ContactProfile, per profile)", |b| {
        b.iter(|| mapper.map(black_box(&profile)).unwrap())
    });
    group.bench_function("from_value (parse only, per profile)", |b| {
        b.iter(|| ContactProfile::from_value(black_box(&value), &fields).unwrap())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
