//! [`resource_handler!`]: the one way a REST handler is declared.
//!
//! A handler is a struct holding the [`Client`](crate::Client) (and, for a collection nested
//! under another record, that record's id), an accessor on `Client`, a private `call` helper
//! that builds every request under the handler's path, and any of the shared methods: `list`
//! (a paged [`List`](crate::List)), `list_all`, `get` and `delete` by id, and `get_singleton`
//! for a path that holds one object. Create, update, actions, filtered lists and deletes taking
//! parameters differ per resource and are written in an `impl` block next to the invocation,
//! each reaching its path through `self.call(..)`.

/// Declares a resource handler:
///
/// ```text
/// resource_handler! {
///     /// The `/tags` endpoints. Get one with [`Client::tags`].
///     Tags => tags, "tags", Tag, TagId, one "tag", many "tags", [list, get, delete]
/// }
/// ```
///
/// The three shapes a handler takes:
///
/// - **A collection** (above): `path` is the collection path after `/1.0` without its
///   leading slash (it may hold several segments, e.g. `"reply_assistant/entries"`); ids are
///   appended as one percent-encoded segment. A resource without ids (one only listed whole)
///   passes `()` as its id type.
/// - **A collection nested under another record**: the accessor names the parent id it
///   takes, and `path` holds one `{..}` segment where that id goes:
///   `UserSignatures => user_signatures(user: UserId), "users/{user}/signatures", ..`
///   gives `client.user_signatures(&user).get(&id)` at `/users/{user}/signatures/{id}`.
/// - **A singleton or a set of actions** (`/settings`, `/bots/engage`): `get_singleton`
///   reads the object at `path` itself; actions are written in the `impl` block with
///   `self.call(method, &["engage"])`. A handler may list no shared method at all (`[]`).
///
/// Every handler gets a private `call(method, tail)`: a [`Call`](crate::client::Call) to the
/// handler's path followed by the `tail` segments (`&[id.as_str(), "close"]`), parent id
/// filled in. The shared methods use it too, so a path is written once per handler.
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
        $handler:ident => $(#[$accessor_doc:meta])*
        $accessor:ident $(($parent:ident: $parent_ty:ty))?, $path:literal, $record:ty, $id:ty,
        one $one:literal, many $many:literal, [$($(#[$method_doc:meta])* $method:ident),* $(,)?]
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone)]
        pub struct $handler {
            pub(crate) client: $crate::client::Client,
            $($parent: $parent_ty,)?
        }

        impl $crate::client::Client {
            $crate::api::crud::documented! {
                [$(#[$accessor_doc])*]
                concat!("The `/", $path, "` endpoints (", $many, "): see [`", stringify!($handler), "`].");
                pub fn $accessor(&self $(, $parent: &$parent_ty)?) -> $handler {
                    $handler {
                        client: self.clone(),
                        $($parent: $parent.clone(),)?
                    }
                }
            }
        }

        impl $handler {
            /// The handler's path segments (parent id filled in), then `tail`.
            #[allow(dead_code)]
            fn segments<'a>(&'a self, tail: &[&'a str]) -> Vec<&'a str> {
                #[allow(unused_mut, unused_assignments)]
                let mut parent: Option<&str> = None;
                $(parent = Some(self.$parent.as_str());)?
                $crate::api::crud::segments($path, parent, tail)
            }

            /// A call to `method` on the handler's path followed by `tail`.
            #[allow(dead_code)]
            fn call<T>(&self, method: http::Method, tail: &[&str]) -> $crate::client::Call<T>
            where
                T: serde::de::DeserializeOwned + Send + 'static,
            {
                $crate::client::Call::new(&self.client, method, self.segments(tail))
            }

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
                $crate::client::List::new(&self.client, self.segments(&[]))
            }
        }
    };
    (list_all, $doc:tt, $path:literal, $record:ty, $id:ty, $one:literal, $many:literal) => {
        $crate::api::crud::documented! {
            $doc
            concat!("Lists all ", $many, " (`GET /", $path, "`).");
            pub async fn list(&self) -> $crate::Result<Vec<$record>> {
                self.call(http::Method::GET, &[]).send().await
            }
        }
    };
    (get, $doc:tt, $path:literal, $record:ty, $id:ty, $one:literal, $many:literal) => {
        $crate::api::crud::documented! {
            $doc
            concat!("Gets one ", $one, " (`GET /", $path, "/{id}`).");
            pub async fn get(&self, id: &$id) -> $crate::Result<$record> {
                self.call(http::Method::GET, &[id.as_str()]).send().await
            }
        }
    };
    (delete, $doc:tt, $path:literal, $record:ty, $id:ty, $one:literal, $many:literal) => {
        $crate::api::crud::documented! {
            $doc
            concat!("Deletes a ", $one, " and returns it (`DELETE /", $path, "/{id}`).");
            pub async fn delete(&self, id: &$id) -> $crate::Result<$record> {
                self.call(http::Method::DELETE, &[id.as_str()]).send().await
            }
        }
    };
    (get_singleton, $doc:tt, $path:literal, $record:ty, $id:ty, $one:literal, $many:literal) => {
        $crate::api::crud::documented! {
            $doc
            concat!("Gets the ", $one, " (`GET /", $path, "`).");
            pub async fn get(&self) -> $crate::Result<$record> {
                self.call(http::Method::GET, &[]).send().await
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

/// The segments of a handler's `path` (`"users/{user}/signatures"`), with its `{..}` segment
/// replaced by `parent`, followed by `tail`.
pub(crate) fn segments<'a>(path: &'a str, parent: Option<&'a str>, tail: &[&'a str]) -> Vec<&'a str> {
    path.split('/')
        .map(|segment| match parent {
            Some(parent) if segment.starts_with('{') => parent,
            _ => segment,
        })
        .chain(tail.iter().copied())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::segments;

    #[test]
    fn the_parent_fills_the_placeholder_and_the_tail_follows() {
        assert_eq!(segments("tags", None, &[]), ["tags"]);
        assert_eq!(segments("tags", None, &["t1"]), ["tags", "t1"]);
        assert_eq!(
            segments("reply_assistant/entries", None, &["e1", "x"]),
            ["reply_assistant", "entries", "e1", "x"]
        );
        assert_eq!(
            segments("users/{user}/signatures", Some("u/1"), &["s1"]),
            ["users", "u/1", "signatures", "s1"]
        );
        assert_eq!(
            segments("users/{user}/signatures", Some("u1"), &[]),
            ["users", "u1", "signatures"]
        );
    }
}
