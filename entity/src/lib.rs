//! Database entities. Server-only: nothing here is compiled to WebAssembly.

/// Declares an entity's `Relation` enum from its foreign keys, each `Variant: Column ->
/// table` (a `belongs_to` the target's `id`), and `Related` for each one marked `related`
/// (an entity can be `Related` to another table once: two keys to one table name the join).
#[macro_export]
macro_rules! belongs_to {
    ($($variant:ident: $column:ident -> $target:ident $($related:ident)?),+ $(,)?) => {
        #[derive(Copy, Clone, Debug, EnumIter)]
        pub enum Relation {
            $($variant),+
        }

        impl RelationTrait for Relation {
            fn def(&self) -> RelationDef {
                match self {
                    $(Self::$variant => Entity::belongs_to(super::$target::Entity)
                        .from(Column::$column)
                        .to(super::$target::Column::Id)
                        .into()),+
                }
            }
        }

        $($crate::belongs_to!(@related $variant $target $($related)?);)+
    };
    (@related $variant:ident $target:ident related) => {
        impl Related<super::$target::Entity> for Entity {
            fn to() -> RelationDef {
                Relation::$variant.def()
            }
        }
    };
    (@related $variant:ident $target:ident) => {};
}

pub mod alert_delivery;
pub mod app_user;
pub mod application_message;
pub mod audit_event;
pub mod badge_revocation;
pub mod billing_details;
pub mod discount_code;
pub mod discount_code_plan;
pub mod email_opt_out;
pub mod email_outbox;
pub mod event;
pub mod event_registration;
pub mod form_refusal;
pub mod form_submission;
pub mod import_run;
pub mod institution;
pub mod invitation;
pub mod invoice;
pub mod invoice_line;
pub mod member_term;
pub mod need;
pub mod need_fill;
pub mod notification;
pub mod oews_wage;
pub mod offer;
pub mod one_time_token;
pub mod opening;
pub mod opening_interest;
pub mod org_member;
pub mod organisation;
pub mod partnership;
pub mod partnership_event;
pub mod partnership_message;
pub mod pay_row;
pub mod pay_submission;
pub mod placement;
pub mod placement_evaluation;
pub mod placement_hours;
pub mod placement_summary_sent;
pub mod plan;
pub mod program_claim;
pub mod program_completion;
pub mod published_pay_fact;
pub mod published_quarter;
pub mod published_shop_fact;
pub mod recovery_code;
pub mod report;
pub mod resource_article;
pub mod saved_path;
pub mod saved_program;
pub mod saved_search;
pub mod school_import_draft;
pub mod school_invite;
pub mod school_listing;
pub mod school_year_update;
pub mod second_factor;
pub mod session;
pub mod shop_block;
pub mod sign_in_challenge;
pub mod site_setting;
pub mod zip_centroid;
