//! Start-up: open the database, import public data on first start, serve until SIGTERM
//! (with the mail worker when SMTP is configured); and the one-shot commands.
use std::path::Path;

use app::ssr::AppState;
use importer::{Dataset, ImportError, SilentProgress};
use leptos::prelude::get_configuration;
use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait};
use service::synthetic::pay::Size;

use crate::{
    config::{AdminCommand, AlertsCommand, Command, Config, DevCommand},
    mailer::{self, Mailer},
    progress::TerminalProgress,
};

/// Runs the configured command; the error is printed by `main` as one line.
pub async fn run(config: Config) -> Result<(), String> {
    let db = service::db::connect(&config.database_url).await.map_err(|e| {
        format!("DATABASE_URL: cannot open {}: {e}", service::db::redact(&config.database_url))
    })?;
    match config.command.clone() {
        Command::Migrate => {
            tracing::info!("migrations are up to date");
            Ok(())
        }
        Command::Import { dataset, file: Some(file), source } if dataset == "schools" => {
            import_schools(&db, &file, source).await
        }
        Command::Import { dataset, .. } => import(&db, &config, &dataset).await,
        Command::Outbox { last } => print_outbox(&db, last).await,
        Command::Admin { action: AdminCommand::Create { email } } => create_admin(&db, &config, &email).await,
        Command::Alerts { action: AlertsCommand::Run { now } } => run_alerts(&db, &config, now).await,
        Command::Dev { action: DevCommand::SynthPartnerships { needs, messages, seed } } => {
            synth_partnerships(&db, needs, messages, seed).await
        }
        Command::Dev { action: DevCommand::SynthPay { shops, quarters, seed, state } } => {
            synth_pay(&db, Size { shops, quarters, seed, state }).await
        }
        Command::Dev { action: DevCommand::SynthWorld { first_unitid } } => {
            crate::page_world::synth_world(&db, first_unitid).await
        }
        Command::Serve => serve(db, &config).await,
    }
}

/// `bayline dev synth-partnerships`: prints what it made as one JSON object.
async fn synth_partnerships(
    db: &DatabaseConnection,
    needs: usize,
    messages: usize,
    seed: u64,
) -> Result<(), String> {
    use service::synthetic::partnerships::{Size, generate};
    if needs == 0 || messages < 2 {
        return Err("dev synth-partnerships: ask for at least 1 need and 2 messages".into());
    }
    let started = std::time::Instant::now();
    let made = generate(db, Size { needs, messages, seed }, chrono::Utc::now())
        .await
        .map_err(|e| format!("dev synth-partnerships: {e}"))?;
    let summary = serde_json::json!({
        "synthetic": true,
        "programs": made.programs,
        "needs": made.needs,
        "shops": made.shops,
        "partnerships": made.partnerships,
        "messages": made.messages,
        "session_token": made.session_token,
        "partnership_id": made.partnership_id,
        "seconds": started.elapsed().as_secs_f64(),
    });
    println!("{summary}");
    Ok(())
}

/// `bayline dev synth-pay`: prints what it made as one JSON object.
async fn synth_pay(db: &DatabaseConnection, size: Size) -> Result<(), String> {
    use service::synthetic::pay::generate;
    if size.shops == 0 || size.quarters == 0 {
        return Err("dev synth-pay: ask for at least 1 shop and 1 quarter".into());
    }
    let started = std::time::Instant::now();
    let made = generate(db, size, chrono::Utc::now()).await.map_err(|e| format!("dev synth-pay: {e}"))?;
    let summary = serde_json::json!({
        "synthetic": true,
        "shops": made.shops,
        "submissions": made.submissions,
        "pay_rows": made.rows,
        "quarters": made.quarters.iter().map(|q| q.to_string()).collect::<Vec<_>>(),
        "seconds": started.elapsed().as_secs_f64(),
    });
    println!("{summary}");
    Ok(())
}

async fn import(db: &DatabaseConnection, config: &Config, dataset: &str) -> Result<(), String> {
    let dir = config
        .data_dir
        .as_deref()
        .ok_or("BAYLINE_DATA_DIR: set it to the folder holding ipeds/, zip/ and wages/")?;
    let progress = TerminalProgress::new();
    let result = match Dataset::from_name(dataset) {
        Some(one) => importer::import(db, dir, one, &progress).await.map(|_| ()),
        None => importer::import_all(db, dir, &progress).await.map(|_| ()),
    };
    result.map_err(|e: ImportError| format!("import refused, nothing changed: {e}"))
}

