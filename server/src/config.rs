//! All of Bayline's settings, parsed once from flags and environment into typed values.
//! A bad setting stops start-up with one line naming it.
use std::{net::SocketAddr, path::PathBuf};

use app::model::TileSettings;
use clap::{Parser, Subcommand};
use service::{accounts::email::Email, db::Backend};

use crate::mailer::SmtpSettings;

/// Bayline: the automotive technician pipeline, on open data.
#[derive(Debug, Parser)]
#[command(name = "bayline", version, about)]
pub struct Cli {
    /// Database URL: sqlite://PATH (embedded, created on first start) or postgres://USER@HOST/DB.
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://data/bayline.db", global = true)]
    pub database_url: String,

    /// Folder holding the public datasets (ipeds/, zip/, wages/). When set and the database
    /// is empty, the first start imports them.
    #[arg(long, env = "BAYLINE_DATA_DIR", global = true)]
    pub data_dir: Option<PathBuf>,

    /// Address to listen on [default: 127.0.0.1:3000].
    #[arg(long = "addr", env = "LEPTOS_SITE_ADDR", global = true)]
    pub site_addr: Option<String>,

    /// Map tiles: a {z}/{x}/{y} URL template, or "none" for the offline state-outline basemap.
    #[arg(long, env = "BAYLINE_TILE_URL", default_value = OSM_TILES, global = true)]
    pub tile_url: String,

    /// Attribution shown on the map for the tiles (required with a custom BAYLINE_TILE_URL).
    #[arg(long, env = "BAYLINE_TILE_ATTRIBUTION", global = true)]
    pub tile_attribution: Option<String>,

    /// The site's public address, for links in emails; https:// turns on Secure
    /// __Host- cookies. Default: http:// and the listen address.
    #[arg(long, env = "BAYLINE_PUBLIC_URL", global = true)]
    pub public_url: Option<String>,

    /// Reverse proxies (comma-separated IPs or CIDR ranges) whose X-Forwarded-For names the
    /// client; from any other peer the header is ignored. Default: none.
    #[arg(long, env = "BAYLINE_TRUSTED_PROXIES", default_value = "", global = true)]
    pub trusted_proxies: String,

    /// Sign-ups one client address may attempt an hour.
    #[arg(long, env = "BAYLINE_SIGNUPS_PER_ADDRESS", default_value_t = 10, global = true)]
    pub signups_per_address: u64,

    /// Open connections the server holds at most; more are closed at once.
    #[arg(long, env = "BAYLINE_MAX_CONNECTIONS", default_value_t = 8192, global = true)]
    pub max_connections: usize,

    /// Open connections one peer address may hold (behind a proxy, the proxy is the peer).
    #[arg(long, env = "BAYLINE_MAX_CONNECTIONS_PER_PEER", default_value_t = 256, global = true)]
    pub max_connections_per_peer: usize,

    /// SMTP relay for outgoing email: smtp://user:pass@host[:587] (STARTTLS),
    /// smtps://user:pass@host[:465] (TLS) or smtp://host:port?tls=none (local relay). Unset:
    /// emails stay in the outbox (`bayline outbox`).
    #[arg(long, env = "BAYLINE_SMTP_URL", hide_env_values = true, global = true)]
    pub smtp_url: Option<String>,

    /// Sender of outgoing email, e.g. "Bayline <noreply@example.com>" (required with
    /// BAYLINE_SMTP_URL).
    #[arg(long, env = "BAYLINE_MAIL_FROM", global = true)]
    pub mail_from: Option<String>,

    /// Log filter, e.g. info or bayline=debug,tower_http=debug.
    #[arg(long = "log", env = "RUST_LOG", default_value = "info", global = true)]
    pub log_filter: String,

    /// Log format: text or json.
    #[arg(long, env = "BAYLINE_LOG_FORMAT", default_value = "text", global = true)]
    pub log_format: String,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand, Clone)]
