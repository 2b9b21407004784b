//! The answers to `/acs/credentials/list_accessible_entrances` (an unpaginated list) and
//! `/acs/entrances/get` (one entrance), and `parse_json::<AcsEntrance>`: no panic, `check`
//! and `parse` agree, and what parses writes back to JSON that reads the same.
#![no_main]

mod common;

use common::{check_and_parse, parse_and_round_trip, Input};
use libfuzzer_sys::fuzz_target;
use seam_acs_core::endpoint;
use seam_acs_core::models::{AcsEntrance, ENTRANCE_SHAPE};
use seam_acs_core::response::{Item, Items, Output, RawResponse};

fuzz_target!(|data: &[u8]| {
    let whole = String::from_utf8_lossy(data);
    parse_and_round_trip::<AcsEntrance>(&ENTRANCE_SHAPE, &whole);

    let mut input = Input::new(data);
    let status = input.u16();
    let body = String::from_utf8_lossy(input.rest());
    let now = seam_acs_core::datetime::Timestamp::from_millis(0);
    let list = endpoint("/acs/credentials/list_accessible_entrances").expect("the endpoint exists");
    let get = endpoint("/acs/entrances/get").expect("the endpoint exists");
    let as_list = format!("{{\"acs_entrances\":[{whole}],\"ok\":true}}");
    let as_one = format!("{{\"acs_entrance\":{whole},\"ok\":true}}");

    let mut entrances = Vec::new();
    for (status, body) in [(status, body.as_ref()), (200, as_list.as_str())] {
        let raw = RawResponse {
            status,
            request_id: None,
            retry_after: None,
            body,
        };
        match check_and_parse(list, &raw, now) {
            Some(Output::Many {
                items: Items::Entrances(items),
                pagination,
            }) => {
                assert!(pagination.is_none(), "an unpaginated list has no pagination");
                entrances.extend(items);
            }
            Some(other) => panic!("an entrance list read as {other:?}"),
            None => {}
        }
    }
    for (status, body) in [(status, body.as_ref()), (200, as_one.as_str())] {
        let raw = RawResponse {
            status,
            request_id: None,
            retry_after: None,
            body,
        };
        match check_and_parse(get, &raw, now) {
            Some(Output::One(Item::Entrance(entrance))) => entrances.push(entrance),
            Some(other) => panic!("an entrance read as {other:?}"),
            None => {}
        }
    }
    for entrance in entrances {
        let text = serde_json::to_string(&entrance).expect("serializes");
        parse_and_round_trip::<AcsEntrance>(&ENTRANCE_SHAPE, &text).expect("a parsed entrance reads back");
    }
});
