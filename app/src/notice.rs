//! What a page says after a successful form. The handler redirects with `done=<key>`
//! (`Notice::key`); the page it lands on shows the words of the notices it lists. Key and
//! words are declared together, so a handler cannot send a key that has no words.
//!
//! Keys are short and may repeat across pages ("saved" on an event and on an article);
//! within one page's list they are unique (checked by the tests below).

macro_rules! notices {
    ($($(#[$doc:meta])* $variant:ident = $key:literal => $words:literal,)*) => {
        /// One confirmation a form can end with.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Notice {
            $($(#[$doc])* $variant,)*
        }

        impl Notice {
            /// Every notice, for the tests.
            pub const ALL: &'static [Notice] = &[$(Notice::$variant,)*];

            /// The `done=` value in the redirect.
            pub fn key(self) -> &'static str {
                match self { $(Notice::$variant => $key,)* }
            }

            /// What the page says.
            pub fn words(self) -> &'static str {
                match self { $(Notice::$variant => $words,)* }
            }
        }
    };
}

notices! {
    // The account page, sign-in and home (after an account is deleted).
    PasswordChanged = "password_changed" => "Your password is changed. Other devices have been signed out.",
    NameSaved = "name_saved" => "Your name is saved: people you work with on Bayline see it.",
    TimeZoneSaved = "time_zone_saved" => "Your time zone is saved: times on Bayline show in it.",
    EmailChangeSent = "email_change_sent" => "Check the inbox of the new address: we have sent it a link to confirm the change. It works for 24 hours.",
    EmailChanged = "email_changed" => "Your email address is changed.",
    AccountDeleted = "account_deleted" => "Your account and its data are deleted.",
    SessionEnded = "session_ended" => "That device is signed out.",
    SessionsEnded = "sessions_ended" => "Every other device is signed out.",
    ClaimPending = "claim_pending" => "Your claim is in. Bayline's admins check that you teach there (usually within two working days) and email you the answer.",
    ClaimAsked = "claim_asked" => "This school is on Bayline already: we have asked its instructors to accept you, and will email you their answer.",
    // Second factor.
    SecondFactorOn = "second_factor_on" => "Your second factor is on. Every other device has been signed out.",
    RecoveryCodesMade = "recovery_codes_made" => "New recovery codes are made: the old ones no longer work.",
    SecondFactorOff = "second_factor_off" => "Your second factor is off. Signing in needs only your password again.",
    // Notifications.
    AllRead = "all_read" => "All notifications are marked read.",
    EmailsSaved = "emails_saved" => "Your email choices are saved.",
    // Saved searches.
    SearchSaved = "search_saved" => "Search saved. We will tell you when something new matches it: see and change your saved searches on your account's alerts page.",
    SearchEdited = "search_edited" => "Your saved search is changed.",
    SearchPaused = "search_paused" => "Paused: nothing is sent for this search until you resume it.",
    SearchResumed = "search_resumed" => "Resumed: the next alert lists what is new since you were last told.",
    SearchDeleted = "search_deleted" => "The saved search is deleted.",
    AlertsOff = "alerts_off" => "Alert e-mails are off. Your saved searches still show what is new in your notifications; turn the e-mails back on there.",
    // Organisations.
    OrgCreated = "created" => "Added. An admin will verify it; we will email you the result.",
    DomainVerified = "verified" => "Verified: your email address is at the school's own web host, so this page is yours.",
    Invited = "invited" => "Invitation sent. It works for 7 days.",
    RequestAccepted = "request_accepted" => "Accepted: they are a member now, and we have emailed them.",
    RequestRefused = "request_refused" => "Refused; we have told them.",
    MemberRemoved = "removed" => "Member removed.",
    Transferred = "transferred" => "Ownership handed over. You are now a member.",
    Joined = "joined" => "Welcome: you are now a member.",
    NeedStatus = "need_status" => "The need's status is changed.",
    OpeningStatus = "opening_status" => "The opening's status is changed.",
    // Needs and offers.
    NeedPosted = "posted" => "Your need is posted. Shops nearby can find it now.",
    Offered = "offered" => "Your offer is sent. The program's members will answer; we email you their decision.",
    OfferDeclined = "declined_offer" => "Offer declined. The shop is told.",
    // Partnerships.
    OfferAccepted = "accepted_offer" => "Offer accepted: you are partners now.",
    Proposed = "proposed" => "Partnership proposed. The program's members are emailed.",
    PartnershipAccepted = "accepted" => "Partnership accepted: it is active now.",
    PartnershipDeclined = "declined" => "Partnership declined.",
    PartnershipEnded = "ended" => "Partnership ended.",
    PartnershipCompleted = "completed" => "Partnership marked completed.",
    MessageSent = "sent" => "Message sent.",
    // Openings and interest.
    OpeningPosted = "posted" => "Your opening is posted. Students nearby can find it now.",
    Interested = "interested" => "Thank you: the shop can now see what you chose to share.",
    InterestWithdrawn = "withdrawn" => "Withdrawn. The shop no longer sees what you shared.",
    // Applications: a shop and a student in conversation.
    ApplicationMessageSent = "sent" => "Message sent. The other side is told.",
    ApplicationStatusSet = "status_set" => "Status saved. The student sees it under “My applications” and is told.",
    ShopBlocked = "blocked" => "Blocked: this shop can no longer message you. You can undo this here.",
    ShopUnblocked = "unblocked" => "Unblocked: this shop can message you again.",
    // Events.
    EventPublished = "published" => "Your event is published.",
    EventSaved = "saved" => "Your changes are saved.",
    EventCancelled = "event_cancelled" => "The event is cancelled, and everyone who registered has been emailed.",
    Registered = "registered" => "You're registered. See you there!",
    Waitlisted = "waitlisted" => "The event is full, so you're on the waiting list. We'll email you if a place opens up.",
    Unregistered = "unregistered" => "Your registration is cancelled. Thanks for letting us know.",
    // Membership plans, invoices and payments.
    InvoiceIssued = "issued" => "Your invoice is ready. Pay it within 30 days; the membership starts when it is paid.",
    PaymentRecorded = "paid" => "Payment recorded: the membership is active.",
    BillingSaved = "billing_saved" => "Billing details saved. New invoices print them; invoices already issued keep theirs.",
    InvoiceCancelled = "cancelled" => "The invoice is cancelled. Nothing is owed, and a partner code's use was given back.",
    PlanAdded = "plan_added" => "Plan added: it is offered on /membership now.",
    PlanRetired = "plan_retired" => "Plan retired: no new checkouts; members who bought it keep it.",
    PlanOffered = "plan_offered" => "Plan offered again.",
    CodeAdded = "code_added" => "Partner code added.",
    // Pay-data review.
    ContributionAccepted = "accepted" => "Accepted: the submission now counts in figures.",
    ContributionRejected = "rejected" => "Rejected: the submission stays out of every figure.",
    // Articles.
    ArticleSaved = "saved" => "Saved.",
    ArticlePublished = "published" => "Published: readers can find it now.",
    ArticleUnpublished = "unpublished" => "Unpublished: only admins see it until it is published again.",
    ArticleDeleted = "deleted" => "The article is deleted.",
    // Imported school listings.
    SchoolInvited = "invited" => "Invitation sent: the school gets one e-mail from your shop with the link to add itself to Bayline.",
    // Moderation and admin verification.
    Reported = "reported" => "Your report is sent. Bayline's admins will look at it.",
    Hidden = "hidden" => "Hidden; its organisation's owners have been emailed.",
    Suspended = "suspended" => "Suspended; its owners have been emailed.",
    Lifted = "lifted" => "Suspension lifted; its owners have been emailed.",
    Dismissed = "dismissed" => "Reports dismissed.",
    OrgVerified = "verified" => "Verified; its owners have been emailed.",
    OrgRejected = "rejected" => "Rejected; its owners have been emailed the reason.",
    ClaimVerified = "claim_verified" => "Claim verified: the claimant owns the school's page, and its other claims now wait for them.",
    ClaimRefused = "claim_refused" => "Claim refused; the claimant has been emailed the reason.",
    // School lists.
    SchoolsImported = "schools_imported" => "The list is imported: its schools show on the map and in the finder as not yet on Bayline.",
    // The school's year.
    YearlyUpdateSaved = "year_update_saved" => "Your update for this school year is saved: shops see “Updated this year” on the map and in the finder. You can change it until June 30.",
    NeedFillRecorded = "fill_recorded" => "Recorded: the need is filled, and the shop you named is told (it can dispute the record).",
    NeedFillRemoved = "fill_removed" => "The record of who filled this need is removed. The need stays filled.",
    NeedFillDisputed = "fill_disputed" => "Dispute sent: the record counts for no badge until the school changes it or you withdraw the dispute.",
    NeedFillDisputeWithdrawn = "dispute_withdrawn" => "Dispute withdrawn: the record counts again.",
    BadgeRevoked = "badge_revoked" => "Badge revoked for that year.",
    BadgeRestored = "badge_restored" => "Revocation taken back: the badge shows again.",
    // Placements.
    PlacementCreated = "placement_created" => "The placement is made. The student is told: it starts once they say whether they are under 18 and, if they are, a parent or guardian agrees.",
    PlacementActive = "placement_active" => "Thank you: the placement is active.",
    ConsentSent = "consent_sent" => "We have e-mailed your parent or guardian a link to read the placement's terms and agree. It works once, for 14 days.",
    CoordinatorSet = "coordinator_set" => "The coordinator is saved.",
    PlacementEnded = "placement_ended" => "The placement is ended. Its record stays, with your reason.",
    PlacementSent = "placement_sent" => "The placement is made and the student is e-mailed a link to join it (it works once, for 14 days). Until they join, the placement waits for them.",
    JoinLinkSent = "join_link_sent" => "A new link is e-mailed to that address; earlier links stop working.",
    PlacementJoined = "placement_joined" => "You joined the placement. Before it starts, say below whether you are under 18.",
    ConsentGiven = "consent_given" => "Thank you: your consent is recorded and the placement is active. You can close this page.",
    HoursLogged = "hours_logged" => "Your hours are saved. Your mentor confirms them next.",
    HoursCorrected = "hours_corrected" => "Your correction is saved beside the entry it corrects. Your mentor reviews it next.",
    HoursConfirmed = "hours_confirmed" => "Confirmed. The entry counts toward the student's hours and cannot be changed now.",
    HoursQueried = "hours_queried" => "Your question is sent to the student, who corrects the entry.",
    EvaluationWritten = "evaluation_written" => "The evaluation is saved. The student and the coordinator can read it now.",
}

use Notice::*;

/// The account page, sign-in and home.
pub const ACCOUNT: &[Notice] = &[
    NameSaved,
    TimeZoneSaved,
    PasswordChanged,
    EmailChangeSent,
    EmailChanged,
    AccountDeleted,
    SessionEnded,
    SessionsEnded,
    InterestWithdrawn,
    ClaimPending,
    ClaimAsked,
];
pub const SECOND_FACTOR: &[Notice] = &[SecondFactorOn, RecoveryCodesMade, SecondFactorOff];
pub const NOTIFICATIONS: &[Notice] = &[AllRead, EmailsSaved];
/// The list pages a search is saved on (the notice shows there, beside the search).
pub const SAVED_SEARCH: &[Notice] = &[SearchSaved];
pub const ALERTS: &[Notice] = &[SearchEdited, SearchPaused, SearchResumed, SearchDeleted];
pub const UNSUBSCRIBE: &[Notice] = &[AlertsOff];
pub const ORGANISATION: &[Notice] = &[
    OrgCreated,
    DomainVerified,
    Invited,
    RequestAccepted,
    RequestRefused,
    MemberRemoved,
    Transferred,
    Joined,
    NeedStatus,
    OpeningStatus,
    YearlyUpdateSaved,
    NeedFillDisputed,
    NeedFillDisputeWithdrawn,
];
pub const NEED: &[Notice] = &[NeedPosted, Offered, OfferDeclined, NeedFillRecorded, NeedFillRemoved];
pub const PARTNERSHIP: &[Notice] = &[
    OfferAccepted,
    Proposed,
    PartnershipAccepted,
    PartnershipDeclined,
    PartnershipEnded,
    PartnershipCompleted,
    MessageSent,
];
pub const OPENING: &[Notice] = &[OpeningPosted, Interested, InterestWithdrawn, OpeningStatus];
pub const APPLICATION: &[Notice] =
    &[ApplicationMessageSent, ApplicationStatusSet, ShopBlocked, ShopUnblocked, InterestWithdrawn];
pub const EVENT: &[Notice] =
    &[EventPublished, EventSaved, EventCancelled, Registered, Waitlisted, Unregistered];
pub const INVOICE: &[Notice] = &[InvoiceIssued, PaymentRecorded];
pub const MEMBERSHIP: &[Notice] = &[InvoiceCancelled];
pub const MEMBERSHIP_ADMIN: &[Notice] =
    &[PlanAdded, PlanRetired, PlanOffered, CodeAdded, PaymentRecorded, BillingSaved];
pub const INSIGHTS_REVIEW: &[Notice] = &[ContributionAccepted, ContributionRejected];
pub const ARTICLE: &[Notice] = &[ArticleSaved, ArticlePublished, ArticleUnpublished, ArticleDeleted];
pub const REPORT: &[Notice] = &[Reported];
pub const MODERATION: &[Notice] = &[Hidden, Suspended, Lifted, Dismissed];
pub const ADMIN: &[Notice] = &[OrgVerified, OrgRejected, ClaimVerified, ClaimRefused];
pub const SCHOOL_IMPORT: &[Notice] = &[SchoolsImported];
pub const RECOGNITION_ADMIN: &[Notice] = &[BadgeRevoked, BadgeRestored];
pub const SCHOOL_LISTING: &[Notice] = &[SchoolInvited];
pub const PLACEMENT: &[Notice] = &[
    PlacementCreated,
    PlacementActive,
    ConsentSent,
    CoordinatorSet,
    PlacementEnded,
    PlacementSent,
    JoinLinkSent,
    PlacementJoined,
];
pub const GUARDIAN_CONSENT: &[Notice] = &[ConsentGiven];
pub const PLACEMENT_HOURS: &[Notice] = &[HoursLogged, HoursCorrected, HoursConfirmed, HoursQueried];
pub const PLACEMENT_EVALUATIONS: &[Notice] = &[EvaluationWritten];

/// Every page's list, for the tests.
pub const PAGES: &[&[Notice]] = &[
    RECOGNITION_ADMIN,
    PLACEMENT,
    GUARDIAN_CONSENT,
    PLACEMENT_HOURS,
    PLACEMENT_EVALUATIONS,
    ACCOUNT,
    SECOND_FACTOR,
    NOTIFICATIONS,
    SAVED_SEARCH,
    ALERTS,
    UNSUBSCRIBE,
    ORGANISATION,
    NEED,
    PARTNERSHIP,
    OPENING,
    APPLICATION,
    EVENT,
    INVOICE,
    MEMBERSHIP,
    MEMBERSHIP_ADMIN,
    INSIGHTS_REVIEW,
    ARTICLE,
    REPORT,
    MODERATION,
    ADMIN,
    SCHOOL_IMPORT,
    SCHOOL_LISTING,
];

/// The notice among `shown` whose key is `key`.
pub fn find(shown: &[Notice], key: &str) -> Option<Notice> {
    shown.iter().copied().find(|notice| notice.key() == key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_within_each_page() {
        for page in PAGES {
            for (i, notice) in page.iter().enumerate() {
                assert_eq!(
                    find(&page[..=i], notice.key()),
                    Some(*notice),
                    "{:?} repeats a key on its page",
                    notice
                );
            }
        }
    }

    #[test]
    fn every_notice_is_shown_by_some_page() {
        for notice in Notice::ALL {
            assert!(PAGES.iter().any(|page| page.contains(notice)), "no page shows {notice:?}");
        }
    }

    #[test]
    fn keys_are_plain_query_values() {
        for notice in Notice::ALL {
            assert!(notice.key().bytes().all(|b| b.is_ascii_lowercase() || b == b'_'), "{notice:?}");
            assert!(!notice.words().is_empty());
        }
    }
}