pub enum Command {
    /// Serve the web application (the default).
    Serve,
    /// Import public datasets from BAYLINE_DATA_DIR: institutions, completions,
    /// zip_centroids, oews_wages, or all (in that order); or `schools FILE.csv`, an
    /// operator's list of schools (see the README for its columns).
    Import {
        #[arg(default_value = "all")]
        dataset: String,
        /// The school list, for `import schools`.
        file: Option<PathBuf>,
        /// The list's name as people know it (shown on every school from it); by default
        /// the file's name.
        #[arg(long)]
        source: Option<String>,
    },
    /// Apply pending database migrations and exit.
    Migrate,
    /// Print the newest emails in the outbox as JSON (where local runs read their mail
    /// when no mail server is configured).
    Outbox {
        #[arg(long, default_value_t = 20)]
        last: u64,
    },
    /// Saved searches' alerts.
    Alerts {
        #[command(subcommand)]
        action: AlertsCommand,
    },
    /// Administrators.
    Admin {
        #[command(subcommand)]
        action: AdminCommand,
    },
    /// Development and benchmarking helpers (SYNTHETIC data, never for production).
    Dev {
        #[command(subcommand)]
        action: DevCommand,
    },
}

#[derive(Debug, Subcommand, Clone)]
pub enum DevCommand {
    /// Add a SYNTHETIC partnership world: school programs at real ZIP centroids with NEEDS
    /// needs, shops with partnerships and MESSAGES messages, and a benchmark person whose
    /// session token and longest thread are printed (JSON).
    SynthPartnerships {
        #[arg(long, default_value_t = 100_000)]
        needs: usize,
        #[arg(long, default_value_t = 1_000_000)]
        messages: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Add a SYNTHETIC Industry Data Exchange: SHOPS verified shops at real ZIP centroids,
    /// each with an accepted submission (5 pay rows, benefits, labor rates) in each of the
    /// last QUARTERS published quarters. 25,000 shops × 8 quarters is 1,000,000 pay rows.
    SynthPay {
        #[arg(long, default_value_t = 25_000)]
        shops: usize,
        #[arg(long, default_value_t = 8)]
        quarters: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Place every shop in this state (USPS code, e.g. VT) instead of anywhere.
        #[arg(long)]
        state: Option<String>,
    },
    /// Add the SYNTHETIC page world (one of everything a page shows: shops, claimed
    /// colleges, needs, a partnership, openings, invoices, events) to a database with the
    /// ZIP centroids imported, and print a session per role and every page of the app with
    /// the world's ids (JSON), for the browser tests that visit every page.
    SynthWorld {
        /// The first of three UNITIDs the SYNTHETIC colleges take (none may exist).
        #[arg(long, default_value_t = 990_001)]
        first_unitid: i32,
    },
}

#[derive(Debug, Subcommand, Clone)]
pub enum AlertsCommand {
    /// Send the digests that are due now (or at --now, an RFC 3339 time, for tests and
    /// for catching up): every server also does this on its own every few minutes.
    Run {
        #[arg(long, value_parser = parse_time)]
        now: Option<chrono::DateTime<chrono::Utc>>,
    },
}

fn parse_time(text: &str) -> Result<chrono::DateTime<chrono::Utc>, String> {
    chrono::DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&chrono::Utc))
        .map_err(|e| format!("'{text}' is not an RFC 3339 time such as 2026-12-07T09:00:00Z ({e})"))
}

#[derive(Debug, Subcommand, Clone)]
pub enum AdminCommand {
    /// Make the account of EMAIL an admin (signing it out everywhere), or create it and
    /// print a single-use link to set its password.
    Create { email: String },
}

const OSM_TILES: &str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

/// Settings after validation.
/// Where a server listens when not told.
pub const DEFAULT_SITE_ADDR: &str = "127.0.0.1:3000";

