//! Closed vocabularies (a fixed set of values, each with a stable slug for URLs, forms and
//! the database, and a label for people), declared once by [`vocabulary!`].

/// Declares an enum whose values have a slug and a label, with `ALL`, `slug`, `label` and
/// `from_slug`; serde uses the slug. Written `vocabulary! { stored Name { … } }`, the enum is
/// also a database column type (sea-orm's `ActiveEnum`, stored as its slug) when the `sea-orm`
/// feature is on, so entities hold the value itself and no slug is converted by hand.
#[macro_export]
macro_rules! vocabulary {
    (stored $(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => ($slug:literal, $label:literal)),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "sea-orm", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
        // Text, as the migrations declare these columns: the stored slugs stay as they were.
        #[cfg_attr(feature = "sea-orm", sea_orm(rs_type = "String", db_type = "Text"))]
        pub enum $name {
            $(
                $(#[$vmeta])*
                #[serde(rename = $slug)]
                #[cfg_attr(feature = "sea-orm", sea_orm(string_value = $slug))]
                $variant
            ),+
        }

        $crate::vocabulary!(@methods $name { $($variant => ($slug, $label)),+ });
    };
    (@methods $name:ident { $($variant:ident => ($slug:literal, $label:literal)),+ }) => {
        // The API's OpenAPI document lists the slugs, the one spelling of each value. Written
        // out rather than derived: a derive cannot read a `serde(rename)` made by a macro.
        #[cfg(feature = "openapi")]
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .enum_values(Some([$($slug),+]))
                    .into()
            }
        }

        #[cfg(feature = "openapi")]
        impl utoipa::ToSchema for $name {}

        impl $crate::vocabulary::Slugged for $name {
            fn slug(self) -> &'static str {
                $name::slug(self)
            }

            fn from_slug(slug: &str) -> Option<Self> {
                $name::from_slug(slug)
            }
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
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => ($slug:literal, $label:literal)),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $slug)] $variant),+
        }

        $crate::vocabulary!(@methods $name { $($variant => ($slug, $label)),+ });
    };
}

/// A value with a stable slug: every vocabulary, and `ProgramKind`.
pub trait Slugged: Sized + Copy {
    fn slug(self) -> &'static str;
    fn from_slug(slug: &str) -> Option<Self>;
}

/// Several values in one text column, as comma-separated slugs (`auto,heavy_truck`).
pub fn join_slugs<T: Slugged>(values: &[T]) -> String {
    values.iter().map(|value| value.slug()).collect::<Vec<_>>().join(",")
}

/// The values of a column written by [`join_slugs`]; a slug no longer known is skipped.
pub fn split_slugs<T: Slugged>(column: &str) -> Vec<T> {
    column.split(',').filter_map(T::from_slug).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ProgramKind, needs::NeedKind};

    #[test]
    fn a_list_of_slugs_reads_back_as_written() {
        let kinds = [ProgramKind::Auto, ProgramKind::HeavyTruck];
        assert_eq!(join_slugs(&kinds), "auto,heavy_truck");
        assert_eq!(split_slugs::<ProgramKind>("auto,heavy_truck"), kinds);
        assert_eq!(split_slugs::<ProgramKind>(""), Vec::new());
        let needs = [NeedKind::GuestSpeaker, NeedKind::ShopTour];
        assert_eq!(split_slugs::<NeedKind>(&join_slugs(&needs)), needs);
        assert_eq!(split_slugs::<NeedKind>("shop_tour,astronaut"), [NeedKind::ShopTour]);
    }
}
