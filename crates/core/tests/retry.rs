//! The retry decision: reads retry on transient failures, a create only after a 429.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails by panicking"
)]

use seam_acs_core::error::ApiError;
use seam_acs_core::retry::{decide, RetryPolicy};
use seam_acs_core::{endpoint, ApiErrorKind, Endpoint, SeamError};

fn status(code: u16) -> SeamError {
    SeamError::Api(Box::new(ApiError {
        kind: ApiErrorKind::Other,
        code: "x".into(),
        message: "x".into(),
        status: code,
        request_id: None,
        data: None,
        validation_errors: None,
        field_errors: vec![],
        retry_after_ms: None,
    }))
}

fn network() -> SeamError {
    SeamError::Network {
        message: "reset".into(),
    }
}

fn get() -> &'static Endpoint {
    endpoint("/acs/credentials/get").expect("endpoint")
}

fn create() -> &'static Endpoint {
    endpoint("/acs/credentials/create").expect("endpoint")
}

const POLICY: RetryPolicy = RetryPolicy {
    max_retries: 3,
    base_delay_ms: 100,
    max_delay_ms: 1_000,
    max_retry_after_ms: 10_000,
};

#[test]
fn reads_retry_transient_failures_with_growing_jittered_backoff() {
    for error in [status(429), status(502), status(503), status(504), network()] {
        assert_eq!(
            decide(get(), &error, None, 0, &POLICY, 0.0, None),
            Some(50),
            "{error:?}"
        );
    }
    assert_eq!(decide(get(), &status(503), None, 0, &POLICY, 0.999, None), Some(99));
    assert_eq!(decide(get(), &status(503), None, 1, &POLICY, 0.0, None), Some(100));
    assert_eq!(decide(get(), &status(503), None, 2, &POLICY, 0.0, None), Some(200));
    assert_eq!(
        decide(get(), &status(503), None, 3, &POLICY, 0.0, None),
        None,
        "max retries reached"
    );
    let capped = RetryPolicy {
        max_retries: 30,
        ..POLICY
    };
    assert_eq!(
        decide(get(), &status(503), None, 25, &capped, 0.0, None),
        Some(500),
        "capped at max_delay_ms"
    );
    assert_eq!(
        decide(get(), &status(503), None, 0, &POLICY, f64::NAN, None),
        Some(50),
        "bad jitter is ignored"
    );
}

#[test]
fn other_failures_are_never_retried() {
    for error in [
        status(400),
        status(401),
        status(404),
        status(500),
        SeamError::Timeout { timeout_ms: 10 },
        SeamError::Aborted,
        SeamError::Validation { issues: vec![] },
        SeamError::Parse {
            status: None,
            path: String::new(),
            message: String::new(),
        },
    ] {
        assert_eq!(decide(get(), &error, None, 0, &POLICY, 0.5, None), None, "{error:?}");
    }
}

#[test]
fn a_create_is_sent_again_only_after_a_429() {
    assert_eq!(
        decide(create(), &status(429), Some(1000), 0, &POLICY, 0.5, None),
        Some(1000)
    );
    for error in [status(502), status(503), status(504), network()] {
        assert_eq!(decide(create(), &error, None, 0, &POLICY, 0.5, None), None, "{error:?}");
    }
    for path in [
        "/acs/credentials/update",
        "/acs/credentials/delete",
        "/acs/credentials/assign",
        "/acs/credentials/unassign",
    ] {
        let mutation = endpoint(path).expect("endpoint");
        assert_eq!(
            decide(mutation, &network(), None, 0, &POLICY, 0.5, None),
            None,
            "{path}"
        );
        assert_eq!(
            decide(mutation, &status(429), None, 0, &POLICY, 0.0, None),
            Some(50),
            "{path}"
        );
    }
}

#[test]
fn retry_after_is_honoured_within_limits_and_the_deadline() {
    assert_eq!(
        decide(get(), &status(429), Some(1_000), 0, &POLICY, 0.0, None),
        Some(1_000)
    );
    assert_eq!(
        decide(get(), &status(503), Some(2_000), 0, &POLICY, 0.0, None),
        Some(2_000)
    );
    assert_eq!(
        decide(get(), &status(429), Some(60_000), 0, &POLICY, 0.0, None),
        None,
        "too long to wait"
    );
    assert_eq!(
        decide(get(), &status(429), Some(1_000), 0, &POLICY, 0.0, Some(900)),
        None,
        "past the timeout"
    );
    assert_eq!(
        decide(get(), &status(503), None, 0, &POLICY, 0.0, Some(5_000)),
        Some(50)
    );
}
