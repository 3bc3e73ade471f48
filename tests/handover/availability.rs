//! Availability as Engage's docs define it, on the source's own channel, with the detail the
//! bot words its answer with.
#![cfg(feature = "simulator")]

use crate::support::*;
use ringcentral_engage::handover::{
    Availability, AvailabilityDetail, EngageHandover, HandoverError, HandoverProvider, HandoverStatus,
    Routing,
};
use ringcentral_engage::sim::SimAgent;

#[tokio::test]
async fn agents_count_on_the_source_channel_when_available_and_not_full() {
    // Alice (capacity 1) is free, Bob is away.
    let sim = sim()
        .agent(SimAgent::new("Alice").keep_open())
        .agent(SimAgent::new("Bob").available(false))
        .start()
        .await
        .unwrap();
    // Without a check configured, the provider cannot tell.
    let unconfigured = EngageHandover::new(config(&sim).build().unwrap());
    assert!(!unconfigured.capabilities().availability_check);
    assert!(matches!(
        unconfigured.check_availability(&Routing::default()).await,
        Availability::Unknown { .. }
    ));

    let bed = start_on(sim, |c| c.availability_check_on_source_channel()).await;
    assert!(bed.provider.capabilities().availability_check);
    let Availability::Available { agents, detail } =
        bed.provider.check_availability(&Routing::default()).await
    else {
        panic!("Alice is free")
    };
    assert_eq!(agents, 1);
    assert_eq!(
        (
            detail.connected,
            detail.available,
            detail.away,
            detail.unoccupied,
            detail.full
        ),
        (2, 1, 1, 1, 0)
    );

    // Alice takes a conversation and is full: nobody can take the next one, and the bot
    // learns why.
    bed.provider.start(request("first")).await.unwrap();
    wait_for_status(&bed.provider, "first", |s| {
        matches!(s, HandoverStatus::Active { .. })
    })
    .await;
    let answer = bed.provider.check_availability(&Routing::default()).await;
    let Availability::NoneAvailable { detail } = answer else {
        panic!("Alice is full: {answer:?}")
    };
    assert_eq!(
        (detail.connected, detail.available, detail.away, detail.full),
        (2, 0, 1, 1)
    );
    assert_ne!(detail, AvailabilityDetail::new());
    let err = bed.provider.start(request("second")).await.unwrap_err();
    assert!(matches!(err, HandoverError::NoAgentAvailable), "{err:?}");
}
