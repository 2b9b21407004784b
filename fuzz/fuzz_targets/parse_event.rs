//! `parse_json::<AcsCredentialEvent>` (a webhook payload) on any text: no panic, the shape
//! check and the typed parse agree, and a parsed event writes back to JSON that reads as
//! the same event.
#![no_main]

mod common;

use common::parse_and_round_trip;
use libfuzzer_sys::fuzz_target;
use seam_acs_core::models::{AcsCredentialEvent, AcsCredentialEventType, EVENT_SHAPE};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Some(event) = parse_and_round_trip::<AcsCredentialEvent>(&EVENT_SHAPE, &text) {
        // An event type is kept verbatim, known or not.
        let kept = AcsCredentialEventType::from(event.event_type.as_str());
        assert_eq!(kept, event.event_type);
        if let AcsCredentialEventType::Unknown(other) = &event.event_type {
            assert!(!AcsCredentialEventType::KNOWN.contains(&other.as_str()));
        }
    }
});
