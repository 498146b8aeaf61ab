//! Passwords: the rules a new password must meet, and Argon2id hashing (OWASP ASVS 5.0
//! level 2: memory ≥ 19 MiB, two passes, one lane). Passwords are never logged: nothing
//! here implements `Debug` for them or writes them anywhere.
use std::sync::OnceLock;

use argon2::{
    Algorithm, Argon2, Params, PasswordHash, PasswordHasher, PasswordVerifier, Version,
    password_hash::{SaltString, rand_core::OsRng},
};

/// Shortest and longest passwords accepted, in characters.
pub const MIN_CHARS: usize = 8;
pub const MAX_CHARS: usize = 128;
/// zxcvbn score (0–4) a password must reach: 3 is "safely unguessable".
const MIN_SCORE: u8 = 3;

/// Argon2id with 19 MiB of memory, two passes, one lane.
fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid Argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Why a new password is refused, in words for the person choosing it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordProblem {
    #[error("use at least {MIN_CHARS} characters")]
    TooShort,
    #[error("use at most {MAX_CHARS} characters")]
    TooLong,
    #[error("this password is too easy to guess{0}")]
    TooWeak(String),
}

/// Checks a new password; `context` holds words an attacker would try first (the email,
/// the name), which count against it.
pub fn check_new(password: &str, context: &[&str]) -> Result<(), PasswordProblem> {
    let chars = password.chars().count();
    if chars < MIN_CHARS {
        return Err(PasswordProblem::TooShort);
    }
    if chars > MAX_CHARS {
        return Err(PasswordProblem::TooLong);
    }
    // zxcvbn matches whole inputs: give it the pieces too ("maria", "lopez" of an email).
    let mut words: Vec<&str> = context.to_vec();
    for item in context {
        words.extend(item.split(|c: char| !c.is_alphanumeric()).filter(|w| w.len() >= 3));
        if let Some((local, _)) = item.split_once('@') {
            words.push(local);
        }
    }
    let estimate = zxcvbn::zxcvbn(password, &words);
    if u8::from(estimate.score()) < MIN_SCORE {
        let hint =
            estimate.feedback().and_then(|f| f.warning().map(|w| format!(": {w}"))).unwrap_or_default();
        return Err(PasswordProblem::TooWeak(hint));
    }
    Ok(())
}

/// Hashes a password for storage (PHC string with its own random salt).
pub fn hash(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    hasher()
        .hash_password(password.as_bytes(), &salt)
        .expect("Argon2 hashing cannot fail with valid parameters")
        .to_string()
}

/// Whether `password` matches a stored hash. A malformed hash never matches.
pub fn verify(password: &str, stored: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(parsed) => hasher().verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    }
}

/// Spends the time of one verification without a real hash, so that a sign-in for an
/// unknown email takes as long as one with a wrong password.
pub fn verify_nothing(password: &str) {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let dummy = DUMMY.get_or_init(|| hash("an unguessable placeholder that matches nothing"));
    let _ = verify(password, dummy);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_with_the_required_cost_and_verify() {
        let stored = hash("correct horse battery staple");
        assert!(stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{stored}");
        assert!(verify("correct horse battery staple", &stored));
        assert!(!verify("correct horse battery stapler", &stored));
        assert_ne!(stored, hash("correct horse battery staple"), "every hash has its own salt");
        assert!(!verify("anything", "not a hash"));
    }

    #[test]
    fn enforces_length_and_strength() {
        assert_eq!(check_new("Ab1!xyz", &[]), Err(PasswordProblem::TooShort));
        assert_eq!(check_new(&"x".repeat(129), &[]), Err(PasswordProblem::TooLong));
        assert!(matches!(check_new("password1", &[]), Err(PasswordProblem::TooWeak(_))));
        assert!(matches!(
            check_new("maria.lopez2026", &["maria.lopez@example.com"]),
            Err(PasswordProblem::TooWeak(_))
        ));
        assert_eq!(check_new("tidal-orchard-copper-lantern", &[]), Ok(()));
        // 128 characters of something strong is accepted (the upper bound is inclusive).
        assert_eq!(check_new(&"tidal-orchard-copper-lantern-".repeat(5)[..128], &[]), Ok(()));
    }
}
