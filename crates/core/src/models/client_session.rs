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
        pub device_count: Option<f64>,
        #[serde(default)]
        pub connected_account_ids: Vec<String>,
        #[serde(default)]
        pub connect_webview_ids: Vec<String>,
        #[serde(default)]
        pub user_identity_ids: Vec<String>,
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
        ("token", STR),
        ("workspace_id", STR),
        ("created_at", STR),
        ("expires_at", STR),
        ("user_identifier_key", NULL_STR),
        ("device_count", NUM),
        ("connected_account_ids", STRS),
        ("connect_webview_ids", STRS),
        ("user_identity_ids", STRS),
        ("user_identity_id", STR),
        ("customer_key", STR),
    ],
    required: &["client_session_id", "token", "workspace_id"],
});
