//! The two shapes every model is made of, written once.

/// A string enum that keeps values it does not know.
///
/// Seam adds enum values often (a new `external_type` with each integration); a client
/// that rejected them would break on a normal Monday. `KNOWN` lists the values of the
/// pinned contract, which request validation uses.
macro_rules! open_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $value:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
            /// A value the pinned contract does not list, kept verbatim.
            Unknown(String),
        }

        impl $name {
            /// Every value the pinned contract lists.
            pub const KNOWN: &'static [&'static str] = &[$($value),+];

            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $value,)+
                    Self::Unknown(other) => other,
                }
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $($value => Self::$variant,)+
                    other => Self::Unknown(other.to_owned()),
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
                struct Visitor;
                impl serde::de::Visitor<'_> for Visitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                        f.write_str("a string")
                    }
                    fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<$name, E> {
                        Ok($name::from(value))
                    }
                }
                deserializer.deserialize_str(Visitor)
            }
        }

        impl $crate::models::UnknownFields for $name {}
    };
}

/// A JSON object of the API: its modelled properties plus `extra`, every property this
/// version does not know, kept in order and written back unchanged.
///
/// The macro also lists the unknown properties by path ([`UnknownFields`]), which the
/// contract conformance test uses and a client can log.
///
/// [`UnknownFields`]: crate::models::UnknownFields
macro_rules! model {
    ($(#[$meta:meta])* pub struct $name:ident { $($(#[$fmeta:meta])* pub $field:ident: $ty:ty,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
        pub struct $name {
            $($(#[$fmeta])* pub $field: $ty,)*
            /// Properties the pinned contract does not list, kept and written back unchanged.
            #[serde(flatten)]
            pub extra: serde_json::Map<String, serde_json::Value>,
        }

        impl $crate::models::UnknownFields for $name {
            fn collect_unknown(&self, path: &str, out: &mut Vec<String>) {
                $(self.$field.collect_unknown(&$crate::models::unknown::child(path, stringify!($field)), out);)*
                out.extend(self.extra.keys().map(|key| $crate::models::unknown::child(path, key)));
            }
        }
    };
}
