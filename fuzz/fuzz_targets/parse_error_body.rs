//! Error answers: any non-2xx status (400..=599) with any body and any `Retry-After` and
//! `seam-request-id` headers, read for any endpoint at any clock, then handed to
//! `retry::decide` with any numbers: no panic, a typed error that keeps the status and the
//! request id, and a retry decision within the policy and the time left.
#![no_main]

mod common;

use common::{check_and_parse, show, Input};
use libfuzzer_sys::fuzz_target;
use seam_acs_core::error::{ApiErrorKind, SeamError};
use seam_acs_core::response::{parse, RawResponse};
use seam_acs_core::retry::{decide, parse_retry_after, RetryPolicy};
use seam_acs_core::ENDPOINTS;

fuzz_target!(|data: &[u8]| {
    let mut input = Input::new(data);
    let status = 400 + input.u16() % 200;
    let endpoint = &ENDPOINTS[usize::from(input.u8()) % ENDPOINTS.len()];
    let now = input.clock();
    let request_id = input.maybe_string();
    let retry_after = input.maybe_string();
    let policy = RetryPolicy {
        max_retries: input.u32() % 16,
        base_delay_ms: input.u64(),
        max_delay_ms: input.u64(),
        max_retry_after_ms: input.u64(),
    };
    let retries_done = input.u32() % 20;
    let jitter = input.f64();
    let remaining_ms = input.bool().then(|| input.u64());
    let own_retry_after = input.bool().then(|| input.u64());
    let body = String::from_utf8_lossy(input.rest());

    if let Some(value) = &retry_after {
        let _ = parse_retry_after(value, now);
    }
    let raw = RawResponse {
        status,
        request_id: request_id.as_deref(),
        retry_after: retry_after.as_deref(),
        body: &body,
    };
    assert!(
        check_and_parse(endpoint, &raw, now).is_none(),
        "HTTP {status} read as a success"
    );
    let error = parse(endpoint, &raw, now).expect_err("an error status is an error");
    show(&error);

    let mut errors = vec![
        error.clone(),
        SeamError::Network {
            message: body.to_string(),
        },
        SeamError::Timeout {
            timeout_ms: policy.base_delay_ms,
        },
        SeamError::Aborted,
    ];
    match &error {
        SeamError::Api(api) => {
            assert_eq!(api.status, status);
            assert_eq!(api.kind == ApiErrorKind::Unauthorized, status == 401);
            if api.kind == ApiErrorKind::InvalidInput {
                assert_eq!(api.code, "invalid_input");
            }
            if let Some(id) = &request_id {
                assert_eq!(api.request_id.as_ref(), Some(id), "the header's request id wins");
            }
            assert_eq!(api.retry_after_ms, raw.retry_after_ms(now));
            assert!(api.field_errors.iter().all(|f| !f.messages.is_empty()));
            if api.validation_errors.is_none() {
                assert!(api.field_errors.is_empty(), "field errors without validation_errors");
            }
        }
        SeamError::Parse { status: Some(s), .. } => assert_eq!(*s, status),
        other => panic!("HTTP {status} read as {other:?}"),
    }
    // The same status without a body that could be read.
    errors.push(SeamError::Parse {
        status: Some(status),
        path: String::new(),
        message: String::new(),
    });

    let api_retry_after = match &error {
        SeamError::Api(api) => api.retry_after_ms,
        _ => None,
    };
    for error in &errors {
        for retry_after_ms in [api_retry_after, own_retry_after, None] {
            let Some(delay) = decide(
                endpoint,
                error,
                retry_after_ms,
                retries_done,
                &policy,
                jitter,
                remaining_ms,
            ) else {
                continue;
            };
            assert!(retries_done < policy.max_retries, "retried past max_retries");
            if let Some(left) = remaining_ms {
                assert!(delay < left, "a {delay} ms wait with {left} ms left");
            }
            match retry_after_ms {
                Some(wait) => assert!(delay == wait && wait <= policy.max_retry_after_ms),
                None => {
                    // Within the capped exponential (give or take f64 rounding, which only
                    // shows above 2^53 ms).
                    let cap = policy
                        .max_delay_ms
                        .min(policy.base_delay_ms.saturating_mul(1 << retries_done));
                    assert!(
                        delay as f64 <= cap as f64 * (1.0 + 1e-12),
                        "a {delay} ms backoff over {cap} ms"
                    );
                }
            }
            let retried_status = match error {
                SeamError::Api(api) => Some(api.status),
                SeamError::Parse { status, .. } => *status,
                SeamError::Network { .. } => None,
                other => panic!("{other:?} retried"),
            };
            // A mutation is only re-sent after a 429, which says it was not processed.
            if !endpoint.retry_safe {
                assert_eq!(retried_status, Some(429), "{} re-sent after {error:?}", endpoint.path);
            }
            if let Some(s) = retried_status {
                assert!(matches!(s, 429 | 502..=504), "retried after HTTP {s}");
            }
        }
    }
});
