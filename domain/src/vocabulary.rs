//! Closed vocabularies (a fixed set of values, each with a stable slug for URLs, forms and
//! the database, and a label for people), declared once by [`vocabulary!`].

/// Declares an enum whose values have a slug and a label, with `ALL`, `slug`, `label` and
/// `from_slug`; serde uses the slug.
#[macro_export]
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => ($slug:literal, $label:literal)),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $slug)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$(Self::$variant),+];

            /// The stable identifier used in URLs, forms and the database.
            pub fn slug(self) -> &'static str {
                match self { $(Self::$variant => $slug),+ }
            }

            /// What people call it.
            pub fn label(self) -> &'static str {
                match self { $(Self::$variant => $label),+ }
            }

            pub fn from_slug(slug: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|value| value.slug() == slug)
            }
        }
    };
}
