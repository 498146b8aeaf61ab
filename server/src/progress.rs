//! A terminal progress bar for `bayline import`.
use importer::{Dataset, ImportOutcome, Progress};
use indicatif::{ProgressBar, ProgressStyle};

pub struct TerminalProgress {
    bar: ProgressBar,
}

impl TerminalProgress {
    pub fn new() -> Self {
        let bar = ProgressBar::hidden();
        bar.set_style(
            ProgressStyle::with_template("{prefix:>14} [{bar:40}] {pos}/{len} rows ({elapsed})")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        Self { bar }
    }
}

impl Default for TerminalProgress {
    fn default() -> Self {
        Self::new()
    }
}

impl Progress for TerminalProgress {
    fn start(&self, dataset: Dataset, rows: u64) {
        self.bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        self.bar.reset();
        self.bar.set_prefix(dataset.name());
        self.bar.set_length(rows);
        self.bar.set_position(0);
    }

    fn advance(&self, rows: u64) {
        self.bar.inc(rows);
    }

    fn finish(&self, outcome: &ImportOutcome) {
        self.bar.finish_and_clear();
        eprintln!("{outcome}");
    }
}

impl importer::RowProgress for TerminalProgress {
    fn start(&self, rows: u64) {
        self.bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        self.bar.reset();
        self.bar.set_prefix("schools");
        self.bar.set_length(rows);
        self.bar.set_position(0);
    }

    fn advance(&self, rows: u64) {
        self.bar.inc(rows);
    }

    fn done(&self) {
        self.bar.finish_and_clear();
    }
}