#[derive(Debug, Clone)]
pub struct Config {
    pub database_url: String,
    pub data_dir: Option<PathBuf>,
    pub site_addr: SocketAddr,
    /// Whether the listen address or the public address was set for this process (else
    /// `public_url` is only the default's).
    pub address_given: bool,
    pub log_filter: String,
    pub log_format: LogFormat,
    pub tiles: TileSettings,
    pub public_url: String,
    pub trusted_proxies: app::ssr::TrustedProxies,
    pub signups_per_address: u64,
    pub connection_limits: crate::connections::Limits,
    /// Set when emails are delivered over SMTP; otherwise they stay in the outbox.
    pub smtp: Option<SmtpSettings>,
    pub command: Command,
}

/// A setting that cannot be used, named as the user would set it.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{setting}: {message}")]
pub struct ConfigError {
    pub setting: &'static str,
    pub message: String,
}

fn bad(setting: &'static str, message: impl Into<String>) -> ConfigError {
    ConfigError { setting, message: message.into() }
}

impl Config {
    pub fn from_cli(cli: Cli) -> Result<Self, ConfigError> {
        Backend::of(&cli.database_url).map_err(|e| bad("DATABASE_URL", e.to_string()))?;
        // Whether this process was told its address: a command run beside a server (`admin
        // create`) otherwise takes the address the running servers recorded.
        let address_given = cli.site_addr.is_some() || cli.public_url.is_some();
        let site_addr_text = cli.site_addr.clone().unwrap_or_else(|| DEFAULT_SITE_ADDR.to_string());
        let site_addr = site_addr_text.parse().map_err(|_| {
            bad("LEPTOS_SITE_ADDR", format!("'{site_addr_text}' is not an address like 127.0.0.1:3000"))
        })?;
        if let Some(dir) = &cli.data_dir
            && !dir.is_dir()
        {
            return Err(bad("BAYLINE_DATA_DIR", format!("{} is not a folder", dir.display())));
        }
        tracing_subscriber::EnvFilter::try_new(&cli.log_filter)
            .map_err(|e| bad("RUST_LOG", format!("'{}': {e}", cli.log_filter)))?;
        let log_format = match cli.log_format.as_str() {
            "text" => LogFormat::Text,
            "json" => LogFormat::Json,
            other => return Err(bad("BAYLINE_LOG_FORMAT", format!("'{other}' is neither text nor json"))),
        };
        let tiles = tile_settings(&cli.tile_url, cli.tile_attribution)?;
        let public_url = match cli.public_url {
            Some(url) if url.starts_with("https://") || url.starts_with("http://") => {
                url.trim_end_matches('/').to_string()
            }
            Some(url) => return Err(bad("BAYLINE_PUBLIC_URL", format!("'{url}' is not an http(s) address"))),
            None => format!("http://{site_addr}"),
        };
        if cli.max_connections == 0 {
            return Err(bad("BAYLINE_MAX_CONNECTIONS", "must be at least 1"));
        }
        if cli.max_connections_per_peer == 0 {
            return Err(bad("BAYLINE_MAX_CONNECTIONS_PER_PEER", "must be at least 1"));
        }
        let trusted_proxies = app::ssr::TrustedProxies::parse(&cli.trusted_proxies)
            .map_err(|m| bad("BAYLINE_TRUSTED_PROXIES", m))?;
        let smtp = match (&cli.smtp_url, &cli.mail_from) {
            (Some(url), Some(from)) => {
                Some(SmtpSettings::parse(url, from).map_err(|(setting, message)| bad(setting, message))?)
            }
            (Some(_), None) => {
                return Err(bad(
                    "BAYLINE_MAIL_FROM",
                    "required with BAYLINE_SMTP_URL (the sender of every email)",
                ));
            }
            (None, Some(from)) => {
                crate::mailer::parse_from(from).map_err(|(setting, message)| bad(setting, message))?;
                None
            }
            (None, None) => None,
        };
        let command = cli.command.unwrap_or(Command::Serve);
        if let Command::Admin { action: AdminCommand::Create { email } } = &command {
            Email::parse(email).map_err(|m| bad("admin create", format!("'{email}': {m}")))?;
        }
        if let Command::Import { dataset, file, .. } = &command {
            match (dataset.as_str(), file) {
                ("schools", None) => {
                    return Err(bad("import", "name the school list: bayline import schools FILE.csv"));
                }
                ("schools", Some(_)) => {}
                (_, Some(_)) => {
                    return Err(bad(
                        "import",
                        format!(
                            "only `import schools` takes a file; {dataset} is read from BAYLINE_DATA_DIR"
                        ),
                    ));
                }
                ("all", None) => {}
                (other, None) if importer::Dataset::from_name(other).is_none() => {
                    return Err(bad(
                        "import",
                        format!(
                            "unknown dataset '{other}': use institutions, completions, zip_centroids, oews_wages, all, or schools FILE.csv"
                        ),
                    ));
                }
                _ => {}
            }
        }
        Ok(Self {
            database_url: cli.database_url,
            data_dir: cli.data_dir,
            site_addr,
            address_given,
            log_filter: cli.log_filter,
            log_format,
            tiles,
            public_url,
            trusted_proxies,
            signups_per_address: cli.signups_per_address,
            connection_limits: crate::connections::Limits {
                max_total: cli.max_connections,
                max_per_peer: cli.max_connections_per_peer,
                ..Default::default()
            },
            smtp,
            command,
        })
    }
}

