//! Email delivery: the SMTP settings, the transport, and the worker that empties the outbox.
//!
//! Every email is queued in the database first (`service::accounts::outbox`); when
//! `BAYLINE_SMTP_URL` is set, `bayline serve` runs [`run`], which every few seconds sends
//! what is due and reschedules what fails. Several app servers may run it against one
//! database: each message is claimed by one of them at a time.
use std::{fmt, time::Duration};

use chrono::{DateTime, Utc};
use entity::email_outbox;
use lettre::{
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{
        Mailbox,
        header::{ContentType, Header, HeaderName, HeaderValue},
    },
};
use sea_orm::{DatabaseConnection, DbErr};
use service::accounts::outbox;
use tokio::sync::watch;

/// How often the worker looks for due messages.
pub const POLL_EVERY: Duration = Duration::from_secs(5);
/// Per SMTP command (lettre's socket timeout).
const COMMAND_TIMEOUT: Duration = Duration::from_secs(30);
/// For a whole delivery, well inside the outbox lease, so a trickling server cannot keep a
/// message past its lease (and have another server send it too).
const SEND_TIMEOUT: Duration = Duration::from_secs(90);
/// After this many failed attempts a message is reported as stuck (it is still retried).
const STUCK_AFTER: i32 = 10;

/// Where and as whom to send: a validated SMTP URL in the form lettre reads, and the sender.
#[derive(Clone)]
pub struct SmtpSettings {
    url: String,
    from: Mailbox,
}

/// The URL holds the relay's password: show it redacted.
impl fmt::Debug for SmtpSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpSettings")
            .field("url", &service::db::redact(&self.url))
            .field("from", &self.from.to_string())
            .finish()
    }
}

const URL_FORMS: &str = "use smtp://user:pass@host[:587] (STARTTLS), smtps://user:pass@host[:465] \
                         (TLS from the start) or smtp://host:port?tls=none (a local relay, no password)";

impl SmtpSettings {
    /// Checks `BAYLINE_SMTP_URL` and `BAYLINE_MAIL_FROM`; the error names the setting and
    /// never repeats the password.
    ///
    /// Unlike lettre's own URLs, a bare `smtp://` means STARTTLS *required*: a relay that
    /// cannot encrypt must be named explicitly with `?tls=none`, which also refuses
    /// credentials so a password never crosses the network in the clear.
    pub fn parse(url: &str, from: &str) -> Result<Self, (&'static str, String)> {
        let bad_url = |message: String| ("BAYLINE_SMTP_URL", message);
        let shown = service::db::redact(url);
        let mut parsed =
            url::Url::parse(url).map_err(|e| bad_url(format!("'{shown}' is not a URL ({e})")))?;
        let mut tls = None;
        for (key, value) in parsed.query_pairs() {
            match &*key {
                "tls" => tls = Some(value.into_owned()),
                other => return Err(bad_url(format!("unknown option '{other}' in '{shown}': {URL_FORMS}"))),
            }
        }
        let lettre_query = match (parsed.scheme(), tls.as_deref()) {
            ("smtps", None) => None,
            ("smtp", None | Some("required")) => Some("tls=required"),
            ("smtp", Some("none")) => {
                if !parsed.username().is_empty() || parsed.password().is_some() {
                    return Err(bad_url(
                        "tls=none would send the password unencrypted: use STARTTLS or smtps://".into(),
                    ));
                }
                None
            }
            _ => return Err(bad_url(format!("'{shown}': {URL_FORMS}"))),
        };
        if parsed.host_str().is_none_or(str::is_empty) {
            return Err(bad_url(format!("'{shown}' names no host")));
        }
        parsed.set_query(lettre_query);
        let url = parsed.to_string();
        AsyncSmtpTransport::<Tokio1Executor>::from_url(&url)
            .map_err(|e| bad_url(format!("'{shown}': {e}")))?;
        let from = parse_from(from)?;
        Ok(Self { url, from })
    }
}

/// The sender, `name@example.com` or `Bayline <name@example.com>`.
pub fn parse_from(from: &str) -> Result<Mailbox, (&'static str, String)> {
    from.trim().parse::<Mailbox>().map_err(|e| {
        ("BAYLINE_MAIL_FROM", format!("'{from}' is not an address like Bayline <noreply@example.com> ({e})"))
    })
}

/// A connection-less SMTP client: each delivery opens its own connection, which at an
/// outbox's volume costs nothing and leaves no idle connection for a relay to drop.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    pub fn new(settings: &SmtpSettings) -> Result<Self, String> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&settings.url)
            .map_err(|e| format!("BAYLINE_SMTP_URL: {e}"))?
            .timeout(Some(COMMAND_TIMEOUT))
            .build();
        Ok(Self { transport, from: settings.from.clone() })
    }

    /// Sends one outbox message as plain text; the error is short and carries no body.
    pub async fn send(&self, message: &email_outbox::Model) -> Result<(), String> {
        let to: Mailbox = message.recipient.parse().map_err(|e| format!("recipient address: {e}"))?;
        // A Message-ID in the sender's domain (not the machine's name) helps deliverability.
        let id = format!("<{}@{}>", uuid::Uuid::new_v4().simple(), self.from.email.domain());
        let mut builder =
            Message::builder().from(self.from.clone()).to(to).subject(&message.subject).message_id(Some(id));
        if let Some(url) = &message.list_unsubscribe {
            builder = builder.header(ListUnsubscribe(url.clone())).header(ListUnsubscribePost);
        }
        let email = builder
            .header(ContentType::TEXT_PLAIN)
            .body(message.body_text.clone())
            .map_err(|e| format!("building the message: {e}"))?;
        match tokio::time::timeout(SEND_TIMEOUT, self.transport.send(email)).await {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(e)) => Err(e.to_string()),
            Err(_) => Err(format!("no answer within {} s", SEND_TIMEOUT.as_secs())),
        }
    }
}

