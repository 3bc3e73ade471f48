//! A thousand concurrent handovers on one simulator all end cleanly.
#![cfg(feature = "simulator")]

use std::collections::HashMap;
use std::time::Duration;

use crate::support::*;
use futures_util::StreamExt;
use ringcentral_engage::handover::{EndReason, HandoverEvent, HandoverProvider, HandoverRequest};
use ringcentral_engage::profile::ContactProfile;
use ringcentral_engage::sim::SimAgent;

const HANDOVERS: usize = 1000;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_thousand_concurrent_handovers_end_cleanly() {
    let agents: Vec<_> = (0..20)
        .map(|n| {
            SimAgent::new(format!("Agent {n}"))
                .capacity(50)
                .think_time(Duration::from_secs(1))
                .replies(["Hi", "Bye"])
        })
        .collect();
    let sim = sim().time_scale(0.001).agents(agents).rest_rate_limit(1_000_000);
    let bed = start(sim, |c| c.retries(30, Duration::from_millis(20))).await;
    let provider = bed.provider.clone();
    // Events are read while the handovers start: a subscriber that stops reading holds the
    // provider back once its buffer is full (back-pressure, not loss).
    let mut events = bed.events;
    let reader = tokio::spawn(async move {
        let mut ended: HashMap<String, EndReason> = HashMap::new();
        let mut messages = 0usize;
        let deadline = tokio::time::Instant::now() + Duration::from_secs(90);
        while ended.len() < HANDOVERS {
            let update = tokio::time::timeout_at(deadline, events.next())
                .await
                .unwrap_or_else(|_| panic!("only {} of {HANDOVERS} ended", ended.len()))
                .expect("event stream open");
            match update.event {
                HandoverEvent::Ended { reason, .. } => {
                    assert!(
                        ended.insert(update.conversation_id.to_string(), reason).is_none(),
                        "ended twice"
                    );
                }
                HandoverEvent::AgentMessage { .. } => messages += 1,
                HandoverEvent::Failed { error, .. } => panic!("{} failed: {error}", update.conversation_id),
                _ => {}
            }
        }
        (ended, messages)
    });
    let started = futures_util::stream::iter(0..HANDOVERS)
        .map(|n| {
            let provider = provider.clone();
            async move {
                let request = HandoverRequest::new(format!("load-{n}"), ContactProfile::new(format!("u{n}")))
                    .message("help");
                provider.start(request).await
            }
        })
        .buffer_unordered(100)
        .collect::<Vec<_>>()
        .await;
    let failed: Vec<_> = started.iter().filter_map(|r| r.as_ref().err()).collect();
    assert!(
        failed.is_empty(),
        "{} starts failed, first: {:?}",
        failed.len(),
        failed.first()
    );

    let (ended, messages) = reader.await.unwrap();
    assert!(ended.values().all(|r| *r == EndReason::AgentClosed));
    assert_eq!(messages, 2 * HANDOVERS);
    let errors = bed.sim.inspect().read(|s| s.protocol_errors().len());
    assert_eq!(errors, 0);
}
