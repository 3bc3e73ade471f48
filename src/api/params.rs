//! [`setters!`]: typed setter methods for request builders and lists, one line per parameter.

/// Declares setter methods on a request builder (or a `List<T>`), one per query parameter:
///
/// ```text
/// setters!(UpdateChannel {
///     /// The channel's name.
///     name: str = "name";
///     source_ids: ids<SourceId> = "source_ids";   // sends source_ids[]=..
/// });
/// ```
///
/// Builders that share fields (a create and its update) are listed together,
/// `setters!(CreateTag, UpdateTag { .. })`, and get the same setters. A setter no kind
/// fits (one that writes several keys per item) is written out after the fields in an
/// `@custom { .. }` block, which is copied into each builder's `impl`:
///
/// ```text
/// setters!(CreateTimeSheet, UpdateTimeSheet {
///     label: str = "label";
///     @custom {
///         /// The holidays ..
///         pub fn holidays<'a>(mut self, ..) -> Self { .. }
///     }
/// });
/// ```
///
/// Kinds: `str` (any `Into<String>`), `bool`, `int` (`i64`), `uint` (`u32`), `id<T>` (`&T`),
/// `ids<T>` (repeated `name[]`), `csv<T>` (ids joined by commas in one `name`), `values<T>` (repeated `name[]` of
/// `Display` values passed by value), `strs` (repeated `name[]` of strings), `value<T>` (any
/// `Display` type passed by value, e.g. a string enum), `secret` (a [`Secret`](crate::Secret),
/// exposed only on the wire).
macro_rules! setters {
    ($first:ty $(, $rest:ty)+ { $($body:tt)* }) => {
        $crate::api::params::setters!($first { $($body)* });
        $crate::api::params::setters!($($rest),+ { $($body)* });
    };
    (
        $builder:ty {
            $($(#[$m:meta])* $method:ident: $kind:ident $(<$t:ty>)? = $name:literal;)*
            $(@custom { $($custom:item)* })?
        }
    ) => {
        impl $builder {
            $($crate::api::params::setters!(@one [$(#[$m])*] $method $kind [$($t)?] $name);)*
            $($($custom)*)?
        }
    };
    (@one [$(#[$m:meta])*] $method:ident str [] $name:literal) => {
        $(#[$m])*
        pub fn $method(self, value: impl Into<String>) -> Self {
            self.param($name, value.into())
        }
    };
    (@one [$(#[$m:meta])*] $method:ident bool [] $name:literal) => {
        $(#[$m])*
        pub fn $method(self, value: bool) -> Self {
            self.param($name, value)
        }
    };
    (@one [$(#[$m:meta])*] $method:ident int [] $name:literal) => {
        $(#[$m])*
        pub fn $method(self, value: i64) -> Self {
            self.param($name, value)
        }
    };
    (@one [$(#[$m:meta])*] $method:ident uint [] $name:literal) => {
        $(#[$m])*
        pub fn $method(self, value: u32) -> Self {
            self.param($name, value)
        }
    };
    (@one [$(#[$m:meta])*] $method:ident id [$t:ty] $name:literal) => {
        $(#[$m])*
        pub fn $method(self, id: &$t) -> Self {
            self.param($name, id)
        }
    };
    (@one [$(#[$m:meta])*] $method:ident ids [$t:ty] $name:literal) => {
        $(#[$m])*
        pub fn $method<'a>(self, ids: impl IntoIterator<Item = &'a $t>) -> Self {
            self.list_param($name, ids)
        }
    };
    (@one [$(#[$m:meta])*] $method:ident csv [$t:ty] $name:literal) => {
        $(#[$m])*
        pub fn $method<'a>(self, ids: impl IntoIterator<Item = &'a $t>) -> Self {
            let joined = ids.into_iter().map(<$t>::as_str).collect::<Vec<_>>().join(",");
            self.param($name, joined)
        }
    };
    (@one [$(#[$m:meta])*] $method:ident values [$t:ty] $name:literal) => {
        $(#[$m])*
        pub fn $method(self, values: impl IntoIterator<Item = $t>) -> Self {
            self.list_param($name, values)
        }
    };
    (@one [$(#[$m:meta])*] $method:ident strs [] $name:literal) => {
        $(#[$m])*
        pub fn $method<I, S>(self, values: I) -> Self
        where
            I: IntoIterator<Item = S>,
            S: Into<String>,
        {
            self.list_param($name, values.into_iter().map(Into::into).collect::<Vec<String>>())
        }
    };
    (@one [$(#[$m:meta])*] $method:ident value [$t:ty] $name:literal) => {
        $(#[$m])*
        pub fn $method(self, value: $t) -> Self {
            self.param($name, value)
        }
    };
    (@one [$(#[$m:meta])*] $method:ident secret [] $name:literal) => {
        $(#[$m])*
        pub fn $method(self, value: &$crate::Secret) -> Self {
            self.param($name, value.expose())
        }
    };
}
pub(crate) use setters;