/// `List-Unsubscribe: <https://…>`: where a mail client unsubscribes its reader (RFC 2369).
#[derive(Debug, Clone)]
struct ListUnsubscribe(String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self(s.trim().trim_start_matches('<').trim_end_matches('>').to_string()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), format!("<{}>", self.0))
    }
}

/// `List-Unsubscribe-Post: List-Unsubscribe=One-Click`: that address unsubscribes with one
/// POST, no page to confirm on (RFC 8058).
#[derive(Debug, Clone)]
struct ListUnsubscribePost;

impl Header for ListUnsubscribePost {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".into())
    }
}

/// What one round did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Round {
    pub sent: usize,
    pub failed: usize,
}

/// Sends every message due at `now`, one at a time, until none is left or `stop` turns
/// true (then at most the message in flight is finished). Failures are rescheduled, so
/// each message is tried at most once per round.
pub async fn deliver_due(
    db: &DatabaseConnection,
    mailer: &Mailer,
    now: DateTime<Utc>,
    stop: &watch::Receiver<bool>,
) -> Result<Round, DbErr> {
    let mut round = Round::default();
    while !*stop.borrow() {
        let Some(message) = outbox::claim_next(db, now).await? else { break };
        match mailer.send(&message).await {
            Ok(()) => {
                outbox::mark_sent(db, message.id, now).await?;
                tracing::info!(id = message.id, subject = %message.subject, "email sent");
                round.sent += 1;
            }
            Err(error) => {
                let next = outbox::mark_failed(db, message.id, message.attempts, &error, now).await?;
                let (id, attempts) = (message.id, message.attempts);
                if attempts >= STUCK_AFTER {
                    tracing::warn!(id, attempts, %error, %next, "email still undelivered; retrying hourly");
                } else {
                    tracing::warn!(id, attempts, %error, %next, "email not delivered; will retry");
                }
                round.failed += 1;
            }
        }
    }
    Ok(round)
}

/// The delivery loop of `bayline serve`: a round every [`POLL_EVERY`] until `stop` turns
/// true or its sender is dropped. Database errors are logged and the loop goes on (the
/// database may be back next round).
pub async fn run(db: DatabaseConnection, mailer: Mailer, mut stop: watch::Receiver<bool>) {
    tracing::info!("mail worker started");
    while !*stop.borrow() {
        if let Err(error) = deliver_due(&db, &mailer, Utc::now(), &stop).await {
            tracing::error!(%error, "mail worker: database error; retrying next round");
        }
        tokio::select! {
            changed = stop.changed() => if changed.is_err() { break },
            () = tokio::time::sleep(POLL_EVERY) => {}
        }
    }
    tracing::info!("mail worker stopped");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(url: &str) -> Result<String, (&'static str, String)> {
        SmtpSettings::parse(url, "Bayline <noreply@example.com>").map(|s| s.url)
    }

    #[test]
    fn bare_smtp_means_starttls_required() {
        assert_eq!(
            parse("smtp://user:p%40ss@mail.example.com:587").unwrap(),
            "smtp://user:p%40ss@mail.example.com:587?tls=required"
        );
        assert_eq!(parse("smtps://u:p@mail.example.com").unwrap(), "smtps://u:p@mail.example.com");
        assert_eq!(parse("smtp://127.0.0.1:2525?tls=none").unwrap(), "smtp://127.0.0.1:2525");
    }

    #[test]
    fn refuses_unsafe_or_unknown_forms_without_showing_the_password() {
        for url in [
            "smtp://user:hunter2@relay.example.com?tls=none",
            "smtp://user:hunter2@relay.example.com?tls=opportunistic",
            "smtp://user:hunter2@relay.example.com?tsl=required",
            "http://user:hunter2@relay.example.com",
            "smtps://user:hunter2@relay.example.com?tls=none",
        ] {
            let (setting, message) = parse(url).unwrap_err();
            assert_eq!(setting, "BAYLINE_SMTP_URL", "{url}");
            assert!(!message.contains("hunter2"), "{message}");
        }
        assert_eq!(
            SmtpSettings::parse("smtp://relay.example.com", "not an address").unwrap_err().0,
            "BAYLINE_MAIL_FROM"
        );
        let settings = SmtpSettings::parse("smtps://u:hunter2@m.example.com", "noreply@example.com").unwrap();
        assert!(!format!("{settings:?}").contains("hunter2"));
    }
}
