//! [`model!`] declares a response model from its field list, and [`raw_map!`] a
//! model kept as a raw JSON map: the serde attributes, the redacted `Debug` and the
//! nesting impls are written once, here.

/// Declares a model struct: `#[derive(Clone, PartialEq, Serialize, Deserialize)]`,
/// `#[non_exhaustive]`, its redacted `Debug` (see
/// [`redacted_debug!`](super::redact::redacted_debug)) and the impls that let it nest
/// in other models: an `Option` of it reads as serde reads it (a wrong type fails the
/// parent), and a list of it skips `null` elements.
///
/// Each field is one of:
///
/// - `pub name: Type,` — read by its type's [`Lenient`](crate::lenient::Lenient)
///   reading and left out when absent (`None`, empty); `pub name: Type as "wireKey",`
///   names the wire key when it is not the Rust name (or the container's
///   `rename_all`);
/// - `#[with("read_fn")] pub name: Type,` (`as "wireKey"` allowed) — read by a
///   function of its own, a `deserialize_with` path, and otherwise like the above;
/// - `#[serde(…)] pub name: Type,` — serde attributes of its own, taken as written
///   (`flatten`, `skip`, a field always written);
/// - `#[required] pub name: Type,` — no attribute at all: serde's strict reading, the
///   field must be present.
///
/// Any field may start with `#[debug(view)]`, its view in the redacted `Debug`
/// (`hidden` or `numbers`, see [`redact`](super::redact)). Doc comments come first.
///
/// ```text
/// model! {
///     /// The result of the analyze-face call.
///     #[serde(rename_all = "camelCase")]
///     pub struct FaceAnalysis {
///         /// Lower bound of the estimated age.
///         #[debug(hidden)] pub min_age: Option<u64>,
///         /// Estimated gender.
///         pub gender: Option<String>,
///         /// Fields not modelled here, kept as sent.
///         #[serde(flatten)] pub extra: Extra,
///     }
/// }
/// ```
macro_rules! model {
    ($(#[$meta:meta])* $vis:vis struct $name:ident { $($body:tt)* }) => {
        $crate::model::define::model!(@field [$name $(#[$meta])* $vis struct $name] [] [] $($body)*);
    };
    // A field with its own serde attributes.
    (@field $head:tt [$($fields:tt)*] [$($debug:tt)*]
        $(#[doc = $doc:literal])* $(#[debug($view:ident)])? #[serde($($serde:tt)*)]
        $fvis:vis $field:ident : $ty:ty $(, $($rest:tt)*)?
    ) => {
        $crate::model::define::model!(@field $head
            [$($fields)* $(#[doc = $doc])* #[serde($($serde)*)] $fvis $field: $ty,]
            [$($debug)* $field $(: $view)?,] $($($rest)*)?);
    };
    // A field read strictly: no serde attribute.
    (@field $head:tt [$($fields:tt)*] [$($debug:tt)*]
        $(#[doc = $doc:literal])* $(#[debug($view:ident)])? #[required]
        $fvis:vis $field:ident : $ty:ty $(, $($rest:tt)*)?
    ) => {
        $crate::model::define::model!(@field $head [$($fields)* $(#[doc = $doc])* $fvis $field: $ty,]
            [$($debug)* $field $(: $view)?,] $($($rest)*)?);
    };
    // A field read by a function of its own, else like a lenient field.
    (@field $head:tt [$($fields:tt)*] [$($debug:tt)*]
        $(#[doc = $doc:literal])* $(#[debug($view:ident)])? #[with($with:literal)]
        $fvis:vis $field:ident : $ty:ty $(as $wire:literal)? $(, $($rest:tt)*)?
    ) => {
        $crate::model::define::model!(@field $head
            [$($fields)* $(#[doc = $doc])* #[serde(
                $(rename = $wire,)?
                default,
                deserialize_with = $with,
                skip_serializing_if = "crate::lenient::absent"
            )] $fvis $field: $ty,]
            [$($debug)* $field $(: $view)?,] $($($rest)*)?);
    };
    // A lenient field: read by its type's `Lenient` reading.
    (@field $head:tt $fields:tt $debug:tt
        $(#[doc = $doc:literal])* $(#[debug($view:ident)])?
        $fvis:vis $field:ident : $ty:ty $(as $wire:literal)? $(, $($rest:tt)*)?
    ) => {
        $crate::model::define::model!(@field $head $fields $debug
            $(#[doc = $doc])* $(#[debug($view)])? #[with("crate::lenient::de")]
            $fvis $field: $ty $(as $wire)? $(, $($rest)*)?);
    };
    (@field [$name:ident $($head:tt)*] [$($fields:tt)*] [$($debug:tt)*]) => {
        #[derive(Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        #[non_exhaustive]
        $($head)* { $($fields)* }

        $crate::model::redact::redacted_debug!($name { $($debug)* });

        /// Nested in an `Option`: serde's reading of the object.
        impl $crate::lenient::Optional for $name {
            fn deserialize_optional<'de, D: ::serde::Deserializer<'de>>(
                d: D,
            ) -> ::std::result::Result<::std::option::Option<Self>, D::Error> {
                <::std::option::Option<Self> as ::serde::Deserialize>::deserialize(d)
            }
        }

        /// Nested in a list of objects, where a `null` element is skipped.
        impl $crate::lenient::Item for $name {
            const SKIP_NULLS: bool = true;
        }
    };
}

/// Declares a newtype over a raw JSON map ([`Extra`](super::Extra)), kept as sent:
/// serialized as the map; `null` reads as an empty map, on its own, in a field or
/// as a list element; an empty map is absent from its parent; `Debug` shows it
/// through the `numbers` view. Comes with `as_map`, `is_empty` and `From<Extra>`.
macro_rules! raw_map {
    ($(#[$meta:meta])* $vis:vis struct $name:ident;) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Default, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(transparent)]
        $vis struct $name(#[serde(deserialize_with = "crate::lenient::de")] $crate::model::Extra);

        $crate::model::redact::redacted_debug!($name(numbers));

        impl $name {
            /// The raw map as sent.
            pub fn as_map(&self) -> &$crate::model::Extra {
                &self.0
            }

            /// Whether the map has no entries.
            pub fn is_empty(&self) -> bool {
                self.0.is_empty()
            }
        }

        impl ::std::convert::From<$crate::model::Extra> for $name {
            fn from(map: $crate::model::Extra) -> Self {
                Self(map)
            }
        }

        /// In a field: read as the map (`null` as empty), absent when empty.
        impl $crate::lenient::Lenient for $name {
            fn deserialize_lenient<'de, D: ::serde::Deserializer<'de>>(
                d: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::lenient::null_as_default(d)
            }

            fn is_absent(&self) -> bool {
                self.is_empty()
            }
        }

        /// In a list: a `null` element reads as an empty map.
        impl $crate::lenient::Item for $name {}
    };
}

pub(crate) use {model, raw_map};
