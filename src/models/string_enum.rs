//! Helpers shared by the models: string enums that keep unknown values, and lenient decoders
//! for fields whose JSON type the spec and the live API disagree on.

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

#[cfg(test)]
mod tests {

    string_enum! {
        /// A test enum.
        Color { /// red
            Red = "red", }
    }

    #[test]
    fn unknown_values_round_trip() {
        let c: Color = serde_json::from_str("\"blue\"").unwrap();
        assert_eq!(c, Color::Other("blue".into()));
        assert_eq!(serde_json::to_string(&c).unwrap(), "\"blue\"");
        assert_eq!(Color::from("red"), Color::Red);
        assert_eq!(Color::Red.to_string(), "red");
    }
}
