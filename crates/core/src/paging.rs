//! Walking a paginated list to its end, and being sure it ends.
//!
//! A server that repeats a cursor, or answers an empty page with `has_next_page: true`,
//! would make a naive loop run forever (and an admin console fetch forever). The
//! [`Pager`] stops on the first of: no next page, no cursor, an empty page, a cursor seen
//! before.

use crate::auth::Auth;
use crate::call::Call;
use crate::config::ClientConfig;
use crate::datetime::Timestamp;
use crate::endpoints::Endpoint;
use crate::error::SeamError;
use crate::models::Pagination;
use crate::node::Node;
use crate::prelude::*;
use serde::Deserialize;

/// What paging needs of a list answer's `pagination`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
pub struct PageInfo {
    #[serde(default)]
    pub has_next_page: bool,
    #[serde(default)]
    pub next_page_cursor: Option<String>,
}

impl PageInfo {
    /// Reads a page's `pagination` object; what is missing or of another type counts as
    /// absent (the answer's shape was checked already).
    pub fn read<N: Node>(pagination: &N) -> PageInfo {
        PageInfo {
            has_next_page: pagination
                .get("has_next_page")
                .and_then(|value| value.as_bool())
                .unwrap_or(false),
            next_page_cursor: pagination.get("next_page_cursor").and_then(|value| value.as_string()),
        }
    }
}

impl From<&Pagination> for PageInfo {
    fn from(pagination: &Pagination) -> Self {
        PageInfo {
            has_next_page: pagination.has_next_page.unwrap_or(false),
            next_page_cursor: pagination.next_page_cursor.as_option().cloned(),
        }
    }
}

/// Which cursor to fetch next, across the pages of one listing.
#[derive(Debug, Clone, Default)]
pub struct Pager {
    /// Every cursor handed out (or given by the caller). A list, not a set: a listing has
    /// few pages, each a network round trip, and a set would cost the wasm build ~3 KB.
    seen: Vec<String>,
    done: bool,
}

impl Pager {
    /// A pager for a listing that starts at `first_cursor` (the caller's `page_cursor`, if any).
    pub fn new(first_cursor: Option<&str>) -> Pager {
        Pager {
            seen: first_cursor.map(str::to_owned).into_iter().collect(),
            done: false,
        }
    }

    /// Takes in a page (how many items it had and its `pagination`) and returns the cursor
    /// of the page to fetch next, or `None` when the listing is over. After `None` it
    /// always returns `None`.
    pub fn next_cursor(&mut self, item_count: usize, page: Option<&PageInfo>) -> Option<String> {
        if self.done {
            return None;
        }
        let next = page
            .filter(|p| p.has_next_page && item_count > 0)
            .and_then(|p| p.next_page_cursor.as_ref())
            .filter(|cursor| !cursor.is_empty() && !self.seen.contains(cursor))
            .cloned();
        match &next {
            Some(cursor) => {
                self.seen.push(cursor.clone());
            }
            None => self.done = true,
        }
        next
    }

    pub fn is_done(&self) -> bool {
        self.done
    }
}

/// The parameter that asks a paginated list for a page.
pub const CURSOR_PARAM: &str = "page_cursor";

/// The pages of one listing, in order: the first as the caller's parameters ask for it,
/// then each cursor the [`Pager`] accepts. The transport makes each page's [`Call`], runs
/// it, and hands the page back with [`Pages::on_page`]; the cursor is put into the request
/// by [`crate::request::prepare_page`], so the parameters are never copied per page.
#[derive(Debug, Clone)]
pub struct Pages {
    pager: Pager,
    next: Next,
}

#[derive(Debug, Clone, PartialEq)]
enum Next {
    First,
    At(String),
    /// The listing is over, or a page is in flight (or failed, which ends the listing).
    Over,
}

impl Pages {
    /// The pages of a listing with `params` (whose `page_cursor`, if any, is the first).
    pub fn new<N: Node>(params: &N) -> Pages {
        let first = params.get(CURSOR_PARAM).and_then(|cursor| cursor.as_string());
        Pages {
            pager: Pager::new(first.as_deref()),
            next: Next::First,
        }
    }

    /// The call for the next page (or why it cannot be made: see [`Call::new`]), or `None`
    /// when the listing is over. Until [`Pages::on_page`] reports that page, there is no
    /// next one.
    pub fn next_call<N: Node>(
        &mut self,
        endpoint: &'static Endpoint,
        auth: &Auth,
        config: &ClientConfig,
        params: N,
        timeout_ms: u64,
        now: Timestamp,
    ) -> Option<Result<Call<N::Body>, SeamError>> {
        let cursor = match core::mem::replace(&mut self.next, Next::Over) {
            Next::Over => return None,
            Next::First => None,
            Next::At(cursor) => Some(cursor),
        };
        Some(Call::new(
            endpoint,
            auth,
            config,
            params,
            cursor.as_deref(),
            timeout_ms,
            now,
        ))
    }

    /// Takes in a page (its item count and `pagination`): the cursor of the next page, or
    /// `None` when this was the last.
    pub fn on_page(&mut self, item_count: usize, page: Option<&PageInfo>) -> Option<&str> {
        self.next = match self.pager.next_cursor(item_count, page) {
            Some(cursor) => Next::At(cursor),
            None => Next::Over,
        };
        match &self.next {
            Next::At(cursor) => Some(cursor),
            _ => None,
        }
    }

    /// Ends the listing: no further page is fetched, even after a page in flight comes in.
    pub fn stop(&mut self) {
        self.next = Next::Over;
        self.pager.done = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(has_next: bool, cursor: Option<&str>) -> PageInfo {
        PageInfo {
            has_next_page: has_next,
            next_page_cursor: cursor.map(str::to_owned),
        }
    }

    #[test]
    fn follows_cursors_until_the_last_page() {
        let mut pager = Pager::new(None);
        assert_eq!(
            pager.next_cursor(10, Some(&page(true, Some("a")))).as_deref(),
            Some("a")
        );
        assert_eq!(
            pager.next_cursor(10, Some(&page(true, Some("b")))).as_deref(),
            Some("b")
        );
        assert_eq!(pager.next_cursor(3, Some(&page(false, None))), None);
        assert!(pager.is_done());
        assert_eq!(pager.next_cursor(10, Some(&page(true, Some("c")))), None, "stays done");
    }

    #[test]
    fn stops_on_a_repeated_cursor_an_empty_page_or_a_missing_cursor() {
        let mut repeated = Pager::new(None);
        assert_eq!(
            repeated.next_cursor(5, Some(&page(true, Some("a")))).as_deref(),
            Some("a")
        );
        assert_eq!(repeated.next_cursor(5, Some(&page(true, Some("a")))), None);

        let mut caller_cursor = Pager::new(Some("start"));
        assert_eq!(caller_cursor.next_cursor(5, Some(&page(true, Some("start")))), None);

        let mut empty = Pager::new(None);
        assert_eq!(empty.next_cursor(0, Some(&page(true, Some("a")))), None);

        let mut no_cursor = Pager::new(None);
        assert_eq!(no_cursor.next_cursor(5, Some(&page(true, None))), None);
        let mut blank_cursor = Pager::new(None);
        assert_eq!(blank_cursor.next_cursor(5, Some(&page(true, Some("")))), None);
        let mut no_pagination = Pager::new(None);
        assert_eq!(no_pagination.next_cursor(5, None), None);
    }
}
