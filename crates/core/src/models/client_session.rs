//! `client_session`: what `/client_sessions/get_or_create` returns for a publishable key.

use super::Nullable;
use crate::secret::Secret;

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
