//! Time-based one-time passwords (RFC 6238) as every authenticator app makes them: HMAC-SHA1
//! over the 30-second step, six digits. A code is accepted for the step before and after the
//! current one too (phone clocks drift), and never for a step at or before the last one used.
use argon2::password_hash::rand_core::{OsRng, RngCore};
use chrono::{DateTime, Utc};
use data_encoding::BASE32_NOPAD;
use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;

pub const STEP_SECONDS: i64 = 30;
const DIGITS: u32 = 6;
/// Steps either side of now whose code is still accepted.
const DRIFT_STEPS: i64 = 1;

/// A new shared secret: 160 random bits (RFC 4226's recommendation), base32.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 20];
    OsRng.fill_bytes(&mut bytes);
    BASE32_NOPAD.encode(&bytes)
}

/// The step a moment falls in.
pub fn step_of(now: DateTime<Utc>) -> i64 {
    now.timestamp().div_euclid(STEP_SECONDS)
}

/// The code for `step`, or `None` when the secret is not base32.
pub fn code_at(secret: &str, step: i64) -> Option<String> {
    let key = BASE32_NOPAD.decode(secret.as_bytes()).ok()?;
    Some(code_for_key(&key, step))
}

fn code_for_key(key: &[u8], step: i64) -> String {
    let mut mac = Hmac::<Sha1>::new_from_slice(key).expect("HMAC takes keys of any length");
    mac.update(&step.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    // Dynamic truncation (RFC 4226 §5.3).
    let offset = usize::from(digest[digest.len() - 1] & 0x0f);
    let bits =
        u32::from_be_bytes([digest[offset], digest[offset + 1], digest[offset + 2], digest[offset + 3]]);
    format!("{:0width$}", (bits & 0x7fff_ffff) % 10u32.pow(DIGITS), width = DIGITS as usize)
}

/// The step whose code `typed` is, among those accepted at `now` and later than `after`.
pub fn matching_step(secret: &str, typed: &str, now: DateTime<Utc>, after: i64) -> Option<i64> {
    let typed: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    if typed.len() != DIGITS as usize || !typed.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let key = BASE32_NOPAD.decode(secret.as_bytes()).ok()?;
    let current = step_of(now);
    (current - DRIFT_STEPS..=current + DRIFT_STEPS)
        .filter(|step| *step > after)
        .find(|step| same(code_for_key(&key, *step).as_bytes(), typed.as_bytes()))
}

/// Compares without stopping at the first difference, so timing tells nothing.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The `otpauth://` address an authenticator app reads (from the QR code, or tapped on a phone).
pub fn otpauth_uri(secret: &str, account: &str) -> String {
    let label: String = url_escape(&format!("Bayline:{account}"));
    format!(
        "otpauth://totp/{label}?secret={secret}&issuer=Bayline&algorithm=SHA1&digits={DIGITS}&period={STEP_SECONDS}"
    )
}

/// The app address as a QR code, an SVG element to put in the page (no XML prologue). The
/// text beside it works where a camera cannot (the app on the same phone).
pub fn qr_svg(uri: &str) -> String {
    let Ok(code) = qrcode::QrCode::new(uri.as_bytes()) else { return String::new() };
    let svg = code.render::<qrcode::render::svg::Color<'_>>().min_dimensions(200, 200).build();
    match svg.find("<svg") {
        Some(start) => svg[start..].to_string(),
        None => svg,
    }
}

fn url_escape(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'@' | b':' => {
                (b as char).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    /// RFC 6238 appendix B, SHA-1, key "12345678901234567890", last six of the eight digits.
    #[test]
    fn codes_match_the_rfc_test_vectors() {
        let key = b"12345678901234567890";
        let secret = BASE32_NOPAD.encode(key);
        for (time, code) in
            [(59, "287082"), (1_111_111_109, "081804"), (1_234_567_890, "005924"), (2_000_000_000, "279037")]
        {
            let at = Utc.timestamp_opt(time, 0).unwrap();
            assert_eq!(code_at(&secret, step_of(at)).unwrap(), code, "at {time}");
        }
    }

    #[test]
    fn a_code_is_accepted_one_step_either_side_and_never_again() {
        let secret = new_secret();
        let now = Utc.timestamp_opt(1_800_000_015, 0).unwrap();
        let step = step_of(now);
        for accepted in [step - 1, step, step + 1] {
            let code = code_at(&secret, accepted).unwrap();
            assert_eq!(matching_step(&secret, &code, now, 0), Some(accepted));
            assert_eq!(matching_step(&secret, &code, now, accepted), None, "used once, refused after");
        }
        for refused in [step - 2, step + 2] {
            let code = code_at(&secret, refused).unwrap();
            assert_ne!(matching_step(&secret, &code, now, 0), Some(refused));
        }
        assert_eq!(matching_step(&secret, "12345", now, 0), None);
        assert_eq!(matching_step(&secret, "abcdef", now, 0), None);
    }

    #[test]
    fn the_qr_code_is_an_svg_element() {
        let svg = qr_svg(&otpauth_uri("JBSWY3DPEHPK3PXP", "ana@example.com"));
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"), "{svg}");
    }

    #[test]
    fn the_app_address_names_bayline_and_the_account() {
        let uri = otpauth_uri("JBSWY3DPEHPK3PXP", "ana+admin@example.com");
        assert_eq!(
            uri,
            "otpauth://totp/Bayline:ana%2Badmin@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Bayline&algorithm=SHA1&digits=6&period=30"
        );
    }
}
