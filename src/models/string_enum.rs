//! Helpers shared by the models: string enums that keep unknown values, and lenient decoders
//! for fields whose JSON type the spec and the live API disagree on.

use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;

/// Declares a string enum whose unknown values are kept in `Other(String)` and round-tripped.
///
/// Generates `as_str`, `Display`, `From<&str>`, `From<String>`, `Serialize` and `Deserialize`.
macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $value:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
            /// A value this version of the crate does not know, kept as sent.
            Other(String),
        }

        impl $name {
            /// The value as Engage spells it.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $value,)+
                    $name::Other(other) => other,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $($value => $name::$variant,)+
                    other => $name::Other(other.to_owned()),
                }
            }
        }

        impl From<String> for $name {
            fn from(value: String) -> Self {
                match $name::from(value.as_str()) {
                    $name::Other(_) => $name::Other(value),
                    known => known,
                }
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                String::deserialize(deserializer).map($name::from)
            }
        }
    };
}
pub(crate) use string_enum;

/// Decodes a boolean sent as `true`, `"true"`, `"1"`, `1`, ... (the spec types some flags as
/// strings in one schema and booleans in another); `null` gives `None`.
pub(crate) fn lenient_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    struct V;
    impl Visitor<'_> for V {
        type Value = Option<bool>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a boolean, or a string or number meaning one")
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
            Ok(Some(v))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(v != 0))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(v != 0))
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            match v.trim().to_ascii_lowercase().as_str() {
                "true" | "1" | "yes" | "on" => Ok(Some(true)),
                "false" | "0" | "no" | "off" => Ok(Some(false)),
                "" => Ok(None),
                _ => Err(E::invalid_value(de::Unexpected::Str(v), &self)),
            }
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
    }
    d.deserialize_any(V)
}

/// Decodes a string that may arrive as a JSON number (the bots endpoints declare `status` a
/// string; the Bots API guide shows `"status": 200`); `null` gives `None`.
pub(crate) fn string_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        S(String),
        U(u64),
        I(i64),
        F(f64),
    }
    Ok(Option::<Raw>::deserialize(d)?.map(|raw| match raw {
        Raw::S(s) => s,
        Raw::U(n) => n.to_string(),
        Raw::I(n) => n.to_string(),
        Raw::F(n) => n.to_string(),
    }))
}

/// Decodes `null` (or an absent field, with `#[serde(default)]`) as `T::default()`: Engage
/// sends either `null` or an empty list or map.
pub(crate) fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// Serde for an optional [`Secret`](crate::Secret) (a webhook's verify token): decoded from a
/// string, and encoded as the string itself so a model round-trips.
pub(crate) mod secret_opt {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::Secret;

    pub(crate) fn serialize<S: Serializer>(value: &Option<Secret>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(secret) => s.serialize_some(secret.expose()),
            None => s.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Secret>, D::Error> {
        Ok(Option::<String>::deserialize(d)?.map(Secret::new))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    string_enum! {
        /// A test enum.
        Color { /// red
            Red = "red", }
    }

    #[derive(Deserialize)]
    struct Flags {
        #[serde(default, deserialize_with = "lenient_bool")]
        b: Option<bool>,
        #[serde(default, deserialize_with = "string_or_number")]
        s: Option<String>,
    }

    #[test]
    fn unknown_values_round_trip() {
        let c: Color = serde_json::from_str("\"blue\"").unwrap();
        assert_eq!(c, Color::Other("blue".into()));
        assert_eq!(serde_json::to_string(&c).unwrap(), "\"blue\"");
        assert_eq!(Color::from("red"), Color::Red);
        assert_eq!(Color::Red.to_string(), "red");
    }

    #[test]
    fn lenient_fields() {
        for (json, b) in [
            (r#"{"b": "true"}"#, Some(true)),
            (r#"{"b": false}"#, Some(false)),
            (r#"{"b": null}"#, None),
            ("{}", None),
        ] {
            assert_eq!(serde_json::from_str::<Flags>(json).unwrap().b, b);
        }
        assert!(serde_json::from_str::<Flags>(r#"{"b": "maybe"}"#).is_err());
        assert_eq!(
            serde_json::from_str::<Flags>(r#"{"s": 200}"#)
                .unwrap()
                .s
                .as_deref(),
            Some("200")
        );
        assert_eq!(
            serde_json::from_str::<Flags>(r#"{"s": "ok"}"#)
                .unwrap()
                .s
                .as_deref(),
            Some("ok")
        );
    }
}
