use std::path::{Path, PathBuf};

/// Why an import was refused. Nothing has been written when one of these is returned.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file's contents are wrong at a given line (1-based; line 1 is the header).
    #[error("{}:{line}: {message}", file.display())]
    Malformed { file: PathBuf, line: u64, message: String },
    #[error("{}: {source}", file.display())]
    Io { file: PathBuf, source: std::io::Error },
    #[error("{0}")]
    MissingFile(String),
    #[error("database: {0}")]
    Database(#[from] sea_orm::DbErr),
}

impl ImportError {
    pub(crate) fn at(file: &Path, line: u64, message: impl Into<String>) -> Self {
        Self::Malformed { file: file.to_path_buf(), line, message: message.into() }
    }
}
