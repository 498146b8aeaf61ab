//! Moderation: reports that signed-in people file about content they can see, and the
//! admins' queue where each reported thing is hidden, its organisation suspended, or the
//! reports dismissed.
use serde::{Deserialize, Serialize};

use crate::vocabulary;

vocabulary! {
    /// What a report is about.
    ReportTarget {
        Need => ("need", "Need"),
        /// A shop's job or apprenticeship opening.
        Opening => ("opening", "Opening"),
        /// A message in a partnership's thread.
        Message => ("message", "Message"),
        /// A message between a shop and a student about an application.
        ApplicationMessage => ("application_message", "Application message"),
        Organisation => ("organisation", "Organisation"),
    }
}

vocabulary! {
    /// Why something is reported.
    ReportReason {
        Spam => ("spam", "Spam or advertising"),
        FakeOrganisation => ("fake_organisation", "Fake organisation"),
        Inappropriate => ("inappropriate", "Inappropriate or offensive"),
        Unsafe => ("unsafe", "Unsafe for students"),
        Other => ("other", "Something else"),
    }
}

vocabulary! {
    stored
    /// Where a report stands: open until an admin acts on its target.
    ReportStatus {
        Open => ("open", "Open"),
        Resolved => ("resolved", "Resolved"),
    }
}

vocabulary! {
    /// What the admin did about a resolved report.
    ReportAction {
        Hidden => ("hidden", "Content hidden"),
        Suspended => ("suspended", "Organisation suspended"),
        Dismissed => ("dismissed", "Dismissed"),
    }
}

/// One reported thing in the admins' queue, with its open reports taken together.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportedItem {
    pub target: ReportTarget,
    pub target_id: i64,
    /// What the thing is called (a need's title, an organisation's name, a message's first
    /// words).
    pub title: String,
    /// Where an admin reads it; `None` for messages, which are private to their thread (the
    /// queue shows their text instead).
    pub href: Option<String>,
    /// A message's full text (plain text, escaped on output); empty for other targets.
    pub excerpt: String,
    /// The organisation responsible for it (the one that posted it, or the one reported).
    pub organisation_id: Option<i64>,
    pub organisation_name: String,
    pub organisation_suspended: bool,
    /// Whether it is hidden already.
    pub hidden: bool,
    pub count: usize,
    /// Each distinct reason with how many reports gave it.
    pub reasons: Vec<(ReportReason, usize)>,
    /// The reporters' notes (plain text), newest first.
    pub notes: Vec<String>,
    /// When the first report came, in the reader's zone.
    pub first_reported: crate::time::Moment,
}

/// A suspended organisation, for the admins to lift its suspension.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuspendedOrg {
    pub id: i64,
    pub name: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_round_trip() {
        for target in ReportTarget::ALL {
            assert_eq!(ReportTarget::from_slug(target.slug()), Some(*target));
        }
        for reason in ReportReason::ALL {
            assert_eq!(ReportReason::from_slug(reason.slug()), Some(*reason));
        }
        assert_eq!(ReportAction::from_slug("suspended"), Some(ReportAction::Suspended));
        assert_eq!(ReportTarget::from_slug("user"), None);
    }
}
