//! Signing up, verifying the email address, signing in.
use chrono::{DateTime, Duration, Utc};
use entity::app_user;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, IntoActiveModel,
    QueryFilter, Set,
};

use super::{
    audit::{self, Event},
    email::Email,
    outbox, password,
    tokens::{self, Purpose},
};

/// How long an email-verification link works.
pub const VERIFY_LINK_TTL: Duration = Duration::hours(24);
/// Failed sign-ins are counted over this window, per account and client address together
/// and per client address; the window slides, so nobody is locked out for good.
pub const THROTTLE_WINDOW: Duration = Duration::minutes(15);
pub const MAX_FAILURES_PER_ACCOUNT: u64 = 5;
pub const MAX_FAILURES_PER_ADDRESS: u64 = 30;

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    /// Bad input, naming the form field.
    #[error("{field}: {message}")]
    Invalid { field: &'static str, message: String },
    /// Several fields at once (a form reports all its problems together).
    #[error("{}", .0.iter().map(|(f, m)| format!("{f}: {m}")).collect::<Vec<_>>().join("; "))]
    Fields(Vec<(&'static str, String)>),
    /// The same answer for an unknown email and a wrong password.
    #[error("the email address or password is not right")]
    BadCredentials,
    #[error("too many sign-in attempts: try again in {minutes} minutes")]
    Throttled { minutes: i64 },
    #[error("please verify your email address first: we have sent you a new link")]
    Unverified,
    #[error("this link is not valid any more: it may have been used or have expired")]
    BadLink,
    #[error(transparent)]
    Database(#[from] DbErr),
}

fn invalid(field: &'static str, message: impl Into<String>) -> AccountError {
    AccountError::Invalid { field, message: message.into() }
}

/// What a person types to create an account.
#[derive(Debug, Clone, Copy)]
pub struct NewAccount<'a> {
    /// The name others on Bayline see (never the e-mail address).
    pub name: &'a str,
    pub email: &'a str,
    pub password: &'a str,
}

/// Creates an account and emails a verification link. An address that already has an
/// account gets an email saying so instead, and the caller sees the same success: sign-up
/// never reveals whether an email is registered.
pub async fn sign_up(
    db: &DatabaseConnection,
    account: &NewAccount<'_>,
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<(), AccountError> {
    sign_up_from(db, account, "", MAX_SIGNUPS_PER_ADDRESS, site_url, now).await
}

/// Sign-ups one client address may attempt in [`ACCOUNT_MAIL_WINDOW`], unless the server is
/// configured otherwise (`BAYLINE_SIGNUPS_PER_ADDRESS`).
pub const MAX_SIGNUPS_PER_ADDRESS: u64 = 10;
/// Account emails (verification links, "someone tried to create an account") one address
/// receives at most per [`ACCOUNT_MAIL_WINDOW`], whoever asks: sign-up cannot flood an inbox.
pub const MAX_ACCOUNT_MAILS: u64 = 3;
pub const ACCOUNT_MAIL_WINDOW: Duration = Duration::hours(1);
const EXISTING_ACCOUNT_SUBJECT: &str = "Your Bayline account";
const VERIFY_SUBJECT: &str = "Confirm your email address for Bayline";

/// Whether `recipient` may get another account email now.
async fn account_mail_allowed(
    db: &impl ConnectionTrait,
    recipient: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    use entity::email_outbox;
    use sea_orm::PaginatorTrait;
    let recent = email_outbox::Entity::find()
        .filter(email_outbox::Column::Recipient.eq(recipient))
        .filter(email_outbox::Column::Subject.is_in([EXISTING_ACCOUNT_SUBJECT, VERIFY_SUBJECT]))
        .filter(email_outbox::Column::CreatedAt.gte(now - ACCOUNT_MAIL_WINDOW))
        .count(db)
        .await?;
    Ok(recent < MAX_ACCOUNT_MAILS)
}

/// Argon2 takes tens of milliseconds of CPU: run it on the blocking pool so a burst of
/// sign-ins cannot stall the async workers serving everyone else.
async fn off_the_workers<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    match tokio::runtime::Handle::try_current() {
        Ok(handle) => handle.spawn_blocking(work).await.expect("password hashing panicked"),
        Err(_) => work(),
    }
}

/// Creates an account and emails its verification link, or, for an address that has an
/// account already, tells its owner (the same answer either way). `client_ip` ("" when
/// unknown) is limited to `max_per_address` attempts an hour.
pub async fn sign_up_from(
    db: &DatabaseConnection,
    account: &NewAccount<'_>,
    client_ip: &str,
    max_per_address: u64,
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<(), AccountError> {
    let new_password = account.password;
    // Every field's problem at once.
    let mut problems = Vec::new();
    let name = super::names::check(account.name)
        .map_err(|e| problems.extend(e.problems().into_iter().map(|p| (p.field, p.message))))
        .ok();
    let email = Email::parse(account.email).map_err(|m| problems.push(("email", m.to_string()))).ok();
    let owner_words: Vec<&str> = email.iter().map(|e| e.as_str()).chain(name.as_deref()).collect();
    if let Err(p) = password::check_new(new_password, &owner_words) {
        problems.push(("password", p.to_string()));
    }
    if problems.len() > 1 {
        return Err(AccountError::Fields(problems));
    }
    if let Some((field, message)) = problems.pop() {
        return Err(AccountError::Invalid { field, message });
    }
    let (Some(name), Some(email)) = (name, email) else { unreachable!("every check passed") };
    if !client_ip.is_empty() {
        let attempts =
            audit::count_since(db, Event::SignUp, now - ACCOUNT_MAIL_WINDOW, None, Some(client_ip)).await?;
        if attempts >= max_per_address {
            return Err(AccountError::Throttled { minutes: ACCOUNT_MAIL_WINDOW.num_minutes() });
        }
    }
    // Hash before looking the address up, so both answers take the same time.
    let owned = new_password.to_string();
    let hash = off_the_workers(move || password::hash(&owned)).await;
    let txn = crate::db::begin_write(db).await?;
    match find_by_email(&txn, &email).await? {
        Some(_) => {
            audit::record(&txn, Event::SignUp, None, "address already has an account", client_ip, now)
                .await?;
            let body = format!(
                "Someone tried to create a Bayline account with this address, which already has one.\n\n\
                 If it was you, sign in at {site_url}/login. If not, you can ignore this message."
            );
            if account_mail_allowed(&txn, email.as_str(), now).await? {
                outbox::enqueue(&txn, email.as_str(), EXISTING_ACCOUNT_SUBJECT, &body, now).await?;
            }
        }
        None => {
            let user = app_user::ActiveModel {
                email: Set(email.to_string()),
                password_hash: Set(hash),
                email_verified_at: Set(None),
                is_admin: Set(false),
                created_at: Set(now),
                display_name: Set(name),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            send_verification(&txn, user.id, &email, site_url, now).await?;
            audit::record(&txn, Event::SignUp, Some(user.id), "", client_ip, now).await?;
        }
    }
    txn.commit().await?;
    Ok(())
}

async fn send_verification(
    db: &impl ConnectionTrait,
    user_id: i64,
    email: &Email,
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    if !account_mail_allowed(db, email.as_str(), now).await? {
        // Three in the last hour already: the newest link still works.
        return Ok(());
    }
    let token = tokens::issue(db, user_id, Purpose::VerifyEmail, VERIFY_LINK_TTL, now).await?;
    let body = format!(
        "Welcome to Bayline.\n\nConfirm your email address by opening this link within 24 hours:\n\
         {site_url}/verify-email?token={token}\n\nIf you did not sign up, ignore this message."
    );
    outbox::enqueue(db, email.as_str(), VERIFY_SUBJECT, &body, now).await
}

/// Marks the address behind a verification link as verified (each link works once).
pub async fn verify_email(
    db: &DatabaseConnection,
    token: &str,
    now: DateTime<Utc>,
) -> Result<i64, AccountError> {
    let txn = crate::db::begin_write(db).await?;
    let user_id =
        tokens::redeem(&txn, token, Purpose::VerifyEmail, now).await?.ok_or(AccountError::BadLink)?;
    let user = app_user::Entity::find_by_id(user_id).one(&txn).await?.ok_or(AccountError::BadLink)?;
    if user.email_verified_at.is_none() {
        let mut active = user.into_active_model();
        active.email_verified_at = Set(Some(now));
        active.update(&txn).await?;
        audit::record(&txn, Event::EmailVerified, Some(user_id), "", "", now).await?;
    }
    txn.commit().await?;
    Ok(user_id)
}

/// Checks an email and password; the user's id on success. Failures are throttled per
/// account and per client address, and answer identically for unknown emails and wrong
/// passwords (with the same Argon2 work either way).
pub async fn sign_in(
    db: &DatabaseConnection,
    email: &str,
    given_password: &str,
    client_ip: &str,
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<i64, AccountError> {
    let normalised = email.trim().to_lowercase();
    let since = now - THROTTLE_WINDOW;
    // Failures count per account *and* address: a stranger's wrong passwords from their own
    // address never lock the owner out of the account from theirs.
    let per_account =
        audit::count_since(db, Event::SignInFailed, since, Some(&normalised), Some(client_ip)).await?;
    let per_address = audit::count_since(db, Event::SignInFailed, since, None, Some(client_ip)).await?;
    if per_account >= MAX_FAILURES_PER_ACCOUNT || per_address >= MAX_FAILURES_PER_ADDRESS {
        return Err(AccountError::Throttled { minutes: THROTTLE_WINDOW.num_minutes() });
    }
    let user = match Email::parse(&normalised) {
        Ok(email) => find_by_email(db, &email).await?,
        Err(_) => None,
    };
    let given = given_password.to_string();
    let stored = user.as_ref().map(|u| u.password_hash.clone());
    let matched = off_the_workers(move || match stored {
        Some(stored) => password::verify(&given, &stored),
        None => {
            password::verify_nothing(&given);
            false
        }
    })
    .await;
    let Some(user) = user.filter(|_| matched) else {
        audit::record(db, Event::SignInFailed, None, &normalised, client_ip, now).await?;
        return Err(AccountError::BadCredentials);
    };
    if user.email_verified_at.is_none() {
        let email = Email::parse(&user.email).map_err(|m| invalid("email", m))?;
        send_verification(db, user.id, &email, site_url, now).await?;
        return Err(AccountError::Unverified);
    }
    audit::record(db, Event::SignIn, Some(user.id), "", client_ip, now).await?;
    Ok(user.id)
}

pub async fn find_by_email(
    db: &impl ConnectionTrait,
    email: &Email,
) -> Result<Option<app_user::Model>, DbErr> {
    app_user::Entity::find().filter(app_user::Column::Email.eq(email.as_str())).one(db).await
}

pub async fn find(db: &impl ConnectionTrait, user_id: i64) -> Result<Option<app_user::Model>, DbErr> {
    app_user::Entity::find_by_id(user_id).one(db).await
}

/// Ends the session a sign-out button belongs to, and records who signed out.
pub async fn sign_out(
    db: &DatabaseConnection,
    token: &str,
    client_ip: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let user_id = super::sessions::resume(db, token, now).await?;
    super::sessions::end(db, token).await?;
    if let Some(user_id) = user_id {
        audit::record(db, Event::SignOut, Some(user_id), "", client_ip, now).await?;
    }
    Ok(())
}
