//! `parse_json::<AcsCredential>` on any text, and the answer to `/acs/credentials/get` with
//! any status and body: no panic, `check` and `parse` agree, and a parsed credential
//! writes back to JSON that reads as the same credential.
#![no_main]

mod common;

use common::{check_and_parse, parse_and_round_trip, Input};
use libfuzzer_sys::fuzz_target;
use seam_acs_core::endpoint;
use seam_acs_core::models::{AcsCredential, CREDENTIAL_SHAPE};
use seam_acs_core::response::{Item, Output, RawResponse};

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        parse_and_round_trip::<AcsCredential>(&CREDENTIAL_SHAPE, text);
    }

    let mut input = Input::new(data);
    let status = input.u16();
    let body = String::from_utf8_lossy(input.rest());
    let get = endpoint("/acs/credentials/get").expect("the endpoint exists");
    let now = seam_acs_core::datetime::Timestamp::from_millis(0);
    for (status, body) in [
        (status, body.as_ref()),
        // The whole input as the credential of a 200, so a seed object reaches the model.
        (
            200,
            &format!("{{\"acs_credential\":{}}}", String::from_utf8_lossy(data)),
        ),
    ] {
        let raw = RawResponse {
            status,
            request_id: None,
            retry_after: None,
            body,
        };
        if let Some(output) = check_and_parse(get, &raw, now) {
            let Output::One(Item::Credential(credential)) = output else {
                panic!("a credential answer read as {output:?}");
            };
            // What a Rust caller gets writes back and reads as the same credential.
            let text = serde_json::to_string(&credential).expect("serializes");
            parse_and_round_trip::<AcsCredential>(&CREDENTIAL_SHAPE, &text).expect("a parsed credential reads back");
        }
    }
});
