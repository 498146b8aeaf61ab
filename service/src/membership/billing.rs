//! The operator's billing details: who invoices are paid to and how. Admins set them; no
//! invoice is issued until they exist, and each invoice keeps a copy as it was when issued.
use chrono::{DateTime, Utc};
use domain::billing::Payee;
use entity::billing_details;
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, IntoActiveModel, sea_query::OnConflict,
};

use crate::{
    accounts::email::Email,
    authz::{self, Actor},
    error::{Checks, ServiceError},
    orgs::fields::line,
};

/// The one row's id.
const ROW: i32 = 1;

/// The form as typed.
#[derive(Debug, Clone, Default)]
pub struct BillingForm {
    pub legal_name: String,
    pub postal_address: String,
    pub contact_email: String,
    pub payment_instructions: String,
    pub tax_id: String,
}

impl BillingForm {
    /// What was typed, to put back into the form after a refusal.
    pub fn typed(&self) -> [(&'static str, &str); 5] {
        [
            ("legal_name", &self.legal_name),
            ("postal_address", &self.postal_address),
            ("contact_email", &self.contact_email),
            ("payment_instructions", &self.payment_instructions),
            ("tax_id", &self.tax_id),
        ]
    }
}

/// The details invoices print now, if an admin has set them.
pub async fn current(db: &impl ConnectionTrait) -> Result<Option<Payee>, DbErr> {
    Ok(billing_details::Entity::find_by_id(ROW).one(db).await?.map(|row| Payee {
        legal_name: row.legal_name,
        postal_address: row.postal_address,
        contact_email: row.contact_email,
        payment_instructions: row.payment_instructions,
        tax_id: row.tax_id,
    }))
}

/// Several lines of text, required: trimmed, within `max` characters, no control characters
/// but line breaks.
fn block(field: &'static str, raw: &str, max: usize) -> Result<String, ServiceError> {
    let value = raw.trim().replace("\r\n", "\n");
    if value.is_empty() {
        return Err(ServiceError::invalid(field, "this is required"));
    }
    if value.chars().count() > max {
        return Err(ServiceError::invalid(field, format!("use at most {max} characters")));
    }
    if value.chars().any(|c| c.is_control() && c != '\n') {
        return Err(ServiceError::invalid(field, "remove the control characters"));
    }
    Ok(value)
}

/// Checks every field, then stores the details (admins only). Invoices already issued keep
/// the copy they were issued with.
pub async fn save(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    form: &BillingForm,
    now: DateTime<Utc>,
) -> Result<Payee, ServiceError> {
    authz::admin(actor)?;
    let mut checks = Checks::default();
    let legal_name = checks.check(line("legal_name", &form.legal_name, 2, 200));
    let postal_address = checks.check(block("postal_address", &form.postal_address, 500));
    let contact_email = checks.check(
        Email::parse(&form.contact_email)
            .map(|email| email.as_str().to_string())
            .map_err(|message| ServiceError::invalid("contact_email", message)),
    );
    let payment_instructions = checks.check(block("payment_instructions", &form.payment_instructions, 2000));
    let tax_id = checks.check(line("tax_id", &form.tax_id, 0, 60));
    checks.finish()?;
    let (
        Some(legal_name),
        Some(postal_address),
        Some(contact_email),
        Some(payment_instructions),
        Some(tax_id),
    ) = (legal_name, postal_address, contact_email, payment_instructions, tax_id)
    else {
        unreachable!("every check passed")
    };
    let payee = Payee { legal_name, postal_address, contact_email, payment_instructions, tax_id };
    let row = billing_details::Model {
        id: ROW,
        legal_name: payee.legal_name.clone(),
        postal_address: payee.postal_address.clone(),
        contact_email: payee.contact_email.clone(),
        payment_instructions: payee.payment_instructions.clone(),
        tax_id: payee.tax_id.clone(),
        updated_at: now,
    };
    // One upsert: two admins saving at once cannot both try to insert the one row.
    use billing_details::Column as C;
    billing_details::Entity::insert(row.into_active_model())
        .on_conflict(
            OnConflict::column(C::Id)
                .update_columns([
                    C::LegalName,
                    C::PostalAddress,
                    C::ContactEmail,
                    C::PaymentInstructions,
                    C::TaxId,
                    C::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(payee)
}

/// The refusal of a checkout while no billing details exist.
pub fn missing() -> ServiceError {
    ServiceError::Conflict(
        "Bayline cannot issue invoices yet: an admin must first set the billing details that say who to pay and how"
            .into(),
    )
}
