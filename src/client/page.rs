//! [`Page`] and [`List`]: one page of records, and the builder that fetches pages.

use std::collections::VecDeque;
use std::marker::PhantomData;

use futures_util::stream::{self, Stream};
use http::Method;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::{ApiRequest, Client};
use crate::{Error, Result};

/// The largest page Engage serves.
pub const MAX_PAGE_SIZE: u32 = 150;

/// One page of a collection: `{count, offset, limit, records}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Page<T> {
    /// The total number of records matching the request, as Engage reports it (the spec's
    /// `integer`: read as `i64`, so even a nonsensical negative count still decodes).
    #[serde(default)]
    pub count: i64,
    /// The index of the first record of this page.
    #[serde(default)]
    pub offset: i64,
    /// The page size that was asked for.
    #[serde(default)]
    pub limit: i64,
    /// The records of this page.
    pub records: Vec<T>,
}

/// A request for a collection: set filters, then [`send`](List::send) for one page or
/// [`stream`](List::stream) for every record.
///
/// Resource handlers return a `List` with their own filter methods, e.g.
/// `client.users().list().role_id(..)`.
#[must_use = "a List does nothing until you call send() or stream()"]
pub struct List<T> {
    client: Client,
    request: ApiRequest,
    offset: Option<u64>,
    limit: Option<u32>,
    _records: PhantomData<fn() -> T>,
}

impl<T> std::fmt::Debug for List<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("List")
            .field("path", &self.request.display_path())
            .field("query", &self.request.query)
            .field("offset", &self.offset)
            .field("limit", &self.limit)
            .finish()
    }
}

impl<T: DeserializeOwned + Send + 'static> List<T> {
    /// A `GET` of the collection at `segments`.
    pub(crate) fn new<I, S>(client: &Client, segments: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        List {
            client: client.clone(),
            request: ApiRequest::new(Method::GET, segments),
            offset: None,
            limit: None,
            _records: PhantomData,
        }
    }

    /// Sets a filter parameter.
    pub(crate) fn param(mut self, name: &str, value: impl ToString) -> Self {
        self.request.query.set(name, value);
        self
    }

    /// Sets a repeated filter parameter (`name[]=a&name[]=b`).
    #[allow(dead_code)]
    pub(crate) fn list_param<I, V>(mut self, name: &str, values: I) -> Self
    where
        I: IntoIterator<Item = V>,
        V: ToString,
    {
        self.request.query.set_list(name, values);
        self
    }

    /// The index of the first record to return (default 0).
    pub fn offset(mut self, offset: u64) -> Self {
        self.offset = Some(offset);
        self
    }

    /// The page size, 1 to 150 (Engage's default is 30). Checked when the request is sent.
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }

    fn checked_limit(&self) -> Result<Option<u32>> {
        match self.limit {
            Some(l) if !(1..=MAX_PAGE_SIZE).contains(&l) => Err(Error::invalid_argument(
                "limit",
                format!("must be between 1 and {MAX_PAGE_SIZE}, got {l}"),
            )),
            other => Ok(other),
        }
    }

    async fn fetch(&self, offset: Option<u64>, limit: Option<u32>) -> Result<Page<T>> {
        let mut request = self.request.clone();
        if let Some(offset) = offset {
            request.query.set("offset", offset);
        }
        if let Some(limit) = limit {
            request.query.set("limit", limit);
        }
        self.client.execute(request).await
    }

    /// Fetches one page.
    pub async fn send(self) -> Result<Page<T>> {
        let limit = self.checked_limit()?;
        self.fetch(self.offset, limit).await
    }

    /// Every record from [`offset`](List::offset) on, fetched lazily page by page (150 per page
    /// unless [`limit`](List::limit) says otherwise), holding one page in memory at a time.
    ///
    /// The stream ends after a page holding fewer records than the page size asked for (the
    /// last page), once `count` records have been seen, or when a page comes back empty. A
    /// server whose `count` overstates the collection, or that ignores `offset` and serves the
    /// same short page again and again, cannot keep it going. An error is yielded once and ends
    /// the stream.
    pub fn stream(self) -> impl Stream<Item = Result<T>> + Send + 'static {
        struct State<T> {
            list: List<T>,
            limit: Result<u32>,
            next_offset: u64,
            buffer: VecDeque<T>,
            done: bool,
        }
        let limit = self.checked_limit().map(|l| l.unwrap_or(MAX_PAGE_SIZE));
        let next_offset = self.offset.unwrap_or(0);
        let state = State {
            list: self,
            limit,
            next_offset,
            buffer: VecDeque::new(),
            done: false,
        };
        stream::unfold(state, |mut st| async move {
            loop {
                if let Some(record) = st.buffer.pop_front() {
                    return Some((Ok(record), st));
                }
                if st.done {
                    return None;
                }
                let limit = match &st.limit {
                    Ok(l) => *l,
                    Err(_) => {
                        st.done = true;
                        let err = std::mem::replace(&mut st.limit, Ok(0)).err()?;
                        return Some((Err(err), st));
                    }
                };
                match st.list.fetch(Some(st.next_offset), Some(limit)).await {
                    Err(e) => {
                        st.done = true;
                        return Some((Err(e), st));
                    }
                    Ok(page) => {
                        let received = page.records.len() as u64;
                        st.next_offset += received;
                        st.done = received == 0
                            || received < u64::from(limit)
                            || st.next_offset >= u64::try_from(page.count).unwrap_or(0);
                        st.buffer = page.records.into();
                    }
                }
            }
        })
    }
}
