//! `/content_threads`: list, read, close, reopen, archive and categorize conversations.

use http::Method;

use super::crud::resource_handler;
use crate::api::operations::operations;
use crate::models::{CategoryId, Thread, ThreadId};
use crate::Result;

operations![
    ("getAllThreads", "GET", "/content_threads", "Threads::list"),
    ("getThread", "GET", "/content_threads/{threadId}", "Threads::get"),
    (
        "closeThread",
        "PUT",
        "/content_threads/{threadId}/close",
        "Threads::close"
    ),
    (
        "openThread",
        "GET",
        "/content_threads/{threadId}/open",
        "Threads::open"
    ),
    (
        "archiveThread",
        "PUT",
        "/content_threads/{threadId}/ignore",
        "Threads::archive"
    ),
    (
        "categorizeThread",
        "PUT",
        "/content_threads/{threadId}/update_categories",
        "Threads::update_categories"
    ),
    (
        "disableThreadTextInput",
        "PUT",
        "/content_threads/{threadId}/disable_text_input",
        "Threads::disable_text_input"
    ),
    (
        "enableThreadTextInput",
        "PUT",
        "/content_threads/{threadId}/enable_text_input",
        "Threads::enable_text_input"
    ),
];

resource_handler! {
    /// The `/content_threads` endpoints. Get one with [`Client::threads`](crate::Client::threads).
    Threads =>
    /// Threads (conversations): list, get, close, open, archive, categorize, text input.
    threads, "content_threads", Thread, ThreadId, one "thread", many "threads",
    [
        /// Lists threads, most recently active first (`GET /content_threads`); filter with
        /// [`q`](crate::List::<Thread>::q).
        list,
        get,
    ]
}

impl Threads {
    /// Closes a thread (`PUT /content_threads/{id}/close`). Closing is asynchronous: the
    /// returned thread may still say `closed: false`.
    pub async fn close(&self, id: &ThreadId) -> Result<Thread> {
        self.call(Method::PUT, &[id.as_str(), "close"]).send().await
    }

    /// Reopens a closed thread (`/content_threads/{id}/open`).
    ///
    /// The spec declares this state-changing call as a `GET` (every other state change of a
    /// thread is a `PUT`); the crate follows the spec. A `GET` is retried on 5xx like any
    /// idempotent call, which is harmless here since reopening twice is a no-op.
    pub async fn open(&self, id: &ThreadId) -> Result<Thread> {
        self.call(Method::GET, &[id.as_str(), "open"]).send().await
    }

    /// Archives (ignores) a thread (`PUT /content_threads/{id}/ignore`).
    pub async fn archive(&self, id: &ThreadId) -> Result<Thread> {
        self.call(Method::PUT, &[id.as_str(), "ignore"]).send().await
    }

    /// Replaces the thread's own categories (`PUT /content_threads/{id}/update_categories`
    /// with `thread_category_ids[]`): how a conversation moves from a bot's category to the
    /// agents'. An empty list removes them all.
    pub async fn update_categories<'a>(
        &self,
        id: &ThreadId,
        thread_category_ids: impl IntoIterator<Item = &'a CategoryId>,
    ) -> Result<Thread> {
        self.call(Method::PUT, &[id.as_str(), "update_categories"])
            .list_param("thread_category_ids", thread_category_ids)
            .send()
            .await
    }

    /// Engage Messaging: stops the customer from typing (`PUT .../disable_text_input`).
    pub async fn disable_text_input(&self, id: &ThreadId) -> Result<Thread> {
        self.call(Method::PUT, &[id.as_str(), "disable_text_input"])
            .send()
            .await
    }

    /// Engage Messaging: lets the customer type again (`PUT .../enable_text_input`).
    pub async fn enable_text_input(&self, id: &ThreadId) -> Result<Thread> {
        self.call(Method::PUT, &[id.as_str(), "enable_text_input"])
            .send()
            .await
    }
}