fn tile_settings(url: &str, attribution: Option<String>) -> Result<TileSettings, ConfigError> {
    if url == "none" {
        return Ok(TileSettings { url: None, attribution: String::new() });
    }
    if url == OSM_TILES {
        let default = TileSettings::openstreetmap();
        return Ok(TileSettings { attribution: attribution.unwrap_or(default.attribution), ..default });
    }
    let well_formed = (url.starts_with("https://") || url.starts_with("http://"))
        && ["{z}", "{x}", "{y}"].iter().all(|p| url.contains(p))
        && !url.contains(['\'', '"', ' ', ';']);
    if !well_formed {
        return Err(bad(
            "BAYLINE_TILE_URL",
            format!("'{url}' is not an http(s) URL with {{z}}, {{x}} and {{y}}, nor none"),
        ));
    }
    let attribution = attribution.filter(|a| !a.trim().is_empty()).ok_or_else(|| {
        bad("BAYLINE_TILE_ATTRIBUTION", "required with a custom BAYLINE_TILE_URL (tile licences demand it)")
    })?;
    Ok(TileSettings { url: Some(url.to_string()), attribution })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Config, ConfigError> {
        let mut argv = vec!["bayline"];
        argv.extend_from_slice(args);
        Config::from_cli(Cli::try_parse_from(argv).unwrap())
    }

    #[test]
    fn defaults_to_serving_sqlite_on_port_3000() {
        let config = parse(&[
            "--database-url",
            "sqlite://data/bayline.db",
            "--addr",
            "127.0.0.1:3000",
            "--log",
            "info",
        ])
        .unwrap();
        assert_eq!(config.site_addr.port(), 3000);
        assert!(matches!(config.command, Command::Serve));
    }

    #[test]
    fn a_command_not_told_the_address_links_to_the_one_the_servers_recorded() {
        let recorded = Some("https://bayline.example.org".to_string());
        let told = parse(&["--addr", "127.0.0.1:3100", "admin", "create", "a@example.com"]).unwrap();
        assert_eq!(crate::run::link_base(&told, recorded.clone()), "http://127.0.0.1:3100");
        let public =
            parse(&["--public-url", "https://b.example", "admin", "create", "a@example.com"]).unwrap();
        assert_eq!(crate::run::link_base(&public, recorded.clone()), "https://b.example");
        // Only meaningful when this test's own environment names no address.
        if std::env::var_os("LEPTOS_SITE_ADDR").is_none() && std::env::var_os("BAYLINE_PUBLIC_URL").is_none()
        {
            let untold = parse(&["admin", "create", "a@example.com"]).unwrap();
            assert_eq!(crate::run::link_base(&untold, recorded), "https://bayline.example.org");
            assert_eq!(crate::run::link_base(&untold, None), "http://127.0.0.1:3000");
        }
    }

    #[test]
    fn tiles_default_to_openstreetmap_and_can_be_turned_off() {
        let osm = parse(&[]).unwrap().tiles;
        assert_eq!(osm, TileSettings::openstreetmap());
        assert_eq!(parse(&["--tile-url", "none"]).unwrap().tiles.url, None);
        let custom =
            parse(&["--tile-url", "https://t.example/{z}/{x}/{y}.png", "--tile-attribution", "© Example"])
                .unwrap();
        assert_eq!(custom.tiles.attribution, "© Example");
    }

    #[test]
    fn names_the_bad_setting() {
        assert_eq!(parse(&["--addr", "nowhere"]).unwrap_err().setting, "LEPTOS_SITE_ADDR");
        assert_eq!(parse(&["--database-url", "mysql://x@y/z"]).unwrap_err().setting, "DATABASE_URL");
        assert_eq!(parse(&["--data-dir", "/definitely/not/here"]).unwrap_err().setting, "BAYLINE_DATA_DIR");
        assert_eq!(parse(&["--log", "info,=[{"]).unwrap_err().setting, "RUST_LOG");
        assert_eq!(parse(&["--log-format", "xml"]).unwrap_err().setting, "BAYLINE_LOG_FORMAT");
        assert_eq!(parse(&["import", "schools"]).unwrap_err().setting, "import");
        assert_eq!(parse(&["--tile-url", "ftp://x/{z}/{x}/{y}"]).unwrap_err().setting, "BAYLINE_TILE_URL");
        assert_eq!(
            parse(&["--tile-url", "https://t.example/{z}/{x}/{y}.png"]).unwrap_err().setting,
            "BAYLINE_TILE_ATTRIBUTION"
        );
        assert_eq!(
            parse(&["--smtp-url", "smtp://relay.example.com"]).unwrap_err().setting,
            "BAYLINE_MAIL_FROM"
        );
        assert_eq!(
            parse(&["--smtp-url", "ftp://relay.example.com", "--mail-from", "noreply@example.com"])
                .unwrap_err()
                .setting,
            "BAYLINE_SMTP_URL"
        );
        assert_eq!(parse(&["--mail-from", "nobody"]).unwrap_err().setting, "BAYLINE_MAIL_FROM");
    }

    #[test]
    fn smtp_is_optional_and_never_shows_its_password() {
        assert!(parse(&[]).unwrap().smtp.is_none());
        let config = parse(&[
            "--smtp-url",
            "smtp://bayline:s3cret-relay-pass@mail.example.com:587",
            "--mail-from",
            "Bayline <noreply@example.com>",
        ])
        .unwrap();
        assert!(config.smtp.is_some());
        assert!(!format!("{config:?}").contains("s3cret-relay-pass"));
    }

    #[test]
    fn admin_create_takes_a_valid_email() {
        let config = parse(&["admin", "create", "Synthetic.Admin@Example.com"]).unwrap();
        match config.command {
            Command::Admin { action: AdminCommand::Create { email } } => {
                assert_eq!(email, "Synthetic.Admin@Example.com")
            }
            other => panic!("{other:?}"),
        }
        let error = parse(&["admin", "create", "not-an-email"]).unwrap_err();
        assert_eq!(error.setting, "admin create");
        assert!(error.to_string().contains("not-an-email"), "{error}");
        assert!(Cli::try_parse_from(["bayline", "admin", "create"]).is_err(), "the email is required");
    }
}
