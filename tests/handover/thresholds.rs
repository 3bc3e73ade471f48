//! Queue thresholds against the simulator: crossed once, told in the user's language with the
//! alternatives, or the handover ended with a reason the bot acts on.
#![cfg(feature = "simulator")]

use std::time::Duration;

use crate::support::*;
use ringcentral_engage::handover::{
    EndReason, HandoverEvent, HandoverProvider, HandoverStatus, QueueLimit, QueueThresholds, ThresholdAction,
};
use ringcentral_engage::queue::Alternative;
use ringcentral_engage::sim::SimAgent;

#[tokio::test]
async fn a_position_too_far_back_is_reported_once_with_the_alternatives() {
    // Nobody serves; three customers are ahead.
    let sim = sim()
        .agent(SimAgent::new("Alice").available(false))
        .queue_ahead(3);
    let offer = ThresholdAction::Offer(vec![Alternative::Callback, Alternative::Email]);
    let mut bed = start(sim, |c| {
        c.queue_thresholds(QueueThresholds::new(offer).max_position(2))
    })
    .await;
    bed.provider.start(request("far")).await.unwrap();
    let mut seen = Vec::new();
    let mut queued_after = 0;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    // Collect until two queue updates came after the crossing.
    while queued_after < 2 {
        let update = tokio::time::timeout_at(deadline, futures_util::StreamExt::next(&mut bed.events))
            .await
            .unwrap_or_else(|_| panic!("saw {seen:#?}"))
            .unwrap();
        if update.conversation_id.as_str() != "far" {
            continue;
        }
        let crossed = seen
            .iter()
            .any(|e| matches!(e, HandoverEvent::QueueThresholdExceeded { .. }));
        if crossed && matches!(update.event, HandoverEvent::Queued { .. }) {
            queued_after += 1;
        }
        seen.push(update.event);
    }
    let crossings: Vec<_> = seen
        .iter()
        .filter(|e| matches!(e, HandoverEvent::QueueThresholdExceeded { .. }))
        .collect();
    assert_eq!(crossings.len(), 1, "{seen:#?}");
    let HandoverEvent::QueueThresholdExceeded {
        limit,
        position,
        alternatives,
        ends,
        ..
    } = crossings[0]
    else {
        unreachable!()
    };
    assert_eq!((*limit, *position, *ends), (QueueLimit::Position, Some(4), false));
    assert_eq!(alternatives, &[Alternative::Callback, Alternative::Email]);
    assert!(seen.contains(&HandoverEvent::Notice {
        text: "The wait is longer than usual. You can also ask to be called back or write us an email."
            .into()
    }));
    // The user keeps waiting.
    let status = bed.provider.status(&"far".into()).await.unwrap();
    assert!(
        matches!(status, Some(HandoverStatus::Queued { .. })),
        "{status:?}"
    );
}

#[tokio::test]
async fn waiting_too_long_ends_the_handover_with_a_reason() {
    let sim = sim().agent(SimAgent::new("Alice").available(false));
    let end = ThresholdAction::End(vec![Alternative::Callback]);
    let mut bed = start(sim, |c| {
        c.queue_thresholds(QueueThresholds::new(end).max_wait(Duration::from_millis(300)))
    })
    .await;
    bed.provider.start(request("slow")).await.unwrap();
    let seen = until_end(&mut bed.events, "slow", Duration::from_secs(5)).await;
    let crossing = seen
        .iter()
        .find(|e| matches!(e, HandoverEvent::QueueThresholdExceeded { .. }))
        .unwrap_or_else(|| panic!("{seen:#?}"));
    assert!(matches!(
        crossing,
        HandoverEvent::QueueThresholdExceeded { limit: QueueLimit::Waited, ends: true, waited_secs: 0, alternatives, .. }
            if alternatives == &[Alternative::Callback]
    ));
    assert!(matches!(
        seen.last(),
        Some(HandoverEvent::Ended {
            reason: EndReason::QueueThresholdExceeded,
            ..
        })
    ));
    // Engage no longer queues the user: the thread went back to the Bot category.
    let (queued, categories) = bed.sim.inspect().read(|s| {
        let thread = s.thread_by_foreign_id("slow").unwrap();
        (s.queue_position(&thread.id), thread.category_ids.clone())
    });
    assert_eq!(queued, None);
    assert_eq!(categories, [bed.sim.bot_category_id()]);
}

#[tokio::test]
async fn meaningless_thresholds_are_refused_when_building() {
    let sim = sim().start().await.unwrap();
    for limits in [
        QueueThresholds::new(ThresholdAction::Tell),
        QueueThresholds::new(ThresholdAction::Tell).max_position(0),
        QueueThresholds::new(ThresholdAction::Tell).max_wait(Duration::ZERO),
        QueueThresholds::new(ThresholdAction::Tell).max_estimated_wait(Duration::from_millis(500)),
    ] {
        let built = config(&sim).queue_thresholds(limits.clone()).build();
        assert!(built.is_err(), "{limits:?}");
    }
    assert!(config(&sim)
        .queue_thresholds(QueueThresholds::new(ThresholdAction::Tell).max_position(1))
        .build()
        .is_ok());
}
