//! The in-memory dedup store's guarantees, under tokio's paused clock.

use std::time::Duration;

use ringcentral_engage::models::EventId;
use ringcentral_engage::webhook::{DedupError, DedupStore, MemoryDedupStore};
use tokio::time::advance;

const TTL: Duration = Duration::from_secs(3600);

fn ids(names: &[&str]) -> Vec<EventId> {
    names.iter().map(|n| EventId::new(*n)).collect()
}

async fn handle(store: &MemoryDedupStore, names: &[&str]) -> Vec<bool> {
    let ids = ids(names);
    let flags = store.claim(&ids).await.unwrap();
    let claimed: Vec<EventId> = ids
        .iter()
        .zip(&flags)
        .filter(|(_, f)| **f)
        .map(|(i, _)| i.clone())
        .collect();
    store.commit(&claimed).await.unwrap();
    flags
}

#[tokio::test(start_paused = true)]
async fn a_handled_id_is_a_duplicate_until_the_ttl_runs_out() {
    let store = MemoryDedupStore::new(10, TTL);
    assert_eq!(handle(&store, &["a"]).await, [true]);
    advance(TTL - Duration::from_millis(1)).await;
    assert_eq!(handle(&store, &["a"]).await, [false]);
    assert!(store.contains(&EventId::new("a")));
    advance(Duration::from_millis(1)).await;
    assert!(!store.contains(&EventId::new("a")));
    assert_eq!(handle(&store, &["a"]).await, [true]);
}

#[tokio::test(start_paused = true)]
async fn repeated_ids_in_one_claim_are_claimed_once() {
    let store = MemoryDedupStore::new(10, TTL);
    assert_eq!(
        handle(&store, &["a", "b", "a", "a"]).await,
        [true, true, false, false]
    );
    assert_eq!(store.len(), 2);
}

#[tokio::test(start_paused = true)]
async fn a_full_store_refuses_rather_than_forgetting_a_live_id() {
    let store = MemoryDedupStore::new(3, TTL);
    assert_eq!(handle(&store, &["a", "b", "c"]).await, [true, true, true]);
    advance(TTL / 2).await;
    let err = store.claim(&ids(&["d"])).await.unwrap_err();
    assert!(matches!(err, DedupError::Full { capacity: 3 }));
    // All-or-nothing: the refused claim left nothing behind, and every live id is still known.
    assert_eq!(store.len(), 3);
    assert_eq!(
        store.claim(&ids(&["a", "b", "c"])).await.unwrap(),
        [false, false, false]
    );
    // Once the old ids expire there is room again.
    advance(TTL / 2).await;
    assert_eq!(handle(&store, &["d"]).await, [true]);
    assert_eq!(handle(&store, &["a"]).await, [true]);
}

#[tokio::test(start_paused = true)]
async fn eviction_never_lets_a_duplicate_through_within_the_ttl() {
    // A deterministic workload over a small store: ids arrive every second, many are
    // redelivered later; any redelivery within the TTL of its handling must be refused.
    let capacity = 50;
    // More ids arrive within a TTL than the store holds, so it does fill up.
    let ttl = Duration::from_secs(80);
    let mut refused_full = 0;
    let store = MemoryDedupStore::new(capacity, ttl);
    let mut handled_at = std::collections::HashMap::new();
    let mut now = Duration::ZERO;
    let mut rng = 0x2545_f491_u64;
    for step in 0..3_000u64 {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        let id = format!(
            "e{}",
            if rng.is_multiple_of(3) {
                step
            } else {
                rng % (step + 1)
            }
        );
        let event_id = EventId::new(id.clone());
        match store.claim(std::slice::from_ref(&event_id)).await {
            Ok(flags) if flags[0] => {
                if let Some(at) = handled_at.get(&id) {
                    assert!(
                        now - *at >= ttl,
                        "{id} handled again {:?} after the first time",
                        now - *at
                    );
                }
                store.commit(std::slice::from_ref(&event_id)).await.unwrap();
                handled_at.insert(id, now);
            }
            Ok(_) => assert!(
                handled_at.get(&id).is_some_and(|at| now - *at < ttl),
                "{id} refused wrongly"
            ),
            Err(DedupError::Full { .. }) => refused_full += 1,
            Err(e) => panic!("{e}"),
        }
        assert!(store.len() <= capacity);
        advance(Duration::from_secs(1)).await;
        now += Duration::from_secs(1);
    }
    assert!(refused_full > 0, "the store never filled up");
}

#[tokio::test(start_paused = true)]
async fn a_claim_blocks_redeliveries_until_released_or_timed_out() {
    let store = MemoryDedupStore::new(10, TTL).with_claim_timeout(Duration::from_secs(60));
    let a = ids(&["a"]);
    assert_eq!(store.claim(&a).await.unwrap(), [true]);
    assert_eq!(store.claim(&a).await.unwrap(), [false], "in flight elsewhere");
    store.release(&a).await;
    assert_eq!(store.claim(&a).await.unwrap(), [true], "released");
    advance(Duration::from_secs(59)).await;
    assert_eq!(store.claim(&a).await.unwrap(), [false]);
    advance(Duration::from_secs(1)).await;
    assert_eq!(store.claim(&a).await.unwrap(), [true], "the stale claim expired");
    store.commit(&a).await.unwrap();
    store.release(&a).await;
    assert_eq!(
        store.claim(&a).await.unwrap(),
        [false],
        "release does not forget handled ids"
    );
}

#[tokio::test(start_paused = true)]
async fn memory_stays_bounded_under_churn() {
    let store = MemoryDedupStore::new(100, Duration::from_secs(10));
    for i in 0..10_000 {
        handle(&store, &[&format!("e{i}")]).await;
        if i % 10 == 0 {
            advance(Duration::from_secs(1)).await;
        }
        assert!(store.len() <= 100);
    }
    assert!(format!("{store:?}").contains("capacity: 100"));
}
