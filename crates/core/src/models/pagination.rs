//! The `pagination` object of list responses.

use super::Nullable;

model! {
    /// Where the next page is. [`crate::paging::Pager`] decides whether to fetch it.
    pub struct Pagination {
        /// Missing means no next page.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub has_next_page: Option<bool>,
        #[serde(default, skip_serializing_if = "Nullable::is_absent")]
        pub next_page_cursor: Nullable<String>,
        #[serde(default, skip_serializing_if = "Nullable::is_absent")]
        pub next_page_url: Nullable<String>,
    }
}
