//! The `pagination` object of list responses.

use super::Nullable;
use crate::shape::kinds::*;
use crate::shape::{Object, Shape};

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

/// The shape of a [`Pagination`], for [`crate::shape::check`].
pub static PAGINATION_SHAPE: Shape = Shape::Object(&Object {
    fields: &[
        ("has_next_page", BOOL),
        ("next_page_cursor", NULL_STR),
        ("next_page_url", NULL_STR),
    ],
    required: &[],
    contract_required: &["has_next_page", "next_page_cursor", "next_page_url"],
});
