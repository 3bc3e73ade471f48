//! The client side of `bot_proxy`'s server-sent events: a byte stream cut into events.

/// One server-sent event: its `event` name (`message` when absent), `id` and joined `data`.
pub struct SseEvent {
    pub event: String,
    pub id: Option<u64>,
    pub data: String,
}

/// Collects chunks of a server-sent event stream and hands back each complete event.
#[derive(Default)]
pub struct SseBlocks {
    buffer: String,
}

impl SseBlocks {
    /// Adds `chunk`; returns the events it completed.
    pub fn push(&mut self, chunk: &[u8]) -> Vec<SseEvent> {
        self.buffer.push_str(&String::from_utf8_lossy(chunk));
        let mut out = Vec::new();
        while let Some(end) = self.buffer.find("\n\n") {
            let block: String = self.buffer.drain(..end + 2).collect();
            let mut event = SseEvent {
                event: "message".to_owned(),
                id: None,
                data: String::new(),
            };
            for line in block.lines() {
                if let Some(v) = line.strip_prefix("event:") {
                    event.event = v.trim().to_owned();
                } else if let Some(v) = line.strip_prefix("id:") {
                    event.id = v.trim().parse().ok();
                } else if let Some(v) = line.strip_prefix("data:") {
                    event.data.push_str(v.trim_start());
                }
            }
            out.push(event);
        }
        out
    }
}
