//! [`Call`]: one prepared REST call whose parameters a resource builder fills in.

use std::marker::PhantomData;

use http::Method;
use serde::de::DeserializeOwned;

use super::{ApiRequest, Client};
use crate::Result;

/// A prepared call returning a `T`. Resource builders wrap it and add typed parameter methods;
/// awaiting the builder (or calling `send`) performs the request.
#[must_use = "a request does nothing until it is sent or awaited"]
pub(crate) struct Call<T> {
    pub(crate) client: Client,
    pub(crate) request: ApiRequest,
    _output: PhantomData<fn() -> T>,
}

impl<T> std::fmt::Debug for Call<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Call")
            .field("method", &self.request.method)
            .field("path", &self.request.display_path())
            .field(
                "query_keys",
                &self
                    .request
                    .query
                    .0
                    .iter()
                    .map(|(k, _)| k.as_str())
                    .collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl<T: DeserializeOwned + Send + 'static> Call<T> {
    pub(crate) fn new<I, S>(client: &Client, method: Method, segments: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Call {
            client: client.clone(),
            request: ApiRequest::new(method, segments),
            _output: PhantomData,
        }
    }

    /// Sets `name=value`.
    pub(crate) fn param(mut self, name: &str, value: impl ToString) -> Self {
        self.request.query.set(name, value);
        self
    }

    /// Sets `name[]=a&name[]=b`.
    pub(crate) fn list_param<I, V>(mut self, name: &str, values: I) -> Self
    where
        I: IntoIterator<Item = V>,
        V: ToString,
    {
        self.request.query.set_list(name, values);
        self
    }

    /// Sends the request and decodes the answer.
    pub(crate) async fn send(self) -> Result<T> {
        self.client.execute(self.request).await
    }
}

/// Declares a public request builder around a [`Call`]: the struct, `send()`, `IntoFuture`,
/// and private `param` / `list_param` helpers for its setter methods.
macro_rules! request_builder {
    ($(#[$meta:meta])* $name:ident -> $output:ty) => {
        $(#[$meta])*
        #[derive(Debug)]
        #[must_use = "a request does nothing until it is sent or awaited"]
        pub struct $name {
            call: $crate::client::Call<$output>,
        }

        #[allow(dead_code)]
        impl $name {
            fn from_call(call: $crate::client::Call<$output>) -> Self {
                $name { call }
            }

            fn param(mut self, name: &str, value: impl ToString) -> Self {
                self.call = self.call.param(name, value);
                self
            }

            fn list_param<I, V>(mut self, name: &str, values: I) -> Self
            where
                I: IntoIterator<Item = V>,
                V: ToString,
            {
                self.call = self.call.list_param(name, values);
                self
            }

            /// Sends the request. Awaiting the builder does the same.
            pub async fn send(self) -> $crate::Result<$output> {
                self.call.send().await
            }
        }

        impl std::future::IntoFuture for $name {
            type Output = $crate::Result<$output>;
            type IntoFuture = std::pin::Pin<Box<dyn std::future::Future<Output = Self::Output> + Send>>;

            fn into_future(self) -> Self::IntoFuture {
                Box::pin(self.call.send())
            }
        }
    };
}
pub(crate) use request_builder;
