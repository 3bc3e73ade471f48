//! One simulated customer of a load run: connect, ask for a human, wait, answer the agent,
//! leave.

use std::sync::Arc;
use std::time::Duration;

use tokio::time::Instant;

use super::adapter::{Inbox, LoadAdapter, UserEvent};

/// One customer's script.
pub(super) struct Customer {
    pub(super) conversation: String,
    pub(super) adapter: Arc<dyn LoadAdapter>,
    pub(super) ask: String,
    pub(super) user_replies: usize,
    pub(super) think: Duration,
    pub(super) grace: Duration,
    pub(super) deadline: Instant,
}

/// What happened to one customer.
#[derive(Debug, Default)]
pub(super) struct Outcome {
    pub(super) asked: bool,
    pub(super) completed: bool,
    pub(super) timed_out: bool,
    pub(super) adapter_errors: usize,
    pub(super) time_to_agent: Option<Duration>,
    pub(super) queue_notices: usize,
    /// Agent replies seen (by the content id their text ends with), and when.
    pub(super) received: Vec<(String, Instant)>,
    /// Messages sent to the agent (by id), and when.
    pub(super) sent: Vec<(String, Instant)>,
}

/// The reference a tagged message ends with: `... [<id>]`, the id made of ASCII letters,
/// digits, `-`, `_` and `:`.
pub(crate) fn reference(text: &str) -> Option<&str> {
    let inner = text.trim_end().strip_suffix(']')?;
    let (_, id) = inner.rsplit_once('[')?;
    let allowed = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':');
    (!id.is_empty() && id.bytes().all(allowed)).then_some(id)
}

impl Customer {
    pub(super) async fn run(self) -> Outcome {
        let mut out = Outcome::default();
        let (inbox, mut rx) = Inbox::new();
        if tokio::time::timeout_at(self.deadline, self.adapter.connect(&self.conversation, inbox))
            .await
            .map_or(true, |r| r.is_err())
        {
            out.adapter_errors += 1;
            return out;
        }
        let asked_at = Instant::now();
        let ask_id = format!("{}-ask", self.conversation);
        match tokio::time::timeout_at(
            self.deadline,
            self.adapter.send(&self.conversation, &ask_id, &self.ask),
        )
        .await
        {
            Ok(Ok(())) => out.asked = true,
            Ok(Err(_)) => {
                out.adapter_errors += 1;
                out.asked = true;
                return out;
            }
            Err(_) => {
                out.asked = true;
                out.timed_out = true;
                return out;
            }
        }
        let mut ended_at: Option<Instant> = None;
        loop {
            let until = match ended_at {
                Some(at) => (at + self.grace).min(self.deadline),
                None => self.deadline,
            };
            let event = match tokio::time::timeout_at(until, rx.recv()).await {
                Ok(Some(event)) => event,
                Ok(None) => break,
                Err(_) => {
                    out.timed_out = ended_at.is_none();
                    break;
                }
            };
            match event {
                UserEvent::QueueNotice => out.queue_notices += 1,
                UserEvent::Agent(text) => {
                    let now = Instant::now();
                    out.time_to_agent.get_or_insert(now - asked_at);
                    if let Some(id) = reference(&text) {
                        out.received.push((id.to_owned(), now));
                    }
                    if out.sent.len() < self.user_replies && ended_at.is_none() {
                        tokio::time::sleep(self.think).await;
                        let id = format!("{}-u{}", self.conversation, out.sent.len());
                        let text = format!("Thanks, reply {} [{id}]", out.sent.len());
                        let sent_at = Instant::now();
                        match self.adapter.send(&self.conversation, &id, &text).await {
                            Ok(()) => out.sent.push((id, sent_at)),
                            Err(_) => out.adapter_errors += 1,
                        }
                    }
                }
                UserEvent::Ended => {
                    out.completed = out.time_to_agent.is_some();
                    ended_at.get_or_insert_with(Instant::now);
                }
                UserEvent::Bot(_) => {}
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::reference;

    #[test]
    fn references_are_read_from_the_end_of_tagged_replies_only() {
        assert_eq!(reference("Hello [00ab12]"), Some("00ab12"));
        assert_eq!(reference("a [b] c [ff] "), Some("ff"));
        assert_eq!(reference("Thanks [load0-3-u0]"), Some("load0-3-u0"));
        for untagged in ["Hello", "Hello []", "Hello [a b]", "Hello [é]", "[12", "12]", ""] {
            assert_eq!(reference(untagged), None, "{untagged}");
        }
    }
}
