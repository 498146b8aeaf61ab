//! Database entities. Server-only: nothing here is compiled to WebAssembly.

pub mod app_user;
pub mod audit_event;
pub mod email_opt_out;
pub mod email_outbox;
pub mod form_submission;
pub mod import_run;
pub mod institution;
pub mod invitation;
pub mod membership;
pub mod need;
pub mod notification;
pub mod oews_wage;
pub mod offer;
pub mod one_time_token;
pub mod organisation;
pub mod partnership;
pub mod partnership_event;
pub mod partnership_message;
pub mod pay_row;
pub mod pay_submission;
pub mod program_completion;
pub mod saved_program;
pub mod session;
pub mod zip_centroid;
