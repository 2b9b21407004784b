#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails by panicking"
)]
//! Bulk runs against a simulated Seam server on a virtual clock: a token bucket answering
//! 429 with `Retry-After`, latency, and faults (connections reset after the request was
//! processed, 503s before it was). Deterministic, so these are not timed tests: the
//! figures are the decisions' own.

use seam_acs_core::bulk::reconcile::{reconcile, Candidate};
use seam_acs_core::bulk::{Action, Outcome, Run, Status, Step};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};

/// The simulated server.
struct Server {
    /// Requests per second and bucket size.
    rate: f64,
    burst: f64,
    tokens: f64,
    refilled_at: u64,
    latency: u64,
    /// How long a 429 takes: at once, as the server does no work for it, unless it is busy.
    refused_latency: u64,
    /// How late the driver's timers fire, in ms (JS timers do).
    timers_late: u64,
    /// Per mille of processed creates whose connection resets before the answer.
    resets: u64,
    /// Per mille of requests answered 503 without being processed.
    unavailable: u64,
    random: u64,
    credentials: Vec<Value>,
    rate_limited: usize,
}

impl Server {
    fn new(rate: f64, burst: f64, resets: u64, unavailable: u64) -> Server {
        Server {
            rate,
            burst,
            tokens: burst,
            refilled_at: 0,
            latency: 40,
            refused_latency: 1,
            timers_late: 0,
            resets,
            unavailable,
            random: 0x2545_f491_4f6c_dd1d,
            credentials: Vec::new(),
            rate_limited: 0,
        }
    }

    fn roll(&mut self) -> u64 {
        // xorshift64: a fixed sequence, so every run of the test is the same.
        self.random ^= self.random << 13;
        self.random ^= self.random >> 7;
        self.random ^= self.random << 17;
        self.random % 1000
    }

    /// Takes a token, or says how many milliseconds until one is there.
    fn admit(&mut self, now: u64) -> Result<(), u64> {
        self.tokens = (self.tokens + (now - self.refilled_at) as f64 * self.rate / 1000.0).min(self.burst);
        self.refilled_at = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            Ok(())
        } else {
            self.rate_limited += 1;
            Err((((1.0 - self.tokens) * 1000.0 / self.rate).ceil() as u64).max(1))
        }
    }

    fn create(&mut self, params: &Value, now: u64) -> Outcome {
        if let Err(wait) = self.admit(now) {
            // Retry-After is in whole seconds.
            return Outcome::RateLimited {
                retry_after_ms: Some(wait.div_ceil(1000) * 1000),
            };
        }
        if self.roll() < self.unavailable {
            return Outcome::Unknown;
        }
        let id = format!("cred-{}", self.credentials.len());
        let mut credential = params.clone();
        credential["acs_credential_id"] = json!(id);
        credential["created_at"] = json!(iso(now));
        self.credentials.push(credential);
        if self.roll() < self.resets {
            Outcome::Unknown
        } else {
            Outcome::Ok { id: Some(id) }
        }
    }

    fn list(&mut self, user: &str, now: u64) -> Result<Vec<Value>, Outcome> {
        if let Err(wait) = self.admit(now) {
            return Err(Outcome::RateLimited {
                retry_after_ms: Some(wait.div_ceil(1000) * 1000),
            });
        }
        if self.roll() < self.unavailable {
            return Err(Outcome::Unknown);
        }
        Ok(self
            .credentials
            .iter()
            .filter(|c| c["acs_user_id"] == user)
            .cloned()
            .collect())
    }
}

