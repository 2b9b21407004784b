//! The `acs_credential.*` events, as a webhook receiver gets them.

use crate::prelude::*;
use crate::shape::kinds::*;
use crate::shape::{Object, Shape};
open_enum! {
    /// What happened to the credential.
    AcsCredentialEventType {
        Deleted = "acs_credential.deleted",
        Issued = "acs_credential.issued",
        Reissued = "acs_credential.reissued",
        Invalidated = "acs_credential.invalidated",
    }
}

model! {
    /// An event about a credential. Another event type parses too (as
    /// [`AcsCredentialEventType::Unknown`]) as long as it names a credential.
    pub struct AcsCredentialEvent {
        pub event_id: String,
        pub event_type: AcsCredentialEventType,
        pub acs_credential_id: String,
        pub workspace_id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub acs_system_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub connected_account_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub created_at: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub occurred_at: Option<String>,
    }
}

/// The shape of an [`AcsCredentialEvent`], for [`crate::shape::check`].
pub static EVENT_SHAPE: Shape = Shape::Object(&Object {
    fields: &[
        ("acs_credential_id", &STR, REQUIRED),
        ("acs_system_id", &STR, NOT_NULL),
        ("connected_account_id", &STR, NOT_NULL),
        ("created_at", &STR, NOT_NULL),
        ("event_id", &STR, REQUIRED),
        ("event_type", &STR, REQUIRED),
        ("occurred_at", &STR, NOT_NULL),
        ("workspace_id", &STR, REQUIRED),
    ],
});
