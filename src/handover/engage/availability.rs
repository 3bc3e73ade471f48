//! Agent availability as Engage's docs define it: an agent counts when their entry for the
//! channel of the handover's source says `available` and their busyness there is not `full`
//! ([`ChannelStatus::can_take_work`]). Entries for other channels never count.
//!
//! The channel is the one set with
//! [`availability_check`](super::EngageConfigBuilder::availability_check), or the source's own
//! channel with
//! [`availability_check_on_source_channel`](super::EngageConfigBuilder::availability_check_on_source_channel)
//! (read once with `GET /content_sources/{id}`, then cached).

use crate::api::ChannelSelector;
use crate::handover::availability::AvailabilityDetail;
use crate::handover::provider::Availability;
use crate::models::{AgentStatus, Availability as Status, Busyness};

use super::Inner;

/// Counts the agents of `statuses` on `channel`, by state.
pub(super) fn detail(statuses: &[AgentStatus], channel: &ChannelSelector) -> AvailabilityDetail {
    let mut detail = AvailabilityDetail::new();
    for status in statuses {
        // An agent's first entry for the channel is theirs; no entry: not a member.
        let Some(entry) = status.channels.iter().find(|c| channel.matches(c)) else {
            continue;
        };
        if entry.status.is_none() {
            continue; // not connected on this channel
        }
        detail.connected += 1;
        if entry.can_take_work() {
            detail.available += 1;
            match entry.busyness {
                Some(Busyness::Unoccupied) => detail.unoccupied += 1,
                Some(Busyness::Ok) => detail.ok += 1,
                Some(Busyness::Busy) => detail.busy += 1,
                _ => {}
            }
        } else if entry.status == Some(Status::Available) {
            detail.full += 1;
        } else {
            detail.away += 1;
        }
    }
    detail
}

/// The answer for the bot.
pub(super) fn summary(detail: AvailabilityDetail) -> Availability {
    match detail.available {
        0 => Availability::NoneAvailable { detail },
        agents => Availability::Available { agents, detail },
    }
}

impl Inner {
    /// Reads `GET /status` and counts the agents of the configured channel.
    pub(super) async fn availability(&self) -> Availability {
        if let Some(reopens_at) = self.closed_until().await {
            return Availability::Closed { reopens_at };
        }
        let channel = match self.availability_channel().await {
            Ok(Some(channel)) => channel,
            Ok(None) => {
                return Availability::Unknown {
                    reason: "no availability channel configured".into(),
                }
            }
            Err(reason) => return Availability::Unknown { reason },
        };
        match self.config.client.agent_status().list().send().await {
            Ok(statuses) => summary(detail(&statuses, &channel)),
            Err(e) => Availability::Unknown {
                reason: e.to_string(),
            },
        }
    }

    /// The channel whose agents count: the configured one, else the source's own channel
    /// when so configured.
    async fn availability_channel(&self) -> Result<Option<ChannelSelector>, String> {
        if let Some(channel) = &self.config.availability_channel {
            return Ok(Some(channel.clone()));
        }
        let features = &self.config.features;
        if !features.availability_on_source_channel {
            return Ok(None);
        }
        let channel = features
            .source_channel
            .get_or_try_init(|| async {
                let source = self
                    .config
                    .client
                    .sources()
                    .get(&self.config.source_id)
                    .await
                    .map_err(|e| format!("could not read the source's channel: {e}"))?;
                source
                    .channel_id
                    .ok_or_else(|| "the source has no channel".to_owned())
            })
            .await?;
        Ok(Some(ChannelSelector::Id(channel.clone())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn statuses(raw: serde_json::Value) -> Vec<AgentStatus> {
        serde_json::from_value(raw).unwrap()
    }

    fn entry(channel: &str, status: serde_json::Value, busyness: serde_json::Value) -> serde_json::Value {
        json!({"id": channel, "name": channel.to_uppercase(), "status": status, "busyness": busyness})
    }

    #[test]
    fn only_the_selected_channel_counts_and_every_state_lands_in_one_bucket() {
        let chat = ChannelSelector::Id("chat".into());
        let list = statuses(json!([
            // Available on chat, each busyness.
            {"agent_id": "a1", "channels": [entry("chat", json!("available"), json!("unoccupied"))]},
            {"agent_id": "a2", "channels": [entry("chat", json!("available"), json!("ok"))]},
            {"agent_id": "a3", "channels": [entry("chat", json!("available"), json!("busy"))]},
            // Available but full: not available.
            {"agent_id": "a4", "channels": [entry("chat", json!("available"), json!("full"))]},
            // Away, or a status Engage may add later: away.
            {"agent_id": "a5", "channels": [entry("chat", json!("away"), json!("unoccupied"))]},
            {"agent_id": "a6", "channels": [entry("chat", json!("on_break"), json!(null))]},
            // Available with no or an unknown busyness: available, in no busyness bucket.
            {"agent_id": "a7", "channels": [entry("chat", json!("available"), json!(null))]},
            {"agent_id": "a8", "channels": [entry("chat", json!("available"), json!("swamped"))]},
            // Not connected on chat.
            {"agent_id": "a9", "channels": [entry("chat", json!(null), json!(null))]},
            // Available, but on another channel only.
            {"agent_id": "b1", "channels": [entry("email", json!("available"), json!("unoccupied"))]},
            {"agent_id": "b2", "channels": []},
            // Away on chat, available elsewhere: away.
            {"agent_id": "b3", "channels": [
                entry("email", json!("available"), json!("unoccupied")),
                entry("chat", json!("away"), json!("ok"))
            ]}
        ]));
        let d = detail(&list, &chat);
        let expected = AvailabilityDetail {
            connected: 11 - 2,
            available: 5,
            away: 3,
            full: 1,
            busy: 1,
            ok: 1,
            unoccupied: 1,
        };
        assert_eq!(d, expected);
        assert_eq!(d.connected, d.available + d.away + d.full);
        assert_eq!(
            summary(d),
            Availability::Available {
                agents: 5,
                detail: expected
            }
        );
        // Selected by name, the same rule.
        assert_eq!(detail(&list, &ChannelSelector::name(" Chat ")), expected);
        // Nobody on a channel nobody works.
        let none = detail(&list, &ChannelSelector::Id("sms".into()));
        assert_eq!(none, AvailabilityDetail::new());
        assert_eq!(summary(none), Availability::NoneAvailable { detail: none });
    }

    #[test]
    fn all_full_or_away_is_none_available_with_the_reason() {
        let chat = ChannelSelector::Id("chat".into());
        let list = statuses(json!([
            {"agent_id": "a1", "channels": [entry("chat", json!("available"), json!("full"))]},
            {"agent_id": "a2", "channels": [entry("chat", json!("away"), json!("unoccupied"))]},
            {"agent_id": "a3", "channels": [entry("email", json!("available"), json!("ok"))]}
        ]));
        let d = detail(&list, &chat);
        assert_eq!((d.connected, d.available, d.full, d.away), (2, 0, 1, 1));
        assert!(matches!(summary(d), Availability::NoneAvailable { detail } if detail.full == 1));
    }
}
