//! Business hours from the simulator's time sheets: closed answers with the next opening before
//! anything is sent; open, inactive or unreadable sheets let the handover through.
#![cfg(feature = "simulator")]

use ringcentral_engage::handover::{
    Availability, DateOrder, EngageHandover, HandoverError, HandoverProvider, Routing,
};
use ringcentral_engage::sim::SimHandle;
use serde_json::{json, Value};
use time::{Duration, OffsetDateTime, Time};

use crate::support::*;

const DAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// A UTC time sheet of `sim`'s source, open all day on the given days (0 = today).
fn sheet(sim: &SimHandle, open_days: &[i64], extra: Value) -> Value {
    let today = OffsetDateTime::now_utc();
    let mut sheet = json!({
        "id": "ts1", "label": "Office", "active": true, "timezone": "UTC",
        "source_ids": [sim.source_id().as_str()],
    });
    for day in DAYS {
        sheet[format!("{day}_hours")] = json!("");
    }
    for offset in open_days {
        let day = (today + Duration::days(*offset))
            .weekday()
            .number_days_from_monday();
        sheet[format!("{}_hours", DAYS[day as usize])] = json!("0-86400");
    }
    sheet
        .as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    sheet
}

fn midnight_in(days: i64) -> OffsetDateTime {
    (OffsetDateTime::now_utc() + Duration::days(days)).replace_time(Time::MIDNIGHT)
}

fn provider(sim: &SimHandle) -> EngageHandover {
    EngageHandover::new(config(sim).business_hours(DateOrder::DayFirst).build().unwrap())
}

#[tokio::test]
async fn closed_hours_and_holidays_answer_closed_with_the_next_opening() {
    let sim = sim().start().await.unwrap();
    // Open only the day after tomorrow.
    sim.set_time_sheets(vec![sheet(&sim, &[2], json!({}))]);
    let closed = provider(&sim);
    let err = closed.start(request("night")).await.unwrap_err();
    let HandoverError::Closed { reopens_at } = err else {
        panic!("{err:?}")
    };
    assert_eq!(reopens_at, Some(midnight_in(2)));
    assert!(err_is_retryable(reopens_at));
    assert_eq!(
        closed.check_availability(&Routing::default()).await,
        Availability::Closed {
            reopens_at: Some(midnight_in(2))
        }
    );
    // Nothing reached Engage.
    assert_eq!(
        sim.inspect()
            .read(|s| s.threads().len() + s.send_api_calls().len()),
        0
    );

    // Open every day, but today is a holiday (written the domain's way): closed until tomorrow.
    let today = OffsetDateTime::now_utc().date();
    let holiday = format!(
        "{:02}/{:02}/{}",
        today.day(),
        u8::from(today.month()),
        today.year()
    );
    sim.set_time_sheets(vec![sheet(
        &sim,
        &[0, 1, 2, 3, 4, 5, 6],
        json!({"holidays": [{"name": "Today", "date": holiday}, {"name": "Long ago", "date": "2001-01-01"}]}),
    )]);
    let err = provider(&sim).start(request("holiday")).await.unwrap_err();
    assert!(
        matches!(err, HandoverError::Closed { reopens_at: Some(at) } if at == midnight_in(1)),
        "{err:?}"
    );
}

fn err_is_retryable(reopens_at: Option<OffsetDateTime>) -> bool {
    HandoverError::Closed { reopens_at }.is_retryable()
}

#[tokio::test]
async fn open_inactive_foreign_or_unreadable_sheets_let_the_handover_through() {
    let sim = sim().start().await.unwrap();
    let cases = [
        ("open", sheet(&sim, &[0], json!({}))),
        ("inactive", sheet(&sim, &[], json!({"active": false}))),
        (
            "other source",
            sheet(&sim, &[], json!({"source_ids": ["another-source"]})),
        ),
        (
            "unknown zone",
            sheet(&sim, &[], json!({"timezone": "Mars/Olympus"})),
        ),
        (
            "bad hours",
            sheet(&sim, &[], json!({"monday_hours": "7200-3600"})),
        ),
    ];
    for (case, sheet) in cases {
        sim.set_time_sheets(vec![sheet]);
        let conversation = format!("through-{}", case.replace(' ', "-"));
        let started = provider(&sim).start(request(&conversation)).await;
        assert!(started.is_ok(), "{case}: {started:?}");
    }
}