/// `bayline import schools FILE.csv [--source NAME]`: every row checked, then one
/// transaction; prints what was added, updated and left unchanged.
async fn import_schools(db: &DatabaseConnection, file: &Path, source: Option<String>) -> Result<(), String> {
    let refused = |e: ImportError| format!("import refused, nothing changed: {e}");
    let bytes = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let source = source
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default());
    let schools = importer::check_schools(db, file, &bytes).await.map_err(refused)?;
    let progress = TerminalProgress::new();
    let done = importer::import_schools(db, &schools, &source, chrono::Utc::now(), &progress)
        .await
        .map_err(refused)?;
    println!("{done}");
    Ok(())
}

async fn print_outbox(db: &DatabaseConnection, last: u64) -> Result<(), String> {
    use entity::email_outbox;
    use sea_orm::{QueryOrder, QuerySelect};
    let rows = email_outbox::Entity::find()
        .order_by_desc(email_outbox::Column::Id)
        .limit(last)
        .all(db)
        .await
        .map_err(|e| format!("outbox: {e}"))?;
    let messages: Vec<serde_json::Value> = rows
        .into_iter()
        .map(|m| {
            serde_json::json!({
                "id": m.id,
                "recipient": m.recipient,
                "subject": m.subject,
                "body": m.body_text,
                "created_at": m.created_at.to_rfc3339(),
                "sent_at": m.sent_at.map(|t| t.to_rfc3339()),
                "attempts": m.attempts,
                "next_attempt_at": m.next_attempt_at.to_rfc3339(),
                "last_error": m.last_error,
                "list_unsubscribe": m.list_unsubscribe,
            })
        })
        .collect();
    println!("{}", serde_json::Value::Array(messages));
    Ok(())
}

/// The site address a command's links use: the one this process was given, else the one
/// the running servers recorded, else the default.
pub fn link_base(config: &Config, recorded: Option<String>) -> String {
    match recorded {
        Some(recorded) if !config.address_given => recorded,
        _ => config.public_url.clone(),
    }
}

/// `bayline alerts run`: sends the due digests once and says how many.
async fn run_alerts(
    db: &DatabaseConnection,
    config: &Config,
    now: Option<chrono::DateTime<chrono::Utc>>,
) -> Result<(), String> {
    let recorded = service::site::public_url(db).await.map_err(|e| format!("alerts run: {e}"))?;
    let site = link_base(config, recorded);
    let now = now.unwrap_or_else(chrono::Utc::now);
    let report = service::alerts::digest::run_due(db, &site, now).await.map_err(|e| {
        tracing::error!(error = %e, "alerts run");
        "alerts run: the digests could not be sent (the log says why); nothing was sent".to_string()
    })?;
    println!("{} e-mails queued, {} searches with something new", report.emails, report.notices);
    Ok(())
}

/// `bayline admin create`: the outcome goes to stdout, including the set-a-password link
/// of a new admin (printed for the operator only; never logged).
async fn create_admin(db: &DatabaseConnection, config: &Config, email: &str) -> Result<(), String> {
    use service::accounts::admins::{self, Outcome};
    // Checked by the configuration already; parsed again into the type the service takes.
    let email = service::accounts::email::Email::parse(email).map_err(|m| format!("admin create: {m}"))?;
    let outcome = admins::create(db, &email, chrono::Utc::now()).await.map_err(|e| {
        tracing::error!(error = %e, "admin create");
        "admin create: the change could not be saved (the log says why); nothing was changed".to_string()
    })?;
    let recorded = service::site::public_url(db).await.map_err(|e| format!("admin create: {e}"))?;
    let site = link_base(config, recorded);
    match outcome {
        Outcome::AlreadyAdmin { .. } => println!("{email} is already an admin; nothing changed."),
        Outcome::Promoted { .. } => {
            println!(
                "{email} is now an admin. Their sessions have ended: they sign in again, and admin pages \
                 open once they have set up a second factor (signing in leads them to {site}/account/second-factor)."
            )
        }
        Outcome::NeedsPassword { reset_token, .. } => {
            println!(
                "{email} is now an admin. Open this link to choose its password; it works once, \
                 within an hour:\n{site}/reset-password?token={reset_token}\nSigning in then leads to setting up \
                 a second factor (an authenticator app), which admin pages require."
            )
        }
    }
    Ok(())
}

