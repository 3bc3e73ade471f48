//! Webhook deduplication across replicas: the receiver's [`DedupStore`] protocol on Redis keys
//! set with `SET NX`.

use std::time::Duration;

use async_trait::async_trait;
use redis::aio::ConnectionManager;
use redis::Script;

use super::{ms, scripts, secs, store_error, Keys};
use crate::models::EventId;
use crate::webhook::{DedupError, DedupStore};

/// A claim is `claimed` for the claim timeout; a commit makes it `handled` for the horizon.
pub(super) struct RedisDedupStore {
    connection: ConnectionManager,
    url: String,
    keys: Keys,
    horizon: Duration,
    claim_timeout: Duration,
    release: Script,
}

impl RedisDedupStore {
    pub(super) fn new(
        connection: ConnectionManager,
        url: String,
        keys: Keys,
        horizon: Duration,
        claim_timeout: Duration,
    ) -> Self {
        RedisDedupStore {
            connection,
            url,
            keys,
            horizon,
            claim_timeout,
            release: scripts::release(),
        }
    }

    fn error(&self, error: &redis::RedisError) -> DedupError {
        DedupError::Backend(Box::new(store_error(&self.url, error)))
    }
}

#[async_trait]
impl DedupStore for RedisDedupStore {
    async fn claim(&self, ids: &[EventId]) -> Result<Vec<bool>, DedupError> {
        let mut pipe = redis::pipe();
        for id in ids {
            pipe.cmd("SET")
                .arg(self.keys.dedup(id.as_str()))
                .arg("claimed")
                .arg("NX")
                .arg("PX")
                .arg(ms(self.claim_timeout).max(1));
        }
        let answers: Vec<Option<String>> = match pipe.query_async(&mut self.connection.clone()).await {
            Ok(answers) => answers,
            Err(error) => {
                // All or nothing: whatever this pipeline claimed is given back.
                self.release(ids).await;
                return Err(self.error(&error));
            }
        };
        let mut fresh = Vec::with_capacity(ids.len());
        for (n, answer) in answers.iter().enumerate() {
            let repeated = ids[..n].contains(&ids[n]);
            fresh.push(answer.is_some() && !repeated);
        }
        Ok(fresh)
    }

    async fn commit(&self, ids: &[EventId]) -> Result<(), DedupError> {
        let mut pipe = redis::pipe();
        for id in ids {
            pipe.cmd("SET")
                .arg(self.keys.dedup(id.as_str()))
                .arg("handled")
                .arg("EX")
                .arg(secs(self.horizon))
                .ignore();
        }
        pipe.query_async::<()>(&mut self.connection.clone())
            .await
            .map_err(|e| self.error(&e))
    }

    async fn release(&self, ids: &[EventId]) {
        for id in ids {
            let released: redis::RedisResult<i64> = self
                .release
                .key(self.keys.dedup(id.as_str()))
                .invoke_async(&mut self.connection.clone())
                .await;
            if let Err(error) = released {
                // The claim runs out by itself after the claim timeout.
                tracing::warn!(error = %error, "could not release a webhook dedup claim");
            }
        }
    }
}
