//! [`resource_handler!`]: the handler shape most resources share, declared once.
//!
//! A handler is a struct holding the [`Client`](crate::Client), an accessor on `Client`, and
//! any of three identical methods: `list` (a paged [`List`](crate::List)), `get` and `delete`
//! by id. Create, update, actions, filtered lists and deletes taking parameters differ per
//! resource and stay hand-written in an `impl` block next to the invocation.

/// Declares a resource handler:
///
/// ```text
/// resource_handler! {
///     /// The `/tags` endpoints. Get one with [`Client::tags`].
///     Tags => tags, "tags", Tag, TagId, one "tag", many "tags", [list, get, delete]
/// }
/// ```
///
/// A resource without ids (one only listed whole) passes `()` as its id type.
///
/// `path` is the collection path after `/1.0` without its leading slash (it may hold several
/// segments, e.g. `"reply_assistant/entries"`); ids are appended as one percent-encoded segment.
///
/// The accessor and each method get a generated doc comment. Doc comments written before the
/// accessor's name or a method's name replace the generated one, for resources that need to
/// say more (what the resource is, the order a list comes in, its filters):
///
/// ```text
/// resource_handler! {
///     /// The `/users` endpoints. Get one with [`Client::users`].
///     Users =>
///     /// Users (agents): list, get, create, invite, update, delete.
///     users, "users", User, UserId, one "user", many "users",
///     [
///         /// Lists users, newest first (`GET /users`).
///         list,
///         get,
///         delete,
///     ]
/// }
/// ```
///
/// The `client` field is `pub(crate)` so methods added to a handler in other modules (such as
/// `Users::video_readiness`) can reach it.
macro_rules! resource_handler {
    (
        $(#[$meta:meta])*
        $handler:ident => $(#[$accessor_doc:meta])* $accessor:ident, $path:literal, $record:ty, $id:ty,
        one $one:literal, many $many:literal, [$($(#[$method_doc:meta])* $method:ident),* $(,)?]
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone)]
        pub struct $handler {
            pub(crate) client: $crate::client::Client,
        }

        impl $crate::client::Client {
            $crate::api::crud::documented! {
                [$(#[$accessor_doc])*]
                concat!("The `/", $path, "` endpoints (", $many, "): see [`", stringify!($handler), "`].");
                pub fn $accessor(&self) -> $handler {
                    $handler { client: self.clone() }
                }
            }
        }

        impl $handler {
            $($crate::api::crud::resource_method!(
                $method, [$(#[$method_doc])*], $path, $record, $id, $one, $many
            );)*
        }
    };
}
pub(crate) use resource_handler;

/// One of the shared methods of [`resource_handler!`]; `$doc` holds the caller's doc
/// comments, if any, which replace the generated one.
macro_rules! resource_method {
    (list, $doc:tt, $path:literal, $record:ty, $id:ty, $one:literal, $many:literal) => {
        $crate::api::crud::documented! {
            $doc
            concat!("Lists ", $many, ", one page at a time or as a stream (`GET /", $path, "`).");
            pub fn list(&self) -> $crate::client::List<$record> {
                $crate::client::List::new(&self.client, $path.split('/'))
            }
        }
    };
    (list_all, $doc:tt, $path:literal, $record:ty, $id:ty, $one:literal, $many:literal) => {
        $crate::api::crud::documented! {
            $doc
            concat!("Lists all ", $many, " (`GET /", $path, "`).");
            pub async fn list(&self) -> $crate::Result<Vec<$record>> {
                $crate::api::crud::collection_call(&self.client, http::Method::GET, $path)
                    .send()
                    .await
            }
        }
    };
    (get, $doc:tt, $path:literal, $record:ty, $id:ty, $one:literal, $many:literal) => {
        $crate::api::crud::documented! {
            $doc
            concat!("Gets one ", $one, " (`GET /", $path, "/{id}`).");
            pub async fn get(&self, id: &$id) -> $crate::Result<$record> {
                $crate::api::crud::record_call(&self.client, http::Method::GET, $path, id.as_str())
                    .send()
                    .await
            }
        }
    };
    (delete, $doc:tt, $path:literal, $record:ty, $id:ty, $one:literal, $many:literal) => {
        $crate::api::crud::documented! {
            $doc
            concat!("Deletes a ", $one, " and returns it (`DELETE /", $path, "/{id}`).");
            pub async fn delete(&self, id: &$id) -> $crate::Result<$record> {
                $crate::api::crud::record_call(&self.client, http::Method::DELETE, $path, id.as_str())
                    .send()
                    .await
            }
        }
    };
}
pub(crate) use resource_method;

/// Emits an item with the caller's doc comments (`[#[doc = ..] ..]`) or, when there are none
/// (`[]`), with the generated `default` doc.
macro_rules! documented {
    ([] $default:expr; $($item:tt)*) => {
        #[doc = $default]
        $($item)*
    };
    ([$(#[$doc:meta])+] $default:expr; $($item:tt)*) => {
        $(#[$doc])+
        $($item)*
    };
}
pub(crate) use documented;

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
