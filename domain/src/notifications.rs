//! In-app notifications and the email choices that go with them.
use serde::{Deserialize, Serialize};

use crate::vocabulary;

vocabulary! {
    /// What a notification is about; each person chooses per topic whether it is also
    /// emailed (the in-app list always has it).
    NoticeTopic {
        Offers => ("offers", "Offers on your needs and partnership proposals"),
        Decisions => ("decisions", "Decisions on offers and proposals, and partnership changes"),
        Messages => ("messages", "New messages in your partnerships"),
        Interest => ("interest", "Students' interest in your openings, and their messages"),
        Applications => ("applications", "Shops' answers to your applications: messages and status"),
        Alerts => ("alerts", "New matches of your saved searches"),
        Placements => ("placements", "Your work-based-learning placements: hours, evaluations, weekly summaries"),
    }
}

/// One notification as its owner sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeView {
    pub id: i64,
    pub topic: NoticeTopic,
    pub title: String,
    /// A local path (`/partnerships/7`), opened through the notification so it is marked read.
    pub link: String,
    pub created_at: crate::time::Moment,
    pub read: bool,
}

/// A page of someone's notifications, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticePage {
    pub notices: Vec<NoticeView>,
    pub unread: u64,
    /// The id to pass as `before` for the next (older) page, if there is one.
    pub older: Option<i64>,
}

/// Which topics a person has emailed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailChoices {
    pub emailed: Vec<NoticeTopic>,
}
