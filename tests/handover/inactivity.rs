//! User inactivity against the simulator: reported once per silence, and ending the handover
//! (Engage told) when so configured. Timeouts cannot be shorter than Engage's typing throttle
//! (2 s), so these tests wait that long.
#![cfg(feature = "simulator")]

use std::time::Duration;

use crate::support::*;
use ringcentral_engage::handover::{
    EndReason, HandoverEvent, HandoverProvider, HandoverStatus, UserInactivity, UserMessage,
};
use ringcentral_engage::sim::{InterventionStatus, SimAgent};

const TIMEOUT: Duration = Duration::from_secs(2);

#[tokio::test]
async fn a_silent_user_with_an_agent_ends_the_handover_and_engage_is_told() {
    let sim = sim().agent(SimAgent::new("Alice").keep_open());
    let mut bed = start(sim, |c| {
        c.user_inactivity(UserInactivity::new().with_agent(TIMEOUT).end(true))
    })
    .await;
    bed.provider.start(request("silent")).await.unwrap();
    let seen = until_end(&mut bed.events, "silent", Duration::from_secs(10)).await;
    let inactive: Vec<_> = seen
        .iter()
        .filter_map(|e| match e {
            HandoverEvent::UserInactive {
                idle_secs,
                queued,
                ends,
            } => Some((*idle_secs, *queued, *ends)),
            _ => None,
        })
        .collect();
    assert_eq!(inactive, [(2, false, true)], "{seen:#?}");
    assert!(matches!(
        seen.last(),
        Some(HandoverEvent::Ended {
            reason: EndReason::UserInactive,
            ..
        })
    ));
    let closed = bed.sim.inspect().read(|s| {
        s.interventions()
            .iter()
            .all(|i| i.status == InterventionStatus::Closed)
    });
    assert!(closed);
}

#[tokio::test]
async fn a_silent_queued_user_is_reported_once_per_silence() {
    let sim = sim().agent(SimAgent::new("Alice").available(false));
    let mut bed = start(sim, |c| {
        c.user_inactivity(UserInactivity::new().while_queued(TIMEOUT))
    })
    .await;
    bed.provider.start(request("waiting")).await.unwrap();
    let started = tokio::time::Instant::now();
    let mut reports = Vec::new();
    let mut wrote = false;
    // Over 5.5 s: silent 2 s (report), writes at once, silent 2 s again (second report), and
    // the second silence is not reported twice.
    while started.elapsed() < Duration::from_millis(5_500) {
        let next = tokio::time::timeout(
            Duration::from_millis(100),
            futures_util::StreamExt::next(&mut bed.events),
        )
        .await;
        if let Ok(Some(update)) = next {
            if update.conversation_id.as_str() != "waiting" {
                continue;
            }
            if let HandoverEvent::UserInactive { queued, ends, .. } = update.event {
                assert!(queued && !ends);
                reports.push(started.elapsed());
                if !wrote {
                    wrote = true;
                    let message = UserMessage::text("m1", "still here");
                    bed.provider
                        .send_message(&"waiting".into(), message)
                        .await
                        .unwrap();
                }
            }
        }
    }
    assert_eq!(reports.len(), 2, "{reports:?}");
    assert!(reports[1] - reports[0] >= TIMEOUT, "{reports:?}");
    let status = bed.provider.status(&"waiting".into()).await.unwrap();
    assert!(
        matches!(status, Some(HandoverStatus::Queued { .. })),
        "{status:?}"
    );
}

#[tokio::test]
async fn timeouts_shorter_than_the_typing_throttle_are_refused() {
    let sim = sim().start().await.unwrap();
    let short = UserInactivity::new().with_agent(Duration::from_millis(1_999));
    assert!(config(&sim).user_inactivity(short).build().is_err());
    assert!(config(&sim)
        .user_inactivity(UserInactivity::new())
        .build()
        .is_err());
    assert!(config(&sim)
        .user_inactivity(UserInactivity::new().while_queued(TIMEOUT))
        .build()
        .is_ok());
}
