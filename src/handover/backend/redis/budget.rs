//! [`RedisRateBudget`]: one access token's request budget, shared by every replica.

use std::time::Duration;

use async_trait::async_trait;
use redis::aio::ConnectionManager;
use redis::Script;

use super::{ms, scripts};
use crate::client::RateBudget;

/// At most `max` requests in any window of `per`, counted in Redis for every replica (a
/// sliding log in a sorted set, under Redis's own clock). Build it with
/// [`RedisBackend::rate_budget`](super::RedisBackend::rate_budget).
///
/// When Redis cannot be reached, a request is let through after one short wait (and logged):
/// the budget never stops the service on its own, Engage's 429 and the client's retries take
/// over.
#[derive(Clone)]
pub struct RedisRateBudget {
    connection: ConnectionManager,
    key: String,
    max: u32,
    per: Duration,
    script: Script,
}

impl std::fmt::Debug for RedisRateBudget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisRateBudget")
            .field("key", &self.key)
            .field("max", &self.max)
            .field("per", &self.per)
            .finish_non_exhaustive()
    }
}

impl RedisRateBudget {
    pub(super) fn new(connection: ConnectionManager, key: String, max: u32, per: Duration) -> Self {
        RedisRateBudget {
            connection,
            key,
            max: max.max(1),
            per,
            script: scripts::acquire(),
        }
    }

    /// Takes one request from the budget, or says how long to wait before asking again.
    async fn try_acquire(&self) -> redis::RedisResult<Option<Duration>> {
        let member = format!("{:016x}{:016x}", fastrand::u64(..), fastrand::u64(..));
        let wait: i64 = self
            .script
            .key(&self.key)
            .arg(self.max)
            .arg(ms(self.per).max(1))
            .arg(member)
            .invoke_async(&mut self.connection.clone())
            .await?;
        Ok((wait > 0).then(|| Duration::from_millis(wait.unsigned_abs())))
    }
}

#[async_trait]
impl RateBudget for RedisRateBudget {
    async fn acquire(&self) {
        loop {
            match self.try_acquire().await {
                Ok(None) => return,
                Ok(Some(wait)) => tokio::time::sleep(wait).await,
                Err(error) => {
                    tracing::warn!(%error, "shared rate budget unreachable; request let through");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    return;
                }
            }
        }
    }
}
