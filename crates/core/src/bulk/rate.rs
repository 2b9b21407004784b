//! How fast a bulk run sends once the server has rate-limited it.
//!
//! A window of requests in flight ([`super::pace`]) cannot keep under a rate limit when an
//! answer takes much less than one request's share of a second: at 60 requests/s and 2 ms
//! answers even a window of one sends 500 a second. And each 429 costs a whole
//! `Retry-After` (a second) of sending nothing, while a small bucket refills only to its
//! size. So after the first 429 the run also spaces its sends evenly, at a rate learnt from
//! what the server admitted, just under it.
//!
//! The scheme follows the client-side rate limiter of the AWS SDKs' "adaptive" retry mode
//! (`DefaultRateLimiter` in aws-sdk-js-v3's `util-retry`): send freely until the first
//! throttle, then pace; on a throttle, set the rate from the measured admitted rate (never
//! above the rate it came at); grow it while answers are clean. The SDKs take 0.7 × the
//! admitted rate and grow back along TCP CUBIC's curve, which throttles every few seconds:
//! here each throttle is a second's pause, so instead the rate is fitted to the server's
//! token bucket (refilling at R a second, holding B) from the send times of the requests
//! admitted since the last 429:
//! - the bucket was empty when the refused request arrived, and at the previous 429: what it
//!   admitted in between is what refilled, at most R × the time between;
//! - in the w seconds before a 429 it admits at most B + R × w (exactly that since it was
//!   last full); and B + R × t is what it admitted in the t seconds before the run's
//!   first 429, the run having started on a full bucket.
//!
//! Both bound R from below; the larger is the estimate, and the run sends at [`BELOW`] × it,
//! growing by [`INCREASE`] of it a second while answers are clean (additive increase, as
//! TCP's congestion avoidance) to find a limit that rose. Between the first 429 and the
//! second, with nothing known, the rate starts at the first burst spread over a second and
//! grows fast ([`PROBE_GAIN`]), as TCP's slow start does, until a 429 makes a fit possible.

use std::collections::VecDeque;

/// The share of the estimated rate sent at after a 429.
pub const BELOW: f64 = 0.98;
/// While answers are clean the rate grows by this share of the estimate a second: slowly,
/// so that a run spends long stretches just under the limit between two 429s.
pub const INCREASE: f64 = 0.003;
/// While probing, each clean answer adds this many requests a second: the rate grows e³
/// (20) times a second.
pub const PROBE_GAIN: f64 = 3.0;
/// The rate after a 429 that nothing could be fitted to, as a share of the rate it came at.
pub const BACK_OFF: f64 = 0.7;
/// How long admitted requests are remembered for a fit.
pub const MEMORY_MS: u64 = 10_000;
/// How late a send may be and still keep its place in the schedule (the sends after it
/// catch up, no more than this many milliseconds' worth at once).
pub const CATCH_UP_MS: f64 = 10.0;
/// The slowest the run ever sends, per second.
const MIN_RATE: f64 = 0.5;

/// The send rate of one run. Times are milliseconds on the caller's clock.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Rate {
    /// Requests per second; `None` until the first 429 (sends are not spaced).
    per_second: Option<f64>,
    /// The estimate at the last 429, which the rate grows from; `None` while probing.
    estimate: Option<f64>,
    /// What the server admitted before its first 429 (its bucket, and what refilled in the
    /// meantime), and since when.
    burst: f64,
    started_at: Option<u64>,
    /// How long that first burst took, until the request of the first 429 was sent.
    burst_ms: u64,
    /// When the request of the last 429 was sent: the server's bucket was empty then.
    emptied_at: Option<u64>,
    /// When the last 429 that set the rate came.
    throttled_at: Option<u64>,
    /// When the requests admitted since then were sent, oldest first.
    admitted: VecDeque<u64>,
    /// No send before this time (in fractions of a millisecond, so spacing does not drift).
    next_at: f64,
}

