//! The demo's timeline, shared by its concurrent users: lines stamped with the time since the
//! start, in `handover_demo`'s format.

use std::time::Instant;

/// Prints lines stamped with the seconds elapsed since it was made.
pub struct Timeline {
    started: Instant,
}

impl Timeline {
    /// A timeline starting now.
    pub fn new() -> Timeline {
        Timeline {
            started: Instant::now(),
        }
    }

    /// Prints `text` at the current time.
    pub fn say(&self, text: impl std::fmt::Display) {
        let at = self.started.elapsed().as_secs_f64();
        println!("[{at:5.2}s]     -- {text}");
    }
}
