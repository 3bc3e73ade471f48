//! [`setters!`]: typed setter methods for request builders and lists, one line per parameter.

use crate::models::Timestamp;

/// Declares setter methods on a request builder (or a `List<T>`), one per parameter:
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
/// `setters!(CreateTag, UpdateTag { .. })`, and get the same setters.
///
/// **Kinds** (what the setter takes, how it is sent):
///
/// | kind | takes | sends |
/// |---|---|---|
/// | `str` | `impl Into<String>` | `name=value` |
/// | `bool` | `bool` | `name=true` |
/// | `int` | `i64` | `name=value` |
/// | `uint` | `u32` | `name=value` |
/// | `id<T>` | `&T` | `name=id` |
/// | `value<T>` | a `Display` `T` by value (e.g. a string enum) | `name=value` |
/// | `secret` | a [`Secret`](crate::Secret) | `name=value`, exposed only on the wire |
/// | `time` | a [`Timestamp`] | `name=` RFC 3339 |
/// | `ids<T>` | `&T` items | `name[]=a&name[]=b` |
/// | `values<T>` | `Display` items by value | `name[]=a&name[]=b` |
/// | `strs` | `Into<String>` items | `name[]=a&name[]=b` |
/// | `csv<T>` | `&T` items | `name=a,b` (their `as_str`) |
/// | `objects<T>` / `object_refs<T>` | [`QueryObject`] items, by value / by reference | `name[][field]=..` per field, object after object |
/// | `form_str` / `form_json` | `impl Into<String>` / `&serde_json::Value` | `name=value` in a form body |
/// | `search` | `&SearchQuery` | `name=` the rendered query; fails before sending when it cannot be rendered |
///
/// **Keyed parameters.** A setter whose parameter name holds a key the caller picks (a custom
/// field, a channel, a source) names the key's type in brackets, and its `name` is a format
/// string whose `{}` is replaced by the key; the setter takes the key first:
///
/// ```text
/// setters!(UpdateIntervention {
///     custom_field[str]: str = "custom_field_values[{}]";          // .custom_field("tier", "gold")
///     custom_field_values[str]: strs = "custom_field_values[{}]";  // ..[tier][]=a&..[tier][]=b
/// });
/// ```
///
/// **Flags.** `role_flags!(setters, @flags CreateRole, UpdateRole;)` gives both builders a
/// `bool` setter per settable role flag, named and sent as the flag.
///
/// A setter no kind fits (one that calls other setters) is written out after the fields in
/// an `@custom { .. }` block, which is copied into each builder's `impl`.
macro_rules! setters {
    (
        @flags $($builder:ty),+;
        settable: [$(($flag:ident, $doc:literal)),+ $(,)?],
        read_only: [$($read_only:tt)*] $(,)?
    ) => {
        $crate::api::params::setters!($($builder),+ {
            $(#[doc = $doc] $flag: bool = stringify!($flag);)+
        });
    };
    ($first:ty $(, $rest:ty)+ { $($body:tt)* }) => {
        $crate::api::params::setters!($first { $($body)* });
        $crate::api::params::setters!($($rest),+ { $($body)* });
    };
    (
        $builder:ty {
            $($(#[$m:meta])* $method:ident $([$key:ty])?: $kind:ident $(<$t:ty>)? = $name:expr;)*
            $(@custom { $($custom:item)* })?
        }
    ) => {
        impl $builder {
            $($crate::api::params::setters!(@one [$(#[$m])*] $method $kind [$($t)?] [$($key)?] $name);)*
            $($($custom)*)?
        }
    };
    // The parameter's name: as declared, or with the key written into it.
    (@name $name:expr) => {
        $name
    };
    (@name $name:expr, $key:ident $k:ty) => {
        &format!($name, $key)
    };
    (@one [$(#[$m:meta])*] $method:ident str [] [$($k:ty)?] $name:expr) => {
        $(#[$m])*
        pub fn $method(self, $(key: &$k,)? value: impl Into<String>) -> Self {
            self.param($crate::api::params::setters!(@name $name $(, key $k)?), value.into())
        }
    };
    (@one [$(#[$m:meta])*] $method:ident bool [] [$($k:ty)?] $name:expr) => {
        $(#[$m])*
        pub fn $method(self, $(key: &$k,)? value: bool) -> Self {
            self.param($crate::api::params::setters!(@name $name $(, key $k)?), value)
        }
    };
    (@one [$(#[$m:meta])*] $method:ident int [] [$($k:ty)?] $name:expr) => {
        $(#[$m])*
        pub fn $method(self, $(key: &$k,)? value: i64) -> Self {
            self.param($crate::api::params::setters!(@name $name $(, key $k)?), value)
        }
    };
    (@one [$(#[$m:meta])*] $method:ident uint [] [$($k:ty)?] $name:expr) => {
        $(#[$m])*
        pub fn $method(self, $(key: &$k,)? value: u32) -> Self {
            self.param($crate::api::params::setters!(@name $name $(, key $k)?), value)
        }
    };
    (@one [$(#[$m:meta])*] $method:ident id [$t:ty] [$($k:ty)?] $name:expr) => {
        $(#[$m])*
        pub fn $method(self, $(key: &$k,)? id: &$t) -> Self {
            self.param($crate::api::params::setters!(@name $name $(, key $k)?), id)
        }
    };
    (@one [$(#[$m:meta])*] $method:ident value [$t:ty] [$($k:ty)?] $name:expr) => {
        $(#[$m])*
        pub fn $method(self, $(key: &$k,)? value: $t) -> Self {
            self.param($crate::api::params::setters!(@name $name $(, key $k)?), value)
        }
    };
    (@one [$(#[$m:meta])*] $method:ident secret [] [$($k:ty)?] $name:expr) => {
        $(#[$m])*
        pub fn $method(self, $(key: &$k,)? value: &$crate::Secret) -> Self {
            self.param($crate::api::params::setters!(@name $name $(, key $k)?), value.expose())
        }
    };
    (@one [$(#[$m:meta])*] $method:ident time [] [$($k:ty)?] $name:expr) => {
        $(#[$m])*
        pub fn $method(self, $(key: &$k,)? time: $crate::models::Timestamp) -> Self {
            self.param($crate::api::params::setters!(@name $name $(, key $k)?), $crate::api::params::rfc3339(time))
        }
    };
    (@one [$(#[$m:meta])*] $method:ident ids [$t:ty] [$($k:ty)?] $name:expr) => {
        $(#[$m])*
        pub fn $method<'a>(self, $(key: &$k,)? ids: impl IntoIterator<Item = &'a $t>) -> Self {
            self.list_param($crate::api::params::setters!(@name $name $(, key $k)?), ids)
        }
    };
    (@one [$(#[$m:meta])*] $method:ident values [$t:ty] [$($k:ty)?] $name:expr) => {
        $(#[$m])*
        pub fn $method(self, $(key: &$k,)? values: impl IntoIterator<Item = $t>) -> Self {
            self.list_param($crate::api::params::setters!(@name $name $(, key $k)?), values)
        }
    };
    (@one [$(#[$m:meta])*] $method:ident strs [] [$($k:ty)?] $name:expr) => {
        $(#[$m])*
        pub fn $method<I, S>(self, $(key: &$k,)? values: I) -> Self
        where
            I: IntoIterator<Item = S>,
            S: Into<String>, {
            self.list_param($crate::api::params::setters!(@name $name $(, key $k)?), values.into_iter().map(Into::into).collect::<Vec<String>>())
        }
    };
    (@one [$(#[$m:meta])*] $method:ident csv [$t:ty] [$($k:ty)?] $name:expr) => {
        $(#[$m])*
        pub fn $method<'a>(self, $(key: &$k,)? values: impl IntoIterator<Item = &'a $t>) -> Self {
            let joined = values.into_iter().map(<$t>::as_str).collect::<Vec<_>>().join(",");
            self.param($crate::api::params::setters!(@name $name $(, key $k)?), joined)
        }
    };
    (@one [$(#[$m:meta])*] $method:ident objects [$t:ty] [$($k:ty)?] $name:expr) => {
        $(#[$m])*
        pub fn $method(self, $(key: &$k,)? objects: impl IntoIterator<Item = $t>) -> Self {
            let mut this = self;
            let fields = objects.into_iter().map(|o| $crate::api::params::QueryObject::fields(&o));
            $crate::api::params::set_objects(&mut this.call.request.query.0, $crate::api::params::setters!(@name $name $(, key $k)?), fields);
            this
        }
    };
    (@one [$(#[$m:meta])*] $method:ident object_refs [$t:ty] [$($k:ty)?] $name:expr) => {
        $(#[$m])*
        pub fn $method<'a>(self, $(key: &$k,)? objects: impl IntoIterator<Item = &'a $t>) -> Self {
            let mut this = self;
            let fields = objects.into_iter().map($crate::api::params::QueryObject::fields);
            $crate::api::params::set_objects(&mut this.call.request.query.0, $crate::api::params::setters!(@name $name $(, key $k)?), fields);
            this
        }
    };
    (@one [$(#[$m:meta])*] $method:ident form_str [] [$($k:ty)?] $name:expr) => {
        $(#[$m])*
        pub fn $method(self, $(key: &$k,)? value: impl Into<String>) -> Self {
            let mut this = self;
            this.call = this.call.form_param($crate::api::params::setters!(@name $name $(, key $k)?), value.into());
            this
        }
    };
    (@one [$(#[$m:meta])*] $method:ident form_json [] [$($k:ty)?] $name:expr) => {
        $(#[$m])*
        pub fn $method(self, $(key: &$k,)? value: &serde_json::Value) -> Self {
            let mut this = self;
            this.call = this.call.form_param($crate::api::params::setters!(@name $name $(, key $k)?), value);
            this
        }
    };
    (@one [$(#[$m:meta])*] $method:ident search [] [$($k:ty)?] $name:expr) => {
        $(#[$m])*
        pub fn $method(self, $(key: &$k,)? query: &$crate::api::SearchQuery) -> $crate::Result<Self> {
            Ok(self.param($crate::api::params::setters!(@name $name $(, key $k)?), query.build()?))
        }
    };
}
pub(crate) use setters;

/// An object sent as one item of an array parameter (`name[][field]=value`): its fields in the
/// order Engage reads them. Fields that are `None` are left out.
pub(crate) trait QueryObject {
    /// The object's fields, in order.
    fn fields(&self) -> Vec<(&'static str, Option<String>)>;
}

/// Replaces the array of objects `name` in the query pairs `query`: each object's fields as
/// `name[][field]=value`, one object after the other, the way Rails reads an array of hashes
/// from a query string.
///
/// Rails adds a field to the last object unless that object already has it, in which case a
/// new object starts. So every object begins with a *leading* field that the one before it
/// has too, or an object missing a field the previous one lacked would be merged into it:
/// the leader is the first field (in declared order) that every object sets; when no field
/// is set by all of them, it is the first declared field, sent empty by objects without it.
pub(crate) fn set_objects<I>(query: &mut Vec<(String, String)>, name: &str, objects: I)
where
    I: IntoIterator<Item = Vec<(&'static str, Option<String>)>>,
{
    let prefix = format!("{name}[]");
    query.retain(|(k, _)| !k.starts_with(&prefix));
    let objects: Vec<_> = objects.into_iter().collect();
    let sets = |object: &[(&str, Option<String>)], field: &str| {
        object.iter().any(|(f, v)| *f == field && v.is_some())
    };
    let declared = objects.first().map(Vec::as_slice).unwrap_or_default();
    let leader = declared
        .iter()
        .map(|(f, _)| *f)
        .find(|f| objects.iter().all(|o| sets(o, f)))
        .or_else(|| declared.first().map(|(f, _)| *f));
    for object in objects {
        let value_of = |field| {
            object
                .iter()
                .find(|(f, _)| *f == field)
                .and_then(|(_, v)| v.clone())
        };
        if let Some(lead) = leader {
            query.push((format!("{prefix}[{lead}]"), value_of(lead).unwrap_or_default()));
        }
        for (field, value) in &object {
            if let (Some(value), false) = (value, Some(*field) == leader) {
                query.push((format!("{prefix}[{field}]"), value.clone()));
            }
        }
    }
}

/// `time` as RFC 3339 (`2024-01-01T00:00:00Z`), the form Engage's time parameters take.
/// Formatting fails only for years outside 0..=9999; those fall back to the default text.
pub(crate) fn rfc3339(time: Timestamp) -> String {
    time.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|_| time.to_string())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;

    use super::set_objects;

    /// Reads `name[][field]=value` pairs back the way Rails does: a field goes to the last
    /// object unless it already has that field, in which case a new object starts.
    fn rails_objects(query: &[(String, String)], name: &str) -> Vec<BTreeMap<String, String>> {
        let prefix = format!("{name}[][");
        let mut objects: Vec<BTreeMap<String, String>> = Vec::new();
        for (key, value) in query {
            let Some(field) = key.strip_prefix(&prefix).and_then(|k| k.strip_suffix(']')) else {
                continue;
            };
            match objects.last_mut() {
                Some(last) if !last.contains_key(field) => {
                    last.insert(field.to_owned(), value.clone());
                }
                _ => objects.push(BTreeMap::from([(field.to_owned(), value.clone())])),
            }
        }
        objects
    }

    const FIELDS: [&str; 3] = ["language", "name", "body"];

    proptest! {
        /// Whatever fields each object leaves out, Rails reads back the same objects: the
        /// fields set, plus the leading field sent empty only when no field is set by all.
        #[test]
        fn rails_reads_back_the_objects_sent(
            objects in proptest::collection::vec(
                proptest::array::uniform3(proptest::option::of("[a-z]{0,3}")),
                1..6,
            )
        ) {
            let fields = |o: &[Option<String>; 3]| -> Vec<(&'static str, Option<String>)> {
                FIELDS.iter().copied().zip(o.iter().cloned()).collect()
            };
            let mut query = vec![("signatures[][body]".to_owned(), "stale".to_owned())];
            set_objects(&mut query, "signatures", objects.iter().map(fields));
            let common = (0..3).any(|i| objects.iter().all(|o| o[i].is_some()));
            let expected: Vec<BTreeMap<String, String>> = objects
                .iter()
                .map(|o| {
                    let mut m: BTreeMap<String, String> = FIELDS
                        .iter()
                        .zip(o)
                        .filter_map(|(f, v)| Some((f.to_string(), v.clone()?)))
                        .collect();
                    if !common {
                        m.entry(FIELDS[0].to_owned()).or_default();
                    }
                    m
                })
                .collect();
            prop_assert_eq!(rails_objects(&query, "signatures"), expected);
        }
    }

    #[test]
    fn an_object_without_the_first_field_is_not_merged_into_the_one_before() {
        let mut query = Vec::new();
        set_objects(
            &mut query,
            "signatures",
            [
                vec![
                    ("language", None),
                    ("name", None),
                    ("body", Some("Regards".to_owned())),
                ],
                vec![
                    ("language", Some("fr".to_owned())),
                    ("name", None),
                    ("body", Some("Cordialement".to_owned())),
                ],
            ],
        );
        let pairs: Vec<(&str, &str)> = query.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(
            pairs,
            [
                ("signatures[][body]", "Regards"),
                ("signatures[][body]", "Cordialement"),
                ("signatures[][language]", "fr"),
            ]
        );
    }
}
