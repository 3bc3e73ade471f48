//! How `handover_demo` writes: timeline lines, or nothing but the events as JSON lines.

use std::io::Write;
use std::time::Instant;

use ringcentral_engage::handover::{EndReason, Speaker};

/// Where the demo writes: a timeline of lines, or only the events as JSON lines.
pub struct Timeline<'a, W: Write> {
    pub out: &'a mut W,
    pub started: Instant,
    pub json: bool,
}

impl<W: Write> Timeline<'_, W> {
    pub fn say(&mut self, who: &str, text: &str) -> std::io::Result<()> {
        if self.json {
            return Ok(());
        }
        let at = self.started.elapsed().as_secs_f64();
        writeln!(self.out, "[{at:5.2}s] {who:>6}: {text}")
    }

    pub fn note(&mut self, text: &str) -> std::io::Result<()> {
        if self.json {
            return Ok(());
        }
        let at = self.started.elapsed().as_secs_f64();
        writeln!(self.out, "[{at:5.2}s]     -- {text}")
    }
}

pub fn speaker(speaker: Speaker) -> &'static str {
    match speaker {
        Speaker::User => "user",
        Speaker::Agent => "agent",
        _ => "bot",
    }
}

pub fn end_text(reason: EndReason, agent: &str) -> String {
    let text = match reason {
        EndReason::AgentClosed => return format!("{agent} closed the conversation"),
        EndReason::UserEnded => "the user ended it",
        EndReason::BotEnded => "the bot ended it",
        EndReason::CancelledWhileQueued => "cancelled while queued",
        EndReason::Timeout => "timed out",
        EndReason::ProviderClosed => "Engage closed it",
        _ => "ended",
    };
    text.to_owned()
}
