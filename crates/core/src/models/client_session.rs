//! `client_session`: what `/client_sessions/get_or_create` returns for a publishable key.

use super::Nullable;
use crate::secret::Secret;
use crate::shape::kinds::*;
use crate::shape::{Object, Shape};

model! {
    /// A client session. Its `token` is a [`Secret`], so `Debug` never prints it.
    pub struct ClientSession {
        pub client_session_id: String,
        pub token: Secret,
        pub workspace_id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub created_at: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub expires_at: Option<String>,
        #[serde(default, skip_serializing_if = "Nullable::is_absent")]
        pub user_identifier_key: Nullable<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub device_count: Option<serde_json::Number>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub connected_account_ids: Option<Vec<String>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub connect_webview_ids: Option<Vec<String>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub user_identity_ids: Option<Vec<String>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub user_identity_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub customer_key: Option<String>,
    }
}

impl super::UnknownFields for Secret {}

/// The shape of a [`ClientSession`], for [`crate::shape::check`].
pub static CLIENT_SESSION_SHAPE: Shape = Shape::Object(&Object {
    fields: &[
        ("client_session_id", STR),
        ("connect_webview_ids", STRS),
        ("connected_account_ids", STRS),
        ("created_at", STR),
        ("customer_key", STR),
        ("device_count", NUM),
        ("expires_at", STR),
        ("token", STR),
        ("user_identifier_key", NULL_STR),
        ("user_identity_id", STR),
        ("user_identity_ids", STRS),
        ("workspace_id", STR),
    ],
    required: &["client_session_id", "token", "workspace_id"],
    contract_required: &[
        "client_session_id",
        "connect_webview_ids",
        "connected_account_ids",
        "created_at",
        "device_count",
        "expires_at",
        "token",
        "user_identifier_key",
        "user_identity_ids",
        "workspace_id",
    ],
});