impl Rate {
    /// Requests per second, once limited.
    pub fn per_second(&self) -> Option<f64> {
        self.per_second
    }

    /// How long to wait at `now` before the next send may go, if at all.
    pub fn wait(&self, now: u64) -> Option<u64> {
        let wait = (self.next_at - now as f64).ceil();
        (self.per_second.is_some() && wait > 0.0).then_some(wait as u64)
    }

    /// A request was sent at `now`: the next one waits its share of a second. A send up to
    /// [`CATCH_UP_MS`] late does not delay the next: timers tick in whole milliseconds and
    /// fire late, and each late one would otherwise slow the run (at 200/s a timer a
    /// millisecond late is a sixth of the rate).
    pub fn sent(&mut self, now: u64) {
        self.started_at.get_or_insert(now);
        if let Some(rate) = self.per_second {
            let now = now as f64;
            let late = now - self.next_at;
            let from = if late <= CATCH_UP_MS { self.next_at } else { now };
            self.next_at = from + 1000.0 / rate;
        }
    }

    /// The server admitted the request sent at `sent_at` (its answer was clean).
    pub fn admitted(&mut self, sent_at: u64) {
        let Some(rate) = self.per_second else {
            self.burst += 1.0;
            return;
        };
        if self.emptied_at.is_some_and(|at| sent_at > at) {
            self.admitted.push_back(sent_at);
            while self
                .admitted
                .front()
                .is_some_and(|at| sent_at.saturating_sub(*at) > MEMORY_MS)
            {
                self.admitted.pop_front();
            }
        }
        // Answers come `rate` times a second, so this grows the rate by INCREASE × the
        // estimate a second, or by the factor e^PROBE_GAIN.
        let grown = match self.estimate {
            Some(estimate) => rate + INCREASE * estimate / rate,
            None => rate + PROBE_GAIN,
        };
        self.per_second = Some(grown);
    }

    /// The request sent at `sent_at` got a 429 at `now`. Only the first of the 429s to
    /// requests sent before that answer counts: the others say nothing new.
    pub fn throttled(&mut self, sent_at: u64, now: u64) {
        if self.throttled_at.is_some_and(|at| sent_at <= at) {
            return;
        }
        self.throttled_at = Some(now);
        let rate = match self.per_second {
            None => {
                self.estimate = None;
                self.burst_ms = sent_at.saturating_sub(self.started_at.unwrap_or(sent_at));
                self.burst
            }
            Some(rate) => match self.fitted(sent_at) {
                Some(estimate) => {
                    let estimate = estimate.min(rate);
                    self.estimate = Some(estimate);
                    BELOW * estimate
                }
                None => BACK_OFF * rate,
            },
        };
        self.per_second = Some(rate.max(MIN_RATE));
        self.emptied_at = Some(sent_at);
        self.admitted.clear();
    }

