//! Paginated lists: the answers to `/acs/credentials/list` and `/acs/entrances/list`, fed
//! page after page (pages are separated by NUL bytes, which JSON text cannot hold) to a
//! `Pager`, then the last page again and again: no panic, `check` and `parse` agree, the
//! pager never hands out a cursor twice, and the listing always ends.
#![no_main]

mod common;

use common::{check_and_parse, Input};
use libfuzzer_sys::fuzz_target;
use seam_acs_core::endpoint;
use seam_acs_core::paging::{PageInfo, Pager, CURSOR_PARAM};
use seam_acs_core::response::{Output, RawResponse};
use seam_acs_core::validate::validate;
use serde_json::Value;
use std::collections::HashSet;

const MAX_PAGES: usize = 16;
const REPEATS: usize = 64;

fuzz_target!(|data: &[u8]| {
    let mut input = Input::new(data);
    let flags = input.u8();
    let first_cursor = (flags & 1 == 1).then(|| input.string());
    let status = if flags & 2 == 2 { input.u16() } else { 200 };
    let text = String::from_utf8_lossy(input.rest()).into_owned();
    let now = seam_acs_core::datetime::Timestamp::from_millis(0);

    for path in ["/acs/credentials/list", "/acs/entrances/list"] {
        let list = endpoint(path).expect("the endpoint exists");
        let mut pager = Pager::new(first_cursor.as_deref());
        let mut seen: HashSet<String> = first_cursor.iter().cloned().collect();
        let mut last: Option<(usize, Option<PageInfo>)> = None;
        for body in text.split('\0').take(MAX_PAGES) {
            let raw = RawResponse {
                status,
                request_id: None,
                retry_after: None,
                body,
            };
            let Some(output) = check_and_parse(list, &raw, now) else {
                break; // A failed page ends the listing with an error.
            };
            let Output::Many { items, pagination } = output else {
                panic!("a list read as {output:?}");
            };
            let page = pagination.as_ref().map(PageInfo::from);
            let was_done = pager.is_done();
            match pager.next_cursor(items.len(), page.as_ref()) {
                Some(cursor) => {
                    assert!(!was_done, "a finished listing went on");
                    assert!(!cursor.is_empty(), "an empty cursor");
                    assert!(seen.insert(cursor.clone()), "cursor {cursor:?} handed out twice");
                    assert!(!items.is_empty() && page.as_ref().is_some_and(|p| p.has_next_page));
                    // The next request is valid.
                    let params = serde_json::json!({ CURSOR_PARAM: cursor });
                    assert_eq!(params.get("page_cursor").and_then(Value::as_str), Some(cursor.as_str()));
                    let issues = validate(list, &params, now);
                    assert!(issues.is_empty(), "the next page's params are invalid: {issues:?}");
                }
                None => assert!(pager.is_done()),
            }
            last = Some((items.len(), page));
        }
        // A server stuck on its last page: the pager must not follow it.
        if let Some((count, page)) = last {
            for _ in 0..REPEATS {
                assert_eq!(
                    pager.next_cursor(count, page.as_ref()),
                    None,
                    "a repeated page was followed"
                );
            }
            assert!(pager.is_done());
        }
    }
});