/// Milliseconds since 2030-01-01 as an ISO date-time.
fn iso(ms: u64) -> String {
    let base = chrono::DateTime::parse_from_rfc3339("2030-01-01T00:00:00Z").unwrap();
    (base + chrono::Duration::milliseconds(ms as i64)).to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// Epoch milliseconds of the virtual clock's `ms`, as reconcile compares dates.
fn epoch(ms: u64) -> i64 {
    chrono::DateTime::parse_from_rfc3339(&iso(ms))
        .unwrap()
        .timestamp_millis()
}

fn items(n: usize) -> Vec<Value> {
    (0..n)
        .map(|i| json!({ "acs_user_id": format!("user-{}", i % 40), "access_method": "code", "code": format!("{:06}", 100_000 + i) }))
        .collect()
}

enum Event {
    Answer(usize, Outcome),
    Reconciled(usize, Result<seam_acs_core::bulk::reconcile::Match, Outcome>),
}

/// What a run did: its virtual duration and the statuses it ended with.
struct Ran {
    elapsed: u64,
    statuses: Vec<Status>,
    sends: usize,
}

/// Runs `run` over `items` against `server` from `start`, aborting once `abort_after`
/// items are settled.
fn drive(run: &mut Run, items: &[Value], server: &mut Server, start: u64, abort_after: Option<usize>) -> Ran {
    let mut now = start;
    let mut events: BTreeMap<(u64, u64), Event> = BTreeMap::new();
    let mut seq = 0;
    let mut sends = 0;
    let mut settled = 0;
    for _ in 0..1_000_000 {
        match run.next(now) {
            Step::Send(i) => {
                sends += 1;
                let outcome = server.create(&items[i], now);
                seq += 1;
                let latency = match outcome {
                    Outcome::RateLimited { .. } => server.refused_latency,
                    _ => server.latency,
                };
                events.insert((now + latency, seq), Event::Answer(i, outcome));
            }
            Step::Reconcile { item, sent_at } => {
                let params = &items[item];
                let found = server.list(params["acs_user_id"].as_str().unwrap(), now).map(|listed| {
                    let candidates: Vec<Candidate<&Value>> = listed
                        .iter()
                        .map(|credential| Candidate {
                            credential,
                            entrance_ids: None,
                        })
                        .collect();
                    reconcile(&params, epoch(sent_at), &candidates, &run.claimed())
                });
                seq += 1;
                events.insert((now + server.latency, seq), Event::Reconciled(item, found));
            }
            Step::Wait(ms) => {
                let next_event = events.keys().next().map(|(at, _)| *at);
                let wake = now.saturating_add(ms).saturating_add(server.timers_late);
                match next_event {
                    Some(at) if at <= wake => {
                        now = now.max(at);
                        let (_, event) = events.pop_first().unwrap();
                        match event {
                            Event::Answer(i, outcome) => run.answered(i, outcome, now),
                            Event::Reconciled(i, found) => run.reconciled(i, found, now),
                        }
                        if let Some(n) = abort_after {
                            settled = run
                                .statuses()
                                .iter()
                                .filter(|s| !matches!(s, Status::NotStarted))
                                .count();
                            if settled >= n {
                                run.abort();
                            }
                        }
                    }
                    _ => {
                        assert_ne!(ms, u64::MAX, "waiting for an answer that never comes");
                        now = wake;
                    }
                }
            }
            Step::Done => {
                assert!(events.is_empty(), "done with answers still in flight");
                return Ran {
                    elapsed: now - start,
                    statuses: run.statuses(),
                    sends,
                };
            }
        }
    }
    panic!("the run never ended ({settled} settled)")
}

/// How many credentials the server holds for each item (by its unique code).
fn copies(server: &Server, items: &[Value]) -> Vec<usize> {
    let mut made: HashMap<&Value, usize> = HashMap::new();
    for credential in &server.credentials {
        *made.entry(&credential["code"]).or_default() += 1;
    }
    items
        .iter()
        .map(|item| made.get(&item["code"]).copied().unwrap_or(0))
        .collect()
}

/// One pacing case: `n` creates, starting at the package's default concurrency (16),
/// against `server`. Prints and returns time ÷ ideal (`n / rate`) and the 429s.
fn paced(n: usize, mut server: Server) -> (f64, usize) {
    let items = items(n);
    let mut run = Run::new(Action::Create, n, 16, 16, None);
    let ran = drive(&mut run, &items, &mut server, 0, None);
    assert!(copies(&server, &items).iter().all(|n| *n <= 1), "a duplicate");
    let ratio = ran.elapsed as f64 / (n as f64 / server.rate * 1000.0);
    println!(
        "{n} creates at {}/s, bursts of {}, answers in {} ms (429s in {}), {}‰ faults, timers {} ms late: {ratio:.3} × ideal, {} × 429",
        server.rate, server.burst, server.latency, server.refused_latency, server.unavailable, server.timers_late, server.rate_limited
    );
    (ratio, server.rate_limited)
}

impl Server {
    fn answering_in(self, latency: u64) -> Server {
        Server { latency, ..self }
    }
}

/// Each 429 costs a second of `Retry-After` in which a small bucket refills to its size
/// only: the run must learn the rate from few of them, then stay just under it. A run's
/// first 429 and the one that ends its probe cost two seconds whatever it does, so the
/// 500/s case runs 10,000 items (1,000 take 2 s ideally).
#[test]
fn pacing_reaches_the_server_s_rate_with_few_429s() {
    let server = |rate, burst, latency| Server::new(rate, burst, 0, 0).answering_in(latency);
    let cases = [
        (1_000, server(60.0, 10.0, 2)),
        (10_000, server(60.0, 10.0, 2)),
        (1_000, server(50.0, 100.0, 40)),
        (10_000, server(500.0, 100.0, 2)),
        (300, server(10.0, 5.0, 2)),
        (1_000, Server::new(50.0, 100.0, 10, 10)),
        // Late timers, as JavaScript's are.
        (
            2_000,
            Server {
                timers_late: 2,
                ..server(200.0, 100.0, 5)
            },
        ),
        // Slow answers: many in flight when the bucket runs out; and a busy server that
        // answers its 429s as slowly as the rest, so that much was admitted, sent after the
        // first refused request, before its 429 came.
        (1_000, server(60.0, 10.0, 50)),
        (
            2_000,
            Server {
                timers_late: 2,
                ..server(200.0, 100.0, 50)
            },
        ),
        (
            1_000,
            Server {
                refused_latency: 150,
                ..server(60.0, 10.0, 150)
            },
        ),
    ];
    for (n, server) in cases {
        let label = format!(
            "{n} at {}/s, bursts of {}, {} ms",
            server.rate, server.burst, server.latency
        );
        let (ratio, rate_limited) = paced(n, server);
        assert!(ratio <= 1.15, "{label}: {ratio:.3} × ideal");
        // The first burst's refused requests (up to 16), then a few more.
        assert!(rate_limited <= 30, "{label}: {rate_limited} × 429");
    }
}

#[test]
fn a_thousand_creates_at_the_rate_limit_each_made_exactly_once() {
    let items = items(1_000);
    let mut server = Server::new(50.0, 100.0, 0, 0);
    let mut run = Run::new(Action::Create, items.len(), 8, 64, None);
    let ran = drive(&mut run, &items, &mut server, 0, None);
    assert!(copies(&server, &items).iter().all(|n| *n == 1));
    assert!(ran.statuses.iter().all(|s| matches!(s, Status::Done { id: Some(_) })));
    let ideal = items.len() as f64 / server.rate * 1000.0;
    let ratio = ran.elapsed as f64 / ideal;
    println!(
        "1,000 creates at 50/s: {ratio:.3} × ideal, {} × 429, {} sends",
        server.rate_limited, ran.sends
    );
    assert!(ratio <= 1.15, "{ratio:.3} × ideal");
    let progress = run.progress(ran.elapsed).expect("the finished run reports");
    assert_eq!(
        (progress.done, progress.failed, progress.pending, progress.in_flight),
        (1_000, 0, 0, 0)
    );
}

#[test]
fn under_heavy_faults_every_item_is_made_exactly_once_and_none_is_left_unknown() {
    let items = items(1_000);
    // 10 % of creates reset after the credential was made; 5 % of requests (lists too) get a
    // 503 without being processed.
    let mut server = Server::new(50.0, 100.0, 100, 50);
    let mut run = Run::new(Action::Create, items.len(), 8, 64, None);
    let ran = drive(&mut run, &items, &mut server, 0, None);
    println!(
        "1,000 creates with 10 % resets and 5 % 503s: {:.3} × ideal, {} sends, {} × 429",
        ran.elapsed as f64 / 20_000.0,
        ran.sends,
        server.rate_limited
    );
    assert!(
        ran.statuses.iter().all(|s| matches!(s, Status::Done { id: Some(_) })),
        "{:?}",
        ran.statuses
            .iter()
            .filter(|s| !matches!(s, Status::Done { .. }))
            .collect::<Vec<_>>()
    );
    assert!(copies(&server, &items).iter().all(|n| *n == 1));
    assert_eq!(server.credentials.len(), items.len(), "exactly one credential per item");
    // Each id is the credential the server made for that item.
    for (status, item) in ran.statuses.iter().zip(&items) {
        let Status::Done { id: Some(id) } = status else {
            unreachable!()
        };
        let made = server
            .credentials
            .iter()
            .find(|c| c["acs_credential_id"] == *id)
            .unwrap();
        assert_eq!(made["code"], item["code"]);
    }
    assert!(
        ran.sends > items.len() + 30,
        "the 503s were sent again after a reconcile found nothing"
    );
}

#[test]
fn a_create_is_reconciled_after_every_unknown_send_and_sent_at_most_three_times() {
    use seam_acs_core::bulk::reconcile::Match;
    use seam_acs_core::bulk::MAX_SENDS;
    let mut run = Run::new(Action::Create, 1, 4, 4, None);
    let mut now = 0;
    for send in 1..=MAX_SENDS {
        assert_eq!(run.next(now), Step::Send(0), "send {send}");
        run.answered(0, Outcome::Unknown, now + 30);
        now += 2_000;
        assert_eq!(
            run.next(now),
            Step::Reconcile {
                item: 0,
                sent_at: now - 2_000
            },
            "an unknown outcome is reconciled before anything is sent again"
        );
        // A 429 on the listing is tried again; it does not count.
        run.reconciled(0, Err(Outcome::RateLimited { retry_after_ms: None }), now + 30);
        now += 2_000;
        assert!(matches!(run.next(now), Step::Reconcile { item: 0, .. }));
        run.reconciled(0, Ok(Match::Nothing), now + 30);
        now += 2_000;
    }
    assert_eq!(run.next(now), Step::Done, "not sent a fourth time");
    assert_eq!(
        run.statuses(),
        vec![Status::Unknown { sent_at: now - 6_000 }],
        "left unknown, with when it was last sent"
    );
}

#[test]
fn a_run_aborted_halfway_and_resumed_ends_with_exactly_one_credential_per_item() {
    let items = items(1_000);
    let mut server = Server::new(50.0, 100.0, 10, 10);
    let mut first = Run::new(Action::Create, items.len(), 8, 64, None);
    let half = drive(&mut first, &items, &mut server, 0, Some(500));
    let not_started = half.statuses.iter().filter(|s| **s == Status::NotStarted).count();
    assert!(
        (400..600).contains(&not_started),
        "{not_started} not started when aborted"
    );
    assert!(half.statuses.iter().all(|s| !matches!(s, Status::Failed)));
    let mut resumed = Run::new(Action::Create, items.len(), 8, 64, Some(&half.statuses));
    let rest = drive(&mut resumed, &items, &mut server, half.elapsed + 60_000, None);
    assert!(rest
        .statuses
        .iter()
        .all(|s| matches!(s, Status::Done { id: Some(_) } | Status::Unknown { .. })));
    let copies = copies(&server, &items);
    let done = rest
        .statuses
        .iter()
        .filter(|s| matches!(s, Status::Done { .. }))
        .count();
    assert!(copies.iter().all(|n| *n <= 1), "a duplicate");
    assert_eq!(copies.iter().filter(|n| **n == 1).count(), done);
    println!(
        "aborted at {} settled, resumed: {done} done, {} sends after the resume",
        1_000 - not_started,
        rest.sends
    );
}

#[test]
fn deletes_take_404_as_done_and_resend_what_is_unknown() {
    let mut run = Run::new(Action::Delete, 3, 4, 4, None);
    assert_eq!(
        (run.next(0), run.next(0), run.next(0)),
        (Step::Send(0), Step::Send(1), Step::Send(2))
    );
    run.answered(0, Outcome::NotFound, 10);
    run.answered(1, Outcome::Unknown, 10);
    run.answered(2, Outcome::Ok { id: None }, 10);
    assert_eq!(
        run.next(2_000),
        Step::Send(1),
        "a delete whose outcome is unknown is sent again"
    );
    run.answered(1, Outcome::NotFound, 2_010);
    assert_eq!(run.next(2_010), Step::Done);
    assert_eq!(run.statuses(), vec![Status::Done { id: None }; 3]);
}

#[test]
fn refused_items_are_failed_and_never_sent() {
    let previous = [
        Status::Done { id: Some("c0".into()) },
        Status::NotStarted,
        Status::NotStarted,
    ];
    let mut run = Run::new(Action::Create, 3, 4, 4, Some(&previous));
    run.refuse(0);
    run.refuse(1);
    assert_eq!(run.next(0), Step::Send(2), "item 1 is not sent, item 0 was done");
    run.answered(2, Outcome::Ok { id: Some("c2".into()) }, 10);
    assert_eq!(run.next(10), Step::Done);
    assert_eq!(
        run.statuses(),
        vec![
            Status::Done { id: Some("c0".into()) },
            Status::Failed,
            Status::Done { id: Some("c2".into()) }
        ]
    );
    let progress = run.progress(10).unwrap();
    assert_eq!((progress.done, progress.failed, progress.pending), (2, 1, 0));
}

#[test]
fn an_aborted_run_gives_its_last_progress_once_nothing_is_in_flight() {
    let mut run = Run::new(Action::Create, 3, 4, 4, None);
    assert_eq!(run.next(0), Step::Send(0));
    assert!(run.progress(0).is_some(), "the first report");
    run.abort();
    assert_eq!(run.progress(10), None, "not due, and a send is in flight");
    run.answered(0, Outcome::Ok { id: Some("c0".into()) }, 20);
    assert_eq!(run.next(20), Step::Done);
    let last = run.progress(20).unwrap();
    assert_eq!((last.done, last.pending, last.in_flight), (1, 2, 0));
    assert_eq!(run.progress(30), None, "given once");
}

#[test]
fn an_ambiguous_reconcile_is_left_for_a_person() {
    use seam_acs_core::bulk::reconcile::Match;
    let mut run = Run::new(Action::Create, 2, 4, 4, None);
    assert_eq!(run.next(0), Step::Send(0));
    assert_eq!(run.next(0), Step::Send(1));
    run.answered(0, Outcome::Unknown, 30);
    run.answered(1, Outcome::Failed, 30);
    assert_eq!(run.next(1_100), Step::Reconcile { item: 0, sent_at: 0 });
    run.reconciled(0, Ok(Match::Ambiguous), 1_200);
    assert_eq!(run.next(1_200), Step::Done);
    assert_eq!(run.statuses(), vec![Status::Unknown { sent_at: 0 }, Status::Failed]);
    let progress = run.progress(1_200).unwrap();
    assert_eq!((progress.done, progress.failed, progress.pending), (0, 2, 0));
}

#[test]
fn an_error_is_an_outcome_by_what_it_says_of_the_request() {
    use seam_acs_core::error::{ApiError, ApiErrorKind};
    use seam_acs_core::SeamError;
    let api = |status, retry_after_ms| {
        SeamError::Api(Box::new(ApiError {
            kind: ApiErrorKind::Other,
            code: "x".into(),
            message: "m".into(),
            status,
            request_id: None,
            data: None,
            validation_errors: None,
            field_errors: vec![],
            retry_after_ms,
        }))
    };
    let parse = |status| SeamError::Parse {
        status,
        path: String::new(),
        message: String::new(),
    };
    let cases = [
        (
            api(429, Some(2_000)),
            Outcome::RateLimited {
                retry_after_ms: Some(2_000),
            },
        ),
        (parse(Some(429)), Outcome::RateLimited { retry_after_ms: None }),
        (api(404, None), Outcome::NotFound),
        (api(503, None), Outcome::Unknown),
        (parse(Some(502)), Outcome::Unknown),
        (parse(Some(200)), Outcome::Unknown),
        (SeamError::Network { message: String::new() }, Outcome::Unknown),
        (SeamError::Timeout { timeout_ms: 1 }, Outcome::Unknown),
        (api(400, None), Outcome::Failed),
        (api(500, None), Outcome::Failed),
        (parse(Some(404)), Outcome::Failed),
        (SeamError::Validation { issues: vec![] }, Outcome::Failed),
    ];
    for (error, outcome) in cases {
        assert_eq!(Outcome::of(&error), outcome, "{error:?}");
    }
}

#[test]
fn a_failed_attempt_s_outcome_crosses_by_name() {
    let failures = [
        Outcome::NotFound,
        Outcome::RateLimited {
            retry_after_ms: Some(1500),
        },
        Outcome::RateLimited { retry_after_ms: None },
        Outcome::Unknown,
        Outcome::Failed,
    ];
    for outcome in failures {
        let retry_after_ms = match outcome {
            Outcome::RateLimited { retry_after_ms } => retry_after_ms,
            _ => None,
        };
        assert_eq!(Outcome::named(Some(outcome.name()), retry_after_ms), outcome);
    }
    assert_eq!(Outcome::named(Some("gone"), None), Outcome::Failed);
    assert_eq!(Outcome::named(None, None), Outcome::Failed);
}

#[test]
fn the_rules_of_a_run_s_inputs_and_reports() {
    use seam_acs_core::bulk::{concurrency, item_issue, DEFAULT_CONCURRENCY};
    use seam_acs_core::{IssueCode, ValidationIssue};
    assert_eq!(concurrency(None), Ok(DEFAULT_CONCURRENCY));
    assert_eq!(concurrency(Some(256.0)), Ok(256));
    for bad in [0.0, 2.5, 257.0, f64::NAN] {
        assert_eq!(
            concurrency(Some(bad)).map_err(|issue| issue.path),
            Err("concurrency".to_owned()),
            "{bad}"
        );
    }
    let issue = |path: &str| ValidationIssue {
        path: path.to_owned(),
        code: IssueCode::Required,
        message: "m".into(),
    };
    assert_eq!(item_issue(3, issue("code")).path, "[3].code");
    assert_eq!(item_issue(3, issue("")).path, "[3]");
    assert_eq!(item_issue(3, issue("[0]")).path, "[3][0]");
    assert_eq!(Action::Delete.path(), "/acs/credentials/delete");
    let read = |action: Action, status, sent_at| action.status_from_report(status, Some("c".into()), sent_at);
    assert_eq!(
        read(Action::Create, "created", None),
        Some(Status::Done { id: Some("c".into()) })
    );
    assert_eq!(
        read(Action::Delete, "created", None),
        None,
        "a create's word in a delete report"
    );
    assert_eq!(
        read(Action::Create, "unknown", Some(42.0)),
        Some(Status::Unknown { sent_at: 42 })
    );
    assert_eq!(
        read(Action::Create, "unknown", None),
        None,
        "an unknown item must say when it was sent"
    );
    assert_eq!(read(Action::Create, "failed", None), Some(Status::NotStarted));
}

/// The local server's assign and unassign (tests/fake-seam/routes/credentials.mjs): which
/// user each credential is assigned to. An assign sets it (again: 200); an unassign naming a
/// user the credential is not assigned to is refused (400), one of a missing credential is a
/// 404. `faults` per mille of requests reset after being processed, as many get a 503.
struct Assignments {
    assigned: Vec<Option<String>>,
    faults: u64,
    random: u64,
    resets: usize,
}

impl Assignments {
    fn roll(&mut self) -> u64 {
        self.random ^= self.random << 13;
        self.random ^= self.random >> 7;
        self.random ^= self.random << 17;
        self.random % 1000
    }

    fn handle(&mut self, action: Action, item: &Value) -> Outcome {
        if self.roll() < self.faults {
            return Outcome::Unknown;
        }
        let Some(slot) = item["acs_credential_id"]
            .as_str()
            .and_then(|id| id.strip_prefix("cred-"))
            .and_then(|n| n.parse::<usize>().ok())
            .and_then(|n| self.assigned.get_mut(n))
        else {
            return Outcome::NotFound;
        };
        let user = item["acs_user_id"].as_str().map(str::to_owned);
        match action {
            Action::Assign => *slot = user,
            Action::Unassign if user.is_some() && *slot != user => return Outcome::Failed,
            Action::Unassign => *slot = None,
            other => panic!("{other:?}"),
        }
        if self.roll() < self.faults {
            self.resets += 1;
            return Outcome::Unknown;
        }
        Outcome::Ok {
            id: item["acs_credential_id"].as_str().map(str::to_owned),
        }
    }
}

/// Runs `action` over `items`, one request at a time, 10 ms each: the statuses and sends.
fn run_one_by_one(action: Action, items: &[Value], server: &mut Assignments) -> (Vec<Status>, usize) {
    let mut run = Run::new(action, items.len(), 1, 1, None);
    let (mut now, mut sends) = (0, 0);
    for _ in 0..100_000 {
        match run.next(now) {
            Step::Send(i) => {
                sends += 1;
                let outcome = server.handle(action, &items[i]);
                now += 10;
                run.answered(i, outcome, now);
            }
            Step::Wait(ms) => now += ms,
            Step::Reconcile { .. } => panic!("an idempotent action is never reconciled"),
            Step::Done => return (run.statuses(), sends),
        }
    }
    panic!("the run never ended")
}

#[test]
fn assign_and_unassign_resend_what_is_unknown_and_report_their_own_words() {
    let items: Vec<Value> = (0..500)
        .map(|i| json!({ "acs_credential_id": format!("cred-{i}"), "acs_user_id": format!("user-{}", i % 7) }))
        .collect();
    let mut server = Assignments {
        assigned: vec![None; items.len()],
        faults: 50,
        random: 0x2545_f491_4f6c_dd1d,
        resets: 0,
    };
    // Assign: a repeat is a success, so every unknown outcome is simply sent again.
    let (statuses, sends) = run_one_by_one(Action::Assign, &items, &mut server);
    assert!(statuses.iter().all(|s| matches!(s, Status::Done { id: Some(_) })));
    assert!(
        sends > items.len() + 20,
        "{sends} sends: the unknown ones were sent again"
    );
    for (i, item) in items.iter().enumerate() {
        assert_eq!(server.assigned[i].as_deref(), item["acs_user_id"].as_str());
    }
    // Unassign: a repeat after a send that went through (its answer lost) is refused, as
    // the credential is no longer that user's: unknown, not failed. Everything is unassigned.
    server.resets = 0;
    let (statuses, _) = run_one_by_one(Action::Unassign, &items, &mut server);
    assert!(server.assigned.iter().all(Option::is_none));
    let unknown = statuses.iter().filter(|s| matches!(s, Status::Unknown { .. })).count();
    assert!(statuses
        .iter()
        .all(|s| matches!(s, Status::Done { .. } | Status::Unknown { .. })));
    assert!(
        unknown > 0 && unknown <= server.resets,
        "{unknown} unknown, {} resets",
        server.resets
    );
    // An unassign of a credential that is not there is a failure, not "already done".
    let missing = [json!({ "acs_credential_id": "cred-9999", "acs_user_id": "user-0" })];
    let (statuses, _) = run_one_by_one(Action::Unassign, &missing, &mut Assignments { faults: 0, ..server });
    assert_eq!(statuses, vec![Status::Failed]);
}

#[test]
fn assign_and_unassign_items_are_their_endpoints_and_reports_name_them() {
    use seam_acs_core::validate::validate;
    let now = seam_acs_core::datetime::parse_date_time("2030-01-01T00:00:00Z").unwrap();
    let credential = "66666666-6666-6666-6666-666666666666";
    let user = "33333333-3333-3333-3333-333333333333";
    for (action, name, done) in [
        (Action::Assign, "assign", "assigned"),
        (Action::Unassign, "unassign", "unassigned"),
    ] {
        assert_eq!((action.name(), action.done_name()), (name, done));
        let endpoint = seam_acs_core::endpoint(action.path()).expect("in the endpoint table");
        assert_eq!(endpoint.path, ["/acs/credentials/", name].concat());
        let item = json!({ "acs_credential_id": credential, "acs_user_id": user });
        assert_eq!(validate(endpoint, &item, now), vec![]);
        let issues = validate(endpoint, &json!({ "acs_user_id": user }), now);
        assert_eq!(
            issues.iter().map(|i| i.path.as_str()).collect::<Vec<_>>(),
            ["acs_credential_id"]
        );
        assert_eq!(
            action.status_from_report(done, Some("c".into()), None),
            Some(Status::Done { id: Some("c".into()) })
        );
        assert_eq!(action.status_from_report("created", None, None), None);
        // Resumed: an unknown item is sent again, not reconciled.
        let previous = [Status::Unknown { sent_at: 5 }, Status::Done { id: None }];
        let mut run = Run::new(action, 2, 4, 4, Some(&previous));
        assert_eq!(run.next(10), Step::Send(0));
        run.abort();
        run.answered(0, Outcome::Ok { id: None }, 20);
        assert_eq!(run.next(20), Step::Done);
        assert_eq!(run.statuses(), vec![Status::Done { id: None }; 2]);
    }
}
