//! The fan-out of handover events to every [`events`](crate::handover::HandoverProvider::events)
//! subscriber.

use std::sync::Mutex;

use futures_util::StreamExt;
use tokio::sync::mpsc;
use tokio_stream_lite::ReceiverStream;

use crate::handover::event::HandoverUpdate;
use crate::handover::provider::HandoverEvents;

/// Subscribers, each with a bounded queue. Emitting waits while a live subscriber's queue is
/// full (back-pressure up to Engage, which retries), and drops subscribers that went away.
#[derive(Debug)]
pub(crate) struct EventBus {
    subscribers: Mutex<Vec<mpsc::Sender<HandoverUpdate>>>,
    buffer: usize,
}

impl EventBus {
    pub(crate) fn new(buffer: usize) -> Self {
        EventBus {
            subscribers: Mutex::new(Vec::new()),
            buffer,
        }
    }

    pub(crate) fn buffer(&self) -> usize {
        self.buffer
    }

    pub(crate) fn subscribe(&self) -> HandoverEvents {
        let (tx, rx) = mpsc::channel(self.buffer);
        self.lock().push(tx);
        ReceiverStream(rx).boxed()
    }

    pub(crate) async fn emit(&self, update: HandoverUpdate) {
        let subscribers: Vec<_> = self.lock().clone();
        let mut gone = false;
        for tx in &subscribers {
            gone |= tx.send(update.clone()).await.is_err();
        }
        if gone {
            self.lock().retain(|tx| !tx.is_closed());
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<mpsc::Sender<HandoverUpdate>>> {
        self.subscribers
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// A `Stream` over an mpsc receiver (what `tokio-stream` provides, without the dependency).
mod tokio_stream_lite {
    use std::pin::Pin;
    use std::task::{Context, Poll};

    use tokio::sync::mpsc;

    pub(crate) struct ReceiverStream<T>(pub(crate) mpsc::Receiver<T>);

    impl<T> futures_util::Stream for ReceiverStream<T> {
        type Item = T;

        fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
            self.0.poll_recv(cx)
        }
    }
}
