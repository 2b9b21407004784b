//! The `pagination` object of list responses.

use super::Nullable;

model! {
    /// Where the next page is. [`crate::paging::Pager`] decides whether to fetch it.
    pub struct Pagination {
        /// Missing reads as `false`: no next page.
        #[serde(default)]
        pub has_next_page: bool,
        #[serde(default, skip_serializing_if = "Nullable::is_absent")]
        pub next_page_cursor: Nullable<String>,
        #[serde(default, skip_serializing_if = "Nullable::is_absent")]
        pub next_page_url: Nullable<String>,
    }
}
