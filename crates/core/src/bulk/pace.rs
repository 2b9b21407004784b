//! How many requests a bulk run keeps in flight, and how fast it sends them: additive
//! increase, multiplicative decrease (AIMD) of a window, as TCP paces itself, with the
//! server's `Retry-After` as a pause, and once a 429 has come, a send rate ([`super::rate`]).
//!
//! The window starts at a bound and grows by one request per window of clean answers.
//! A 429 or a 502/503/504 halves it, once per window: answers to requests sent before
//! the last decrease say nothing new about the server now, so they do not halve it again.
//! A 429 also pauses every send until its `Retry-After` has passed (a second without
//! one), and sets the send rate; an overloaded answer does not pause, as the smaller
//! window already backs off, and leaves the rate alone (it says nothing of the limit).

use super::rate::Rate;

/// The pace of one run. Times are milliseconds on the caller's clock.
#[derive(Debug, Clone, PartialEq)]
pub struct Pace {
    window: f64,
    max: f64,
    in_flight: u32,
    /// No send before this time (a 429's `Retry-After`, or a back-off).
    paused_until: u64,
    /// When the window last shrank: only requests sent after it may shrink it again.
    decreased_at: Option<u64>,
    /// The spacing of sends, once the server has rate-limited.
    rate: Rate,
}

/// What an answer says about the server's load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// Any answer that is not about load (a success, a 404, an invalid input).
    Clean,
    /// 429: too many requests; `retry_after_ms` when the server said.
    RateLimited { retry_after_ms: Option<u64> },
    /// 502, 503, 504 or a connection that failed: the server is struggling.
    Overloaded,
}

/// The pause after a 429 that gives no `Retry-After`.
pub const DEFAULT_PAUSE_MS: u64 = 1_000;

impl Pace {
    /// A window of `start` requests, never more than `max` (both at least 1).
    pub fn new(start: u32, max: u32) -> Pace {
        let max = f64::from(max.max(1));
        Pace {
            window: f64::from(start.max(1)).min(max),
            max,
            in_flight: 0,
            paused_until: 0,
            decreased_at: None,
            rate: Rate::default(),
        }
    }

    /// How many requests may be in flight now.
    pub fn window(&self) -> u32 {
        self.window as u32
    }

    pub fn in_flight(&self) -> u32 {
        self.in_flight
    }

    /// `None` when a request may be sent at `now`; else how long to wait before asking
    /// again (`u64::MAX` while the window is full: wait for an answer instead).
    pub fn wait(&self, now: u64) -> Option<u64> {
        if now < self.paused_until {
            Some(self.paused_until - now)
        } else if self.in_flight >= self.window() {
            Some(u64::MAX)
        } else {
            self.rate.wait(now)
        }
    }

    /// A request was sent at `now`.
    pub fn sent(&mut self, now: u64) {
        self.in_flight += 1;
        self.rate.sent(now);
    }

    /// The answer to a request sent at `sent_at` came at `now` and said `signal`.
    pub fn answered(&mut self, sent_at: u64, now: u64, signal: Signal) {
        self.in_flight = self.in_flight.saturating_sub(1);
        let pause = match signal {
            Signal::Clean => {
                self.window = (self.window + 1.0 / self.window).min(self.max);
                self.rate.admitted(sent_at);
                return;
            }
            Signal::RateLimited { retry_after_ms } => retry_after_ms.unwrap_or(DEFAULT_PAUSE_MS),
            Signal::Overloaded => 0,
        };
        self.paused_until = self.paused_until.max(now.saturating_add(pause));
        if matches!(signal, Signal::RateLimited { .. }) {
            self.rate.throttled(sent_at, now);
        }
        if self.decreased_at.map_or(true, |at| sent_at > at) {
            self.window = (self.window / 2.0).max(1.0);
            self.decreased_at = Some(now);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_answers_grow_the_window_by_one_per_window() {
        let mut pace = Pace::new(4, 32);
        assert_eq!(pace.wait(0), None);
        for _ in 0..4 {
            pace.sent(0);
        }
        assert_eq!(pace.wait(0), Some(u64::MAX), "a full window waits for an answer");
        for _ in 0..4 {
            pace.answered(0, 10, Signal::Clean);
        }
        assert_eq!(pace.window(), 4, "4 + 4 × ¼-ish: not yet 5");
        for _ in 0..2 {
            pace.sent(0);
            pace.answered(0, 10, Signal::Clean);
        }
        assert_eq!(pace.window(), 5);
        let mut grown = Pace::new(30, 32);
        for _ in 0..1_000 {
            grown.sent(0);
            grown.answered(0, 1, Signal::Clean);
        }
        assert_eq!(grown.window(), 32, "never past the bound");
    }

    #[test]
    fn a_429_halves_once_per_window_and_pauses_for_its_retry_after() {
        let mut pace = Pace::new(16, 32);
        for _ in 0..16 {
            pace.sent(0);
        }
        pace.answered(
            0,
            100,
            Signal::RateLimited {
                retry_after_ms: Some(2_000),
            },
        );
        assert_eq!(pace.window(), 8);
        // The other 15 were sent before the decrease: they do not halve it again.
        for _ in 0..15 {
            pace.answered(
                50,
                120,
                Signal::RateLimited {
                    retry_after_ms: Some(2_000),
                },
            );
        }
        assert_eq!((pace.window(), pace.in_flight()), (8, 0));
        assert_eq!(pace.wait(100), Some(2_020), "paused until the latest Retry-After");
        assert_eq!(pace.wait(2_120), None);
        // A request sent after the decrease that is refused again halves again.
        pace.sent(0);
        pace.answered(2_200, 2_300, Signal::RateLimited { retry_after_ms: None });
        assert_eq!(pace.window(), 4);
        assert_eq!(pace.wait(2_300), Some(DEFAULT_PAUSE_MS));
    }

    #[test]
    fn overload_halves_and_the_window_never_falls_below_one() {
        let mut pace = Pace::new(2, 8);
        for now in 0..10 {
            pace.sent(0);
            pace.answered(now * 10_000, now * 10_000 + 1, Signal::Overloaded);
        }
        assert_eq!(pace.window(), 1);
        assert_eq!(pace.wait(90_001), None, "no pause after an overloaded answer");
        assert_eq!(Pace::new(0, 0).window(), 1);
        assert_eq!(Pace::new(50, 8).window(), 8);
    }
}
