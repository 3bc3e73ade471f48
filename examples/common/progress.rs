//! Progress of long work, on stderr: a counter redrawn in place on a terminal, a line per
//! page otherwise. Short work (one page or less) shows nothing.

use std::io::{IsTerminal, Write};

/// Work up to this many items is short and shows no progress (one page of Engage).
pub const SHORT: u64 = 150;

/// A progress counter writing to `W`.
pub struct Progress<W: Write> {
    sink: W,
    redraw: bool,
    label: String,
    total: u64,
    done: u64,
}

impl Progress<std::io::Stderr> {
    /// Progress on stderr, redrawn in place when stderr is a terminal.
    pub fn stderr() -> Self {
        let redraw = std::io::stderr().is_terminal();
        Progress::new(std::io::stderr(), redraw)
    }
}

impl<W: Write> Progress<W> {
    /// Progress written to `sink`, redrawn in place (`\r`) when `redraw`, else one line per
    /// page.
    pub fn new(sink: W, redraw: bool) -> Self {
        Progress {
            sink,
            redraw,
            label: String::new(),
            total: 0,
            done: 0,
        }
    }

    /// Starts counting `total` items of `label` (e.g. `auditing agents`).
    pub fn start(&mut self, label: &str, total: u64) {
        self.label = label.to_owned();
        self.total = total;
        self.done = 0;
    }

    /// One more item done.
    pub fn tick(&mut self) {
        self.done += 1;
        if self.total <= SHORT {
            return;
        }
        // Progress is best effort: a closed stderr must not stop the work.
        if self.redraw {
            if self.done.is_multiple_of(10) || self.done == self.total {
                let _ = write!(self.sink, "\r{}: {}/{}", self.label, self.done, self.total);
                let _ = self.sink.flush();
            }
        } else if self.done.is_multiple_of(SHORT) || self.done == self.total {
            let _ = writeln!(self.sink, "{}: {}/{}", self.label, self.done, self.total);
        }
    }

    /// Ends the counter (clears the redrawn line).
    pub fn finish(&mut self) {
        if self.redraw && self.total > SHORT {
            let _ = writeln!(self.sink);
        }
    }

    /// The sink, to read what was written (tests).
    pub fn into_inner(self) -> W {
        self.sink
    }
}