    /// The server's rate as the requests admitted since the last 429 show it, if they do:
    /// the larger of the two lower bounds of the module's comment.
    fn fitted(&self, emptied_at: u64) -> Option<f64> {
        let per_second = |count: f64, ms: u64| (ms > 0).then(|| count * 1000.0 / ms as f64);
        let before = || self.admitted.iter().rev().filter(|at| **at <= emptied_at);
        // n + 1 admitted from the one sent at `at` on, and the refused request found less
        // than one token, half of one on average: n + 1.5 = B + R × w. And the first burst,
        // from a full bucket: burst = B + R × burst_ms. So R = (n + 1.5 - burst) /
        // (w - burst_ms).
        let since_full = before()
            .enumerate()
            .filter_map(|(n, at)| {
                let ms = (emptied_at - at).checked_sub(self.burst_ms)?;
                per_second(n as f64 + 1.5 - self.burst, ms)
            })
            .fold(f64::NEG_INFINITY, f64::max);
        let since_last_429 = self
            .emptied_at
            .and_then(|at| per_second(before().count() as f64, emptied_at.saturating_sub(at)));
        let best = since_last_429.map_or(since_full, |rate| rate.max(since_full));
        (best >= MIN_RATE).then_some(best)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sends_are_free_until_a_429_then_spaced_evenly() {
        let mut rate = Rate::default();
        for _ in 0..10 {
            rate.sent(0);
            rate.admitted(0);
        }
        assert_eq!(rate.wait(0), None, "no spacing before a 429");
        rate.throttled(0, 2);
        assert_eq!(rate.per_second(), Some(10.0), "the first burst spread over a second");
        rate.throttled(1, 3);
        assert_eq!(rate.per_second(), Some(10.0), "sent before the first 429 came: no news");
        rate.sent(1_000);
        assert_eq!(rate.wait(1_000), Some(100));
        assert_eq!(rate.wait(1_100), None);
        // Probing: each clean answer adds PROBE_GAIN.
        rate.admitted(1_000);
        assert_eq!(rate.per_second(), Some(13.0));
    }

    #[test]
    fn spacing_keeps_a_fractional_rate_on_a_millisecond_clock() {
        let mut rate = Rate {
            per_second: Some(600.0),
            ..Rate::default()
        };
        let mut now = 0;
        let mut sends = 0;
        while now < 1_000 {
            match rate.wait(now) {
                Some(ms) => now += ms,
                None => {
                    rate.sent(now);
                    sends += 1;
                }
            }
        }
        assert!((599..=601).contains(&sends), "{sends} sends in a second at 600/s");
    }

    /// A token bucket of `size` refilling at `per_second`, sent to at times `at` (ms):
    /// whether each was admitted.
    fn bucket(size: f64, per_second: f64, at: &[u64]) -> Vec<bool> {
        let (mut tokens, mut last) = (size, 0);
        at.iter()
            .map(|now| {
                tokens = (tokens + (now - last) as f64 * per_second / 1000.0).min(size);
                last = *now;
                let admitted = tokens >= 1.0;
                if admitted {
                    tokens -= 1.0;
                }
                admitted
            })
            .collect()
    }

    /// What the rate is after a run's first two 429s from a server of `per_second` with
    /// bursts of `size`: a burst of four sends a millisecond, a second's pause, the probe.
    fn fitted_after_probe(size: f64, per_second: f64) -> f64 {
        let mut rate = Rate::default();
        let mut sent = Vec::new();
        let mut send = |rate: &mut Rate, now: u64| {
            rate.sent(now);
            sent.push(now);
            let admitted = *bucket(size, per_second, &sent).last().unwrap();
            match admitted {
                true => rate.admitted(now),
                false => rate.throttled(now, now + 2),
            }
            admitted
        };
        let mut now = 0;
        'burst: loop {
            for _ in 0..4 {
                if !send(&mut rate, now) {
                    break 'burst;
                }
            }
            now += 1;
        }
        now += 1_000;
        loop {
            match rate.wait(now) {
                Some(ms) => now += ms,
                None if send(&mut rate, now) => {}
                None => return rate.per_second().unwrap(),
            }
        }
    }

    #[test]
    fn the_second_429_fits_the_server_s_bucket() {
        for (size, per_second) in [(10.0, 60.0), (100.0, 200.0), (100.0, 500.0), (5.0, 10.0)] {
            let after = fitted_after_probe(size, per_second);
            assert!(
                (0.95 * per_second..=per_second).contains(&after),
                "{after}/s after the fit to {per_second}/s with bursts of {size}"
            );
        }
    }

    #[test]
    fn a_429_that_shows_nothing_backs_off() {
        let mut rate = Rate {
            per_second: Some(100.0),
            emptied_at: Some(0),
            ..Rate::default()
        };
        rate.throttled(10, 12);
        assert_eq!(rate.per_second(), Some(70.0));
        let mut slow = Rate {
            per_second: Some(0.6),
            emptied_at: Some(0),
            ..Rate::default()
        };
        slow.throttled(10, 12);
        assert_eq!(slow.per_second(), Some(MIN_RATE), "never slower than MIN_RATE");
    }
}
