//! What a bulk run reports as it goes: counts, the recent rate, and the time left, at
//! most every [`INTERVAL_MS`].

use crate::prelude::*;

/// The shortest time between two progress reports.
pub const INTERVAL_MS: u64 = 100;
/// The rate is measured over the answers of this last stretch of time.
const RATE_WINDOW_MS: u64 = 10_000;

/// One progress report.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    /// Items settled as done (created, deleted, already gone).
    pub done: usize,
    pub failed: usize,
    /// Items not settled yet, those in flight included.
    pub pending: usize,
    pub in_flight: usize,
    pub total: usize,
    /// Items settled per second over the last ten seconds.
    pub rate_per_second: f64,
    /// The time the pending items take at that rate; `None` before any rate is known.
    pub eta_ms: Option<u64>,
}

/// Settled items over time, and when the last report was given.
#[derive(Debug, Clone, Default)]
pub struct Meter {
    /// When each recent item settled, oldest first.
    settled: Vec<u64>,
    started: Option<u64>,
    reported: Option<u64>,
}

impl Meter {
    /// The run started at `now`.
    pub fn start(&mut self, now: u64) {
        self.started.get_or_insert(now);
    }

    /// An item settled at `now`.
    pub fn settled(&mut self, now: u64) {
        self.settled.push(now);
        let old = self
            .settled
            .iter()
            .take_while(|at| now.saturating_sub(**at) > RATE_WINDOW_MS)
            .count();
        self.settled.drain(..old);
    }

    /// Items per second over the last [`RATE_WINDOW_MS`] (or since the start, if shorter).
    pub fn rate(&self, now: u64) -> f64 {
        let since = now.saturating_sub(self.started.unwrap_or(now)).min(RATE_WINDOW_MS);
        let recent = self
            .settled
            .iter()
            .filter(|at| now.saturating_sub(**at) <= RATE_WINDOW_MS)
            .count();
        if since == 0 {
            0.0
        } else {
            recent as f64 * 1000.0 / since as f64
        }
    }

    /// Whether a report is due at `now` (the first one always is), and notes it as given.
    pub fn due(&mut self, now: u64) -> bool {
        let due = self.reported.map_or(true, |at| now.saturating_sub(at) >= INTERVAL_MS);
        if due {
            self.reported = Some(now);
        }
        due
    }
}

/// Time left for `pending` items at `rate` per second.
pub fn eta_ms(pending: usize, rate: f64) -> Option<u64> {
    (rate > 0.0).then(|| crate::float::round(pending as f64 / rate * 1000.0) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rate_is_recent_and_the_eta_follows_it() {
        let mut meter = Meter::default();
        meter.start(0);
        assert_eq!(meter.rate(0), 0.0);
        assert_eq!(eta_ms(10, 0.0), None);
        // 50 items in the first second.
        for i in 0..50 {
            meter.settled(i * 20);
        }
        assert_eq!(meter.rate(1_000), 50.0);
        assert_eq!(eta_ms(100, meter.rate(1_000)), Some(2_000));
        // Then 20 seconds of nothing, then 10 items in a second: only those count.
        for i in 0..10 {
            meter.settled(21_000 + i * 100);
        }
        assert_eq!(meter.rate(22_000), 1.0);
        assert!(meter.settled.len() <= 10, "old times are dropped");
    }

    #[test]
    fn reports_are_at_most_every_100_ms() {
        let mut meter = Meter::default();
        let due: Vec<u64> = (0..30).map(|i| i * 15).filter(|now| meter.due(*now)).collect();
        assert_eq!(due, vec![0, 105, 210, 315, 420]);
    }
}
