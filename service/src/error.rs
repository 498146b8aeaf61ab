//! The error every service call outside sign-in returns: bad input naming its field, the
//! two ways authorization fails, and the database (logged by the caller, never shown).
use sea_orm::DbErr;

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// Bad input, naming the form field.
    #[error("{field}: {message}")]
    Invalid { field: &'static str, message: String },
    /// Bad input in several fields, each named: a form reports all its problems at once.
    #[error("{}", .0.iter().map(|p| format!("{}: {}", p.field, p.message)).collect::<Vec<_>>().join("; "))]
    Fields(Vec<Problem>),
    #[error("please sign in first")]
    SignInRequired,
    #[error("you do not have access to this")]
    Forbidden,
    #[error("not found")]
    NotFound,
    /// The request conflicts with what exists (e.g. a program already claimed).
    #[error("{0}")]
    Conflict(String),
    /// Too many of one action in a time window (see `crate::limits`); `what` says which
    /// limit, and the message says when the next one will be accepted.
    #[error("{what}; try again after {} UTC", .retry_after.format("%Y-%m-%d %H:%M"))]
    RateLimited { what: String, retry_after: chrono::DateTime<chrono::Utc> },
    #[error(transparent)]
    Database(#[from] DbErr),
}

impl ServiceError {
    pub fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Self::Invalid { field, message: message.into() }
    }

    /// The field problems this error reports (none for errors that are not about input).
    pub fn problems(&self) -> Vec<Problem> {
        match self {
            Self::Invalid { field, message } => vec![Problem { field, message: message.clone() }],
            Self::Fields(problems) => problems.clone(),
            _ => Vec::new(),
        }
    }
}

/// One field's problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub field: &'static str,
    pub message: String,
}

/// Checks every field of a form before answering, so a refusal names all the problems, not
/// only the first: each `check` keeps its value or notes its problem; `finish` is the
/// error when any was noted. An error that is not about input (the database) wins.
#[derive(Debug, Default)]
pub struct Checks {
    problems: Vec<Problem>,
    other: Option<ServiceError>,
}

impl Checks {
    pub fn check<T>(&mut self, result: Result<T, ServiceError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error @ (ServiceError::Invalid { .. } | ServiceError::Fields(_))) => {
                for problem in error.problems() {
                    // One message a field: the first found is the one to fix first.
                    if !self.problems.iter().any(|p| p.field == problem.field) {
                        self.problems.push(problem);
                    }
                }
                None
            }
            Err(other) => {
                self.other.get_or_insert(other);
                None
            }
        }
    }

    /// Keeps a problem even when its field already has one: the rows of one form share field
    /// names, each message naming its row.
    pub fn add(&mut self, problem: Problem) {
        self.problems.push(problem);
    }

    /// Notes a problem found outside a `Result`.
    pub fn fail(&mut self, field: &'static str, message: impl Into<String>) {
        self.check::<()>(Err(ServiceError::invalid(field, message)));
    }

    /// The value built from the checked parts when every check passed (each part is then
    /// present, so `value` is `Some`); else the error naming every problem.
    pub fn finish_with<T>(self, value: Option<T>) -> Result<T, ServiceError> {
        self.finish()?;
        // Only a check that passed without giving its value could leave it out: a bug, told
        // as an internal error (logged, never shown).
        value.ok_or_else(|| {
            ServiceError::Database(DbErr::Custom("a form check passed without its value".into()))
        })
    }

    /// `Ok` when every check passed; else the error naming every problem.
    pub fn finish(self) -> Result<(), ServiceError> {
        match (self.other, self.problems.len()) {
            (Some(other), _) => Err(other),
            (None, 0) => Ok(()),
            (None, 1) => {
                let Problem { field, message } = self.problems.into_iter().next().expect("one problem");
                Err(ServiceError::Invalid { field, message })
            }
            (None, _) => Err(ServiceError::Fields(self.problems)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_report_every_field_once_and_database_errors_first() {
        let mut checks = Checks::default();
        assert_eq!(checks.check(Ok::<_, ServiceError>(3)), Some(3));
        assert_eq!(checks.check::<()>(Err(ServiceError::invalid("name", "this is required"))), None);
        checks.fail("city", "this is required");
        checks.fail("name", "a second message for the same field");
        let Err(ServiceError::Fields(problems)) = checks.finish() else { panic!("two problems") };
        let fields: Vec<_> = problems.iter().map(|p| (p.field, p.message.as_str())).collect();
        assert_eq!(fields, [("name", "this is required"), ("city", "this is required")]);

        let mut one = Checks::default();
        one.fail("zip", "we do not know the ZIP code 00000");
        assert!(matches!(one.finish(), Err(ServiceError::Invalid { field: "zip", .. })));

        let mut broken = Checks::default();
        broken.fail("name", "this is required");
        broken.check::<()>(Err(ServiceError::Database(DbErr::Custom("gone".into()))));
        assert!(matches!(broken.finish(), Err(ServiceError::Database(_))));
        assert!(Checks::default().finish().is_ok());
    }
}

impl From<crate::accounts::users::AccountError> for ServiceError {
    fn from(error: crate::accounts::users::AccountError) -> Self {
        use crate::accounts::users::AccountError as A;
        match error {
            A::Invalid { field, message } => Self::Invalid { field, message },
            A::Fields(problems) => Self::Fields(
                problems.into_iter().map(|(field, message)| Problem { field, message }).collect(),
            ),
            A::Database(e) => Self::Database(e),
            other => Self::Conflict(other.to_string()),
        }
    }
}