/// The first start on an empty database loads the public data, so a new install shows real
/// programs at once.
async fn import_if_empty(db: &DatabaseConnection, dir: Option<&Path>) -> Result<(), String> {
    let institutions = entity::institution::Entity::find().count(db).await.map_err(|e| e.to_string())?;
    if institutions > 0 {
        return Ok(());
    }
    let Some(dir) = dir else {
        tracing::warn!(
            "the database is empty and BAYLINE_DATA_DIR is not set: run `bayline import` to load the public data"
        );
        return Ok(());
    };
    if !importer::DataFiles::all_present(dir) {
        tracing::warn!(dir = %dir.display(), "the database is empty and BAYLINE_DATA_DIR lacks some datasets");
        return Ok(());
    }
    tracing::info!(dir = %dir.display(), "empty database: importing the public datasets");
    for outcome in importer::import_all(db, dir, &SilentProgress)
        .await
        .map_err(|e| format!("first-start import: {e}"))?
    {
        tracing::info!("{outcome}");
    }
    Ok(())
}

/// Builds the Industry Data Exchange's snapshot at start, at each quarter's publication and
/// every few minutes, off the request path: at a million rows a build takes seconds, which no
/// visitor should wait for (requests read the previous snapshot meanwhile).
async fn refresh_insights(state: AppState) {
    use service::insights::snapshot::InsightsCache;
    loop {
        let started = std::time::Instant::now();
        match state.insights.refresh(&state.db, chrono::Utc::now()).await {
            Ok(_) => tracing::info!(seconds = started.elapsed().as_secs_f64(), "insights snapshot built"),
            Err(error) => tracing::error!(%error, "could not build the insights snapshot"),
        }
        let now = chrono::Utc::now();
        let wait = (InsightsCache::next_refresh(now) - now).to_std().unwrap_or_default();
        tokio::time::sleep(wait.max(std::time::Duration::from_secs(1))).await;
    }
}

async fn serve(db: DatabaseConnection, config: &Config) -> Result<(), String> {
    // A broken career-path file (careers/*.toml) stops start-up with the file and step.
    let paths = service::careers::catalog().map_err(|e| format!("career paths: {e}"))?;
    tracing::debug!(paths = paths.paths.len(), "career paths checked");
    import_if_empty(&db, config.data_dir.as_deref()).await?;
    // For commands run beside the server (`admin create` prints links to it).
    service::site::record_public_url(&db, &config.public_url, chrono::Utc::now())
        .await
        .map_err(|e| format!("DATABASE_URL: cannot record the site's address: {e}"))?;
    let mut leptos_options = get_configuration(None).map_err(|e| format!("LEPTOS_*: {e}"))?.leptos_options;
    leptos_options.site_addr = config.site_addr;
    let state = AppState::new(leptos_options, db.clone())
        .with_tiles(config.tiles.clone())
        .with_site_url(config.public_url.clone())
        .with_trusted_proxies(config.trusted_proxies.clone())
        .with_signups_per_address(config.signups_per_address);
    let listener = tokio::net::TcpListener::bind(config.site_addr)
        .await
        .map_err(|e| format!("LEPTOS_SITE_ADDR: cannot listen on {}: {e}", config.site_addr))?;
    tracing::info!("Bayline listening on http://{}", config.site_addr);
    tokio::spawn(refresh_insights(state.clone()));
    tokio::spawn(crate::renewals::run(db.clone(), config.public_url.clone()));
    tokio::spawn(crate::event_reminders::run(db.clone(), state.site_url.clone()));
    tokio::spawn(crate::alert_digests::run(db.clone(), state.site_url.clone()));
    tokio::spawn(crate::placement_summaries::run(db.clone(), state.site_url.clone()));
    let app = crate::router(state);
    // The mail worker stops with the server: the signal flips `stop`, and a failed server
    // drops its sender, which stops the worker too.
    let (stop_tx, stop) = tokio::sync::watch::channel(false);
    let worker = match &config.smtp {
        Some(settings) => Some(tokio::spawn(mailer::run(db, Mailer::new(settings)?, stop))),
        None => {
            tracing::info!("BAYLINE_SMTP_URL is not set: emails stay in the outbox (`bayline outbox`)");
            None
        }
    };
    let served = crate::connections::serve(listener, app, config.connection_limits, async move {
        shutdown_signal().await;
        let _ = stop_tx.send(true);
    })
    .await
    .map_err(|e| format!("server: {e}"));
    if let Some(worker) = worker {
        // At most the message in flight is finished (bounded by the send timeout).
        if let Err(e) = worker.await {
            tracing::error!(error = %e, "mail worker ended abnormally");
        }
    }
    served?;
    tracing::info!("shut down cleanly");
    Ok(())
}

/// Completes on SIGTERM (orchestrators) or Ctrl-C; in-flight requests then finish.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutdown signal received; finishing in-flight requests");
}
