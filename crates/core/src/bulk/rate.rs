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
//! TCP's congestion avoidance) to find a limit that rose. When no stretch shows the
//! bucket's drain (a short cycle), the run backs off to [`BACK_OFF`] × its rate as the SDKs
//! do, or to the first bound if that is more. Between the first 429 and the second, with
//! nothing known, the rate starts at the first burst spread over a second and grows fast
//! ([`PROBE_GAIN`]), as TCP's slow start does, until a 429 makes a fit possible.
//!
//! Times are the caller's send times, so a busy server that queues requests blurs them; the
//! fit is made at the first send after the 429's pause, when every request sent before the
//! refused one has been answered (a 429 tends to come back before the requests the server
//! works on).

use alloc::collections::VecDeque;

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
/// A fit is never below this share of what the server admitted in the second before the
/// 429 (just under the limit, a bucket's burst counts in that second).
pub const LAST_SECOND_SHARE: f64 = 0.85;
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
    /// The estimate at the last fit, which the rate grows from; `None` while probing.
    estimate: Option<f64>,
    /// What the server admitted of what was sent up to its first 429 (its bucket, and what
    /// refilled in the meantime), and how long that took.
    burst: f64,
    burst_ms: u64,
    started_at: Option<u64>,
    /// When the requests of the last two 429s that counted were sent: the server's bucket
    /// was empty then.
    emptied_at: Option<u64>,
    before_emptied_at: Option<u64>,
    /// When the last 429 that counted came.
    throttled_at: Option<u64>,
    /// A 429 came and the rate is to be fitted at the next send: by then, after the pause,
    /// every request sent before it has been answered (a 429 comes back faster than a
    /// request the server works on).
    fit_due: bool,
    /// When the requests admitted since the one before the last 429 were sent, in order.
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
        let wait = crate::float::ceil(self.next_at - now as f64);
        (self.per_second.is_some() && wait > 0.0).then_some(wait as u64)
    }

    /// A request was sent at `now`: the next one waits its share of a second. A send up to
    /// [`CATCH_UP_MS`] late does not delay the next: timers tick in whole milliseconds and
    /// fire late, and each late one would otherwise slow the run (at 200/s a timer a
    /// millisecond late is a sixth of the rate).
    pub fn sent(&mut self, now: u64) {
        self.started_at.get_or_insert(now);
        if core::mem::take(&mut self.fit_due) {
            self.fit();
        }
        if let Some(rate) = self.per_second {
            let now = now as f64;
            let late = now - self.next_at;
            let from = if late <= CATCH_UP_MS { self.next_at } else { now };
            self.next_at = from + 1000.0 / rate;
        }
    }

    /// The server admitted the request sent at `sent_at` (its answer was clean).
    pub fn admitted(&mut self, sent_at: u64) {
        if self.per_second.is_none() {
            self.burst += 1.0;
        }
        let late_in_first_burst =
            self.before_emptied_at.is_none() && self.emptied_at.is_some_and(|first| sent_at <= first);
        if late_in_first_burst {
            self.burst += 1.0;
            // Its answer came after the first 429's: the probe starts from the whole burst.
            self.per_second = self.per_second.map(|rate| rate.max(self.burst));
            return;
        }
        // In send order: answers come out of order.
        let at = self.admitted.iter().rposition(|at| *at <= sent_at).map_or(0, |i| i + 1);
        self.admitted.insert(at, sent_at);
        let newest = self.admitted.back().copied().unwrap_or(sent_at);
        while self
            .admitted
            .front()
            .is_some_and(|at| newest.saturating_sub(*at) > MEMORY_MS)
        {
            self.admitted.pop_front();
        }
        let Some(rate) = self.per_second else { return };
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
        match self.per_second {
            None => {
                // The burst is what was sent up to the refused request and admitted; what was
                // sent after it and admitted before its answer came is what refilled.
                self.burst -= self.admitted.iter().filter(|at| **at > sent_at).count() as f64;
                while self.admitted.front().is_some_and(|at| *at <= sent_at) {
                    self.admitted.pop_front();
                }
                self.burst_ms = sent_at.saturating_sub(self.started_at.unwrap_or(sent_at));
                self.per_second = Some(self.burst.max(MIN_RATE));
            }
            Some(_) => {
                self.before_emptied_at = self.emptied_at;
                self.fit_due = true;
            }
        }
        self.emptied_at = Some(sent_at);
    }

    /// Sets the rate from what the server admitted between the last two 429s: just under
    /// the fit when the bucket's drain shows in it; else (a cycle too short to show it)
    /// backing off as the SDKs do, but not below what the server admitted.
    fn fit(&mut self) {
        let (Some(rate), Some(from), Some(to)) = (self.per_second, self.before_emptied_at, self.emptied_at) else {
            return;
        };
        let (since_full, since_last_429) = self.fitted(from, to);
        // What the server admitted in the last second before the 429, counted from our send
        // times: a floor for a fit that a busy server's queueing made too low.
        let last_second = self
            .admitted
            .iter()
            .filter(|at| (to.saturating_sub(999)..=to).contains(*at))
            .count();
        let next = match since_full {
            Some(estimate) => {
                let estimate = estimate
                    .max(since_last_429)
                    .max(LAST_SECOND_SHARE * last_second as f64)
                    .min(rate);
                self.estimate = Some(estimate);
                BELOW * estimate
            }
            None => {
                self.estimate = Some(since_last_429.max(BACK_OFF * rate));
                (BELOW * since_last_429).max(BACK_OFF * rate)
            }
        };
        self.per_second = Some(next.max(MIN_RATE));
        while self.admitted.front().is_some_and(|at| *at <= to) {
            self.admitted.pop_front();
        }
    }

    /// The two lower bounds of the module comment on the server's rate, from the requests
    /// admitted between the 429s of requests sent at `from` and `to`: since the bucket was
    /// last full, if any stretch shows it, and since the last 429.
    fn fitted(&self, from: u64, to: u64) -> (Option<f64>, f64) {
        let per_second = |count: f64, ms: u64| (ms > 0).then(|| count * 1000.0 / ms as f64);
        let between = || self.admitted.iter().rev().filter(|at| (from + 1..=to).contains(*at));
        // n + 1 admitted from the one sent at `at` on, and the refused request found less
        // than one token, half of one on average: n + 1.5 = B + R × w. And the first burst,
        // from a full bucket: burst = B + R × burst_ms. So R = (n + 1.5 - burst) /
        // (w - burst_ms), over stretches at least twice the first burst's, so that the
        // correction (measured on our clock, not the server's) cannot blow up.
        let since_full = between()
            .enumerate()
            .filter_map(|(n, at)| {
                let ms = to - at;
                (ms >= self.burst_ms + 100)
                    .then(|| per_second(n as f64 + 1.5 - self.burst, ms - self.burst_ms))
                    .flatten()
            })
            .reduce(f64::max)
            .filter(|rate| *rate >= MIN_RATE);
        let since_last_429 = per_second(between().count() as f64, to - from).unwrap_or(0.0);
        (since_full, since_last_429)
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
    fn the_first_burst_is_what_was_sent_up_to_the_refused_request() {
        let mut rate = Rate::default();
        for at in 0..16 {
            rate.sent(at);
        }
        // Sent at 0-9: admitted, half of them answered after the 429. Sent at 10: refused,
        // its 429 slow to come. Sent at 11-15: admitted from what refilled, answered first.
        for at in (0..5).chain(11..16) {
            rate.admitted(at);
        }
        rate.throttled(10, 500);
        assert_eq!(rate.per_second(), Some(5.0));
        for at in 5..10 {
            rate.admitted(at);
        }
        assert_eq!((rate.burst, rate.burst_ms), (10.0, 10));
        assert_eq!(rate.per_second(), Some(10.0), "the probe starts from the whole burst");
        assert_eq!(rate.admitted, [11, 12, 13, 14, 15], "what refilled, for the next fit");
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
        // The rate is fitted at the send after the 429.
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
                None => {
                    rate.sent(now + 1_000);
                    return rate.per_second().unwrap();
                }
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
        rate.sent(1_012);
        assert_eq!(rate.per_second(), Some(70.0));
        let mut slow = Rate {
            per_second: Some(0.6),
            emptied_at: Some(0),
            ..Rate::default()
        };
        slow.throttled(10, 12);
        slow.sent(1_012);
        assert_eq!(slow.per_second(), Some(MIN_RATE), "never slower than MIN_RATE");
    }
}
