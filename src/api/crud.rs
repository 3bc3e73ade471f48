//! [`resource_handler!`]: the handler shape most resources share, declared once.
//!
//! A handler is a struct holding the [`Client`](crate::Client), an accessor on `Client`, and
//! any of three identical methods: `list` (a paged [`List`](crate::List)), `get` and `delete`
//! by id. Create and update differ per resource and stay hand-written next to the invocation.

/// Declares a resource handler:
///
/// ```text
/// resource_handler! {
///     /// The `/tags` endpoints. Get one with [`Client::tags`].
///     Tags => tags, "tags", Tag, TagId, one "tag", many "tags", [list, get, delete]
/// }
/// ```
///
/// `path` is the collection path after `/1.0` without its leading slash (it may hold several
/// segments, e.g. `"reply_assistant/entries"`); ids are appended as one percent-encoded segment.
macro_rules! resource_handler {
    (
        $(#[$meta:meta])*
        $handler:ident => $accessor:ident, $path:literal, $record:ty, $id:ty,
        one $one:literal, many $many:literal, [$($method:ident),* $(,)?]
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone)]
        pub struct $handler {
            client: $crate::client::Client,
        }

        impl $crate::client::Client {
            #[doc = concat!("The `/", $path, "` endpoints (", $many, "): see [`", stringify!($handler), "`].")]
            pub fn $accessor(&self) -> $handler {
                $handler { client: self.clone() }
            }
        }

        impl $handler {
            $($crate::api::crud::resource_method!($method, $path, $record, $id, $one, $many);)*
        }
    };
}
pub(crate) use resource_handler;

/// One of the shared methods of [`resource_handler!`].
macro_rules! resource_method {
    (list, $path:literal, $record:ty, $id:ty, $one:literal, $many:literal) => {
        #[doc = concat!("Lists ", $many, ", one page at a time or as a stream (`GET /", $path, "`).")]
        pub fn list(&self) -> $crate::client::List<$record> {
            $crate::client::List::new(&self.client, $path.split('/'))
        }
    };
    (get, $path:literal, $record:ty, $id:ty, $one:literal, $many:literal) => {
        #[doc = concat!("Gets one ", $one, " (`GET /", $path, "/{id}`).")]
        pub async fn get(&self, id: &$id) -> $crate::Result<$record> {
            $crate::api::crud::record_call(&self.client, http::Method::GET, $path, id.as_str())
                .send()
                .await
        }
    };
    (delete, $path:literal, $record:ty, $id:ty, $one:literal, $many:literal) => {
        #[doc = concat!("Deletes a ", $one, " and returns it (`DELETE /", $path, "/{id}`).")]
        pub async fn delete(&self, id: &$id) -> $crate::Result<$record> {
            $crate::api::crud::record_call(&self.client, http::Method::DELETE, $path, id.as_str())
                .send()
                .await
        }
    };
}
pub(crate) use resource_method;

/// A `Call` to `method` on the record `id` of the collection at `path` (e.g. `"tags"`).
pub(crate) fn record_call<T>(
    client: &crate::client::Client,
    method: http::Method,
    path: &str,
    id: &str,
) -> crate::client::Call<T>
where
    T: serde::de::DeserializeOwned + Send + 'static,
{
    crate::client::Call::new(client, method, path.split('/').chain([id]))
}

/// A `Call` to `method` on the collection at `path` (e.g. `"reply_assistant/entries"`).
pub(crate) fn collection_call<T>(
    client: &crate::client::Client,
    method: http::Method,
    path: &str,
) -> crate::client::Call<T>
where
    T: serde::de::DeserializeOwned + Send + 'static,
{
    crate::client::Call::new(client, method, path.split('/'))
}
